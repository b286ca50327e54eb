/* .docx in the party's document format (see docx.h). */
#include "util/util.h"
#include "render/docx.h"

#include <zip.h>

struct docx {
	struct sbuf body; /* the children of <w:body>, built as we go */
};

struct docx *docx_new(void)
{
	struct docx *d = xcalloc(1, sizeof(*d));

	sbuf_init(&d->body, 0);
	return d;
}

void docx_free(struct docx *d)
{
	if (!d)
		return;
	sbuf_release(&d->body);
	free(d);
}

/* Text as XML character data; characters XML 1.0 forbids are dropped. */
static void esc(struct sbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': sbuf_addstr(b, "&amp;"); break;
		case '<': sbuf_addstr(b, "&lt;"); break;
		case '>': sbuf_addstr(b, "&gt;"); break;
		case '"': sbuf_addstr(b, "&quot;"); break;
		default:
			if (c >= 0x20 || c == '\t')
				sbuf_addch(b, (char)c);
		}
	}
}

/* Runs for text, with <w:br/> at line breaks. */
static void runs(struct sbuf *b, const char *text, unsigned flags, int size)
{
	const char *p = text ? text : "";
	int half = (size > 0 ? size : 14) * 2;

	for (;;) {
		size_t n = strcspn(p, "\n");

		sbuf_addstr(b, "<w:r><w:rPr>");
		if (flags & DOCX_BOLD)
			sbuf_addstr(b, "<w:b/>");
		if (flags & DOCX_ITALIC)
			sbuf_addstr(b, "<w:i/>");
		sbuf_addf(b, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>", half, half);
		sbuf_addstr(b, "<w:t xml:space=\"preserve\">");
		esc(b, p, n);
		sbuf_addstr(b, "</w:t></w:r>");
		if (!p[n])
			break;
		sbuf_addstr(b, "<w:r><w:br/></w:r>");
		p += n + 1;
	}
}

static void para_xml(struct sbuf *b, const char *text, unsigned flags, int size, const char *extra_ppr)
{
	sbuf_addstr(b, "<w:p><w:pPr>");
	if (extra_ppr)
		sbuf_addstr(b, extra_ppr);
	if (flags & DOCX_UPPER_SPACE)
		sbuf_addstr(b, "<w:spacing w:before=\"120\"/>");
	if (flags & DOCX_INDENT)
		sbuf_addstr(b, "<w:ind w:firstLine=\"567\"/>");
	if (flags & DOCX_CENTER)
		sbuf_addstr(b, "<w:jc w:val=\"center\"/>");
	else if (flags & DOCX_RIGHT)
		sbuf_addstr(b, "<w:jc w:val=\"right\"/>");
	else if (flags & DOCX_JUSTIFY)
		sbuf_addstr(b, "<w:jc w:val=\"both\"/>");
	sbuf_addstr(b, "</w:pPr>");
	runs(b, text, flags, size);
	sbuf_addstr(b, "</w:p>");
}

void docx_para(struct docx *d, const char *text, unsigned flags, int size)
{
	para_xml(&d->body, text, flags, size, NULL);
}

/* A borderless two-column layout table: widths in twips. */
static void layout_begin(struct sbuf *b, int w1, int w2)
{
	sbuf_addf(b,
		  "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
		  "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
		  "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
		  "</w:tblPr><w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid><w:tr>",
		  w1 + w2, w1, w2);
}

static void cell_begin(struct sbuf *b, int w)
{
	sbuf_addf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", w);
}

/* "ngày 08 tháng 12 năm 2025" from an ISO date; "" when bad. */
static void date_line(const char *place, const char *iso, char *out, size_t cap)
{
	char norm[11];

	if (iso && date_parse(iso, norm) && iso[4] == '-')
		snprintf(out, cap, "%s%sngày %.2s tháng %.2s năm %.4s", place ? place : "", place ? ", " : "", norm + 8,
			 norm + 5, norm);
	else
		snprintf(out, cap, "%s%sngày ... tháng ... năm ...", place ? place : "", place ? ", " : "");
}

void docx_party_header(struct docx *d, const struct docx_party_header *h)
{
	struct sbuf *b = &d->body;
	char line[256];

	/* text width on A4 with 30/15 mm margins: 210 - 45 = 165 mm = 9355 twips */
	layout_begin(b, 4400, 4955);
	cell_begin(b, 4400);
	para_xml(b, h->superior ? h->superior : "", 0, 13, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	para_xml(b, h->issuer ? h->issuer : "", DOCX_BOLD, 13, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	para_xml(b, "*", 0, 14, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	snprintf(line, sizeof(line), "Số %s", h->number ? h->number : "...");
	para_xml(b, line, 0, 14, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	sbuf_addstr(b, "</w:tc>");
	cell_begin(b, 4955);
	/* the rule below the title, about as long as it: a paragraph bottom border */
	para_xml(b, "ĐẢNG CỘNG SẢN VIỆT NAM", DOCX_BOLD, 15,
		 "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
		 "<w:spacing w:after=\"240\"/><w:ind w:left=\"80\" w:right=\"80\"/><w:jc w:val=\"center\"/>");
	date_line(h->place, h->date_iso, line, sizeof(line));
	para_xml(b, line, DOCX_ITALIC, 13, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	sbuf_addstr(b, "</w:tc></w:tr></w:tbl>");
	if (h->kind_title)
		para_xml(b, h->kind_title, DOCX_BOLD, 15,
			 "<w:spacing w:before=\"360\" w:after=\"0\"/><w:jc w:val=\"center\"/>");
	if (h->summary)
		para_xml(b, h->summary, DOCX_BOLD, 14, "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>");
}

/* Characters (not bytes) of UTF-8 text s; *word gets the longest space-separated run. */
static int text_chars(const char *s, int *word)
{
	int n = 0, run = 0;

	*word = 0;
	for (; s && *s; s++) {
		if (((unsigned char)*s & 0xC0) == 0x80)
			continue;
		n++;
		run = *s == ' ' ? 0 : run + 1;
		if (run > *word)
			*word = run;
	}
	return n;
}

/*
** Column widths in twips that add up to total. Each column first gets room
** for its longest word (a header's in bold: two characters more), then the
** rest of the width is shared in proportion to how much more its longest
** cell would like (capped at 40 characters, so one long text does not
** squeeze the others). "STT" gets a narrow column, a date stays on one
** line, the content gets the width. 13 pt Times: about 125 twips per
** character; 230 twips of cell margins.
*/
static void table_widths(const char *const *cells, int nrows, int ncols, bool header, int total, int *w)
{
	enum { CH = 125, PAD = 230 };
	int *lo = xmalloc((size_t)ncols * sizeof(*lo)), sumlo = 0, sumextra = 0;

	for (int c = 0; c < ncols; c++) {
		int word_max = 3, want = 3;
		for (int r = 0; r < nrows; r++) {
			int word, n = text_chars(cells[(size_t)r * (size_t)ncols + (size_t)c], &word);
			if (r == 0 && header)
				word += 2, n = word;
			if (word > word_max)
				word_max = word;
			if ((n > 40 ? 40 : n) > want)
				want = n > 40 ? 40 : n;
		}
		lo[c] = word_max * CH + PAD;
		w[c] = (want > word_max ? want : word_max) * CH + PAD - lo[c]; /* what it would like on top */
		sumlo += lo[c];
		sumextra += w[c];
	}
	int used = 0, room = total - sumlo;
	for (int c = 0; c < ncols; c++) {
		if (room <= 0) /* the words alone do not fit: scale them */
			w[c] = (int)((long)total * lo[c] / sumlo);
		else
			w[c] = lo[c] + (sumextra ? (int)((long)room * w[c] / sumextra) : room / ncols);
		if (c == ncols - 1)
			w[c] = total - used;
		used += w[c];
	}
	free(lo);
}

void docx_table(struct docx *d, const char *const *cells, int nrows, int ncols, bool header)
{
	struct sbuf *b = &d->body;
	int *w;

	if (nrows <= 0 || ncols <= 0)
		return;
	w = xmalloc((size_t)ncols * sizeof(*w));
	table_widths(cells, nrows, ncols, header, 9355, w);
	sbuf_addstr(b, "<w:tbl><w:tblPr><w:tblW w:w=\"9355\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
		       "<w:tblBorders>"
		       "<w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
		       "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>"
		       "<w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>"
		       "</w:tblBorders></w:tblPr><w:tblGrid>");
	for (int c = 0; c < ncols; c++)
		sbuf_addf(b, "<w:gridCol w:w=\"%d\"/>", w[c]);
	sbuf_addstr(b, "</w:tblGrid>");
	for (int r = 0; r < nrows; r++) {
		sbuf_addstr(b, r == 0 && header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
		for (int c = 0; c < ncols; c++) {
			const char *v = cells[(size_t)r * (size_t)ncols + (size_t)c];
			cell_begin(b, w[c]);
			para_xml(b, v ? v : "", r == 0 && header ? DOCX_BOLD | DOCX_CENTER : 0, 13,
				 "<w:spacing w:after=\"0\"/>");
			sbuf_addstr(b, "</w:tc>");
		}
		sbuf_addstr(b, "</w:tr>");
	}
	sbuf_addstr(b, "</w:tbl>");
	free(w);
}

void docx_signature(struct docx *d, const char *const *recipients, size_t nrecipients, const char *capacity,
		    const char *title, const char *signer)
{
	struct sbuf *b = &d->body;

	para_xml(b, "", 0, 14, NULL);
	layout_begin(b, 4600, 4755);
	cell_begin(b, 4600);
	para_xml(b, "Nơi nhận:", DOCX_BOLD | DOCX_ITALIC, 12, "<w:spacing w:after=\"0\"/>");
	for (size_t i = 0; i < nrecipients; i++) {
		char *line = xasprintf("- %s", recipients[i]);
		para_xml(b, line, 0, 11, "<w:spacing w:after=\"0\"/>");
		free(line);
	}
	sbuf_addstr(b, "</w:tc>");
	cell_begin(b, 4755);
	if (capacity)
		para_xml(b, capacity, DOCX_BOLD, 14, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	if (title)
		para_xml(b, title, DOCX_BOLD, 14, "<w:spacing w:after=\"1200\"/><w:jc w:val=\"center\"/>");
	if (signer)
		para_xml(b, signer, DOCX_BOLD, 14, "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>");
	sbuf_addstr(b, "</w:tc></w:tr></w:tbl>");
}

static const char CONTENT_TYPES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
	"wordprocessingml.styles+xml\"/></Types>";

static const char RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char DOC_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"styles\" Target=\"styles.xml\"/></Relationships>";

/* Times New Roman 14 for everything, Vietnamese, single spacing with 6 pt after. */
static const char STYLES[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
	"w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
	"<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
	"<w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"</w:styles>";

enum app_err docx_bytes(struct docx *d, char **out, size_t *len)
{
	struct sbuf doc;
	zip_error_t ze;
	zip_source_t *mem, *part;
	zip_t *z;
	zip_stat_t st;
	enum app_err e = APP_EIO;
	const struct {
		const char *name, *data;
		size_t len;
	} * pp, parts[] = {
		{ "[Content_Types].xml", CONTENT_TYPES, sizeof(CONTENT_TYPES) - 1 },
		{ "_rels/.rels", RELS, sizeof(RELS) - 1 },
		{ "word/_rels/document.xml.rels", DOC_RELS, sizeof(DOC_RELS) - 1 },
		{ "word/styles.xml", STYLES, sizeof(STYLES) - 1 },
		{ "word/document.xml", NULL, 0 },
		{ NULL, NULL, 0 },
	};

	*out = NULL;
	*len = 0;
	sbuf_init(&doc, 0);
	sbuf_addstr(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
			  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
			  "<w:body>");
	sbuf_add(&doc, d->body.buf ? d->body.buf : "", d->body.len);
	/* A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm */
	sbuf_addstr(&doc, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
			  "w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" "
			  "w:gutter=\"0\"/></w:sectPr></w:body></w:document>");

	zip_error_init(&ze);
	mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem)
		goto out;
	zip_source_keep(mem);
	z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (!z) {
		zip_source_free(mem);
		goto out;
	}
	for (pp = parts; pp->name; pp++) {
		const char *data = pp->data ? pp->data : doc.buf;
		size_t n = pp->data ? pp->len : doc.len;

		part = zip_source_buffer(z, data, n, 0);
		if (!part || zip_file_add(z, pp->name, part, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(part);
			zip_discard(z);
			zip_source_free(mem);
			goto out;
		}
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(mem);
		goto out;
	}
	/* read the finished archive back out of the memory source */
	if (zip_source_stat(mem, &st) == 0 && zip_source_open(mem) == 0) {
		char *buf = xmalloc(st.size ? st.size : 1);
		zip_int64_t got = zip_source_read(mem, buf, st.size);

		zip_source_close(mem);
		if (got >= 0 && (zip_uint64_t)got == st.size) {
			*out = buf;
			*len = (size_t)got;
			e = APP_OK;
		} else {
			free(buf);
		}
	}
	zip_source_free(mem);
out:
	zip_error_fini(&ze);
	sbuf_release(&doc);
	return e;
}

enum app_err docx_save(struct docx *d, const char *path)
{
	char *data;
	size_t len;
	enum app_err e = docx_bytes(d, &data, &len);

	if (e != APP_OK)
		return e;
	e = file_write_atomic(path, data, len);
	free(data);
	return e;
}
