/* keylog.c - the session key log format, see keylog.h. */
#include "keylog.h"

#include <stdio.h>
#include <string.h>

#include "status.h"
#include "suite.h"

static const char hexdig[] = "0123456789abcdef";

static size_t
put_hex(char *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dst[2 * i] = hexdig[src[i] >> 4];
		dst[2 * i + 1] = hexdig[src[i] & 15];
	}
	return 2 * n;
}

int
ipmi_keylog_format(const IpmiKeylogEntry *e, char *buf, size_t cap)
{
	char rm[33], sik[2 * IPMI_KEY_MAX + 1];
	if (e->sik_len > IPMI_KEY_MAX)
		return IPMI_ERR_INVALID_ARG;
	rm[put_hex(rm, e->rm, 16)] = 0;
	sik[put_hex(sik, e->sik, e->sik_len)] = 0;
	int n = snprintf(buf, cap, "RMCPP %s %08x %08x %u %u %u %s\n", rm, e->console_sid,
			 e->bmc_sid, e->auth, e->integ, e->conf, sik);
	ipmi_wipe(sik, sizeof sik);
	if (n < 0 || (size_t)n >= cap)
		return IPMI_ERR_NOBUF;
	return n;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

typedef struct {
	const char *s;
	size_t len;
	size_t pos;
} Cursor;

/* The next space-separated field; false at the end of the line. */
static bool
field(Cursor *c, const char **f, size_t *flen)
{
	if (c->pos < c->len && c->s[c->pos] == ' ')
		c->pos++;
	if (c->pos >= c->len)
		return false;
	*f = c->s + c->pos;
	size_t start = c->pos;
	while (c->pos < c->len && c->s[c->pos] != ' ')
		c->pos++;
	*flen = c->pos - start;
	return *flen > 0;
}

static bool
parse_hex(const char *f, size_t flen, uint8_t *out, size_t n)
{
	if (flen != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		int hi = hexval(f[2 * i]), lo = hexval(f[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static bool
parse_u32hex(const char *f, size_t flen, uint32_t *v)
{
	uint8_t b[4];
	if (!parse_hex(f, flen, b, 4))
		return false;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return true;
}

static bool
parse_small(const char *f, size_t flen, uint8_t max, uint8_t *v)
{
	if (flen != 1 || f[0] < '0' || f[0] > '0' + max)
		return false;
	*v = (uint8_t)(f[0] - '0');
	return true;
}

int
ipmi_keylog_parse(const char *line, size_t len, IpmiKeylogEntry *e, size_t *col)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	*col = 1;
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i == len || line[i] == '#')
		return 0;
	memset(e, 0, sizeof *e);
	Cursor c = {line, len, i};
	const char *f;
	size_t flen;
#define NEXT(ok)                                                                                   \
	do {                                                                                       \
		*col = c.pos + 1 + (c.pos < len && line[c.pos] == ' ');                            \
		if (!field(&c, &f, &flen) || !(ok))                                                \
			goto bad;                                                                  \
	} while (0)
	NEXT(flen == 5 && memcmp(f, "RMCPP", 5) == 0);
	NEXT(parse_hex(f, flen, e->rm, 16));
	NEXT(parse_u32hex(f, flen, &e->console_sid));
	NEXT(parse_u32hex(f, flen, &e->bmc_sid));
	NEXT(parse_small(f, flen, 3, &e->auth));
	NEXT(parse_small(f, flen, 4, &e->integ));
	NEXT(parse_small(f, flen, 3, &e->conf));
	e->sik_len = ipmi_auth_key_len(e->auth);
	NEXT(e->sik_len > 0 && parse_hex(f, flen, e->sik, e->sik_len));
#undef NEXT
	*col = c.pos + 1 + (c.pos < len && line[c.pos] == ' ');
	if (c.pos != len)
		goto bad;
	if (!ipmi_algs_supported(e->auth, e->integ, e->conf))
		goto bad;
	return 1;
bad:
	ipmi_wipe(e, sizeof *e);
	return IPMI_ERR_FORMAT;
}

void
ipmi_keylog_entry_from(IpmiKeylogEntry *e, const IpmiRakpParams *p, const IpmiKeys *k)
{
	memset(e, 0, sizeof *e);
	memcpy(e->rm, p->rm, sizeof e->rm);
	e->console_sid = p->console_sid;
	e->bmc_sid = p->bmc_sid;
	e->auth = k->auth;
	e->integ = k->integ;
	e->conf = k->conf;
	e->sik_len = k->key_len;
	memcpy(e->sik, k->sik, k->key_len);
}
