/* test-kat.c - known answers from independent implementations.
 *
 * Each tests/data/kat-*.txt file holds one whole session captured between
 * real peers (see tests/data/README for how each was made): credentials,
 * the keys the independent tool printed, and every datagram.  We derive the
 * keys ourselves, reproduce the RAKP codes, open every in-session packet of
 * both directions and re-seal it to the identical bytes. */
#include <glib.h>
#include <string.h>

#include "core/channel.h"
#include "core/crypto.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"

typedef struct {
	unsigned suite;
	GByteArray *user, *password, *kg, *sik, *k1, *k2, *rm, *rc, *guid;
	guint32 sidm, sidc;
	int role;
	GPtrArray *pkts; /* GBytes, first byte 1 = console->BMC, 0 = BMC->console */
} Kat;

static GByteArray *
hex(const char *s)
{
	GByteArray *a = g_byte_array_new();
	for (; s[0] && s[1]; s += 2) {
		while (*s == ' ')
			s++;
		if (!g_ascii_isxdigit(s[0]) || !g_ascii_isxdigit(s[1]))
			break;
		guint8 b = (guint8)(g_ascii_xdigit_value(s[0]) << 4 | g_ascii_xdigit_value(s[1]));
		g_byte_array_append(a, &b, 1);
	}
	return a;
}

static GByteArray *
text(const char *s)
{
	GByteArray *a = g_byte_array_new();
	g_byte_array_append(a, (const guint8 *)s, (guint)strlen(s));
	return a;
}

static void
kat_free(Kat *k)
{
	GByteArray **fields[] = {&k->user, &k->password, &k->kg, &k->sik, &k->k1,
				 &k->k2,   &k->rm,       &k->rc, &k->guid};
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		if (*fields[i])
			g_byte_array_unref(*fields[i]);
	g_ptr_array_unref(k->pkts);
}

static void
kat_load(const char *path, Kat *k)
{
	g_autofree char *data = NULL;
	g_autoptr(GError) err = NULL;
	g_assert_true(g_file_get_contents(path, &data, NULL, &err));
	memset(k, 0, sizeof *k);
	k->role = -1;
	k->pkts = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	g_auto(GStrv) lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		char *line = g_strstrip(*l);
		if (!*line || *line == '#')
			continue;
		char *sp = strchr(line, ' ');
		const char *val = sp ? g_strchug(sp + 1) : "";
		if (sp)
			*sp = 0;
		if (g_str_equal(line, "suite"))
			k->suite = (unsigned)g_ascii_strtoull(val, NULL, 10);
		else if (g_str_equal(line, "user"))
			k->user = text(val);
		else if (g_str_equal(line, "password"))
			k->password = text(val);
		else if (g_str_equal(line, "kg"))
			k->kg = hex(val);
		else if (g_str_equal(line, "role"))
			k->role = (int)g_ascii_strtoull(val, NULL, 0);
		else if (g_str_equal(line, "sik"))
			k->sik = hex(val);
		else if (g_str_equal(line, "k1"))
			k->k1 = hex(val);
		else if (g_str_equal(line, "k2"))
			k->k2 = hex(val);
		else if (g_str_equal(line, "rm"))
			k->rm = hex(val);
		else if (g_str_equal(line, "rc"))
			k->rc = hex(val);
		else if (g_str_equal(line, "guid"))
			k->guid = hex(val);
		else if (g_str_equal(line, "sidm"))
			k->sidm = (guint32)g_ascii_strtoull(val, NULL, 16);
		else if (g_str_equal(line, "sidc"))
			k->sidc = (guint32)g_ascii_strtoull(val, NULL, 16);
		else if (g_str_equal(line, "pkt")) {
			gboolean c2b = g_str_has_prefix(val, "c2b ");
			g_assert_true(c2b || g_str_has_prefix(val, "b2c "));
			GByteArray *b = hex(val + 4);
			guint8 dir = c2b ? 1 : 0;
			g_byte_array_prepend(b, &dir, 1);
			g_ptr_array_add(k->pkts, g_byte_array_free_to_bytes(b));
		}
	}
	g_assert_nonnull(k->user);
	g_assert_nonnull(k->password);
	g_assert_nonnull(k->rm);
	g_assert_nonnull(k->rc);
	g_assert_nonnull(k->guid);
	g_assert_cmpint(k->role, >=, 0);
	g_assert_cmpuint(k->rm->len, ==, 16);
	g_assert_cmpuint(k->rc->len, ==, 16);
	g_assert_cmpuint(k->guid->len, ==, 16);
}

static const guint8 *captured_iv;
static int
replay_iv(void *ctx, uint8_t *buf, size_t len)
{
	g_assert_cmpuint(len, ==, 16);
	memcpy(buf, captured_iv, len);
	return 0;
}

/* The setup payload of a datagram, or NULL for an in-session one. */
static const guint8 *
setup_payload(const guint8 *d, gsize len, guint8 *type, gsize *plen)
{
	IpmiV2Header h;
	if (len < 5 || d[4] != IPMI_AUTHTYPE_RMCPP)
		return NULL;
	g_assert_cmpint(ipmi_v2_header_decode(d + 4, len - 4, &h), >, 0);
	if (h.session_id != 0)
		return NULL;
	*type = h.payload_type;
	*plen = h.payload_len;
	return h.payload;
}

static void
test_kat(gconstpointer data)
{
	const char *path = data;
	Kat k;
	kat_load(path, &k);
	const IpmiCipherSuite *cs = ipmi_suite_get(k.suite);
	g_assert_nonnull(cs);

	IpmiRakpParams rp = {.console_sid = k.sidm, .bmc_sid = k.sidc, .role = (guint8)k.role};
	memcpy(rp.rm, k.rm->data, 16);
	memcpy(rp.rc, k.rc->data, 16);
	memcpy(rp.guid, k.guid->data, 16);
	rp.user_len = (guint8)k.user->len;
	memcpy(rp.user, k.user->data, k.user->len);

	IpmiKeys keys;
	g_assert_cmpint(ipmi_keys_derive(&keys, cs->auth, cs->integ, cs->conf, k.password->data,
					 k.password->len, k.kg ? k.kg->data : NULL,
					 k.kg ? k.kg->len : 0, &rp),
			==, 0);
	if (k.sik)
		g_assert_cmpmem(keys.sik, keys.key_len, k.sik->data, k.sik->len);
	if (k.k1)
		g_assert_cmpmem(keys.k1, keys.key_len, k.k1->data, k.k1->len);
	if (k.k2)
		g_assert_cmpmem(keys.k2, keys.key_len, k.k2->data, k.k2->len);

	IpmiSeqWindow win[2] = {{0}};
	/* Handles kept across packets, as a channel keeps them. */
	IpmiKeyHandles kh = {0};
	guint rakp_seen = 0, opened = 0;
	for (guint i = 0; i < k.pkts->len; i++) {
		gsize len;
		const guint8 *raw = g_bytes_get_data(k.pkts->pdata[i], &len);
		gboolean c2b = raw[0];
		const guint8 *d = raw + 1;
		len--;
		guint8 type;
		gsize plen;
		const guint8 *p = setup_payload(d, len, &type, &plen);
		guint8 code[IPMI_RAKP_CODE_MAX];
		if (p) {
			if (type == IPMI_PAYLOAD_RAKP2) {
				IpmiRakp2 m;
				g_assert_cmpint(ipmi_rakp2_decode(p, plen, &m), >, 0);
				int n = ipmi_rakp2_code(cs->auth, k.password->data, k.password->len,
							&rp, code);
				g_assert_cmpmem(code, n, m.code, m.code_len);
				rakp_seen++;
			} else if (type == IPMI_PAYLOAD_RAKP3) {
				IpmiRakp3 m;
				g_assert_cmpint(ipmi_rakp3_decode(p, plen, &m), >, 0);
				int n = ipmi_rakp3_code(cs->auth, k.password->data, k.password->len,
							&rp, code);
				g_assert_cmpmem(code, n, m.code, m.code_len);
				rakp_seen++;
			} else if (type == IPMI_PAYLOAD_RAKP4) {
				IpmiRakp4 m;
				g_assert_cmpint(ipmi_rakp4_decode(p, plen, &m), >, 0);
				int n = ipmi_rakp4_icv(cs->auth, keys.sik, &rp, code);
				g_assert_cmpmem(code, n, m.icv, m.icv_len);
				rakp_seen++;
			}
			continue;
		}
		if (d[4] != IPMI_AUTHTYPE_RMCPP)
			continue; /* IPMI 1.5 pre-session */
		/* In session: verify, decrypt, check the window, re-seal. */
		IpmiOpened op;
		guint8 plain[IPMI_MAX_DATAGRAM];
		guint32 sid = c2b ? k.sidc : k.sidm;
		int rc =
		    ipmi_record_open(&keys, &kh, NULL, sid, TRUE, d, len, &op, plain, sizeof plain);
		g_assert_cmpint(rc, ==, 0);
		g_assert_cmpint(ipmi_seq_check(&win[c2b], op.seq), ==, 0);
		ipmi_seq_accept(&win[c2b], op.seq);
		if (op.payload_type == IPMI_PAYLOAD_IPMI) {
			IpmiMsg m;
			g_assert_cmpint(ipmi_msg_decode(plain, op.payload_len, &m), ==,
					(int)op.payload_len);
			g_assert_cmpint(ipmi_msg_is_response(&m), ==, !c2b);
		}
		IpmiV2Header h;
		g_assert_cmpint(ipmi_v2_header_decode(d + 4, len - 4, &h), >, 0);
		guint8 pad = 0xFF;
		if (cs->integ != IPMI_INTEG_NONE) {
			IpmiV2Trailer t;
			g_assert_cmpint(ipmi_v2_trailer_decode(d + 4, len - 4, &h,
							       ipmi_integ_mac_len(cs->integ), &t),
					>, 0);
			pad = t.pad_len;
		}
		captured_iv = h.payload;
		guint8 again[IPMI_MAX_DATAGRAM];
		int n = ipmi_record_seal(&keys, &kh, NULL, sid, op.seq, op.payload_type, plain,
					 op.payload_len, pad, replay_iv, NULL, again, sizeof again);
		g_assert_cmpmem(again, n, d, len);
		opened++;
	}
	g_assert_cmpuint(rakp_seen, ==, cs->auth == IPMI_AUTH_RAKP_NONE ? 0 : 3);
	g_assert_cmpuint(opened, >=, 2);
	g_test_message("%s: %u RAKP codes, %u in-session packets verified", path, rakp_seen,
		       opened);
	ipmi_key_handles_close(&kh);
	ipmi_keys_wipe(&keys);
	kat_free(&k);
}

/* The vectors must keep covering the suites that matter, from both
 * independent consoles: a deleted file must fail, not shrink the run. */
static void
test_coverage(gconstpointer data)
{
	const GPtrArray *names = data;
	const char *needed[] = {"ipmitool-ipmisim-suite3",   "freeipmi-ipmisim-suite3",
				"ipmitool-pybmc-suite17",    "freeipmi-pybmc-suite17",
				"ipmitool-pybmc-suite17-kg", "freeipmi-pybmc-suite12"};
	for (gsize i = 0; i < G_N_ELEMENTS(needed); i++) {
		g_autofree char *want = g_strdup_printf("kat-%s.txt", needed[i]);
		gboolean found = FALSE;
		for (guint j = 0; j < names->len; j++)
			found |= g_str_equal(names->pdata[j], want);
		g_assert_true(found);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_assert_cmpint(ipmi_crypto_init(), ==, 0);
	g_autoptr(GDir) dir = g_dir_open(TEST_DATA_DIR, 0, NULL);
	g_assert_nonnull(dir);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(dir)))
		if (g_str_has_prefix(name, "kat-") && g_str_has_suffix(name, ".txt"))
			g_ptr_array_add(names, g_strdup(name));
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	for (guint i = 0; i < names->len; i++) {
		const char *n = names->pdata[i];
		g_autofree char *base = g_strndup(n + 4, strlen(n) - 8);
		g_autofree char *tpath = g_strdup_printf("/core/kat/%s", base);
		g_test_add_data_func_full(tpath, g_build_filename(TEST_DATA_DIR, n, NULL), test_kat,
					  g_free);
	}
	g_test_add_data_func("/core/kat/coverage", names, test_coverage);
	int rc = g_test_run();
	g_ptr_array_unref(names);
	return rc;
}
