/* giamsat inspect ...: inspections, conclusions, findings, accountability, risk from scripts. */
#include "util/util.h"
#include "cli.h"

#include "model/inspect.h"
#include "model/risk.h"
#include "model/unit.h"
#include "render/inspect_doc.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat inspect add --kind K --unit CODE --title T --from DATE --to DATE\n"
		"                           [--decision NO] [--subjects T] [--year Y]\n"
		"       giamsat inspect member INSPECTION --login L [--role leader|deputy|member|secretary]\n"
		"       giamsat inspect conclude INSPECTION --date DATE [--number NO] [--commend T] [--criticise T]\n"
		"       giamsat inspect finding CONCLUSION --content T --cause-kind subjective|objective --cause T\n"
		"                           (--addressee-unit CODE | --addressee PERSON) --remedy T --deadline DATE\n"
		"       giamsat inspect issue CONCLUSION\n"
		"       giamsat inspect correct CONCLUSION --reason T [--date DATE]\n"
		"       giamsat inspect notice CONCLUSION --out FILE.docx\n"
		"       giamsat inspect overdue [--unit CODE] [--asof DATE] [--out FILE.xlsx]\n"
		"       giamsat inspect risk --year Y [--unit CODE] [--asof DATE]\n"
		"       giamsat inspect programme --year Y --out FILE.docx [--unit CODE] [--number NO] [--date DATE]\n\n"
		"Kinds: supervision_regular, supervision_thematic, inspection_thematic,\n"
		"inspection_violation, inspection_lower. Dates dd/mm/yyyy or YYYY-MM-DD.\n"
		"Every command also takes --db DB (SQLite file or postgresql://..., default %s).\n"
		"Prints the new record's id. Exit status: 0 ok, 1 refused or failed, 2 usage.\n",
		cli_default_db());
}

static const char *opt(int argc, char **argv, const char *name)
{
	for (int i = 2; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* Every "--x" takes a value; anything else after the sub-command but the id is a usage error. */
static bool args_ok(int argc, char **argv, bool has_id)
{
	int i = 2;
	if (has_id) {
		int64_t v;
		if (argc < 3 || !parse_int64(argv[2], &v) || v <= 0)
			return false;
		i = 3;
	}
	for (; i < argc; i += 2)
		if (strncmp(argv[i], "--", 2) != 0 || i + 1 >= argc)
			return false;
	return true;
}

static int fail(const char *what, enum app_err e, const char *why)
{
	fprintf(stderr, "giamsat inspect %s: %s\n", what, why ? why : app_err_name(e));
	return 1;
}

static int64_t unit_by_code(struct store *s, const char *code)
{
	struct arena a;
	struct unit u;
	int64_t id = 0;
	arena_init(&a);
	if (unit_get_by_code(s, &a, code, &u) == APP_OK)
		id = u.id;
	arena_release(&a);
	return id;
}

static int run(struct store *s, int argc, char **argv)
{
	const char *sub = argv[1], *why = NULL;
	int64_t id = 0, nid = 0;
	enum app_err e;
	struct arena a;
	int rc = 0;

	if (argc >= 3)
		parse_int64(argv[2], &id);
	if (!strcmp(sub, "add")) {
		struct inspection_new n = { .target_code = opt(argc, argv, "--unit"),
					    .title = opt(argc, argv, "--title"),
					    .date_from = opt(argc, argv, "--from"),
					    .date_to = opt(argc, argv, "--to"),
					    .decision_no = opt(argc, argv, "--decision"),
					    .subjects = opt(argc, argv, "--subjects") };
		int64_t y = 0;
		if (!opt(argc, argv, "--kind") || !insp_kind_parse(opt(argc, argv, "--kind"), &n.kind))
			return fail(sub, APP_EINVAL, "--kind: loại hình không hợp lệ");
		if (opt(argc, argv, "--year") && !parse_int64(opt(argc, argv, "--year"), &y))
			return fail(sub, APP_EINVAL, "--year: năm không hợp lệ");
		n.year = (int)y;
		if ((e = inspection_add(s, NULL, &n, &nid, &why)) != APP_OK)
			return fail(sub, e, why);
		printf("%lld\n", (long long)nid);
	} else if (!strcmp(sub, "member")) {
		enum team_role r = TR_MEMBER;
		const char *role = opt(argc, argv, "--role");
		if (role) {
			bool found = false;
			for (int k = 0; k < TR_COUNT; k++)
				if (!strcmp(role, team_role_code((enum team_role)k))) {
					r = (enum team_role)k;
					found = true;
				}
			if (!found)
				return fail(sub, APP_EINVAL, "--role: vai trò không hợp lệ");
		}
		if ((e = team_add_member(s, NULL, id, opt(argc, argv, "--login"), r, &why)) != APP_OK)
			return fail(sub, e, why);
	} else if (!strcmp(sub, "conclude")) {
		if ((e = conclusion_create(s, NULL, id, opt(argc, argv, "--date"), opt(argc, argv, "--number"),
					   opt(argc, argv, "--commend"), opt(argc, argv, "--criticise"), &nid, &why)) !=
		    APP_OK)
			return fail(sub, e, why);
		printf("%lld\n", (long long)nid);
	} else if (!strcmp(sub, "finding")) {
		const char *ck = opt(argc, argv, "--cause-kind");
		struct finding_new f = { .content = opt(argc, argv, "--content"),
					 .cause = opt(argc, argv, "--cause"),
					 .addressee_unit_code = opt(argc, argv, "--addressee-unit"),
					 .addressee_person = opt(argc, argv, "--addressee"),
					 .remedy = opt(argc, argv, "--remedy"),
					 .deadline = opt(argc, argv, "--deadline") };
		if (ck && !strcmp(ck, "subjective"))
			f.cause_kind = FC_SUBJECTIVE;
		else if (ck && !strcmp(ck, "objective"))
			f.cause_kind = FC_OBJECTIVE;
		else if (ck)
			return fail(sub, APP_EINVAL, "--cause-kind: subjective hoặc objective");
		if ((e = finding_add(s, NULL, id, &f, &nid, &why)) != APP_OK)
			return fail(sub, e, why);
		printf("%lld\n", (long long)nid);
	} else if (!strcmp(sub, "issue")) {
		if ((e = conclusion_issue(s, NULL, id, &why)) != APP_OK)
			return fail(sub, e, why);
	} else if (!strcmp(sub, "correct")) {
		if ((e = conclusion_correct(s, NULL, id, opt(argc, argv, "--date"), opt(argc, argv, "--reason"), &nid,
					    &why)) != APP_OK)
			return fail(sub, e, why);
		printf("%lld\n", (long long)nid);
	} else if (!strcmp(sub, "notice")) {
		struct conclusion c;
		struct inspection in;
		const char *out = opt(argc, argv, "--out");
		if (!out)
			return fail(sub, APP_EINVAL, "--out FILE.docx");
		arena_init(&a);
		if ((e = conclusion_get(s, &a, NULL, id, &c)) != APP_OK ||
		    (e = inspection_get(s, &a, NULL, c.inspection_id, &in)) != APP_OK)
			rc = fail(sub, e, e == APP_ENOTFOUND ? "Kết luận không tồn tại." : NULL);
		else if ((e = inspect_docx_notice(&in, &c, NULL, out)) != APP_OK)
			rc = fail(sub, e, NULL);
		arena_release(&a);
	} else if (!strcmp(sub, "overdue")) {
		struct accountability acc;
		const char *code = opt(argc, argv, "--unit"), *out = opt(argc, argv, "--out");
		char asof[11];
		int64_t uid = 0;
		if (opt(argc, argv, "--asof")) {
			if (!date_parse(opt(argc, argv, "--asof"), asof))
				return fail(sub, APP_EINVAL, "--asof: ngày không hợp lệ");
		} else {
			date_today(asof);
		}
		if (code && !(uid = unit_by_code(s, code)))
			return fail(sub, APP_EINVAL, "--unit: đơn vị không tồn tại");
		arena_init(&a);
		if ((e = finding_accountability(s, &a, NULL, uid, asof, &acc)) != APP_OK) {
			rc = fail(sub, e, NULL);
		} else if (out) {
			if ((e = inspect_xlsx_accountability(&acc, code ? code : "", asof, out)) != APP_OK)
				rc = fail(sub, e, NULL);
		} else {
			for (size_t g = 0; g < acc.ngroups; g++) {
				printf("%s\t%zu\t%d\n", acc.groups[g].addressee, acc.groups[g].n,
				       acc.groups[g].max_days);
				for (size_t i = 0; i < acc.groups[g].n; i++) {
					const struct finding *f = &acc.list.v[acc.groups[g].first + i];
					printf("\t%lld\t%s\t%d\t%s\n", (long long)f->id, f->deadline, f->days_overdue,
					       f->content);
				}
			}
		}
		arena_release(&a);
	} else if (!strcmp(sub, "programme")) {
		struct inspection_list l;
		int64_t y = 0, uid = 0;
		const char *code = opt(argc, argv, "--unit"), *out = opt(argc, argv, "--out"),
			   *dt = opt(argc, argv, "--date");
		char date[11] = "";
		char *data = NULL;
		size_t len = 0;
		if (!opt(argc, argv, "--year") || !parse_int64(opt(argc, argv, "--year"), &y) || !out)
			return fail(sub, APP_EINVAL, "--year Y --out FILE.docx");
		if (dt && !date_parse(dt, date))
			return fail(sub, APP_EINVAL, "--date: ngày không hợp lệ");
		if (code && !(uid = unit_by_code(s, code)))
			return fail(sub, APP_EINVAL, "--unit: đơn vị không tồn tại");
		arena_init(&a);
		if ((e = programme_list(s, &a, NULL, (int)y, uid, &l)) != APP_OK ||
		    (e = inspect_docx_programme(&l, (int)y, opt(argc, argv, "--number"), date[0] ? date : NULL, NULL,
						&data, &len)) != APP_OK ||
		    (e = file_write_atomic(out, data, len)) != APP_OK)
			rc = fail(sub, e, NULL);
		free(data);
		arena_release(&a);
	} else if (!strcmp(sub, "risk")) {
		struct risk_table t;
		int64_t y = 0, uid = 0;
		const char *code = opt(argc, argv, "--unit");
		if (!opt(argc, argv, "--year") || !parse_int64(opt(argc, argv, "--year"), &y))
			return fail(sub, APP_EINVAL, "--year Y");
		if (code && !(uid = unit_by_code(s, code)))
			return fail(sub, APP_EINVAL, "--unit: đơn vị không tồn tại");
		arena_init(&a);
		if ((e = risk_scores(s, &a, NULL, uid, (int)y, opt(argc, argv, "--asof"), &t)) != APP_OK) {
			rc = fail(sub, e, NULL);
		} else {
			printf("# weights %s:", t.weights.note);
			for (int k = 0; k < RS_COUNT; k++)
				printf(" %s=%g", risk_signal_code((enum risk_signal)k), t.weights.w[k]);
			printf("\n");
			for (size_t i = 0; i < t.n; i++) {
				printf("%s\t%.2f", t.v[i].code, t.v[i].score);
				for (int k = 0; k < RS_COUNT; k++)
					printf("\t%g", t.v[i].signal[k]);
				printf("\n");
			}
		}
		arena_release(&a);
	} else {
		usage(stderr);
		return 2;
	}
	return rc;
}

int cmd_inspect(int argc, char **argv)
{
	static const char *const WITH_ID[] = { "member", "conclude", "finding", "issue", "correct", "notice" };
	const char *db = NULL;
	struct store *s;
	char *msg = NULL;
	bool has_id = false;
	int rc;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	for (size_t i = 0; i < ARRAY_SIZE(WITH_ID); i++)
		if (!strcmp(argv[1], WITH_ID[i]))
			has_id = true;
	if (!args_ok(argc, argv, has_id)) {
		usage(stderr);
		return 2;
	}
	db = opt(argc, argv, "--db") ? opt(argc, argv, "--db") : cli_default_db();
	if (store_open(db, &s, &msg) != APP_OK) {
		fprintf(stderr, "giamsat inspect: cannot open %s: %s\n", db, msg ? msg : "error");
		free(msg);
		return 1;
	}
	if (store_migrate(s, NULL) != APP_OK) {
		fprintf(stderr, "giamsat inspect: cannot migrate %s\n", db);
		store_close(s);
		return 1;
	}
	rc = run(s, argc, argv);
	store_close(s);
	return rc;
}
