/* ipmi-sync.c - blocking wrappers: each pushes a private main context,
 * moves the client's sources onto it, runs the asynchronous call to its
 * end, and moves the sources back.  Pending asynchronous operations keep
 * going meanwhile; their callbacks run later on their own context. */
#include "ipmi-client-private.h"

typedef struct {
	GMainContext *context;
	GMainContext *previous;
	GAsyncResult *result;
} SyncCall;

static void
sync_begin(IpmiClient *client, SyncCall *call)
{
	call->context = g_main_context_new();
	call->previous = g_main_context_ref(client->context);
	call->result = NULL;
	g_main_context_push_thread_default(call->context);
	_ipmi_client_attach(client, call->context);
}

static void
sync_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	SyncCall *call = user_data;
	call->result = g_object_ref(result);
}

static void
sync_wait(SyncCall *call)
{
	while (!call->result)
		g_main_context_iteration(call->context, TRUE);
}

static void
sync_end(IpmiClient *client, SyncCall *call)
{
	_ipmi_client_attach(client, call->previous);
	g_main_context_pop_thread_default(call->context);
	g_main_context_unref(call->context);
	g_main_context_unref(call->previous);
	g_object_unref(call->result);
}

/* The same for the typed operations (ipmi-device.c, ipmi-sdr.c, ...). */
struct _IpmiSyncCall {
	SyncCall call;
};

IpmiSyncCall *
_ipmi_sync_begin(IpmiClient *client)
{
	IpmiSyncCall *s = g_new0(IpmiSyncCall, 1);
	sync_begin(client, &s->call);
	return s;
}

void
_ipmi_sync_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	sync_done(source, result, &((IpmiSyncCall *)user_data)->call);
}

GAsyncResult *
_ipmi_sync_wait(IpmiSyncCall *s)
{
	sync_wait(&s->call);
	return s->call.result;
}

void
_ipmi_sync_end(IpmiClient *client, IpmiSyncCall *s)
{
	sync_end(client, &s->call);
	g_free(s);
}

/**
 * ipmi_client_connect_sync:
 * @client: an #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_connect_async().
 *
 * Returns: %TRUE when the session is open
 */
gboolean
ipmi_client_connect_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), FALSE);
	SyncCall call;
	sync_begin(client, &call);
	ipmi_client_connect_async(client, cancellable, sync_done, &call);
	sync_wait(&call);
	gboolean ok = ipmi_client_connect_finish(client, call.result, error);
	sync_end(client, &call);
	return ok;
}

/**
 * ipmi_client_request_sync:
 * @client: a connected #IpmiClient
 * @netfn: the network function (even)
 * @command: the command
 * @data: (array length=data_len) (nullable): the request data
 * @data_len: its length
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_request_async().
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
IpmiResponse *
ipmi_client_request_sync(IpmiClient *client, guint8 netfn, guint8 command, const guint8 *data,
			 gsize data_len, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	SyncCall call;
	sync_begin(client, &call);
	ipmi_client_request_async(client, netfn, command, data, data_len, cancellable, sync_done,
				  &call);
	sync_wait(&call);
	IpmiResponse *rsp = ipmi_client_request_finish(client, call.result, error);
	sync_end(client, &call);
	return rsp;
}

/**
 * ipmi_client_close_sync:
 * @client: an #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_close_async().
 *
 * Returns: %TRUE when the BMC confirmed the close (or nothing was open)
 */
gboolean
ipmi_client_close_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), FALSE);
	SyncCall call;
	sync_begin(client, &call);
	ipmi_client_close_async(client, cancellable, sync_done, &call);
	sync_wait(&call);
	gboolean ok = ipmi_client_close_finish(client, call.result, error);
	sync_end(client, &call);
	return ok;
}
