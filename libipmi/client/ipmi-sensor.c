/* ipmi-sensor.c - IpmiSensor: a sensor's SDR record (kept, as bytes, in
 * the private field, and decoded by the core whenever needed), its
 * reading and thresholds converted with the core's linear formula, and
 * ipmi_client_read_sensor_*(). */
#include "ipmi-sensor-private.h"

#include <string.h>

#include "core/cmd_sdr.h"
#include "core/names.h"

G_DEFINE_BOXED_TYPE(IpmiSensor, ipmi_sensor, ipmi_sensor_copy, ipmi_sensor_free)

GType
ipmi_threshold_get_type(void)
{
	static gsize type = 0;
	static const GFlagsValue values[] = {
	    {IPMI_THRESHOLD_LNC, "IPMI_THRESHOLD_LNC", "lnc"},
	    {IPMI_THRESHOLD_LCR, "IPMI_THRESHOLD_LCR", "lcr"},
	    {IPMI_THRESHOLD_LNR, "IPMI_THRESHOLD_LNR", "lnr"},
	    {IPMI_THRESHOLD_UNC, "IPMI_THRESHOLD_UNC", "unc"},
	    {IPMI_THRESHOLD_UCR, "IPMI_THRESHOLD_UCR", "ucr"},
	    {IPMI_THRESHOLD_UNR, "IPMI_THRESHOLD_UNR", "unr"},
	    {0, NULL, NULL},
	};
	if (g_once_init_enter(&type)) {
		GType t = g_flags_register_static(g_intern_static_string("IpmiThreshold"), values);
		g_once_init_leave(&type, t);
	}
	return (GType)type;
}

GType
ipmi_sensor_status_get_type(void)
{
	static gsize type = 0;
	static const GEnumValue values[] = {
	    {IPMI_SENSOR_STATUS_OK, "IPMI_SENSOR_STATUS_OK", "ok"},
	    {IPMI_SENSOR_STATUS_NON_CRITICAL, "IPMI_SENSOR_STATUS_NON_CRITICAL", "non-critical"},
	    {IPMI_SENSOR_STATUS_CRITICAL, "IPMI_SENSOR_STATUS_CRITICAL", "critical"},
	    {IPMI_SENSOR_STATUS_NON_RECOVERABLE, "IPMI_SENSOR_STATUS_NON_RECOVERABLE",
	     "non-recoverable"},
	    {IPMI_SENSOR_STATUS_NOT_AVAILABLE, "IPMI_SENSOR_STATUS_NOT_AVAILABLE", "not-available"},
	    {0, NULL, NULL},
	};
	if (g_once_init_enter(&type)) {
		GType t =
		    g_enum_register_static(g_intern_static_string("IpmiSensorStatus"), values);
		g_once_init_leave(&type, t);
	}
	return (GType)type;
}

/**
 * ipmi_sensor_copy:
 * @sensor: an #IpmiSensor
 *
 * Returns: (transfer full): a copy of @sensor
 */
IpmiSensor *
ipmi_sensor_copy(const IpmiSensor *sensor)
{
	g_return_val_if_fail(sensor != NULL, NULL);
	IpmiSensor *s = g_memdup2(sensor, sizeof *sensor);
	s->name = g_strdup(sensor->name);
	s->type_name = g_strdup(sensor->type_name);
	s->units = g_strdup(sensor->units);
	s->priv = sensor->priv ? g_bytes_ref(sensor->priv) : NULL;
	return s;
}

/**
 * ipmi_sensor_free:
 * @sensor: (transfer full) (nullable): an #IpmiSensor
 */
void
ipmi_sensor_free(IpmiSensor *sensor)
{
	if (!sensor)
		return;
	g_free(sensor->name);
	g_free(sensor->type_name);
	g_free(sensor->units);
	if (sensor->priv)
		g_bytes_unref(sensor->priv);
	g_free(sensor);
}

/**
 * ipmi_sensor_is_threshold:
 * @sensor: an #IpmiSensor
 *
 * Returns: whether it is a threshold sensor (event/reading type 01h)
 */
gboolean
ipmi_sensor_is_threshold(const IpmiSensor *sensor)
{
	g_return_val_if_fail(sensor != NULL, FALSE);
	return sensor->event_type == IPMI_EVENT_TYPE_THRESHOLD;
}

/**
 * ipmi_sensor_get_status:
 * @sensor: an #IpmiSensor
 *
 * The worst threshold the reading crosses, as ipmitool ranks them
 * (non-recoverable, then critical, then non-critical).  Discrete sensors
 * are OK when they have a reading.
 *
 * Returns: the status
 */
IpmiSensorStatus
ipmi_sensor_get_status(const IpmiSensor *sensor)
{
	g_return_val_if_fail(sensor != NULL, IPMI_SENSOR_STATUS_NOT_AVAILABLE);
	if (!sensor->reading_valid)
		return IPMI_SENSOR_STATUS_NOT_AVAILABLE;
	if (!ipmi_sensor_is_threshold(sensor))
		return IPMI_SENSOR_STATUS_OK;
	guint8 t = sensor->threshold_status;
	if (t & (IPMI_THRESH_LNR | IPMI_THRESH_UNR))
		return IPMI_SENSOR_STATUS_NON_RECOVERABLE;
	if (t & (IPMI_THRESH_LCR | IPMI_THRESH_UCR))
		return IPMI_SENSOR_STATUS_CRITICAL;
	if (t & (IPMI_THRESH_LNC | IPMI_THRESH_UNC))
		return IPMI_SENSOR_STATUS_NON_CRITICAL;
	return IPMI_SENSOR_STATUS_OK;
}

/**
 * ipmi_sensor_dup_state_names:
 * @sensor: an #IpmiSensor
 * @separator: what goes between two names (", ")
 *
 * The meaning of each asserted state of a discrete sensor, from the
 * generic and sensor-specific event tables ("Presence detected").
 *
 * Returns: (transfer full): the names, empty when none is asserted
 */
char *
ipmi_sensor_dup_state_names(const IpmiSensor *sensor, const char *separator)
{
	g_return_val_if_fail(sensor != NULL, NULL);
	GString *s = g_string_new(NULL);
	for (guint8 bit = 0; bit < 15; bit++) {
		if (!(sensor->states & (1u << bit)))
			continue;
		const char *name =
		    ipmi_event_offset_name(sensor->event_type, sensor->sensor_type, bit);
		if (!name)
			continue;
		if (s->len)
			g_string_append(s, separator ? separator : ", ");
		g_string_append(s, name);
	}
	return g_string_free(s, FALSE);
}

/* ---- From the SDR record ---------------------------------------------- */

static char *
unit_string(const IpmiSdrSensor *s)
{
	const char *pct = s->percentage ? "% " : "";
	const char *base = ipmi_sensor_unit_name(s->base_unit);
	const char *mod = ipmi_sensor_unit_name(s->modifier_unit);
	switch (s->modifier_rel) {
	case 1:
		return g_strdup_printf("%s%s/%s", pct, base, mod);
	case 2:
		return g_strdup_printf("%s%s*%s", pct, base, mod);
	default:
		if (s->base_unit == IPMI_UNIT_UNSPECIFIED && s->percentage)
			return g_strdup("percent");
		return g_strdup_printf("%s%s", pct, base);
	}
}

static gboolean
decode_record(const IpmiSensor *sensor, IpmiSdrRecord *rec)
{
	if (!sensor->priv)
		return FALSE;
	gsize n;
	const guint8 *d = g_bytes_get_data(sensor->priv, &n);
	return ipmi_sdr_record_decode(d, n, rec) >= 0 && ipmi_sdr_record_sensor(rec) != NULL;
}

static gboolean
convert(const IpmiSdrRecord *rec, guint8 raw, double *value)
{
	if (rec->hdr.type != IPMI_SDR_TYPE_FULL)
		return FALSE;
	IpmiSensorFactors f;
	ipmi_sdr_full_factors(&rec->u.full, &f);
	return ipmi_sensor_raw_to_value(&f, raw, value) >= 0;
}

IpmiSensor *
_ipmi_sensor_new_from_record(GBytes *record)
{
	IpmiSensor tmp = {.priv = record};
	IpmiSdrRecord rec;
	if (!decode_record(&tmp, &rec))
		return NULL;
	const IpmiSdrSensor *s = ipmi_sdr_record_sensor(&rec);
	IpmiSensor *sensor = g_new0(IpmiSensor, 1);
	sensor->priv = g_bytes_ref(record);
	sensor->name = g_utf8_make_valid(s->id.data, s->id.len);
	sensor->record_id = rec.hdr.record_id;
	sensor->record_type = rec.hdr.type;
	sensor->owner_id = s->owner_id;
	sensor->owner_lun = s->owner_lun;
	sensor->channel = s->channel;
	sensor->number = s->number;
	sensor->entity_id = s->entity_id;
	sensor->entity_instance = s->entity_instance;
	sensor->sensor_type = s->sensor_type;
	sensor->type_name = g_strdup(ipmi_sensor_type_name(s->sensor_type));
	sensor->event_type = s->event_type;
	sensor->units = unit_string(s);
	double v;
	/* As ipmitool: only full, linear threshold sensors with an analog
	 * format have a value. */
	sensor->has_analog = s->event_type == IPMI_EVENT_TYPE_THRESHOLD &&
			     s->analog_format != IPMI_ANALOG_NONE && convert(&rec, 0, &v);
	if (rec.hdr.type == IPMI_SDR_TYPE_FULL &&
	    (rec.u.full.analog_flags & IPMI_SDR_ANALOG_NOMINAL) && sensor->has_analog)
		sensor->has_nominal = convert(&rec, rec.u.full.nominal, &sensor->nominal);
	return sensor;
}

static void
set_reading(IpmiSensor *sensor, const IpmiSensorReading *r)
{
	sensor->scanning_disabled = !r->scanning_enabled;
	sensor->reading_valid = r->scanning_enabled && !r->unavailable;
	sensor->raw_reading = r->raw;
	sensor->state_bytes[0] = r->state_len > 0 ? r->state[0] : 0;
	sensor->state_bytes[1] = r->state_len > 1 ? r->state[1] : 0;
	if (ipmi_sensor_is_threshold(sensor)) {
		sensor->threshold_status = sensor->state_bytes[0] & IPMI_THRESH_ALL;
		sensor->states = 0;
	} else {
		sensor->threshold_status = 0;
		sensor->states =
		    (guint16)(sensor->state_bytes[0] | (sensor->state_bytes[1] & 0x7F) << 8);
	}
	sensor->value = 0.0;
	IpmiSdrRecord rec;
	if (sensor->has_analog && sensor->reading_valid && decode_record(sensor, &rec))
		convert(&rec, r->raw, &sensor->value);
}

static void
set_thresholds(IpmiSensor *sensor, const IpmiSensorThresholds *t)
{
	IpmiSdrRecord rec;
	sensor->thresholds_readable = 0;
	if (!decode_record(sensor, &rec))
		return;
	const struct {
		guint8 bit;
		guint8 raw;
		gdouble *value;
	} all[] = {
	    {IPMI_THRESH_LNR, t->lnr, &sensor->lnr}, {IPMI_THRESH_LCR, t->lcr, &sensor->lcr},
	    {IPMI_THRESH_LNC, t->lnc, &sensor->lnc}, {IPMI_THRESH_UNC, t->unc, &sensor->unc},
	    {IPMI_THRESH_UCR, t->ucr, &sensor->ucr}, {IPMI_THRESH_UNR, t->unr, &sensor->unr},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
		if ((t->readable & all[i].bit) && convert(&rec, all[i].raw, all[i].value))
			sensor->thresholds_readable |= all[i].bit;
	}
}

/* ---- Reading and thresholds ------------------------------------------------ */

/* Sensors owned by another controller than the one the client talks to
 * are read through the BMC (as ipmitool's BRIDGE_TO_SENSOR). */
static const IpmiBridgeRoute *
sensor_route(GTask *task, const IpmiSensor *s, IpmiBridgeRoute *route)
{
	IpmiClient *client = g_task_get_source_object(task);
	if (s->owner_id & 0x01) /* a software ID */
		return NULL;
	guint8 current = client->target_addr ? client->target_addr : IPMI_BMC_SA;
	if (s->owner_id == current)
		return NULL;
	*route = (IpmiBridgeRoute){.target_channel = s->channel, .target_addr = s->owner_id};
	return route;
}

static void
on_thresholds(GTask *task, IpmiResponse *rsp)
{
	IpmiSensorCursor *cur = g_task_get_task_data(task);
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiSensorThresholds t;
	if (ipmi_response_get_completion_code(rsp) == 0 &&
	    ipmi_sensor_thresholds_rsp_decode(d, n, &t) >= 0)
		set_thresholds(cur->current, &t);
	cur->done(task);
}

static void
on_reading(GTask *task, IpmiResponse *rsp)
{
	IpmiSensorCursor *cur = g_task_get_task_data(task);
	IpmiSensor *s = cur->current;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiSensorReading r;
	/* A sensor that cannot be read (CBh: not present) has no reading;
	 * that is not an error of the walk. */
	if (ipmi_response_get_completion_code(rsp) == 0 &&
	    ipmi_sensor_reading_rsp_decode(d, n, &r) >= 0)
		set_reading(s, &r);
	else
		s->reading_valid = FALSE;
	IpmiSdrRecord rec;
	if (!ipmi_sensor_is_threshold(s) || !decode_record(s, &rec) ||
	    rec.hdr.type != IPMI_SDR_TYPE_FULL ||
	    !(ipmi_sdr_record_sensor(&rec)->caps & IPMI_SDR_CAP_THRESH_MASK)) {
		cur->done(task);
		return;
	}
	IpmiSensorReq q = {.number = s->number};
	guint8 buf[1];
	int len = ipmi_sensor_req_encode(buf, sizeof buf, &q);
	IpmiBridgeRoute route;
	_ipmi_op_request_routed(task, sensor_route(task, s, &route), IPMI_NETFN_SENSOR,
				IPMI_CMD_GET_SENSOR_THRESHOLDS, buf, (gsize)len, on_thresholds);
}

void
_ipmi_sensor_refresh(GTask *task)
{
	IpmiSensorCursor *cur = g_task_get_task_data(task);
	IpmiSensorReq q = {.number = cur->current->number};
	guint8 buf[1];
	int len = ipmi_sensor_req_encode(buf, sizeof buf, &q);
	IpmiBridgeRoute route;
	_ipmi_op_request_routed(task, sensor_route(task, cur->current, &route), IPMI_NETFN_SENSOR,
				IPMI_CMD_GET_SENSOR_READING, buf, (gsize)len, on_reading);
}

/* ---- ipmi_client_read_sensor ------------------------------------------------ */

static void
read_done(GTask *task)
{
	IpmiSensorCursor *cur = g_task_get_task_data(task);
	_ipmi_op_return_pointer(task, g_steal_pointer(&cur->current),
				(GDestroyNotify)ipmi_sensor_free);
}

static void
cursor_free(gpointer p)
{
	IpmiSensorCursor *cur = p;
	ipmi_sensor_free(cur->current);
	g_free(cur);
}

/**
 * ipmi_client_read_sensor_async:
 * @client: a connected #IpmiClient
 * @sensor: a sensor from ipmi_client_get_sensors_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the fresh sensor
 * @user_data: data for @callback
 *
 * Reads the sensor again: Get Sensor Reading and, for threshold sensors,
 * Get Sensor Thresholds.
 */
void
ipmi_client_read_sensor_async(IpmiClient *client, const IpmiSensor *sensor,
			      GCancellable *cancellable, GAsyncReadyCallback callback,
			      gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_return_if_fail(sensor != NULL);
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data,
				   ipmi_client_read_sensor_async, "ipmi_client_read_sensor");
	IpmiSensorCursor *cur = g_new0(IpmiSensorCursor, 1);
	cur->current = ipmi_sensor_copy(sensor);
	cur->done = read_done;
	g_task_set_task_data(task, cur, cursor_free);
	_ipmi_sensor_refresh(task);
}

/**
 * ipmi_client_read_sensor_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a copy of the sensor with the new reading, or
 *   %NULL with @error set
 */
IpmiSensor *
ipmi_client_read_sensor_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_read_sensor_async, error);
}

/**
 * ipmi_client_read_sensor_sync:
 * @client: a connected #IpmiClient
 * @sensor: a sensor
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_read_sensor_async().
 *
 * Returns: (transfer full): the sensor with the new reading, or %NULL
 */
IpmiSensor *
ipmi_client_read_sensor_sync(IpmiClient *client, const IpmiSensor *sensor,
			     GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_read_sensor_async(client, sensor, cancellable, _ipmi_sync_done, s);
	IpmiSensor *r = ipmi_client_read_sensor_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}
