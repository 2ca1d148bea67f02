/* fuzz-bmc.c - the BMC's receive path (bmc.h), pre-session, handshake and
 * in-session, across a table of four session slots as the simulator keeps
 * them.  Input: a TLV stream (README.md):
 *   CONFIG  [suites u32le (0: all)][flags][first BMC SID u32le][guid 16]
 *           [kg_len][kg] then up to 4 users: [priv|0x80 disabled]
 *           [name_len][name][pw_len][password]          (missing: 0)
 *           flags: bit 0 quirk_open_session_priv, bit 1 quirk_pad4
 *           With no user, the user admin/password (ADMINISTRATOR).
 *   RANDOM  what the BMC draws: Rc for each RAKP2, IVs
 *   DGRAM   a datagram from a console: ipmi_bmc_classify, then ASF ping,
 *           pre-session command, Open Session into a free slot (or the
 *           retransmission to its slot, or a reject when full) or
 *           ipmi_bmc_feed to the slot owning the session ID; an in-session
 *           request is decoded and answered through the channel
 *   TICK    u32le ms pass; slots idle for 60 s are freed
 *   FREE    free slot v[0] % 4 */
#include <string.h>

#include "core/bmc.h"
#include "core/buf.h"
#include "core/cmd_session.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"
#include "fuzz.h"

#define SLOTS 4
#define IDLE_MS 60000

typedef struct {
	FuzzRng rng;
	IpmiBmcUser users[4];
	IpmiBmcConfig cfg;
	IpmiBmcSession s[SLOTS];
	uint32_t next_sid;
	uint64_t now;
	uint8_t out[IPMI_MAX_DATAGRAM];
	uint8_t plain[IPMI_MAX_DATAGRAM];
	uint8_t rsp[IPMI_MAX_DATAGRAM];
} Bmc;

static void
load_config(Bmc *b, const uint8_t *v, size_t n)
{
	IpmiReader r;
	ipmi_rd_init(&r, v, n);
	IpmiBmcConfig *cfg = &b->cfg;
	memset(cfg, 0, sizeof *cfg);
	memset(b->users, 0, sizeof b->users);
	cfg->suites = ipmi_rd_u32le(&r) & 0xFFFFF;
	if (!cfg->suites)
		cfg->suites = 0xFFFFF;
	uint8_t flags = ipmi_rd_u8(&r);
	cfg->quirk_open_session_priv = flags & 1;
	cfg->quirk_pad4 = (flags >> 1) & 1;
	b->next_sid = ipmi_rd_u32le(&r);
	if (!b->next_sid)
		b->next_sid = 0x1234ABCD;
	ipmi_rd_copy(&r, cfg->guid, sizeof cfg->guid);
	cfg->kg_len = ipmi_rd_u8(&r) % (IPMI_KG_LEN + 1);
	ipmi_rd_copy(&r, cfg->kg, cfg->kg_len);
	size_t nu = 0;
	while (nu < 4 && ipmi_rd_left(&r) > 0) {
		IpmiBmcUser *u = &b->users[nu++];
		uint8_t p = ipmi_rd_u8(&r);
		u->max_priv = p & 0x0F;
		u->enabled = !(p & 0x80);
		u->name_len = ipmi_rd_u8(&r) % (IPMI_USER_MAX + 1);
		ipmi_rd_copy(&r, u->name, u->name_len);
		u->password_len = ipmi_rd_u8(&r) % (IPMI_PASSWORD_MAX + 1);
		ipmi_rd_copy(&r, u->password, u->password_len);
	}
	if (nu == 0) {
		IpmiBmcUser *u = &b->users[nu++];
		u->max_priv = IPMI_PRIV_ADMIN;
		u->enabled = true;
		u->name_len = 5;
		memcpy(u->name, "admin", 5);
		u->password_len = 8;
		memcpy(u->password, "password", 8);
	}
	cfg->users = b->users;
	cfg->n_users = nu;
	memset(cfg->decoy_key, 0x5A, sizeof cfg->decoy_key);
	cfg->rnd = fuzz_rng;
	cfg->rnd_ctx = &b->rng;
}

/* A pre-session request (Get Channel Authentication Capabilities, Get
 * Channel Cipher Suites): decode it and build the answer as the simulator
 * would, encoders included. */
static void
presession(Bmc *b, const uint8_t *dgram, size_t len)
{
	const uint8_t *p = dgram + IPMI_RMCP_HEADER_LEN;
	size_t n = len - IPMI_RMCP_HEADER_LEN;
	const uint8_t *payload;
	size_t plen;
	bool v2 = p[0] == IPMI_AUTHTYPE_RMCPP;
	if (v2) {
		IpmiV2Header h;
		FUZZ_CHECK(ipmi_v2_header_decode(p, n, &h) >= 0);
		payload = h.payload;
		plen = h.payload_len;
	} else {
		IpmiV15Packet v;
		FUZZ_CHECK(ipmi_v15_decode(p, n, &v) >= 0);
		payload = v.payload;
		plen = v.payload_len;
	}
	IpmiMsg req, rsp;
	if (fuzz_lan_payload(payload, plen) < 0 || ipmi_msg_decode(payload, plen, &req) < 0 ||
	    ipmi_msg_is_response(&req))
		return;
	uint8_t data[32];
	int dl = 0;
	ipmi_msg_response_to(&req, &rsp, 0);
	if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_GET_CHANNEL_AUTH_CAPS) {
		IpmiGetChannelAuthCapsReq q;
		if (ipmi_get_channel_auth_caps_req_decode(req.data, req.data_len, &q) < 0)
			return;
		IpmiGetChannelAuthCapsRsp a = {.channel = 1,
					       .v2_ext = q.v2_data,
					       .auth_types = IPMI_AUTHCAP_MD5,
					       .kg_set = b->cfg.kg_len > 0,
					       .non_null_users = true,
					       .supports_v20 = true};
		dl = ipmi_get_channel_auth_caps_rsp_encode(data, sizeof data, &a);
	} else if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_GET_CHANNEL_CIPHER_SUITES) {
		IpmiGetCipherSuitesReq q;
		if (ipmi_get_cipher_suites_req_decode(req.data, req.data_len, &q) < 0)
			return;
		IpmiCipherSuiteRecord recs[IPMI_SUITE_MAX + 1];
		size_t nr = 0;
		for (unsigned i = 0; i <= IPMI_SUITE_MAX; i++) {
			const IpmiCipherSuite *cs = ipmi_suite_get(i);
			if (!(b->cfg.suites & (1u << i)))
				continue;
			recs[nr++] = (IpmiCipherSuiteRecord){
			    .id = cs->id, .auth = cs->auth, .integ = cs->integ, .conf = cs->conf};
		}
		uint8_t stream[(IPMI_SUITE_MAX + 1) * 8];
		int sl = ipmi_cipher_suite_records_encode(stream, sizeof stream, recs, nr);
		FUZZ_CHECK(sl >= 0);
		IpmiGetCipherSuitesRsp a = {.channel = 1};
		if (ipmi_cipher_suite_chunk(stream, (size_t)sl, q.index, &a) < 0)
			return;
		dl = ipmi_get_cipher_suites_rsp_encode(data, sizeof data, &a);
	} else {
		rsp.cc = 0xC1; /* invalid command */
	}
	FUZZ_CHECK(dl >= 0);
	rsp.data = data;
	rsp.data_len = (size_t)dl;
	uint8_t m[64];
	int ml = ipmi_msg_encode(m, sizeof m, &rsp);
	FUZZ_CHECK(ml > 0);
	int ol =
	    v2 ? ipmi_v2_plain_encode(IPMI_PAYLOAD_IPMI, 0, 0, m, (size_t)ml, b->out, sizeof b->out)
	       : ipmi_v15_plain_encode(m, (size_t)ml, b->out, sizeof b->out);
	FUZZ_CHECK(ol > 0);
}

/* An in-session request: answer it through the channel, and free the slot
 * on Close Session as the simulator does. */
static void
in_session(Bmc *b, IpmiBmcSession *s, const IpmiOpened *op)
{
	FUZZ_CHECK(op->payload_len <= sizeof b->plain);
	FUZZ_CHECK(op->session_id == s->rp.bmc_sid);
	if (op->payload_type != IPMI_PAYLOAD_IPMI)
		return;
	IpmiMsg req, rsp;
	if (fuzz_lan_payload(b->plain, op->payload_len) < 0 ||
	    ipmi_msg_decode(b->plain, op->payload_len, &req) < 0 || ipmi_msg_is_response(&req))
		return;
	ipmi_msg_response_to(&req, &rsp, 0);
	rsp.data = req.data; /* echo: any length the message allows */
	rsp.data_len = req.data_len;
	int ml = ipmi_msg_encode(b->rsp, sizeof b->rsp, &rsp);
	FUZZ_CHECK(ml > 0);
	int rc = ipmi_channel_seal(&s->chan, IPMI_PAYLOAD_IPMI, b->rsp, (size_t)ml, b->out,
				   sizeof b->out);
	FUZZ_CHECK(rc > 0 || rc == IPMI_ERR_NOBUF);
	IpmiCloseSessionReq cl;
	if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_CLOSE_SESSION &&
	    ipmi_close_session_req_decode(req.data, req.data_len, &cl) >= 0 &&
	    cl.session_id == s->rp.bmc_sid)
		ipmi_bmc_session_free(s);
}

/* What an established session may never be, whatever the datagrams. */
static void
check_session(const Bmc *b, const IpmiBmcSession *s)
{
	FUZZ_CHECK(s->state <= IPMI_BMC_FAILED);
	if (s->state == IPMI_BMC_FREE)
		return;
	FUZZ_CHECK(s->rp.bmc_sid != 0 && s->rp.console_sid != 0);
	FUZZ_CHECK(s->suite <= IPMI_SUITE_MAX && (b->cfg.suites & (1u << s->suite)));
	if (s->state != IPMI_BMC_ACTIVE)
		return;
	/* Only a known, enabled user gets a session, never above its limit,
	 * the suite's or what it asked for in RAKP1. */
	FUZZ_CHECK(s->user >= 0 && (size_t)s->user < b->cfg.n_users);
	const IpmiBmcUser *u = &b->cfg.users[s->user];
	FUZZ_CHECK(u->enabled);
	FUZZ_CHECK(s->rp.user_len == u->name_len && memcmp(s->rp.user, u->name, u->name_len) == 0);
	uint8_t suite_max =
	    b->cfg.suite_max_priv[s->suite] ? b->cfg.suite_max_priv[s->suite] : IPMI_PRIV_ADMIN;
	FUZZ_CHECK(s->priv_limit >= IPMI_PRIV_CALLBACK && s->priv_limit <= u->max_priv &&
		   s->priv_limit <= suite_max);
	FUZZ_CHECK(s->priv_limit == (s->rp.role & IPMI_ROLE_PRIV_MASK));
	FUZZ_CHECK(s->priv <= s->priv_limit);
	FUZZ_CHECK(s->chan.rx_sid == s->rp.bmc_sid && s->chan.tx_sid == s->rp.console_sid);
}

static void
open_session(Bmc *b, const uint8_t *dgram, size_t len)
{
	/* A retransmission goes to the slot that answered it. */
	for (int i = 0; i < SLOTS; i++) {
		if (b->s[i].state != IPMI_BMC_OPEN)
			continue;
		int rc = ipmi_bmc_open_session(&b->s[i], &b->cfg, b->s[i].rp.bmc_sid, dgram, len,
					       b->now, b->out, sizeof b->out);
		if (rc > 0)
			return;
	}
	for (int i = 0; i < SLOTS; i++) {
		if (b->s[i].state != IPMI_BMC_FREE)
			continue;
		uint32_t sid = b->next_sid;
		b->next_sid = b->next_sid + 1 ? b->next_sid + 1 : 1;
		int rc = ipmi_bmc_open_session(&b->s[i], &b->cfg, sid, dgram, len, b->now, b->out,
					       sizeof b->out);
		FUZZ_CHECK(rc < 0 || (size_t)rc <= sizeof b->out);
		if (rc > 0 && b->s[i].state == IPMI_BMC_OPEN)
			FUZZ_CHECK(b->s[i].rp.bmc_sid == sid);
		else
			FUZZ_CHECK(b->s[i].state == IPMI_BMC_FREE);
		check_session(b, &b->s[i]);
		return;
	}
	(void)ipmi_bmc_open_session_reject(dgram, len, IPMI_RMCPP_NO_RESOURCES, b->out,
					   sizeof b->out);
}

static void
dgram(Bmc *b, const uint8_t *d, size_t len)
{
	uint32_t sid = 0;
	IpmiDgramKind kind = ipmi_bmc_classify(d, len, &sid);
	switch (kind) {
	case IPMI_DGRAM_ASF: {
		IpmiAsfMessage m;
		FUZZ_CHECK(len >= IPMI_RMCP_HEADER_LEN);
		(void)ipmi_asf_decode(d + IPMI_RMCP_HEADER_LEN, len - IPMI_RMCP_HEADER_LEN, &m);
		break;
	}
	case IPMI_DGRAM_PRESESSION:
		presession(b, d, len);
		break;
	case IPMI_DGRAM_OPEN_SESSION:
		open_session(b, d, len);
		break;
	case IPMI_DGRAM_SESSION:
		FUZZ_CHECK(sid != 0);
		for (int i = 0; i < SLOTS; i++) {
			IpmiBmcSession *s = &b->s[i];
			if (s->state == IPMI_BMC_FREE || s->rp.bmc_sid != sid)
				continue;
			size_t out_len = 0;
			IpmiOpened op;
			int rc = ipmi_bmc_feed(s, d, len, b->now, b->out, sizeof b->out, &out_len,
					       &op, b->plain, sizeof b->plain);
			FUZZ_CHECK(rc <= IPMI_BMC_PAYLOAD);
			if (rc == IPMI_BMC_REPLY)
				FUZZ_CHECK(out_len > 0 && out_len <= sizeof b->out);
			else
				FUZZ_CHECK(out_len == 0);
			if (rc == IPMI_BMC_PAYLOAD) {
				FUZZ_CHECK(s->state == IPMI_BMC_ACTIVE);
				in_session(b, s, &op);
			}
			check_session(b, s);
			/* The simulator sends the reply, then frees a failed slot. */
			if (s->state == IPMI_BMC_FAILED)
				ipmi_bmc_session_free(s);
			break;
		}
		break;
	case IPMI_DGRAM_V15_SESSION:
	case IPMI_DGRAM_INVALID:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static Bmc b;
	memset(&b, 0, sizeof b);
	size_t clen;
	const uint8_t *cv = fuzz_config(data, size, &clen);
	load_config(&b, cv, clen);
	fuzz_rng_init(&b.rng, data, size);
	b.now = 1000;

	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		switch (type) {
		case FUZZ_T_DGRAM:
			dgram(&b, v, n);
			break;
		case FUZZ_T_TICK:
			if (n >= 4) {
				b.now += ipmi_get_u32le(v);
				for (int i = 0; i < SLOTS; i++)
					if (b.s[i].state != IPMI_BMC_FREE &&
					    b.now - b.s[i].last_activity > IDLE_MS)
						ipmi_bmc_session_free(&b.s[i]);
			}
			break;
		case FUZZ_T_FREE:
			if (n >= 1)
				ipmi_bmc_session_free(&b.s[v[0] % SLOTS]);
			break;
		default:
			break;
		}
	}
	for (int i = 0; i < SLOTS; i++)
		ipmi_bmc_session_free(&b.s[i]);
	return 0;
}
