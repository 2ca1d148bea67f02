/* replay-client.c - send the captured console requests again through
 * libipmi's public client (IpmiClient) and compare the answers, see
 * replay.h. */
#include <ipmi/ipmi.h>
#include <string.h>

#include "core/msg.h"
#include "core/suite.h"
#include "decode.h"
#include "core/msg_names.h"
#include "replay.h"

static gboolean
parse_target(const char *target, char **host, guint16 *port)
{
	const char *colon = NULL;
	*port = 623;
	if (target[0] == '[') {
		const char *end = strchr(target, ']');
		if (!end || (end[1] && end[1] != ':'))
			return FALSE;
		*host = g_strndup(target + 1, (gsize)(end - target - 1));
		colon = end[1] ? end + 1 : NULL;
	} else {
		colon = strrchr(target, ':');
		if (colon && strchr(target, ':') != colon)
			colon = NULL; /* a bare IPv6 address */
		*host = colon ? g_strndup(target, (gsize)(colon - target)) : g_strdup(target);
	}
	if (colon) {
		char *end;
		guint64 p = g_ascii_strtoull(colon + 1, &end, 10);
		if (*end || p == 0 || p > 65535) {
			g_clear_pointer(host, g_free);
			return FALSE;
		}
		*port = (guint16)p;
	}
	return **host != 0;
}

static void
describe(FILE *out, const IpmiMsg *m)
{
	const char *nf = ipmi_netfn_name(m->netfn);
	const char *cn = ipmi_cmd_name(m->netfn, m->cmd, m->data, m->data_len);
	fprintf(out, "%s %s (%02Xh/%02Xh)", nf ? nf : "netFn", cn ? cn : "command", m->netfn & 0x3E,
		m->cmd);
}

/* Replay one session's steps; returns the number of differences, or -1
 * when the session could not be opened. */
static int
replay_session(const IpmiTrackedSession *s, const IpmiReplayStep *st, size_t n, const char *host,
	       guint16 port, const IpmiCredential *cred, FILE *out)
{
	const IpmiObserver *o = &s->obs;
	g_autoptr(IpmiClient) c = ipmi_client_new(host, port);
	g_autofree char *user = g_strndup((const char *)(cred->user_len ? cred->user : o->rp.user),
					  cred->user_len ? cred->user_len : o->rp.user_len);
	g_autofree char *pw = g_strndup((const char *)cred->password, cred->password_len);
	ipmi_client_set_credentials(c, user, pw);
	if (cred->kg_len)
		ipmi_client_set_kg(c, cred->kg, cred->kg_len);
	int suite = ipmi_suite_find(o->auth, o->integ, o->conf);
	guint priv = o->rp.role & 0x0F;
	g_object_set(c, "cipher-suite", suite, "privilege",
		     priv >= IPMI_PRIVILEGE_CALLBACK && priv <= IPMI_PRIVILEGE_OEM
			 ? priv
			 : IPMI_PRIVILEGE_ADMINISTRATOR,
		     "allow-insecure",
		     suite >= 0 && !ipmi_suite_has_integrity(ipmi_suite_get(suite)), "timeout",
		     5000, NULL);
	g_autoptr(GError) err = NULL;
	if (!ipmi_client_connect_sync(c, NULL, &err)) {
		fprintf(out, "session %u: cannot open a session with %s:%u as \"%s\": %s\n",
			s->number, host, port, user, err->message);
		return -1;
	}
	int diffs = 0;
	for (size_t i = 0; i < n; i++) {
		IpmiMsg rq, was;
		if (ipmi_msg_decode(st[i].req, st[i].req_len, &rq) < 0)
			continue;
		g_autoptr(IpmiResponse) r =
		    ipmi_client_request_sync(c, rq.netfn, rq.cmd, rq.data, rq.data_len, NULL, &err);
		fprintf(out, "session %u frame %llu: ", s->number, (unsigned long long)st[i].frame);
		describe(out, &rq);
		if (!r) {
			fprintf(out, ": DIFFERS: no response (%s)\n", err->message);
			g_clear_error(&err);
			diffs++;
			continue;
		}
		if (!st[i].rsp || ipmi_msg_decode(st[i].rsp, st[i].rsp_len, &was) < 0) {
			fprintf(out, ": no captured response to compare\n");
			continue;
		}
		gsize len;
		const guint8 *d = ipmi_response_peek_data(r, &len);
		guint8 cc = ipmi_response_get_completion_code(r);
		if (cc == was.cc && len == was.data_len &&
		    (len == 0 || memcmp(d, was.data, len) == 0)) {
			fprintf(out, ": same\n");
			continue;
		}
		diffs++;
		char a[2 * IPMI_MSG_MAX_DATA + 1], b[2 * IPMI_MSG_MAX_DATA + 1];
		fprintf(out, ": DIFFERS: captured cc %02Xh data [%s], now cc %02Xh data [%s]\n",
			was.cc, ipmi_hex(a, was.data, MIN(was.data_len, IPMI_MSG_MAX_DATA)), cc,
			ipmi_hex(b, d, MIN(len, IPMI_MSG_MAX_DATA)));
	}
	ipmi_client_close_sync(c, NULL, NULL);
	return diffs;
}

int
ipmi_replay_run(const IpmiReplayLog *log, const IpmiTracker *t, const char *target,
		const IpmiCredential *creds, size_t n_creds, FILE *out)
{
	g_autofree char *host = NULL;
	guint16 port;
	if (!parse_target(target, &host, &port)) {
		fprintf(stderr, "ipmi-pcap: replay: bad target '%s' (HOST[:PORT])\n", target);
		return 2;
	}
	if (n_creds == 0) {
		fprintf(stderr, "ipmi-pcap: replay: give the credential to log in with (-U/-P)\n");
		return 2;
	}
	int status = 0;
	size_t replayed = 0;
	for (size_t i = 0; i < ipmi_tracker_count(t); i++) {
		const IpmiTrackedSession *s = ipmi_tracker_session(t, i);
		size_t n;
		g_autofree IpmiReplayStep *st = ipmi_replay_steps(log, s->number, &n);
		if (!st || n == 0)
			continue; /* nothing decrypted in it */
		const IpmiCredential *cred = &creds[s->obs.cred >= 0 ? s->obs.cred : 0];
		int d = replay_session(s, st, n, host, port, cred, out);
		replayed++;
		if (d < 0) {
			status = 2;
			continue;
		}
		fprintf(out, "session %u: %zu request%s replayed, %d difference%s\n", s->number, n,
			n == 1 ? "" : "s", d, d == 1 ? "" : "s");
		if (d > 0 && status == 0)
			status = 1;
	}
	if (replayed == 0) {
		fprintf(stderr, "ipmi-pcap: replay: no decrypted session in the capture\n");
		return 2;
	}
	return status;
}
