/* ipmi-sel.c - the System Event Log: Get SEL Info (+ Get SEL Allocation
 * Info), and Get SEL Entry from record 0000h, whole records, until the
 * next ID is FFFFh (or 0000h, which ipmitool also takes as the end).
 * Records are decoded by core/cmd_sel.h, event texts come from
 * core/names.h. */
#include "ipmi-op-private.h"

#include <string.h>

#include "core/cmd_sel.h"
#include "core/names.h"
#include "core/status.h"

#define MAX_ENTRIES 4096

G_DEFINE_BOXED_TYPE(IpmiSelStatus, ipmi_sel_status, ipmi_sel_status_copy, ipmi_sel_status_free)
G_DEFINE_BOXED_TYPE(IpmiSelEntry, ipmi_sel_entry, ipmi_sel_entry_copy, ipmi_sel_entry_free)

static GDateTime *
time_of(guint32 ts)
{
	if (ts == IPMI_TIMESTAMP_UNSPECIFIED || ts == 0 || ts < IPMI_TIMESTAMP_POST_INIT_MIN)
		return NULL;
	return g_date_time_new_from_unix_utc((gint64)ts);
}

/**
 * ipmi_sel_status_copy:
 * @status: an #IpmiSelStatus
 *
 * Returns: (transfer full): a copy of @status
 */
IpmiSelStatus *
ipmi_sel_status_copy(const IpmiSelStatus *status)
{
	g_return_val_if_fail(status != NULL, NULL);
	IpmiSelStatus *c = g_memdup2(status, sizeof *status);
	if (c->addition_time)
		g_date_time_ref(c->addition_time);
	if (c->erase_time)
		g_date_time_ref(c->erase_time);
	return c;
}

/**
 * ipmi_sel_status_free:
 * @status: (transfer full) (nullable): an #IpmiSelStatus
 */
void
ipmi_sel_status_free(IpmiSelStatus *status)
{
	if (!status)
		return;
	g_clear_pointer(&status->addition_time, g_date_time_unref);
	g_clear_pointer(&status->erase_time, g_date_time_unref);
	g_free(status);
}

/**
 * ipmi_sel_entry_copy:
 * @entry: an #IpmiSelEntry
 *
 * Returns: (transfer full): a copy of @entry
 */
IpmiSelEntry *
ipmi_sel_entry_copy(const IpmiSelEntry *entry)
{
	g_return_val_if_fail(entry != NULL, NULL);
	IpmiSelEntry *c = g_memdup2(entry, sizeof *entry);
	if (c->time)
		g_date_time_ref(c->time);
	c->sensor_type_name = g_strdup(entry->sensor_type_name);
	c->description = g_strdup(entry->description);
	return c;
}

/**
 * ipmi_sel_entry_free:
 * @entry: (transfer full) (nullable): an #IpmiSelEntry
 */
void
ipmi_sel_entry_free(IpmiSelEntry *entry)
{
	if (!entry)
		return;
	g_clear_pointer(&entry->time, g_date_time_unref);
	g_free(entry->sensor_type_name);
	g_free(entry->description);
	g_free(entry);
}

/**
 * ipmi_sel_entry_new_from_data:
 * @record: the 16 bytes of a SEL record
 * @error: return location for a #GError
 *
 * Decodes a SEL record (as Get SEL Entry returns it).
 *
 * Returns: (transfer full): the entry, or %NULL with
 *   %IPMI_CLIENT_ERROR_PROTOCOL
 */
IpmiSelEntry *
ipmi_sel_entry_new_from_data(GBytes *record, GError **error)
{
	g_return_val_if_fail(record != NULL, NULL);
	gsize n;
	const guint8 *d = g_bytes_get_data(record, &n);
	IpmiSelRecord r;
	int rc = ipmi_sel_record_decode(d, n, &r);
	if (rc < 0) {
		g_set_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PROTOCOL,
			    "malformed SEL record: %s", ipmi_strerror(rc));
		return NULL;
	}
	IpmiSelEntry *e = g_new0(IpmiSelEntry, 1);
	e->record_id = r.record_id;
	e->record_type = r.type;
	e->timestamp = r.timestamp;
	e->manufacturer_id = r.manufacturer_id;
	memcpy(e->oem_data, r.oem, sizeof e->oem_data);
	if (r.type < IPMI_SEL_TYPE_OEM_NTS)
		e->time = time_of(r.timestamp);
	if (r.type < IPMI_SEL_TYPE_OEM_TS) {
		e->generator_id = r.generator_id;
		e->sensor_type = r.sensor_type;
		e->sensor_type_name = g_strdup(ipmi_sensor_type_name(r.sensor_type));
		e->sensor_number = r.sensor_number;
		e->event_type = r.event_type;
		e->deasserted = r.deassertion;
		memcpy(e->event_data, r.data, sizeof e->event_data);
		e->description =
		    g_strdup(ipmi_event_offset_name(r.event_type, r.sensor_type, r.data[0] & 0x0F));
	}
	return e;
}

/* ---- Get SEL Info ------------------------------------------------------------ */

static void
on_alloc(GTask *task, IpmiResponse *rsp)
{
	IpmiSelStatus *st = g_task_get_task_data(task);
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiAllocInfo a;
	if (ipmi_response_get_completion_code(rsp) == 0 &&
	    ipmi_alloc_info_rsp_decode(d, n, &a) >= 0) {
		st->has_allocation = TRUE;
		st->allocation_units = a.units;
		st->allocation_unit_size = a.unit_size;
		st->free_units = a.free_units;
		st->largest_free_block = a.largest_free;
		st->max_record_size = a.max_record_units;
	}
	_ipmi_op_return_pointer(task, ipmi_sel_status_copy(st),
				(GDestroyNotify)ipmi_sel_status_free);
}

static void
on_sel_info(GTask *task, IpmiResponse *rsp)
{
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiSelInfo m;
	int rc = ipmi_sel_info_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	IpmiSelStatus *st = g_new0(IpmiSelStatus, 1);
	st->version = m.version;
	st->entries = m.entries;
	st->free_space = m.free_space;
	st->addition_timestamp = m.addition_ts;
	st->erase_timestamp = m.erase_ts;
	st->addition_time = time_of(m.addition_ts);
	st->erase_time = time_of(m.erase_ts);
	st->overflow = (m.op_support & IPMI_SEL_OP_OVERFLOW) != 0;
	st->operations = m.op_support & 0x0F;
	g_task_set_task_data(task, st, (GDestroyNotify)ipmi_sel_status_free);
	if (!(m.op_support & IPMI_SEL_OP_ALLOC_INFO)) {
		_ipmi_op_return_pointer(task, ipmi_sel_status_copy(st),
					(GDestroyNotify)ipmi_sel_status_free);
		return;
	}
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ALLOC_INFO, NULL, 0, on_alloc);
}

/**
 * ipmi_client_get_sel_info_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Reads the state of the System Event Log: Get SEL Info and, when the BMC
 * supports it, Get SEL Allocation Info.
 */
void
ipmi_client_get_sel_info_async(IpmiClient *client, GCancellable *cancellable,
			       GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data,
				   ipmi_client_get_sel_info_async, "ipmi_client_get_sel_info");
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_INFO, NULL, 0, on_sel_info);
}

/**
 * ipmi_client_get_sel_info_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the SEL's state, or %NULL with @error set
 */
IpmiSelStatus *
ipmi_client_get_sel_info_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_sel_info_async, error);
}

/**
 * ipmi_client_get_sel_info_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_sel_info_async().
 *
 * Returns: (transfer full): the SEL's state, or %NULL with @error set
 */
IpmiSelStatus *
ipmi_client_get_sel_info_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_sel_info_async(client, cancellable, _ipmi_sync_done, s);
	IpmiSelStatus *r = ipmi_client_get_sel_info_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/* ---- Get SEL Entry, all of them ------------------------------------------------ */

typedef struct {
	guint16 record_id;
	GPtrArray *entries;
} SelWalk;

static void
sel_walk_free(gpointer p)
{
	SelWalk *w = p;
	g_ptr_array_unref(w->entries);
	g_free(w);
}

static void on_entry(GTask *task, IpmiResponse *rsp);

static void
get_entry(GTask *task)
{
	SelWalk *w = g_task_get_task_data(task);
	IpmiGetSelEntryReq q = {.record_id = w->record_id, .count = IPMI_SEL_READ_ALL};
	guint8 buf[6];
	int n = ipmi_get_sel_entry_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY, buf, (gsize)n, on_entry);
}

static void
on_entry(GTask *task, IpmiResponse *rsp)
{
	SelWalk *w = g_task_get_task_data(task);
	/* CBh for the first record: the log is empty. */
	if (ipmi_response_get_completion_code(rsp) == 0xCB && w->entries->len == 0) {
		_ipmi_op_return_pointer(task, g_ptr_array_ref(w->entries),
					(GDestroyNotify)g_ptr_array_unref);
		return;
	}
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiGetSelEntryRsp r;
	int rc = ipmi_get_sel_entry_rsp_decode(d, n, &r);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	g_autoptr(GBytes) rec = g_bytes_new(r.data, r.data_len);
	GError *error = NULL;
	IpmiSelEntry *e = ipmi_sel_entry_new_from_data(rec, &error);
	if (!e) {
		_ipmi_op_return_error(task, error);
		return;
	}
	g_ptr_array_add(w->entries, e);
	if (r.next_id == IPMI_SEL_RECORD_ID_LAST || r.next_id == 0 || r.next_id == w->record_id ||
	    w->entries->len >= MAX_ENTRIES) {
		_ipmi_op_return_pointer(task, g_ptr_array_ref(w->entries),
					(GDestroyNotify)g_ptr_array_unref);
		return;
	}
	w->record_id = r.next_id;
	get_entry(task);
}

/**
 * ipmi_client_get_sel_entries_async:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the entries
 * @user_data: data for @callback
 *
 * Reads every record of the System Event Log, oldest first.
 */
void
ipmi_client_get_sel_entries_async(IpmiClient *client, GCancellable *cancellable,
				  GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_get_sel_entries_async, "ipmi_client_get_sel_entries");
	SelWalk *w = g_new0(SelWalk, 1);
	w->record_id = IPMI_SEL_RECORD_ID_FIRST;
	w->entries = g_ptr_array_new_with_free_func((GDestroyNotify)ipmi_sel_entry_free);
	g_task_set_task_data(task, w, sel_walk_free);
	get_entry(task);
}

/**
 * ipmi_client_get_sel_entries_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type IpmiSelEntry): the entries, or
 *   %NULL with @error set
 */
GPtrArray *
ipmi_client_get_sel_entries_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_sel_entries_async, error);
}

/**
 * ipmi_client_get_sel_entries_sync:
 * @client: a connected #IpmiClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_sel_entries_async().
 *
 * Returns: (transfer full) (element-type IpmiSelEntry): the entries, or
 *   %NULL
 */
GPtrArray *
ipmi_client_get_sel_entries_sync(IpmiClient *client, GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_sel_entries_async(client, cancellable, _ipmi_sync_done, s);
	GPtrArray *r = ipmi_client_get_sel_entries_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}
