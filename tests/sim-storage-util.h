/* sim-storage-util.h - what the storage handler tests share: a stand-in
 * BmcModel that only holds storage (include in one file per executable),
 * and helpers that call the handler tables and decode with the core. */
#pragma once

#include <glib.h>
#include <string.h>

#include "core/buf.h"
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/rakp.h"
#include "core/status.h"
#include "handler.h"
#include "storage.h"

/* The daemon's BmcModel is not linked: a stand-in that only holds storage. */
struct _BmcModel {
	BmcStorage *storage;
};

BmcStorage *
bmc_model_storage(BmcModel *m)
{
	return m->storage;
}

#define NOW_US (G_GINT64_CONSTANT(1717000000) * G_USEC_PER_SEC) /* 2024-05-29 */

typedef struct {
	BmcModel model;
	gint64 now_us;
	uint8_t rsp[IPMI_MSG_MAX_DATA];
	size_t rsp_len;
} Bmc;

static G_GNUC_UNUSED Bmc *
bmc_new(void)
{
	Bmc *b = g_new0(Bmc, 1);
	b->model.storage = bmc_storage_new();
	bmc_storage_add_defaults(b->model.storage);
	b->now_us = NOW_US;
	return b;
}

static G_GNUC_UNUSED void
bmc_free(Bmc *b)
{
	bmc_storage_free(b->model.storage);
	g_free(b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Bmc, bmc_free)

static G_GNUC_UNUSED const BmcHandler *
handler(uint8_t netfn, uint8_t cmd)
{
	const BmcHandler *tables[] = {bmc_sensor_handlers, bmc_storage_handlers};
	for (size_t t = 0; t < G_N_ELEMENTS(tables); t++)
		for (const BmcHandler *h = tables[t]; h->fn; h++)
			if (h->netfn == netfn && h->cmd == cmd)
				return h;
	return NULL;
}

/* Send one request; returns the completion code, the answer in b->rsp. */
static G_GNUC_UNUSED uint8_t
call(Bmc *b, uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len)
{
	const BmcHandler *h = handler(netfn, cmd);
	g_assert_nonnull(h);
	BmcRequest rq = {.model = &b->model, .priv = IPMI_PRIV_ADMIN, .now_us = b->now_us};
	IpmiMsg req = {.netfn = netfn, .cmd = cmd, .data = data, .data_len = len};
	b->rsp_len = 0;
	return h->fn(&rq, &req, b->rsp, sizeof b->rsp, &b->rsp_len);
}

static G_GNUC_UNUSED uint16_t
reserve(Bmc *b, uint8_t netfn, uint8_t cmd)
{
	g_assert_cmphex(call(b, netfn, cmd, NULL, 0), ==, IPMI_CC_OK);
	IpmiReserveRsp r;
	g_assert_cmpint(ipmi_reserve_rsp_decode(b->rsp, b->rsp_len, &r), ==, 2);
	return r.id;
}

static G_GNUC_UNUSED uint8_t
get_sdr(Bmc *b, uint8_t netfn, uint8_t cmd, uint16_t res, uint16_t id, uint8_t off, uint8_t n,
	IpmiGetSdrRsp *out)
{
	uint8_t req[6];
	IpmiGetSdrReq q = {res, id, off, n};
	g_assert_cmpint(ipmi_get_sdr_req_encode(req, sizeof req, &q), ==, 6);
	uint8_t cc = call(b, netfn, cmd, req, sizeof req);
	if (cc == IPMI_CC_OK)
		g_assert_cmpint(ipmi_get_sdr_rsp_decode(b->rsp, b->rsp_len, out), ==,
				(int)b->rsp_len);
	return cc;
}

/* Walk the repository as ipmitool does: the 5-byte header, then the body
 * in chunks of `chunk` bytes from offset 5.  Returns the decoded records. */
static G_GNUC_UNUSED GArray *
walk_sdr(Bmc *b, uint8_t netfn, uint8_t get_cmd, uint8_t res_cmd, size_t chunk)
{
	GArray *recs = g_array_new(FALSE, TRUE, sizeof(IpmiSdrRecord));
	uint16_t res = reserve(b, netfn, res_cmd);
	uint16_t id = IPMI_SDR_RECORD_ID_FIRST;
	while (id != IPMI_SDR_RECORD_ID_LAST) {
		IpmiGetSdrRsp r;
		g_assert_cmphex(get_sdr(b, netfn, get_cmd, res, id, 0, 5, &r), ==, IPMI_CC_OK);
		g_assert_cmpuint(r.data_len, ==, 5);
		IpmiSdrHeader h;
		g_assert_cmpint(ipmi_sdr_header_decode(r.data, r.data_len, &h), ==, 5);
		uint16_t next = r.next_id;
		uint8_t whole[IPMI_SDR_MAX_RECORD];
		memcpy(whole, r.data, 5);
		for (size_t off = 5; off < 5u + h.length; off += chunk) {
			size_t n = MIN(chunk, 5u + h.length - off);
			g_assert_cmphex(get_sdr(b, netfn, get_cmd, res, h.record_id, (uint8_t)off,
						(uint8_t)n, &r),
					==, IPMI_CC_OK);
			g_assert_cmpuint(r.data_len, ==, n);
			g_assert_cmphex(r.next_id, ==, next);
			memcpy(whole + off, r.data, n);
		}
		/* FreeIPMI's first try: the whole record at once. */
		g_assert_cmphex(get_sdr(b, netfn, get_cmd, 0, h.record_id, 0, 0xFF, &r), ==,
				IPMI_CC_OK);
		g_assert_cmpmem(r.data, r.data_len, whole, 5u + h.length);
		IpmiSdrRecord rec;
		g_assert_cmpint(ipmi_sdr_record_decode(whole, 5u + h.length, &rec), ==,
				5 + h.length);
		g_assert_cmphex(rec.hdr.record_id, ==, recs->len + 1);
		g_array_append_val(recs, rec);
		id = next;
	}
	return recs;
}

static G_GNUC_UNUSED const IpmiSdrRecord *
find_record(GArray *recs, uint8_t type, const char *id)
{
	for (guint i = 0; i < recs->len; i++) {
		const IpmiSdrRecord *r = &g_array_index(recs, IpmiSdrRecord, i);
		if (r->hdr.type != type)
			continue;
		const IpmiSdrSensor *s = ipmi_sdr_record_sensor(r);
		const char *name = s                                   ? s->id.data
				   : type == IPMI_SDR_TYPE_FRU_LOCATOR ? r->u.fru.id.data
								       : r->u.mc.id.data;
		if (!strcmp(name, id))
			return r;
	}
	return NULL;
}

static G_GNUC_UNUSED IpmiSelInfo
sel_info(Bmc *b)
{
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_INFO, NULL, 0), ==, 0);
	IpmiSelInfo info;
	g_assert_cmpint(ipmi_sel_info_rsp_decode(b->rsp, b->rsp_len, &info), ==, 14);
	return info;
}

static G_GNUC_UNUSED GByteArray *
read_fru(Bmc *b, uint8_t fru, uint8_t chunk)
{
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_FRU_INFO, &fru, 1), ==, 0);
	IpmiFruInfoRsp info;
	g_assert_cmpint(ipmi_fru_info_rsp_decode(b->rsp, b->rsp_len, &info), ==, 3);
	g_assert_false(info.by_words);
	GByteArray *img = g_byte_array_new();
	while (img->len < info.size) {
		uint8_t req[4];
		IpmiReadFruReq q = {fru, (uint16_t)img->len,
				    (uint8_t)MIN((guint)chunk, info.size - img->len)};
		ipmi_read_fru_req_encode(req, sizeof req, &q);
		g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, req, 4), ==, 0);
		IpmiReadFruRsp r;
		g_assert_cmpint(ipmi_read_fru_rsp_decode(b->rsp, b->rsp_len, &r), ==,
				(int)b->rsp_len);
		g_assert_cmpuint(r.count, ==, q.count); /* FreeIPMI insists */
		g_byte_array_append(img, r.data, r.count);
	}
	return img;
}

static G_GNUC_UNUSED void
assert_field(const IpmiFruField *f, const char *want)
{
	char buf[160];
	g_assert_cmpint(ipmi_fru_field_text(f, buf, sizeof buf), >=, 0);
	g_assert_cmpstr(buf, ==, want);
}
