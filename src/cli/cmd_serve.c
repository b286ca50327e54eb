/* giamsat serve: the web interface and the JSON API. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "model/account.h"
#include "store/store.h"
#include "util/util.h"
#include "web/web.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: giamsat serve [--db DB] [--listen ADDR:PORT] [--threads N] [--cache-ms MS]\n"
		"                     [--secure-cookies] [--trust-proxy] [--reuse-index DIR]\n\n"
		"Serve the web interface and the JSON API (/api/v1) until SIGTERM or SIGINT.\n"
		"  --db DB            SQLite file (default %s) or postgresql://... URL;\n"
		"                     migrations are applied at start\n"
		"  --listen ADDR:PORT address to listen on (default 127.0.0.1:8080; [::1]:8080\n"
		"                     for IPv6; port 0 picks a free port, printed at start)\n"
		"  --threads N        worker threads, each with its own database connection\n"
		"                     (default: 2 per CPU, at least 4)\n"
		"  --cache-ms MS      keep what a unit's page reads for MS milliseconds per\n"
		"                     worker thread (default 1000; 0: off). Sessions and\n"
		"                     access rights are checked on every request regardless;\n"
		"                     changes made by other processes show within MS\n"
		"  --secure-cookies   mark cookies Secure (when served behind TLS, e.g. nginx)\n"
		"  --reuse-index DIR  the copy-detection index of the documents (default DB.reuse\n"
		"                     beside a SQLite file, giamsat-reuse for PostgreSQL;\n"
		"                     $GIAMSAT_REUSE_INDEX); built by 'giamsat demo'\n"
		"  --trust-proxy      behind a reverse proxy on this machine: take the client\n"
		"                     address (for login throttling and the log) from the\n"
		"                     X-Real-IP header of connections from 127.0.0.1/::1\n"
		"One key=value log line per request goes to standard error.\n",
		cli_default_db());
}

int cmd_serve(int argc, char **argv)
{
	const char *db = cli_default_db(), *listen = "127.0.0.1:8080", *reuse_opt = NULL;
	char *reuse_dir = NULL;
	int64_t threads = 0, cache_ms = 1000;
	struct web app = { 0 };
	struct web_server_opts o = { 0 };
	struct web_server *srv = NULL;
	struct store *s = NULL;
	char *msg = NULL, *gen = NULL;
	int port = 0, applied = 0, rc = 1;
	sigset_t set;
	enum app_err e;

	if (cli_wants_help(argc, argv)) {
		usage(stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--secure-cookies") == 0) {
			app.secure_cookies = true;
		} else if (strcmp(argv[i], "--trust-proxy") == 0) {
			o.trust_proxy = true;
		} else if (i + 1 < argc && strcmp(argv[i], "--db") == 0) {
			db = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--reuse-index") == 0) {
			reuse_opt = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--listen") == 0) {
			listen = argv[++i];
		} else if (i + 1 < argc && strcmp(argv[i], "--cache-ms") == 0) {
			if (!parse_int64(argv[++i], &cache_ms) || cache_ms < 0 || cache_ms > 3600000) {
				fprintf(stderr, "giamsat serve: --cache-ms wants a number from 0 to 3600000\n");
				return 2;
			}
		} else if (i + 1 < argc && strcmp(argv[i], "--threads") == 0) {
			if (!parse_int64(argv[++i], &threads) || threads < 1 || threads > 256) {
				fprintf(stderr, "giamsat serve: --threads wants a number from 1 to 256\n");
				return 2;
			}
		} else {
			fprintf(stderr, "giamsat serve: unexpected argument '%s'\n\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (!web_listen_valid(listen)) {
		fprintf(stderr, "giamsat serve: bad --listen '%s' (want ADDR:PORT, e.g. 127.0.0.1:8080)\n", listen);
		return 2;
	}
	if (threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? 2 * cpus : 4;
		if (threads < 4)
			threads = 4;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "giamsat serve: libsodium failed to start\n");
		return 1;
	}
	if (store_open(db, &s, &msg) != APP_OK) {
		fprintf(stderr, "giamsat serve: %s\n", msg ? msg : "cannot open the database");
		free(msg);
		return 1;
	}
	if ((e = store_migrate(s, &applied)) != APP_OK) {
		fprintf(stderr, "giamsat serve: migrating the schema failed (%s)\n", app_err_name(e));
		goto out;
	}
	/* A database with units but no administrator gets one (as `migrate` does). */
	if (account_bootstrap_admin(s, &gen) == APP_OK && gen) {
		printf("Administrator account created: login admin, password %s\n"
		       "(shown once; change it on the account page or with 'giamsat user passwd admin')\n",
		       gen);
		sodium_memzero(gen, strlen(gen));
		free(gen);
	}
	session_sweep(s);

	/* Worker threads inherit this mask; only this thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	app.store = s;
	app.cache_ttl_ms = (unsigned)cache_ms;
	reuse_dir = cli_reuse_dir(db, reuse_opt);
	app.reuse_dir = reuse_dir;
	o.listen = listen;
	o.threads = (unsigned)threads;
	e = web_server_start(&app, &o, &srv, &port);
	if (e == APP_EINVAL) {
		fprintf(stderr, "giamsat serve: bad --listen '%s' (want ADDR:PORT, e.g. 127.0.0.1:8080)\n", listen);
		rc = 2;
		goto out;
	}
	if (e != APP_OK) {
		fprintf(stderr, "giamsat serve: cannot listen on %s (in use, or not allowed)\n", listen);
		goto out;
	}
	log_info("serve", "listen=%s port=%d threads=%lld cache_ms=%lld db_engine=%s migrations=%d reuse_index=%s",
		 listen, port, (long long)threads, (long long)cache_ms,
		 store_engine(s) == STORE_POSTGRES ? "postgresql" : "sqlite", applied, reuse_dir);
	printf("giamsat: serving on port %d; stop with Ctrl-C\n", port);
	fflush(stdout);

	for (;;) {
		struct timespec hour = { 3600, 0 };
		int sig = sigtimedwait(&set, NULL, &hour);
		if (sig == SIGINT || sig == SIGTERM) {
			log_info("serve", "signal=%d stopping=1", sig);
			break;
		}
		if (sig < 0 && errno == EAGAIN)
			session_sweep(s); /* hourly: drop expired sessions and old login attempts */
	}
	web_server_stop(srv);
	log_info("serve", "stopped=1");
	rc = 0;
out:
	store_close(s);
	free(reuse_dir);
	return rc;
}
