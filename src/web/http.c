/*
** libmicrohttpd adapter: the only file that includes <microhttpd.h>. It
** turns an MHD connection into a struct req, calls web_handle(), and turns
** the struct resp back into an MHD response. A thread pool with epoll;
** each worker thread gets its own store connection (store_conn). Request
** bodies are capped at WEB_BODY_MAX (413), headers by the connection
** memory limit, idle connections by a timeout.
*/
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

#include "web/web.h"

struct web_server {
	struct MHD_Daemon *d;
	struct web *app;
	bool quiet, trust_proxy;
	uint64_t next_id;
};

/* One request: lives from the URI callback to the completion callback. */
struct conn_ctx {
	struct arena arena;
	char *uri;        /* raw request target, in the arena */
	struct sbuf body; /* capped at web_body_max() of its Content-Type */
	bool started, too_big;
	struct timespec t0;
};

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct conn_ctx *ctx = xcalloc(1, sizeof(*ctx));

	(void)cls;
	(void)c;
	arena_init(&ctx->arena);
	ctx->uri = arena_strdup(&ctx->arena, uri ? uri : "/");
	sbuf_init(&ctx->body, WEB_BODY_MAX);
	clock_gettime(CLOCK_MONOTONIC, &ctx->t0);
	return ctx;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *ctx = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (!ctx)
		return;
	sbuf_release(&ctx->body);
	arena_release(&ctx->arena);
	free(ctx);
	*con_cls = NULL;
}

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct req *r = cls;

	(void)kind;
	if (key && value)
		kv_add(&r->headers, r->arena, key, value);
	return MHD_YES;
}

static void client_addr(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(out, n, "unknown");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out,
			  (socklen_t)n);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)n);
}

/* The path for the log: printable ASCII only, at most 200 bytes. */
static const char *log_path(struct arena *a, const char *path)
{
	size_t n = strlen(path);
	char *s;

	if (n > 200)
		n = 200;
	s = arena_strndup(a, path, n);
	for (char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || *p == '"')
			*p = '?';
	return s;
}

static enum MHD_Result send_resp(struct web_server *srv, struct MHD_Connection *c, struct conn_ctx *ctx, struct req *r,
				 struct resp *p)
{
	struct MHD_Response *mr;
	size_t len;
	enum MHD_Result ret;
	struct timespec t1;

	if (p->static_body) {
		len = p->static_len;
		mr = MHD_create_response_from_buffer(len, (void *)p->static_body, MHD_RESPMEM_PERSISTENT);
	} else {
		char *buf = sbuf_detach(&p->body, &len);
		if (buf)
			mr = MHD_create_response_from_buffer_with_free_callback(len, buf, free);
		else
			mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!mr)
			free(buf);
	}
	if (!mr)
		return MHD_NO;
	MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, p->content_type);
	for (size_t i = 0; i < p->headers.n; i++)
		MHD_add_response_header(mr, p->headers.v[i].k, p->headers.v[i].v);
	ret = MHD_queue_response(c, (unsigned)p->status, mr);
	MHD_destroy_response(mr);
	if (!srv->quiet) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - ctx->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - ctx->t0.tv_nsec) / 1e6;
		log_info("http", "req=%llu method=%s path=\"%s\" status=%d bytes=%zu ms=%.2f addr=%s account=%s%s%s",
			 (unsigned long long)r->id, log_path(r->arena, r->method), log_path(r->arena, r->path),
			 p->status, len, ms, r->addr, r->authed ? log_path(r->arena, r->acct.login) : "-",
			 p->log_note ? " note=" : "", p->log_note ? p->log_note : "");
	}
	return ret;
}

/* Build the request from what MHD holds, run it, queue the answer. */
static enum MHD_Result run(struct web_server *srv, struct MHD_Connection *c, struct conn_ctx *ctx, const char *method)
{
	struct req r;
	struct resp p;
	enum MHD_Result ret;
	char *q;

	req_init(&r, srv->app, &ctx->arena);
	r.id = __atomic_add_fetch(&srv->next_id, 1, __ATOMIC_RELAXED);
	r.method = arena_strdup(&ctx->arena, method);
	q = strchr(ctx->uri, '?');
	if (q) {
		*q = '\0';
		r.query_raw = q + 1;
	}
	r.path = ctx->uri;
	MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, &r);
	r.body = ctx->body.buf;
	r.body_len = ctx->body.len;
	r.body_too_big = ctx->too_big;
	client_addr(c, r.addr, sizeof(r.addr));
	if (srv->trust_proxy && (strcmp(r.addr, "127.0.0.1") == 0 || strcmp(r.addr, "::1") == 0)) {
		/* The proxy (nginx: proxy_set_header X-Real-IP $remote_addr) names the client. */
		const char *real = req_header(&r, "X-Real-IP");
		unsigned char tmp[sizeof(struct in6_addr)];
		if (real && (inet_pton(AF_INET, real, tmp) == 1 || inet_pton(AF_INET6, real, tmp) == 1))
			snprintf(r.addr, sizeof(r.addr), "%s", real);
	}

	resp_init(&p);
	web_handle(&r, &p);
	ret = send_resp(srv, c, ctx, &r, &p);
	resp_release(&p);
	return ret;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			       const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct web_server *srv = cls;
	struct conn_ctx *ctx = *con_cls;

	(void)url;
	(void)version;
	if (!ctx)
		return MHD_NO; /* the URI callback always sets it */
	if (!ctx->started) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		int64_t n;
		const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
		size_t max = web_body_max(ct);
		ctx->started = true;
		if (max != WEB_BODY_MAX) {
			sbuf_release(&ctx->body);
			sbuf_init(&ctx->body, max);
		}
		if (cl && parse_int64(cl, &n) && n > (int64_t)max) {
			/* Refuse before reading the body; MHD closes the connection after. */
			ctx->too_big = true;
			return run(srv, c, ctx, method);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!ctx->too_big && sbuf_add(&ctx->body, upload_data, *upload_data_size) != APP_OK) {
			ctx->too_big = true;
			sbuf_release(&ctx->body);
			sbuf_init(&ctx->body, 1);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	return run(srv, c, ctx, method);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[300];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_warn("mhd", "msg=\"%s\"", msg);
}

/* Parse "A.B.C.D:PORT" or "[v6]:PORT" into ss; false when bad. */
static bool parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len, bool *v6)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *colon;
	int64_t port;
	size_t hl;

	memset(ss, 0, sizeof(*ss));
	if (!s)
		return false;
	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end[1] != ':')
			return false;
		hl = (size_t)(end - s - 1);
		if (hl >= sizeof(host))
			return false;
		memcpy(host, s + 1, hl);
		host[hl] = '\0';
		colon = end + 1;
		*v6 = true;
	} else {
		colon = strrchr(s, ':');
		if (!colon)
			return false;
		hl = (size_t)(colon - s);
		if (hl >= sizeof(host))
			return false;
		memcpy(host, s, hl);
		host[hl] = '\0';
		*v6 = false;
	}
	if (!parse_int64(colon + 1, &port) || port < 0 || port > 65535)
		return false;
	if (*v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		*len = sizeof(*a);
		return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
	}
	struct sockaddr_in *a = (struct sockaddr_in *)ss;
	a->sin_family = AF_INET;
	a->sin_port = htons((uint16_t)port);
	*len = sizeof(*a);
	return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

bool web_listen_valid(const char *listen)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	bool v6;

	return parse_listen(listen, &ss, &sl, &v6);
}

enum app_err web_server_start(struct web *app, const struct web_server_opts *opts, struct web_server **out, int *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	bool v6;
	struct web_server *srv;
	unsigned threads = opts->threads ? opts->threads : 4;
	unsigned timeout = opts->timeout_s ? opts->timeout_s : 30;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *di;

	*out = NULL;
	if (!parse_listen(opts->listen, &ss, &sl, &v6))
		return APP_EINVAL;
	if (v6)
		flags |= MHD_USE_IPv6;
	srv = xcalloc(1, sizeof(*srv));
	srv->app = app;
	srv->quiet = opts->quiet;
	srv->trust_proxy = opts->trust_proxy;
	srv->d = MHD_start_daemon(
		flags, 0, NULL, NULL, handler, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv, /* first, or MHD warns */
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_TIMEOUT, timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_URI_LOG_CALLBACK,
		uri_log, srv, MHD_OPTION_NOTIFY_COMPLETED, completed, srv, MHD_OPTION_END);
	if (!srv->d) {
		free(srv);
		return APP_EIO;
	}
	di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	if (port)
		*port = di ? di->port : 0;
	*out = srv;
	return APP_OK;
}

void web_server_stop(struct web_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->d);
	free(srv);
}
