/* h_bridge.c - Send Message (App 34h): IPMB bridging to satellites.
 *
 * The embedded request goes to the satellite at that address on that
 * channel, which answers through the same dispatcher with its own model.
 * Double bridging is a Send Message to a satellite carrying another Send
 * Message, so it nests naturally: the satellite's own Send Message handler
 * forwards to its satellites.
 *
 * How the answer travels back is dictated by ipmitool 1.8.19's lanplus
 * plugin (ipmi_lan_poll_single), which tracks a bridged request by rqSeq
 * and command and peels one Send Message response per bridging level:
 *   - single bridging (-t/-b): the target's response embedded in the Send
 *     Message response (form (a) of cmd_bridge.h); FreeIPMI reads the same.
 *   - double bridging (-T/-B -t/-b): the BMC answers the outer Send Message
 *     at once with no data, and then delivers the transit controller's Send
 *     Message response, with the target's response embedded, as a separate
 *     message (form (b)).  ipmitool cannot take both layers embedded in one
 *     message: after the first layer it drops its request entry (it removes
 *     the entry under the command it still holds, 34h) and the inner layer
 *     matches nothing.  This is also what a real BMC does, since the transit
 *     controller's answer arrives later over IPMB.
 */
#include "core/cmd_bridge.h"
#include "core/rakp.h"
#include "core/status.h"
#include "handler.h"
#include "model.h"

#define CC_NAK_ON_WRITE 0x83 /* Send Message: no device acknowledged */
#define BRIDGE_MAX_DEPTH 4   /* Send Message layers a request may carry */

static uint8_t
send_message(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	IpmiSendMessageReq sm;
	int rc = ipmi_send_message_req_decode(req->data, req->data_len, &sm);
	if (rc == IPMI_ERR_TRUNCATED && req->data_len < 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	if (rc < 0 || sm.tracking == IPMI_BRIDGE_SEND_RAW || ipmi_msg_is_response(&sm.msg))
		return IPMI_CC_INVALID_DATA_FIELD;
	if (rq->depth >= BRIDGE_MAX_DEPTH)
		return IPMI_CC_INVALID_DATA_FIELD;
	BmcModel *target = bmc_model_find_satellite(rq->model, sm.channel, sm.msg.dst_addr);
	if (!target)
		return CC_NAK_ON_WRITE;
	BmcRequest inner = *rq;
	inner.model = target;
	inner.channel = sm.channel;
	inner.depth = rq->depth + 1;
	inner.session = NULL; /* session commands do not cross a bridge */
	uint8_t data[IPMI_MSG_MAX_DATA];
	size_t n = 0;
	uint8_t cc = bmc_dispatch(&inner, &sm.msg, data, sizeof data, &n);
	IpmiSendMessageRsp r = {.has_embedded = TRUE};
	ipmi_msg_response_to(&sm.msg, &r.embedded, cc);
	r.embedded.data = n ? data : NULL;
	r.embedded.data_len = n;
	if (rq->depth == 0 && sm.msg.netfn == IPMI_NETFN_APP &&
	    sm.msg.cmd == IPMI_CMD_SEND_MESSAGE) {
		/* Double bridging: the transit controller's answer follows on
		 * its own. */
		uint8_t later[IPMI_MSG_MAX_DATA + 16];
		rc = ipmi_msg_encode(later, sizeof later, &r.embedded);
		if (rc < 0)
			return IPMI_CC_CANT_RETURN_BYTES;
		rq->deferred = g_bytes_new(later, (gsize)rc);
		*len = 0;
		return IPMI_CC_OK;
	}
	rc = ipmi_send_message_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_CANT_RETURN_BYTES;
	*len = (size_t)rc;
	return IPMI_CC_OK;
}

const BmcHandler bmc_bridge_handlers[] = {
    {IPMI_NETFN_APP, IPMI_CMD_SEND_MESSAGE, IPMI_PRIV_USER, send_message},
    {0, 0, 0, NULL},
};
