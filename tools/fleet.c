/* fleet.c - see fleet.h.  The engine: a job per host (connect, the
 * command: one request, or a chain of them for the typed commands, close), started as earlier ones
 * finish so that at most fanout are in flight, all driven by the default main context. */
#include "fleet.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fleet-private.h"
#include "hostrange.h"

/* Descriptors kept for everything but the clients' sockets. */
#define FD_RESERVE 32
#define PROGRESS_MS 100

static int fanout = FLEET_DEFAULT_FANOUT;
static gboolean json;

const GOptionEntry fleet_option_entries[] = {
    {"fanout", 'F', 0, G_OPTION_ARG_INT, &fanout,
     "With several hosts: sessions in flight at once (64)", "N"},
    {"json", 0, 0, G_OPTION_ARG_NONE, &json,
     "Print one JSON object per host (host, ok, error, the command's fields)", NULL},
    G_OPTION_ENTRY_NULL,
};

typedef struct {
	GPtrArray *hosts; /* HostEntry */
	FleetCmd *cmd;
	FleetNewClient new_client;
	gpointer new_client_data;
	guint16 default_port;
	guint fanout;
	guint next, running, done, failed;
	gboolean prefix;   /* "host: " before each line */
	gboolean progress; /* stderr is a terminal */
	gboolean progress_shown;
	gboolean interrupted;
	guint skipped; /* hosts never started (interrupted) */
	gint64 start_us;
	GCancellable *cancel;
} Fleet;

typedef struct {
	Fleet *fleet;
	HostEntry *host;
	IpmiClient *client;
	GString *text;   /* the command's output lines */
	GString *fields; /* its JSON members, each after a ',' */
	JsonObject obj;
	GError *error;
} Job;

static void start_jobs(Fleet *f);

/* ---- output ------------------------------------------------------------- */

static void
progress_clear(Fleet *f)
{
	if (f->progress_shown) {
		fputs("\r\033[K", stderr);
		f->progress_shown = FALSE;
	}
}

static void
progress_draw(Fleet *f)
{
	guint total = f->hosts->len;
	double secs = (double)(g_get_monotonic_time() - f->start_us) / G_USEC_PER_SEC;
	int width = 30, filled = total ? (int)((guint64)width * f->done / total) : width;
	char bar[32];
	for (int i = 0; i < width; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[width] = '\0';
	fprintf(stderr, "\r[%s] %u/%u hosts, %u failed, %u in flight, %.0f hosts/s\033[K", bar,
		f->done, total, f->failed, f->running, secs > 0 ? f->done / secs : 0.0);
	fflush(stderr);
	f->progress_shown = TRUE;
}

static gboolean
on_progress_tick(gpointer data)
{
	progress_draw(data);
	return G_SOURCE_CONTINUE;
}

/* The client's messages begin with "host:port: "; the output says which
 * host already. */
static const char *
strip_peer(Job *job, const char *msg)
{
	IpmiClient *c = job->client;
	g_autofree char *peer =
	    strchr(ipmi_client_get_host(c), ':')
		? g_strdup_printf("[%s]:%u: ", ipmi_client_get_host(c), ipmi_client_get_port(c))
		: g_strdup_printf("%s:%u: ", ipmi_client_get_host(c), ipmi_client_get_port(c));
	return g_str_has_prefix(msg, peer) ? msg + strlen(peer) : msg;
}

static void
print_prefixed(FILE *out, const char *prefix, const char *text)
{
	g_autoptr(GString) buf = g_string_sized_new(strlen(text) + 64);
	while (*text) {
		gsize n = strcspn(text, "\n");
		g_string_append(buf, prefix);
		g_string_append_len(buf, text, (gssize)n);
		g_string_append_c(buf, '\n');
		text += n + (text[n] == '\n');
	}
	fwrite(buf->str, 1, buf->len, out);
}

static void
job_report(Job *job)
{
	Fleet *f = job->fleet;
	const char *err = job->error ? strip_peer(job, job->error->message) : NULL;
	progress_clear(f);
	if (json) {
		g_autoptr(GString) line = g_string_new(NULL);
		JsonObject o;
		jsonw_begin(&o, line);
		jsonw_str(&o, "host", job->host->label);
		jsonw_bool(&o, "ok", !job->error);
		jsonw_str(&o, "error", err);
		if (!job->error)
			g_string_append_len(line, job->fields->str, (gssize)job->fields->len);
		jsonw_end(&o);
		g_string_append_c(line, '\n');
		fwrite(line->str, 1, line->len, stdout);
		return;
	}
	g_autofree char *prefix = f->prefix ? g_strdup_printf("%s: ", job->host->label) : NULL;
	if (!job->error) {
		print_prefixed(stdout, prefix ? prefix : "", job->text->str);
		return;
	}
	/* What the command printed before it failed stays with it. */
	print_prefixed(stdout, prefix ? prefix : "", job->text->str);
	fflush(stdout);
	fprintf(stderr, "%s%s\n", prefix ? prefix : "ipmictl: ", err);
}

/* ---- one host ----------------------------------------------------------- */

static void
job_end(Job *job)
{
	Fleet *f = job->fleet;
	job_report(job);
	f->running--;
	f->done++;
	if (job->error)
		f->failed++;
	g_clear_object(&job->client);
	g_string_free(job->text, TRUE);
	g_string_free(job->fields, TRUE);
	g_clear_error(&job->error);
	g_free(job);
	start_jobs(f);
}

static void
on_closed(GObject *source, GAsyncResult *result, gpointer data)
{
	Job *job = data;
	GError *error = NULL;
	if (!ipmi_client_close_finish(IPMI_CLIENT(source), result, &error)) {
		if (!job->error)
			job->error = error;
		else
			g_error_free(error);
	}
	job_end(job);
}

static void
on_response(GObject *source, GAsyncResult *result, gpointer data)
{
	Job *job = data;
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_finish(IPMI_CLIENT(source), result, &job->error);
	if (rsp)
		fleet_cmd_format(job->fleet->cmd, rsp, job->text, &job->obj, &job->error);
	ipmi_client_close_async(job->client, job->fleet->cancel, on_closed, job);
}

static void
on_run_done(gpointer data, GError *error)
{
	Job *job = data;
	job->error = error;
	ipmi_client_close_async(job->client, job->fleet->cancel, on_closed, job);
}

static void
on_connected(GObject *source, GAsyncResult *result, gpointer data)
{
	Job *job = data;
	if (!ipmi_client_connect_finish(IPMI_CLIENT(source), result, &job->error)) {
		job_end(job); /* a failed connect leaves no session behind */
		return;
	}
	const FleetCmd *cmd = job->fleet->cmd;
	if (cmd->run) {
		fleet_cmd_run(cmd, job->client, job->fleet->cancel, job->text, &job->obj,
			      on_run_done, job);
		return;
	}
	ipmi_client_request_async(job->client, cmd->netfn, cmd->command, cmd->data->data,
				  cmd->data->len, job->fleet->cancel, on_response, job);
}

static void
start_jobs(Fleet *f)
{
	while (f->running < f->fanout && f->next < f->hosts->len) {
		Job *job = g_new0(Job, 1);
		job->fleet = f;
		job->host = f->hosts->pdata[f->next++];
		job->text = g_string_new(NULL);
		job->fields = g_string_new(NULL);
		job->obj.s = job->fields;
		job->obj.first = FALSE; /* members follow host, ok, error */
		guint16 port = job->host->port ? job->host->port : f->default_port;
		job->client = f->new_client(job->host->host, port, f->new_client_data);
		f->running++;
		ipmi_client_connect_async(job->client, f->cancel, on_connected, job);
	}
}

static gboolean
on_interrupt(gpointer data)
{
	Fleet *f = data;
	/* Start no more; what is in flight fails as cancelled. */
	f->interrupted = TRUE;
	f->skipped += f->hosts->len - f->next;
	f->next = f->hosts->len;
	g_cancellable_cancel(f->cancel);
	return G_SOURCE_CONTINUE;
}

/* ---- set-up ------------------------------------------------------------- */

/* One UDP socket per client: lift the soft descriptor limit to the hard
 * one, and return how many clients fit under it. */
static guint
raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1024 - FD_RESERVE;
	if (rl.rlim_cur < rl.rlim_max) {
		struct rlimit want = rl;
		want.rlim_cur = rl.rlim_max == RLIM_INFINITY ? 1 << 20 : rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &want) == 0)
			rl = want;
	}
	rlim_t room = rl.rlim_cur > FD_RESERVE * 2 ? rl.rlim_cur - FD_RESERVE : FD_RESERVE;
	return (guint)MIN(room, (rlim_t)G_MAXINT);
}

gboolean
fleet_wanted(const char *host_arg)
{
	return json || !hostrange_is_plain(host_arg);
}

int
fleet_main(const char *host_arg, guint16 default_port, int argc, char **argv,
	   FleetNewClient new_client, gpointer user_data)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(FleetCmd) cmd = fleet_cmd_parse(argc, argv, &error);
	if (!cmd) {
		fprintf(stderr, "ipmictl: %s\n", error->message);
		return 2;
	}
	g_autoptr(GPtrArray) hosts = hostrange_load(host_arg, &error);
	if (!hosts) {
		fprintf(stderr, "ipmictl: -H: %s\n", error->message);
		return 2;
	}
	if (fanout < 1) {
		fprintf(stderr, "ipmictl: -F: the fan-out must be at least 1\n");
		return 2;
	}
	guint room = raise_fd_limit();
	Fleet f = {
	    .hosts = hosts,
	    .cmd = cmd,
	    .new_client = new_client,
	    .new_client_data = user_data,
	    .default_port = default_port,
	    .fanout = MIN((guint)fanout, room),
	    .prefix = hosts->len > 1,
	    .progress = hosts->len > 1 && isatty(STDERR_FILENO),
	    .cancel = g_cancellable_new(),
	    .start_us = g_get_monotonic_time(),
	};
	if (MIN((guint)fanout, hosts->len) > room)
		fprintf(stderr, "ipmictl: -F %d: only %u descriptors free, using %u\n", fanout,
			room, f.fanout);
	guint sigint = g_unix_signal_add(SIGINT, on_interrupt, &f);
	guint sigterm = g_unix_signal_add(SIGTERM, on_interrupt, &f);
	guint tick = f.progress ? g_timeout_add(PROGRESS_MS, on_progress_tick, &f) : 0;
	start_jobs(&f);
	while (f.running || f.next < hosts->len)
		g_main_context_iteration(NULL, TRUE);
	if (tick)
		g_source_remove(tick);
	g_source_remove(sigint);
	g_source_remove(sigterm);
	progress_clear(&f);
	fflush(stdout);
	if (f.interrupted)
		fprintf(stderr, "ipmictl: interrupted: %u of %u hosts not polled\n", f.skipped,
			hosts->len);
	if (f.progress || g_getenv("IPMICTL_FLEET_STATS")) {
		double secs = (double)(g_get_monotonic_time() - f.start_us) / G_USEC_PER_SEC;
		fprintf(stderr, "ipmictl: %u hosts, %u failed, %.3f s, %.0f hosts/s (fan-out %u)\n",
			hosts->len, f.failed, secs, secs > 0 ? hosts->len / secs : 0.0, f.fanout);
	}
	g_object_unref(f.cancel);
	return f.failed || f.skipped ? 1 : 0;
}
