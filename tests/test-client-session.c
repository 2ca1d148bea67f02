/* test-client-session.c - a long-lived IpmiClient session against bmcsim
 * with a short idle timeout: keepalive keeps it, and when the BMC drops it
 * (idle timeout, Close Session from another console, a restart) the client logs in
 * again and the caller's request completes; with auto-reconnect off the
 * caller gets IPMI_CLIENT_ERROR_SESSION_LOST.  bmcsim is started here on a
 * free loopback port and stopped at the end. */
#include <ipmi/ipmi.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "client-util.h"

#define IDLE_TIMEOUT_S 2

static GSubprocess *sim;
static guint16 sim_port;

static void
die_with_parent(gpointer data)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

static guint16
free_udp_port(void)
{
	g_autoptr(GSocket) s =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(lo, 0);
	g_assert_true(g_socket_bind(s, any, FALSE, NULL));
	g_autoptr(GSocketAddress) local = g_socket_get_local_address(s, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local));
}

static gboolean
start_bmcsim(void)
{
	const char *prog = g_getenv("BMCSIM");
	if (!prog || !g_file_test(prog, G_FILE_TEST_IS_EXECUTABLE))
		return FALSE;
	if (!sim_port)
		sim_port = free_udp_port(); /* a restart keeps the port */
	g_autofree char *listen = g_strdup_printf("127.0.0.1:%u", sim_port);
	g_autofree char *idle = g_strdup_printf("--idle-timeout=%d", IDLE_TIMEOUT_S);
	const char *argv[] = {prog, "-l", listen, idle, NULL};
	g_autoptr(GSubprocessLauncher) l =
	    g_subprocess_launcher_new(G_SUBPROCESS_FLAGS_STDOUT_PIPE);
	g_subprocess_launcher_set_child_setup(l, die_with_parent, NULL, NULL);
	g_autoptr(GError) error = NULL;
	sim = g_subprocess_launcher_spawnv(l, argv, &error);
	g_assert_no_error(error);
	g_autoptr(GDataInputStream) out =
	    g_data_input_stream_new(g_subprocess_get_stdout_pipe(sim));
	g_autofree char *line = g_data_input_stream_read_line(out, NULL, NULL, NULL);
	return line && g_str_has_prefix(line, "bmcsim: listening on");
}

static void
stop_bmcsim(void)
{
	if (sim) {
		g_subprocess_send_signal(sim, SIGTERM);
		g_subprocess_wait(sim, NULL, NULL);
		g_clear_object(&sim);
	}
}

static void
count_renewal(IpmiClient *client, gpointer data)
{
	(*(guint *)data)++;
}

/* A connected client with a generous deadline for the loaded machine. */
static IpmiClient *
session(guint keepalive_s, gboolean auto_reconnect, guint *renewals)
{
	IpmiClient *c = client_util_new("127.0.0.1", sim_port, "admin", "password");
	g_object_set(c, "cipher-suite", 17, "timeout", 8000, "retries", 3, "keepalive-interval",
		     keepalive_s, "auto-reconnect", auto_reconnect, NULL);
	g_signal_connect(c, "session-renewed", G_CALLBACK(count_renewal), renewals);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	return c;
}

static void
device_id_ok(IpmiClient *c)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(rsp);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
}

/* Longer than the idle timeout plus bmcsim's 1 s sweep. */
static void
stay_idle(void)
{
	client_util_spin((IDLE_TIMEOUT_S + 2) * 1000 + 500);
}

static gboolean
need_sim(void)
{
	if (sim)
		return TRUE;
	g_test_fail_printf("bmcsim did not start (BMCSIM=%s)", g_getenv("BMCSIM"));
	return FALSE;
}

static void
test_keepalive(void)
{
	if (!need_sim())
		return;
	guint renewals = 0;
	g_autoptr(IpmiClient) c = session(1, TRUE, &renewals);
	guint32 sid = ipmi_client_get_session_id(c);
	g_assert_cmpuint(sid, !=, 0);
	stay_idle();
	device_id_ok(c);
	/* The same session all along: the keepalive kept it. */
	g_assert_cmpuint(renewals, ==, 0);
	g_assert_cmpuint(ipmi_client_get_session_id(c), ==, sid);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_close(c, &error));
}

static void
test_idle_relogin(void)
{
	if (!need_sim())
		return;
	guint renewals = 0;
	g_autoptr(IpmiClient) c = session(0, TRUE, &renewals);
	guint32 sid = ipmi_client_get_session_id(c);
	stay_idle();
	/* bmcsim forgot the session: the request still completes. */
	device_id_ok(c);
	g_assert_cmpuint(renewals, ==, 1);
	g_assert_true(ipmi_client_is_connected(c));
	g_assert_cmpuint(ipmi_client_get_session_id(c), !=, sid);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 17);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_ADMINISTRATOR);
	device_id_ok(c);
	g_assert_cmpuint(renewals, ==, 1);
	/* The blocking wrappers too (ipmictl's way): the re-login runs on
	 * their private main context. */
	stay_idle();
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiDeviceId) id = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(id);
	g_assert_cmpuint(renewals, ==, 2);
	g_assert_true(client_util_close(c, &error));
}

static void
test_idle_no_relogin(void)
{
	if (!need_sim())
		return;
	guint renewals = 0;
	g_autoptr(IpmiClient) c = session(0, FALSE, &renewals);
	stay_idle();
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_null(rsp);
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_SESSION_LOST);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, "dropped the session"));
	g_assert_nonnull(strstr(error->message, "auto-reconnect is off"));
	g_assert_cmpuint(renewals, ==, 0);
	g_assert_false(ipmi_client_is_connected(c));
	/* The caller may connect again. */
	g_clear_error(&error);
	g_assert_true(client_util_connect(c, &error));
	device_id_ok(c);
	g_assert_true(client_util_close(c, &error));
}

/* Another administrator ends our session with Close Session naming its
 * ID. */
static void
close_from_elsewhere(IpmiClient *other, IpmiClient *victim)
{
	guint32 sid = ipmi_client_get_session_id(victim);
	guint8 data[4] = {sid & 0xFF, (sid >> 8) & 0xFF, (sid >> 16) & 0xFF, sid >> 24};
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp = client_util_request(other, 0x06, 0x3C, data, 4, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
}

static void
test_closed_by_other(void)
{
	if (!need_sim())
		return;
	guint renewals = 0, other_renewals = 0;
	g_autoptr(IpmiClient) c = session(0, TRUE, &renewals);
	/* The other console keeps its own session alive meanwhile. */
	g_autoptr(IpmiClient) admin = session(1, TRUE, &other_renewals);
	close_from_elsewhere(admin, c);
	/* A read is sent again in the new session. */
	device_id_ok(c);
	g_assert_cmpuint(renewals, ==, 1);

	/* A command that may have run is not: Chassis Control sent in the
	 * dead session fails, saying so, and the session is renewed for the
	 * next one. */
	close_from_elsewhere(admin, c);
	guint8 identify[1] = {0}; /* Chassis Identify, off */
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x00, 0x04, identify, 1, &error);
	g_assert_null(rsp);
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_SESSION_LOST);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, "may already have run"));
	g_clear_error(&error);
	client_util_spin(500);
	g_assert_cmpuint(renewals, ==, 2);
	device_id_ok(c);
	g_assert_cmpuint(renewals, ==, 2);
	g_assert_cmpuint(other_renewals, ==, 0);
	g_assert_true(client_util_close(c, &error));
	g_assert_true(client_util_close(admin, &error));
}

/* The BMC restarts: it knows no session at all afterwards. */
static void
test_bmc_restart(void)
{
	if (!need_sim())
		return;
	guint renewals = 0;
	g_autoptr(IpmiClient) c = session(0, TRUE, &renewals);
	device_id_ok(c);
	stop_bmcsim();
	g_assert_true(start_bmcsim());
	device_id_ok(c);
	g_assert_cmpuint(renewals, ==, 1);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_close(c, &error));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!start_bmcsim())
		stop_bmcsim();
	g_test_add_func("/client/session/keepalive", test_keepalive);
	g_test_add_func("/client/session/idle-relogin", test_idle_relogin);
	g_test_add_func("/client/session/idle-no-relogin", test_idle_no_relogin);
	g_test_add_func("/client/session/closed-by-other", test_closed_by_other);
	g_test_add_func("/client/session/bmc-restart", test_bmc_restart);
	int rc = g_test_run();
	stop_bmcsim();
	return rc;
}
