/* packet.h - the session wrappers: IPMI 1.5 (auth types 0-5) and IPMI 2.0
 * RMCP+ (auth type 6) headers and the RMCP+ integrity trailer.
 * Session fields are little-endian.
 *
 * These only frame bytes; the secure channel (channel.h) computes and checks
 * MACs and decrypts.  A decoded header points into the caller's buffer.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_AUTHTYPE_NONE 0x00
#define IPMI_AUTHTYPE_MD2 0x01
#define IPMI_AUTHTYPE_MD5 0x02
#define IPMI_AUTHTYPE_PASSWORD 0x04
#define IPMI_AUTHTYPE_OEM 0x05
#define IPMI_AUTHTYPE_RMCPP 0x06

/* RMCP+ payload types (low 6 bits of the payload type byte). */
#define IPMI_PAYLOAD_IPMI 0x00
#define IPMI_PAYLOAD_SOL 0x01
#define IPMI_PAYLOAD_OEM 0x02
#define IPMI_PAYLOAD_OPEN_SESSION_REQ 0x10
#define IPMI_PAYLOAD_OPEN_SESSION_RSP 0x11
#define IPMI_PAYLOAD_RAKP1 0x12
#define IPMI_PAYLOAD_RAKP2 0x13
#define IPMI_PAYLOAD_RAKP3 0x14
#define IPMI_PAYLOAD_RAKP4 0x15
#define IPMI_PAYLOAD_ENCRYPTED 0x80
#define IPMI_PAYLOAD_AUTHENTICATED 0x40

#define IPMI_NEXT_HEADER 0x07 /* the RMCP+ trailer's Next Header byte */
#define IPMI_MAX_DATAGRAM 1500

/* IPMI 1.5 session header: auth type, seq, session ID, [16-byte auth code
 * when auth type != NONE], payload length (1 byte), payload. */
typedef struct {
	uint8_t auth_type;
	uint32_t seq;
	uint32_t session_id;
	uint8_t auth_code[16]; /* valid when auth_type != NONE */
	const uint8_t *payload;
	size_t payload_len;
} IpmiV15Packet;

/* Decode from just after the RMCP header.  The payload length byte must fit
 * exactly what follows; one trailing zero byte (the legacy pad ipmitool may
 * append) is tolerated.  Auth types 3 and 6+ are IPMI_ERR_FORMAT.  Returns
 * bytes consumed (len). */
int ipmi_v15_decode(const uint8_t *buf, size_t len, IpmiV15Packet *out);
/* Encode header + payload (not the RMCP header). */
int ipmi_v15_encode(uint8_t *buf, size_t cap, const IpmiV15Packet *p);

/* RMCP+ session header. */
typedef struct {
	uint8_t payload_type; /* low 6 bits */
	bool encrypted;
	bool authenticated;
	uint32_t oem_iana;       /* only for payload type OEM (2) */
	uint16_t oem_payload_id; /* only for payload type OEM (2) */
	uint32_t session_id;
	uint32_t seq;
	const uint8_t *payload; /* as on the wire: still encrypted if encrypted */
	size_t payload_len;
	size_t header_len; /* bytes from auth type to payload start */
} IpmiV2Header;

/* Decode an RMCP+ header from just after the RMCP header (buf[0] must be
 * auth type 6).  Checks that payload_len fits in len; does not look at the
 * trailer.  Returns header_len + payload_len (the trailer starts there). */
int ipmi_v2_header_decode(const uint8_t *buf, size_t len, IpmiV2Header *out);
/* Encode the header only (payload pointer ignored, payload_len written). */
int ipmi_v2_header_encode(uint8_t *buf, size_t cap, const IpmiV2Header *h);

/* The integrity trailer of an authenticated packet. */
typedef struct {
	uint8_t pad_len;
	uint8_t next_header;
	const uint8_t *auth_code;
	size_t auth_code_len;
	size_t covered_len; /* bytes from auth type through next header: the MAC input */
} IpmiV2Trailer;

/* Parse the trailer of an authenticated packet of total length len (from
 * auth type on), given the header and the integrity algorithm's MAC length.
 * Checks, in this order: room for pad length + next header + MAC
 * (IPMI_ERR_TRUNCATED), pad length 0..4 (IPMI_ERR_PAD), header + payload +
 * pad + 2 + mac_len == len exactly (IPMI_ERR_LENGTH), pad bytes all 0xFF
 * (IPMI_ERR_PAD), next header 0x07 (IPMI_ERR_FORMAT).  A header without the
 * authenticated bit is IPMI_ERR_FORMAT.  Returns len. */
int ipmi_v2_trailer_decode(const uint8_t *buf, size_t len, const IpmiV2Header *h, size_t mac_len,
			   IpmiV2Trailer *out);

/* How many 0xFF pad bytes make (covered_without_pad + 2) a multiple of 4. */
size_t ipmi_v2_integrity_pad(size_t header_plus_payload_len);
