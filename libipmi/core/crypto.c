/* crypto.c - RMCP+ cryptography on libgcrypt: library set-up, the strong
 * random pool, constant-time compare and wiping, and the record layer's
 * integrity MACs, AES-CBC-128 and xRC4.  The handshake side (RAKP codes,
 * SIK/K1/K2) is in crypto_keys.c, the per-thread pool of libgcrypt handles
 * both use in crypto_pool.c.
 *
 * Opening a libgcrypt handle costs an allocation and, once the random pool
 * is up, a "fast random poll" (getrusage, clock_gettime, getpid and a pool
 * mix): ~2.7 us, against ~0.15 us for the HMAC of a packet.  So no handle
 * is opened per call on the paths that matter:
 *   - the record layer's MAC and AES go through an IpmiKeyHandles its
 *     IpmiChannel or IpmiObserver owns (keyed once per session);
 *   - the handshake HMACs (RAKP codes, SIK, K1, K2, RAKP4 ICV) re-key a
 *     handle from the thread's pool and scrub it with a constant key
 *     afterwards, so no password, K_G or SIK stays in it between calls;
 *     ipmi_handshake_macs computes one side's HMACs with one key set-up per
 *     distinct key (3 instead of 12 on the console);
 *   - a session's handles come from that pool and go back to it scrubbed
 *     (see "Handle pool" in crypto_pool.c).
 */
#include "crypto.h"

#include <string.h>
#include <unistd.h>

#include <gcrypt.h>

#include "crypto_priv.h"
#include "status.h"
#include "suite.h"

/* The oldest libgcrypt we build against (meson.build asks for >= 1.8). */
#define IPMI_GCRYPT_MIN "1.8.0"

bool ipmi_crypto_ready;

int
ipmi_crypto_init(void)
{
	if (ipmi_crypto_ready)
		return 0;
	/* The libgcrypt manual: every user, libraries included, calls
	 * gcry_check_version first; it is what initialises the library's
	 * subsystems and may be called any number of times. */
	if (!gcry_check_version(IPMI_GCRYPT_MIN))
		return IPMI_ERR_CRYPTO;
	/* Finishing initialisation is the application's business.  If it has
	 * done so (Wireshark, or any program linking libgcrypt itself), keep
	 * its settings.  Otherwise we are the first user in the process: no
	 * secure memory (we keep no key in it, so no warnings about it
	 * either) and declare initialisation finished. */
	if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
		gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
		gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	}
	ipmi_crypto_ready = true;
	return 0;
}

/* Each gcry_randomize(GCRY_STRONG_RANDOM) call costs about 8 us however few
 * bytes it makes, and a session wants a dozen small pieces (IVs, random
 * numbers, session IDs): the profiles in bench/ found it at over half of a
 * fleet client's instructions.  So strong bytes come in 4 KiB batches, one
 * pool per thread; a byte handed out is wiped from the pool at once, and a
 * forked child never serves what its parent's pool held. */
#define RANDOM_POOL 4096

static _Thread_local struct {
	uint8_t buf[RANDOM_POOL];
	size_t pos; /* bytes before pos are spent (and zero) */
	pid_t pid;  /* the process that filled it */
} pool = {.pos = RANDOM_POOL};

int
ipmi_random_strong(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	if (!buf && len)
		return IPMI_ERR_INVALID_ARG;
	if (len == 0)
		return 0;
	ENSURE_INIT();
	if (len > RANDOM_POOL / 4) {
		gcry_randomize(buf, len, GCRY_STRONG_RANDOM);
		return 0;
	}
	pid_t pid = getpid();
	if (pool.pid != pid || RANDOM_POOL - pool.pos < len) {
		gcry_randomize(pool.buf, RANDOM_POOL, GCRY_STRONG_RANDOM);
		pool.pos = 0;
		pool.pid = pid;
	}
	memcpy(buf, pool.buf + pool.pos, len);
	ipmi_wipe(pool.buf + pool.pos, len);
	pool.pos += len;
	return 0;
}

bool
ipmi_ct_equal(const void *a, const void *b, size_t n)
{
	/* Read every byte whatever the earlier ones were (volatile keeps the
	 * compiler from turning the loop into memcmp or an early exit), and
	 * turn the accumulator into a bool without a data-dependent branch:
	 * acc - 1 wraps to a value with the top bit set only when acc == 0. */
	const volatile uint8_t *x = a;
	const volatile uint8_t *y = b;
	uint32_t acc = 0;
	for (size_t i = 0; i < n; i++)
		acc |= (uint32_t)(x[i] ^ y[i]);
	return (bool)((acc - 1) >> 31);
}

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
bool
ipmi_fuzz_mac_ok(void)
{
	return true;
}
#endif

void
ipmi_wipe(void *p, size_t n)
{
	if (!p || !n)
		return;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 25))
	explicit_bzero(p, n);
#else
	volatile uint8_t *v = p;
	while (n--)
		*v++ = 0;
#endif
}

/* --- Integrity (13.28.4) --------------------------------------------------
 *
 * HMAC-SHA1-96, HMAC-MD5-128, HMAC-SHA256-128: HMAC keyed with K1, all of
 * it (20, 16 or 32 bytes: K1 is as long as the authentication algorithm's
 * digest), truncated to 12, 16, 16 bytes.  Confirmed in ipmitool
 * src/plugins/lanplus/lanplus_crypt.c (lanplus_has_valid_auth_code: HMAC
 * with session->v2_data.k1, k1_len; ipmitool has no MD5-128) and FreeIPMI
 * libfreeipmi/util/ipmi-rmcpplus-util.c (ipmi_calculate_rmcpplus_session_keys:
 * the integrity key of the three HMAC algorithms is K1 with k1_len, the
 * digest length of the authentication algorithm).  So HMAC-MD5-128 is keyed
 * with a 16-byte K1 in suites 7-10.
 *
 * MD5-128 is not an HMAC: AuthCode = MD5(password | data | password) with
 * the password zero-padded to 20 bytes, as FreeIPMI computes it
 * (libfreeipmi/interface/ipmi-rmcpplus-interface.c,
 * _construct_session_trlr_authentication_code: "Password must be zero
 * padded" to IPMI_2_0_MAX_PASSWORD_LENGTH, hash_flags 0, key ignored) and
 * OpenIPMI does (lib/md5.c: ipmi_md5_authcode_initl(password, 20)).  That
 * confirms the architecture notes.  data is AuthType .. Next Header.
 */
/* The hash of an HMAC integrity algorithm (MD5-128 is no HMAC: 0). */
int
ipmi_integ_md_algo(uint8_t integ)
{
	switch (integ) {
	case IPMI_INTEG_HMAC_SHA1_96:
		return GCRY_MD_SHA1;
	case IPMI_INTEG_HMAC_MD5_128:
		return GCRY_MD_MD5;
	case IPMI_INTEG_HMAC_SHA256_128:
		return GCRY_MD_SHA256;
	default:
		return 0;
	}
}

void
ipmi_key_handles_close(IpmiKeyHandles *h)
{
	if (!h)
		return;
	if (h->mac) {
		if (h->integ == IPMI_INTEG_MD5_128)
			gcry_md_close(h->mac); /* plain MD5: not pooled; libgcrypt wipes it */
		else
			ipmi_hmac_give(ipmi_integ_md_algo(h->integ), h->mac); /* scrubs K1's pads */
	}
	if (h->aes)
		ipmi_aes_give(h->aes); /* scrubs K2's key schedules */
	h->mac = NULL;
	h->aes = NULL;
	h->integ = 0;
}

static int
mac_with(IpmiKeyHandles *h, const IpmiKeys *k, int algo, bool hmac, const uint8_t *data, size_t len,
	 uint8_t *out)
{
	if (!h->mac) {
		gcry_md_hd_t m = NULL;
		if (hmac) {
			m = ipmi_hmac_take(algo);
			if (!m)
				return IPMI_ERR_CRYPTO;
			if (gcry_md_setkey(m, k->k1, k->key_len)) {
				ipmi_hmac_give(algo, m);
				return IPMI_ERR_CRYPTO;
			}
		} else if (gcry_md_open(&m, algo, 0)) {
			return IPMI_ERR_CRYPTO;
		}
		h->mac = m;
		h->integ = k->integ;
	} else if (h->integ != k->integ) {
		/* Keyed for another session's keys: reading another algorithm
		 * from it would abort in libgcrypt. */
		return IPMI_ERR_STATE;
	}
	gcry_md_hd_t m = h->mac;
	if (!hmac)
		gcry_md_write(m, k->password, sizeof k->password);
	if (len)
		gcry_md_write(m, data, len);
	if (!hmac)
		gcry_md_write(m, k->password, sizeof k->password);
	const unsigned char *d = gcry_md_read(m, algo);
	int rc = IPMI_ERR_CRYPTO;
	if (d) {
		rc = (int)ipmi_integ_mac_len(k->integ);
		memcpy(out, d, (size_t)rc);
	}
	/* Ready for the next packet: an HMAC handle goes back to K1's inner
	 * pad state, a plain MD5 one (MD5-128) is zeroed. */
	gcry_md_reset(m);
	return rc;
}

int
ipmi_integrity_mac_kept(IpmiKeyHandles *h, const IpmiKeys *k, const uint8_t *data, size_t len,
			uint8_t *out)
{
	if (!k || (!data && len) || !out)
		return IPMI_ERR_INVALID_ARG;
	int algo;
	bool hmac = true;
	switch (k->integ) {
	case IPMI_INTEG_NONE:
		return 0;
	case IPMI_INTEG_HMAC_SHA1_96:
		algo = GCRY_MD_SHA1;
		break;
	case IPMI_INTEG_HMAC_MD5_128:
		algo = GCRY_MD_MD5;
		break;
	case IPMI_INTEG_HMAC_SHA256_128:
		algo = GCRY_MD_SHA256;
		break;
	case IPMI_INTEG_MD5_128:
		algo = GCRY_MD_MD5;
		hmac = false;
		break;
	default:
		return IPMI_ERR_UNSUPPORTED;
	}
	if (hmac && (!k->key_len || k->key_len > IPMI_KEY_MAX))
		return IPMI_ERR_UNSUPPORTED; /* no K1 (RAKP-none) */
	ENSURE_INIT();
	if (h)
		return mac_with(h, k, algo, hmac, data, len, out);
	IpmiKeyHandles once = {0};
	int rc = mac_with(&once, k, algo, hmac, data, len, out);
	ipmi_key_handles_close(&once);
	return rc;
}

int
ipmi_integrity_mac(const IpmiKeys *k, const uint8_t *data, size_t len, uint8_t *out)
{
	return ipmi_integrity_mac_kept(NULL, k, data, len, out);
}

/* --- AES-CBC-128 (13.29) --------------------------------------------------- */

static int
aes_with(IpmiKeyHandles *h, const IpmiKeys *k, bool enc, const uint8_t iv[16], const uint8_t *in,
	 size_t len, uint8_t *out)
{
	if (!h->aes) {
		gcry_cipher_hd_t c = ipmi_aes_take();
		if (!c)
			return IPMI_ERR_CRYPTO;
		if (gcry_cipher_setkey(c, k->k2, 16)) {
			ipmi_aes_give(c);
			return IPMI_ERR_CRYPTO;
		}
		h->aes = c;
	}
	gcry_error_t e = gcry_cipher_setiv(h->aes, iv, IPMI_AES_BLOCK);
	/* libgcrypt's in-place form is (out, len, NULL, 0). */
	const uint8_t *src = in == out ? NULL : in;
	size_t src_len = in == out ? 0 : len;
	if (!e)
		e = enc ? gcry_cipher_encrypt(h->aes, out, len, src, src_len)
			: gcry_cipher_decrypt(h->aes, out, len, src, src_len);
	return e ? IPMI_ERR_CRYPTO : (int)len;
}

int
ipmi_aes_cbc_kept(IpmiKeyHandles *h, const IpmiKeys *k, bool encrypt, const uint8_t iv[16],
		  const uint8_t *in, size_t len, uint8_t *out)
{
	if (!k || !iv || !in || !out || len % IPMI_AES_BLOCK || len > INT32_MAX)
		return IPMI_ERR_INVALID_ARG;
	if (k->key_len < 16)
		return IPMI_ERR_INVALID_ARG; /* no K2 */
	if (!len)
		return 0;
	ENSURE_INIT();
	if (h)
		return aes_with(h, k, encrypt, iv, in, len, out);
	IpmiKeyHandles once = {0};
	int rc = aes_with(&once, k, encrypt, iv, in, len, out);
	ipmi_key_handles_close(&once);
	return rc;
}

int
ipmi_aes_cbc_encrypt(const IpmiKeys *k, const uint8_t iv[16], const uint8_t *in, size_t len,
		     uint8_t *out)
{
	return ipmi_aes_cbc_kept(NULL, k, true, iv, in, len, out);
}

int
ipmi_aes_cbc_decrypt(const IpmiKeys *k, const uint8_t iv[16], const uint8_t *in, size_t len,
		     uint8_t *out)
{
	return ipmi_aes_cbc_kept(NULL, k, false, iv, in, len, out);
}

/* --- RC4 and xRC4 (13.30, 13.31) ------------------------------------------ */

void
ipmi_rc4_init(IpmiRc4 *r, const uint8_t *key, size_t key_len)
{
	if (!r)
		return;
	r->i = r->j = 0;
	r->offset = 0;
	r->keyed = false;
	if (!key || !key_len || key_len > 256)
		return;
	for (unsigned n = 0; n < 256; n++)
		r->s[n] = (uint8_t)n;
	uint8_t j = 0;
	for (unsigned n = 0; n < 256; n++) {
		uint8_t t = r->s[n];
		j = (uint8_t)(j + t + key[n % key_len]);
		r->s[n] = r->s[j];
		r->s[j] = t;
	}
	r->keyed = true;
}

void
ipmi_rc4_crypt(IpmiRc4 *r, const uint8_t *in, size_t len, uint8_t *out)
{
	if (!out || !len)
		return;
	if (!r || !r->keyed || !in) {
		memset(out, 0, len);
		return;
	}
	uint8_t i = r->i, j = r->j;
	uint8_t *s = r->s;
	for (size_t n = 0; n < len; n++) {
		i = (uint8_t)(i + 1);
		uint8_t si = s[i];
		j = (uint8_t)(j + si);
		uint8_t sj = s[j];
		s[i] = sj;
		s[j] = si;
		out[n] = in[n] ^ s[(uint8_t)(si + sj)];
	}
	r->i = i;
	r->j = j;
	r->offset += (uint32_t)len;
}

/* The xRC4 key.  The IPMI v2.0 text of 13.30/13.31 was not available to us
 * (the search found neither the specification nor an implementation that
 * quotes it: ipmitool, FreeIPMI, OpenIPMI and the Java and Go IPMI libraries
 * all leave xRC4 out).  This is the most likely reading, shared by the one
 * open implementation found (zenfish/zipmi, scapy_ipmi/crypto.py, itself
 * untested against a BMC):
 *   K_RC = MD5(K2[0..15] | IV), IV the 16 bytes carried when Data Offset = 0;
 *   xRC4-128 keys RC4 with the 16 bytes of K_RC, xRC4-40 with its first
 *   (most significant) 5 bytes;
 *   no keystream bytes are discarded; no trailer.
 * Open questions a real BMC would settle: all of K2 rather than its first
 * 16 bytes (they differ for SHA1 and SHA256 suites), xRC4-40 as 5 key bytes
 * or as 5 bytes zero-extended to 16 (different RC4 schedules), an initial
 * keystream discard.  Each is a one-line change here. */
int
ipmi_xrc4_key(const IpmiKeys *k, const uint8_t iv[16], uint8_t *key, size_t *key_len)
{
	if (!k || !iv || !key || !key_len)
		return IPMI_ERR_INVALID_ARG;
	if (!ipmi_conf_is_rc4(k->conf))
		return IPMI_ERR_UNSUPPORTED;
	if (k->key_len < 16)
		return IPMI_ERR_INVALID_ARG; /* no K2 */
	ENSURE_INIT();
	uint8_t krc[16];
	gcry_buffer_t iov[2] = {
	    {.len = 16, .data = (void *)k->k2},
	    {.len = 16, .data = (void *)iv},
	};
	if (gcry_md_hash_buffers(GCRY_MD_MD5, 0, krc, iov, 2))
		return IPMI_ERR_CRYPTO;
	*key_len = k->conf == IPMI_CONF_XRC4_128 ? 16 : 5;
	memcpy(key, krc, *key_len);
	ipmi_wipe(krc, sizeof krc);
	return 0;
}
