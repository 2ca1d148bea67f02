/* h_app.c - App commands of the BMC and its satellites: device identity,
 * GUIDs, self test, resets, channel information and access, user access
 * and names. */
#include <string.h>

#include "core/rakp.h"
#include "endpoint.h"
#include "handler.h"
#include "model.h"

#define IPMI_IANA_IPMI 7154 /* IPMI Forum: the protocol vendor of standard channels */

#define CMD_GET_DEVICE_ID 0x01
#define CMD_COLD_RESET 0x02
#define CMD_WARM_RESET 0x03
#define CMD_GET_SELF_TEST 0x04
#define CMD_GET_DEVICE_GUID 0x08
#define CMD_GET_SYSTEM_GUID 0x37
#define CMD_GET_CHANNEL_ACCESS 0x41
#define CMD_GET_CHANNEL_INFO 0x42
#define CMD_GET_USER_ACCESS 0x44
#define CMD_GET_USER_NAME 0x46

static uint8_t
bcd(uint8_t v)
{
	return (uint8_t)((v / 10) << 4 | (v % 10));
}

static uint8_t
get_device_id(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	const BmcDeviceId *d = &rq->model->dev;
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	if (cap < 15)
		return IPMI_CC_UNSPECIFIED;
	rsp[0] = d->device_id;
	rsp[1] = (uint8_t)((d->provides_sdrs ? 0x80 : 0) | (d->device_rev & 0x0F));
	rsp[2] = (uint8_t)((d->update_in_progress ? 0x80 : 0) | (d->fw_major & 0x7F));
	rsp[3] = bcd(d->fw_minor);
	rsp[4] = d->ipmi_version;
	rsp[5] = d->additional;
	rsp[6] = (uint8_t)d->manufacturer_id;
	rsp[7] = (uint8_t)(d->manufacturer_id >> 8);
	rsp[8] = (uint8_t)((d->manufacturer_id >> 16) & 0x0F);
	rsp[9] = (uint8_t)d->product_id;
	rsp[10] = (uint8_t)(d->product_id >> 8);
	memcpy(rsp + 11, d->aux_fw, 4);
	*len = 15;
	return IPMI_CC_OK;
}

static uint8_t
reset(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	/* A simulated controller is back at once; sessions survive. */
	return req->data_len ? IPMI_CC_REQUEST_LENGTH_INVALID : IPMI_CC_OK;
}

static uint8_t
get_self_test(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	rsp[0] = 0x55; /* no error */
	rsp[1] = 0x00;
	*len = 2;
	return IPMI_CC_OK;
}

static uint8_t
get_guid(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (req->data_len)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	const uint8_t *g =
	    req->cmd == CMD_GET_SYSTEM_GUID ? rq->model->guid : rq->model->device_guid;
	memcpy(rsp, g, IPMI_GUID_LEN);
	*len = IPMI_GUID_LEN;
	return IPMI_CC_OK;
}

/* Does the controller have this channel?  The BMC: IPMB 0, LAN 1, the
 * system interface; any controller: the IPMB channels its satellites are
 * on. */
static gboolean
has_channel(const BmcRequest *rq, uint8_t ch)
{
	const BmcModel *m = rq->model;
	gboolean bmc = m->ipmb_addr == IPMI_BMC_SA && rq->depth == 0;
	if (ch == BMC_IPMB_CHANNEL)
		return TRUE;
	if (bmc && (ch == BMC_LAN_CHANNEL || ch == BMC_SYSTEM_CHANNEL))
		return TRUE;
	for (guint i = 0; i < m->satellites->len; i++)
		if (((BmcModel *)m->satellites->pdata[i])->channel == ch)
			return TRUE;
	return FALSE;
}

static uint8_t
get_channel_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (req->data_len != 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t ch = bmc_channel_resolve(rq, req->data[0]);
	if (!has_channel(rq, ch))
		return IPMI_CC_INVALID_DATA_FIELD;
	rsp[0] = ch;
	if (ch == BMC_LAN_CHANNEL) {
		guint active = bmc_sessions_active(bmc_endpoint_sessions(rq->endpoint));
		rsp[1] = 0x04;                                 /* 802.3 LAN */
		rsp[2] = 0x01;                                 /* IPMB-1.0 */
		rsp[3] = (uint8_t)(0x80 | MIN(active, 0x3Fu)); /* multi-session */
	} else if (ch == BMC_SYSTEM_CHANNEL) {
		rsp[1] = 0x0C; /* system interface */
		rsp[2] = 0x05; /* KCS */
		rsp[3] = 0x00; /* session-less */
	} else {
		rsp[1] = 0x01; /* IPMB (I2C) */
		rsp[2] = 0x01; /* IPMB-1.0 */
		rsp[3] = 0x00; /* session-less */
	}
	rsp[4] = (uint8_t)IPMI_IANA_IPMI;
	rsp[5] = (uint8_t)(IPMI_IANA_IPMI >> 8);
	rsp[6] = (uint8_t)(IPMI_IANA_IPMI >> 16);
	rsp[7] = 0;
	rsp[8] = 0;
	*len = 9;
	return IPMI_CC_OK;
}

static uint8_t
get_channel_access(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (req->data_len != 2)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t ch = bmc_channel_resolve(rq, req->data[0]);
	uint8_t which = req->data[1] >> 6; /* 01b non-volatile, 10b volatile */
	if (which != 1 && which != 2)
		return IPMI_CC_INVALID_DATA_FIELD;
	if (!has_channel(rq, ch))
		return IPMI_CC_INVALID_DATA_FIELD;
	if (ch != BMC_LAN_CHANNEL)
		return 0x82; /* "command not supported for the selected channel" */
	rsp[0] = 0x02; /* alerting, per-message and user-level auth enabled; always available */
	rsp[1] = IPMI_PRIV_ADMIN;
	*len = 2;
	return IPMI_CC_OK;
}

static uint8_t
get_user_access(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	const BmcModel *m = rq->model;
	if (req->data_len != 2)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t ch = bmc_channel_resolve(rq, req->data[0]);
	unsigned id = req->data[1] & 0x3F;
	if (ch != BMC_LAN_CHANNEL || !has_channel(rq, ch) || id < 1 || id > m->n_users)
		return IPMI_CC_INVALID_DATA_FIELD;
	const IpmiBmcUser *u = &m->users[id - 1];
	const BmcUserAccess *a = &m->access[id - 1];
	unsigned enabled = bmc_model_enabled_users(m);
	rsp[0] = (uint8_t)m->n_users;
	rsp[1] = (uint8_t)((u->enabled ? 0x40 : 0x80) | MIN(enabled, 0x3Fu));
	rsp[2] = 1; /* user 1, the null user, has a fixed name */
	gboolean access = u->enabled && u->max_priv >= IPMI_PRIV_CALLBACK;
	rsp[3] = (uint8_t)((a->callin ? 0 : 0x40) | (a->link_auth ? 0x20 : 0) |
			   (a->ipmi_msg ? 0x10 : 0) | (access ? u->max_priv : 0x0F));
	*len = 4;
	return IPMI_CC_OK;
}

static uint8_t
get_user_name(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	const BmcModel *m = rq->model;
	if (req->data_len != 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	unsigned id = req->data[0] & 0x3F;
	if (id < 1 || id > m->n_users)
		return IPMI_CC_INVALID_DATA_FIELD;
	const IpmiBmcUser *u = &m->users[id - 1];
	memset(rsp, 0, IPMI_USER_MAX);
	memcpy(rsp, u->name, u->name_len);
	*len = IPMI_USER_MAX;
	return IPMI_CC_OK;
}

const BmcHandler bmc_app_handlers[] = {
    {IPMI_NETFN_APP, CMD_GET_DEVICE_ID, IPMI_PRIV_USER, get_device_id},
    {IPMI_NETFN_APP, CMD_COLD_RESET, IPMI_PRIV_ADMIN, reset},
    {IPMI_NETFN_APP, CMD_WARM_RESET, IPMI_PRIV_ADMIN, reset},
    {IPMI_NETFN_APP, CMD_GET_SELF_TEST, IPMI_PRIV_USER, get_self_test},
    {IPMI_NETFN_APP, CMD_GET_DEVICE_GUID, IPMI_PRIV_USER, get_guid},
    {IPMI_NETFN_APP, CMD_GET_SYSTEM_GUID, IPMI_PRIV_USER, get_guid},
    {IPMI_NETFN_APP, CMD_GET_CHANNEL_ACCESS, IPMI_PRIV_USER, get_channel_access},
    {IPMI_NETFN_APP, CMD_GET_CHANNEL_INFO, IPMI_PRIV_USER, get_channel_info},
    {IPMI_NETFN_APP, CMD_GET_USER_ACCESS, IPMI_PRIV_OPERATOR, get_user_access},
    {IPMI_NETFN_APP, CMD_GET_USER_NAME, IPMI_PRIV_OPERATOR, get_user_name},
    {0, 0, 0, NULL},
};
