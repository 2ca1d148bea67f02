/* test-auth15.c - core/auth15: MD2 against RFC 1319's test suite, and the
 * IPMI v1.5 AuthCodes (MD2, MD5, straight password) of real Activate
 * Session messages (ipmi15-kat.h): the right password reproduces each
 * captured code, a wrong one or any changed byte does not. */
#include <glib.h>
#include <string.h>

#include "core/auth15.h"
#include "core/packet.h"
#include "core/status.h"
#include "ipmi15-kat.h"

static GByteArray *
unhex(const char *h)
{
	GByteArray *a = g_byte_array_new();
	g_assert_cmpuint(strlen(h) % 2, ==, 0);
	for (size_t i = 0; h[i]; i += 2) {
		int hi = g_ascii_xdigit_value(h[i]), lo = g_ascii_xdigit_value(h[i + 1]);
		g_assert_true(hi >= 0 && lo >= 0);
		guint8 b = (guint8)(hi << 4 | lo);
		g_byte_array_append(a, &b, 1);
	}
	return a;
}

static char *
hex(const guint8 *p, size_t n)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%02x", p[i]);
	return g_string_free(s, FALSE);
}

static void
test_md2_rfc1319(void)
{
	static const struct {
		const char *in, *digest;
	} v[] = {
	    {"", "8350e5a3e24c153df2275c9f80692773"},
	    {"a", "32ec01ec4a6dac72c0ab96fb34c0b5d1"},
	    {"abc", "da853b0d3f88d99b30283a69e6ded6bb"},
	    {"message digest", "ab4f496bfb2a530b219ff33031fe06b0"},
	    {"abcdefghijklmnopqrstuvwxyz", "4e8ddff3650292ab5a4108c3aa47940b"},
	    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
	     "da33def2a42df13975352846c30338cd"},
	    {"1234567890123456789012345678901234567890123456789012345678901234567890"
	     "1234567890",
	     "d5976f79d83d3a0dc9806c3c66f3efd8"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(v); i++) {
		guint8 d[16];
		ipmi_md2((const guint8 *)v[i].in, strlen(v[i].in), d);
		g_autofree char *got = hex(d, sizeof d);
		g_assert_cmpstr(got, ==, v[i].digest);
	}
}

typedef struct {
	const char *name, *dgram;
	guint8 auth_type;
} Captured;

static const Captured captured[] = {
    {"MD5 request", IPMI15_MD5_ACT_REQ, IPMI_AUTHTYPE_MD5},
    {"MD5 response", IPMI15_MD5_ACT_RSP, IPMI_AUTHTYPE_MD5},
    {"password request", IPMI15_PW_ACT_REQ, IPMI_AUTHTYPE_PASSWORD},
    {"MD2 request", IPMI15_MD2_ACT_REQ, IPMI_AUTHTYPE_MD2},
    {"MD2 response", IPMI15_MD2_ACT_RSP, IPMI_AUTHTYPE_MD2},
};

static const guint8 pw[] = "password";
#define PW_LEN 8

static void
test_captured(gconstpointer data)
{
	const Captured *c = data;
	g_autoptr(GByteArray) d = unhex(c->dgram);
	IpmiAuth15Header h;
	g_assert_cmpint(ipmi_auth15_parse(d->data, d->len, &h), ==, 0);
	g_assert_cmpuint(h.auth_type, ==, c->auth_type);
	g_assert_nonnull(h.code);
	/* Activate Session (netFn App, command 3Ah) inside */
	g_assert_cmpuint(h.msg_len, >=, 7);
	g_assert_cmpuint(h.msg[5], ==, 0x3A);

	/* the computed code is exactly the captured one */
	guint8 code[IPMI_AUTH15_CODE_LEN];
	g_assert_cmpint(
	    ipmi_auth15_code(h.auth_type, pw, PW_LEN, h.session_id, h.msg, h.msg_len, h.seq, code),
	    ==, 0);
	g_assert_cmpmem(code, sizeof code, h.code, IPMI_AUTH15_CODE_LEN);
	g_assert_true(ipmi_auth15_verify(&h, pw, PW_LEN));

	/* a wrong password, a prefix of it, or none */
	g_assert_false(ipmi_auth15_verify(&h, (const guint8 *)"passwore", 8));
	g_assert_false(ipmi_auth15_verify(&h, pw, PW_LEN - 1));
	g_assert_false(ipmi_auth15_verify(&h, NULL, 0));

	/* any changed byte of session ID, sequence, message (for the hashes)
	 * or code breaks it */
	for (size_t i = 5; i < d->len; i++) {
		/* the RMCP header, the auth type and the length byte are not covered */
		gsize off = i;
		if (off < 5 || off == 29 || off > 29 + h.msg_len)
			continue;
		if (c->auth_type == IPMI_AUTHTYPE_PASSWORD && !(off >= 13 && off < 29))
			continue;
		d->data[off] ^= 0x01;
		g_assert_cmpint(ipmi_auth15_parse(d->data, d->len, &h), ==, 0);
		if (ipmi_auth15_verify(&h, pw, PW_LEN))
			g_error("%s: byte %zu flipped and the code still verifies", c->name, off);
		d->data[off] ^= 0x01;
	}
	for (size_t i = 5; i < 29; i++) {
		if (c->auth_type == IPMI_AUTHTYPE_PASSWORD && i < 13)
			continue;
		d->data[i] ^= 0x80;
		g_assert_cmpint(ipmi_auth15_parse(d->data, d->len, &h), ==, 0);
		g_assert_false(ipmi_auth15_verify(&h, pw, PW_LEN));
		d->data[i] ^= 0x80;
	}
}

static void
test_errors(void)
{
	g_autoptr(GByteArray) d = unhex(IPMI15_MD5_ACT_REQ);
	IpmiAuth15Header h;
	for (guint n = 0; n < 30; n++)
		g_assert_cmpint(ipmi_auth15_parse(d->data, n, &h), <, 0);
	/* the length byte points past the datagram */
	g_assert_cmpint(ipmi_auth15_parse(d->data, d->len - 1, &h), ==, IPMI_ERR_LENGTH);
	/* RMCP+ is not a v1.5 wrapper */
	d->data[4] = IPMI_AUTHTYPE_RMCPP;
	g_assert_cmpint(ipmi_auth15_parse(d->data, d->len, &h), ==, IPMI_ERR_FORMAT);
	d->data[4] = IPMI_AUTHTYPE_MD5;
	g_assert_cmpint(ipmi_auth15_parse(d->data, d->len, &h), ==, 0);

	guint8 code[16], long_pw[17];
	memset(long_pw, 'x', sizeof long_pw);
	g_assert_cmpint(ipmi_auth15_code(IPMI_AUTHTYPE_MD5, long_pw, 17, h.session_id, h.msg,
					 h.msg_len, h.seq, code),
			==, IPMI_ERR_INVALID_ARG);
	g_assert_false(ipmi_auth15_verify(&h, long_pw, 17));
	/* a 16-byte password is the longest v1.5 one */
	g_assert_cmpint(ipmi_auth15_code(IPMI_AUTHTYPE_MD5, long_pw, 16, h.session_id, h.msg,
					 h.msg_len, h.seq, code),
			==, 0);
	g_assert_cmpint(ipmi_auth15_code(IPMI_AUTHTYPE_OEM, pw, PW_LEN, h.session_id, h.msg,
					 h.msg_len, h.seq, code),
			==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpint(ipmi_auth15_code(IPMI_AUTHTYPE_NONE, pw, PW_LEN, h.session_id, h.msg,
					 h.msg_len, h.seq, code),
			==, IPMI_ERR_UNSUPPORTED);
	g_assert_cmpstr(ipmi_auth15_type_name(IPMI_AUTHTYPE_MD2), ==, "MD2");
	g_assert_cmpstr(ipmi_auth15_type_name(IPMI_AUTHTYPE_PASSWORD), ==, "password");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/auth15/md2-rfc1319", test_md2_rfc1319);
	for (size_t i = 0; i < G_N_ELEMENTS(captured); i++) {
		g_autofree char *p = g_strdup_printf("/auth15/captured/%s", captured[i].name);
		g_test_add_data_func(p, &captured[i], test_captured);
	}
	g_test_add_func("/auth15/errors", test_errors);
	return g_test_run();
}
