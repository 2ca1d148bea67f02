/* ipmi-client-async.c - IpmiClient's public asynchronous entry points:
 * connect, request and close, and their _finish functions.  The GObject
 * itself (properties, signals) is in ipmi-client.c. */
#include "ipmi-client-private.h"

#include <string.h>

#include "core/status.h"
#include "core/suite.h"

/* ---- connect ---------------------------------------------------------- */

static GError *
check_config(IpmiClient *client)
{
	const char *peer = client->peer;
	const char *what = "configuration";
	if (!client->host || !*client->host)
		return _ipmi_error_new(IPMI_IO_ERROR(G_IO_ERROR_INVALID_ARGUMENT), "BMC", what,
				       "no host given");
	if (client->username && strlen(client->username) > IPMI_USER_MAX)
		return _ipmi_error_new(IPMI_IO_ERROR(G_IO_ERROR_INVALID_ARGUMENT), peer, what,
				       "the user name is longer than %d bytes", IPMI_USER_MAX);
	if (client->password_too_long)
		return _ipmi_error_new(IPMI_IO_ERROR(G_IO_ERROR_INVALID_ARGUMENT), peer, what,
				       "the password is longer than %d bytes", IPMI_PASSWORD_MAX);
	if (client->kg_too_long)
		return _ipmi_error_new(IPMI_IO_ERROR(G_IO_ERROR_INVALID_ARGUMENT), peer, what,
				       "K_G is longer than %d bytes", IPMI_KG_LEN);
	if (client->cipher_suite >= 0) {
		const IpmiCipherSuite *cs = ipmi_suite_get((unsigned)client->cipher_suite);
		if (!client->allow_insecure &&
		    (!ipmi_suite_has_integrity(cs) || ipmi_conf_is_rc4(cs->conf))) {
			g_autofree char *w =
			    g_strdup_printf("cipher suite %d", client->cipher_suite);
			return _ipmi_error_from_core(IPMI_ERR_INSECURE, 0, peer, w);
		}
	}
	return NULL;
}

/**
 * ipmi_client_connect_async:
 * @client: an #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the session is open or failed
 * @user_data: data for @callback
 *
 * Opens a session: Get Channel Authentication Capabilities, the cipher
 * suite choice (see #IpmiClient:cipher-suite), the RMCP+ handshake, and
 * Set Session Privilege Level to #IpmiClient:privilege.  The client's I/O
 * runs on the thread-default main context of the caller from now on.
 */
void
ipmi_client_connect_async(IpmiClient *client, GCancellable *cancellable,
			  GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(!cancellable || G_IS_CANCELLABLE(cancellable));
	GTask *task = g_task_new(client, cancellable, callback, user_data);
	g_task_set_source_tag(task, ipmi_client_connect_async);
	g_task_set_name(task, "ipmi_client_connect_async");
	if (client->state != IPMI_CLIENT_STATE_IDLE) {
		g_task_return_new_error(task, G_IO_ERROR,
					client->state == IPMI_CLIENT_STATE_CONNECTED
					    ? G_IO_ERROR_EXISTS
					    : G_IO_ERROR_PENDING,
					"%s: a session is already open or being opened or closed",
					client->peer ? client->peer : client->host);
		g_object_unref(task);
		return;
	}
	g_free(client->peer);
	client->peer = client->host && strchr(client->host, ':')
			   ? g_strdup_printf("[%s]:%u", client->host, client->port)
			   : g_strdup_printf("%s:%u", client->host, client->port);
	GError *error = check_config(client);
	if (error) {
		g_task_return_error(task, error);
		g_object_unref(task);
		return;
	}
	if (g_task_return_error_if_cancelled(task)) {
		g_object_unref(task);
		return;
	}
	g_autoptr(GMainContext) context = g_main_context_ref_thread_default();
	_ipmi_client_attach(client, context);
	_ipmi_connect_start(client, task);
}

/**
 * ipmi_client_connect_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the session is open
 */
gboolean
ipmi_client_connect_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), FALSE);
	g_return_val_if_fail(g_task_get_source_tag(G_TASK(result)) == ipmi_client_connect_async,
			     FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}

/* ---- requests --------------------------------------------------------- */

static void
on_public_done(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	GTask *task = g_steal_pointer(&req->task);
	if (error)
		g_task_return_error(task, g_error_copy(error));
	else
		g_task_return_pointer(task, ipmi_response_ref(rsp),
				      (GDestroyNotify)ipmi_response_unref);
	g_object_unref(task);
}

static void
on_request_cancelled(IpmiClient *client, gpointer data)
{
	IpmiRequest *req = data;
	_ipmi_request_complete(
	    client, req, NULL,
	    g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
}

/**
 * ipmi_client_request_async:
 * @client: a connected #IpmiClient
 * @netfn: the network function (even: a request)
 * @command: the command
 * @data: (array length=data_len) (nullable): the request data
 * @data_len: its length, at most %IPMI_CLIENT_MAX_REQUEST_DATA
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer or an error
 * @user_data: data for @callback
 *
 * Sends one request to the BMC in the open session.  Many may be
 * outstanding at once.  A non-zero completion code is not an error here:
 * it is in the #IpmiResponse (see ipmi_response_check()).
 */
void
ipmi_client_request_async(IpmiClient *client, guint8 netfn, guint8 command, const guint8 *data,
			  gsize data_len, GCancellable *cancellable, GAsyncReadyCallback callback,
			  gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(data != NULL || data_len == 0);
	GTask *task = g_task_new(client, cancellable, callback, user_data);
	g_task_set_source_tag(task, ipmi_client_request_async);
	g_task_set_name(task, "ipmi_client_request_async");
	_ipmi_request_start_public(client, task, netfn, command, data, data_len, cancellable, NULL);
}

void
_ipmi_request_start_public(IpmiClient *client, GTask *task, guint8 netfn, guint8 command,
			   const guint8 *data, gsize data_len, GCancellable *cancellable,
			   const IpmiBridgeRoute *route)
{
	if ((netfn & 1) || netfn > 0x3F || data_len > IPMI_CLIENT_MAX_REQUEST_DATA) {
		g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
					"invalid request: netFn %02Xh (must be even, below 40h), "
					"%" G_GSIZE_FORMAT " data bytes (at most %d)",
					netfn, data_len, IPMI_CLIENT_MAX_REQUEST_DATA);
		g_object_unref(task);
		return;
	}
	if (g_task_return_error_if_cancelled(task)) {
		g_object_unref(task);
		return;
	}
	if (client->state != IPMI_CLIENT_STATE_CONNECTED && !client->relogging) {
		const char *name = _ipmi_command_name(netfn, command);
		g_autofree char *what =
		    name ? g_strdup(name) : g_strdup_printf("command %02Xh/%02Xh", netfn, command);
		g_task_return_error(task,
				    _ipmi_error_new(IPMI_CLIENT_ERROR_CLOSED,
						    client->peer ? client->peer : client->host,
						    what, "no session is open"));
		g_object_unref(task);
		return;
	}
	IpmiRequest *req = _ipmi_request_new(netfn, command, data, data_len, FALSE, NULL);
	IpmiBridgeRoute def;
	if (!route && _ipmi_client_default_route(client, &def))
		route = &def;
	if (route)
		_ipmi_request_set_route(req, route);
	req->task = task;
	req->done = on_public_done;
	req->watch = _ipmi_cancel_watch_add(client, cancellable, on_request_cancelled, req);
	_ipmi_request_submit_default(client, req);
}

/**
 * ipmi_client_request_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 *   (%G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_CANCELLED,
 *   %IPMI_CLIENT_ERROR_CLOSED, ...)
 */
IpmiResponse *
ipmi_client_request_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), NULL);
	g_return_val_if_fail(g_task_get_source_tag(G_TASK(result)) == ipmi_client_request_async,
			     NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

/* ---- close ------------------------------------------------------------ */

/**
 * ipmi_client_close_async:
 * @client: an #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the session is closed
 * @user_data: data for @callback
 *
 * Fails the pending requests with %IPMI_CLIENT_ERROR_CLOSED and sends
 * Close Session, retransmitted until #IpmiClient:timeout, so the BMC frees
 * its session slot.  Afterwards the client is idle (whatever the result)
 * and may connect again.  Closing an idle client succeeds at once; closing
 * while connecting aborts the connect.
 */
void
ipmi_client_close_async(IpmiClient *client, GCancellable *cancellable, GAsyncReadyCallback callback,
			gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task = g_task_new(client, cancellable, callback, user_data);
	g_task_set_source_tag(task, ipmi_client_close_async);
	g_task_set_name(task, "ipmi_client_close_async");
	if (client->state == IPMI_CLIENT_STATE_CONNECTING)
		_ipmi_connect_abort(client, _ipmi_error_new(IPMI_CLIENT_ERROR_CLOSED, client->peer,
							    "connect",
							    "closed before the session was open"));
	switch (client->state) {
	case IPMI_CLIENT_STATE_IDLE:
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
		return;
	case IPMI_CLIENT_STATE_CLOSING:
		if (!_ipmi_close_attach_task(client, task)) {
			g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_PENDING,
						"%s: the session is already being closed",
						client->peer);
			g_object_unref(task);
		}
		return;
	case IPMI_CLIENT_STATE_CONNECTED:
		_ipmi_close_start(client, task, NULL, NULL);
		return;
	case IPMI_CLIENT_STATE_CONNECTING:
		g_assert_not_reached();
	}
}

/**
 * ipmi_client_close_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the BMC confirmed (or the client was idle); %FALSE
 *   with %G_IO_ERROR_TIMED_OUT when the BMC never answered
 */
gboolean
ipmi_client_close_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), FALSE);
	g_return_val_if_fail(g_task_get_source_tag(G_TASK(result)) == ipmi_client_close_async,
			     FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}
