/* bmcsim.c - the BMC simulator: options, configuration, endpoints, main
 * loop.  See simulator/config/example.conf and README.md. */
#include <errno.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "config.h"
#include "core/crypto.h"
#include "endpoint.h"
#include "faults.h"
#include "transcript.h"

#define FD_RESERVE 32 /* descriptors kept for everything but endpoint sockets */

typedef struct {
	char **listen;
	char *config;
	gboolean transcript_set;
	char *transcript;
	char *seed;
	int max_sessions;
	int idle_timeout;
	char *drop, *duplicate, *reorder;
	int delay, slow;
	char **quirks;
	char *suites;
} Options;

static Options opt = {.max_sessions = -1, .idle_timeout = -1, .delay = -1, .slow = -1};

static gboolean
on_transcript(const char *name, const char *value, gpointer data, GError **error)
{
	opt.transcript_set = TRUE;
	g_free(opt.transcript);
	opt.transcript = g_strdup(value && *value ? value : "-");
	return TRUE;
}

static const GOptionEntry entries[] = {
    {"listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &opt.listen,
     "Serve at ADDR:PORT (repeatable; ADDR may be a range A-B of IPv4 addresses, one BMC "
     "each; default 127.0.0.1:6230)",
     "ADDR:PORT"},
    {"config", 'c', 0, G_OPTION_ARG_FILENAME, &opt.config, "Read the BMC description from FILE",
     "FILE"},
    {"transcript", 't', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, on_transcript,
     "Log every decoded message to FILE (default: standard error)", "[=FILE]"},
    {"seed", 0, 0, G_OPTION_ARG_STRING, &opt.seed, "Seed the fault injection (deterministic runs)",
     "N"},
    {"max-sessions", 0, 0, G_OPTION_ARG_INT, &opt.max_sessions,
     "Session table size per BMC, 1..63 (default 16)", "N"},
    {"idle-timeout", 0, 0, G_OPTION_ARG_INT, &opt.idle_timeout,
     "End a session after S seconds without traffic (default 60)", "S"},
    {"drop", 0, 0, G_OPTION_ARG_STRING, &opt.drop, "Drop PCT percent of the datagrams sent", "PCT"},
    {"duplicate", 0, 0, G_OPTION_ARG_STRING, &opt.duplicate,
     "Send PCT percent of the datagrams twice", "PCT"},
    {"reorder", 0, 0, G_OPTION_ARG_STRING, &opt.reorder,
     "Hold PCT percent of the datagrams back behind the next one", "PCT"},
    {"delay", 0, 0, G_OPTION_ARG_INT, &opt.delay, "Delay each datagram by a random 0..MS ms", "MS"},
    {"slow", 0, 0, G_OPTION_ARG_INT, &opt.slow, "Answer each in-session request after MS ms", "MS"},
    {"quirk", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt.quirks,
     "Behave like some real BMCs: " BMC_QUIRK_NAMES " (repeatable)", "NAME"},
    {"suites", 0, 0, G_OPTION_ARG_STRING, &opt.suites,
     "Cipher suites to accept, e.g. 3,17 (default 2,3,7,8,11,12,16,17)", "LIST"},
    {NULL},
};

static gboolean
apply_options(BmcSimConfig *c, GError **error)
{
	if (opt.listen) {
		g_ptr_array_set_size(c->listen, 0);
		for (char **s = opt.listen; *s; s++) {
			BmcListen *l = bmc_listen_parse(*s, error);
			if (!l)
				return FALSE;
			g_ptr_array_add(c->listen, l);
		}
	}
	if (opt.suites && !bmc_suites_parse(opt.suites, &c->model->suites, error))
		return FALSE;
	if (opt.max_sessions != -1) {
		if (opt.max_sessions < 1 || opt.max_sessions > BMC_MAX_SESSIONS) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--max-sessions: 1..%d", BMC_MAX_SESSIONS);
			return FALSE;
		}
		c->limits.max_sessions = (guint)opt.max_sessions;
	}
	if (opt.idle_timeout != -1) {
		if (opt.idle_timeout < 1) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--idle-timeout: at least 1 second");
			return FALSE;
		}
		c->limits.idle_timeout_s = (guint)opt.idle_timeout;
	}
	BmcFaultConfig *f = &c->faults;
	if (opt.drop && !bmc_percent_parse(opt.drop, &f->drop_pct, error))
		return FALSE;
	if (opt.duplicate && !bmc_percent_parse(opt.duplicate, &f->duplicate_pct, error))
		return FALSE;
	if (opt.reorder && !bmc_percent_parse(opt.reorder, &f->reorder_pct, error))
		return FALSE;
	if (opt.delay != -1 || opt.slow != -1) {
		if (opt.delay < -1 || opt.delay > 60000 || opt.slow < -1 || opt.slow > 60000) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--delay, --slow: 0..60000 ms");
			return FALSE;
		}
		if (opt.delay != -1)
			f->delay_ms = (guint)opt.delay;
		if (opt.slow != -1)
			f->slow_ms = (guint)opt.slow;
	}
	if (opt.seed) {
		char *end;
		errno = 0;
		f->seed = g_ascii_strtoull(opt.seed, &end, 0);
		if (errno || end == opt.seed || *end) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--seed: \"%s\" is not a number", opt.seed);
			return FALSE;
		}
		f->seed_set = TRUE;
	}
	for (char **q = opt.quirks; q && *q; q++) {
		if (!bmc_faults_set_quirk(f, *q)) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "--quirk: unknown \"%s\" (known: %s)", *q, BMC_QUIRK_NAMES);
			return FALSE;
		}
	}
	if (opt.transcript_set) {
		g_free(c->transcript);
		c->transcript = g_strdup(opt.transcript);
	}
	return TRUE;
}

/* Many endpoints need many sockets: raise the soft descriptor limit to the
 * hard one and say how many endpoints fit. */
static rlim_t
raise_fd_limit(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 1024;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	return rl.rlim_cur;
}

static gboolean
on_signal(gpointer loop)
{
	g_main_loop_quit(loop);
	return G_SOURCE_CONTINUE;
}

static int
run(BmcSimConfig *c)
{
	guint64 total = 0;
	for (guint i = 0; i < c->listen->len; i++)
		total += ((BmcListen *)c->listen->pdata[i])->count;
	rlim_t fds = raise_fd_limit();
	if (total + FD_RESERVE > fds) {
		fprintf(stderr,
			"bmcsim: %" G_GUINT64_FORMAT " BMCs need as many sockets, but the "
			"descriptor limit is %llu (raise the hard limit: ulimit -Hn)\n",
			total, (unsigned long long)fds);
		return 1;
	}
	g_autoptr(GError) error = NULL;
	BmcTranscript *transcript = NULL;
	if (c->transcript && !(transcript = bmc_transcript_new(c->transcript, &error))) {
		fprintf(stderr, "bmcsim: transcript: %s\n", error->message);
		return 1;
	}
	BmcFaults *faults = bmc_faults_new(&c->faults);
	BmcServer *srv = bmc_server_new(&c->limits, faults, transcript);
	int status = 0;
	for (guint i = 0; i < c->listen->len && !status; i++) {
		BmcListen *l = c->listen->pdata[i];
		for (guint k = 0; k < l->count; k++) {
			g_autoptr(GInetAddress) a = bmc_listen_address(l, k);
			g_autoptr(GSocketAddress) sa = g_inet_socket_address_new(a, l->port);
			if (!bmc_endpoint_new(srv, G_INET_SOCKET_ADDRESS(sa),
					      bmc_model_copy(c->model), &error)) {
				fprintf(stderr, "bmcsim: cannot listen: %s\n", error->message);
				status = 1;
				break;
			}
		}
	}
	if (!status) {
		GString *where = g_string_new(NULL);
		for (guint i = 0; i < c->listen->len; i++) {
			BmcListen *l = c->listen->pdata[i];
			g_autofree char *first = g_inet_address_to_string(l->first);
			g_autoptr(GInetAddress) lastaddr = bmc_listen_address(l, l->count - 1);
			g_autofree char *last = g_inet_address_to_string(lastaddr);
			gboolean v6 = strchr(first, ':') != NULL;
			g_string_append_printf(where, "%s%s%s%s%s%s:%u", i ? ", " : "",
					       v6 ? "[" : "", first, l->count > 1 ? "-" : "",
					       l->count > 1 ? last : "", v6 ? "]" : "", l->port);
		}
		guint n = bmc_server_n_endpoints(srv);
		printf("bmcsim: listening on %s (%u BMC%s)\n", where->str, n, n == 1 ? "" : "s");
		fflush(stdout);
		g_string_free(where, TRUE);
		if (bmc_faults_active(&c->faults) && !c->faults.seed_set)
			fprintf(stderr,
				"bmcsim: fault injection without --seed: not reproducible\n");
		GMainLoop *loop = g_main_loop_new(NULL, FALSE);
		guint term = g_unix_signal_add(SIGTERM, on_signal, loop);
		guint intr = g_unix_signal_add(SIGINT, on_signal, loop);
		g_main_loop_run(loop);
		g_source_remove(term);
		g_source_remove(intr);
		g_main_loop_unref(loop);
	}
	bmc_server_free(srv);
	bmc_faults_free(faults);
	bmc_transcript_free(transcript);
	return status;
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GOptionContext) ctx = g_option_context_new("- simulate IPMI v2.0 RMCP+ BMCs");
	g_option_context_set_summary(
	    ctx, "Serves simulated BMCs over UDP (RMCP+ / IPMI v2.0 lanplus).  Without options: "
		 "one BMC at 127.0.0.1:6230\nwith users admin/password (ADMINISTRATOR), "
		 "operator/operator (OPERATOR) and user/user (USER).");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		fprintf(stderr, "bmcsim: %s\n", error->message);
		return 2;
	}
	if (argc > 1) {
		fprintf(stderr, "bmcsim: unexpected argument \"%s\" (see --help)\n", argv[1]);
		return 2;
	}
	if (ipmi_crypto_init() < 0) {
		fprintf(stderr, "bmcsim: cannot initialise libgcrypt\n");
		return 1;
	}
	g_autoptr(BmcSimConfig) c = bmc_sim_config_new();
	if (opt.config && !bmc_sim_config_load(c, opt.config, &error)) {
		fprintf(stderr, "bmcsim: %s\n", error->message);
		return 1;
	}
	if (!apply_options(c, &error)) {
		fprintf(stderr, "bmcsim: %s\n", error->message);
		return 2;
	}
	bmc_sim_config_finish(c);
	int status = run(c);
	g_strfreev(opt.listen);
	g_strfreev(opt.quirks);
	g_free(opt.config);
	g_free(opt.transcript);
	g_free(opt.seed);
	g_free(opt.drop);
	g_free(opt.duplicate);
	g_free(opt.reorder);
	g_free(opt.suites);
	return status;
}
