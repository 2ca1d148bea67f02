/* bench-fleet.c - poll a fleet of BMCs with libipmi's public API.
 *
 * N IpmiClients on one GMainContext, at most FANOUT at a time; per BMC:
 * connect (cipher suite 17, privilege USER by default: Get Channel
 * Authentication Capabilities, Open Session, RAKP 1/3), Get Device ID,
 * Close Session.  That is what `ipmictl -H RANGE -F N mc info` does, done
 * here directly on the library (the figure of "our side" when ipmictl has
 * no fleet mode).
 *
 *   bench-fleet --hosts-file FILE [--port P] [-n N] [-F FANOUT] [-C SUITE]
 *               [-L user|operator|administrator] [-U USER] [-P PASS]
 *               [--timeout-ms MS] [--retries R] [--hold SECONDS]
 *               [--max-seconds S]
 *
 * FILE: one BMC per line, "ADDR" or "ADDR:PORT" (the first N lines; when N
 * is larger, the list is used again from the top).
 *
 * --hold SECONDS: open every session and keep them all open (fan-out
 * still bounds the handshakes in flight), print "bench-fleet: holding K
 * sessions" on standard output, wait SECONDS, then close them all.  Used to
 * measure the simulator's memory per held session.
 *
 * Prints one JSON line: n, ok, failed, wall_s (the polling alone, without
 * process start-up), sessions_per_s, cpu_s (this process), first_error. */
#include <ipmi/ipmi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"

typedef struct {
	GMainContext *ctx;
	GPtrArray *hosts; /* char *, "addr" or "addr:port" */
	guint port;
	guint n, fanout, suite, priv, timeout_ms, retries;
	const char *user, *password;
	guint next, active, ok, failed, closing;
	GPtrArray *held; /* IpmiClient * in --hold mode */
	gboolean hold;
	char *first_error;
} Fleet;

typedef struct {
	Fleet *f;
	IpmiClient *c;
	gboolean bad; /* Get Device ID failed; the session is closed anyway */
} Job;

static void start_next(Fleet *f);

static void
job_end(Job *j, gboolean ok, GError *error)
{
	Fleet *f = j->f;
	if (ok)
		f->ok++;
	else {
		f->failed++;
		if (!f->first_error)
			f->first_error = g_strdup_printf("%s: %s", ipmi_client_get_host(j->c),
							 error ? error->message : "failed");
	}
	g_clear_error(&error);
	g_object_unref(j->c);
	g_free(j);
	f->active--;
	start_next(f);
}

static void
on_closed(GObject *src, GAsyncResult *res, gpointer data)
{
	Job *j = data;
	GError *error = NULL;
	gboolean ok = ipmi_client_close_finish(j->c, res, &error);
	job_end(j, ok && !j->bad, error);
}

static void
on_response(GObject *src, GAsyncResult *res, gpointer data)
{
	Job *j = data;
	GError *error = NULL;
	IpmiResponse *r = ipmi_client_request_finish(j->c, res, &error);
	if (!r || !ipmi_response_check(r, &error)) {
		if (r)
			ipmi_response_unref(r);
		/* still close the session, but count the BMC as failed */
		if (!j->f->first_error)
			j->f->first_error =
			    g_strdup_printf("%s: %s", ipmi_client_get_host(j->c), error->message);
		g_clear_error(&error);
		j->bad = TRUE;
	} else {
		ipmi_response_unref(r);
	}
	ipmi_client_close_async(j->c, NULL, on_closed, j);
}

static void
on_connected(GObject *src, GAsyncResult *res, gpointer data)
{
	Job *j = data;
	GError *error = NULL;
	if (!ipmi_client_connect_finish(j->c, res, &error)) {
		job_end(j, FALSE, error);
		return;
	}
	if (j->f->hold) {
		Fleet *f = j->f;
		g_ptr_array_add(f->held, g_steal_pointer(&j->c));
		g_free(j);
		f->ok++;
		f->active--;
		start_next(f);
		return;
	}
	ipmi_client_request_async(j->c, 0x06, 0x01, NULL, 0, NULL, on_response, j);
}

static void
start_next(Fleet *f)
{
	while (f->active < f->fanout && f->next < f->n) {
		const char *spec = f->hosts->pdata[f->next % f->hosts->len];
		f->next++;
		guint port = f->port;
		g_autofree char *host = g_strdup(spec);
		char *colon = strrchr(host, ':');
		if (colon && strchr(host, ':') == colon) { /* IPv4 or name with :port */
			*colon = 0;
			port = (guint)strtoul(colon + 1, NULL, 10);
		}
		Job *j = g_new0(Job, 1);
		j->f = f;
		j->c = ipmi_client_new(host, (guint16)port);
		ipmi_client_set_credentials(j->c, f->user, f->password);
		g_object_set(j->c, "cipher-suite", (int)f->suite, "privilege", (int)f->priv,
			     "timeout", f->timeout_ms, "retries", f->retries, NULL);
		f->active++;
		ipmi_client_connect_async(j->c, NULL, on_connected, j);
	}
}

static void
on_held_closed(GObject *src, GAsyncResult *res, gpointer data)
{
	Fleet *f = data;
	GError *error = NULL;
	if (!ipmi_client_close_finish(IPMI_CLIENT(src), res, &error)) {
		if (!f->first_error)
			f->first_error = g_strdup(error->message);
		g_clear_error(&error);
	}
	f->closing--;
}

static gboolean
on_deadline(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
	g_autofree char *hosts_file = NULL, *priv_name = NULL, *user = NULL, *password = NULL;
	gint port = 623, n = 0, fanout = 64, suite = 17, timeout_ms = 5000, retries = 2;
	gint hold = -1, max_seconds = 300;
	GOptionEntry entries[] = {
	    {"hosts-file", 0, 0, G_OPTION_ARG_FILENAME, &hosts_file, "BMCs, one per line", "FILE"},
	    {"port", 'p', 0, G_OPTION_ARG_INT, &port, "Port when a line has none (623)", "P"},
	    {"count", 'n', 0, G_OPTION_ARG_INT, &n, "BMCs to poll (the file's lines)", "N"},
	    {"fanout", 'F', 0, G_OPTION_ARG_INT, &fanout, "Sessions in flight (64)", "F"},
	    {"cipher-suite", 'C', 0, G_OPTION_ARG_INT, &suite, "Cipher suite (17)", "N"},
	    {"privilege", 'L', 0, G_OPTION_ARG_STRING, &priv_name, "Privilege (user)", "PRIV"},
	    {"user", 'U', 0, G_OPTION_ARG_STRING, &user, "User (admin)", "USER"},
	    {"password", 'P', 0, G_OPTION_ARG_STRING, &password, "Password (password)", "PASS"},
	    {"timeout-ms", 0, 0, G_OPTION_ARG_INT, &timeout_ms, "Deadline per step (5000)", "MS"},
	    {"retries", 0, 0, G_OPTION_ARG_INT, &retries, "Retransmissions (2)", "R"},
	    {"hold", 0, 0, G_OPTION_ARG_INT, &hold, "Hold every session S seconds", "S"},
	    {"max-seconds", 0, 0, G_OPTION_ARG_INT, &max_seconds, "Give up after S (300)", "S"},
	    G_OPTION_ENTRY_NULL};
	g_autoptr(GOptionContext) oc = g_option_context_new("- poll BMCs with libipmi");
	g_option_context_add_main_entries(oc, entries, NULL);
	GError *error = NULL;
	if (!g_option_context_parse(oc, &argc, &argv, &error) || !hosts_file) {
		fprintf(stderr, "bench-fleet: %s\n",
			error ? error->message : "--hosts-file needed");
		return 2;
	}
	g_autofree char *text = NULL;
	if (!g_file_get_contents(hosts_file, &text, NULL, &error)) {
		fprintf(stderr, "bench-fleet: %s\n", error->message);
		return 2;
	}
	Fleet f = {0};
	f.hosts = g_ptr_array_new_with_free_func(g_free);
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		g_strstrip(*l);
		if (**l && **l != '#')
			g_ptr_array_add(f.hosts, g_strdup(*l));
	}
	if (!f.hosts->len || n < 0 || n > 1000000 || fanout < 1 || fanout > 100000 ||
	    max_seconds < 1 || max_seconds > 3600 || hold > 3600) {
		fprintf(stderr, "bench-fleet: bad arguments\n");
		return 2;
	}
	f.priv = IPMI_PRIVILEGE_USER;
	if (priv_name) {
		if (!g_ascii_strcasecmp(priv_name, "operator"))
			f.priv = IPMI_PRIVILEGE_OPERATOR;
		else if (!g_ascii_strncasecmp(priv_name, "admin", 5))
			f.priv = IPMI_PRIVILEGE_ADMINISTRATOR;
		else if (g_ascii_strcasecmp(priv_name, "user")) {
			fprintf(stderr, "bench-fleet: unknown privilege %s\n", priv_name);
			return 2;
		}
	}
	raise_nofile();
	f.ctx = g_main_context_new();
	g_main_context_push_thread_default(f.ctx);
	f.port = (guint)port;
	f.n = n ? (guint)n : f.hosts->len;
	f.fanout = (guint)fanout;
	f.suite = (guint)suite;
	f.timeout_ms = (guint)timeout_ms;
	f.retries = (guint)retries;
	f.user = user ? user : "admin";
	f.password = password ? password : "password";
	f.hold = hold >= 0;
	f.held = g_ptr_array_new();

	gboolean expired = FALSE;
	GSource *deadline = g_timeout_source_new_seconds((guint)max_seconds);
	g_source_set_callback(deadline, on_deadline, &expired, NULL);
	g_source_attach(deadline, f.ctx);

	double c0 = self_cpu();
	gint64 t0 = g_get_monotonic_time();
	start_next(&f);
	while ((f.active > 0 || f.next < f.n) && !expired)
		g_main_context_iteration(f.ctx, TRUE);
	gint64 t1 = g_get_monotonic_time();
	double c1 = self_cpu();

	if (f.hold && !expired) {
		printf("bench-fleet: holding %u sessions\n", f.held->len);
		fflush(stdout);
		gboolean done = FALSE;
		GSource *hs = g_timeout_source_new_seconds((guint)hold);
		g_source_set_callback(hs, on_deadline, &done, NULL);
		g_source_attach(hs, f.ctx);
		while (!done && !expired)
			g_main_context_iteration(f.ctx, TRUE);
		g_source_destroy(hs);
		g_source_unref(hs);
		for (guint i = 0; i < f.held->len; i++) {
			f.closing++;
			ipmi_client_close_async(f.held->pdata[i], NULL, on_held_closed, &f);
			/* bounded: let at most FANOUT closes be in flight */
			while (f.closing >= f.fanout && !expired)
				g_main_context_iteration(f.ctx, TRUE);
		}
		while (f.closing > 0 && !expired)
			g_main_context_iteration(f.ctx, TRUE);
	}
	for (guint i = 0; i < f.held->len; i++)
		g_object_unref(f.held->pdata[i]);

	double wall = (double)(t1 - t0) / 1e6;
	g_autofree char *err_json = NULL;
	if (f.first_error) {
		GString *s = g_string_new("\"");
		for (const char *p = f.first_error; *p; p++) {
			if (*p == '"' || *p == '\\')
				g_string_append_c(s, '\\');
			if ((unsigned char)*p >= 0x20)
				g_string_append_c(s, *p);
		}
		g_string_append_c(s, '"');
		err_json = g_string_free(s, FALSE);
	}
	printf("{\"tool\":\"bench-fleet\",\"n\":%u,\"fanout\":%u,\"suite\":%u,\"ok\":%u,"
	       "\"failed\":%u,\"unfinished\":%u,\"wall_s\":%.6f,\"sessions_per_s\":%.1f,"
	       "\"cpu_s\":%.6f,\"first_error\":%s}\n",
	       f.n, f.fanout, f.suite, f.ok, f.failed, f.n - f.ok - f.failed, wall,
	       wall > 0 ? f.ok / wall : 0, c1 - c0, err_json ? err_json : "null");
	g_source_destroy(deadline);
	g_source_unref(deadline);
	g_ptr_array_unref(f.held);
	g_ptr_array_unref(f.hosts);
	g_free(f.first_error);
	g_main_context_pop_thread_default(f.ctx);
	g_main_context_unref(f.ctx);
	return (f.failed || expired || f.ok < f.n) ? 1 : 0;
}
