/* rmcp.c - RMCP header and ASF presence ping/pong, see rmcp.h. */
#include "rmcp.h"

#include "buf.h"
#include "status.h"

#define ASF_HEADER_LEN 8 /* IANA 4, type, tag, reserved, data length */

int
ipmi_rmcp_decode(const uint8_t *buf, size_t len, IpmiRmcpHeader *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t version = ipmi_rd_u8(&r);
	(void)ipmi_rd_u8(&r); /* reserved */
	uint8_t seq = ipmi_rd_u8(&r);
	uint8_t msg_class = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	if (version != IPMI_RMCP_VERSION)
		return IPMI_ERR_FORMAT;
	out->version = version;
	out->seq = seq;
	out->msg_class = msg_class;
	return IPMI_RMCP_HEADER_LEN;
}

int
ipmi_rmcp_encode(uint8_t *buf, size_t cap, const IpmiRmcpHeader *h)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, h->version);
	ipmi_wr_u8(&w, 0);
	ipmi_wr_u8(&w, h->seq);
	ipmi_wr_u8(&w, h->msg_class);
	return ipmi_wr_finish(&w);
}

int
ipmi_asf_decode(const uint8_t *buf, size_t len, IpmiAsfMessage *out)
{
	IpmiReader r, data;
	ipmi_rd_init(&r, buf, len);
	IpmiAsfMessage m = {0};
	m.iana = ipmi_rd_u32be(&r);
	m.type = ipmi_rd_u8(&r);
	m.tag = ipmi_rd_u8(&r);
	(void)ipmi_rd_u8(&r); /* reserved */
	uint8_t data_len = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	ipmi_rd_sub(&r, data_len, &data);
	if (r.err)
		return r.err;
	if (m.type == IPMI_ASF_TYPE_PONG) {
		if (data_len < IPMI_ASF_PONG_DATA_LEN)
			return IPMI_ERR_FORMAT;
		m.oem_iana = ipmi_rd_u32be(&data);
		m.oem_defined = ipmi_rd_u32be(&data);
		m.supported_entities = ipmi_rd_u8(&data);
		m.supported_interactions = ipmi_rd_u8(&data);
		/* six reserved bytes, and anything a later ASF version adds */
	}
	*out = m;
	return ASF_HEADER_LEN + data_len;
}

int
ipmi_asf_encode(uint8_t *buf, size_t cap, const IpmiAsfMessage *m)
{
	if (m->type != IPMI_ASF_TYPE_PING && m->type != IPMI_ASF_TYPE_PONG)
		return IPMI_ERR_INVALID_ARG;
	bool pong = m->type == IPMI_ASF_TYPE_PONG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u32be(&w, m->iana);
	ipmi_wr_u8(&w, m->type);
	ipmi_wr_u8(&w, m->tag);
	ipmi_wr_u8(&w, 0);
	ipmi_wr_u8(&w, pong ? IPMI_ASF_PONG_DATA_LEN : 0);
	if (pong) {
		ipmi_wr_u32be(&w, m->oem_iana);
		ipmi_wr_u32be(&w, m->oem_defined);
		ipmi_wr_u8(&w, m->supported_entities);
		ipmi_wr_u8(&w, m->supported_interactions);
		ipmi_wr_fill(&w, 0, 6);
	}
	return ipmi_wr_finish(&w);
}
