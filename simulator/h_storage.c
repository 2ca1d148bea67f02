/* h_storage.c - Storage netFn handlers: the SDR repository, the SEL and FRU
 * inventory of the addressed controller (storage.h).  Reads need USER;
 * adding, deleting and clearing SEL entries and setting the SEL time need
 * OPERATOR, as the IPMI v2.0 command table (Appendix G) says. */
#include <string.h>

#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/rakp.h"
#include "core/status.h"
#include "handler.h"
#include "storage.h"

static BmcStorage *
storage(BmcRequest *rq)
{
	return bmc_model_storage(rq->model);
}

static uint8_t
finish(int rc, size_t *rsp_len)
{
	if (rc < 0)
		return IPMI_CC_UNSPECIFIED;
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

/* ---- SDR repository --------------------------------------------------------------- */

static uint8_t
get_sdr_repo_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiSdrRepoInfo info;
	bmc_storage_sdr_info(storage(rq), &info);
	return finish(ipmi_sdr_repo_info_rsp_encode(rsp, cap, &info), rsp_len);
}

static uint8_t
get_sdr_repo_alloc(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiAllocInfo a;
	bmc_storage_sdr_alloc(storage(rq), &a);
	return finish(ipmi_alloc_info_rsp_encode(rsp, cap, &a), rsp_len);
}

static uint8_t
reserve_sdr(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiReserveRsp r = {bmc_storage_sdr_reserve(storage(rq))};
	return finish(ipmi_reserve_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
get_sdr(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	return bmc_sdr_answer(storage(rq), req, rsp, cap, rsp_len);
}

/* ---- SEL ------------------------------------------------------------------------------ */

static uint8_t
get_sel_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiSelInfo info;
	bmc_storage_sel_info(storage(rq), &info);
	return finish(ipmi_sel_info_rsp_encode(rsp, cap, &info), rsp_len);
}

static uint8_t
get_sel_alloc(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiAllocInfo a;
	bmc_storage_sel_alloc(storage(rq), &a);
	return finish(ipmi_alloc_info_rsp_encode(rsp, cap, &a), rsp_len);
}

static uint8_t
reserve_sel(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiReserveRsp r = {bmc_storage_sel_reserve(storage(rq))};
	return finish(ipmi_reserve_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
get_sel_entry(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	BmcStorage *s = storage(rq);
	IpmiGetSelEntryReq q;
	if (ipmi_get_sel_entry_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint16_t next;
	const IpmiSelRecord *e = bmc_storage_sel_get(s, q.record_id, &next);
	if (!e)
		return IPMI_CC_NOT_PRESENT;
	if (q.offset && !bmc_storage_sel_reserved(s, q.reservation))
		return IPMI_CC_RESERVATION_CANCELLED;
	if (q.offset > IPMI_SEL_RECORD_LEN)
		return IPMI_CC_PARAMETER_OUT_OF_RANGE;
	uint8_t rec[IPMI_SEL_RECORD_LEN];
	if (ipmi_sel_record_encode(rec, sizeof rec, e) != IPMI_SEL_RECORD_LEN)
		return IPMI_CC_UNSPECIFIED;
	size_t n = IPMI_SEL_RECORD_LEN - q.offset;
	if (q.count != IPMI_SEL_READ_ALL && q.count < n)
		n = q.count;
	IpmiGetSelEntryRsp r = {.next_id = next, .data = rec + q.offset, .data_len = n};
	int rc = ipmi_get_sel_entry_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_CANT_RETURN_BYTES;
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

static uint8_t
add_sel_entry(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiSelRecord e;
	if (ipmi_sel_record_decode(req->data, req->data_len, &e) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiSelRecordIdRsp r;
	if (!bmc_storage_sel_add(storage(rq), &e, rq->now_us, &r.record_id))
		return IPMI_CC_OUT_OF_SPACE;
	return finish(ipmi_sel_record_id_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
delete_sel_entry(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	BmcStorage *s = storage(rq);
	IpmiDeleteSelEntryReq q;
	if (ipmi_delete_sel_entry_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	if (!bmc_storage_sel_reserved(s, q.reservation))
		return IPMI_CC_RESERVATION_CANCELLED;
	IpmiSelRecordIdRsp r;
	if (!bmc_storage_sel_delete(s, q.record_id, rq->now_us, &r.record_id))
		return IPMI_CC_NOT_PRESENT;
	return finish(ipmi_sel_record_id_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
clear_sel(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	BmcStorage *s = storage(rq);
	IpmiClearSelReq q;
	int rc = ipmi_clear_sel_req_decode(req->data, req->data_len, &q);
	if (rc == IPMI_ERR_FORMAT)
		return IPMI_CC_INVALID_DATA_FIELD; /* not 'CLR', or an unknown action */
	if (rc < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	if (!bmc_storage_sel_reserved(s, q.reservation))
		return IPMI_CC_RESERVATION_CANCELLED;
	if (q.initiate)
		bmc_storage_sel_clear(s, rq->now_us); /* completes at once */
	IpmiClearSelRsp r = {IPMI_SEL_ERASE_COMPLETED};
	return finish(ipmi_clear_sel_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
get_sel_time(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiSelTime t = {bmc_storage_sel_time(storage(rq), rq->now_us)};
	return finish(ipmi_sel_time_encode(rsp, cap, &t), rsp_len);
}

static uint8_t
set_sel_time(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiSelTime t;
	if (ipmi_sel_time_decode(req->data, req->data_len, &t) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	bmc_storage_sel_set_time(storage(rq), t.time, rq->now_us);
	*rsp_len = 0;
	return IPMI_CC_OK;
}

/* ---- FRU --------------------------------------------------------------------------------- */

static uint8_t
get_fru_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiFruInfoReq q;
	if (ipmi_fru_info_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	size_t size;
	if (!bmc_storage_fru(storage(rq), q.fru_id, &size))
		return IPMI_CC_NOT_PRESENT;
	IpmiFruInfoRsp r = {.size = (uint16_t)size, .by_words = false};
	return finish(ipmi_fru_info_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
read_fru_data(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiReadFruReq q;
	if (ipmi_read_fru_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	size_t size;
	const uint8_t *img = bmc_storage_fru(storage(rq), q.fru_id, &size);
	if (!img)
		return IPMI_CC_NOT_PRESENT;
	if (q.offset >= size)
		return IPMI_CC_PARAMETER_OUT_OF_RANGE;
	/* A read running past the end returns what there is. */
	size_t n = MIN((size_t)q.count, size - q.offset);
	IpmiReadFruRsp r = {.count = (uint8_t)n, .data = img + q.offset};
	int rc = ipmi_read_fru_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_CANT_RETURN_BYTES; /* ipmitool retries with fewer */
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

const BmcHandler bmc_storage_handlers[] = {
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_FRU_INFO, IPMI_PRIV_USER, get_fru_info},
    {IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, IPMI_PRIV_USER, read_fru_data},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR_REPO_INFO, IPMI_PRIV_USER, get_sdr_repo_info},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR_REPO_ALLOC_INFO, IPMI_PRIV_USER, get_sdr_repo_alloc},
    {IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SDR_REPO, IPMI_PRIV_USER, reserve_sdr},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, IPMI_PRIV_USER, get_sdr},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_INFO, IPMI_PRIV_USER, get_sel_info},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ALLOC_INFO, IPMI_PRIV_USER, get_sel_alloc},
    {IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SEL, IPMI_PRIV_USER, reserve_sel},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY, IPMI_PRIV_USER, get_sel_entry},
    {IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY, IPMI_PRIV_OPERATOR, add_sel_entry},
    {IPMI_NETFN_STORAGE, IPMI_CMD_DELETE_SEL_ENTRY, IPMI_PRIV_OPERATOR, delete_sel_entry},
    {IPMI_NETFN_STORAGE, IPMI_CMD_CLEAR_SEL, IPMI_PRIV_OPERATOR, clear_sel},
    {IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_TIME, IPMI_PRIV_USER, get_sel_time},
    {IPMI_NETFN_STORAGE, IPMI_CMD_SET_SEL_TIME, IPMI_PRIV_OPERATOR, set_sel_time},
    {0, 0, 0, NULL},
};
