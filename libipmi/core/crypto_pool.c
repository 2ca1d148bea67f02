/* crypto_pool.c - the per-thread pool of scrubbed libgcrypt handles (HMAC
 * and AES-128-CBC) that the record layer's kept handles and the handshake
 * HMACs take from, and the HmacRun that computes HMACs on one of them.
 * Private to crypto*.c (crypto_priv.h). */
#include "crypto.h"

#include <pthread.h>
#include <string.h>

#include <gcrypt.h>

#include "crypto_priv.h"
#include "status.h"

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
gcry_md_hd_t
ipmi_hmac_take(int algo)
{
	gcry_md_hd_t h = kpool_take(pool_kind(algo));
	if (!h && gcry_md_open(&h, algo, GCRY_MD_FLAG_HMAC))
		return NULL;
	return h;
}

/* Scrub h and keep it, or close it. */
void
ipmi_hmac_give(int algo, gcry_md_hd_t h)
{
	if (!h)
		return;
	if (!algo || gcry_md_setkey(h, zero_key, sizeof zero_key) || !kpool_put(pool_kind(algo), h))
		gcry_md_close(h); /* libgcrypt wipes it */
}

gcry_cipher_hd_t
ipmi_aes_take(void)
{
	gcry_cipher_hd_t h = kpool_take(POOL_AES);
	if (!h && gcry_cipher_open(&h, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_CBC, 0))
		return NULL;
	return h;
}

void
ipmi_aes_give(gcry_cipher_hd_t h)
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
int
ipmi_hmac_run_begin(HmacRun *r, int algo)
{
	r->algo = algo;
	r->keyed = false;
	r->h = ipmi_hmac_take(algo);
	return r->h ? 0 : IPMI_ERR_CRYPTO;
}

int
ipmi_hmac_run_key(HmacRun *r, const uint8_t *key, size_t key_len)
{
	r->keyed = !gcry_md_setkey(r->h, key_len ? key : zero_key, key_len ? key_len : 1);
	return r->keyed ? 0 : IPMI_ERR_CRYPTO;
}

/* HMAC of the parts under the current key, truncated to out_len (<= the
 * digest size); the handle is left at the key's inner pad state. */
int
ipmi_hmac_run_mac(HmacRun *r, const IpmiSpan *parts, size_t nparts, uint8_t *out, size_t out_len)
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

void
ipmi_hmac_run_end(HmacRun *r)
{
	ipmi_hmac_give(r->algo, r->h);
	r->h = NULL;
	r->keyed = false;
}
