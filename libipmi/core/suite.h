/* suite.h - cipher suites 0-19 (IPMI v2.0 Table 22-20) as algorithm triples,
 * and the sizes each algorithm implies. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Authentication (RAKP) algorithms */
#define IPMI_AUTH_RAKP_NONE 0x00
#define IPMI_AUTH_RAKP_HMAC_SHA1 0x01
#define IPMI_AUTH_RAKP_HMAC_MD5 0x02
#define IPMI_AUTH_RAKP_HMAC_SHA256 0x03

/* Integrity algorithms */
#define IPMI_INTEG_NONE 0x00
#define IPMI_INTEG_HMAC_SHA1_96 0x01
#define IPMI_INTEG_HMAC_MD5_128 0x02
#define IPMI_INTEG_MD5_128 0x03
#define IPMI_INTEG_HMAC_SHA256_128 0x04

/* Confidentiality algorithms */
#define IPMI_CONF_NONE 0x00
#define IPMI_CONF_AES_CBC_128 0x01
#define IPMI_CONF_XRC4_128 0x02
#define IPMI_CONF_XRC4_40 0x03

#define IPMI_SUITE_MAX 19

typedef struct {
	uint8_t id;
	uint8_t auth;
	uint8_t integ;
	uint8_t conf;
} IpmiCipherSuite;

/* The suite with this ID, or NULL when id > 19. */
const IpmiCipherSuite *ipmi_suite_get(unsigned id);
/* The ID of the standard suite with these algorithms, or -1. */
int ipmi_suite_find(uint8_t auth, uint8_t integ, uint8_t conf);
/* Suites 0, 1, 6 and 15 carry no integrity: refused unless forced. */
bool ipmi_suite_has_integrity(const IpmiCipherSuite *s);
/* True for xRC4-128 / xRC4-40: available only when explicitly enabled. */
bool ipmi_conf_is_rc4(uint8_t conf);
/* Do we implement these algorithms at all?  Known numbers, and RAKP-none
 * only with no integrity and no confidentiality (there would be no keys).
 * Policy (integrity required, RC4 opt-in) is left to the caller. */
bool ipmi_algs_supported(uint8_t auth, uint8_t integ, uint8_t conf);

/* Sizes */
size_t ipmi_auth_code_len(uint8_t auth);  /* RAKP2/3 HMAC: 0, 20, 16, 32 */
size_t ipmi_auth_icv_len(uint8_t auth);   /* RAKP4 ICV: 0, 12, 16, 16 */
size_t ipmi_auth_key_len(uint8_t auth);   /* SIK/K1/K2 length: 0, 20, 16, 32 */
size_t ipmi_integ_mac_len(uint8_t integ); /* 0, 12, 16, 16, 16 */

const char *ipmi_auth_alg_name(uint8_t auth);   /* "HMAC-SHA1", ... */
const char *ipmi_integ_alg_name(uint8_t integ); /* "HMAC-SHA1-96", ... */
const char *ipmi_conf_alg_name(uint8_t conf);   /* "AES-CBC-128", ... */
