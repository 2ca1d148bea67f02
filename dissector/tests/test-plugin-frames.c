/* test-plugin-frames.c - the plugin's per-frame store
 * (dissector/wireshark/ipmi-rmcpp-frames.c) without Wireshark running:
 * records across page boundaries and far apart, frames never recorded,
 * a record made again, plaintexts across arena blocks, and a second
 * capture file after the store was freed. */
#include <glib.h>
#include <string.h>

#include "ipmi-rmcpp.h"

/* A frame's plaintext, derived from its number (1..33 bytes). */
static size_t
fill(guint32 num, guint8 *buf)
{
	size_t n = 1 + num % 33;
	for (size_t i = 0; i < n; i++)
		buf[i] = (guint8)(num * 7 + i);
	return n;
}

static void
store(guint32 num)
{
	guint8 buf[64];
	size_t n = fill(num, buf);
	PacketData *pd = ipmi_rmcpp_frame_new(num);
	pd->plain = ipmi_rmcpp_frame_keep(buf, n);
	pd->obs.payload_len = (guint16)n;
	pd->obs.session_id = num ^ 0xA5A5A5A5u;
	pd->session = num / 3;
	pd->rc = (gint16) - (gint16)(num % 7);
	pd->verdict_here = num % 2;
}

static void
check(guint32 num)
{
	const PacketData *pd = ipmi_rmcpp_frame_get(num);
	if (!pd)
		g_error("frame %u: no record", num);
	guint8 buf[64];
	size_t n = fill(num, buf);
	g_assert_cmpuint(pd->obs.payload_len, ==, n);
	g_assert_nonnull(pd->plain);
	g_assert_cmpmem(pd->plain, n, buf, n);
	g_assert_cmpuint(pd->obs.session_id, ==, num ^ 0xA5A5A5A5u);
	g_assert_cmpuint(pd->session, ==, num / 3);
	g_assert_cmpint(pd->rc, ==, -(gint)(num % 7));
	g_assert_cmpuint(pd->verdict_here, ==, num % 2);
	g_assert_true(pd->present);
}

/* Every third frame of the first 20,000 (5 pages of 4096), then a few
 * far away; the plaintexts (~340 KB) fill more than one arena block. */
static gboolean
recorded(guint32 num)
{
	return (num <= 20000 && num % 3 == 1) || num == 1000000 || num == 4294967295u;
}

static void
test_frames(void)
{
	for (int file = 0; file < 2; file++) {
		for (guint32 num = 1; num <= 20000; num++)
			if (recorded(num))
				store(num);
		store(1000000);
		store(4294967295u);
		/* a record made again replaces the first */
		PacketData *again = ipmi_rmcpp_frame_new(4);
		g_assert_cmpuint(again->session, ==, 0);
		g_assert_null(again->plain);
		store(4);
		for (guint32 num = 0; num <= 20100; num++) {
			if (recorded(num))
				check(num);
			else
				g_assert_null(ipmi_rmcpp_frame_get(num));
		}
		check(1000000);
		check(4294967295u);
		g_assert_null(ipmi_rmcpp_frame_get(999999));
		g_assert_null(ipmi_rmcpp_frame_get(4294967294u));
		g_assert_null(ipmi_rmcpp_frame_keep((const guint8 *)"", 0));
		/* the end of the file: nothing is left */
		ipmi_rmcpp_frames_free();
		g_assert_null(ipmi_rmcpp_frame_get(1));
		g_assert_null(ipmi_rmcpp_frame_get(1000000));
		ipmi_rmcpp_frames_free(); /* twice is harmless */
	}
}

/* A plaintext larger than an arena block gets a block of its own. */
static void
test_large_plaintext(void)
{
	size_t n = 300 * 1024;
	guint8 *big = g_malloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = (guint8)(i * 13);
	const guint8 *small = ipmi_rmcpp_frame_keep((const guint8 *)"abc", 3);
	const guint8 *kept = ipmi_rmcpp_frame_keep(big, n);
	const guint8 *after = ipmi_rmcpp_frame_keep((const guint8 *)"xyz", 3);
	g_assert_cmpmem(kept, n, big, n);
	g_assert_cmpmem(small, 3, "abc", 3);
	g_assert_cmpmem(after, 3, "xyz", 3);
	g_free(big);
	ipmi_rmcpp_frames_free();
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/dissector/plugin/frames", test_frames);
	g_test_add_func("/dissector/plugin/large-plaintext", test_large_plaintext);
	return g_test_run();
}
