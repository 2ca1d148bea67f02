/* ipmi-op.c - chains of requests on one GTask, see ipmi-op-private.h. */
#include "ipmi-op-private.h"

#include "core/cmd_app.h"
#include "core/cmd_fru.h"
#include "core/cmd_sel.h"
#include "core/status.h"

typedef struct {
	GTask *task;
	IpmiOpStep step;
} OpCall;

/* Names of the commands the typed operations send, for messages. */
static const char *
op_command_name(guint8 netfn, guint8 cmd)
{
	const char *name = _ipmi_command_name(netfn, cmd);
	if (name)
		return name;
	netfn &= 0x3E;
	if (netfn == IPMI_NETFN_STORAGE) {
		switch (cmd) {
		case IPMI_CMD_GET_FRU_INFO:
			return "Get FRU Inventory Area Info";
		case IPMI_CMD_READ_FRU_DATA:
			return "Read FRU Data";
		case IPMI_CMD_GET_SDR_REPO_INFO:
			return "Get SDR Repository Info";
		case IPMI_CMD_RESERVE_SDR_REPO:
			return "Reserve SDR Repository";
		case IPMI_CMD_GET_SDR:
			return "Get SDR";
		case IPMI_CMD_GET_SEL_INFO:
			return "Get SEL Info";
		case IPMI_CMD_GET_SEL_ALLOC_INFO:
			return "Get SEL Allocation Info";
		case IPMI_CMD_GET_SEL_ENTRY:
			return "Get SEL Entry";
		}
	} else if (netfn == IPMI_NETFN_SENSOR) {
		switch (cmd) {
		case IPMI_CMD_GET_SENSOR_READING:
			return "Get Sensor Reading";
		case IPMI_CMD_GET_SENSOR_THRESHOLDS:
			return "Get Sensor Thresholds";
		}
	} else if (netfn == IPMI_NETFN_APP) {
		switch (cmd) {
		case IPMI_CMD_GET_SESSION_INFO:
			return "Get Session Info";
		case IPMI_CMD_SEND_MESSAGE:
			return "Send Message";
		}
	} else if (netfn == IPMI_NETFN_CHASSIS && cmd == IPMI_CMD_CHASSIS_IDENTIFY) {
		return "Chassis Identify";
	}
	return NULL;
}

GTask *
_ipmi_op_new(IpmiClient *client, GCancellable *cancellable, GAsyncReadyCallback callback,
	     gpointer user_data, gpointer source_tag, const char *name)
{
	GTask *task = g_task_new(client, cancellable, callback, user_data);
	g_task_set_source_tag(task, source_tag);
	g_task_set_name(task, name);
	return task;
}

const char *
_ipmi_op_peer(GTask *task)
{
	IpmiClient *client = g_task_get_source_object(task);
	return client->peer ? client->peer : client->host;
}

static void
on_answer(GObject *source, GAsyncResult *result, gpointer user_data)
{
	OpCall *call = user_data;
	GTask *task = call->task;
	IpmiOpStep step = call->step;
	g_free(call);
	GError *error = NULL;
	IpmiResponse *rsp =
	    g_task_get_source_tag(G_TASK(result)) == ipmi_client_request_bridged_async
		? ipmi_client_request_bridged_finish(IPMI_CLIENT(source), result, &error)
		: ipmi_client_request_finish(IPMI_CLIENT(source), result, &error);
	if (!rsp) {
		_ipmi_op_return_error(task, error);
		return;
	}
	step(task, rsp);
	ipmi_response_unref(rsp);
}

void
_ipmi_op_request(GTask *task, guint8 netfn, guint8 cmd, const guint8 *data, gsize len,
		 IpmiOpStep step)
{
	_ipmi_op_request_routed(task, NULL, netfn, cmd, data, len, step);
}

void
_ipmi_op_request_routed(GTask *task, const IpmiBridgeRoute *route, guint8 netfn, guint8 cmd,
			const guint8 *data, gsize len, IpmiOpStep step)
{
	IpmiClient *client = g_task_get_source_object(task);
	OpCall *call = g_new0(OpCall, 1);
	call->task = task;
	call->step = step;
	GCancellable *cancellable = g_task_get_cancellable(task);
	if (route)
		ipmi_client_request_bridged_async(
		    client, route->target_channel, route->target_addr, route->transit_channel,
		    route->transit_addr, netfn, cmd, data, len, cancellable, on_answer, call);
	else
		ipmi_client_request_async(client, netfn, cmd, data, len, cancellable, on_answer,
					  call);
}

const guint8 *
_ipmi_op_data(IpmiResponse *rsp, gsize *len)
{
	return ipmi_response_peek_data(rsp, len);
}

gboolean
_ipmi_op_failed(GTask *task, IpmiResponse *rsp)
{
	guint8 cc = ipmi_response_get_completion_code(rsp);
	if (cc == 0)
		return FALSE;
	guint8 netfn = ipmi_response_get_netfn(rsp);
	guint8 cmd = ipmi_response_get_command(rsp);
	_ipmi_op_return_error(task, _ipmi_error_from_cc(cc, netfn, cmd, _ipmi_op_peer(task),
							op_command_name(netfn, cmd)));
	return TRUE;
}

void
_ipmi_op_malformed(GTask *task, IpmiResponse *rsp, int rc)
{
	guint8 netfn = ipmi_response_get_netfn(rsp);
	guint8 cmd = ipmi_response_get_command(rsp);
	const char *name = op_command_name(netfn, cmd);
	g_autofree char *fallback =
	    name ? NULL : g_strdup_printf("command %02Xh/%02Xh", netfn & 0x3E, cmd);
	_ipmi_op_return_error(task, _ipmi_error_new(IPMI_CLIENT_ERROR_PROTOCOL, _ipmi_op_peer(task),
						    name ? name : fallback, "malformed answer: %s",
						    ipmi_strerror(rc)));
}

void
_ipmi_op_return_error(GTask *task, GError *error)
{
	g_task_return_error(task, error);
	g_object_unref(task);
}

void
_ipmi_op_return_pointer(GTask *task, gpointer result, GDestroyNotify destroy)
{
	g_task_return_pointer(task, result, destroy);
	g_object_unref(task);
}

void
_ipmi_op_return_boolean(GTask *task, gboolean value)
{
	g_task_return_boolean(task, value);
	g_object_unref(task);
}

gpointer
_ipmi_op_finish_pointer(IpmiClient *client, GAsyncResult *result, gpointer source_tag,
			GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), NULL);
	g_return_val_if_fail(g_task_get_source_tag(G_TASK(result)) == source_tag, NULL);
	return g_task_propagate_pointer(G_TASK(result), error);
}

gboolean
_ipmi_op_finish_boolean(IpmiClient *client, GAsyncResult *result, gpointer source_tag,
			GError **error)
{
	g_return_val_if_fail(g_task_is_valid(result, client), FALSE);
	g_return_val_if_fail(g_task_get_source_tag(G_TASK(result)) == source_tag, FALSE);
	return g_task_propagate_boolean(G_TASK(result), error);
}
