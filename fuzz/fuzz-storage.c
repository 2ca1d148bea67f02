/* fuzz-storage.c - the Storage and Sensor netFn codecs (cmd_sdr.h,
 * cmd_sel.h, cmd_fru.h) for the harnesses, see fuzz.h. */
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/msg.h"
#include "fuzz.h"

/* ---- SDR --------------------------------------------------------------- */

/* The linear conversion: a raw reading converts to a value that converts
 * back to the same raw byte (1's complement has two zeros). */
static void
sensor_factors(const IpmiSdrFullSensor *f)
{
	IpmiSensorFactors fac;
	ipmi_sdr_full_factors(f, &fac);
	for (unsigned raw = 0; raw < 256; raw++) {
		double v;
		uint8_t back;
		(void)ipmi_sensor_threshold_status(f, (uint8_t)raw);
		if (ipmi_sensor_raw_to_value(&fac, (uint8_t)raw, &v) < 0)
			continue;
		int rc = ipmi_sensor_value_to_raw(&fac, v, &back);
		if (rc < 0 || fac.m == 0)
			continue;
		if (fac.analog_format == IPMI_ANALOG_ONES && (raw == 0xFF || raw == 0))
			continue;
		FUZZ_CHECK(rc == 0 && back == raw);
	}
	int min, max;
	ipmi_sensor_raw_range(fac.analog_format, &min, &max);
	for (int x = min; x <= max; x++)
		FUZZ_CHECK(ipmi_sensor_raw_to_int(fac.analog_format,
						  ipmi_sensor_int_to_raw(fac.analog_format, x)) ==
			   x);
}

static void
sdr_record(const uint8_t *p, size_t len)
{
	static IpmiSdrRecord r1, r2;
	static uint8_t e1[FUZZ_ENC_MAX], e2[FUZZ_ENC_MAX];
	int rc = ipmi_sdr_record_decode(p, len, &r1);
	if (rc < 0)
		return;
	FUZZ_CHECK(rc >= IPMI_SDR_HEADER_LEN && (size_t)rc <= len);
	FUZZ_CHECK(rc == IPMI_SDR_HEADER_LEN + r1.hdr.length);
	const IpmiSdrSensor *s = ipmi_sdr_record_sensor(&r1);
	if (s) {
		FUZZ_CHECK(s->id.len <= IPMI_SDR_ID_MAX);
		(void)ipmi_sensor_unit_name(s->base_unit);
		(void)ipmi_sensor_type_name(s->sensor_type);
	}
	if (r1.hdr.type == IPMI_SDR_TYPE_FULL)
		sensor_factors(&r1.u.full);
	int n1 = ipmi_sdr_record_encode(e1, sizeof e1, &r1);
	if (n1 < 0)
		return;
	FUZZ_CHECK(ipmi_sdr_record_decode(e1, (size_t)n1, &r2) == n1);
	int n2 = ipmi_sdr_record_encode(e2, sizeof e2, &r2);
	FUZZ_CHECK(n2 == n1 && memcmp(e1, e2, (size_t)n1) == 0);
}

void
fuzz_cmd_sdr_all(const uint8_t *p, size_t len)
{
	ROUNDTRIP(IpmiSdrRepoInfo, ipmi_sdr_repo_info_rsp_decode, ipmi_sdr_repo_info_rsp_encode, p,
		  len);
	ROUNDTRIP(IpmiAllocInfo, ipmi_alloc_info_rsp_decode, ipmi_alloc_info_rsp_encode, p, len);
	ROUNDTRIP(IpmiReserveRsp, ipmi_reserve_rsp_decode, ipmi_reserve_rsp_encode, p, len);
	ROUNDTRIP(IpmiGetSdrReq, ipmi_get_sdr_req_decode, ipmi_get_sdr_req_encode, p, len);
	ROUNDTRIP(IpmiGetSdrRsp, ipmi_get_sdr_rsp_decode, ipmi_get_sdr_rsp_encode, p, len);
	ROUNDTRIP(IpmiGetDeviceSdrInfoReq, ipmi_get_device_sdr_info_req_decode,
		  ipmi_get_device_sdr_info_req_encode, p, len);
	ROUNDTRIP(IpmiGetDeviceSdrInfoRsp, ipmi_get_device_sdr_info_rsp_decode,
		  ipmi_get_device_sdr_info_rsp_encode, p, len);
	ROUNDTRIP(IpmiSensorReq, ipmi_sensor_req_decode, ipmi_sensor_req_encode, p, len);
	ROUNDTRIP(IpmiSensorReq, ipmi_sensor_hysteresis_req_decode,
		  ipmi_sensor_hysteresis_req_encode, p, len);
	ROUNDTRIP(IpmiSensorReading, ipmi_sensor_reading_rsp_decode, ipmi_sensor_reading_rsp_encode,
		  p, len);
	ROUNDTRIP(IpmiSensorThresholds, ipmi_sensor_thresholds_rsp_decode,
		  ipmi_sensor_thresholds_rsp_encode, p, len);
	ROUNDTRIP(IpmiSensorHysteresis, ipmi_sensor_hysteresis_rsp_decode,
		  ipmi_sensor_hysteresis_rsp_encode, p, len);
	ROUNDTRIP(IpmiSensorEvents, ipmi_sensor_event_enable_rsp_decode,
		  ipmi_sensor_event_enable_rsp_encode, p, len);
	ROUNDTRIP(IpmiSensorEvents, ipmi_sensor_event_status_rsp_decode,
		  ipmi_sensor_event_status_rsp_encode, p, len);
	IpmiSdrHeader h;
	if (ipmi_sdr_header_decode(p, len, &h) >= 0)
		FUZZ_CHECK(len >= IPMI_SDR_HEADER_LEN);
	sdr_record(p, len);
	/* A Get SDR response: next ID, then record bytes. */
	IpmiGetSdrRsp rsp;
	if (ipmi_get_sdr_rsp_decode(p, len, &rsp) >= 0)
		sdr_record(rsp.data, rsp.data_len);
}

/* ---- SEL --------------------------------------------------------------- */

void
fuzz_cmd_sel_all(const uint8_t *p, size_t len)
{
	ROUNDTRIP(IpmiSelInfo, ipmi_sel_info_rsp_decode, ipmi_sel_info_rsp_encode, p, len);
	ROUNDTRIP(IpmiGetSelEntryReq, ipmi_get_sel_entry_req_decode, ipmi_get_sel_entry_req_encode,
		  p, len);
	ROUNDTRIP(IpmiGetSelEntryRsp, ipmi_get_sel_entry_rsp_decode, ipmi_get_sel_entry_rsp_encode,
		  p, len);
	ROUNDTRIP(IpmiSelRecord, ipmi_sel_record_decode, ipmi_sel_record_encode, p, len);
	ROUNDTRIP(IpmiSelRecordIdRsp, ipmi_sel_record_id_rsp_decode, ipmi_sel_record_id_rsp_encode,
		  p, len);
	ROUNDTRIP(IpmiDeleteSelEntryReq, ipmi_delete_sel_entry_req_decode,
		  ipmi_delete_sel_entry_req_encode, p, len);
	ROUNDTRIP(IpmiClearSelReq, ipmi_clear_sel_req_decode, ipmi_clear_sel_req_encode, p, len);
	ROUNDTRIP(IpmiClearSelRsp, ipmi_clear_sel_rsp_decode, ipmi_clear_sel_rsp_encode, p, len);
	ROUNDTRIP(IpmiSelTime, ipmi_sel_time_decode, ipmi_sel_time_encode, p, len);
	/* A whole record from Get SEL Entry; the exact bytes come back. */
	IpmiGetSelEntryRsp rsp;
	IpmiSelRecord rec;
	uint8_t e[IPMI_SEL_RECORD_LEN];
	if (ipmi_get_sel_entry_rsp_decode(p, len, &rsp) >= 0 &&
	    ipmi_sel_record_decode(rsp.data, rsp.data_len, &rec) >= 0) {
		FUZZ_CHECK(ipmi_sel_record_encode(e, sizeof e, &rec) == IPMI_SEL_RECORD_LEN);
		FUZZ_CHECK(memcmp(e, rsp.data, IPMI_SEL_RECORD_LEN) == 0);
	}
}

/* ---- FRU --------------------------------------------------------------- */

static void
field_text(const IpmiFruField *f)
{
	char text[4 * IPMI_FRU_FIELD_MAX + 8];
	FUZZ_CHECK(f->len <= IPMI_FRU_FIELD_MAX);
	int n = ipmi_fru_field_text(f, text, sizeof text);
	FUZZ_CHECK(n >= 0 && (size_t)n < sizeof text && text[n] == 0);
}

static void
fru_fields(const IpmiFruInventory *inv)
{
	const IpmiFruChassis *c = &inv->chassis;
	const IpmiFruBoard *b = &inv->board;
	const IpmiFruProduct *p = &inv->product;
	const IpmiFruField *fields[] = {
	    &c->part, &c->serial, &b->mfg,  &b->product, &b->serial, &b->part,  &b->file_id,
	    &p->mfg,  &p->name,   &p->part, &p->version, &p->serial, &p->asset, &p->file_id};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		field_text(fields[i]);
	FUZZ_CHECK(c->n_custom <= IPMI_FRU_CUSTOM_MAX && b->n_custom <= IPMI_FRU_CUSTOM_MAX &&
		   p->n_custom <= IPMI_FRU_CUSTOM_MAX);
	for (size_t i = 0; i < IPMI_FRU_CUSTOM_MAX; i++) {
		field_text(&c->custom[i]);
		field_text(&b->custom[i]);
		field_text(&p->custom[i]);
	}
}

void
fuzz_cmd_fru_all(const uint8_t *p, size_t len)
{
	ROUNDTRIP(IpmiFruInfoReq, ipmi_fru_info_req_decode, ipmi_fru_info_req_encode, p, len);
	ROUNDTRIP(IpmiFruInfoRsp, ipmi_fru_info_rsp_decode, ipmi_fru_info_rsp_encode, p, len);
	ROUNDTRIP(IpmiReadFruReq, ipmi_read_fru_req_decode, ipmi_read_fru_req_encode, p, len);
	ROUNDTRIP(IpmiReadFruRsp, ipmi_read_fru_rsp_decode, ipmi_read_fru_rsp_encode, p, len);
	ROUNDTRIP(IpmiFruHeader, ipmi_fru_header_decode, ipmi_fru_header_encode, p, len);
	ROUNDTRIP(IpmiFruChassis, ipmi_fru_chassis_decode, ipmi_fru_chassis_encode, p, len);
	ROUNDTRIP(IpmiFruBoard, ipmi_fru_board_decode, ipmi_fru_board_encode, p, len);
	ROUNDTRIP(IpmiFruProduct, ipmi_fru_product_decode, ipmi_fru_product_encode, p, len);
	static IpmiFruInventory inv1, inv2;
	static uint8_t e1[4096], e2[4096];
	if (ipmi_fru_image_decode(p, len, &inv1) < 0)
		return;
	fru_fields(&inv1);
	int n1 = ipmi_fru_image_encode(e1, sizeof e1, &inv1);
	if (n1 < 0)
		return;
	FUZZ_CHECK(ipmi_fru_image_decode(e1, (size_t)n1, &inv2) == n1);
	int n2 = ipmi_fru_image_encode(e2, sizeof e2, &inv2);
	FUZZ_CHECK(n2 == n1 && memcmp(e1, e2, (size_t)n1) == 0);
}

/* ---- by command ---------------------------------------------------------- */

#define RT(T, dec, enc) ROUNDTRIP(T, dec, enc, p, len)

void
fuzz_storage_command(uint8_t netfn, uint8_t cmd, const uint8_t *p, size_t len)
{
	bool rq = (netfn & 1) == 0;
	uint8_t nf = netfn & (uint8_t)~1u;
	if (nf == IPMI_NETFN_SENSOR) {
		switch (cmd) {
		case IPMI_CMD_GET_DEVICE_SDR_INFO:
			if (rq)
				RT(IpmiGetDeviceSdrInfoReq, ipmi_get_device_sdr_info_req_decode,
				   ipmi_get_device_sdr_info_req_encode);
			else
				RT(IpmiGetDeviceSdrInfoRsp, ipmi_get_device_sdr_info_rsp_decode,
				   ipmi_get_device_sdr_info_rsp_encode);
			break;
		case IPMI_CMD_GET_DEVICE_SDR:
			if (rq)
				RT(IpmiGetSdrReq, ipmi_get_sdr_req_decode, ipmi_get_sdr_req_encode);
			else
				fuzz_cmd_sdr_all(p, len);
			break;
		case IPMI_CMD_RESERVE_DEVICE_SDR_REPO:
			if (!rq)
				RT(IpmiReserveRsp, ipmi_reserve_rsp_decode,
				   ipmi_reserve_rsp_encode);
			break;
		case IPMI_CMD_GET_SENSOR_HYSTERESIS:
			if (rq)
				RT(IpmiSensorReq, ipmi_sensor_hysteresis_req_decode,
				   ipmi_sensor_hysteresis_req_encode);
			else
				RT(IpmiSensorHysteresis, ipmi_sensor_hysteresis_rsp_decode,
				   ipmi_sensor_hysteresis_rsp_encode);
			break;
		case IPMI_CMD_GET_SENSOR_THRESHOLDS:
		case IPMI_CMD_GET_SENSOR_EVENT_ENABLE:
		case IPMI_CMD_GET_SENSOR_EVENT_STATUS:
		case IPMI_CMD_GET_SENSOR_READING:
			if (rq)
				RT(IpmiSensorReq, ipmi_sensor_req_decode, ipmi_sensor_req_encode);
			else
				fuzz_cmd_sdr_all(p, len);
			break;
		default:
			break;
		}
		return;
	}
	if (nf != IPMI_NETFN_STORAGE)
		return;
	switch (cmd) {
	case IPMI_CMD_GET_FRU_INFO:
	case IPMI_CMD_READ_FRU_DATA:
	case IPMI_CMD_WRITE_FRU_DATA:
		fuzz_cmd_fru_all(p, len);
		break;
	case IPMI_CMD_GET_SDR_REPO_INFO:
	case IPMI_CMD_GET_SDR_REPO_ALLOC_INFO:
	case IPMI_CMD_RESERVE_SDR_REPO:
	case IPMI_CMD_GET_SDR:
		fuzz_cmd_sdr_all(p, len);
		break;
	case IPMI_CMD_GET_SEL_INFO:
	case IPMI_CMD_GET_SEL_ALLOC_INFO:
	case IPMI_CMD_RESERVE_SEL:
	case IPMI_CMD_GET_SEL_ENTRY:
	case IPMI_CMD_ADD_SEL_ENTRY:
	case IPMI_CMD_DELETE_SEL_ENTRY:
	case IPMI_CMD_CLEAR_SEL:
	case IPMI_CMD_GET_SEL_TIME:
	case IPMI_CMD_SET_SEL_TIME:
		fuzz_cmd_sel_all(p, len);
		break;
	default:
		break;
	}
}
