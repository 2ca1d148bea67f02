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
 *     handle from the thread's pool and scrub it with a constant key
 *     afterwards, so no password, K_G or SIK stays in it between calls;
 *     ipmi_handshake_macs computes one side's HMACs with one key set-up per
 *     distinct key (3 instead of 12 on the console);
 *   - a session's handles come from that pool and go back to it scrubbed
 *     (see "Handle pool" below).
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

/* --- Handle pool -----------------------------------------------------------
 *
 * Every session used to open its own libgcrypt handles (an HMAC handle for
 * K1 and an AES handle for K2, on each side), and each gcry_md_open /
 * gcry_cipher_open costs an allocation and libgcrypt's fast random poll
 * (getrusage, clock_gettime): ~13 % of a fleet client's instructions.  So
 * each thread keeps a bounded free list of open handles per kind (HMAC-SHA1,
 * HMAC-MD5, HMAC-SHA256, AES-128-CBC); a session takes one and keys it with
 * gcry_md_setkey / gcry_cipher_setkey, and gives it back scrubbed:
 *   - an HMAC handle is re-keyed with the constant zero_key: libgcrypt 1.10
 *     md.c prepare_macpads rebuilds the key-xor-pad block in the handle's
 *     buffer, the inner and outer pad states and (through _gcry_md_reset)
 *     the working state from the new key;
 *   - an AES handle is re-keyed with a constant key, a block is decrypted
 *     under it, and it is re-keyed once more.  libgcrypt's rijndael.c builds
 *     the decryption key schedule lazily (do_setkey only clears
 *     decryption_prepared; the old schedule stays until the next decrypt
 *     rebuilds it), and cipher.c cipher_setkey copies the whole context to a
 *     second one kept for gcry_cipher_reset.  The decrypt overwrites the
 *     live decryption schedule, the second setkey the copy; the IV left is
 *     the constant block decrypted.
 * The handshake HMACs use the same pool: a handle is taken, keyed with the
 * password, K_G or SIK, used and given back scrubbed before the call
 * returns, so no handle in a pool holds a secret.  A handle that cannot be
 * scrubbed, or finds its pool full, is closed (libgcrypt wipes it).
 *
 * A thread's pool is closed when it exits, through a pthread key destructor;
 * after that the thread keeps nothing (handles given back are closed).  The
 * main thread's pool lives until the process ends.  After fork() the child
 * has copies of the pooled handles: plain memory holding no key and sharing
 * nothing with the parent, so it may take them as well.  Plain MD5 handles
 * (MD5-128 integrity) are rare and not pooled. */
enum { POOL_SHA1, POOL_MD5, POOL_SHA256, POOL_AES, POOL_KINDS };
/* Per kind and thread.  A pool keeps what its thread's peak of concurrent
 * sessions opened, up to this bound (an HMAC + AES pair is ~3.7 KB of
 * libgcrypt heap, so at most ~470 KB per thread, held only after such a
 * peak): a fleet poll running 64 sessions at a time in lockstep gives back
 * 64 sets at once and takes 64 again, so a bound below its concurrency
 * would close and reopen the difference every round. */
#define POOL_MAX IPMI_KEY_POOL_MAX

typedef struct {
	void *h[POOL_KINDS][POOL_MAX];
	unsigned n[POOL_KINDS];
	bool registered; /* the destructor will see this thread's pool */
	bool closed;     /* the destructor ran: pool nothing more */
} HandlePool;

static _Thread_local HandlePool kpool;
static pthread_once_t kpool_once = PTHREAD_ONCE_INIT;
static pthread_key_t kpool_key;
static bool kpool_key_ok;
static _Atomic size_t kpool_total; /* handles in all threads' pools */

static void
kpool_free(void *p)
{
	HandlePool *t = p;
	for (int k = 0; k < POOL_KINDS; k++) {
		while (t->n[k]) {
			void *h = t->h[k][--t->n[k]];
			t->h[k][t->n[k]] = NULL;
			if (k == POOL_AES)
				gcry_cipher_close(h);
			else
				gcry_md_close(h);
			kpool_total--;
		}
	}
	t->registered = false;
	t->closed = true;
}

static void
kpool_make_key(void)
{
	kpool_key_ok = pthread_key_create(&kpool_key, kpool_free) == 0;
}

static void *
kpool_take(int kind)
{
	if (!kpool.n[kind])
		return NULL;
	unsigned i = --kpool.n[kind];
	void *h = kpool.h[kind][i];
	kpool.h[kind][i] = NULL;
	kpool_total--;
	return h;
}

/* Keep a scrubbed handle; false when it cannot be kept (close it). */
static bool
kpool_put(int kind, void *h)
{
	if (kpool.closed || kpool.n[kind] >= POOL_MAX)
		return false;
	if (!kpool.registered) {
		pthread_once(&kpool_once, kpool_make_key);
		if (!kpool_key_ok || pthread_setspecific(kpool_key, &kpool) != 0)
			return false; /* could not be closed at thread exit: do not keep */
		kpool.registered = true;
	}
	kpool.h[kind][kpool.n[kind]++] = h;
	kpool_total++;
	return true;
}

size_t
ipmi_key_pool_held(bool all_threads)
{
	if (all_threads)
		return kpool_total;
	size_t n = 0;
	for (int k = 0; k < POOL_KINDS; k++)
		n += kpool.n[k];
	return n;
}

static int
pool_kind(int algo)
{
	return algo == GCRY_MD_SHA1 ? POOL_SHA1 : algo == GCRY_MD_MD5 ? POOL_MD5 : POOL_SHA256;
}

/* HMAC pads a short key with zeros to the block size, so an empty key is the
 * same as one zero byte; libgcrypt wants a non-empty key.  Also the key that
 * scrubs a pooled HMAC handle. */
static const uint8_t zero_key[1];
/* The key, IV and block that scrub a pooled AES handle. */
static const uint8_t zero_block[IPMI_AES_BLOCK];

/* An HMAC handle for algo (one of SHA1, MD5, SHA256), unkeyed or keyed with
 * zero_key; NULL when libgcrypt cannot open one. */
static gcry_md_hd_t
hmac_take(int algo)
{
	gcry_md_hd_t h = kpool_take(pool_kind(algo));
	if (!h && gcry_md_open(&h, algo, GCRY_MD_FLAG_HMAC))
		return NULL;
	return h;
}

/* Scrub h and keep it, or close it. */
static void
hmac_give(int algo, gcry_md_hd_t h)
{
	if (!h)
		return;
	if (!algo || gcry_md_setkey(h, zero_key, sizeof zero_key) || !kpool_put(pool_kind(algo), h))
		gcry_md_close(h); /* libgcrypt wipes it */
}

static gcry_cipher_hd_t
aes_take(void)
{
	gcry_cipher_hd_t h = kpool_take(POOL_AES);
	if (!h && gcry_cipher_open(&h, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0))
		return NULL;
	return h;
}

static void
aes_give(gcry_cipher_hd_t h)
{
	if (!h)
		return;
	uint8_t blk[IPMI_AES_BLOCK] = {0};
	if (gcry_cipher_setkey(h, zero_block, sizeof zero_block) ||
	    gcry_cipher_setiv(h, zero_block, sizeof zero_block) ||
	    gcry_cipher_decrypt(h, blk, sizeof blk, NULL, 0) ||
	    gcry_cipher_setkey(h, zero_block, sizeof zero_block) ||
	    gcry_cipher_setiv(h, zero_block, sizeof zero_block) || !kpool_put(POOL_AES, h))
		gcry_cipher_close(h);
}

/* --- HMACs keyed with a password, K_G or SIK ------------------------------
 *
 * Five or six per session on each side.  An HmacRun takes one handle from
 * the pool, is keyed with gcry_md_setkey for as many HMACs as share a key
 * (gcry_md_reset brings an HMAC handle back to the key's inner pad state),
 * re-keyed for the next key, and gives the handle back scrubbed at the end.
 * Like every libgcrypt HMAC, md_final passes the inner digest through a
 * malloc'd buffer it frees unwiped.  Where no handle can be opened, nothing
 * is computed (IPMI_ERR_CRYPTO). */
typedef struct {
	int algo;
	gcry_md_hd_t h;
	bool keyed;
} HmacRun;

static int
run_begin(HmacRun *r, int algo)
{
	r->algo = algo;
	r->keyed = false;
	r->h = hmac_take(algo);
	return r->h ? 0 : IPMI_ERR_CRYPTO;
}

static int
run_key(HmacRun *r, const uint8_t *key, size_t key_len)
{
	r->keyed = !gcry_md_setkey(r->h, key_len ? key : zero_key, key_len ? key_len : 1);
	return r->keyed ? 0 : IPMI_ERR_CRYPTO;
}

/* HMAC of the parts under the current key, truncated to out_len (<= the
 * digest size); the handle is left at the key's inner pad state. */
static int
run_mac(HmacRun *r, const IpmiSpan *parts, size_t nparts, uint8_t *out, size_t out_len)
{
	if (!r->keyed)
		return IPMI_ERR_CRYPTO;
	for (size_t i = 0; i < nparts; i++)
		if (parts[i].len)
			gcry_md_write(r->h, parts[i].p, parts[i].len);
	const unsigned char *d = gcry_md_read(r->h, r->algo);
	int rc = IPMI_ERR_CRYPTO;
	if (d) {
		memcpy(out, d, out_len);
		rc = (int)out_len;
	}
	gcry_md_reset(r->h);
	return rc;
}

static void
run_end(HmacRun *r)
{
	hmac_give(r->algo, r->h);
	r->h = NULL;
	r->keyed = false;
}

static int integ_md_algo(uint8_t integ);

/* HMAC-algo(key, parts...) truncated to out_len (<= the digest size). */
static int
hmac_parts(int algo, const uint8_t *key, size_t key_len, const IpmiSpan *parts, size_t nparts,
	   uint8_t *out, size_t out_len)
{
	HmacRun r;
	int rc = run_begin(&r, algo);
	if (rc < 0)
		return rc;
	rc = run_key(&r, key, key_len);
	if (rc >= 0)
		rc = run_mac(&r, parts, nparts, out, out_len);
	run_end(&r);
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

/* The message of each handshake HMAC, as spans into p and t. */
typedef struct {
	uint8_t sidm[4], sidc[4], rl[2];
} RakpScratch;

static void
scratch_fill(RakpScratch *t, const IpmiRakpParams *p)
{
	le32(t->sidm, p->console_sid);
	le32(t->sidc, p->bmc_sid);
	t->rl[0] = p->role;
	t->rl[1] = p->user_len;
}

/* RAKP2: SIDm|SIDc|Rm|Rc|GUIDc|Role|ULen|UName */
#define RAKP2_PARTS(p, t)                                                                          \
	{                                                                                          \
		{(t)->sidm, 4}, {(t)->sidc, 4}, {(p)->rm, 16}, {(p)->rc, 16}, {(p)->guid, 16},     \
		    {(t)->rl, 2}, {(p)->user, (p)->user_len},                                      \
	}
/* RAKP3: Rc|SIDm|Role|ULen|UName */
#define RAKP3_PARTS(p, t)                                                                          \
	{                                                                                          \
		{(p)->rc, 16}, {(t)->sidm, 4}, {(t)->rl, 2}, {(p)->user, (p)->user_len},           \
	}
/* SIK: Rm|Rc|Role|ULen|UName */
#define SIK_PARTS(p, t)                                                                            \
	{                                                                                          \
		{(p)->rm, 16}, {(p)->rc, 16}, {(t)->rl, 2}, {(p)->user, (p)->user_len},            \
	}
/* RAKP4 ICV: Rm|SIDc|GUIDc */
#define ICV_PARTS(p, t)                                                                            \
	{                                                                                          \
		{(p)->rm, 16}, {(t)->sidc, 4}, {(p)->guid, 16},                                    \
	}
#define NPARTS(a) (sizeof(a) / sizeof((a)[0]))

int
ipmi_rakp2_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		uint8_t *out)
{
	int rc = check_rakp(pw, pw_len, p);
	if (rc < 0)
		return rc;
	RakpScratch t;
	scratch_fill(&t, p);
	const IpmiSpan parts[] = RAKP2_PARTS(p, &t);
	return ipmi_auth_hmac(auth, pw, pw_len, parts, NPARTS(parts), out);
}

int
ipmi_rakp3_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		uint8_t *out)
{
	int rc = check_rakp(pw, pw_len, p);
	if (rc < 0)
		return rc;
	RakpScratch t;
	scratch_fill(&t, p);
	const IpmiSpan parts[] = RAKP3_PARTS(p, &t);
	return ipmi_auth_hmac(auth, pw, pw_len, parts, NPARTS(parts), out);
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
	RakpScratch t;
	scratch_fill(&t, p);
	const IpmiSpan parts[] = SIK_PARTS(p, &t);
	return ipmi_auth_hmac(auth, kg, kg_len, parts, NPARTS(parts), sik);
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
	RakpScratch t;
	scratch_fill(&t, p);
	uint8_t full[IPMI_KEY_MAX];
	const IpmiSpan parts[] = ICV_PARTS(p, &t);
	int rc = ipmi_auth_hmac(auth, sik, key_len, parts, NPARTS(parts), full);
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
 * (CONST_1/CONST_2 in lanplus_crypt.c) both do so, and they interoperate.
 * r is keyed here with k->sik and stays so (the RAKP4 ICV may follow). */
static const uint8_t const1[20] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const uint8_t const2[20] = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};

static int
derive_k1_k2(HmacRun *r, IpmiKeys *k)
{
	const IpmiSpan s1 = {const1, sizeof const1}, s2 = {const2, sizeof const2};
	int rc = run_key(r, k->sik, k->key_len);
	if (rc >= 0)
		rc = run_mac(r, &s1, 1, k->k1, k->key_len);
	if (rc >= 0)
		rc = run_mac(r, &s2, 1, k->k2, k->key_len);
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

/* SIK (keyed with K_G, or the password when kg_len is 0), then K1 and K2
 * through r, which has the password key set when pw_keyed. */
static int
derive_keys(HmacRun *r, bool pw_keyed, IpmiKeys *k, const uint8_t *pw, size_t pw_len,
	    const uint8_t *kg, size_t kg_len, const RakpScratch *t, const IpmiRakpParams *p)
{
	int rc = 0;
	if (kg_len)
		rc = run_key(r, kg, kg_len);
	else if (!pw_keyed)
		rc = run_key(r, pw, pw_len);
	const IpmiSpan parts[] = SIK_PARTS(p, t);
	if (rc >= 0)
		rc = run_mac(r, parts, NPARTS(parts), k->sik, k->key_len);
	if (rc >= 0)
		rc = derive_k1_k2(r, k);
	return rc < 0 ? rc : 0;
}

int
ipmi_keys_derive(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf, const uint8_t *pw,
		 size_t pw_len, const uint8_t *kg, size_t kg_len, const IpmiRakpParams *p)
{
	int rc = keys_start(k, auth, integ, conf);
	if (rc < 0)
		return rc;
	if (!p || p->user_len > IPMI_USER_MAX || pw_len > IPMI_PASSWORD_MAX || (!pw && pw_len) ||
	    kg_len > IPMI_PASSWORD_MAX || (!kg && kg_len)) {
		rc = IPMI_ERR_INVALID_ARG;
		goto fail;
	}
	if (pw_len)
		memcpy(k->password, pw, pw_len); /* zero-padded to 20 for MD5-128 */
	if (auth == IPMI_AUTH_RAKP_NONE)
		return 0; /* no SIK; ipmi_algs_supported allowed nothing keyed */
	rc = IPMI_ERR_CRYPTO;
	if (!crypto_ready && ipmi_crypto_init() < 0)
		goto fail;
	RakpScratch t;
	scratch_fill(&t, p);
	HmacRun r;
	rc = run_begin(&r, auth_md_algo(auth));
	if (rc >= 0) {
		rc = derive_keys(&r, false, k, pw, pw_len, kg, kg_len, &t, p);
		run_end(&r);
	}
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
	rc = IPMI_ERR_CRYPTO;
	HmacRun r;
	if (crypto_ready || ipmi_crypto_init() == 0)
		rc = run_begin(&r, auth_md_algo(auth));
	if (rc >= 0) {
		rc = derive_k1_k2(&r, k);
		run_end(&r);
	}
	if (rc < 0)
		ipmi_keys_wipe(k);
	return rc;
}

int
ipmi_handshake_macs(IpmiHandshakeMacs *out, unsigned what, const IpmiHandshakeIn *in)
{
	if (!out)
		return IPMI_ERR_INVALID_ARG;
	ipmi_wipe(out, sizeof *out);
	if (!in || !what || (what & ~(unsigned)(IPMI_HS_ALL | IPMI_HS_HANDLES)) ||
	    ((what & (IPMI_HS_ICV | IPMI_HS_HANDLES)) && !(what & IPMI_HS_KEYS)) ||
	    (in->expect && !(what & (IPMI_HS_RAKP2 | IPMI_HS_RAKP3))))
		return IPMI_ERR_INVALID_ARG;
	const IpmiRakpParams *p = in->p;
	int rc = check_rakp(in->pw, in->pw_len, p);
	if (rc < 0)
		return rc;
	if (in->kg_len > IPMI_PASSWORD_MAX || (!in->kg && in->kg_len) ||
	    (!in->expect && in->expect_len))
		return IPMI_ERR_INVALID_ARG;
	uint8_t auth = in->auth;
	if (auth != IPMI_AUTH_RAKP_NONE && !auth_md_algo(auth))
		return IPMI_ERR_UNSUPPORTED;
	IpmiKeys *k = &out->keys;
	if (what & IPMI_HS_KEYS) {
		rc = keys_start(k, auth, in->integ, in->conf);
		if (rc < 0)
			return rc;
		if (in->pw_len)
			memcpy(k->password, in->pw, in->pw_len); /* zero-padded for MD5-128 */
	}
	size_t code_len = ipmi_auth_code_len(auth);
	out->code_len = code_len;
	out->icv_len = (what & IPMI_HS_ICV) ? ipmi_auth_icv_len(auth) : 0;
	if (auth == IPMI_AUTH_RAKP_NONE) {
		/* No codes, no SIK: ipmi_algs_supported allowed nothing keyed. */
		if (in->expect && in->expect_len != 0) {
			ipmi_wipe(out, sizeof *out);
			return IPMI_ERR_AUTH;
		}
		return 0;
	}
	if (!crypto_ready && ipmi_crypto_init() < 0) {
		ipmi_wipe(out, sizeof *out);
		return IPMI_ERR_CRYPTO;
	}
	RakpScratch t;
	scratch_fill(&t, p);
	HmacRun r;
	rc = run_begin(&r, auth_md_algo(auth));
	if (rc < 0) {
		ipmi_wipe(out, sizeof *out);
		return rc;
	}
	/* The password keys the codes, and the SIK when there is no K_G. */
	bool pw_key = (what & (IPMI_HS_RAKP2 | IPMI_HS_RAKP3)) || !in->kg_len;
	if (pw_key)
		rc = run_key(&r, in->pw, in->pw_len);
	if (rc >= 0 && (what & IPMI_HS_RAKP2)) {
		const IpmiSpan parts[] = RAKP2_PARTS(p, &t);
		rc = run_mac(&r, parts, NPARTS(parts), out->rakp2, code_len);
	}
	if (rc >= 0 && (what & IPMI_HS_RAKP3)) {
		const IpmiSpan parts[] = RAKP3_PARTS(p, &t);
		rc = run_mac(&r, parts, NPARTS(parts), out->rakp3, code_len);
	}
	if (rc >= 0 && in->expect) {
		/* Verified before anything is derived from the SIK. */
		const uint8_t *mine = (what & IPMI_HS_RAKP2) ? out->rakp2 : out->rakp3;
		bool ok = in->expect_len == code_len &&
			  (ipmi_ct_equal(mine, in->expect, code_len) || ipmi_fuzz_mac_ok());
		if (!ok)
			rc = IPMI_ERR_AUTH;
	}
	if (rc >= 0 && (what & IPMI_HS_KEYS))
		rc = derive_keys(&r, pw_key, k, in->pw, in->pw_len, in->kg, in->kg_len, &t, p);
	if (rc >= 0 && (what & IPMI_HS_ICV)) {
		/* r is keyed with the SIK (derive_k1_k2). */
		uint8_t full[IPMI_KEY_MAX];
		const IpmiSpan parts[] = ICV_PARTS(p, &t);
		rc = run_mac(&r, parts, NPARTS(parts), full, code_len);
		memcpy(out->icv, full, out->icv_len);
		ipmi_wipe(full, sizeof full);
	}
	if (rc >= 0 && (what & IPMI_HS_HANDLES) && (what & IPMI_HS_KEYS) &&
	    integ_md_algo(k->integ) == r.algo && run_key(&r, k->k1, k->key_len) >= 0) {
		/* The channel's integrity handle: keyed with K1 (mac_with's
		 * first use), not scrubbed and keyed again. */
		out->kh.mac = r.h;
		out->kh.integ = k->integ;
		r.h = NULL;
	}
	run_end(&r);
	if (rc < 0) {
		ipmi_wipe(out, sizeof *out);
		return rc;
	}
	return 0;
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
/* The hash of an HMAC integrity algorithm (MD5-128 is no HMAC: 0). */
static int
integ_md_algo(uint8_t integ)
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
			hmac_give(integ_md_algo(h->integ), h->mac); /* scrubs K1's pads */
	}
	if (h->aes)
		aes_give(h->aes); /* scrubs K2's key schedules */
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
			m = hmac_take(algo);
			if (!m)
				return IPMI_ERR_CRYPTO;
			if (gcry_md_setkey(m, k->k1, k->key_len)) {
				hmac_give(algo, m);
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
		gcry_cipher_hd_t c = aes_take();
		if (!c)
			return IPMI_ERR_CRYPTO;
		if (gcry_cipher_setkey(c, k->k2, 16)) {
			aes_give(c);
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
