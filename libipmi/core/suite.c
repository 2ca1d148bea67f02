/* suite.c - the standard cipher suites 0-19 and the sizes their algorithms
 * imply.
 *
 * Table 22-20 of IPMI v2.0 (rev 1.1, errata 4 for 15-19), checked against
 * FreeIPMI libfreeipmi/util/ipmi-cipher-suite-util.c
 * (ipmi_cipher_suite_id_to_algorithms): 0 none; 1-5 HMAC-SHA1 with none or
 * HMAC-SHA1-96; 6-14 HMAC-MD5 with none, HMAC-MD5-128 (7-10) or MD5-128
 * (11-14); 15-19 HMAC-SHA256 with none or HMAC-SHA256-128; within each
 * integrity group the confidentiality runs none, AES-CBC-128, xRC4-128,
 * xRC4-40.
 */
#include "suite.h"

static const IpmiCipherSuite suites[IPMI_SUITE_MAX + 1] = {
    {0, IPMI_AUTH_RAKP_NONE, IPMI_INTEG_NONE, IPMI_CONF_NONE},
    {1, IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_NONE, IPMI_CONF_NONE},
    {2, IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA1_96, IPMI_CONF_NONE},
    {3, IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA1_96, IPMI_CONF_AES_CBC_128},
    {4, IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA1_96, IPMI_CONF_XRC4_128},
    {5, IPMI_AUTH_RAKP_HMAC_SHA1, IPMI_INTEG_HMAC_SHA1_96, IPMI_CONF_XRC4_40},
    {6, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_NONE, IPMI_CONF_NONE},
    {7, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_HMAC_MD5_128, IPMI_CONF_NONE},
    {8, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_HMAC_MD5_128, IPMI_CONF_AES_CBC_128},
    {9, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_HMAC_MD5_128, IPMI_CONF_XRC4_128},
    {10, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_HMAC_MD5_128, IPMI_CONF_XRC4_40},
    {11, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_MD5_128, IPMI_CONF_NONE},
    {12, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_MD5_128, IPMI_CONF_AES_CBC_128},
    {13, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_MD5_128, IPMI_CONF_XRC4_128},
    {14, IPMI_AUTH_RAKP_HMAC_MD5, IPMI_INTEG_MD5_128, IPMI_CONF_XRC4_40},
    {15, IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_NONE, IPMI_CONF_NONE},
    {16, IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_HMAC_SHA256_128, IPMI_CONF_NONE},
    {17, IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_HMAC_SHA256_128, IPMI_CONF_AES_CBC_128},
    {18, IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_HMAC_SHA256_128, IPMI_CONF_XRC4_128},
    {19, IPMI_AUTH_RAKP_HMAC_SHA256, IPMI_INTEG_HMAC_SHA256_128, IPMI_CONF_XRC4_40},
};

const IpmiCipherSuite *
ipmi_suite_get(unsigned id)
{
	return id <= IPMI_SUITE_MAX ? &suites[id] : NULL;
}

int
ipmi_suite_find(uint8_t auth, uint8_t integ, uint8_t conf)
{
	for (unsigned i = 0; i <= IPMI_SUITE_MAX; i++) {
		const IpmiCipherSuite *s = &suites[i];
		if (s->auth == auth && s->integ == integ && s->conf == conf)
			return (int)s->id;
	}
	return -1;
}

bool
ipmi_suite_has_integrity(const IpmiCipherSuite *s)
{
	return s && s->integ != IPMI_INTEG_NONE;
}

bool
ipmi_conf_is_rc4(uint8_t conf)
{
	return conf == IPMI_CONF_XRC4_128 || conf == IPMI_CONF_XRC4_40;
}

bool
ipmi_algs_supported(uint8_t auth, uint8_t integ, uint8_t conf)
{
	if (auth > IPMI_AUTH_RAKP_HMAC_SHA256 || integ > IPMI_INTEG_HMAC_SHA256_128 ||
	    conf > IPMI_CONF_XRC4_40)
		return false;
	/* Without RAKP there is no SIK, hence no K1/K2 to key integrity or
	 * confidentiality with (FreeIPMI refuses the combination too).
	 * MD5-128 is keyed by the password alone, but it makes no sense
	 * without an authenticated key exchange either. */
	if (auth == IPMI_AUTH_RAKP_NONE)
		return integ == IPMI_INTEG_NONE && conf == IPMI_CONF_NONE;
	/* Anything else we can key and compute.  Policy (no integrity, RC4)
	 * is the caller's: see ipmi_suite_has_integrity, ipmi_conf_is_rc4. */
	return true;
}

size_t
ipmi_auth_code_len(uint8_t auth)
{
	switch (auth) {
	case IPMI_AUTH_RAKP_HMAC_SHA1:
		return 20;
	case IPMI_AUTH_RAKP_HMAC_MD5:
		return 16;
	case IPMI_AUTH_RAKP_HMAC_SHA256:
		return 32;
	default:
		return 0;
	}
}

size_t
ipmi_auth_icv_len(uint8_t auth)
{
	switch (auth) {
	case IPMI_AUTH_RAKP_HMAC_SHA1:
		return 12;
	case IPMI_AUTH_RAKP_HMAC_MD5:
	case IPMI_AUTH_RAKP_HMAC_SHA256:
		return 16;
	default:
		return 0;
	}
}

size_t
ipmi_auth_key_len(uint8_t auth)
{
	return ipmi_auth_code_len(auth);
}

size_t
ipmi_integ_mac_len(uint8_t integ)
{
	switch (integ) {
	case IPMI_INTEG_HMAC_SHA1_96:
		return 12;
	case IPMI_INTEG_HMAC_MD5_128:
	case IPMI_INTEG_MD5_128:
	case IPMI_INTEG_HMAC_SHA256_128:
		return 16;
	default:
		return 0;
	}
}

const char *
ipmi_auth_alg_name(uint8_t auth)
{
	switch (auth) {
	case IPMI_AUTH_RAKP_NONE:
		return "none";
	case IPMI_AUTH_RAKP_HMAC_SHA1:
		return "HMAC-SHA1";
	case IPMI_AUTH_RAKP_HMAC_MD5:
		return "HMAC-MD5";
	case IPMI_AUTH_RAKP_HMAC_SHA256:
		return "HMAC-SHA256";
	default:
		return "unknown";
	}
}

const char *
ipmi_integ_alg_name(uint8_t integ)
{
	switch (integ) {
	case IPMI_INTEG_NONE:
		return "none";
	case IPMI_INTEG_HMAC_SHA1_96:
		return "HMAC-SHA1-96";
	case IPMI_INTEG_HMAC_MD5_128:
		return "HMAC-MD5-128";
	case IPMI_INTEG_MD5_128:
		return "MD5-128";
	case IPMI_INTEG_HMAC_SHA256_128:
		return "HMAC-SHA256-128";
	default:
		return "unknown";
	}
}

const char *
ipmi_conf_alg_name(uint8_t conf)
{
	switch (conf) {
	case IPMI_CONF_NONE:
		return "none";
	case IPMI_CONF_AES_CBC_128:
		return "AES-CBC-128";
	case IPMI_CONF_XRC4_128:
		return "xRC4-128";
	case IPMI_CONF_XRC4_40:
		return "xRC4-40";
	default:
		return "unknown";
	}
}
