/* test-regress.c - regression tests for what the fuzzers (fuzz/) found,
 * each next to the corpus file fuzz/corpus/<target>/regress-* that
 * reproduced it, and the guard that the fuzz-only MAC bypass is absent from
 * normal builds: every MAC, RAKP code and ICV comparison still rejects. */
#include <glib.h>
#include <string.h>

#include "core/bmc.h"
#include "core/buf.h"
#include "core/channel.h"
#include "core/cmd_bridge.h"
#include "core/console.h"
#include "core/observer.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/status.h"
#include "pair.h"

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#error "the normal build must not define FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
#endif

/* ---- the MAC bypass is not in this build -------------------------------- */

/* Integrity: a sealed request with one AuthCode bit flipped is refused. */
static void
test_mac_integrity(void)
{
	Pair p;
	pair_init(&p, 17);
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	static const uint8_t req[] = {0x20, 0x18, 0xc8, 0x81, 0x04, 0x01, 0x7a};
	uint8_t dgram[IPMI_MAX_DATAGRAM], out[IPMI_MAX_DATAGRAM], plain[IPMI_MAX_DATAGRAM];
	int n =
	    ipmi_channel_seal(&p.con.chan, IPMI_PAYLOAD_IPMI, req, sizeof req, dgram, sizeof dgram);
	g_assert_cmpint(n, >, 0);
	dgram[n - 1] ^= 0x01;
	size_t out_len;
	IpmiOpened op;
	g_assert_cmpint(ipmi_bmc_feed(&p.bmc, dgram, (size_t)n, p.now, out, sizeof out, &out_len,
				      &op, plain, sizeof plain),
			==, IPMI_ERR_INTEGRITY);
	dgram[n - 1] ^= 0x01;
	g_assert_cmpint(ipmi_bmc_feed(&p.bmc, dgram, (size_t)n, p.now, out, sizeof out, &out_len,
				      &op, plain, sizeof plain),
			==, IPMI_BMC_PAYLOAD);
	pair_clear(&p);
}

/* The console checks the RAKP2 code and the RAKP4 ICV. */
static void
test_mac_console(void)
{
	Pair p;
	pair_init(&p, 3);
	pair_set_console_password(&p, "wrong");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_AUTH);
	pair_clear(&p);

	pair_init(&p, 3);
	pair_set_kg(&p, "bmc-key", "console-key");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_KG);
	pair_clear(&p);
}

/* The BMC checks the RAKP3 code: flip a bit of it on the way. */
static void
test_mac_bmc(void)
{
	Pair p;
	pair_init(&p, 17);
	g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==, 0);
	g_assert_cmpint(ipmi_console_start(&p.con, p.now), ==, 0);
	uint8_t reply[IPMI_MAX_DATAGRAM], dgram[IPMI_MAX_DATAGRAM];
	size_t reply_len = 0;
	for (int step = 0; step < 3; step++) {
		size_t len = 0;
		const uint8_t *out = ipmi_console_output(&p.con, &len);
		g_assert_nonnull(out);
		memcpy(dgram, out, len);
		ipmi_console_output_done(&p.con);
		if (step == 2) /* RAKP3: the last byte is the code's */
			dgram[len - 1] ^= 0x80;
		g_assert_cmpint(pair_to_bmc(&p, dgram, len, reply, &reply_len), ==, IPMI_BMC_REPLY);
		if (step < 2)
			g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	}
	/* RAKP4 with status "invalid integrity check value", no session. */
	IpmiV2Header h;
	g_assert_cmpint(ipmi_v2_header_decode(reply + 4, reply_len - 4, &h), >, 0);
	g_assert_cmpint(h.payload_type, ==, IPMI_PAYLOAD_RAKP4);
	IpmiRakp4 r4;
	g_assert_cmpint(ipmi_rakp4_decode(h.payload, h.payload_len, &r4), >, 0);
	g_assert_cmphex(r4.status, ==, IPMI_RMCPP_INVALID_ICV);
	g_assert_cmpint(p.bmc.state, ==, IPMI_BMC_FAILED);
	pair_clear(&p);
}

/* The observer: a wrong password matches no credential; a wrong K_G is a
 * RAKP4 mismatch. */
static void
test_mac_observer(void)
{
	for (int wrong_kg = 0; wrong_kg < 2; wrong_kg++) {
		Pair p;
		pair_init(&p, 17);
		pair_set_kg(&p, "bmc-key", "bmc-key");
		g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
		IpmiCredential cred = {.user_len = 5, .password_len = 8, .kg_len = 7};
		memcpy(cred.user, "admin", 5);
		memcpy(cred.password, wrong_kg ? "password" : "passw0rd", 8);
		memcpy(cred.kg, wrong_kg ? "bmc-kez" : "bmc-key", 7);
		IpmiObserver o;
		ipmi_observer_init(&o, &cred, 1);
		for (guint i = 0; i < p.capture->len; i++) {
			GBytes *b = g_array_index(p.capture, PairPacket, i).bytes;
			IpmiObserved out;
			uint8_t plain[IPMI_MAX_DATAGRAM];
			size_t len;
			const uint8_t *d = g_bytes_get_data(b, &len);
			g_assert_cmpint(ipmi_observer_feed(&o, d, len, &out, plain, sizeof plain),
					==, 0);
		}
		if (wrong_kg) {
			g_assert_true(o.kg_mismatch);
		} else {
			g_assert_true(o.auth_failed);
			g_assert_cmpint(o.cred, ==, -1);
		}
		ipmi_observer_wipe(&o);
		pair_clear(&p);
	}
}

/* ---- bugs found by fuzzing ----------------------------------------------- */

/* fuzz/corpus/cmd_bridge/regress-bridge-outer-too-long: a bridged request
 * whose data fits one message (IPMI_MSG_MAX_DATA) made an outer Send
 * Message 8 (16 when double) bytes too long for our own decoder.  The
 * encoder now refuses it. */
static void
test_bridge_outer_too_long(void)
{
	static uint8_t data[IPMI_MSG_MAX_DATA], buf[IPMI_MSG_MAX_DATA + 64];
	IpmiMsg req = {.netfn = IPMI_NETFN_APP, .cmd = 0x01, .data = data};
	IpmiBridgeRoute single = {.target_channel = 7, .target_addr = 0x72};
	IpmiBridgeRoute dual = {
	    .target_channel = 7, .target_addr = 0x72, .transit_channel = 0, .transit_addr = 0x82};
	const struct {
		const IpmiBridgeRoute *route;
		size_t max;
	} cases[] = {{&single, IPMI_MSG_MAX_DATA - 8}, {&dual, IPMI_MSG_MAX_DATA - 16}};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		IpmiMsg outer;
		req.data_len = cases[i].max;
		int n = ipmi_bridge_request_encode(buf, sizeof buf, cases[i].route, 5, &req);
		g_assert_cmpint(n, >, 0);
		g_assert_cmpint(ipmi_msg_decode(buf, (size_t)n, &outer), ==, n);
		g_assert_cmpuint(outer.data_len, ==, IPMI_MSG_MAX_DATA);
		req.data_len = cases[i].max + 1;
		g_assert_cmpint(
		    ipmi_bridge_request_encode(buf, sizeof buf, cases[i].route, 5, &req), ==,
		    IPMI_ERR_INVALID_ARG);
	}
}

/* fuzz/corpus/channel/regress-seal-oem-payload: sealing payload type 2
 * (OEM explicit) wrote a header without the OEM IANA and payload ID that
 * type requires, a datagram no peer (nor ipmi_channel_open) could parse.
 * Sealing it is now refused; every other type still round-trips. */
static void
test_seal_oem_payload(void)
{
	Pair p;
	pair_init(&p, 17);
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	static const uint8_t payload[] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x77};
	uint8_t dgram[IPMI_MAX_DATAGRAM], plain[IPMI_MAX_DATAGRAM];
	g_assert_cmpint(ipmi_channel_seal(&p.con.chan, IPMI_PAYLOAD_OEM, payload, sizeof payload,
					  dgram, sizeof dgram),
			==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_v2_plain_encode(IPMI_PAYLOAD_OEM, 0, 0, payload, sizeof payload, dgram,
					     sizeof dgram),
			==, IPMI_ERR_UNSUPPORTED);
	for (uint8_t type = 0; type < 0x40; type++) {
		if (type == IPMI_PAYLOAD_OEM)
			continue;
		int n = ipmi_channel_seal(&p.con.chan, type, payload, sizeof payload, dgram,
					  sizeof dgram);
		g_assert_cmpint(n, >, 0);
		IpmiOpened op;
		g_assert_cmpint(
		    ipmi_channel_open(&p.bmc.chan, dgram, (size_t)n, &op, plain, sizeof plain), ==,
		    0);
		g_assert_cmpuint(op.payload_type, ==, type);
		g_assert_cmpmem(plain, op.payload_len, payload, sizeof payload);
	}
	pair_clear(&p);
}

/* fuzz/corpus/console/regress-stray-status-answer: an Open Session
 * Response, RAKP 2 or RAKP 4 carrying an error status failed the handshake
 * whatever console session ID it named, although console.h promises that
 * strays (here: a stale answer to another handshake, or a forgery that
 * guessed the one-byte tag) leave the state alone.  Now only an answer
 * naming our ID (or 0) ends it. */
static int
feed_setup(Pair *p, uint8_t type, const uint8_t *payload, size_t len)
{
	uint8_t d[64];
	int n = ipmi_v2_plain_encode(type, 0, 0, payload, len, d, sizeof d);
	g_assert_cmpint(n, >, 0);
	return ipmi_console_feed(&p->con, d, (size_t)n, p->now);
}

static void
test_console_stray_status(void)
{
	Pair p;
	pair_init(&p, 3);
	g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==, 0);
	g_assert_cmpint(ipmi_console_start(&p.con, p.now), ==, 0);
	uint32_t other = p.con.rp.console_sid ^ 0x01000000u;
	uint8_t answer[8] = {p.con.tag, IPMI_RMCPP_NO_RESOURCES, 0, 0};
	ipmi_put_u32le(answer + 4, other);
	g_assert_cmpint(feed_setup(&p, IPMI_PAYLOAD_OPEN_SESSION_RSP, answer, sizeof answer), ==,
			IPMI_ERR_SESSION_ID);
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_OPEN_SENT);

	/* The real BMC's answers still get through, up to RAKP 2 ... */
	uint8_t reply[IPMI_MAX_DATAGRAM], dgram[IPMI_MAX_DATAGRAM];
	size_t reply_len, len;
	for (int step = 0; step < 2; step++) {
		const uint8_t *out = ipmi_console_output(&p.con, &len);
		g_assert_nonnull(out);
		memcpy(dgram, out, len);
		ipmi_console_output_done(&p.con);
		g_assert_cmpint(pair_to_bmc(&p, dgram, len, reply, &reply_len), ==, IPMI_BMC_REPLY);
		if (step == 0)
			g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	}
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_RAKP1_SENT);
	/* ... where a stray RAKP 2 error is ignored too, then the real one
	 * completes the handshake. */
	answer[0] = p.con.tag;
	answer[1] = IPMI_RMCPP_UNAUTHORIZED_NAME;
	g_assert_cmpint(feed_setup(&p, IPMI_PAYLOAD_RAKP2, answer, sizeof answer), ==,
			IPMI_ERR_SESSION_ID);
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_RAKP1_SENT);
	g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	const uint8_t *out = ipmi_console_output(&p.con, &len);
	memcpy(dgram, out, len);
	ipmi_console_output_done(&p.con);
	g_assert_cmpint(pair_to_bmc(&p, dgram, len, reply, &reply_len), ==, IPMI_BMC_REPLY);
	answer[0] = p.con.tag;
	answer[1] = IPMI_RMCPP_INVALID_ICV;
	g_assert_cmpint(feed_setup(&p, IPMI_PAYLOAD_RAKP4, answer, sizeof answer), ==,
			IPMI_ERR_SESSION_ID);
	g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_ACTIVE);
	pair_clear(&p);

	/* An error naming our ID, or 0, still ends the handshake. */
	for (int zero = 0; zero < 2; zero++) {
		pair_init(&p, 3);
		g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==, 0);
		g_assert_cmpint(ipmi_console_start(&p.con, p.now), ==, 0);
		uint8_t mine[8] = {p.con.tag, IPMI_RMCPP_NO_CIPHER_SUITE_MATCH, 0, 0};
		ipmi_put_u32le(mine + 4, zero ? 0 : p.con.rp.console_sid);
		g_assert_cmpint(feed_setup(&p, IPMI_PAYLOAD_OPEN_SESSION_RSP, mine, sizeof mine),
				==, IPMI_ERR_REJECTED);
		g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_FAILED);
		g_assert_cmphex(p.con.peer_status, ==, IPMI_RMCPP_NO_CIPHER_SUITE_MATCH);
		pair_clear(&p);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/regress/mac-checked/integrity", test_mac_integrity);
	g_test_add_func("/regress/mac-checked/console", test_mac_console);
	g_test_add_func("/regress/mac-checked/bmc", test_mac_bmc);
	g_test_add_func("/regress/mac-checked/observer", test_mac_observer);
	g_test_add_func("/regress/bridge/outer-too-long", test_bridge_outer_too_long);
	g_test_add_func("/regress/channel/seal-oem-payload", test_seal_oem_payload);
	g_test_add_func("/regress/console/stray-status", test_console_stray_status);
	return g_test_run();
}
