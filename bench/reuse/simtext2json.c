/*
** simtext2json: turn the output of Debian's sim_text (similarity-tester)
**
**   sim_text -r8 -n -S NEW.txt / OLD1.txt OLD2.txt ...
**
** into the detections JSON that plagdet reads (the shape of `giamsat reuse
** check --json`): every reported run "NEW: line a-b | OLD: line c-d [n]"
** becomes a passage whose byte spans run from the start of the first line to
** the end of the last one (line break excluded) in each file. Runs are kept
** as sim_text reports them (no merging), so its granularity is its own.
**
**   simtext2json NAME < sim_text.out > NAME.json
**
** NAME is the suspicious file as named in the ground truth; the files named
** in the output are opened relative to the current directory.
*/
#include <jansson.h>

#include "util/util.h"

struct lines {
	char *path;
	size_t *start; /* byte offset of each line (1-based index) */
	size_t n;      /* lines */
	size_t len;    /* file bytes */
	struct lines *next;
};

static struct lines *cache;

static struct lines *lines_of(const char *path)
{
	struct lines *l;
	char *data;
	size_t len, cap = 1024;

	for (l = cache; l; l = l->next)
		if (strcmp(l->path, path) == 0)
			return l;
	if (file_read(path, 0, &data, &len) != APP_OK)
		return NULL;
	l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	l->len = len;
	l->start = xmalloc(cap * sizeof *l->start);
	l->start[0] = 0; /* unused: lines are 1-based */
	l->start[1] = 0;
	l->n = 1;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n' && i + 1 < len) {
			if (l->n + 2 >= cap) {
				cap *= 2;
				l->start = xrealloc(l->start, cap * sizeof *l->start);
			}
			l->start[++l->n] = i + 1;
		}
	l->start[l->n + 1] = len + 1; /* sentinel: one past the virtual newline */
	free(data);
	l->next = cache;
	cache = l;
	return l;
}

/* Bytes of lines a..b, without the final line break. */
static bool span(struct lines *l, long a, long b, size_t *off, size_t *len)
{
	size_t e;

	if (!l || a < 1 || b < a || (size_t)b > l->n)
		return false;
	*off = l->start[a];
	e = l->start[b + 1] - 1; /* the newline ending line b (or len) */
	if (e > l->len)
		e = l->len;
	*len = e - *off;
	return true;
}

/* Parse "PATH: line A-B" (or "line A") at s; the path ends at ": line ". */
static bool parse_side(const char *s, char **path, long *a, long *b)
{
	const char *m = strstr(s, ": line ");
	char *end;

	if (!m)
		return false;
	*path = xstrndup(s, (size_t)(m - s));
	*a = strtol(m + 7, &end, 10);
	*b = *end == '-' ? strtol(end + 1, &end, 10) : *a;
	return true;
}

int main(int argc, char **argv)
{
	char line[8192];
	json_t *root, *ps;
	size_t bad = 0;

	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: simtext2json NAME < sim_text.out > NAME.json\n", stderr);
		return 2;
	}
	root = json_object();
	ps = json_array();
	json_object_set_new(root, "file", json_string(argv[1]));
	while (fgets(line, sizeof line, stdin)) {
		char *bar = strchr(line, '|'), *np = NULL, *op = NULL;
		long a, b, c, d;
		size_t o1, l1, o2, l2;

		if (!bar || strncmp(line, "File ", 5) == 0)
			continue;
		*bar = 0;
		if (!parse_side(line, &np, &a, &b) || !parse_side(bar + 1, &op, &c, &d)) {
			free(np);
			continue;
		}
		/* trim the padding sim_text puts after the new file's range */
		if (span(lines_of(np), a, b, &o1, &l1) && span(lines_of(op), c, d, &o2, &l2)) {
			json_t *p = json_object();

			json_object_set_new(p, "source", json_string(op));
			json_object_set_new(p, "source_offset", json_integer((json_int_t)o2));
			json_object_set_new(p, "source_length", json_integer((json_int_t)l2));
			json_object_set_new(p, "offset", json_integer((json_int_t)o1));
			json_object_set_new(p, "length", json_integer((json_int_t)l1));
			json_array_append_new(ps, p);
		} else {
			bad++;
		}
		free(np);
		free(op);
	}
	json_object_set_new(root, "passages", ps);
	json_dumpf(root, stdout, JSON_PRESERVE_ORDER | JSON_INDENT(1));
	putchar('\n');
	json_decref(root);
	while (cache) {
		struct lines *n = cache->next;

		free(cache->path);
		free(cache->start);
		free(cache);
		cache = n;
	}
	if (bad)
		fprintf(stderr, "simtext2json: %zu runs not understood\n", bad);
	return 0;
}
