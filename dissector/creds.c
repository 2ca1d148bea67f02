/* creds.c - credentials and key log files, see creds.h. */
#include "creds.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
ipmi_kg_parse(const char *s, bool hex, uint8_t *kg)
{
	if (!s)
		return 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		hex = true;
	}
	size_t n = strlen(s);
	if (!hex) {
		if (n > IPMI_KG_LEN)
			return -1;
		memcpy(kg, s, n);
		return (int)n;
	}
	if (n % 2 || n / 2 > IPMI_KG_LEN)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		kg[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

int
ipmi_cred_set(IpmiCredential *c, const char *user, const char *password, const char *kg,
	      bool kg_hex, char *err, size_t errcap)
{
	memset(c, 0, sizeof *c);
	size_t ul = user ? strlen(user) : 0, pl = password ? strlen(password) : 0;
	if (ul > IPMI_USER_MAX) {
		snprintf(err, errcap, "user name longer than %d bytes", IPMI_USER_MAX);
		return -1;
	}
	if (pl > IPMI_PASSWORD_MAX) {
		snprintf(err, errcap, "password longer than %d bytes", IPMI_PASSWORD_MAX);
		return -1;
	}
	memcpy(c->user, user, ul);
	c->user_len = (uint8_t)ul;
	memcpy(c->password, password, pl);
	c->password_len = (uint8_t)pl;
	int k = ipmi_kg_parse(kg, kg_hex, c->kg);
	if (k < 0) {
		snprintf(err, errcap, "K_G: at most %d bytes (text, or hex after 0x or with -y)",
			 IPMI_KG_LEN);
		ipmi_wipe(c, sizeof *c);
		return -1;
	}
	c->kg_len = (uint8_t)k;
	return 0;
}

/* One field of a UAT line: "quoted with \xNN escapes" or bare up to ','. */
static const char *
uat_field(const char *p, char *out, size_t cap, bool *ok)
{
	size_t n = 0;
	*ok = false;
	if (*p != '"') {
		while (*p && *p != ',' && *p != '\n' && *p != '\r') {
			if (n + 1 >= cap)
				return p;
			out[n++] = *p++;
		}
		out[n] = 0;
		*ok = true;
		return p;
	}
	p++;
	while (*p && *p != '"') {
		int c = (unsigned char)*p++;
		if (c == '\\') {
			if (*p == 'x' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
				c = hexval(p[1]) << 4 | hexval(p[2]);
				p += 3;
			} else if (*p == '\\' || *p == '"') {
				c = *p++;
			} else {
				return p;
			}
		}
		if (n + 1 >= cap || c == 0)
			return p;
		out[n++] = (char)c;
	}
	if (*p != '"')
		return p;
	out[n] = 0;
	*ok = true;
	return p + 1;
}

int
ipmi_creds_parse_line(const char *line, IpmiCredential *c, char *err, size_t errcap)
{
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#' || *line == '\n' || *line == '\r')
		return 0;
	char user[64] = "", pw[64] = "", kg[64] = "";
	if (*line == '"') {
		char *f[3] = {user, pw, kg};
		const char *p = line;
		for (int i = 0; i < 3; i++) {
			bool ok;
			p = uat_field(p, f[i], sizeof user, &ok);
			if (!ok) {
				snprintf(err, errcap, "field %d: bad quoted string", i + 1);
				return -1;
			}
			if (*p != ',')
				break;
			p++;
		}
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p) {
			snprintf(err, errcap, "expected \"user\",\"password\",\"K_G\"");
			return -1;
		}
	} else {
		const char *colon = strchr(line, ':');
		if (!colon) {
			snprintf(err, errcap,
				 "expected user:password or \"user\",\"password\",\"K_G\"");
			return -1;
		}
		size_t ul = (size_t)(colon - line);
		size_t pl = strcspn(colon + 1, "\r\n");
		if (ul >= sizeof user || pl >= sizeof pw) {
			snprintf(err, errcap, "user name or password too long");
			return -1;
		}
		memcpy(user, line, ul);
		user[ul] = 0;
		memcpy(pw, colon + 1, pl);
		pw[pl] = 0;
	}
	int rc = ipmi_cred_set(c, user, pw, kg, false, err, errcap);
	ipmi_wipe(pw, sizeof pw);
	ipmi_wipe(kg, sizeof kg);
	return rc < 0 ? -1 : 1;
}

static FILE *
open_file(const char *path, char *err, size_t errcap)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f)
		snprintf(err, errcap, "%s: %s", path, strerror(errno));
	return f;
}

int
ipmi_creds_load(const char *path, IpmiCredential **v, size_t *n, char *err, size_t errcap)
{
	FILE *f = open_file(path, err, errcap);
	if (!f)
		return -1;
	char line[512];
	int rc = 0;
	for (unsigned lineno = 1; fgets(line, sizeof line, f); lineno++) {
		IpmiCredential c;
		char msg[IPMI_CREDS_ERR_MAX];
		int r = ipmi_creds_parse_line(line, &c, msg, sizeof msg);
		if (r < 0) {
			snprintf(err, errcap, "%s:%u: %s", path, lineno, msg);
			rc = -1;
			break;
		}
		if (r == 0)
			continue;
		IpmiCredential *nv = realloc(*v, (*n + 1) * sizeof *nv);
		if (!nv) {
			snprintf(err, errcap, "%s: out of memory", path);
			rc = -1;
			break;
		}
		*v = nv;
		(*v)[(*n)++] = c;
		ipmi_wipe(&c, sizeof c);
	}
	ipmi_wipe(line, sizeof line);
	if (f != stdin)
		fclose(f);
	return rc;
}

int
ipmi_keylog_load(const char *path, IpmiKeylogEntry **v, size_t *n, char *err, size_t errcap)
{
	FILE *f = open_file(path, err, errcap);
	if (!f)
		return -1;
	char line[IPMI_KEYLOG_LINE_MAX + 2];
	int rc = 0;
	for (unsigned lineno = 1; fgets(line, sizeof line, f); lineno++) {
		size_t len = strlen(line), col = 1;
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			snprintf(err, errcap, "%s:%u: line too long", path, lineno);
			rc = -1;
			break;
		}
		IpmiKeylogEntry e;
		int r = ipmi_keylog_parse(line, len, &e, &col);
		if (r < 0) {
			snprintf(err, errcap,
				 "%s:%u:%zu: not a key log line (RMCPP <Rm> <SIDm> "
				 "<SIDc> <auth> <integ> <conf> <SIK>)",
				 path, lineno, col);
			rc = -1;
			break;
		}
		if (r == 0)
			continue;
		IpmiKeylogEntry *nv = realloc(*v, (*n + 1) * sizeof *nv);
		if (!nv) {
			snprintf(err, errcap, "%s: out of memory", path);
			rc = -1;
			break;
		}
		*v = nv;
		(*v)[(*n)++] = e;
		ipmi_wipe(&e, sizeof e);
	}
	ipmi_wipe(line, sizeof line);
	if (f != stdin)
		fclose(f);
	return rc;
}
