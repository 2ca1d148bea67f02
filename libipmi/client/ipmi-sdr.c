/* ipmi-sdr.c - walking the SDR repository: Reserve SDR Repository, then
 * Get SDR from record 0000h until the next ID is FFFFh.  Each record is
 * asked whole first (offset 0, FFh bytes); a BMC that cannot return that
 * many bytes (CAh, C7h, C8h, FFh) is read as the header and then chunks of
 * 16 bytes, halved on CAh, as ipmitool does.  A cancelled reservation
 * (C5h) is renewed and the record read again.  The records (decoded by
 * core/cmd_sdr.h) become IpmiSensor (with readings, ipmi-sensor.c) or
 * IpmiFruLocator. */
#include "ipmi-sensor-private.h"

#include "core/cmd_sdr.h"
#include "core/status.h"

#define MAX_RECORDS 2048
#define MAX_RESERVES 5
#define FIRST_CHUNK 16

G_DEFINE_BOXED_TYPE(IpmiFruLocator, ipmi_fru_locator, ipmi_fru_locator_copy, ipmi_fru_locator_free)

typedef struct {
	IpmiSensorCursor cursor; /* first: _ipmi_sensor_refresh() reads it */
	guint16 reservation;
	guint16 record_id;
	guint16 next_id;
	guint8 chunk; /* 0: whole records */
	guint reserves;
	GByteArray *rec;
	GPtrArray *records; /* GBytes */
	GPtrArray *results;
	guint next_sensor;
	void (*walked)(GTask *task);
} SdrWalk;

static void
walk_free(gpointer p)
{
	SdrWalk *w = p;
	ipmi_sensor_free(w->cursor.current);
	g_byte_array_unref(w->rec);
	g_ptr_array_unref(w->records);
	if (w->results)
		g_ptr_array_unref(w->results);
	g_free(w);
}

static void fetch(GTask *task);

/* The length of the record being read, from its header (0: unknown). */
static guint
record_total(SdrWalk *w)
{
	IpmiSdrHeader h;
	if (ipmi_sdr_header_decode(w->rec->data, w->rec->len, &h) < 0)
		return 0;
	return IPMI_SDR_HEADER_LEN + h.length;
}

static void
on_reserve(GTask *task, IpmiResponse *rsp)
{
	SdrWalk *w = g_task_get_task_data(task);
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiReserveRsp r;
	/* Without reservations (C1h), whole records at offset 0 still work. */
	if (ipmi_response_get_completion_code(rsp) == 0 && ipmi_reserve_rsp_decode(d, n, &r) >= 0)
		w->reservation = r.id;
	else
		w->reservation = 0;
	fetch(task);
}

static void
reserve(GTask *task)
{
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SDR_REPO, NULL, 0, on_reserve);
}

static void on_sdr(GTask *task, IpmiResponse *rsp);

static void
fetch(GTask *task)
{
	SdrWalk *w = g_task_get_task_data(task);
	IpmiGetSdrReq q = {.reservation = w->reservation, .record_id = w->record_id};
	if (w->chunk == 0) {
		q.offset = 0;
		q.count = IPMI_SDR_READ_ALL;
	} else if (w->rec->len < IPMI_SDR_HEADER_LEN) {
		g_byte_array_set_size(w->rec, 0);
		q.offset = 0;
		q.count = IPMI_SDR_HEADER_LEN;
	} else {
		guint total = record_total(w);
		q.offset = (guint8)w->rec->len;
		q.count = (guint8)MIN(w->chunk, total - w->rec->len);
	}
	guint8 buf[6];
	int n = ipmi_get_sdr_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, buf, (gsize)n, on_sdr);
}

static void
next_record(GTask *task)
{
	SdrWalk *w = g_task_get_task_data(task);
	g_byte_array_set_size(w->rec, 0);
	if (w->next_id == IPMI_SDR_RECORD_ID_LAST || w->next_id == w->record_id ||
	    w->records->len >= MAX_RECORDS) {
		w->walked(task);
		return;
	}
	w->record_id = w->next_id;
	fetch(task);
}

static void
on_sdr(GTask *task, IpmiResponse *rsp)
{
	SdrWalk *w = g_task_get_task_data(task);
	guint8 cc = ipmi_response_get_completion_code(rsp);
	if (cc == 0xC5 && w->reserves < MAX_RESERVES) {
		/* Reservation cancelled: take a new one, read the record again. */
		w->reserves++;
		g_byte_array_set_size(w->rec, 0);
		reserve(task);
		return;
	}
	if (cc == 0xCA || ((cc == 0xC7 || cc == 0xC8 || cc == 0xFF) && w->chunk == 0)) {
		if (w->chunk == 0)
			w->chunk = FIRST_CHUNK;
		else if (w->chunk > 1)
			w->chunk /= 2;
		else {
			_ipmi_op_failed(task, rsp);
			return;
		}
		if (w->rec->len < IPMI_SDR_HEADER_LEN)
			g_byte_array_set_size(w->rec, 0);
		fetch(task);
		return;
	}
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiGetSdrRsp r;
	int rc = ipmi_get_sdr_rsp_decode(d, n, &r);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	w->next_id = r.next_id;
	g_byte_array_append(w->rec, r.data, (guint)r.data_len);
	if (w->rec->len < IPMI_SDR_HEADER_LEN) {
		if (r.data_len == 0) {
			_ipmi_op_malformed(task, rsp, IPMI_ERR_TRUNCATED);
			return;
		}
		if (w->chunk == 0)
			w->chunk = FIRST_CHUNK;
		fetch(task);
		return;
	}
	guint total = record_total(w);
	if (total == 0) {
		_ipmi_op_malformed(task, rsp, IPMI_ERR_FORMAT);
		return;
	}
	if (w->rec->len < total) {
		if (r.data_len == 0) {
			_ipmi_op_malformed(task, rsp, IPMI_ERR_TRUNCATED);
			return;
		}
		if (w->chunk == 0)
			w->chunk = FIRST_CHUNK;
		fetch(task);
		return;
	}
	g_ptr_array_add(w->records, g_bytes_new(w->rec->data, total));
	next_record(task);
}

static GTask *
walk_start(IpmiClient *client, GCancellable *cancellable, GAsyncReadyCallback callback,
	   gpointer user_data, gpointer tag, const char *name, void (*walked)(GTask *))
{
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data, tag, name);
	SdrWalk *w = g_new0(SdrWalk, 1);
	w->rec = g_byte_array_new();
	w->records = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	w->walked = walked;
	w->record_id = IPMI_SDR_RECORD_ID_FIRST;
	g_task_set_task_data(task, w, walk_free);
	reserve(task);
	return task;
}

/* ---- Sensors ----------------------------------------------------------------- */

static void
next_sensor(GTask *task)
{
	SdrWalk *w = g_task_get_task_data(task);
	if (w->cursor.current)
		g_ptr_array_add(w->results, g_steal_pointer(&w->cursor.current));
	while (w->next_sensor < w->records->len) {
		GBytes *rec = g_ptr_array_index(w->records, w->next_sensor++);
		w->cursor.current = _ipmi_sensor_new_from_record(rec);
		if (w->cursor.current) {
			_ipmi_sensor_refresh(task);
			return;
		}
	}
	_ipmi_op_return_pointer(task, g_steal_pointer(&w->results),
				(GDestroyNotify)g_ptr_array_unref);
}

static void
sensors_walked(GTask *task)
{
	SdrWalk *w = g_task_get_task_data(task);
	w->results = g_ptr_array_new_with_free_func((GDestroyNotify)ipmi_sensor_free);
	w->cursor.done = next_sensor;
	next_sensor(task);
}

/**
 * ipmi_client_get_sensors_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the sensors
 * @user_data: data for @callback
 *
 * Walks the SDR repository and reads every sensor it describes (full and
 * compact sensor records): Get Sensor Reading and, for threshold sensors
 * with readable thresholds, Get Sensor Thresholds, all converted with the
 * record's formula.  A sensor that cannot be read is listed without a
 * reading (#IpmiSensor:reading_valid %FALSE).
 */
void
ipmi_client_get_sensors_async(IpmiClient *client, GCancellable *cancellable,
			      GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	walk_start(client, cancellable, callback, user_data, ipmi_client_get_sensors_async,
		   "ipmi_client_get_sensors", sensors_walked);
}

/**
 * ipmi_client_get_sensors_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type IpmiSensor): the sensors in
 *   repository order, or %NULL with @error set
 */
GPtrArray *
ipmi_client_get_sensors_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_sensors_async, error);
}

/**
 * ipmi_client_get_sensors_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_sensors_async().
 *
 * Returns: (transfer full) (element-type IpmiSensor): the sensors, or %NULL
 */
GPtrArray *
ipmi_client_get_sensors_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_sensors_async(client, cancellable, _ipmi_sync_done, s);
	GPtrArray *r = ipmi_client_get_sensors_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/* ---- FRU locators ------------------------------------------------------------- */

/**
 * ipmi_fru_locator_copy:
 * @locator: an #IpmiFruLocator
 *
 * Returns: (transfer full): a copy of @locator
 */
IpmiFruLocator *
ipmi_fru_locator_copy(const IpmiFruLocator *locator)
{
	g_return_val_if_fail(locator != NULL, NULL);
	IpmiFruLocator *l = g_memdup2(locator, sizeof *locator);
	l->name = g_strdup(locator->name);
	return l;
}

/**
 * ipmi_fru_locator_free:
 * @locator: (transfer full) (nullable): an #IpmiFruLocator
 */
void
ipmi_fru_locator_free(IpmiFruLocator *locator)
{
	if (!locator)
		return;
	g_free(locator->name);
	g_free(locator);
}

static void
locators_walked(GTask *task)
{
	SdrWalk *w = g_task_get_task_data(task);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)ipmi_fru_locator_free);
	for (guint i = 0; i < w->records->len; i++) {
		gsize n;
		const guint8 *d = g_bytes_get_data(g_ptr_array_index(w->records, i), &n);
		IpmiSdrRecord rec;
		if (ipmi_sdr_record_decode(d, n, &rec) < 0 ||
		    rec.hdr.type != IPMI_SDR_TYPE_FRU_LOCATOR)
			continue;
		const IpmiSdrFruLocator *f = &rec.u.fru;
		IpmiFruLocator *l = g_new0(IpmiFruLocator, 1);
		l->name = g_utf8_make_valid(f->id.data, f->id.len);
		l->device_id = f->fru_id;
		l->logical = f->logical;
		l->access_address = f->access_addr;
		l->channel = f->channel;
		l->lun = f->access_lun;
		l->device_type = f->device_type;
		l->device_type_modifier = f->device_type_modifier;
		l->entity_id = f->entity_id;
		l->entity_instance = f->entity_instance;
		g_ptr_array_add(out, l);
	}
	_ipmi_op_return_pointer(task, out, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * ipmi_client_get_fru_locators_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the locators
 * @user_data: data for @callback
 *
 * Walks the SDR repository for FRU Device Locator records: the FRU
 * inventories besides the controller's own FRU 0.
 */
void
ipmi_client_get_fru_locators_async(IpmiClient *client, GCancellable *cancellable,
				   GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	walk_start(client, cancellable, callback, user_data, ipmi_client_get_fru_locators_async,
		   "ipmi_client_get_fru_locators", locators_walked);
}

/**
 * ipmi_client_get_fru_locators_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type IpmiFruLocator): the locators in
 *   repository order, or %NULL with @error set
 */
GPtrArray *
ipmi_client_get_fru_locators_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_fru_locators_async, error);
}

/**
 * ipmi_client_get_fru_locators_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_fru_locators_async().
 *
 * Returns: (transfer full) (element-type IpmiFruLocator): the locators, or
 *   %NULL
 */
GPtrArray *
ipmi_client_get_fru_locators_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_fru_locators_async(client, cancellable, _ipmi_sync_done, s);
	GPtrArray *r = ipmi_client_get_fru_locators_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}
