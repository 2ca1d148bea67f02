/* cmd_sel.c - System Event Log command codecs and the SEL record, see
 * cmd_sel.h. */
#include "cmd_sel.h"

#include <string.h>

#include "buf.h"
#include "status.h"

int
ipmi_sel_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSelInfo *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSelInfo m;
	m.version = ipmi_rd_u8(&r);
	m.entries = ipmi_rd_u16le(&r);
	m.free_space = ipmi_rd_u16le(&r);
	m.addition_ts = ipmi_rd_u32le(&r);
	m.erase_ts = ipmi_rd_u32le(&r);
	m.op_support = ipmi_rd_u8(&r) & 0x8F;
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_sel_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSelInfo *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->version);
	ipmi_wr_u16le(&w, m->entries);
	ipmi_wr_u16le(&w, m->free_space);
	ipmi_wr_u32le(&w, m->addition_ts);
	ipmi_wr_u32le(&w, m->erase_ts);
	ipmi_wr_u8(&w, m->op_support & 0x8F);
	return ipmi_wr_finish(&w);
}

int
ipmi_get_sel_entry_req_decode(const uint8_t *buf, size_t len, IpmiGetSelEntryReq *out)
{
	return ipmi_get_sdr_req_decode(buf, len, out);
}

int
ipmi_get_sel_entry_req_encode(uint8_t *buf, size_t cap, const IpmiGetSelEntryReq *m)
{
	return ipmi_get_sdr_req_encode(buf, cap, m);
}

int
ipmi_get_sel_entry_rsp_decode(const uint8_t *buf, size_t len, IpmiGetSelEntryRsp *out)
{
	return ipmi_get_sdr_rsp_decode(buf, len, out);
}

int
ipmi_get_sel_entry_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetSelEntryRsp *m)
{
	return ipmi_get_sdr_rsp_encode(buf, cap, m);
}

/* ---- The record ----------------------------------------------------------------- */

int
ipmi_sel_record_decode(const uint8_t *buf, size_t len, IpmiSelRecord *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSelRecord m;
	memset(&m, 0, sizeof m);
	m.record_id = ipmi_rd_u16le(&r);
	m.type = ipmi_rd_u8(&r);
	if (m.type < IPMI_SEL_TYPE_OEM_TS) {
		m.timestamp = ipmi_rd_u32le(&r);
		m.generator_id = ipmi_rd_u16le(&r);
		m.evm_rev = ipmi_rd_u8(&r);
		m.sensor_type = ipmi_rd_u8(&r);
		m.sensor_number = ipmi_rd_u8(&r);
		uint8_t dt = ipmi_rd_u8(&r);
		m.deassertion = (dt & 0x80) != 0;
		m.event_type = dt & 0x7F;
		ipmi_rd_copy(&r, m.data, 3);
	} else if (m.type < IPMI_SEL_TYPE_OEM_NTS) {
		m.timestamp = ipmi_rd_u32le(&r);
		m.manufacturer_id = ipmi_rd_u24le(&r);
		ipmi_rd_copy(&r, m.oem, 6);
	} else {
		ipmi_rd_copy(&r, m.oem, 13);
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

static bool
all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;
	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

int
ipmi_sel_record_encode(uint8_t *buf, size_t cap, const IpmiSelRecord *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->record_id);
	ipmi_wr_u8(&w, m->type);
	if (m->type < IPMI_SEL_TYPE_OEM_TS) {
		if (m->event_type > 0x7F || m->manufacturer_id || !all_zero(m->oem, 13))
			return IPMI_ERR_INVALID_ARG;
		ipmi_wr_u32le(&w, m->timestamp);
		ipmi_wr_u16le(&w, m->generator_id);
		ipmi_wr_u8(&w, m->evm_rev);
		ipmi_wr_u8(&w, m->sensor_type);
		ipmi_wr_u8(&w, m->sensor_number);
		ipmi_wr_u8(&w, (uint8_t)((m->deassertion ? 0x80 : 0) | m->event_type));
		ipmi_wr_bytes(&w, m->data, 3);
		return ipmi_wr_finish(&w);
	}
	/* OEM records: the system event fields must be unused. */
	if (m->generator_id || m->evm_rev || m->sensor_type || m->sensor_number || m->deassertion ||
	    m->event_type || !all_zero(m->data, 3))
		return IPMI_ERR_INVALID_ARG;
	if (m->type < IPMI_SEL_TYPE_OEM_NTS) {
		if (m->manufacturer_id > 0xFFFFFF || !all_zero(m->oem + 6, 7))
			return IPMI_ERR_INVALID_ARG;
		ipmi_wr_u32le(&w, m->timestamp);
		ipmi_wr_u24le(&w, m->manufacturer_id);
		ipmi_wr_bytes(&w, m->oem, 6);
	} else {
		if (m->timestamp || m->manufacturer_id)
			return IPMI_ERR_INVALID_ARG;
		ipmi_wr_bytes(&w, m->oem, 13);
	}
	return ipmi_wr_finish(&w);
}

/* ---- Add / Delete ---------------------------------------------------------------- */

int
ipmi_sel_record_id_rsp_decode(const uint8_t *buf, size_t len, IpmiSelRecordIdRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint16_t id = ipmi_rd_u16le(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->record_id = id;
	return (int)len;
}

int
ipmi_sel_record_id_rsp_encode(uint8_t *buf, size_t cap, const IpmiSelRecordIdRsp *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->record_id);
	return ipmi_wr_finish(&w);
}

int
ipmi_delete_sel_entry_req_decode(const uint8_t *buf, size_t len, IpmiDeleteSelEntryReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiDeleteSelEntryReq m;
	m.reservation = ipmi_rd_u16le(&r);
	m.record_id = ipmi_rd_u16le(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_delete_sel_entry_req_encode(uint8_t *buf, size_t cap, const IpmiDeleteSelEntryReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->reservation);
	ipmi_wr_u16le(&w, m->record_id);
	return ipmi_wr_finish(&w);
}

/* ---- Clear SEL ------------------------------------------------------------------ */

int
ipmi_clear_sel_req_decode(const uint8_t *buf, size_t len, IpmiClearSelReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint16_t res = ipmi_rd_u16le(&r);
	const uint8_t *clr = ipmi_rd_bytes(&r, 3);
	uint8_t action = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	if (memcmp(clr, "CLR", 3) != 0 ||
	    (action != IPMI_SEL_CLEAR_INITIATE && action != IPMI_SEL_CLEAR_STATUS))
		return IPMI_ERR_FORMAT;
	out->reservation = res;
	out->initiate = action == IPMI_SEL_CLEAR_INITIATE;
	return (int)len;
}

int
ipmi_clear_sel_req_encode(uint8_t *buf, size_t cap, const IpmiClearSelReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->reservation);
	ipmi_wr_bytes(&w, "CLR", 3);
	ipmi_wr_u8(&w, m->initiate ? IPMI_SEL_CLEAR_INITIATE : IPMI_SEL_CLEAR_STATUS);
	return ipmi_wr_finish(&w);
}

int
ipmi_clear_sel_rsp_decode(const uint8_t *buf, size_t len, IpmiClearSelRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t p = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->progress = p & 0x0F;
	return (int)len;
}

int
ipmi_clear_sel_rsp_encode(uint8_t *buf, size_t cap, const IpmiClearSelRsp *m)
{
	if (m->progress > 0x0F)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->progress);
	return ipmi_wr_finish(&w);
}

/* ---- SEL time -------------------------------------------------------------------- */

int
ipmi_sel_time_decode(const uint8_t *buf, size_t len, IpmiSelTime *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint32_t t = ipmi_rd_u32le(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->time = t;
	return (int)len;
}

int
ipmi_sel_time_encode(uint8_t *buf, size_t cap, const IpmiSelTime *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u32le(&w, m->time);
	return ipmi_wr_finish(&w);
}
