/* test-rakp.c - Open Session Request/Response and RAKP 1-4 codecs. */
#include <glib.h>
#include <string.h>

#include "codec-check.h"
#include "core/rakp.h"
#include "core/status.h"
/* ---- Open Session and RAKP ------------------------------------------------------ */

static void
eq_open_req(const IpmiOpenSessionReq *a, const IpmiOpenSessionReq *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->max_priv, ==, b->max_priv);
	g_assert_cmphex(a->console_sid, ==, b->console_sid);
	g_assert_cmphex(a->auth_alg, ==, b->auth_alg);
	g_assert_cmphex(a->integ_alg, ==, b->integ_alg);
	g_assert_cmphex(a->conf_alg, ==, b->conf_alg);
	g_assert_cmpint(a->auth_any, ==, b->auth_any);
	g_assert_cmpint(a->integ_any, ==, b->integ_any);
	g_assert_cmpint(a->conf_any, ==, b->conf_any);
}
CODEC(open_req_codec, IpmiOpenSessionReq, ipmi_open_session_req_decode,
      ipmi_open_session_req_encode, eq_open_req);

static void
test_open_session_req(void)
{
	IpmiOpenSessionReq m = {.max_priv = IPMI_PRIV_ADMIN,
				.console_sid = 0xA0A2A3A4,
				.auth_alg = 1,
				.integ_alg = 1,
				.conf_alg = 1};
	CHECK_STRICT(open_req_codec, open_req_suite3, &m);
	/* Null payloads ([type, 0, 0, 0]: "any algorithm") for auth and conf. */
	static const uint8_t any[] = {0x07, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
				      0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x08,
				      0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};
	IpmiOpenSessionReq a = {
	    .tag = 7, .console_sid = 1, .integ_alg = 2, .auth_any = true, .conf_any = true};
	CHECK_STRICT(open_req_codec, any, &a);
	const size_t n = sizeof open_req_suite3;
	/* Payload length neither 0 nor 8, or 8 with the bytes missing. */
	check_reject(&open_req_codec, open_req_suite3, n, 11, 0x05, IPMI_ERR_LENGTH);
	check_reject(&open_req_codec, open_req_suite3, n, 27, 0x10, IPMI_ERR_LENGTH);
	check_reject(&open_req_codec, any, sizeof any, 23, 0x08, IPMI_ERR_TRUNCATED);
	check_reject(&open_req_codec, any, sizeof any, 11, 0x08, IPMI_ERR_FORMAT);
	/* Payloads out of order. */
	check_reject(&open_req_codec, open_req_suite3, n, 16, 0x02, IPMI_ERR_FORMAT);
	check_trailing(&open_req_codec, open_req_suite3, n, 1, IPMI_ERR_LENGTH);
}

static void
eq_open_rsp(const IpmiOpenSessionRsp *a, const IpmiOpenSessionRsp *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->status, ==, b->status);
	g_assert_cmphex(a->max_priv, ==, b->max_priv);
	g_assert_cmphex(a->console_sid, ==, b->console_sid);
	g_assert_cmphex(a->bmc_sid, ==, b->bmc_sid);
	g_assert_cmphex(a->auth_alg, ==, b->auth_alg);
	g_assert_cmphex(a->integ_alg, ==, b->integ_alg);
	g_assert_cmphex(a->conf_alg, ==, b->conf_alg);
}
CODEC(open_rsp_codec, IpmiOpenSessionRsp, ipmi_open_session_rsp_decode,
      ipmi_open_session_rsp_encode, eq_open_rsp);

static const uint8_t open_rsp_ok[] = {
    0x00, 0x00, 0x04, 0x00, 0xa4, 0xa3, 0xa2, 0xa0, 0x78, 0x56, 0x34, 0x12,
    0x00, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x08,
    0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00,
};

static void
test_open_session_rsp(void)
{
	IpmiOpenSessionRsp m = {.max_priv = IPMI_PRIV_ADMIN,
				.console_sid = 0xA0A2A3A4,
				.bmc_sid = 0x12345678,
				.auth_alg = 1,
				.integ_alg = 1,
				.conf_alg = 1};
	/* Status 0: every field is required, no prefix is valid. */
	CHECK_STRICT(open_rsp_codec, open_rsp_ok, &m);
	/* Status 0x11 (no cipher suite match): the short form stops after the
	 * console session ID; it round-trips. */
	static const uint8_t err[] = {0x00, 0x11, 0x00, 0x00, 0xa4, 0xa3, 0xa2, 0xa0};
	IpmiOpenSessionRsp e = {.status = IPMI_RMCPP_NO_CIPHER_SUITE_MATCH,
				.console_sid = 0xA0A2A3A4};
	CHECK_STRICT(open_rsp_codec, err, &e);
	/* A full-length error answer decodes too; of its prefixes only the
	 * short form (8 bytes) is valid, as above. */
	uint8_t full_err[sizeof open_rsp_ok];
	memcpy(full_err, open_rsp_ok, sizeof full_err);
	full_err[1] = IPMI_RMCPP_NO_CIPHER_SUITE_MATCH;
	IpmiOpenSessionRsp out;
	g_assert_cmpint(ipmi_open_session_rsp_decode(full_err, sizeof full_err, &out), ==,
			sizeof full_err);
	g_assert_cmphex(out.bmc_sid, ==, 0x12345678);
	static const size_t short_ok[] = {8};
	check_prefixes(&open_rsp_codec, full_err, sizeof full_err, short_ok, 1);
	/* The BMC must name its algorithms: a null payload is refused. */
	check_reject(&open_rsp_codec, open_rsp_ok, sizeof open_rsp_ok, 15, 0, IPMI_ERR_LENGTH);
	check_trailing(&open_rsp_codec, open_rsp_ok, sizeof open_rsp_ok, 1, IPMI_ERR_LENGTH);
}

static void
eq_rakp1(const IpmiRakp1 *a, const IpmiRakp1 *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->bmc_sid, ==, b->bmc_sid);
	g_assert_cmpmem(a->rm, 16, b->rm, 16);
	g_assert_cmphex(a->role, ==, b->role);
	g_assert_cmpmem(a->user, a->user_len, b->user, b->user_len);
}
CODEC(rakp1_codec, IpmiRakp1, ipmi_rakp1_decode, ipmi_rakp1_encode, eq_rakp1);

/* 0x01 0x02 ... 0x10, used as Rm; Rc, GUID and codes follow the pattern. */
static void
fill_seq(uint8_t *p, size_t n, uint8_t first)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(first + i);
}

static void
test_rakp1(void)
{
	/* tag, 3 reserved, SIDm, Rm[16], role (admin | name-only), 2 reserved,
	 * name length 5, "admin", then ipmitool's 11 bytes of zero padding. */
	uint8_t w[44] = {0x00, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12};
	fill_seq(w + 8, 16, 0x01);
	w[24] = 0x14;
	w[27] = 5;
	memcpy(w + 28, "admin", 5);
	IpmiRakp1 m = {.bmc_sid = 0x12345678, .role = 0x14, .user_len = 5};
	fill_seq(m.rm, 16, 0x01);
	memcpy(m.user, "admin", 5);
	/* Exactly 28 + name: prefixes fail (TRUNCATED, then the name length
	 * points past the data). */
	check_codec(&rakp1_codec, w, 33, &m, NULL, 0);
	/* ipmitool's 44-byte form decodes the same; its prefixes from 33 on
	 * are valid (less padding), shorter ones are not. */
	IpmiRakp1 out;
	g_assert_cmpint(ipmi_rakp1_decode(w, 44, &out), ==, 44);
	eq_rakp1(&out, &m);
	static const size_t padded_ok[] = {33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43};
	check_prefixes(&rakp1_codec, w, 44, padded_ok, G_N_ELEMENTS(padded_ok));
	/* More than the 16-byte name field. */
	check_trailing(&rakp1_codec, w, 44, 1, IPMI_ERR_LENGTH);
	/* Name length over 16, or past the data. */
	check_reject(&rakp1_codec, w, 44, 27, 17, IPMI_ERR_LENGTH);
	check_reject(&rakp1_codec, w, 33, 27, 6, IPMI_ERR_LENGTH);
	/* An empty name (null user). */
	IpmiRakp1 anon = m;
	anon.user_len = 0;
	w[27] = 0;
	check_codec(&rakp1_codec, w, 28, &anon, NULL, 0);
	uint8_t buf[64];
	anon.user_len = 17;
	g_assert_cmpint(ipmi_rakp1_encode(buf, sizeof buf, &anon), ==, IPMI_ERR_INVALID_ARG);
}

static void
eq_rakp2(const IpmiRakp2 *a, const IpmiRakp2 *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->status, ==, b->status);
	g_assert_cmphex(a->console_sid, ==, b->console_sid);
	g_assert_cmpmem(a->rc, 16, b->rc, 16);
	g_assert_cmpmem(a->guid, 16, b->guid, 16);
	g_assert_cmpmem(a->code, a->code_len, b->code, b->code_len);
}
CODEC(rakp2_codec, IpmiRakp2, ipmi_rakp2_decode, ipmi_rakp2_encode, eq_rakp2);

static void
eq_rakp3(const IpmiRakp3 *a, const IpmiRakp3 *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->status, ==, b->status);
	g_assert_cmphex(a->bmc_sid, ==, b->bmc_sid);
	g_assert_cmpmem(a->code, a->code_len, b->code, b->code_len);
}
CODEC(rakp3_codec, IpmiRakp3, ipmi_rakp3_decode, ipmi_rakp3_encode, eq_rakp3);

static void
eq_rakp4(const IpmiRakp4 *a, const IpmiRakp4 *b)
{
	g_assert_cmphex(a->tag, ==, b->tag);
	g_assert_cmphex(a->status, ==, b->status);
	g_assert_cmphex(a->console_sid, ==, b->console_sid);
	g_assert_cmpmem(a->icv, a->icv_len, b->icv, b->icv_len);
}
CODEC(rakp4_codec, IpmiRakp4, ipmi_rakp4_decode, ipmi_rakp4_encode, eq_rakp4);

/* The lengths from `from` to `to` inclusive, for prefix exceptions. */
static size_t
range(size_t *out, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i <= to; i++)
		out[n++] = i;
	return n;
}

static void
test_rakp2(void)
{
	/* HMAC-SHA1: tag, status, 2 reserved, SIDc, Rc, GUIDc, 20-byte code. */
	uint8_t w[60] = {0x00, 0x00, 0x00, 0x00, 0xa4, 0xa3, 0xa2, 0xa0};
	fill_seq(w + 8, 16, 0x20);
	fill_seq(w + 24, 16, 0x30);
	fill_seq(w + 40, 20, 0x40);
	IpmiRakp2 m = {.console_sid = 0xA0A2A3A4, .code_len = 20};
	fill_seq(m.rc, 16, 0x20);
	fill_seq(m.guid, 16, 0x30);
	fill_seq(m.code, 20, 0x40);
	/* The code is whatever follows the 40 fixed bytes (0 for RAKP-none,
	 * 16 for MD5, 32 for SHA-256), so every prefix from 40 on is a valid
	 * RAKP2 with a shorter code; shorter ones are not. */
	size_t ok[32];
	check_codec(&rakp2_codec, w, sizeof w, &m, ok, range(ok, 40, 59));
	/* A 32-byte code is the most. */
	uint8_t big[40 + 33] = {0};
	IpmiRakp2 out;
	g_assert_cmpint(ipmi_rakp2_decode(big, 72, &out), ==, 72);
	g_assert_cmpint(ipmi_rakp2_decode(big, 73, &out), ==, IPMI_ERR_LENGTH);
	/* Error status 0x0D (unauthorized name): the BMC may stop after SIDc. */
	static const uint8_t err[] = {0x00, 0x0d, 0x00, 0x00, 0xa4, 0xa3, 0xa2, 0xa0};
	IpmiRakp2 e = {.status = IPMI_RMCPP_UNAUTHORIZED_NAME, .console_sid = 0xA0A2A3A4};
	CHECK_STRICT(rakp2_codec, err, &e);
	uint8_t buf[80];
	m.code_len = 33;
	g_assert_cmpint(ipmi_rakp2_encode(buf, sizeof buf, &m), ==, IPMI_ERR_INVALID_ARG);
}

static void
test_rakp3_rakp4(void)
{
	/* RAKP3: tag, status, 2 reserved, SIDm, 20-byte HMAC-SHA1 code.  The
	 * code length depends on the algorithm, so prefixes of 8 and more are
	 * valid RAKP3 messages with shorter codes. */
	uint8_t w3[28] = {0x00, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12};
	fill_seq(w3 + 8, 20, 0x50);
	IpmiRakp3 m3 = {.bmc_sid = 0x12345678, .code_len = 20};
	fill_seq(m3.code, 20, 0x50);
	size_t ok[32];
	check_codec(&rakp3_codec, w3, sizeof w3, &m3, ok, range(ok, 8, 27));
	/* The console's courtesy RAKP3 with an error status and no code. */
	static const uint8_t e3[] = {0x01, 0x0f, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12};
	IpmiRakp3 m3e = {.tag = 1, .status = IPMI_RMCPP_INVALID_ICV, .bmc_sid = 0x12345678};
	CHECK_STRICT(rakp3_codec, e3, &m3e);

	/* RAKP4 with the 12-byte HMAC-SHA1-96 ICV; same reasoning. */
	uint8_t w4[20] = {0x00, 0x00, 0x00, 0x00, 0xa4, 0xa3, 0xa2, 0xa0};
	fill_seq(w4 + 8, 12, 0x60);
	IpmiRakp4 m4 = {.console_sid = 0xA0A2A3A4, .icv_len = 12};
	fill_seq(m4.icv, 12, 0x60);
	check_codec(&rakp4_codec, w4, sizeof w4, &m4, ok, range(ok, 8, 19));

	uint8_t big[8 + 33] = {0};
	IpmiRakp3 o3;
	IpmiRakp4 o4;
	g_assert_cmpint(ipmi_rakp3_decode(big, sizeof big, &o3), ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(ipmi_rakp4_decode(big, sizeof big, &o4), ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(ipmi_rakp4_decode(big, sizeof big - 1, &o4), ==, sizeof big - 1);
	g_assert_cmpuint(o4.icv_len, ==, 32);
}

static void
test_rmcpp_status_str(void)
{
	g_assert_cmpstr(ipmi_rmcpp_status_str(IPMI_RMCPP_OK), ==, "no errors");
	g_assert_nonnull(strstr(ipmi_rmcpp_status_str(IPMI_RMCPP_INVALID_ICV), "integrity"));
	g_assert_cmpstr(ipmi_rmcpp_status_str(0x13), ==, "reserved status code");
	g_assert_cmpstr(ipmi_rmcpp_status_str(0xFF), ==, "reserved status code");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/wire/rakp/open-session-request", test_open_session_req);
	g_test_add_func("/core/wire/rakp/open-session-response", test_open_session_rsp);
	g_test_add_func("/core/wire/rakp/rakp1", test_rakp1);
	g_test_add_func("/core/wire/rakp/rakp2", test_rakp2);
	g_test_add_func("/core/wire/rakp/rakp3-rakp4", test_rakp3_rakp4);
	g_test_add_func("/core/wire/rakp/status-strings", test_rmcpp_status_str);
	return g_test_run();
}
