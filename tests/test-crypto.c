/* test-crypto.c - cipher suite table and the RMCP+ cryptography.
 *
 * Known answers come from the RFCs (HMAC: RFC 2202, RFC 4231; RC4: RFC 6229),
 * NIST SP 800-38A (AES-CBC) and, for everything IPMI-specific, from an
 * independent Python implementation: tests/data/crypto-vectors.py (hmac and
 * hashlib only), whose output is pasted below.
 */
#include <glib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/status.h"
#include "core/suite.h"

/* --- helpers --------------------------------------------------------------- */

static size_t
unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = strlen(hex);
	g_assert_cmpuint(n % 2, ==, 0);
	g_assert_cmpuint(n / 2, <=, cap);
	for (size_t i = 0; i < n / 2; i++) {
		int hi = g_ascii_xdigit_value(hex[2 * i]);
		int lo = g_ascii_xdigit_value(hex[2 * i + 1]);
		g_assert_true(hi >= 0 && lo >= 0);
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return n / 2;
}

static void
assert_hex(const uint8_t *got, size_t len, const char *want_hex)
{
	uint8_t want[256];
	size_t n = unhex(want_hex, want, sizeof want);
	g_assert_cmpuint(len, ==, n);
	g_assert_cmpmem(got, len, want, n);
}

static bool
all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* The inputs of tests/data/crypto-vectors.py. */
static const char pw[] = "s3cret-pw";
static const char kg[] = "0123456789ABCDEFGHIJ";
#define PW ((const uint8_t *)pw), (sizeof pw - 1)
#define KG ((const uint8_t *)kg), (sizeof kg - 1)

static IpmiRakpParams
rakp_params(void)
{
	IpmiRakpParams p = {.console_sid = 0xA0A2A3A4, .bmc_sid = 0x11223344, .role = 0x14};
	for (int i = 0; i < 16; i++) {
		p.rm[i] = (uint8_t)(0x10 + i);
		p.rc[i] = (uint8_t)(0x80 + i);
		p.guid[i] = (uint8_t)(0xC0 + i);
	}
	p.user_len = 5;
	memcpy(p.user, "admin", 5);
	return p;
}

static const char data_hex[] = "06c044332211070000000900000102030405060708ffff0207";

/* --- cipher suites --------------------------------------------------------- */

static void
test_suite_table(void)
{
	/* IPMI v2.0 Table 22-20, written out independently of suite.c. */
	static const uint8_t want[20][3] = {
	    {0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {1, 1, 1}, {1, 1, 2}, {1, 1, 3}, {2, 0, 0},
	    {2, 2, 0}, {2, 2, 1}, {2, 2, 2}, {2, 2, 3}, {2, 3, 0}, {2, 3, 1}, {2, 3, 2},
	    {2, 3, 3}, {3, 0, 0}, {3, 4, 0}, {3, 4, 1}, {3, 4, 2}, {3, 4, 3},
	};
	for (unsigned id = 0; id <= IPMI_SUITE_MAX; id++) {
		const IpmiCipherSuite *s = ipmi_suite_get(id);
		g_assert_nonnull(s);
		g_assert_cmpuint(s->id, ==, id);
		g_assert_cmpuint(s->auth, ==, want[id][0]);
		g_assert_cmpuint(s->integ, ==, want[id][1]);
		g_assert_cmpuint(s->conf, ==, want[id][2]);
		g_assert_true(ipmi_algs_supported(s->auth, s->integ, s->conf));
		g_assert_cmpint(ipmi_conf_is_rc4(s->conf), ==, s->conf >= 2);
	}
	g_assert_null(ipmi_suite_get(20));
	g_assert_null(ipmi_suite_get(255));
	g_assert_null(ipmi_suite_get(~0u));
}

static void
test_suite_integrity(void)
{
	for (unsigned id = 0; id <= IPMI_SUITE_MAX; id++) {
		bool none = id == 0 || id == 1 || id == 6 || id == 15;
		g_assert_cmpint(ipmi_suite_has_integrity(ipmi_suite_get(id)), ==, !none);
	}
	g_assert_false(ipmi_suite_has_integrity(NULL));
}

static void
test_suite_find(void)
{
	for (unsigned id = 0; id <= IPMI_SUITE_MAX; id++) {
		const IpmiCipherSuite *s = ipmi_suite_get(id);
		g_assert_cmpint(ipmi_suite_find(s->auth, s->integ, s->conf), ==, (int)id);
	}
	/* Non-standard combinations and unknown numbers. */
	g_assert_cmpint(ipmi_suite_find(IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_MD5_128, 0), ==,
			-1);
	g_assert_cmpint(ipmi_suite_find(IPMI_AUTH_RAKP_NONE, IPMI_INTEG_HMAC_SHA1_96, 0), ==, -1);
	g_assert_cmpint(ipmi_suite_find(4, 0, 0), ==, -1);
	g_assert_cmpint(ipmi_suite_find(1, 1, 4), ==, -1);
}

static void
test_suite_sizes(void)
{
	static const size_t code[] = {0, 20, 16, 32}, icv[] = {0, 12, 16, 16};
	for (uint8_t a = 0; a < 4; a++) {
		g_assert_cmpuint(ipmi_auth_code_len(a), ==, code[a]);
		g_assert_cmpuint(ipmi_auth_key_len(a), ==, code[a]);
		g_assert_cmpuint(ipmi_auth_icv_len(a), ==, icv[a]);
	}
	g_assert_cmpuint(ipmi_auth_code_len(4), ==, 0);
	g_assert_cmpuint(ipmi_auth_icv_len(0x7f), ==, 0);
	static const size_t mac[] = {0, 12, 16, 16, 16};
	for (uint8_t i = 0; i < 5; i++)
		g_assert_cmpuint(ipmi_integ_mac_len(i), ==, mac[i]);
	g_assert_cmpuint(ipmi_integ_mac_len(5), ==, 0);
	g_assert_cmpuint(IPMI_KEY_MAX, >=, ipmi_auth_key_len(IPMI_AUTH_RAKP_HMAC_SHA256));

	g_assert_cmpstr(ipmi_auth_alg_name(IPMI_AUTH_RAKP_HMAC_SHA1), ==, "HMAC-SHA1");
	g_assert_cmpstr(ipmi_auth_alg_name(IPMI_AUTH_RAKP_HMAC_SHA256), ==, "HMAC-SHA256");
	g_assert_cmpstr(ipmi_integ_alg_name(IPMI_INTEG_HMAC_SHA1_96), ==, "HMAC-SHA1-96");
	g_assert_cmpstr(ipmi_integ_alg_name(IPMI_INTEG_MD5_128), ==, "MD5-128");
	g_assert_cmpstr(ipmi_conf_alg_name(IPMI_CONF_AES_CBC_128), ==, "AES-CBC-128");
	g_assert_cmpstr(ipmi_conf_alg_name(IPMI_CONF_XRC4_40), ==, "xRC4-40");
	g_assert_nonnull(ipmi_auth_alg_name(99));
	g_assert_nonnull(ipmi_integ_alg_name(99));
	g_assert_nonnull(ipmi_conf_alg_name(99));

	g_assert_false(ipmi_algs_supported(IPMI_AUTH_RAKP_NONE, IPMI_INTEG_HMAC_SHA1_96, 0));
	g_assert_false(ipmi_algs_supported(IPMI_AUTH_RAKP_NONE, 0, IPMI_CONF_AES_CBC_128));
	g_assert_false(ipmi_algs_supported(4, 0, 0));
	g_assert_false(ipmi_algs_supported(1, 5, 0));
	g_assert_false(ipmi_algs_supported(1, 1, 4));
	g_assert_true(ipmi_algs_supported(IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA256_128, 1));
}

/* --- compare, wipe, random ------------------------------------------------- */

static void
test_ct_equal(void)
{
	uint8_t a[32], b[32];
	for (int i = 0; i < 32; i++)
		a[i] = b[i] = (uint8_t)(i * 7 + 1);
	g_assert_true(ipmi_ct_equal(a, b, sizeof a));
	g_assert_true(ipmi_ct_equal(a, b, 0));
	b[0] ^= 0x80;
	g_assert_false(ipmi_ct_equal(a, b, sizeof a));
	b[0] ^= 0x80;
	b[31] ^= 0x01;
	g_assert_false(ipmi_ct_equal(a, b, sizeof a));
	g_assert_true(ipmi_ct_equal(a, b, 31));
	b[31] ^= 0x01;
	for (int bit = 0; bit < 8; bit++) {
		b[17] ^= (uint8_t)(1 << bit);
		g_assert_false(ipmi_ct_equal(a, b, sizeof a));
		b[17] ^= (uint8_t)(1 << bit);
	}
}

static void
test_wipe(void)
{
	uint8_t buf[40];
	memset(buf, 0xA5, sizeof buf);
	ipmi_wipe(buf + 4, 32);
	g_assert_true(all_zero(buf + 4, 32));
	g_assert_cmpuint(buf[3], ==, 0xA5);
	g_assert_cmpuint(buf[36], ==, 0xA5);
	ipmi_wipe(NULL, 10);
	ipmi_wipe(buf, 0);
}

static void
test_random(void)
{
	uint8_t a[32] = {0}, b[32] = {0};
	g_assert_cmpint(ipmi_random_strong(NULL, a, sizeof a), ==, 0);
	g_assert_cmpint(ipmi_random_strong(NULL, b, sizeof b), ==, 0);
	g_assert_false(all_zero(a, sizeof a));
	g_assert_false(memcmp(a, b, sizeof a) == 0);
	g_assert_cmpint(ipmi_random_strong(NULL, NULL, 0), ==, 0);
	g_assert_cmpint(ipmi_random_strong(NULL, NULL, 4), ==, IPMI_ERR_INVALID_ARG);
}

/* --- HMAC: RFC 2202 (SHA1, MD5) and RFC 4231 (SHA-256) --------------------- */

typedef struct {
	const char *key_hex;
	size_t key_rep; /* key_hex is one byte repeated this often, or 0 */
	const char *data;
	const char *sha1, *md5, *sha256;
} HmacCase;

static const HmacCase hmac_cases[] = {
    /* Test case 1 (MD5 key is 16 bytes of 0x0b, SHA1/SHA256 20 bytes). */
    {"0b", 20, "Hi There", "b617318655057264e28bc0b6fb378c8ef146be00", NULL,
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
    {"0b", 16, "Hi There", NULL, "9294727a3638bb1c13f48ef8158bfc9d", NULL},
    /* Test case 2: "Jefe". */
    {"4a656665", 0, "what do ya want for nothing?", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
     "750c783e6ab0b503eaa86e310a5db738",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
    /* Key longer than the block: RFC 2202 case 6 (80 x aa), RFC 4231 case 6
     * (131 x aa). */
    {"aa", 80, "Test Using Larger Than Block-Size Key - Hash Key First",
     "aa4ae5e15272d00e95705637ce8a3b55ed402112", "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", NULL},
    {"aa", 131, "Test Using Larger Than Block-Size Key - Hash Key First", NULL, NULL,
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
};

static void
test_hmac(gconstpointer data)
{
	uint8_t auth = (uint8_t)GPOINTER_TO_UINT(data);
	for (size_t c = 0; c < G_N_ELEMENTS(hmac_cases); c++) {
		const HmacCase *t = &hmac_cases[c];
		const char *want = auth == IPMI_AUTH_RAKP_HMAC_SHA1  ? t->sha1
				   : auth == IPMI_AUTH_RAKP_HMAC_MD5 ? t->md5
								     : t->sha256;
		if (!want)
			continue;
		uint8_t key[160];
		size_t key_len = unhex(t->key_hex, key, sizeof key);
		if (t->key_rep) {
			memset(key, key[0], t->key_rep);
			key_len = t->key_rep;
		}
		uint8_t out[IPMI_KEY_MAX];
		IpmiSpan one = {t->data, strlen(t->data)};
		int rc = ipmi_auth_hmac(auth, key, key_len, &one, 1, out);
		g_assert_cmpint(rc, ==, (int)ipmi_auth_code_len(auth));
		assert_hex(out, (size_t)rc, want);
		/* Same input split into three parts, one of them empty. */
		size_t n = strlen(t->data);
		IpmiSpan three[] = {{t->data, 3}, {NULL, 0}, {t->data + 3, n - 3}};
		memset(out, 0, sizeof out);
		rc = ipmi_auth_hmac(auth, key, key_len, three, 3, out);
		assert_hex(out, (size_t)rc, want);
	}
}

/* --- AES-CBC-128: NIST SP 800-38A F.2.1 / F.2.2 ----------------------------- */

static const char nist_key[] = "2b7e151628aed2a6abf7158809cf4f3c";
static const char nist_iv[] = "000102030405060708090a0b0c0d0e0f";
static const char nist_pt[] = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
			      "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char nist_ct[] = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
			      "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";

static IpmiKeys
aes_keys(const char *k2_hex, size_t key_len)
{
	IpmiKeys k = {
	    .auth = IPMI_AUTH_RAKP_HMAC_SHA1, .conf = IPMI_CONF_AES_CBC_128, .key_len = key_len};
	unhex(k2_hex, k.k2, sizeof k.k2);
	return k;
}

static void
test_aes_nist(void)
{
	IpmiKeys k = aes_keys(nist_key, 20); /* K2 of SHA1: only bytes 0..15 count */
	k.k2[16] = 0xEE;
	uint8_t iv[16], pt[64], buf[64];
	unhex(nist_iv, iv, sizeof iv);
	unhex(nist_pt, pt, sizeof pt);
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, pt, 64, buf), ==, 64);
	assert_hex(buf, 64, nist_ct);
	uint8_t back[64];
	g_assert_cmpint(ipmi_aes_cbc_decrypt(&k, iv, buf, 64, back), ==, 64);
	g_assert_cmpmem(back, 64, pt, 64);
	/* In place, both ways. */
	memcpy(buf, pt, 64);
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, buf, 64, buf), ==, 64);
	assert_hex(buf, 64, nist_ct);
	g_assert_cmpint(ipmi_aes_cbc_decrypt(&k, iv, buf, 64, buf), ==, 64);
	g_assert_cmpmem(buf, 64, pt, 64);
	/* CBC chains: the second block alone needs the first ciphertext block
	 * as IV. */
	unhex(nist_ct, buf, sizeof buf);
	g_assert_cmpint(ipmi_aes_cbc_decrypt(&k, buf, buf + 16, 16, back), ==, 16);
	g_assert_cmpmem(back, 16, pt + 16, 16);
}

/* The record layer's pad check (01 02 .. n, n), as the channel does it. */
static bool
conf_pad_ok(const uint8_t *p, size_t len)
{
	uint8_t n = p[len - 1];
	if (n >= IPMI_AES_BLOCK || n + 1u > len)
		return false;
	for (uint8_t i = 0; i < n; i++)
		if (p[len - 1 - n + i] != i + 1)
			return false;
	return true;
}

static void
test_aes_round_trip(void)
{
	IpmiKeys k = aes_keys("000102030405060708090a0b0c0d0e0f", 16);
	IpmiKeys wrong = aes_keys("000102030405060708090a0b0c0d0e1f", 16);
	uint8_t iv[16] = {9, 8, 7};
	for (size_t len = 0; len < 40; len++) {
		uint8_t plain[64], ct[64], out[64];
		for (size_t i = 0; i < len; i++)
			plain[i] = (uint8_t)(len + i);
		size_t pad = (16 - (len + 1) % 16) % 16, clen = len + pad + 1;
		for (size_t i = 0; i < pad; i++)
			plain[len + i] = (uint8_t)(i + 1);
		plain[len + pad] = (uint8_t)pad;
		g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, plain, clen, ct), ==, (int)clen);
		g_assert_cmpint(ipmi_aes_cbc_decrypt(&k, iv, ct, clen, out), ==, (int)clen);
		g_assert_cmpmem(out, clen, plain, clen);
		g_assert_true(conf_pad_ok(out, clen));
		g_assert_cmpint(ipmi_aes_cbc_decrypt(&wrong, iv, ct, clen, out), ==, (int)clen);
		g_assert_false(memcmp(out, plain, clen) == 0);
	}
	/* A wrong key is caught by the pad check almost always; over a fixed
	 * set of packets it must be caught at least most of the time. */
	int caught = 0;
	for (int t = 0; t < 64; t++) {
		uint8_t plain[16] = {0}, ct[16], out[16];
		for (int i = 0; i < 15; i++)
			plain[i] = (uint8_t)(t * 31 + i);
		plain[15] = 0;
		ipmi_aes_cbc_encrypt(&k, iv, plain, 16, ct);
		ipmi_aes_cbc_decrypt(&wrong, iv, ct, 16, out);
		caught += !conf_pad_ok(out, 16);
	}
	g_assert_cmpint(caught, >, 50);
}

static void
test_aes_errors(void)
{
	IpmiKeys k = aes_keys(nist_key, 16);
	uint8_t iv[16] = {0}, buf[32] = {0};
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, buf, 15, buf), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_aes_cbc_decrypt(&k, iv, buf, 17, buf), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, buf, 0, buf), ==, 0);
	g_assert_cmpint(ipmi_aes_cbc_encrypt(NULL, iv, buf, 16, buf), ==, IPMI_ERR_INVALID_ARG);
	k.key_len = 0; /* RAKP-none: there is no K2 */
	g_assert_cmpint(ipmi_aes_cbc_encrypt(&k, iv, buf, 16, buf), ==, IPMI_ERR_INVALID_ARG);
}

/* --- RC4: RFC 6229 --------------------------------------------------------- */

static void
run_rc4(const char *key_hex, const char *const want[8])
{
	static const uint32_t offs[8] = {0, 16, 240, 256, 1008, 1024, 4080, 4096};
	uint8_t key[16];
	size_t key_len = unhex(key_hex, key, sizeof key);
	IpmiRc4 r;
	ipmi_rc4_init(&r, key, key_len);
	g_assert_true(r.keyed);
	g_assert_cmpuint(r.offset, ==, 0);
	/* Pull the stream in uneven chunks, as packets would. */
	static uint8_t ks[4112];
	static const uint8_t zero[4112];
	size_t done = 0, step = 1;
	while (done < sizeof ks) {
		size_t n = MIN(step, sizeof ks - done);
		ipmi_rc4_crypt(&r, zero + done, n, ks + done);
		done += n;
		step = step * 3 % 97 + 1;
		g_assert_cmpuint(r.offset, ==, done);
	}
	for (int i = 0; i < 8; i++)
		assert_hex(ks + offs[i], 16, want[i]);
	/* Decryption is the same operation; in place works. */
	uint8_t msg[] = "xRC4 round trip", tmp[sizeof msg];
	memcpy(tmp, msg, sizeof msg);
	ipmi_rc4_init(&r, key, key_len);
	ipmi_rc4_crypt(&r, tmp, sizeof tmp, tmp);
	g_assert_false(memcmp(tmp, msg, sizeof msg) == 0);
	ipmi_rc4_init(&r, key, key_len);
	ipmi_rc4_crypt(&r, tmp, sizeof tmp, tmp);
	g_assert_cmpmem(tmp, sizeof tmp, msg, sizeof msg);
}

static void
test_rc4_rfc6229(void)
{
	static const char *const k40[8] = {
	    "b2396305f03dc027ccc3524a0a1118a8", "6982944f18fc82d589c403a47a0d0919",
	    "28cb1132c96ce286421dcaadb8b69eae", "1cfcf62b03eddb641d77dfcf7f8d8c93",
	    "45129048e6a0ed0b56b490338f078da5", "30abbcc7c20b01609f23ee2d5f6bb7df",
	    "068326a2118416d21f9d04b2cd1ca050", "ff25b58995996707e51fbdf08b34d875",
	};
	static const char *const k128[8] = {
	    "9ac7cc9a609d1ef7b2932899cde41b97", "5248c4959014126a6e8a84f11d1a9e1c",
	    "065902e4b620f6cc36c8589f66432f2b", "d39d566bc6bce3010768151549f3873f",
	    "e7a72574f8782ae26aabcf9ebcd66065", "bdf0324e6083dcc6d3cedd3ca8c53c16",
	    "ff38265c1642c1abe8d3c2fe5e572bf8", "a36a4c301ae8ac13610ccbc12256cacc",
	};
	run_rc4("0102030405", k40);
	run_rc4("0102030405060708090a0b0c0d0e0f10", k128);
}

static void
test_rc4_unkeyed(void)
{
	IpmiRc4 r;
	ipmi_rc4_init(&r, NULL, 0);
	g_assert_false(r.keyed);
	uint8_t secret[8] = "secret!", out[8];
	memset(out, 0x55, sizeof out);
	ipmi_rc4_crypt(&r, secret, sizeof secret, out);
	g_assert_true(all_zero(out, sizeof out)); /* never the plaintext */
}

/* --- RAKP codes and keys --------------------------------------------------- */

typedef struct {
	uint8_t auth, integ, conf;
	bool use_kg;
	const char *rakp2, *rakp3, *sik, *rakp4, *k1, *k2;
} RakpCase;

/* Output of tests/data/crypto-vectors.py. */
static const RakpCase rakp_cases[] = {
    {IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA1_96, IPMI_CONF_AES_CBC_128, false,
     "7e9b2362a6ba63b725afd8fb5cf057ae3f2d9399", "0170140b5e2d37fc6be49249ccb86b7755e4842e",
     "ee89118d40202c8638f632e012829ad50d976eb8", "fa3d899dd36c58d32c7fae04",
     "c6d425b03bdf280ffa9a6e1e34f908e05c81569c", "8e25c593447ffc2edc15f00a6a042cfa57a496b5"},
    {IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_HMAC_SHA256_128, IPMI_CONF_AES_CBC_128, true,
     "b3f53393ee1fd958339497eb3ad94b2ef9876159708b90efb5f9c085eac46f38",
     "72db7ca97b03c7b106c7802e70b364780af28eca6e6c4f05ba26349fc675d4c0",
     "3c325bb6cd854ba2edf01b42afb643ead3fed5b570b7d48498a912835a3925c0",
     "a875cb18fe0ed997edd3b5dc3c34446f",
     "93e55ee5e09f9b8769817f67ac9f0658f1c50c9ecc09946d9f6d5ced4896d192",
     "af7fb6975a98e37ba27b3c43dbfccf8f276bc37f69d947b8dbf4e9a6a0ca995d"},
    {IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_HMAC_MD5_128, IPMI_CONF_NONE, false,
     "ab632f0d65aae11d586e2bbbec8ce773", "6d30155aacd953281cf6a7657b69ad5b",
     "c13faca12dfb05435dd1e200fe6ce1cd", "48f267a679d5b581f759e878fb8f075c",
     "0e72452a29df7af23b255b77b7049766", "0d90f51d27b477d1f52ca1868207596a"},
};

static void
test_rakp(gconstpointer data)
{
	const RakpCase *t = data;
	IpmiRakpParams p = rakp_params();
	uint8_t out[IPMI_KEY_MAX];
	size_t code_len = ipmi_auth_code_len(t->auth);

	g_assert_cmpint(ipmi_rakp2_code(t->auth, PW, &p, out), ==, (int)code_len);
	assert_hex(out, code_len, t->rakp2);
	g_assert_cmpint(ipmi_rakp3_code(t->auth, PW, &p, out), ==, (int)code_len);
	assert_hex(out, code_len, t->rakp3);
	if (t->use_kg)
		g_assert_cmpint(ipmi_derive_sik(t->auth, KG, &p, out), ==, (int)code_len);
	else
		g_assert_cmpint(ipmi_derive_sik(t->auth, PW, &p, out), ==, (int)code_len);
	assert_hex(out, code_len, t->sik);

	IpmiKeys k;
	int rc = ipmi_keys_derive(&k, t->auth, t->integ, t->conf, PW,
				  t->use_kg ? (const uint8_t *)kg : NULL, t->use_kg ? 20 : 0, &p);
	g_assert_cmpint(rc, ==, 0);
	g_assert_cmpuint(k.key_len, ==, code_len);
	g_assert_cmpuint(k.auth, ==, t->auth);
	g_assert_cmpuint(k.integ, ==, t->integ);
	g_assert_cmpuint(k.conf, ==, t->conf);
	assert_hex(k.sik, k.key_len, t->sik);
	assert_hex(k.k1, k.key_len, t->k1);
	assert_hex(k.k2, k.key_len, t->k2);
	g_assert_cmpmem(k.password, 9, pw, 9);
	g_assert_true(all_zero(k.password + 9, 11));

	size_t icv_len = ipmi_auth_icv_len(t->auth);
	g_assert_cmpint(ipmi_rakp4_icv(t->auth, k.sik, &p, out), ==, (int)icv_len);
	assert_hex(out, icv_len, t->rakp4);

	/* The key-log path: the same K1/K2 from the SIK alone. */
	IpmiKeys from;
	g_assert_cmpint(ipmi_keys_from_sik(&from, t->auth, t->integ, t->conf, k.sik, k.key_len), ==,
			0);
	g_assert_cmpmem(from.k1, from.key_len, k.k1, k.key_len);
	g_assert_cmpmem(from.k2, from.key_len, k.k2, k.key_len);
	g_assert_true(all_zero(from.password, sizeof from.password));

	/* K_G changes the SIK but not the RAKP2/3 codes. */
	IpmiKeys other;
	rc = ipmi_keys_derive(&other, t->auth, t->integ, t->conf, PW,
			      t->use_kg ? NULL : (const uint8_t *)kg, t->use_kg ? 0 : 20, &p);
	g_assert_cmpint(rc, ==, 0);
	g_assert_false(memcmp(other.sik, k.sik, k.key_len) == 0);

	ipmi_keys_wipe(&k);
	g_assert_true(all_zero(&k, sizeof k));
	ipmi_keys_wipe(&from);
	ipmi_keys_wipe(&other);
	ipmi_keys_wipe(NULL);
}

static void
test_rakp_details(void)
{
	IpmiRakpParams p = rakp_params();
	uint8_t out[IPMI_KEY_MAX], ref[IPMI_KEY_MAX];
	/* Empty password (a null-password user), python: hmac key b"". */
	g_assert_cmpint(ipmi_rakp2_code(IPMI_AUTH_RAKP_HMAC_SHA1, NULL, 0, &p, out), ==, 20);
	assert_hex(out, 20, "1651f59bfc1a72e71b64bcf41383840e2e3c0db7");
	/* Zero-padding the password to 20 bytes gives the same code. */
	uint8_t pw20[20] = {0};
	memcpy(pw20, pw, 9);
	ipmi_rakp2_code(IPMI_AUTH_RAKP_HMAC_SHA1, PW, &p, ref);
	ipmi_rakp2_code(IPMI_AUTH_RAKP_HMAC_SHA1, pw20, 20, &p, out);
	g_assert_cmpmem(out, 20, ref, 20);
	/* The whole role byte counts: the name-only-lookup bit changes it. */
	p.role = 0x04;
	ipmi_rakp2_code(IPMI_AUTH_RAKP_HMAC_SHA1, PW, &p, out);
	g_assert_false(memcmp(out, ref, 20) == 0);
	/* RAKP-none: nothing to compute. */
	g_assert_cmpint(ipmi_rakp2_code(IPMI_AUTH_RAKP_NONE, PW, &p, out), ==, 0);
	g_assert_cmpint(ipmi_rakp4_icv(IPMI_AUTH_RAKP_NONE, NULL, &p, out), ==, 0);
	IpmiKeys k;
	g_assert_cmpint(ipmi_keys_derive(&k, 0, 0, 0, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpuint(k.key_len, ==, 0);
	g_assert_true(all_zero(k.sik, sizeof k.sik));
}

/* --- integrity ------------------------------------------------------------- */

static void
test_integrity_mac(void)
{
	IpmiRakpParams p = rakp_params();
	uint8_t data[64], mac[32];
	size_t len = unhex(data_hex, data, sizeof data);
	IpmiKeys k;

	g_assert_cmpint(ipmi_keys_derive(&k, 1, IPMI_INTEG_HMAC_SHA1_96, 1, PW, NULL, 0, &p), ==,
			0);
	g_assert_cmpint(ipmi_integrity_mac(&k, data, len, mac), ==, 12);
	assert_hex(mac, 12, "1b5c8bb21ffe92ebf27e049c");

	g_assert_cmpint(ipmi_keys_derive(&k, 2, IPMI_INTEG_HMAC_MD5_128, 0, PW, NULL, 0, &p), ==,
			0);
	g_assert_cmpint(ipmi_integrity_mac(&k, data, len, mac), ==, 16);
	assert_hex(mac, 16, "7676c532a651d224cd6834451f4acc8c");

	g_assert_cmpint(ipmi_keys_derive(&k, 3, IPMI_INTEG_HMAC_SHA256_128, 1, PW, KG, &p), ==, 0);
	g_assert_cmpint(ipmi_integrity_mac(&k, data, len, mac), ==, 16);
	assert_hex(mac, 16, "357e0d203628d5f0356d0f629985ad4f");

	/* MD5-128: MD5(password zero-padded to 20 | data | same), suite 11. */
	g_assert_cmpint(ipmi_keys_derive(&k, 2, IPMI_INTEG_MD5_128, 0, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpint(ipmi_integrity_mac(&k, data, len, mac), ==, 16);
	assert_hex(mac, 16, "def264b96d1932e72050e748849b63e9");
	data[len - 1] ^= 1;
	ipmi_integrity_mac(&k, data, len, mac);
	g_assert_false(memcmp(mac, "\xde\xf2\x64\xb9", 4) == 0);

	g_assert_cmpint(ipmi_keys_derive(&k, 1, IPMI_INTEG_NONE, 0, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpint(ipmi_integrity_mac(&k, data, len, mac), ==, 0);
	ipmi_keys_wipe(&k);
}

/* --- xRC4 ------------------------------------------------------------------ */

static void
test_xrc4(void)
{
	IpmiRakpParams p = rakp_params();
	uint8_t iv[16], key[16], ks[20];
	static const uint8_t zero[20];
	size_t key_len = 0;
	for (int i = 0; i < 16; i++)
		iv[i] = (uint8_t)(0xA0 + i);
	IpmiKeys k;
	IpmiRc4 r;

	/* Suite 4: K_RC = MD5(K2[0..15] | IV) (python: hashlib.md5). */
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, IPMI_CONF_XRC4_128, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpint(ipmi_xrc4_key(&k, iv, key, &key_len), ==, 0);
	g_assert_cmpuint(key_len, ==, 16);
	assert_hex(key, 16, "a1fd0f1cf47e1e86c2d5ef70bb4e3f8e");
	ipmi_rc4_init(&r, key, key_len);
	ipmi_rc4_crypt(&r, zero, 20, ks);
	assert_hex(ks, 20, "0ace8f950eac2fe6b56e7a3df5f911af76b8f196");

	/* Suite 5: the first 40 bits of the same K_RC. */
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, IPMI_CONF_XRC4_40, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpint(ipmi_xrc4_key(&k, iv, key, &key_len), ==, 0);
	g_assert_cmpuint(key_len, ==, 5);
	assert_hex(key, 5, "a1fd0f1cf4");
	ipmi_rc4_init(&r, key, key_len);
	ipmi_rc4_crypt(&r, zero, 20, ks);
	assert_hex(ks, 20, "273f440e87beaa8901c58f1bd0960c44701ea87d");

	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, IPMI_CONF_AES_CBC_128, PW, NULL, 0, &p), ==, 0);
	g_assert_cmpint(ipmi_xrc4_key(&k, iv, key, &key_len), ==, IPMI_ERR_UNSUPPORTED);
	ipmi_keys_wipe(&k);
}

/* --- errors --------------------------------------------------------------- */

static void
test_errors(void)
{
	IpmiRakpParams p = rakp_params();
	uint8_t out[IPMI_KEY_MAX] = {0}, sik[32] = {1};
	IpmiKeys k;
	IpmiSpan s = {"x", 1};

	/* Unknown algorithm numbers. */
	g_assert_cmpint(ipmi_auth_hmac(4, sik, 20, &s, 1, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_auth_hmac(0xC0, sik, 20, &s, 1, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_rakp2_code(9, PW, &p, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_rakp3_code(9, PW, &p, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_derive_sik(9, PW, &p, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_rakp4_icv(9, sik, &p, out), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_keys_derive(&k, 9, 0, 0, PW, NULL, 0, &p), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 7, 0, PW, NULL, 0, &p), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, 9, PW, NULL, 0, &p), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_keys_derive(&k, 0, 1, 0, PW, NULL, 0, &p), ==, IPMI_ERR_UNSUPPORTED);
	g_assert_true(all_zero(&k, sizeof k));
	g_assert_cmpint(ipmi_keys_from_sik(&k, 9, 0, 0, sik, 20), ==, IPMI_ERR_UNSUPPORTED);
	k = (IpmiKeys){.auth = 1, .integ = 9, .key_len = 20};
	g_assert_cmpint(ipmi_integrity_mac(&k, out, 4, out), ==, IPMI_ERR_UNSUPPORTED);
	k = (IpmiKeys){.auth = 0, .integ = IPMI_INTEG_HMAC_SHA1_96}; /* no K1 */
	g_assert_cmpint(ipmi_integrity_mac(&k, out, 4, out), ==, IPMI_ERR_UNSUPPORTED);

	/* Impossible arguments. */
	uint8_t long_pw[21] = {0};
	g_assert_cmpint(ipmi_rakp2_code(1, long_pw, 21, &p, out), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, 1, long_pw, 21, NULL, 0, &p), ==,
			IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, 1, PW, long_pw, 21, &p), ==,
			IPMI_ERR_INVALID_ARG);
	g_assert_true(all_zero(&k, sizeof k));
	g_assert_cmpint(ipmi_keys_derive(&k, 1, 1, 1, PW, NULL, 0, NULL), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_rakp2_code(1, NULL, 4, &p, out), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_rakp3_code(1, PW, NULL, out), ==, IPMI_ERR_INVALID_ARG);
	p.user_len = 17;
	g_assert_cmpint(ipmi_rakp2_code(1, PW, &p, out), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_derive_sik(1, PW, &p, out), ==, IPMI_ERR_INVALID_ARG);
	p.user_len = 5;
	g_assert_cmpint(ipmi_auth_hmac(1, NULL, 3, &s, 1, out), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_auth_hmac(1, sik, 20, NULL, 2, out), ==, IPMI_ERR_INVALID_ARG);
	IpmiSpan bad = {NULL, 4};
	g_assert_cmpint(ipmi_auth_hmac(1, sik, 20, &bad, 1, out), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_integrity_mac(NULL, out, 4, out), ==, IPMI_ERR_INVALID_ARG);
	/* A key-log SIK of the wrong length. */
	g_assert_cmpint(ipmi_keys_from_sik(&k, 1, 1, 1, sik, 32), ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(ipmi_keys_from_sik(&k, 3, 4, 1, sik, 20), ==, IPMI_ERR_LENGTH);
	g_assert_true(all_zero(&k, sizeof k));
	uint8_t iv[16] = {0}, key[16];
	size_t key_len;
	g_assert_cmpint(ipmi_xrc4_key(NULL, iv, key, &key_len), ==, IPMI_ERR_INVALID_ARG);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0); /* idempotent */

	g_test_add_func("/core/suite/table", test_suite_table);
	g_test_add_func("/core/suite/integrity-less", test_suite_integrity);
	g_test_add_func("/core/suite/find", test_suite_find);
	g_test_add_func("/core/suite/sizes", test_suite_sizes);
	g_test_add_func("/core/crypto/ct-equal", test_ct_equal);
	g_test_add_func("/core/crypto/wipe", test_wipe);
	g_test_add_func("/core/crypto/random", test_random);
	g_test_add_data_func("/core/crypto/hmac-sha1", GUINT_TO_POINTER(1), test_hmac);
	g_test_add_data_func("/core/crypto/hmac-md5", GUINT_TO_POINTER(2), test_hmac);
	g_test_add_data_func("/core/crypto/hmac-sha256", GUINT_TO_POINTER(3), test_hmac);
	g_test_add_func("/core/crypto/aes-cbc-nist", test_aes_nist);
	g_test_add_func("/core/crypto/aes-round-trip", test_aes_round_trip);
	g_test_add_func("/core/crypto/aes-errors", test_aes_errors);
	g_test_add_func("/core/crypto/rc4-rfc6229", test_rc4_rfc6229);
	g_test_add_func("/core/crypto/rc4-unkeyed", test_rc4_unkeyed);
	g_test_add_data_func("/core/crypto/rakp-suite3", &rakp_cases[0], test_rakp);
	g_test_add_data_func("/core/crypto/rakp-suite17", &rakp_cases[1], test_rakp);
	g_test_add_data_func("/core/crypto/rakp-suite7", &rakp_cases[2], test_rakp);
	g_test_add_func("/core/crypto/rakp-details", test_rakp_details);
	g_test_add_func("/core/crypto/integrity-mac", test_integrity_mac);
	g_test_add_func("/core/crypto/xrc4", test_xrc4);
	g_test_add_func("/core/crypto/errors", test_errors);
	return g_test_run();
}
