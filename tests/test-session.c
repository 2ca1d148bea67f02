/* test-session.c - the console and BMC session machines and the record
 * layer, talking through memory under a fake clock, for every suite. */
#include <glib.h>
#include <string.h>

#include "core/channel.h"
#include "core/crypto.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"
#include "pair.h"

static const guint8 get_device_id[] = {0x20, 0x18, 0xC8, 0x81, 0x04, 0x01, 0x7A};

static void
assert_active(Pair *p)
{
	g_assert_cmpint(p->con.state, ==, IPMI_CONSOLE_ACTIVE);
	g_assert_cmpint(p->bmc.state, ==, IPMI_BMC_ACTIVE);
	g_assert_cmpuint(p->bmc.priv_limit, ==, IPMI_PRIV_ADMIN);
	g_assert_cmpuint(p->bmc.priv, ==, IPMI_PRIV_USER);
	g_assert_cmpmem(p->con.chan.keys.sik, p->con.chan.keys.key_len, p->bmc.chan.keys.sik,
			p->bmc.chan.keys.key_len);
}

/* Console seals a request; the BMC must open exactly it. Returns the datagram. */
static GBytes *
console_send(Pair *p, const guint8 *payload, size_t len)
{
	guint8 dgram[IPMI_MAX_DATAGRAM];
	int n =
	    ipmi_channel_seal(&p->con.chan, IPMI_PAYLOAD_IPMI, payload, len, dgram, sizeof dgram);
	g_assert_cmpint(n, >, 0);
	return g_bytes_new(dgram, (gsize)n);
}

static int
bmc_open(Pair *p, GBytes *b, guint8 *plain, size_t *plain_len)
{
	IpmiOpened op;
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);
	int rc = ipmi_channel_open(&p->bmc.chan, d, len, &op, plain, IPMI_MAX_DATAGRAM);
	if (rc == 0)
		*plain_len = op.payload_len;
	return rc;
}

static void
exchange(Pair *p)
{
	guint8 plain[IPMI_MAX_DATAGRAM];
	size_t plain_len = 0;
	/* console -> BMC through the BMC session's own feed */
	g_autoptr(GBytes) req = console_send(p, get_device_id, sizeof get_device_id);
	gsize len;
	const guint8 *d = g_bytes_get_data(req, &len);
	IpmiOpened op;
	guint8 out[IPMI_MAX_DATAGRAM];
	size_t out_len;
	int rc = ipmi_bmc_feed(&p->bmc, d, len, p->now, out, sizeof out, &out_len, &op, plain,
			       sizeof plain);
	g_assert_cmpint(rc, ==, IPMI_BMC_PAYLOAD);
	pair_record(p, TRUE, d, len);
	g_assert_cmpmem(plain, op.payload_len, get_device_id, sizeof get_device_id);
	/* BMC -> console, a payload of every length 0..40 to walk the pads */
	for (size_t n = 0; n <= 40; n++) {
		guint8 payload[64];
		for (size_t i = 0; i < n; i++)
			payload[i] = (guint8)(i * 7 + n);
		guint8 dgram[IPMI_MAX_DATAGRAM];
		int dl = ipmi_channel_seal(&p->bmc.chan, IPMI_PAYLOAD_IPMI, payload, n, dgram,
					   sizeof dgram);
		g_assert_cmpint(dl, >, 0);
		if (p->con.chan.keys.integ != IPMI_INTEG_NONE)
			g_assert_cmpint(
			    (dl - 4 - (int)ipmi_integ_mac_len(p->con.chan.keys.integ)) % 4, ==, 0);
		pair_record(p, FALSE, dgram, (size_t)dl);
		rc = ipmi_channel_open(&p->con.chan, dgram, (size_t)dl, &op, plain, sizeof plain);
		g_assert_cmpint(rc, ==, 0);
		g_assert_cmpmem(plain, op.payload_len, payload, n);
		g_assert_cmpuint(op.session_id, ==, p->con.rp.console_sid);
	}
	(void)plain_len;
}

static void
test_handshake(gconstpointer data)
{
	unsigned suite = GPOINTER_TO_UINT(data);
	Pair p;
	pair_init(&p, suite);
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	assert_active(&p);
	g_assert_cmpuint(p.con.granted_priv, ==, IPMI_PRIV_ADMIN);
	exchange(&p);
	pair_clear(&p);
}

static void
test_wrong_password(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_console_password(&p, "wrong");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_AUTH);
	/* The courtesy RAKP3 made the BMC give the slot up at once. */
	g_assert_cmpint(p.bmc.state, ==, IPMI_BMC_FAILED);
	pair_clear(&p);
}

/* An unknown user gets exactly the answer a wrong password gets. */
static void
test_unknown_user(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_console_user(&p, "nobody");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_AUTH);
	/* RAKP2 said "OK" with a code of the right length */
	PairPacket *pk = &g_array_index(p.capture, PairPacket, 3);
	gsize len;
	const guint8 *d = g_bytes_get_data(pk->bytes, &len);
	g_assert_false(pk->to_bmc);
	g_assert_cmpuint(d[5] & 0x3F, ==, IPMI_PAYLOAD_RAKP2);
	g_assert_cmpuint(d[16 + 1], ==, IPMI_RMCPP_OK);
	g_assert_cmpuint(len, ==, 16 + 40 + ipmi_auth_code_len(p.con_cfg.auth));
	pair_clear(&p);
}

static void
test_kg(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_kg(&p, "channel-key", "channel-key");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	assert_active(&p);
	exchange(&p);
	pair_clear(&p);

	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_kg(&p, "channel-key", "other-key");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_KG);
	pair_clear(&p);

	/* K_G on the BMC only: the console keys the SIK with its password */
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_kg(&p, "channel-key", NULL);
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_KG);
	pair_clear(&p);
}

/* Flip each bit-position byte of a sealed packet: every byte from the
 * session header on is covered by the MAC (or by structure), so the
 * packet must be refused, and the refusal must change no state. */
static void
test_flipped_byte(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	g_autoptr(GBytes) good = console_send(&p, get_device_id, sizeof get_device_id);
	gsize len;
	const guint8 *d = g_bytes_get_data(good, &len);
	for (gsize i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			g_autofree guint8 *bad = g_memdup2(d, len);
			bad[i] ^= (guint8)(1u << bit);
			g_autoptr(GBytes) b = g_bytes_new(bad, len);
			guint8 plain[IPMI_MAX_DATAGRAM];
			size_t plain_len = 0;
			int rc = bmc_open(&p, b, plain, &plain_len);
			if (i == 1 || i == 2) {
				/* RMCP reserved and sequence bytes are outside the
				 * MAC by the standard; they must not change the
				 * message.  Undo the acceptance for the next round. */
				if (rc == 0) {
					g_assert_cmpmem(plain, plain_len, get_device_id,
							sizeof get_device_id);
					p.bmc.chan.rx_window = (IpmiSeqWindow){0};
				}
				continue;
			}
			g_assert_cmpint(rc, <, 0);
		}
	}
	guint8 plain[IPMI_MAX_DATAGRAM];
	size_t plain_len = 0;
	g_assert_cmpint(bmc_open(&p, good, plain, &plain_len), ==, 0);
	g_assert_cmpmem(plain, plain_len, get_device_id, sizeof get_device_id);
	pair_clear(&p);
}

static void
test_replay_and_window(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	GBytes *pk[40];
	for (int i = 0; i < 40; i++)
		pk[i] = console_send(&p, get_device_id, sizeof get_device_id);
	guint8 plain[IPMI_MAX_DATAGRAM];
	size_t plain_len;
	/* first packet, then its replay */
	g_assert_cmpint(bmc_open(&p, pk[0], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[0], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	/* 16 ahead of the top (seq 1 -> 17) is outside, 15 ahead inside */
	g_assert_cmpint(bmc_open(&p, pk[16], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(bmc_open(&p, pk[15], plain, &plain_len), ==, 0);
	/* late arrivals within 16 behind are accepted once */
	g_assert_cmpint(bmc_open(&p, pk[3], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[3], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	for (int i = 16; i < 30; i++)
		g_assert_cmpint(bmc_open(&p, pk[i], plain, &plain_len), ==, 0);
	/* top is now seq 30 (index 29): index 13 is 16 behind, index 12 is 17 */
	g_assert_cmpint(bmc_open(&p, pk[13], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[12], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(bmc_open(&p, pk[29], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	for (int i = 0; i < 40; i++)
		g_bytes_unref(pk[i]);
	pair_clear(&p);
}

static void
test_sequence_wrap(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	p.con.chan.tx_seq = 0xFFFFFFFDu;
	guint8 plain[IPMI_MAX_DATAGRAM];
	size_t plain_len;
	GBytes *pk[4];
	for (int i = 0; i < 4; i++)
		pk[i] = console_send(&p, get_device_id, sizeof get_device_id);
	/* seqs FFFFFFFE, FFFFFFFF, 1, 2: zero is skipped */
	g_assert_cmpuint(p.con.chan.tx_seq, ==, 2);
	g_assert_cmpint(bmc_open(&p, pk[0], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[2], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[1], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[3], plain, &plain_len), ==, 0);
	g_assert_cmpint(bmc_open(&p, pk[2], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(bmc_open(&p, pk[0], plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	for (int i = 0; i < 4; i++)
		g_bytes_unref(pk[i]);
	pair_clear(&p);
}

static void
test_window_unit(void)
{
	IpmiSeqWindow w = {0};
	g_assert_cmpint(ipmi_seq_check(&w, 0), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(ipmi_seq_check(&w, 100), ==, 0);
	ipmi_seq_accept(&w, 100);
	g_assert_cmpint(ipmi_seq_check(&w, 100), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(ipmi_seq_check(&w, 115), ==, 0);
	g_assert_cmpint(ipmi_seq_check(&w, 116), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpint(ipmi_seq_check(&w, 84), ==, 0);
	g_assert_cmpint(ipmi_seq_check(&w, 83), ==, IPMI_ERR_SEQUENCE);
	g_assert_cmpuint(ipmi_seq_next(0xFFFFFFFFu), ==, 1);
}

/* Username/privilege lookup with an empty name finds the null user. */
static void
test_privilege_lookup(void)
{
	Pair p;
	pair_init(&p, 17);
	pair_set_console_user(&p, "");
	pair_set_console_password(&p, "anonymous");
	p.con_cfg.name_only = FALSE;
	p.con_cfg.privilege = IPMI_PRIV_USER;
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	g_assert_cmpuint(p.bmc.user, ==, 2);
	g_assert_cmpuint(p.bmc.priv_limit, ==, IPMI_PRIV_USER);
	pair_clear(&p);

	/* the same with name-only lookup set and an OPERATOR request: refused */
	pair_init(&p, 17);
	pair_set_console_user(&p, "");
	pair_set_console_password(&p, "anonymous");
	p.con_cfg.privilege = IPMI_PRIV_OPERATOR;
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_REJECTED);
	g_assert_cmpuint(p.con.peer_status, ==, IPMI_RMCPP_UNAUTHORIZED_ROLE);
	pair_clear(&p);
}

/* An OPERATOR user asking for ADMINISTRATOR is refused at RAKP2; a
 * per-suite limit caps what the Open Session Response grants. */
static void
test_privilege_limits(void)
{
	Pair p;
	pair_init(&p, 3);
	pair_set_console_user(&p, "oper");
	pair_set_console_password(&p, "secret");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_REJECTED);
	g_assert_cmpuint(p.con.peer_status, ==, IPMI_RMCPP_UNAUTHORIZED_ROLE);
	pair_clear(&p);

	pair_init(&p, 3);
	pair_set_console_user(&p, "oper");
	pair_set_console_password(&p, "secret");
	p.con_cfg.privilege = IPMI_PRIV_OPERATOR;
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	g_assert_cmpuint(p.bmc.priv_limit, ==, IPMI_PRIV_OPERATOR);
	pair_clear(&p);

	pair_init(&p, 3);
	p.bmc_cfg.suite_max_priv[3] = IPMI_PRIV_USER;
	p.con_cfg.privilege = IPMI_PRIV_USER;
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	g_assert_cmpuint(p.con.granted_priv, ==, IPMI_PRIV_USER);
	pair_clear(&p);
}

/* A suite the BMC does not enable gets "no cipher suite match"; a console
 * refuses integrity-less suites unless forced. */
static void
test_suite_negotiation(void)
{
	Pair p;
	pair_init(&p, 17);
	p.bmc_cfg.suites = 1u << 3;
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpint(p.con.error, ==, IPMI_ERR_REJECTED);
	g_assert_cmpuint(p.con.peer_status, ==, IPMI_RMCPP_NO_CIPHER_SUITE_MATCH);
	pair_clear(&p);

	pair_init(&p, 1);
	p.con_cfg.allow_insecure = FALSE;
	g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==,
			IPMI_ERR_INSECURE);
	pair_clear(&p);
	pair_init(&p, 4);
	p.con_cfg.allow_rc4 = FALSE;
	g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==,
			IPMI_ERR_INSECURE);
	pair_clear(&p);
}

/* Lost answers: the console retransmits the same bytes with backoff and
 * gives up with a timeout; the BMC answers a repeated RAKP1 identically. */
static void
test_retransmit(void)
{
	Pair p;
	pair_init(&p, 17);
	g_assert_cmpint(ipmi_console_init(&p.con, &p.con_cfg, test_rng, &p.rng), ==, 0);
	g_assert_cmpint(ipmi_console_start(&p.con, p.now), ==, 0);
	size_t len, len2;
	guint8 first[IPMI_MAX_DATAGRAM], reply[IPMI_MAX_DATAGRAM];
	const uint8_t *out = ipmi_console_output(&p.con, &len);
	memcpy(first, out, len);
	ipmi_console_output_done(&p.con);
	g_assert_null(ipmi_console_output(&p.con, &len2));
	g_assert_cmpuint(ipmi_console_next_deadline(&p.con), ==, p.now + 500);
	/* too early: nothing */
	g_assert_cmpint(ipmi_console_handle_timeout(&p.con, p.now + 499), ==, 0);
	g_assert_null(ipmi_console_output(&p.con, &len2));
	g_assert_cmpint(ipmi_console_handle_timeout(&p.con, p.now + 500), ==, 0);
	out = ipmi_console_output(&p.con, &len2);
	g_assert_cmpmem(out, len2, first, len);
	ipmi_console_output_done(&p.con);
	g_assert_cmpuint(ipmi_console_next_deadline(&p.con), ==, p.now + 500 + 1000);

	/* now let it through, and lose the RAKP2 once */
	size_t reply_len;
	g_assert_cmpint(pair_to_bmc(&p, first, len, reply, &reply_len), ==, IPMI_BMC_REPLY);
	g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	out = ipmi_console_output(&p.con, &len);
	guint8 rakp1[IPMI_MAX_DATAGRAM], rakp2[IPMI_MAX_DATAGRAM];
	memcpy(rakp1, out, len);
	ipmi_console_output_done(&p.con);
	size_t rakp2_len;
	g_assert_cmpint(pair_to_bmc(&p, rakp1, len, rakp2, &rakp2_len), ==, IPMI_BMC_REPLY);
	g_assert_cmpint(pair_to_bmc(&p, rakp1, len, reply, &reply_len), ==, IPMI_BMC_REPLY);
	g_assert_cmpmem(reply, reply_len, rakp2, rakp2_len);
	g_assert_cmpint(ipmi_console_feed(&p.con, reply, reply_len, p.now), ==, 0);
	/* a stray duplicate RAKP2 afterwards is ignored, not fatal */
	g_assert_cmpint(ipmi_console_feed(&p.con, rakp2, rakp2_len, p.now), ==, IPMI_ERR_STATE);
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_RAKP3_SENT);
	/* and RAKP4 never comes: two retries, then a timeout */
	guint64 t = p.now;
	for (int i = 0; i < 2; i++) {
		t = ipmi_console_next_deadline(&p.con);
		g_assert_cmpint(ipmi_console_handle_timeout(&p.con, t), ==, 0);
		g_assert_nonnull(ipmi_console_output(&p.con, &len));
		ipmi_console_output_done(&p.con);
	}
	t = ipmi_console_next_deadline(&p.con);
	g_assert_cmpint(ipmi_console_handle_timeout(&p.con, t), ==, IPMI_ERR_TIMEOUT);
	g_assert_cmpint(p.con.state, ==, IPMI_CONSOLE_FAILED);
	g_assert_cmpuint(ipmi_console_next_deadline(&p.con), ==, G_MAXUINT64);
	pair_clear(&p);
}

/* xRC4: a data offset far ahead of the keystream is refused before any
 * keystream work, and the channel still opens what follows. */
static void
test_xrc4_offset_bound(void)
{
	Pair p;
	pair_init(&p, 4);
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	guint8 plain[IPMI_MAX_DATAGRAM];
	size_t plain_len = 0;
	g_autoptr(GBytes) first = console_send(&p, get_device_id, sizeof get_device_id);
	g_assert_cmpint(bmc_open(&p, first, plain, &plain_len), ==, 0);
	IpmiRc4Dir saved = p.con.chan.rc4_tx;
	p.con.chan.rc4_tx.rc4.offset += 10u * 1024 * 1024;
	g_autoptr(GBytes) far = console_send(&p, get_device_id, sizeof get_device_id);
	g_assert_cmpint(bmc_open(&p, far, plain, &plain_len), ==, IPMI_ERR_SEQUENCE);
	p.con.chan.rc4_tx = saved;
	g_autoptr(GBytes) next = console_send(&p, get_device_id, sizeof get_device_id);
	g_assert_cmpint(bmc_open(&p, next, plain, &plain_len), ==, 0);
	g_assert_cmpmem(plain, plain_len, get_device_id, sizeof get_device_id);
	pair_clear(&p);
}

/* Every suite the core implements, through the same tests. */
static const unsigned all_suites[] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,
				      10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

static void
add_per_suite(const char *name, GTestDataFunc fn, gboolean needs_auth)
{
	for (gsize i = 0; i < G_N_ELEMENTS(all_suites); i++) {
		const IpmiCipherSuite *cs = ipmi_suite_get(all_suites[i]);
		if (needs_auth && cs->auth == IPMI_AUTH_RAKP_NONE)
			continue;
		if (g_str_equal(name, "flipped-byte") && cs->integ == IPMI_INTEG_NONE)
			continue;
		g_autofree char *path = g_strdup_printf("/core/session/suite%u/%s", cs->id, name);
		g_test_add_data_func(path, GUINT_TO_POINTER(cs->id), fn);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0);
	g_test_add_func("/core/session/window", test_window_unit);
	g_test_add_func("/core/session/privilege-lookup", test_privilege_lookup);
	g_test_add_func("/core/session/privilege-limits", test_privilege_limits);
	g_test_add_func("/core/session/suite-negotiation", test_suite_negotiation);
	g_test_add_func("/core/session/retransmit", test_retransmit);
	g_test_add_func("/core/session/xrc4-offset-bound", test_xrc4_offset_bound);
	add_per_suite("handshake", test_handshake, FALSE);
	add_per_suite("wrong-password", test_wrong_password, TRUE);
	add_per_suite("unknown-user", test_unknown_user, TRUE);
	add_per_suite("kg", test_kg, TRUE);
	add_per_suite("flipped-byte", test_flipped_byte, TRUE);
	add_per_suite("replay-window", test_replay_and_window, FALSE);
	add_per_suite("sequence-wrap", test_sequence_wrap, FALSE);
	return g_test_run();
}
