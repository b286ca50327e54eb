/*
** .docx and .xlsx (Office Open XML) through libzip and libxml2.
**
** Word: paragraphs with their list numbering (numbering.xml counters, so a
** plan numbered by Word reads "1.", "2." as a person sees it) and tables
** with gridSpan/vMerge merged cells. Excel: every sheet as a table, shared
** strings, inline strings, merged ranges, and date-formatted numbers shown
** as dd/mm/yyyy. The XML parser never loads external entities or DTDs, and
** every part is size-checked before it is inflated.
*/
#include "util/util.h"
#include "idoc_int.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* ---- zip parts ---- */

/* Inflate one part; NULL when absent. *err set on a real failure. */
static char *zip_part(zip_t *z, const char *name, size_t *len, enum app_err *err)
{
	zip_stat_t st;
	zip_file_t *f;
	char *buf;
	zip_int64_t got;
	zip_int64_t idx = zip_name_locate(z, name, 0);

	*len = 0;
	if (idx < 0)
		return NULL;
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
		*err = APP_EINVAL;
		return NULL;
	}
	if (st.size > IDOC_MAX_XML) {
		*err = APP_ETOOBIG;
		return NULL;
	}
	f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f) {
		*err = APP_EINVAL;
		return NULL;
	}
	buf = xmalloc((size_t)st.size + 1);
	got = zip_fread(f, buf, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(buf);
		*err = APP_EINVAL;
		return NULL;
	}
	buf[got] = '\0';
	*len = (size_t)got;
	return buf;
}

static xmlDoc *zip_xml(zip_t *z, const char *name, enum app_err *err)
{
	size_t len;
	char *data = zip_part(z, name, &len, err);
	xmlDoc *doc;

	if (!data)
		return NULL;
	if (len > INT32_MAX) {
		free(data);
		*err = APP_ETOOBIG;
		return NULL;
	}
	doc = xmlReadMemory(data, (int)len, name, NULL, XML_OPTS);
	free(data);
	if (!doc)
		*err = APP_EINVAL;
	return doc;
}

static bool is(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(const xmlNode *n, const char *local)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, local))
			return c;
	return NULL;
}

/* Integer attribute (any namespace), or def. */
static long attr_long(const xmlNode *n, const char *name, long def)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
	long r = def;
	char *end;

	if (v) {
		long x = strtol((const char *)v, &end, 10);
		if (end != (char *)v && *end == '\0')
			r = x;
		xmlFree(v);
	}
	return r;
}

/* ---- tables under construction ---- */

void tbuild_set(struct tbuild *t, int row, int col, const char *text)
{
	if (row < 0 || col < 0 || row > 100000 || col > 1000)
		return;
	if (col >= t->cols_cap || row >= t->rows_cap) {
		int ncols = t->cols_cap, nrows = t->rows_cap;
		const char **cells;

		while (col >= ncols)
			ncols = ncols ? ncols * 2 : 8;
		while (row >= nrows)
			nrows = nrows ? nrows * 2 : 16;
		cells = xcalloc((size_t)nrows * (size_t)ncols, sizeof(*cells));
		for (int r = 0; r < t->rows; r++)
			for (int c = 0; c < t->cols; c++)
				cells[(size_t)r * (size_t)ncols + (size_t)c] =
					t->cells[(size_t)r * (size_t)t->cols_cap + (size_t)c];
		free(t->cells);
		t->cells = cells;
		t->cols_cap = ncols;
		t->rows_cap = nrows;
	}
	t->cells[(size_t)row * (size_t)t->cols_cap + (size_t)col] = text;
	if (row >= t->rows)
		t->rows = row + 1;
	if (col >= t->cols)
		t->cols = col + 1;
}

const char *tbuild_get(const struct tbuild *t, int row, int col)
{
	if (row < 0 || col < 0 || row >= t->rows || col >= t->cols)
		return NULL;
	return t->cells[(size_t)row * (size_t)t->cols_cap + (size_t)col];
}

void tbuild_finish(struct idoc *d, struct tbuild *t, size_t line)
{
	struct idoc_block *b;
	const char **cells;

	if (t->rows > 0 && t->cols > 0) {
		cells = arena_alloc(&d->arena, (size_t)t->rows * (size_t)t->cols * sizeof(*cells));
		for (int r = 0; r < t->rows; r++)
			for (int c = 0; c < t->cols; c++) {
				const char *v = tbuild_get(t, r, c);
				cells[(size_t)r * (size_t)t->cols + (size_t)c] = v ? v : "";
			}
		b = idoc_push(d, IDOC_TABLE);
		b->nrows = t->rows;
		b->ncols = t->cols;
		b->cells = cells;
		b->line = line;
	}
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* ---- Word ---- */

#define NUM_LEVELS 9

struct numlvl {
	char fmt[16];  /* decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet */
	char text[32]; /* "%1.", "%1.%2." */
	long start;
};

struct numdef {
	long num_id;
	struct numlvl lvl[NUM_LEVELS];
	long counter[NUM_LEVELS];
	bool used[NUM_LEVELS];
};

struct numbering {
	struct numdef *v;
	size_t n;
};

static void copy_attr(const xmlNode *n, const char *name, char *out, size_t cap)
{
	xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;

	out[0] = '\0';
	if (v) {
		snprintf(out, cap, "%s", (const char *)v);
		xmlFree(v);
	}
}

static void read_numbering(zip_t *z, struct numbering *nb)
{
	enum app_err err = APP_OK;
	xmlDoc *doc = zip_xml(z, "word/numbering.xml", &err);
	xmlNode *root;

	nb->v = NULL;
	nb->n = 0;
	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	for (xmlNode *num = root ? root->children : NULL; num; num = num->next) {
		long abs_id;

		if (!is(num, "num"))
			continue;
		abs_id = attr_long(child(num, "abstractNumId"), "val", -1);
		nb->v = xrealloc(nb->v, (nb->n + 1) * sizeof(*nb->v));
		memset(&nb->v[nb->n], 0, sizeof(nb->v[0]));
		nb->v[nb->n].num_id = attr_long(num, "numId", -1);
		for (xmlNode *an = root->children; an; an = an->next) {
			if (!is(an, "abstractNum") || attr_long(an, "abstractNumId", -2) != abs_id)
				continue;
			for (xmlNode *l = an->children; l; l = l->next) {
				long il = attr_long(l, "ilvl", -1);
				struct numlvl *lv;

				if (!is(l, "lvl") || il < 0 || il >= NUM_LEVELS)
					continue;
				lv = &nb->v[nb->n].lvl[il];
				copy_attr(child(l, "numFmt"), "val", lv->fmt, sizeof(lv->fmt));
				copy_attr(child(l, "lvlText"), "val", lv->text, sizeof(lv->text));
				lv->start = attr_long(child(l, "start"), "val", 1);
			}
		}
		for (int i = 0; i < NUM_LEVELS; i++)
			nb->v[nb->n].counter[i] = nb->v[nb->n].lvl[i].start - 1;
		nb->n++;
	}
	xmlFreeDoc(doc);
}

static void roman(long v, bool upper, struct sbuf *out)
{
	static const struct {
		int v;
		const char *s;
	} R[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" }, { 50, "l" },
		{ 40, "xl" },  { 10, "x" },   { 9, "ix" },  { 5, "v" },    { 4, "iv" },  { 1, "i" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(R) && v > 0; i++)
		while (v >= R[i].v) {
			for (const char *p = R[i].s; *p; p++)
				sbuf_addch(out, upper ? (char)(*p - 'a' + 'A') : *p);
			v -= R[i].v;
		}
}

static void format_level(const struct numlvl *lv, long v, struct sbuf *out)
{
	if (strcmp(lv->fmt, "lowerLetter") == 0 || strcmp(lv->fmt, "upperLetter") == 0) {
		char base = lv->fmt[0] == 'l' ? 'a' : 'A';
		if (v >= 1)
			sbuf_addch(out, (char)(base + (v - 1) % 26));
	} else if (strcmp(lv->fmt, "lowerRoman") == 0 || strcmp(lv->fmt, "upperRoman") == 0) {
		roman(v, lv->fmt[0] == 'u', out);
	} else {
		sbuf_addf(out, "%ld", v);
	}
}

/* Advance the counters of (numId, ilvl) and write the label into the arena. */
static const char *number_label(struct idoc *d, struct numbering *nb, long num_id, long il)
{
	struct numdef *nd = NULL;
	const struct numlvl *lv;
	struct sbuf b;
	const char *r;

	for (size_t i = 0; i < nb->n; i++)
		if (nb->v[i].num_id == num_id)
			nd = &nb->v[i];
	if (!nd || il < 0 || il >= NUM_LEVELS)
		return NULL;
	lv = &nd->lvl[il];
	nd->counter[il]++;
	nd->used[il] = true;
	for (int j = (int)il + 1; j < NUM_LEVELS; j++)
		nd->counter[j] = nd->lvl[j].start - 1;
	if (strcmp(lv->fmt, "bullet") == 0 || strcmp(lv->fmt, "none") == 0)
		return strcmp(lv->fmt, "bullet") == 0 ? "-" : NULL;
	sbuf_init(&b, 256);
	for (const char *p = lv->text; *p; p++) {
		if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			format_level(&nd->lvl[k], nd->counter[k] < 1 ? 1 : nd->counter[k], &b);
			p++;
		} else {
			sbuf_addch(&b, *p);
		}
	}
	r = arena_strdup(&d->arena, b.buf ? b.buf : "");
	sbuf_release(&b);
	return r;
}

/* Text of a paragraph-like subtree: runs, tabs, breaks; deletions skipped. */
static void collect_text(const xmlNode *n, struct sbuf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "t")) {
			xmlChar *s = xmlNodeGetContent(c);
			if (s) {
				sbuf_addstr(out, (const char *)s);
				xmlFree(s);
			}
		} else if (is(c, "tab")) {
			sbuf_addch(out, ' ');
		} else if (is(c, "br") || is(c, "cr")) {
			sbuf_addch(out, '\n');
		} else if (is(c, "p")) {
			if (out->len && out->buf[out->len - 1] != '\n')
				sbuf_addch(out, '\n');
			collect_text(c, out);
		} else if (is(c, "del") || is(c, "delText") || is(c, "instrText") || is(c, "pPr") || is(c, "rPr") ||
			   is(c, "tblPr") || is(c, "tcPr") || is(c, "trPr")) {
			continue;
		} else {
			collect_text(c, out);
		}
	}
}

static void docx_para(struct idoc *d, struct numbering *nb, const xmlNode *p, size_t line)
{
	struct sbuf b;
	const xmlNode *numpr = child(child(p, "pPr"), "numPr");
	const char *label = NULL, *text;
	long level = -1;

	sbuf_init(&b, IDOC_MAX_XML);
	collect_text(p, &b);
	text = idoc_clean(d, b.buf ? b.buf : "", b.len);
	sbuf_release(&b);
	if (numpr) {
		long num_id = attr_long(child(numpr, "numId"), "val", 0);
		level = attr_long(child(numpr, "ilvl"), "val", 0);
		if (num_id > 0)
			label = number_label(d, nb, num_id, level);
		else
			level = -1;
	}
	if (!*text)
		return;
	{
		struct idoc_block *blk = idoc_push(d, IDOC_PARA);
		blk->text = text;
		blk->list_level = (int)level;
		blk->label = label;
		blk->line = line;
	}
}

static void docx_table(struct idoc *d, const xmlNode *tbl, size_t line)
{
	struct tbuild t = { 0 };
	int row = 0;

	for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
		int col;

		if (!is(tr, "tr"))
			continue;
		col = (int)attr_long(child(child(tr, "trPr"), "gridBefore"), "val", 0);
		for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
			const xmlNode *tcpr = child(tc, "tcPr");
			const xmlNode *vm = child(tcpr, "vMerge");
			long span = attr_long(child(tcpr, "gridSpan"), "val", 1);
			const char *text;

			if (!is(tc, "tc"))
				continue;
			if (span < 1 || span > 64)
				span = 1;
			if (vm) {
				xmlChar *v = xmlGetProp(vm, (const xmlChar *)"val");
				bool restart = v && strcmp((const char *)v, "restart") == 0;
				if (v)
					xmlFree(v);
				if (!restart) {
					/* continuation: the reader sees the cell above */
					text = tbuild_get(&t, row - 1, col);
					goto place;
				}
			}
			{
				struct sbuf b;
				sbuf_init(&b, IDOC_MAX_XML);
				collect_text(tc, &b);
				text = idoc_clean(d, b.buf ? b.buf : "", b.len);
				sbuf_release(&b);
			}
place:
			for (long k = 0; k < span; k++)
				tbuild_set(&t, row, col + (int)k, text ? text : "");
			col += (int)span;
		}
		row++;
	}
	tbuild_finish(d, &t, line);
}

static void docx_body(struct idoc *d, struct numbering *nb, const xmlNode *n, size_t *line)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "p")) {
			docx_para(d, nb, c, ++*line);
		} else if (is(c, "tbl")) {
			docx_table(d, c, ++*line);
		} else if (is(c, "sdt")) {
			const xmlNode *content = child(c, "sdtContent");
			if (content)
				docx_body(d, nb, content, line);
		}
	}
}

static enum app_err read_docx(zip_t *z, struct idoc *out, const char **why)
{
	enum app_err err = APP_OK;
	xmlDoc *doc = zip_xml(z, "word/document.xml", &err);
	xmlNode *body;
	struct numbering nb;
	size_t line = 0;

	if (!doc) {
		*why = err == APP_ETOOBIG ? "the document part is too large"
					  : "word/document.xml is not well-formed XML";
		return err == APP_OK ? APP_EINVAL : err;
	}
	body = child(xmlDocGetRootElement(doc), "body");
	if (!body) {
		xmlFreeDoc(doc);
		*why = "word/document.xml has no body";
		return APP_EINVAL;
	}
	idoc_init(out, "docx");
	read_numbering(z, &nb);
	docx_body(out, &nb, body, &line);
	free(nb.v);
	xmlFreeDoc(doc);
	return APP_OK;
}

/* ---- Excel ---- */

struct strtab {
	const char **v;
	size_t n;
};

static void read_shared_strings(zip_t *z, struct idoc *d, struct strtab *st)
{
	enum app_err err = APP_OK;
	xmlDoc *doc = zip_xml(z, "xl/sharedStrings.xml", &err);
	xmlNode *root;
	size_t cap = 0;

	st->v = NULL;
	st->n = 0;
	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
		struct sbuf b;

		if (!is(si, "si"))
			continue;
		sbuf_init(&b, IDOC_MAX_XML);
		collect_text(si, &b); /* <t> or rich runs <r><t> */
		if (st->n == cap) {
			cap = cap ? cap * 2 : 256;
			st->v = xrealloc(st->v, cap * sizeof(*st->v));
		}
		st->v[st->n++] = idoc_clean(d, b.buf ? b.buf : "", b.len);
		sbuf_release(&b);
	}
	xmlFreeDoc(doc);
}

/* For each cell style index, whether it formats numbers as dates. */
struct datestyles {
	bool *is_date;
	size_t n;
};

static bool format_is_date(long id, const char *code)
{
	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))
		return true;
	if (!code)
		return false;
	for (const char *p = code; *p; p++) {
		if (*p == '"') { /* quoted literal */
			p = strchr(p + 1, '"');
			if (!p)
				return false;
			continue;
		}
		if (*p == '[') {
			p = strchr(p, ']');
			if (!p)
				return false;
			continue;
		}
		if (*p == 'd' || *p == 'y' || *p == 'D' || *p == 'Y')
			return true;
	}
	return false;
}

static void read_styles(zip_t *z, struct datestyles *ds)
{
	enum app_err err = APP_OK;
	xmlDoc *doc = zip_xml(z, "xl/styles.xml", &err);
	xmlNode *root, *numfmts, *xfs;

	ds->is_date = NULL;
	ds->n = 0;
	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	numfmts = child(root, "numFmts");
	xfs = child(root, "cellXfs");
	for (xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
		long id;
		char *code = NULL;

		if (!is(xf, "xf"))
			continue;
		id = attr_long(xf, "numFmtId", 0);
		for (xmlNode *nf = numfmts ? numfmts->children : NULL; nf; nf = nf->next)
			if (is(nf, "numFmt") && attr_long(nf, "numFmtId", -1) == id) {
				xmlChar *v = xmlGetProp(nf, (const xmlChar *)"formatCode");
				if (v) {
					code = xstrdup((const char *)v);
					xmlFree(v);
				}
			}
		ds->is_date = xrealloc(ds->is_date, (ds->n + 1) * sizeof(bool));
		ds->is_date[ds->n++] = format_is_date(id, code);
		free(code);
	}
	xmlFreeDoc(doc);
}

/* "AB12" -> col 27 (0-based 27? no: 0-based 27 is AB), row 11 (0-based). */
static bool cell_ref(const char *r, int *row, int *col)
{
	int c = 0, rr = 0;
	const char *p = r;

	if (!r)
		return false;
	for (; *p >= 'A' && *p <= 'Z'; p++) {
		c = c * 26 + (*p - 'A' + 1);
		if (c > 16384)
			return false;
	}
	if (c == 0)
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		rr = rr * 10 + (*p - '0');
		if (rr > 1048576)
			return false;
	}
	if (*p || rr == 0)
		return false;
	*row = rr - 1;
	*col = c - 1;
	return true;
}

/* Excel serial day (1900 system) to dd/mm/yyyy. */
static const char *serial_date(struct arena *a, double serial)
{
	long days = (long)serial;
	char iso[11], vn[11];

	if (days < 1 || days > 2958465)
		return NULL;
	if (days < 60)
		days += 1;                 /* Excel's fictitious 29/02/1900 */
	date_from_days(days - 25569, iso); /* serial 25569 is 1970-01-01 */
	if (!date_iso_to_vn(iso, vn))
		return NULL;
	return arena_strdup(a, vn);
}

static void xlsx_sheet(struct idoc *d, zip_t *z, const char *part, const struct strtab *st, const struct datestyles *ds)
{
	enum app_err err = APP_OK;
	xmlDoc *doc = zip_xml(z, part, &err);
	xmlNode *root, *data, *merges;
	struct tbuild t = { 0 };

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	data = child(root, "sheetData");
	for (xmlNode *row = data ? data->children : NULL; row; row = row->next) {
		if (!is(row, "row"))
			continue;
		for (xmlNode *c = row->children; c; c = c->next) {
			xmlChar *ref, *type;
			int r, col;
			const char *text = NULL;
			xmlNode *v;
			long style;

			if (!is(c, "c"))
				continue;
			ref = xmlGetProp(c, (const xmlChar *)"r");
			if (!ref || !cell_ref((const char *)ref, &r, &col)) {
				if (ref)
					xmlFree(ref);
				continue;
			}
			xmlFree(ref);
			type = xmlGetProp(c, (const xmlChar *)"t");
			style = attr_long(c, "s", 0);
			v = child(c, "v");
			if (type && strcmp((const char *)type, "inlineStr") == 0) {
				struct sbuf b;
				sbuf_init(&b, IDOC_MAX_XML);
				if (child(c, "is"))
					collect_text(child(c, "is"), &b);
				text = idoc_clean(d, b.buf ? b.buf : "", b.len);
				sbuf_release(&b);
			} else if (v) {
				xmlChar *s = xmlNodeGetContent(v);
				const char *sv = s ? (const char *)s : "";

				if (type && strcmp((const char *)type, "s") == 0) {
					long i = strtol(sv, NULL, 10);
					text = (i >= 0 && (size_t)i < st->n) ? st->v[i] : "";
				} else if (!type && style >= 0 && (size_t)style < ds->n && ds->is_date[style]) {
					text = serial_date(&d->arena, strtod(sv, NULL));
					if (!text)
						text = idoc_clean(d, sv, strlen(sv));
				} else {
					text = idoc_clean(d, sv, strlen(sv));
				}
				if (s)
					xmlFree(s);
			}
			if (type)
				xmlFree(type);
			if (text)
				tbuild_set(&t, r, col, text);
		}
	}
	/* merged ranges show the top-left value everywhere */
	merges = child(root, "mergeCells");
	for (xmlNode *m = merges ? merges->children : NULL; m; m = m->next) {
		xmlChar *ref = is(m, "mergeCell") ? xmlGetProp(m, (const xmlChar *)"ref") : NULL;
		char a[16], b[16];
		int r0, c0, r1, c1;
		const char *colon;

		if (!ref)
			continue;
		colon = strchr((const char *)ref, ':');
		if (colon && (size_t)(colon - (const char *)ref) < sizeof(a) && strlen(colon + 1) < sizeof(b)) {
			memcpy(a, ref, (size_t)(colon - (const char *)ref));
			a[colon - (const char *)ref] = '\0';
			snprintf(b, sizeof(b), "%s", colon + 1);
			if (cell_ref(a, &r0, &c0) && cell_ref(b, &r1, &c1) && r1 >= r0 && c1 >= c0 &&
			    (long)(r1 - r0 + 1) * (c1 - c0 + 1) <= 100000) {
				const char *v = tbuild_get(&t, r0, c0);
				for (int r = r0; r <= r1; r++)
					for (int c = c0; c <= c1; c++)
						if (r != r0 || c != c0)
							tbuild_set(&t, r, c, v ? v : "");
			}
		}
		xmlFree(ref);
	}
	tbuild_finish(d, &t, 1);
	xmlFreeDoc(doc);
}

static enum app_err read_xlsx(zip_t *z, struct idoc *out, const char **why)
{
	enum app_err err = APP_OK;
	xmlDoc *wb = zip_xml(z, "xl/workbook.xml", &err);
	xmlDoc *rels = zip_xml(z, "xl/_rels/workbook.xml.rels", &err);
	xmlNode *sheets, *rroot;
	struct strtab st;
	struct datestyles ds;

	if (!wb || !rels) {
		if (wb)
			xmlFreeDoc(wb);
		if (rels)
			xmlFreeDoc(rels);
		*why = "the workbook is damaged (workbook.xml or its relationships)";
		return err == APP_ETOOBIG ? err : APP_EINVAL;
	}
	idoc_init(out, "xlsx");
	read_shared_strings(z, out, &st);
	read_styles(z, &ds);
	sheets = child(xmlDocGetRootElement(wb), "sheets");
	rroot = xmlDocGetRootElement(rels);
	for (xmlNode *s = sheets ? sheets->children : NULL; s; s = s->next) {
		xmlChar *rid = is(s, "sheet") ? xmlGetProp(s, (const xmlChar *)"id") : NULL;

		if (!rid)
			continue;
		for (xmlNode *r = rroot ? rroot->children : NULL; r; r = r->next) {
			xmlChar *id = is(r, "Relationship") ? xmlGetProp(r, (const xmlChar *)"Id") : NULL;
			xmlChar *target;
			char part[512];

			if (!id)
				continue;
			if (strcmp((const char *)id, (const char *)rid) != 0) {
				xmlFree(id);
				continue;
			}
			xmlFree(id);
			target = xmlGetProp(r, (const xmlChar *)"Target");
			if (target) {
				const char *tg = (const char *)target;
				if (tg[0] == '/')
					snprintf(part, sizeof(part), "%s", tg + 1);
				else
					snprintf(part, sizeof(part), "xl/%s", tg);
				xlsx_sheet(out, z, part, &st, &ds);
				xmlFree(target);
			}
			break;
		}
		xmlFree(rid);
	}
	free(st.v);
	free(ds.is_date);
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	return APP_OK;
}

enum app_err idoc_read_zip(const void *data, size_t n, struct idoc *out, const char **why)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	enum app_err e;

	zip_error_init(&ze);
	src = zip_source_buffer_create(data, n, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		*why = "cannot read the zip container";
		return APP_EINVAL;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		zip_source_free(src);
		zip_error_fini(&ze);
		*why = "a damaged zip file (not a .docx or .xlsx)";
		return APP_EINVAL;
	}
	if (zip_name_locate(z, "word/document.xml", 0) >= 0) {
		e = read_docx(z, out, why);
	} else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) {
		e = read_xlsx(z, out, why);
	} else {
		*why = "a zip file that is neither .docx nor .xlsx";
		e = APP_EINVAL;
	}
	zip_discard(z);
	zip_error_fini(&ze);
	return e;
}
