/* ipmi-device.c - Get Device ID, Get Chassis Status, Chassis Control and
 * Chassis Identify as typed operations, decoded by core/cmd_app.h. */
#include "ipmi-op-private.h"

#include <string.h>

#include "core/cmd_app.h"

G_DEFINE_BOXED_TYPE(IpmiDeviceId, ipmi_device_id, ipmi_device_id_copy, ipmi_device_id_free)
G_DEFINE_BOXED_TYPE(IpmiChassisStatus, ipmi_chassis_status, ipmi_chassis_status_copy,
		    ipmi_chassis_status_free)

GType
ipmi_chassis_control_get_type(void)
{
	static gsize type = 0;
	static const GEnumValue values[] = {
	    {IPMI_CHASSIS_POWER_DOWN, "IPMI_CHASSIS_POWER_DOWN", "power-down"},
	    {IPMI_CHASSIS_POWER_UP, "IPMI_CHASSIS_POWER_UP", "power-up"},
	    {IPMI_CHASSIS_POWER_CYCLE, "IPMI_CHASSIS_POWER_CYCLE", "power-cycle"},
	    {IPMI_CHASSIS_HARD_RESET, "IPMI_CHASSIS_HARD_RESET", "hard-reset"},
	    {IPMI_CHASSIS_DIAGNOSTIC_INTERRUPT, "IPMI_CHASSIS_DIAGNOSTIC_INTERRUPT",
	     "diagnostic-interrupt"},
	    {IPMI_CHASSIS_SOFT_SHUTDOWN, "IPMI_CHASSIS_SOFT_SHUTDOWN", "soft-shutdown"},
	    {0, NULL, NULL},
	};
	if (g_once_init_enter(&type)) {
		GType t =
		    g_enum_register_static(g_intern_static_string("IpmiChassisControl"), values);
		g_once_init_leave(&type, t);
	}
	return (GType)type;
}

/**
 * ipmi_device_id_copy:
 * @id: an #IpmiDeviceId
 *
 * Returns: (transfer full): a copy of @id
 */
IpmiDeviceId *
ipmi_device_id_copy(const IpmiDeviceId *id)
{
	return g_memdup2(id, sizeof *id);
}

/**
 * ipmi_device_id_free:
 * @id: (transfer full) (nullable): an #IpmiDeviceId
 */
void
ipmi_device_id_free(IpmiDeviceId *id)
{
	g_free(id);
}

/**
 * ipmi_chassis_status_copy:
 * @status: an #IpmiChassisStatus
 *
 * Returns: (transfer full): a copy of @status
 */
IpmiChassisStatus *
ipmi_chassis_status_copy(const IpmiChassisStatus *status)
{
	return g_memdup2(status, sizeof *status);
}

/**
 * ipmi_chassis_status_free:
 * @status: (transfer full) (nullable): an #IpmiChassisStatus
 */
void
ipmi_chassis_status_free(IpmiChassisStatus *status)
{
	g_free(status);
}

/* ---- Get Device ID ------------------------------------------------------ */

static void
on_device_id(GTask *task, IpmiResponse *rsp)
{
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiDeviceIdRsp m;
	int rc = ipmi_device_id_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	IpmiDeviceId *id = g_new0(IpmiDeviceId, 1);
	id->device_id = m.device_id;
	id->device_revision = m.device_rev;
	id->provides_sdrs = m.provides_sdrs;
	id->firmware_major = m.fw_major;
	id->firmware_minor = m.fw_minor;
	id->available = !m.update_in_progress;
	id->ipmi_version_major = m.ipmi_version & 0x0F;
	id->ipmi_version_minor = m.ipmi_version >> 4;
	id->additional_support = m.support;
	id->manufacturer_id = m.manufacturer_id;
	id->product_id = m.product_id;
	id->has_aux_firmware = m.has_aux;
	memcpy(id->aux_firmware, m.aux, sizeof id->aux_firmware);
	_ipmi_op_return_pointer(task, id, (GDestroyNotify)ipmi_device_id_free);
}

/**
 * ipmi_client_get_device_id_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Asks the controller (the BMC, or the target of ipmi_client_set_target())
 * for its identity.
 */
void
ipmi_client_get_device_id_async(IpmiClient *client, GCancellable *cancellable,
				GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data,
				   ipmi_client_get_device_id_async, "ipmi_client_get_device_id");
	_ipmi_op_request(task, IPMI_NETFN_APP, IPMI_CMD_GET_DEVICE_ID, NULL, 0, on_device_id);
}

/**
 * ipmi_client_get_device_id_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the identity, or %NULL with @error set
 */
IpmiDeviceId *
ipmi_client_get_device_id_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_device_id_async, error);
}

/**
 * ipmi_client_get_device_id_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_device_id_async().
 *
 * Returns: (transfer full): the identity, or %NULL with @error set
 */
IpmiDeviceId *
ipmi_client_get_device_id_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_device_id_async(client, cancellable, _ipmi_sync_done, s);
	IpmiDeviceId *r = ipmi_client_get_device_id_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/* ---- Get Chassis Status -------------------------------------------------- */

static void
on_chassis_status(GTask *task, IpmiResponse *rsp)
{
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiChassisStatusRsp m;
	int rc = ipmi_chassis_status_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	IpmiChassisStatus *st = g_new0(IpmiChassisStatus, 1);
	st->power_on = m.power_on;
	st->power_overload = m.power_overload;
	st->power_interlock = m.power_interlock;
	st->main_power_fault = m.power_fault;
	st->power_control_fault = m.control_fault;
	st->restore_policy = m.restore_policy;
	st->last_power_event = m.last_event;
	st->intrusion = m.intrusion;
	st->front_panel_lockout = m.front_panel_lockout;
	st->drive_fault = m.drive_fault;
	st->cooling_fault = m.cooling_fault;
	st->identify_supported = m.identify_supported;
	st->identify_state = m.identify_state;
	st->has_front_panel = m.has_front_panel;
	st->front_panel = m.front_panel;
	_ipmi_op_return_pointer(task, st, (GDestroyNotify)ipmi_chassis_status_free);
}

/**
 * ipmi_client_get_chassis_status_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Reads the chassis power state, faults and identify state.
 */
void
ipmi_client_get_chassis_status_async(IpmiClient *client, GCancellable *cancellable,
				     GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_get_chassis_status_async, "ipmi_client_get_chassis_status");
	_ipmi_op_request(task, IPMI_NETFN_CHASSIS, IPMI_CMD_GET_CHASSIS_STATUS, NULL, 0,
			 on_chassis_status);
}

/**
 * ipmi_client_get_chassis_status_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
IpmiChassisStatus *
ipmi_client_get_chassis_status_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_chassis_status_async, error);
}

/**
 * ipmi_client_get_chassis_status_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_chassis_status_async().
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
IpmiChassisStatus *
ipmi_client_get_chassis_status_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_chassis_status_async(client, cancellable, _ipmi_sync_done, s);
	IpmiChassisStatus *r =
	    ipmi_client_get_chassis_status_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/* ---- Chassis Control and Identify ---------------------------------------- */

static void
on_done(GTask *task, IpmiResponse *rsp)
{
	if (_ipmi_op_failed(task, rsp))
		return;
	_ipmi_op_return_boolean(task, TRUE);
}

/**
 * ipmi_client_chassis_control_async:
 * @client: a connected #IpmiClient
 * @control: what to do
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the BMC accepted or refused it
 * @user_data: data for @callback
 *
 * Powers the chassis up, down, cycles or resets it.  A refusal (D5h when
 * the state does not allow it, D4h below OPERATOR) is an error.
 */
void
ipmi_client_chassis_control_async(IpmiClient *client, IpmiChassisControl control,
				  GCancellable *cancellable, GAsyncReadyCallback callback,
				  gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_chassis_control_async, "ipmi_client_chassis_control");
	IpmiChassisControlReq q = {.control = (guint8)control};
	guint8 buf[1];
	int n = ipmi_chassis_control_req_encode(buf, sizeof buf, &q);
	if (n < 0) {
		_ipmi_op_return_error(task, g_error_new(G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
							"invalid chassis control %d", control));
		return;
	}
	_ipmi_op_request(task, IPMI_NETFN_CHASSIS, IPMI_CMD_CHASSIS_CONTROL, buf, (gsize)n,
			 on_done);
}

/**
 * ipmi_client_chassis_control_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the BMC accepted the action
 */
gboolean
ipmi_client_chassis_control_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_boolean(client, result, ipmi_client_chassis_control_async, error);
}

/**
 * ipmi_client_chassis_control_sync:
 * @client: a connected #IpmiClient
 * @control: what to do
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_chassis_control_async().
 *
 * Returns: %TRUE when the BMC accepted the action
 */
gboolean
ipmi_client_chassis_control_sync(IpmiClient *client, IpmiChassisControl control,
				 GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), FALSE);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_chassis_control_async(client, control, cancellable, _ipmi_sync_done, s);
	gboolean ok = ipmi_client_chassis_control_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return ok;
}

/**
 * ipmi_client_chassis_identify_async:
 * @client: a connected #IpmiClient
 * @seconds: how long to light the identify LED (0: off, up to 255), or -1
 *   for the BMC's default (15 s)
 * @force: keep it on until turned off (@seconds is then ignored by the BMC)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when done
 * @user_data: data for @callback
 *
 * Chassis Identify, like ipmitool `chassis identify [SECONDS|force]`.
 */
void
ipmi_client_chassis_identify_async(IpmiClient *client, int seconds, gboolean force,
				   GCancellable *cancellable, GAsyncReadyCallback callback,
				   gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_chassis_identify_async, "ipmi_client_chassis_identify");
	if (seconds > 255) {
		_ipmi_op_return_error(task,
				      g_error_new(G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
						  "identify interval %d s is above 255", seconds));
		return;
	}
	IpmiChassisIdentifyReq q = {
	    .has_interval = seconds >= 0 || force,
	    .interval = seconds > 0 ? (guint8)seconds : 0,
	    .has_force = force,
	    .force = force,
	};
	guint8 buf[2];
	int n = ipmi_chassis_identify_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_CHASSIS, IPMI_CMD_CHASSIS_IDENTIFY, buf,
			 n > 0 ? (gsize)n : 0, on_done);
}

/**
 * ipmi_client_chassis_identify_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the BMC accepted it
 */
gboolean
ipmi_client_chassis_identify_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_boolean(client, result, ipmi_client_chassis_identify_async, error);
}

/**
 * ipmi_client_chassis_identify_sync:
 * @client: a connected #IpmiClient
 * @seconds: the interval, 0 off, -1 the default
 * @force: on until turned off
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_chassis_identify_async().
 *
 * Returns: %TRUE when the BMC accepted it
 */
gboolean
ipmi_client_chassis_identify_sync(IpmiClient *client, int seconds, gboolean force,
				  GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), FALSE);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_chassis_identify_async(client, seconds, force, cancellable, _ipmi_sync_done, s);
	gboolean ok = ipmi_client_chassis_identify_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return ok;
}
