/* dispatch.c - route a request to its handler, enforcing privilege. */
#include "handler.h"

static const BmcHandler *const tables[] = {
    bmc_session_handlers, bmc_app_handlers,     bmc_chassis_handlers,
    bmc_sensor_handlers,  bmc_storage_handlers, bmc_bridge_handlers,
};

const BmcHandler *
bmc_handler_find(uint8_t netfn, uint8_t cmd)
{
	for (size_t t = 0; t < G_N_ELEMENTS(tables); t++)
		for (const BmcHandler *h = tables[t]; h->fn; h++)
			if (h->netfn == netfn && h->cmd == cmd)
				return h;
	return NULL;
}

uint8_t
bmc_dispatch(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	*rsp_len = 0;
	const BmcHandler *h = bmc_handler_find(req->netfn, req->cmd);
	/* Unknown commands, and every group extension (DCMI, PICMG, ...):
	 * "invalid command".  The same answer whatever the privilege, so an
	 * unprivileged session learns nothing about what exists. */
	if (!h)
		return IPMI_CC_INVALID_COMMAND;
	if (rq->priv < h->min_priv)
		return IPMI_CC_INSUFFICIENT_PRIVILEGE;
	uint8_t cc = h->fn(rq, req, rsp, cap, rsp_len);
	if (cc != IPMI_CC_OK)
		*rsp_len = 0;
	return cc;
}
