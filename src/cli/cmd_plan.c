/* giamsat plan check: the five "rõ" of every task, without a database. */
#include "util/util.h"
#include "cli.h"

#include <jansson.h>

#include "ingest/idoc.h"
#include "model/plan_check.h"

static const char *const ELEM_EN[PE_COUNT] = {
	"content (rõ việc)",
	"lead (rõ người)",
	"process (rõ quy trình)",
	"responsibility (rõ trách nhiệm)",
	"expected result (rõ hiệu quả)",
	"deadline",
	"single lead (một đầu mối): several leads named",
};

static void usage(FILE *f)
{
	fputs("usage: giamsat plan check FILE [--json]\n\n"
	      "Check an implementation plan (.docx, .xlsx or text in any Vietnamese\n"
	      "encoding) before sending it: every task needs its content, exactly one\n"
	      "lead, a process, a responsibility, an expected result and a deadline.\n"
	      "No database is needed.\n\n"
	      "  --json   print {\"tasks\": [{\"number\", \"content\", \"missing\": [...]}]}\n"
	      "           with missing elements named content, lead, process,\n"
	      "           responsibility, result, deadline, single_lead\n\n"
	      "Exit status: 0 when no task misses anything, 1 when some task does or\n"
	      "no task was found, 2 on bad usage or an unreadable file.\n",
	      f);
}

static void print_json(const char *path, const struct idoc *d, const struct plan_report *r)
{
	json_t *root = json_object(), *tasks = json_array();
	char *s;

	json_object_set_new(root, "file", json_string(path));
	json_object_set_new(root, "format", json_string(d->format));
	if (d->encoding)
		json_object_set_new(root, "encoding", json_string(d->encoding));
	for (size_t i = 0; i < r->n; i++) {
		const struct plan_task *k = &r->tasks[i];
		json_t *t = json_object(), *miss = json_array();

		json_object_set_new(t, "number", json_string(k->number));
		json_object_set_new(t, "content", json_string(k->content));
		for (int e = 0; e < PE_COUNT; e++)
			if (k->missing & (1u << e))
				json_array_append_new(miss, json_string(plan_elem_code((enum plan_elem)e)));
		json_object_set_new(t, "missing", miss);
		json_array_append_new(tasks, t);
	}
	json_object_set_new(root, "tasks", tasks);
	json_object_set_new(root, "tasks_failing", json_integer((json_int_t)r->n_failing));
	json_object_set_new(root, "ok", json_boolean(r->n > 0 && r->n_failing == 0));
	s = json_dumps(root, JSON_INDENT(2));
	puts(s);
	free(s);
	json_decref(root);
}

static void print_text(const char *path, const struct plan_report *r)
{
	if (r->n == 0) {
		printf("%s: no tasks found (no numbered items under a \"nhiệm vụ\" heading and no task table)\n", path);
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct plan_task *k = &r->tasks[i];
		const char *c = k->content;
		int len = (int)strlen(c);

		if (!k->missing)
			continue;
		printf("%s: task %s (line %zu): %.*s%s\n", path, k->number, k->line, len > 70 ? 70 : len, c,
		       len > 70 ? "..." : "");
		for (int e = 0; e < PE_COUNT; e++)
			if (k->missing & (1u << e))
				printf("    missing: %s\n", ELEM_EN[e]);
	}
	printf("%s: %zu tasks, %zu complete, %zu with something missing\n", path, r->n, r->n - r->n_failing,
	       r->n_failing);
}

int cmd_plan(int argc, char **argv)
{
	const char *path = NULL, *why;
	bool json = false;
	struct idoc d;
	struct plan_report rep;
	struct arena a;
	enum app_err e;
	int rc;

	if (argc >= 2 && (strcmp(argv[1], "import") == 0 || strcmp(argv[1], "export") == 0 ||
			  strcmp(argv[1], "coverage") == 0 || strcmp(argv[1], "progress") == 0))
		return cmd_plan_db(argc, argv);
	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		fputs("\nAlso: giamsat plan import|export|coverage|progress (with a database); see\n"
		      "'giamsat plan import --help'.\n",
		      stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		usage(stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "giamsat plan check: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (!path)
			path = argv[i];
		else {
			fprintf(stderr, "giamsat plan check: one file at a time\n");
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	e = idoc_read_file(path, &d, &why);
	if (e != APP_OK) {
		fprintf(stderr, "giamsat plan check: %s: %s\n", path, why ? why : app_err_name(e));
		return 2;
	}
	arena_init(&a);
	plan_check(&d, &a, &rep);
	if (json)
		print_json(path, &d, &rep);
	else
		print_text(path, &rep);
	rc = rep.n > 0 && rep.n_failing == 0 ? 0 : 1;
	arena_release(&a);
	idoc_release(&d);
	return rc;
}
