/* crypto.h - the RMCP+ cryptography on libgcrypt: RAKP codes, key
 * derivation, integrity MACs, AES-CBC-128 and xRC4, constant-time compare and
 * wiping.  Functions of their inputs: the only state is what the caller
 * holds (an IpmiKeyHandles, see below) and, invisible to callers, a
 * per-thread pool of scrubbed libgcrypt handles (taken by IpmiKeyHandles and
 * by every HMAC keyed with a password, K_G or SIK, which re-keys one and
 * scrubs it before returning) and the per-thread random pool. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_KEY_MAX 32 /* longest SIK/K1/K2 (SHA-256) */
#define IPMI_AES_BLOCK 16

/* One piece of a multi-part MAC input. */
typedef struct {
	const void *p;
	size_t len;
} IpmiSpan;

/* Randomness comes through a callback so tests can be deterministic.
 * Returns 0 or a negative code. */
typedef int (*IpmiRandomFn)(void *ctx, uint8_t *buf, size_t len);

/* Initialise libgcrypt once (idempotent, thread-unsafe on first call; the
 * functions below call it on first use, but a threaded program should call
 * it first).  Leaves an application's own initialisation alone.
 * Returns 0 or IPMI_ERR_CRYPTO. */
int ipmi_crypto_init(void);
/* A strong IpmiRandomFn on gcry_randomize; ctx unused. */
int ipmi_random_strong(void *ctx, uint8_t *buf, size_t len);

/* Constant-time equality of n bytes (true when equal). */
bool ipmi_ct_equal(const void *a, const void *b, size_t n);

/* Fuzzing only.  The meson option 'fuzzing' builds a separate copy of the
 * core with -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, where every
 * integrity, RAKP code and ICV comparison (channel.c, console.c, bmc.c,
 * observer.c, ipmi_handshake_macs in crypto_keys.c: "ipmi_ct_equal(..) || ipmi_fuzz_mac_ok()")
 * passes, so mutated packets reach the state machines.  Everywhere else this is the constant false
 * and no such symbol exists (fuzz/check-no-fuzz-symbols.sh). */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
bool ipmi_fuzz_mac_ok(void);
#else
#define ipmi_fuzz_mac_ok() false
#endif

/* Wipe memory so the compiler cannot drop it. */
void ipmi_wipe(void *p, size_t n);

/* HMAC with the hash of an authentication algorithm (SHA1, MD5, SHA256)
 * over the concatenation of parts; writes ipmi_auth_code_len(auth) bytes.
 * Returns the length written or a negative code (RAKP_NONE: 0). */
int ipmi_auth_hmac(uint8_t auth, const uint8_t *key, size_t key_len, const IpmiSpan *parts,
		   size_t nparts, uint8_t *out);

/* Key material of one session, with the algorithms it serves. */
typedef struct {
	uint8_t auth, integ, conf;
	size_t key_len; /* ipmi_auth_key_len(auth) */
	uint8_t sik[IPMI_KEY_MAX];
	uint8_t k1[IPMI_KEY_MAX];
	uint8_t k2[IPMI_KEY_MAX];
	/* MD5-128 integrity is keyed by the user's password, not K1. */
	uint8_t password[20];
} IpmiKeys;

/* The inputs both ends share after RAKP2. */
typedef struct {
	uint32_t console_sid; /* SIDm */
	uint32_t bmc_sid;     /* SIDc */
	uint8_t rm[16];
	uint8_t rc[16];
	uint8_t guid[16];
	uint8_t role; /* whole RAKP1 byte */
	uint8_t user_len;
	uint8_t user[16];
} IpmiRakpParams;

/* RAKP2 key exchange code: HMAC_pw(SIDm|SIDc|Rm|Rc|GUIDc|Role|ULen|UName). */
int ipmi_rakp2_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		    uint8_t *out);
/* RAKP3 code: HMAC_pw(Rc|SIDm|Role|ULen|UName). */
int ipmi_rakp3_code(uint8_t auth, const uint8_t *pw, size_t pw_len, const IpmiRakpParams *p,
		    uint8_t *out);
/* SIK = HMAC_KG(Rm|Rc|Role|ULen|UName); KG = kg when kg_len > 0, else pw. */
int ipmi_derive_sik(uint8_t auth, const uint8_t *kg, size_t kg_len, const IpmiRakpParams *p,
		    uint8_t *sik);
/* RAKP4 ICV = HMAC_SIK(Rm|SIDc|GUIDc) truncated to ipmi_auth_icv_len(). */
int ipmi_rakp4_icv(uint8_t auth, const uint8_t *sik, const IpmiRakpParams *p, uint8_t *out);

/* Fill keys: SIK from the RAKP params and K_G/password, K1 = HMAC_SIK(20 x
 * 0x01), K2 = HMAC_SIK(20 x 0x02) (20-byte constants for every algorithm),
 * password kept for MD5-128.  Returns 0 or a negative code. */
int ipmi_keys_derive(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf, const uint8_t *pw,
		     size_t pw_len, const uint8_t *kg, size_t kg_len, const IpmiRakpParams *p);
/* Fill K1/K2 from a known SIK (key log); sik_len must be
 * ipmi_auth_key_len(auth).  password is left zero: set it for MD5-128. */
int ipmi_keys_from_sik(IpmiKeys *k, uint8_t auth, uint8_t integ, uint8_t conf, const uint8_t *sik,
		       size_t sik_len);
void ipmi_keys_wipe(IpmiKeys *k);

/* libgcrypt handles keyed once with one session's K1 and K2, so that the
 * record layer pays no gcry_md_open / gcry_cipher_open (an allocation and
 * libgcrypt's random poll, ~2.7 us each) nor key schedule per packet.
 *
 * Ownership: exactly one IpmiChannel or IpmiObserver owns a set.  It starts
 * zeroed (both NULL); the *_kept functions below open and key a handle on
 * first use from the IpmiKeys they are given, which must then stay the same
 * keys for the life of the set; ipmi_key_handles_close closes both (libgcrypt
 * wipes a handle's memory, key schedule and HMAC pads included, when it
 * closes it), or scrubs them and gives them to the thread's pool, and zeroes
 * the set.  The *_kept functions take their handles from that pool first.  A struct that holds a
 * set must not be copied by value once the set is open (two owners would close the handles twice);
 * moving it (realloc, memcpy and forgetting the old bytes) is fine. A set may be used by one thread
 * at a time. */
struct gcry_md_handle;
struct gcry_cipher_handle;
typedef struct {
	struct gcry_md_handle *mac;     /* integrity: HMAC keyed with K1, or MD5 for MD5-128 */
	struct gcry_cipher_handle *aes; /* AES-CBC-128 keyed with K2[0..15] */
	uint8_t integ;                  /* the integrity algorithm mac serves */
} IpmiKeyHandles;

/* Close and zero (NULL or a zeroed set: nothing to do).  HMAC and AES
 * handles are scrubbed (re-keyed with a constant key; see "Handle pool" in
 * crypto_pool.c) and kept in the calling thread's pool for the next session's
 * set, up to a bound; the rest are closed, which wipes them. */
void ipmi_key_handles_close(IpmiKeyHandles *h);

/* Handles waiting in the calling thread's pool, or in every thread's
 * (all_threads).  A thread's pool holds up to IPMI_KEY_POOL_MAX handles of
 * each kind (HMAC-SHA1, HMAC-MD5, HMAC-SHA256, AES-CBC-128) and is closed
 * when the thread exits. */
#define IPMI_KEY_POOL_MAX 128
size_t ipmi_key_pool_held(bool all_threads);

/* The HMACs of one side of the handshake in one call: one libgcrypt handle
 * from the thread's pool, keyed once per distinct key (password, K_G, SIK)
 * instead of once per HMAC, and scrubbed once at the end.  what is a set of:
 *   IPMI_HS_RAKP2  the RAKP2 key exchange code -> rakp2 (code_len bytes)
 *   IPMI_HS_RAKP3  the RAKP3 code -> rakp3 (code_len bytes)
 *   IPMI_HS_KEYS   SIK, K1, K2 and the password for MD5-128 -> keys, as
 *                  ipmi_keys_derive (K_G keys the SIK when kg_len > 0)
 *   IPMI_HS_ICV    the RAKP4 ICV -> icv (icv_len bytes; needs IPMI_HS_KEYS)
 *   IPMI_HS_HANDLES  (with IPMI_HS_KEYS) when the integrity algorithm is the
 *                  HMAC of the authentication algorithm's hash (suites 1-3,
 *                  6-8, 15-17), the handle ends keyed with K1 in kh.mac
 *                  instead of being scrubbed: one key set-up fewer.  The
 *                  caller moves kh into the channel it gives out->keys to
 *                  (after ipmi_channel_init) or closes it; kh is zero when
 *                  there was no such handle, and on failure.
 * When in->expect is set (the peer's code: RAKP2 when asked for, else
 * RAKP3) it is compared in constant time before anything is derived from
 * the SIK; a mismatch (length included) returns IPMI_ERR_AUTH with nothing
 * in out.  Returns 0 or a negative code; out is wiped on failure and must be
 * wiped by the caller after use. */
enum {
	IPMI_HS_RAKP2 = 1u << 0,
	IPMI_HS_RAKP3 = 1u << 1,
	IPMI_HS_KEYS = 1u << 2,
	IPMI_HS_ICV = 1u << 3,
	IPMI_HS_ALL = 0xFu, /* the four results */
	IPMI_HS_HANDLES = 1u << 4,
};
typedef struct {
	uint8_t auth, integ, conf;
	const uint8_t *pw; /* the user's password (up to 20 bytes) */
	size_t pw_len;
	const uint8_t *kg; /* K_G, or NULL with kg_len 0 */
	size_t kg_len;
	const IpmiRakpParams *p;
	const uint8_t *expect; /* the peer's code to verify, or NULL */
	size_t expect_len;
} IpmiHandshakeIn;
typedef struct {
	uint8_t rakp2[IPMI_KEY_MAX];
	uint8_t rakp3[IPMI_KEY_MAX];
	uint8_t icv[IPMI_KEY_MAX];
	size_t code_len; /* ipmi_auth_code_len(auth) */
	size_t icv_len;  /* ipmi_auth_icv_len(auth) when IPMI_HS_ICV, else 0 */
	IpmiKeys keys;
	IpmiKeyHandles kh; /* IPMI_HS_HANDLES */
} IpmiHandshakeMacs;
int ipmi_handshake_macs(IpmiHandshakeMacs *out, unsigned what, const IpmiHandshakeIn *in);

/* Integrity AuthCode over data with the session's integrity algorithm:
 * HMAC-SHA1-96 / HMAC-MD5-128 / HMAC-SHA256-128 keyed with K1 and truncated;
 * MD5-128 = MD5(password20 | data | password20).  Writes
 * ipmi_integ_mac_len() bytes; returns that length or a negative code. */
int ipmi_integrity_mac(const IpmiKeys *k, const uint8_t *data, size_t len, uint8_t *out);
/* The same through h (opened and keyed with k on first use; see
 * IpmiKeyHandles).  h NULL: handles opened and closed for this call. */
int ipmi_integrity_mac_kept(IpmiKeyHandles *h, const IpmiKeys *k, const uint8_t *data, size_t len,
			    uint8_t *out);

/* AES-CBC-128 with key K2[0..15]; len a multiple of 16, no padding added or
 * removed (the caller pads: 01 02 .. n, n).  In-place (in == out) allowed.
 * Returns len or a negative code. */
int ipmi_aes_cbc_encrypt(const IpmiKeys *k, const uint8_t iv[16], const uint8_t *in, size_t len,
			 uint8_t *out);
int ipmi_aes_cbc_decrypt(const IpmiKeys *k, const uint8_t iv[16], const uint8_t *in, size_t len,
			 uint8_t *out);
/* The same through h (see ipmi_integrity_mac_kept). */
int ipmi_aes_cbc_kept(IpmiKeyHandles *h, const IpmiKeys *k, bool encrypt, const uint8_t iv[16],
		      const uint8_t *in, size_t len, uint8_t *out);

/* RC4 keystream state for xRC4-128 / xRC4-40 (IPMI v2.0 13.30-13.31).
 *
 * The wire layout, as implemented (the spec text could not be consulted;
 * see the comment above ipmi_xrc4_key in crypto.c for the reading chosen):
 *
 *   Confidentiality header: Data Offset, 4 bytes little-endian: how many
 *     keystream bytes this direction used before this payload; when it is
 *     0 it is followed by a 16-byte Initialization Vector and the stream is
 *     (re)keyed with ipmi_xrc4_key(k, iv) (ipmi_rc4_init sets offset 0).
 *   Payload: RC4 of the plaintext, same length; no pad, no confidentiality
 *     trailer.
 *
 * One keystream per direction; a receiver that finds Data Offset ahead of
 * its own offset discards keystream up to it (RC4 cannot rewind: re-key from
 * the saved IV).  offset is modulo 2^32: send a fresh IV long before that. */
typedef struct {
	uint8_t s[256];
	uint8_t i, j;
	uint32_t offset; /* keystream bytes used since the key was set */
	bool keyed;
} IpmiRc4;

/* key_len 1..256 (0 leaves r unkeyed). */
void ipmi_rc4_init(IpmiRc4 *r, const uint8_t *key, size_t key_len);
/* XOR len keystream bytes into in -> out (in == out allowed) and advance
 * offset.  On an unkeyed state out is zero-filled, never the plaintext. */
void ipmi_rc4_crypt(IpmiRc4 *r, const uint8_t *in, size_t len, uint8_t *out);
/* The xRC4 session key from K2 and a 16-byte initialization vector:
 * K_RC = MD5(K2[0..15] | IV); xRC4-128 (k->conf) uses all 16 bytes, xRC4-40
 * the first 5.  key must hold 16 bytes; *key_len gets 16 or 5.  Returns 0,
 * or IPMI_ERR_UNSUPPORTED when k->conf is not xRC4. */
int ipmi_xrc4_key(const IpmiKeys *k, const uint8_t iv[16], uint8_t *key, size_t *key_len);
