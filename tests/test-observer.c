/* test-observer.c - the observer decrypts a pair's captured traffic from a
 * credential and from a key-log line; the key-log format itself. */
#include <glib.h>
#include <string.h>

#include "core/channel.h"
#include "core/keylog.h"
#include "core/observer.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"
#include "pair.h"

static const guint8 request[] = {0x20, 0x18, 0xC8, 0x81, 0x04, 0x01, 0x7A};

/* Handshake plus a few messages each way, all recorded. */
static void
run_session(Pair *p, unsigned suite, guint n_messages)
{
	pair_init(p, suite);
	g_assert_cmpint(pair_handshake(p), ==, IPMI_CONSOLE_ACTIVE);
	for (guint i = 0; i < n_messages; i++) {
		guint8 d[IPMI_MAX_DATAGRAM], payload[32];
		for (gsize k = 0; k < sizeof payload; k++)
			payload[k] = (guint8)(i + k);
		int n = ipmi_channel_seal(&p->con.chan, IPMI_PAYLOAD_IPMI, request, sizeof request,
					  d, sizeof d);
		g_assert_cmpint(n, >, 0);
		pair_record(p, TRUE, d, (size_t)n);
		n = ipmi_channel_seal(&p->bmc.chan, IPMI_PAYLOAD_IPMI, payload, 8 + i, d, sizeof d);
		g_assert_cmpint(n, >, 0);
		pair_record(p, FALSE, d, (size_t)n);
	}
}

static void
credential(IpmiCredential *c, const char *user, const char *pw)
{
	memset(c, 0, sizeof *c);
	c->user_len = (uint8_t)strlen(user);
	memcpy(c->user, user, c->user_len);
	c->password_len = (uint8_t)strlen(pw);
	memcpy(c->password, pw, c->password_len);
}

/* Feed the capture; check every in-session payload comes out in plain. */
static void
replay(Pair *p, IpmiObserver *o, gboolean expect_plain)
{
	guint in_session = 0;
	for (guint i = 0; i < p->capture->len; i++) {
		PairPacket *pk = &g_array_index(p->capture, PairPacket, i);
		gsize len;
		const guint8 *d = g_bytes_get_data(pk->bytes, &len);
		g_assert_true(ipmi_observer_claims(o, d, len));
		IpmiObserved out;
		guint8 plain[IPMI_MAX_DATAGRAM];
		g_assert_cmpint(ipmi_observer_feed(o, d, len, &out, plain, sizeof plain), ==, 0);
		g_assert_cmpint(out.dir, ==, pk->to_bmc ? IPMI_DIR_TO_BMC : IPMI_DIR_TO_CONSOLE);
		if (out.session_id == 0)
			continue;
		guint msg = in_session++ / 2;
		if (!expect_plain) {
			g_assert_cmpint(out.result, <, 0);
			continue;
		}
		g_assert_cmpint(out.result, ==, 0);
		g_assert_false(out.replayed);
		if (pk->to_bmc) {
			g_assert_cmpmem(plain, out.payload_len, request, sizeof request);
		} else {
			g_assert_cmpuint(out.payload_len, ==, 8 + msg);
			for (gsize k = 0; k < out.payload_len; k++)
				g_assert_cmpuint(plain[k], ==, (guint8)(msg + k));
		}
	}
	g_assert_cmpuint(in_session, ==, 2 * 5);
}

static void
test_credential(gconstpointer data)
{
	Pair p;
	run_session(&p, GPOINTER_TO_UINT(data), 5);
	IpmiCredential creds[3];
	credential(&creds[0], "admin", "not-it");
	credential(&creds[1], "oper", "password"); /* right password, other user */
	credential(&creds[2], "admin", "password");
	IpmiObserver o;
	ipmi_observer_init(&o, creds, 3);
	replay(&p, &o, TRUE);
	g_assert_cmpint(o.cred, ==, 2);
	g_assert_false(o.kg_mismatch);
	g_assert_cmpint(o.state, ==, IPMI_OBS_ACTIVE);
	g_assert_cmpmem(o.keys.sik, o.keys.key_len, p.con.chan.keys.sik, p.con.chan.keys.key_len);
	ipmi_observer_wipe(&o);
	pair_clear(&p);
}

static void
test_wrong_credential(gconstpointer data)
{
	Pair p;
	run_session(&p, GPOINTER_TO_UINT(data), 5);
	IpmiCredential cred;
	credential(&cred, "admin", "guess");
	IpmiObserver o;
	ipmi_observer_init(&o, &cred, 1);
	replay(&p, &o, FALSE);
	g_assert_true(o.auth_failed);
	g_assert_cmpint(o.cred, ==, -1);
	ipmi_observer_wipe(&o);
	pair_clear(&p);
}

static void
test_kg_mismatch(gconstpointer data)
{
	Pair p;
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_kg(&p, "kg-of-the-bmc", "kg-of-the-bmc");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	IpmiCredential cred;
	credential(&cred, "admin", "password"); /* no K_G */
	IpmiObserver o;
	ipmi_observer_init(&o, &cred, 1);
	for (guint i = 0; i < p.capture->len; i++) {
		PairPacket *pk = &g_array_index(p.capture, PairPacket, i);
		gsize len;
		const guint8 *d = g_bytes_get_data(pk->bytes, &len);
		IpmiObserved out;
		guint8 plain[IPMI_MAX_DATAGRAM];
		ipmi_observer_feed(&o, d, len, &out, plain, sizeof plain);
	}
	g_assert_cmpint(o.cred, ==, 0);
	g_assert_true(o.kg_mismatch);
	pair_clear(&p);

	/* and with the right K_G it verifies */
	pair_init(&p, GPOINTER_TO_UINT(data));
	pair_set_kg(&p, "kg-of-the-bmc", "kg-of-the-bmc");
	g_assert_cmpint(pair_handshake(&p), ==, IPMI_CONSOLE_ACTIVE);
	memcpy(cred.kg, "kg-of-the-bmc", 13);
	cred.kg_len = 13;
	ipmi_observer_wipe(&o);
	ipmi_observer_init(&o, &cred, 1);
	for (guint i = 0; i < p.capture->len; i++) {
		PairPacket *pk = &g_array_index(p.capture, PairPacket, i);
		gsize len;
		const guint8 *d = g_bytes_get_data(pk->bytes, &len);
		IpmiObserved out;
		guint8 plain[IPMI_MAX_DATAGRAM];
		ipmi_observer_feed(&o, d, len, &out, plain, sizeof plain);
		g_assert_cmpint(out.result, ==, 0);
	}
	g_assert_false(o.kg_mismatch);
	g_assert_cmpint(o.state, ==, IPMI_OBS_ACTIVE);
	ipmi_observer_wipe(&o); /* closes its libgcrypt handles */
	pair_clear(&p);
}

static void
test_keylog_decrypt(gconstpointer data)
{
	Pair p;
	run_session(&p, GPOINTER_TO_UINT(data), 5);
	IpmiKeylogEntry e, parsed;
	ipmi_keylog_entry_from(&e, &p.con.rp, &p.con.chan.keys);
	char line[IPMI_KEYLOG_LINE_MAX];
	int n = ipmi_keylog_format(&e, line, sizeof line);
	g_assert_cmpint(n, >, 0);
	g_assert_true(g_str_has_prefix(line, "RMCPP "));
	g_assert_null(strstr(line, "password"));
	size_t col;
	g_assert_cmpint(ipmi_keylog_parse(line, (size_t)n, &parsed, &col), ==, 1);
	g_assert_cmpmem(&parsed, sizeof parsed, &e, sizeof e);

	/* with the handshake captured: Rm must match */
	IpmiObserver o;
	ipmi_observer_init(&o, NULL, 0);
	for (guint i = 0; i < 4; i++) {
		PairPacket *pk = &g_array_index(p.capture, PairPacket, i);
		gsize len;
		const guint8 *d = g_bytes_get_data(pk->bytes, &len);
		IpmiObserved out;
		guint8 plain[IPMI_MAX_DATAGRAM];
		g_assert_cmpint(ipmi_observer_feed(&o, d, len, &out, plain, sizeof plain), ==, 0);
	}
	IpmiKeylogEntry other = parsed;
	other.rm[0] ^= 1;
	g_assert_cmpint(ipmi_observer_use_keylog(&o, &other), ==, IPMI_ERR_NO_CREDENTIAL);
	g_assert_cmpint(ipmi_observer_use_keylog(&o, &parsed), ==, 0);
	ipmi_observer_wipe(&o);

	/* the whole capture with the key log given first */
	ipmi_observer_init(&o, NULL, 0);
	g_assert_cmpint(ipmi_observer_use_keylog(&o, &parsed), ==, 0);
	IpmiObserver fresh;
	ipmi_observer_init(&fresh, NULL, 0);
	for (guint i = 0; i < p.capture->len; i++) {
		PairPacket *pk = &g_array_index(p.capture, PairPacket, i);
		gsize len;
		const guint8 *d = g_bytes_get_data(pk->bytes, &len);
		IpmiObserved out;
		guint8 plain[IPMI_MAX_DATAGRAM];
		g_assert_cmpint(ipmi_observer_feed(&o, d, len, &out, plain, sizeof plain), ==, 0);
		if (out.session_id != 0) {
			g_assert_cmpint(out.result, ==, 0);
			g_assert_cmpint(out.verified, ==,
					p.con.chan.keys.integ != IPMI_INTEG_MD5_128);
		}
	}
	ipmi_observer_wipe(&o);
	ipmi_observer_wipe(&fresh);
	pair_clear(&p);
}

static void
test_keylog_parse_errors(void)
{
	IpmiKeylogEntry e;
	size_t col = 0;
	g_assert_cmpint(ipmi_keylog_parse("", 0, &e, &col), ==, 0);
	g_assert_cmpint(ipmi_keylog_parse("# comment\n", 10, &e, &col), ==, 0);
	const char *good = "RMCPP 000102030405060708090a0b0c0d0e0f a0a2a3a4 1234abcd 3 4 1 "
			   "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	/* suite 17 auth is 3 (SHA-256, 32-byte SIK); integ 4 */
	g_assert_cmpint(ipmi_keylog_parse(good, strlen(good), &e, &col), ==, 1);
	g_assert_cmpuint(e.console_sid, ==, 0xA0A2A3A4u);
	g_assert_cmpuint(e.sik_len, ==, 32);
	struct {
		const char *line;
		size_t col;
	} bad[] = {
	    {"RMCP 00", 1},
	    {"RMCPP 0001", 7},
	    {"RMCPP 000102030405060708090a0b0c0d0e0f a0a2a3 1234abcd 3 4 1 00", 40},
	    {"RMCPP 000102030405060708090a0b0c0d0e0f a0a2a3a4 1234abcd 9 4 1 00", 58},
	    {"RMCPP 000102030405060708090a0b0c0d0e0f a0a2a3a4 1234abcd 1 1 1 0011", 64},
	    {"RMCPP 000102030405060708090a0b0c0d0e0f a0a2a3a4 1234abcd 1 1 1 "
	     "00112233445566778899aabbccddeeff00112233 extra",
	     105},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_assert_cmpint(ipmi_keylog_parse(bad[i].line, strlen(bad[i].line), &e, &col), ==,
				IPMI_ERR_FORMAT);
		g_assert_cmpuint(col, ==, bad[i].col);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0);
	static const unsigned suites[] = {1,  2,  3,  4,  5,  6,  7,  8,  9, 10,
					  11, 12, 13, 14, 15, 16, 17, 18, 19};
	for (gsize i = 0; i < G_N_ELEMENTS(suites); i++) {
		unsigned s = suites[i];
		g_autofree char *a = g_strdup_printf("/core/observer/suite%u/credential", s);
		g_autofree char *b = g_strdup_printf("/core/observer/suite%u/wrong-credential", s);
		g_autofree char *c = g_strdup_printf("/core/observer/suite%u/kg", s);
		g_autofree char *d = g_strdup_printf("/core/observer/suite%u/keylog", s);
		g_test_add_data_func(a, GUINT_TO_POINTER(s), test_credential);
		g_test_add_data_func(b, GUINT_TO_POINTER(s), test_wrong_credential);
		g_test_add_data_func(c, GUINT_TO_POINTER(s), test_kg_mismatch);
		g_test_add_data_func(d, GUINT_TO_POINTER(s), test_keylog_decrypt);
	}
	g_test_add_func("/core/keylog/parse-errors", test_keylog_parse_errors);
	return g_test_run();
}
