/* ipmi-channel.c - Get Channel Cipher Suites in a session (index 0, 1,
 * ... until a chunk shorter than 16 bytes; records decoded by
 * core/cmd_session.h) and Get Session Info (core/cmd_app.h). */
#include "ipmi-op-private.h"

#include "core/cmd_app.h"
#include "core/cmd_session.h"
#include "core/status.h"

#define MAX_SUITES 64

G_DEFINE_BOXED_TYPE(IpmiSessionInfo, ipmi_session_info, ipmi_session_info_copy,
		    ipmi_session_info_free)

/**
 * ipmi_session_info_copy:
 * @info: an #IpmiSessionInfo
 *
 * Returns: (transfer full): a copy of @info
 */
IpmiSessionInfo *
ipmi_session_info_copy(const IpmiSessionInfo *info)
{
	g_return_val_if_fail(info != NULL, NULL);
	IpmiSessionInfo *c = g_memdup2(info, sizeof *info);
	c->console_address = g_strdup(info->console_address);
	c->console_mac = g_strdup(info->console_mac);
	return c;
}

/**
 * ipmi_session_info_free:
 * @info: (transfer full) (nullable): an #IpmiSessionInfo
 */
void
ipmi_session_info_free(IpmiSessionInfo *info)
{
	if (!info)
		return;
	g_free(info->console_address);
	g_free(info->console_mac);
	g_free(info);
}

G_DEFINE_BOXED_TYPE(IpmiCipherSuiteInfo, ipmi_cipher_suite_info, ipmi_cipher_suite_info_copy,
		    ipmi_cipher_suite_info_free)

/**
 * ipmi_cipher_suite_info_copy:
 * @info: an #IpmiCipherSuiteInfo
 *
 * Returns: (transfer full): a copy of @info
 */
IpmiCipherSuiteInfo *
ipmi_cipher_suite_info_copy(const IpmiCipherSuiteInfo *info)
{
	g_return_val_if_fail(info != NULL, NULL);
	return g_memdup2(info, sizeof *info);
}

/**
 * ipmi_cipher_suite_info_free:
 * @info: (transfer full) (nullable): an #IpmiCipherSuiteInfo
 */
void
ipmi_cipher_suite_info_free(IpmiCipherSuiteInfo *info)
{
	g_free(info);
}

/* ---- Get Channel Cipher Suites --------------------------------------------- */

typedef struct {
	guint8 channel;
	guint8 index;
	gboolean records; /* whole records (GPtrArray), else IDs (GArray) */
	GByteArray *stream;
} SuiteRead;

static void
suite_read_free(gpointer p)
{
	SuiteRead *r = p;
	g_byte_array_unref(r->stream);
	g_free(r);
}

static void on_suites(GTask *task, IpmiResponse *rsp);

static void
ask_suites(GTask *task)
{
	SuiteRead *r = g_task_get_task_data(task);
	IpmiGetCipherSuitesReq q = {
	    .channel = r->channel,
	    .payload_type = 0,
	    .by_suite = true,
	    .index = r->index,
	};
	guint8 buf[3];
	int n = ipmi_get_cipher_suites_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_APP, IPMI_CMD_GET_CHANNEL_CIPHER_SUITES, buf, (gsize)n,
			 on_suites);
}

static void
on_suites(GTask *task, IpmiResponse *rsp)
{
	SuiteRead *r = g_task_get_task_data(task);
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiGetCipherSuitesRsp m;
	int rc = ipmi_get_cipher_suites_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	g_byte_array_append(r->stream, m.data, (guint)m.data_len);
	if (m.data_len == IPMI_CIPHER_SUITE_CHUNK && r->index < IPMI_CIPHER_SUITE_MAX_INDEX) {
		r->index++;
		ask_suites(task);
		return;
	}
	IpmiCipherSuiteRecord recs[MAX_SUITES];
	size_t count = 0;
	rc = ipmi_cipher_suite_records_decode(r->stream->data, r->stream->len, recs, MAX_SUITES,
					      &count);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	if (r->records) {
		GPtrArray *out =
		    g_ptr_array_new_full((guint)count, (GDestroyNotify)ipmi_cipher_suite_info_free);
		for (size_t i = 0; i < count; i++) {
			IpmiCipherSuiteInfo *info = g_new0(IpmiCipherSuiteInfo, 1);
			info->id = recs[i].id;
			info->oem = recs[i].oem;
			info->iana = recs[i].oem_iana;
			info->auth = recs[i].auth;
			info->integrity = recs[i].integ;
			info->confidentiality = recs[i].conf;
			g_ptr_array_add(out, info);
		}
		_ipmi_op_return_pointer(task, out, (GDestroyNotify)g_ptr_array_unref);
		return;
	}
	GArray *ids = g_array_sized_new(FALSE, FALSE, sizeof(guint8), (guint)count);
	for (size_t i = 0; i < count; i++)
		g_array_append_val(ids, recs[i].id);
	_ipmi_op_return_pointer(task, ids, (GDestroyNotify)g_array_unref);
}

/**
 * ipmi_client_get_cipher_suites_async:
 * @client: a connected #IpmiClient
 * @channel: the channel, %IPMI_CHANNEL_THIS for the session's own
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the suites
 * @user_data: data for @callback
 *
 * Lists the cipher suites the BMC offers on a channel (Get Channel Cipher
 * Suites, in the session).
 */
void
ipmi_client_get_cipher_suites_async(IpmiClient *client, guint8 channel, GCancellable *cancellable,
				    GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_get_cipher_suites_async, "ipmi_client_get_cipher_suites");
	SuiteRead *r = g_new0(SuiteRead, 1);
	r->channel = channel & 0x0F;
	r->stream = g_byte_array_new();
	g_task_set_task_data(task, r, suite_read_free);
	ask_suites(task);
}

/**
 * ipmi_client_get_cipher_suites_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint8): the cipher suite IDs in
 *   the BMC's order, or %NULL with @error set
 */
GArray *
ipmi_client_get_cipher_suites_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_cipher_suites_async, error);
}

/**
 * ipmi_client_get_cipher_suites_sync:
 * @client: a connected #IpmiClient
 * @channel: the channel, %IPMI_CHANNEL_THIS for the session's own
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_cipher_suites_async().
 *
 * Returns: (transfer full) (element-type guint8): the suite IDs, or %NULL
 */
GArray *
ipmi_client_get_cipher_suites_sync(IpmiClient *client, guint8 channel, GCancellable *cancellable,
				   GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_cipher_suites_async(client, channel, cancellable, _ipmi_sync_done, s);
	GArray *r = ipmi_client_get_cipher_suites_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

static void
start_suites(IpmiClient *client, guint8 channel, gboolean records, GCancellable *cancellable,
	     GAsyncReadyCallback callback, gpointer user_data, gpointer tag, const char *name)
{
	GTask *task = _ipmi_op_new(client, cancellable, callback, user_data, tag, name);
	SuiteRead *r = g_new0(SuiteRead, 1);
	r->channel = channel & 0x0F;
	r->records = records;
	r->stream = g_byte_array_new();
	g_task_set_task_data(task, r, suite_read_free);
	ask_suites(task);
}

/**
 * ipmi_client_get_cipher_suite_records_async:
 * @client: a connected #IpmiClient
 * @channel: the channel, %IPMI_CHANNEL_THIS for the session's own
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the records
 * @user_data: data for @callback
 *
 * Like ipmi_client_get_cipher_suites_async(), with each suite's
 * algorithms and OEM number (what `ipmitool channel getciphers` prints).
 */
void
ipmi_client_get_cipher_suite_records_async(IpmiClient *client, guint8 channel,
					   GCancellable *cancellable, GAsyncReadyCallback callback,
					   gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	start_suites(client, channel, TRUE, cancellable, callback, user_data,
		     ipmi_client_get_cipher_suite_records_async,
		     "ipmi_client_get_cipher_suite_records");
}

/**
 * ipmi_client_get_cipher_suite_records_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type IpmiCipherSuiteInfo): the records
 *   in the BMC's order, or %NULL with @error set
 */
GPtrArray *
ipmi_client_get_cipher_suite_records_finish(IpmiClient *client, GAsyncResult *result,
					    GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_cipher_suite_records_async,
				       error);
}

/**
 * ipmi_client_get_cipher_suite_records_sync:
 * @client: a connected #IpmiClient
 * @channel: the channel, %IPMI_CHANNEL_THIS for the session's own
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_cipher_suite_records_async().
 *
 * Returns: (transfer full) (element-type IpmiCipherSuiteInfo): the records,
 *   or %NULL
 */
GPtrArray *
ipmi_client_get_cipher_suite_records_sync(IpmiClient *client, guint8 channel,
					  GCancellable *cancellable, GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_cipher_suite_records_async(client, channel, cancellable, _ipmi_sync_done,
						   s);
	GPtrArray *r =
	    ipmi_client_get_cipher_suite_records_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}

/* ---- Get Session Info ----------------------------------------------------------- */

static void
on_session_info(GTask *task, IpmiResponse *rsp)
{
	if (_ipmi_op_failed(task, rsp))
		return;
	gsize n;
	const guint8 *d = _ipmi_op_data(rsp, &n);
	IpmiSessionInfoRsp m;
	int rc = ipmi_session_info_rsp_decode(d, n, &m);
	if (rc < 0) {
		_ipmi_op_malformed(task, rsp, rc);
		return;
	}
	IpmiSessionInfo *info = g_new0(IpmiSessionInfo, 1);
	info->handle = m.handle;
	info->slots = m.slots;
	info->active = m.active;
	info->has_session = m.has_session;
	info->user_id = m.user_id;
	info->privilege = (IpmiPrivilege)m.priv;
	info->session_type = m.session_type;
	info->channel = m.channel;
	info->has_lan = m.has_lan;
	if (m.has_lan) {
		info->console_address =
		    g_strdup_printf("%u.%u.%u.%u", m.ip[0], m.ip[1], m.ip[2], m.ip[3]);
		info->console_mac =
		    g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x", m.mac[0], m.mac[1], m.mac[2],
				    m.mac[3], m.mac[4], m.mac[5]);
		info->console_port = m.port;
	}
	_ipmi_op_return_pointer(task, info, (GDestroyNotify)ipmi_session_info_free);
}

/**
 * ipmi_client_get_session_info_async:
 * @client: a connected #IpmiClient
 * @index: 0 for this session, N for the Nth active session
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the answer
 * @user_data: data for @callback
 *
 * Get Session Info, like ipmitool `session info active` (index 0).
 */
void
ipmi_client_get_session_info_async(IpmiClient *client, guint8 index, GCancellable *cancellable,
				   GAsyncReadyCallback callback, gpointer user_data)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	GTask *task =
	    _ipmi_op_new(client, cancellable, callback, user_data,
			 ipmi_client_get_session_info_async, "ipmi_client_get_session_info");
	if (index > 0x3F) {
		_ipmi_op_return_error(task, g_error_new(G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
							"session index %u is above 63", index));
		return;
	}
	IpmiSessionInfoReq q = {.index = index};
	guint8 buf[5];
	int n = ipmi_session_info_req_encode(buf, sizeof buf, &q);
	_ipmi_op_request(task, IPMI_NETFN_APP, IPMI_CMD_GET_SESSION_INFO, buf, (gsize)n,
			 on_session_info);
}

/**
 * ipmi_client_get_session_info_finish:
 * @client: an #IpmiClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the session's information, or %NULL with
 *   @error set
 */
IpmiSessionInfo *
ipmi_client_get_session_info_finish(IpmiClient *client, GAsyncResult *result, GError **error)
{
	return _ipmi_op_finish_pointer(client, result, ipmi_client_get_session_info_async, error);
}

/**
 * ipmi_client_get_session_info_sync:
 * @client: a connected #IpmiClient
 * @index: 0 for this session, N for the Nth active session
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of ipmi_client_get_session_info_async().
 *
 * Returns: (transfer full): the session's information, or %NULL
 */
IpmiSessionInfo *
ipmi_client_get_session_info_sync(IpmiClient *client, guint8 index, GCancellable *cancellable,
				  GError **error)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	IpmiSyncCall *s = _ipmi_sync_begin(client);
	ipmi_client_get_session_info_async(client, index, cancellable, _ipmi_sync_done, s);
	IpmiSessionInfo *r = ipmi_client_get_session_info_finish(client, _ipmi_sync_wait(s), error);
	_ipmi_sync_end(client, s);
	return r;
}
