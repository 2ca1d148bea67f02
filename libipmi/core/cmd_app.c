/* cmd_app.c - Get Device ID, Get Session Info and the chassis commands,
 * see cmd_app.h. */
#include "cmd_app.h"

#include <string.h>

#include "buf.h"
#include "status.h"

/* ---- Get Device ID ------------------------------------------------------- */

int
ipmi_device_id_rsp_decode(const uint8_t *buf, size_t len, IpmiDeviceIdRsp *out)
{
	if (len != 11 && len != 15)
		return len < 11 ? IPMI_ERR_TRUNCATED : IPMI_ERR_LENGTH;
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiDeviceIdRsp m = {0};
	m.device_id = ipmi_rd_u8(&r);
	uint8_t b = ipmi_rd_u8(&r);
	m.provides_sdrs = (b & 0x80) != 0;
	m.device_rev = b & 0x0F;
	b = ipmi_rd_u8(&r);
	m.update_in_progress = (b & 0x80) != 0;
	m.fw_major = b & 0x7F;
	m.fw_minor = ipmi_rd_u8(&r);
	m.ipmi_version = ipmi_rd_u8(&r);
	m.support = ipmi_rd_u8(&r);
	m.manufacturer_id = ipmi_rd_u24le(&r) & 0x0FFFFF;
	m.product_id = ipmi_rd_u16le(&r);
	if (len == 15) {
		m.has_aux = true;
		ipmi_rd_copy(&r, m.aux, sizeof m.aux);
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_device_id_rsp_encode(uint8_t *buf, size_t cap, const IpmiDeviceIdRsp *m)
{
	if (m->device_rev > 0x0F || m->fw_major > 0x7F || m->manufacturer_id > 0x0FFFFF)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->device_id);
	ipmi_wr_u8(&w, (uint8_t)((m->provides_sdrs ? 0x80 : 0) | m->device_rev));
	ipmi_wr_u8(&w, (uint8_t)((m->update_in_progress ? 0x80 : 0) | m->fw_major));
	ipmi_wr_u8(&w, m->fw_minor);
	ipmi_wr_u8(&w, m->ipmi_version);
	ipmi_wr_u8(&w, m->support);
	ipmi_wr_u24le(&w, m->manufacturer_id);
	ipmi_wr_u16le(&w, m->product_id);
	if (m->has_aux)
		ipmi_wr_bytes(&w, m->aux, sizeof m->aux);
	return ipmi_wr_finish(&w);
}

/* ---- Get Session Info ------------------------------------------------------ */

int
ipmi_session_info_req_decode(const uint8_t *buf, size_t len, IpmiSessionInfoReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSessionInfoReq m = {0};
	m.index = ipmi_rd_u8(&r);
	if (m.index == IPMI_SESSION_INDEX_HANDLE)
		m.handle = ipmi_rd_u8(&r);
	else if (m.index == IPMI_SESSION_INDEX_ID)
		m.session_id = ipmi_rd_u32le(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_session_info_req_encode(uint8_t *buf, size_t cap, const IpmiSessionInfoReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->index);
	if (m->index == IPMI_SESSION_INDEX_HANDLE)
		ipmi_wr_u8(&w, m->handle);
	else if (m->index == IPMI_SESSION_INDEX_ID)
		ipmi_wr_u32le(&w, m->session_id);
	return ipmi_wr_finish(&w);
}

int
ipmi_session_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSessionInfoRsp *out)
{
	if (len != 3 && len != 6 && len != 18)
		return len < 3 ? IPMI_ERR_TRUNCATED : IPMI_ERR_LENGTH;
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSessionInfoRsp m = {0};
	m.handle = ipmi_rd_u8(&r);
	m.slots = ipmi_rd_u8(&r) & 0x3F;
	m.active = ipmi_rd_u8(&r) & 0x3F;
	if (len >= 6) {
		m.has_session = true;
		m.user_id = ipmi_rd_u8(&r) & 0x3F;
		m.priv = ipmi_rd_u8(&r) & 0x0F;
		uint8_t b = ipmi_rd_u8(&r);
		m.session_type = b >> 4;
		m.channel = b & 0x0F;
	}
	if (len == 18) {
		m.has_lan = true;
		ipmi_rd_copy(&r, m.ip, sizeof m.ip);
		ipmi_rd_copy(&r, m.mac, sizeof m.mac);
		m.port = ipmi_rd_u16le(&r);
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_session_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSessionInfoRsp *m)
{
	if (m->slots > 0x3F || m->active > 0x3F || m->user_id > 0x3F || m->priv > 0x0F ||
	    m->session_type > 0x0F || m->channel > 0x0F || (m->has_lan && !m->has_session))
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->handle);
	ipmi_wr_u8(&w, m->slots);
	ipmi_wr_u8(&w, m->active);
	if (m->has_session) {
		ipmi_wr_u8(&w, m->user_id);
		ipmi_wr_u8(&w, m->priv);
		ipmi_wr_u8(&w, (uint8_t)(m->session_type << 4 | m->channel));
	}
	if (m->has_lan) {
		ipmi_wr_bytes(&w, m->ip, sizeof m->ip);
		ipmi_wr_bytes(&w, m->mac, sizeof m->mac);
		ipmi_wr_u16le(&w, m->port);
	}
	return ipmi_wr_finish(&w);
}

/* ---- Get Chassis Status ------------------------------------------------------ */

int
ipmi_chassis_status_rsp_decode(const uint8_t *buf, size_t len, IpmiChassisStatusRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiChassisStatusRsp m = {0};
	uint8_t p = ipmi_rd_u8(&r);
	uint8_t e = ipmi_rd_u8(&r);
	uint8_t s = ipmi_rd_u8(&r);
	if (ipmi_rd_left(&r) > 0) {
		m.has_front_panel = true;
		m.front_panel = ipmi_rd_u8(&r);
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	m.power_on = (p & 0x01) != 0;
	m.power_overload = (p & 0x02) != 0;
	m.power_interlock = (p & 0x04) != 0;
	m.power_fault = (p & 0x08) != 0;
	m.control_fault = (p & 0x10) != 0;
	m.restore_policy = (p >> 5) & 0x03;
	m.last_event = e & 0x1F;
	m.intrusion = (s & 0x01) != 0;
	m.front_panel_lockout = (s & 0x02) != 0;
	m.drive_fault = (s & 0x04) != 0;
	m.cooling_fault = (s & 0x08) != 0;
	m.identify_state = (s >> 4) & 0x03;
	m.identify_supported = (s & 0x40) != 0;
	*out = m;
	return (int)len;
}

int
ipmi_chassis_status_rsp_encode(uint8_t *buf, size_t cap, const IpmiChassisStatusRsp *m)
{
	if (m->restore_policy > 3 || m->last_event > 0x1F || m->identify_state > 3)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, (uint8_t)((m->power_on ? 0x01 : 0) | (m->power_overload ? 0x02 : 0) |
				 (m->power_interlock ? 0x04 : 0) | (m->power_fault ? 0x08 : 0) |
				 (m->control_fault ? 0x10 : 0) | m->restore_policy << 5));
	ipmi_wr_u8(&w, m->last_event);
	ipmi_wr_u8(&w, (uint8_t)((m->intrusion ? 0x01 : 0) | (m->front_panel_lockout ? 0x02 : 0) |
				 (m->drive_fault ? 0x04 : 0) | (m->cooling_fault ? 0x08 : 0) |
				 m->identify_state << 4 | (m->identify_supported ? 0x40 : 0)));
	if (m->has_front_panel)
		ipmi_wr_u8(&w, m->front_panel);
	return ipmi_wr_finish(&w);
}

/* ---- Chassis Control and Identify ---------------------------------------------- */

int
ipmi_chassis_control_req_decode(const uint8_t *buf, size_t len, IpmiChassisControlReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t c = ipmi_rd_u8(&r) & 0x0F;
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	if (c > IPMI_CHASSIS_CONTROL_MAX)
		return IPMI_ERR_FORMAT;
	out->control = c;
	return (int)len;
}

int
ipmi_chassis_control_req_encode(uint8_t *buf, size_t cap, const IpmiChassisControlReq *m)
{
	if (m->control > IPMI_CHASSIS_CONTROL_MAX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->control);
	return ipmi_wr_finish(&w);
}

int
ipmi_chassis_identify_req_decode(const uint8_t *buf, size_t len, IpmiChassisIdentifyReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiChassisIdentifyReq m = {0};
	if (ipmi_rd_left(&r) > 0) {
		m.has_interval = true;
		m.interval = ipmi_rd_u8(&r);
	}
	if (ipmi_rd_left(&r) > 0) {
		m.has_force = true;
		m.force = (ipmi_rd_u8(&r) & 0x01) != 0;
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_chassis_identify_req_encode(uint8_t *buf, size_t cap, const IpmiChassisIdentifyReq *m)
{
	if (m->has_force && !m->has_interval)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	if (m->has_interval)
		ipmi_wr_u8(&w, m->interval);
	if (m->has_force)
		ipmi_wr_u8(&w, m->force ? 0x01 : 0x00);
	return ipmi_wr_finish(&w);
}
