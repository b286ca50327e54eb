/*
** The Hanoi demo: the city committee, its units before and after 1/7/2025
** with successor links, Programme 01-CTr/TU and the facts of the five seed
** articles as documents and events, and demo accounts. Everything it
** creates is marked demo.
*/
#ifndef GIAMSAT_MODEL_DEMO_H
#define GIAMSAT_MODEL_DEMO_H

#include <stdint.h>

#include "util/util.h"

struct store;

/* The code of the demo's root unit (Thành ủy Hà Nội). */
#define DEMO_ROOT_CODE "01"

struct demo_stats {
	int64_t units, current_communes, old_districts, old_communes, successors, docs, events, accounts;
};

/* One demo account, for docs/store.md, the tour and the browser tests. */
struct demo_account {
	const char *login, *display_name, *role, *unit_code, *what;
};
extern const struct demo_account demo_accounts[];
extern const size_t demo_accounts_n;

/*
** Fill an empty, migrated store with the demo, reading the unit lists from
** data_dir/admin. Demo accounts get `password` (>= PASSWORD_MIN_LEN). One
** transaction: on failure nothing is left and *why (static English) says
** what failed.
*/
enum app_err demo_build(struct store *s, const char *data_dir, const char *password, struct demo_stats *stats,
			const char **why);

/*
** Add the copy-detection demo documents of data_dir/demo (model/demo_reuse.c):
** the city's plan 310/KH-UBND and three illustrative commune plans. Called by
** demo_build inside its transaction. *ndocs gets the count.
*/
enum app_err demo_reuse_docs(struct store *s, const char *data_dir, int64_t *ndocs, const char **why);

/*
** Add the inspection demo of issue 5 (model/demo_inspect.c): team no. 2 at
** Thường Tín on 5/5/2022 with its issued conclusion and findings, the
** named 2022 reviews, Thường Tín's ranking as the seeds state it. Needs
** the demo accounts (kiemtra); password for the team leader's account,
** which is then disabled. Called by demo_build inside its transaction.
*/
enum app_err demo_inspect(struct store *s, const char *password, const char **why);

/*
** Add the cascade demo of issue 3 (model/demo_cascade.c): 310/KH-UBND as a
** directive with the targets its text states, the three commune plans of
** data_dir/demo as implementation plans with their tasks, and a few sample
** values. Called by demo_build inside its transaction, after
** demo_reuse_docs.
*/
enum app_err demo_cascade(struct store *s, const char *data_dir, const char **why);

#endif
