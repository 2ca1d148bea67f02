/* console.c - the console side of the RMCP+ handshake, see console.h. */
#include "console.h"

#include <string.h>

#include "buf.h"
#include "packet.h"
#include "rmcp.h"
#include "status.h"
#include "suite.h"

#define DEFAULT_RETRANSMIT_MS 1000

static int
fail(IpmiConsole *c, int err)
{
	if (c->state != IPMI_CONSOLE_FAILED) {
		c->state = IPMI_CONSOLE_FAILED;
		c->error = err;
		c->out_pending = false;
		c->deadline = UINT64_MAX;
		ipmi_channel_wipe(&c->chan);
	}
	return c->error;
}

int
ipmi_console_init(IpmiConsole *c, const IpmiConsoleConfig *cfg, IpmiRandomFn rnd, void *rnd_ctx)
{
	memset(c, 0, sizeof *c);
	c->deadline = UINT64_MAX;
	if (!cfg || !rnd || cfg->user_len > IPMI_USER_MAX ||
	    cfg->password_len > IPMI_PASSWORD_MAX || cfg->kg_len > IPMI_KG_LEN)
		return IPMI_ERR_INVALID_ARG;
	if (cfg->privilege < IPMI_PRIV_CALLBACK || cfg->privilege > IPMI_PRIV_OEM)
		return IPMI_ERR_INVALID_ARG;
	if (!ipmi_algs_supported(cfg->auth, cfg->integ, cfg->conf))
		return IPMI_ERR_UNSUPPORTED;
	if (cfg->integ == IPMI_INTEG_NONE && !cfg->allow_insecure)
		return IPMI_ERR_INSECURE;
	if (ipmi_conf_is_rc4(cfg->conf) && !cfg->allow_rc4)
		return IPMI_ERR_INSECURE;
	/* Integrity and confidentiality need keys, which need RAKP. */
	if (cfg->auth == IPMI_AUTH_RAKP_NONE &&
	    (cfg->integ != IPMI_INTEG_NONE || cfg->conf != IPMI_CONF_NONE))
		return IPMI_ERR_INVALID_ARG;
	c->cfg = *cfg;
	c->rnd = rnd;
	c->rnd_ctx = rnd_ctx;
	c->state = IPMI_CONSOLE_IDLE;
	return 0;
}

static void
queue(IpmiConsole *c, size_t len, uint64_t now)
{
	c->out_len = len;
	c->out_pending = true;
	c->tries = 0;
	uint32_t rto = c->cfg.retransmit_ms ? c->cfg.retransmit_ms : DEFAULT_RETRANSMIT_MS;
	c->deadline = now + rto;
}

static int
send_setup(IpmiConsole *c, uint8_t type, const uint8_t *payload, size_t len, uint64_t now)
{
	int rc = ipmi_v2_plain_encode(type, 0, 0, payload, len, c->out, sizeof c->out);
	if (rc < 0)
		return fail(c, rc);
	queue(c, (size_t)rc, now);
	return 0;
}

int
ipmi_console_start(IpmiConsole *c, uint64_t now_ms)
{
	if (c->state != IPMI_CONSOLE_IDLE)
		return IPMI_ERR_STATE;
	uint32_t sid = c->cfg.console_sid;
	while (sid == 0) {
		if (c->rnd(c->rnd_ctx, (uint8_t *)&sid, sizeof sid) < 0)
			return fail(c, IPMI_ERR_CRYPTO);
	}
	if (c->rnd(c->rnd_ctx, &c->tag, 1) < 0 || c->rnd(c->rnd_ctx, c->rp.rm, sizeof c->rp.rm) < 0)
		return fail(c, IPMI_ERR_CRYPTO);
	c->rp.console_sid = sid;
	IpmiOpenSessionReq req = {
	    .tag = c->tag,
	    .max_priv = c->cfg.privilege,
	    .console_sid = sid,
	    .auth_alg = c->cfg.auth,
	    .integ_alg = c->cfg.integ,
	    .conf_alg = c->cfg.conf,
	};
	uint8_t buf[64];
	int rc = ipmi_open_session_req_encode(buf, sizeof buf, &req);
	if (rc < 0)
		return fail(c, rc);
	c->state = IPMI_CONSOLE_OPEN_SENT;
	return send_setup(c, IPMI_PAYLOAD_OPEN_SESSION_REQ, buf, (size_t)rc, now_ms);
}

const uint8_t *
ipmi_console_output(const IpmiConsole *c, size_t *len)
{
	if (!c->out_pending)
		return NULL;
	*len = c->out_len;
	return c->out;
}

void
ipmi_console_output_done(IpmiConsole *c)
{
	c->out_pending = false;
}

uint64_t
ipmi_console_next_deadline(const IpmiConsole *c)
{
	switch (c->state) {
	case IPMI_CONSOLE_OPEN_SENT:
	case IPMI_CONSOLE_RAKP1_SENT:
	case IPMI_CONSOLE_RAKP3_SENT:
		return c->deadline;
	default:
		return UINT64_MAX;
	}
}

int
ipmi_console_handle_timeout(IpmiConsole *c, uint64_t now_ms)
{
	if (ipmi_console_next_deadline(c) > now_ms)
		return c->state == IPMI_CONSOLE_FAILED ? c->error : 0;
	if (c->tries >= c->cfg.retries)
		return fail(c, IPMI_ERR_TIMEOUT);
	c->tries++;
	c->out_pending = true;
	uint32_t rto = c->cfg.retransmit_ms ? c->cfg.retransmit_ms : DEFAULT_RETRANSMIT_MS;
	/* Exponential backoff, capped at 8x. */
	uint32_t shift = c->tries < 3 ? c->tries : 3;
	c->deadline = now_ms + ((uint64_t)rto << shift);
	return 0;
}

/* Fail, but leave one courtesy RAKP3 carrying an error status so the BMC
 * frees its session slot at once (sent once, never retransmitted). */
static int
fail_with_rakp3(IpmiConsole *c, int err, uint8_t status)
{
	IpmiRakp3 r3 = {.tag = ++c->tag, .status = status, .bmc_sid = c->rp.bmc_sid};
	uint8_t buf[16];
	int rc = ipmi_rakp3_encode(buf, sizeof buf, &r3);
	fail(c, err);
	if (rc >= 0) {
		rc = ipmi_v2_plain_encode(IPMI_PAYLOAD_RAKP3, 0, 0, buf, (size_t)rc, c->out,
					  sizeof c->out);
		if (rc >= 0) {
			c->out_len = (size_t)rc;
			c->out_pending = true;
		}
	}
	return c->error;
}

/* An error status ends the handshake only when it answers this console: it
 * names our session ID, or 0 (a BMC that did not get as far as reading
 * it).  Another ID is a stray or an answer to an earlier handshake, and
 * console.h promises those leave the state alone. */
static bool
status_for_us(const IpmiConsole *c, uint32_t console_sid)
{
	return console_sid == 0 || console_sid == c->rp.console_sid;
}

static int
on_open_session_rsp(IpmiConsole *c, const uint8_t *p, size_t len, uint64_t now)
{
	IpmiOpenSessionRsp rsp;
	int rc = ipmi_open_session_rsp_decode(p, len, &rsp);
	if (rc < 0)
		return rc;
	if (rsp.tag != c->tag)
		return IPMI_ERR_TAG;
	if (rsp.status != IPMI_RMCPP_OK) {
		if (!status_for_us(c, rsp.console_sid))
			return IPMI_ERR_SESSION_ID;
		c->peer_status = rsp.status;
		return fail(c, IPMI_ERR_REJECTED);
	}
	if (rsp.console_sid != c->rp.console_sid)
		return IPMI_ERR_SESSION_ID;
	if (rsp.bmc_sid == 0)
		return fail(c, IPMI_ERR_FORMAT);
	if (rsp.auth_alg != c->cfg.auth || rsp.integ_alg != c->cfg.integ ||
	    rsp.conf_alg != c->cfg.conf)
		return fail(c, IPMI_ERR_ALGORITHMS);
	c->granted_priv = rsp.max_priv & IPMI_ROLE_PRIV_MASK;
	c->rp.bmc_sid = rsp.bmc_sid;
	c->rp.role = (uint8_t)(c->cfg.privilege | (c->cfg.name_only ? IPMI_ROLE_NAME_ONLY : 0));
	c->rp.user_len = c->cfg.user_len;
	memcpy(c->rp.user, c->cfg.user, c->cfg.user_len);

	IpmiRakp1 r1 = {
	    .tag = ++c->tag,
	    .bmc_sid = c->rp.bmc_sid,
	    .role = c->rp.role,
	    .user_len = c->rp.user_len,
	};
	memcpy(r1.rm, c->rp.rm, sizeof r1.rm);
	memcpy(r1.user, c->rp.user, c->rp.user_len);
	uint8_t buf[64];
	rc = ipmi_rakp1_encode(buf, sizeof buf, &r1);
	if (rc < 0)
		return fail(c, rc);
	c->state = IPMI_CONSOLE_RAKP1_SENT;
	return send_setup(c, IPMI_PAYLOAD_RAKP1, buf, (size_t)rc, now);
}

static int
on_rakp2(IpmiConsole *c, const uint8_t *p, size_t len, uint64_t now)
{
	IpmiRakp2 r2;
	int rc = ipmi_rakp2_decode(p, len, &r2);
	if (rc < 0)
		return rc;
	if (r2.tag != c->tag)
		return IPMI_ERR_TAG;
	if (r2.status != IPMI_RMCPP_OK) {
		if (!status_for_us(c, r2.console_sid))
			return IPMI_ERR_SESSION_ID;
		c->peer_status = r2.status;
		return fail(c, IPMI_ERR_REJECTED);
	}
	if (r2.console_sid != c->rp.console_sid)
		return IPMI_ERR_SESSION_ID;
	memcpy(c->rp.rc, r2.rc, sizeof r2.rc);
	memcpy(c->rp.guid, r2.guid, sizeof r2.guid);

	size_t code_len = ipmi_auth_code_len(c->cfg.auth);
	if (r2.code_len != code_len)
		return fail_with_rakp3(c, IPMI_ERR_AUTH, IPMI_RMCPP_INVALID_ICV);
	/* One call: RAKP2 verified (constant time, before anything is derived
	 * from the SIK), then the RAKP3 code, SIK, K1, K2 and the RAKP4 ICV to
	 * expect, keying one handle once per key. */
	const IpmiHandshakeIn in = {
	    .auth = c->cfg.auth,
	    .integ = c->cfg.integ,
	    .conf = c->cfg.conf,
	    .pw = c->cfg.password,
	    .pw_len = c->cfg.password_len,
	    .kg = c->cfg.kg,
	    .kg_len = c->cfg.kg_len,
	    .p = &c->rp,
	    .expect = r2.code,
	    .expect_len = r2.code_len,
	};
	IpmiHandshakeMacs hm;
	rc = ipmi_handshake_macs(&hm, IPMI_HS_ALL | IPMI_HS_HANDLES, &in);
	if (rc == IPMI_ERR_AUTH)
		return fail_with_rakp3(c, IPMI_ERR_AUTH, IPMI_RMCPP_INVALID_ICV);
	if (rc < 0)
		return fail(c, rc);
	ipmi_channel_init(&c->chan, &hm.keys, c->rp.bmc_sid, c->rp.console_sid, c->rnd, c->rnd_ctx);
	c->chan.kh = hm.kh; /* the integrity handle, keyed with K1: the channel's now */
	hm.kh = (IpmiKeyHandles){0};
	memcpy(c->rakp4_icv, hm.icv, hm.icv_len);

	IpmiRakp3 r3 = {.tag = ++c->tag, .status = IPMI_RMCPP_OK, .bmc_sid = c->rp.bmc_sid};
	memcpy(r3.code, hm.rakp3, hm.code_len);
	r3.code_len = hm.code_len;
	ipmi_wipe(&hm, sizeof hm);
	uint8_t buf[64];
	rc = ipmi_rakp3_encode(buf, sizeof buf, &r3);
	ipmi_wipe(&r3, sizeof r3);
	if (rc < 0)
		return fail(c, rc);
	c->state = IPMI_CONSOLE_RAKP3_SENT;
	return send_setup(c, IPMI_PAYLOAD_RAKP3, buf, (size_t)rc, now);
}

static int
on_rakp4(IpmiConsole *c, const uint8_t *p, size_t len)
{
	IpmiRakp4 r4;
	int rc = ipmi_rakp4_decode(p, len, &r4);
	if (rc < 0)
		return rc;
	if (r4.tag != c->tag)
		return IPMI_ERR_TAG;
	if (r4.status != IPMI_RMCPP_OK) {
		if (!status_for_us(c, r4.console_sid))
			return IPMI_ERR_SESSION_ID;
		c->peer_status = r4.status;
		return fail(c, IPMI_ERR_REJECTED);
	}
	if (r4.console_sid != c->rp.console_sid)
		return IPMI_ERR_SESSION_ID;
	size_t icv_len = ipmi_auth_icv_len(c->cfg.auth);
	if (r4.icv_len != icv_len)
		return fail(c, IPMI_ERR_KG);
	bool ok = ipmi_ct_equal(c->rakp4_icv, r4.icv, icv_len) || ipmi_fuzz_mac_ok();
	ipmi_wipe(c->rakp4_icv, sizeof c->rakp4_icv);
	if (!ok)
		return fail(c, IPMI_ERR_KG);
	c->state = IPMI_CONSOLE_ACTIVE;
	c->out_pending = false;
	c->deadline = UINT64_MAX;
	return 0;
}

int
ipmi_console_feed(IpmiConsole *c, const uint8_t *dgram, size_t len, uint64_t now_ms)
{
	if (c->state == IPMI_CONSOLE_FAILED)
		return c->error;
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	if (rc < 0)
		return rc;
	if (rh.msg_class != IPMI_RMCP_CLASS_IPMI)
		return IPMI_ERR_FORMAT;
	IpmiV2Header h;
	int hl = ipmi_v2_header_decode(dgram + rc, len - (size_t)rc, &h);
	if (hl < 0)
		return hl;
	if ((size_t)hl != len - (size_t)rc)
		return IPMI_ERR_LENGTH;
	if (h.session_id != 0 || h.encrypted || h.authenticated)
		return IPMI_ERR_STATE;
	switch (h.payload_type) {
	case IPMI_PAYLOAD_OPEN_SESSION_RSP:
		if (c->state != IPMI_CONSOLE_OPEN_SENT)
			return IPMI_ERR_STATE;
		return on_open_session_rsp(c, h.payload, h.payload_len, now_ms);
	case IPMI_PAYLOAD_RAKP2:
		if (c->state != IPMI_CONSOLE_RAKP1_SENT)
			return IPMI_ERR_STATE;
		return on_rakp2(c, h.payload, h.payload_len, now_ms);
	case IPMI_PAYLOAD_RAKP4:
		if (c->state != IPMI_CONSOLE_RAKP3_SENT)
			return IPMI_ERR_STATE;
		return on_rakp4(c, h.payload, h.payload_len);
	default:
		return IPMI_ERR_STATE;
	}
}

void
ipmi_console_wipe(IpmiConsole *c)
{
	ipmi_channel_wipe(&c->chan); /* closes its libgcrypt handles */
	ipmi_wipe(c, sizeof *c);
	c->deadline = UINT64_MAX;
}
