/* cmd_session.c - session-related App command codecs, see cmd_session.h. */
#include "cmd_session.h"

#include <string.h>

#include "buf.h"
#include "status.h"

#define ALG_TAG_MASK 0xC0
#define ALG_NUM_MASK 0x3F
#define ALG_TAG_AUTH 0x00
#define ALG_TAG_INTEG 0x40
#define ALG_TAG_CONF 0x80

/* ---- Get Channel Authentication Capabilities ---------------------------- */

int
ipmi_get_channel_auth_caps_req_decode(const uint8_t *buf, size_t len,
				      IpmiGetChannelAuthCapsReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t b0 = ipmi_rd_u8(&r);
	uint8_t b1 = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->v2_data = (b0 & 0x80) != 0;
	out->channel = b0 & 0x0F;
	out->max_priv = b1 & 0x0F;
	return (int)len;
}

int
ipmi_get_channel_auth_caps_req_encode(uint8_t *buf, size_t cap, const IpmiGetChannelAuthCapsReq *m)
{
	if (m->channel > 0x0F || m->max_priv > 0x0F)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, (uint8_t)((m->v2_data ? 0x80 : 0) | m->channel));
	ipmi_wr_u8(&w, m->max_priv);
	return ipmi_wr_finish(&w);
}

int
ipmi_get_channel_auth_caps_rsp_decode(const uint8_t *buf, size_t len,
				      IpmiGetChannelAuthCapsRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiGetChannelAuthCapsRsp m = {0};
	m.channel = ipmi_rd_u8(&r);
	uint8_t types = ipmi_rd_u8(&r);
	uint8_t status = ipmi_rd_u8(&r);
	uint8_t ext = ipmi_rd_u8(&r);
	m.oem_iana = ipmi_rd_u24le(&r);
	m.oem_aux = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	m.v2_ext = (types & 0x80) != 0;
	m.auth_types = types & 0x3F;
	m.kg_set = (status & 0x20) != 0;
	m.per_msg_auth_disabled = (status & 0x10) != 0;
	m.user_auth_disabled = (status & 0x08) != 0;
	m.non_null_users = (status & 0x04) != 0;
	m.null_users = (status & 0x02) != 0;
	m.anonymous = (status & 0x01) != 0;
	m.supports_v20 = (ext & 0x02) != 0;
	m.supports_v15 = (ext & 0x01) != 0;
	*out = m;
	return (int)len;
}

int
ipmi_get_channel_auth_caps_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetChannelAuthCapsRsp *m)
{
	if (m->auth_types > 0x3F || m->oem_iana > 0xFFFFFF)
		return IPMI_ERR_INVALID_ARG;
	uint8_t status =
	    (uint8_t)((m->kg_set ? 0x20 : 0) | (m->per_msg_auth_disabled ? 0x10 : 0) |
		      (m->user_auth_disabled ? 0x08 : 0) | (m->non_null_users ? 0x04 : 0) |
		      (m->null_users ? 0x02 : 0) | (m->anonymous ? 0x01 : 0));
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->channel);
	ipmi_wr_u8(&w, (uint8_t)((m->v2_ext ? 0x80 : 0) | m->auth_types));
	ipmi_wr_u8(&w, status);
	ipmi_wr_u8(&w, (uint8_t)((m->supports_v20 ? 0x02 : 0) | (m->supports_v15 ? 0x01 : 0)));
	ipmi_wr_u24le(&w, m->oem_iana);
	ipmi_wr_u8(&w, m->oem_aux);
	return ipmi_wr_finish(&w);
}

/* ---- Set Session Privilege Level ---------------------------------------- */

static int
decode_priv(const uint8_t *buf, size_t len, uint8_t *priv)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t b = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*priv = b & 0x0F;
	return (int)len;
}

static int
encode_priv(uint8_t *buf, size_t cap, uint8_t priv)
{
	if (priv > 0x0F)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, priv);
	return ipmi_wr_finish(&w);
}

int
ipmi_set_session_priv_req_decode(const uint8_t *buf, size_t len, IpmiSetSessionPrivReq *out)
{
	return decode_priv(buf, len, &out->priv);
}

int
ipmi_set_session_priv_req_encode(uint8_t *buf, size_t cap, const IpmiSetSessionPrivReq *m)
{
	return encode_priv(buf, cap, m->priv);
}

int
ipmi_set_session_priv_rsp_decode(const uint8_t *buf, size_t len, IpmiSetSessionPrivRsp *out)
{
	return decode_priv(buf, len, &out->priv);
}

int
ipmi_set_session_priv_rsp_encode(uint8_t *buf, size_t cap, const IpmiSetSessionPrivRsp *m)
{
	return encode_priv(buf, cap, m->priv);
}

/* ---- Close Session ------------------------------------------------------- */

int
ipmi_close_session_req_decode(const uint8_t *buf, size_t len, IpmiCloseSessionReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiCloseSessionReq m = {0};
	m.session_id = ipmi_rd_u32le(&r);
	if (m.session_id == 0)
		m.handle = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_close_session_req_encode(uint8_t *buf, size_t cap, const IpmiCloseSessionReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u32le(&w, m->session_id);
	if (m->session_id == 0)
		ipmi_wr_u8(&w, m->handle);
	return ipmi_wr_finish(&w);
}

int
ipmi_close_session_rsp_decode(const uint8_t *buf, size_t len)
{
	(void)buf;
	return len == 0 ? 0 : IPMI_ERR_LENGTH;
}

int
ipmi_close_session_rsp_encode(uint8_t *buf, size_t cap)
{
	(void)buf;
	(void)cap;
	return 0;
}

/* ---- Get Channel Cipher Suites ------------------------------------------- */

int
ipmi_get_cipher_suites_req_decode(const uint8_t *buf, size_t len, IpmiGetCipherSuitesReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t ch = ipmi_rd_u8(&r);
	uint8_t type = ipmi_rd_u8(&r);
	uint8_t idx = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->channel = ch & 0x0F;
	out->payload_type = type & 0x3F;
	out->by_suite = (idx & 0x80) != 0;
	out->index = idx & IPMI_CIPHER_SUITE_MAX_INDEX;
	return (int)len;
}

int
ipmi_get_cipher_suites_req_encode(uint8_t *buf, size_t cap, const IpmiGetCipherSuitesReq *m)
{
	if (m->channel > 0x0F || m->payload_type > 0x3F || m->index > IPMI_CIPHER_SUITE_MAX_INDEX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->channel);
	ipmi_wr_u8(&w, m->payload_type);
	ipmi_wr_u8(&w, (uint8_t)((m->by_suite ? 0x80 : 0) | m->index));
	return ipmi_wr_finish(&w);
}

int
ipmi_get_cipher_suites_rsp_decode(const uint8_t *buf, size_t len, IpmiGetCipherSuitesRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t ch = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	size_t n = ipmi_rd_left(&r);
	if (n > IPMI_CIPHER_SUITE_CHUNK)
		return IPMI_ERR_LENGTH;
	out->channel = ch;
	ipmi_rd_copy(&r, out->data, n);
	out->data_len = n;
	return (int)len;
}

int
ipmi_get_cipher_suites_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetCipherSuitesRsp *m)
{
	if (m->data_len > IPMI_CIPHER_SUITE_CHUNK)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->channel);
	ipmi_wr_bytes(&w, m->data, m->data_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_cipher_suite_records_encode(uint8_t *buf, size_t cap, const IpmiCipherSuiteRecord *recs,
				 size_t n)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	for (size_t i = 0; i < n; i++) {
		const IpmiCipherSuiteRecord *c = &recs[i];
		if (c->auth > ALG_NUM_MASK || c->integ > ALG_NUM_MASK || c->conf > ALG_NUM_MASK ||
		    (c->oem && c->oem_iana > 0xFFFFFF))
			return IPMI_ERR_INVALID_ARG;
		ipmi_wr_u8(&w, c->oem ? IPMI_CIPHER_RECORD_OEM : IPMI_CIPHER_RECORD_STD);
		ipmi_wr_u8(&w, c->id);
		if (c->oem)
			ipmi_wr_u24le(&w, c->oem_iana);
		ipmi_wr_u8(&w, ALG_TAG_AUTH | c->auth);
		ipmi_wr_u8(&w, ALG_TAG_INTEG | c->integ);
		ipmi_wr_u8(&w, ALG_TAG_CONF | c->conf);
	}
	return ipmi_wr_finish(&w);
}

static uint8_t
read_alg(IpmiReader *r, uint8_t tag, bool *bad)
{
	uint8_t b = ipmi_rd_u8(r);
	if (!r->err && (b & ALG_TAG_MASK) != tag)
		*bad = true;
	return b & ALG_NUM_MASK;
}

int
ipmi_cipher_suite_records_decode(const uint8_t *buf, size_t len, IpmiCipherSuiteRecord *out,
				 size_t max, size_t *n)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	size_t count = 0;
	while (ipmi_rd_left(&r) > 0) {
		IpmiCipherSuiteRecord c = {0};
		uint8_t tag = ipmi_rd_u8(&r);
		if (tag != IPMI_CIPHER_RECORD_STD && tag != IPMI_CIPHER_RECORD_OEM)
			return IPMI_ERR_FORMAT;
		c.oem = tag == IPMI_CIPHER_RECORD_OEM;
		c.id = ipmi_rd_u8(&r);
		if (c.oem)
			c.oem_iana = ipmi_rd_u24le(&r);
		bool bad = false;
		c.auth = read_alg(&r, ALG_TAG_AUTH, &bad);
		c.integ = read_alg(&r, ALG_TAG_INTEG, &bad);
		c.conf = read_alg(&r, ALG_TAG_CONF, &bad);
		if (r.err)
			return r.err;
		if (bad)
			return IPMI_ERR_FORMAT;
		if (count == max)
			return IPMI_ERR_NOBUF;
		out[count++] = c;
	}
	*n = count;
	return (int)len;
}

int
ipmi_cipher_suite_chunk(const uint8_t *stream, size_t len, uint8_t index,
			IpmiGetCipherSuitesRsp *rsp)
{
	if (index > IPMI_CIPHER_SUITE_MAX_INDEX)
		return IPMI_ERR_INVALID_ARG;
	size_t off = (size_t)index * IPMI_CIPHER_SUITE_CHUNK;
	size_t n = 0;
	if (off < len) {
		n = len - off;
		if (n > IPMI_CIPHER_SUITE_CHUNK)
			n = IPMI_CIPHER_SUITE_CHUNK;
		memcpy(rsp->data, stream + off, n);
	}
	rsp->data_len = n;
	return (int)n;
}
