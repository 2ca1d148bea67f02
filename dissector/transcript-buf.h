/* transcript-buf.h - the printer's message buffer (transcript.c): a
 * message is formatted by hand into IpmiPrinter's buffer and written with one
 * fwrite.  The smallest pieces are inline here, the rest in transcript-buf.c.
 * Private to ipmi-pcap's transcript. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "transcript.h"

static inline void
ob_flush(IpmiPrinter *p)
{
	if (p->len)
		fwrite(p->buf, 1, p->len, p->out);
	p->len = 0;
}

/* Room for n (<= sizeof buf) more bytes. */
static inline char *
ob_room(IpmiPrinter *p, size_t n)
{
	if (p->len + n > sizeof p->buf)
		ob_flush(p);
	return p->buf + p->len;
}

static inline void
ob_mem(IpmiPrinter *p, const char *s, size_t n)
{
	if (n > sizeof p->buf / 2) {
		ob_flush(p);
		fwrite(s, 1, n, p->out);
		return;
	}
	memcpy(ob_room(p, n), s, n);
	p->len += n;
}

static inline void
ob_str(IpmiPrinter *p, const char *s)
{
	ob_mem(p, s, strlen(s));
}

/* A string literal, without strlen. */
#define OB_LIT(p, lit) ob_mem(p, "" lit, sizeof(lit) - 1)

static inline void
ob_chr(IpmiPrinter *p, char c)
{
	*ob_room(p, 1) = c;
	p->len++;
}

/* "%0*x" / "%0*X" for digits <= 8 and v < 16^digits. */
static inline void
ob_hex(IpmiPrinter *p, uint32_t v, int digits, bool upper)
{
	const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char *w = ob_room(p, (size_t)digits);
	for (int i = digits - 1; i >= 0; i--) {
		w[i] = dig[v & 15];
		v >>= 4;
	}
	p->len += (size_t)digits;
}

/* v in decimal into the end of tmp (at least 20 bytes): returns the start. */
char *ob_dec(char *end, unsigned long long v);
/* "%llu", padded with spaces to width: on the left ("%6llu") or the right
 * ("%-5u"). */
void ob_udec(IpmiPrinter *p, unsigned long long v, int width, bool left);
/* Bytes in lower-case hex. */
void ob_bytes(IpmiPrinter *p, const uint8_t *b, size_t n);
__attribute__((format(printf, 2, 3))) void ob_printf(IpmiPrinter *p, const char *fmt, ...);
/* ipmi_json_string into the buffer. */
void ob_json_string(IpmiPrinter *p, const char *s, size_t len);
/* ,"key":"val"  ,"key":N  ,"key":true|false */
void ob_jstr(IpmiPrinter *p, const char *key, const char *val);
void ob_juint(IpmiPrinter *p, const char *key, unsigned long long v);
void ob_jbool(IpmiPrinter *p, const char *key, bool v);
/* ipmi_endpoint_format into the buffer, IPv4 by hand; ,"key":"endpoint" */
void ob_endpoint(IpmiPrinter *p, const IpmiEndpoint *e);
void ob_jendpoint(IpmiPrinter *p, const char *key, const IpmiEndpoint *e);
