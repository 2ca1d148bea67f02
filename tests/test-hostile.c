/* test-hostile.c - IpmiClient against a hostile BMC (tests/hostile-bmc.c):
 * forged, replayed, malformed, misdirected, duplicated and reordered
 * answers, and a handshake that goes wrong in each of its steps.
 *
 * What must hold, in every scenario: the client fails with the right error
 * or, when the real answer also arrives, succeeds with the real data; each
 * request completes exactly once; nothing waits past a deadline; and a
 * datagram the record layer must drop leaves the client's state (the
 * session sequence window) exactly as it was.
 *
 * A forgery alone cannot end a request: the client cannot tell it from a
 * lost datagram, so the request times out (G_IO_ERROR_TIMED_OUT) as if the
 * BMC had said nothing; an attacker who could end requests with an error
 * by injecting a datagram would have a denial of service for free. */
#include <ipmi/ipmi.h>
#include <string.h>

#include "hostile-bmc.h"
#include "ipmi-client-private.h"

#include "core/rakp.h"
#include "core/status.h"

/* No wait in this file lasts longer than this; a test that reaches it
 * fails instead of hanging. */
#define WAIT_LIMIT_US (60 * G_USEC_PER_SEC)

static gboolean
tick(gpointer data)
{
	return G_SOURCE_CONTINUE;
}

/* Run the default main context until *flag is set, at most WAIT_LIMIT_US. */
static void
wait_until(const guint *count, guint want)
{
	gint64 end = g_get_monotonic_time() + WAIT_LIMIT_US;
	guint t = g_timeout_add(50, tick, NULL);
	while (*count < want) {
		g_assert_cmpint(g_get_monotonic_time(), <, end);
		g_main_context_iteration(NULL, TRUE);
	}
	g_source_remove(t);
}

static gboolean
set_flag(gpointer data)
{
	*(guint *)data = 1;
	return G_SOURCE_REMOVE;
}

static void
spin(guint ms)
{
	guint done = 0;
	g_timeout_add(ms, set_flag, &done);
	wait_until(&done, 1);
}

/* ---- requests, each counted ---------------------------------------------- */

typedef struct {
	guint completions;
	GError *error;
	IpmiResponse *rsp;
} Outcome;

static void
on_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Outcome *o = user_data;
	o->completions++;
	g_assert_cmpuint(o->completions, ==, 1);
	o->rsp = ipmi_client_request_finish(IPMI_CLIENT(source), result, &o->error);
}

static void
outcome_clear(Outcome *o)
{
	g_clear_error(&o->error);
	g_clear_pointer(&o->rsp, ipmi_response_unref);
	o->completions = 0;
}

/* The OEM echo command of fake-bmc: data comes back. */
static void
echo_async(IpmiClient *c, guint32 tag, Outcome *o)
{
	guint8 data[4] = {(guint8)tag, (guint8)(tag >> 8), (guint8)(tag >> 16),
			  (guint8)(tag >> 24)};
	ipmi_client_request_async(c, 0x30, 0x01, data, sizeof data, NULL, on_done, o);
}

static void
assert_echo(const Outcome *o, guint32 tag)
{
	g_assert_no_error(o->error);
	g_assert_nonnull(o->rsp);
	g_assert_cmpuint(ipmi_response_get_completion_code(o->rsp), ==, 0);
	g_assert_cmpuint(ipmi_response_get_netfn(o->rsp), ==, 0x30);
	g_assert_cmpuint(ipmi_response_get_command(o->rsp), ==, 0x01);
	gsize n;
	const guint8 *d = ipmi_response_peek_data(o->rsp, &n);
	g_assert_cmpuint(n, ==, 4);
	g_assert_cmpuint((guint32)d[0] | (guint32)d[1] << 8 | (guint32)d[2] << 16 |
			     (guint32)d[3] << 24,
			 ==, tag);
}

/* One echo request, waited for. */
static void
echo(IpmiClient *c, guint32 tag, Outcome *o)
{
	echo_async(c, tag, o);
	wait_until(&o->completions, 1);
}

/* ---- connecting ---------------------------------------------------------- */

typedef struct {
	guint completions;
	gboolean ok;
	GError *error;
} ConnectOutcome;

static void
on_connected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	ConnectOutcome *o = user_data;
	o->completions++;
	g_assert_cmpuint(o->completions, ==, 1);
	o->ok = ipmi_client_connect_finish(IPMI_CLIENT(source), result, &o->error);
}

static void
connect_client(IpmiClient *c, ConnectOutcome *o)
{
	ipmi_client_connect_async(c, NULL, on_connected, o);
	wait_until(&o->completions, 1);
}

static void
on_closed(GObject *source, GAsyncResult *result, gpointer user_data)
{
	ConnectOutcome *o = user_data;
	o->completions++;
	g_assert_cmpuint(o->completions, ==, 1);
	o->ok = ipmi_client_close_finish(IPMI_CLIENT(source), result, &o->error);
}

static IpmiClient *
new_client(HostileBmc *h, guint timeout_ms, guint retries)
{
	IpmiClient *c = ipmi_client_new("127.0.0.1", hostile_bmc_port(h));
	ipmi_client_set_credentials(c, "admin", "password");
	g_object_set(c, "timeout", timeout_ms, "retries", retries, "cipher-suite", 17, NULL);
	return c;
}

static IpmiClient *
connected_client(HostileBmc *h)
{
	IpmiClient *c = new_client(h, 3000, 3);
	ConnectOutcome co = {0};
	connect_client(c, &co);
	g_assert_no_error(co.error);
	g_assert_true(co.ok);
	return c;
}

static void
close_client(IpmiClient *c)
{
	ConnectOutcome co = {0};
	ipmi_client_close_async(c, NULL, on_closed, &co);
	wait_until(&co.completions, 1);
	g_assert_no_error(co.error);
	g_assert_true(co.ok);
	g_assert_false(ipmi_client_is_connected(c));
}

/* ---- in-session scenarios ------------------------------------------------ */

typedef struct {
	const char *path;
	HostileMode mode;
	/* The hostile datagrams pass the record layer (authentic answers to
	 * something else): the window may move. */
	gboolean authentic;
} SessionCase;

static void
assert_window(const IpmiSeqWindow *a, const IpmiSeqWindow *b)
{
	g_assert_cmpuint(a->started, ==, b->started);
	g_assert_cmpuint(a->top, ==, b->top);
	g_assert_cmpuint(a->bitmap, ==, b->bitmap);
}

static void
test_session_case(gconstpointer data)
{
	const SessionCase *sc = data;
	HostileBmc *h = hostile_bmc_new();
	g_autoptr(IpmiClient) c = connected_client(h);
	guint32 tag = 0x1000;

	if (sc->mode == HOSTILE_REPLAY_OLD) {
		/* Answers to every rqSeq for the BMC to replay later. */
		for (guint i = 0; i < 70; i++, tag++) {
			Outcome o = {0};
			echo(c, tag, &o);
			assert_echo(&o, tag);
			outcome_clear(&o);
		}
	}

	/* The forgeries alone: the request times out, nothing else. */
	g_object_set(c, "timeout", 600, "retries", 2, NULL);
	hostile_bmc_set(h, sc->mode, FALSE);
	IpmiSeqWindow before = c->console.chan.rx_window;
	guint32 last = hostile_bmc_last_seq(h);
	guint sent = hostile_bmc_sent(h);
	gint64 t0 = g_get_monotonic_time();
	Outcome o = {0};
	echo(c, ++tag, &o);
	g_test_message("%s alone: %s after %" G_GINT64_FORMAT " ms, %u hostile datagrams", sc->path,
		       o.error ? o.error->message : "answer", (g_get_monotonic_time() - t0) / 1000,
		       hostile_bmc_sent(h) - sent);
	if (sc->mode != HOSTILE_LATE) /* which holds the answers back */
		g_assert_cmpuint(hostile_bmc_sent(h), >, sent);
	g_assert_null(o.rsp);
	g_assert_error(o.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	outcome_clear(&o);
	/* Nothing the record layer dropped moved the window; what it took
	 * (authentic answers to something else) moved it as it should. */
	spin(100);
	if (!sc->authentic && hostile_bmc_last_seq(h) == last)
		assert_window(&before, &c->console.chan.rx_window);
	assert_window(hostile_bmc_window(h), &c->console.chan.rx_window);
	g_assert_true(ipmi_client_is_connected(c));

	/* The forgeries, then the real answer: the real data, once. */
	g_object_set(c, "timeout", 3000, "retries", 3, NULL);
	hostile_bmc_set(h, sc->mode, TRUE);
	for (guint i = 0; i < 3; i++) {
		sent = hostile_bmc_sent(h);
		echo(c, ++tag, &o);
		assert_echo(&o, tag);
		outcome_clear(&o);
		g_assert_cmpuint(hostile_bmc_sent(h), >, sent);
		/* The client took exactly the real answers. */
		assert_window(hostile_bmc_window(h), &c->console.chan.rx_window);
	}

	/* Late copies complete nothing; the session is still good. */
	spin(100);
	hostile_bmc_set(h, HOSTILE_NONE, FALSE);
	echo(c, ++tag, &o);
	assert_echo(&o, tag);
	outcome_clear(&o);
	close_client(c);
	hostile_bmc_free(h);
}

/* Many requests at once (rounds of 15), every answer sent three times, or
 * held back until the round's 15th and sent newest first: the newest is 15
 * ahead of what the client saw last, the most its window takes. */
static void
run_concurrent(HostileMode mode, guint hold)
{
	HostileBmc *h = hostile_bmc_new();
	g_autoptr(IpmiClient) c = connected_client(h);
	hostile_bmc_set(h, mode, FALSE);
	hostile_bmc_set_hold(h, hold);
	enum { ROUND = 15, N = 3 * ROUND };
	Outcome o[N] = {{0}};
	for (guint round = 0; round < N / ROUND; round++) {
		for (guint i = round * ROUND; i < round * ROUND + ROUND; i++)
			echo_async(c, 0xAB000000u + i, &o[i]);
		for (guint i = round * ROUND; i < round * ROUND + ROUND; i++)
			wait_until(&o[i].completions, 1);
	}
	spin(200);
	for (guint i = 0; i < N; i++) {
		g_assert_cmpuint(o[i].completions, ==, 1);
		assert_echo(&o[i], 0xAB000000u + i);
		outcome_clear(&o[i]);
	}
	if (mode == HOSTILE_DUPLICATE)
		g_assert_cmpuint(hostile_bmc_sent(h), ==, 2 * N);
	assert_window(hostile_bmc_window(h), &c->console.chan.rx_window);
	hostile_bmc_set(h, HOSTILE_NONE, FALSE);
	close_client(c);
	hostile_bmc_free(h);
}

static void
test_duplicate(void)
{
	run_concurrent(HOSTILE_DUPLICATE, 0);
}

static void
test_reorder(void)
{
	run_concurrent(HOSTILE_REORDER, 15);
}

/* ---- the handshake ------------------------------------------------------- */

typedef struct {
	const char *path;
	HostileMode mode;
	guint8 status;
	gboolean timed_out; /* G_IO_ERROR_TIMED_OUT, else IPMI_CLIENT_ERROR code */
	int code;
} SetupCase;

static void
test_setup_case(gconstpointer data)
{
	const SetupCase *sc = data;
	HostileBmc *h = hostile_bmc_new();
	hostile_bmc_set(h, sc->mode, FALSE);
	hostile_bmc_set_status(h, sc->status);
	g_autoptr(IpmiClient) c = new_client(h, 800, 1);
	ConnectOutcome co = {0};
	gint64 t0 = g_get_monotonic_time();
	connect_client(c, &co);
	g_test_message("%s: %s after %" G_GINT64_FORMAT " ms", sc->path,
		       co.error ? co.error->message : "connected",
		       (g_get_monotonic_time() - t0) / 1000);
	g_assert_false(co.ok);
	if (sc->timed_out)
		g_assert_error(co.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	else
		g_assert_error(co.error, IPMI_CLIENT_ERROR, sc->code);
	g_assert_nonnull(strstr(co.error->message, "127.0.0.1:"));
	g_assert_false(ipmi_client_is_connected(c));
	g_assert_cmpuint(hostile_bmc_sent(h), >, 0);
	g_clear_error(&co.error);

	/* Nothing stuck: the same client connects once the BMC behaves. */
	hostile_bmc_set(h, HOSTILE_NONE, FALSE);
	co = (ConnectOutcome){0};
	connect_client(c, &co);
	g_assert_no_error(co.error);
	g_assert_true(co.ok);
	close_client(c);
	spin(50);
	hostile_bmc_free(h);
}

/* Junk before every setup answer and every in-session answer. */
static void
test_garbage_everywhere(void)
{
	HostileBmc *h = hostile_bmc_new();
	hostile_bmc_set(h, HOSTILE_GARBAGE, TRUE);
	g_autoptr(IpmiClient) c = new_client(h, 3000, 3);
	ConnectOutcome co = {0};
	connect_client(c, &co);
	g_assert_no_error(co.error);
	g_assert_true(co.ok);
	g_assert_cmpuint(hostile_bmc_sent(h), >, 0);
	Outcome o = {0};
	echo(c, 77, &o);
	assert_echo(&o, 77);
	outcome_clear(&o);
	close_client(c);
	hostile_bmc_free(h);
}

static const SessionCase session_cases[] = {
    {"/hostile/session/bad-mac", HOSTILE_BAD_MAC, FALSE},
    {"/hostile/session/bad-conf-pad", HOSTILE_BAD_CONF_PAD, FALSE},
    {"/hostile/session/bad-conf-pad-length", HOSTILE_BAD_CONF_PADLEN, FALSE},
    {"/hostile/session/bad-integrity-pad", HOSTILE_BAD_INTEG_PAD, FALSE},
    {"/hostile/session/bad-next-header", HOSTILE_BAD_NEXT_HEADER, FALSE},
    {"/hostile/session/replay-old", HOSTILE_REPLAY_OLD, FALSE},
    {"/hostile/session/replay-seq", HOSTILE_REPLAY_SEQ, FALSE},
    {"/hostile/session/truncated", HOSTILE_TRUNCATED, FALSE},
    {"/hostile/session/length-oversized", HOSTILE_LEN_OVERSIZED, FALSE},
    {"/hostile/session/length-undersized", HOSTILE_LEN_UNDERSIZED, FALSE},
    {"/hostile/session/trailing-bytes", HOSTILE_TRAILING, FALSE},
    {"/hostile/session/datagram-too-big", HOSTILE_DGRAM_TOO_BIG, FALSE},
    {"/hostile/session/wrong-session-id", HOSTILE_WRONG_SID, FALSE},
    {"/hostile/session/unauthenticated", HOSTILE_UNAUTHENTICATED, FALSE},
    {"/hostile/session/garbage", HOSTILE_GARBAGE, FALSE},
    {"/hostile/session/wrong-rqseq", HOSTILE_WRONG_RQSEQ, TRUE},
    {"/hostile/session/wrong-netfn-cmd", HOSTILE_WRONG_CMD, TRUE},
    {"/hostile/session/bad-checksum", HOSTILE_BAD_CHECKSUM, TRUE},
    {"/hostile/session/short-message", HOSTILE_SHORT_MSG, TRUE},
    {"/hostile/session/late-answer", HOSTILE_LATE, TRUE},
};

#define TIMED_OUT TRUE, 0
static const SetupCase setup_cases[] = {
    {"/hostile/setup/open-status-no-resources", HOSTILE_OPEN_STATUS, IPMI_RMCPP_NO_RESOURCES, 0,
     IPMI_CLIENT_ERROR_REJECTED},
    {"/hostile/setup/open-status-invalid-role", HOSTILE_OPEN_STATUS, IPMI_RMCPP_INVALID_ROLE, 0,
     IPMI_CLIENT_ERROR_PRIVILEGE},
    {"/hostile/setup/open-status-no-suite", HOSTILE_OPEN_STATUS, IPMI_RMCPP_NO_CIPHER_SUITE_MATCH,
     0, IPMI_CLIENT_ERROR_NO_CIPHER_SUITE},
    {"/hostile/setup/open-status-other-console", HOSTILE_OPEN_STATUS_OTHER_SID,
     IPMI_RMCPP_NO_RESOURCES, TIMED_OUT},
    {"/hostile/setup/open-wrong-algorithms", HOSTILE_OPEN_WRONG_ALGS, 0, 0,
     IPMI_CLIENT_ERROR_PROTOCOL},
    {"/hostile/setup/open-wrong-tag", HOSTILE_OPEN_WRONG_TAG, 0, TIMED_OUT},
    {"/hostile/setup/rakp2-status-unauthorized-name", HOSTILE_RAKP2_STATUS,
     IPMI_RMCPP_UNAUTHORIZED_NAME, 0, IPMI_CLIENT_ERROR_AUTH},
    {"/hostile/setup/rakp2-bad-hmac", HOSTILE_RAKP2_BAD_HMAC, 0, 0, IPMI_CLIENT_ERROR_AUTH},
    {"/hostile/setup/rakp2-short-code", HOSTILE_RAKP2_SHORT_CODE, 0, 0, IPMI_CLIENT_ERROR_AUTH},
    {"/hostile/setup/rakp4-bad-icv", HOSTILE_RAKP4_BAD_ICV, 0, 0, IPMI_CLIENT_ERROR_KG},
};

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	for (gsize i = 0; i < G_N_ELEMENTS(session_cases); i++)
		g_test_add_data_func(session_cases[i].path, &session_cases[i], test_session_case);
	g_test_add_func("/hostile/session/duplicate", test_duplicate);
	g_test_add_func("/hostile/session/reorder", test_reorder);
	g_test_add_func("/hostile/garbage-everywhere", test_garbage_everywhere);
	for (gsize i = 0; i < G_N_ELEMENTS(setup_cases); i++)
		g_test_add_data_func(setup_cases[i].path, &setup_cases[i], test_setup_case);
	return g_test_run();
}
