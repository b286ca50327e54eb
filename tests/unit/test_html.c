/* The escaping HTML writer: every dangerous character, %u, %d, %H, and the
 * rules that make unsafe output impossible (literal formats, typed args). */
#include "test.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render/html.h"
#include "render/layout.h"
#include "util/util.h"

static char *render_h(const char *s)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "<p title=\"%h\">%h</p>", s, s);
	return sbuf_detach(&b, NULL);
}

TEST(html_escapes_every_dangerous_char)
{
	char *out = render_h("<script>alert('x' & \"y\")</script>");
	CHECK_STR(out, "<p title=\"&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;\">"
		       "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;</p>");
	free(out);
	/* Vietnamese text passes through unchanged */
	out = render_h("Đảng ủy xã Thường Tín");
	CHECK_STR(out, "<p title=\"Đảng ủy xã Thường Tín\">Đảng ủy xã Thường Tín</p>");
	free(out);
	/* NULL writes nothing; an empty string too */
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "[%h][%h]", (const char *)NULL, "");
	CHECK_STR(b.buf, "[][]");
	sbuf_release(&b);
	/* no byte of the output is ever one of the five when it came from %h */
	char all[128];
	for (int i = 1; i < 128; i++)
		all[i - 1] = (char)i;
	all[127] = '\0';
	sbuf_init(&b, 0);
	HTML(&b, "%h", all);
	CHECK(!strchr(b.buf, '<') && !strchr(b.buf, '>') && !strchr(b.buf, '"') && !strchr(b.buf, '\''));
	CHECK_CONTAINS(b.buf, "&amp;&#39;");
	sbuf_release(&b);
}

TEST(html_url_component)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "<a href=\"/don-vi/%u?q=%u\">", "A b/c?d&e=\"f\"<", "Thường Tín");
	CHECK_STR(b.buf, "<a href=\"/don-vi/A%20b%2Fc%3Fd%26e%3D%22f%22%3C?q=Th%C6%B0%E1%BB%9Dng%20T%C3%ADn\">");
	sbuf_reset(&b);
	HTML(&b, "%u", "az-AZ_09.~");
	CHECK_STR(b.buf, "az-AZ_09.~");
	sbuf_release(&b);
}

TEST(html_numbers_safe_and_percent)
{
	struct sbuf b;
	int64_t big = INT64_MIN;
	size_t n = 42;
	sbuf_init(&b, 0);
	HTML(&b, "%d|%d|%d|%d|100%%", -7, big, n, (bool)true);
	CHECK_STR(b.buf, "-7|-9223372036854775808|42|1|100%");
	sbuf_reset(&b);
	HTML(&b, "<div>%H</div>", HTML_SAFE_LIT("<b>x</b>"));
	CHECK_STR(b.buf, "<div><b>x</b></div>");
	/* html_take: markup built by the writer becomes trusted markup */
	struct arena a;
	struct sbuf frag;
	arena_init(&a);
	sbuf_init(&frag, 0);
	HTML(&frag, "<i>%h</i>", "<&>");
	struct html_safe h = html_take(&frag, &a);
	CHECK_INT(frag.len, 0);
	sbuf_reset(&b);
	HTML(&b, "%H%H", h, h);
	CHECK_STR(b.buf, "<i>&lt;&amp;&gt;</i><i>&lt;&amp;&gt;</i>");
	sbuf_release(&frag);
	arena_release(&a);
	sbuf_release(&b);
	/* HTML_LIT writes the literal as is */
	sbuf_init(&b, 0);
	HTML_LIT(&b, "<hr>%h");
	CHECK_STR(b.buf, "<hr>%h");
	sbuf_release(&b);
}

/* Run fn in a child; true when it died of SIGABRT (a caught misuse). */
static bool aborts(void (*fn)(void))
{
	pid_t pid;
	int st = 0;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		/* keep the child's abort message out of the test output */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return false;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void misuse_plain_s(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%s", "<x>");
}
static void misuse_number_for_h(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%h", 5);
}
static void misuse_string_for_H(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%H", "<script>");
}
static void misuse_string_for_d(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%d", "1");
}
static void misuse_too_many(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%h", "a", "b");
}
static void misuse_too_few(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%h %h", "a");
}
static void misuse_lone_percent(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "50%", 1);
}
static void fine(void)
{
	struct sbuf b;
	sbuf_init(&b, 0);
	HTML(&b, "%h", "a");
	sbuf_release(&b);
}

TEST(html_misuse_aborts)
{
	CHECK(!aborts(fine));
	CHECK(aborts(misuse_plain_s));
	CHECK(aborts(misuse_number_for_h));
	CHECK(aborts(misuse_string_for_H));
	CHECK(aborts(misuse_string_for_d));
	CHECK(aborts(misuse_too_many));
	CHECK(aborts(misuse_too_few));
	CHECK(aborts(misuse_lone_percent));
}

/* Compile snippet with the project's flags; true when it compiles. */
static bool compiles(const char *snippet)
{
	char path[4096], cmd[8192], cwd[2048];
	FILE *f;

	snprintf(path, sizeof(path), "%s/snippet.c", test_tmpdir());
	f = fopen(path, "w");
	if (!f)
		return false;
	fprintf(f,
		"#include \"render/html.h\"\nvoid snippet(struct sbuf *b, const char *name);\n"
		"void snippet(struct sbuf *b, const char *name)\n{\n%s\n}\n",
		snippet);
	fclose(f);
	if (!getcwd(cwd, sizeof(cwd)))
		return false;
	snprintf(cmd, sizeof(cmd), "cc -std=c17 -D_GNU_SOURCE -Wall -Werror -fsyntax-only -I'%s/src' '%s' 2>/dev/null",
		 cwd, path);
	return system(cmd) == 0;
}

TEST(html_literal_format_enforced_at_compile_time)
{
	struct stat st;

	if (stat("src/render/html.h", &st) != 0 || system("command -v cc >/dev/null 2>&1") != 0)
		return; /* not run from the repository root, or no compiler */
	CHECK(compiles("HTML(b, \"<p>%h</p>\", name);"));
	/* a format that is not a string literal does not compile */
	CHECK(!compiles("const char *fmt = \"<p>%h</p>\"; HTML(b, fmt, name);"));
	CHECK(!compiles("HTML_LIT(b, name);"));
	/* an argument of a type the writer does not know does not compile */
	CHECK(!compiles("struct { int x; } s = { 1 }; HTML(b, \"%d\", s);"));
	CHECK(!compiles("double d = 1; HTML(b, \"%d\", d);"));
	/* a trusted-markup value cannot be made from a variable by HTML_SAFE_LIT */
	CHECK(!compiles("struct html_safe h = HTML_SAFE_LIT(name); HTML(b, \"%H\", h);"));
}

TEST(html_layout_has_csrf_and_no_inline_script)
{
	struct sbuf b;
	struct account a = { .login = "cb<x>", .role = ROLE_STAFF };
	struct page_ctx c = { .title = "T\"itle", .acct = &a, .csrf = "TOKEN123", .nav = "to-chuc" };

	sbuf_init(&b, 0);
	page_begin(&b, &c);
	page_end(&b);
	CHECK_CONTAINS(b.buf, "<html lang=\"vi\">");
	CHECK_CONTAINS(b.buf, "<title>T&quot;itle · Giám sát</title>");
	CHECK_CONTAINS(b.buf, "cb&lt;x&gt;");
	CHECK_CONTAINS(b.buf, "<input type=\"hidden\" name=\"csrf\" value=\"TOKEN123\">");
	CHECK_CONTAINS(b.buf, "Đăng xuất");
	CHECK(!strstr(b.buf, "<script>") && !strstr(b.buf, "style="));
	sbuf_release(&b);
}

TEST(html_date_vn)
{
	struct arena a;
	arena_init(&a);
	CHECK_STR(html_date_vn(&a, "2025-07-01"), "01/07/2025");
	CHECK_STR(html_date_vn(&a, NULL), "");
	CHECK_STR(html_date_vn(&a, "junk"), "");
	arena_release(&a);
}

/* ---- the source checker: HTML is written only through the macros ---- */

#include <ftw.h>

static int g_bad_files;

static bool file_has(const char *path, const char *needle, char **out_line)
{
	char *data = NULL;
	size_t len = 0;
	bool hit = false;

	if (file_read(path, 0, &data, &len) != APP_OK)
		return false;
	const char *p = strstr(data, needle);
	if (p) {
		hit = true;
		const char *ls = p, *le = strchr(p, '\n');
		while (ls > data && ls[-1] != '\n')
			ls--;
		*out_line = xstrndup(ls, le ? (size_t)(le - ls) : strlen(ls));
	}
	free(data);
	return hit;
}

static int check_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	static const char *forbidden[] = { "html_write(", "html_raw_literal(", "(struct html_safe)" };
	size_t n = strlen(path);
	char *line = NULL;

	(void)sb;
	(void)ftw;
	if (flag != FTW_F || n < 2 || (strcmp(path + n - 2, ".c") != 0 && strcmp(path + n - 2, ".h") != 0))
		return 0;
	if (strcmp(path, "src/render/html.c") == 0 || strcmp(path, "src/render/html.h") == 0)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(forbidden); i++) {
		if (file_has(path, forbidden[i], &line)) {
			test_fail(__FILE__, __LINE__, "%s bypasses the HTML macros: %s", path, line);
			free(line);
			g_bad_files++;
		}
	}
	/* pages and the layout write markup through HTML()/HTML_LIT() only */
	if ((strcmp(path, "src/web/pages.c") == 0 || strcmp(path, "src/render/layout.c") == 0) &&
	    file_has(path, "sbuf_add", &line)) {
		test_fail(__FILE__, __LINE__, "%s writes to a page without escaping: %s", path, line);
		free(line);
		g_bad_files++;
	}
	return 0;
}

TEST(html_source_uses_only_the_macros)
{
	struct stat st;

	if (stat("src/render/html.h", &st) != 0)
		return; /* not run from the repository root */
	g_bad_files = 0;
	CHECK_INT(nftw("src", check_one, 16, FTW_PHYS), 0);
	CHECK_INT(g_bad_files, 0);
}
