/* bench-crypto.c - what sealing and opening one in-session packet costs.
 *
 * For cipher suites 3 (HMAC-SHA1-96 / AES-CBC-128) and 17 (HMAC-SHA256-128
 * / AES-CBC-128), a 64-byte payload is sealed by one IpmiChannel and opened
 * by its peer through the core's record layer (libipmi/core/channel.c), and
 * the same bytes are pushed through raw libgcrypt: AES-CBC-128 encrypt +
 * HMAC on the sending side, HMAC + AES-CBC-128 decrypt on the receiving
 * side, with handles opened and keyed once (the least libgcrypt can do).
 *
 * Rows (ns per seal+open pair unless said otherwise):
 *   record        ipmi_channel_seal + ipmi_channel_open with the production
 *                 RNG (ipmi_random_strong), as the client and bmcsim run them:
 *                 libgcrypt handles kept by the channel, AES IVs E_K2(salt|n)
 *                 (the RNG gives the salt on the first seal)
 *   record_fastrng  the same with a trivial RNG (since the IVs no longer
 *                 come from the RNG, the same as record within noise)
 *   raw           raw libgcrypt, cached handles, fixed IV
 *   percall_cold  raw libgcrypt, a handle opened, keyed and closed for each
 *                 MAC and each AES call (what crypto.c does today), before
 *                 libgcrypt's random pool is initialised
 *   percall_warm  the same after it is (as in bmcsim and IpmiClient: every
 *                 handle open then runs a fast random poll, three syscalls)
 * Then libgcrypt primitives one by one: HMAC and AES with a handle per call
 * against a kept handle, and 16 random bytes four ways.  Then (section
 * handshake, table only) the HMACs of one session's handshake on both
 * sides, us per session: one call per HMAC (ipmi_rakp2_code,
 * ipmi_rakp3_code, ipmi_keys_derive, ipmi_rakp4_icv: a key set-up and a
 * scrub each) against ipmi_handshake_macs (one key set-up per key), and a
 * session's handle set taken from the thread's pool, keyed, used for one
 * seal+open and given back, against handles opened and closed per session.
 *
 * Usage: bench-crypto [--iterations N] [--json] [--section record|primitives|handshake]
 *        bench-crypto --profile SUITE [--raw] [--iterations N]
 * Without --json, a table for humans (`meson test --benchmark` shows it).  --profile
 * runs only the record layer (seal + open, production RNG) for callgrind, or
 * with --raw only the raw libgcrypt row: the difference of two runs with
 * different --iterations, divided, is the instructions of one seal+open. */
#include <gcrypt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "core/channel.h"
#include "core/crypto.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"

#include "bench-util.h"

#define PAYLOAD 64

static int
fast_rng(void *ctx, uint8_t *buf, size_t len)
{
	uint64_t *s = ctx;
	for (size_t i = 0; i < len; i++) {
		*s ^= *s >> 12;
		*s ^= *s << 25;
		*s ^= *s >> 27;
		buf[i] = (uint8_t)((*s * 2685821657736338717ull) >> 56);
	}
	return 0;
}

static void __attribute__((noreturn)) die(const char *what, int rc)
{
	fprintf(stderr, "bench-crypto: %s failed (%d)\n", what, rc);
	exit(1);
}

static void
make_keys(IpmiKeys *k, unsigned suite)
{
	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	if (!cs)
		die("ipmi_suite_get", -1);
	uint8_t sik[IPMI_KEY_MAX];
	for (unsigned i = 0; i < sizeof sik; i++)
		sik[i] = (uint8_t)(0x40 + i * 7);
	int rc =
	    ipmi_keys_from_sik(k, cs->auth, cs->integ, cs->conf, sik, ipmi_auth_key_len(cs->auth));
	if (rc < 0)
		die("ipmi_keys_from_sik", rc);
}

/* Channel pair: a seals, b opens (b's rx_sid is a's tx_sid). */
static double
bench_record(unsigned suite, long iters, IpmiRandomFn rnd, void *rnd_ctx, size_t *dgram_len)
{
	IpmiKeys k;
	make_keys(&k, suite);
	IpmiChannel a, b;
	ipmi_channel_init(&a, &k, 0x11223344, 0x55667788, rnd, rnd_ctx);
	ipmi_channel_init(&b, &k, 0x55667788, 0x11223344, rnd, rnd_ctx);
	uint8_t payload[PAYLOAD], dgram[IPMI_MAX_DATAGRAM], plain[IPMI_MAX_DATAGRAM];
	for (int i = 0; i < PAYLOAD; i++)
		payload[i] = (uint8_t)i;
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		int n = ipmi_channel_seal(&a, IPMI_PAYLOAD_IPMI, payload, sizeof payload, dgram,
					  sizeof dgram);
		if (n < 0)
			die("ipmi_channel_seal", n);
		IpmiOpened o;
		int rc = ipmi_channel_open(&b, dgram, (size_t)n, &o, plain, sizeof plain);
		if (rc < 0 || o.payload_len != PAYLOAD)
			die("ipmi_channel_open", rc);
		*dgram_len = (size_t)n;
	}
	double t = now_s() - t0;
	ipmi_channel_wipe(&a);
	ipmi_channel_wipe(&b);
	ipmi_keys_wipe(&k);
	return t / (double)iters * 1e9;
}

/* The bytes a sealed suite-3/17 packet carries, for the raw rows:
 * the HMAC covers the 12-byte session header, IV, ciphertext, pad, pad
 * length and next header, exactly like the record layer's datagram. */
typedef struct {
	int md_algo;
	size_t key_len, mac_len;
	uint8_t k1[IPMI_KEY_MAX], k2[16];
} RawSuite;

static void
raw_suite(RawSuite *r, unsigned suite)
{
	IpmiKeys k;
	make_keys(&k, suite);
	r->md_algo = suite == 17 ? GCRY_MD_SHA256 : GCRY_MD_SHA1;
	r->key_len = k.key_len;
	r->mac_len = ipmi_integ_mac_len(k.integ);
	memcpy(r->k1, k.k1, sizeof r->k1);
	memcpy(r->k2, k.k2, 16);
	ipmi_keys_wipe(&k);
}

/* Layout of the covered region: 12 header + 16 IV + 80 ciphertext + pad.
 * 64 payload bytes + 1 pad-length byte -> 15 AES pad bytes -> 80. */
#define CT_LEN 80
#define HDR_LEN 12

static size_t
covered_len(void)
{
	size_t n = HDR_LEN + 16 + CT_LEN;
	size_t pad = (4 - (n + 2) % 4) % 4;
	return n + pad + 2;
}

static double
bench_raw_cached(unsigned suite, long iters)
{
	RawSuite r;
	raw_suite(&r, suite);
	gcry_cipher_hd_t enc, dec;
	gcry_md_hd_t mac_tx, mac_rx;
	if (gcry_cipher_open(&enc, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0) ||
	    gcry_cipher_open(&dec, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0) ||
	    gcry_cipher_setkey(enc, r.k2, 16) || gcry_cipher_setkey(dec, r.k2, 16) ||
	    gcry_md_open(&mac_tx, r.md_algo, GCRY_MD_FLAG_HMAC) ||
	    gcry_md_open(&mac_rx, r.md_algo, GCRY_MD_FLAG_HMAC) ||
	    gcry_md_setkey(mac_tx, r.k1, r.key_len) || gcry_md_setkey(mac_rx, r.k1, r.key_len))
		die("libgcrypt setup", -1);
	uint8_t pkt[256] = {0}, plain[CT_LEN], tag[IPMI_KEY_MAX];
	size_t cov = covered_len();
	uint8_t *iv = pkt + HDR_LEN, *ct = iv + 16;
	for (int i = 0; i < CT_LEN; i++)
		plain[i] = (uint8_t)i;
	volatile uint8_t sink = 0;
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		/* seal */
		memcpy(iv, &i, sizeof i);
		gcry_cipher_setiv(enc, iv, 16);
		gcry_cipher_encrypt(enc, ct, CT_LEN, plain, CT_LEN);
		gcry_md_reset(mac_tx);
		gcry_md_write(mac_tx, pkt, cov);
		memcpy(pkt + cov, gcry_md_read(mac_tx, r.md_algo), r.mac_len);
		/* open */
		gcry_md_reset(mac_rx);
		gcry_md_write(mac_rx, pkt, cov);
		memcpy(tag, gcry_md_read(mac_rx, r.md_algo), r.mac_len);
		if (!ipmi_ct_equal(tag, pkt + cov, r.mac_len))
			die("raw MAC check", -1);
		gcry_cipher_setiv(dec, iv, 16);
		uint8_t out[CT_LEN];
		gcry_cipher_decrypt(dec, out, CT_LEN, ct, CT_LEN);
		sink ^= out[5];
	}
	double t = now_s() - t0;
	(void)sink;
	gcry_cipher_close(enc);
	gcry_cipher_close(dec);
	gcry_md_close(mac_tx);
	gcry_md_close(mac_rx);
	return t / (double)iters * 1e9;
}

static void
percall_mac(const RawSuite *r, const uint8_t *p, size_t len, uint8_t *out)
{
	gcry_md_hd_t h;
	if (gcry_md_open(&h, r->md_algo, GCRY_MD_FLAG_HMAC) || gcry_md_setkey(h, r->k1, r->key_len))
		die("gcry_md_open", -1);
	gcry_md_write(h, p, len);
	memcpy(out, gcry_md_read(h, r->md_algo), r->mac_len);
	gcry_md_close(h);
}

static void
percall_aes(const RawSuite *r, const uint8_t *iv, const uint8_t *in, uint8_t *out, bool enc)
{
	gcry_cipher_hd_t h;
	if (gcry_cipher_open(&h, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0) ||
	    gcry_cipher_setkey(h, r->k2, 16) || gcry_cipher_setiv(h, iv, 16))
		die("gcry_cipher_open", -1);
	if (enc)
		gcry_cipher_encrypt(h, out, CT_LEN, in, CT_LEN);
	else
		gcry_cipher_decrypt(h, out, CT_LEN, in, CT_LEN);
	gcry_cipher_close(h);
}

static double
bench_raw_percall(unsigned suite, long iters)
{
	RawSuite r;
	raw_suite(&r, suite);
	uint8_t pkt[256] = {0}, plain[CT_LEN], tag[IPMI_KEY_MAX], out[CT_LEN];
	size_t cov = covered_len();
	uint8_t *iv = pkt + HDR_LEN, *ct = iv + 16;
	for (int i = 0; i < CT_LEN; i++)
		plain[i] = (uint8_t)i;
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		memcpy(iv, &i, sizeof i);
		percall_aes(&r, iv, plain, ct, true);
		percall_mac(&r, pkt, cov, pkt + cov);
		percall_mac(&r, pkt, cov, tag);
		if (!ipmi_ct_equal(tag, pkt + cov, r.mac_len))
			die("raw MAC check", -1);
		percall_aes(&r, iv, ct, out, false);
	}
	return (now_s() - t0) / (double)iters * 1e9;
}

/* libgcrypt primitives, ns per call, measured after the random pool is up
 * (as in bmcsim and IpmiClient): what the proposals in README.md save. */
typedef struct {
	double hmac_open, hmac_rekey, hmac_reset, aes_open, aes_rekey;
	double rng_strong16, rng_strong4k_per16, rng_nonce16, getrandom16;
} Prims;

static void
bench_prims(long iters, Prims *p)
{
	static uint8_t b[4096];
	uint8_t k[32];
	memset(k, 0x5A, sizeof k);
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		gcry_md_hd_t h;
		if (gcry_md_open(&h, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC))
			die("gcry_md_open", -1);
		gcry_md_setkey(h, k, 32);
		gcry_md_write(h, b, 112);
		gcry_md_read(h, 0);
		gcry_md_close(h);
	}
	p->hmac_open = (now_s() - t0) / (double)iters * 1e9;
	gcry_md_hd_t h;
	if (gcry_md_open(&h, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC))
		die("gcry_md_open", -1);
	t0 = now_s();
	for (long i = 0; i < iters; i++) {
		gcry_md_setkey(h, k, 32);
		gcry_md_write(h, b, 112);
		gcry_md_read(h, 0);
	}
	p->hmac_rekey = (now_s() - t0) / (double)iters * 1e9;
	t0 = now_s();
	for (long i = 0; i < iters; i++) {
		gcry_md_reset(h);
		gcry_md_write(h, b, 112);
		gcry_md_read(h, 0);
	}
	p->hmac_reset = (now_s() - t0) / (double)iters * 1e9;
	gcry_md_close(h);
	t0 = now_s();
	for (long i = 0; i < iters; i++) {
		gcry_cipher_hd_t c;
		if (gcry_cipher_open(&c, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0))
			die("gcry_cipher_open", -1);
		gcry_cipher_setkey(c, k, 16);
		gcry_cipher_setiv(c, k, 16);
		gcry_cipher_encrypt(c, b, 80, NULL, 0);
		gcry_cipher_close(c);
	}
	p->aes_open = (now_s() - t0) / (double)iters * 1e9;
	gcry_cipher_hd_t c;
	if (gcry_cipher_open(&c, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0))
		die("gcry_cipher_open", -1);
	t0 = now_s();
	for (long i = 0; i < iters; i++) {
		gcry_cipher_setkey(c, k, 16);
		gcry_cipher_setiv(c, k, 16);
		gcry_cipher_encrypt(c, b, 80, NULL, 0);
	}
	p->aes_rekey = (now_s() - t0) / (double)iters * 1e9;
	gcry_cipher_close(c);
	long n = iters / 4 + 1;
	t0 = now_s();
	for (long i = 0; i < n; i++)
		gcry_randomize(b, 16, GCRY_STRONG_RANDOM);
	p->rng_strong16 = (now_s() - t0) / (double)n * 1e9;
	long m = n / 64 + 1;
	t0 = now_s();
	for (long i = 0; i < m; i++)
		gcry_randomize(b, 4096, GCRY_STRONG_RANDOM);
	p->rng_strong4k_per16 = (now_s() - t0) / (double)m * 1e9 / 256;
	t0 = now_s();
	for (long i = 0; i < iters; i++)
		gcry_create_nonce(b, 16);
	p->rng_nonce16 = (now_s() - t0) / (double)iters * 1e9;
	t0 = now_s();
	for (long i = 0; i < iters; i++)
		if (getrandom(b, 16, 0) != 16)
			die("getrandom", -1);
	p->getrandom16 = (now_s() - t0) / (double)iters * 1e9;
	ipmi_wipe(b, sizeof b);
}

/* --- handshake --------------------------------------------------------- */

static void
hs_params(IpmiRakpParams *p, long i)
{
	memset(p, 0, sizeof *p);
	p->console_sid = (uint32_t)i | 1;
	p->bmc_sid = 0x0200 + (uint32_t)i;
	for (int b = 0; b < 16; b++) {
		p->rm[b] = (uint8_t)(i + b);
		p->rc[b] = (uint8_t)(i * 3 + b);
		p->guid[b] = (uint8_t)b;
	}
	p->role = 0x04;
	p->user_len = 5;
	memcpy(p->user, "admin", 5);
}

/* Both sides' handshake HMACs, the way the core did them before
 * ipmi_handshake_macs: one ipmi_auth_hmac (key set-up + scrub) per HMAC. */
static double
bench_hs_separate(unsigned suite, long iters)
{
	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	const uint8_t pw[] = "password";
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		IpmiRakpParams p;
		hs_params(&p, i);
		uint8_t c2[IPMI_KEY_MAX], c3[IPMI_KEY_MAX], icv[IPMI_KEY_MAX];
		IpmiKeys k;
		for (int side = 0; side < 2; side++) {
			if (ipmi_rakp2_code(cs->auth, pw, 8, &p, c2) < 0 ||
			    ipmi_rakp3_code(cs->auth, pw, 8, &p, c3) < 0 ||
			    ipmi_keys_derive(&k, cs->auth, cs->integ, cs->conf, pw, 8, NULL, 0,
					     &p) < 0 ||
			    ipmi_rakp4_icv(cs->auth, k.sik, &p, icv) < 0)
				die("handshake HMACs", -1);
		}
		ipmi_keys_wipe(&k);
	}
	return (now_s() - t0) / (double)iters * 1e6;
}

/* The same through ipmi_handshake_macs, as console.c and bmc.c call it. */
static double
bench_hs_batched(unsigned suite, long iters)
{
	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	const uint8_t pw[] = "password";
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		IpmiRakpParams p;
		hs_params(&p, i);
		IpmiHandshakeIn in = {.auth = cs->auth,
				      .integ = cs->integ,
				      .conf = cs->conf,
				      .pw = pw,
				      .pw_len = 8,
				      .p = &p};
		IpmiHandshakeMacs bmc, con;
		uint8_t c2[IPMI_KEY_MAX];
		/* BMC at RAKP1, console at RAKP2, BMC at RAKP3 */
		if (ipmi_rakp2_code(cs->auth, pw, 8, &p, c2) < 0)
			die("ipmi_rakp2_code", -1);
		in.expect = c2;
		in.expect_len = ipmi_auth_code_len(cs->auth);
		if (ipmi_handshake_macs(&con, IPMI_HS_ALL, &in) < 0)
			die("ipmi_handshake_macs (console)", -1);
		in.expect = con.rakp3;
		if (ipmi_handshake_macs(&bmc, IPMI_HS_RAKP3 | IPMI_HS_KEYS | IPMI_HS_ICV, &in) < 0)
			die("ipmi_handshake_macs (BMC)", -1);
		ipmi_wipe(&con, sizeof con);
		ipmi_wipe(&bmc, sizeof bmc);
	}
	return (now_s() - t0) / (double)iters * 1e6;
}

/* A session's handles: a pair of channels (both sides) sealing and opening
 * one packet each way, then wiped.  pooled: the core's path (the thread's
 * pool); not pooled: what it costs to open them instead (raw libgcrypt,
 * two handles per side). */
static double
bench_session_handles(unsigned suite, long iters, bool pooled)
{
	IpmiKeys k;
	make_keys(&k, suite);
	RawSuite r;
	raw_suite(&r, suite);
	uint8_t payload[PAYLOAD] = {1}, dgram[256], plain[256];
	uint64_t st = 0x1234567;
	double t0 = now_s();
	for (long i = 0; i < iters; i++) {
		if (pooled) {
			IpmiChannel a, b;
			memset(&a, 0, sizeof a);
			memset(&b, 0, sizeof b);
			ipmi_channel_init(&a, &k, 0x22, 0x11, fast_rng, &st);
			ipmi_channel_init(&b, &k, 0x11, 0x22, fast_rng, &st);
			for (int dir = 0; dir < 2; dir++) {
				IpmiChannel *tx = dir ? &b : &a, *rx = dir ? &a : &b;
				int n = ipmi_channel_seal(tx, IPMI_PAYLOAD_IPMI, payload,
							  sizeof payload, dgram, sizeof dgram);
				IpmiOpened o;
				if (n < 0 || ipmi_channel_open(rx, dgram, (size_t)n, &o, plain,
							       sizeof plain) < 0)
					die("seal/open", n);
			}
			ipmi_channel_wipe(&a);
			ipmi_channel_wipe(&b);
		} else {
			for (int side = 0; side < 2; side++) {
				gcry_md_hd_t m;
				gcry_cipher_hd_t c;
				if (gcry_md_open(&m, r.md_algo, GCRY_MD_FLAG_HMAC) ||
				    gcry_md_setkey(m, r.k1, r.key_len) ||
				    gcry_cipher_open(&c, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC,
						     0) ||
				    gcry_cipher_setkey(c, r.k2, 16))
					die("open", -1);
				gcry_md_close(m);
				gcry_cipher_close(c);
			}
		}
	}
	ipmi_keys_wipe(&k);
	return (now_s() - t0) / (double)iters * 1e6;
}

static void
print_handshake(long iters)
{
	uint8_t b[16];
	ipmi_random_strong(NULL, b, sizeof b); /* the random pool up, as in bmcsim and IpmiClient */
	printf("\nper session, both sides, us (%ld iterations):\n"
	       "suite  hmacs_separate  hmacs_batched  handles_pooled+1pkt  handles_opened\n",
	       iters);
	const unsigned suites[] = {3, 17};
	for (unsigned s = 0; s < 2; s++) {
		double sep = bench_hs_separate(suites[s], iters);
		double bat = bench_hs_batched(suites[s], iters);
		double pool = bench_session_handles(suites[s], iters, true);
		double open = bench_session_handles(suites[s], iters, false);
		printf("%5u  %14.2f  %13.2f  %19.2f  %14.2f\n", suites[s], sep, bat, pool, open);
	}
}

int
main(int argc, char **argv)
{
	long iters = 200000;
	bool json = false;
	unsigned profile = 0;
	bool profile_raw = false;
	bool do_record = true, do_prims = true, do_hs = true;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--profile") && i + 1 < argc)
			profile = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--raw"))
			profile_raw = true;
		else if (!strcmp(argv[i], "--iterations") && i + 1 < argc)
			iters = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--section") && i + 1 < argc && !json) {
			i++;
			do_record = !strcmp(argv[i], "record");
			do_prims = !strcmp(argv[i], "primitives");
			do_hs = !strcmp(argv[i], "handshake");
		} else {
			fprintf(
			    stderr,
			    "usage: bench-crypto [--iterations N] [--json] "
			    "[--section record|primitives|handshake] [--profile SUITE [--raw]]\n");
			return 2;
		}
	}
	if (iters < 1000 || iters > 100000000)
		iters = 200000;
	if (ipmi_crypto_init() < 0)
		die("ipmi_crypto_init", -1);
	if (profile) {
		if (profile != 3 && profile != 17)
			die("--profile: suite 3 or 17", -1);
		size_t dlen = 0;
		double ns = profile_raw
				? bench_raw_cached(profile, iters)
				: bench_record(profile, iters, ipmi_random_strong, NULL, &dlen);
		printf("suite %u%s: %.0f ns per seal+open (%ld)\n", profile,
		       profile_raw ? " raw libgcrypt" : "", ns, iters);
		return 0;
	}
	if (json) {
		do_record = do_prims = true;
		do_hs = false;
	}
	if (!do_record && !do_prims) {
		print_handshake(iters / 20 + 1);
		return 0;
	}
	if (!do_record) {
		/* the primitives want the pool up, as the record rows leave it */
		uint8_t b[16];
		ipmi_random_strong(NULL, b, sizeof b);
		goto prims;
	}
	const unsigned suites[] = {3, 17};
	double raw[2], cold[2];
	/* Before anything touches libgcrypt's random pool: once it is
	 * initialised, every gcry_md_open and gcry_cipher_open runs a "fast
	 * random poll" (getrusage, clock_gettime, getpid and mixing), so the
	 * per-call rows depend on it.  bmcsim and IpmiClient always use the
	 * pool (ipmi_random_strong), so the warm figures are the real ones. */
	for (unsigned s = 0; s < 2; s++) {
		raw[s] = bench_raw_cached(suites[s], iters);
		cold[s] = bench_raw_percall(suites[s], iters);
	}
	uint64_t rng_state = 0x9E3779B97F4A7C15ull;
	if (json)
		printf("{\"payload\":%d,\"iterations\":%ld,\"suites\":{", PAYLOAD, iters);
	else
		printf("seal+open of a %d-byte payload, ns per packet (%ld iterations)\n"
		       "suite dgram  record  rec_fastrng  raw_cached  percall_cold  percall_warm"
		       "  record/raw\n",
		       PAYLOAD, iters);
	for (unsigned s = 0; s < 2; s++) {
		size_t dlen = 0;
		/* warm up caches and the RNG pool */
		bench_record(suites[s], iters / 10, ipmi_random_strong, NULL, &dlen);
		double rec = bench_record(suites[s], iters, ipmi_random_strong, NULL, &dlen);
		double recf = bench_record(suites[s], iters, fast_rng, &rng_state, &dlen);
		double warm = bench_raw_percall(suites[s], iters);
		if (json)
			printf("%s\"%u\":{\"dgram_len\":%zu,\"record_ns\":%.1f,"
			       "\"record_fastrng_ns\":%.1f,\"raw_ns\":%.1f,"
			       "\"raw_percall_cold_ns\":%.1f,\"raw_percall_warm_ns\":%.1f,"
			       "\"ratio\":%.3f,\"ratio_fastrng\":%.3f}",
			       s ? "," : "", suites[s], dlen, rec, recf, raw[s], cold[s], warm,
			       rec / raw[s], recf / raw[s]);
		else
			printf("%5u %5zu  %6.0f  %11.0f  %10.0f  %12.0f  %12.0f  %10.1f\n",
			       suites[s], dlen, rec, recf, raw[s], cold[s], warm, rec / raw[s]);
	}
	if (!do_prims)
		return 0;
prims:;
	if (do_hs && !json)
		print_handshake(iters / 20 + 1);
	Prims p;
	bench_prims(iters / 4, &p);
	if (json)
		printf("},\"primitives_ns\":{\"hmac_sha256_open_key_close\":%.1f,"
		       "\"hmac_sha256_rekey\":%.1f,\"hmac_sha256_reset\":%.1f,"
		       "\"aes_open_key_close\":%.1f,\"aes_rekey\":%.1f,"
		       "\"randomize_strong_16\":%.1f,\"randomize_strong_4096_per_16\":%.1f,"
		       "\"create_nonce_16\":%.1f,\"getrandom_16\":%.1f}}\n",
		       p.hmac_open, p.hmac_rekey, p.hmac_reset, p.aes_open, p.aes_rekey,
		       p.rng_strong16, p.rng_strong4k_per16, p.rng_nonce16, p.getrandom16);
	else
		printf(
		    "\nlibgcrypt primitives with the random pool up, ns per call:\n"
		    "  HMAC-SHA256 of 112 bytes: open+setkey+close %.0f, setkey on a kept handle "
		    "%.0f, reset (key kept) %.0f\n"
		    "  AES-CBC-128 of 80 bytes: open+setkey+close %.0f, setkey on a kept handle "
		    "%.0f\n"
		    "  16 random bytes: gcry_randomize STRONG %.0f, STRONG in 4 KiB batches %.0f,"
		    " gcry_create_nonce %.0f, getrandom(2) %.0f\n",
		    p.hmac_open, p.hmac_rekey, p.hmac_reset, p.aes_open, p.aes_rekey,
		    p.rng_strong16, p.rng_strong4k_per16, p.rng_nonce16, p.getrandom16);
	return 0;
}
