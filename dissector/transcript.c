/* transcript.c - the text and JSON transcript, see transcript.h. */
#include "transcript.h"

#include <string.h>

#include "core/msg.h"
#include "core/packet.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"
#include "decode.h"
#include "core/msg_names.h"

#define HEX_MAX (2 * IPMI_MAX_DATAGRAM + 1)

void
ipmi_json_string(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7F)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
jstr(FILE *out, const char *key, const char *val)
{
	fprintf(out, ",\"%s\":", key);
	ipmi_json_string(out, val, strlen(val));
}

/* Seconds from the first message as "S.UUUUUU" (exact, no floating point). */
static void
rel_time(IpmiPrinter *p, const struct timeval *ts, char *buf, size_t cap)
{
	if (!p->have_t0) {
		p->t0 = *ts;
		p->have_t0 = true;
	}
	long long us = ((long long)ts->tv_sec - p->t0.tv_sec) * 1000000 +
		       ((long long)ts->tv_usec - p->t0.tv_usec);
	snprintf(buf, cap, "%s%lld.%06lld", us < 0 ? "-" : "", (us < 0 ? -us : us) / 1000000,
		 (us < 0 ? -us : us) % 1000000);
}

static const char *
arrow(IpmiDirection d)
{
	return d == IPMI_DIR_TO_BMC ? "-->" : d == IPMI_DIR_TO_CONSOLE ? "<--" : "---";
}

static const char *
dir_token(IpmiDirection d)
{
	return d == IPMI_DIR_TO_BMC       ? "to_bmc"
	       : d == IPMI_DIR_TO_CONSOLE ? "to_console"
					  : "unknown";
}

/* Why a payload is not in plain, in words. */
static const char *
why_not(int result)
{
	switch (result) {
	case IPMI_ERR_NO_CREDENTIAL:
		return "not decrypted: no credential or key-log entry fits this session";
	case IPMI_ERR_KG:
		return "not decrypted: K_G mismatch (RAKP4 did not verify)";
	case IPMI_ERR_INTEGRITY:
		return "integrity check failed (tampered, or keys of another session)";
	case IPMI_ERR_SESSION_ID:
		return "not decrypted: session ID of no known session";
	}
	return ipmi_strerror(result);
}

static void
print_fields_text(IpmiPrinter *p, const IpmiFields *f)
{
	if (p->quiet_fields || (f->n == 0 && !f->error))
		return;
	fputs("        ", p->out);
	if (f->error)
		fprintf(p->out, " (data does not decode: %s)", f->error);
	for (size_t i = 0; i < f->n; i++) {
		const char *v = f->f[i].value;
		fprintf(p->out, strchr(v, ' ') ? " %s=\"%s\"" : " %s=%s", f->f[i].key, v);
	}
	fputc('\n', p->out);
}

static void
print_fields_json(IpmiPrinter *p, const IpmiFields *f)
{
	if (f->error)
		jstr(p->out, "fields_error", f->error);
	if (f->n == 0)
		return;
	fputs(",\"fields\":{", p->out);
	for (size_t i = 0; i < f->n; i++) {
		fprintf(p->out, "%s\"%s\":", i ? "," : "", f->f[i].key);
		ipmi_json_string(p->out, f->f[i].value, strlen(f->f[i].value));
	}
	fputc('}', p->out);
}

/* An IPMI message in plain: names, rqSeq, completion code, data, fields. */
static void
print_ipmi_msg(IpmiPrinter *p, const uint8_t *m, size_t n)
{
	IpmiMsg msg;
	char hex[HEX_MAX];
	int rc = ipmi_msg_decode(m, n, &msg);
	if (rc < 0) {
		if (p->json) {
			jstr(p->out, "msg_error", ipmi_strerror(rc));
			jstr(p->out, "data", ipmi_hex(hex, m, n));
		} else {
			fprintf(p->out, "malformed IPMI message (%s): %s\n", ipmi_strerror(rc),
				ipmi_hex(hex, m, n));
		}
		return;
	}
	bool rsp = ipmi_msg_is_response(&msg);
	const char *nf = ipmi_netfn_name(msg.netfn);
	const char *cn = ipmi_cmd_name(msg.netfn, msg.cmd, msg.data, msg.data_len);
	IpmiFields f;
	ipmi_decode_msg_fields(&msg, &f);
	ipmi_hex(hex, msg.data, msg.data_len);
	if (p->json) {
		fprintf(p->out, ",\"netfn\":%u", msg.netfn);
		if (nf)
			jstr(p->out, "netfn_name", nf);
		fprintf(p->out, ",\"cmd\":%u", msg.cmd);
		if (cn)
			jstr(p->out, "cmd_name", cn);
		fprintf(p->out, ",\"response\":%s,\"rq_seq\":%u,\"rs_addr\":%u,\"rq_addr\":%u",
			rsp ? "true" : "false", msg.rq_seq, rsp ? msg.src_addr : msg.dst_addr,
			rsp ? msg.dst_addr : msg.src_addr);
		if (rsp) {
			fprintf(p->out, ",\"cc\":%u", msg.cc);
			jstr(p->out, "cc_text", ipmi_cc_text(msg.netfn, msg.cmd, msg.cc));
		}
		jstr(p->out, "data", hex);
		print_fields_json(p, &f);
		return;
	}
	if (nf)
		fprintf(p->out, "%s (%02Xh) ", nf, msg.netfn);
	else
		fprintf(p->out, "netFn %02Xh ", msg.netfn);
	if (cn)
		fprintf(p->out, "%s (%02Xh)", cn, msg.cmd);
	else
		fprintf(p->out, "cmd %02Xh", msg.cmd);
	fprintf(p->out, " %s rqSeq %02Xh", rsp ? "response" : "request", msg.rq_seq);
	if (rsp)
		fprintf(p->out, " cc %02Xh (%s)", msg.cc, ipmi_cc_text(msg.netfn, msg.cmd, msg.cc));
	fprintf(p->out, " data [%s]\n", hex);
	print_fields_text(p, &f);
}

static void
print_asf(IpmiPrinter *p, const uint8_t *d, size_t n)
{
	IpmiAsfMessage a;
	int rc = n > IPMI_RMCP_HEADER_LEN ? ipmi_asf_decode(d + 4, n - 4, &a) : IPMI_ERR_TRUNCATED;
	const char *what = rc < 0                         ? "malformed ASF message"
			   : a.type == IPMI_ASF_TYPE_PING ? "ASF Presence Ping"
			   : a.type == IPMI_ASF_TYPE_PONG ? "ASF Presence Pong"
							  : "ASF message";
	if (p->json) {
		jstr(p->out, "wrapper", "asf");
		jstr(p->out, "payload", what);
		if (rc >= 0)
			fprintf(p->out, ",\"tag\":%u", a.tag);
		return;
	}
	fprintf(p->out, "%s", what);
	if (rc >= 0) {
		fprintf(p->out, " tag %02Xh", a.tag);
		if (a.type == IPMI_ASF_TYPE_PONG)
			fprintf(p->out, " IPMI %s",
				a.supported_entities & IPMI_ASF_ENTITY_IPMI ? "supported"
									    : "not supported");
	}
	fputc('\n', p->out);
}

/* ", integrity ok" and the like, for an in-session message. */
static const char *
in_session_check(const IpmiObserved *o)
{
	if (!o->authenticated)
		return ", no integrity";
	if (o->result != 0)
		return "";
	return o->verified ? ", integrity ok" : ", integrity not verified (key log, MD5-128)";
}

void
ipmi_print_message(IpmiPrinter *p, const IpmiFrame *f, const uint8_t *d, size_t len,
		   const IpmiTrackResult *r, const uint8_t *plain)
{
	char src[64], dst[64];
	ipmi_endpoint_format(&f->udp->src, src, sizeof src);
	ipmi_endpoint_format(&f->udp->dst, dst, sizeof dst);
	char t[32];
	rel_time(p, &f->ts, t, sizeof t);
	const IpmiObserved *o = &r->obs;
	bool rmcpp = r->rc >= 0 && r->rmcp_class == IPMI_RMCP_CLASS_IPMI && len > 4 &&
		     d[4] == IPMI_AUTHTYPE_RMCPP;
	p->messages++;
	if (p->json) {
		fprintf(
		    p->out, "{\"type\":\"message\",\"frame\":%llu,\"time\":%s,\"epoch\":%lld.%06ld",
		    (unsigned long long)f->frame, t, (long long)f->ts.tv_sec, (long)f->ts.tv_usec);
		jstr(p->out, "src", src);
		jstr(p->out, "dst", dst);
	} else {
		fprintf(p->out, "%6llu %10s %s ", (unsigned long long)f->frame, t, arrow(o->dir));
		if (r->session)
			fprintf(p->out, "S%-4u", r->session->number);
		else
			fputs("-    ", p->out);
	}
	if (r->rc < 0) {
		if (p->json) {
			jstr(p->out, "error", ipmi_strerror(r->rc));
			fputs("}\n", p->out);
		} else {
			fprintf(p->out, " malformed RMCP message (%s), %zu bytes\n",
				ipmi_strerror(r->rc), len);
		}
		return;
	}
	if (r->rmcp_class != IPMI_RMCP_CLASS_IPMI) {
		if (r->rmcp_class == IPMI_RMCP_CLASS_ASF) {
			if (!p->json)
				fputs(" ", p->out);
			print_asf(p, d, len);
		} else if (p->json) {
			fprintf(p->out, ",\"rmcp_class\":%u", r->rmcp_class);
		} else {
			fprintf(p->out, " RMCP class %02Xh message\n", r->rmcp_class);
		}
		if (p->json)
			fputs("}\n", p->out);
		return;
	}
	bool setup = rmcpp && o->payload_type >= IPMI_PAYLOAD_OPEN_SESSION_REQ &&
		     o->payload_type <= IPMI_PAYLOAD_RAKP4;
	if (p->json) {
		if (r->session)
			fprintf(p->out, ",\"session\":%u", r->session->number);
		fprintf(p->out, ",\"session_id\":%u,\"seq\":%u", o->session_id, o->seq);
		jstr(p->out, "direction", dir_token(o->dir));
		jstr(p->out, "wrapper", rmcpp ? "rmcp+" : "ipmi1.5");
		jstr(p->out, "payload", ipmi_payload_token(o->payload_type));
		fprintf(p->out, ",\"encrypted\":%s,\"authenticated\":%s",
			o->encrypted ? "true" : "false", o->authenticated ? "true" : "false");
		if (rmcpp && o->session_id)
			fprintf(p->out, ",\"verified\":%s,\"replayed\":%s",
				o->result == 0 && o->verified ? "true" : "false",
				o->replayed ? "true" : "false");
		jstr(p->out, "status",
		     o->result == 0                                 ? "ok"
		     : setup && o->result == IPMI_ERR_NO_CREDENTIAL ? "no credential matches RAKP2"
								    : why_not(o->result));
	} else {
		fprintf(p->out, " %08x %-5u ", o->session_id, o->seq);
		if (!rmcpp)
			fprintf(p->out, "IPMI 1.5%s ",
				d[4] ? " (authenticated, not verified)" : "");
		else if (o->session_id && o->payload_type == IPMI_PAYLOAD_IPMI)
			fprintf(p->out, "[%s%s%s] ", o->encrypted ? "encrypted" : "plain",
				in_session_check(o), o->replayed ? ", REPLAYED" : "");
		else if (!setup)
			fprintf(p->out, "%s ", ipmi_payload_name(o->payload_type));
	}
	if (o->result != 0 && !(setup && o->payload_len)) {
		/* Nothing in plain (or a setup payload the observer could not
		 * read: it stays in plain and is decoded below). */
		if (!p->json)
			fprintf(p->out, "%s%s\n", setup ? ipmi_payload_name(o->payload_type) : "",
				setup ? "" : why_not(o->result));
		else
			fputs("}\n", p->out);
		return;
	}
	if (setup) {
		IpmiFields fl;
		ipmi_decode_setup_fields(o->payload_type, plain, o->payload_len, &fl);
		if (p->json) {
			char hex[HEX_MAX];
			jstr(p->out, "data", ipmi_hex(hex, plain, o->payload_len));
			print_fields_json(p, &fl);
		} else {
			fprintf(p->out, "%s", ipmi_payload_name(o->payload_type));
			if (o->result == IPMI_ERR_KG)
				fputs(" (K_G mismatch: the ICV does not verify)", p->out);
			fputc('\n', p->out);
			print_fields_text(p, &fl);
		}
	} else if (o->payload_type == IPMI_PAYLOAD_IPMI) {
		print_ipmi_msg(p, plain, o->payload_len);
	} else {
		char hex[HEX_MAX];
		ipmi_hex(hex, plain, o->payload_len);
		if (p->json)
			jstr(p->out, "data", hex);
		else
			fprintf(p->out, "data [%s]\n", hex);
	}
	if (p->json)
		fputs("}\n", p->out);
}

static void
session_head(IpmiPrinter *p, const IpmiTrackedSession *s, char *buf, size_t cap)
{
	char con[64], bmc[64];
	ipmi_endpoint_format(&s->console, con, sizeof con);
	ipmi_endpoint_format(&s->bmc, bmc, sizeof bmc);
	const IpmiObserver *o = &s->obs;
	int suite = ipmi_suite_find(o->auth, o->integ, o->conf);
	char user[IPMI_USER_MAX + 1];
	for (size_t i = 0; i < o->rp.user_len; i++)
		user[i] = o->rp.user[i] >= 0x20 && o->rp.user[i] < 0x7F ? (char)o->rp.user[i] : '?';
	user[o->rp.user_len] = 0;
	snprintf(buf, cap,
		 "session %u: console %s, BMC %s, console SID %08x, BMC SID %08x, suite %d "
		 "(%s / %s / %s), user \"%s\", role %02Xh",
		 s->number, con, bmc, o->rp.console_sid, o->rp.bmc_sid, suite,
		 ipmi_auth_alg_name(o->auth), ipmi_integ_alg_name(o->integ),
		 ipmi_conf_alg_name(o->conf), user, o->rp.role);
}

static void
emit_session(IpmiPrinter *p, const IpmiTrackedSession *s, const char *verdict, const char *text)
{
	char head[400];
	session_head(p, s, head, sizeof head);
	if (!p->json) {
		fprintf(p->out, "%s: %s\n", head, text);
		return;
	}
	char con[64], bmc[64];
	ipmi_endpoint_format(&s->console, con, sizeof con);
	ipmi_endpoint_format(&s->bmc, bmc, sizeof bmc);
	const IpmiObserver *o = &s->obs;
	fprintf(p->out, "{\"type\":\"session\",\"session\":%u", s->number);
	jstr(p->out, "console", con);
	jstr(p->out, "bmc", bmc);
	fprintf(p->out, ",\"console_session_id\":%u,\"bmc_session_id\":%u,\"cipher_suite\":%d",
		o->rp.console_sid, o->rp.bmc_sid, ipmi_suite_find(o->auth, o->integ, o->conf));
	fputs(",\"user\":", p->out);
	ipmi_json_string(p->out, (const char *)o->rp.user, o->rp.user_len);
	jstr(p->out, "verdict", verdict);
	if (o->cred >= 0)
		fprintf(p->out, ",\"credential\":%d", o->cred + 1);
	if (s->keylog_index >= 0)
		fprintf(p->out, ",\"keylog_entry\":%d", s->keylog_index + 1);
	jstr(p->out, "text", text);
	fputs("}\n", p->out);
}

void
ipmi_print_verdict(IpmiPrinter *p, const IpmiTrackedSession *s)
{
	const IpmiObserver *o = &s->obs;
	char text[200];
	const char *verdict;
	if (s->keylog_only) {
		verdict = "keylog";
		snprintf(text, sizeof text, "keys from key-log entry %d (handshake not captured)",
			 s->keylog_index + 1);
	} else if (o->state == IPMI_OBS_NO_KEYS && o->status) {
		verdict = "rejected";
		snprintf(text, sizeof text, "the BMC refused the session: %s",
			 ipmi_rmcpp_status_str(o->status));
	} else if (o->cred >= 0) {
		verdict = "match";
		const IpmiCredential *c = &p->creds[o->cred];
		if (c->user_len)
			snprintf(text, sizeof text, "credential %d (user \"%.*s\") matches RAKP2",
				 o->cred + 1, (int)c->user_len, (const char *)c->user);
		else
			snprintf(text, sizeof text, "credential %d (any user) matches RAKP2",
				 o->cred + 1);
	} else if (s->keylog_index >= 0) {
		verdict = "keylog";
		snprintf(text, sizeof text, "%skeys from key-log entry %d (same Rm)",
			 p->n_creds ? "no credential matches RAKP2; " : "", s->keylog_index + 1);
	} else if (p->n_creds == 0) {
		verdict = "no_credential";
		snprintf(
		    text, sizeof text,
		    "no credential given and no key-log entry for this session: not decrypted");
	} else {
		verdict = "wrong_password";
		snprintf(text, sizeof text, "wrong password: no credential matches RAKP2");
	}
	emit_session(p, s, verdict, text);
}

void
ipmi_print_kg_mismatch(IpmiPrinter *p, const IpmiTrackedSession *s)
{
	char text[200];
	snprintf(text, sizeof text,
		 "K_G mismatch: the password fits but RAKP4 does not verify with credential "
		 "%d's K_G (%s); give the BMC key with -k/-y",
		 s->obs.cred + 1, p->creds[s->obs.cred].kg_len ? "given" : "none given");
	emit_session(p, s, "kg_mismatch", text);
}

void
ipmi_print_rakp3(IpmiPrinter *p, const IpmiTrackedSession *s)
{
	char text[200];
	if (s->rakp3 == -2)
		snprintf(text, sizeof text, "the console refused the BMC at RAKP 3");
	else
		snprintf(text, sizeof text,
			 "console wrong password: its RAKP 3 does not verify with credential %d, "
			 "which the BMC's RAKP 2 matches",
			 s->obs.cred + 1);
	emit_session(p, s, "console_wrong_password", text);
}

void
ipmi_print_unfinished(IpmiPrinter *p, const IpmiTrackedSession *s)
{
	const IpmiObserver *o = &s->obs;
	if (!s->verdict_known) {
		emit_session(p, s, "incomplete", "handshake incomplete in the capture (no RAKP2)");
		return;
	}
	if (o->state == IPMI_OBS_RAKP2 && o->cred >= 0) {
		char text[200];
		snprintf(text, sizeof text,
			 "console wrong password: it stopped after the BMC's RAKP 2, which matches "
			 "credential %d (a console with another password cannot verify it)",
			 o->cred + 1);
		emit_session(p, s, "console_wrong_password", text);
	}
}
