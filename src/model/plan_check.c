/* The plan check: tasks and their five "rõ", a deadline and one lead. */
#include "util/util.h"
#include "plan_check.h"

#include "text/text.h"

static const char *const ELEM_CODE[PE_COUNT] = {
	"content", "lead", "process", "responsibility", "result", "deadline", "single_lead",
};

static const char *const ELEM_VI[PE_COUNT] = {
	"Rõ việc (nội dung nhiệm vụ)",
	"Rõ người (đơn vị hoặc người chủ trì)",
	"Rõ quy trình (cách thức, các bước thực hiện)",
	"Rõ trách nhiệm",
	"Rõ hiệu quả (kết quả, sản phẩm)",
	"Thời hạn hoàn thành",
	"Một việc, một đầu mối (nhiều đơn vị cùng chủ trì)",
};

const char *plan_elem_code(enum plan_elem e)
{
	return (unsigned)e < PE_COUNT ? ELEM_CODE[e] : "";
}

const char *plan_elem_vi(enum plan_elem e)
{
	return (unsigned)e < PE_COUNT ? ELEM_VI[e] : "";
}

/* Folded copy (no case, no diacritics) in the arena. */
static const char *fold(struct arena *a, const char *s)
{
	char *f = text_fold(s, strlen(s));
	const char *r = arena_strdup(a, f);

	free(f);
	return r;
}

static bool any(const char *folded, const char *const *words)
{
	for (; *words; words++)
		if (strstr(folded, *words))
			return true;
	return false;
}

/* ---- what a field or phrase is about (on folded text) ---- */

enum field { F_NONE = 0, F_NUMBER, F_CONTENT, F_LEAD, F_COOP, F_PROCESS, F_RESP, F_RESULT, F_DEADLINE };

static const char *const W_COOP[] = { "phoi hop", NULL };
static const char *const W_LEAD[] = { "chu tri",         "dau moi",   "don vi thuc hien", "co quan thuc hien",
				      "nguoi thuc hien", "phu trach", "giao cho",         NULL };
static const char *const W_DEADLINE[] = { "thoi han", "thoi gian", "tien do", "hoan thanh", NULL };
static const char *const W_RESULT[] = { "ket qua", "san pham", "hieu qua", "dau ra", "chi tieu", NULL };
static const char *const W_PROCESS[] = { "quy trinh", "cach thuc", "phuong phap", "cac buoc",
					 "lo trinh",  "trinh tu",  "bien phap",   NULL };
static const char *const W_RESP[] = { "trach nhiem", NULL };
static const char *const W_CONTENT[] = { "noi dung", "nhiem vu", "cong viec", "hoat dong", "ten ", NULL };

/* Table header cell -> field. Order matters: "trách nhiệm" before "nhiệm vụ". */
static enum field header_field(const char *f)
{
	if (strcmp(f, "stt") == 0 || strcmp(f, "tt") == 0 || strcmp(f, "so tt") == 0 || strcmp(f, "so thu tu") == 0)
		return F_NUMBER;
	if (any(f, W_COOP))
		return F_COOP;
	if (any(f, W_RESP) && !strstr(f, "chu tri"))
		return F_RESP;
	if (any(f, W_LEAD) || strcmp(f, "don vi") == 0)
		return F_LEAD;
	if (any(f, W_DEADLINE))
		return F_DEADLINE;
	if (any(f, W_RESULT))
		return F_RESULT;
	if (any(f, W_PROCESS))
		return F_PROCESS;
	if (any(f, W_CONTENT))
		return F_CONTENT;
	return F_NONE;
}

/* "Chủ trì: Ban Tổ chức" -> F_LEAD with the value; only short labels count. */
static enum field line_field(const char *folded, const char *orig, const char **value)
{
	const char *colon = strchr(folded, ':');
	const char *ocolon = strchr(orig, ':');
	char head[64];
	size_t n;
	enum field f;

	if (!colon || !ocolon)
		return F_NONE;
	n = (size_t)(colon - folded);
	if (n == 0 || n >= sizeof(head))
		return F_NONE;
	memcpy(head, folded, n);
	head[n] = '\0';
	f = header_field(head);
	if (f == F_NONE || f == F_NUMBER)
		return F_NONE;
	*value = ocolon + 1;
	while (**value == ' ')
		(*value)++;
	return f;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A date, month, quarter, year or "before" phrase (folded text). */
static bool has_deadline(const char *f)
{
	static const char *const W[] = { "truoc ngay", "quy i",  "quy 1",   "quy 2", "quy 3",    "quy 4", "quy iv",
					 "thang ",     "nam 20", "6 thang", "tuan ", "den ngay", "ngay ", NULL };
	bool found = false;

	for (const char *p = f; *p; p++) {
		/* d/m/yyyy, m/yyyy, dd-mm-yyyy */
		if (is_digit(*p) && (p == f || !is_digit(p[-1]))) {
			const char *q = p;
			int parts = 0;
			while (is_digit(*q)) {
				while (is_digit(*q))
					q++;
				parts++;
				if ((*q == '/' || *q == '-') && is_digit(q[1]))
					q++;
				else
					break;
			}
			if (parts >= 2)
				return true;
			/* a bare year 2020..2039 */
			if (q - p == 4 && p[0] == '2' && p[1] == '0' && (p[2] == '2' || p[2] == '3'))
				found = true;
		}
	}
	for (const char *const *w = W; *w && !found; w++) {
		const char *hit = strstr(f, *w);
		if (hit) {
			const char *after = hit + strlen(*w);
			/* "tháng", "ngày", "tuần" must be followed by a number */
			if ((strcmp(*w, "thang ") == 0 || strcmp(*w, "ngay ") == 0 || strcmp(*w, "tuan ") == 0) &&
			    !is_digit(*after))
				continue;
			found = true;
		}
	}
	return found;
}

/* Several leads named: "A, B", "A và B", "A; B", or a plural "các ...". */
static bool several_leads(const char *f)
{
	int parts = 0;
	bool in = false;

	if (strncmp(f, "cac ", 4) == 0 || strstr(f, " cac ") == f)
		return true;
	for (const char *p = f; *p; p++) {
		bool sep = *p == ',' || *p == ';' || *p == '\n' || *p == '/' || *p == '+' ||
			   strncmp(p, " va ", 4) == 0 || strncmp(p, " voi ", 5) == 0;
		if (sep) {
			in = false;
			if (strncmp(p, " va ", 4) == 0)
				p += 3;
			else if (strncmp(p, " voi ", 5) == 0)
				p += 4;
			continue;
		}
		if (*p != ' ' && !in) {
			in = true;
			parts++;
		}
	}
	return parts > 1;
}

/* ---- list labels in text ---- */

enum { LV_ROMAN = 0, LV_DIGIT = 1, LV_LETTER = 10, LV_BULLET = 20, LV_NONE = -1 };

static bool roman_word(const char *s, size_t n)
{
	static const char *const R[] = {
		"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", NULL
	};
	for (const char *const *r = R; *r; r++)
		if (strlen(*r) == n && memcmp(*r, s, n) == 0)
			return true;
	return false;
}

/*
** The label at the start of s: its level, its text ("1.2") and where the
** item's text begins. Levels: roman sections 0, "1." 1, "1.1." 2 ...,
** letters 10, bullets 20; LV_NONE when there is no label.
*/
static int parse_label(const char *s, char *num, size_t numcap, const char **rest)
{
	const char *p = s;
	size_t n;

	num[0] = '\0';
	*rest = s;
	n = strspn(p, "IVX");
	if (n > 0 && roman_word(p, n) && (p[n] == '.' || p[n] == ')') && p[n + 1] == ' ') {
		snprintf(num, numcap, "%.*s", (int)n, p);
		*rest = p + n + 2;
		return LV_ROMAN;
	}
	if (is_digit(*p)) {
		int level = 0;
		const char *q = p;
		while (is_digit(*q)) {
			while (is_digit(*q))
				q++;
			level++;
			if (*q == '.' && is_digit(q[1]))
				q++;
			else
				break;
		}
		if ((*q == '.' || *q == ')') && q[1] == ' ' && q - p < 12) {
			snprintf(num, numcap, "%.*s", (int)(q - p), p);
			*rest = q + 2;
			return LV_DIGIT + level - 1;
		}
		if (level >= 2 && *q == ' ' && q - p < 12) {
			snprintf(num, numcap, "%.*s", (int)(q - p), p);
			*rest = q + 1;
			return LV_DIGIT + level - 1;
		}
		return LV_NONE;
	}
	/* a) b. đ) */
	if (((*p >= 'a' && *p <= 'z') && (p[1] == ')' || p[1] == '.') && p[2] == ' ') ||
	    (memcmp(p, "\xc4\x91", 2) == 0 && p[2] == ')' && p[3] == ' ')) {
		size_t len = *p == '\xc4' ? 2 : 1;
		snprintf(num, numcap, "%.*s", (int)len, p);
		*rest = p + len + 2;
		return LV_LETTER;
	}
	if ((*p == '-' || *p == '+' || *p == '*') && p[1] == ' ') {
		*rest = p + 2;
		return LV_BULLET;
	}
	if (memcmp(p, "\xe2\x80\xa2 ", 4) == 0 || memcmp(p, "\xe2\x80\x93 ", 4) == 0) {
		*rest = p + 4;
		return LV_BULLET;
	}
	return LV_NONE;
}

/* Level and number of a paragraph, from Word's label or from its text. */
static int para_level(const struct idoc_block *b, char *num, size_t numcap, const char **rest)
{
	if (b->label) {
		const char *dummy;
		char lab[64];
		int lv;

		snprintf(lab, sizeof(lab), "%s ", b->label);
		lv = parse_label(lab, num, numcap, &dummy);
		*rest = b->text;
		return lv;
	}
	return parse_label(b->text, num, numcap, rest);
}

static bool is_heading(const struct idoc_block *b, int level)
{
	bool upper = true;
	int letters = 0;

	if (level == LV_ROMAN)
		return true;
	if (level != LV_NONE)
		return false;
	/* an all-capitals line is a heading ("NHIỆM VỤ VÀ GIẢI PHÁP") */
	for (const unsigned char *p = (const unsigned char *)b->text; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			upper = false;
		if ((*p >= 'A' && *p <= 'Z') || *p >= 0x80)
			letters++;
	}
	return upper && letters >= 4;
}

/* ---- building tasks ---- */

struct tasks {
	struct plan_task *v;
	size_t n, cap;
	struct arena *a;
};

static struct plan_task *new_task(struct tasks *t, const char *number, size_t line)
{
	struct plan_task *k;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct plan_task *v = arena_alloc(t->a, cap * sizeof(*v));
		if (t->n)
			memcpy(v, t->v, t->n * sizeof(*v));
		t->v = v;
		t->cap = cap;
	}
	k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->number = number;
	k->content = "";
	k->line = line;
	return k;
}

static void set_field(struct arena *a, struct plan_task *k, enum field f, const char *v)
{
	const char **slot = NULL;

	switch (f) {
	case F_CONTENT: slot = &k->content; break;
	case F_LEAD: slot = &k->lead; break;
	case F_COOP: slot = &k->cooperate; break;
	case F_PROCESS: slot = &k->process; break;
	case F_RESP: slot = &k->responsibility; break;
	case F_RESULT: slot = &k->result; break;
	case F_DEADLINE: slot = &k->deadline; break;
	default: return;
	}
	if (!v || !*v)
		return;
	if (*slot && **slot)
		*slot = arena_printf(a, "%s\n%s", *slot, v);
	else
		*slot = v;
}

/* Judge one task: which of the elements are missing. */
static void judge(struct arena *a, struct plan_task *k, const char *whole_folded)
{
	const char *fl = k->lead ? fold(a, k->lead) : NULL;

	k->missing = 0;
	if (!k->content || !*k->content)
		k->missing |= 1u << PE_CONTENT;
	if (!fl || !*fl)
		k->missing |= 1u << PE_LEAD;
	else if (several_leads(fl))
		k->missing |= 1u << PE_SINGLE_LEAD;
	if (!k->process || !*k->process)
		k->missing |= 1u << PE_PROCESS;
	if (!k->responsibility || !*k->responsibility)
		k->missing |= 1u << PE_RESPONSIBILITY;
	if (!k->result || !*k->result)
		k->missing |= 1u << PE_RESULT;
	if (k->deadline && *k->deadline) {
		/* "thường xuyên", "hằng năm" alone name no deadline */
		if (!has_deadline(fold(a, k->deadline)))
			k->missing |= 1u << PE_DEADLINE;
	} else if (!has_deadline(whole_folded)) {
		k->missing |= 1u << PE_DEADLINE;
	}
}

void plan_check_task(struct arena *a, struct plan_task *k)
{
	judge(a, k, "");
}

static bool row_is_section(const struct idoc_block *b, int r, int numcol)
{
	const char *first = NULL;

	for (int c = 0; c < b->ncols; c++) {
		const char *v = b->cells[(size_t)r * (size_t)b->ncols + (size_t)c];
		if (!*v)
			continue;
		if (!first)
			first = v;
		else if (strcmp(first, v) != 0)
			goto not_merged;
	}
	return true; /* empty, or one merged cell across the row */
not_merged:
	if (numcol >= 0) {
		const char *n = b->cells[(size_t)r * (size_t)b->ncols + (size_t)numcol];
		size_t len = strspn(n, "IVX");
		if (len > 0 && (n[len] == '\0' || n[len] == '.') && roman_word(n, len))
			return true;
	}
	return false;
}

static void tasks_from_table(struct tasks *t, const struct idoc_block *b)
{
	enum field cols[256];
	int header = -1, ncols = b->ncols < 256 ? b->ncols : 256, numcol = -1, contentcol = -1;

	for (int r = 0; r < b->nrows && r < 4 && header < 0; r++) {
		int known = 0;
		for (int c = 0; c < ncols; c++) {
			const char *f = fold(t->a, b->cells[(size_t)r * (size_t)b->ncols + (size_t)c]);
			cols[c] = header_field(f);
			known += cols[c] != F_NONE;
		}
		if (known >= 2)
			header = r;
	}
	if (header < 0)
		return;
	/* the first content-like column is the content; repeated columns merge */
	for (int c = 0; c < ncols; c++) {
		if (cols[c] == F_NUMBER && numcol < 0)
			numcol = c;
		if (cols[c] == F_CONTENT && contentcol < 0)
			contentcol = c;
	}
	for (int r = header + 1; r < b->nrows; r++) {
		const char *const *row = &b->cells[(size_t)r * (size_t)b->ncols];
		struct plan_task *k;
		bool header_again = true;

		if (row_is_section(b, r, numcol))
			continue;
		/* a repeated header (a table split over pages) */
		for (int c = 0; c < ncols && header_again; c++)
			if (strcmp(row[c], b->cells[(size_t)header * (size_t)b->ncols + (size_t)c]) != 0)
				header_again = false;
		if (header_again)
			continue;
		k = new_task(t, numcol >= 0 && *row[numcol] ? row[numcol] : arena_printf(t->a, "%zu", t->n + 1),
			     b->line + (size_t)r);
		for (int c = 0; c < ncols; c++) {
			const char *v = row[c];
			if (cols[c] == F_NUMBER || (cols[c] == F_CONTENT && c != contentcol && !*v))
				continue;
			set_field(t->a, k, cols[c], v);
		}
		{
			struct sbuf all;
			sbuf_init(&all, 0);
			for (int c = 0; c < ncols; c++)
				if (cols[c] == F_DEADLINE || cols[c] == F_CONTENT)
					sbuf_addf(&all, "%s\n", row[c]);
			judge(t->a, k, fold(t->a, all.buf ? all.buf : ""));
			sbuf_release(&all);
		}
	}
}

/*
** The clause of text (between , ; ( ) and line ends) that contains one of
** the words (folded), copied into the arena; NULL when none does.
*/
static const char *clause_with(struct arena *a, const char *text, const char *const *words)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, ",;()\n");
		char *clause = arena_strndup(a, p, n);

		if (any(fold(a, clause), words)) {
			while (*clause == ' ')
				clause++;
			return clause;
		}
		p += n;
		if (*p)
			p++;
	}
	return NULL;
}

/* Inline phrases in a task's own text: "do X chủ trì", "trước ngày ...". */
static void inline_fields(struct arena *a, struct plan_task *k, const char *text, const char *f)
{
	if (!k->lead && any(f, W_LEAD))
		k->lead = clause_with(a, text, W_LEAD);
	if (!k->process &&
	    (strstr(f, "theo quy trinh") || strstr(f, "cac buoc") || strstr(f, "lo trinh") || strstr(f, "hinh thuc")))
		k->process = text;
	if (!k->responsibility && strstr(f, "chiu trach nhiem"))
		k->responsibility = text;
	if (!k->result && (strstr(f, "ket qua") || strstr(f, "san pham") || strstr(f, "dat ") || strchr(f, '%')))
		k->result = text;
	(void)a;
}

static void tasks_from_text(struct tasks *t, const struct idoc *d)
{
	size_t start = 0, end = d->n;
	int task_level = 1000;
	struct plan_task *cur = NULL;
	struct sbuf all;
	char num[64];
	const char *rest;

	/* the "nhiệm vụ" section, when the plan has one */
	for (size_t i = 0; i < d->n; i++) {
		const struct idoc_block *b = &d->v[i];
		int lv;

		if (b->kind != IDOC_PARA)
			continue;
		lv = para_level(b, num, sizeof(num), &rest);
		if (is_heading(b, lv)) {
			const char *f = fold(t->a, b->text);
			if (strstr(f, "nhiem vu") && !strstr(f, "to chuc thuc hien")) {
				start = i + 1;
				end = d->n;
				for (size_t j = i + 1; j < d->n; j++) {
					const struct idoc_block *c = &d->v[j];
					int lj;
					if (c->kind != IDOC_PARA)
						continue;
					lj = para_level(c, num, sizeof(num), &rest);
					if (is_heading(c, lj) && lj <= lv && !strstr(fold(t->a, c->text), "nhiem vu")) {
						end = j;
						break;
					}
				}
				break;
			}
		}
	}
	/* tasks are the items at the top numbered level of that section */
	for (size_t i = start; i < end; i++) {
		const struct idoc_block *b = &d->v[i];
		int lv;

		if (b->kind != IDOC_PARA)
			continue;
		lv = para_level(b, num, sizeof(num), &rest);
		if (lv > LV_ROMAN && lv < task_level && !is_heading(b, lv))
			task_level = lv;
	}
	if (task_level == 1000)
		return;
	sbuf_init(&all, 0);
	for (size_t i = start; i <= end; i++) {
		const struct idoc_block *b = i < end ? &d->v[i] : NULL;
		int lv = LV_NONE;
		const char *f, *value;
		enum field fld;

		if (b && b->kind != IDOC_PARA)
			continue;
		if (b)
			lv = para_level(b, num, sizeof(num), &rest);
		if (!b || lv == task_level || (b && is_heading(b, lv))) {
			if (cur) {
				judge(t->a, cur, fold(t->a, all.buf ? all.buf : ""));
				cur = NULL;
			}
			sbuf_reset(&all);
			if (!b || lv != task_level)
				continue;
			cur = new_task(t, num[0] ? arena_strdup(t->a, num) : arena_printf(t->a, "%zu", t->n + 1),
				       b->line);
			f = fold(t->a, rest);
			fld = line_field(f, rest, &value);
			if (fld != F_NONE)
				set_field(t->a, cur, fld, value);
			else
				cur->content = rest;
			inline_fields(t->a, cur, rest, f);
			sbuf_addf(&all, "%s\n", rest);
			continue;
		}
		if (!cur)
			continue;
		/* a sub-line of the current task */
		f = fold(t->a, rest);
		fld = line_field(f, rest, &value);
		if (fld != F_NONE) {
			set_field(t->a, cur, fld, value);
			if (fld == F_DEADLINE)
				sbuf_addf(&all, "%s\n", value);
		} else {
			inline_fields(t->a, cur, rest, f);
			if (!*cur->content)
				cur->content = rest;
			sbuf_addf(&all, "%s\n", rest);
		}
	}
	sbuf_release(&all);
}

void plan_check(const struct idoc *d, struct arena *a, struct plan_report *out)
{
	struct tasks t = { .a = a };
	bool tables = false;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == IDOC_TABLE) {
			size_t before = t.n;
			tasks_from_table(&t, &d->v[i]);
			tables = tables || t.n > before;
		}
	if (!tables)
		tasks_from_text(&t, d);
	out->tasks = t.v;
	out->n = t.n;
	out->n_failing = 0;
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].missing)
			out->n_failing++;
}
