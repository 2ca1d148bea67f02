/* kat.c - load tests/data/kat-*.txt, see kat.h. */
#include "kat.h"

#include <string.h>

#include "core/keylog.h"
#include "core/suite.h"

static GByteArray *
hex(const char *s)
{
	GByteArray *a = g_byte_array_new();
	for (; s[0] && s[1]; s += 2) {
		g_assert_true(g_ascii_isxdigit(s[0]) && g_ascii_isxdigit(s[1]));
		guint8 b = (guint8)(g_ascii_xdigit_value(s[0]) << 4 | g_ascii_xdigit_value(s[1]));
		g_byte_array_append(a, &b, 1);
	}
	return a;
}

static void
pkt_free(gpointer p)
{
	KatPkt *k = p;
	g_bytes_unref(k->bytes);
	g_free(k->data_hex);
	g_free(k);
}

/* "...: request netfn 06h cmd 01h data 0102" or "...: response netfn 07h
 * cmd 01h cc 00h data 2001..." */
static void
parse_comment(const char *c, KatPkt *p)
{
	const char *m = strstr(c, ": request netfn ");
	const char *r = strstr(c, ": response netfn ");
	if (!m && !r)
		return;
	p->has_msg = TRUE;
	p->response = r != NULL;
	const char *s = strstr(c, "netfn ") + 6;
	p->netfn = (guint)g_ascii_strtoull(s, NULL, 16);
	s = strstr(s, "cmd ") + 4;
	p->cmd = (guint)g_ascii_strtoull(s, NULL, 16);
	if (p->response) {
		s = strstr(s, "cc ") + 3;
		p->cc = (guint)g_ascii_strtoull(s, NULL, 16);
	}
	s = strstr(s, "data");
	g_assert_nonnull(s);
	p->data_hex = g_strstrip(g_strdup(s + 4));
	p->in_session = g_str_has_prefix(c, "# in session");
}

Kat *
kat_load(const char *name)
{
	g_autofree char *path = g_strdup_printf("%s/kat-%s.txt", TEST_DATA_DIR, name);
	g_autofree char *data = NULL;
	g_assert_true(g_file_get_contents(path, &data, NULL, NULL));
	Kat *k = g_new0(Kat, 1);
	k->name = g_strdup(name);
	k->pkts = g_ptr_array_new_with_free_func(pkt_free);
	g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
	const char *comment = "";
	for (char **l = lines; *l; l++) {
		char *line = g_strstrip(*l);
		if (*line == '#') {
			comment = line;
			continue;
		}
		char *sp = strchr(line, ' ');
		if (!sp)
			continue;
		*sp = 0;
		const char *val = sp + 1;
		if (g_str_equal(line, "suite")) {
			k->suite = (unsigned)g_ascii_strtoull(val, NULL, 10);
		} else if (g_str_equal(line, "user")) {
			k->user = g_strdup(val);
		} else if (g_str_equal(line, "password")) {
			k->password = g_strdup(val);
		} else if (g_str_equal(line, "kg")) {
			k->kg_hex = g_strdup(val);
		} else if (g_str_equal(line, "sik")) {
			k->sik = hex(val);
		} else if (g_str_equal(line, "rm") || g_str_equal(line, "rc") ||
			   g_str_equal(line, "guid")) {
			g_autoptr(GByteArray) b = hex(val);
			g_assert_cmpuint(b->len, ==, 16);
			memcpy(line[0] == 'g'   ? k->guid
			       : line[1] == 'm' ? k->rm
						: k->rc,
			       b->data, 16);
		} else if (g_str_equal(line, "role")) {
			k->role = (guint)g_ascii_strtoull(val, NULL, 0);
		} else if (g_str_equal(line, "sidm")) {
			k->sidm = (guint32)g_ascii_strtoull(val, NULL, 16);
		} else if (g_str_equal(line, "sidc")) {
			k->sidc = (guint32)g_ascii_strtoull(val, NULL, 16);
		} else if (g_str_equal(line, "pkt")) {
			KatPkt *p = g_new0(KatPkt, 1);
			p->c2b = g_str_has_prefix(val, "c2b ");
			g_assert_true(p->c2b || g_str_has_prefix(val, "b2c "));
			p->bytes = g_byte_array_free_to_bytes(hex(val + 4));
			parse_comment(comment, p);
			g_ptr_array_add(k->pkts, p);
		}
		comment = "";
	}
	g_assert_nonnull(k->user);
	g_assert_nonnull(k->password);
	g_assert_nonnull(k->sik);
	g_assert_cmpuint(k->pkts->len, >, 8);
	return k;
}

void
kat_free(Kat *k)
{
	g_free(k->name);
	g_free(k->user);
	g_free(k->password);
	g_free(k->kg_hex);
	g_byte_array_unref(k->sik);
	g_ptr_array_unref(k->pkts);
	g_free(k);
}

char *
kat_keylog_line(const Kat *k)
{
	const IpmiCipherSuite *cs = ipmi_suite_get(k->suite);
	g_assert_nonnull(cs);
	IpmiKeylogEntry e = {0};
	memcpy(e.rm, k->rm, 16);
	e.console_sid = k->sidm;
	e.bmc_sid = k->sidc;
	e.auth = cs->auth;
	e.integ = cs->integ;
	e.conf = cs->conf;
	g_assert_cmpuint(k->sik->len, <=, sizeof e.sik);
	memcpy(e.sik, k->sik->data, k->sik->len);
	e.sik_len = k->sik->len;
	char line[IPMI_KEYLOG_LINE_MAX];
	g_assert_cmpint(ipmi_keylog_format(&e, line, sizeof line), >, 0);
	return g_strdup(line);
}
