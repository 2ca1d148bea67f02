/* test-kept-handles.c - the libgcrypt handles the core keeps (IpmiKeyHandles
 * of a channel or observer, the per-thread handshake HMAC handles) and the
 * channel's AES IVs, E_K2(salt | n).
 *
 * What each test pins down: a kept handle gives the same bytes as a handle
 * opened per call, packet after packet (its state is reset between them);
 * a set keyed for one algorithm refuses another instead of aborting in
 * libgcrypt; wiping closes the handles; the IVs are the documented
 * construction, never repeat, and differ between the two ends; handshake
 * HMACs computed on several threads at once equal the single-thread ones
 * (each thread has its own handles, re-keyed and scrubbed per call).
 */
#include <glib.h>
#include <string.h>

#include "core/channel.h"
#include "core/crypto.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/status.h"
#include "core/suite.h"

static void
suite_keys(IpmiKeys *k, unsigned suite, uint8_t seed)
{
	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	g_assert_nonnull(cs);
	uint8_t sik[IPMI_KEY_MAX];
	for (unsigned i = 0; i < sizeof sik; i++)
		sik[i] = (uint8_t)(seed + 13 * i);
	g_assert_cmpint(
	    ipmi_keys_from_sik(k, cs->auth, cs->integ, cs->conf, sik, ipmi_auth_key_len(cs->auth)),
	    ==, 0);
	/* MD5-128 integrity is keyed with the password. */
	memcpy(k->password, "not-the-password", 16);
}

/* Every integrity algorithm and AES: the kept set against one-shot calls,
 * over messages of several lengths, then closed. */
static void
test_kept_matches_oneshot(gconstpointer data)
{
	unsigned suite = GPOINTER_TO_UINT(data);
	IpmiKeys k;
	suite_keys(&k, suite, 0x31);
	IpmiKeyHandles kh = {0};
	uint8_t msg[200];
	for (unsigned i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 7 + 1);
	for (size_t len = 0; len <= sizeof msg; len += 25) {
		uint8_t kept[IPMI_KEY_MAX], once[IPMI_KEY_MAX];
		int a = ipmi_integrity_mac_kept(&kh, &k, msg, len, kept);
		int b = ipmi_integrity_mac(&k, msg, len, once);
		g_assert_cmpint(a, ==, b);
		g_assert_cmpint(a, ==, (int)ipmi_integ_mac_len(k.integ));
		g_assert_cmpmem(kept, (size_t)a, once, (size_t)b);
	}
	g_assert_nonnull(kh.mac);
	if (k.conf == IPMI_CONF_AES_CBC_128) {
		for (unsigned n = 1; n <= 4; n++) {
			uint8_t iv[16], ct[64], ct1[64], pt[64];
			memset(iv, (int)n, sizeof iv);
			size_t len = 16 * n;
			g_assert_cmpint(ipmi_aes_cbc_kept(&kh, &k, true, iv, msg, len, ct), ==,
					(int)len);
			g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, msg, len, ct1), ==, (int)len);
			g_assert_cmpmem(ct, len, ct1, len);
			g_assert_cmpint(ipmi_aes_cbc_kept(&kh, &k, false, iv, ct, len, pt), ==,
					(int)len);
			g_assert_cmpmem(pt, len, msg, len);
		}
		g_assert_nonnull(kh.aes);
	}
	ipmi_key_handles_close(&kh);
	g_assert_null(kh.mac);
	g_assert_null(kh.aes);
	ipmi_key_handles_close(&kh); /* twice: nothing to do */
	ipmi_keys_wipe(&k);
}

/* A set keyed for HMAC-SHA1-96 asked for HMAC-SHA256-128: an error, not
 * libgcrypt's "requested algo not in md context" abort. */
static void
test_kept_wrong_algorithm(void)
{
	IpmiKeys k3, k17;
	suite_keys(&k3, 3, 1);
	suite_keys(&k17, 17, 2);
	IpmiKeyHandles kh = {0};
	uint8_t mac[IPMI_KEY_MAX];
	g_assert_cmpint(ipmi_integrity_mac_kept(&kh, &k3, (const uint8_t *)"abc", 3, mac), ==, 12);
	g_assert_cmpint(ipmi_integrity_mac_kept(&kh, &k17, (const uint8_t *)"abc", 3, mac), ==,
			IPMI_ERR_STATE);
	ipmi_key_handles_close(&kh);
	g_assert_cmpint(ipmi_integrity_mac_kept(&kh, &k17, (const uint8_t *)"abc", 3, mac), ==, 16);
	ipmi_key_handles_close(&kh);
	ipmi_keys_wipe(&k3);
	ipmi_keys_wipe(&k17);
}

/* Deterministic "RNG": 0x10, 0x11, ... so the salt is known. */
typedef struct {
	uint8_t next;
	gboolean fail;
} Counter;

static int
counter_rng(void *ctx, uint8_t *buf, size_t len)
{
	Counter *c = ctx;
	if (c->fail)
		return IPMI_ERR_CRYPTO;
	for (size_t i = 0; i < len; i++)
		buf[i] = c->next++;
	return 0;
}

/* The IV of a sealed AES packet: after RMCP (4) and session header (12). */
#define IV_AT (4 + 12)

static void
test_channel_iv(void)
{
	IpmiKeys k;
	suite_keys(&k, 17, 0x55);
	Counter ra = {0x10, FALSE}, rb = {0x10, FALSE};
	IpmiChannel a, b;
	ipmi_channel_init(&a, &k, 0x0B0B0B0B, 0x0A0A0A0A, counter_rng, &ra);
	ipmi_channel_init(&b, &k, 0x0A0A0A0A, 0x0B0B0B0B, counter_rng, &rb);
	uint8_t payload[40] = {0}, d1[IPMI_MAX_DATAGRAM], d2[IPMI_MAX_DATAGRAM];
	uint8_t plain[IPMI_MAX_DATAGRAM];
	int n1 = ipmi_channel_seal(&a, IPMI_PAYLOAD_IPMI, payload, sizeof payload, d1, sizeof d1);
	int n2 = ipmi_channel_seal(&a, IPMI_PAYLOAD_IPMI, payload, sizeof payload, d2, sizeof d2);
	g_assert_cmpint(n1, >, IV_AT + 16);
	g_assert_cmpint(n2, ==, n1);
	/* The documented construction: IV n = AES-128_K2(salt | n, n LE). */
	uint8_t nonce[16] = {0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17}, zero[16] = {0};
	uint8_t want[16];
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, zero, nonce, 16, want), ==, 16);
	g_assert_cmpmem(d1 + IV_AT, 16, want, 16);
	nonce[8] = 1;
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, zero, nonce, 16, want), ==, 16);
	g_assert_cmpmem(d2 + IV_AT, 16, want, 16);
	g_assert_cmpuint(ra.next, ==, 0x18); /* the RNG gave the salt only */
	/* Both open. */
	IpmiOpened o;
	g_assert_cmpint(ipmi_channel_open(&b, d1, (size_t)n1, &o, plain, sizeof plain), ==, 0);
	g_assert_cmpmem(plain, o.payload_len, payload, sizeof payload);
	g_assert_cmpint(ipmi_channel_open(&b, d2, (size_t)n2, &o, plain, sizeof plain), ==, 0);
	/* The other end shares K2 and draws its own salt: its first IV is not
	 * a's, although both count from 0. */
	rb.next = 0x90;
	int n3 = ipmi_channel_seal(&b, IPMI_PAYLOAD_IPMI, payload, sizeof payload, d2, sizeof d2);
	g_assert_cmpint(n3, ==, n1);
	g_assert_true(memcmp(d1 + IV_AT, d2 + IV_AT, 16) != 0);
	g_assert_cmpint(ipmi_channel_open(&a, d2, (size_t)n3, &o, plain, sizeof plain), ==, 0);
	g_assert_nonnull(a.kh.mac);
	g_assert_nonnull(a.kh.aes);
	ipmi_channel_wipe(&a);
	g_assert_null(a.kh.mac);
	g_assert_null(a.kh.aes);
	ipmi_channel_wipe(&b);

	/* No salt, no packet. */
	Counter bad = {0, TRUE};
	ipmi_channel_init(&a, &k, 1, 2, counter_rng, &bad);
	g_assert_cmpint(
	    ipmi_channel_seal(&a, IPMI_PAYLOAD_IPMI, payload, sizeof payload, d1, sizeof d1), ==,
	    IPMI_ERR_CRYPTO);
	g_assert_cmpuint(a.tx_seq, ==, 0);
	ipmi_channel_wipe(&a);
	ipmi_keys_wipe(&k);
}

/* Many IVs from one channel: no repeats (a counter under a permutation). */
static void
test_channel_iv_unique(void)
{
	IpmiKeys k;
	suite_keys(&k, 3, 0x77);
	Counter r = {0x40, FALSE};
	IpmiChannel a;
	ipmi_channel_init(&a, &k, 5, 6, counter_rng, &r);
	GHashTable *seen =
	    g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref, NULL);
	uint8_t payload[1] = {0}, d[IPMI_MAX_DATAGRAM];
	for (int i = 0; i < 2000; i++) {
		int n =
		    ipmi_channel_seal(&a, IPMI_PAYLOAD_IPMI, payload, sizeof payload, d, sizeof d);
		g_assert_cmpint(n, >, IV_AT + 16);
		g_assert_true(g_hash_table_add(seen, g_bytes_new(d + IV_AT, 16)));
	}
	g_hash_table_unref(seen);
	ipmi_channel_wipe(&a);
	ipmi_keys_wipe(&k);
}

/* --- handshake HMACs on several threads ------------------------------------ */

#define THREADS 4
#define ROUNDS 150

typedef struct {
	uint8_t auth;
	uint8_t pw[8];
	IpmiRakpParams rp;
	uint8_t code[IPMI_RAKP_CODE_MAX];
	uint8_t sik[IPMI_KEY_MAX], k1[IPMI_KEY_MAX], k2[IPMI_KEY_MAX];
} Case;

static const uint8_t auths[] = {IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_AUTH_RAKP_HMAC_MD5,
				IPMI_AUTH_RAKP_HMAC_SHA256};
#define CASES 9
static Case cases[CASES];

static void
compute(const Case *c, uint8_t *code, IpmiKeys *k)
{
	g_assert_cmpint(ipmi_rakp2_code(c->auth, c->pw, sizeof c->pw, &c->rp, code), ==,
			(int)ipmi_auth_code_len(c->auth));
	g_assert_cmpint(ipmi_keys_derive(k, c->auth, IPMI_INTEG_NONE, IPMI_CONF_NONE, c->pw,
					 sizeof c->pw, NULL, 0, &c->rp),
			==, 0);
}

static gpointer
worker(gpointer data)
{
	guint start = GPOINTER_TO_UINT(data);
	guint bad = 0;
	for (guint r = 0; r < ROUNDS; r++) {
		const Case *c = &cases[(start + r) % CASES];
		uint8_t code[IPMI_RAKP_CODE_MAX];
		IpmiKeys k;
		compute(c, code, &k);
		size_t kl = ipmi_auth_key_len(c->auth);
		if (memcmp(code, c->code, ipmi_auth_code_len(c->auth)) ||
		    memcmp(k.sik, c->sik, kl) || memcmp(k.k1, c->k1, kl) || memcmp(k.k2, c->k2, kl))
			bad++;
		ipmi_keys_wipe(&k);
	}
	return GUINT_TO_POINTER(bad);
}

static void
test_handshake_threads(void)
{
	for (unsigned i = 0; i < CASES; i++) {
		Case *c = &cases[i];
		memset(c, 0, sizeof *c);
		c->auth = auths[i % 3];
		for (unsigned j = 0; j < sizeof c->pw; j++)
			c->pw[j] = (uint8_t)('a' + i + j);
		c->rp.console_sid = 0x1000 + i;
		c->rp.bmc_sid = 0x2000 + i;
		memset(c->rp.rm, (int)i, 16);
		memset(c->rp.rc, (int)(i + 100), 16);
		c->rp.role = 4;
		c->rp.user_len = 5;
		memcpy(c->rp.user, "admin", 5);
		IpmiKeys k;
		compute(c, c->code, &k);
		memcpy(c->sik, k.sik, sizeof c->sik);
		memcpy(c->k1, k.k1, sizeof c->k1);
		memcpy(c->k2, k.k2, sizeof c->k2);
		ipmi_keys_wipe(&k);
	}
	/* The main thread's answers do not depend on the order of the calls
	 * (a handle kept from the last key would make them). */
	for (unsigned i = CASES; i-- > 0;) {
		uint8_t code[IPMI_RAKP_CODE_MAX];
		IpmiKeys k;
		compute(&cases[i], code, &k);
		g_assert_cmpmem(code, ipmi_auth_code_len(cases[i].auth), cases[i].code,
				ipmi_auth_code_len(cases[i].auth));
		ipmi_keys_wipe(&k);
	}
	GThread *t[THREADS];
	for (guint i = 0; i < THREADS; i++)
		t[i] = g_thread_new("hmac", worker, GUINT_TO_POINTER(i * 2));
	for (guint i = 0; i < THREADS; i++)
		g_assert_cmpuint(GPOINTER_TO_UINT(g_thread_join(t[i])), ==, 0);
}

/* An empty HMAC key is one zero byte (HMAC pads with zeros), whatever key
 * the thread's handle was used with before. */
static void
test_empty_key(void)
{
	const IpmiSpan part = {"message", 7};
	const uint8_t z = 0;
	uint8_t a[32], b[32], c[32];
	g_assert_cmpint(
	    ipmi_auth_hmac(IPMI_AUTH_RAKP_HMAC_SHA256, (const uint8_t *)"secret", 6, &part, 1, c),
	    ==, 32);
	g_assert_cmpint(ipmi_auth_hmac(IPMI_AUTH_RAKP_HMAC_SHA256, NULL, 0, &part, 1, a), ==, 32);
	g_assert_cmpint(ipmi_auth_hmac(IPMI_AUTH_RAKP_HMAC_SHA256, &z, 1, &part, 1, b), ==, 32);
	g_assert_cmpmem(a, 32, b, 32);
	g_assert_true(memcmp(a, c, 32) != 0);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0);
	static const unsigned suites[] = {2, 3, 7, 8, 11, 12, 16, 17};
	for (size_t i = 0; i < G_N_ELEMENTS(suites); i++) {
		char path[64];
		g_snprintf(path, sizeof path, "/core/kept/matches-oneshot/suite-%u", suites[i]);
		g_test_add_data_func(path, GUINT_TO_POINTER(suites[i]), test_kept_matches_oneshot);
	}
	g_test_add_func("/core/kept/wrong-algorithm", test_kept_wrong_algorithm);
	g_test_add_func("/core/kept/channel-iv", test_channel_iv);
	g_test_add_func("/core/kept/channel-iv-unique", test_channel_iv_unique);
	g_test_add_func("/core/kept/handshake-threads", test_handshake_threads);
	g_test_add_func("/core/kept/empty-key", test_empty_key);
	return g_test_run();
}
