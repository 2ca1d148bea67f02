/* observer.c - follow and decrypt one captured RMCP+ session, see observer.h. */
#include "observer.h"

#include <string.h>

#include "buf.h"
#include "msg.h"
#include "packet.h"
#include "rmcp.h"
#include "status.h"
#include "suite.h"

void
ipmi_observer_init(IpmiObserver *o, const IpmiCredential *creds, size_t n_creds)
{
	memset(o, 0, sizeof *o);
	o->creds = creds;
	o->n_creds = n_creds;
	o->cred = -1;
	o->state = IPMI_OBS_START;
}

void
ipmi_observer_wipe(IpmiObserver *o)
{
	ipmi_key_handles_close(&o->kh);
	ipmi_wipe(o, sizeof *o);
	o->cred = -1;
}

static bool
known_sids(const IpmiObserver *o)
{
	return o->rp.bmc_sid != 0 || o->rp.console_sid != 0;
}

void
ipmi_datagram_parse(const uint8_t *dgram, size_t len, IpmiDatagram *d)
{
	d->dgram = dgram;
	d->len = len;
	d->rmcp_len = 0;
	d->msg_class = 0;
	d->rmcpp = false;
	d->hrc = IPMI_ERR_FORMAT;
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	d->rc = rc < 0 ? rc : 0;
	if (rc < 0)
		return;
	d->rmcp_len = (size_t)rc;
	d->msg_class = rh.msg_class;
	if (rh.msg_class != IPMI_RMCP_CLASS_IPMI || len <= (size_t)rc ||
	    dgram[rc] != IPMI_AUTHTYPE_RMCPP)
		return;
	d->rmcpp = true;
	d->hrc = ipmi_v2_header_decode(dgram + rc, len - (size_t)rc, &d->h);
}

bool
ipmi_observer_claims(const IpmiObserver *o, const uint8_t *dgram, size_t len)
{
	IpmiDatagram d;
	ipmi_datagram_parse(dgram, len, &d);
	return ipmi_observer_claims_parsed(o, &d);
}

bool
ipmi_observer_claims_parsed(const IpmiObserver *o, const IpmiDatagram *d)
{
	if (d->rc < 0 || !d->rmcpp || d->hrc < 0)
		return false;
	const IpmiV2Header *h = &d->h;
	uint32_t inner = h->payload_len >= 8 ? ipmi_get_u32le(h->payload + 4) : 0;
	switch (h->payload_type) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ:
		return o->state == IPMI_OBS_START;
	case IPMI_PAYLOAD_OPEN_SESSION_RSP:
		return o->state == IPMI_OBS_OPEN_REQ && h->payload_len >= 1 &&
		       h->payload[0] == o->open_tag &&
		       (h->payload_len < 8 || inner == o->rp.console_sid);
	case IPMI_PAYLOAD_RAKP1:
	case IPMI_PAYLOAD_RAKP3:
		return o->state >= IPMI_OBS_OPEN_RSP && inner == o->rp.bmc_sid;
	case IPMI_PAYLOAD_RAKP2:
	case IPMI_PAYLOAD_RAKP4:
		return o->state >= IPMI_OBS_RAKP1 && inner == o->rp.console_sid;
	default:
		return known_sids(o) && h->session_id != 0 &&
		       (h->session_id == o->rp.bmc_sid || h->session_id == o->rp.console_sid);
	}
}

static int
copy_out(const uint8_t *p, size_t n, uint8_t *plain, size_t cap, IpmiObserved *out)
{
	if (n > cap)
		return IPMI_ERR_NOBUF;
	memcpy(plain, p, n);
	out->payload_len = n;
	return 0;
}

/* Which credential reproduces the RAKP2 code?  A credential without a user
 * name is tried for any user. */
static void
match_credential(IpmiObserver *o)
{
	for (size_t i = 0; i < o->n_creds; i++) {
		const IpmiCredential *c = &o->creds[i];
		if (c->user_len && (c->user_len != o->rp.user_len ||
				    memcmp(c->user, o->rp.user, c->user_len) != 0))
			continue;
		/* The RAKP2 code compared in constant time, then the keys. */
		const IpmiHandshakeIn in = {
		    .auth = o->auth,
		    .integ = o->integ,
		    .conf = o->conf,
		    .pw = c->password,
		    .pw_len = c->password_len,
		    .kg = c->kg,
		    .kg_len = c->kg_len,
		    .p = &o->rp,
		    .expect = o->rakp2_code,
		    .expect_len = o->rakp2_code_len,
		};
		IpmiHandshakeMacs hm;
		if (ipmi_handshake_macs(&hm, IPMI_HS_RAKP2 | IPMI_HS_KEYS, &in) < 0)
			continue;
		o->keys = hm.keys;
		ipmi_wipe(&hm, sizeof hm);
		o->cred = (int)i;
		o->have_keys = true;
		o->verify_macs = true;
		return;
	}
	o->auth_failed = true;
}

static void
on_setup(IpmiObserver *o, const IpmiV2Header *h, IpmiObserved *out)
{
	switch (h->payload_type) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ: {
		IpmiOpenSessionReq m;
		out->dir = IPMI_DIR_TO_BMC;
		if (ipmi_open_session_req_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (o->state != IPMI_OBS_START && o->state != IPMI_OBS_OPEN_REQ)
			return;
		o->open_tag = m.tag;
		o->rp.console_sid = m.console_sid;
		o->state = IPMI_OBS_OPEN_REQ;
		return;
	}
	case IPMI_PAYLOAD_OPEN_SESSION_RSP: {
		IpmiOpenSessionRsp m;
		out->dir = IPMI_DIR_TO_CONSOLE;
		if (ipmi_open_session_rsp_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (m.status != IPMI_RMCPP_OK) {
			o->status = m.status;
			o->state = IPMI_OBS_NO_KEYS;
			return;
		}
		if (o->state != IPMI_OBS_OPEN_REQ)
			return;
		o->rp.bmc_sid = m.bmc_sid;
		o->auth = m.auth_alg;
		o->integ = m.integ_alg;
		o->conf = m.conf_alg;
		o->state = IPMI_OBS_OPEN_RSP;
		return;
	}
	case IPMI_PAYLOAD_RAKP1: {
		IpmiRakp1 m;
		out->dir = IPMI_DIR_TO_BMC;
		if (ipmi_rakp1_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (o->state < IPMI_OBS_OPEN_RSP || o->state > IPMI_OBS_RAKP1)
			return;
		memcpy(o->rp.rm, m.rm, sizeof m.rm);
		o->rp.role = m.role;
		o->rp.user_len = m.user_len;
		memcpy(o->rp.user, m.user, m.user_len);
		o->state = IPMI_OBS_RAKP1;
		return;
	}
	case IPMI_PAYLOAD_RAKP2: {
		IpmiRakp2 m;
		out->dir = IPMI_DIR_TO_CONSOLE;
		if (ipmi_rakp2_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (m.status != IPMI_RMCPP_OK) {
			o->status = m.status;
			o->state = IPMI_OBS_NO_KEYS;
			return;
		}
		if (o->state != IPMI_OBS_RAKP1)
			return;
		memcpy(o->rp.rc, m.rc, sizeof m.rc);
		memcpy(o->rp.guid, m.guid, sizeof m.guid);
		memcpy(o->rakp2_code, m.code, m.code_len);
		o->rakp2_code_len = m.code_len;
		o->state = IPMI_OBS_RAKP2;
		if (!o->have_keys)
			match_credential(o);
		if (!o->have_keys)
			out->result = IPMI_ERR_NO_CREDENTIAL;
		return;
	}
	case IPMI_PAYLOAD_RAKP3: {
		IpmiRakp3 m;
		out->dir = IPMI_DIR_TO_BMC;
		if (ipmi_rakp3_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (m.status != IPMI_RMCPP_OK)
			o->status = m.status;
		if (o->state == IPMI_OBS_RAKP2)
			o->state = IPMI_OBS_RAKP3;
		return;
	}
	case IPMI_PAYLOAD_RAKP4: {
		IpmiRakp4 m;
		out->dir = IPMI_DIR_TO_CONSOLE;
		if (ipmi_rakp4_decode(h->payload, h->payload_len, &m) < 0) {
			out->result = IPMI_ERR_FORMAT;
			return;
		}
		if (m.status != IPMI_RMCPP_OK) {
			o->status = m.status;
			o->state = IPMI_OBS_NO_KEYS;
			return;
		}
		if (o->state != IPMI_OBS_RAKP3 && o->state != IPMI_OBS_RAKP2)
			return;
		o->state = o->have_keys ? IPMI_OBS_ACTIVE : IPMI_OBS_NO_KEYS;
		if (o->have_keys && !o->from_keylog) {
			uint8_t icv[IPMI_RAKP_CODE_MAX];
			int rc = ipmi_rakp4_icv(o->auth, o->keys.sik, &o->rp, icv);
			if (rc < 0 || (size_t)rc != m.icv_len ||
			    (!ipmi_ct_equal(icv, m.icv, m.icv_len) && !ipmi_fuzz_mac_ok())) {
				o->kg_mismatch = true;
				out->result = IPMI_ERR_KG;
			}
		}
		return;
	}
	}
}

int
ipmi_observer_feed(IpmiObserver *o, const uint8_t *dgram, size_t len, IpmiObserved *out,
		   uint8_t *plain, size_t cap)
{
	IpmiDatagram d;
	ipmi_datagram_parse(dgram, len, &d);
	return ipmi_observer_feed_parsed(o, &d, out, plain, cap);
}

int
ipmi_observer_feed_parsed(IpmiObserver *o, const IpmiDatagram *d, IpmiObserved *out, uint8_t *plain,
			  size_t cap)
{
	memset(out, 0, sizeof *out);
	if (d->rc < 0)
		return d->rc;
	if (d->msg_class != IPMI_RMCP_CLASS_IPMI || d->len <= d->rmcp_len)
		return IPMI_ERR_FORMAT;
	const uint8_t *p = d->dgram + d->rmcp_len;
	size_t n = d->len - d->rmcp_len;
	int rc;
	if (p[0] != IPMI_AUTHTYPE_RMCPP) {
		/* IPMI 1.5 wrapper: pre-session traffic, in the clear. */
		IpmiV15Packet v;
		rc = ipmi_v15_decode(p, n, &v);
		if (rc < 0)
			return rc;
		out->session_id = v.session_id;
		out->seq = v.seq;
		out->payload_type = IPMI_PAYLOAD_IPMI;
		if (v.payload_len >= 2)
			out->dir = (v.payload[1] >> 2) & 1 ? IPMI_DIR_TO_CONSOLE : IPMI_DIR_TO_BMC;
		out->result = copy_out(v.payload, v.payload_len, plain, cap, out);
		return 0;
	}
	if (d->hrc < 0)
		return d->hrc;
	const IpmiV2Header *hp = &d->h;
	out->payload_type = hp->payload_type;
	out->encrypted = hp->encrypted;
	out->authenticated = hp->authenticated;
	out->session_id = hp->session_id;
	out->seq = hp->seq;
	if (hp->session_id == 0) {
		/* Session setup, or a pre-session message in an RMCP+ wrapper. */
		if (hp->payload_type == IPMI_PAYLOAD_IPMI && hp->payload_len >= 2)
			out->dir =
			    (hp->payload[1] >> 2) & 1 ? IPMI_DIR_TO_CONSOLE : IPMI_DIR_TO_BMC;
		on_setup(o, hp, out);
		rc = copy_out(hp->payload, hp->payload_len, plain, cap, out);
		if (out->result == 0)
			out->result = rc;
		return 0;
	}
	int di;
	if (hp->session_id == o->rp.bmc_sid) {
		out->dir = IPMI_DIR_TO_BMC;
		di = 0;
	} else if (hp->session_id == o->rp.console_sid) {
		out->dir = IPMI_DIR_TO_CONSOLE;
		di = 1;
	} else {
		out->result = IPMI_ERR_SESSION_ID;
		return 0;
	}
	if (!o->have_keys || o->kg_mismatch) {
		out->result = o->kg_mismatch ? IPMI_ERR_KG : IPMI_ERR_NO_CREDENTIAL;
		return 0;
	}
	IpmiOpened op;
	/* Only xRC4 has keystream state to stage (and wipe) per packet. */
	bool xrc4 = o->keys.conf == IPMI_CONF_XRC4_128 || o->keys.conf == IPMI_CONF_XRC4_40;
	IpmiRc4Dir rc4;
	if (xrc4)
		rc4 = o->rc4[di];
	rc = ipmi_record_open_hdr(&o->keys, &o->kh, xrc4 ? &rc4 : NULL, hp->session_id,
				  o->verify_macs, p, n, hp, &op, plain, cap);
	if (xrc4) {
		if (rc >= 0)
			o->rc4[di] = rc4;
		ipmi_wipe(&rc4, sizeof rc4);
	}
	if (rc < 0) {
		out->result = rc;
		return 0;
	}
	out->verified = o->verify_macs || o->integ == IPMI_INTEG_NONE;
	out->payload_len = op.payload_len;
	if (ipmi_seq_check(&o->window[di], op.seq) < 0)
		out->replayed = true;
	else
		ipmi_seq_accept(&o->window[di], op.seq);
	return 0;
}

int
ipmi_observer_use_keylog(IpmiObserver *o, const IpmiKeylogEntry *e)
{
	if (o->state >= IPMI_OBS_RAKP1 && o->state != IPMI_OBS_NO_KEYS) {
		if (memcmp(o->rp.rm, e->rm, sizeof e->rm) != 0)
			return IPMI_ERR_NO_CREDENTIAL;
	} else if (known_sids(o)) {
		if ((o->rp.console_sid && o->rp.console_sid != e->console_sid) ||
		    (o->rp.bmc_sid && o->rp.bmc_sid != e->bmc_sid))
			return IPMI_ERR_NO_CREDENTIAL;
	}
	if (o->state >= IPMI_OBS_OPEN_RSP && o->state != IPMI_OBS_NO_KEYS &&
	    (o->auth != e->auth || o->integ != e->integ || o->conf != e->conf))
		return IPMI_ERR_NO_CREDENTIAL;
	/* The handles were keyed from the keys about to be replaced. */
	ipmi_key_handles_close(&o->kh);
	int rc = ipmi_keys_from_sik(&o->keys, e->auth, e->integ, e->conf, e->sik, e->sik_len);
	if (rc < 0) {
		o->have_keys = false;
		return rc;
	}
	o->auth = e->auth;
	o->integ = e->integ;
	o->conf = e->conf;
	o->rp.console_sid = e->console_sid;
	o->rp.bmc_sid = e->bmc_sid;
	if (o->state < IPMI_OBS_RAKP1)
		memcpy(o->rp.rm, e->rm, sizeof e->rm);
	o->have_keys = true;
	o->from_keylog = true;
	o->auth_failed = false;
	o->kg_mismatch = false;
	o->verify_macs = e->integ != IPMI_INTEG_MD5_128;
	if (o->state == IPMI_OBS_START || o->state == IPMI_OBS_NO_KEYS)
		o->state = IPMI_OBS_ACTIVE;
	return 0;
}
