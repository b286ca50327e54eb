/*
** Sub-commands of the giamsat binary. Each returns the process exit status:
** 0 on success, 1 on a failure the user caused or can fix (message on
** stderr), 2 on bad usage. Every command answers --help.
*/
#ifndef GIAMSAT_CLI_H
#define GIAMSAT_CLI_H

#include <stdbool.h>

int cli_main(int argc, char **argv);

int cmd_serve(int argc, char **argv);   /* cli/cmd_serve.c */
int cmd_migrate(int argc, char **argv); /* cli/cmd_db.c */
int cmd_demo(int argc, char **argv);    /* cli/cmd_db.c */
int cmd_import(int argc, char **argv);  /* cli/cmd_db.c */
int cmd_user(int argc, char **argv);    /* cli/cmd_db.c */
int cmd_reuse(int argc, char **argv);   /* cli/cmd_reuse.c */
int cmd_plan(int argc, char **argv);    /* cli/cmd_plan.c */
int cmd_audit(int argc, char **argv);   /* cli/cmd_audit.c */
int cmd_doc(int argc, char **argv);     /* cli/cmd_cascade.c */
int cmd_inspect(int argc, char **argv); /* cli/cmd_inspect.c */
int cmd_rank(int argc, char **argv);    /* cli/cmd_rank.c */
/* plan import|export|coverage (cli/cmd_cascade.c); argv[1] is the sub-command. */
int cmd_plan_db(int argc, char **argv);

/* True when argv[1..] holds -h or --help. */
bool cli_wants_help(int argc, char **argv);
/* Default database path when --db is not given: "giamsat.db". */
const char *cli_default_db(void);
/*
** The copy-detection index directory of a database: explicit (--reuse-index)
** if not NULL, else $GIAMSAT_REUSE_INDEX, else DB.reuse beside a SQLite file,
** else "giamsat-reuse" for PostgreSQL. malloc'd.
*/
char *cli_reuse_dir(const char *db, const char *explicit_dir);

#endif
