/* h_session.c - the session-level App commands: Get Channel Authentication
 * Capabilities and Get Channel Cipher Suites (also outside a session), Set
 * Session Privilege Level, Close Session and Get Session Info.  They act on
 * the endpoint's session table, so they answer only on the LAN channel,
 * never through a bridge. */
#include <string.h>

#include "core/buf.h"
#include "core/cmd_session.h"
#include "core/rakp.h"
#include "core/suite.h"
#include "endpoint.h"
#include "handler.h"

#define CMD_GET_SESSION_INFO 0x3D
#define CC_PRIV_EXCEEDS_LIMIT 0x81 /* Set Session Privilege Level */
#define CC_INVALID_SESSION_ID 0x87 /* Close Session */
#define CC_INVALID_SESSION_HANDLE 0x88

static uint8_t
get_auth_caps(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	IpmiGetChannelAuthCapsReq q;
	if (rq->depth)
		return IPMI_CC_INVALID_COMMAND;
	if (ipmi_get_channel_auth_caps_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t ch = bmc_channel_resolve(rq, q.channel);
	if (ch != BMC_LAN_CHANNEL || q.max_priv < IPMI_PRIV_CALLBACK || q.max_priv > IPMI_PRIV_OEM)
		return IPMI_CC_INVALID_DATA_FIELD;
	const BmcModel *m = rq->model;
	gboolean named = FALSE, null_user = FALSE, anonymous = FALSE;
	for (size_t i = 0; i < m->n_users; i++) {
		const IpmiBmcUser *u = &m->users[i];
		if (!u->enabled)
			continue;
		if (u->name_len)
			named = TRUE;
		else if (u->password_len)
			null_user = TRUE;
		else
			anonymous = TRUE;
	}
	/* RMCP+ only: no IPMI 1.5 authentication types are offered. */
	IpmiGetChannelAuthCapsRsp r = {
	    .channel = ch,
	    .v2_ext = q.v2_data,
	    .kg_set = m->kg_len > 0,
	    .non_null_users = named,
	    .null_users = null_user,
	    .anonymous = anonymous,
	    .supports_v20 = TRUE,
	};
	int n = ipmi_get_channel_auth_caps_rsp_encode(rsp, cap, &r);
	if (n < 0)
		return IPMI_CC_UNSPECIFIED;
	*len = (size_t)n;
	return IPMI_CC_OK;
}

static uint8_t
get_cipher_suites(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	IpmiGetCipherSuitesReq q;
	if (rq->depth)
		return IPMI_CC_INVALID_COMMAND;
	if (ipmi_get_cipher_suites_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	uint8_t ch = bmc_channel_resolve(rq, q.channel);
	if (ch != BMC_LAN_CHANNEL || q.payload_type > 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	uint32_t suites = bmc_endpoint_core_config(rq->endpoint)->suites;
	uint8_t stream[(IPMI_SUITE_MAX + 1) * 5];
	size_t n = 0;
	if (q.by_suite) {
		IpmiCipherSuiteRecord recs[IPMI_SUITE_MAX + 1];
		size_t nrec = 0;
		for (unsigned id = 0; id <= IPMI_SUITE_MAX; id++) {
			const IpmiCipherSuite *s = ipmi_suite_get(id);
			if (!(suites & (1u << id)) || !s)
				continue;
			recs[nrec++] = (IpmiCipherSuiteRecord){
			    .id = s->id, .auth = s->auth, .integ = s->integ, .conf = s->conf};
		}
		int rc = ipmi_cipher_suite_records_encode(stream, sizeof stream, recs, nrec);
		if (rc < 0)
			return IPMI_CC_UNSPECIFIED;
		n = (size_t)rc;
	} else {
		/* The supported algorithms, each tagged with its kind, once. */
		for (unsigned id = 0; id <= IPMI_SUITE_MAX; id++) {
			const IpmiCipherSuite *s = ipmi_suite_get(id);
			if (!(suites & (1u << id)) || !s)
				continue;
			const uint8_t tags[3] = {s->auth, (uint8_t)(0x40 | s->integ),
						 (uint8_t)(0x80 | s->conf)};
			for (int k = 0; k < 3; k++) {
				gboolean dup = FALSE;
				for (size_t j = 0; j < n; j++)
					dup = dup || stream[j] == tags[k];
				if (!dup && n < sizeof stream)
					stream[n++] = tags[k];
			}
		}
	}
	IpmiGetCipherSuitesRsp r = {.channel = ch};
	if (ipmi_cipher_suite_chunk(stream, n, q.index, &r) < 0)
		return IPMI_CC_INVALID_DATA_FIELD;
	int rc = ipmi_get_cipher_suites_rsp_encode(rsp, cap, &r);
	if (rc < 0)
		return IPMI_CC_UNSPECIFIED;
	*len = (size_t)rc;
	return IPMI_CC_OK;
}

static uint8_t
set_session_priv(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	IpmiSetSessionPrivReq q;
	BmcSession *s = rq->session;
	if (!s || rq->depth)
		return IPMI_CC_INVALID_COMMAND;
	if (ipmi_set_session_priv_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	if (q.priv != 0) {
		if (q.priv < IPMI_PRIV_USER || q.priv > IPMI_PRIV_OEM)
			return IPMI_CC_INVALID_DATA_FIELD;
		if (q.priv > s->core.priv_limit)
			return CC_PRIV_EXCEEDS_LIMIT;
		s->core.priv = q.priv;
	}
	IpmiSetSessionPrivRsp r = {.priv = s->core.priv};
	int n = ipmi_set_session_priv_rsp_encode(rsp, cap, &r);
	if (n < 0)
		return IPMI_CC_UNSPECIFIED;
	*len = (size_t)n;
	return IPMI_CC_OK;
}

static uint8_t
close_session(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	IpmiCloseSessionReq q;
	if (!rq->session || rq->depth)
		return IPMI_CC_INVALID_COMMAND;
	if (ipmi_close_session_req_decode(req->data, req->data_len, &q) < 0)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	BmcSessionTable *t = bmc_endpoint_sessions(rq->endpoint);
	BmcSession *s = q.session_id ? bmc_sessions_lookup(t, q.session_id)
				     : bmc_sessions_by_handle(t, q.handle);
	if (!s || !bmc_session_live(s))
		return q.session_id ? CC_INVALID_SESSION_ID : CC_INVALID_SESSION_HANDLE;
	if (s == rq->session) {
		rq->close_session = TRUE; /* after the answer is sealed and sent */
	} else {
		/* Only an administrator ends other consoles' sessions. */
		if (rq->priv < IPMI_PRIV_ADMIN)
			return IPMI_CC_INSUFFICIENT_PRIVILEGE;
		bmc_endpoint_close_session(rq->endpoint, s);
	}
	*len = 0;
	return IPMI_CC_OK;
}

static uint8_t
get_session_info(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *len)
{
	if (!rq->session || rq->depth)
		return IPMI_CC_INVALID_COMMAND;
	if (req->data_len < 1)
		return IPMI_CC_REQUEST_LENGTH_INVALID;
	BmcSessionTable *t = bmc_endpoint_sessions(rq->endpoint);
	uint8_t idx = req->data[0];
	BmcSession *s = NULL;
	if (idx == 0x00) {
		if (req->data_len != 1)
			return IPMI_CC_REQUEST_LENGTH_INVALID;
		s = rq->session;
	} else if (idx == 0xFE) { /* by session handle */
		if (req->data_len != 2)
			return IPMI_CC_REQUEST_LENGTH_INVALID;
		s = bmc_sessions_by_handle(t, req->data[1]);
		if (!s || !bmc_session_live(s))
			return IPMI_CC_INVALID_DATA_FIELD;
	} else if (idx == 0xFF) { /* by session ID */
		if (req->data_len != 5)
			return IPMI_CC_REQUEST_LENGTH_INVALID;
		s = bmc_sessions_lookup(t, ipmi_get_u32le(req->data + 1));
		if (!s || !bmc_session_live(s))
			return IPMI_CC_INVALID_DATA_FIELD;
	} else if (idx <= BMC_MAX_SESSIONS) {
		if (req->data_len != 1)
			return IPMI_CC_REQUEST_LENGTH_INVALID;
		s = bmc_sessions_nth_active(t, idx);
	} else {
		return IPMI_CC_INVALID_DATA_FIELD;
	}
	if (cap < 18)
		return IPMI_CC_UNSPECIFIED;
	memset(rsp, 0, 18);
	rsp[0] = s ? s->handle : 0;
	rsp[1] = (uint8_t)(t->lim.max_sessions & 0x3F);
	rsp[2] = (uint8_t)(bmc_sessions_active(t) & 0x3F);
	if (!s) {
		/* Past the last active session: the counts only. */
		*len = 3;
		return IPMI_CC_OK;
	}
	rsp[3] = (uint8_t)((s->core.user + 1) & 0x3F);
	rsp[4] = s->core.priv & 0x0F;
	rsp[5] = 0x10 | BMC_LAN_CHANNEL; /* IPMI v2.0/RMCP+ on the LAN channel */
	GInetAddress *ia = g_inet_socket_address_get_address(s->peer);
	if (g_inet_address_get_family(ia) == G_SOCKET_FAMILY_IPV4)
		memcpy(rsp + 6, g_inet_address_to_bytes(ia), 4);
	/* bytes 10..15: MAC address, unknown on loopback */
	guint16 port = g_inet_socket_address_get_port(s->peer);
	rsp[16] = (uint8_t)port;
	rsp[17] = (uint8_t)(port >> 8);
	*len = 18;
	return IPMI_CC_OK;
}

const BmcHandler bmc_session_handlers[] = {
    {IPMI_NETFN_APP, IPMI_CMD_GET_CHANNEL_AUTH_CAPS, 0, get_auth_caps},
    {IPMI_NETFN_APP, IPMI_CMD_GET_CHANNEL_CIPHER_SUITES, 0, get_cipher_suites},
    {IPMI_NETFN_APP, IPMI_CMD_SET_SESSION_PRIVILEGE, IPMI_PRIV_CALLBACK, set_session_priv},
    {IPMI_NETFN_APP, IPMI_CMD_CLOSE_SESSION, IPMI_PRIV_CALLBACK, close_session},
    {IPMI_NETFN_APP, CMD_GET_SESSION_INFO, IPMI_PRIV_USER, get_session_info},
    {0, 0, 0, NULL},
};
