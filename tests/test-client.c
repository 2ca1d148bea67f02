/* test-client.c - IpmiClient against an in-process fake BMC (the core's
 * BMC role on a GSocket in the same main loop), with loss, duplication and
 * reordering; plus the error mapping and the blocking API. */
#include <glib/gstdio.h>
#include <ipmi/ipmi.h>
#include <string.h>
#include <sys/stat.h>

#include "client-util.h"
#include "fake-bmc.h"
#include "ipmi-client-private.h"

#include "core/rakp.h"
#include "core/status.h"

static FakeBmc *
fake(const char *addr, const FakeBmcOptions *opt)
{
	FakeBmc *b = fake_bmc_new(g_main_context_default(), addr, opt);
	g_assert_nonnull(b);
	return b;
}

static IpmiClient *
client_for(FakeBmc *b, const char *host, const char *user, const char *pw)
{
	return client_util_new(host, fake_bmc_port(b), user, pw);
}

static void
check_device_id(IpmiClient *c)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
	g_assert_cmpuint(ipmi_response_get_netfn(rsp), ==, 0x06);
	g_assert_cmpuint(ipmi_response_get_command(rsp), ==, 0x01);
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	g_assert_cmpuint(n, ==, 15);
	g_assert_cmpuint(d[0], ==, 0x20);
	g_assert_cmpuint(d[6], ==, 0x57);
}

/* ---- basic session, IPv4 and IPv6, key log ----------------------------- */

static void
session_roundtrip(const char *addr)
{
	FakeBmc *b = fake_bmc_new(g_main_context_default(), addr, NULL);
	if (!b) {
		g_test_skip("cannot bind this address (no IPv6?)");
		return;
	}
	g_autofree char *dir = g_dir_make_tmp("ipmi-client-XXXXXX", NULL);
	g_autofree char *keylog = g_build_filename(dir, "keys.log", NULL);
	g_autoptr(IpmiClient) c = client_for(b, addr, "admin", "password");
	g_object_set(c, "keylog-file", keylog, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_false(ipmi_client_is_connected(c));
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_true(ipmi_client_is_connected(c));
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 17);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_ADMINISTRATOR);
	g_assert_cmpuint(fake_bmc_open_sessions(b), ==, 1);
	check_device_id(c);

	/* The key log: one RMCPP line, mode 0600. */
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(keylog, &text, NULL, NULL));
	g_assert_true(g_str_has_prefix(text, "RMCPP "));
	g_assert_cmpint(strchr(text, '\n') - text + 1, ==, (int)strlen(text));
	GStatBuf st;
	g_assert_cmpint(g_stat(keylog, &st), ==, 0);
	g_assert_cmpint(st.st_mode & 0777, ==, 0600);

	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
	g_assert_false(ipmi_client_is_connected(c));
	g_assert_cmpuint(fake_bmc_closed_sessions(b), ==, 1);
	g_assert_cmpuint(fake_bmc_open_sessions(b), ==, 0);

	/* The client may connect again; the key log grows by a line. */
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	g_clear_pointer(&text, g_free);
	g_assert_true(g_file_get_contents(keylog, &text, NULL, NULL));
	g_auto(GStrv) lines = g_strsplit(g_strstrip(text), "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 2);
	g_unlink(keylog);
	g_rmdir(dir);
	fake_bmc_free(b);
}

static void
test_ipv4(void)
{
	session_roundtrip("127.0.0.1");
}

static void
test_ipv6(void)
{
	session_roundtrip("::1");
}

/* ---- many requests at once, exactly once each -------------------------- */

typedef struct {
	guint index;
	guint completions;
	gboolean ok;
	GBytes *sent;
} Pending;

typedef struct {
	IpmiClient *client;
	Pending *p;
	guint done;
} Batch;

typedef struct {
	Batch *batch;
	Pending *pending;
} Slot;

static void
on_echo(GObject *source, GAsyncResult *result, gpointer user_data)
{
	g_autofree Slot *s = user_data;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_finish(IPMI_CLIENT(source), result, &error);
	s->pending->completions++;
	s->batch->done++;
	if (!rsp) {
		g_test_message("request %u: %s", s->pending->index, error->message);
		return;
	}
	s->pending->ok = ipmi_response_get_completion_code(rsp) == 0 &&
			 g_bytes_equal(ipmi_response_get_data(rsp), s->pending->sent);
}

static void
run_batch(IpmiClient *c, guint n)
{
	Batch batch = {.client = c, .p = g_new0(Pending, n)};
	for (guint i = 0; i < n; i++) {
		guint8 data[6] = {'e', 'c', 'h', 'o', (guint8)(i >> 8), (guint8)i};
		batch.p[i].index = i;
		batch.p[i].sent = g_bytes_new(data, sizeof data);
		Slot *s = g_new0(Slot, 1);
		s->batch = &batch;
		s->pending = &batch.p[i];
		ipmi_client_request_async(c, 0x30, 0x01, data, sizeof data, NULL, on_echo, s);
	}
	while (batch.done < n)
		g_main_context_iteration(NULL, TRUE);
	/* Late duplicates must not complete anything twice. */
	client_util_spin(300);
	for (guint i = 0; i < n; i++) {
		g_assert_cmpuint(batch.p[i].completions, ==, 1);
		g_assert_true(batch.p[i].ok);
		g_bytes_unref(batch.p[i].sent);
	}
	g_free(batch.p);
}

static void
test_concurrent(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	run_batch(c, 150); /* more than the rqSeq space */
	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
	fake_bmc_free(b);
}

static void
test_lossy(void)
{
	FakeBmcOptions opt = {.drop = 0.2, .dup = 0.2, .reorder = 0.2, .seed = 4242};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_object_set(c, "timeout", 8000, "retries", 12, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	run_batch(c, 200);
	/* Retransmissions and duplicates reached the BMC more than once. */
	g_assert_cmpuint(fake_bmc_requests(b), >, 200);
	/* A BMC forgets a session as it answers Close Session: when that
	 * answer is lost, the retransmissions go unanswered.  The slot is
	 * free either way, which is what matters. */
	if (!client_util_close(c, &error)) {
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
		g_test_message("%s", error->message);
	}
	g_assert_false(ipmi_client_is_connected(c));
	g_assert_cmpuint(fake_bmc_open_sessions(b), ==, 0);
	fake_bmc_free(b);
}

/* ---- cipher suites ----------------------------------------------------- */

static void
test_cipher_fallback(void)
{
	/* No list, and suite 17 refused: the client must fall back to 3. */
	FakeBmcOptions opt = {.ignore_cipher_suites = TRUE, .suites = 1u << 3};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 3);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

static void
test_cipher_insecure(void)
{
	FakeBmcOptions opt = {.suites = (1u << 1) | (1u << 0)};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_NO_CIPHER_SUITE);
	g_test_message("%s", error->message);
	g_clear_error(&error);
	/* Forcing an insecure suite needs allow-insecure, even when named. */
	g_object_set(c, "cipher-suite", 1, NULL);
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_NO_CIPHER_SUITE);
	g_clear_error(&error);
	g_object_set(c, "allow-insecure", TRUE, NULL);
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_cipher_suite(c), ==, 1);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

/* ---- authentication and privilege --------------------------------------- */

static void
expect_connect_error(FakeBmc *b, const char *user, const char *pw, GQuark domain, int code,
		     void (*tweak)(IpmiClient *))
{
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", user, pw);
	if (tweak)
		tweak(c);
	g_autoptr(GError) error = NULL;
	g_assert_false(client_util_connect(c, &error));
	g_assert_error(error, domain, code);
	g_test_message("%s", error->message);
	g_assert_nonnull(strstr(error->message, "127.0.0.1:"));
	g_assert_false(ipmi_client_is_connected(c));
}

static void
test_wrong_password(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	expect_connect_error(b, "admin", "wrong", IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_AUTH, NULL);
	/* An unknown user looks exactly the same. */
	expect_connect_error(b, "nobody", "password", IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_AUTH,
			     NULL);
	g_assert_cmpuint(fake_bmc_open_sessions(b), ==, 0);
	fake_bmc_free(b);
}

static void
set_good_kg(IpmiClient *c)
{
	ipmi_client_set_kg(c, (const guint8 *)"bmc-key", 7);
}

static void
set_bad_kg(IpmiClient *c)
{
	ipmi_client_set_kg(c, (const guint8 *)"other", 5);
}

static void
test_kg(void)
{
	FakeBmcOptions opt = {.kg = "bmc-key"};
	FakeBmc *b = fake("127.0.0.1", &opt);
	expect_connect_error(b, "admin", "password", IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_KG, NULL);
	expect_connect_error(b, "admin", "password", IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_KG,
			     set_bad_kg);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	set_good_kg(c);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

static void
set_user_privilege(IpmiClient *c)
{
	g_object_set(c, "privilege", IPMI_PRIVILEGE_USER, NULL);
}

static void
test_privilege(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	/* "user" may not be an administrator: RAKP 2 says 0Ah. */
	expect_connect_error(b, "user", "secret", IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PRIVILEGE,
			     NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "user", "secret");
	set_user_privilege(c);
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_no_error(error);
	g_assert_cmpint(ipmi_client_get_session_privilege(c), ==, IPMI_PRIVILEGE_USER);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

/* ---- cancellation and timeouts ----------------------------------------- */

static void
got(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **slot = user_data;
	g_assert_null(*slot);
	*slot = g_object_ref(result);
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
	FakeBmc *b = fake("127.0.0.1", NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));

	/* A request the BMC never answers, cancelled after 100 ms. */
	g_autoptr(GCancellable) cancel = g_cancellable_new();
	GAsyncResult *res = NULL;
	gint64 t0 = g_get_monotonic_time();
	ipmi_client_request_async(c, 0x30, 0x02, NULL, 0, cancel, got, &res);
	g_timeout_add(100, cancel_it, cancel);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_assert_null(ipmi_client_request_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_assert_cmpint(g_get_monotonic_time() - t0, <, 1500 * 1000);
	g_clear_error(&error);
	g_clear_object(&res);

	/* Already cancelled. */
	ipmi_client_request_async(c, 0x06, 0x01, NULL, 0, cancel, got, &res);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_assert_null(ipmi_client_request_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_clear_error(&error);
	g_clear_object(&res);

	/* The session still works, and nothing completes twice. */
	check_device_id(c);
	client_util_spin(200);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

static void
test_request_timeout(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_object_set(c, "timeout", 800, "retries", 2, NULL);
	guint before = fake_bmc_requests(b);
	gint64 t0 = g_get_monotonic_time();
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x30, 0x02, NULL, 0, &error);
	gint64 elapsed = g_get_monotonic_time() - t0;
	g_assert_null(rsp);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	g_test_message("%s after %" G_GINT64_FORMAT " ms", error->message, elapsed / 1000);
	g_assert_cmpint(elapsed, >=, 790 * 1000);
	g_assert_cmpint(elapsed, <, 1800 * 1000); /* slack for loaded machines */
	/* Sent once and retransmitted twice: each copy passed the BMC's
	 * sequence window, so each had a new session sequence number, and
	 * all three carry the same rqSeq. */
	/* (Besides them, the client checked the session with Get Device ID
	 * when the command went unanswered.) */
	g_assert_cmpuint(fake_bmc_requests(b) - before, >=, 3);
	g_autoptr(GArray) seqs = fake_bmc_blackhole_seqs(b);
	g_assert_cmpuint(seqs->len, ==, 3);
	g_assert_cmpuint(g_array_index(seqs, guint8, 1), ==, g_array_index(seqs, guint8, 0));
	g_assert_cmpuint(g_array_index(seqs, guint8, 2), ==, g_array_index(seqs, guint8, 0));
	g_clear_error(&error);
	check_device_id(c);
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

static void
test_silent_port(void)
{
	/* A bound socket that never answers. */
	FakeBmcOptions opt = {.silent = TRUE};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_object_set(c, "timeout", 600, "retries", 2, NULL);
	g_autoptr(GError) error = NULL;
	gint64 t0 = g_get_monotonic_time();
	g_assert_false(client_util_connect(c, &error));
	gint64 elapsed = g_get_monotonic_time() - t0;
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	g_test_message("%s", error->message);
	g_assert_cmpint(elapsed, <, 1600 * 1000);
	g_assert_false(ipmi_client_is_connected(c));
	fake_bmc_free(b);
}

static void
test_session_goes_silent(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_object_set(c, "timeout", 500, "retries", 1, NULL);
	fake_bmc_set_silent_in_session(b, TRUE);
	gint64 t0 = g_get_monotonic_time();
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_null(rsp);
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	g_assert_cmpint(g_get_monotonic_time() - t0, <, 1500 * 1000);
	g_clear_error(&error);
	/* The BMC still answers outside the session, so the client may have
	 * judged the session dropped and be logging in again (which cannot
	 * succeed here): close then ends that at once; otherwise Close
	 * Session times out.  Either way the client ends idle. */
	if (!client_util_close(c, &error))
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	g_assert_false(ipmi_client_is_connected(c));
	fake_bmc_free(b);
}

static void
test_connect_cancel(void)
{
	FakeBmcOptions opt = {.silent = TRUE};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GCancellable) cancel = g_cancellable_new();
	GAsyncResult *res = NULL;
	ipmi_client_connect_async(c, cancel, got, &res);
	g_timeout_add(50, cancel_it, cancel);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(GError) error = NULL;
	g_assert_false(ipmi_client_connect_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_object_unref(res);
	client_util_spin(100);
	fake_bmc_free(b);
}

/* ---- close ------------------------------------------------------------- */

static void
test_close_retry(void)
{
	FakeBmcOptions opt = {.drop_close = 2};
	FakeBmc *b = fake("127.0.0.1", &opt);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_assert_true(client_util_close(c, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(fake_bmc_closed_sessions(b), ==, 1);
	g_assert_cmpuint(fake_bmc_open_sessions(b), ==, 0);
	/* Closing an idle client is fine. */
	g_assert_true(client_util_close(c, &error));
	fake_bmc_free(b);
}

static void
test_close_pending(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	GAsyncResult *r1 = NULL, *r2 = NULL;
	ipmi_client_request_async(c, 0x30, 0x02, NULL, 0, NULL, got, &r1);
	ipmi_client_request_async(c, 0x30, 0x02, NULL, 0, NULL, got, &r2);
	g_assert_true(client_util_close(c, &error));
	while (!r1 || !r2)
		g_main_context_iteration(NULL, TRUE);
	g_assert_null(ipmi_client_request_finish(c, r1, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_CLOSED);
	g_clear_error(&error);
	g_assert_null(ipmi_client_request_finish(c, r2, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_CLOSED);
	g_clear_error(&error);
	g_object_unref(r1);
	g_object_unref(r2);
	/* Not connected: requests fail at once. */
	g_autoptr(IpmiResponse) rsp = client_util_request(c, 0x06, 0x01, NULL, 0, &error);
	g_assert_null(rsp);
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_CLOSED);
	fake_bmc_free(b);
}

static void
test_dispose_closes(void)
{
	FakeBmc *b = fake("127.0.0.1", NULL);
	IpmiClient *c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(client_util_connect(c, &error));
	g_object_unref(c);
	client_util_spin(100);
	g_assert_cmpuint(fake_bmc_closed_sessions(b), ==, 1);
	fake_bmc_free(b);
}

/* ---- the blocking API, against a BMC on its own thread ------------------ */

static void
test_sync(void)
{
	FakeBmc *b = fake_bmc_new_threaded("127.0.0.1", NULL);
	g_assert_nonnull(b);
	g_autoptr(IpmiClient) c = client_for(b, "127.0.0.1", "admin", "password");
	g_autoptr(GError) error = NULL;
	g_assert_true(ipmi_client_connect_sync(c, NULL, &error));
	g_assert_no_error(error);
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_sync(c, 0x06, 0x01, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
	/* Async and sync calls mix on the same client. */
	GAsyncResult *res = NULL;
	ipmi_client_request_async(c, 0x00, 0x01, NULL, 0, NULL, got, &res);
	g_autoptr(IpmiResponse) rsp2 =
	    ipmi_client_request_sync(c, 0x06, 0xFE, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp2), ==, 0xC1);
	g_assert_false(ipmi_response_check(rsp2, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE);
	g_assert_nonnull(strstr(error->message, "Invalid command"));
	g_clear_error(&error);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(IpmiResponse) rsp3 = ipmi_client_request_finish(c, res, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_netfn(rsp3), ==, 0x00);
	g_object_unref(res);
	g_assert_true(ipmi_client_close_sync(c, NULL, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(fake_bmc_closed_sessions(b), ==, 1);
	fake_bmc_free(b);
}

/* ---- errors and properties --------------------------------------------- */

static void
test_errors(void)
{
	g_assert_cmpstr(ipmi_completion_code_to_string(0xC1), ==, "Invalid command");
	g_assert_cmpstr(ipmi_completion_code_to_string(0xD4), ==, "Insufficient privilege level");
	g_assert_cmpstr(ipmi_completion_code_to_string(0xFF), ==, "Unspecified error");
	g_assert_nonnull(strstr(ipmi_completion_code_to_string(0x85), "Command-specific"));
	g_assert_nonnull(strstr(ipmi_completion_code_to_string(0x01), "OEM"));
	g_assert_nonnull(strstr(ipmi_completion_code_to_string(0xE0), "Reserved"));
	for (guint cc = 0xC0; cc <= 0xD6; cc++)
		g_assert_null(strstr(ipmi_completion_code_to_string((guint8)cc), "Reserved"));

	g_autoptr(IpmiResponse) denied = ipmi_response_new(0x07, 0x01, 0xD4, NULL);
	g_assert_cmpuint(ipmi_response_get_netfn(denied), ==, 0x06);
	g_autoptr(GError) error = NULL;
	g_assert_false(ipmi_response_check(denied, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PRIVILEGE);
	g_assert_nonnull(strstr(error->message, "Get Device ID"));
	g_clear_error(&error);

	static const struct {
		int code;
		guint8 status;
		GQuark domain;
		int expect;
	} map[] = {
	    {IPMI_ERR_AUTH, 0, 0, IPMI_CLIENT_ERROR_AUTH},
	    {IPMI_ERR_KG, 0, 0, IPMI_CLIENT_ERROR_KG},
	    {IPMI_ERR_REJECTED, IPMI_RMCPP_INVALID_ROLE, 0, IPMI_CLIENT_ERROR_PRIVILEGE},
	    {IPMI_ERR_REJECTED, IPMI_RMCPP_UNAUTHORIZED_ROLE, 0, IPMI_CLIENT_ERROR_PRIVILEGE},
	    {IPMI_ERR_REJECTED, IPMI_RMCPP_UNAUTHORIZED_NAME, 0, IPMI_CLIENT_ERROR_AUTH},
	    {IPMI_ERR_REJECTED, IPMI_RMCPP_NO_CIPHER_SUITE_MATCH, 0,
	     IPMI_CLIENT_ERROR_NO_CIPHER_SUITE},
	    {IPMI_ERR_REJECTED, IPMI_RMCPP_NO_RESOURCES, 0, IPMI_CLIENT_ERROR_REJECTED},
	    {IPMI_ERR_PRIVILEGE, 0, 0, IPMI_CLIENT_ERROR_PRIVILEGE},
	    {IPMI_ERR_INSECURE, 0, 0, IPMI_CLIENT_ERROR_NO_CIPHER_SUITE},
	    {IPMI_ERR_ALGORITHMS, 0, 0, IPMI_CLIENT_ERROR_PROTOCOL},
	    {IPMI_ERR_INTEGRITY, 0, 0, IPMI_CLIENT_ERROR_PROTOCOL},
	    {IPMI_ERR_TIMEOUT, 0, 1, G_IO_ERROR_TIMED_OUT},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(map); i++) {
		GError *e = _ipmi_error_from_core(map[i].code, map[i].status, "bmc:623", "step");
		GQuark want = map[i].domain ? G_IO_ERROR : IPMI_CLIENT_ERROR;
		g_assert_error(e, want, map[i].expect);
		g_assert_true(g_str_has_prefix(e->message, "bmc:623: step: "));
		g_error_free(e);
	}
	GError *e = _ipmi_error_from_core(IPMI_ERR_REJECTED, IPMI_RMCPP_NO_RESOURCES, "b", "s");
	g_assert_nonnull(strstr(e->message, ipmi_rmcpp_status_str(IPMI_RMCPP_NO_RESOURCES)));
	g_error_free(e);
	g_assert_true(G_TYPE_IS_ENUM(IPMI_TYPE_CLIENT_ERROR));
}

static void
test_properties(void)
{
	g_autoptr(IpmiClient) c = ipmi_client_new("bmc.example", 0);
	g_assert_cmpuint(ipmi_client_get_port(c), ==, 623);
	GParamSpec *pw = g_object_class_find_property(G_OBJECT_GET_CLASS(c), "password");
	g_assert_nonnull(pw);
	g_assert_false(pw->flags & G_PARAM_READABLE);
	GParamSpec *kg = g_object_class_find_property(G_OBJECT_GET_CLASS(c), "kg");
	g_assert_false(kg->flags & G_PARAM_READABLE);
	int suite;
	IpmiPrivilege priv;
	gboolean name_only, insecure;
	g_object_get(c, "cipher-suite", &suite, "privilege", &priv, "name-only-lookup", &name_only,
		     "allow-insecure", &insecure, NULL);
	g_assert_cmpint(suite, ==, -1);
	g_assert_cmpint(priv, ==, IPMI_PRIVILEGE_ADMINISTRATOR);
	g_assert_true(name_only);
	g_assert_false(insecure);
	/* Over-long secrets are refused at connect time. */
	g_object_set(c, "password", "123456789012345678901", NULL);
	GAsyncResult *res = NULL;
	ipmi_client_connect_async(c, NULL, got, &res);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(GError) error = NULL;
	g_assert_false(ipmi_client_connect_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
	g_assert_null(strstr(error->message, "123456789"));
	g_object_unref(res);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/client/fake/ipv4", test_ipv4);
	g_test_add_func("/client/fake/ipv6", test_ipv6);
	g_test_add_func("/client/fake/concurrent", test_concurrent);
	g_test_add_func("/client/fake/lossy", test_lossy);
	g_test_add_func("/client/fake/cipher-fallback", test_cipher_fallback);
	g_test_add_func("/client/fake/cipher-insecure", test_cipher_insecure);
	g_test_add_func("/client/fake/wrong-password", test_wrong_password);
	g_test_add_func("/client/fake/kg", test_kg);
	g_test_add_func("/client/fake/privilege", test_privilege);
	g_test_add_func("/client/fake/cancel", test_cancel);
	g_test_add_func("/client/fake/request-timeout", test_request_timeout);
	g_test_add_func("/client/fake/silent-port", test_silent_port);
	g_test_add_func("/client/fake/session-goes-silent", test_session_goes_silent);
	g_test_add_func("/client/fake/connect-cancel", test_connect_cancel);
	g_test_add_func("/client/fake/close-retry", test_close_retry);
	g_test_add_func("/client/fake/close-pending", test_close_pending);
	g_test_add_func("/client/fake/dispose-closes", test_dispose_closes);
	g_test_add_func("/client/fake/sync", test_sync);
	g_test_add_func("/client/errors", test_errors);
	g_test_add_func("/client/properties", test_properties);
	return g_test_run();
}
