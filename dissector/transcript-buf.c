/* transcript-buf.c - the printer's message buffer: numbers, hex, JSON
 * strings and keys, endpoints (see transcript-buf.h). */
#include "transcript-buf.h"

#include <stdarg.h>
#include <string.h>

/* v in decimal into the end of tmp (at least 20 bytes): returns the start. */
char *
ob_dec(char *end, unsigned long long v)
{
	char *q = end;
	do {
		*--q = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return q;
}

/* "%llu", padded with spaces to width: on the left ("%6llu") or the right
 * ("%-5u"). */
void
ob_udec(IpmiPrinter *p, unsigned long long v, int width, bool left)
{
	char tmp[24];
	char *end = tmp + sizeof tmp;
	char *q = ob_dec(end, v);
	size_t n = (size_t)(end - q);
	size_t pad = width > 0 && (size_t)width > n ? (size_t)width - n : 0;
	char *w = ob_room(p, n + pad);
	if (!left) {
		memset(w, ' ', pad);
		w += pad;
	}
	memcpy(w, q, n);
	if (left)
		memset(w + n, ' ', pad);
	p->len += n + pad;
}

/* Bytes in lower-case hex. */
void
ob_bytes(IpmiPrinter *p, const uint8_t *b, size_t n)
{
	static const char dig[] = "0123456789abcdef";
	while (n) {
		size_t take = n < sizeof p->buf / 4 ? n : sizeof p->buf / 4;
		char *w = ob_room(p, 2 * take);
		for (size_t i = 0; i < take; i++) {
			w[2 * i] = dig[b[i] >> 4];
			w[2 * i + 1] = dig[b[i] & 15];
		}
		p->len += 2 * take;
		b += take;
		n -= take;
	}
}

void
ob_printf(IpmiPrinter *p, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		ob_mem(p, tmp, (size_t)n);
		return;
	}
	ob_flush(p);
	va_start(ap, fmt);
	vfprintf(p->out, fmt, ap);
	va_end(ap);
}

/* ipmi_json_string into the buffer. */
void
ob_json_string(IpmiPrinter *p, const char *s, size_t len)
{
	ob_chr(p, '"');
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '"' && s[j] != '\\' && (unsigned char)s[j] >= 0x20 &&
		       (unsigned char)s[j] < 0x7F)
			j++;
		if (j > i)
			ob_mem(p, s + i, j - i);
		if (j == len)
			break;
		unsigned char c = (unsigned char)s[j];
		if (c == '"' || c == '\\') {
			ob_chr(p, '\\');
			ob_chr(p, (char)c);
		} else {
			ob_mem(p, "\\u", 2);
			ob_hex(p, c, 4, false);
		}
		i = j + 1;
	}
	ob_chr(p, '"');
}

/* ,"key":"val" */
void
ob_jstr(IpmiPrinter *p, const char *key, const char *val)
{
	ob_mem(p, ",\"", 2);
	ob_str(p, key);
	ob_mem(p, "\":", 2);
	ob_json_string(p, val, strlen(val));
}

/* ,"key":N */
void
ob_juint(IpmiPrinter *p, const char *key, unsigned long long v)
{
	ob_mem(p, ",\"", 2);
	ob_str(p, key);
	ob_mem(p, "\":", 2);
	ob_udec(p, v, 0, false);
}

void
ob_jbool(IpmiPrinter *p, const char *key, bool v)
{
	ob_mem(p, ",\"", 2);
	ob_str(p, key);
	ob_mem(p, "\":", 2);
	ob_str(p, v ? "true" : "false");
}

/* ipmi_endpoint_format into the buffer, IPv4 by hand. */
void
ob_endpoint(IpmiPrinter *p, const IpmiEndpoint *e)
{
	if (e->family != 4) {
		char buf[64];
		ipmi_endpoint_format(e, buf, sizeof buf);
		ob_str(p, buf);
		return;
	}
	for (int i = 0; i < 4; i++) {
		ob_udec(p, e->addr[i], 0, false);
		ob_chr(p, i < 3 ? '.' : ':');
	}
	ob_udec(p, e->port, 0, false);
}

/* ,"key":"endpoint" */
void
ob_jendpoint(IpmiPrinter *p, const char *key, const IpmiEndpoint *e)
{
	ob_mem(p, ",\"", 2);
	ob_str(p, key);
	ob_mem(p, "\":\"", 3);
	ob_endpoint(p, e);
	ob_chr(p, '"');
}
