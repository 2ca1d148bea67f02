/* ipmi-close.c - ending a session: Close Session, retransmitted like any
 * request so that the BMC frees its session slot, then the local teardown.
 * The same path ends a connect that failed after the session opened. */
#include "ipmi-client-private.h"

#include "core/channel.h"
#include "core/cmd_session.h"

struct _IpmiCloseOp {
	GTask *task;           /* the caller's close, or NULL */
	GTask *failed_connect; /* a connect that failed after the session opened */
	GError *connect_error;
	IpmiCancelWatch *watch;
};

GCancellable *
_ipmi_close_cancellable(IpmiClient *client)
{
	return client->close_op && client->close_op->task
		   ? g_task_get_cancellable(client->close_op->task)
		   : NULL;
}

void
_ipmi_client_teardown(IpmiClient *client)
{
	gboolean was_connected = client->state == IPMI_CLIENT_STATE_CONNECTED ||
				 client->state == IPMI_CLIENT_STATE_CLOSING || client->relogging;
	g_autoptr(GError) closed =
	    _ipmi_error_new(IPMI_CLIENT_ERROR_CLOSED, client->peer, "request", "session closed");
	_ipmi_requests_fail(client, NULL, TRUE, closed);
	_ipmi_requests_fail(client, IPMI_INTERNAL_OWNER(client), FALSE, closed);
	_ipmi_keepalive_reset(client);
	_ipmi_transport_close(client);
	ipmi_console_wipe(&client->console);
	client->state = IPMI_CLIENT_STATE_IDLE;
	client->session_suite = -1;
	client->session_priv = 0;
	if (was_connected)
		g_object_notify(G_OBJECT(client), "connected");
}

/* Takes error. */
static void
close_done(IpmiClient *client, GError *error)
{
	IpmiCloseOp *op = client->close_op;
	client->close_op = NULL;
	_ipmi_cancel_watch_remove(client, op->watch);
	_ipmi_requests_drop_owned(client, op);
	_ipmi_client_teardown(client);
	if (op->task) {
		if (error)
			g_task_return_error(op->task, error);
		else
			g_task_return_boolean(op->task, TRUE);
		g_object_unref(op->task);
	} else if (error) {
		g_debug("%s", error->message);
		g_error_free(error);
	}
	if (op->failed_connect) {
		g_task_return_error(op->failed_connect, op->connect_error);
		g_object_unref(op->failed_connect);
	}
	g_free(op);
}

static void
on_close_session(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	/* Any completion code will do: 87h (invalid session ID) means the BMC
	 * has already forgotten the session. */
	if (rsp && ipmi_response_get_completion_code(rsp) != 0)
		g_debug("%s: Close Session: %s", client->peer,
			ipmi_completion_code_to_string(ipmi_response_get_completion_code(rsp)));
	GError *e = NULL;
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
		e = _ipmi_timeout_error(client, req->what, req->sends,
					"the BMC may have closed the session and lost its answer");
	else if (error)
		e = g_error_copy(error);
	close_done(client, e);
}

static void
on_close_cancelled(IpmiClient *client, gpointer data)
{
	close_done(client, g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED,
					       "Operation was cancelled"));
}

static int
close_session_data(IpmiClient *client, guint8 *buf, gsize cap)
{
	IpmiCloseSessionReq q = {.session_id = client->console.rp.bmc_sid};
	return ipmi_close_session_req_encode(buf, cap, &q);
}

void
_ipmi_close_start(IpmiClient *client, GTask *task, GTask *failed_connect, GError *connect_error)
{
	g_return_if_fail(client->close_op == NULL);
	IpmiCloseOp *op = g_new0(IpmiCloseOp, 1);
	op->task = task;
	op->failed_connect = failed_connect;
	op->connect_error = connect_error;
	client->close_op = op;
	client->state = IPMI_CLIENT_STATE_CLOSING;
	g_autoptr(GError) closed =
	    _ipmi_error_new(IPMI_CLIENT_ERROR_CLOSED, client->peer, "request",
			    "the session was closed while the request was pending");
	_ipmi_requests_fail(client, NULL, TRUE, closed);
	_ipmi_requests_fail(client, IPMI_INTERNAL_OWNER(client), FALSE, closed);
	_ipmi_keepalive_reset(client);
	if (client->console.state != IPMI_CONSOLE_ACTIVE) {
		close_done(client, NULL);
		return;
	}
	if (task)
		op->watch = _ipmi_cancel_watch_add(client, g_task_get_cancellable(task),
						   on_close_cancelled, NULL);
	guint8 buf[8];
	int n = close_session_data(client, buf, sizeof buf);
	g_assert(n > 0);
	IpmiRequest *req =
	    _ipmi_request_new(IPMI_NETFN_APP, IPMI_CMD_CLOSE_SESSION, buf, (gsize)n, FALSE, NULL);
	req->owner = op;
	req->done = on_close_session;
	_ipmi_request_submit_default(client, req);
}

/* A close requested while a failed connect is closing the session: the
 * caller's task rides along. */
gboolean
_ipmi_close_attach_task(IpmiClient *client, GTask *task)
{
	IpmiCloseOp *op = client->close_op;
	if (!op || op->task)
		return FALSE;
	op->task = task;
	op->watch =
	    _ipmi_cancel_watch_add(client, g_task_get_cancellable(task), on_close_cancelled, NULL);
	return TRUE;
}

/* From dispose: one Close Session datagram, no waiting. */
void
_ipmi_close_fire_and_forget(IpmiClient *client)
{
	if (client->console.state != IPMI_CONSOLE_ACTIVE || !client->socket)
		return;
	guint8 data[8];
	int n = close_session_data(client, data, sizeof data);
	guint8 msg[32];
	IpmiMsg m = {
	    .dst_addr = IPMI_BMC_SA,
	    .netfn = IPMI_NETFN_APP,
	    .src_addr = IPMI_REMOTE_SWID,
	    .rq_seq = (uint8_t)client->next_seq,
	    .cmd = IPMI_CMD_CLOSE_SESSION,
	    .data = data,
	    .data_len = n > 0 ? (size_t)n : 0,
	};
	n = ipmi_msg_encode(msg, sizeof msg, &m);
	guint8 dgram[IPMI_MAX_DATAGRAM];
	if (n > 0)
		n = ipmi_channel_seal(&client->console.chan, IPMI_PAYLOAD_IPMI, msg, (size_t)n,
				      dgram, sizeof dgram);
	if (n > 0)
		_ipmi_transport_send(client, dgram, (gsize)n);
}
