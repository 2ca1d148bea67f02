/* test-tshark.c - tshark with the ipmi_rmcpp plugin loaded from the build
 * folder decrypts captures the test writes from tests/data/kat-*.txt: the
 * credentials UAT (-o uat:...), the key log preference, K_G, a wrong
 * password, another port; every decrypted message ("Decrypted IPMI" data
 * source) must be the one the kat file names, and Wireshark's ipmi display
 * filters must see them.
 *
 * As root, tshark ignores WIRESHARK_PLUGIN_DIR, so it runs as nobody
 * (runuser) with everything it reads in a world-readable folder. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kat.h"
#include "pcapw.h"
#include "run.h"

static char *tshark;
static char *plugin_dir; /* a world-readable copy of the build's plugin folder */

/* tshark -r PCAP ARGS... as an unprivileged user with the build's plugin. */
static void
run_tshark(RunResult *r, const char *home, const char *pcap, ...)
{
	g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
	if (geteuid() == 0) {
		g_ptr_array_add(argv, g_strdup("runuser"));
		g_ptr_array_add(argv, g_strdup("-u"));
		g_ptr_array_add(argv, g_strdup("nobody"));
		g_ptr_array_add(argv, g_strdup("--"));
	}
	g_ptr_array_add(argv, g_strdup("env"));
	g_ptr_array_add(argv, g_strdup_printf("HOME=%s", home));
	g_ptr_array_add(argv, g_strdup_printf("WIRESHARK_PLUGIN_DIR=%s", plugin_dir));
	g_ptr_array_add(argv, g_strdup(tshark));
	g_ptr_array_add(argv, g_strdup("-r"));
	g_ptr_array_add(argv, g_strdup(pcap));
	g_ptr_array_add(argv, g_strdup("-o"));
	g_ptr_array_add(argv, g_strdup("ipmi.dissect_bus_commands:TRUE"));
	va_list ap;
	va_start(ap, pcap);
	for (const char *a; (a = va_arg(ap, const char *));)
		g_ptr_array_add(argv, g_strdup(a));
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	run_argv(r, (const char *const *)argv->pdata, NULL);
	g_assert_cmpint(r->status, ==, 0);
}

typedef struct {
	char *dir, *pcap, *uat, *uat_wrong, *keylog_pref;
	Kat *k;
} Fixture;

static void
fixture_setup(Fixture *f, const char *name, guint16 port)
{
	f->k = kat_load(name);
	f->dir = tmpdir_new();
	f->pcap = g_build_filename(f->dir, "cap.pcap", NULL);
	Pcapw w;
	pcapw_init(&w, PCAPW_ETHERNET, FALSE, FALSE);
	pcapw_kat(&w, f->k, 40000, port);
	pcapw_save(&w, f->pcap, G_MAXSIZE);
	pcapw_clear(&w);
	f->uat = g_strdup_printf("uat:ipmi_rmcpp_credentials:\"%s\",\"%s\",\"%s%s\"", f->k->user,
				 f->k->password, f->k->kg_hex ? "0x" : "",
				 f->k->kg_hex ? f->k->kg_hex : "");
	f->uat_wrong =
	    g_strdup_printf("uat:ipmi_rmcpp_credentials:\"%s\",\"wrong\",\"\"", f->k->user);
	g_autofree char *log = g_build_filename(f->dir, "keylog", NULL);
	g_autofree char *line = kat_keylog_line(f->k);
	g_assert_true(g_file_set_contents(log, line, -1, NULL));
	g_chmod(log, 0644);
	f->keylog_pref = g_strdup_printf("ipmi_rmcpp.keylog_file:%s", log);
}

static void
fixture_clear(Fixture *f)
{
	tmpdir_remove(f->dir);
	g_free(f->dir);
	g_free(f->pcap);
	g_free(f->uat);
	g_free(f->uat_wrong);
	g_free(f->keylog_pref);
	kat_free(f->k);
}

/* The frames (1-based, comma-separated as tshark -T fields prints one
 * per line) of in-session Get Device ID messages. */
static char *
get_device_id_frames(const Kat *k)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < k->pkts->len; i++) {
		const KatPkt *p = g_ptr_array_index(k->pkts, i);
		if (p->in_session && p->has_msg && (p->netfn & ~1u) == 6 && p->cmd == 1)
			g_string_append_printf(s, "%u\n", i + 1);
	}
	return g_string_free(s, FALSE);
}

/* From tshark -x: the bytes of frame n's "Decrypted IPMI" data source.
 * Frames are separated by a blank line; a frame with more than one data
 * source prints a "Name (N bytes):" line before each. */
static GByteArray *
decrypted_of_frame(const char *out, guint n)
{
	g_auto(GStrv) lines = g_strsplit(out, "\n", -1);
	guint frame = 1;
	for (char **l = lines; *l; l++) {
		if (**l == 0) {
			frame++;
			continue;
		}
		if (frame != n || !g_str_has_prefix(*l, "Decrypted IPMI ("))
			continue;
		GByteArray *b = g_byte_array_new();
		for (l++; *l && strlen(*l) > 6 && g_ascii_isxdigit(**l); l++) {
			const char *h = *l + 6; /* "0000  " */
			for (int i = 0; i < 16 && g_ascii_isxdigit(h[3 * i]); i++) {
				guint8 v = (guint8)(g_ascii_xdigit_value(h[3 * i]) << 4 |
						    g_ascii_xdigit_value(h[3 * i + 1]));
				g_byte_array_append(b, &v, 1);
			}
		}
		return b;
	}
	return NULL;
}

/* Every in-session message decrypted by the plugin is the kat file's:
 * netFn, command, completion code and data (IPMI LAN message layout). */
static void
check_decrypted(const Kat *k, const char *out)
{
	guint seen = 0;
	for (guint i = 0; i < k->pkts->len; i++) {
		const KatPkt *p = g_ptr_array_index(k->pkts, i);
		if (!p->in_session || !p->has_msg)
			continue;
		g_autoptr(GByteArray) m = decrypted_of_frame(out, i + 1);
		if (!m)
			g_error("%s: frame %u not decrypted", k->name, i + 1);
		gsize head = p->response ? 7 : 6;
		g_assert_cmpuint(m->len, >=, head + 1);
		g_assert_cmpuint(m->data[1] >> 2, ==, p->netfn);
		g_assert_cmpuint(m->data[5], ==, p->cmd);
		if (p->response)
			g_assert_cmpuint(m->data[6], ==, p->cc);
		GString *hex = g_string_new(NULL);
		for (gsize j = head; j + 1 < m->len; j++)
			g_string_append_printf(hex, "%02x", m->data[j]);
		g_assert_cmpstr(hex->str, ==, p->data_hex);
		g_string_free(hex, TRUE);
		seen++;
	}
	g_assert_cmpuint(seen, >=, 4);
}

static void
test_uat(gconstpointer data)
{
	Fixture f;
	fixture_setup(&f, data, 623);
	RunResult r;
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-Y", "ipmi.header.command == 0x01", "-T",
		   "fields", "-e", "frame.number", NULL);
	g_autofree char *want = get_device_id_frames(f.k);
	g_assert_cmpstr(r.out, ==, want);
	run_result_clear(&r);
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-x", NULL);
	check_decrypted(f.k, r.out);
	run_result_clear(&r);
	/* Two passes: the second shows what the first stored per frame. */
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-2", "-x", NULL);
	check_decrypted(f.k, r.out);
	run_result_clear(&r);
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-2", "-Y", "ipmi.header.command == 0x01", "-T",
		   "fields", "-e", "frame.number", NULL);
	g_assert_cmpstr(r.out, ==, want);
	run_result_clear(&r);
	/* the plugin's own fields: matched credential, verification */
	run_tshark(
	    &r, f.dir, f.pcap, "-o", f.uat, "-Y",
	    "ipmi_rmcpp.decrypted && ipmi_rmcpp.verified && ipmi_rmcpp.credential == \"admin\"",
	    "-T", "fields", "-e", "ipmi_rmcpp.credential_index", NULL);
	g_assert_true(g_str_has_prefix(r.out, "1\n1\n1\n1\n"));
	run_result_clear(&r);
	fixture_clear(&f);
}

static void
test_keylog(gconstpointer data)
{
	Fixture f;
	fixture_setup(&f, data, 623);
	RunResult r;
	run_tshark(&r, f.dir, f.pcap, "-o", f.keylog_pref, "-Y", "ipmi.header.command == 0x01",
		   "-T", "fields", "-e", "frame.number", NULL);
	g_autofree char *want = get_device_id_frames(f.k);
	g_assert_cmpstr(r.out, ==, want);
	run_result_clear(&r);
	run_tshark(&r, f.dir, f.pcap, "-o", f.keylog_pref, "-x", NULL);
	check_decrypted(f.k, r.out);
	run_result_clear(&r);
	fixture_clear(&f);
}

static void
test_wrong_password(void)
{
	Fixture f;
	fixture_setup(&f, "freeipmi-pybmc-suite17", 623);
	RunResult r;
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat_wrong, "-Y", "ipmi_rmcpp.wrong_password", "-T",
		   "fields", "-e", "frame.number", "-e", "ipmi_rmcpp.verdict", NULL);
	guint rakp2 = 0;
	for (guint i = 0; i < f.k->pkts->len && !rakp2; i++) {
		gsize n;
		const guint8 *d =
		    g_bytes_get_data(((KatPkt *)g_ptr_array_index(f.k->pkts, i))->bytes, &n);
		if (n > 5 && d[4] == 0x06 && (d[5] & 0x3F) == 0x13)
			rakp2 = i + 1;
	}
	g_autofree char *want = g_strdup_printf("%u\twrong password\n", rakp2);
	g_assert_cmpstr(r.out, ==, want);
	run_result_clear(&r);
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat_wrong, "-Y", "ipmi.header.command == 0x01", NULL);
	g_assert_cmpstr(r.out, ==, "");
	run_result_clear(&r);
	fixture_clear(&f);
}

/* K_G from the UAT (hex after 0x); without it, the expert info. */
static void
test_kg(void)
{
	Fixture f;
	fixture_setup(&f, "ipmitool-pybmc-suite3-kg", 623);
	RunResult r;
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-x", NULL);
	check_decrypted(f.k, r.out);
	run_result_clear(&r);
	g_autofree char *no_kg =
	    g_strdup_printf("uat:ipmi_rmcpp_credentials:\"admin\",\"%s\",\"\"", f.k->password);
	run_tshark(&r, f.dir, f.pcap, "-o", no_kg, "-Y", "ipmi_rmcpp.kg_mismatch", "-T", "fields",
		   "-e", "ipmi_rmcpp.verdict", NULL);
	g_assert_true(g_str_has_prefix(r.out, "password matches, K_G mismatch\n"));
	run_result_clear(&r);
	fixture_clear(&f);
}

/* Another UDP port: found by the plugin's RMCP heuristic. */
static void
test_other_port(void)
{
	Fixture f;
	fixture_setup(&f, "ipmitool-pybmc-suite17", 6230);
	RunResult r;
	run_tshark(&r, f.dir, f.pcap, "-o", f.uat, "-x", NULL);
	check_decrypted(f.k, r.out);
	run_result_clear(&r);
	fixture_clear(&f);
}

static void
skip_all(void)
{
	g_test_skip("tshark or the plugin (meson option wireshark) is missing");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	const char *built = g_getenv("WS_PLUGIN_DIR"), *abi = g_getenv("WS_PLUGIN_ABI");
	tshark = g_find_program_in_path("tshark");
	g_autofree char *so =
	    built && abi ? g_build_filename(built, abi, "epan", "ipmi_rmcpp.so", NULL) : NULL;
	g_autofree char *contents = NULL;
	gsize len;
	if (!tshark || !so || !g_file_get_contents(so, &contents, &len, NULL)) {
		g_test_add_func("/dissector/tshark/unavailable", skip_all);
		return g_test_run();
	}
	/* tshark runs as nobody, who may not reach the build folder */
	plugin_dir = tmpdir_new();
	g_autofree char *abi_dir = g_build_filename(plugin_dir, abi, NULL);
	g_autofree char *epan = g_build_filename(abi_dir, "epan", NULL);
	g_autofree char *copy = g_build_filename(epan, "ipmi_rmcpp.so", NULL);
	g_assert_cmpint(g_mkdir_with_parents(epan, 0755), ==, 0);
	g_assert_true(g_file_set_contents(copy, contents, (gssize)len, NULL));
	g_chmod(copy, 0644);
	g_test_add_data_func("/dissector/tshark/uat/ipmitool-17", "ipmitool-pybmc-suite17",
			     test_uat);
	g_test_add_data_func("/dissector/tshark/uat/ipmitool-3", "ipmitool-pybmc-suite3", test_uat);
	g_test_add_data_func("/dissector/tshark/uat/freeipmi-17", "freeipmi-pybmc-suite17",
			     test_uat);
	g_test_add_data_func("/dissector/tshark/uat/freeipmi-3", "freeipmi-pybmc-suite3", test_uat);
	g_test_add_data_func("/dissector/tshark/keylog/ipmitool-17", "ipmitool-pybmc-suite17",
			     test_keylog);
	g_test_add_data_func("/dissector/tshark/keylog/freeipmi-3", "freeipmi-pybmc-suite3",
			     test_keylog);
	g_test_add_func("/dissector/tshark/wrong-password", test_wrong_password);
	g_test_add_func("/dissector/tshark/kg", test_kg);
	g_test_add_func("/dissector/tshark/other-port", test_other_port);
	int rc = g_test_run();
	tmpdir_remove(epan);
	tmpdir_remove(abi_dir);
	tmpdir_remove(plugin_dir);
	return rc;
}
