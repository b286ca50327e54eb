/*
** A document's page (/van-ban/ID): its record, its text, what share of it
** was copied and from where (by scope and by source, from the copy
** detector's index), the five-"rõ" check of its tasks, and a side-by-side
** view of the copied passages (/van-ban/ID/so-sanh/SRC). The JSON of the
** same report is GET /api/v1/docs/ID/reuse.
**
** Access: the document's unit must be in the reader's scope. Sources in
** other units' scope are named only when the reader may read them too;
** otherwise the report says "a document outside your scope" with its share,
** and offers no side-by-side view, so that a ward never reads another
** ward's plan through a copy report.
*/
#include "util/util.h"
#include "web/internal.h"

#include <jansson.h>

#include "ingest/docnum.h"
#include "ingest/idoc.h"
#include "model/directive.h"
#include "model/doc.h"
#include "model/doc_reuse.h"
#include "model/plan_check.h"
#include "render/html.h"
#include "render/layout.h"

static const char *scope_vi(enum reuse_scope s)
{
	switch (s) {
	case REUSE_SCOPE_SUPERIOR: return "Văn bản cấp trên mà kế hoạch thực hiện";
	case REUSE_SCOPE_PEER: return "Kế hoạch của đơn vị khác cho cùng văn bản";
	case REUSE_SCOPE_OWN: return "Văn bản trước đây của chính đơn vị";
	default: return "Nguồn khác";
	}
}

/* A source of the report as the reader may see it. */
struct src_view {
	int64_t doc_id; /* 0: not a stored document */
	bool readable;  /* the reader may open it */
	struct doc d;   /* when readable */
};

static void source_view(struct req *r, const char *name, struct src_view *v)
{
	bool ok = false;

	memset(v, 0, sizeof(*v));
	v->doc_id = doc_reuse_id(name);
	if (v->doc_id && doc_get(r->app->store, r->arena, v->doc_id, &v->d) == APP_OK &&
	    web_can_read(r, v->d.unit_id, &ok) == APP_OK && ok)
		v->readable = true;
}

/* "12,3 %" */
static const char *pct(struct arena *a, double share)
{
	char buf[32];

	num_format_vn(share * 100.0, 1, buf, sizeof(buf));
	return arena_printf(a, "%s %%", buf);
}

/* "1.234" */
static const char *count(struct arena *a, uint64_t n)
{
	char buf[32];

	num_format_vn((double)n, 0, buf, sizeof(buf));
	return arena_strdup(a, buf);
}

/* A horizontal bar as SVG (presentation attributes, no inline style: CSP). */
static void bar(struct sbuf *b, double share, const char *cls)
{
	long w = (long)(share * 1000.0 + 0.5);

	if (w < 0)
		w = 0;
	if (w > 1000)
		w = 1000;
	HTML(b,
	     "<svg class=\"bar\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
	     "<rect class=\"bar-bg\" x=\"0\" y=\"0\" width=\"1000\" height=\"16\"/>"
	     "<rect class=\"%h\" x=\"0\" y=\"0\" width=\"%d\" height=\"16\"/></svg>",
	     cls, w);
}

static const char *scope_cls(enum reuse_scope s)
{
	static const char *const C[] = { "bar-superior", "bar-peer", "bar-own", "bar-other" };
	return (unsigned)s < REUSE_SCOPE_COUNT ? C[s] : "bar-other";
}

/* Load the document and check the reader's scope; false when p is an error. */
static bool load_doc(struct req *r, struct resp *p, const char *id_text, struct doc *d)
{
	int64_t id;
	bool ok = false;
	enum app_err e;

	if (!parse_int64(id_text, &id) || id <= 0) {
		web_error_msg(r, p, 404, "Không có văn bản này.");
		return false;
	}
	e = doc_get(r->app->store, r->arena, id, d);
	if (e == APP_ENOTFOUND) {
		web_error_msg(r, p, 404, "Không có văn bản này.");
		return false;
	}
	if (e == APP_OK)
		e = web_can_read(r, d->unit_id, &ok);
	if (e != APP_OK) {
		web_fail(r, p, e, "doc");
		return false;
	}
	if (!ok) {
		p->log_note = "out-of-scope";
		web_error_msg(r, p, 403,
			      "Bạn không có quyền xem văn bản này: văn bản của đơn vị nằm ngoài phạm vi "
			      "tài khoản của bạn.");
		return false;
	}
	return true;
}

/* The copy report of d, or NULL with a notice written to b. Free with reuse_report_free. */
static struct reuse_report *report_of(struct req *r, struct sbuf *b, const struct doc *d)
{
	struct reuse_index *ix = NULL;
	struct reuse_report *rep = NULL;
	char err[REUSE_ERRLEN];
	enum app_err e;

	if (!d->body || !*d->body) {
		HTML_LIT(b, "<p class=\"empty\">Văn bản chưa có toàn văn nên chưa kiểm tra được sao chép.</p>");
		return NULL;
	}
	if (!r->app->reuse_dir || reuse_open(r->app->reuse_dir, &ix, err) != APP_OK) {
		HTML_LIT(b, "<p class=\"notice\">Chưa có chỉ mục phát hiện sao chép trên máy chủ này "
			    "(xem docs/operations.md: giamsat reuse).</p>");
		return NULL;
	}
	e = doc_reuse_check(r->app->store, ix, d->id, &rep, err);
	reuse_close(ix);
	if (e != APP_OK) {
		log_warn("reuse", "req=%llu doc=%lld error=%s msg=\"%s\"", (unsigned long long)r->id, (long long)d->id,
			 app_err_name(e), err);
		HTML_LIT(b, "<p class=\"notice\">Chưa kiểm tra được sao chép cho văn bản này (chỉ mục chưa có "
			    "văn bản hoặc bị hỏng; người quản trị cần xây dựng lại chỉ mục).</p>");
		return NULL;
	}
	return rep;
}

static void write_reuse_section(struct req *r, struct sbuf *b, const struct doc *d, const struct reuse_report *rep)
{
	HTML(b,
	     "<div class=\"reuse-total\"><span class=\"big\">%h</span> nội dung được sao chép từ văn bản "
	     "khác <span class=\"muted\">(%h âm tiết được so với %h văn bản)</span></div>",
	     pct(r->arena, rep->share_total), count(r->arena, rep->syllables), count(r->arena, rep->index_docs));
	HTML_LIT(b, "<table class=\"reuse-scopes\"><thead><tr><th>Nguồn</th><th>Tỷ lệ</th><th></th>"
		    "</tr></thead><tbody>");
	for (int s = 0; s < REUSE_SCOPE_COUNT; s++) {
		HTML(b, "<tr><td>%h</td><td class=\"num\">%h</td><td class=\"barcell\">", scope_vi(s),
		     pct(r->arena, rep->share_scope[s]));
		bar(b, rep->share_scope[s], scope_cls(s));
		HTML_LIT(b, "</td></tr>");
	}
	HTML_LIT(b, "</tbody></table>");

	if (rep->nby_source) {
		HTML_LIT(b, "<h3>Theo văn bản nguồn</h3><table class=\"reuse-sources\"><thead><tr><th>Văn bản "
			    "nguồn</th><th>Đơn vị</th><th>Phạm vi</th><th>Tỷ lệ</th><th></th></tr></thead><tbody>");
		for (size_t i = 0; i < rep->nby_source; i++) {
			const struct reuse_source_share *ss = &rep->by_source[i];
			struct src_view v;

			source_view(r, ss->source, &v);
			if (v.readable)
				HTML(b, "<tr><td><a href=\"/van-ban/%d\">%h</a> %h</td><td>%h</td>", v.doc_id,
				     v.d.number ? v.d.number : v.d.kind, v.d.title, v.d.unit_name);
			else
				HTML_LIT(b, "<tr><td><em>Văn bản của đơn vị ngoài phạm vi tài khoản của bạn</em>"
					    "</td><td>—</td>");
			HTML(b, "<td>%h</td><td class=\"num\">%h</td><td>", scope_vi(ss->scope),
			     pct(r->arena, ss->share));
			if (v.readable)
				HTML(b, "<a href=\"/van-ban/%d/so-sanh/%d\">So sánh song song</a>", d->id, v.doc_id);
			HTML_LIT(b, "</td></tr>");
		}
		HTML_LIT(b, "</tbody></table>");
	}
	if (rep->nzones || rep->common_syllables)
		HTML(b,
		     "<p class=\"muted\">Không tính: %h âm tiết ở phần thể thức (quốc hiệu, tiêu ngữ, nơi "
		     "nhận, chữ ký) và %h âm tiết là cách diễn đạt chung của nhiều văn bản.</p>",
		     count(r->arena, rep->zone_syllables), count(r->arena, rep->common_syllables));
}

/* The five "rõ" of every task, from the text of the document. */
static void write_plan_check(struct req *r, struct sbuf *b, const struct doc *d)
{
	struct idoc id;
	struct plan_report pr;
	const char *why;

	if (!d->body || idoc_read_mem(d->body, strlen(d->body), &id, &why) != APP_OK)
		return;
	plan_check(&id, r->arena, &pr);
	HTML_LIT(b, "<section><h2>Kiểm tra nhiệm vụ: rõ người, rõ việc, rõ quy trình, rõ trách nhiệm, rõ "
		    "hiệu quả</h2>");
	if (pr.n == 0) {
		HTML_LIT(b, "<p class=\"empty\">Không tìm thấy nhiệm vụ được đánh số hoặc bảng nhiệm vụ.</p>");
	} else {
		HTML(b, "<p>%d nhiệm vụ; %d nhiệm vụ đủ các yếu tố, %d nhiệm vụ còn thiếu.</p>", (long long)pr.n,
		     (long long)(pr.n - pr.n_failing), (long long)pr.n_failing);
		HTML_LIT(b, "<table class=\"tasks\"><thead><tr><th>Số</th><th>Nhiệm vụ</th><th>Còn thiếu</th>"
			    "</tr></thead><tbody>");
		for (size_t i = 0; i < pr.n; i++) {
			const struct plan_task *k = &pr.tasks[i];

			HTML(b, "<tr><td>%h</td><td>%h</td><td>", k->number, k->content);
			if (!k->missing)
				HTML_LIT(b, "<span class=\"task-ok\">Đủ</span>");
			for (int e = 0; e < PE_COUNT; e++)
				if (k->missing & (1u << e))
					HTML(b, "<span class=\"miss\">%h</span> ", plan_elem_vi((enum plan_elem)e));
			HTML_LIT(b, "</td></tr>");
		}
		HTML_LIT(b, "</tbody></table>");
	}
	HTML_LIT(b, "</section>");
	idoc_release(&id);
}

void page_doc(struct req *r, struct resp *p, const char *id_text)
{
	struct doc d;
	struct sbuf *b = &p->body;
	struct reuse_report *rep;
	struct page_ctx c;
	const char *kind_vi;
	struct docnum dn;
	enum docnum_reason why;
	struct directive dv;

	if (!load_doc(r, p, id_text, &d))
		return;
	c = (struct page_ctx){ .title = d.title, .acct = &r->acct, .csrf = r->csrf, .nav = "to-chuc" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\" aria-label=\"Đơn vị ban hành\"><ol><li><a href=\"/don-vi/%u\">%h</a></li>"
	     "<li aria-current=\"page\">%h</li></ol></nav>",
	     d.unit_code, d.unit_name, d.number ? d.number : "Văn bản");
	HTML(b, "<h1>%h%H</h1>", d.title,
	     d.demo ? HTML_SAFE_LIT(" <span class=\"badge demo\">Dữ liệu mẫu</span>") : HTML_SAFE_LIT(""));
	kind_vi = d.number && docnum_parse(d.number, &dn, &why) == APP_OK ? docnum_kind_vi(dn.system, dn.kind) : NULL;
	HTML(b,
	     "<dl class=\"facts\"><dt>Số, ký hiệu</dt><dd>%h</dd><dt>Loại văn bản</dt><dd>%h</dd>"
	     "<dt>Ngày</dt><dd>%h</dd><dt>Đơn vị ban hành</dt><dd><a href=\"/don-vi/%u\">%h</a></dd>",
	     d.number ? d.number : "—", kind_vi ? kind_vi : d.kind,
	     d.doc_date ? html_date_vn(r->arena, d.doc_date) : "—", d.unit_code, d.unit_name);
	if (d.source)
		HTML(b, "<dt>Nguồn</dt><dd class=\"source\">%h</dd>", d.source);
	if (directive_get(r->app->store, r->arena, d.id, &dv) == APP_OK && dv.system)
		HTML(b,
		     "<dt>Chương trình</dt><dd><a href=\"/chuong-trinh/%d\">Chỉ tiêu và mức độ nhận chỉ tiêu"
		     "</a></dd>",
		     d.id);
	HTML_LIT(b, "</dl>");

	HTML_LIT(b, "<section><h2>Mức độ sao chép</h2>");
	rep = report_of(r, b, &d);
	if (rep)
		write_reuse_section(r, b, &d, rep);
	HTML_LIT(b, "</section>");
	if (rep && rep->signals.superior_syllables)
		HTML(b, "<p class=\"muted\">Độ dài so với văn bản cấp trên: %h lần.</p>",
		     arena_printf(r->arena, "%.2f", rep->signals.length_ratio));
	reuse_report_free(rep);

	write_plan_check(r, b, &d);

	if (d.body && *d.body)
		HTML(b, "<section><h2>Toàn văn</h2><div class=\"doc-text\">%h</div></section>", d.body);
	page_end(b);
}

/* Write text[from, to) escaped, with the passages [off, off+len) in <mark>. */
static void marked_text(struct sbuf *b, const char *text, size_t n, const uint64_t (*spans)[2], size_t nspans)
{
	size_t at = 0;

	for (size_t i = 0; i < nspans; i++) {
		size_t s = (size_t)spans[i][0], e = s + (size_t)spans[i][1];

		if (s < at || e > n || s >= e)
			continue; /* overlapping or out of range: leave unmarked */
		html_escape(b, text + at, s - at);
		HTML(b, "<mark id=\"m%d\" class=\"copied\">", (long long)i + 1);
		html_escape(b, text + s, e - s);
		HTML(b, "<sup>%d</sup></mark>", (long long)i + 1);
		at = e;
	}
	html_escape(b, text + at, n - at);
}

static int cmp_span(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

void page_doc_compare(struct req *r, struct resp *p, const char *id_text, const char *src_text)
{
	struct doc d, s;
	struct sbuf *b = &p->body;
	struct reuse_report *rep;
	struct page_ctx c;
	char name[32];
	uint64_t(*left)[2] = NULL, (*right)[2] = NULL;
	size_t n = 0;

	if (!load_doc(r, p, id_text, &d) || !load_doc(r, p, src_text, &s))
		return;
	c = (struct page_ctx){ .title = "So sánh song song", .acct = &r->acct, .csrf = r->csrf, .nav = "to-chuc" };
	page_begin(b, &c);
	HTML(b,
	     "<nav class=\"crumbs\"><ol><li><a href=\"/van-ban/%d\">%h</a></li><li aria-current=\"page\">So "
	     "sánh song song</li></ol></nav><h1>So sánh song song</h1>",
	     d.id, d.number ? d.number : d.title);
	rep = report_of(r, b, &d);
	if (rep) {
		doc_reuse_name(s.id, name);
		left = arena_alloc(r->arena, (rep->npassages + 1) * sizeof(*left));
		right = arena_alloc(r->arena, (rep->npassages + 1) * sizeof(*right));
		for (size_t i = 0; i < rep->npassages; i++) {
			const struct reuse_passage *ps = &rep->passages[i];
			if (!ps->source || strcmp(ps->source, name) != 0)
				continue;
			left[n][0] = ps->offset;
			left[n][1] = ps->length;
			right[n][0] = ps->source_offset;
			right[n][1] = ps->source_length;
			n++;
		}
		HTML(b,
		     "<p>%d đoạn của văn bản này trùng với văn bản nguồn; các đoạn được đánh dấu và đánh số "
		     "theo cặp.</p>",
		     (long long)n);
		qsort(right, n, sizeof(*right), cmp_span);
		HTML(b, "<div class=\"compare\"><article><h2>%h</h2><p class=\"muted\">%h</p><div class=\"doc-text\">",
		     d.number ? d.number : "Văn bản đang xem", d.unit_name);
		marked_text(b, d.body, strlen(d.body), (const uint64_t(*)[2])left, n);
		HTML(b, "</div></article><article><h2>%h</h2><p class=\"muted\">%h</p><div class=\"doc-text\">",
		     s.number ? s.number : "Văn bản nguồn", s.unit_name);
		marked_text(b, s.body ? s.body : "", s.body ? strlen(s.body) : 0, (const uint64_t(*)[2])right, n);
		HTML_LIT(b, "</div></article></div>");
		reuse_report_free(rep);
	}
	page_end(b);
}

void api_doc_reuse(struct req *r, struct resp *p, const char *id_text)
{
	struct doc d;
	struct reuse_report *rep;
	struct sbuf notice;
	char *json;
	json_t *root, *passages, *bysrc;
	json_error_t jerr;

	if (!load_doc(r, p, id_text, &d))
		return;
	sbuf_init(&notice, 0);
	rep = report_of(r, &notice, &d);
	sbuf_release(&notice);
	if (!rep) {
		web_error_msg(r, p, 404, "Chưa có kết quả kiểm tra sao chép cho văn bản này.");
		return;
	}
	json = reuse_report_json(rep, arena_printf(r->arena, "doc/%lld", (long long)d.id));
	root = json_loads(json, 0, &jerr);
	free(json);
	/* name only the sources the reader may read */
	passages = root ? json_object_get(root, "passages") : NULL;
	for (size_t i = 0; passages && i < json_array_size(passages); i++) {
		json_t *ps = json_array_get(passages, i);
		struct src_view v;

		json_t *also = json_object_get(ps, "also_found_in"), *kept = json_array();

		source_view(r, json_string_value(json_object_get(ps, "source")), &v);
		if (!v.readable) {
			json_object_set_new(ps, "source", json_null());
			json_object_del(ps, "source_offset");
			json_object_del(ps, "source_length");
		}
		for (size_t j = 0; also && j < json_array_size(also); j++) {
			struct src_view av;
			source_view(r, json_string_value(json_array_get(also, j)), &av);
			if (av.readable)
				json_array_append(kept, json_array_get(also, j));
		}
		json_object_set_new(ps, "also_found_in", kept);
	}
	bysrc = root ? json_object_get(json_object_get(root, "share"), "by_source") : NULL;
	if (bysrc) {
		json_t *clean = json_object(), *other = NULL;
		const char *k;
		json_t *v;

		json_object_foreach(bysrc, k, v)
		{
			struct src_view sv;
			source_view(r, k, &sv);
			if (sv.readable) {
				json_object_set(clean, k, v);
			} else {
				double sum = (other ? json_number_value(other) : 0) + json_number_value(v);
				json_decref(other);
				other = json_real(sum);
			}
		}
		if (other)
			json_object_set_new(clean, "outside_your_scope", other);
		json_object_set_new(json_object_get(root, "share"), "by_source", clean);
	}
	reuse_report_free(rep);
	if (!root) {
		web_fail(r, p, APP_EINTERNAL, "reuse-json");
		return;
	}
	json = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	p->status = 200;
	p->content_type = "application/json; charset=utf-8";
	sbuf_addstr(&p->body, json);
	free(json);
}
