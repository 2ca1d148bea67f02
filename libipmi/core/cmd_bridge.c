/* cmd_bridge.c - Send Message and IPMB bridging, see cmd_bridge.h. */
#include "cmd_bridge.h"

#include "buf.h"
#include "status.h"

#define TRACK_SHIFT 6
#define BIT_ENCRYPT 0x20
#define BIT_AUTH 0x10

int
ipmi_send_message_req_decode(const uint8_t *buf, size_t len, IpmiSendMessageReq *out)
{
	if (len < 1)
		return IPMI_ERR_TRUNCATED;
	IpmiSendMessageReq m = {0};
	uint8_t b = buf[0];
	m.tracking = b >> TRACK_SHIFT;
	if (m.tracking > IPMI_BRIDGE_SEND_RAW)
		return IPMI_ERR_FORMAT;
	m.encrypt = (b & BIT_ENCRYPT) != 0;
	m.authenticate = (b & BIT_AUTH) != 0;
	m.channel = b & 0x0F;
	m.raw = buf + 1;
	m.raw_len = len - 1;
	if (m.tracking != IPMI_BRIDGE_SEND_RAW) {
		int rc = ipmi_msg_decode(buf + 1, len - 1, &m.msg);
		if (rc < 0)
			return rc;
	}
	*out = m;
	return (int)len;
}

int
ipmi_send_message_req_encode(uint8_t *buf, size_t cap, const IpmiSendMessageReq *m)
{
	if (m->channel > 0x0F || m->tracking > IPMI_BRIDGE_SEND_RAW ||
	    (m->tracking == IPMI_BRIDGE_SEND_RAW && m->raw_len && !m->raw))
		return IPMI_ERR_INVALID_ARG;
	if (cap < 1)
		return IPMI_ERR_NOBUF;
	buf[0] = (uint8_t)(m->tracking << TRACK_SHIFT | (m->encrypt ? BIT_ENCRYPT : 0) |
			   (m->authenticate ? BIT_AUTH : 0) | m->channel);
	if (m->tracking == IPMI_BRIDGE_SEND_RAW) {
		IpmiWriter w;
		ipmi_wr_init(&w, buf + 1, cap - 1);
		ipmi_wr_bytes(&w, m->raw, m->raw_len);
		int rc = ipmi_wr_finish(&w);
		return rc < 0 ? rc : rc + 1;
	}
	int rc = ipmi_msg_encode(buf + 1, cap - 1, &m->msg);
	return rc < 0 ? rc : rc + 1;
}

int
ipmi_send_message_rsp_decode(const uint8_t *buf, size_t len, IpmiSendMessageRsp *out)
{
	IpmiSendMessageRsp m = {0};
	if (len > 0) {
		int rc = ipmi_msg_decode(buf, len, &m.embedded);
		if (rc < 0)
			return rc;
		if (!ipmi_msg_is_response(&m.embedded))
			return IPMI_ERR_FORMAT;
		m.has_embedded = true;
	}
	*out = m;
	return (int)len;
}

int
ipmi_send_message_rsp_encode(uint8_t *buf, size_t cap, const IpmiSendMessageRsp *m)
{
	if (!m->has_embedded)
		return 0;
	if (!ipmi_msg_is_response(&m->embedded))
		return IPMI_ERR_INVALID_ARG;
	return ipmi_msg_encode(buf, cap, &m->embedded);
}

/* Write a request header: rsSA, netFn/rsLUN, chk1, rqSA, rqSeq/rqLUN, cmd.
 * Returns where the message's second checksum range starts (rqSA). */
static uint8_t *
put_header(IpmiWriter *w, uint8_t rs_sa, uint8_t netfn, uint8_t rs_lun, uint8_t rq_sa, uint8_t seq,
	   uint8_t rq_lun, uint8_t cmd)
{
	const uint8_t hdr[2] = {rs_sa, (uint8_t)(netfn << 2 | rs_lun)};
	ipmi_wr_bytes(w, hdr, sizeof hdr);
	ipmi_wr_u8(w, ipmi_checksum(hdr, sizeof hdr));
	uint8_t *body = w->p;
	ipmi_wr_u8(w, rq_sa);
	ipmi_wr_u8(w, (uint8_t)(seq << 2 | rq_lun));
	ipmi_wr_u8(w, cmd);
	return w->err ? NULL : body;
}

static void
put_checksum(IpmiWriter *w, const uint8_t *from)
{
	if (!w->err)
		ipmi_wr_u8(w, ipmi_checksum(from, (size_t)(w->p - from)));
}

int
ipmi_bridge_request_encode(uint8_t *buf, size_t cap, const IpmiBridgeRoute *route, uint8_t seq,
			   const IpmiMsg *req)
{
	uint8_t me = route->my_addr ? route->my_addr : IPMI_BMC_SA;
	bool dual = route->transit_addr != 0 && route->transit_addr != me;
	if (seq > 0x3F || route->my_lun > 3 || route->target_channel > 0x0F ||
	    route->transit_channel > 0x0F || req->netfn > 0x3F || req->dst_lun > 3 ||
	    req->data_len > IPMI_MSG_MAX_DATA || (req->data_len && !req->data))
		return IPMI_ERR_INVALID_ARG;
	/* Each layer wraps the next: the outer message's data is the request's
	 * plus 8 bytes (channel, header, checksum), plus 8 more when double,
	 * and must still be a message ipmi_msg_decode takes. */
	if (req->data_len > IPMI_MSG_MAX_DATA - (dual ? 16u : 8u))
		return IPMI_ERR_INVALID_ARG;
	const uint8_t track = IPMI_BRIDGE_TRACK_REQUEST << TRACK_SHIFT;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	uint8_t *outer = put_header(&w, IPMI_BMC_SA, IPMI_NETFN_APP, 0, IPMI_REMOTE_SWID, seq, 0,
				    IPMI_CMD_SEND_MESSAGE);
	ipmi_wr_u8(&w, track | (dual ? route->transit_channel : route->target_channel));
	uint8_t *middle = NULL;
	if (dual) {
		middle = put_header(&w, route->transit_addr, IPMI_NETFN_APP, 0, me, seq,
				    route->my_lun, IPMI_CMD_SEND_MESSAGE);
		ipmi_wr_u8(&w, track | route->target_channel);
	}
	uint8_t *inner = put_header(&w, route->target_addr, req->netfn, req->dst_lun, me, seq,
				    route->my_lun, req->cmd);
	ipmi_wr_bytes(&w, req->data, req->data_len);
	put_checksum(&w, inner);
	if (dual)
		put_checksum(&w, middle);
	put_checksum(&w, outer);
	return ipmi_wr_finish(&w);
}

static bool
is_send_message_rsp(const IpmiMsg *m)
{
	return m->netfn == (IPMI_NETFN_APP | 1) && m->cmd == IPMI_CMD_SEND_MESSAGE;
}

int
ipmi_bridged_rsp_decode(const uint8_t *buf, size_t len, IpmiBridgedRsp *out)
{
	IpmiBridgedRsp b = {0};
	int rc = ipmi_msg_decode(buf, len, &b.outer);
	if (rc < 0)
		return rc;
	if (!ipmi_msg_is_response(&b.outer))
		return IPMI_ERR_FORMAT;
	b.rsp = b.outer;
	while (b.layers < IPMI_BRIDGE_MAX_DEPTH && is_send_message_rsp(&b.rsp) && b.rsp.cc == 0 &&
	       b.rsp.data_len > 0) {
		IpmiSendMessageRsp s;
		rc = ipmi_send_message_rsp_decode(b.rsp.data, b.rsp.data_len, &s);
		if (rc < 0)
			return rc;
		b.rsp = s.embedded;
		b.layers++;
	}
	*out = b;
	return (int)len;
}
