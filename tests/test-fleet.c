/* test-fleet.c - ipmictl's fleet mode against bmcsim started here: 1000
 * BMCs on 127.0.1.1-127.0.4.232 all polled at once; good hosts mixed with a
 * wrong password (a second bmcsim) and a silent host; --json checked by
 * python3's json module; @FILE; a bad hostrange.  Loopback only; every
 * child is killed at the end (and dies with this program). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#define RUN_TIMEOUT_S 60

typedef struct {
	GSubprocess *proc;
	guint16 port;
} Sim;

static Sim sim1000, sim_badpw;
static GSocket *silent; /* a bound UDP socket nobody reads */
static guint16 silent_port;
static char *tmpdir;
static char *all_hosts; /* the 1000 BMCs as a hostrange */

static void
die_with_parent(gpointer data)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn(const char *const *argv, GSubprocessFlags flags, GError **error)
{
	g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new(flags);
	g_subprocess_launcher_set_child_setup(l, die_with_parent, NULL, NULL);
	return g_subprocess_launcher_spawnv(l, argv, error);
}

static GSocket *
bound_udp(const char *addr, guint16 *port)
{
	g_autoptr(GSocket) s =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) a = g_inet_address_new_from_string(addr);
	g_autoptr(GSocketAddress) sa = g_inet_socket_address_new(a, 0);
	g_assert_true(g_socket_bind(s, sa, FALSE, NULL));
	g_autoptr(GSocketAddress) local = g_socket_get_local_address(s, NULL);
	*port = g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local));
	return g_steal_pointer(&s);
}

/* bmcsim on addrs (an address or a range) and a free port. */
static gboolean
start_bmcsim(Sim *sim, const char *addrs, const char *config)
{
	const char *prog = g_getenv("BMCSIM");
	if (!prog || !g_file_test(prog, G_FILE_TEST_IS_EXECUTABLE))
		return FALSE;
	for (int attempt = 0; attempt < 5; attempt++) {
		g_autoptr(GSocket) probe = bound_udp("127.0.0.1", &sim->port);
		g_socket_close(probe, NULL);
		g_autofree char *listen = g_strdup_printf("%s:%u", addrs, sim->port);
		const char *argv[] = {prog, "-l", listen, config ? "-c" : NULL, config, NULL};
		g_autoptr(GError) error = NULL;
		sim->proc = spawn(argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
		g_assert_no_error(error);
		g_autoptr(GDataInputStream) out =
		    g_data_input_stream_new(g_subprocess_get_stdout_pipe(sim->proc));
		g_autofree char *line = g_data_input_stream_read_line(out, NULL, NULL, NULL);
		if (line && g_str_has_prefix(line, "bmcsim: listening on"))
			return TRUE;
		g_subprocess_force_exit(sim->proc);
		g_subprocess_wait(sim->proc, NULL, NULL);
		g_clear_object(&sim->proc);
	}
	return FALSE;
}

static void
stop(Sim *sim)
{
	if (!sim->proc)
		return;
	g_subprocess_send_signal(sim->proc, SIGTERM);
	g_subprocess_wait(sim->proc, NULL, NULL);
	g_clear_object(&sim->proc);
}

/* ---- running a program with a deadline ---------------------------------- */

typedef struct {
	gboolean done;
	char *out, *err;
} Run;

static void
communicated(GObject *source, GAsyncResult *result, gpointer data)
{
	Run *r = data;
	g_autoptr(GError) error = NULL;
	g_subprocess_communicate_utf8_finish(G_SUBPROCESS(source), result, &r->out, &r->err,
					     &error);
	g_assert_no_error(error);
	r->done = TRUE;
}

static gboolean
deadline(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

/* Run argv with input on stdin; kill it after RUN_TIMEOUT_S.  Returns the
 * exit status (-1 when killed). */
static int
run(const char *const *argv, const char *input, char **out, char **err)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GSubprocess) p =
	    spawn(argv,
		  G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
		      G_SUBPROCESS_FLAGS_STDERR_PIPE,
		  &error);
	g_assert_no_error(error);
	Run r = {0};
	gboolean late = FALSE;
	g_subprocess_communicate_utf8_async(p, input, NULL, communicated, &r);
	guint timer = g_timeout_add_seconds(RUN_TIMEOUT_S, deadline, &late);
	while (!r.done && !late)
		g_main_context_iteration(NULL, TRUE);
	if (!late)
		g_source_remove(timer);
	if (!r.done)
		g_subprocess_force_exit(p);
	while (!r.done)
		g_main_context_iteration(NULL, TRUE);
	g_assert_true(g_subprocess_wait(p, NULL, NULL));
	*out = r.out;
	*err = r.err;
	if (late || !g_subprocess_get_if_exited(p))
		return -1;
	return g_subprocess_get_exit_status(p);
}

/* ipmictl -U admin -P password -C 17 ARGS... */
static int
ipmictl(char **out, char **err, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_ptr_array_add(argv, (gpointer)g_getenv("IPMICTL"));
	const char *fixed[] = {"-U", "admin", "-P", "password", "-C", "17"};
	for (gsize i = 0; i < G_N_ELEMENTS(fixed); i++)
		g_ptr_array_add(argv, (gpointer)fixed[i]);
	va_list ap;
	va_start(ap, err);
	for (const char *a; (a = va_arg(ap, const char *));)
		g_ptr_array_add(argv, (gpointer)a);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	return run((const char *const *)argv->pdata, NULL, out, err);
}

static void
string_free(gpointer s)
{
	g_string_free(s, TRUE);
}

/* Each host's lines, "host: " taken off: host -> GString. */
static GHashTable *
split_by_host(const char *out)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, string_free);
	g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
	for (char **l = lines; *l && **l; l++) {
		/* "127.0.1.7:6230: Device ID ..." : the label ends at ": ". */
		const char *sep = strstr(*l, ": ");
		g_assert_nonnull(sep);
		g_autofree char *host = g_strndup(*l, (gsize)(sep - *l));
		GString *s = g_hash_table_lookup(t, host);
		if (!s) {
			s = g_string_new(NULL);
			g_hash_table_insert(t, g_strdup(host), s);
		}
		g_string_append_printf(s, "%s\n", sep + 2);
	}
	return t;
}

static gboolean
skip_without_bmcsim(void)
{
	if (sim1000.proc)
		return FALSE;
	g_test_skip("bmcsim not built or could not listen on 127.0.1.1-127.0.4.232");
	return TRUE;
}

/* The label of the k-th (0-based) of the 1000 BMCs. */
static char *
bmc_label(guint k)
{
	guint32 a = (127u << 24 | 1u << 8 | 1u) + k; /* 127.0.1.1 + k */
	return g_strdup_printf("127.0.%u.%u:%u", (a >> 8) & 0xFF, a & 0xFF, sim1000.port);
}

/* What ipmictl prints for one BMC (the single-host path). */
static char *
reference_mc_info(void)
{
	g_autofree char *port = g_strdup_printf("%u", sim1000.port);
	char *out = NULL;
	g_autofree char *err = NULL;
	g_assert_cmpint(ipmictl(&out, &err, "-H", "127.0.1.1", "-p", port, "mc", "info", NULL), ==,
			0);
	g_assert_nonnull(strstr(out, "Device ID                 : 32\n"));
	return out;
}

/* ---- tests ---------------------------------------------------------------- */

/* Nothing on stderr but, where the descriptor limit is low, the note that
 * the fan-out was lowered to fit under it. */
static void
assert_no_errors(const char *err)
{
	g_auto(GStrv) lines = g_strsplit(err, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (**l && !g_str_has_prefix(*l, "ipmictl: -F "))
			g_error("unexpected line on stderr: %s", *l);
	}
}

static void
test_thousand(void)
{
	if (skip_without_bmcsim())
		return;
	g_autofree char *want = reference_mc_info();
	g_autofree char *out = NULL, *err = NULL;
	int rc = ipmictl(&out, &err, "-H", all_hosts, "-F", "1000", "-N", "2", "-R", "8", "mc",
			 "info", NULL);
	assert_no_errors(err);
	g_assert_cmpint(rc, ==, 0);
	g_autoptr(GHashTable) by_host = split_by_host(out);
	g_assert_cmpuint(g_hash_table_size(by_host), ==, 1000);
	for (guint k = 0; k < 1000; k++) {
		g_autofree char *label = bmc_label(k);
		GString *text = g_hash_table_lookup(by_host, label);
		g_assert_nonnull(text);
		g_assert_cmpstr(text->str, ==, want);
	}
}

static const char json_check[] =
    "import json, sys\n"
    "ok = bad = 0\n"
    "for line in sys.stdin:\n"
    "    o = json.loads(line)\n"
    "    assert isinstance(o['host'], str) and o['host'], o\n"
    "    if o['ok'] is True:\n"
    "        assert o['error'] is None, o\n"
    "        assert o['device_id'] == 32 and o['firmware_revision'] == '1.23', o\n"
    "        assert o['ipmi_version'] == '2.0' and o['manufacturer_id'] == 32473, o\n"
    "        assert o['product_id'] == 2908 and o['device_available'] is True, o\n"
    "        assert 'Chassis Device' in o['additional_device_support'], o\n"
    "        ok += 1\n"
    "    else:\n"
    "        assert o['ok'] is False and isinstance(o['error'], str) and o['error'], o\n"
    "        assert 'device_id' not in o, o\n"
    "        bad += 1\n"
    "print(ok, bad)\n";

/* "OK BAD" as python3 counted the lines of --json output. */
static char *
python_json_count(const char *json_out)
{
	g_autofree char *py = g_find_program_in_path("python3");
	if (!py)
		return NULL;
	const char *argv[] = {py, "-c", json_check, NULL};
	char *out = NULL;
	g_autofree char *err = NULL;
	int rc = run(argv, json_out, &out, &err);
	if (rc != 0)
		g_error("python3 rejected the --json output: %s", err);
	g_strchomp(out);
	return out;
}

static void
test_thousand_json(void)
{
	if (skip_without_bmcsim())
		return;
	g_autofree char *out = NULL, *err = NULL;
	int rc = ipmictl(&out, &err, "-H", all_hosts, "-F", "256", "-N", "2", "-R", "8", "--json",
			 "mc", "info", NULL);
	assert_no_errors(err);
	g_assert_cmpint(rc, ==, 0);
	g_autofree char *counts = python_json_count(out);
	if (counts)
		g_assert_cmpstr(counts, ==, "1000 0");
}

static void
test_mixed(void)
{
	if (skip_without_bmcsim())
		return;
	if (!sim_badpw.proc) {
		g_test_skip("the second bmcsim did not start");
		return;
	}
	g_autofree char *hosts = g_strdup_printf("127.0.1.[1-3]:%u,127.0.5.1:%u,127.0.6.1:%u",
						 sim1000.port, sim_badpw.port, silent_port);
	g_autofree char *badpw = g_strdup_printf("127.0.5.1:%u: ", sim_badpw.port);
	g_autofree char *mute = g_strdup_printf("127.0.6.1:%u: ", silent_port);
	g_autofree char *want = reference_mc_info();
	g_autofree char *out = NULL, *err = NULL;
	int rc = ipmictl(&out, &err, "-H", hosts, "-N", "1", "-R", "1", "mc", "info", NULL);
	g_assert_cmpint(rc, ==, 1);
	g_autoptr(GHashTable) by_host = split_by_host(out);
	g_assert_cmpuint(g_hash_table_size(by_host), ==, 3);
	for (guint k = 0; k < 3; k++) {
		g_autofree char *label = bmc_label(k);
		GString *text = g_hash_table_lookup(by_host, label);
		g_assert_nonnull(text);
		g_assert_cmpstr(text->str, ==, want);
	}
	/* One line per failed host, saying which and why. */
	g_auto(GStrv) lines = g_strsplit(g_strchomp(err), "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 2);
	gboolean saw_auth = FALSE, saw_silent = FALSE;
	for (char **l = lines; *l; l++) {
		if (g_str_has_prefix(*l, badpw) && strstr(*l, "wrong user name or password"))
			saw_auth = TRUE;
		else if (g_str_has_prefix(*l, mute) && strstr(*l, "no answer"))
			saw_silent = TRUE;
		else
			g_error("unexpected error line: %s", *l);
	}
	g_assert_true(saw_auth && saw_silent);

	g_free(out);
	g_free(err);
	rc = ipmictl(&out, &err, "-H", hosts, "-N", "1", "-R", "1", "--json", "mc", "info", NULL);
	g_assert_cmpint(rc, ==, 1);
	g_assert_cmpstr(err, ==, "");
	g_autofree char *counts = python_json_count(out);
	if (counts)
		g_assert_cmpstr(counts, ==, "3 2");
	g_assert_nonnull(strstr(out,
				"\"ok\":false,\"error\":\"RMCP+ session setup (cipher "
				"suite 17): authentication failed: wrong user name or password"));
}

static void
test_host_file(void)
{
	if (skip_without_bmcsim())
		return;
	g_autofree char *path = g_build_filename(tmpdir, "hosts", NULL);
	g_autofree char *text = g_strdup_printf("# three BMCs\n127.0.1.1:%u\n\n"
						"127.0.2.[7-8]:%u   # two more\n",
						sim1000.port, sim1000.port);
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	g_autofree char *arg = g_strconcat("@", path, NULL);
	g_autofree char *out = NULL, *err = NULL;
	g_assert_cmpint(ipmictl(&out, &err, "-H", arg, "power", "status", NULL), ==, 0);
	g_assert_cmpstr(err, ==, "");
	g_autofree char *want = g_strdup_printf("127.0.1.1:%u: Chassis Power is on\n"
						"127.0.2.7:%u: Chassis Power is on\n"
						"127.0.2.8:%u: Chassis Power is on\n",
						sim1000.port, sim1000.port, sim1000.port);
	/* Completion order is free: compare sorted. */
	g_auto(GStrv) got = g_strsplit(out, "\n", -1);
	g_auto(GStrv) exp = g_strsplit(want, "\n", -1);
	g_assert_cmpuint(g_strv_length(got), ==, g_strv_length(exp));
	for (char **l = exp; *l; l++)
		g_assert_true(g_strv_contains((const char *const *)got, *l));
}

static void
test_single_host_port(void)
{
	if (skip_without_bmcsim())
		return;
	/* host:port is fleet syntax; one host prints without a prefix,
	 * exactly what -H host -p port prints. */
	g_autofree char *want = reference_mc_info();
	g_autofree char *hp = g_strdup_printf("127.0.1.1:%u", sim1000.port);
	g_autofree char *out = NULL, *err = NULL;
	g_assert_cmpint(ipmictl(&out, &err, "-H", hp, "mc", "info", NULL), ==, 0);
	g_assert_cmpstr(out, ==, want);
}

static void
test_interrupt(void)
{
	if (skip_without_bmcsim())
		return;
	/* -F 1 and the silent host first: SIGINT finds it waiting and the
	 * others not started; ipmictl ends at once, saying so. */
	g_autofree char *hosts =
	    g_strdup_printf("127.0.6.1:%u,127.0.1.[1-3]:%u", silent_port, sim1000.port);
	const char *argv[] = {g_getenv("IPMICTL"),
			      "-U",
			      "admin",
			      "-P",
			      "password",
			      "-N",
			      "30",
			      "-H",
			      hosts,
			      "-F",
			      "1",
			      "mc",
			      "info",
			      NULL};
	g_autoptr(GError) error = NULL;
	g_autoptr(GSubprocess) p =
	    spawn(argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
	g_assert_no_error(error);
	gboolean waited = FALSE;
	g_timeout_add(300, deadline, &waited);
	while (!waited)
		g_main_context_iteration(NULL, TRUE);
	g_subprocess_send_signal(p, SIGINT);
	Run r = {0};
	gboolean late = FALSE;
	g_subprocess_communicate_utf8_async(p, NULL, NULL, communicated, &r);
	guint timer = g_timeout_add_seconds(10, deadline, &late);
	while (!r.done && !late)
		g_main_context_iteration(NULL, TRUE);
	if (!r.done)
		g_subprocess_force_exit(p);
	while (!r.done)
		g_main_context_iteration(NULL, TRUE);
	g_assert_false(late);
	g_source_remove(timer);
	g_assert_true(g_subprocess_wait(p, NULL, NULL));
	g_assert_true(g_subprocess_get_if_exited(p));
	g_assert_cmpint(g_subprocess_get_exit_status(p), ==, 1);
	g_assert_cmpstr(r.out, ==, "");
	g_autofree char *silent_line = g_strdup_printf("127.0.6.1:%u: ", silent_port);
	g_assert_true(g_str_has_prefix(r.err, silent_line));
	g_assert_nonnull(strstr(r.err, "ipmictl: interrupted: 3 of 4 hosts not polled\n"));
	g_free(r.out);
	g_free(r.err);
}

static void
test_bad_hostrange(void)
{
	g_autofree char *out = NULL, *err = NULL;
	g_assert_cmpint(ipmictl(&out, &err, "-H", "127.0.1.[1-", "mc", "info", NULL), ==, 2);
	g_assert_nonnull(strstr(err, "-H: '127.0.1.[1-': '[' without ']'"));
	g_assert_cmpstr(out, ==, "");
	g_free(out);
	g_free(err);
	g_assert_cmpint(ipmictl(&out, &err, "-H", "a,b", "power", "sideways", NULL), ==, 2);
	g_assert_nonnull(strstr(err, "unknown power command 'sideways'"));
	g_free(out);
	g_free(err);
	g_assert_cmpint(ipmictl(&out, &err, "-H", "a,b", "-F", "0", "mc", "info", NULL), ==, 2);
	g_assert_nonnull(strstr(err, "-F"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!g_getenv("IPMICTL"))
		g_error("IPMICTL is not set: run this through meson test");
	/* bmcsim holds 1000 sockets and ipmictl as many: both inherit this. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	tmpdir = g_dir_make_tmp("test-fleet-XXXXXX", NULL);
	if (start_bmcsim(&sim1000, "127.0.1.1-127.0.4.232", NULL)) {
		GString *h = g_string_new(NULL);
		const char *groups[] = {"127.0.1.[1-255]", "127.0.2.[0-255]", "127.0.3.[0-255]",
					"127.0.4.[0-232]"};
		for (gsize i = 0; i < G_N_ELEMENTS(groups); i++)
			g_string_append_printf(h, "%s%s:%u", i ? "," : "", groups[i], sim1000.port);
		all_hosts = g_string_free(h, FALSE);
	}
	g_autofree char *conf = g_build_filename(tmpdir, "badpw.conf", NULL);
	g_assert_true(g_file_set_contents(conf,
					  "[user 2]\nname = admin\npassword = not-password\n"
					  "privilege = administrator\nenabled = true\n",
					  -1, NULL));
	start_bmcsim(&sim_badpw, "127.0.5.1", conf);
	silent = bound_udp("127.0.6.1", &silent_port);

	g_test_add_func("/client/fleet/1000-sessions", test_thousand);
	g_test_add_func("/client/fleet/1000-sessions-json", test_thousand_json);
	g_test_add_func("/client/fleet/mixed-failures", test_mixed);
	g_test_add_func("/client/fleet/host-file", test_host_file);
	g_test_add_func("/client/fleet/single-host-port", test_single_host_port);
	g_test_add_func("/client/fleet/interrupt", test_interrupt);
	g_test_add_func("/client/fleet/bad-hostrange", test_bad_hostrange);
	int rc = g_test_run();

	stop(&sim1000);
	stop(&sim_badpw);
	g_socket_close(silent, NULL);
	g_object_unref(silent);
	g_unlink(conf);
	g_rmdir(tmpdir);
	g_free(tmpdir);
	g_free(all_hosts);
	return rc;
}
