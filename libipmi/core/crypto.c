/* crypto.c - RMCP+ cryptography on libgcrypt: RAKP codes, SIK/K1/K2,
 * integrity MACs, AES-CBC-128, xRC4, constant-time compare and wiping.
 *
 * Opening a libgcrypt handle costs an allocation and, once the random pool
 * is up, a "fast random poll" (getrusage, clock_gettime, getpid and a pool
 * mix): ~2.7 us, against ~0.15 us for the HMAC of a packet.  So no handle
 * is opened per call on the paths that matter:
 *   - the record layer's MAC and AES go through an IpmiKeyHandles its
 *     IpmiChannel or IpmiObserver owns (keyed once per session);
 *   - the handshake HMACs (RAKP codes, SIK, K1, K2, RAKP4 ICV) re-key a
 *     per-thread handle per algorithm and scrub it with a constant key
 *     afterwards, so no password, K_G or SIK stays in it between calls.
 */
#include "crypto.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <gcrypt.h>

#include "status.h"
#include "suite.h"

/* The oldest libgcrypt we build against (meson.build asks for >= 1.8). */
#define IPMI_GCRYPT_MIN "1.8.0"
#define IPMI_PASSWORD_MAX 20 /* IPMI v2.0 passwords and K_G: 20 bytes */
#define IPMI_USER_MAX 16

static bool crypto_ready;

int
ipmi_crypto_init(void)
{
	if (crypto_ready)
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
	crypto_ready = true;
	return 0;
}

#define ENSURE_INIT()                                                                              \
	do {                                                                                       \
		if (!crypto_ready && ipmi_crypto_init() < 0)                                       \
			return IPMI_ERR_CRYPTO;                                                    \
	} while (0)

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

static int
auth_md_algo(uint8_t auth)
{
	switch (auth) {
	case IPMI_AUTH_RAKP_HMAC_SHA1:
		return GCRY_MD_SHA1;
	case IPMI_AUTH_RAKP_HMAC_MD5:
		return GCRY_MD_MD5;
	case IPMI_AUTH_RAKP_HMAC_SHA256:
		return GCRY_MD_SHA256;
	default:
		return 0;
	}
}

/* --- HMACs keyed with a password, K_G or SIK ------------------------------
 *
 * Five or six per session on each side.  Each thread keeps one HMAC handle
 * per algorithm, opened on first use: gcry_md_setkey keys it for one call,
 * and a second gcry_md_setkey with a constant one-byte key scrubs it at once
 * (libgcrypt 1.10 md.c prepare_macpads rebuilds the whole key-xor-pad block
 * in the handle's buffer, the inner and outer pad states and, through
 * _gcry_md_reset, the working state from the new key), so the handle holds
 * no secret between calls.  Like every libgcrypt HMAC, md_final still passes
 * the inner digest through a malloc'd buffer it frees unwiped.
 * A thread's handles are closed (and wiped by libgcrypt) when it exits,
 * through a pthread key destructor; the main thread's live until the process
 * ends.  After fork() the child keeps working copies: the handles are plain
 * memory with no key in them and no state shared with the parent.  Where the
 * key cannot be set up, a handle is opened and closed per call as before.
 */
enum { HS_SHA1, HS_MD5, HS_SHA256, HS_ALGOS };

typedef struct {
	gcry_md_hd_t md[HS_ALGOS];
	bool registered; /* the destructor will see this thread's set */
} HsHandles;

static _Thread_local HsHandles hs;
static pthread_once_t hs_once = PTHREAD_ONCE_INIT;
static pthread_key_t hs_key;
static bool hs_key_ok;

static void
hs_free(void *p)
{
	HsHandles *t = p;
	for (int i = 0; i < HS_ALGOS; i++) {
		if (t->md[i])
			gcry_md_close(t->md[i]);
		t->md[i] = NULL;
	}
	t->registered = false;
}

static void
hs_make_key(void)
{
	hs_key_ok = pthread_key_create(&hs_key, hs_free) == 0;
}

/* This thread's kept HMAC handle for algo, or NULL (open one per call). */
static gcry_md_hd_t
hs_handle(int algo)
{
	int i = algo == GCRY_MD_SHA1 ? HS_SHA1 : algo == GCRY_MD_MD5 ? HS_MD5 : HS_SHA256;
	if (hs.md[i])
		return hs.md[i];
	if (!hs.registered) {
		pthread_once(&hs_once, hs_make_key);
		if (!hs_key_ok || pthread_setspecific(hs_key, &hs) != 0)
			return NULL; /* could not be closed at thread exit: do not keep */
		hs.registered = true;
	}
	if (gcry_md_open(&hs.md[i], algo, GCRY_MD_FLAG_HMAC)) {
		hs.md[i] = NULL;
		return NULL;
	}
	return hs.md[i];
}

/* HMAC pads a short key with zeros to the block size, so an empty key is the
 * same as one zero byte; libgcrypt wants a non-empty key.  Also the key that
 * scrubs a kept handle. */
static const uint8_t zero_key[1];

/* HMAC-algo(key, parts...) truncated to out_len (<= the digest size). */
static int
hmac_parts(int algo, const uint8_t *key, size_t key_len, const IpmiSpan *parts, size_t nparts,
	   uint8_t *out, size_t out_len)
{
	gcry_md_hd_t h = hs_handle(algo);
	bool kept = h != NULL;
	if (!kept && gcry_md_open(&h, algo, GCRY_MD_FLAG_HMAC))
		return IPMI_ERR_CRYPTO;
	int rc = IPMI_ERR_CRYPTO;
	if (!gcry_md_setkey(h, key_len ? key : zero_key, key_len ? key_len : 1)) {
		for (size_t i = 0; i < nparts; i++)
			if (parts[i].len)
				gcry_md_write(h, parts[i].p, parts[i].len);
		const unsigned char *d = gcry_md_read(h, algo);
		if (d) {
			memcpy(out, d, out_len);
			rc = (int)out_len;
		}
	}
	if (kept && gcry_md_setkey(h, zero_key, sizeof zero_key)) {
		/* Cannot scrub it: close it (libgcrypt wipes it) instead. */
		int i = algo == GCRY_MD_SHA1 ? HS_SHA1 : algo == GCRY_MD_MD5 ? HS_MD5 : HS_SHA256;
		gcry_md_close(h);
		hs.md[i] = NULL;
	} else if (!kept) {
		gcry_md_close(h); /* releases (and libgcrypt wipes) the digest state */
	}
	return rc;
}

int
ipmi_auth_hmac(uint8_t auth, const uint8_t *key, size_t key_len, const IpmiSpan *parts,
	       size_t nparts, uint8_t *out)
{
	if (auth == IPMI_AUTH_RAKP_NONE)
		return 0;
	int algo = auth_md_algo(auth);
	if (!algo)
		return IPMI_ERR_UNSUPPORTED;
	if ((!key && key_len) || (!parts && nparts) || !out)
		return IPMI_ERR_INVALID_ARG;
	for (size_t i = 0; i < nparts; i++)
		if (!parts[i].p && parts[i].len)
			return IPMI_ERR_INVALID_ARG;
	ENSURE_INIT();
	return hmac_parts(algo, key, key_len, parts, nparts, out, ipmi_auth_code_len(auth));
}

/* --- RAKP codes and key derivation (IPMI v2.0 13.31-13.32) ---------------
 *
 * Field order and encoding as ipmitool (src/plugins/lanplus/lanplus_crypt.c)
 * and FreeIPMI (libfreeipmi/util/ipmi-rmcpplus-util.c) build them: session
 * IDs little-endian as on the wire, RoleM the whole RAKP1 byte (name-only
 * lookup bit included), ULengthM then the name bytes.  The HMAC key is the
 * password as given (up to 20 bytes; zero-padding it to 20 as both tools do
 * gives the same HMAC).
 */

static void
le32(uint8_t b[4], uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

static int
check_rakp(const uint8_t *key, size_t key_len, const IpmiRakpParams *p)
{
	if (!p || p->user_len > IPMI_USER_MAX || key_len > IPMI_PASSWORD_MAX || (!key && key_len))
		return IPMI_ERR_INVALID_ARG;
	return 0;
}

int
ipmi_rakp2_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		uint8_t *out)
{
	int rc = check_rakp(pw, pw_len, p);
	if (rc < 0)
		return rc;
	uint8_t sidm[4], sidc[4], rl[2] = {p->role, p->user_len};
	le32(sidm, p->console_sid);
	le32(sidc, p->bmc_sid);
	const IpmiSpan parts[] = {
	    {sidm, 4},
	    {sidc, 4},
	    {p->rm, 16},
	    {p->rc, 16},
	    {p->guid, 16},
	    {rl, 2},
	    {p->user, p->user_len},
	};
	return ipmi_auth_hmac(auth, pw, pw_len, parts, sizeof parts / sizeof parts[0], out);
}

int
ipmi_rakp3_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		uint8_t *out)
{
	int rc = check_rakp(pw, pw_len, p);
	if (rc < 0)
		return rc;
	uint8_t sidm[4], rl[2] = {p->role, p->user_len};
	le32(sidm, p->console_sid);
	const IpmiSpan parts[] = {{p->rc, 16}, {sidm, 4}, {rl, 2}, {p->user, p->user_len}};
	return ipmi_auth_hmac(auth, pw, pw_len, parts, sizeof parts / sizeof parts[0], out);
}

int
ipmi_derive_sik(uint8_t auth, const uint8_t *kg, size_t kg_len, const IpmiRakpParams *p,
		uint8_t *sik)
{
	/* Callers pass K_G when one is set (kg_len > 0) and the password
	 * otherwise (ipmi_keys_derive decides); either is used unpadded. */
	int rc = check_rakp(kg, kg_len, p);
	if (rc < 0)
		return rc;
	uint8_t rl[2] = {p->role, p->user_len};
	const IpmiSpan parts[] = {{p->rm, 16}, {p->rc, 16}, {rl, 2}, {p->user, p->user_len}};
	return ipmi_auth_hmac(auth, kg, kg_len, parts, sizeof parts / sizeof parts[0], sik);
}

int
ipmi_rakp4_icv(uint8_t auth, const uint8_t *sik, const IpmiRakpParams *p, uint8_t *out)
{
	size_t key_len = ipmi_auth_key_len(auth);
	if (auth == IPMI_AUTH_RAKP_NONE)
		return 0;
	if (!key_len)
		return IPMI_ERR_UNSUPPORTED;
	if (!sik || !p || !out)
		return IPMI_ERR_INVALID_ARG;
	uint8_t sidc[4], full[IPMI_KEY_MAX];
	le32(sidc, p->bmc_sid);
	const IpmiSpan parts[] = {{p->rm, 16}, {sidc, 4}, {p->guid, 16}};
	int rc = ipmi_auth_hmac(auth, sik, key_len, parts, 3, full);
	if (rc >= 0) {
		rc = (int)ipmi_auth_icv_len(auth);
		memcpy(out, full, (size_t)rc);
	}
	ipmi_wipe(full, sizeof full);
	return rc;
}

/* K1 and K2 (13.32): HMAC_SIK of a constant of 20 bytes 0x01 / 0x02 for
 * every authentication algorithm, SHA-256 included.  FreeIPMI
 * (IPMI_KEY_CONSTANT_LENGTH 20 in ipmi-rmcpplus-util.c) and ipmitool
 * (CONST_1/CONST_2 in lanplus_crypt.c) both do so, and they interoperate. */
static int
derive_k1_k2(IpmiKeys *k)
{
	uint8_t c1[20], c2[20];
	memset(c1, 0x01, sizeof c1);
	memset(c2, 0x02, sizeof c2);
	const IpmiSpan s1 = {c1, sizeof c1}, s2 = {c2, sizeof c2};
	int rc = ipmi_auth_hmac(k->auth, k->sik, k->key_len, &s1, 1, k->k1);
	if (rc >= 0)
		rc = ipmi_auth_hmac(k->auth, k->sik, k->key_len, &s2, 1, k->k2);
	return rc < 0 ? rc : 0;
}

static int
keys_start(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf)
{
	if (!k)
		return IPMI_ERR_INVALID_ARG;
	ipmi_wipe(k, sizeof *k);
	if (!ipmi_algs_supported(auth, integ, conf))
		return IPMI_ERR_UNSUPPORTED;
	k->auth = auth;
	k->integ = integ;
	k->conf = conf;
	k->key_len = ipmi_auth_key_len(auth);
	return 0;
}

int
ipmi_keys_derive(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf, const uint8_t *pw,
		 size_t pw_len, const uint8_t *kg, size_t kg_len, const IpmiRakpParams *p)
{
	int rc = keys_start(k, auth, integ, conf);
	if (rc < 0)
		return rc;
	if (!p || pw_len > IPMI_PASSWORD_MAX || (!pw && pw_len) || kg_len > IPMI_PASSWORD_MAX ||
	    (!kg && kg_len)) {
		rc = IPMI_ERR_INVALID_ARG;
		goto fail;
	}
	if (pw_len)
		memcpy(k->password, pw, pw_len); /* zero-padded to 20 for MD5-128 */
	if (auth == IPMI_AUTH_RAKP_NONE)
		return 0; /* no SIK; ipmi_algs_supported allowed nothing keyed */
	if (kg_len)
		rc = ipmi_derive_sik(auth, kg, kg_len, p, k->sik);
	else
		rc = ipmi_derive_sik(auth, pw, pw_len, p, k->sik);
	if (rc >= 0)
		rc = derive_k1_k2(k);
	if (rc >= 0)
		return 0;
fail:
	ipmi_keys_wipe(k);
	return rc;
}

int
ipmi_keys_from_sik(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf, const uint8_t *sik,
		   size_t sik_len)
{
	int rc = keys_start(k, auth, integ, conf);
	if (rc < 0)
		return rc;
	if (sik_len != k->key_len || (!sik && sik_len)) {
		ipmi_keys_wipe(k);
		return sik_len != k->key_len ? IPMI_ERR_LENGTH : IPMI_ERR_INVALID_ARG;
	}
	if (!sik_len)
		return 0;
	memcpy(k->sik, sik, sik_len);
	rc = derive_k1_k2(k);
	if (rc < 0)
		ipmi_keys_wipe(k);
	return rc;
}

void
ipmi_keys_wipe(IpmiKeys *k)
{
	if (k)
		ipmi_wipe(k, sizeof *k);
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
void
ipmi_key_handles_close(IpmiKeyHandles *h)
{
	if (!h)
		return;
	if (h->mac)
		gcry_md_close(h->mac); /* libgcrypt wipes the handle: K1's pads */
	if (h->aes)
		gcry_cipher_close(h->aes); /* and the key schedule of K2 */
	h->mac = NULL;
	h->aes = NULL;
	h->integ = 0;
}

static int
mac_with(IpmiKeyHandles *h, const IpmiKeys *k, int algo, bool hmac, const uint8_t *data, size_t len,
	 uint8_t *out)
{
	if (!h->mac) {
		gcry_md_hd_t m;
		if (gcry_md_open(&m, algo, hmac ? GCRY_MD_FLAG_HMAC : 0))
			return IPMI_ERR_CRYPTO;
		if (hmac && gcry_md_setkey(m, k->k1, k->key_len)) {
			gcry_md_close(m);
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
		gcry_cipher_hd_t c;
		if (gcry_cipher_open(&c, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0))
			return IPMI_ERR_CRYPTO;
		if (gcry_cipher_setkey(c, k->k2, 16)) {
			gcry_cipher_close(c);
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
