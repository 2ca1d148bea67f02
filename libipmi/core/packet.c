/* packet.c - IPMI 1.5 and RMCP+ session wrappers, see packet.h. */
#include "packet.h"

#include "buf.h"
#include "status.h"

#define V2_MAX_INTEG_PAD 4

static bool
v15_auth_type_valid(uint8_t t)
{
	switch (t) {
	case IPMI_AUTHTYPE_NONE:
	case IPMI_AUTHTYPE_MD2:
	case IPMI_AUTHTYPE_MD5:
	case IPMI_AUTHTYPE_PASSWORD:
	case IPMI_AUTHTYPE_OEM:
		return true;
	default:
		return false;
	}
}

int
ipmi_v15_decode(const uint8_t *buf, size_t len, IpmiV15Packet *out)
{
	IpmiReader r, payload;
	ipmi_rd_init(&r, buf, len);
	IpmiV15Packet p = {0};
	p.auth_type = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	if (!v15_auth_type_valid(p.auth_type))
		return IPMI_ERR_FORMAT;
	p.seq = ipmi_rd_u32le(&r);
	p.session_id = ipmi_rd_u32le(&r);
	if (p.auth_type != IPMI_AUTHTYPE_NONE)
		ipmi_rd_copy(&r, p.auth_code, sizeof p.auth_code);
	uint8_t plen = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	ipmi_rd_sub(&r, plen, &payload);
	if (r.err)
		return r.err;
	/* The legacy pad: exactly one zero byte may follow the payload. */
	size_t left = ipmi_rd_left(&r);
	if (left > 1 || (left == 1 && r.p[0] != 0))
		return IPMI_ERR_LENGTH;
	p.payload = payload.p;
	p.payload_len = plen;
	*out = p;
	return (int)len;
}

int
ipmi_v15_encode(uint8_t *buf, size_t cap, const IpmiV15Packet *p)
{
	if (!v15_auth_type_valid(p->auth_type) || p->payload_len > 0xFF ||
	    (p->payload_len && !p->payload))
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, p->auth_type);
	ipmi_wr_u32le(&w, p->seq);
	ipmi_wr_u32le(&w, p->session_id);
	if (p->auth_type != IPMI_AUTHTYPE_NONE)
		ipmi_wr_bytes(&w, p->auth_code, sizeof p->auth_code);
	ipmi_wr_u8(&w, (uint8_t)p->payload_len);
	ipmi_wr_bytes(&w, p->payload, p->payload_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_v2_header_decode(const uint8_t *buf, size_t len, IpmiV2Header *out)
{
	IpmiReader r, payload;
	ipmi_rd_init(&r, buf, len);
	IpmiV2Header h = {0};
	uint8_t auth_type = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	if (auth_type != IPMI_AUTHTYPE_RMCPP)
		return IPMI_ERR_FORMAT;
	uint8_t type = ipmi_rd_u8(&r);
	h.payload_type = type & 0x3F;
	h.encrypted = (type & IPMI_PAYLOAD_ENCRYPTED) != 0;
	h.authenticated = (type & IPMI_PAYLOAD_AUTHENTICATED) != 0;
	if (h.payload_type == IPMI_PAYLOAD_OEM) {
		h.oem_iana = ipmi_rd_u32le(&r);
		h.oem_payload_id = ipmi_rd_u16le(&r);
	}
	h.session_id = ipmi_rd_u32le(&r);
	h.seq = ipmi_rd_u32le(&r);
	uint16_t plen = ipmi_rd_u16le(&r);
	if (r.err)
		return r.err;
	h.header_len = (size_t)(r.p - buf);
	ipmi_rd_sub(&r, plen, &payload);
	if (r.err)
		return r.err;
	h.payload = payload.p;
	h.payload_len = plen;
	*out = h;
	return (int)(h.header_len + h.payload_len);
}

int
ipmi_v2_header_encode(uint8_t *buf, size_t cap, const IpmiV2Header *h)
{
	if (h->payload_type > 0x3F || h->payload_len > 0xFFFF)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, IPMI_AUTHTYPE_RMCPP);
	ipmi_wr_u8(&w, (uint8_t)(h->payload_type | (h->encrypted ? IPMI_PAYLOAD_ENCRYPTED : 0) |
				 (h->authenticated ? IPMI_PAYLOAD_AUTHENTICATED : 0)));
	if (h->payload_type == IPMI_PAYLOAD_OEM) {
		ipmi_wr_u32le(&w, h->oem_iana);
		ipmi_wr_u16le(&w, h->oem_payload_id);
	}
	ipmi_wr_u32le(&w, h->session_id);
	ipmi_wr_u32le(&w, h->seq);
	ipmi_wr_u16le(&w, (uint16_t)h->payload_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_v2_trailer_decode(const uint8_t *buf, size_t len, const IpmiV2Header *h, size_t mac_len,
		       IpmiV2Trailer *out)
{
	if (!h->authenticated)
		return IPMI_ERR_FORMAT; /* an unauthenticated packet has no trailer */
	size_t body = h->header_len + h->payload_len;
	if (body > len || len - body < 2 + mac_len)
		return IPMI_ERR_TRUNCATED;
	size_t nh_at = len - mac_len - 1; /* Next Header, just before the AuthCode */
	uint8_t pad_len = buf[nh_at - 1];
	if (pad_len > V2_MAX_INTEG_PAD)
		return IPMI_ERR_PAD;
	if (body + pad_len + 2 + mac_len != len)
		return IPMI_ERR_LENGTH;
	for (size_t i = 0; i < pad_len; i++)
		if (buf[body + i] != 0xFF)
			return IPMI_ERR_PAD;
	if (buf[nh_at] != IPMI_NEXT_HEADER)
		return IPMI_ERR_FORMAT;
	out->pad_len = pad_len;
	out->next_header = buf[nh_at];
	out->auth_code = buf + nh_at + 1;
	out->auth_code_len = mac_len;
	out->covered_len = nh_at + 1;
	return (int)len;
}

size_t
ipmi_v2_integrity_pad(size_t header_plus_payload_len)
{
	return (4 - ((header_plus_payload_len + 2) & 3)) & 3;
}
