/* ipmi-rmcpp-frames.c - what the first pass learnt of each frame, kept for
 * the later passes (Wireshark's packet list, tshark -2): one 32-byte
 * record per RMCP frame in pages indexed by frame number, and the
 * plaintexts in a bump arena.
 *
 * Why not p_add_proto_data: per packet it costs a wmem block for the data,
 * a proto_data_t and a GSList node (~150 bytes with the plaintext), and
 * the page faults of that much memory; measured in tshark on a
 * 1,000,000-packet capture, that bookkeeping alone was ~6 % of tshark's
 * CPU, a third of all the plugin added.  Here a packet costs 32 bytes and
 * its plaintext.  Everything is wiped and freed at file end (a cleanup
 * routine), as wmem's file scope would be, but wiped: the arena holds
 * decrypted traffic.
 */
#include <string.h>

#include "core/crypto.h"
#include "ipmi-rmcpp.h"

#define PAGE_SHIFT 12 /* 4096 records, 128 KiB, per page */
#define PAGE_RECORDS (1u << PAGE_SHIFT)
#define ARENA_BLOCK (256u * 1024)

typedef struct ArenaBlock ArenaBlock;
struct ArenaBlock {
	ArenaBlock *next;
	size_t used;
	guint8 data[];
};

static PacketData **pages; /* frame >> PAGE_SHIFT -> page, or NULL */
static size_t n_pages;
static ArenaBlock *arena; /* newest first */
static size_t arena_cap;  /* bytes of data[] in the newest block */

PacketData *
ipmi_rmcpp_frame_new(guint32 num)
{
	size_t p = num >> PAGE_SHIFT;
	if (p >= n_pages) {
		size_t n = n_pages ? n_pages : 16;
		while (n <= p)
			n *= 2;
		pages = g_renew(PacketData *, pages, n);
		memset(pages + n_pages, 0, (n - n_pages) * sizeof *pages);
		n_pages = n;
	}
	if (!pages[p])
		pages[p] = g_new0(PacketData, PAGE_RECORDS);
	PacketData *pd = &pages[p][num & (PAGE_RECORDS - 1)];
	memset(pd, 0, sizeof *pd);
	pd->present = 1;
	return pd;
}

const PacketData *
ipmi_rmcpp_frame_get(guint32 num)
{
	size_t p = num >> PAGE_SHIFT;
	if (p >= n_pages || !pages[p])
		return NULL;
	const PacketData *pd = &pages[p][num & (PAGE_RECORDS - 1)];
	return pd->present ? pd : NULL;
}

const guint8 *
ipmi_rmcpp_frame_keep(const guint8 *data, size_t len)
{
	if (!len)
		return NULL;
	if (!arena || arena_cap - arena->used < len) {
		size_t cap = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		ArenaBlock *b = g_malloc(sizeof *b + cap);
		b->next = arena;
		b->used = 0;
		arena = b;
		arena_cap = cap;
	}
	guint8 *dst = arena->data + arena->used;
	memcpy(dst, data, len);
	arena->used += len;
	return dst;
}

void
ipmi_rmcpp_frames_free(void)
{
	for (size_t i = 0; i < n_pages; i++)
		g_free(pages[i]);
	g_free(pages);
	pages = NULL;
	n_pages = 0;
	while (arena) {
		ArenaBlock *next = arena->next;
		ipmi_wipe(arena->data, arena->used);
		g_free(arena);
		arena = next;
	}
	arena_cap = 0;
}
