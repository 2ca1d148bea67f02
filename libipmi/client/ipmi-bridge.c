/* ipmi-bridge.c - requests to controllers behind the BMC: IPMB bridging
 * with Send Message, single (target) or double (transit, then target), as
 * ipmitool's -t/-b and -T/-B do.
 *
 * The LAN message is built by the core (ipmi_bridge_request_encode) and
 * every answer unwrapped by it (ipmi_bridged_rsp_decode).  A bridged
 * request waits in the rqSeq table for a Send Message answer: with the
 * target's answer embedded (single bridging), with a failure completion
 * code (the bridge failed: that answer completes the request), or empty
 * (double bridging: the BMC took the request, and the transit
 * controller's Send Message answer with the target's answer inside comes
 * later as a message of its own, with the same rqSeq).  After an empty
 * acknowledgement the request is no longer retransmitted, so that the
 * target does not run it twice; its deadline still applies.
 */
#include "ipmi-client-private.h"

#include "core/status.h"

/**
 * ipmi_client_set_target:
 * @client: an #IpmiClient
 * @channel: the IPMB channel the target sits on (0-15)
 * @address: its slave address (8-bit form, e.g. 0x72), or 0 or
 *   %IPMI_BMC_ADDRESS for the BMC itself
 *
 * Sends every later request of ipmi_client_request_async() (and of the
 * typed operations) to this controller through the BMC, like ipmitool's
 * `-b CHANNEL -t ADDRESS`.  Session commands are never bridged.
 */
void
ipmi_client_set_target(IpmiClient *client, guint8 channel, guint8 address)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(channel <= 0x0F);
	client->target_channel = channel;
	client->target_addr = address;
}

/**
 * ipmi_client_set_transit:
 * @client: an #IpmiClient
 * @channel: the channel of the transit controller (0-15)
 * @address: its slave address, or 0 for single bridging
 *
 * Double bridging, like ipmitool's `-B CHANNEL -T ADDRESS`: requests go to
 * the transit controller, which forwards them to the target set with
 * ipmi_client_set_target() on the target's channel.
 */
void
ipmi_client_set_transit(IpmiClient *client, guint8 channel, guint8 address)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(channel <= 0x0F);
	client->transit_channel = channel;
	client->transit_addr = address;
}

/**
 * ipmi_client_get_target_address:
 * @client: an #IpmiClient
 *
 * Returns: the address set with ipmi_client_set_target(), 0 when none
 */
guint8
ipmi_client_get_target_address(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), 0);
	return client->target_addr;
}

static gboolean
needs_bridge(guint8 target_addr)
{
	return target_addr != 0 && target_addr != IPMI_BMC_SA;
}

gboolean
_ipmi_client_default_route(IpmiClient *client, IpmiBridgeRoute *route)
{
	if (!needs_bridge(client->target_addr))
		return FALSE;
	*route = (IpmiBridgeRoute){
	    .target_channel = client->target_channel,
	    .target_addr = client->target_addr,
	    .transit_channel = client->transit_channel,
	    .transit_addr = client->transit_addr,
	};
	return TRUE;
}

void
_ipmi_request_set_route(IpmiRequest *req, const IpmiBridgeRoute *route)
{
	if (!needs_bridge(route->target_addr))
		return;
	req->bridged = TRUE;
	req->route = *route;
	req->inner_netfn = req->netfn;
	req->inner_cmd = req->cmd;
	req->netfn = IPMI_NETFN_APP;
	req->cmd = IPMI_CMD_SEND_MESSAGE;
}

int
_ipmi_request_encode_bridged(IpmiRequest *req, guint8 seq)
{
	IpmiMsg inner = {
	    .netfn = req->inner_netfn,
	    .cmd = req->inner_cmd,
	    .data = req->data,
	    .data_len = req->data_len,
	};
	return ipmi_bridge_request_encode(req->msg, sizeof req->msg, &req->route, seq, &inner);
}

void
_ipmi_request_handle_bridged(IpmiClient *client, IpmiRequest *req, const guint8 *payload,
			     gsize payload_len)
{
	IpmiBridgedRsp b;
	int rc = ipmi_bridged_rsp_decode(payload, payload_len, &b);
	if (rc < 0) {
		g_debug("%s: %s: ignoring an undecodable bridged answer: %s", client->peer,
			req->what, ipmi_strerror(rc));
		return;
	}
	const IpmiMsg *r = &b.rsp;
	gboolean send_message = r->netfn == (IPMI_NETFN_APP | 1) && r->cmd == IPMI_CMD_SEND_MESSAGE;
	gboolean wanted = r->netfn == (req->inner_netfn | 1) && r->cmd == req->inner_cmd;
	if (send_message && !wanted) {
		if (r->cc == 0 && r->data_len == 0) {
			if (!req->awaiting)
				g_debug("%s: %s: Send Message acknowledged (layer %u), waiting for "
					"the bridged answer",
					client->peer, req->what, b.layers);
			req->awaiting = TRUE;
			req->sends = req->max_sends; /* no more retransmissions */
			_ipmi_transport_reschedule(client);
			return;
		}
		if (r->cc != 0) {
			/* The bridge failed (83h: nobody acknowledged on IPMB). */
			g_autoptr(GBytes) none = g_bytes_new(NULL, 0);
			_ipmi_request_complete(
			    client, req, ipmi_response_new(r->netfn, r->cmd, r->cc, none), NULL);
			return;
		}
	}
	if (!wanted) {
		g_debug("%s: %s: ignoring a bridged answer to netFn %02Xh cmd %02Xh", client->peer,
			req->what, r->netfn, r->cmd);
		return;
	}
	g_autoptr(GBytes) data = g_bytes_new(r->data, r->data_len);
	_ipmi_request_complete(client, req, ipmi_response_new(r->netfn, r->cmd, r->cc, data), NULL);
}

/**
 * ipmi_client_request_bridged_async:
 * @client: a connected #IpmiClient
 * @target_channel: the channel of the target controller (0-15)
 * @target_address: its slave address (0 or 20h: the BMC, no bridging)
 * @transit_channel: the channel of the transit controller (double bridging)
 * @transit_address: its slave address, or 0 for single bridging
 * @netfn: the network function (even)
 * @command: the command
 * @data: (array length=data_len) (nullable): the request data
 * @data_len: its length, at most %IPMI_CLIENT_MAX_REQUEST_DATA
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer or an error
 * @user_data: data for @callback
 *
 * Sends one request to a controller behind the BMC, whatever
 * ipmi_client_set_target() says.  The answer is the target's; when a
 * bridge on the way fails, it is the Send Message answer with its
 * completion code (83h: no controller at that address).
 */
void
ipmi_client_request_bridged_async(IpmiClient *client, guint8 target_channel, guint8 target_address,
				  guint8 transit_channel, guint8 transit_address, guint8 netfn,
				  guint8 command, const guint8 *data, gsize data_len,
				  GCancellable *cancellable, GAsyncReadyCallback callback,
				  gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(data != NULL || data_len == 0);
	GTask *task = g_task_new(client, cancellable, callback, user_data);
	g_task_set_source_tag(task, ipmi_client_request_bridged_async);
	g_task_set_name(task, "ipmi_client_request_bridged_async");
	if (target_channel > 0x0F || transit_channel > 0x0F) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
					"invalid bridge: channels are 0 to 15");
		g_object_unref(task);
		return;
	}
	IpmiBridgeRoute route = {
	    .target_channel = target_channel,
	    .target_addr = target_address,
	    .transit_channel = transit_channel,
	    .transit_addr = transit_address,
	};
	/* target 0: explicitly the BMC, not the client's default target */
	if (!needs_bridge(target_address))
		route.target_addr = IPMI_BMC_SA;
	_ipmi_request_start_public(client, task, netfn, command, data, data_len, cancellable,
				   &route);
}

/**
 * ipmi_client_request_bridged_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
IpmiResponse *
ipmi_client_request_bridged_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), NULL);
	g_return_val_if_fail(
	    g_task_get_source_tag(G_TASK(result)) == ipmi_client_request_bridged_async, NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

/**
 * ipmi_client_request_bridged_sync:
 * @client: a connected #IpmiClient
 * @target_channel: the channel of the target controller
 * @target_address: its slave address
 * @transit_channel: the channel of the transit controller
 * @transit_address: its slave address, or 0 for single bridging
 * @netfn: the network function (even)
 * @command: the command
 * @data: (array length=data_len) (nullable): the request data
 * @data_len: its length
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_request_bridged_async().
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
IpmiResponse *
ipmi_client_request_bridged_sync(IpmiClient *client, guint8 target_channel, guint8 target_address,
				 guint8 transit_channel, guint8 transit_address, guint8 netfn,
				 guint8 command, const guint8 *data, gsize data_len,
				 GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_request_bridged_async(client, target_channel, target_address, transit_channel,
					  transit_address, netfn, command, data, data_len,
					  cancellable, _ipmi_sync_done, s);
	IpmiResponse *rsp = ipmi_client_request_bridged_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return rsp;
}
