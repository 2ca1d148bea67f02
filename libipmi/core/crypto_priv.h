/* crypto_priv.h - shared between crypto.c, crypto_pool.c and crypto_keys.c
 * only: hidden in the core (the static library's visibility), not part of
 * its API. */
#ifndef IPMI_CRYPTO_PRIV_H
#define IPMI_CRYPTO_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gcrypt.h>

#include "crypto.h"

/* ipmi_crypto_init has run (crypto.c). */
extern bool ipmi_crypto_ready;

#define ENSURE_INIT()                                                                              \
	do {                                                                                       \
		if (!ipmi_crypto_ready && ipmi_crypto_init() < 0)                                  \
			return IPMI_ERR_CRYPTO;                                                    \
	} while (0)

/* The hash of an HMAC integrity algorithm (MD5-128 is no HMAC: 0). */
int ipmi_integ_md_algo(uint8_t integ);

/* The thread's handle pool (crypto_pool.c).  An HMAC handle for algo (one of
 * SHA1, MD5, SHA256), unkeyed or keyed with a constant key, or NULL when
 * libgcrypt cannot open one; give scrubs a handle and keeps it, or closes
 * it.  Likewise for AES-128-CBC. */
gcry_md_hd_t ipmi_hmac_take(int algo);
void ipmi_hmac_give(int algo, gcry_md_hd_t h);
gcry_cipher_hd_t ipmi_aes_take(void);
void ipmi_aes_give(gcry_cipher_hd_t h);

/* HMACs keyed with a password, K_G or SIK on one pooled handle
 * (crypto_pool.c): begin takes the handle, key (re-)keys it, mac computes
 * one HMAC under the current key truncated to out_len and leaves the handle
 * at the key's inner pad state, end gives the handle back scrubbed. */
typedef struct {
	int algo;
	gcry_md_hd_t h;
	bool keyed;
} HmacRun;

int ipmi_hmac_run_begin(HmacRun *r, int algo);
int ipmi_hmac_run_key(HmacRun *r, const uint8_t *key, size_t key_len);
int ipmi_hmac_run_mac(HmacRun *r, const IpmiSpan *parts, size_t nparts, uint8_t *out,
		      size_t out_len);
void ipmi_hmac_run_end(HmacRun *r);

#endif
