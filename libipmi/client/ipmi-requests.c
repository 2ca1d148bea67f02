/* ipmi-requests.c - the rqSeq table: requests in flight, their
 * retransmission with backoff under an overall deadline, and completion.
 *
 * Each request owns a 6-bit rqSeq while in flight.  A retransmission is
 * the same LAN message (same rqSeq) sealed again, so it carries a new
 * session sequence number.  An answer completes the request in the slot
 * named by its rqSeq when netFn and command match; any later copy finds
 * the slot empty (or holding another command) and is ignored.  Every
 * request leaves the table through _ipmi_request_complete(), which calls
 * its done function exactly once, or through _ipmi_requests_drop_owned()
 * when its owner is gone and nobody waits for it. */
#include "ipmi-client-private.h"

#include <string.h>

#include "core/channel.h"
#include "core/cmd_session.h"
#include "core/status.h"

const char *
_ipmi_command_name(guint8 netfn, guint8 cmd)
{
	netfn &= 0x3E;
	if (netfn == IPMI_NETFN_APP) {
		switch (cmd) {
		case 0x01:
			return "Get Device ID";
		case IPMI_CMD_GET_CHANNEL_AUTH_CAPS:
			return "Get Channel Authentication Capabilities";
		case IPMI_CMD_SET_SESSION_PRIVILEGE:
			return "Set Session Privilege Level";
		case IPMI_CMD_CLOSE_SESSION:
			return "Close Session";
		case IPMI_CMD_GET_CHANNEL_CIPHER_SUITES:
			return "Get Channel Cipher Suites";
		}
	} else if (netfn == IPMI_NETFN_CHASSIS) {
		switch (cmd) {
		case 0x01:
			return "Get Chassis Status";
		case 0x02:
			return "Chassis Control";
		}
	}
	return NULL;
}

IpmiRequest *
_ipmi_request_new(guint8 netfn, guint8 cmd, const guint8 *data, gsize len, gboolean presession,
		  const char *what)
{
	g_return_val_if_fail(len <= IPMI_CLIENT_MAX_REQUEST_DATA, NULL);
	IpmiRequest *req = g_new0(IpmiRequest, 1);
	req->netfn = netfn & 0x3E;
	req->cmd = cmd;
	req->data = len ? g_memdup2(data, len) : NULL;
	req->data_len = len;
	req->presession = presession;
	req->seq = -1;
	if (!what)
		what = _ipmi_command_name(netfn, cmd);
	if (!what) {
		g_snprintf(req->what_buf, sizeof req->what_buf, "command %02Xh/%02Xh", req->netfn,
			   cmd);
		what = req->what_buf;
	}
	req->what = what;
	return req;
}

static void
request_free(IpmiRequest *req)
{
	/* Request data may be secret (Set User Password): wipe it. */
	if (req->data)
		ipmi_wipe(req->data, req->data_len);
	ipmi_wipe(req->msg, sizeof req->msg);
	g_free(req->data);
	g_free(req);
}

/* Take a request out of the table or the queue. */
static void
detach(IpmiClient *client, IpmiRequest *req)
{
	if (req->seq >= 0) {
		g_assert(client->slots[req->seq] == req);
		client->slots[req->seq] = NULL;
		client->inflight--;
		req->seq = -1;
	} else {
		g_queue_remove(&client->queue, req);
	}
	_ipmi_cancel_watch_remove(client, req->watch);
	req->watch = NULL;
}

static void
transmit(IpmiClient *client, IpmiRequest *req, gint64 now)
{
	guint8 dgram[IPMI_MAX_DATAGRAM];
	int n;
	if (req->presession)
		n = ipmi_v15_plain_encode(req->msg, req->msg_len, dgram, sizeof dgram);
	else if (client->console.state == IPMI_CONSOLE_ACTIVE)
		n = ipmi_channel_seal(&client->console.chan, IPMI_PAYLOAD_IPMI, req->msg,
				      req->msg_len, dgram, sizeof dgram);
	else
		n = IPMI_ERR_STATE;
	/* Double the wait each time, but leave room for every remaining
	 * retransmission before the deadline (which matters only when the
	 * minimum RTO stretched the schedule). */
	gint64 wait = req->fixed_rto ? req->rto : req->rto << MIN(req->sends, 16u);
	if (req->sends > 0 && !req->presession)
		_ipmi_keepalive_on_retransmit(client, req);
	if (req->sends == 0)
		req->first_send = now;
	if (!req->presession)
		client->last_tx = now;
	req->sends++;
	guint left = req->max_sends - req->sends;
	if (left > 0)
		wait = MIN(wait, MAX((req->deadline - now) / (left + 1), IPMI_MIN_RTO_US));
	req->next_send = now + wait;
	if (n < 0) {
		/* Counted as a lost datagram; the deadline ends it. */
		g_debug("%s: %s: cannot encode: %s", client->peer, req->what, ipmi_strerror(n));
		return;
	}
	if (req->sends > 1)
		g_debug("%s: %s: retransmission %u (rqSeq %d)", client->peer, req->what,
			req->sends - 1, req->seq);
	_ipmi_transport_send(client, dgram, (gsize)n);
}

/* Move queued requests into free slots, round-robin, and send them. */
static void
pump(IpmiClient *client)
{
	gint64 now = g_get_monotonic_time();
	while (client->inflight < IPMI_MAX_INFLIGHT && !g_queue_is_empty(&client->queue)) {
		/* During a re-login only the new session's own requests go. */
		GList *l = client->queue.head;
		while (
		    l && client->relogging &&
		    (!client->connect_op || ((IpmiRequest *)l->data)->owner != client->connect_op))
			l = l->next;
		if (!l)
			break;
		guint seq = client->next_seq;
		while (client->slots[seq])
			seq = (seq + 1) % IPMI_RQSEQ_SLOTS;
		IpmiRequest *req = l->data;
		g_queue_delete_link(&client->queue, l);
		req->seq = (int)seq;
		client->slots[seq] = req;
		client->inflight++;
		client->next_seq = (seq + 1) % IPMI_RQSEQ_SLOTS;
		IpmiMsg m = {
		    .dst_addr = IPMI_BMC_SA,
		    .netfn = req->netfn,
		    .dst_lun = 0,
		    .src_addr = IPMI_REMOTE_SWID,
		    .rq_seq = (uint8_t)seq,
		    .src_lun = 0,
		    .cmd = req->cmd,
		    .data = req->data,
		    .data_len = req->data_len,
		};
		int n = req->bridged ? _ipmi_request_encode_bridged(req, (guint8)seq)
				     : ipmi_msg_encode(req->msg, sizeof req->msg, &m);
		req->msg_len = n > 0 ? (gsize)n : 0;
		transmit(client, req, now);
	}
}

void
_ipmi_requests_pump(IpmiClient *client)
{
	pump(client);
	_ipmi_transport_reschedule(client);
}

static void
submit(IpmiClient *client, IpmiRequest *req, guint timeout_ms, guint retries, gint64 fixed_rto)
{
	gint64 now = g_get_monotonic_time();
	gint64 timeout = (gint64)MAX(timeout_ms, 1u) * G_TIME_SPAN_MILLISECOND;
	retries = MIN(retries, 16u);
	/* Waits of rto, 2 rto, 4 rto ... add up to the timeout exactly. */
	req->deadline = now + timeout;
	req->rto = MAX(timeout / ((G_GINT64_CONSTANT(1) << (retries + 1)) - 1), IPMI_MIN_RTO_US);
	if (fixed_rto > 0) {
		req->rto = MAX(fixed_rto, IPMI_MIN_RTO_US);
		req->fixed_rto = TRUE;
	}
	req->max_sends = retries + 1;
	req->sends = 0;
	g_queue_push_tail(&client->queue, req);
	pump(client);
	_ipmi_transport_reschedule(client);
}

void
_ipmi_request_submit(IpmiClient *client, IpmiRequest *req, guint timeout_ms, guint retries)
{
	submit(client, req, timeout_ms, retries, 0);
}

void
_ipmi_request_submit_default(IpmiClient *client, IpmiRequest *req)
{
	if (client->retransmit_ms == 0) {
		submit(client, req, client->timeout_ms, client->retries, 0);
		return;
	}
	/* ipmitool's -N/-R: equal waits of retransmit-interval, retries + 1
	 * tries. */
	guint retries = MIN(client->retries, 16u);
	guint64 total = (guint64)client->retransmit_ms * (retries + 1);
	submit(client, req, (guint)MIN(total, (guint64)G_MAXUINT), retries,
	       (gint64)client->retransmit_ms * G_TIME_SPAN_MILLISECOND);
}

void
_ipmi_requests_requeue(IpmiClient *client, gboolean (*repeat_ok)(const IpmiRequest *),
		       const GError *error)
{
	g_autoptr(GPtrArray) again = g_ptr_array_new();
	g_autoptr(GPtrArray) failed = g_ptr_array_new();
	g_autoptr(GPtrArray) dropped = g_ptr_array_new();
	for (guint i = 0; i < IPMI_RQSEQ_SLOTS; i++) {
		IpmiRequest *req = client->slots[i];
		if (!req || req->presession)
			continue;
		if (req->owner == IPMI_INTERNAL_OWNER(client))
			g_ptr_array_add(dropped, req);
		else if (req->owner)
			continue;
		else if (req->sends == 0 || (!req->awaiting && repeat_ok && repeat_ok(req)))
			g_ptr_array_add(again, req);
		else
			g_ptr_array_add(failed, req);
	}
	for (guint i = 0; i < again->len; i++) {
		IpmiRequest *req = g_ptr_array_index(again, i);
		client->slots[req->seq] = NULL;
		client->inflight--;
		req->seq = -1;
		req->sends = 0;
		req->next_send = 0;
		req->first_send = 0;
		req->awaiting = FALSE;
	}
	/* Back to the queue in their original order, before anything newer. */
	for (guint i = again->len; i-- > 0;)
		g_queue_push_head(&client->queue, g_ptr_array_index(again, i));
	for (guint i = 0; i < dropped->len; i++) {
		IpmiRequest *req = g_ptr_array_index(dropped, i);
		detach(client, req);
		req->done(client, req, NULL, error);
		request_free(req);
	}
	for (guint i = 0; i < failed->len; i++) {
		IpmiRequest *req = g_ptr_array_index(failed, i);
		detach(client, req);
		g_debug("%s: %s: not sent again: it may have run before the session was lost",
			client->peer, req->what);
		req->done(client, req, NULL, error);
		request_free(req);
	}
	_ipmi_transport_reschedule(client);
}

void
_ipmi_request_complete(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, GError *error)
{
	detach(client, req);
	req->done(client, req, rsp, error);
	if (rsp)
		ipmi_response_unref(rsp);
	if (error)
		g_error_free(error);
	request_free(req);
	pump(client);
	_ipmi_transport_reschedule(client);
}

static gboolean
matches(IpmiRequest *req, gpointer owner, gboolean public_only)
{
	return public_only ? req->owner == NULL : req->owner == owner;
}

/* Requests of owner (or every public one), detached, in submission order. */
static GPtrArray *
collect(IpmiClient *client, gpointer owner, gboolean public_only)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < IPMI_RQSEQ_SLOTS; i++) {
		IpmiRequest *req = client->slots[i];
		if (req && matches(req, owner, public_only))
			g_ptr_array_add(out, req);
	}
	for (GList *l = client->queue.head; l; l = l->next) {
		if (matches(l->data, owner, public_only))
			g_ptr_array_add(out, l->data);
	}
	for (guint i = 0; i < out->len; i++)
		detach(client, g_ptr_array_index(out, i));
	return out;
}

void
_ipmi_requests_fail(IpmiClient *client, gpointer owner, gboolean public_only, const GError *error)
{
	g_autoptr(GPtrArray) reqs = collect(client, owner, public_only);
	for (guint i = 0; i < reqs->len; i++) {
		IpmiRequest *req = g_ptr_array_index(reqs, i);
		req->done(client, req, NULL, error);
		request_free(req);
	}
	_ipmi_transport_reschedule(client);
}

void
_ipmi_requests_drop_owned(IpmiClient *client, gpointer owner)
{
	g_return_if_fail(owner != NULL);
	g_autoptr(GPtrArray) reqs = collect(client, owner, FALSE);
	for (guint i = 0; i < reqs->len; i++)
		request_free(g_ptr_array_index(reqs, i));
	_ipmi_transport_reschedule(client);
}

void
_ipmi_requests_handle_response(IpmiClient *client, const IpmiMsg *m, gboolean presession,
			       const guint8 *payload, gsize payload_len)
{
	if (!ipmi_msg_is_response(m))
		return;
	if (!presession)
		client->last_rx = g_get_monotonic_time(); /* authenticated: the session lives */
	else
		client->rx_presession++;
	IpmiRequest *req = client->slots[m->rq_seq % IPMI_RQSEQ_SLOTS];
	if (req && presession && !req->presession && (req->netfn | 1) == m->netfn &&
	    req->cmd == m->cmd) {
		_ipmi_keepalive_on_hint(client, req);
		return;
	}
	if (req && req->bridged && !presession && payload) {
		/* The answer may come back as a Send Message response or as
		 * the target's own message: ipmi-bridge.c sorts it out. */
		_ipmi_request_handle_bridged(client, req, payload, payload_len);
		return;
	}
	if (!req || req->presession != presession || (req->netfn | 1) != m->netfn ||
	    req->cmd != m->cmd) {
		g_debug("%s: ignoring a late, duplicate or stray answer (netFn %02Xh cmd %02Xh "
			"rqSeq %u)",
			client->peer, m->netfn, m->cmd, m->rq_seq);
		return;
	}
	g_autoptr(GBytes) data = g_bytes_new(m->data, m->data_len);
	_ipmi_request_complete(client, req, ipmi_response_new(m->netfn, m->cmd, m->cc, data), NULL);
}

gint64
_ipmi_requests_next_wakeup(IpmiClient *client)
{
	gint64 t = -1;
	for (guint i = 0; i < IPMI_RQSEQ_SLOTS; i++) {
		IpmiRequest *req = client->slots[i];
		if (!req)
			continue;
		gint64 w = req->deadline;
		if (req->sends < req->max_sends && req->next_send < w)
			w = req->next_send;
		if (t < 0 || w < t)
			t = w;
	}
	for (GList *l = client->queue.head; l; l = l->next) {
		IpmiRequest *req = l->data;
		if (t < 0 || req->deadline < t)
			t = req->deadline;
	}
	gint64 k = _ipmi_keepalive_next_wakeup(client);
	if (k >= 0 && (t < 0 || k < t))
		t = k;
	return t;
}

void
_ipmi_requests_on_timer(IpmiClient *client, gint64 now)
{
	/* Expired requests first, detached, then their done functions: those
	 * may submit, fail or tear down anything. */
	g_autoptr(GPtrArray) expired = g_ptr_array_new();
	for (guint i = 0; i < IPMI_RQSEQ_SLOTS; i++) {
		IpmiRequest *req = client->slots[i];
		if (req && now >= req->deadline)
			g_ptr_array_add(expired, req);
	}
	for (GList *l = client->queue.head; l; l = l->next) {
		IpmiRequest *req = l->data;
		if (now >= req->deadline)
			g_ptr_array_add(expired, req);
	}
	for (guint i = 0; i < expired->len; i++)
		detach(client, g_ptr_array_index(expired, i));
	for (guint i = 0; i < expired->len; i++) {
		IpmiRequest *req = g_ptr_array_index(expired, i);
		g_autoptr(GError) e = _ipmi_timeout_error(client, req->what, req->sends, NULL);
		req->done(client, req, NULL, e);
		request_free(req);
	}
	pump(client);
	for (guint i = 0; i < IPMI_RQSEQ_SLOTS; i++) {
		IpmiRequest *req = client->slots[i];
		if (req && req->sends < req->max_sends && now >= req->next_send)
			transmit(client, req, now);
	}
	_ipmi_keepalive_on_timer(client, now);
}
