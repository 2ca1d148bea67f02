/* transcript.c - the text and JSON transcript, see transcript.h.
 *
 * Messages are the bulk of a large capture, so they are formatted by hand
 * into the printer's buffer (transcript-buf.[ch]) and written with one
 * fwrite each; the rare session lines use stdio.  The text is the same as
 * the printf formats in the comments next to each piece. */
#include "transcript.h"

#include <string.h>

#include "core/auth15.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"
#include "decode.h"
#include "core/msg_names.h"
#include "transcript-buf.h"

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

/* ---- pieces of a message ------------------------------------------------ */

/* Seconds from the first message as "S.UUUUUU" (exact, no floating point),
 * right-aligned in width ("%*s"; 0: none). */
static void
rel_time(IpmiPrinter *p, const struct timeval *ts, int width)
{
	if (!p->have_t0) {
		p->t0 = *ts;
		p->have_t0 = true;
	}
	long long us = ((long long)ts->tv_sec - p->t0.tv_sec) * 1000000 +
		       ((long long)ts->tv_usec - p->t0.tv_usec);
	unsigned long long a = us < 0 ? 0ULL - (unsigned long long)us : (unsigned long long)us;
	char tmp[32];
	char *end = tmp + sizeof tmp;
	char *q = end;
	unsigned long long frac = a % 1000000;
	for (int i = 0; i < 6; i++) {
		*--q = (char)('0' + frac % 10);
		frac /= 10;
	}
	*--q = '.';
	q = ob_dec(q, a / 1000000);
	if (us < 0)
		*--q = '-';
	size_t n = (size_t)(end - q);
	size_t pad = width > 0 && (size_t)width > n ? (size_t)width - n : 0;
	char *w = ob_room(p, n + pad);
	memset(w, ' ', pad);
	memcpy(w + pad, q, n);
	p->len += n + pad;
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
	ob_mem(p, "        ", 8);
	if (f->error) {
		OB_LIT(p, " (data does not decode: ");
		ob_str(p, f->error);
		ob_chr(p, ')');
	}
	for (size_t i = 0; i < f->n; i++) {
		/* " %s=\"%s\"" when the value has a space, else " %s=%s" */
		const char *v = f->f[i].value;
		size_t n = strlen(v);
		bool q = memchr(v, ' ', n) != NULL;
		ob_chr(p, ' ');
		ob_str(p, f->f[i].key);
		ob_mem(p, q ? "=\"" : "=", q ? 2 : 1);
		ob_mem(p, v, n);
		if (q)
			ob_chr(p, '"');
	}
	ob_chr(p, '\n');
}

static void
print_fields_json(IpmiPrinter *p, const IpmiFields *f)
{
	if (f->error)
		ob_jstr(p, "fields_error", f->error);
	if (f->n == 0)
		return;
	ob_mem(p, ",\"fields\":{", 11);
	for (size_t i = 0; i < f->n; i++) {
		ob_mem(p, i ? ",\"" : "\"", i ? 2 : 1);
		ob_str(p, f->f[i].key);
		ob_mem(p, "\":", 2);
		ob_json_string(p, f->f[i].value, strlen(f->f[i].value));
	}
	ob_chr(p, '}');
}

/* "NAME (XXh)" or "WHAT XXh" (netFn, cmd). */
static void
name_hex(IpmiPrinter *p, const char *name, const char *what, uint8_t v)
{
	if (name) {
		ob_str(p, name);
		ob_mem(p, " (", 2);
		ob_hex(p, v, 2, true);
		ob_mem(p, "h)", 2);
	} else {
		ob_str(p, what);
		ob_chr(p, ' ');
		ob_hex(p, v, 2, true);
		ob_chr(p, 'h');
	}
}

/* An IPMI message in plain: names, rqSeq, completion code, data, fields. */
static void
print_ipmi_msg(IpmiPrinter *p, const uint8_t *m, size_t n)
{
	IpmiMsg msg;
	int rc = ipmi_msg_decode(m, n, &msg);
	if (rc < 0) {
		if (p->json) {
			ob_jstr(p, "msg_error", ipmi_strerror(rc));
			ob_mem(p, ",\"data\":\"", 9);
			ob_bytes(p, m, n);
			ob_chr(p, '"');
		} else {
			/* "malformed IPMI message (%s): %s\n" */
			OB_LIT(p, "malformed IPMI message (");
			ob_str(p, ipmi_strerror(rc));
			ob_mem(p, "): ", 3);
			ob_bytes(p, m, n);
			ob_chr(p, '\n');
		}
		return;
	}
	bool rsp = ipmi_msg_is_response(&msg);
	const char *nf = ipmi_netfn_name(msg.netfn);
	const char *cn = ipmi_cmd_name(msg.netfn, msg.cmd, msg.data, msg.data_len);
	IpmiFields f; /* only n, error and n values are read */
	f.n = 0;
	f.error = NULL;
	if (p->json || !p->quiet_fields)
		ipmi_decode_msg_fields(&msg, &f);
	if (p->json) {
		ob_juint(p, "netfn", msg.netfn);
		if (nf)
			ob_jstr(p, "netfn_name", nf);
		ob_juint(p, "cmd", msg.cmd);
		if (cn)
			ob_jstr(p, "cmd_name", cn);
		ob_jbool(p, "response", rsp);
		ob_juint(p, "rq_seq", msg.rq_seq);
		ob_juint(p, "rs_addr", rsp ? msg.src_addr : msg.dst_addr);
		ob_juint(p, "rq_addr", rsp ? msg.dst_addr : msg.src_addr);
		if (rsp) {
			ob_juint(p, "cc", msg.cc);
			ob_jstr(p, "cc_text", ipmi_cc_text(msg.netfn, msg.cmd, msg.cc));
		}
		ob_mem(p, ",\"data\":\"", 9);
		ob_bytes(p, msg.data, msg.data_len);
		ob_chr(p, '"');
		print_fields_json(p, &f);
		return;
	}
	name_hex(p, nf, "netFn", msg.netfn);
	ob_chr(p, ' ');
	name_hex(p, cn, "cmd", msg.cmd);
	ob_str(p, rsp ? " response rqSeq " : " request rqSeq ");
	ob_hex(p, msg.rq_seq, 2, true);
	ob_chr(p, 'h');
	if (rsp) {
		/* " cc %02Xh (%s)" */
		ob_mem(p, " cc ", 4);
		ob_hex(p, msg.cc, 2, true);
		ob_mem(p, "h (", 3);
		ob_str(p, ipmi_cc_text(msg.netfn, msg.cmd, msg.cc));
		ob_chr(p, ')');
	}
	ob_mem(p, " data [", 7);
	ob_bytes(p, msg.data, msg.data_len);
	ob_mem(p, "]\n", 2);
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
		ob_jstr(p, "wrapper", "asf");
		ob_jstr(p, "payload", what);
		if (rc >= 0)
			ob_juint(p, "tag", a.tag);
		return;
	}
	ob_str(p, what);
	if (rc >= 0) {
		ob_mem(p, " tag ", 5);
		ob_hex(p, a.tag, 2, true);
		ob_chr(p, 'h');
		if (a.type == IPMI_ASF_TYPE_PONG)
			ob_str(p, a.supported_entities & IPMI_ASF_ENTITY_IPMI
				      ? " IPMI supported"
				      : " IPMI not supported");
	}
	ob_chr(p, '\n');
}

static const char *
auth15_token(int check)
{
	switch (check) {
	case IPMI_AUTH15_VERIFIED:
		return "verified";
	case IPMI_AUTH15_MISMATCH:
		return "mismatch";
	case IPMI_AUTH15_NO_PASSWORD:
		return "no_password";
	default:
		return "not_checkable";
	}
}

/* "IPMI 1.5 " and what became of its AuthCode. */
static void
print_auth15(IpmiPrinter *p, const IpmiTrackResult *r, uint8_t auth_type)
{
	if (r->auth15 == IPMI_AUTH15_NO_CODE) {
		ob_str(p, auth_type ? "IPMI 1.5 (authenticated, not verified) " : "IPMI 1.5 ");
		return;
	}
	OB_LIT(p, "IPMI 1.5 (");
	ob_str(p, ipmi_auth15_type_name(r->auth15_type));
	switch (r->auth15) {
	case IPMI_AUTH15_VERIFIED:
		OB_LIT(p, ", auth code ok: credential ");
		ob_udec(p, (unsigned)(r->auth15_cred + 1), 0, false);
		OB_LIT(p, ") ");
		break;
	case IPMI_AUTH15_MISMATCH:
		OB_LIT(p, ", AUTH CODE MISMATCH: wrong password) ");
		break;
	case IPMI_AUTH15_NO_PASSWORD:
		OB_LIT(p, ", auth code not verified: no password) ");
		break;
	default:
		OB_LIT(p, ", auth code not checkable) ");
	}
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

static void
print_message(IpmiPrinter *p, const IpmiFrame *f, const uint8_t *d, size_t len,
	      const IpmiTrackResult *r, const uint8_t *plain)
{
	const IpmiObserved *o = &r->obs;
	bool rmcpp = r->rc >= 0 && r->rmcp_class == IPMI_RMCP_CLASS_IPMI && len > 4 &&
		     d[4] == IPMI_AUTHTYPE_RMCPP;
	p->messages++;
	if (p->json) {
		/* {"type":"message","frame":%llu,"time":%s,"epoch":%lld.%06ld */
		OB_LIT(p, "{\"type\":\"message\",\"frame\":");
		ob_udec(p, f->frame, 0, false);
		ob_mem(p, ",\"time\":", 8);
		rel_time(p, &f->ts, 0);
		if (f->ts.tv_sec >= 0 && f->ts.tv_usec >= 0 && f->ts.tv_usec < 1000000) {
			ob_mem(p, ",\"epoch\":", 9);
			ob_udec(p, (unsigned long long)f->ts.tv_sec, 0, false);
			ob_chr(p, '.');
			char *w = ob_room(p, 6);
			long u = f->ts.tv_usec;
			for (int i = 5; i >= 0; i--) {
				w[i] = (char)('0' + u % 10);
				u /= 10;
			}
			p->len += 6;
		} else {
			ob_printf(p, ",\"epoch\":%lld.%06ld", (long long)f->ts.tv_sec,
				  (long)f->ts.tv_usec);
		}
		ob_jendpoint(p, "src", &f->udp->src);
		ob_jendpoint(p, "dst", &f->udp->dst);
	} else {
		/* "%6llu %10s %s " */
		ob_udec(p, f->frame, 6, false);
		ob_chr(p, ' ');
		rel_time(p, &f->ts, 10);
		ob_chr(p, ' ');
		ob_mem(p, arrow(o->dir), 3);
		ob_chr(p, ' ');
		if (r->session) {
			ob_chr(p, 'S');
			ob_udec(p, r->session->number, 4, true);
		} else {
			ob_mem(p, "-    ", 5);
		}
	}
	if (r->rc < 0) {
		if (p->json) {
			ob_jstr(p, "error", ipmi_strerror(r->rc));
			ob_mem(p, "}\n", 2);
		} else {
			ob_printf(p, " malformed RMCP message (%s), %zu bytes\n",
				  ipmi_strerror(r->rc), len);
		}
		return;
	}
	if (r->rmcp_class != IPMI_RMCP_CLASS_IPMI) {
		if (r->rmcp_class == IPMI_RMCP_CLASS_ASF) {
			if (!p->json)
				ob_chr(p, ' ');
			print_asf(p, d, len);
		} else if (p->json) {
			ob_juint(p, "rmcp_class", r->rmcp_class);
		} else {
			ob_printf(p, " RMCP class %02Xh message\n", r->rmcp_class);
		}
		if (p->json)
			ob_mem(p, "}\n", 2);
		return;
	}
	bool setup = rmcpp && o->payload_type >= IPMI_PAYLOAD_OPEN_SESSION_REQ &&
		     o->payload_type <= IPMI_PAYLOAD_RAKP4;
	if (p->json) {
		if (r->session)
			ob_juint(p, "session", r->session->number);
		ob_juint(p, "session_id", o->session_id);
		ob_juint(p, "seq", o->seq);
		ob_jstr(p, "direction", dir_token(o->dir));
		ob_jstr(p, "wrapper", rmcpp ? "rmcp+" : "ipmi1.5");
		ob_jstr(p, "payload", ipmi_payload_token(o->payload_type));
		ob_jbool(p, "encrypted", o->encrypted);
		ob_jbool(p, "authenticated", o->authenticated || r->auth15 != IPMI_AUTH15_NO_CODE);
		if (r->auth15 != IPMI_AUTH15_NO_CODE) {
			ob_jstr(p, "auth_type", ipmi_auth15_type_name(r->auth15_type));
			ob_jstr(p, "auth_check", auth15_token(r->auth15));
			if (r->auth15 == IPMI_AUTH15_VERIFIED)
				ob_juint(p, "credential", (unsigned)(r->auth15_cred + 1));
			ob_jbool(p, "verified", r->auth15 == IPMI_AUTH15_VERIFIED);
		}
		if (rmcpp && o->session_id) {
			ob_jbool(p, "verified", o->result == 0 && o->verified);
			ob_jbool(p, "replayed", o->replayed);
		}
		ob_jstr(p, "status",
			o->result == 0 ? "ok"
			: setup && o->result == IPMI_ERR_NO_CREDENTIAL
			    ? "no credential matches RAKP2"
			    : why_not(o->result));
	} else {
		/* " %08x %-5u " */
		ob_chr(p, ' ');
		ob_hex(p, o->session_id, 8, false);
		ob_chr(p, ' ');
		ob_udec(p, o->seq, 5, true);
		ob_chr(p, ' ');
		if (!rmcpp) {
			print_auth15(p, r, d[4]);
		} else if (o->session_id && o->payload_type == IPMI_PAYLOAD_IPMI) {
			/* "[%s%s%s] " */
			ob_chr(p, '[');
			ob_str(p, o->encrypted ? "encrypted" : "plain");
			ob_str(p, in_session_check(o));
			if (o->replayed)
				OB_LIT(p, ", REPLAYED");
			ob_mem(p, "] ", 2);
		} else if (!setup) {
			ob_str(p, ipmi_payload_name(o->payload_type));
			ob_chr(p, ' ');
		}
	}
	if (o->result != 0 && !(setup && o->payload_len)) {
		/* Nothing in plain (or a setup payload the observer could not
		 * read: it stays in plain and is decoded below). */
		if (!p->json) {
			ob_str(p, setup ? ipmi_payload_name(o->payload_type) : why_not(o->result));
			ob_chr(p, '\n');
		} else {
			ob_mem(p, "}\n", 2);
		}
		return;
	}
	if (setup) {
		IpmiFields fl;
		ipmi_decode_setup_fields(o->payload_type, plain, o->payload_len, &fl);
		if (p->json) {
			ob_mem(p, ",\"data\":\"", 9);
			ob_bytes(p, plain, o->payload_len);
			ob_chr(p, '"');
			print_fields_json(p, &fl);
		} else {
			ob_str(p, ipmi_payload_name(o->payload_type));
			if (o->result == IPMI_ERR_KG)
				OB_LIT(p, " (K_G mismatch: the ICV does not verify)");
			ob_chr(p, '\n');
			print_fields_text(p, &fl);
		}
	} else if (o->payload_type == IPMI_PAYLOAD_IPMI) {
		print_ipmi_msg(p, plain, o->payload_len);
	} else if (p->json) {
		ob_mem(p, ",\"data\":\"", 9);
		ob_bytes(p, plain, o->payload_len);
		ob_chr(p, '"');
	} else {
		ob_mem(p, "data [", 6);
		ob_bytes(p, plain, o->payload_len);
		ob_mem(p, "]\n", 2);
	}
	if (p->json)
		ob_mem(p, "}\n", 2);
}

void
ipmi_print_message(IpmiPrinter *p, const IpmiFrame *f, const uint8_t *d, size_t len,
		   const IpmiTrackResult *r, const uint8_t *plain)
{
	print_message(p, f, d, len, r, plain);
	ob_flush(p);
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
