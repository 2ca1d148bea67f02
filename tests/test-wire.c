/* test-wire.c - buf, RMCP/ASF, IPMI 1.5 and RMCP+ wrappers, the RMCP+
 * trailer and IPMI messages (RAKP codecs: test-rakp.c). */
#include <glib.h>
#include <string.h>

#include "codec-check.h"
#include "core/buf.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/rmcp.h"
#include "core/status.h"

/* ---- buf.c ---------------------------------------------------------------- */

static void
test_buf_reader(void)
{
	static const uint8_t b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
				    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10};
	IpmiReader r;
	ipmi_rd_init(&r, b, sizeof b);
	g_assert_cmphex(ipmi_rd_u8(&r), ==, 0x01);
	g_assert_cmphex(ipmi_rd_u16le(&r), ==, 0x0302);
	g_assert_cmphex(ipmi_rd_u16be(&r), ==, 0x0405);
	g_assert_cmphex(ipmi_rd_u24le(&r), ==, 0x080706);
	g_assert_cmphex(ipmi_rd_u32le(&r), ==, 0x0c0b0a09);
	g_assert_cmphex(ipmi_rd_u32be(&r), ==, 0x0d0e0f10);
	g_assert_cmpint(ipmi_rd_finish(&r), ==, 0);
	/* Sticky: a failed read leaves the error, reads zero, and every
	 * later read is a no-op even where bytes would remain. */
	ipmi_rd_init(&r, b, 3);
	g_assert_cmphex(ipmi_rd_u32le(&r), ==, 0);
	g_assert_cmpint(r.err, ==, IPMI_ERR_TRUNCATED);
	g_assert_cmphex(ipmi_rd_u8(&r), ==, 0);
	g_assert_null(ipmi_rd_bytes(&r, 1));
	g_assert_cmpuint(ipmi_rd_left(&r), ==, 0);
	g_assert_cmpint(ipmi_rd_finish(&r), ==, IPMI_ERR_TRUNCATED);
	g_assert_cmpint(ipmi_rd_status(&r), ==, IPMI_ERR_TRUNCATED);
	uint8_t dst[4] = {9, 9, 9, 9};
	ipmi_rd_copy(&r, dst, sizeof dst);
	g_assert_cmpmem(dst, 4, ((uint8_t[4]){0, 0, 0, 0}), 4);
	/* Unconsumed bytes: finish says LENGTH, status says fine. */
	ipmi_rd_init(&r, b, 2);
	(void)ipmi_rd_u8(&r);
	g_assert_cmpint(ipmi_rd_finish(&r), ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(ipmi_rd_status(&r), ==, 0);
}

static void
test_buf_sub(void)
{
	static const uint8_t b[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	IpmiReader r, sub;
	ipmi_rd_init(&r, b, sizeof b);
	(void)ipmi_rd_u8(&r);
	ipmi_rd_sub(&r, 4, &sub);
	g_assert_cmpint(r.err, ==, 0);
	g_assert_cmpuint(ipmi_rd_left(&sub), ==, 4);
	g_assert_cmphex(ipmi_rd_u32be(&sub), ==, 0x02030405);
	/* The sub-block ends where its length says, whatever the parent has. */
	g_assert_cmphex(ipmi_rd_u8(&sub), ==, 0);
	g_assert_cmpint(sub.err, ==, IPMI_ERR_TRUNCATED);
	g_assert_cmpint(r.err, ==, 0);
	g_assert_cmphex(ipmi_rd_u8(&r), ==, 6);
	/* A sub-block longer than the parent's rest is a length error in both,
	 * and the sub reader is empty. */
	ipmi_rd_sub(&r, 5, &sub);
	g_assert_cmpint(r.err, ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(sub.err, ==, IPMI_ERR_LENGTH);
	g_assert_cmpuint(ipmi_rd_left(&sub), ==, 0);
	g_assert_cmphex(ipmi_rd_u8(&sub), ==, 0);
	/* A sub-block of a failed parent is failed too. */
	ipmi_rd_sub(&r, 0, &sub);
	g_assert_cmpint(sub.err, ==, IPMI_ERR_LENGTH);
	/* Exactly the rest is fine. */
	ipmi_rd_init(&r, b, sizeof b);
	ipmi_rd_sub(&r, sizeof b, &sub);
	g_assert_cmpint(ipmi_rd_finish(&r), ==, 0);
	g_assert_cmpuint(ipmi_rd_left(&sub), ==, sizeof b);
}

static void
test_buf_writer(void)
{
	uint8_t buf[32];
	IpmiWriter w;
	ipmi_wr_init(&w, buf, sizeof buf);
	ipmi_wr_u8(&w, 0x01);
	ipmi_wr_u16le(&w, 0x0302);
	ipmi_wr_u16be(&w, 0x0405);
	ipmi_wr_u24le(&w, 0x080706);
	ipmi_wr_u32le(&w, 0x0c0b0a09);
	ipmi_wr_u32be(&w, 0x0d0e0f10);
	ipmi_wr_bytes(&w, "\x11\x12", 2);
	ipmi_wr_fill(&w, 0xFF, 2);
	static const uint8_t want[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
				       0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0xff, 0xff};
	g_assert_cmpint(ipmi_wr_finish(&w), ==, sizeof want);
	g_assert_cmpmem(buf, sizeof want, want, sizeof want);
	/* Sticky NOBUF, and nothing written past the capacity. */
	memset(buf, 0xA5, sizeof buf);
	ipmi_wr_init(&w, buf, 3);
	ipmi_wr_u32le(&w, 0x11223344);
	g_assert_cmpint(w.err, ==, IPMI_ERR_NOBUF);
	ipmi_wr_u8(&w, 0x55); /* would fit, but the writer has failed */
	g_assert_null(ipmi_wr_reserve(&w, 0));
	g_assert_cmpint(ipmi_wr_finish(&w), ==, IPMI_ERR_NOBUF);
	for (size_t i = 0; i < sizeof buf; i++)
		g_assert_cmphex(buf[i], ==, 0xA5);
}

/* ---- RMCP / ASF ------------------------------------------------------------ */

static void
eq_rmcp(const IpmiRmcpHeader *a, const IpmiRmcpHeader *b)
{
	g_assert_cmphex(a->version, ==, b->version);
	g_assert_cmphex(a->seq, ==, b->seq);
	g_assert_cmphex(a->msg_class, ==, b->msg_class);
}
CODEC(rmcp_codec, IpmiRmcpHeader, ipmi_rmcp_decode, ipmi_rmcp_encode, eq_rmcp);

static void
test_rmcp(void)
{
	static const uint8_t ipmi[] = {0x06, 0x00, 0xff, 0x07};
	IpmiRmcpHeader h = {IPMI_RMCP_VERSION, IPMI_RMCP_SEQ_NO_ACK, IPMI_RMCP_CLASS_IPMI};
	CHECK_STRICT(rmcp_codec, ipmi, &h);
	/* An RMCP ACK: class bit 7 kept as it is. */
	static const uint8_t ack[] = {0x06, 0x00, 0x05, 0x86};
	IpmiRmcpHeader a = {IPMI_RMCP_VERSION, 5, IPMI_RMCP_CLASS_ACK | IPMI_RMCP_CLASS_ASF};
	CHECK_STRICT(rmcp_codec, ack, &a);
	/* Version other than 6 (RMCP 1.0). */
	for (unsigned v = 0; v < 256; v++)
		if (v != IPMI_RMCP_VERSION)
			check_reject(&rmcp_codec, ipmi, sizeof ipmi, 0, (uint8_t)v,
				     IPMI_ERR_FORMAT);
	/* The decoder takes the front of a datagram. */
	IpmiRmcpHeader out;
	static const uint8_t dgram[] = {0x06, 0x00, 0xff, 0x07, 0x06, 0x10};
	g_assert_cmpint(ipmi_rmcp_decode(dgram, sizeof dgram, &out), ==, 4);
}

static void
eq_asf(const IpmiAsfMessage *a, const IpmiAsfMessage *b)
{
	g_assert_cmpuint(a->iana, ==, b->iana);
	g_assert_cmphex(a->type, ==, b->type);
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmpuint(a->oem_iana, ==, b->oem_iana);
	g_assert_cmpuint(a->oem_defined, ==, b->oem_defined);
	g_assert_cmphex(a->supported_entities, ==, b->supported_entities);
	g_assert_cmphex(a->supported_interactions, ==, b->supported_interactions);
}
CODEC(asf_codec, IpmiAsfMessage, ipmi_asf_decode, ipmi_asf_encode, eq_asf);

static void
test_asf(void)
{
	/* ipmitool's presence ping, after the RMCP header 06 00 ff 06. */
	static const uint8_t ping[] = {0x00, 0x00, 0x11, 0xbe, 0x80, 0x05, 0x00, 0x00};
	IpmiAsfMessage p = {.iana = IPMI_ASF_IANA, .type = IPMI_ASF_TYPE_PING, .tag = 5};
	CHECK_STRICT(asf_codec, ping, &p);
	/* The pong ipmitool documents: IPMI supported, ASF 1.0. */
	static const uint8_t pong[] = {0x00, 0x00, 0x11, 0xbe, 0x40, 0x05, 0x00, 0x10,
				       0x00, 0x00, 0x11, 0xbe, 0x00, 0x00, 0x00, 0x00,
				       0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	IpmiAsfMessage q = {.iana = IPMI_ASF_IANA,
			    .type = IPMI_ASF_TYPE_PONG,
			    .tag = 5,
			    .oem_iana = IPMI_ASF_IANA,
			    .supported_entities = 0x81};
	CHECK_STRICT(asf_codec, pong, &q);
	/* A data length pointing past the datagram. */
	check_reject(&asf_codec, ping, sizeof ping, 7, 1, IPMI_ERR_LENGTH);
	/* A pong too short to carry its fields. */
	check_reject(&asf_codec, pong, 16, 7, 8, IPMI_ERR_FORMAT);
	uint8_t buf[32];
	IpmiAsfMessage bad = {.type = 0x10};
	g_assert_cmpint(ipmi_asf_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);
}

/* ---- IPMI 1.5 session wrapper ---------------------------------------------- */

static void
eq_v15(const IpmiV15Packet *a, const IpmiV15Packet *b)
{
	g_assert_cmphex(a->auth_type, ==, b->auth_type);
	g_assert_cmphex(a->seq, ==, b->seq);
	g_assert_cmphex(a->session_id, ==, b->session_id);
	if (a->auth_type != IPMI_AUTHTYPE_NONE)
		g_assert_cmpmem(a->auth_code, 16, b->auth_code, 16);
	g_assert_cmpmem(a->payload, a->payload_len, b->payload, b->payload_len);
}
CODEC(v15_codec, IpmiV15Packet, ipmi_v15_decode, ipmi_v15_encode, eq_v15);

/* Get Channel Authentication Capabilities exactly as ipmitool -I lanplus
 * sends it (after the RMCP header): auth type none, seq 0, session 0,
 * length 9, then 20 18 c8 81 00 38 8e 04 b5. */
static const uint8_t v15_auth_caps[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
					0x20, 0x18, 0xc8, 0x81, 0x00, 0x38, 0x8e, 0x04, 0xb5};

static void
test_v15(void)
{
	IpmiV15Packet p = {
	    .auth_type = IPMI_AUTHTYPE_NONE, .payload = v15_auth_caps + 10, .payload_len = 9};
	CHECK_STRICT(v15_codec, v15_auth_caps, &p);

	/* MD5 session packet: the 16-byte auth code sits before the length. */
	uint8_t md5[1 + 4 + 4 + 16 + 1 + 7];
	md5[0] = IPMI_AUTHTYPE_MD5;
	memcpy(md5 + 1, "\x11\x22\x33\x44", 4);
	memcpy(md5 + 5, "\x01\x02\x03\x04", 4);
	for (int i = 0; i < 16; i++)
		md5[9 + i] = (uint8_t)(0xA0 + i);
	md5[25] = 7;
	memcpy(md5 + 26, "\x20\x18\xc8\x81\x04\x01\x7a", 7);
	IpmiV15Packet m = {.auth_type = IPMI_AUTHTYPE_MD5,
			   .seq = 0x44332211,
			   .session_id = 0x04030201,
			   .payload = md5 + 26,
			   .payload_len = 7};
	memcpy(m.auth_code, md5 + 9, 16);
	CHECK_STRICT(v15_codec, md5, &m);

	/* The legacy pad: one zero byte accepted (and consumed) ... */
	IpmiV15Packet out;
	uint8_t padded[sizeof v15_auth_caps + 2];
	memcpy(padded, v15_auth_caps, sizeof v15_auth_caps);
	padded[sizeof v15_auth_caps] = 0;
	padded[sizeof v15_auth_caps + 1] = 0;
	g_assert_cmpint(ipmi_v15_decode(padded, sizeof v15_auth_caps + 1, &out), ==,
			sizeof v15_auth_caps + 1);
	g_assert_cmpuint(out.payload_len, ==, 9);
	/* ... but not two, and not a non-zero one. */
	check_trailing(&v15_codec, v15_auth_caps, sizeof v15_auth_caps, 2, IPMI_ERR_LENGTH);
	padded[sizeof v15_auth_caps] = 0x01;
	g_assert_cmpint(ipmi_v15_decode(padded, sizeof v15_auth_caps + 1, &out), ==,
			IPMI_ERR_LENGTH);
	/* A length byte pointing past the data. */
	check_reject(&v15_codec, v15_auth_caps, sizeof v15_auth_caps, 9, 10, IPMI_ERR_LENGTH);
	/* Auth type 3 is reserved, 6 is RMCP+ (another decoder). */
	check_reject(&v15_codec, v15_auth_caps, sizeof v15_auth_caps, 0, 3, IPMI_ERR_FORMAT);
	check_reject(&v15_codec, v15_auth_caps, sizeof v15_auth_caps, 0, 6, IPMI_ERR_FORMAT);
}

/* ---- RMCP+ header ------------------------------------------------------------ */

static void
test_v2_header(void)
{
	/* The whole datagram: RMCP, then auth type 6, payload type 0x10,
	 * session ID 0, sequence 0, length 32, payload. */
	uint8_t dgram[4 + 12 + sizeof open_req_suite3] = {0x06, 0x00, 0xff, 0x07, 0x06, 0x10,
							  0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
							  0x00, 0x00, 0x20, 0x00};
	memcpy(dgram + 16, open_req_suite3, sizeof open_req_suite3);
	IpmiRmcpHeader rh;
	g_assert_cmpint(ipmi_rmcp_decode(dgram, sizeof dgram, &rh), ==, 4);
	const uint8_t *s = dgram + 4;
	size_t slen = sizeof dgram - 4;
	IpmiV2Header h;
	g_assert_cmpint(ipmi_v2_header_decode(s, slen, &h), ==, (int)slen);
	g_assert_cmphex(h.payload_type, ==, IPMI_PAYLOAD_OPEN_SESSION_REQ);
	g_assert_false(h.encrypted);
	g_assert_false(h.authenticated);
	g_assert_cmpuint(h.session_id, ==, 0);
	g_assert_cmpuint(h.seq, ==, 0);
	g_assert_cmpuint(h.header_len, ==, 12);
	g_assert_true(h.payload == s + 12);
	g_assert_cmpuint(h.payload_len, ==, 32);
	uint8_t buf[32];
	g_assert_cmpint(ipmi_v2_header_encode(buf, sizeof buf, &h), ==, 12);
	g_assert_cmpmem(buf, 12, s, 12);
	for (size_t cap = 0; cap < 12; cap++)
		g_assert_cmpint(ipmi_v2_header_encode(buf, cap, &h), ==, IPMI_ERR_NOBUF);
	/* Every prefix: the fixed part is TRUNCATED, then the length points
	 * past the data. */
	for (size_t n = 0; n < slen; n++)
		g_assert_cmpint(ipmi_v2_header_decode(s, n, &h), ==,
				n < 12 ? IPMI_ERR_TRUNCATED : IPMI_ERR_LENGTH);
	/* Not auth type 6. */
	uint8_t v15[sizeof v15_auth_caps];
	memcpy(v15, v15_auth_caps, sizeof v15);
	g_assert_cmpint(ipmi_v2_header_decode(v15, sizeof v15, &h), ==, IPMI_ERR_FORMAT);

	/* Encrypted + authenticated IPMI payload, session 0x12345678, seq 3,
	 * with the trailer left for ipmi_v2_trailer_decode. */
	static const uint8_t sealed[] = {0x06, 0xc0, 0x78, 0x56, 0x34, 0x12, 0x03, 0x00, 0x00,
					 0x00, 0x02, 0x00, 0xaa, 0xbb, 0xff, 0xff, 0x02, 0x07};
	g_assert_cmpint(ipmi_v2_header_decode(sealed, sizeof sealed, &h), ==, 14);
	g_assert_cmphex(h.payload_type, ==, IPMI_PAYLOAD_IPMI);
	g_assert_true(h.encrypted && h.authenticated);
	g_assert_cmphex(h.session_id, ==, 0x12345678);
	g_assert_cmpuint(h.seq, ==, 3);
	g_assert_cmpint(ipmi_v2_header_encode(buf, sizeof buf, &h), ==, 12);
	g_assert_cmpmem(buf, 12, sealed, 12);

	/* OEM explicit payload: IANA (4, LE) and OEM payload ID (2, LE) follow
	 * the payload type. */
	static const uint8_t oem[] = {0x06, 0x02, 0xa2, 0x02, 0x00, 0x00, 0x34, 0x12, 0x01, 0x00,
				      0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x01, 0x00, 0x99};
	g_assert_cmpint(ipmi_v2_header_decode(oem, sizeof oem, &h), ==, sizeof oem);
	g_assert_cmphex(h.payload_type, ==, IPMI_PAYLOAD_OEM);
	g_assert_cmpuint(h.oem_iana, ==, 674);
	g_assert_cmphex(h.oem_payload_id, ==, 0x1234);
	g_assert_cmpuint(h.session_id, ==, 1);
	g_assert_cmpuint(h.seq, ==, 5);
	g_assert_cmpuint(h.header_len, ==, 18);
	g_assert_cmpuint(h.payload_len, ==, 1);
	g_assert_cmpint(ipmi_v2_header_encode(buf, sizeof buf, &h), ==, 18);
	g_assert_cmpmem(buf, 18, oem, 18);
	for (size_t n = 0; n < sizeof oem; n++)
		g_assert_cmpint(ipmi_v2_header_decode(oem, n, &h), <, 0);

	IpmiV2Header bad = {.payload_type = 0x40};
	g_assert_cmpint(ipmi_v2_header_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);
	bad.payload_type = 0;
	bad.payload_len = 0x10000;
	g_assert_cmpint(ipmi_v2_header_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);
}

/* ---- RMCP+ trailer ------------------------------------------------------------ */

/* Build an authenticated packet from auth type on: header, payload_len
 * bytes, pad 0xFF x pad, pad length, next header, mac_len MAC bytes. */
static size_t
build_sealed(uint8_t *p, size_t payload_len, size_t pad, size_t mac_len)
{
	static const uint8_t hdr[] = {0x06, 0x40, 0x78, 0x56, 0x34, 0x12, 0x03, 0x00, 0x00, 0x00};
	memcpy(p, hdr, sizeof hdr);
	p[10] = (uint8_t)payload_len;
	p[11] = 0;
	size_t n = 12;
	for (size_t i = 0; i < payload_len; i++)
		p[n++] = (uint8_t)(0x10 + i);
	for (size_t i = 0; i < pad; i++)
		p[n++] = 0xFF;
	p[n++] = (uint8_t)pad;
	p[n++] = IPMI_NEXT_HEADER;
	for (size_t i = 0; i < mac_len; i++)
		p[n++] = (uint8_t)(0xC0 + i);
	return n;
}

static void
test_v2_trailer(void)
{
	uint8_t p[128];
	IpmiV2Header h;
	IpmiV2Trailer t;
	/* Pad 0..4 accepted, whatever the alignment, for each MAC length. */
	static const size_t macs[] = {0, 12, 16};
	for (size_t m = 0; m < G_N_ELEMENTS(macs); m++) {
		for (size_t pad = 0; pad <= 4; pad++) {
			size_t len = build_sealed(p, 9, pad, macs[m]);
			g_assert_cmpint(ipmi_v2_header_decode(p, len, &h), ==, 21);
			g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, macs[m], &t), ==,
					(int)len);
			g_assert_cmpuint(t.pad_len, ==, pad);
			g_assert_cmphex(t.next_header, ==, IPMI_NEXT_HEADER);
			g_assert_cmpuint(t.auth_code_len, ==, macs[m]);
			g_assert_true(t.auth_code == p + len - macs[m]);
			g_assert_cmpuint(t.covered_len, ==, len - macs[m]);
			/* Every shorter packet is refused. */
			for (size_t n = 0; n < len; n++)
				g_assert_cmpint(ipmi_v2_trailer_decode(p, n, &h, macs[m], &t), <,
						0);
		}
	}
	/* Pad length 5 (with five pad bytes): refused as a pad error. */
	size_t len = build_sealed(p, 8, 5, 12);
	ipmi_v2_header_decode(p, len, &h);
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_PAD);
	/* A pad byte that is not 0xFF. */
	for (size_t i = 0; i < 3; i++) {
		len = build_sealed(p, 9, 3, 12);
		g_assert_cmpint(ipmi_v2_header_decode(p, len, &h), ==, 21);
		p[21 + i] = 0xFE;
		g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_PAD);
	}
	/* Next header other than 7. */
	len = build_sealed(p, 9, 3, 12);
	p[len - 13] = 0x06;
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_FORMAT);
	/* Pad length disagreeing with the bytes there: total length mismatch. */
	len = build_sealed(p, 9, 2, 12);
	p[len - 14] = 3;
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_LENGTH);
	len = build_sealed(p, 9, 3, 12);
	p[len - 14] = 1;
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_LENGTH);
	/* The wrong MAC length for the packet shifts everything: refused. */
	len = build_sealed(p, 9, 3, 12);
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 16, &t), <, 0);
	/* No trailer without the authenticated bit. */
	h.authenticated = false;
	g_assert_cmpint(ipmi_v2_trailer_decode(p, len, &h, 12, &t), ==, IPMI_ERR_FORMAT);
}

static void
test_v2_integrity_pad(void)
{
	/* header + payload + pad + pad length + next header = 0 mod 4 */
	for (size_t n = 12; n < 64; n++) {
		size_t pad = ipmi_v2_integrity_pad(n);
		g_assert_cmpuint(pad, <=, 3);
		g_assert_cmpuint((n + pad + 2) % 4, ==, 0);
	}
	g_assert_cmpuint(ipmi_v2_integrity_pad(12 + 32), ==, 2);
	g_assert_cmpuint(ipmi_v2_integrity_pad(12 + 34), ==, 0);
}

/* ---- IPMI messages ------------------------------------------------------------- */

static void
eq_msg(const IpmiMsg *a, const IpmiMsg *b)
{
	g_assert_cmphex(a->dst_addr, ==, b->dst_addr);
	g_assert_cmphex(a->netfn, ==, b->netfn);
	g_assert_cmphex(a->dst_lun, ==, b->dst_lun);
	g_assert_cmphex(a->src_addr, ==, b->src_addr);
	g_assert_cmphex(a->rq_seq, ==, b->rq_seq);
	g_assert_cmphex(a->src_lun, ==, b->src_lun);
	g_assert_cmphex(a->cmd, ==, b->cmd);
	g_assert_cmphex(a->cc, ==, b->cc);
	g_assert_cmpmem(a->data, a->data_len, b->data, b->data_len);
}
CODEC(msg_codec, IpmiMsg, ipmi_msg_decode, ipmi_msg_encode, eq_msg);

/* No length field: a truncated message is caught by its checksums, which
 * these examples were checked to fail for every prefix. */
static void
test_msg(void)
{
	static const uint8_t get_dev_id[] = {0x20, 0x18, 0xc8, 0x81, 0x04, 0x01, 0x7a};
	IpmiMsg r = {
	    .dst_addr = 0x20, .netfn = IPMI_NETFN_APP, .src_addr = 0x81, .rq_seq = 1, .cmd = 0x01};
	CHECK_STRICT(msg_codec, get_dev_id, &r);

	static const uint8_t *caps = v15_auth_caps + 10;
	IpmiMsg c = {.dst_addr = 0x20,
		     .netfn = IPMI_NETFN_APP,
		     .src_addr = 0x81,
		     .cmd = 0x38,
		     .data = (const uint8_t *)"\x8e\x04",
		     .data_len = 2};
	check_codec(&msg_codec, caps, 9, &c, NULL, 0);

	/* The BMC's answer: rqSA 81, netFn 7, rsSA 20, cc 0, 8 data bytes. */
	static const uint8_t caps_rsp[] = {0x81, 0x1c, 0x63, 0x20, 0x00, 0x38, 0x00, 0x01,
					   0x97, 0x04, 0x03, 0xa2, 0x02, 0x00, 0x00, 0x65};
	IpmiMsg rsp = {.dst_addr = 0x81,
		       .netfn = IPMI_NETFN_APP | 1,
		       .src_addr = 0x20,
		       .cmd = 0x38,
		       .cc = 0x00,
		       .data = caps_rsp + 7,
		       .data_len = 8};
	CHECK_STRICT(msg_codec, caps_rsp, &rsp);
	/* A response needs its completion code. */
	static const uint8_t no_cc[] = {0x81, 0x1c, 0x63, 0x20, 0x00, 0x38, 0xa8};
	IpmiMsg out;
	g_assert_cmpint(ipmi_msg_decode(no_cc, sizeof no_cc, &out), ==, IPMI_ERR_TRUNCATED);

	/* Corrupted checksums, and corrupted bytes under each checksum. */
	check_reject(&msg_codec, caps_rsp, sizeof caps_rsp, 2, 0x64, IPMI_ERR_CHECKSUM);
	check_reject(&msg_codec, caps_rsp, sizeof caps_rsp, 15, 0x66, IPMI_ERR_CHECKSUM);
	check_reject(&msg_codec, caps_rsp, sizeof caps_rsp, 0, 0x82, IPMI_ERR_CHECKSUM);
	check_reject(&msg_codec, caps_rsp, sizeof caps_rsp, 9, 0x05, IPMI_ERR_CHECKSUM);
	check_reject(&msg_codec, get_dev_id, sizeof get_dev_id, 6, 0x7b, IPMI_ERR_CHECKSUM);

	uint8_t buf[16];
	IpmiMsg bad = r;
	bad.netfn = 0x40;
	g_assert_cmpint(ipmi_msg_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);
	bad = r;
	bad.rq_seq = 64;
	g_assert_cmpint(ipmi_msg_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);
	bad = r;
	bad.src_lun = 4;
	g_assert_cmpint(ipmi_msg_encode(buf, sizeof buf, &bad), ==, IPMI_ERR_INVALID_ARG);

	/* The checksum of a complete message's bytes is zero. */
	g_assert_cmphex(ipmi_checksum(caps_rsp, 3), ==, 0);
	g_assert_cmphex(ipmi_checksum(caps_rsp + 3, sizeof caps_rsp - 3), ==, 0);
	g_assert_cmphex(ipmi_checksum(caps_rsp, 2), ==, 0x63);
}

static void
test_msg_response_to(void)
{
	IpmiMsg req = {.dst_addr = 0x20,
		       .netfn = IPMI_NETFN_APP,
		       .dst_lun = 0,
		       .src_addr = 0x81,
		       .rq_seq = 0x2a,
		       .src_lun = 2,
		       .cmd = 0x3b,
		       .data = (const uint8_t *)"\x04",
		       .data_len = 1};
	IpmiMsg rsp;
	ipmi_msg_response_to(&req, &rsp, 0xc1);
	g_assert_cmphex(rsp.dst_addr, ==, 0x81);
	g_assert_cmphex(rsp.dst_lun, ==, 2);
	g_assert_cmphex(rsp.src_addr, ==, 0x20);
	g_assert_cmphex(rsp.src_lun, ==, 0);
	g_assert_cmphex(rsp.netfn, ==, IPMI_NETFN_APP | 1);
	g_assert_true(ipmi_msg_is_response(&rsp));
	g_assert_cmphex(rsp.rq_seq, ==, 0x2a);
	g_assert_cmphex(rsp.cmd, ==, 0x3b);
	g_assert_cmphex(rsp.cc, ==, 0xc1);
	g_assert_cmpuint(rsp.data_len, ==, 0);
	uint8_t buf[16];
	IpmiMsg back;
	int n = ipmi_msg_encode(buf, sizeof buf, &rsp);
	g_assert_cmpint(n, ==, 8);
	g_assert_cmpint(ipmi_msg_decode(buf, (size_t)n, &back), ==, 8);
	eq_msg(&back, &rsp);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/wire/buf/reader", test_buf_reader);
	g_test_add_func("/core/wire/buf/sub-block", test_buf_sub);
	g_test_add_func("/core/wire/buf/writer", test_buf_writer);
	g_test_add_func("/core/wire/rmcp/header", test_rmcp);
	g_test_add_func("/core/wire/rmcp/asf-ping-pong", test_asf);
	g_test_add_func("/core/wire/v15/packet", test_v15);
	g_test_add_func("/core/wire/v2/header", test_v2_header);
	g_test_add_func("/core/wire/v2/trailer", test_v2_trailer);
	g_test_add_func("/core/wire/v2/integrity-pad", test_v2_integrity_pad);
	g_test_add_func("/core/wire/msg/codec", test_msg);
	g_test_add_func("/core/wire/msg/response-to", test_msg_response_to);
	return g_test_run();
}
