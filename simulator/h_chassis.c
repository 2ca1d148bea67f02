/* h_chassis.c - Chassis commands: capabilities, status, power control with
 * state transitions, identify, power restore policy, restart cause and the
 * power-on-hours counter.  Only a controller with the chassis device bit
 * answers them (satellites say C1h). */
#include "core/rakp.h"
#include "handler.h"
#include "model.h"

#define CMD_GET_CAPABILITIES 0x00
#define CMD_GET_STATUS 0x01
#define CMD_CONTROL 0x02
#define CMD_IDENTIFY 0x04
#define CMD_SET_POLICY 0x06
#define CMD_GET_RESTART_CAUSE 0x07
#define CMD_GET_POH 0x0F

#define CTRL_POWER_DOWN 0
#define CTRL_POWER_UP 1
#define CTRL_POWER_CYCLE 2
#define CTRL_HARD_RESET 3
#define CTRL_DIAG_INTERRUPT 4
#define CTRL_SOFT_SHUTDOWN 5

#define RESTART_CHASSIS_CONTROL 0x01
#define IDENTIFY_DEFAULT_S 15

static BmcChassis *
chassis_of(BmcRequest *rq)
{
	return (rq->model->dev.additional & BMC_DEV_CHASSIS) ? &rq->model->chassis : NULL;
}

static uint8_t
get_capabilities(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (!chassis_of(rq))
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t sa = rq->model->ipmb_addr;
	rsp[0] = 0x03; /* front panel lockout, intrusion sensor */
	rsp[1] = sa;   /* FRU info device */
	rsp[2] = sa;   /* SDR device */
	rsp[3] = sa;   /* SEL device */
	rsp[4] = sa;   /* system management device */
	rsp[5] = sa;   /* bridge device */
	*len = 6;
	return IPMI_CC_OK;
}

static uint8_t
get_status(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	rsp[0] = (uint8_t)((c->power_on ? 0x01 : 0) | (c->power_overload ? 0x02 : 0) |
			   (c->power_interlock ? 0x04 : 0) | (c->power_fault ? 0x08 : 0) |
			   (c->control_fault ? 0x10 : 0) | (c->restore_policy & 3) << 5);
	rsp[1] = c->last_event;
	uint8_t identify = bmc_chassis_identify_state(c, bmc_now_s());
	rsp[2] = (uint8_t)((c->intrusion ? 0x01 : 0) | (c->front_panel_lockout ? 0x02 : 0) |
			   (c->drive_fault ? 0x04 : 0) | (c->cooling_fault ? 0x08 : 0) |
			   identify << 4 | 0x40 /* identify state reported */);
	rsp[3] = 0x00; /* front panel buttons: none can be disabled */
	*len = 4;
	return IPMI_CC_OK;
}

static uint8_t
control(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len != 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	gint64 now = bmc_now_s();
	uint8_t op = req->data[0] & 0x0F;
	if (op > CTRL_SOFT_SHUTDOWN)
		return IPMI_CC_INVALID_DATA_FIELD;
	/* Cycling, resetting, interrupting or shutting down a system that is
	 * off is "not supported in present state", as on most BMCs. */
	if (!c->power_on && op != CTRL_POWER_DOWN && op != CTRL_POWER_UP)
		return IPMI_CC_NOT_SUPPORTED_STATE;
	switch (op) {
	case CTRL_POWER_DOWN:
	case CTRL_SOFT_SHUTDOWN:
		bmc_chassis_set_power(c, FALSE, now);
		break;
	case CTRL_POWER_UP:
		if (!c->power_on) {
			bmc_chassis_set_power(c, TRUE, now);
			c->last_event = BMC_EVENT_IPMI_ON;
			c->restart_cause = RESTART_CHASSIS_CONTROL;
		}
		break;
	case CTRL_POWER_CYCLE:
		c->last_event = BMC_EVENT_IPMI_ON;
		c->restart_cause = RESTART_CHASSIS_CONTROL;
		break;
	case CTRL_HARD_RESET:
		c->restart_cause = RESTART_CHASSIS_CONTROL;
		break;
	default: /* diagnostic interrupt: nothing visible */
		break;
	}
	return IPMI_CC_OK;
}

static uint8_t
identify(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len > 2)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	unsigned interval = req->data_len >= 1 ? req->data[0] : IDENTIFY_DEFAULT_S;
	gboolean force = req->data_len == 2 && (req->data[1] & 1);
	if (force) {
		c->identify = BMC_IDENTIFY_FORCED;
	} else if (interval == 0) {
		c->identify = BMC_IDENTIFY_OFF;
	} else {
		c->identify = BMC_IDENTIFY_TIMED;
		c->identify_until_s = bmc_now_s() + interval;
	}
	return IPMI_CC_OK;
}

static uint8_t
set_policy(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len != 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t p = req->data[0] & 0x07;
	if (p > 3)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (p != 3) /* 3: no change, just report */
		c->restore_policy = p;
	rsp[0] = 0x07; /* always off, previous and always on are supported */
	*len = 1;
	return IPMI_CC_OK;
}

static uint8_t
get_restart_cause(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	rsp[0] = c->restart_cause & 0x0F;
	rsp[1] = c->restart_cause == RESTART_CHASSIS_CONTROL ? BMC_LAN_CHANNEL : 0;
	*len = 2;
	return IPMI_CC_OK;
}

static uint8_t
get_poh(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	BmcChassis *c = chassis_of(rq);
	if (!c)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	guint32 hours = bmc_chassis_poh_hours(c, bmc_now_s());
	rsp[0] = 60; /* minutes per count */
	rsp[1] = (uint8_t)hours;
	rsp[2] = (uint8_t)(hours >> 8);
	rsp[3] = (uint8_t)(hours >> 16);
	rsp[4] = (uint8_t)(hours >> 24);
	*len = 5;
	return IPMI_CC_OK;
}

const BmcHandler bmc_chassis_handlers[] = {
    {IPMI_NETFN_CHASSIS, CMD_GET_CAPABILITIES, IPMI_PRIV_USER, get_capabilities},
    {IPMI_NETFN_CHASSIS, CMD_GET_STATUS, IPMI_PRIV_USER, get_status},
    {IPMI_NETFN_CHASSIS, CMD_CONTROL, IPMI_PRIV_OPERATOR, control},
    {IPMI_NETFN_CHASSIS, CMD_IDENTIFY, IPMI_PRIV_OPERATOR, identify},
    {IPMI_NETFN_CHASSIS, CMD_SET_POLICY, IPMI_PRIV_OPERATOR, set_policy},
    {IPMI_NETFN_CHASSIS, CMD_GET_RESTART_CAUSE, IPMI_PRIV_USER, get_restart_cause},
    {IPMI_NETFN_CHASSIS, CMD_GET_POH, IPMI_PRIV_USER, get_poh},
    {0, 0, 0, NULL},
};
