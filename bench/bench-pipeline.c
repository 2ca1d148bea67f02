/* bench-pipeline.c - requests in flight on open sessions, public API only.
 *
 *   bench-pipeline --host ADDR [--port P] [--sessions K] [--depth D]
 *                  [--count M] [--warmup W] [-C SUITE] [--max-seconds S]
 *
 * Opens K sessions (cipher suite 17, privilege USER) to ADDR:P, then keeps
 * D Get Device ID requests outstanding on each (libipmi allows 32 per
 * session) until W warm-up and M measured requests have completed.
 * Latency is from ipmi_client_request_async() to its callback.
 *
 * Prints one JSON line: sessions, depth, requests, wall_s, requests_per_s,
 * p50_us, p99_us, cpu_s (this process), errors. */
#include <ipmi/ipmi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"

typedef struct Bench Bench;

typedef struct {
	Bench *b;
	IpmiClient *c;
	gboolean connected;
} Sess;

struct Bench {
	GMainContext *ctx;
	Sess *sess;
	guint k, depth;
	guint64 warmup, count, submitted, completed, errors;
	gint pending_connects;
	gint64 t_start, t_end;
	double cpu_start;
	gint64 *lat; /* microseconds, measured requests only */
	guint64 nlat;
	char *first_error;
};

typedef struct {
	Sess *s;
	gint64 t0;
	gboolean measured;
} Req;

static void submit(Sess *s);

static void
on_response(GObject *src, GAsyncResult *res, gpointer data)
{
	Req *q = data;
	Sess *s = q->s;
	Bench *b = s->b;
	gint64 now = g_get_monotonic_time();
	GError *error = NULL;
	IpmiResponse *r = ipmi_client_request_finish(s->c, res, &error);
	if (!r || !ipmi_response_check(r, &error)) {
		b->errors++;
		if (!b->first_error)
			b->first_error = g_strdup(error ? error->message : "?");
		g_clear_error(&error);
	}
	if (r)
		ipmi_response_unref(r);
	b->completed++;
	if (q->measured && b->nlat < b->count)
		b->lat[b->nlat++] = now - q->t0;
	if (b->completed == b->warmup) {
		b->t_start = now;
		b->cpu_start = self_cpu();
	}
	if (b->completed == b->warmup + b->count)
		b->t_end = now;
	g_free(q);
	submit(s);
}

static void
submit(Sess *s)
{
	Bench *b = s->b;
	if (b->submitted >= b->warmup + b->count)
		return;
	Req *q = g_new0(Req, 1);
	q->s = s;
	q->measured = b->completed >= b->warmup;
	b->submitted++;
	q->t0 = g_get_monotonic_time();
	ipmi_client_request_async(s->c, 0x06, 0x01, NULL, 0, NULL, on_response, q);
}

static void
on_connected(GObject *src, GAsyncResult *res, gpointer data)
{
	Sess *s = data;
	GError *error = NULL;
	s->connected = ipmi_client_connect_finish(s->c, res, &error);
	if (!s->connected) {
		fprintf(stderr, "bench-pipeline: connect: %s\n", error->message);
		g_clear_error(&error);
	}
	s->b->pending_connects--;
}

static void
on_closed(GObject *src, GAsyncResult *res, gpointer data)
{
	ipmi_client_close_finish(IPMI_CLIENT(src), res, NULL);
	(*(gint *)data)--;
}

static gboolean
on_deadline(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

static int
cmp_i64(const void *a, const void *b)
{
	gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	g_autofree char *host = NULL;
	gint port = 623, k = 1, depth = 1, count = 20000, warmup = 1000, suite = 17;
	gint max_seconds = 60;
	GOptionEntry entries[] = {
	    {"host", 'H', 0, G_OPTION_ARG_STRING, &host, "BMC address", "ADDR"},
	    {"port", 'p', 0, G_OPTION_ARG_INT, &port, "UDP port (623)", "P"},
	    {"sessions", 'k', 0, G_OPTION_ARG_INT, &k, "Sessions (1)", "K"},
	    {"depth", 'd', 0, G_OPTION_ARG_INT, &depth, "Requests in flight per session", "D"},
	    {"count", 'n', 0, G_OPTION_ARG_INT, &count, "Measured requests (20000)", "M"},
	    {"warmup", 'w', 0, G_OPTION_ARG_INT, &warmup, "Warm-up requests (1000)", "W"},
	    {"cipher-suite", 'C', 0, G_OPTION_ARG_INT, &suite, "Cipher suite (17)", "N"},
	    {"max-seconds", 0, 0, G_OPTION_ARG_INT, &max_seconds, "Give up after S (60)", "S"},
	    G_OPTION_ENTRY_NULL};
	g_autoptr(GOptionContext) oc = g_option_context_new("- pipelined Get Device ID");
	g_option_context_add_main_entries(oc, entries, NULL);
	GError *error = NULL;
	if (!g_option_context_parse(oc, &argc, &argv, &error) || !host || k < 1 || k > 63 ||
	    depth < 1 || depth > 1000 || count < 1 || count > 10000000 || warmup < 0 ||
	    warmup > 1000000 || max_seconds < 1 || max_seconds > 3600) {
		fprintf(stderr, "bench-pipeline: %s\n", error ? error->message : "bad arguments");
		return 2;
	}
	Bench b = {0};
	b.ctx = g_main_context_new();
	g_main_context_push_thread_default(b.ctx);
	b.k = (guint)k;
	b.depth = (guint)depth;
	b.warmup = (guint64)warmup;
	b.count = (guint64)count;
	b.lat = g_new(gint64, b.count);
	b.sess = g_new0(Sess, b.k);
	gboolean expired = FALSE;
	GSource *deadline = g_timeout_source_new_seconds((guint)max_seconds);
	g_source_set_callback(deadline, on_deadline, &expired, NULL);
	g_source_attach(deadline, b.ctx);

	for (guint i = 0; i < b.k; i++) {
		Sess *s = &b.sess[i];
		s->b = &b;
		s->c = ipmi_client_new(host, (guint16)port);
		ipmi_client_set_credentials(s->c, "admin", "password");
		g_object_set(s->c, "cipher-suite", suite, "privilege", IPMI_PRIVILEGE_USER,
			     "timeout", 5000u, "retries", 2u, NULL);
		b.pending_connects++;
		ipmi_client_connect_async(s->c, NULL, on_connected, s);
	}
	while (b.pending_connects > 0 && !expired)
		g_main_context_iteration(b.ctx, TRUE);
	int rc = 0;
	for (guint i = 0; i < b.k; i++)
		if (!b.sess[i].connected)
			rc = 1;
	if (!rc) {
		if (b.warmup == 0) {
			b.t_start = g_get_monotonic_time();
			b.cpu_start = self_cpu();
		}
		for (guint d = 0; d < b.depth; d++)
			for (guint i = 0; i < b.k; i++)
				submit(&b.sess[i]);
		while (b.completed < b.submitted && !expired)
			g_main_context_iteration(b.ctx, TRUE);
	}
	double cpu = self_cpu() - b.cpu_start;
	gint closing = 0;
	for (guint i = 0; i < b.k; i++)
		if (b.sess[i].connected) {
			closing++;
			ipmi_client_close_async(b.sess[i].c, NULL, on_closed, &closing);
		}
	while (closing > 0 && !expired)
		g_main_context_iteration(b.ctx, TRUE);

	if (!rc && b.t_end > b.t_start && b.nlat > 0) {
		qsort(b.lat, b.nlat, sizeof *b.lat, cmp_i64);
		double wall = (double)(b.t_end - b.t_start) / 1e6;
		printf("{\"tool\":\"bench-pipeline\",\"sessions\":%u,\"depth\":%u,\"requests\":"
		       "%" G_GUINT64_FORMAT
		       ",\"wall_s\":%.6f,\"requests_per_s\":%.1f,\"p50_us\":%" G_GINT64_FORMAT
		       ",\"p99_us\":%" G_GINT64_FORMAT
		       ",\"cpu_s\":%.6f,\"errors\":%" G_GUINT64_FORMAT "}\n",
		       b.k, b.depth, b.count, wall, (double)b.count / wall, b.lat[b.nlat / 2],
		       b.lat[(b.nlat * 99) / 100], cpu, b.errors);
	} else {
		rc = 1;
		printf(
		    "{\"tool\":\"bench-pipeline\",\"sessions\":%u,\"depth\":%u,\"failed\":true}\n",
		    b.k, b.depth);
	}
	if (b.errors) {
		fprintf(stderr, "bench-pipeline: %" G_GUINT64_FORMAT " errors, first: %s\n",
			b.errors, b.first_error);
		rc = 1;
	}
	if (expired)
		rc = 1;
	for (guint i = 0; i < b.k; i++)
		g_object_unref(b.sess[i].c);
	g_free(b.sess);
	g_free(b.lat);
	g_free(b.first_error);
	g_source_destroy(deadline);
	g_source_unref(deadline);
	g_main_context_pop_thread_default(b.ctx);
	g_main_context_unref(b.ctx);
	return rc;
}
