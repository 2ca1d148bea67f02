/* msg.c - IPMI LAN / IPMB message codec, see msg.h.
 *
 * Request:  rsSA | netFn<<2|rsLUN | chk1 | rqSA | rqSeq<<2|rqLUN | cmd | data | chk2
 * Response: rqSA | netFn<<2|rqLUN | chk1 | rsSA | rqSeq<<2|rsLUN | cmd | cc | data | chk2
 * chk1 covers bytes 0-1, chk2 everything from byte 3 to just before it; a
 * correct checksum makes the covered bytes plus itself sum to zero.
 */
#include "msg.h"

#include "buf.h"
#include "status.h"

uint8_t
ipmi_checksum(const uint8_t *buf, size_t len)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + buf[i]);
	return (uint8_t)-sum;
}

int
ipmi_msg_decode(const uint8_t *buf, size_t len, IpmiMsg *out)
{
	if (len < IPMI_MSG_MIN_REQ)
		return IPMI_ERR_TRUNCATED;
	/* There is no length field: the checksums are the only guard
	 * against truncation, so verify them before trusting anything. */
	if (ipmi_checksum(buf, 3) != 0)
		return IPMI_ERR_CHECKSUM;
	bool rsp = (buf[1] >> 2) & 1;
	if (rsp && len < IPMI_MSG_MIN_RSP)
		return IPMI_ERR_TRUNCATED;
	if (ipmi_checksum(buf + 3, len - 3) != 0)
		return IPMI_ERR_CHECKSUM;
	size_t hdr = rsp ? 7 : 6;
	if (len - hdr - 1 > IPMI_MSG_MAX_DATA)
		return IPMI_ERR_LENGTH;
	IpmiMsg m = {
	    .dst_addr = buf[0],
	    .netfn = buf[1] >> 2,
	    .dst_lun = buf[1] & 3,
	    .src_addr = buf[3],
	    .rq_seq = buf[4] >> 2,
	    .src_lun = buf[4] & 3,
	    .cmd = buf[5],
	    .cc = rsp ? buf[6] : 0,
	    .data = buf + hdr,
	    .data_len = len - hdr - 1,
	};
	*out = m;
	return (int)len;
}

int
ipmi_msg_encode(uint8_t *buf, size_t cap, const IpmiMsg *m)
{
	if (m->netfn > 0x3F || m->dst_lun > 3 || m->src_lun > 3 || m->rq_seq > 0x3F ||
	    m->data_len > IPMI_MSG_MAX_DATA || (m->data_len && !m->data))
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	const uint8_t hdr[2] = {m->dst_addr, (uint8_t)(m->netfn << 2 | m->dst_lun)};
	ipmi_wr_bytes(&w, hdr, sizeof hdr);
	ipmi_wr_u8(&w, ipmi_checksum(hdr, sizeof hdr));
	uint8_t *body = w.p;
	ipmi_wr_u8(&w, m->src_addr);
	ipmi_wr_u8(&w, (uint8_t)(m->rq_seq << 2 | m->src_lun));
	ipmi_wr_u8(&w, m->cmd);
	if (ipmi_msg_is_response(m))
		ipmi_wr_u8(&w, m->cc);
	ipmi_wr_bytes(&w, m->data, m->data_len);
	if (w.err)
		return w.err;
	ipmi_wr_u8(&w, ipmi_checksum(body, (size_t)(w.p - body)));
	return ipmi_wr_finish(&w);
}

void
ipmi_msg_response_to(const IpmiMsg *req, IpmiMsg *rsp, uint8_t cc)
{
	IpmiMsg m = {
	    .dst_addr = req->src_addr,
	    .netfn = (uint8_t)(req->netfn | 1),
	    .dst_lun = req->src_lun,
	    .src_addr = req->dst_addr,
	    .rq_seq = req->rq_seq,
	    .src_lun = req->dst_lun,
	    .cmd = req->cmd,
	    .cc = cc,
	    .data = NULL,
	    .data_len = 0,
	};
	*rsp = m;
}
