/* ipmi-fru.c - FRU inventory: Get FRU Inventory Area Info, then Read FRU
 * Data from offset 0 to the area size in chunks of 32 bytes, halved
 * whenever the BMC says the answer would be too long (C7h, C8h, CAh), as
 * ipmitool does.  The image is parsed by core/cmd_fru.h. */
#include "ipmi-op-private.h"

#include <stddef.h>

#include "core/cmd_fru.h"
#include "core/names.h"
#include "core/status.h"

#define FIRST_CHUNK 32

G_DEFINE_BOXED_TYPE(IpmiFruInfo, ipmi_fru_info, ipmi_fru_info_copy, ipmi_fru_info_free)

static const gsize string_fields[] = {
    offsetof(IpmiFruInfo, chassis_type_name),    offsetof(IpmiFruInfo, chassis_part_number),
    offsetof(IpmiFruInfo, chassis_serial),       offsetof(IpmiFruInfo, board_manufacturer),
    offsetof(IpmiFruInfo, board_product),        offsetof(IpmiFruInfo, board_serial),
    offsetof(IpmiFruInfo, board_part_number),    offsetof(IpmiFruInfo, board_fru_file_id),
    offsetof(IpmiFruInfo, product_manufacturer), offsetof(IpmiFruInfo, product_name),
    offsetof(IpmiFruInfo, product_part_number),  offsetof(IpmiFruInfo, product_version),
    offsetof(IpmiFruInfo, product_serial),       offsetof(IpmiFruInfo, product_asset_tag),
    offsetof(IpmiFruInfo, product_fru_file_id),
};

static const gsize strv_fields[] = {
    offsetof(IpmiFruInfo, chassis_custom),
    offsetof(IpmiFruInfo, board_custom),
    offsetof(IpmiFruInfo, product_custom),
};

#define FIELD(info, off) ((char **)((guint8 *)(info) + (off)))
#define STRV(info, off) ((char ***)((guint8 *)(info) + (off)))

/**
 * ipmi_fru_info_copy:
 * @info: an #IpmiFruInfo
 *
 * Returns: (transfer full): a copy of @info
 */
IpmiFruInfo *
ipmi_fru_info_copy(const IpmiFruInfo *info)
{
	g_return_val_if_fail(info != NULL, NULL);
	IpmiFruInfo *c = g_memdup2(info, sizeof *info);
	for (gsize i = 0; i < G_N_ELEMENTS(string_fields); i++)
		*FIELD(c, string_fields[i]) = g_strdup(*FIELD(info, string_fields[i]));
	for (gsize i = 0; i < G_N_ELEMENTS(strv_fields); i++)
		*STRV(c, strv_fields[i]) = g_strdupv(*STRV(info, strv_fields[i]));
	if (c->board_mfg_date)
		g_date_time_ref(c->board_mfg_date);
	return c;
}

/**
 * ipmi_fru_info_free:
 * @info: (transfer full) (nullable): an #IpmiFruInfo
 */
void
ipmi_fru_info_free(IpmiFruInfo *info)
{
	if (!info)
		return;
	for (gsize i = 0; i < G_N_ELEMENTS(string_fields); i++)
		g_free(*FIELD(info, string_fields[i]));
	for (gsize i = 0; i < G_N_ELEMENTS(strv_fields); i++)
		g_strfreev(*STRV(info, strv_fields[i]));
	g_clear_pointer(&info->board_mfg_date, g_date_time_unref);
	g_free(info);
}

static char *
text(const IpmiFruField *f)
{
	/* 63 bytes as hex is the longest text a field gives. */
	char buf[2 * IPMI_FRU_FIELD_MAX + 1];
	if (ipmi_fru_field_text(f, buf, sizeof buf) < 0)
		return g_strdup("");
	return g_utf8_make_valid(buf, -1);
}

static char **
custom(const IpmiFruField *fields, guint8 n)
{
	GStrvBuilder *b = g_strv_builder_new();
	for (guint8 i = 0; i < n; i++) {
		g_autofree char *t = text(&fields[i]);
		g_strv_builder_add(b, t);
	}
	char **v = g_strv_builder_end(b);
	g_strv_builder_unref(b);
	return v;
}

/**
 * ipmi_fru_info_new_from_data:
 * @data: a FRU inventory image, from offset 0
 * @error: return location for a #GError
 *
 * Parses the common header and the chassis, board and product info areas
 * of a FRU image (as ipmi_client_read_fru_data_async() returns it).
 *
 * Returns: (transfer full): the fields, or %NULL with
 *   %IPMI_CLIENT_ERROR_PROTOCOL when the image is malformed
 */
IpmiFruInfo *
ipmi_fru_info_new_from_data(GBytes *data, GError **error)
{
	g_return_val_if_fail(data != NULL, NULL);
	gsize n;
	const guint8 *d = g_bytes_get_data(data, &n);
	IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	int rc = ipmi_fru_image_decode(d, n, inv);
	if (rc < 0) {
		g_set_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PROTOCOL,
			    "malformed FRU inventory: %s", ipmi_strerror(rc));
		g_free(inv);
		return NULL;
	}
	IpmiFruInfo *info = g_new0(IpmiFruInfo, 1);
	info->has_chassis = inv->has_chassis;
	info->chassis_type = inv->chassis.type;
	info->chassis_type_name = g_strdup(ipmi_fru_chassis_type_name(inv->chassis.type));
	info->chassis_part_number = text(&inv->chassis.part);
	info->chassis_serial = text(&inv->chassis.serial);
	info->chassis_custom = custom(inv->chassis.custom, inv->chassis.n_custom);
	info->has_board = inv->has_board;
	if (inv->has_board && inv->board.mfg_minutes)
		info->board_mfg_date = g_date_time_new_from_unix_utc(
		    IPMI_FRU_EPOCH + (gint64)inv->board.mfg_minutes * 60);
	info->board_manufacturer = text(&inv->board.mfg);
	info->board_product = text(&inv->board.product);
	info->board_serial = text(&inv->board.serial);
	info->board_part_number = text(&inv->board.part);
	info->board_fru_file_id = text(&inv->board.file_id);
	info->board_custom = custom(inv->board.custom, inv->board.n_custom);
	info->has_product = inv->has_product;
	info->product_manufacturer = text(&inv->product.mfg);
	info->product_name = text(&inv->product.name);
	info->product_part_number = text(&inv->product.part);
	info->product_version = text(&inv->product.version);
	info->product_serial = text(&inv->product.serial);
	info->product_asset_tag = text(&inv->product.asset);
	info->product_fru_file_id = text(&inv->product.file_id);
	info->product_custom = custom(inv->product.custom, inv->product.n_custom);
	g_free(inv);
	return info;
}

/* ---- Reading ----------------------------------------------------------------- */

typedef struct {
	guint8 fru_id;
	gboolean by_words;
	guint size;
	guint8 chunk;
	GByteArray *data;
	gboolean parse; /* get_fru_info: return the parsed fields */
} FruRead;

static void
fru_read_free(gpointer p)
{
	FruRead *r = p;
	g_byte_array_unref(r->data);
	g_free(r);
}

static void on_data(GTask *task, IpmiResponse *rsp);

static void
finish(GTask *task)
{
	FruRead *r = g_task_get_task_data(task);
	GBytes *bytes = g_bytes_new(r->data->data, r->data->len);
	if (!r->parse) {
		_ipmi_op_return_pointer(task, bytes, (GDestroyNotify)g_bytes_unref);
		return;
	}
	GError *error = NULL;
	IpmiFruInfo *info = ipmi_fru_info_new_from_data(bytes, &error);
	g_bytes_unref(bytes);
	if (!info)
		_ipmi_op_return_error(task, error);
	else
		_ipmi_op_return_pointer(task, info, (GDestroyNotify)ipmi_fru_info_free);
}

static void
read_next(GTask *task)
{
	FruRead *r = g_task_get_task_data(task);
	guint off = r->data->len;
	if (off >= r->size) {
		finish(task);
		return;
	}
	guint count = MIN((guint)r->chunk, r->size - off);
	IpmiReadFruReq q = {
	    .fru_id = r->fru_id,
	    .offset = (guint16)(r->by_words ? off / 2 : off),
	    .count = (guint8)(r->by_words ? MAX(count / 2, 1u) : count),
	};
	guint8 buf[4];
	int n = ipmi_read_fru_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, buf, (gsize)n, on_data);
}

static void
on_data(GTask *task, IpmiResponse *rsp)
{
	FruRead *r = g_task_get_task_data(task);
	guint8 cc = ipmi_response_get_completion_code(rsp);
	if ((cc == 0xC7 || cc == 0xC8 || cc == 0xCA) && r->chunk > (r->by_words ? 2 : 1)) {
		r->chunk /= 2;
		read_next(task);
		return;
	}
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiReadFruRsp m;
	int rc = ipmi_read_fru_rsp_decode(d, n, &m);
	if (rc < 0 || m.count == 0) {
		_ipmi_op_malformed(task, rsp, rc < 0 ? rc : IPMI_ERR_TRUNCATED);
		return;
	}
	guint room = r->size - r->data->len;
	g_byte_array_append(r->data, m.data, MIN((guint)m.count, room));
	read_next(task);
}

static void
on_area_info(GTask *task, IpmiResponse *rsp)
{
	FruRead *r = g_task_get_task_data(task);
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiFruInfoRsp m;
	int rc = ipmi_fru_info_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	r->size = m.size;
	r->by_words = m.by_words;
	if (r->size == 0) {
		_ipmi_op_return_error(
		    task, _ipmi_error_new(IPMI_CLIENT_ERROR_PROTOCOL, _ipmi_op_peer(task),
					  "Get FRU Inventory Area Info",
					  "FRU %u has no inventory area", r->fru_id));
		return;
	}
	read_next(task);
}

static void
start(IpmiClient *client, guint8 fru_id, gboolean parse, GCancellable *cancellable,
      GAsyncReadyCallback callback, gpointer user_data, gpointer tag, const char *name)
{
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data, tag, name);
	FruRead *r = g_new0(FruRead, 1);
	r->fru_id = fru_id;
	r->chunk = FIRST_CHUNK;
	r->parse = parse;
	r->data = g_byte_array_new();
	g_task_set_task_data(task, r, fru_read_free);
	IpmiFruInfoReq q = {.fru_id = fru_id};
	guint8 buf[1];
	int n = ipmi_fru_info_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_STORAGE, IPMI_CMD_GET_FRU_INFO, buf, (gsize)n,
			 on_area_info);
}

/**
 * ipmi_client_read_fru_data_async:
 * @client: a connected #IpmiClient
 * @fru_id: the FRU device ID (0: the controller's own)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the data
 * @user_data: data for @callback
 *
 * Reads a whole FRU inventory area.
 */
void
ipmi_client_read_fru_data_async(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
				GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	start(client, fru_id, FALSE, cancellable, callback, user_data,
	      ipmi_client_read_fru_data_async, "ipmi_client_read_fru_data");
}

/**
 * ipmi_client_read_fru_data_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the inventory area, or %NULL with @error set
 */
GBytes *
ipmi_client_read_fru_data_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_read_fru_data_async, error);
}

/**
 * ipmi_client_read_fru_data_sync:
 * @client: a connected #IpmiClient
 * @fru_id: the FRU device ID
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_read_fru_data_async().
 *
 * Returns: (transfer full): the inventory area, or %NULL with @error set
 */
GBytes *
ipmi_client_read_fru_data_sync(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
			       GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_read_fru_data_async(client, fru_id, cancellable, _ipmi_sync_done, s);
	GBytes *r = ipmi_client_read_fru_data_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/**
 * ipmi_client_get_fru_info_async:
 * @client: a connected #IpmiClient
 * @fru_id: the FRU device ID (0: the controller's own)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the fields
 * @user_data: data for @callback
 *
 * Reads a FRU inventory area and parses it, see
 * ipmi_fru_info_new_from_data().
 */
void
ipmi_client_get_fru_info_async(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
			       GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	start(client, fru_id, TRUE, cancellable, callback, user_data,
	      ipmi_client_get_fru_info_async, "ipmi_client_get_fru_info");
}

/**
 * ipmi_client_get_fru_info_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the fields, or %NULL with @error set
 */
IpmiFruInfo *
ipmi_client_get_fru_info_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_fru_info_async, error);
}

/**
 * ipmi_client_get_fru_info_sync:
 * @client: a connected #IpmiClient
 * @fru_id: the FRU device ID
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_fru_info_async().
 *
 * Returns: (transfer full): the fields, or %NULL with @error set
 */
IpmiFruInfo *
ipmi_client_get_fru_info_sync(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
			      GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_fru_info_async(client, fru_id, cancellable, _ipmi_sync_done, s);
	IpmiFruInfo *r = ipmi_client_get_fru_info_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}
