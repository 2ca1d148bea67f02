/* endpoint.c - see endpoint.h. */
#define _GNU_SOURCE /* recvmmsg */
#include "endpoint.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/cmd_session.h"
#include "core/crypto.h"
#include "core/msg.h"
#include "core/msg_names.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"
#include "handler.h"

#define DGRAM_MAX 2048
#define RECV_BURST 16 /* datagrams read per endpoint and wake-up (one recvmmsg) */
#define READY_MAX 256 /* endpoints served per wake-up; the rest on the next one */

/* The main loop sees one file descriptor whatever the number of endpoints:
 * an epoll set of every endpoint's socket, in one GSource.  A wake-up costs
 * one epoll_wait plus one recvmmsg per endpoint with datagrams waiting, not
 * a poll() over all sockets and a prepare/check of one GSource each. */
typedef struct {
	GSource source;
	BmcServer *srv;
} ServerSource;

struct _BmcServer {
	BmcSessionLimits lim;
	BmcFaults *faults;
	BmcTranscript *transcript;
	GPtrArray *endpoints; /* BmcEndpoint *, owned */
	guint sweep;
	int epfd;
	GSource *source; /* ServerSource watching epfd */
};

struct _BmcEndpoint {
	BmcServer *srv;
	GSocket *sock;
	int fd; /* sock's descriptor, in srv->epfd */
	/* The last peer address, kept: a console sends several datagrams in a
	 * row, and a GSocketAddress per datagram is a GObject each. */
	struct sockaddr_storage last_native;
	socklen_t last_len;
	GSocketAddress *last_from;
	char *name; /* "ADDR:PORT" */
	BmcModel *model;
	IpmiBmcConfig cfg;
	BmcSessionTable sessions;
};

static gint64
now_ms(void)
{
	return g_get_monotonic_time() / 1000;
}

/* ---- sending ------------------------------------------------------------------ */

static void
send_dgram(BmcEndpoint *ep, GSocketAddress *to, const uint8_t *buf, size_t len, guint extra_ms)
{
	bmc_faults_send(ep->srv->faults, ep->sock, to, buf, len, extra_ms);
}

/* Encode the response to req with completion code cc and data. */
static int
encode_response(const IpmiMsg *req, uint8_t cc, const uint8_t *data, size_t n, uint8_t *out,
		size_t cap)
{
	IpmiMsg rsp;
	ipmi_msg_response_to(req, &rsp, cc);
	rsp.data = n ? data : NULL;
	rsp.data_len = n;
	return ipmi_msg_encode(out, cap, &rsp);
}

static void
transcript_payload(BmcEndpoint *ep, GSocketAddress *peer, gboolean inbound, uint32_t sid,
		   uint32_t seq, const uint8_t *msg, size_t len)
{
	if (!ep->srv->transcript)
		return;
	IpmiMsg m;
	if (ipmi_msg_decode(msg, len, &m) < 0) {
		bmc_transcript_note(ep->srv->transcript, ep->name, peer, inbound, sid,
				    "seq=%u undecodable IPMI message (%zu bytes)", seq, len);
		return;
	}
	bmc_transcript_msg(ep->srv->transcript, ep->name, peer, inbound, sid, seq, &m);
}

/* ---- session setup, for the transcript ------------------------------------------- */

static const char *
alg_names(uint8_t auth, uint8_t integ, uint8_t conf, char *buf, size_t cap)
{
	g_snprintf(buf, cap, "%s/%s/%s", ipmi_auth_alg_name(auth), ipmi_integ_alg_name(integ),
		   ipmi_conf_alg_name(conf));
	return buf;
}

/* One line naming a setup message and its non-secret fields. */
static void
note_setup(BmcEndpoint *ep, GSocketAddress *peer, gboolean inbound, uint32_t sid,
	   const uint8_t *dgram, size_t len)
{
	BmcTranscript *t = ep->srv->transcript;
	IpmiV2Header h;
	if (!t || len <= IPMI_RMCP_HEADER_LEN ||
	    ipmi_v2_header_decode(dgram + IPMI_RMCP_HEADER_LEN, len - IPMI_RMCP_HEADER_LEN, &h) < 0)
		return;
	char algs[96];
	switch (h.payload_type) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ: {
		IpmiOpenSessionReq m;
		if (ipmi_open_session_req_decode(h.payload, h.payload_len, &m) < 0)
			break;
		bmc_transcript_note(
		    t, ep->name, peer, inbound, sid,
		    "Open Session Request tag=%u priv=%s console_sid=0x%08x algs=%s", m.tag,
		    (m.max_priv & IPMI_ROLE_PRIV_MASK)
			? bmc_priv_name(m.max_priv & IPMI_ROLE_PRIV_MASK)
			: "highest",
		    m.console_sid,
		    alg_names(m.auth_alg, m.integ_alg, m.conf_alg, algs, sizeof algs));
		return;
	}
	case IPMI_PAYLOAD_OPEN_SESSION_RSP: {
		IpmiOpenSessionRsp m;
		if (ipmi_open_session_rsp_decode(h.payload, h.payload_len, &m) < 0)
			break;
		bmc_transcript_note(
		    t, ep->name, peer, inbound, sid,
		    "Open Session Response tag=%u status=0x%02x (%s) priv=%s "
		    "bmc_sid=0x%08x algs=%s",
		    m.tag, m.status, ipmi_rmcpp_status_str(m.status), bmc_priv_name(m.max_priv),
		    m.bmc_sid, alg_names(m.auth_alg, m.integ_alg, m.conf_alg, algs, sizeof algs));
		return;
	}
	case IPMI_PAYLOAD_RAKP1: {
		IpmiRakp1 m;
		if (ipmi_rakp1_decode(h.payload, h.payload_len, &m) < 0)
			break;
		g_autofree char *raw = g_strndup((const char *)m.user, m.user_len);
		g_autofree char *user = g_strescape(raw, NULL);
		bmc_transcript_note(t, ep->name, peer, inbound, sid,
				    "RAKP 1 tag=%u role=0x%02x (%s%s) user=\"%s\"", m.tag, m.role,
				    bmc_priv_name(m.role & IPMI_ROLE_PRIV_MASK),
				    (m.role & IPMI_ROLE_NAME_ONLY) ? ", name only" : "", user);
		return;
	}
	case IPMI_PAYLOAD_RAKP2:
	case IPMI_PAYLOAD_RAKP3:
	case IPMI_PAYLOAD_RAKP4:
		/* Tag and status only: the rest are random numbers and codes
		 * keyed by the password. */
		if (h.payload_len < 2)
			break;
		bmc_transcript_note(t, ep->name, peer, inbound, sid,
				    "RAKP %u tag=%u status=0x%02x (%s)", h.payload_type - 0x11,
				    h.payload[0], h.payload[1],
				    ipmi_rmcpp_status_str(h.payload[1]));
		return;
	default:
		break;
	}
	bmc_transcript_note(t, ep->name, peer, inbound, sid, "payload type 0x%02x, %zu bytes",
			    h.payload_type, h.payload_len);
}

/* ---- pre-session ------------------------------------------------------------------ */

static void
handle_asf(BmcEndpoint *ep, GSocketAddress *from, const uint8_t *buf, size_t len)
{
	IpmiAsfMessage ping;
	if (ipmi_asf_decode(buf + IPMI_RMCP_HEADER_LEN, len - IPMI_RMCP_HEADER_LEN, &ping) < 0 ||
	    ping.iana != IPMI_ASF_IANA || ping.type != IPMI_ASF_TYPE_PING)
		return;
	IpmiAsfMessage pong = {
	    .iana = IPMI_ASF_IANA,
	    .type = IPMI_ASF_TYPE_PONG,
	    .tag = ping.tag,
	    .oem_iana = IPMI_ASF_IANA,
	    .supported_entities = IPMI_ASF_ENTITY_IPMI | 0x01, /* IPMI, ASF 1.0 */
	};
	uint8_t out[64];
	IpmiRmcpHeader rh = {IPMI_RMCP_VERSION, IPMI_RMCP_SEQ_NO_ACK, IPMI_RMCP_CLASS_ASF};
	int n = ipmi_rmcp_encode(out, sizeof out, &rh);
	int m = n < 0 ? n : ipmi_asf_encode(out + n, sizeof out - (size_t)n, &pong);
	if (m < 0)
		return;
	if (ep->srv->transcript)
		bmc_transcript_note(ep->srv->transcript, ep->name, from, TRUE, 0,
				    "ASF Presence Ping tag=%u", ping.tag);
	send_dgram(ep, from, out, (size_t)(n + m), 0);
}

static void
handle_presession(BmcEndpoint *ep, GSocketAddress *from, const uint8_t *buf, size_t len)
{
	const uint8_t *p = buf + IPMI_RMCP_HEADER_LEN;
	size_t plen = len - IPMI_RMCP_HEADER_LEN;
	gboolean v2 = p[0] == IPMI_AUTHTYPE_RMCPP;
	const uint8_t *payload;
	size_t payload_len;
	if (v2) {
		IpmiV2Header h;
		if (ipmi_v2_header_decode(p, plen, &h) < 0)
			return;
		payload = h.payload;
		payload_len = h.payload_len;
	} else {
		IpmiV15Packet v;
		if (ipmi_v15_decode(p, plen, &v) < 0)
			return;
		payload = v.payload;
		payload_len = v.payload_len;
	}
	IpmiMsg req;
	if (ipmi_msg_decode(payload, payload_len, &req) < 0 || ipmi_msg_is_response(&req))
		return;
	/* Only what a BMC answers outside a session; everything else is
	 * silently ignored, as real BMCs do. */
	const BmcHandler *h = bmc_handler_find(req.netfn, req.cmd);
	if (!h || h->min_priv != 0)
		return;
	if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_GET_CHANNEL_CIPHER_SUITES &&
	    bmc_endpoint_quirk_no_cipher_suites(ep))
		return;
	transcript_payload(ep, from, TRUE, 0, 0, payload, payload_len);
	BmcRequest rq = {
	    .model = ep->model,
	    .now_us = g_get_real_time(),
	    .endpoint = ep,
	    .channel = BMC_LAN_CHANNEL,
	};
	uint8_t data[IPMI_MSG_MAX_DATA];
	size_t n = 0;
	uint8_t cc = bmc_dispatch(&rq, &req, data, sizeof data, &n);
	uint8_t msg[IPMI_MSG_MAX_DATA + 16];
	int ml = encode_response(&req, cc, data, n, msg, sizeof msg);
	if (ml < 0)
		return;
	transcript_payload(ep, from, FALSE, 0, 0, msg, (size_t)ml);
	uint8_t out[DGRAM_MAX];
	int ol =
	    v2 ? ipmi_v2_plain_encode(IPMI_PAYLOAD_IPMI, 0, 0, msg, (size_t)ml, out, sizeof out)
	       : ipmi_v15_plain_encode(msg, (size_t)ml, out, sizeof out);
	if (ol > 0)
		send_dgram(ep, from, out, (size_t)ol, 0);
}

/* ---- session setup ---------------------------------------------------------------- */

static gboolean
same_peer(GInetSocketAddress *a, GSocketAddress *b)
{
	if (!G_IS_INET_SOCKET_ADDRESS(b))
		return FALSE;
	GInetSocketAddress *ib = G_INET_SOCKET_ADDRESS(b);
	return g_inet_socket_address_get_port(a) == g_inet_socket_address_get_port(ib) &&
	       g_inet_address_equal(g_inet_socket_address_get_address(a),
				    g_inet_socket_address_get_address(ib));
}

static void
handle_open(BmcEndpoint *ep, GSocketAddress *from, const uint8_t *buf, size_t len)
{
	uint8_t out[DGRAM_MAX];
	gint64 ms = now_ms();
	note_setup(ep, from, TRUE, 0, buf, len);
	/* A retransmitted request gets the same answer, not a second session. */
	BmcSessionTable *t = &ep->sessions;
	for (guint i = 0; i < t->list->len; i++) {
		BmcSession *s = t->list->pdata[i];
		if (s->core.state != IPMI_BMC_OPEN || !same_peer(s->peer, from))
			continue;
		int n = ipmi_bmc_open_session(&s->core, &ep->cfg, s->id, buf, len, (uint64_t)ms,
					      out, sizeof out);
		if (n > 0) {
			note_setup(ep, from, FALSE, 0, out, (size_t)n);
			send_dgram(ep, from, out, (size_t)n, 0);
			return;
		}
	}
	BmcSession *s = bmc_sessions_alloc(t, G_INET_SOCKET_ADDRESS(from), ms / 1000);
	int n;
	if (!s) {
		n = ipmi_bmc_open_session_reject(buf, len, IPMI_RMCPP_NO_RESOURCES, out,
						 sizeof out);
	} else {
		n = ipmi_bmc_open_session(&s->core, &ep->cfg, s->id, buf, len, (uint64_t)ms, out,
					  sizeof out);
		if (s->core.state != IPMI_BMC_OPEN)
			bmc_sessions_remove(t, s, ms / 1000);
	}
	if (n > 0) {
		note_setup(ep, from, FALSE, 0, out, (size_t)n);
		send_dgram(ep, from, out, (size_t)n, 0);
	}
}

/* A RAKP1 for a locked-out user name: refuse it before the core computes
 * anything.  The same for every name, known or not. */
static gboolean
refuse_locked_rakp1(BmcEndpoint *ep, BmcSession *s, GSocketAddress *from, const IpmiV2Header *h)
{
	IpmiRakp1 r1;
	gint64 now_s = now_ms() / 1000;
	if (ipmi_rakp1_decode(h->payload, h->payload_len, &r1) < 0 ||
	    !bmc_sessions_login_blocked(&ep->sessions, r1.user, r1.user_len, now_s))
		return FALSE;
	IpmiRakp2 r2 = {.tag = r1.tag,
			.status = IPMI_RMCPP_NO_RESOURCES,
			.console_sid = s->core.rp.console_sid};
	uint8_t payload[64], out[128];
	int n = ipmi_rakp2_encode(payload, sizeof payload, &r2);
	if (n > 0)
		n = ipmi_v2_plain_encode(IPMI_PAYLOAD_RAKP2, 0, 0, payload, (size_t)n, out,
					 sizeof out);
	if (n > 0) {
		note_setup(ep, from, FALSE, s->id, out, (size_t)n);
		send_dgram(ep, from, out, (size_t)n, 0);
	}
	bmc_sessions_remove(&ep->sessions, s, now_s);
	return TRUE;
}

/* ---- in session ------------------------------------------------------------------- */

static void
seal_and_send(BmcEndpoint *ep, BmcSession *s, GSocketAddress *to, const uint8_t *msg, size_t len)
{
	uint8_t out[DGRAM_MAX];
	int n = ipmi_channel_seal(&s->core.chan, IPMI_PAYLOAD_IPMI, msg, len, out, sizeof out);
	if (n <= 0)
		return;
	transcript_payload(ep, to, FALSE, s->id, s->core.chan.tx_seq, msg, len);
	send_dgram(ep, to, out, (size_t)n, bmc_faults_config(ep->srv->faults)->slow_ms);
}

static void
handle_payload(BmcEndpoint *ep, BmcSession *s, GSocketAddress *from, const IpmiOpened *op,
	       const uint8_t *plain)
{
	if (op->payload_type != IPMI_PAYLOAD_IPMI)
		return; /* SOL and OEM payloads are not supported */
	IpmiMsg req;
	if (ipmi_msg_decode(plain, op->payload_len, &req) < 0 || ipmi_msg_is_response(&req))
		return;
	gint64 now_s = now_ms() / 1000;
	transcript_payload(ep, from, TRUE, s->id, op->seq, plain, op->payload_len);
	uint8_t msg[IPMI_MSG_MAX_DATA + 16];
	int ml;
	gboolean close = FALSE;
	g_autoptr(GBytes) deferred = NULL;
	const BmcReplyCacheEntry *cached =
	    bmc_session_cache_find(s, plain, op->payload_len, now_s, ep->srv->lim.cache_ttl_s);
	if (!cached && s->closed_s)
		return; /* a closed session answers retransmissions only */
	if (cached) {
		/* A retransmission: the same answer, the command is not run
		 * again. */
		gsize n;
		const uint8_t *p = g_bytes_get_data(cached->response, &n);
		memcpy(msg, p, n);
		ml = (int)n;
		deferred = cached->deferred ? g_bytes_ref(cached->deferred) : NULL;
		if (ep->srv->transcript) {
			const char *name =
			    ipmi_cmd_name(req.netfn, req.cmd, req.data, req.data_len);
			bmc_transcript_note(ep->srv->transcript, ep->name, from, TRUE, s->id,
					    "seq=%u answered from the cache: %s %s rqSeq=%u",
					    op->seq, transcript_netfn(req.netfn),
					    name ? name : "Unknown", req.rq_seq);
		}
	} else {
		BmcRequest rq = {
		    .model = ep->model,
		    .priv = s->core.priv,
		    .session_id = s->id,
		    .now_us = g_get_real_time(),
		    .endpoint = ep,
		    .session = s,
		    .channel = BMC_LAN_CHANNEL,
		};
		uint8_t data[IPMI_MSG_MAX_DATA];
		size_t n = 0;
		uint8_t cc = bmc_dispatch(&rq, &req, data, sizeof data, &n);
		deferred = rq.deferred;
		ml = encode_response(&req, cc, data, n, msg, sizeof msg);
		if (ml < 0)
			return;
		bmc_session_cache_store(s, plain, op->payload_len, msg, (size_t)ml, deferred,
					now_s);
		close = rq.close_session;
	}
	seal_and_send(ep, s, from, msg, (size_t)ml);
	if (deferred) {
		gsize n;
		const uint8_t *p = g_bytes_get_data(deferred, &n);
		seal_and_send(ep, s, from, p, n);
	}
	if (close)
		bmc_sessions_close(&ep->sessions, s, now_s);
}

static void
handle_session(BmcEndpoint *ep, GSocketAddress *from, const uint8_t *buf, size_t len, uint32_t sid)
{
	BmcSession *s = bmc_sessions_lookup(&ep->sessions, sid);
	BmcTranscript *t = ep->srv->transcript;
	if (!s) {
		if (t)
			bmc_transcript_note(t, ep->name, from, TRUE, sid,
					    "dropped: no such session");
		return;
	}
	IpmiV2Header h;
	gboolean setup = FALSE;
	if (buf[IPMI_RMCP_HEADER_LEN] == IPMI_AUTHTYPE_RMCPP &&
	    ipmi_v2_header_decode(buf + IPMI_RMCP_HEADER_LEN, len - IPMI_RMCP_HEADER_LEN, &h) >= 0)
		setup = h.session_id == 0 && (h.payload_type == IPMI_PAYLOAD_RAKP1 ||
					      h.payload_type == IPMI_PAYLOAD_RAKP3);
	if (setup) {
		/* Unauthenticated setup messages only from the console that
		 * opened the session. */
		if (!same_peer(s->peer, from))
			return;
		note_setup(ep, from, TRUE, sid, buf, len);
		if (h.payload_type == IPMI_PAYLOAD_RAKP1 && s->core.state == IPMI_BMC_OPEN &&
		    refuse_locked_rakp1(ep, s, from, &h))
			return;
	}
	gint64 ms = now_ms();
	uint8_t out[DGRAM_MAX];
	uint8_t plain[DGRAM_MAX];
	size_t out_len = 0;
	IpmiOpened op;
	int rc = ipmi_bmc_feed(&s->core, buf, len, (uint64_t)ms, out, sizeof out, &out_len, &op,
			       plain, sizeof plain);
	if (rc == IPMI_BMC_PAYLOAD) {
		/* Authenticated: answers go where the console now is. */
		g_object_unref(s->peer);
		s->peer = g_object_ref(G_INET_SOCKET_ADDRESS(from));
		handle_payload(ep, s, from, &op, plain);
		return;
	}
	if (rc < 0) {
		if (t)
			bmc_transcript_note(t, ep->name, from, TRUE, sid, "dropped: %s",
					    ipmi_strerror(rc));
		return;
	}
	if (rc == IPMI_BMC_REPLY) {
		note_setup(ep, from, FALSE, sid, out, out_len);
		send_dgram(ep, from, out, out_len, 0);
	}
	switch (s->core.state) {
	case IPMI_BMC_RAKP2_SENT:
		bmc_sessions_login_attempt(&ep->sessions, s, ms / 1000);
		break;
	case IPMI_BMC_ACTIVE:
		bmc_sessions_login_ok(&ep->sessions, s, ms / 1000);
		break;
	case IPMI_BMC_FAILED:
		bmc_sessions_remove(&ep->sessions, s, ms / 1000);
		break;
	default:
		break;
	}
}

static void
handle_datagram(BmcEndpoint *ep, GSocketAddress *from, const uint8_t *buf, size_t len)
{
	uint32_t sid = 0;
	switch (ipmi_bmc_classify(buf, len, &sid)) {
	case IPMI_DGRAM_ASF:
		handle_asf(ep, from, buf, len);
		break;
	case IPMI_DGRAM_PRESESSION:
		handle_presession(ep, from, buf, len);
		break;
	case IPMI_DGRAM_OPEN_SESSION:
		handle_open(ep, from, buf, len);
		break;
	case IPMI_DGRAM_SESSION:
		handle_session(ep, from, buf, len, sid);
		break;
	case IPMI_DGRAM_V15_SESSION: /* IPMI 1.5 sessions are not offered */
	case IPMI_DGRAM_INVALID:
	default:
		break;
	}
}

/* Read what one endpoint's socket holds, up to RECV_BURST datagrams, in
 * one system call. */
static void
endpoint_receive(BmcEndpoint *ep)
{
	uint8_t bufs[RECV_BURST][DGRAM_MAX];
	struct sockaddr_storage from[RECV_BURST];
	struct iovec iov[RECV_BURST];
	struct mmsghdr mm[RECV_BURST];
	memset(mm, 0, sizeof mm);
	for (int i = 0; i < RECV_BURST; i++) {
		iov[i] = (struct iovec){.iov_base = bufs[i], .iov_len = sizeof bufs[i]};
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &from[i];
		mm[i].msg_hdr.msg_namelen = sizeof from[i];
	}
	int got;
	do
		got = recvmmsg(ep->fd, mm, RECV_BURST, MSG_DONTWAIT, NULL);
	while (got < 0 && errno == EINTR);
	for (int i = 0; i < got; i++) {
		size_t n = mm[i].msg_len;
		if (n == 0 || n > IPMI_MAX_DATAGRAM || (mm[i].msg_hdr.msg_flags & MSG_TRUNC))
			continue;
		socklen_t fl = mm[i].msg_hdr.msg_namelen;
		if (!ep->last_from || fl != ep->last_len ||
		    memcmp(&from[i], &ep->last_native, fl)) {
			g_clear_object(&ep->last_from);
			ep->last_from = g_socket_address_new_from_native(&from[i], fl);
			if (!ep->last_from)
				continue;
			memcpy(&ep->last_native, &from[i], fl);
			ep->last_len = fl;
		}
		/* A reference of our own: the handlers may keep the address. */
		GSocketAddress *sa = g_object_ref(ep->last_from);
		if (G_IS_INET_SOCKET_ADDRESS(sa))
			handle_datagram(ep, sa, bufs[i], n);
		g_object_unref(sa);
	}
}

static gboolean
server_dispatch(GSource *source, GSourceFunc callback, gpointer user_data)
{
	BmcServer *srv = ((ServerSource *)source)->srv;
	struct epoll_event ev[READY_MAX];
	int n;
	do
		n = epoll_wait(srv->epfd, ev, READY_MAX, 0);
	while (n < 0 && errno == EINTR);
	/* Level-triggered: an endpoint with more than RECV_BURST datagrams
	 * waiting, or beyond READY_MAX, is reported again next time. */
	for (int i = 0; i < n; i++)
		endpoint_receive(ev[i].data.ptr);
	return G_SOURCE_CONTINUE;
}

static GSourceFuncs server_source_funcs = {
    .dispatch = server_dispatch,
};

/* ---- endpoints and the server ------------------------------------------------------- */

static void
endpoint_free(BmcEndpoint *ep)
{
	if (ep->sock) {
		if (ep->fd >= 0)
			epoll_ctl(ep->srv->epfd, EPOLL_CTL_DEL, ep->fd, NULL);
		bmc_faults_forget_socket(ep->srv->faults, ep->sock);
		g_socket_close(ep->sock, NULL);
		g_object_unref(ep->sock);
	}
	g_clear_object(&ep->last_from);
	bmc_sessions_clear(&ep->sessions);
	ipmi_wipe(&ep->cfg, sizeof ep->cfg);
	bmc_model_free(ep->model);
	g_free(ep->name);
	g_free(ep);
}

static gboolean
on_sweep(gpointer data)
{
	BmcServer *srv = data;
	gint64 now_s = now_ms() / 1000;
	for (guint i = 0; i < srv->endpoints->len; i++) {
		BmcEndpoint *ep = srv->endpoints->pdata[i];
		if (ep->sessions.list->len || g_hash_table_size(ep->sessions.logins))
			bmc_sessions_sweep(&ep->sessions, now_s);
	}
	return G_SOURCE_CONTINUE;
}

BmcServer *
bmc_server_new(const BmcSessionLimits *lim, BmcFaults *faults, BmcTranscript *transcript)
{
	BmcServer *srv = g_new0(BmcServer, 1);
	srv->lim = *lim;
	srv->faults = faults;
	srv->transcript = transcript;
	srv->endpoints = g_ptr_array_new_with_free_func((GDestroyNotify)endpoint_free);
	srv->sweep = g_timeout_add_seconds(1, on_sweep, srv);
	srv->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (srv->epfd < 0)
		g_error("bmcsim: epoll_create1: %s", g_strerror(errno));
	srv->source = g_source_new(&server_source_funcs, sizeof(ServerSource));
	((ServerSource *)srv->source)->srv = srv;
	g_source_add_unix_fd(srv->source, srv->epfd, G_IO_IN);
	g_source_set_static_name(srv->source, "bmcsim endpoints");
	g_source_attach(srv->source, NULL);
	return srv;
}

void
bmc_server_free(BmcServer *srv)
{
	if (!srv)
		return;
	g_source_remove(srv->sweep);
	g_ptr_array_unref(srv->endpoints);
	g_source_destroy(srv->source);
	g_source_unref(srv->source);
	close(srv->epfd);
	g_free(srv);
}

guint
bmc_server_n_endpoints(const BmcServer *srv)
{
	return srv->endpoints->len;
}

BmcEndpoint *
bmc_endpoint_new(BmcServer *srv, GInetSocketAddress *addr, BmcModel *model, GError **error)
{
	BmcEndpoint *ep = g_new0(BmcEndpoint, 1);
	ep->srv = srv;
	ep->fd = -1;
	ep->model = model;
	ep->name = bmc_address_string(G_SOCKET_ADDRESS(addr));
	bmc_sessions_init(&ep->sessions, &srv->lim);
	/* The power-on-hours counter runs from now. */
	model->chassis.on_since_s = g_get_monotonic_time() / G_USEC_PER_SEC;

	IpmiBmcConfig *c = &ep->cfg;
	c->users = model->users;
	c->n_users = model->n_users;
	memcpy(c->kg, model->kg, sizeof c->kg);
	c->kg_len = model->kg_len;
	memcpy(c->guid, model->guid, sizeof c->guid);
	c->suites = model->suites;
	memcpy(c->suite_max_priv, model->suite_max_priv, sizeof c->suite_max_priv);
	const BmcFaultConfig *fc = bmc_faults_config(srv->faults);
	c->quirk_open_session_priv = fc->open_session_priv;
	c->quirk_pad4 = fc->pad4;
	c->rnd = ipmi_random_strong;
	if (ipmi_random_strong(NULL, c->decoy_key, sizeof c->decoy_key) < 0) {
		g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "no random numbers");
		endpoint_free(ep);
		return NULL;
	}

	GInetAddress *ia = g_inet_socket_address_get_address(addr);
	ep->sock = g_socket_new(g_inet_address_get_family(ia), G_SOCKET_TYPE_DATAGRAM,
				G_SOCKET_PROTOCOL_UDP, error);
	if (!ep->sock) {
		endpoint_free(ep);
		return NULL;
	}
	g_socket_set_blocking(ep->sock, FALSE);
	/* No address reuse: a port another process holds is an error, not a
	 * silent split of its traffic. */
	if (!g_socket_bind(ep->sock, G_SOCKET_ADDRESS(addr), FALSE, error)) {
		g_prefix_error(error, "%s: ", ep->name);
		endpoint_free(ep);
		return NULL;
	}
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = ep};
	if (epoll_ctl(srv->epfd, EPOLL_CTL_ADD, g_socket_get_fd(ep->sock), &ev) < 0) {
		int e = errno;
		g_set_error(error, G_IO_ERROR, g_io_error_from_errno(e), "%s: epoll: %s", ep->name,
			    g_strerror(e));
		endpoint_free(ep);
		return NULL;
	}
	ep->fd = g_socket_get_fd(ep->sock);
	g_ptr_array_add(srv->endpoints, ep);
	return ep;
}

BmcSessionTable *
bmc_endpoint_sessions(BmcEndpoint *ep)
{
	return &ep->sessions;
}

const IpmiBmcConfig *
bmc_endpoint_core_config(const BmcEndpoint *ep)
{
	return &ep->cfg;
}

gboolean
bmc_endpoint_quirk_no_cipher_suites(const BmcEndpoint *ep)
{
	return bmc_faults_config(ep->srv->faults)->no_cipher_suites;
}

void
bmc_endpoint_close_session(BmcEndpoint *ep, BmcSession *s)
{
	/* Another console's session: it gets no answer, so nothing to keep. */
	bmc_sessions_remove(&ep->sessions, s, now_ms() / 1000);
}
