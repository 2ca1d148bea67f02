/* crypto_keys.c - the handshake's HMACs on libgcrypt: RAKP2/RAKP3 codes,
 * SIK, K1, K2 and the RAKP4 ICV (IPMI v2.0 13.31-13.32), one at a time or
 * one side's set at once (ipmi_handshake_macs), on handles from the pool in
 * crypto_pool.c. */
#include "crypto.h"

#include <string.h>

#include <gcrypt.h>

#include "crypto_priv.h"
#include "status.h"
#include "suite.h"

#define IPMI_PASSWORD_MAX 20 /* IPMI v2.0 passwords and K_G: 20 bytes */
#define IPMI_USER_MAX 16

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

/* HMAC-algo(key, parts...) truncated to out_len (<= the digest size). */
static int
hmac_parts(int algo, const uint8_t *key, size_t key_len, const IpmiSpan *parts, size_t nparts,
	   uint8_t *out, size_t out_len)
{
	HmacRun r;
	int rc = ipmi_hmac_run_begin(&r, algo);
	if (rc < 0)
		return rc;
	rc = ipmi_hmac_run_key(&r, key, key_len);
	if (rc >= 0)
		rc = ipmi_hmac_run_mac(&r, parts, nparts, out, out_len);
	ipmi_hmac_run_end(&r);
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
	int rc = ipmi_hmac_run_key(r, k->sik, k->key_len);
	if (rc >= 0)
		rc = ipmi_hmac_run_mac(r, &s1, 1, k->k1, k->key_len);
	if (rc >= 0)
		rc = ipmi_hmac_run_mac(r, &s2, 1, k->k2, k->key_len);
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
		rc = ipmi_hmac_run_key(r, kg, kg_len);
	else if (!pw_keyed)
		rc = ipmi_hmac_run_key(r, pw, pw_len);
	const IpmiSpan parts[] = SIK_PARTS(p, t);
	if (rc >= 0)
		rc = ipmi_hmac_run_mac(r, parts, NPARTS(parts), k->sik, k->key_len);
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
	if (!ipmi_crypto_ready && ipmi_crypto_init() < 0)
		goto fail;
	RakpScratch t;
	scratch_fill(&t, p);
	HmacRun r;
	rc = ipmi_hmac_run_begin(&r, auth_md_algo(auth));
	if (rc >= 0) {
		rc = derive_keys(&r, false, k, pw, pw_len, kg, kg_len, &t, p);
		ipmi_hmac_run_end(&r);
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
	if (ipmi_crypto_ready || ipmi_crypto_init() == 0)
		rc = ipmi_hmac_run_begin(&r, auth_md_algo(auth));
	if (rc >= 0) {
		rc = derive_k1_k2(&r, k);
		ipmi_hmac_run_end(&r);
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
	if (!ipmi_crypto_ready && ipmi_crypto_init() < 0) {
		ipmi_wipe(out, sizeof *out);
		return IPMI_ERR_CRYPTO;
	}
	RakpScratch t;
	scratch_fill(&t, p);
	HmacRun r;
	rc = ipmi_hmac_run_begin(&r, auth_md_algo(auth));
	if (rc < 0) {
		ipmi_wipe(out, sizeof *out);
		return rc;
	}
	/* The password keys the codes, and the SIK when there is no K_G. */
	bool pw_key = (what & (IPMI_HS_RAKP2 | IPMI_HS_RAKP3)) || !in->kg_len;
	if (pw_key)
		rc = ipmi_hmac_run_key(&r, in->pw, in->pw_len);
	if (rc >= 0 && (what & IPMI_HS_RAKP2)) {
		const IpmiSpan parts[] = RAKP2_PARTS(p, &t);
		rc = ipmi_hmac_run_mac(&r, parts, NPARTS(parts), out->rakp2, code_len);
	}
	if (rc >= 0 && (what & IPMI_HS_RAKP3)) {
		const IpmiSpan parts[] = RAKP3_PARTS(p, &t);
		rc = ipmi_hmac_run_mac(&r, parts, NPARTS(parts), out->rakp3, code_len);
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
		rc = ipmi_hmac_run_mac(&r, parts, NPARTS(parts), full, code_len);
		memcpy(out->icv, full, out->icv_len);
		ipmi_wipe(full, sizeof full);
	}
	if (rc >= 0 && (what & IPMI_HS_HANDLES) && (what & IPMI_HS_KEYS) &&
	    ipmi_integ_md_algo(k->integ) == r.algo &&
	    ipmi_hmac_run_key(&r, k->k1, k->key_len) >= 0) {
		/* The channel's integrity handle: keyed with K1 (mac_with's
		 * first use), not scrubbed and keyed again. */
		out->kh.mac = r.h;
		out->kh.integ = k->integ;
		r.h = NULL;
	}
	ipmi_hmac_run_end(&r);
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
