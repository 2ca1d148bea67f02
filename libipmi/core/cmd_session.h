/* cmd_session.h - the session-related App commands, both directions:
 *   Get Channel Authentication Capabilities (0x38)
 *   Set Session Privilege Level (0x3B)
 *   Close Session (0x3C)
 *   Get Channel Cipher Suites (0x54), plus the cipher suite record list.
 *
 * These code only the command data.  The completion code lives in IpmiMsg
 * (msg.h): response decoders take the bytes after it and response encoders
 * write the bytes that follow it.  Request and response decoders return the
 * bytes consumed (always all of them: trailing bytes are IPMI_ERR_LENGTH);
 * reserved bits are written as zero and ignored when read.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_CMD_GET_CHANNEL_AUTH_CAPS 0x38
#define IPMI_CMD_SET_SESSION_PRIVILEGE 0x3B
#define IPMI_CMD_CLOSE_SESSION 0x3C
#define IPMI_CMD_GET_CHANNEL_CIPHER_SUITES 0x54

#define IPMI_CHANNEL_CURRENT 0x0E /* "the channel this request came in on" */

/* ---- Get Channel Authentication Capabilities (App 0x38) ----------------
 * Request:  [0] bit 7 get IPMI v2.0 extended data, bits 3:0 channel
 *           [1] bits 3:0 requested maximum privilege
 * Response: [0] channel
 *           [1] bit 7 IPMI v2.0 extended capabilities present,
 *               bits 5:0 auth types (5 OEM, 4 password, 2 MD5, 1 MD2, 0 none)
 *           [2] bit 5 K_G set (non-zero), bit 4 per-message auth disabled,
 *               bit 3 user-level auth disabled, bit 2 non-null user names,
 *               bit 1 null user names, bit 0 anonymous login
 *           [3] bit 1 IPMI 2.0 connections, bit 0 IPMI 1.5 connections
 *           [4..6] OEM IANA (LE24)  [7] OEM auxiliary data            */
typedef struct {
	bool v2_data;
	uint8_t channel;  /* 0..15 */
	uint8_t max_priv; /* 1..5 */
} IpmiGetChannelAuthCapsReq;

#define IPMI_AUTHCAP_NONE 0x01
#define IPMI_AUTHCAP_MD2 0x02
#define IPMI_AUTHCAP_MD5 0x04
#define IPMI_AUTHCAP_PASSWORD 0x10
#define IPMI_AUTHCAP_OEM 0x20

typedef struct {
	uint8_t channel;
	bool v2_ext;        /* byte 1 bit 7 */
	uint8_t auth_types; /* byte 1 bits 5:0, IPMI_AUTHCAP_* */
	bool kg_set;
	bool per_msg_auth_disabled;
	bool user_auth_disabled;
	bool non_null_users;
	bool null_users;
	bool anonymous;
	bool supports_v20; /* byte 3 bit 1 */
	bool supports_v15; /* byte 3 bit 0 */
	uint32_t oem_iana; /* 24 bits */
	uint8_t oem_aux;
} IpmiGetChannelAuthCapsRsp;

int ipmi_get_channel_auth_caps_req_decode(const uint8_t *buf, size_t len,
					  IpmiGetChannelAuthCapsReq *out);
int ipmi_get_channel_auth_caps_req_encode(uint8_t *buf, size_t cap,
					  const IpmiGetChannelAuthCapsReq *m);
int ipmi_get_channel_auth_caps_rsp_decode(const uint8_t *buf, size_t len,
					  IpmiGetChannelAuthCapsRsp *out);
int ipmi_get_channel_auth_caps_rsp_encode(uint8_t *buf, size_t cap,
					  const IpmiGetChannelAuthCapsRsp *m);

/* ---- Set Session Privilege Level (App 0x3B) -----------------------------
 * Request: [0] bits 3:0 requested privilege, 0 = no change, just report.
 * Response: [0] bits 3:0 the session's (new) privilege.               */
typedef struct {
	uint8_t priv;
} IpmiSetSessionPrivReq;

typedef struct {
	uint8_t priv;
} IpmiSetSessionPrivRsp;

int ipmi_set_session_priv_req_decode(const uint8_t *buf, size_t len, IpmiSetSessionPrivReq *out);
int ipmi_set_session_priv_req_encode(uint8_t *buf, size_t cap, const IpmiSetSessionPrivReq *m);
int ipmi_set_session_priv_rsp_decode(const uint8_t *buf, size_t len, IpmiSetSessionPrivRsp *out);
int ipmi_set_session_priv_rsp_encode(uint8_t *buf, size_t cap, const IpmiSetSessionPrivRsp *m);

/* ---- Close Session (App 0x3C) -------------------------------------------
 * Request: [0..3] session ID (LE32); [4] session handle, present only when
 * the session ID is 0.  Response: the completion code only (no data).  */
typedef struct {
	uint32_t session_id;
	uint8_t handle; /* meaningful only when session_id == 0 */
} IpmiCloseSessionReq;

int ipmi_close_session_req_decode(const uint8_t *buf, size_t len, IpmiCloseSessionReq *out);
int ipmi_close_session_req_encode(uint8_t *buf, size_t cap, const IpmiCloseSessionReq *m);
/* The response has no data: decode accepts only len == 0, encode writes 0. */
int ipmi_close_session_rsp_decode(const uint8_t *buf, size_t len);
int ipmi_close_session_rsp_encode(uint8_t *buf, size_t cap);

/* ---- Get Channel Cipher Suites (App 0x54) -------------------------------
 * Request:  [0] bits 3:0 channel  [1] bits 5:0 payload type (0 = IPMI)
 *           [2] bit 7 list algorithms by cipher suite (else: supported
 *               algorithms), bits 5:0 list index (16-byte chunk number)
 * Response: [0] channel, then 0..16 bytes of record data.  The client
 * asks for index 0, 1, 2, ... until a chunk shorter than 16 bytes arrives
 * and decodes the concatenation with ipmi_cipher_suite_records_decode. */
#define IPMI_CIPHER_SUITE_CHUNK 16
#define IPMI_CIPHER_SUITE_MAX_INDEX 0x3F

typedef struct {
	uint8_t channel;
	uint8_t payload_type;
	bool by_suite; /* byte 2 bit 7 */
	uint8_t index; /* 0..63 */
} IpmiGetCipherSuitesReq;

typedef struct {
	uint8_t channel;
	uint8_t data[IPMI_CIPHER_SUITE_CHUNK];
	size_t data_len; /* 0..16 */
} IpmiGetCipherSuitesRsp;

int ipmi_get_cipher_suites_req_decode(const uint8_t *buf, size_t len, IpmiGetCipherSuitesReq *out);
int ipmi_get_cipher_suites_req_encode(uint8_t *buf, size_t cap, const IpmiGetCipherSuitesReq *m);
int ipmi_get_cipher_suites_rsp_decode(const uint8_t *buf, size_t len, IpmiGetCipherSuitesRsp *out);
int ipmi_get_cipher_suites_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetCipherSuitesRsp *m);

/* Cipher suite records (Table 22-18), as ipmitool and FreeIPMI read them:
 *   standard: 0xC0, suite ID, auth (0x00|alg), integrity (0x40|alg),
 *             confidentiality (0x80|alg)                     - 5 bytes
 *   OEM:      0xC1, suite ID, OEM IANA (LE24), then the same three
 *             algorithm bytes                                 - 8 bytes
 * Exactly one algorithm of each kind per record; algorithm numbers are the
 * low 6 bits. */
#define IPMI_CIPHER_RECORD_STD 0xC0
#define IPMI_CIPHER_RECORD_OEM 0xC1

typedef struct {
	uint8_t id;
	bool oem;
	uint32_t oem_iana; /* 24 bits, OEM records only */
	uint8_t auth;      /* 0..0x3F */
	uint8_t integ;
	uint8_t conf;
} IpmiCipherSuiteRecord;

/* Encode n records back to back.  Returns bytes written. */
int ipmi_cipher_suite_records_encode(uint8_t *buf, size_t cap, const IpmiCipherSuiteRecord *recs,
				     size_t n);
/* Decode a reassembled stream of records into out[0..max-1]; *n gets the
 * count.  A record cut short by the end of the stream is IPMI_ERR_TRUNCATED,
 * an unknown record tag or misplaced algorithm tag IPMI_ERR_FORMAT, more
 * than max records IPMI_ERR_NOBUF.  Returns len. */
int ipmi_cipher_suite_records_decode(const uint8_t *buf, size_t len, IpmiCipherSuiteRecord *out,
				     size_t max, size_t *n);
/* BMC side: fill rsp->data with chunk `index` of an encoded record stream
 * (empty past the end).  Returns the chunk length, or IPMI_ERR_INVALID_ARG
 * when index > 63. */
int ipmi_cipher_suite_chunk(const uint8_t *stream, size_t len, uint8_t index,
			    IpmiGetCipherSuitesRsp *rsp);
