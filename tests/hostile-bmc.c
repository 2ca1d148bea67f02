/* hostile-bmc.c - see hostile-bmc.h. */
#include "hostile-bmc.h"

#include <string.h>

#include "core/channel.h"
#include "core/crypto.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/rmcp.h"
#include "core/suite.h"

/* Offsets in a datagram: RMCP header (4), auth type, payload type, session
 * ID (4), sequence (4), payload length (2), payload. */
#define OFF_PTYPE 5
#define OFF_PLEN 14
#define OFF_BODY 16
#define BIG 3000

struct _HostileBmc {
	FakeBmc *bmc;
	HostileMode mode;
	gboolean then_valid;
	guint8 status;
	guint hold;
	GPtrArray *held; /* GBytes: sealed answers waiting (REORDER) */
	GSocketAddress *held_to;
	GBytes *history[64]; /* the last valid datagram answering each rqSeq */
	GPtrArray *late;     /* GBytes: sealed answers held back (LATE) */
	guint8 late_rq_seq;  /* whose they are */
	guint sent;
	guint32 last_seq;
	IpmiSeqWindow shadow; /* the client's window if it takes exactly the valid answers */
};

/* A valid datagram with sequence number seq goes out. */
static void
shadow_accept(HostileBmc *h, guint32 seq)
{
	if (ipmi_seq_check(&h->shadow, seq) == 0)
		ipmi_seq_accept(&h->shadow, seq);
}

static void
hostile_send(HostileBmc *h, GSocketAddress *to, const guint8 *d, gsize len)
{
	fake_bmc_send_raw(h->bmc, to, d, len);
	h->sent++;
}

static gsize
plen(const guint8 *d)
{
	return (gsize)d[OFF_PLEN] | (gsize)d[OFF_PLEN + 1] << 8;
}

static void
set_plen(guint8 *d, gsize n)
{
	d[OFF_PLEN] = (guint8)n;
	d[OFF_PLEN + 1] = (guint8)(n >> 8);
}

/* Seal msg with an explicit session ID and sequence number, leaving the
 * channel's own counter alone. */
static gsize
seal_at(IpmiBmcSession *s, guint32 sid, guint32 seq, const guint8 *msg, gsize len, guint8 *out,
	gsize cap)
{
	int n =
	    ipmi_record_seal(&s->chan.keys, &s->chan.kh, &s->chan.rc4_tx, sid, seq,
			     IPMI_PAYLOAD_IPMI, msg, len, 0xFF, ipmi_random_strong, NULL, out, cap);
	g_assert_cmpint(n, >, 0);
	return (gsize)n;
}

static guint32
next_seq(IpmiBmcSession *s)
{
	return ipmi_seq_next(s->chan.tx_seq);
}

/* Recompute the MAC of a datagram whose authenticated bytes were changed. */
static void
remac(IpmiBmcSession *s, guint8 *d, gsize len)
{
	gsize mac_len = ipmi_integ_mac_len(s->chan.keys.integ);
	g_assert_cmpuint(len, >, IPMI_RMCP_HEADER_LEN + mac_len);
	int rc = ipmi_integrity_mac(&s->chan.keys, d + IPMI_RMCP_HEADER_LEN,
				    len - IPMI_RMCP_HEADER_LEN - mac_len, d + len - mac_len);
	g_assert_cmpint(rc, ==, (int)mac_len);
}

/* The real answer: sealed with the next sequence number, remembered. */
static void
send_valid_dgram(HostileBmc *h, IpmiBmcSession *s, GSocketAddress *to, const IpmiMsg *m,
		 const guint8 *msg, gsize len, int copies)
{
	guint8 d[IPMI_MAX_DATAGRAM];
	int n = ipmi_channel_seal(&s->chan, IPMI_PAYLOAD_IPMI, msg, len, d, sizeof d);
	g_assert_cmpint(n, >, 0);
	h->last_seq = s->chan.tx_seq;
	shadow_accept(h, s->chan.tx_seq);
	g_clear_pointer(&h->history[m->rq_seq & 63], g_bytes_unref);
	h->history[m->rq_seq & 63] = g_bytes_new(d, (gsize)n);
	for (int i = 0; i < copies; i++) {
		fake_bmc_send_raw(h->bmc, to, d, (gsize)n);
		if (i > 0)
			h->sent++;
	}
}

/* Re-encode m after a change (checksums recomputed). */
static gsize
encode(const IpmiMsg *m, guint8 *out, gsize cap)
{
	int n = ipmi_msg_encode(out, cap, m);
	g_assert_cmpint(n, >, 0);
	return (gsize)n;
}

static void
send_garbage(HostileBmc *h, GSocketAddress *to, guint8 rq_seq)
{
	static const guint8 rmcp_only[] = {0x06, 0x00, 0xFF, 0x07};
	static const guint8 asf_ping[] = {0x06, 0x00, 0xFF, 0x06, 0x00, 0x00,
					  0x11, 0xBE, 0x80, 0x00, 0x00, 0x00};
	/* IPMI 1.5, auth none, session 1, claims 40 bytes and has 2 */
	static const guint8 v15_session[] = {0x06, 0x00, 0xFF, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00,
					     0x00, 0x01, 0x00, 0x00, 0x00, 0x28, 0x81, 0x1C};
	/* RMCP+, session 0, RAKP 2 with a 3-byte payload */
	static const guint8 stray_rakp2[] = {0x06, 0x00, 0xFF, 0x07, 0x06, 0x13, 0x00,
					     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
					     0x03, 0x00, 0x01, 0x00, 0x00};
	/* RMCP+, payload length 200, 4 bytes present */
	static const guint8 long_claim[] = {0x06, 0x00, 0xFF, 0x07, 0x06, 0xC0, 0x01,
					    0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00,
					    0xC8, 0x00, 0x00, 0x00, 0x00, 0x00};
	hostile_send(h, to, (const guint8 *)"", 0);
	hostile_send(h, to, rmcp_only, 1);
	hostile_send(h, to, rmcp_only, sizeof rmcp_only);
	hostile_send(h, to, asf_ping, sizeof asf_ping);
	hostile_send(h, to, v15_session, sizeof v15_session);
	hostile_send(h, to, stray_rakp2, sizeof stray_rakp2);
	hostile_send(h, to, long_claim, sizeof long_claim);
	/* A pre-session (IPMI 1.5 and RMCP+ session 0) answer carrying the
	 * in-session request's rqSeq: it must not complete that request. */
	static const guint8 data[] = {'f', 'o', 'r', 'g', 'e', 'd'};
	IpmiMsg m = {.dst_addr = 0x81,
		     .netfn = 0x31,
		     .src_addr = 0x20,
		     .rq_seq = rq_seq,
		     .cmd = 0x01,
		     .data = data,
		     .data_len = sizeof data};
	guint8 msg[64], d[BIG];
	gsize ml = encode(&m, msg, sizeof msg);
	int n = ipmi_v15_plain_encode(msg, ml, d, sizeof d);
	hostile_send(h, to, d, (gsize)n);
	n = ipmi_v2_plain_encode(IPMI_PAYLOAD_IPMI, 0, 0, msg, ml, d, sizeof d);
	hostile_send(h, to, d, (gsize)n);
	/* Random bytes, some behind a valid RMCP+ prefix. */
	GRand *r = g_rand_new_with_seed(rq_seq + 1u);
	static const gsize lens[] = {20, 64, 300, 1400, BIG};
	for (gsize i = 0; i < G_N_ELEMENTS(lens); i++) {
		for (gsize j = 0; j < lens[i]; j++)
			d[j] = (guint8)g_rand_int(r);
		if (i % 2 == 0)
			memcpy(d, "\x06\x00\xFF\x07\x06", 5);
		hostile_send(h, to, d, lens[i]);
	}
	g_rand_free(r);
}

/* ---- in session ---------------------------------------------------------- */

static void
flip_mac(guint8 *d, gsize n)
{
	d[n - 1] ^= 0x01;
}

static gboolean
on_session_answer(HostileBmc *h, IpmiBmcSession *s, GSocketAddress *to, const guint8 *msg,
		  gsize len)
{
	IpmiMsg m;
	g_assert_cmpint(ipmi_msg_decode(msg, len, &m), ==, (int)len);
	guint8 d[BIG], d2[BIG], alt[IPMI_MAX_DATAGRAM];
	gsize n, mac_len = ipmi_integ_mac_len(s->chan.keys.integ);
	guint32 sid = s->chan.tx_sid;
	gboolean valid = h->then_valid;
	int copies = 1;
	/* Only the OEM echo command (30h/01h) is answered with malice: what
	 * the client asks by itself (session checks, Close Session) gets the
	 * real answer, after the junk in GARBAGE mode. */
	HostileMode mode = h->mode;
	if (m.netfn != 0x31) {
		if (mode == HOSTILE_GARBAGE)
			send_garbage(h, to, m.rq_seq);
		mode = HOSTILE_NONE;
	}
	switch (mode) {
	case HOSTILE_NONE:
		valid = TRUE;
		break;
	case HOSTILE_BAD_MAC:
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		flip_mac(d, n);
		hostile_send(h, to, d, n);
		n = seal_at(s, sid, next_seq(s) + 10, msg, len, d, sizeof d);
		d[OFF_BODY] ^= 0x80; /* the IV: a forgery of other contents */
		hostile_send(h, to, d, n);
		break;
	case HOSTILE_BAD_CONF_PAD:
	case HOSTILE_BAD_CONF_PADLEN: {
		g_assert_cmpuint(s->chan.keys.conf, ==, IPMI_CONF_AES_CBC_128);
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		/* The plaintext byte at position j of the last block is flipped
		 * by flipping byte j of the block before it (the IV when there
		 * is one block): 15 is the pad length, 14 a pad byte. */
		gsize clen = plen(d) - IPMI_AES_BLOCK;
		guint8 *prev = d + OFF_BODY + clen - IPMI_AES_BLOCK;
		gsize pad = (IPMI_AES_BLOCK - (len + 1) % IPMI_AES_BLOCK) % IPMI_AES_BLOCK;
		if (mode == HOSTILE_BAD_CONF_PADLEN || pad == 0)
			prev[15] ^= 0x10;
		else
			prev[14] ^= 0x80;
		remac(s, d, n);
		hostile_send(h, to, d, n);
		break;
	}
	case HOSTILE_BAD_INTEG_PAD:
	case HOSTILE_BAD_NEXT_HEADER: {
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		guint8 *padlen = d + n - mac_len - 2;
		if (mode == HOSTILE_BAD_NEXT_HEADER)
			padlen[1] = 0x08;
		else if (*padlen > 0)
			padlen[-1] = 0x00;
		else
			*padlen = 5;
		remac(s, d, n);
		hostile_send(h, to, d, n);
		break;
	}
	case HOSTILE_REPLAY_OLD: {
		GBytes *old = h->history[m.rq_seq & 63];
		if (old) {
			gsize on;
			const guint8 *od = g_bytes_get_data(old, &on);
			hostile_send(h, to, od, on);
		}
		break;
	}
	case HOSTILE_REPLAY_SEQ: {
		static const guint8 forged[] = {'f', 'o', 'r', 'g', 'e', 'd'};
		IpmiMsg f = m;
		f.data = forged;
		f.data_len = sizeof forged;
		gsize fl = encode(&f, alt, sizeof alt);
		/* the last sequence number the client accepted, and an old one */
		n = seal_at(s, sid, s->chan.tx_seq, alt, fl, d, sizeof d);
		hostile_send(h, to, d, n);
		if (s->chan.tx_seq > 20) {
			n = seal_at(s, sid, s->chan.tx_seq - 20, alt, fl, d, sizeof d);
			hostile_send(h, to, d, n);
		}
		break;
	}
	case HOSTILE_TRUNCATED: {
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		const gsize cuts[] = {
		    n - 1, n - mac_len, n - mac_len - 2, n / 2, OFF_BODY + 1, OFF_BODY, 10, 5};
		for (gsize i = 0; i < G_N_ELEMENTS(cuts); i++)
			hostile_send(h, to, d, cuts[i]);
		break;
	}
	case HOSTILE_LEN_OVERSIZED:
	case HOSTILE_LEN_UNDERSIZED: {
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		gsize real = plen(d);
		const gsize claims[] = {0xFFFF, real + 4, real + 1};
		const gsize under[] = {real - 16, real - 1, 0};
		const gsize *c = mode == HOSTILE_LEN_OVERSIZED ? claims : under;
		for (gsize i = 0; i < 3; i++) {
			memcpy(d2, d, n);
			set_plen(d2, c[i]);
			remac(s, d2, n);
			hostile_send(h, to, d2, n);
		}
		break;
	}
	case HOSTILE_TRAILING:
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		memset(d + n, 0xFF, 7);
		hostile_send(h, to, d, n + 7);
		remac(s, d, n + 7);
		hostile_send(h, to, d, n + 7);
		break;
	case HOSTILE_DGRAM_TOO_BIG:
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		memset(d + n, 0, BIG - n);
		hostile_send(h, to, d, BIG);
		break;
	case HOSTILE_WRONG_SID:
		n = seal_at(s, sid ^ 0x5A5A5A5Au, next_seq(s), msg, len, d, sizeof d);
		hostile_send(h, to, d, n);
		break;
	case HOSTILE_UNAUTHENTICATED: {
		int pn = ipmi_v2_plain_encode(IPMI_PAYLOAD_IPMI, sid, next_seq(s), msg, len, d,
					      sizeof d);
		g_assert_cmpint(pn, >, 0);
		hostile_send(h, to, d, (gsize)pn);
		n = seal_at(s, sid, next_seq(s), msg, len, d, sizeof d);
		d[OFF_PTYPE] &= (guint8)~IPMI_PAYLOAD_AUTHENTICATED;
		hostile_send(h, to, d, n);
		break;
	}
	case HOSTILE_WRONG_RQSEQ:
	case HOSTILE_WRONG_CMD:
	case HOSTILE_BAD_CHECKSUM:
	case HOSTILE_SHORT_MSG: {
		/* Authentic (sealed by the BMC, accepted by the record layer)
		 * answers to something else. */
		IpmiMsg f = m;
		gsize fl;
		if (mode == HOSTILE_WRONG_RQSEQ) {
			f.rq_seq = (m.rq_seq + 32) & 63;
			fl = encode(&f, alt, sizeof alt);
			send_valid_dgram(h, s, to, &f, alt, fl, 1);
			h->sent++;
			break;
		}
		if (mode == HOSTILE_WRONG_CMD) {
			f.cmd = (guint8)(m.cmd ^ 0x7F);
			fl = encode(&f, alt, sizeof alt);
			send_valid_dgram(h, s, to, &f, alt, fl, 1);
			f = m;
			f.netfn = (guint8)(m.netfn ^ 0x02);
			fl = encode(&f, alt, sizeof alt);
			send_valid_dgram(h, s, to, &f, alt, fl, 1);
			f = m;
			f.netfn = (guint8)(m.netfn & ~1u); /* a request */
			fl = encode(&f, alt, sizeof alt);
			send_valid_dgram(h, s, to, &f, alt, fl, 1);
			h->sent += 3;
			break;
		}
		if (mode == HOSTILE_BAD_CHECKSUM) {
			memcpy(alt, msg, len);
			alt[len - 1] ^= 0xFF;
			send_valid_dgram(h, s, to, &m, alt, len, 1);
			memcpy(alt, msg, len);
			alt[2] ^= 0x01; /* header checksum */
			send_valid_dgram(h, s, to, &m, alt, len, 1);
			h->sent += 2;
			break;
		}
		send_valid_dgram(h, s, to, &m, msg, 5, 1);
		send_valid_dgram(h, s, to, &m, msg, 0, 1);
		h->sent += 2;
		break;
	}
	case HOSTILE_LATE:
		/* When another request (another rqSeq) comes, the answers held
		 * back go first, then its own, or it waits too. */
		for (guint i = 0; i < h->late->len && m.rq_seq != h->late_rq_seq; i++) {
			gsize ln;
			const guint8 *ld = g_bytes_get_data(h->late->pdata[i], &ln);
			hostile_send(h, to, ld, ln);
			h->last_seq = (guint32)ld[10] | (guint32)ld[11] << 8 |
				      (guint32)ld[12] << 16 | (guint32)ld[13] << 24;
			shadow_accept(h, h->last_seq);
		}
		if (m.rq_seq != h->late_rq_seq)
			g_ptr_array_set_size(h->late, 0);
		h->late_rq_seq = m.rq_seq;
		/* Held: the answer (alone), or one more copy of it (then_valid):
		 * an authentic answer to a request that has ended by then. */
		n = (gsize)ipmi_channel_seal(&s->chan, IPMI_PAYLOAD_IPMI, msg, len, d, sizeof d);
		g_ptr_array_add(h->late, g_bytes_new(d, n));
		break;
	case HOSTILE_DUPLICATE:
		valid = TRUE;
		copies = 3;
		break;
	case HOSTILE_REORDER: {
		n = (gsize)ipmi_channel_seal(&s->chan, IPMI_PAYLOAD_IPMI, msg, len, d, sizeof d);
		h->last_seq = MAX(h->last_seq, s->chan.tx_seq);
		g_ptr_array_add(h->held, g_bytes_new(d, n));
		if (!h->held_to)
			h->held_to = g_object_ref(to);
		if (h->held->len >= MAX(h->hold, 1u)) {
			for (guint i = h->held->len; i-- > 0;) {
				gsize hn;
				const guint8 *hd = g_bytes_get_data(h->held->pdata[i], &hn);
				fake_bmc_send_raw(h->bmc, h->held_to, hd, hn);
				shadow_accept(h, (guint32)hd[10] | (guint32)hd[11] << 8 |
						     (guint32)hd[12] << 16 | (guint32)hd[13] << 24);
			}
			g_ptr_array_set_size(h->held, 0);
			g_clear_object(&h->held_to);
		}
		return TRUE;
	}
	case HOSTILE_GARBAGE:
		send_garbage(h, to, m.rq_seq);
		break;
	default: /* handshake modes: in-session answers are fine */
		valid = TRUE;
		break;
	}
	if (valid)
		send_valid_dgram(h, s, to, &m, msg, len, copies);
	return TRUE;
}

/* ---- session setup ------------------------------------------------------- */

static gboolean
on_setup_answer(HostileBmc *h, const FakeBmcOut *o)
{
	const guint8 *d = o->dgram;
	gsize n = o->dgram_len;
	if (n < OFF_BODY)
		return FALSE;
	guint8 type = d[OFF_PTYPE] & 0x3F;
	const guint8 *p = d + OFF_BODY;
	gsize pl = plen(d);
	guint8 payload[128], out[256];
	int rc = -1;
	switch (h->mode) {
	case HOSTILE_GARBAGE:
		send_garbage(h, o->to, 0);
		return FALSE;
	case HOSTILE_OPEN_STATUS:
	case HOSTILE_OPEN_STATUS_OTHER_SID:
	case HOSTILE_OPEN_WRONG_ALGS:
	case HOSTILE_OPEN_WRONG_TAG: {
		if (type != IPMI_PAYLOAD_OPEN_SESSION_RSP)
			return FALSE;
		IpmiOpenSessionRsp r;
		g_assert_cmpint(ipmi_open_session_rsp_decode(p, pl, &r), >=, 0);
		if (h->mode == HOSTILE_OPEN_WRONG_ALGS) {
			r.integ_alg = r.integ_alg == IPMI_INTEG_HMAC_SHA1_96
					  ? IPMI_INTEG_HMAC_SHA256_128
					  : IPMI_INTEG_HMAC_SHA1_96;
		} else if (h->mode == HOSTILE_OPEN_WRONG_TAG) {
			r.tag ^= 0xFF;
		} else {
			r.status = h->status;
			if (h->mode == HOSTILE_OPEN_STATUS_OTHER_SID)
				r.console_sid ^= 0x01000000u;
		}
		rc = ipmi_open_session_rsp_encode(payload, sizeof payload, &r);
		break;
	}
	case HOSTILE_RAKP2_STATUS:
	case HOSTILE_RAKP2_BAD_HMAC:
	case HOSTILE_RAKP2_SHORT_CODE: {
		if (type != IPMI_PAYLOAD_RAKP2)
			return FALSE;
		IpmiRakp2 r;
		g_assert_cmpint(ipmi_rakp2_decode(p, pl, &r), >=, 0);
		if (h->mode == HOSTILE_RAKP2_STATUS)
			r.status = h->status;
		else if (h->mode == HOSTILE_RAKP2_BAD_HMAC)
			r.code[r.code_len - 1] ^= 0x01;
		else
			r.code_len--;
		rc = ipmi_rakp2_encode(payload, sizeof payload, &r);
		break;
	}
	case HOSTILE_RAKP4_BAD_ICV: {
		if (type != IPMI_PAYLOAD_RAKP4)
			return FALSE;
		IpmiRakp4 r;
		g_assert_cmpint(ipmi_rakp4_decode(p, pl, &r), >=, 0);
		r.icv[r.icv_len - 1] ^= 0x01;
		rc = ipmi_rakp4_encode(payload, sizeof payload, &r);
		break;
	}
	default:
		return FALSE;
	}
	g_assert_cmpint(rc, >, 0);
	rc = ipmi_v2_plain_encode(type, 0, 0, payload, (size_t)rc, out, sizeof out);
	g_assert_cmpint(rc, >, 0);
	hostile_send(h, o->to, out, (gsize)rc);
	return TRUE;
}

static gboolean
hook(const FakeBmcOut *o, gpointer data)
{
	HostileBmc *h = data;
	if (o->session)
		return on_session_answer(h, o->session, o->to, o->msg, o->msg_len);
	return on_setup_answer(h, o);
}

/* ---- API ----------------------------------------------------------------- */

HostileBmc *
hostile_bmc_new(void)
{
	HostileBmc *h = g_new0(HostileBmc, 1);
	h->bmc = fake_bmc_new(g_main_context_default(), "127.0.0.1", NULL);
	g_assert_nonnull(h->bmc);
	h->held = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	h->late = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	fake_bmc_set_hook(h->bmc, hook, h);
	return h;
}

void
hostile_bmc_free(HostileBmc *h)
{
	fake_bmc_free(h->bmc);
	g_ptr_array_unref(h->held);
	g_ptr_array_unref(h->late);
	g_clear_object(&h->held_to);
	for (guint i = 0; i < G_N_ELEMENTS(h->history); i++)
		g_clear_pointer(&h->history[i], g_bytes_unref);
	g_free(h);
}

guint16
hostile_bmc_port(HostileBmc *h)
{
	return fake_bmc_port(h->bmc);
}

FakeBmc *
hostile_bmc_fake(HostileBmc *h)
{
	return h->bmc;
}

void
hostile_bmc_set(HostileBmc *h, HostileMode mode, gboolean then_valid)
{
	h->mode = mode;
	h->then_valid = then_valid;
}

void
hostile_bmc_set_status(HostileBmc *h, guint8 status)
{
	h->status = status;
}

void
hostile_bmc_set_hold(HostileBmc *h, guint n)
{
	h->hold = n;
}

guint
hostile_bmc_sent(HostileBmc *h)
{
	return h->sent;
}

guint32
hostile_bmc_last_seq(HostileBmc *h)
{
	return h->last_seq;
}

const IpmiSeqWindow *
hostile_bmc_window(HostileBmc *h)
{
	return &h->shadow;
}
