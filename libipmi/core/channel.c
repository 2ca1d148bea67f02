/* channel.c - RMCP+ record layer, see channel.h. */
#include "channel.h"

#include <string.h>

#include "buf.h"
#include "packet.h"
#include "rmcp.h"
#include "status.h"
#include "suite.h"

/* ---- sequence window ---------------------------------------------------- */

/* Sequence numbers live on a ring of 2^32 - 1 values (zero is skipped).
 * Map them to 0 .. 2^32-2 so plain modular arithmetic works. */
#define SEQ_RING 0xFFFFFFFFull

static uint64_t
seq_ahead(uint32_t from, uint32_t to)
{
	return ((uint64_t)(to - 1) + SEQ_RING - (uint64_t)(from - 1)) % SEQ_RING;
}

uint32_t
ipmi_seq_next(uint32_t seq)
{
	return seq == 0xFFFFFFFFu ? 1 : seq + 1;
}

int
ipmi_seq_check(const IpmiSeqWindow *w, uint32_t seq)
{
	if (seq == 0)
		return IPMI_ERR_SEQUENCE;
	if (!w->started)
		return 0;
	uint64_t d = seq_ahead(w->top, seq);
	if (d == 0)
		return IPMI_ERR_SEQUENCE; /* duplicate of the top */
	if (d <= IPMI_SEQ_AHEAD)
		return 0;
	uint64_t back = SEQ_RING - d;
	if (back <= IPMI_SEQ_BEHIND) {
		if (w->bitmap & (1u << back))
			return IPMI_ERR_SEQUENCE;
		return 0;
	}
	return IPMI_ERR_SEQUENCE;
}

void
ipmi_seq_accept(IpmiSeqWindow *w, uint32_t seq)
{
	if (!w->started) {
		w->started = true;
		w->top = seq;
		w->bitmap = 1;
		return;
	}
	uint64_t d = seq_ahead(w->top, seq);
	if (d > 0 && d <= IPMI_SEQ_AHEAD) {
		w->bitmap = d >= 32 ? 0 : w->bitmap << d;
		w->bitmap |= 1;
		w->top = seq;
	} else {
		uint64_t back = SEQ_RING - d;
		if (back <= IPMI_SEQ_BEHIND)
			w->bitmap |= 1u << back;
	}
}

/* ---- plain packets ------------------------------------------------------- */

static void
put_rmcp(IpmiWriter *w)
{
	ipmi_wr_u8(w, IPMI_RMCP_VERSION);
	ipmi_wr_u8(w, 0);
	ipmi_wr_u8(w, IPMI_RMCP_SEQ_NO_ACK);
	ipmi_wr_u8(w, IPMI_RMCP_CLASS_IPMI);
}

int
ipmi_v2_plain_encode(uint8_t payload_type, uint32_t sid, uint32_t seq, const uint8_t *payload,
		     size_t len, uint8_t *out, size_t cap)
{
	if (len > 0xFFFF)
		return IPMI_ERR_INVALID_ARG;
	/* An OEM explicit payload needs an OEM IANA and payload ID in the
	 * header, which nobody passes in: without them the datagram would be
	 * malformed. */
	if ((payload_type & 0x3F) == IPMI_PAYLOAD_OEM)
		return IPMI_ERR_UNSUPPORTED;
	IpmiWriter w;
	ipmi_wr_init(&w, out, cap);
	put_rmcp(&w);
	ipmi_wr_u8(&w, IPMI_AUTHTYPE_RMCPP);
	ipmi_wr_u8(&w, payload_type & 0x3F);
	ipmi_wr_u32le(&w, sid);
	ipmi_wr_u32le(&w, seq);
	ipmi_wr_u16le(&w, (uint16_t)len);
	ipmi_wr_bytes(&w, payload, len);
	return ipmi_wr_finish(&w);
}

int
ipmi_v15_plain_encode(const uint8_t *payload, size_t len, uint8_t *out, size_t cap)
{
	if (len > 0xFF)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, out, cap);
	put_rmcp(&w);
	ipmi_wr_u8(&w, IPMI_AUTHTYPE_NONE);
	ipmi_wr_u32le(&w, 0);
	ipmi_wr_u32le(&w, 0);
	ipmi_wr_u8(&w, (uint8_t)len);
	ipmi_wr_bytes(&w, payload, len);
	return ipmi_wr_finish(&w);
}

/* ---- seal ------------------------------------------------------------- */

/* xRC4 confidentiality header: data offset (LE32); when the offset is 0 a
 * 16-byte initialization vector follows and the keystream is (re)keyed
 * from K2 and that IV.  The offset counts keystream bytes used before this
 * payload. */
static int
rc4_seal(const IpmiKeys *k, IpmiRc4Dir *d, const uint8_t *payload, size_t len, IpmiRandomFn rnd,
	 void *rnd_ctx, IpmiWriter *w)
{
	if (!d)
		return IPMI_ERR_INVALID_ARG;
	if (!d->have_iv || d->rc4.offset == 0) {
		/* Offset 0 must carry the IV: also when earlier payloads were
		 * empty and consumed no keystream (re-keying with the same IV
		 * yields the same stream). */
		uint8_t key[16];
		size_t key_len = 0;
		if (!d->have_iv && (!rnd || rnd(rnd_ctx, d->iv, sizeof d->iv) < 0))
			return IPMI_ERR_CRYPTO;
		int rc = ipmi_xrc4_key(k, d->iv, key, &key_len);
		if (rc < 0)
			return rc;
		ipmi_rc4_init(&d->rc4, key, key_len);
		ipmi_wipe(key, sizeof key);
		d->have_iv = true;
		ipmi_wr_u32le(w, 0);
		ipmi_wr_bytes(w, d->iv, sizeof d->iv);
	} else {
		ipmi_wr_u32le(w, d->rc4.offset);
	}
	uint8_t *dst = ipmi_wr_reserve(w, len);
	if (!dst)
		return IPMI_ERR_NOBUF;
	ipmi_rc4_crypt(&d->rc4, payload, len, dst);
	return 0;
}

static int
aes_seal(const IpmiKeys *k, IpmiKeyHandles *kh, const uint8_t *payload, size_t len,
	 IpmiRandomFn rnd, void *rnd_ctx, IpmiWriter *w)
{
	size_t pad = (IPMI_AES_BLOCK - (len + 1) % IPMI_AES_BLOCK) % IPMI_AES_BLOCK;
	size_t clen = len + pad + 1;
	uint8_t *iv = ipmi_wr_reserve(w, IPMI_AES_BLOCK);
	uint8_t *ct = ipmi_wr_reserve(w, clen);
	if (!iv || !ct)
		return IPMI_ERR_NOBUF;
	if (!rnd || rnd(rnd_ctx, iv, IPMI_AES_BLOCK) < 0)
		return IPMI_ERR_CRYPTO;
	memmove(ct, payload, len);
	for (size_t i = 0; i < pad; i++)
		ct[len + i] = (uint8_t)(i + 1);
	ct[len + pad] = (uint8_t)pad;
	return ipmi_aes_cbc_kept(kh, k, true, iv, ct, clen, ct);
}

int
ipmi_record_seal(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4, uint32_t sid, uint32_t seq,
		 uint8_t payload_type, const uint8_t *payload, size_t len, uint8_t force_pad,
		 IpmiRandomFn rnd, void *rnd_ctx, uint8_t *out, size_t cap)
{
	if (len > IPMI_MAX_DATAGRAM)
		return IPMI_ERR_INVALID_ARG;
	if ((payload_type & 0x3F) == IPMI_PAYLOAD_OEM)
		return IPMI_ERR_UNSUPPORTED; /* see ipmi_v2_plain_encode */
	bool enc = k->conf != IPMI_CONF_NONE;
	bool auth = k->integ != IPMI_INTEG_NONE;
	IpmiWriter w;
	ipmi_wr_init(&w, out, cap);
	put_rmcp(&w);
	uint8_t *session = w.p;
	ipmi_wr_u8(&w, IPMI_AUTHTYPE_RMCPP);
	ipmi_wr_u8(&w, (uint8_t)((payload_type & 0x3F) | (enc ? IPMI_PAYLOAD_ENCRYPTED : 0) |
				 (auth ? IPMI_PAYLOAD_AUTHENTICATED : 0)));
	ipmi_wr_u32le(&w, sid);
	ipmi_wr_u32le(&w, seq);
	uint8_t *plen = ipmi_wr_reserve(&w, 2);
	if (w.err)
		return w.err;
	uint8_t *body = w.p;
	int rc = 0;
	switch (k->conf) {
	case IPMI_CONF_NONE:
		ipmi_wr_bytes(&w, payload, len);
		break;
	case IPMI_CONF_AES_CBC_128:
		rc = aes_seal(k, kh, payload, len, rnd, rnd_ctx, &w);
		break;
	case IPMI_CONF_XRC4_128:
	case IPMI_CONF_XRC4_40:
		rc = rc4_seal(k, rc4, payload, len, rnd, rnd_ctx, &w);
		break;
	default:
		return IPMI_ERR_UNSUPPORTED;
	}
	if (rc < 0)
		return rc;
	if (w.err)
		return w.err;
	size_t body_len = (size_t)(w.p - body);
	if (body_len > 0xFFFF)
		return IPMI_ERR_INVALID_ARG;
	ipmi_put_u16le(plen, (uint16_t)body_len);
	if (auth) {
		size_t pad = ipmi_v2_integrity_pad((size_t)(w.p - session));
		if (force_pad != 0xFF)
			pad = force_pad;
		ipmi_wr_fill(&w, 0xFF, pad);
		ipmi_wr_u8(&w, (uint8_t)pad);
		ipmi_wr_u8(&w, IPMI_NEXT_HEADER);
		size_t covered = (size_t)(w.p - session);
		uint8_t *mac = ipmi_wr_reserve(&w, ipmi_integ_mac_len(k->integ));
		if (!mac)
			return w.err;
		rc = ipmi_integrity_mac_kept(kh, k, session, covered, mac);
		if (rc < 0)
			return rc;
	}
	return ipmi_wr_finish(&w);
}

/* The channel's IpmiRandomFn for ipmi_record_seal.  AES-CBC IVs must be
 * unpredictable, not fresh from an entropy pool: each is E_K2(salt | n),
 * AES-128 under the session's K2 (the kept handle; one more block) of a
 * nonce never used twice with K2: an 8-byte salt drawn from c->rnd on the
 * first seal, so the two ends that share K2 differ, and a 64-bit count of
 * the IVs this channel made.  That is the first of the two ways NIST SP
 * 800-38A (appendix C) gives to generate CBC IVs; it costs ~30 ns against
 * ~370 ns for 16 bytes of ipmi_random_strong.  Anything else (the xRC4 IV)
 * comes from c->rnd. */
static int
channel_iv(void *ctx, uint8_t *iv, size_t len)
{
	IpmiChannel *c = ctx;
	if (len != IPMI_AES_BLOCK || c->keys.conf != IPMI_CONF_AES_CBC_128)
		return c->rnd ? c->rnd(c->rnd_ctx, iv, len) : IPMI_ERR_CRYPTO;
	if (!c->iv_salted) {
		if (!c->rnd || c->rnd(c->rnd_ctx, c->iv_salt, sizeof c->iv_salt) < 0)
			return IPMI_ERR_CRYPTO;
		c->iv_salted = true;
	}
	static const uint8_t zero[IPMI_AES_BLOCK];
	uint8_t nonce[IPMI_AES_BLOCK];
	memcpy(nonce, c->iv_salt, sizeof c->iv_salt);
	uint64_t n = c->iv_count++;
	for (int i = 0; i < 8; i++)
		nonce[8 + i] = (uint8_t)(n >> (8 * i));
	/* CBC over one block from a zero IV is the block cipher itself. */
	int rc = ipmi_aes_cbc_kept(&c->kh, &c->keys, true, zero, nonce, sizeof nonce, iv);
	return rc < 0 ? rc : 0;
}

int
ipmi_channel_seal(IpmiChannel *c, uint8_t payload_type, const uint8_t *payload, size_t len,
		  uint8_t *out, size_t cap)
{
	uint32_t seq = ipmi_seq_next(c->tx_seq);
	int rc = ipmi_record_seal(&c->keys, &c->kh, &c->rc4_tx, c->tx_sid, seq, payload_type,
				  payload, len, c->force_pad, channel_iv, c, out, cap);
	if (rc >= 0)
		c->tx_seq = seq;
	return rc;
}

/* ---- open ------------------------------------------------------------- */

static int
aes_open(const IpmiKeys *k, IpmiKeyHandles *kh, const uint8_t *body, size_t len, uint8_t *plain,
	 size_t cap, size_t *plain_len)
{
	if (len < 2 * IPMI_AES_BLOCK || (len - IPMI_AES_BLOCK) % IPMI_AES_BLOCK)
		return IPMI_ERR_LENGTH;
	size_t clen = len - IPMI_AES_BLOCK;
	if (clen > cap)
		return IPMI_ERR_NOBUF;
	int rc = ipmi_aes_cbc_kept(kh, k, false, body, body + IPMI_AES_BLOCK, clen, plain);
	if (rc < 0)
		return rc;
	uint8_t pad = plain[clen - 1];
	if (pad >= IPMI_AES_BLOCK || (size_t)pad + 1 > clen)
		return IPMI_ERR_PAD;
	/* Check every pad byte; the MAC already vouched for the ciphertext, so
	 * this is a format check, not an oracle. */
	uint8_t bad = 0;
	for (size_t i = 0; i < pad; i++)
		bad |= (uint8_t)(plain[clen - 1 - pad + i] ^ (uint8_t)(i + 1));
	if (bad)
		return IPMI_ERR_PAD;
	*plain_len = clen - 1 - pad;
	return 0;
}

/* How far an xRC4 receiver follows a data offset it did not expect. */
#define XRC4_MAX_SKIP (64u * 1024)
#define XRC4_MAX_REWIND (1024u * 1024)

static int
rc4_open(const IpmiKeys *k, IpmiRc4Dir *d, const uint8_t *body, size_t len, uint8_t *plain,
	 size_t cap, size_t *plain_len)
{
	if (!d)
		return IPMI_ERR_INVALID_ARG;
	IpmiReader r;
	ipmi_rd_init(&r, body, len);
	uint32_t offset = ipmi_rd_u32le(&r);
	if (offset == 0) {
		const uint8_t *iv = ipmi_rd_bytes(&r, 16);
		if (!iv)
			return IPMI_ERR_TRUNCATED;
		uint8_t key[16];
		size_t key_len = 0;
		int rc = ipmi_xrc4_key(k, iv, key, &key_len);
		if (rc < 0)
			return rc;
		memcpy(d->iv, iv, 16);
		ipmi_rc4_init(&d->rc4, key, key_len);
		ipmi_wipe(key, sizeof key);
		d->have_iv = true;
	} else if (!d->have_iv) {
		return IPMI_ERR_STATE; /* never saw the packet that keyed it */
	}
	if (r.err)
		return r.err;
	if (offset != 0 && offset != d->rc4.offset) {
		/* Out of order or lost packets: skip ahead, or rewind by
		 * re-keying and skipping from the start.  Both are bounded:
		 * without a MAC check (a key log with MD5-128) one forged offset
		 * must not buy megabytes of keystream work. */
		uint64_t ahead = (uint64_t)offset - d->rc4.offset;
		if (offset > d->rc4.offset && ahead > XRC4_MAX_SKIP)
			return IPMI_ERR_SEQUENCE;
		if (offset < d->rc4.offset) {
			if (offset > XRC4_MAX_REWIND)
				return IPMI_ERR_SEQUENCE;
			uint8_t key[16];
			size_t key_len = 0;
			int rc = ipmi_xrc4_key(k, d->iv, key, &key_len);
			if (rc < 0)
				return rc;
			ipmi_rc4_init(&d->rc4, key, key_len);
			ipmi_wipe(key, sizeof key);
		}
		uint8_t junk[64];
		while (d->rc4.offset < offset) {
			size_t n = offset - d->rc4.offset;
			if (n > sizeof junk)
				n = sizeof junk;
			ipmi_rc4_crypt(&d->rc4, junk, n, junk);
		}
		ipmi_wipe(junk, sizeof junk);
	}
	size_t n = ipmi_rd_left(&r);
	if (n > cap)
		return IPMI_ERR_NOBUF;
	ipmi_rc4_crypt(&d->rc4, r.p, n, plain);
	*plain_len = n;
	return 0;
}

int
ipmi_record_open(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4, uint32_t expect_sid,
		 bool verify_mac, const uint8_t *dgram, size_t len, IpmiOpened *out, uint8_t *plain,
		 size_t cap)
{
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(dgram, len, &rh);
	if (rc < 0)
		return rc;
	if (rh.msg_class != IPMI_RMCP_CLASS_IPMI)
		return IPMI_ERR_FORMAT;
	const uint8_t *session = dgram + rc;
	size_t slen = len - (size_t)rc;
	IpmiV2Header h;
	rc = ipmi_v2_header_decode(session, slen, &h);
	if (rc < 0)
		return rc;
	return ipmi_record_open_hdr(k, kh, rc4, expect_sid, verify_mac, session, slen, &h, out,
				    plain, cap);
}

int
ipmi_record_open_hdr(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4, uint32_t expect_sid,
		     bool verify_mac, const uint8_t *session, size_t slen, const IpmiV2Header *h,
		     IpmiOpened *out, uint8_t *plain, size_t cap)
{
	size_t body = h->header_len + h->payload_len;
	if (expect_sid != 0 && h->session_id != expect_sid)
		return IPMI_ERR_SESSION_ID;
	/* A session with integrity takes nothing unauthenticated, and one with
	 * confidentiality nothing in the clear. */
	bool want_auth = k->integ != IPMI_INTEG_NONE;
	bool want_enc = k->conf != IPMI_CONF_NONE;
	if (h->authenticated != want_auth)
		return IPMI_ERR_INTEGRITY;
	if (h->encrypted != want_enc)
		return IPMI_ERR_FORMAT;
	if (want_auth) {
		size_t mac_len = ipmi_integ_mac_len(k->integ);
		if (slen < body + 2 + mac_len)
			return IPMI_ERR_TRUNCATED;
		if (verify_mac) {
			uint8_t mac[IPMI_KEY_MAX];
			int mrc = ipmi_integrity_mac_kept(kh, k, session, slen - mac_len, mac);
			if (mrc < 0)
				return mrc;
			if (!ipmi_ct_equal(mac, session + slen - mac_len, mac_len) &&
			    !ipmi_fuzz_mac_ok())
				return IPMI_ERR_INTEGRITY;
		}
		IpmiV2Trailer t;
		int trc = ipmi_v2_trailer_decode(session, slen, h, mac_len, &t);
		if (trc < 0)
			return trc;
	} else if (body != slen) {
		return IPMI_ERR_LENGTH;
	}
	size_t plain_len = 0;
	int rc = 0;
	switch (want_enc ? k->conf : IPMI_CONF_NONE) {
	case IPMI_CONF_NONE:
		if (h->payload_len > cap)
			return IPMI_ERR_NOBUF;
		memcpy(plain, h->payload, h->payload_len);
		plain_len = h->payload_len;
		break;
	case IPMI_CONF_AES_CBC_128:
		rc = aes_open(k, kh, h->payload, h->payload_len, plain, cap, &plain_len);
		break;
	case IPMI_CONF_XRC4_128:
	case IPMI_CONF_XRC4_40:
		rc = rc4_open(k, rc4, h->payload, h->payload_len, plain, cap, &plain_len);
		break;
	default:
		return IPMI_ERR_UNSUPPORTED;
	}
	if (rc < 0)
		return rc;
	out->payload_type = h->payload_type;
	out->encrypted = h->encrypted;
	out->authenticated = h->authenticated;
	out->session_id = h->session_id;
	out->seq = h->seq;
	out->payload_len = plain_len;
	return 0;
}

int
ipmi_channel_open(IpmiChannel *c, const uint8_t *dgram, size_t len, IpmiOpened *out, uint8_t *plain,
		  size_t cap)
{
	IpmiOpened o;
	/* xRC4 keystream state changes while decrypting: work on a copy and
	 * commit it only when the packet is accepted.  Other suites have no
	 * such state; staging its 288 bytes per packet would cost for nothing. */
	bool xrc4 = c->keys.conf == IPMI_CONF_XRC4_128 || c->keys.conf == IPMI_CONF_XRC4_40;
	IpmiRc4Dir rc4;
	if (xrc4)
		rc4 = c->rc4_rx;
	int rc = ipmi_record_open(&c->keys, &c->kh, xrc4 ? &rc4 : NULL, c->rx_sid, true, dgram, len,
				  &o, plain, cap);
	if (rc >= 0)
		rc = ipmi_seq_check(&c->rx_window, o.seq);
	if (rc >= 0) {
		ipmi_seq_accept(&c->rx_window, o.seq);
		if (xrc4)
			c->rc4_rx = rc4;
	}
	if (xrc4)
		ipmi_wipe(&rc4, sizeof rc4);
	if (rc < 0)
		return rc;
	*out = o;
	return 0;
}

void
ipmi_channel_init(IpmiChannel *c, const IpmiKeys *keys, uint32_t tx_sid, uint32_t rx_sid,
		  IpmiRandomFn rnd, void *rnd_ctx)
{
	memset(c, 0, sizeof *c);
	c->keys = *keys;
	c->tx_sid = tx_sid;
	c->rx_sid = rx_sid;
	c->force_pad = 0xFF;
	c->rnd = rnd;
	c->rnd_ctx = rnd_ctx;
}

void
ipmi_channel_release_handles(IpmiChannel *c)
{
	if (c)
		ipmi_key_handles_close(&c->kh);
}

void
ipmi_channel_wipe(IpmiChannel *c)
{
	ipmi_key_handles_close(&c->kh);
	ipmi_wipe(c, sizeof *c);
	c->force_pad = 0xFF;
}
