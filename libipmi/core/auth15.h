/* auth15.h - IPMI v1.5 session authentication: the AuthCode of the IPMI
 * v1.5 session header (IPMI v2.0 spec, 22.17, Activate Session: its
 * AuthCode algorithms; IPMI v2.0 BMCs use them for the v1.5 wrapper too).
 *
 *   none      no AuthCode field
 *   MD2, MD5  H(password || session ID || message || session seq || password)
 *   password  the password itself ("straight password")
 *
 * The password is the user's, zero-padded to 16 bytes; session ID and
 * sequence number are the four bytes of the session header as sent
 * (little-endian), "message" the IPMI message after the length byte
 * (rsAddr .. second checksum).  The same formula holds for the Activate
 * Session request and response (temporary session ID, sequence 0 in the
 * request) and for every message of the session in both directions.
 *
 * Pure computation, no state: the dissector tracks who is who.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_AUTH15_CODE_LEN 16
#define IPMI_AUTH15_PASSWORD_MAX 16

/* The fields of an IPMI v1.5 session wrapper (RMCP header included). */
typedef struct {
	uint8_t auth_type;         /* IPMI_AUTHTYPE_NONE, _MD2, _MD5, _PASSWORD, _OEM */
	const uint8_t *seq;        /* 4 bytes as sent */
	const uint8_t *session_id; /* 4 bytes as sent */
	const uint8_t *code;       /* 16 bytes, NULL for auth type none */
	const uint8_t *msg;        /* the IPMI message */
	size_t msg_len;
} IpmiAuth15Header;

/* Split an RMCP datagram carrying an IPMI v1.5 session wrapper.  Returns 0,
 * or IPMI_ERR_TRUNCATED / IPMI_ERR_MALFORMED (not a v1.5 wrapper: RMCP+,
 * another class, lengths that do not fit). */
int ipmi_auth15_parse(const uint8_t *dgram, size_t len, IpmiAuth15Header *h);

/* MD2 (RFC 1319), which libgcrypt builds leave out. */
void ipmi_md2(const uint8_t *data, size_t len, uint8_t out[16]);

/* The AuthCode for auth type MD2, MD5 or password.  Returns 0, or
 * IPMI_ERR_UNSUPPORTED (none, OEM, unknown) / IPMI_ERR_INVALID_ARG
 * (password longer than 16 bytes). */
int ipmi_auth15_code(uint8_t auth_type, const uint8_t *password, size_t password_len,
		     const uint8_t session_id[4], const uint8_t *msg, size_t msg_len,
		     const uint8_t seq[4], uint8_t out[IPMI_AUTH15_CODE_LEN]);

/* Does h's AuthCode verify with this password?  (Constant-time compare;
 * false for auth types without a code.) */
bool ipmi_auth15_verify(const IpmiAuth15Header *h, const uint8_t *password, size_t password_len);

/* "none", "MD2", "MD5", "password", "OEM" or "reserved". */
const char *ipmi_auth15_type_name(uint8_t auth_type);
