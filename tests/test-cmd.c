/* test-cmd.c - session command codecs (cmd_session.h) and Send Message /
 * IPMB bridging (cmd_bridge.h). */
#include <glib.h>
#include <string.h>

#include "codec-check.h"
#include "core/cmd_bridge.h"
#include "core/cmd_session.h"
#include "core/msg.h"
#include "core/status.h"

/* ---- Get Channel Authentication Capabilities ----------------------------- */

static void
eq_caps_req(const IpmiGetChannelAuthCapsReq *a, const IpmiGetChannelAuthCapsReq *b)
{
	g_assert_cmpint(a->v2_data, ==, b->v2_data);
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmphex(a->max_priv, ==, b->max_priv);
}
CODEC(caps_req_codec, IpmiGetChannelAuthCapsReq, ipmi_get_channel_auth_caps_req_decode,
      ipmi_get_channel_auth_caps_req_encode, eq_caps_req);

static void
eq_caps_rsp(const IpmiGetChannelAuthCapsRsp *a, const IpmiGetChannelAuthCapsRsp *b)
{
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmpint(a->v2_ext, ==, b->v2_ext);
	g_assert_cmphex(a->auth_types, ==, b->auth_types);
	g_assert_cmpint(a->kg_set, ==, b->kg_set);
	g_assert_cmpint(a->per_msg_auth_disabled, ==, b->per_msg_auth_disabled);
	g_assert_cmpint(a->user_auth_disabled, ==, b->user_auth_disabled);
	g_assert_cmpint(a->non_null_users, ==, b->non_null_users);
	g_assert_cmpint(a->null_users, ==, b->null_users);
	g_assert_cmpint(a->anonymous, ==, b->anonymous);
	g_assert_cmpint(a->supports_v20, ==, b->supports_v20);
	g_assert_cmpint(a->supports_v15, ==, b->supports_v15);
	g_assert_cmphex(a->oem_iana, ==, b->oem_iana);
	g_assert_cmphex(a->oem_aux, ==, b->oem_aux);
}
CODEC(caps_rsp_codec, IpmiGetChannelAuthCapsRsp, ipmi_get_channel_auth_caps_rsp_decode,
      ipmi_get_channel_auth_caps_rsp_encode, eq_caps_rsp);

static void
test_auth_caps(void)
{
	/* ipmitool -I lanplus: v2.0 data, current channel, admin. */
	static const uint8_t req[] = {0x8e, 0x04};
	IpmiGetChannelAuthCapsReq q = {
	    .v2_data = true, .channel = IPMI_CHANNEL_CURRENT, .max_priv = 4};
	CHECK_STRICT(caps_req_codec, req, &q);
	check_trailing(&caps_req_codec, req, sizeof req, 1, IPMI_ERR_LENGTH);
	/* An IPMI 2.0 BMC on channel 1: v2 extended data, password/MD5/MD2/
	 * none, non-null user names, 1.5 and 2.0, OEM IANA 674 (LE24). */
	static const uint8_t rsp[] = {0x01, 0x97, 0x04, 0x03, 0xa2, 0x02, 0x00, 0x00};
	IpmiGetChannelAuthCapsRsp r = {
	    .channel = 1,
	    .v2_ext = true,
	    .auth_types =
		IPMI_AUTHCAP_PASSWORD | IPMI_AUTHCAP_MD5 | IPMI_AUTHCAP_MD2 | IPMI_AUTHCAP_NONE,
	    .non_null_users = true,
	    .supports_v20 = true,
	    .supports_v15 = true,
	    .oem_iana = 674,
	};
	CHECK_STRICT(caps_rsp_codec, rsp, &r);
	/* Every status bit, the OEM auth type, an OEM aux byte. */
	static const uint8_t all[] = {0x02, 0x20, 0x3f, 0x02, 0x56, 0x34, 0x12, 0x9a};
	IpmiGetChannelAuthCapsRsp a = {
	    .channel = 2,
	    .auth_types = IPMI_AUTHCAP_OEM,
	    .kg_set = true,
	    .per_msg_auth_disabled = true,
	    .user_auth_disabled = true,
	    .non_null_users = true,
	    .null_users = true,
	    .anonymous = true,
	    .supports_v20 = true,
	    .oem_iana = 0x123456,
	    .oem_aux = 0x9a,
	};
	CHECK_STRICT(caps_rsp_codec, all, &a);
	check_trailing(&caps_rsp_codec, rsp, sizeof rsp, 1, IPMI_ERR_LENGTH);
	uint8_t buf[16];
	a.oem_iana = 0x1000000;
	g_assert_cmpint(ipmi_get_channel_auth_caps_rsp_encode(buf, sizeof buf, &a), ==,
			IPMI_ERR_INVALID_ARG);
	q.channel = 0x10;
	g_assert_cmpint(ipmi_get_channel_auth_caps_req_encode(buf, sizeof buf, &q), ==,
			IPMI_ERR_INVALID_ARG);
}

/* ---- Set Session Privilege Level / Close Session -------------------------- */

static void
eq_priv_req(const IpmiSetSessionPrivReq *a, const IpmiSetSessionPrivReq *b)
{
	g_assert_cmphex(a->priv, ==, b->priv);
}
CODEC(priv_req_codec, IpmiSetSessionPrivReq, ipmi_set_session_priv_req_decode,
      ipmi_set_session_priv_req_encode, eq_priv_req);

static void
eq_priv_rsp(const IpmiSetSessionPrivRsp *a, const IpmiSetSessionPrivRsp *b)
{
	g_assert_cmphex(a->priv, ==, b->priv);
}
CODEC(priv_rsp_codec, IpmiSetSessionPrivRsp, ipmi_set_session_priv_rsp_decode,
      ipmi_set_session_priv_rsp_encode, eq_priv_rsp);

static void
test_set_session_priv(void)
{
	static const uint8_t admin[] = {0x04};
	static const uint8_t report[] = {0x00};
	IpmiSetSessionPrivReq q = {4}, z = {0};
	IpmiSetSessionPrivRsp r = {4};
	CHECK_STRICT(priv_req_codec, admin, &q);
	CHECK_STRICT(priv_req_codec, report, &z);
	CHECK_STRICT(priv_rsp_codec, admin, &r);
	check_trailing(&priv_req_codec, admin, 1, 1, IPMI_ERR_LENGTH);
	check_trailing(&priv_rsp_codec, admin, 1, 1, IPMI_ERR_LENGTH);
	uint8_t buf[4];
	q.priv = 0x10;
	g_assert_cmpint(ipmi_set_session_priv_req_encode(buf, sizeof buf, &q), ==,
			IPMI_ERR_INVALID_ARG);
}

static void
eq_close_req(const IpmiCloseSessionReq *a, const IpmiCloseSessionReq *b)
{
	g_assert_cmphex(a->session_id, ==, b->session_id);
	if (a->session_id == 0)
		g_assert_cmphex(a->handle, ==, b->handle);
}
CODEC(close_req_codec, IpmiCloseSessionReq, ipmi_close_session_req_decode,
      ipmi_close_session_req_encode, eq_close_req);

static void
test_close_session(void)
{
	/* The BMC's session ID, as ipmitool closes its session. */
	static const uint8_t by_id[] = {0x78, 0x56, 0x34, 0x12};
	IpmiCloseSessionReq q = {.session_id = 0x12345678};
	CHECK_STRICT(close_req_codec, by_id, &q);
	/* Session ID 0: the handle byte follows, and is required (the 4-byte
	 * prefix is therefore rejected like the others). */
	static const uint8_t by_handle[] = {0x00, 0x00, 0x00, 0x00, 0x07};
	IpmiCloseSessionReq h = {.session_id = 0, .handle = 7};
	CHECK_STRICT(close_req_codec, by_handle, &h);
	/* A handle byte after a non-zero ID is one byte too many. */
	check_trailing(&close_req_codec, by_id, sizeof by_id, 1, IPMI_ERR_LENGTH);
	/* The response is the completion code alone. */
	uint8_t buf[4] = {0};
	g_assert_cmpint(ipmi_close_session_rsp_decode(buf, 0), ==, 0);
	g_assert_cmpint(ipmi_close_session_rsp_decode(buf, 1), ==, IPMI_ERR_LENGTH);
	g_assert_cmpint(ipmi_close_session_rsp_encode(buf, 0), ==, 0);
}

/* ---- Get Channel Cipher Suites ---------------------------------------------- */

static void
eq_cs_req(const IpmiGetCipherSuitesReq *a, const IpmiGetCipherSuitesReq *b)
{
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmphex(a->payload_type, ==, b->payload_type);
	g_assert_cmpint(a->by_suite, ==, b->by_suite);
	g_assert_cmphex(a->index, ==, b->index);
}
CODEC(cs_req_codec, IpmiGetCipherSuitesReq, ipmi_get_cipher_suites_req_decode,
      ipmi_get_cipher_suites_req_encode, eq_cs_req);

static void
eq_cs_rsp(const IpmiGetCipherSuitesRsp *a, const IpmiGetCipherSuitesRsp *b)
{
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmpmem(a->data, a->data_len, b->data, b->data_len);
}
CODEC(cs_rsp_codec, IpmiGetCipherSuitesRsp, ipmi_get_cipher_suites_rsp_decode,
      ipmi_get_cipher_suites_rsp_encode, eq_cs_rsp);

/* Suites 0, 1, 2, 3 and 17 plus an OEM suite 0x80 (IANA 674), as records:
 * C0 id auth 40|integ 80|conf; C1 id IANA(LE24) auth integ conf. */
static const uint8_t suite_stream[] = {
    0xc0, 0x00, 0x00, 0x40, 0x80, 0xc0, 0x01, 0x01, 0x40, 0x80, 0xc0,
    0x02, 0x01, 0x41, 0x80, 0xc0, 0x03, 0x01, 0x41, 0x81, 0xc0, 0x11,
    0x03, 0x44, 0x81, 0xc1, 0x80, 0xa2, 0x02, 0x00, 0x01, 0x41, 0x81,
};
static const IpmiCipherSuiteRecord suite_records[] = {
    {.id = 0, .auth = 0, .integ = 0, .conf = 0},
    {.id = 1, .auth = 1, .integ = 0, .conf = 0},
    {.id = 2, .auth = 1, .integ = 1, .conf = 0},
    {.id = 3, .auth = 1, .integ = 1, .conf = 1},
    {.id = 17, .auth = 3, .integ = 4, .conf = 1},
    {.id = 0x80, .oem = true, .oem_iana = 674, .auth = 1, .integ = 1, .conf = 1},
};

static void
eq_records(const IpmiCipherSuiteRecord *a, const IpmiCipherSuiteRecord *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		g_assert_cmphex(a[i].id, ==, b[i].id);
		g_assert_cmpint(a[i].oem, ==, b[i].oem);
		g_assert_cmphex(a[i].oem_iana, ==, b[i].oem_iana);
		g_assert_cmphex(a[i].auth, ==, b[i].auth);
		g_assert_cmphex(a[i].integ, ==, b[i].integ);
		g_assert_cmphex(a[i].conf, ==, b[i].conf);
	}
}

static void
test_cipher_suites_cmd(void)
{
	/* ipmitool: current channel, IPMI payload, list by suite, index 0/1. */
	static const uint8_t req0[] = {0x0e, 0x00, 0x80};
	static const uint8_t req1[] = {0x0e, 0x00, 0x81};
	IpmiGetCipherSuitesReq q = {.channel = IPMI_CHANNEL_CURRENT, .by_suite = true};
	CHECK_STRICT(cs_req_codec, req0, &q);
	q.index = 1;
	CHECK_STRICT(cs_req_codec, req1, &q);
	check_trailing(&cs_req_codec, req0, sizeof req0, 1, IPMI_ERR_LENGTH);
	uint8_t buf[32];
	q.index = 64;
	g_assert_cmpint(ipmi_get_cipher_suites_req_encode(buf, sizeof buf, &q), ==,
			IPMI_ERR_INVALID_ARG);

	/* Response: channel 1 and the first 16 bytes of the stream.  Any
	 * amount of record data from 0 to 16 bytes is a valid response (the
	 * last chunk is short), so every prefix from 1 byte on is valid. */
	uint8_t rsp[17] = {0x01};
	memcpy(rsp + 1, suite_stream, 16);
	IpmiGetCipherSuitesRsp r = {.channel = 1, .data_len = 16};
	memcpy(r.data, suite_stream, 16);
	static const size_t ok[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	check_codec(&cs_rsp_codec, rsp, sizeof rsp, &r, ok, G_N_ELEMENTS(ok));
	check_trailing(&cs_rsp_codec, rsp, sizeof rsp, 1, IPMI_ERR_LENGTH);
	r.data_len = 17;
	g_assert_cmpint(ipmi_get_cipher_suites_rsp_encode(buf, sizeof buf, &r), ==,
			IPMI_ERR_INVALID_ARG);
}

static void
test_cipher_suite_records(void)
{
	const size_t len = sizeof suite_stream, n = G_N_ELEMENTS(suite_records);
	uint8_t buf[64];
	g_assert_cmpint(ipmi_cipher_suite_records_encode(buf, sizeof buf, suite_records, n), ==,
			(int)len);
	g_assert_cmpmem(buf, len, suite_stream, len);
	for (size_t cap = 0; cap < len; cap++)
		g_assert_cmpint(ipmi_cipher_suite_records_encode(buf, cap, suite_records, n), ==,
				IPMI_ERR_NOBUF);

	/* The BMC serves 16-byte chunks; the client asks until a short one
	 * comes back and decodes the concatenation, in which suite 3's record
	 * straddles the first chunk boundary and suite 17's the second. */
	uint8_t stream[64];
	size_t got = 0;
	for (uint8_t idx = 0;; idx++) {
		IpmiGetCipherSuitesRsp chunk = {.channel = 1}, back;
		int c = ipmi_cipher_suite_chunk(suite_stream, len, idx, &chunk);
		g_assert_cmpint(c, ==, idx < 2 ? 16 : idx == 2 ? 1 : 0);
		uint8_t wire[17];
		int w = ipmi_get_cipher_suites_rsp_encode(wire, sizeof wire, &chunk);
		g_assert_cmpint(w, ==, 1 + c);
		g_assert_cmpint(ipmi_get_cipher_suites_rsp_decode(wire, (size_t)w, &back), ==, w);
		memcpy(stream + got, back.data, back.data_len);
		got += back.data_len;
		if (back.data_len < IPMI_CIPHER_SUITE_CHUNK)
			break;
	}
	g_assert_cmpmem(stream, got, suite_stream, len);
	IpmiCipherSuiteRecord recs[8];
	size_t count = 99;
	g_assert_cmpint(ipmi_cipher_suite_records_decode(stream, got, recs, 8, &count), ==,
			(int)len);
	g_assert_cmpuint(count, ==, n);
	eq_records(recs, suite_records, n);
	/* A stream ending exactly at a record boundary is complete (fewer
	 * records); ending inside a record is TRUNCATED. */
	static const size_t bounds[] = {0, 5, 10, 15, 20, 25};
	for (size_t cut = 0; cut < len; cut++) {
		bool at_bound = false;
		for (size_t i = 0; i < G_N_ELEMENTS(bounds); i++)
			at_bound |= bounds[i] == cut;
		int rc = ipmi_cipher_suite_records_decode(suite_stream, cut, recs, 8, &count);
		if (at_bound)
			g_assert_cmpint(rc, ==, (int)cut);
		else
			g_assert_cmpint(rc, ==, IPMI_ERR_TRUNCATED);
	}
	/* Unknown record tag; integrity byte without its 01b tag; no room. */
	memcpy(buf, suite_stream, len);
	buf[5] = 0xc2;
	g_assert_cmpint(ipmi_cipher_suite_records_decode(buf, len, recs, 8, &count), ==,
			IPMI_ERR_FORMAT);
	memcpy(buf, suite_stream, len);
	buf[13] = 0x01;
	g_assert_cmpint(ipmi_cipher_suite_records_decode(buf, len, recs, 8, &count), ==,
			IPMI_ERR_FORMAT);
	g_assert_cmpint(ipmi_cipher_suite_records_decode(suite_stream, len, recs, 5, &count), ==,
			IPMI_ERR_NOBUF);
	IpmiGetCipherSuitesRsp chunk;
	g_assert_cmpint(ipmi_cipher_suite_chunk(suite_stream, len, 64, &chunk), ==,
			IPMI_ERR_INVALID_ARG);
}

/* ---- Send Message / bridging ------------------------------------------------- */

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

static void
eq_sendmsg_req(const IpmiSendMessageReq *a, const IpmiSendMessageReq *b)
{
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmphex(a->tracking, ==, b->tracking);
	g_assert_cmpint(a->encrypt, ==, b->encrypt);
	g_assert_cmpint(a->authenticate, ==, b->authenticate);
	if (a->tracking == IPMI_BRIDGE_SEND_RAW)
		g_assert_cmpmem(a->raw, a->raw_len, b->raw, b->raw_len);
	else
		eq_msg(&a->msg, &b->msg);
}
CODEC(sendmsg_req_codec, IpmiSendMessageReq, ipmi_send_message_req_decode,
      ipmi_send_message_req_encode, eq_sendmsg_req);

static void
eq_sendmsg_rsp(const IpmiSendMessageRsp *a, const IpmiSendMessageRsp *b)
{
	g_assert_cmpint(a->has_embedded, ==, b->has_embedded);
	if (a->has_embedded)
		eq_msg(&a->embedded, &b->embedded);
}
CODEC(sendmsg_rsp_codec, IpmiSendMessageRsp, ipmi_send_message_rsp_decode,
      ipmi_send_message_rsp_encode, eq_sendmsg_rsp);

/* ipmitool -b 7 -t 0x82 raw 6 1 (lan.c layout, rqSeq 5): the outer Send
 * Message to the BMC, channel byte 47 (track request, channel 7), Get
 * Device ID from 0x20 to 0x82, its chk2 cb, then the outer chk2 f0. */
static const uint8_t single[] = {0x20, 0x18, 0xc8, 0x81, 0x14, 0x34, 0x47, 0x82,
				 0x18, 0x66, 0x20, 0x14, 0x01, 0xcb, 0xf0};
/* ipmitool -B 0 -T 0x82 -b 7 -t 0x72 raw 6 1: Send Message on channel 0
 * to 0x82, which holds a Send Message on channel 7 to 0x72.  Middle chk2
 * 51, outer f7. */
static const uint8_t dual[] = {0x20, 0x18, 0xc8, 0x81, 0x14, 0x34, 0x40, 0x82,
			       0x18, 0x66, 0x20, 0x14, 0x34, 0x47, 0x72, 0x18,
			       0x76, 0x20, 0x14, 0x01, 0xcb, 0x51, 0xf7};
static const IpmiMsg get_dev_id = {.netfn = IPMI_NETFN_APP, .cmd = 0x01};

/* Get Device ID response data from the target. */
static const uint8_t devid[] = {0x20, 0x81, 0x01, 0x02, 0x02, 0xbf, 0xa2, 0x02, 0x00, 0x00, 0x01};
/* The bridged IPMB response, 0x82 -> 0x20, rqSeq 5. */
static const uint8_t ipmb_rsp[] = {0x20, 0x1c, 0xc4, 0x82, 0x14, 0x01, 0x00, 0x20, 0x81, 0x01,
				   0x02, 0x02, 0xbf, 0xa2, 0x02, 0x00, 0x00, 0x01, 0x5f};

static void
test_bridge_single(void)
{
	IpmiBridgeRoute route = {.target_channel = 7, .target_addr = 0x82};
	uint8_t buf[64];
	int n = ipmi_bridge_request_encode(buf, sizeof buf, &route, 5, &get_dev_id);
	g_assert_cmpint(n, ==, sizeof single);
	g_assert_cmpmem(buf, (size_t)n, single, sizeof single);
	for (size_t cap = 0; cap < sizeof single; cap++)
		g_assert_cmpint(ipmi_bridge_request_encode(buf, cap, &route, 5, &get_dev_id), ==,
				IPMI_ERR_NOBUF);
	/* Peel it with the generic decoders. */
	IpmiMsg outer;
	g_assert_cmpint(ipmi_msg_decode(single, sizeof single, &outer), ==, sizeof single);
	g_assert_cmphex(outer.dst_addr, ==, IPMI_BMC_SA);
	g_assert_cmphex(outer.src_addr, ==, IPMI_REMOTE_SWID);
	g_assert_cmphex(outer.cmd, ==, IPMI_CMD_SEND_MESSAGE);
	g_assert_cmphex(outer.rq_seq, ==, 5);
	IpmiSendMessageReq want = {
	    .channel = 7,
	    .tracking = IPMI_BRIDGE_TRACK_REQUEST,
	    .msg = {.dst_addr = 0x82,
		    .netfn = IPMI_NETFN_APP,
		    .src_addr = IPMI_BMC_SA,
		    .rq_seq = 5,
		    .cmd = 0x01},
	};
	/* The Send Message data round-trips; its prefixes are all refused
	 * (no channel byte, then an IPMB message too short or failing its
	 * checksum). */
	check_codec(&sendmsg_req_codec, single + 6, sizeof single - 7, &want, NULL, 0);
	/* Every prefix of the whole LAN message fails its checksums. */
	for (size_t i = 0; i < sizeof single; i++)
		g_assert_cmpint(ipmi_msg_decode(single, i, &outer), <, 0);
	/* FreeIPMI's variant: requester LUN 2 (SMS message LUN). */
	route.my_lun = 2;
	n = ipmi_bridge_request_encode(buf, sizeof buf, &route, 5, &get_dev_id);
	g_assert_cmpint(n, ==, sizeof single);
	IpmiSendMessageReq got;
	g_assert_cmpint(ipmi_msg_decode(buf, (size_t)n, &outer), ==, n);
	g_assert_cmpint(ipmi_send_message_req_decode(outer.data, outer.data_len, &got), >, 0);
	g_assert_cmphex(got.msg.src_lun, ==, 2);
	g_assert_cmphex(got.msg.src_addr, ==, IPMI_BMC_SA);
	/* transit == my_addr means single bridging, as ipmitool decides. */
	route.my_lun = 0;
	route.transit_addr = IPMI_BMC_SA;
	g_assert_cmpint(ipmi_bridge_request_encode(buf, sizeof buf, &route, 5, &get_dev_id), ==,
			sizeof single);
	g_assert_cmpmem(buf, sizeof single, single, sizeof single);
	route.target_channel = 16;
	g_assert_cmpint(ipmi_bridge_request_encode(buf, sizeof buf, &route, 5, &get_dev_id), ==,
			IPMI_ERR_INVALID_ARG);
}

static void
test_bridge_double(void)
{
	IpmiBridgeRoute route = {
	    .transit_channel = 0, .transit_addr = 0x82, .target_channel = 7, .target_addr = 0x72};
	uint8_t buf[64];
	int n = ipmi_bridge_request_encode(buf, sizeof buf, &route, 5, &get_dev_id);
	g_assert_cmpint(n, ==, sizeof dual);
	g_assert_cmpmem(buf, (size_t)n, dual, sizeof dual);
	for (size_t cap = 0; cap < sizeof dual; cap++)
		g_assert_cmpint(ipmi_bridge_request_encode(buf, cap, &route, 5, &get_dev_id), ==,
				IPMI_ERR_NOBUF);
	IpmiMsg outer;
	IpmiSendMessageReq mid, in;
	g_assert_cmpint(ipmi_msg_decode(dual, sizeof dual, &outer), ==, sizeof dual);
	g_assert_cmpint(ipmi_send_message_req_decode(outer.data, outer.data_len, &mid), ==,
			(int)outer.data_len);
	g_assert_cmphex(mid.channel, ==, 0);
	g_assert_cmphex(mid.msg.dst_addr, ==, 0x82);
	g_assert_cmphex(mid.msg.src_addr, ==, IPMI_BMC_SA);
	g_assert_cmphex(mid.msg.cmd, ==, IPMI_CMD_SEND_MESSAGE);
	g_assert_cmpint(ipmi_send_message_req_decode(mid.msg.data, mid.msg.data_len, &in), ==,
			(int)mid.msg.data_len);
	g_assert_cmphex(in.channel, ==, 7);
	g_assert_cmphex(in.tracking, ==, IPMI_BRIDGE_TRACK_REQUEST);
	g_assert_cmphex(in.msg.dst_addr, ==, 0x72);
	g_assert_cmphex(in.msg.cmd, ==, 0x01);
	g_assert_cmphex(in.msg.rq_seq, ==, 5);
	for (size_t i = 0; i < sizeof dual; i++)
		g_assert_cmpint(ipmi_msg_decode(dual, i, &outer), <, 0);
}

static void
test_send_message_codec(void)
{
	/* Send raw: the bytes after the channel byte are not parsed. */
	static const uint8_t raw[] = {0xa3, 0x01, 0x02, 0x03};
	IpmiSendMessageReq r = {.channel = 3,
				.tracking = IPMI_BRIDGE_SEND_RAW,
				.encrypt = true,
				.raw = raw + 1,
				.raw_len = 3};
	/* Any amount of raw data is valid, so is every prefix from 1 on. */
	static const size_t ok[] = {1, 2, 3};
	check_codec(&sendmsg_req_codec, raw, sizeof raw, &r, ok, 3);
	/* Tracking 11b is reserved. */
	check_reject(&sendmsg_req_codec, raw, sizeof raw, 0, 0xc3, IPMI_ERR_FORMAT);
	/* A corrupt embedded checksum. */
	check_reject(&sendmsg_req_codec, single + 6, sizeof single - 7, 7, 0xcc, IPMI_ERR_CHECKSUM);
	/* Authentication bit, no tracking. */
	static const uint8_t auth[] = {0x17, 0x82, 0x18, 0x66, 0x20, 0x14, 0x01, 0xcb};
	IpmiSendMessageReq a = {
	    .channel = 7,
	    .authenticate = true,
	    .msg = {.dst_addr = 0x82,
		    .netfn = IPMI_NETFN_APP,
		    .src_addr = IPMI_BMC_SA,
		    .rq_seq = 5,
		    .cmd = 0x01},
	};
	CHECK_STRICT(sendmsg_req_codec, auth, &a);

	/* Response data: empty, or the embedded IPMB response. */
	IpmiSendMessageRsp none = {0}, out;
	uint8_t buf[32];
	g_assert_cmpint(ipmi_send_message_rsp_decode(buf, 0, &out), ==, 0);
	g_assert_false(out.has_embedded);
	g_assert_cmpint(ipmi_send_message_rsp_encode(buf, sizeof buf, &none), ==, 0);
	IpmiSendMessageRsp emb = {
	    .has_embedded = true,
	    .embedded = {.dst_addr = IPMI_BMC_SA,
			 .netfn = IPMI_NETFN_APP | 1,
			 .src_addr = 0x82,
			 .rq_seq = 5,
			 .cmd = 0x01,
			 .data = devid,
			 .data_len = sizeof devid},
	};
	/* Empty response data is valid (nothing embedded), so is prefix 0;
	 * the others fail the embedded message's length or checksums. */
	static const size_t empty_ok[] = {0};
	check_codec(&sendmsg_rsp_codec, ipmb_rsp, sizeof ipmb_rsp, &emb, empty_ok, 1);
	/* An embedded request where a response belongs. */
	static const uint8_t rq[] = {0x82, 0x18, 0x66, 0x20, 0x14, 0x01, 0xcb};
	g_assert_cmpint(ipmi_send_message_rsp_decode(rq, sizeof rq, &out), ==, IPMI_ERR_FORMAT);
}

static void
test_bridged_response(void)
{
	IpmiBridgedRsp b;
	/* (a) The Send Message response embeds the bridged response. */
	static const uint8_t embedded[] = {0x81, 0x1c, 0x63, 0x20, 0x14, 0x34, 0x00, 0x20, 0x1c,
					   0xc4, 0x82, 0x14, 0x01, 0x00, 0x20, 0x81, 0x01, 0x02,
					   0x02, 0xbf, 0xa2, 0x02, 0x00, 0x00, 0x01, 0x5f, 0x98};
	g_assert_cmpint(ipmi_bridged_rsp_decode(embedded, sizeof embedded, &b), ==,
			sizeof embedded);
	g_assert_cmpuint(b.layers, ==, 1);
	g_assert_cmphex(b.outer.cmd, ==, IPMI_CMD_SEND_MESSAGE);
	g_assert_cmphex(b.rsp.src_addr, ==, 0x82);
	g_assert_cmphex(b.rsp.cmd, ==, 0x01);
	g_assert_cmphex(b.rsp.rq_seq, ==, 5);
	g_assert_cmpmem(b.rsp.data, b.rsp.data_len, devid, sizeof devid);
	/* (b) An empty Send Message response now, the answer later. */
	static const uint8_t empty[] = {0x81, 0x1c, 0x63, 0x20, 0x14, 0x34, 0x00, 0x98};
	g_assert_cmpint(ipmi_bridged_rsp_decode(empty, sizeof empty, &b), ==, sizeof empty);
	g_assert_cmpuint(b.layers, ==, 0);
	g_assert_cmphex(b.rsp.cmd, ==, IPMI_CMD_SEND_MESSAGE);
	g_assert_cmpuint(b.rsp.data_len, ==, 0);
	/* ... delivered as a plain response with the target's cmd and rqSeq. */
	static const uint8_t later[] = {0x81, 0x1c, 0x63, 0x82, 0x14, 0x01, 0x00, 0x20, 0x81, 0x01,
					0x02, 0x02, 0xbf, 0xa2, 0x02, 0x00, 0x00, 0x01, 0x5f};
	g_assert_cmpint(ipmi_bridged_rsp_decode(later, sizeof later, &b), ==, sizeof later);
	g_assert_cmpuint(b.layers, ==, 0);
	g_assert_cmphex(b.rsp.cmd, ==, 0x01);
	g_assert_cmpmem(b.rsp.data, b.rsp.data_len, devid, sizeof devid);
	/* A failed Send Message (0x83: NAK on write) is returned as is. */
	static const uint8_t nak[] = {0x81, 0x1c, 0x63, 0x20, 0x14, 0x34, 0x83, 0x15};
	g_assert_cmpint(ipmi_bridged_rsp_decode(nak, sizeof nak, &b), ==, sizeof nak);
	g_assert_cmpuint(b.layers, ==, 0);
	g_assert_cmphex(b.rsp.cc, ==, 0x83);
	/* Double bridging, both Send Message layers embedded. */
	static const uint8_t dual_rsp[] = {0x81, 0x1c, 0x63, 0x20, 0x14, 0x34, 0x00, 0x20, 0x1c,
					   0xc4, 0x82, 0x14, 0x34, 0x00, 0x20, 0x1c, 0xc4, 0x72,
					   0x14, 0x01, 0x00, 0x20, 0x81, 0x01, 0x02, 0x02, 0xbf,
					   0xa2, 0x02, 0x00, 0x00, 0x01, 0x6f, 0x36, 0x98};
	g_assert_cmpint(ipmi_bridged_rsp_decode(dual_rsp, sizeof dual_rsp, &b), ==,
			sizeof dual_rsp);
	g_assert_cmpuint(b.layers, ==, 2);
	g_assert_cmphex(b.rsp.src_addr, ==, 0x72);
	g_assert_cmpmem(b.rsp.data, b.rsp.data_len, devid, sizeof devid);
	/* Truncations, a corrupt inner checksum, a request where a response
	 * belongs (outer or embedded). */
	for (size_t i = 0; i < sizeof embedded; i++)
		g_assert_cmpint(ipmi_bridged_rsp_decode(embedded, i, &b), <, 0);
	uint8_t bad[sizeof embedded];
	memcpy(bad, embedded, sizeof bad);
	bad[25] ^= 1;
	bad[26] ^= 1; /* keep the outer checksum right */
	g_assert_cmpint(ipmi_bridged_rsp_decode(bad, sizeof bad, &b), ==, IPMI_ERR_CHECKSUM);
	g_assert_cmpint(ipmi_bridged_rsp_decode(single, sizeof single, &b), ==, IPMI_ERR_FORMAT);
	static const uint8_t emb_req[] = {0x81, 0x1c, 0x63, 0x20, 0x14, 0x34, 0x00, 0x82,
					  0x18, 0x66, 0x20, 0x14, 0x01, 0xcb, 0x98};
	g_assert_cmpint(ipmi_bridged_rsp_decode(emb_req, sizeof emb_req, &b), ==, IPMI_ERR_FORMAT);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/cmd/session/get-channel-auth-caps", test_auth_caps);
	g_test_add_func("/core/cmd/session/set-session-privilege", test_set_session_priv);
	g_test_add_func("/core/cmd/session/close-session", test_close_session);
	g_test_add_func("/core/cmd/session/get-channel-cipher-suites", test_cipher_suites_cmd);
	g_test_add_func("/core/cmd/session/cipher-suite-records", test_cipher_suite_records);
	g_test_add_func("/core/cmd/bridge/single", test_bridge_single);
	g_test_add_func("/core/cmd/bridge/double", test_bridge_double);
	g_test_add_func("/core/cmd/bridge/send-message-codec", test_send_message_codec);
	g_test_add_func("/core/cmd/bridge/response", test_bridged_response);
	return g_test_run();
}
