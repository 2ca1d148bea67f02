/* bmc.c - the BMC side of RMCP+ session setup, see bmc.h. */
#include "bmc.h"

#include <string.h>

#include "buf.h"
#include "packet.h"
#include "rmcp.h"
#include "status.h"
#include "suite.h"

/* Integrity first, then confidentiality, then the strongest hash. */
static const uint8_t suite_preference[] = {17, 3, 8, 12, 16, 2, 7, 11, 15, 1, 6, 0};

IpmiDgramKind
ipmi_bmc_classify(const uint8_t *dgram, size_t len, uint32_t *sid)
{
	IpmiRmcpHeader rh;
	*sid = 0;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	if (rc < 0)
		return IPMI_DGRAM_INVALID;
	if (rh.msg_class == IPMI_RMCP_CLASS_ASF)
		return IPMI_DGRAM_ASF;
	if (rh.msg_class != IPMI_RMCP_CLASS_IPMI || len <= (size_t)rc)
		return IPMI_DGRAM_INVALID;
	const uint8_t *p = dgram + rc;
	size_t n = len - (size_t)rc;
	if (p[0] != IPMI_AUTHTYPE_RMCPP) {
		IpmiV15Packet v15;
		if (ipmi_v15_decode(p, n, &v15) < 0)
			return IPMI_DGRAM_INVALID;
		*sid = v15.session_id;
		return v15.session_id == 0 ? IPMI_DGRAM_PRESESSION : IPMI_DGRAM_V15_SESSION;
	}
	IpmiV2Header h;
	if (ipmi_v2_header_decode(p, n, &h) < 0)
		return IPMI_DGRAM_INVALID;
	switch (h.payload_type) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ:
		return h.session_id == 0 ? IPMI_DGRAM_OPEN_SESSION : IPMI_DGRAM_INVALID;
	case IPMI_PAYLOAD_RAKP1:
	case IPMI_PAYLOAD_RAKP3:
		/* Session setup travels with session ID 0; the BMC's ID is at
		 * offset 4 of both payloads. */
		if (h.session_id != 0 || h.payload_len < 8)
			return IPMI_DGRAM_INVALID;
		*sid = ipmi_get_u32le(h.payload + 4);
		return *sid ? IPMI_DGRAM_SESSION : IPMI_DGRAM_INVALID;
	case IPMI_PAYLOAD_IPMI:
		if (h.session_id == 0)
			return h.encrypted || h.authenticated ? IPMI_DGRAM_INVALID
							      : IPMI_DGRAM_PRESESSION;
		*sid = h.session_id;
		return IPMI_DGRAM_SESSION;
	default:
		if (h.session_id == 0)
			return IPMI_DGRAM_INVALID;
		*sid = h.session_id;
		return IPMI_DGRAM_SESSION;
	}
}

static uint8_t
suite_max_priv(const IpmiBmcConfig *cfg, uint8_t suite)
{
	uint8_t p = suite < sizeof cfg->suite_max_priv ? cfg->suite_max_priv[suite] : 0;
	return p ? p : IPMI_PRIV_ADMIN;
}

static bool
suite_enabled(const IpmiBmcConfig *cfg, int id)
{
	return id >= 0 && id <= IPMI_SUITE_MAX && (cfg->suites & (1u << id));
}

/* Pick the suite for a request; returns its ID or a negative RMCP+ status. */
static int
choose_suite(const IpmiBmcConfig *cfg, const IpmiOpenSessionReq *req)
{
	if (!req->auth_any && req->auth_alg > IPMI_AUTH_RAKP_HMAC_SHA256)
		return -IPMI_RMCPP_INVALID_AUTH_ALG;
	if (!req->integ_any && req->integ_alg > IPMI_INTEG_HMAC_SHA256_128)
		return -IPMI_RMCPP_INVALID_INTEG_ALG;
	if (!req->conf_any && req->conf_alg > IPMI_CONF_XRC4_40)
		return -IPMI_RMCPP_INVALID_CONF_ALG;
	if (!req->auth_any && !req->integ_any && !req->conf_any) {
		int id = ipmi_suite_find(req->auth_alg, req->integ_alg, req->conf_alg);
		return suite_enabled(cfg, id) ? id : -IPMI_RMCPP_NO_CIPHER_SUITE_MATCH;
	}
	for (size_t i = 0; i < sizeof suite_preference; i++) {
		const IpmiCipherSuite *s = ipmi_suite_get(suite_preference[i]);
		if (!suite_enabled(cfg, s->id))
			continue;
		if ((req->auth_any || req->auth_alg == s->auth) &&
		    (req->integ_any || req->integ_alg == s->integ) &&
		    (req->conf_any || req->conf_alg == s->conf))
			return s->id;
	}
	return -IPMI_RMCPP_NO_CIPHER_SUITE_MATCH;
}

/* The setup payload of a datagram (RMCP+ header, session 0, plain). */
static int
setup_payload(const uint8_t *dgram, size_t len, uint8_t type, IpmiV2Header *h)
{
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	if (rc < 0)
		return rc;
	int hl = ipmi_v2_header_decode(dgram + rc, len - (size_t)rc, h);
	if (hl < 0)
		return hl;
	if ((size_t)hl != len - (size_t)rc)
		return IPMI_ERR_LENGTH;
	if (h->payload_type != type || h->session_id != 0 || h->encrypted || h->authenticated)
		return IPMI_ERR_FORMAT;
	return 0;
}

static int
reply(IpmiBmcSession *s, uint8_t type, const uint8_t *payload, int plen, const IpmiV2Header *req,
      uint8_t *out, size_t cap)
{
	if (plen < 0)
		return plen;
	int rc = ipmi_v2_plain_encode(type, 0, 0, payload, (size_t)plen, out, cap);
	if (rc < 0)
		return rc;
	if (s) {
		/* Remember request and answer to repeat the answer verbatim. */
		if (req->payload_len <= sizeof s->last_req && (size_t)rc <= sizeof s->last_rsp) {
			memcpy(s->last_req, req->payload, req->payload_len);
			s->last_req_len = req->payload_len;
			memcpy(s->last_rsp, out, (size_t)rc);
			s->last_rsp_len = (size_t)rc;
		} else {
			s->last_req_len = s->last_rsp_len = 0;
		}
	}
	return rc;
}

/* Where the payload of a plain RMCP+ datagram starts: RMCP header, then
 * auth type, payload type, session ID, sequence number, payload length. */
#define PLAIN_PAYLOAD_OFFSET (IPMI_RMCP_HEADER_LEN + 12)

/* The same request again, up to its message tag (byte 0): FreeIPMI sends
 * every retransmission of Open Session, RAKP1 and RAKP3 with a new tag. */
static bool
is_retransmit(const IpmiBmcSession *s, const IpmiV2Header *h)
{
	return s->last_rsp_len && h->payload_len == s->last_req_len && h->payload_len > 0 &&
	       memcmp(h->payload + 1, s->last_req + 1, s->last_req_len - 1) == 0;
}

/* The remembered answer, carrying the retransmission's tag (no code or ICV
 * covers the tag). */
static int
resend(const IpmiBmcSession *s, const IpmiV2Header *h, uint8_t *out, size_t cap)
{
	if (s->last_rsp_len > cap)
		return IPMI_ERR_NOBUF;
	memcpy(out, s->last_rsp, s->last_rsp_len);
	if (s->last_rsp_len > PLAIN_PAYLOAD_OFFSET)
		out[PLAIN_PAYLOAD_OFFSET] = h->payload[0];
	return (int)s->last_rsp_len;
}

int
ipmi_bmc_open_session_reject(const uint8_t *dgram, size_t len, uint8_t status, uint8_t *out,
			     size_t cap)
{
	IpmiV2Header h;
	IpmiOpenSessionReq req;
	int rc = setup_payload(dgram, len, IPMI_PAYLOAD_OPEN_SESSION_REQ, &h);
	if (rc < 0)
		return rc;
	rc = ipmi_open_session_req_decode(h.payload, h.payload_len, &req);
	if (rc < 0)
		return rc;
	IpmiOpenSessionRsp rsp = {.tag = req.tag, .status = status, .console_sid = req.console_sid};
	uint8_t buf[64];
	return reply(NULL, IPMI_PAYLOAD_OPEN_SESSION_RSP, buf,
		     ipmi_open_session_rsp_encode(buf, sizeof buf, &rsp), &h, out, cap);
}

int
ipmi_bmc_open_session(IpmiBmcSession *s, const IpmiBmcConfig *cfg, uint32_t bmc_sid,
		      const uint8_t *dgram, size_t len, uint64_t now, uint8_t *out, size_t cap)
{
	IpmiV2Header h;
	IpmiOpenSessionReq req;
	int rc = setup_payload(dgram, len, IPMI_PAYLOAD_OPEN_SESSION_REQ, &h);
	if (rc < 0)
		return rc;
	if (s->state == IPMI_BMC_OPEN && is_retransmit(s, &h))
		return resend(s, &h, out, cap);
	if (s->state != IPMI_BMC_FREE || bmc_sid == 0)
		return IPMI_ERR_STATE;
	rc = ipmi_open_session_req_decode(h.payload, h.payload_len, &req);
	if (rc < 0)
		return rc;
	uint8_t buf[64];
	IpmiOpenSessionRsp rsp = {.tag = req.tag, .console_sid = req.console_sid};
	int suite = choose_suite(cfg, &req);
	if (req.console_sid == 0)
		suite = -IPMI_RMCPP_INVALID_SESSION_ID;
	else if ((req.max_priv & IPMI_ROLE_PRIV_MASK) > IPMI_PRIV_OEM)
		suite = -IPMI_RMCPP_INVALID_ROLE;
	if (suite < 0) {
		rsp.status = (uint8_t)-suite;
		return reply(NULL, IPMI_PAYLOAD_OPEN_SESSION_RSP, buf,
			     ipmi_open_session_rsp_encode(buf, sizeof buf, &rsp), &h, out, cap);
	}
	const IpmiCipherSuite *cs = ipmi_suite_get((unsigned)suite);
	uint8_t limit = suite_max_priv(cfg, cs->id);
	uint8_t want = req.max_priv & IPMI_ROLE_PRIV_MASK;
	uint8_t granted = (want == IPMI_PRIV_HIGHEST || want > limit) ? limit : want;

	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	s->suite = cs->id;
	s->auth = cs->auth;
	s->integ = cs->integ;
	s->conf = cs->conf;
	s->open_tag = req.tag;
	s->open_priv = req.max_priv;
	s->user = -1;
	s->rp.console_sid = req.console_sid;
	s->rp.bmc_sid = bmc_sid;
	memcpy(s->rp.guid, cfg->guid, sizeof s->rp.guid);
	s->last_activity = now;

	rsp.status = IPMI_RMCPP_OK;
	/* OpenIPMI's ipmi_sim echoes the requested privilege, 0 included. */
	rsp.max_priv = cfg->quirk_open_session_priv ? req.max_priv : granted;
	rsp.bmc_sid = bmc_sid;
	rsp.auth_alg = cs->auth;
	rsp.integ_alg = cs->integ;
	rsp.conf_alg = cs->conf;
	rc = reply(s, IPMI_PAYLOAD_OPEN_SESSION_RSP, buf,
		   ipmi_open_session_rsp_encode(buf, sizeof buf, &rsp), &h, out, cap);
	if (rc < 0) {
		memset(s, 0, sizeof *s);
		return rc;
	}
	s->state = IPMI_BMC_OPEN;
	return rc;
}

/* Find the user for a RAKP1, or -1.  Name-only lookup matches the name;
 * username/privilege lookup also needs the user's limit to cover the
 * requested role, so with an empty name it finds a null user by privilege. */
static int
lookup_user(const IpmiBmcConfig *cfg, const IpmiRakp1 *r1)
{
	uint8_t priv = r1->role & IPMI_ROLE_PRIV_MASK;
	bool name_only = (r1->role & IPMI_ROLE_NAME_ONLY) != 0;
	for (size_t i = 0; i < cfg->n_users; i++) {
		const IpmiBmcUser *u = &cfg->users[i];
		if (!u->enabled || u->name_len != r1->user_len ||
		    memcmp(u->name, r1->user, r1->user_len) != 0)
			continue;
		if (!name_only && u->max_priv < priv)
			continue;
		return (int)i;
	}
	return -1;
}

static int
on_rakp1(IpmiBmcSession *s, const IpmiV2Header *h, uint8_t *out, size_t cap)
{
	IpmiRakp1 r1;
	int rc = ipmi_rakp1_decode(h->payload, h->payload_len, &r1);
	if (rc < 0)
		return rc;
	if (r1.bmc_sid != s->rp.bmc_sid)
		return IPMI_ERR_SESSION_ID;
	const IpmiBmcConfig *cfg = s->cfg;
	IpmiRakp2 r2 = {.tag = r1.tag, .console_sid = s->rp.console_sid};
	uint8_t buf[96];
	uint8_t priv = r1.role & IPMI_ROLE_PRIV_MASK;
	memcpy(s->user_name, r1.user, r1.user_len);
	s->user_name_len = r1.user_len;
	if (priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM || (r1.role & 0xE0)) {
		r2.status = IPMI_RMCPP_INVALID_ROLE;
		s->state = IPMI_BMC_FAILED;
		return reply(s, IPMI_PAYLOAD_RAKP2, buf, ipmi_rakp2_encode(buf, sizeof buf, &r2), h,
			     out, cap);
	}
	s->user = lookup_user(cfg, &r1);
	/* An unknown user is treated as an administrator with an unknown
	 * password: the answer must not tell the two apart. */
	uint8_t user_limit = s->user >= 0 ? cfg->users[s->user].max_priv : IPMI_PRIV_ADMIN;
	uint8_t limit = suite_max_priv(cfg, s->suite);
	if (user_limit < limit)
		limit = user_limit;
	if (priv > limit) {
		r2.status = IPMI_RMCPP_UNAUTHORIZED_ROLE;
		s->state = IPMI_BMC_FAILED;
		return reply(s, IPMI_PAYLOAD_RAKP2, buf, ipmi_rakp2_encode(buf, sizeof buf, &r2), h,
			     out, cap);
	}
	s->priv_limit = priv;
	memcpy(s->rp.rm, r1.rm, sizeof s->rp.rm);
	s->rp.role = r1.role;
	s->rp.user_len = r1.user_len;
	memcpy(s->rp.user, r1.user, r1.user_len);
	if (cfg->rnd(cfg->rnd_ctx, s->rp.rc, sizeof s->rp.rc) < 0)
		return IPMI_ERR_CRYPTO;

	const IpmiRakpParams *hp = &s->rp;
	const uint8_t *key = cfg->decoy_key;
	size_t key_len = sizeof cfg->decoy_key;
	if (s->user >= 0) {
		key = cfg->users[s->user].password;
		key_len = cfg->users[s->user].password_len;
	}
	memcpy(r2.rc, s->rp.rc, sizeof r2.rc);
	memcpy(r2.guid, s->rp.guid, sizeof r2.guid);
	rc = ipmi_rakp2_code(s->auth, key, key_len, hp, r2.code);
	if (rc < 0)
		return rc;
	r2.code_len = (size_t)rc;
	rc =
	    reply(s, IPMI_PAYLOAD_RAKP2, buf, ipmi_rakp2_encode(buf, sizeof buf, &r2), h, out, cap);
	if (rc >= 0)
		s->state = IPMI_BMC_RAKP2_SENT;
	return rc;
}

static int
on_rakp3(IpmiBmcSession *s, const IpmiV2Header *h, uint8_t *out, size_t cap)
{
	IpmiRakp3 r3;
	int rc = ipmi_rakp3_decode(h->payload, h->payload_len, &r3);
	if (rc < 0)
		return rc;
	if (r3.bmc_sid != s->rp.bmc_sid)
		return IPMI_ERR_SESSION_ID;
	if (r3.status != IPMI_RMCPP_OK) {
		/* The console gave up (e.g. our RAKP2 did not verify). */
		s->state = IPMI_BMC_FAILED;
		return IPMI_BMC_NOTHING;
	}
	const IpmiBmcConfig *cfg = s->cfg;
	IpmiRakp4 r4 = {.tag = r3.tag, .console_sid = s->rp.console_sid};
	uint8_t buf[64];
	/* One call: the RAKP3 code verified (constant time, before anything
	 * is derived from the SIK), then SIK, K1, K2 and the RAKP4 ICV, keying
	 * one handle once per key. */
	IpmiHandshakeMacs hm;
	rc = IPMI_ERR_AUTH;
	if (s->user >= 0) {
		const IpmiBmcUser *u = &cfg->users[s->user];
		const IpmiHandshakeIn in = {
		    .auth = s->auth,
		    .integ = s->integ,
		    .conf = s->conf,
		    .pw = u->password,
		    .pw_len = u->password_len,
		    .kg = cfg->kg,
		    .kg_len = cfg->kg_len,
		    .p = &s->rp,
		    .expect = r3.code,
		    .expect_len = r3.code_len,
		};
		rc = ipmi_handshake_macs(
		    &hm, IPMI_HS_RAKP3 | IPMI_HS_KEYS | IPMI_HS_ICV | IPMI_HS_HANDLES, &in);
	}
	if (rc == IPMI_ERR_AUTH) {
		r4.status = IPMI_RMCPP_INVALID_ICV;
		s->auth_failed = true;
		s->state = IPMI_BMC_FAILED;
		return reply(s, IPMI_PAYLOAD_RAKP4, buf, ipmi_rakp4_encode(buf, sizeof buf, &r4), h,
			     out, cap);
	}
	if (rc < 0)
		return rc;
	memcpy(r4.icv, hm.icv, hm.icv_len);
	r4.icv_len = hm.icv_len;
	ipmi_channel_init(&s->chan, &hm.keys, s->rp.console_sid, s->rp.bmc_sid, cfg->rnd,
			  cfg->rnd_ctx);
	s->chan.kh = hm.kh; /* the integrity handle, keyed with K1: the channel's now */
	hm.kh = (IpmiKeyHandles){0};
	ipmi_wipe(&hm, sizeof hm);
	if (cfg->quirk_pad4)
		s->chan.force_pad = 4;
	rc =
	    reply(s, IPMI_PAYLOAD_RAKP4, buf, ipmi_rakp4_encode(buf, sizeof buf, &r4), h, out, cap);
	if (rc < 0) {
		ipmi_channel_wipe(&s->chan);
		return rc;
	}
	/* A session starts at USER level (or its limit, if lower); Set Session
	 * Privilege Level raises it up to priv_limit. */
	s->priv = s->priv_limit < IPMI_PRIV_USER ? s->priv_limit : IPMI_PRIV_USER;
	s->state = IPMI_BMC_ACTIVE;
	return rc;
}

int
ipmi_bmc_feed(IpmiBmcSession *s, const uint8_t *dgram, size_t len, uint64_t now, uint8_t *out,
	      size_t cap, size_t *out_len, IpmiOpened *opened, uint8_t *plain, size_t plain_cap)
{
	*out_len = 0;
	if (s->state == IPMI_BMC_FREE || s->state == IPMI_BMC_FAILED)
		return IPMI_ERR_STATE;
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	if (rc < 0)
		return rc;
	if (len > (size_t)rc && dgram[rc] == IPMI_AUTHTYPE_RMCPP) {
		IpmiV2Header h;
		int hl = ipmi_v2_header_decode(dgram + rc, len - (size_t)rc, &h);
		if (hl < 0)
			return hl;
		uint8_t type = h.payload_type;
		if (h.session_id == 0 &&
		    (type == IPMI_PAYLOAD_RAKP1 || type == IPMI_PAYLOAD_RAKP3)) {
			if ((size_t)hl != len - (size_t)rc || h.encrypted || h.authenticated)
				return IPMI_ERR_FORMAT;
			if (is_retransmit(s, &h) &&
			    ((type == IPMI_PAYLOAD_RAKP1 && s->state == IPMI_BMC_RAKP2_SENT) ||
			     (type == IPMI_PAYLOAD_RAKP3 && s->state == IPMI_BMC_ACTIVE)))
				rc = resend(s, &h, out, cap);
			else if (type == IPMI_PAYLOAD_RAKP1 && s->state == IPMI_BMC_OPEN)
				rc = on_rakp1(s, &h, out, cap);
			else if (type == IPMI_PAYLOAD_RAKP3 && s->state == IPMI_BMC_RAKP2_SENT)
				rc = on_rakp3(s, &h, out, cap);
			else
				return IPMI_ERR_STATE;
			if (rc <= 0)
				return rc;
			s->last_activity = now;
			*out_len = (size_t)rc;
			return IPMI_BMC_REPLY;
		}
	}
	if (s->state != IPMI_BMC_ACTIVE)
		return IPMI_ERR_STATE;
	rc = ipmi_channel_open(&s->chan, dgram, len, opened, plain, plain_cap);
	if (rc < 0)
		return rc;
	s->last_activity = now;
	return IPMI_BMC_PAYLOAD;
}

void
ipmi_bmc_session_free(IpmiBmcSession *s)
{
	ipmi_channel_wipe(&s->chan); /* closes its libgcrypt handles */
	ipmi_wipe(s, sizeof *s);
	s->state = IPMI_BMC_FREE;
}
