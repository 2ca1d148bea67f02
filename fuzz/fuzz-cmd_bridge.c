/* fuzz-cmd_bridge.c - Send Message and IPMB bridging (cmd_bridge.h).
 * Input: [route 6 bytes][LAN message].  The message goes to the bridged
 * response decoder and, as command data, to the Send Message request and
 * response codecs; the route and the message's netFn/cmd/data build a
 * bridged request with ipmi_bridge_request_encode, which must decode. */
#include <string.h>

#include "core/cmd_bridge.h"
#include "fuzz.h"

static void
check_request(const IpmiBridgeRoute *route, uint8_t seq, const IpmiMsg *req)
{
	static uint8_t buf[1500];
	int n = ipmi_bridge_request_encode(buf, sizeof buf, route, seq, req);
	if (n < 0)
		return;
	IpmiMsg outer;
	FUZZ_CHECK(ipmi_msg_decode(buf, (size_t)n, &outer) == n);
	FUZZ_CHECK(outer.cmd == IPMI_CMD_SEND_MESSAGE && outer.rq_seq == seq);
	IpmiSendMessageReq sm;
	FUZZ_CHECK(ipmi_send_message_req_decode(outer.data, outer.data_len, &sm) >= 0);
	uint8_t me = route->my_addr ? route->my_addr : IPMI_BMC_SA;
	if (route->transit_addr != 0 && route->transit_addr != me) {
		FUZZ_CHECK(sm.msg.cmd == IPMI_CMD_SEND_MESSAGE);
		IpmiSendMessageReq inner;
		FUZZ_CHECK(ipmi_send_message_req_decode(sm.msg.data, sm.msg.data_len, &inner) >= 0);
		sm = inner;
	}
	FUZZ_CHECK(sm.msg.cmd == req->cmd && sm.msg.netfn == req->netfn &&
		   sm.msg.data_len == req->data_len && sm.msg.rq_seq == seq);
	FUZZ_CHECK(req->data_len == 0 || memcmp(sm.msg.data, req->data, req->data_len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 6)
		return 0;
	IpmiBridgeRoute route = {
	    .target_channel = data[0] & 0x0F,
	    .transit_channel = data[0] >> 4,
	    .target_addr = data[1],
	    .transit_addr = data[2],
	    .my_addr = data[3],
	    .my_lun = data[4] & 3,
	};
	uint8_t seq = data[5] & 0x3F;
	const uint8_t *p = data + 6;
	size_t n = size - 6;

	IpmiBridgedRsp b;
	if (ipmi_bridged_rsp_decode(p, n, &b) >= 0) {
		FUZZ_CHECK(b.layers <= IPMI_BRIDGE_MAX_DEPTH);
		FUZZ_CHECK(ipmi_msg_is_response(&b.rsp));
	}
	fuzz_command_data(IPMI_NETFN_APP, IPMI_CMD_SEND_MESSAGE, p, n);
	fuzz_command_data(IPMI_NETFN_APP | 1, IPMI_CMD_SEND_MESSAGE, p, n);

	IpmiMsg m;
	if (ipmi_msg_decode(p, n, &m) >= 0) {
		fuzz_lan_payload(p, n);
		IpmiMsg req = m;
		req.netfn &= (uint8_t)~1u;
		check_request(&route, seq, &req);
	} else {
		/* Raw bytes as the bridged request's data. */
		IpmiMsg req = {.netfn = IPMI_NETFN_APP, .cmd = 0x01, .data = p, .data_len = n};
		if (n > IPMI_MSG_MAX_DATA)
			req.data_len = IPMI_MSG_MAX_DATA;
		check_request(&route, seq, &req);
	}
	return 0;
}
