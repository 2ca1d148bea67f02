/* test-hostrange.c - ipmictl's -H hostranges (tools/hostrange.c) and its
 * JSON string writer (tools/jsonw.c). */
#include <glib/gstdio.h>
#include <string.h>

#include "hostrange.h"
#include "jsonw.h"

/* "label=host/port label=host/port ...", or "ERROR: message". */
static char *
expand(const char *spec)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) hosts = hostrange_load(spec, &error);
	if (!hosts)
		return g_strdup_printf("ERROR: %s", error->message);
	g_assert_no_error(error);
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < hosts->len; i++) {
		HostEntry *e = hosts->pdata[i];
		g_string_append_printf(s, "%s%s=%s/%u", i ? " " : "", e->label, e->host, e->port);
	}
	return g_string_free(s, FALSE);
}

static void
check(const char *spec, const char *want)
{
	g_autofree char *got = expand(spec);
	if (g_strcmp0(got, want) != 0)
		g_error("hostrange '%s':\n  got  %s\n  want %s", spec, got, want);
}

static void
check_error(const char *spec, const char *want_fragment)
{
	g_autofree char *got = expand(spec);
	if (!g_str_has_prefix(got, "ERROR: ") || !strstr(got, want_fragment))
		g_error("hostrange '%s': got '%s', want an error with '%s'", spec, got,
			want_fragment);
}

static void
test_plain(void)
{
	check("bmc1", "bmc1=bmc1/0");
	check("10.0.0.5", "10.0.0.5=10.0.0.5/0");
	check("10.0.0.5:6230", "10.0.0.5:6230=10.0.0.5/6230");
	g_assert_true(hostrange_is_plain("bmc1"));
	g_assert_true(hostrange_is_plain("10.0.0.5"));
	g_assert_true(hostrange_is_plain("fe80::1"));
	g_assert_false(hostrange_is_plain("10.0.0.5:6230"));
	g_assert_false(hostrange_is_plain("a,b"));
	g_assert_false(hostrange_is_plain("n[1-2]"));
	g_assert_false(hostrange_is_plain("[::1]"));
	g_assert_false(hostrange_is_plain("@hosts.txt"));
}

static void
test_ranges(void)
{
	check("n[1-3]", "n1=n1/0 n2=n2/0 n3=n3/0");
	check("n[1-2,5,7-8]", "n1=n1/0 n2=n2/0 n5=n5/0 n7=n7/0 n8=n8/0");
	check("n[08-11]", "n08=n08/0 n09=n09/0 n10=n10/0 n11=n11/0");
	check("r[1-2]n[1-2]", "r1n1=r1n1/0 r1n2=r1n2/0 r2n1=r2n1/0 r2n2=r2n2/0");
	check("n[3]x", "n3x=n3x/0");
	check("127.0.1.[1-3]:6230", "127.0.1.1:6230=127.0.1.1/6230 127.0.1.2:6230=127.0.1.2/6230 "
				    "127.0.1.3:6230=127.0.1.3/6230");
	g_autoptr(GPtrArray) big = hostrange_parse("127.0.[1-4].[0-249]:6230", NULL);
	g_assert_nonnull(big);
	g_assert_cmpuint(big->len, ==, 1000);
	HostEntry *last = big->pdata[999];
	g_assert_cmpstr(last->host, ==, "127.0.4.249");
	g_assert_cmpuint(last->port, ==, 6230);
}

static void
test_lists(void)
{
	check("a,b:624,c", "a=a/0 b:624=b/624 c=c/0");
	check("n[1-2],m[1,2]", "n1=n1/0 n2=n2/0 m1=m1/0 m2=m2/0");
	/* Duplicates are dropped, the first kept; the same host on another
	 * port is another BMC. */
	check("a,n[1-2],n1,a", "a=a/0 n1=n1/0 n2=n2/0");
	check("a,a:624", "a=a/0 a:624=a/624");
}

static void
test_ipv6(void)
{
	check("[::1]", "[::1]=::1/0");
	check("[::1]:6230", "[::1]:6230=::1/6230");
	check("fe80::1", "fe80::1=fe80::1/0");
	check("[fd00::1]:6230,[fd00::2],10.0.0.[1-2]",
	      "[fd00::1]:6230=fd00::1/6230 [fd00::2]=fd00::2/0 10.0.0.1=10.0.0.1/0 "
	      "10.0.0.2=10.0.0.2/0");
}

static void
test_bad(void)
{
	check_error("", "no host");
	check_error("n[1-", "'[' without ']'");
	check_error("n1-2]", "']' without '['");
	check_error("n[]", "empty range");
	check_error("n[a-c]", "'a' is not a number");
	check_error("n[1-2-3]", "bad range");
	check_error("n[5-3]", "runs backwards");
	check_error("n[1,,2]", "an empty item");
	check_error("n[[1]]", "nested");
	check_error("a,,b", "empty host name");
	check_error("a,", "empty host name");
	check_error(":623", "no host name");
	check_error("a:0", "bad port '0'");
	check_error("a:65536", "bad port");
	check_error("a:http", "bad port 'http'");
	check_error("[::1]x", "after ']'");
	check_error("n[0-99999]", "more than 65536 hosts");
	check_error("a[0-999]b[0-999]", "more than 65536 hosts");
	check_error("n[1234567890]", "is not a number");
	check_error("@/nonexistent/hosts", "/nonexistent/hosts");
	/* The message names the item at fault. */
	check_error("good,n[x]", "'n[x]'");
}

static void
test_file(void)
{
	g_autofree char *dir = g_dir_make_tmp("hostrange-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "hosts", NULL);
	g_assert_true(g_file_set_contents(path,
					  "# the rack\n"
					  "10.0.0.1\n"
					  "\n"
					  "  10.0.0.2:6230   # a comment after a host\n"
					  "10.0.1.[1-2]\n"
					  "[::1]\n",
					  -1, NULL));
	g_autofree char *arg = g_strconcat("@", path, NULL);
	check(arg, "10.0.0.1=10.0.0.1/0 10.0.0.2:6230=10.0.0.2/6230 10.0.1.1=10.0.1.1/0 "
		   "10.0.1.2=10.0.1.2/0 [::1]=::1/0");
	g_assert_true(g_file_set_contents(path, "10.0.0.1\nbad[\n", -1, NULL));
	check_error(arg, ":2: ");
	g_assert_true(g_file_set_contents(path, "# nothing\n", -1, NULL));
	check_error(arg, "no hosts");
	g_unlink(path);
	g_rmdir(dir);
}

static void
test_json_string(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"plain", "\"plain\""},
	    {"", "\"\""},
	    {"a\"b\\c", "\"a\\\"b\\\\c\""},
	    {"l1\nl2\r\t", "\"l1\\nl2\\r\\t\""},
	    {"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
	    {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
	    {"bad\xff\xfe", "\"bad\xef\xbf\xbd\xef\xbf\xbd\""},
	    {"sep\xe2\x80\xa8\xe2\x80\xa9", "\"sep\\u2028\\u2029\""},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) s = g_string_new(NULL);
		jsonw_string(s, cases[i].in);
		g_assert_cmpstr(s->str, ==, cases[i].out);
	}
}

static void
test_json_object(void)
{
	g_autoptr(GString) s = g_string_new(NULL);
	JsonObject o;
	jsonw_begin(&o, s);
	jsonw_str(&o, "host", "n1");
	jsonw_bool(&o, "ok", FALSE);
	jsonw_str(&o, "error", NULL);
	jsonw_int(&o, "n", -5);
	const char *v[] = {"x", "y\""};
	jsonw_strv(&o, "list", v, 2);
	jsonw_strv(&o, "empty", v, 0);
	jsonw_raw(&o, "raw", "[1,2]");
	jsonw_null(&o, "nothing");
	jsonw_end(&o);
	g_assert_cmpstr(s->str, ==,
			"{\"host\":\"n1\",\"ok\":false,\"error\":null,\"n\":-5,"
			"\"list\":[\"x\",\"y\\\"\"],\"empty\":[],\"raw\":[1,2],\"nothing\":null}");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/client/hostrange/plain", test_plain);
	g_test_add_func("/client/hostrange/ranges", test_ranges);
	g_test_add_func("/client/hostrange/lists", test_lists);
	g_test_add_func("/client/hostrange/ipv6", test_ipv6);
	g_test_add_func("/client/hostrange/bad-syntax", test_bad);
	g_test_add_func("/client/hostrange/file", test_file);
	g_test_add_func("/client/json/string", test_json_string);
	g_test_add_func("/client/json/object", test_json_object);
	return g_test_run();
}
