/* cmd_sdr.c - SDR repository, device SDR and sensor command codecs, see
 * cmd_sdr.h.  The records are in sdr_record.c, the reading conversion and
 * the unit and type names in sdr_units.c. */
#include "cmd_sdr.h"

#include <string.h>

#include "buf.h"
#include "status.h"

/* ---- Repository info, allocation info, reservations ---------------------- */

int
ipmi_sdr_repo_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSdrRepoInfo *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSdrRepoInfo m;
	m.version = ipmi_rd_u8(&r);
	m.record_count = ipmi_rd_u16le(&r);
	m.free_space = ipmi_rd_u16le(&r);
	m.addition_ts = ipmi_rd_u32le(&r);
	m.erase_ts = ipmi_rd_u32le(&r);
	m.op_support = ipmi_rd_u8(&r) & (uint8_t)~0x10;
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_sdr_repo_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSdrRepoInfo *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->version);
	ipmi_wr_u16le(&w, m->record_count);
	ipmi_wr_u16le(&w, m->free_space);
	ipmi_wr_u32le(&w, m->addition_ts);
	ipmi_wr_u32le(&w, m->erase_ts);
	ipmi_wr_u8(&w, m->op_support & (uint8_t)~0x10);
	return ipmi_wr_finish(&w);
}

int
ipmi_alloc_info_rsp_decode(const uint8_t *buf, size_t len, IpmiAllocInfo *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiAllocInfo m;
	m.units = ipmi_rd_u16le(&r);
	m.unit_size = ipmi_rd_u16le(&r);
	m.free_units = ipmi_rd_u16le(&r);
	m.largest_free = ipmi_rd_u16le(&r);
	m.max_record_units = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_alloc_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiAllocInfo *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->units);
	ipmi_wr_u16le(&w, m->unit_size);
	ipmi_wr_u16le(&w, m->free_units);
	ipmi_wr_u16le(&w, m->largest_free);
	ipmi_wr_u8(&w, m->max_record_units);
	return ipmi_wr_finish(&w);
}

int
ipmi_reserve_rsp_decode(const uint8_t *buf, size_t len, IpmiReserveRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint16_t id = ipmi_rd_u16le(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	if (id == 0)
		return IPMI_ERR_FORMAT;
	out->id = id;
	return (int)len;
}

int
ipmi_reserve_rsp_encode(uint8_t *buf, size_t cap, const IpmiReserveRsp *m)
{
	if (m->id == 0)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->id);
	return ipmi_wr_finish(&w);
}

/* ---- Get SDR / Get Device SDR ---------------------------------------------- */

int
ipmi_get_sdr_req_decode(const uint8_t *buf, size_t len, IpmiGetSdrReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiGetSdrReq m;
	m.reservation = ipmi_rd_u16le(&r);
	m.record_id = ipmi_rd_u16le(&r);
	m.offset = ipmi_rd_u8(&r);
	m.count = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_get_sdr_req_encode(uint8_t *buf, size_t cap, const IpmiGetSdrReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->reservation);
	ipmi_wr_u16le(&w, m->record_id);
	ipmi_wr_u8(&w, m->offset);
	ipmi_wr_u8(&w, m->count);
	return ipmi_wr_finish(&w);
}

int
ipmi_get_sdr_rsp_decode(const uint8_t *buf, size_t len, IpmiGetSdrRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint16_t next = ipmi_rd_u16le(&r);
	size_t n = ipmi_rd_left(&r);
	const uint8_t *data = ipmi_rd_bytes(&r, n);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->next_id = next;
	out->data = data;
	out->data_len = n;
	return (int)len;
}

int
ipmi_get_sdr_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetSdrRsp *m)
{
	if (m->data_len && !m->data)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->next_id);
	ipmi_wr_bytes(&w, m->data, m->data_len);
	return ipmi_wr_finish(&w);
}

/* ---- Get Device SDR Info ---------------------------------------------------- */

int
ipmi_get_device_sdr_info_req_decode(const uint8_t *buf, size_t len, IpmiGetDeviceSdrInfoReq *out)
{
	if (len > 1)
		return IPMI_ERR_LENGTH;
	out->has_operation = len == 1;
	out->sdr_count = len == 1 && (buf[0] & 0x01);
	return (int)len;
}

int
ipmi_get_device_sdr_info_req_encode(uint8_t *buf, size_t cap, const IpmiGetDeviceSdrInfoReq *m)
{
	if (!m->has_operation)
		return m->sdr_count ? IPMI_ERR_INVALID_ARG : 0;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->sdr_count ? 0x01 : 0x00);
	return ipmi_wr_finish(&w);
}

int
ipmi_get_device_sdr_info_rsp_decode(const uint8_t *buf, size_t len, IpmiGetDeviceSdrInfoRsp *out)
{
	if (len != 2 && len != 6)
		return len < 2 ? IPMI_ERR_TRUNCATED : IPMI_ERR_LENGTH;
	IpmiGetDeviceSdrInfoRsp m = {0};
	m.count = buf[0];
	m.dynamic = (buf[1] & 0x80) != 0;
	m.lun_mask = buf[1] & 0x0F;
	m.has_change = len == 6;
	if (m.has_change)
		m.change = ipmi_get_u32le(buf + 2);
	*out = m;
	return (int)len;
}

int
ipmi_get_device_sdr_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetDeviceSdrInfoRsp *m)
{
	if (m->lun_mask > 0x0F)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->count);
	ipmi_wr_u8(&w, (uint8_t)((m->dynamic ? 0x80 : 0) | m->lun_mask));
	if (m->has_change)
		ipmi_wr_u32le(&w, m->change);
	return ipmi_wr_finish(&w);
}

/* ---- Sensor requests ------------------------------------------------------- */

int
ipmi_sensor_req_decode(const uint8_t *buf, size_t len, IpmiSensorReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t n = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->number = n;
	return (int)len;
}

int
ipmi_sensor_req_encode(uint8_t *buf, size_t cap, const IpmiSensorReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->number);
	return ipmi_wr_finish(&w);
}

int
ipmi_sensor_hysteresis_req_decode(const uint8_t *buf, size_t len, IpmiSensorReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t n = ipmi_rd_u8(&r);
	(void)ipmi_rd_u8(&r); /* reserved hysteresis mask */
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->number = n;
	return (int)len;
}

int
ipmi_sensor_hysteresis_req_encode(uint8_t *buf, size_t cap, const IpmiSensorReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->number);
	ipmi_wr_u8(&w, 0xFF);
	return ipmi_wr_finish(&w);
}

/* ---- Sensor responses -------------------------------------------------------- */

int
ipmi_sensor_reading_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorReading *out)
{
	if (len < 2)
		return IPMI_ERR_TRUNCATED;
	if (len > 4)
		return IPMI_ERR_LENGTH;
	IpmiSensorReading m = {0};
	m.raw = buf[0];
	m.events_enabled = (buf[1] & 0x80) != 0;
	m.scanning_enabled = (buf[1] & 0x40) != 0;
	m.unavailable = (buf[1] & 0x20) != 0;
	m.state_len = (uint8_t)(len - 2);
	memcpy(m.state, buf + 2, m.state_len);
	*out = m;
	return (int)len;
}

int
ipmi_sensor_reading_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorReading *m)
{
	if (m->state_len > 2)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->raw);
	ipmi_wr_u8(&w, (uint8_t)((m->events_enabled ? 0x80 : 0) | (m->scanning_enabled ? 0x40 : 0) |
				 (m->unavailable ? 0x20 : 0)));
	ipmi_wr_bytes(&w, m->state, m->state_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_sensor_thresholds_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorThresholds *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSensorThresholds m;
	m.readable = ipmi_rd_u8(&r) & IPMI_THRESH_ALL;
	m.lnc = ipmi_rd_u8(&r);
	m.lcr = ipmi_rd_u8(&r);
	m.lnr = ipmi_rd_u8(&r);
	m.unc = ipmi_rd_u8(&r);
	m.ucr = ipmi_rd_u8(&r);
	m.unr = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_sensor_thresholds_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorThresholds *m)
{
	if (m->readable & ~IPMI_THRESH_ALL)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->readable);
	ipmi_wr_u8(&w, m->lnc);
	ipmi_wr_u8(&w, m->lcr);
	ipmi_wr_u8(&w, m->lnr);
	ipmi_wr_u8(&w, m->unc);
	ipmi_wr_u8(&w, m->ucr);
	ipmi_wr_u8(&w, m->unr);
	return ipmi_wr_finish(&w);
}

int
ipmi_sensor_hysteresis_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorHysteresis *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t pos = ipmi_rd_u8(&r);
	uint8_t neg = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->positive = pos;
	out->negative = neg;
	return (int)len;
}

int
ipmi_sensor_hysteresis_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorHysteresis *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->positive);
	ipmi_wr_u8(&w, m->negative);
	return ipmi_wr_finish(&w);
}

static int
decode_events(const uint8_t *buf, size_t len, bool with_unavailable, IpmiSensorEvents *out)
{
	if (len < 1)
		return IPMI_ERR_TRUNCATED;
	if (len > 5)
		return IPMI_ERR_LENGTH;
	uint8_t b[5] = {0};
	memcpy(b, buf, len);
	IpmiSensorEvents m = {0};
	m.events_enabled = (b[0] & 0x80) != 0;
	m.scanning_enabled = (b[0] & 0x40) != 0;
	m.unavailable = with_unavailable && (b[0] & 0x20);
	m.mask_len = (uint8_t)(len - 1);
	m.assertion = (uint16_t)((b[1] | b[2] << 8) & 0x7FFF);
	m.deassertion = (uint16_t)((b[3] | b[4] << 8) & 0x7FFF);
	*out = m;
	return (int)len;
}

static int
encode_events(uint8_t *buf, size_t cap, bool with_unavailable, const IpmiSensorEvents *m)
{
	if (m->mask_len > 4 || (m->assertion | m->deassertion) & 0x8000)
		return IPMI_ERR_INVALID_ARG;
	uint8_t b[5];
	b[0] = (uint8_t)((m->events_enabled ? 0x80 : 0) | (m->scanning_enabled ? 0x40 : 0) |
			 (with_unavailable && m->unavailable ? 0x20 : 0));
	ipmi_put_u16le(b + 1, m->assertion);
	ipmi_put_u16le(b + 3, m->deassertion);
	/* Bytes not sent must be zero, or the round trip would lose them. */
	for (size_t i = 1u + m->mask_len; i < 5; i++)
		if (b[i])
			return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_bytes(&w, b, 1u + m->mask_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_sensor_event_enable_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorEvents *out)
{
	return decode_events(buf, len, false, out);
}

int
ipmi_sensor_event_enable_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorEvents *m)
{
	return encode_events(buf, cap, false, m);
}

int
ipmi_sensor_event_status_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorEvents *out)
{
	return decode_events(buf, len, true, out);
}

int
ipmi_sensor_event_status_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorEvents *m)
{
	return encode_events(buf, cap, true, m);
}
