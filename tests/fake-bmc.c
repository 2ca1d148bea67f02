/* fake-bmc.c - see fake-bmc.h. */
#include "fake-bmc.h"

#include <string.h>

#include "core/bmc.h"
#include "core/channel.h"
#include "core/cmd_session.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"

#define N_SESSIONS 8

typedef struct {
	GBytes *bytes;
	GSocketAddress *peer; /* NULL: inbound */
} Held;

struct _FakeBmc {
	FakeBmcOptions opt;
	GMainContext *context;
	GSocket *socket;
	GSource *source;
	GSource *release;
	GRand *rand;
	IpmiBmcUser users[2];
	IpmiBmcConfig cfg;
	IpmiBmcSession sessions[N_SESSIONS];
	GMutex lock; /* counters, read from the test's thread */
	guint closed;
	guint requests;
	GArray *blackhole_seqs; /* rqSeq of each black-hole request received */
	Held held_in, held_out;
	GThread *thread;
	GMainLoop *loop;
	FakeBmcHook hook;
	gpointer hook_data;
};

static void
set_user(IpmiBmcUser *u, const char *name, const char *pw, guint8 priv)
{
	memset(u, 0, sizeof *u);
	u->name_len = (uint8_t)strlen(name);
	memcpy(u->name, name, u->name_len);
	u->password_len = (uint8_t)strlen(pw);
	memcpy(u->password, pw, u->password_len);
	u->max_priv = priv;
	u->enabled = true;
}

static gboolean
chance(FakeBmc *b, double p)
{
	return p > 0 && g_rand_double(b->rand) < p;
}

/* ---- output with impairments ------------------------------------------ */

static void
raw_send(FakeBmc *b, GSocketAddress *to, GBytes *bytes)
{
	gsize len;
	const guint8 *d = g_bytes_get_data(bytes, &len);
	g_socket_send_to(b->socket, to, (const gchar *)d, len, NULL, NULL);
}

static void
flush_held_out(FakeBmc *b)
{
	if (!b->held_out.bytes)
		return;
	raw_send(b, b->held_out.peer, b->held_out.bytes);
	g_clear_pointer(&b->held_out.bytes, g_bytes_unref);
	g_clear_object(&b->held_out.peer);
}

static void arm_release(FakeBmc *b);

static void
send_reply(FakeBmc *b, GSocketAddress *to, const guint8 *d, gsize len)
{
	if (chance(b, b->opt.drop))
		return;
	g_autoptr(GBytes) bytes = g_bytes_new(d, len);
	int copies = chance(b, b->opt.dup) ? 2 : 1;
	gboolean had = b->held_out.bytes != NULL;
	if (!had && chance(b, b->opt.reorder)) {
		b->held_out.bytes = g_bytes_ref(bytes);
		b->held_out.peer = g_object_ref(to);
		arm_release(b);
		copies--;
	}
	for (int i = 0; i < copies; i++)
		raw_send(b, to, bytes);
	if (had)
		flush_held_out(b); /* the older datagram after this one */
}

/* ---- pre-session ------------------------------------------------------ */

static guint32
suites(FakeBmc *b)
{
	return b->opt.suites ? b->opt.suites : (1u << 3) | (1u << 17);
}

static void
reply_presession(FakeBmc *b, GSocketAddress *to, const IpmiMsg *req, guint8 cc, const guint8 *data,
		 gsize len)
{
	IpmiMsg rsp;
	ipmi_msg_response_to(req, &rsp, cc);
	rsp.data = data;
	rsp.data_len = len;
	guint8 msg[128], dgram[256];
	int n = ipmi_msg_encode(msg, sizeof msg, &rsp);
	g_assert_cmpint(n, >, 0);
	n = ipmi_v15_plain_encode(msg, (size_t)n, dgram, sizeof dgram);
	g_assert_cmpint(n, >, 0);
	send_reply(b, to, dgram, (gsize)n);
}

static void
on_presession(FakeBmc *b, GSocketAddress *from, const guint8 *d, gsize len)
{
	IpmiV15Packet v;
	IpmiMsg m;
	if (ipmi_v15_decode(d + 4, len - 4, &v) < 0 ||
	    ipmi_msg_decode(v.payload, v.payload_len, &m) < 0)
		return;
	guint8 out[64];
	int n = -1;
	if (m.netfn == IPMI_NETFN_APP && m.cmd == IPMI_CMD_GET_CHANNEL_AUTH_CAPS) {
		IpmiGetChannelAuthCapsRsp r = {
		    .channel = 1,
		    .v2_ext = true,
		    .auth_types = IPMI_AUTHCAP_MD5 | IPMI_AUTHCAP_PASSWORD,
		    .kg_set = b->opt.kg != NULL,
		    .non_null_users = true,
		    .supports_v20 = true,
		    .supports_v15 = true,
		};
		n = ipmi_get_channel_auth_caps_rsp_encode(out, sizeof out, &r);
	} else if (m.netfn == IPMI_NETFN_APP && m.cmd == IPMI_CMD_GET_CHANNEL_CIPHER_SUITES) {
		if (b->opt.ignore_cipher_suites)
			return;
		IpmiGetCipherSuitesReq q;
		if (ipmi_get_cipher_suites_req_decode(m.data, m.data_len, &q) < 0) {
			reply_presession(b, from, &m, 0xCC, NULL, 0);
			return;
		}
		IpmiCipherSuiteRecord recs[20];
		size_t nrec = 0;
		for (guint id = 0; id <= IPMI_SUITE_MAX; id++) {
			if (!(suites(b) & (1u << id)))
				continue;
			const IpmiCipherSuite *cs = ipmi_suite_get(id);
			recs[nrec++] = (IpmiCipherSuiteRecord){.id = (uint8_t)id,
							       .auth = cs->auth,
							       .integ = cs->integ,
							       .conf = cs->conf};
		}
		guint8 stream[128];
		int sl = ipmi_cipher_suite_records_encode(stream, sizeof stream, recs, nrec);
		g_assert_cmpint(sl, >, 0);
		IpmiGetCipherSuitesRsp r = {.channel = 1};
		ipmi_cipher_suite_chunk(stream, (size_t)sl, q.index, &r);
		n = ipmi_get_cipher_suites_rsp_encode(out, sizeof out, &r);
	} else {
		reply_presession(b, from, &m, 0xC1, NULL, 0);
		return;
	}
	g_assert_cmpint(n, >=, 0);
	reply_presession(b, from, &m, 0, out, (gsize)n);
}

/* ---- in session ------------------------------------------------------- */

static void
reply_session(FakeBmc *b, IpmiBmcSession *s, GSocketAddress *to, const IpmiMsg *req, guint8 cc,
	      const guint8 *data, gsize len)
{
	IpmiMsg rsp;
	ipmi_msg_response_to(req, &rsp, cc);
	rsp.data = data;
	rsp.data_len = len;
	guint8 msg[IPMI_MAX_DATAGRAM], dgram[IPMI_MAX_DATAGRAM];
	int n = ipmi_msg_encode(msg, sizeof msg, &rsp);
	g_assert_cmpint(n, >, 0);
	FakeBmcOut o = {.bmc = b, .to = to, .session = s, .msg = msg, .msg_len = (gsize)n};
	if (b->hook && b->hook(&o, b->hook_data))
		return;
	n = ipmi_channel_seal(&s->chan, IPMI_PAYLOAD_IPMI, msg, (size_t)n, dgram, sizeof dgram);
	g_assert_cmpint(n, >, 0);
	send_reply(b, to, dgram, (gsize)n);
}

static void
on_payload(FakeBmc *b, IpmiBmcSession *s, GSocketAddress *from, const IpmiOpened *op,
	   const guint8 *plain)
{
	IpmiMsg m;
	if (op->payload_type != IPMI_PAYLOAD_IPMI ||
	    ipmi_msg_decode(plain, op->payload_len, &m) < 0 || ipmi_msg_is_response(&m))
		return;
	if (b->opt.silent_in_session)
		return;
	g_mutex_lock(&b->lock);
	b->requests++;
	g_mutex_unlock(&b->lock);
	static const guint8 devid[15] = {0x20, 0x81, 0x01, 0x02, 0x02, 0xBF, 0x57, 0x01,
					 0x00, 0x34, 0x12, 0x01, 0x02, 0x03, 0x04};
	if (m.netfn == IPMI_NETFN_APP && m.cmd == 0x01) {
		reply_session(b, s, from, &m, 0, devid, sizeof devid);
	} else if (m.netfn == IPMI_NETFN_APP && m.cmd == IPMI_CMD_SET_SESSION_PRIVILEGE) {
		IpmiSetSessionPrivReq q;
		if (ipmi_set_session_priv_req_decode(m.data, m.data_len, &q) < 0) {
			reply_session(b, s, from, &m, 0xCC, NULL, 0);
		} else if (q.priv > s->priv_limit) {
			reply_session(b, s, from, &m, 0x81, NULL, 0);
		} else {
			if (q.priv)
				s->priv = q.priv;
			guint8 p = s->priv;
			reply_session(b, s, from, &m, 0, &p, 1);
		}
	} else if (m.netfn == IPMI_NETFN_APP && m.cmd == IPMI_CMD_CLOSE_SESSION) {
		IpmiCloseSessionReq q;
		if (b->opt.drop_close > 0) {
			b->opt.drop_close--;
			return;
		}
		if (ipmi_close_session_req_decode(m.data, m.data_len, &q) < 0 ||
		    q.session_id != s->rp.bmc_sid) {
			reply_session(b, s, from, &m, 0x87, NULL, 0);
			return;
		}
		/* Counted before answering: the client's thread may look as
		 * soon as the answer is out. */
		g_mutex_lock(&b->lock);
		b->closed++;
		g_mutex_unlock(&b->lock);
		reply_session(b, s, from, &m, 0, NULL, 0);
		ipmi_bmc_session_free(s);
	} else if (m.netfn == IPMI_NETFN_CHASSIS && m.cmd == 0x01) {
		static const guint8 st[4] = {0x21, 0x10, 0x00, 0x00};
		reply_session(b, s, from, &m, 0, st, sizeof st);
	} else if (m.netfn == 0x30 && m.cmd == 0x01) {
		reply_session(b, s, from, &m, 0, m.data, m.data_len);
	} else if (m.netfn == 0x30 && m.cmd == 0x02) {
		/* a black hole */
		guint8 seq = m.rq_seq;
		g_mutex_lock(&b->lock);
		g_array_append_val(b->blackhole_seqs, seq);
		g_mutex_unlock(&b->lock);
	} else {
		reply_session(b, s, from, &m, 0xC1, NULL, 0);
	}
}

/* ---- dispatch --------------------------------------------------------- */

static void
send_setup(FakeBmc *b, GSocketAddress *to, const guint8 *req, gsize req_len, const guint8 *d,
	   gsize len)
{
	FakeBmcOut o = {.bmc = b,
			.to = to,
			.request = req,
			.request_len = req_len,
			.dgram = d,
			.dgram_len = len};
	if (b->hook && b->hook(&o, b->hook_data))
		return;
	send_reply(b, to, d, len);
}

static IpmiBmcSession *
find_session(FakeBmc *b, guint32 sid)
{
	for (int i = 0; i < N_SESSIONS; i++) {
		if (b->sessions[i].state != IPMI_BMC_FREE && b->sessions[i].rp.bmc_sid == sid)
			return &b->sessions[i];
	}
	return NULL;
}

static void
process(FakeBmc *b, GSocketAddress *from, const guint8 *d, gsize len)
{
	if (b->opt.silent)
		return;
	guint32 sid = 0;
	guint8 out[IPMI_MAX_DATAGRAM];
	IpmiDgramKind kind = ipmi_bmc_classify(d, len, &sid);
	if (kind == IPMI_DGRAM_PRESESSION && d[4] != IPMI_AUTHTYPE_RMCPP) {
		on_presession(b, from, d, len);
	} else if (kind == IPMI_DGRAM_OPEN_SESSION) {
		/* A retransmitted request gets the same answer. */
		for (int i = 0; i < N_SESSIONS; i++) {
			IpmiBmcSession *s = &b->sessions[i];
			if (s->state != IPMI_BMC_OPEN)
				continue;
			int rc = ipmi_bmc_open_session(s, &b->cfg, s->rp.bmc_sid, d, len, 0, out,
						       sizeof out);
			if (rc > 0) {
				send_setup(b, from, d, len, out, (gsize)rc);
				return;
			}
		}
		for (int i = 0; i < N_SESSIONS; i++) {
			IpmiBmcSession *s = &b->sessions[i];
			if (s->state != IPMI_BMC_FREE)
				continue;
			guint32 id = 0;
			while (id == 0 || find_session(b, id))
				id = g_rand_int(b->rand);
			int rc = ipmi_bmc_open_session(s, &b->cfg, id, d, len, 0, out, sizeof out);
			if (rc > 0)
				send_setup(b, from, d, len, out, (gsize)rc);
			return;
		}
	} else if (kind == IPMI_DGRAM_SESSION) {
		IpmiBmcSession *s = find_session(b, sid);
		if (!s)
			return;
		IpmiOpened op;
		guint8 plain[IPMI_MAX_DATAGRAM];
		size_t out_len = 0;
		int rc = ipmi_bmc_feed(s, d, len, 0, out, sizeof out, &out_len, &op, plain,
				       sizeof plain);
		if (rc == IPMI_BMC_REPLY)
			send_setup(b, from, d, len, out, out_len);
		else if (rc == IPMI_BMC_PAYLOAD)
			on_payload(b, s, from, &op, plain);
		if (s->state == IPMI_BMC_FAILED)
			ipmi_bmc_session_free(s);
	}
}

static void
flush_held_in(FakeBmc *b)
{
	if (!b->held_in.bytes)
		return;
	Held h = b->held_in;
	b->held_in = (Held){0};
	gsize len;
	const guint8 *d = g_bytes_get_data(h.bytes, &len);
	process(b, h.peer, d, len);
	g_bytes_unref(h.bytes);
	g_object_unref(h.peer);
}

static gboolean
on_release(gpointer data)
{
	FakeBmc *b = data;
	g_clear_pointer(&b->release, g_source_unref);
	flush_held_in(b);
	flush_held_out(b);
	return G_SOURCE_REMOVE;
}

static void
arm_release(FakeBmc *b)
{
	if (b->release)
		return;
	b->release = g_timeout_source_new(20);
	g_source_set_callback(b->release, on_release, b, NULL);
	g_source_attach(b->release, b->context);
}

static gboolean
on_readable(GSocket *socket, GIOCondition cond, gpointer data)
{
	FakeBmc *b = data;
	for (;;) {
		guint8 buf[IPMI_MAX_DATAGRAM];
		GSocketAddress *from = NULL;
		gssize n =
		    g_socket_receive_from(socket, &from, (gchar *)buf, sizeof buf, NULL, NULL);
		if (n < 0)
			break;
		if (!chance(b, b->opt.drop)) {
			int copies = chance(b, b->opt.dup) ? 2 : 1;
			gboolean had = b->held_in.bytes != NULL;
			if (!had && chance(b, b->opt.reorder)) {
				b->held_in.bytes = g_bytes_new(buf, (gsize)n);
				b->held_in.peer = g_object_ref(from);
				arm_release(b);
				copies--;
			}
			for (int i = 0; i < copies; i++)
				process(b, from, buf, (gsize)n);
			if (had)
				flush_held_in(b);
		}
		g_object_unref(from);
	}
	return G_SOURCE_CONTINUE;
}

FakeBmc *
fake_bmc_new(GMainContext *context, const char *address, const FakeBmcOptions *opt)
{
	g_autoptr(GInetAddress) addr = g_inet_address_new_from_string(address);
	g_assert_nonnull(addr);
	g_autoptr(GSocket) sock = g_socket_new(g_inet_address_get_family(addr),
					       G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	if (!sock)
		return NULL;
	g_autoptr(GSocketAddress) sa = g_inet_socket_address_new(addr, 0);
	if (!g_socket_bind(sock, sa, FALSE, NULL))
		return NULL;
	g_socket_set_blocking(sock, FALSE);

	FakeBmc *b = g_new0(FakeBmc, 1);
	if (opt)
		b->opt = *opt;
	b->context = g_main_context_ref(context);
	b->socket = g_steal_pointer(&sock);
	b->rand = g_rand_new_with_seed(b->opt.seed ? b->opt.seed : 0xB3C);
	g_mutex_init(&b->lock);
	b->blackhole_seqs = g_array_new(FALSE, FALSE, 1);
	set_user(&b->users[0], "admin", "password", 4);
	set_user(&b->users[1], "user", "secret", 2);
	b->cfg.users = b->users;
	b->cfg.n_users = 2;
	if (b->opt.kg) {
		b->cfg.kg_len = (uint8_t)strlen(b->opt.kg);
		memcpy(b->cfg.kg, b->opt.kg, b->cfg.kg_len);
	}
	for (int i = 0; i < 16; i++)
		b->cfg.guid[i] = (uint8_t)(0x10 + i);
	b->cfg.suites = suites(b);
	ipmi_random_strong(NULL, b->cfg.decoy_key, sizeof b->cfg.decoy_key);
	b->cfg.rnd = ipmi_random_strong;
	b->source = g_socket_create_source(b->socket, G_IO_IN, NULL);
	g_source_set_callback(b->source, G_SOURCE_FUNC(on_readable), b, NULL);
	g_source_attach(b->source, context);
	return b;
}

static gpointer
thread_main(gpointer data)
{
	FakeBmc *b = data;
	g_main_context_push_thread_default(b->context);
	g_main_loop_run(b->loop);
	g_main_context_pop_thread_default(b->context);
	return NULL;
}

FakeBmc *
fake_bmc_new_threaded(const char *address, const FakeBmcOptions *opt)
{
	g_autoptr(GMainContext) ctx = g_main_context_new();
	FakeBmc *b = fake_bmc_new(ctx, address, opt);
	if (!b)
		return NULL;
	b->loop = g_main_loop_new(ctx, FALSE);
	b->thread = g_thread_new("fake-bmc", thread_main, b);
	return b;
}

static gboolean
quit_loop(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

void
fake_bmc_free(FakeBmc *b)
{
	if (!b)
		return;
	if (b->thread) {
		g_main_context_invoke(b->context, quit_loop, b->loop);
		g_thread_join(b->thread);
		g_main_loop_unref(b->loop);
	}
	g_source_destroy(b->source);
	g_source_unref(b->source);
	if (b->release) {
		g_source_destroy(b->release);
		g_source_unref(b->release);
	}
	g_clear_pointer(&b->held_in.bytes, g_bytes_unref);
	g_clear_object(&b->held_in.peer);
	g_clear_pointer(&b->held_out.bytes, g_bytes_unref);
	g_clear_object(&b->held_out.peer);
	for (int i = 0; i < N_SESSIONS; i++)
		ipmi_bmc_session_free(&b->sessions[i]);
	g_socket_close(b->socket, NULL);
	g_object_unref(b->socket);
	g_rand_free(b->rand);
	g_array_unref(b->blackhole_seqs);
	g_mutex_clear(&b->lock);
	g_main_context_unref(b->context);
	g_free(b);
}

guint16
fake_bmc_port(FakeBmc *b)
{
	g_autoptr(GSocketAddress) sa = g_socket_get_local_address(b->socket, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(sa));
}

guint
fake_bmc_open_sessions(FakeBmc *b)
{
	guint n = 0;
	g_mutex_lock(&b->lock);
	for (int i = 0; i < N_SESSIONS; i++)
		n += b->sessions[i].state == IPMI_BMC_ACTIVE;
	g_mutex_unlock(&b->lock);
	return n;
}

guint
fake_bmc_closed_sessions(FakeBmc *b)
{
	g_mutex_lock(&b->lock);
	guint n = b->closed;
	g_mutex_unlock(&b->lock);
	return n;
}

guint
fake_bmc_requests(FakeBmc *b)
{
	g_mutex_lock(&b->lock);
	guint n = b->requests;
	g_mutex_unlock(&b->lock);
	return n;
}

void
fake_bmc_set_silent_in_session(FakeBmc *b, gboolean silent)
{
	b->opt.silent_in_session = silent;
}

GArray *
fake_bmc_blackhole_seqs(FakeBmc *b)
{
	g_mutex_lock(&b->lock);
	GArray *copy = g_array_copy(b->blackhole_seqs);
	g_mutex_unlock(&b->lock);
	return copy;
}

void
fake_bmc_set_hook(FakeBmc *b, FakeBmcHook hook, gpointer data)
{
	b->hook = hook;
	b->hook_data = data;
}

void
fake_bmc_send_raw(FakeBmc *b, GSocketAddress *to, const guint8 *d, gsize len)
{
	g_socket_send_to(b->socket, to, (const gchar *)d, len, NULL, NULL);
}
