/* rakp.h - RMCP+ Open Session Request/Response and RAKP messages 1-4
 * (IPMI v2.0 section 13.17-13.23).  These are session-setup payloads carried
 * in an RMCP+ packet with session ID 0, never encrypted. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RMCP+ status codes (Table 13-15) */
#define IPMI_RMCPP_OK 0x00
#define IPMI_RMCPP_NO_RESOURCES 0x01
#define IPMI_RMCPP_INVALID_SESSION_ID 0x02
#define IPMI_RMCPP_INVALID_PAYLOAD_TYPE 0x03
#define IPMI_RMCPP_INVALID_AUTH_ALG 0x04
#define IPMI_RMCPP_INVALID_INTEG_ALG 0x05
#define IPMI_RMCPP_NO_MATCHING_AUTH 0x06
#define IPMI_RMCPP_NO_MATCHING_INTEG 0x07
#define IPMI_RMCPP_INACTIVE_SESSION 0x08
#define IPMI_RMCPP_INVALID_ROLE 0x09
#define IPMI_RMCPP_UNAUTHORIZED_ROLE 0x0A
#define IPMI_RMCPP_NO_RESOURCES_ROLE 0x0B
#define IPMI_RMCPP_INVALID_NAME_LENGTH 0x0C
#define IPMI_RMCPP_UNAUTHORIZED_NAME 0x0D
#define IPMI_RMCPP_UNAUTHORIZED_GUID 0x0E
#define IPMI_RMCPP_INVALID_ICV 0x0F
#define IPMI_RMCPP_INVALID_CONF_ALG 0x10
#define IPMI_RMCPP_NO_CIPHER_SUITE_MATCH 0x11
#define IPMI_RMCPP_ILLEGAL_PARAMETER 0x12

/* Privilege levels */
#define IPMI_PRIV_HIGHEST 0x00 /* Open Session: highest matching the algorithms */
#define IPMI_PRIV_CALLBACK 0x01
#define IPMI_PRIV_USER 0x02
#define IPMI_PRIV_OPERATOR 0x03
#define IPMI_PRIV_ADMIN 0x04
#define IPMI_PRIV_OEM 0x05
#define IPMI_ROLE_PRIV_MASK 0x0F
#define IPMI_ROLE_NAME_ONLY 0x10 /* RAKP1 role bit 4: name-only lookup */

#define IPMI_RANDOM_LEN 16
#define IPMI_GUID_LEN 16
#define IPMI_USER_MAX 16
#define IPMI_PASSWORD_MAX 20
#define IPMI_KG_LEN 20
#define IPMI_RAKP_CODE_MAX 32 /* longest key exchange code / ICV (SHA-256) */

/* Does a status code (Table 13-15) name a value?  Returns its text. */
const char *ipmi_rmcpp_status_str(uint8_t status);

typedef struct {
	uint8_t tag;
	uint8_t max_priv; /* requested maximum privilege, 0 = highest */
	uint32_t console_sid;
	uint8_t auth_alg; /* the whole algorithm byte: 0..3, OEM values kept as sent */
	uint8_t integ_alg;
	uint8_t conf_alg;
	/* a payload with length 0 ("any algorithm", sect. 13.17): set by the
	 * decoder; the encoder then writes the 4-byte null payload */
	bool auth_any, integ_any, conf_any;
} IpmiOpenSessionReq;

typedef struct {
	uint8_t tag;
	uint8_t status;
	uint8_t max_priv; /* granted; OpenIPMI answers 0 */
	uint32_t console_sid;
	uint32_t bmc_sid;
	uint8_t auth_alg;
	uint8_t integ_alg;
	uint8_t conf_alg;
} IpmiOpenSessionRsp;

typedef struct {
	uint8_t tag;
	uint32_t bmc_sid;
	uint8_t rm[IPMI_RANDOM_LEN];
	uint8_t role; /* whole byte: privilege | name-only bit */
	uint8_t user_len;
	uint8_t user[IPMI_USER_MAX];
} IpmiRakp1;

typedef struct {
	uint8_t tag;
	uint8_t status;
	uint32_t console_sid;
	uint8_t rc[IPMI_RANDOM_LEN];
	uint8_t guid[IPMI_GUID_LEN];
	uint8_t code[IPMI_RAKP_CODE_MAX]; /* key exchange authentication code */
	size_t code_len;
} IpmiRakp2;

typedef struct {
	uint8_t tag;
	uint8_t status;
	uint32_t bmc_sid;
	uint8_t code[IPMI_RAKP_CODE_MAX];
	size_t code_len;
} IpmiRakp3;

typedef struct {
	uint8_t tag;
	uint8_t status;
	uint32_t console_sid;
	uint8_t icv[IPMI_RAKP_CODE_MAX];
	size_t icv_len;
} IpmiRakp4;

/* Each decoder takes the payload (after the RMCP+ header) and returns bytes
 * consumed (always len: trailing bytes are IPMI_ERR_LENGTH).  A response
 * carrying a non-zero status may be short (the BMC may stop after the
 * session ID): decoders accept exactly that short form or the full form and
 * set only the fields present; callers must look at status first.  Encoders
 * write the short form whenever the status is non-zero (Open Session
 * response, RAKP2).
 * RAKP1: ipmitool always sends 44 bytes, the name zero-padded to 16; the
 * decoder accepts padding up to the 16-byte name field, the encoder writes
 * exactly 28 + user_len bytes.
 * RAKP2/3/4 take the code from whatever follows the fixed part (0..32 bytes,
 * IPMI_ERR_LENGTH if longer). */
int ipmi_open_session_req_decode(const uint8_t *buf, size_t len, IpmiOpenSessionReq *out);
int ipmi_open_session_req_encode(uint8_t *buf, size_t cap, const IpmiOpenSessionReq *m);
int ipmi_open_session_rsp_decode(const uint8_t *buf, size_t len, IpmiOpenSessionRsp *out);
int ipmi_open_session_rsp_encode(uint8_t *buf, size_t cap, const IpmiOpenSessionRsp *m);
int ipmi_rakp1_decode(const uint8_t *buf, size_t len, IpmiRakp1 *out);
int ipmi_rakp1_encode(uint8_t *buf, size_t cap, const IpmiRakp1 *m);
int ipmi_rakp2_decode(const uint8_t *buf, size_t len, IpmiRakp2 *out);
int ipmi_rakp2_encode(uint8_t *buf, size_t cap, const IpmiRakp2 *m);
int ipmi_rakp3_decode(const uint8_t *buf, size_t len, IpmiRakp3 *out);
int ipmi_rakp3_encode(uint8_t *buf, size_t cap, const IpmiRakp3 *m);
int ipmi_rakp4_decode(const uint8_t *buf, size_t len, IpmiRakp4 *out);
int ipmi_rakp4_encode(uint8_t *buf, size_t cap, const IpmiRakp4 *m);
