/* codec-check.h - generic codec checks shared by test-wire.c and test-cmd.c:
 * round trip on known bytes, every truncated prefix, every short output
 * capacity.  Test-only (GLib). */
#pragma once

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/status.h"

typedef int (*DecFn)(const uint8_t *buf, size_t len, void *out);
typedef int (*EncFn)(uint8_t *buf, size_t cap, const void *m);
typedef void (*EqFn)(const void *a, const void *b);

typedef struct {
	DecFn dec;
	EncFn enc;
	EqFn eq;
	size_t size;
} Codec;

/* Adapters, so no function pointer is cast to an incompatible type. */
#define CODEC(name, T, decf, encf, eqf)                                                            \
	static int name##_dec(const uint8_t *b, size_t l, void *o)                                 \
	{                                                                                          \
		return decf(b, l, (T *)o);                                                         \
	}                                                                                          \
	static int name##_enc(uint8_t *b, size_t c, const void *m)                                 \
	{                                                                                          \
		return encf(b, c, (const T *)m);                                                   \
	}                                                                                          \
	static void name##_eq(const void *a, const void *b)                                        \
	{                                                                                          \
		eqf((const T *)a, (const T *)b);                                                   \
	}                                                                                          \
	static const Codec name = {name##_dec, name##_enc, name##_eq, sizeof(T)}

/* Decode a copy of exactly n bytes, so a read past the end is a read past
 * a heap block (visible under ASan / valgrind).  The copy is freed: look
 * only at the return code. */
static inline int
decode_exact(const Codec *c, const uint8_t *wire, size_t n, void *out)
{
	uint8_t *copy = g_malloc(n ? n : 1);
	if (n)
		memcpy(copy, wire, n);
	int rc = c->dec(copy, n, out);
	g_free(copy);
	return rc;
}

/* Encoders must fail with IPMI_ERR_NOBUF for every capacity below the
 * needed one and must not write past the capacity. */
static inline void
check_nobuf(const Codec *c, const void *m, size_t len)
{
	uint8_t *buf = g_malloc(len + 16);
	for (size_t cap = 0; cap < len; cap++) {
		memset(buf, 0xA5, len + 16);
		g_assert_cmpint(c->enc(buf, cap, m), ==, IPMI_ERR_NOBUF);
		for (size_t i = cap; i < len + 16; i++)
			g_assert_cmphex(buf[i], ==, 0xA5);
	}
	g_free(buf);
}

/* Every prefix 0..len-1 must be rejected with a negative code, except the
 * lengths listed in ok[] (formats where a shorter message is itself valid;
 * each caller says why).  Those must decode as exactly that many bytes. */
static inline void
check_prefixes(const Codec *c, const uint8_t *wire, size_t len, const size_t *ok, size_t n_ok)
{
	void *obj = g_malloc0(c->size);
	for (size_t n = 0; n < len; n++) {
		bool valid = false;
		for (size_t i = 0; i < n_ok; i++)
			valid |= ok[i] == n;
		int rc = decode_exact(c, wire, n, obj);
		if (valid)
			g_assert_cmpint(rc, ==, (int)n);
		else if (rc >= 0)
			g_error("prefix of %zu of %zu bytes accepted", n, len);
	}
	g_free(obj);
}

/* Round trip on a known encoding: decode gives expect, encoding expect (and
 * the decoded struct) gives the same bytes, and decoding those again gives
 * expect.  Then NOBUF for every short capacity. */
static inline void
check_round_trip(const Codec *c, const uint8_t *wire, size_t len, const void *expect)
{
	void *obj = g_malloc0(c->size);
	void *again = g_malloc0(c->size);
	uint8_t *buf = g_malloc(len + 64);

	/* Decoded structs may point into the input: decode the caller's bytes. */
	g_assert_cmpint(c->dec(wire, len, obj), ==, (int)len);
	c->eq(obj, expect);
	g_assert_cmpint(c->enc(buf, len + 64, expect), ==, (int)len);
	g_assert_cmpmem(buf, len, wire, len);
	g_assert_cmpint(c->enc(buf, len + 64, obj), ==, (int)len);
	g_assert_cmpmem(buf, len, wire, len);
	g_assert_cmpint(c->dec(buf, len, again), ==, (int)len);
	c->eq(again, expect);
	check_nobuf(c, expect, len);

	g_free(buf);
	g_free(again);
	g_free(obj);
}

/* Both at once, for the common case. */
static inline void
check_codec(const Codec *c, const uint8_t *wire, size_t len, const void *expect, const size_t *ok,
	    size_t n_ok)
{
	check_round_trip(c, wire, len, expect);
	check_prefixes(c, wire, len, ok, n_ok);
}

#define CHECK_STRICT(codec, wire, expect)                                                          \
	check_codec(&(codec), (wire), sizeof(wire), (expect), NULL, 0)

/* Decode a modified copy and expect a code. */
static inline void
check_reject(const Codec *c, const uint8_t *wire, size_t len, size_t at, uint8_t value, int code)
{
	uint8_t *copy = g_memdup2(wire, len);
	void *obj = g_malloc0(c->size);
	if (at < len)
		copy[at] = value;
	g_assert_cmpint(c->dec(copy, len, obj), ==, code);
	g_free(obj);
	g_free(copy);
}

/* Decode wire plus extra trailing bytes and expect a code. */
static inline void
check_trailing(const Codec *c, const uint8_t *wire, size_t len, size_t extra, int code)
{
	uint8_t *copy = g_malloc0(len + extra);
	memcpy(copy, wire, len);
	void *obj = g_malloc0(c->size);
	g_assert_cmpint(c->dec(copy, len + extra, obj), ==, code);
	g_free(obj);
	g_free(copy);
}

/* An Open Session Request for cipher suite 3 as ipmitool sends it: tag 0,
 * max privilege admin, console session ID 0xA0A2A3A4 and three algorithm
 * payloads [type, 0, 0, 8, alg, 0, 0, 0]. */
static const G_GNUC_UNUSED uint8_t open_req_suite3[] = {
    0x00, 0x04, 0x00, 0x00, 0xa4, 0xa3, 0xa2, 0xa0, /* tag, priv, rsvd, SIDc */
    0x00, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, /* RAKP-HMAC-SHA1 */
    0x01, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, /* HMAC-SHA1-96 */
    0x02, 0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, /* AES-CBC-128 */
};
