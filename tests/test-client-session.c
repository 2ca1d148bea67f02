/* test-client-session.c - a long-lived IpmiClient session against bmcsim
 * with a short idle timeout: keepalive keeps it, and when the BMC drops it
 * (idle timeout, Close Session from another console, a restart) the client logs in
 * again and the caller's request completes; with auto-reconnect off the
 * caller gets IPMI_CLIENT_ERROR_SESSION_LOST.  bmcsim is started here on a
 * free loopback port and stopped at the end. */
#include <ipmi/ipmi.h>
#include <string.h>

#include "client-util.h"

#define IDLE_TIMEOUT_S 2

static GSubprocess *sim;
static guint16 sim_port;

static gboolean
start_bmcsim(void)
{
	const char *prog = client_util_bmcsim();
	if (!prog)
		return FALSE;
	if (!sim_port)
		sim_port = client_util_free_udp_port(); /* a restart keeps the port */
	g_autofree char *idle = g_strdup_printf("--idle-timeout=%d", IDLE_TIMEOUT_S);
	const char *extra[] = {idle, NULL};
	sim = client_util_start_bmcsim(prog, sim_port, extra);
	return sim != NULL;
}

static void
stop_bmcsim(void)
{
	client_util_stop(&sim);
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
