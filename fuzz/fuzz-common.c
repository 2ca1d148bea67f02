/* fuzz-common.c - see fuzz.h. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/cmd_bridge.h"
#include "core/cmd_session.h"
#include "core/msg.h"

void
fuzz_check_failed(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	abort();
}

bool
fuzz_tlv_next(FuzzTlv *t, uint8_t *type, const uint8_t **val, size_t *len)
{
	if (t->end - t->p < 3)
		return false;
	size_t n = ipmi_get_u16le(t->p + 1);
	if ((size_t)(t->end - t->p) - 3 < n)
		return false;
	*type = t->p[0];
	*val = t->p + 3;
	*len = n;
	t->p += 3 + n;
	return true;
}

void
fuzz_rng_init(FuzzRng *r, const uint8_t *data, size_t size)
{
	memset(r, 0, sizeof *r);
	r->state = 0x9E3779B97F4A7C15ull;
	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		if (type != FUZZ_T_RANDOM)
			continue;
		if (n > sizeof r->pool - r->len)
			n = sizeof r->pool - r->len;
		memcpy(r->pool + r->len, v, n);
		r->len += n;
	}
}

int
fuzz_rng(void *ctx, uint8_t *buf, size_t len)
{
	FuzzRng *r = ctx;
	for (size_t i = 0; i < len; i++) {
		if (r->pos < r->len) {
			buf[i] = r->pool[r->pos++];
			continue;
		}
		r->state ^= r->state >> 12;
		r->state ^= r->state << 25;
		r->state ^= r->state >> 27;
		buf[i] = (uint8_t)((r->state * 2685821657736338717ull) >> 56);
	}
	return 0;
}

const uint8_t *
fuzz_config(const uint8_t *data, size_t size, size_t *len)
{
	static const uint8_t none[1];
	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, len))
		if (type == FUZZ_T_CONFIG)
			return v;
	*len = 0;
	return none;
}

/* ---- command codecs ----------------------------------------------------- */

static void
cipher_records(const uint8_t *p, size_t len)
{
	static IpmiCipherSuiteRecord r1[64], r2[64];
	static uint8_t e1[64 * 8], e2[64 * 8];
	size_t n1 = 0, n2 = 0;
	if (ipmi_cipher_suite_records_decode(p, len, r1, 64, &n1) < 0)
		return;
	FUZZ_CHECK(n1 <= 64);
	int l1 = ipmi_cipher_suite_records_encode(e1, sizeof e1, r1, n1);
	if (l1 < 0)
		return;
	FUZZ_CHECK(ipmi_cipher_suite_records_decode(e1, (size_t)l1, r2, 64, &n2) == l1);
	FUZZ_CHECK(n2 == n1);
	int l2 = ipmi_cipher_suite_records_encode(e2, sizeof e2, r2, n2);
	FUZZ_CHECK(l2 == l1 && memcmp(e1, e2, (size_t)l1) == 0);
	/* The BMC side: every chunk of the stream, then one past it. */
	for (unsigned i = 0; i <= IPMI_CIPHER_SUITE_MAX_INDEX; i++) {
		IpmiGetCipherSuitesRsp rsp;
		int c = ipmi_cipher_suite_chunk(e1, (size_t)l1, (uint8_t)i, &rsp);
		FUZZ_CHECK(c >= 0 && c <= IPMI_CIPHER_SUITE_CHUNK && (size_t)c == rsp.data_len);
		if (c < IPMI_CIPHER_SUITE_CHUNK)
			break;
	}
}

static int
close_rsp_decode(const uint8_t *p, size_t len, uint8_t *unused)
{
	(void)unused;
	return ipmi_close_session_rsp_decode(p, len);
}

static int
close_rsp_encode(uint8_t *buf, size_t cap, const uint8_t *unused)
{
	(void)unused;
	return ipmi_close_session_rsp_encode(buf, cap);
}

void
fuzz_cmd_session_all(const uint8_t *p, size_t len)
{
	ROUNDTRIP(IpmiGetChannelAuthCapsReq, ipmi_get_channel_auth_caps_req_decode,
		  ipmi_get_channel_auth_caps_req_encode, p, len);
	ROUNDTRIP(IpmiGetChannelAuthCapsRsp, ipmi_get_channel_auth_caps_rsp_decode,
		  ipmi_get_channel_auth_caps_rsp_encode, p, len);
	ROUNDTRIP(IpmiSetSessionPrivReq, ipmi_set_session_priv_req_decode,
		  ipmi_set_session_priv_req_encode, p, len);
	ROUNDTRIP(IpmiSetSessionPrivRsp, ipmi_set_session_priv_rsp_decode,
		  ipmi_set_session_priv_rsp_encode, p, len);
	ROUNDTRIP(IpmiCloseSessionReq, ipmi_close_session_req_decode, ipmi_close_session_req_encode,
		  p, len);
	ROUNDTRIP(uint8_t, close_rsp_decode, close_rsp_encode, p, len);
	ROUNDTRIP(IpmiGetCipherSuitesReq, ipmi_get_cipher_suites_req_decode,
		  ipmi_get_cipher_suites_req_encode, p, len);
	ROUNDTRIP(IpmiGetCipherSuitesRsp, ipmi_get_cipher_suites_rsp_decode,
		  ipmi_get_cipher_suites_rsp_encode, p, len);
	cipher_records(p, len);
	/* A Get Channel Cipher Suites response: channel, then record bytes. */
	if (len > 0)
		cipher_records(p + 1, len - 1);
}

/* Send Message: the encoders rebuild exactly the bytes decoded. */
static void
send_message(bool request, const uint8_t *p, size_t len)
{
	static uint8_t e[FUZZ_ENC_MAX];
	if (request) {
		IpmiSendMessageReq m;
		if (ipmi_send_message_req_decode(p, len, &m) < 0)
			return;
		FUZZ_CHECK(m.raw == p + 1 && m.raw_len == len - 1);
		int n = ipmi_send_message_req_encode(e, sizeof e, &m);
		FUZZ_CHECK(n == (int)len && memcmp(e, p, len) == 0);
	} else {
		IpmiSendMessageRsp m;
		if (ipmi_send_message_rsp_decode(p, len, &m) < 0)
			return;
		int n = ipmi_send_message_rsp_encode(e, sizeof e, &m);
		FUZZ_CHECK(n == (int)len && memcmp(e, p, len) == 0);
	}
}

void
fuzz_command_data(uint8_t netfn, uint8_t cmd, const uint8_t *p, size_t len)
{
	bool request = (netfn & 1) == 0;
	if ((netfn & ~1u) != IPMI_NETFN_APP) {
		fuzz_storage_command(netfn, cmd, p, len);
		return;
	}
	switch (cmd) {
	case IPMI_CMD_GET_CHANNEL_AUTH_CAPS:
		if (request)
			ROUNDTRIP(IpmiGetChannelAuthCapsReq, ipmi_get_channel_auth_caps_req_decode,
				  ipmi_get_channel_auth_caps_req_encode, p, len);
		else
			ROUNDTRIP(IpmiGetChannelAuthCapsRsp, ipmi_get_channel_auth_caps_rsp_decode,
				  ipmi_get_channel_auth_caps_rsp_encode, p, len);
		break;
	case IPMI_CMD_SET_SESSION_PRIVILEGE:
		if (request)
			ROUNDTRIP(IpmiSetSessionPrivReq, ipmi_set_session_priv_req_decode,
				  ipmi_set_session_priv_req_encode, p, len);
		else
			ROUNDTRIP(IpmiSetSessionPrivRsp, ipmi_set_session_priv_rsp_decode,
				  ipmi_set_session_priv_rsp_encode, p, len);
		break;
	case IPMI_CMD_CLOSE_SESSION:
		if (request)
			ROUNDTRIP(IpmiCloseSessionReq, ipmi_close_session_req_decode,
				  ipmi_close_session_req_encode, p, len);
		else
			(void)ipmi_close_session_rsp_decode(p, len);
		break;
	case IPMI_CMD_GET_CHANNEL_CIPHER_SUITES:
		if (request) {
			ROUNDTRIP(IpmiGetCipherSuitesReq, ipmi_get_cipher_suites_req_decode,
				  ipmi_get_cipher_suites_req_encode, p, len);
		} else {
			ROUNDTRIP(IpmiGetCipherSuitesRsp, ipmi_get_cipher_suites_rsp_decode,
				  ipmi_get_cipher_suites_rsp_encode, p, len);
			if (len > 0)
				cipher_records(p + 1, len - 1);
		}
		break;
	case IPMI_CMD_SEND_MESSAGE:
		send_message(request, p, len);
		break;
	default:
		break;
	}
}

int
fuzz_lan_payload(const uint8_t *p, size_t len)
{
	static uint8_t e[FUZZ_ENC_MAX];
	IpmiMsg m;
	int rc = ipmi_msg_decode(p, len, &m);
	if (rc < 0)
		return rc;
	FUZZ_CHECK(rc == (int)len);
	FUZZ_CHECK(m.data >= p && m.data + m.data_len <= p + len);
	/* The message codec is canonical: re-encoding gives the same bytes. */
	int n = ipmi_msg_encode(e, sizeof e, &m);
	FUZZ_CHECK(n == (int)len && memcmp(e, p, len) == 0);
	if (ipmi_msg_is_response(&m)) {
		IpmiBridgedRsp b;
		if (ipmi_bridged_rsp_decode(p, len, &b) >= 0) {
			FUZZ_CHECK(b.layers <= IPMI_BRIDGE_MAX_DEPTH);
			FUZZ_CHECK(b.rsp.data_len == 0 ||
				   (b.rsp.data >= p && b.rsp.data + b.rsp.data_len <= p + len));
		}
	} else {
		IpmiMsg rsp;
		ipmi_msg_response_to(&m, &rsp, 0);
		FUZZ_CHECK(ipmi_msg_is_response(&rsp) && rsp.rq_seq == m.rq_seq);
	}
	fuzz_command_data(m.netfn, m.cmd, m.data, m.data_len);
	return rc;
}
