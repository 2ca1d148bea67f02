/* test-ipmi-pcap.c - ipmi-pcap against captures the test writes itself from
 * the real sessions of tests/data/kat-*.txt (ipmitool, FreeIPMI; pybmc,
 * ipmi_sim): every plaintext message it prints must be the one the kat
 * file's comments name; wrong password, K_G, key log, ports, link types,
 * damaged captures, standard input, two sessions with ipmitool's fixed
 * console session ID, and the audit lines. */
#include <glib.h>
#include <string.h>

#include "ipmi15-kat.h"
#include "kat.h"
#include "pcapw.h"
#include "run.h"

static const char *ipmi_pcap;

/* ---- running ipmi-pcap -------------------------------------------------- */

static void
run_pcap(RunResult *r, const char *stdin_path, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_ptr_array_add(argv, (gpointer)ipmi_pcap);
	va_list ap;
	va_start(ap, stdin_path);
	for (const char *a; (a = va_arg(ap, const char *));)
		g_ptr_array_add(argv, (gpointer)a);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	run_argv(r, (const char *const *)argv->pdata, stdin_path);
}

static void
assert_json_eq(const char *line, const char *key, const char *want)
{
	g_autofree char *v = json_get(line, key);
	if (g_strcmp0(v, want) != 0)
		g_error("%s: want %s, got %s in %s", key, want, v ? v : "(none)", line);
}

static void
assert_json_uint(const char *line, const char *key, guint want)
{
	g_autofree char *w = g_strdup_printf("%u", want);
	assert_json_eq(line, key, w);
}

/* Every datagram of k (at frames[i]) as expected: direction, and for each
 * IPMI message the exact netFn, command, completion code and data. */
static void
check_messages(const Kat *k, const char *out, const guint64 *frames, gboolean expect_plain)
{
	g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
	guint in_session = 0;
	for (guint i = 0; i < k->pkts->len; i++) {
		const KatPkt *p = g_ptr_array_index(k->pkts, i);
		if (frames[i] == 0)
			continue; /* not in this capture */
		const char *line = json_frame(lines, frames[i]);
		if (!line)
			g_error("%s: frame %" G_GUINT64_FORMAT " missing", k->name, frames[i]);
		assert_json_eq(line, "direction", p->c2b ? "to_bmc" : "to_console");
		if (!p->has_msg)
			continue;
		if (p->in_session && !expect_plain) {
			g_autofree char *st = json_get(line, "status");
			g_assert_cmpstr(st, !=, "ok");
			g_autofree char *nf = json_get(line, "netfn");
			g_assert_null(nf);
			continue;
		}
		in_session += p->in_session;
		assert_json_eq(line, "status", "ok");
		assert_json_uint(line, "netfn", p->netfn);
		assert_json_uint(line, "cmd", p->cmd);
		assert_json_eq(line, "data", p->data_hex);
		assert_json_eq(line, "response", p->response ? "true" : "false");
		if (p->response)
			assert_json_uint(line, "cc", p->cc);
		if (p->in_session)
			assert_json_eq(line, "verified", "true");
	}
	if (expect_plain)
		g_assert_cmpuint(in_session, >=, 4);
}

static guint64 *
frames_1_to_n(guint n)
{
	guint64 *f = g_new(guint64, n);
	for (guint i = 0; i < n; i++)
		f[i] = i + 1;
	return f;
}

/* ---- every captured session, decrypted ---------------------------------- */

typedef struct {
	PcapwLink link;
	gboolean ng, v6;
	guint16 port;
	const char *extra[3]; /* more ipmi-pcap options */
} Layout;

/* Ports 623 and others (the RMCP heuristic, or -p), all link types, IPv4
 * and IPv6, pcap and pcapng. */
static const Layout layouts[] = {
    {PCAPW_ETHERNET, FALSE, FALSE, 623, {NULL}},
    {PCAPW_RAW, TRUE, FALSE, 6230, {NULL}},
    {PCAPW_SLL2, FALSE, TRUE, 623, {NULL}},
    {PCAPW_NULL, TRUE, TRUE, 16230, {"--no-heuristic", "-p", "16230"}},
};

static void
test_kat(gconstpointer data)
{
	const char *name = data;
	Kat *k = kat_load(name);
	guint idx = g_str_hash(name) % G_N_ELEMENTS(layouts);
	const Layout *lay = &layouts[idx];
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "kat.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, lay->link, lay->ng, lay->v6);
	pcapw_kat(&w, k, 40000, lay->port);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	const char *base[] = {ipmi_pcap, "--json", "-U", k->user, "-P", k->password, pcap};
	for (gsize i = 0; i < G_N_ELEMENTS(base); i++)
		g_ptr_array_add(argv, (gpointer)base[i]);
	for (gsize i = 0; i < G_N_ELEMENTS(lay->extra) && lay->extra[i]; i++)
		g_ptr_array_add(argv, (gpointer)lay->extra[i]);
	if (k->kg_hex) {
		g_ptr_array_add(argv, (gpointer) "-y");
		g_ptr_array_add(argv, k->kg_hex);
	}
	g_ptr_array_add(argv, NULL);
	run_argv(&r, (const char *const *)argv->pdata, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	check_messages(k, r.out, frames, TRUE);
	g_assert_nonnull(strstr(r.out, "\"verdict\":\"match\",\"credential\":1"));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* The readable transcript of one session. */
static void
test_transcript(void)
{
	Kat *k = kat_load("ipmitool-pybmc-suite17");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "t.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "-U", "nobody", "-P", "x", "-U", "admin", "-P", "password", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	const char *want[] = {
	    "session 1: console 127.0.0.1:40000, BMC 127.0.0.1:623, console SID a0a2a3a4, BMC SID "
	    "3bfc9400, suite 17 (HMAC-SHA256 / HMAC-SHA256-128 / AES-CBC-128), user \"admin\", "
	    "role "
	    "14h: credential 2 (user \"admin\") matches RAKP2",
	    "    13   0.012000 --> S1    3bfc9400 5     [encrypted, integrity ok] App (06h) Get "
	    "Device ID (01h) request rqSeq 03h data []",
	    "    14   0.013000 <-- S1    a0a2a3a4 3     [encrypted, integrity ok] App (07h) Get "
	    "Device ID (01h) response rqSeq 03h cc 00h (Command completed normally) data "
	    "[2001050102bfa21b00110000000000]",
	    "device_id=0x20 device_revision=1 provides_sdrs=no firmware_revision=5.01",
	    "manufacturer_id=\"7074 (0x001ba2)\" product_id=0x0011",
	    "     1   0.000000 --> -     00000000 0     IPMI 1.5 App (06h) Get Channel "
	    "Authentication Capabilities (38h) request rqSeq 00h data [8e04]",
	    "RAKP 2\n         tag=0x00 status=\"0x00 (no errors)\" console_session_id=0xa0a2a3a4 "
	    "rc=bd26f9be72bc8e90ef03886eec39eae2",
	    "cc C1h (Invalid command)",
	    "App (06h) Close Session (3Ch) request rqSeq 07h data [0094fc3b]\n"
	    "         session_id=0x3bfc9400",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(want); i++)
		if (!strstr(r.out, want[i]))
			g_error("missing: %s\nin:\n%s", want[i], r.out);
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* ---- credentials -------------------------------------------------------- */

/* IPMI v1.5 AuthCodes (ipmi15-kat.h): checked with the password given,
 * shown as mismatching with a wrong one, "no password" without. */
static void
test_ipmi15_auth(void)
{
	static const struct {
		const char *hex;
		gboolean c2b;
	} d[] = {
	    {IPMI15_MD5_ACT_REQ, TRUE}, {IPMI15_MD5_ACT_RSP, FALSE}, {IPMI15_PW_ACT_REQ, TRUE},
	    {IPMI15_MD2_ACT_REQ, TRUE}, {IPMI15_MD2_ACT_RSP, FALSE},
	};
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "v15.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	for (guint i = 0; i < G_N_ELEMENTS(d); i++) {
		gsize n = strlen(d[i].hex) / 2;
		g_autofree guint8 *b = g_malloc(n);
		for (gsize j = 0; j < n; j++)
			b[j] = (guint8)(g_ascii_xdigit_value(d[i].hex[2 * j]) << 4 |
					g_ascii_xdigit_value(d[i].hex[2 * j + 1]));
		if (d[i].c2b)
			pcapw_udp(&w, 40000, 623, b, n);
		else
			pcapw_udp(&w, 623, 40000, b, n);
	}
	pcapw_save(&w, pcap, G_MAXSIZE);
	static const char *const types[] = {"MD5", "MD5", "password", "MD2", "MD2"};

	RunResult r;
	run_pcap(&r, NULL, "-U", "other", "-P", "secret", "-U", "admin", "-P", "password", pcap,
		 NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_auto(GStrv) lines = g_strsplit(r.out, "\n", -1);
	guint seen = 0;
	for (GStrv l = lines; *l; l++) {
		if (!strstr(*l, "Activate Session (3Ah)"))
			continue;
		g_autofree char *want =
		    g_strdup_printf("IPMI 1.5 (%s, auth code ok: credential 2) App", types[seen]);
		if (!strstr(*l, want))
			g_error("want \"%s\" in: %s", want, *l);
		seen++;
	}
	g_assert_cmpuint(seen, ==, G_N_ELEMENTS(d));
	run_result_clear(&r);

	run_pcap(&r, NULL, "-U", "admin", "-P", "passwore", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_null(strstr(r.out, "auth code ok"));
	g_assert_nonnull(strstr(r.out,
				"IPMI 1.5 (MD5, AUTH CODE MISMATCH: wrong password) App (06h) "
				"Activate Session (3Ah) request"));
	g_assert_nonnull(strstr(r.out,
				"IPMI 1.5 (MD2, AUTH CODE MISMATCH: wrong password) App (07h) "
				"Activate Session (3Ah) response"));
	run_result_clear(&r);

	run_pcap(&r, NULL, "--json", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_strfreev(lines);
	lines = g_strsplit(r.out, "\n", -1);
	for (guint i = 0; i < G_N_ELEMENTS(d); i++) {
		const char *line = json_frame(lines, i + 1);
		g_assert_nonnull(line);
		assert_json_eq(line, "auth_type", types[i]);
		assert_json_eq(line, "auth_check", "no_password");
		assert_json_eq(line, "verified", "false");
		assert_json_eq(line, "authenticated", "true");
	}
	run_result_clear(&r);
	run_pcap(&r, NULL, "--json", "-P", "password", pcap, NULL);
	g_strfreev(lines);
	lines = g_strsplit(r.out, "\n", -1);
	for (guint i = 0; i < G_N_ELEMENTS(d); i++) {
		const char *line = json_frame(lines, i + 1);
		g_assert_nonnull(line);
		assert_json_eq(line, "auth_check", "verified");
		assert_json_eq(line, "credential", "1");
		assert_json_eq(line, "verified", "true");
		assert_json_uint(line, "cmd", 0x3A);
	}
	run_result_clear(&r);
	run_pcap(&r, NULL, "--json", "-P", "wrong", pcap, NULL);
	g_strfreev(lines);
	lines = g_strsplit(r.out, "\n", -1);
	for (guint i = 0; i < G_N_ELEMENTS(d); i++) {
		const char *line = json_frame(lines, i + 1);
		assert_json_eq(line, "auth_check", "mismatch");
		assert_json_eq(line, "verified", "false");
	}
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
}

static void
test_wrong_password(void)
{
	Kat *k = kat_load("freeipmi-pybmc-suite3");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "w.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "-U", "admin", "-P", "not-the-password", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "wrong password: no credential matches RAKP2"));
	g_assert_null(strstr(r.out, "Get Device ID"));
	g_assert_nonnull(strstr(r.out, "not decrypted"));
	run_result_clear(&r);
	run_pcap(&r, NULL, "--json", "-P", "not-the-password", pcap, NULL);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	check_messages(k, r.out, frames, FALSE);
	g_assert_nonnull(strstr(r.out, "\"verdict\":\"wrong_password\""));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

static void
test_kg(gconstpointer data)
{
	Kat *k = kat_load(data);
	g_assert_nonnull(k->kg_hex);
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "kg.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "--json", "-U", k->user, "-P", k->password, pcap, NULL);
	g_assert_nonnull(strstr(r.out, "\"verdict\":\"kg_mismatch\""));
	g_assert_nonnull(strstr(r.out, "K_G mismatch"));
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	check_messages(k, r.out, frames, FALSE);
	run_result_clear(&r);
	/* with the BMC key, as hex (-y) and in a credentials file (0x...) */
	run_pcap(&r, NULL, "--json", "-U", k->user, "-P", k->password, "-y", k->kg_hex, pcap, NULL);
	check_messages(k, r.out, frames, TRUE);
	g_assert_null(strstr(r.out, "kg_mismatch"));
	run_result_clear(&r);
	g_autofree char *cf = g_build_filename(dir, "creds", NULL);
	g_autofree char *cl = g_strdup_printf("# test\nother:pw\n\"%s\",\"%s\",\"0x%s\"\n", k->user,
					      k->password, k->kg_hex);
	g_assert_true(g_file_set_contents(cf, cl, -1, NULL));
	run_pcap(&r, NULL, "--json", "--credentials", cf, pcap, NULL);
	check_messages(k, r.out, frames, TRUE);
	g_assert_nonnull(strstr(r.out, "\"credential\":2"));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* The key log: the SIK instead of the password, with the handshake in the
 * capture (Rm names the session) and without it (the session IDs do). */
static void
test_keylog(gconstpointer data)
{
	Kat *k = kat_load(data);
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "k.pcap", NULL);
	g_autofree char *log = g_build_filename(dir, "keylog", NULL);
	g_autofree char *line = kat_keylog_line(k);
	g_autofree char *text = g_strdup_printf("# libipmi session keys\n%s", line);
	g_assert_true(g_file_set_contents(log, text, -1, NULL));
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, TRUE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "--json", "--keylog", log, pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	check_messages(k, r.out, frames, TRUE);
	g_assert_nonnull(strstr(r.out, "\"verdict\":\"keylog\""));
	run_result_clear(&r);
	pcapw_clear(&w);

	/* only the in-session datagrams */
	Kat *cut = kat_load(data);
	g_ptr_array_set_size(cut->pkts, 0);
	for (guint i = 0; i < k->pkts->len; i++) {
		KatPkt *p = g_ptr_array_index(k->pkts, i);
		if (p->in_session) {
			KatPkt *q = g_new0(KatPkt, 1);
			*q = *p;
			q->bytes = g_bytes_ref(p->bytes);
			q->data_hex = g_strdup(p->data_hex);
			g_ptr_array_add(cut->pkts, q);
		}
	}
	pcapw_init(&w, PCAPW_RAW, FALSE, FALSE);
	pcapw_kat(&w, cut, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	run_pcap(&r, NULL, "--json", "--keylog", log, pcap, NULL);
	g_free(frames);
	frames = frames_1_to_n(cut->pkts->len);
	check_messages(cut, r.out, frames, TRUE);
	g_assert_nonnull(strstr(r.out, "handshake not captured"));
	run_result_clear(&r);
	/* a bad key log line names its line and column */
	g_assert_true(g_file_set_contents(log, "# x\nRMCPP 00 zz\n", -1, NULL));
	run_pcap(&r, NULL, "--keylog", log, pcap, NULL);
	g_assert_cmpint(r.status, ==, 2);
	g_assert_nonnull(strstr(r.err, "keylog:2:7:"));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(cut);
	kat_free(k);
}

/* ---- capture handling --------------------------------------------------- */

static void
test_ports(void)
{
	Kat *k = kat_load("ipmitool-pybmc-suite3");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "p.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 6230);
	static const guint8 noise[] = {0x06, 0x00, 0xff, 0x09, 1, 2, 3}; /* RMCP-like, class 9 */
	pcapw_udp(&w, 5000, 6000, noise, sizeof noise);
	pcapw_save(&w, pcap, G_MAXSIZE);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	RunResult r;
	run_pcap(&r, NULL, "--json", "-U", "admin", "-P", "password", pcap, NULL);
	check_messages(k, r.out, frames, TRUE);
	g_assert_null(strstr(r.out, "\"src\":\"127.0.0.1:5000\""));
	run_result_clear(&r);
	run_pcap(&r, NULL, "--json", "--no-heuristic", "-P", "password", pcap, NULL);
	g_assert_cmpstr(r.out, ==, "");
	run_result_clear(&r);
	run_pcap(&r, NULL, "--json", "--no-heuristic", "-p", "6230", "-P", "password", pcap, NULL);
	check_messages(k, r.out, frames, TRUE);
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* Two ipmitool sessions at once: both use console session ID A0A2A3A4; the
 * address pair tells them apart. */
static void
test_two_sessions(void)
{
	Kat *a = kat_load("ipmitool-pybmc-suite3");
	Kat *b = kat_load("ipmitool-pybmc-suite17");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "two.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	g_autofree guint64 *fa = g_new0(guint64, a->pkts->len);
	g_autofree guint64 *fb = g_new0(guint64, b->pkts->len);
	guint64 frame = 0;
	for (guint i = 0; i < MAX(a->pkts->len, b->pkts->len); i++) {
		for (int s = 0; s < 2; s++) {
			Kat *k = s ? b : a;
			if (i >= k->pkts->len)
				continue;
			const KatPkt *p = g_ptr_array_index(k->pkts, i);
			guint16 cport = s ? 40002 : 40001;
			gsize n;
			const guint8 *d = g_bytes_get_data(p->bytes, &n);
			pcapw_udp(&w, p->c2b ? cport : 623, p->c2b ? 623 : cport, d, n);
			(s ? fb : fa)[i] = ++frame;
		}
	}
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "--json", "-P", "password", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	check_messages(a, r.out, fa, TRUE);
	check_messages(b, r.out, fb, TRUE);
	g_assert_nonnull(strstr(r.out, "{\"type\":\"session\",\"session\":1,"));
	g_assert_nonnull(strstr(r.out, "{\"type\":\"session\",\"session\":2,"));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(a);
	kat_free(b);
}

/* A file cut in the middle of a frame: what comes before is printed, then
 * libpcap's error naming the frame. */
static void
test_truncated(void)
{
	Kat *k = kat_load("freeipmi-pybmc-suite17");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "cut.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	guint last = pcapw_frames(&w); /* cut inside the last frame */
	pcapw_save(&w, pcap, g_array_index(w.udp_offset, guint, last - 1) + 5);
	RunResult r;
	run_pcap(&r, NULL, "--json", "-P", "password", pcap, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_autofree char *msg = g_strdup_printf("frame %u: truncated dump file", last);
	if (!strstr(r.err, msg))
		g_error("want '%s' in: %s", msg, r.err);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	frames[last - 1] = 0;
	check_messages(k, r.out, frames, TRUE);
	g_auto(GStrv) lines = g_strsplit(r.out, "\n", -1);
	g_assert_null(json_frame(lines, last));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* A corrupt IP header (frame 1) and a tampered encrypted payload: each is
 * named, the rest is decrypted. */
static void
test_corrupt(void)
{
	Kat *k = kat_load("ipmitool-pybmc-suite17");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "bad.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	w.buf->data[g_array_index(w.ip_offset, guint, 0)] = 0x4F; /* IHL 60 > frame */
	guint tampered = 0;
	for (guint i = 0; i < k->pkts->len && !tampered; i++) {
		const KatPkt *p = g_ptr_array_index(k->pkts, i);
		if (p->in_session && p->has_msg && p->netfn == 6 && p->cmd == 1)
			tampered = i + 1;
	}
	g_assert_cmpuint(tampered, >, 0);
	w.buf->data[g_array_index(w.udp_offset, guint, tampered - 1) + 20] ^= 0x01;
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "--json", "-P", "password", pcap, NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "frame 1: bad IPv4 header length; skipped"));
	g_auto(GStrv) lines = g_strsplit(r.out, "\n", -1);
	g_assert_null(json_frame(lines, 1));
	const char *bad = json_frame(lines, tampered);
	g_assert_nonnull(bad);
	g_autofree char *st = json_get(bad, "status");
	g_assert_true(g_str_has_prefix(st, "integrity check failed"));
	/* everything else as captured */
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	frames[0] = frames[tampered - 1] = 0;
	check_messages(k, r.out, frames, TRUE);
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

static void
test_stdin(void)
{
	Kat *k = kat_load("freeipmi-ipmisim-suite3");
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "in.pcapng", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_SLL2, TRUE, FALSE);
	pcapw_kat(&w, k, 40000, 623);
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, pcap, "--json", "-P", "password", "-", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_autofree guint64 *frames = frames_1_to_n(k->pkts->len);
	check_messages(k, r.out, frames, TRUE);
	run_result_clear(&r);
	run_pcap(&r, NULL, "/nonexistent.pcap", NULL);
	g_assert_cmpint(r.status, ==, 1);
	g_assert_nonnull(strstr(r.err, "/nonexistent.pcap"));
	run_result_clear(&r);
	pcapw_clear(&w);
	tmpdir_remove(dir);
	kat_free(k);
}

/* ---- audit -------------------------------------------------------------- */

static void
hex_append(GString *s, const guint8 *p, gsize n)
{
	for (gsize i = 0; i < n; i++)
		g_string_append_printf(s, "%02x", p[i]);
}

static void
test_audit(void)
{
	const char *names[] = {"ipmitool-pybmc-suite3", "freeipmi-pybmc-suite17",
			       "freeipmi-pybmc-suite8"};
	g_autofree char *dir = tmpdir_new();
	g_autofree char *pcap = g_build_filename(dir, "a.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	GString *want = g_string_new(NULL);
	for (gsize n = 0; n < G_N_ELEMENTS(names); n++) {
		Kat *k = kat_load(names[n]);
		pcapw_kat(&w, k, (guint16)(40000 + n), 623);
		guint8 sids[8];
		for (int i = 0; i < 4; i++) {
			sids[i] = (guint8)(k->sidm >> (8 * i));
			sids[4 + i] = (guint8)(k->sidc >> (8 * i));
		}
		hex_append(want, sids, 8);
		hex_append(want, k->rm, 16);
		hex_append(want, k->rc, 16);
		hex_append(want, k->guid, 16);
		guint8 role_ulen[2] = {(guint8)k->role, (guint8)strlen(k->user)};
		hex_append(want, role_ulen, 2);
		hex_append(want, (const guint8 *)k->user, strlen(k->user));
		g_string_append_c(want, ':');
		for (guint i = 0; i < k->pkts->len; i++) {
			const KatPkt *p = g_ptr_array_index(k->pkts, i);
			gsize len;
			const guint8 *d = g_bytes_get_data(p->bytes, &len);
			if (len > 56 && d[4] == 0x06 && (d[5] & 0x3F) == 0x13)
				hex_append(want, d + 56, len - 56); /* the RAKP 2 code */
		}
		g_string_append_c(want, '\n');
		kat_free(k);
	}
	pcapw_save(&w, pcap, G_MAXSIZE);
	RunResult r;
	run_pcap(&r, NULL, "audit", pcap, NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_cmpstr(r.out, ==, want->str);
	g_assert_nonnull(strstr(r.err, "3 RAKP exchanges"));
	run_result_clear(&r);
	run_pcap(&r, NULL, "audit", "-v", pcap, NULL);
	g_assert_nonnull(strstr(r.out, "RAKP-HMAC-SHA1: hashcat -m 7300\n"));
	run_result_clear(&r);
	run_pcap(&r, NULL, "--help", NULL);
	g_assert_cmpint(r.status, ==, 0);
	g_assert_nonnull(strstr(r.out, "mode\n  7300"));
	run_result_clear(&r);
	g_string_free(want, TRUE);
	pcapw_clear(&w);
	tmpdir_remove(dir);
}

static gint
cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	ipmi_pcap = g_getenv("IPMI_PCAP");
	g_assert_nonnull(ipmi_pcap);
	g_autoptr(GDir) d = g_dir_open(TEST_DATA_DIR, 0, NULL);
	g_assert_nonnull(d);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	for (const char *n; (n = g_dir_read_name(d));)
		if (g_str_has_prefix(n, "kat-") && g_str_has_suffix(n, ".txt"))
			g_ptr_array_add(names, g_strndup(n + 4, strlen(n) - 8));
	g_ptr_array_sort(names, cmp_names);
	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index(names, i);
		g_autofree char *path = g_strdup_printf("/dissector/pcap/kat/%s", n);
		g_test_add_data_func(path, n, test_kat);
	}
	g_test_add_func("/dissector/pcap/transcript", test_transcript);
	g_test_add_func("/dissector/pcap/wrong-password", test_wrong_password);
	g_test_add_func("/dissector/pcap/ipmi15-auth", test_ipmi15_auth);
	g_test_add_data_func("/dissector/pcap/kg/ipmitool-17", "ipmitool-pybmc-suite17-kg",
			     test_kg);
	g_test_add_data_func("/dissector/pcap/kg/freeipmi-3", "freeipmi-pybmc-suite3-kg", test_kg);
	g_test_add_data_func("/dissector/pcap/keylog/ipmitool-17", "ipmitool-pybmc-suite17",
			     test_keylog);
	g_test_add_data_func("/dissector/pcap/keylog/freeipmi-3", "freeipmi-pybmc-suite3",
			     test_keylog);
	g_test_add_func("/dissector/pcap/ports", test_ports);
	g_test_add_func("/dissector/pcap/two-sessions", test_two_sessions);
	g_test_add_func("/dissector/pcap/truncated", test_truncated);
	g_test_add_func("/dissector/pcap/corrupt", test_corrupt);
	g_test_add_func("/dissector/pcap/stdin", test_stdin);
	g_test_add_func("/dissector/audit", test_audit);
	return g_test_run();
}
