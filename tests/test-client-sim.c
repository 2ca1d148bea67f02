/* test-client-sim.c - IpmiClient and ipmictl against BMCs this project did
 * not write: OpenIPMI's ipmi_sim (suites 1, 2, 3; started here on a free
 * port with a fresh state directory and killed at the end), and bmcsim
 * for suite 17 when it has been built. */
#include <glib/gstdio.h>
#include <ipmi/ipmi.h>
#include <string.h>

#include "client-util.h"

typedef struct {
	GSubprocess *proc;
	char *dir;
	guint16 port;
} Peer;

static Peer ipmisim, bmcsim, bmcsim_lossy;

static void
rm_rf(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	if (d) {
		const char *name;
		while ((name = g_dir_read_name(d))) {
			g_autofree char *child = g_build_filename(path, name, NULL);
			rm_rf(child);
		}
		g_dir_close(d);
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

/* Wait until the peer answers a session (ipmi_sim says nothing when ready). */
static gboolean
wait_ready(guint16 port)
{
	for (int i = 0; i < 50; i++) {
		g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", port, "admin", "password");
		g_object_set(c, "timeout", 200, "retries", 1, "cipher-suite", 3, NULL);
		if (client_util_connect(c, NULL)) {
			client_util_close(c, NULL);
			return TRUE;
		}
	}
	return FALSE;
}

static gboolean
start_ipmisim(void)
{
	g_autofree char *prog = g_find_program_in_path("ipmi_sim");
	if (!prog)
		return FALSE;
	ipmisim.dir = g_dir_make_tmp("ipmi-sim-XXXXXX", NULL);
	g_autofree char *state = g_build_filename(ipmisim.dir, "state", NULL);
	g_mkdir(state, 0700);
	ipmisim.port = client_util_free_udp_port();
	g_autofree char *tmpl = NULL;
	g_assert_true(
	    g_file_get_contents(TEST_DATA_DIR "/ipmi-sim/lan.conf.in", &tmpl, NULL, NULL));
	g_auto(GStrv) parts = g_strsplit(tmpl, "@PORT@", -1);
	g_autofree char *port = g_strdup_printf("%u", ipmisim.port);
	g_autofree char *conf = g_strjoinv(port, parts);
	g_autofree char *conf_path = g_build_filename(ipmisim.dir, "lan.conf", NULL);
	g_assert_true(g_file_set_contents(conf_path, conf, -1, NULL));
	const char *argv[] = {prog, "-c", conf_path, "-f", TEST_DATA_DIR "/ipmi-sim/client.emu",
			      "-n", "-s", state,     NULL};
	g_autoptr(GError) error = NULL;
	ipmisim.proc =
	    client_util_spawn(argv,
			      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
				  G_SUBPROCESS_FLAGS_STDERR_SILENCE,
			      &error);
	g_assert_no_error(error);
	return wait_ready(ipmisim.port);
}

static gboolean
start_bmcsim(Peer *p, const char *const *extra)
{
	const char *prog = client_util_bmcsim();
	if (!prog)
		return FALSE;
	p->port = client_util_free_udp_port();
	p->proc = client_util_start_bmcsim(prog, p->port, extra);
	return p->proc != NULL;
}

static void
stop(Peer *p)
{
	client_util_stop(&p->proc);
	if (p->dir) {
		rm_rf(p->dir);
		g_clear_pointer(&p->dir, g_free);
	}
}

static gboolean
need(Peer *p, const char *what)
{
	if (p->proc)
		return TRUE;
	g_test_skip(what);
	return FALSE;
}

/* ---- sessions ---------------------------------------------------------- */

static void
got(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **slot = user_data;
	g_assert_null(*slot);
	*slot = g_object_ref(result);
}

static void
check_ipmisim_device_id(IpmiResponse *rsp)
{
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	g_assert_cmpuint(n, >=, 11);
	g_assert_cmpuint((guint)(d[8] << 16 | d[7] << 8 | d[6]), ==, 0x1291);
	g_assert_cmpuint((guint)(d[10] << 8 | d[9]), ==, 0x0F02);
}

static void
session_with_suite(int suite)
{
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", ipmisim.port, "admin", "password");
	g_object_set(c, "cipher-suite", suite, "allow-insecure", suite == 1, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, suite);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_ADMINISTRATOR);

	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_no_error(error);
	check_ipmisim_device_id(rsp);

	/* Several requests in flight at once. */
	GAsyncResult *res[8] = {NULL};
	for (int i = 0; i < 8; i++)
		ipmi_client_request_async(c, i % 2 ? 0x00 : 0x06, 0x01, NULL, 0, NULL, got,
					  &res[i]);
	for (int i = 0; i < 8; i++) {
		while (!res[i])
			g_main_context_iteration(NULL, TRUE);
		g_autoptr(IpmiResponse) r = ipmi_client_request_finish(c, res[i], &error);
		g_assert_no_error(error);
		g_assert_cmpuint(ipmi_response_get_completion_code(r), ==, 0);
		g_assert_cmpuint(ipmi_response_get_netfn(r), ==, i % 2 ? 0x00 : 0x06);
		if (i % 2 == 0)
			check_ipmisim_device_id(r);
		g_object_unref(res[i]);
	}
	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
}

static void
test_suite1(void)
{
	session_with_suite(1);
}

static void
test_suite2(void)
{
	session_with_suite(2);
}

static void
test_suite3(void)
{
	session_with_suite(3);
}

static void
test_auto(void)
{
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	/* ipmi_sim lists suites 0-14: the best with integrity is 3. */
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", ipmisim.port, "admin", "password");
	g_object_set(c, "privilege", IPMI_PRIVILEGE_OPERATOR, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 3);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_OPERATOR);
	g_assert_true(client_util_close(c, &error));
}

static void
test_wrong_password(void)
{
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", ipmisim.port, "admin", "wrong");
	g_autoptr(GError) error = NULL;
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_AUTH);
	g_test_message("%s", error->message);
}

static gboolean
cancel_it(gpointer data)
{
	g_cancellable_cancel(data);
	return G_SOURCE_REMOVE;
}

static void
test_cancel(void)
{
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", ipmisim.port, "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	/* Cancelled before the answer can be read: CANCELLED, exactly once. */
	g_autoptr(GCancellable) cancel = g_cancellable_new();
	GAsyncResult *res = NULL;
	ipmi_client_request_async(c, 0x06, 0x01, NULL, 0, cancel, got, &res);
	g_cancellable_cancel(cancel);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_assert_null(ipmi_client_request_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_clear_error(&error);
	g_clear_object(&res);
	/* Cancelled from an idle callback: answered or cancelled, once. */
	g_autoptr(GCancellable) cancel2 = g_cancellable_new();
	ipmi_client_request_async(c, 0x06, 0x01, NULL, 0, cancel2, got, &res);
	g_idle_add(cancel_it, cancel2);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(IpmiResponse) maybe = ipmi_client_request_finish(c, res, &error);
	g_assert_true(maybe || g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
	g_clear_error(&error);
	g_clear_object(&res);
	client_util_spin(100);
	/* The session still works. */
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_no_error(error);
	check_ipmisim_device_id(rsp);
	g_assert_true(client_util_close(c, &error));
}

static void
test_sync(void)
{
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	const char *keylog = g_getenv("IPMI_KEYLOG_FILE");
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", ipmisim.port, "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(ipmi_client_connect_sync(c, NULL, &error));
	g_assert_no_error(error);
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_sync(c, 0x06, 0x01, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	check_ipmisim_device_id(rsp);
	g_assert_true(ipmi_client_close_sync(c, NULL, &error));
	g_assert_no_error(error);
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(keylog, &text, NULL, NULL));
	g_assert_true(g_str_has_prefix(text, "RMCPP "));
}

/* ---- ipmictl prints what ipmitool prints --------------------------------- */

static char *
run_tool(const char *const *argv, int *status)
{
	g_autoptr(GError) error = NULL;
	char *out = NULL;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
				   NULL, &out, NULL, status, &error));
	g_assert_no_error(error);
	return out;
}

/* ipmitool's Product Name comes from its own table; ipmictl leaves it out. */
static char *
without_product_name(const char *text)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	GString *s = g_string_new(NULL);
	for (char **l = lines; *l; l++) {
		if (!g_str_has_prefix(*l, "Product Name"))
			g_string_append_printf(s, "%s\n", *l);
	}
	return g_string_free(s, FALSE);
}

static void
compare_with_ipmitool(const char *const *command)
{
	const char *ipmictl = g_getenv("IPMICTL");
	g_autofree char *ipmitool = g_find_program_in_path("ipmitool");
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	if (!ipmictl || !ipmitool) {
		g_test_skip("ipmictl or ipmitool not available");
		return;
	}
	g_autofree char *port = g_strdup_printf("%u", ipmisim.port);
	GPtrArray *a = g_ptr_array_new();
	GPtrArray *b = g_ptr_array_new();
	const char *common[] = {"-H",    "127.0.0.1", "-p",       port, "-U",
				"admin", "-P",        "password", "-C", "3"};
	g_ptr_array_add(a, (gpointer)ipmitool);
	g_ptr_array_add(a, "-I");
	g_ptr_array_add(a, "lanplus");
	g_ptr_array_add(b, (gpointer)ipmictl);
	for (gsize i = 0; i < G_N_ELEMENTS(common); i++) {
		g_ptr_array_add(a, (gpointer)common[i]);
		g_ptr_array_add(b, (gpointer)common[i]);
	}
	for (const char *const *w = command; *w; w++) {
		g_ptr_array_add(a, (gpointer)*w);
		g_ptr_array_add(b, (gpointer)*w);
	}
	g_ptr_array_add(a, NULL);
	g_ptr_array_add(b, NULL);
	int sa = -1, sb = -1;
	g_autofree char *oa = run_tool((const char *const *)a->pdata, &sa);
	g_autofree char *ob = run_tool((const char *const *)b->pdata, &sb);
	g_ptr_array_unref(a);
	g_ptr_array_unref(b);
	g_assert_cmpint(sa, ==, 0);
	g_assert_cmpint(sb, ==, 0);
	g_autofree char *fa = without_product_name(oa);
	g_autofree char *fb = without_product_name(ob);
	g_assert_cmpstr(fb, ==, fa);
}

static void
test_ipmictl_mc_info(void)
{
	const char *cmd[] = {"mc", "info", NULL};
	compare_with_ipmitool(cmd);
}

static void
test_ipmictl_chassis_status(void)
{
	const char *cmd[] = {"chassis", "status", NULL};
	compare_with_ipmitool(cmd);
}

static void
test_ipmictl_power_status(void)
{
	const char *cmd[] = {"chassis", "power", "status", NULL};
	compare_with_ipmitool(cmd);
}

static void
test_ipmictl_raw(void)
{
	const char *cmd[] = {"raw", "0x06", "0x01", NULL};
	compare_with_ipmitool(cmd);
}

static void
test_ipmictl_errors(void)
{
	const char *ipmictl = g_getenv("IPMICTL");
	if (!need(&ipmisim, "ipmi_sim not available"))
		return;
	if (!ipmictl) {
		g_test_skip("IPMICTL not set");
		return;
	}
	g_autofree char *port = g_strdup_printf("%u", ipmisim.port);
	const char *bad_pw[] = {ipmictl, "-H", "127.0.0.1", "-p", port,   "-U",
				"admin", "-P", "nope",      "mc", "info", NULL};
	g_autoptr(GError) error = NULL;
	int status = 0;
	g_autofree char *err = NULL;
	g_assert_true(
	    g_spawn_sync(NULL, (char **)bad_pw, NULL, 0, NULL, NULL, NULL, &err, &status, &error));
	g_assert_false(g_spawn_check_wait_status(status, NULL));
	g_assert_nonnull(strstr(err, "127.0.0.1"));
	g_assert_nonnull(strstr(err, "authentication failed"));
	g_assert_null(strstr(err, "nope"));
}

/* ---- bmcsim: suite 17 --------------------------------------------------- */

static void
test_bmcsim_suite17(void)
{
	if (!need(&bmcsim, "bmcsim not built"))
		return;
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", bmcsim.port, "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 17);
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
	GAsyncResult *res[16] = {NULL};
	for (int i = 0; i < 16; i++)
		ipmi_client_request_async(c, 0x06, 0x01, NULL, 0, NULL, got, &res[i]);
	for (int i = 0; i < 16; i++) {
		while (!res[i])
			g_main_context_iteration(NULL, TRUE);
		g_autoptr(IpmiResponse) r = ipmi_client_request_finish(c, res[i], &error);
		g_assert_no_error(error);
		g_assert_cmpuint(ipmi_response_get_completion_code(r), ==, 0);
		g_object_unref(res[i]);
	}
	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
	g_object_set(c, "password", "wrong", NULL);
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_AUTH);
}

static void
test_bmcsim_privilege(void)
{
	if (!need(&bmcsim, "bmcsim not built"))
		return;
	/* bmcsim's user/user is limited to USER (ipmi_sim does not enforce
	 * per-user limits, so this is tested here). */
	g_autoptr(IpmiClient) c = client_util_new("127.0.0.1", bmcsim.port, "user", "user");
	g_autoptr(GError) error = NULL;
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PRIVILEGE);
	g_test_message("%s", error->message);
	g_clear_error(&error);
	g_object_set(c, "privilege", IPMI_PRIVILEGE_USER, NULL);
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_USER);
	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
}

typedef struct {
	guint completions;
	gboolean ok;
} Count;

static void
on_counted(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Count *c = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_finish(IPMI_CLIENT(source), result, &error);
	c->completions++;
	c->ok = rsp && ipmi_response_get_completion_code(rsp) == 0;
	if (error)
		g_test_message("%s", error->message);
}

static void
test_bmcsim_lossy(void)
{
	if (!need(&bmcsim_lossy, "bmcsim not built"))
		return;
	/* bmcsim drops, duplicates and reorders what it sends. */
	g_autoptr(IpmiClient) c =
	    client_util_new("127.0.0.1", bmcsim_lossy.port, "admin", "password");
	g_object_set(c, "timeout", 8000, "retries", 12, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	enum { N = 100 };
	Count counts[N] = {{0}};
	for (int i = 0; i < N; i++)
		ipmi_client_request_async(c, i % 2 ? 0x00 : 0x06, 0x01, NULL, 0, NULL, on_counted,
					  &counts[i]);
	for (int i = 0; i < N; i++) {
		while (counts[i].completions == 0)
			g_main_context_iteration(NULL, TRUE);
	}
	client_util_spin(300);
	for (int i = 0; i < N; i++) {
		g_assert_cmpuint(counts[i].completions, ==, 1);
		g_assert_true(counts[i].ok);
	}
	if (!client_util_close(c, &error))
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	/* Every session of this program logs its keys (set before any thread
	 * exists: setenv is not thread-safe). */
	g_autofree char *keydir = g_dir_make_tmp("ipmi-keylog-XXXXXX", NULL);
	g_autofree char *keylog = g_build_filename(keydir, "keys", NULL);
	g_setenv("IPMI_KEYLOG_FILE", keylog, TRUE);
	gboolean have_ipmisim = start_ipmisim();
	if (!have_ipmisim)
		stop(&ipmisim);
	if (!start_bmcsim(&bmcsim, NULL))
		stop(&bmcsim);
	const char *const lossy[] = {"--drop=20", "--duplicate=20", "--reorder=20", "--seed=7",
				     NULL};
	if (!start_bmcsim(&bmcsim_lossy, lossy))
		stop(&bmcsim_lossy);
	g_test_add_func("/client/ipmisim/suite1", test_suite1);
	g_test_add_func("/client/ipmisim/suite2", test_suite2);
	g_test_add_func("/client/ipmisim/suite3", test_suite3);
	g_test_add_func("/client/ipmisim/auto", test_auto);
	g_test_add_func("/client/ipmisim/wrong-password", test_wrong_password);
	g_test_add_func("/client/ipmisim/cancel", test_cancel);
	g_test_add_func("/client/ipmisim/sync-keylog", test_sync);
	g_test_add_func("/client/ipmictl/mc-info", test_ipmictl_mc_info);
	g_test_add_func("/client/ipmictl/chassis-status", test_ipmictl_chassis_status);
	g_test_add_func("/client/ipmictl/power-status", test_ipmictl_power_status);
	g_test_add_func("/client/ipmictl/raw", test_ipmictl_raw);
	g_test_add_func("/client/ipmictl/errors", test_ipmictl_errors);
	g_test_add_func("/client/bmcsim/suite17", test_bmcsim_suite17);
	g_test_add_func("/client/bmcsim/privilege", test_bmcsim_privilege);
	g_test_add_func("/client/bmcsim/lossy", test_bmcsim_lossy);
	int rc = g_test_run();
	stop(&ipmisim);
	stop(&bmcsim);
	stop(&bmcsim_lossy);
	rm_rf(keydir);
	return rc;
}
