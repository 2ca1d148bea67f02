/* h_sensor.c - Sensor/Event netFn handlers: device SDRs and sensor
 * readings, thresholds, hysteresis and event state, from the addressed
 * controller's storage (storage.h).  The records are the SDR repository's
 * (h_storage.c shares sdr_answer), so a tool that walks device SDRs sees
 * what one that walks the repository sees. */
#include <string.h>

#include "core/cmd_sdr.h"
#include "core/rakp.h"
#include "handler.h"
#include "storage.h"

uint8_t
bmc_sdr_answer(BmcStorage *s, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiGetSdrReq q;
	if (ipmi_get_sdr_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	size_t len;
	uint16_t next;
	const uint8_t *rec = bmc_storage_sdr_get(s, q.record_id, &len, &next);
	if (!rec)
		return IPMI_CC_NOT_PRESENT;
	/* The reservation guards partial reads only (offset 0 needs none). */
	if (q.offset && !bmc_storage_sdr_reserved(s, q.reservation))
		return IPMI_CC_RESERVATION_CANCELLED;
	if (q.offset > len)
		return IPMI_CC_PARAMETER_OUT_OF_RANGE;
	size_t n = len - q.offset;
	if (q.count != IPMI_SDR_READ_ALL && q.count < n)
		n = q.count;
	IpmiGetSdrRsp r = {.next_id = next, .data = rec + q.offset, .data_len = n};
	int rc = ipmi_get_sdr_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_CANT_RETURN_BYTES; /* ipmitool retries with fewer */
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

static uint8_t
get_device_sdr_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	IpmiGetDeviceSdrInfoReq q;
	if (ipmi_get_device_sdr_info_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	BmcStorage *s = bmc_model_storage(rq->model);
	guint n = q.sdr_count ? bmc_storage_sdr_count(s) : bmc_storage_sensor_count(s);
	IpmiGetDeviceSdrInfoRsp r = {
	    .count = (uint8_t)MIN(n, 255u),
	    .lun_mask = bmc_storage_sensor_count(s) ? 0x01 : 0x00, /* sensors on LUN 0 */
	};
	int rc = ipmi_get_device_sdr_info_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_UNSPECIFIED;
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

static uint8_t
get_device_sdr(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	return bmc_sdr_answer(bmc_model_storage(rq->model), req, rsp, cap, rsp_len);
}

static uint8_t
reserve_device_sdr(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	IpmiReserveRsp r = {bmc_storage_sdr_reserve(bmc_model_storage(rq->model))};
	int rc = ipmi_reserve_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_UNSPECIFIED;
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

/* The sensor a one-byte (or, for hysteresis, two-byte) request names. */
static uint8_t
find_sensor(BmcRequest *rq, const IpmiMsg *req, gboolean hysteresis, const BmcSensor **out)
{
	IpmiSensorReq q;
	int rc = hysteresis ? ipmi_sensor_hysteresis_req_decode(req->data, req->data_len, &q)
			    : ipmi_sensor_req_decode(req->data, req->data_len, &q);
	if (rc < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	*out = bmc_storage_sensor(bmc_model_storage(rq->model), q.number);
	return *out ? IPMI_CC_OK : IPMI_CC_NOT_PRESENT;
}

static uint8_t
finish(int rc, size_t *rsp_len)
{
	if (rc < 0)
		return IPMI_CC_UNSPECIFIED;
	*rsp_len = (size_t)rc;
	return IPMI_CC_OK;
}

static uint8_t
get_sensor_reading(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	const BmcSensor *x;
	uint8_t cc = find_sensor(rq, req, FALSE, &x);
	if (cc)
		return cc;
	IpmiSensorReading r;
	bmc_sensor_reading(x, rq->now_us, &r);
	return finish(ipmi_sensor_reading_rsp_encode(rsp, cap, &r), rsp_len);
}

static uint8_t
get_sensor_thresholds(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	const BmcSensor *x;
	uint8_t cc = find_sensor(rq, req, FALSE, &x);
	if (cc)
		return cc;
	if (!bmc_sensor_is_threshold(x))
		return IPMI_CC_ILLEGAL_COMMAND; /* "illegal for this sensor type" */
	IpmiSensorThresholds t;
	bmc_sensor_thresholds(x, &t);
	return finish(ipmi_sensor_thresholds_rsp_encode(rsp, cap, &t), rsp_len);
}

static uint8_t
get_sensor_hysteresis(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	const BmcSensor *x;
	uint8_t cc = find_sensor(rq, req, TRUE, &x);
	if (cc)
		return cc;
	if (!bmc_sensor_is_threshold(x))
		return IPMI_CC_ILLEGAL_COMMAND;
	IpmiSensorHysteresis h;
	bmc_sensor_hysteresis(x, &h);
	return finish(ipmi_sensor_hysteresis_rsp_encode(rsp, cap, &h), rsp_len);
}

static uint8_t
get_sensor_event_enable(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap,
			size_t *rsp_len)
{
	const BmcSensor *x;
	uint8_t cc = find_sensor(rq, req, FALSE, &x);
	if (cc)
		return cc;
	IpmiSensorEvents e;
	bmc_sensor_event_enable(x, &e);
	return finish(ipmi_sensor_event_enable_rsp_encode(rsp, cap, &e), rsp_len);
}

static uint8_t
get_sensor_event_status(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap,
			size_t *rsp_len)
{
	const BmcSensor *x;
	uint8_t cc = find_sensor(rq, req, FALSE, &x);
	if (cc)
		return cc;
	IpmiSensorEvents e;
	bmc_sensor_event_status(x, rq->now_us, &e);
	return finish(ipmi_sensor_event_status_rsp_encode(rsp, cap, &e), rsp_len);
}

const BmcHandler bmc_sensor_handlers[] = {
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR_INFO, IPMI_PRIV_USER, get_device_sdr_info},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR, IPMI_PRIV_USER, get_device_sdr},
    {IPMI_NETFN_SENSOR, IPMI_CMD_RESERVE_DEVICE_SDR_REPO, IPMI_PRIV_USER, reserve_device_sdr},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_HYSTERESIS, IPMI_PRIV_USER, get_sensor_hysteresis},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_THRESHOLDS, IPMI_PRIV_USER, get_sensor_thresholds},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_EVENT_ENABLE, IPMI_PRIV_USER, get_sensor_event_enable},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_EVENT_STATUS, IPMI_PRIV_USER, get_sensor_event_status},
    {IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING, IPMI_PRIV_USER, get_sensor_reading},
    {0, 0, 0, NULL},
};
