/* pcapw.c - pcap / pcapng writer for the tests, see pcapw.h. */
#include "pcapw.h"

#include <glib/gstdio.h>
#include <string.h>

static void
put16le(GByteArray *b, guint16 v)
{
	guint8 x[2] = {(guint8)v, (guint8)(v >> 8)};
	g_byte_array_append(b, x, 2);
}

static void
put32le(GByteArray *b, guint32 v)
{
	guint8 x[4] = {(guint8)v, (guint8)(v >> 8), (guint8)(v >> 16), (guint8)(v >> 24)};
	g_byte_array_append(b, x, 4);
}

static void
put16be(GByteArray *b, guint16 v)
{
	guint8 x[2] = {(guint8)(v >> 8), (guint8)v};
	g_byte_array_append(b, x, 2);
}

void
pcapw_init(Pcapw *w, PcapwLink link, gboolean pcapng, gboolean v6)
{
	memset(w, 0, sizeof *w);
	w->buf = g_byte_array_new();
	w->link = link;
	w->ng = pcapng;
	w->v6 = v6;
	w->t_us = G_GUINT64_CONSTANT(1700000000) * 1000000;
	w->ip_offset = g_array_new(FALSE, FALSE, sizeof(guint));
	w->udp_offset = g_array_new(FALSE, FALSE, sizeof(guint));
	if (!pcapng) {
		put32le(w->buf, 0xa1b2c3d4);
		put16le(w->buf, 2);
		put16le(w->buf, 4);
		put32le(w->buf, 0);
		put32le(w->buf, 0);
		put32le(w->buf, 65535);
		put32le(w->buf, link);
		return;
	}
	put32le(w->buf, 0x0A0D0D0A); /* section header block */
	put32le(w->buf, 28);
	put32le(w->buf, 0x1A2B3C4D);
	put16le(w->buf, 1);
	put16le(w->buf, 0);
	put32le(w->buf, 0xFFFFFFFF);
	put32le(w->buf, 0xFFFFFFFF);
	put32le(w->buf, 28);
	put32le(w->buf, 1); /* interface description block */
	put32le(w->buf, 20);
	put16le(w->buf, (guint16)link);
	put16le(w->buf, 0);
	put32le(w->buf, 65535);
	put32le(w->buf, 20);
}

void
pcapw_clear(Pcapw *w)
{
	g_byte_array_unref(w->buf);
	g_array_unref(w->ip_offset);
	g_array_unref(w->udp_offset);
}

static guint16
ip_checksum(const guint8 *p, gsize n)
{
	guint32 s = 0;
	for (gsize i = 0; i + 1 < n; i += 2)
		s += (guint32)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (guint16)~s;
}

/* The frame: link header, IP, UDP, payload. */
static GByteArray *
frame(Pcapw *w, guint16 sport, guint16 dport, const guint8 *p, gsize n, guint *ip_at)
{
	GByteArray *f = g_byte_array_new();
	guint16 ethertype = w->v6 ? 0x86DD : 0x0800;
	switch (w->link) {
	case PCAPW_ETHERNET: {
		static const guint8 macs[12] = {0};
		g_byte_array_append(f, macs, 12);
		put16be(f, ethertype);
		break;
	}
	case PCAPW_SLL2: {
		static const guint8 rest[18] = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 6};
		put16be(f, ethertype);
		g_byte_array_append(f, rest, 18);
		break;
	}
	case PCAPW_NULL:
		put32le(f, w->v6 ? 30 : 2);
		break;
	case PCAPW_RAW:
		break;
	}
	*ip_at = f->len;
	gsize udp_len = 8 + n;
	if (w->v6) {
		static const guint8 lo[16] = {[15] = 1};
		put32le(f, 0x60); /* version 6 */
		put16be(f, (guint16)udp_len);
		guint8 nh[2] = {17, 64};
		g_byte_array_append(f, nh, 2);
		g_byte_array_append(f, lo, 16);
		g_byte_array_append(f, lo, 16);
	} else {
		guint8 h[20] = {0x45, 0, 0,   0, 0, 0, 0x40, 0, 64, 17,
				0,    0, 127, 0, 0, 1, 127,  0, 0,  1};
		h[2] = (guint8)((20 + udp_len) >> 8);
		h[3] = (guint8)(20 + udp_len);
		guint16 c = ip_checksum(h, 20);
		h[10] = (guint8)(c >> 8);
		h[11] = (guint8)c;
		g_byte_array_append(f, h, 20);
	}
	put16be(f, sport);
	put16be(f, dport);
	put16be(f, (guint16)udp_len);
	put16be(f, 0);
	g_byte_array_append(f, p, (guint)n);
	return f;
}

void
pcapw_udp(Pcapw *w, guint16 sport, guint16 dport, const guint8 *p, gsize n)
{
	guint ip_at;
	g_autoptr(GByteArray) f = frame(w, sport, dport, p, n, &ip_at);
	guint32 sec = (guint32)(w->t_us / 1000000), usec = (guint32)(w->t_us % 1000000);
	guint start;
	if (!w->ng) {
		put32le(w->buf, sec);
		put32le(w->buf, usec);
		put32le(w->buf, f->len);
		put32le(w->buf, f->len);
		start = w->buf->len;
		g_byte_array_append(w->buf, f->data, f->len);
	} else {
		guint pad = (4 - f->len % 4) % 4;
		guint32 total = 32 + f->len + pad;
		put32le(w->buf, 6); /* enhanced packet block */
		put32le(w->buf, total);
		put32le(w->buf, 0);
		put32le(w->buf, (guint32)(w->t_us >> 32));
		put32le(w->buf, (guint32)w->t_us);
		put32le(w->buf, f->len);
		put32le(w->buf, f->len);
		start = w->buf->len;
		g_byte_array_append(w->buf, f->data, f->len);
		static const guint8 zero[4] = {0};
		g_byte_array_append(w->buf, zero, pad);
		put32le(w->buf, total);
	}
	guint ip = start + ip_at, udp = ip + (w->v6 ? 40 : 20) + 8;
	g_array_append_val(w->ip_offset, ip);
	g_array_append_val(w->udp_offset, udp);
	w->t_us += 1000;
}

void
pcapw_kat(Pcapw *w, const Kat *k, guint16 cport, guint16 bport)
{
	for (guint i = 0; i < k->pkts->len; i++) {
		const KatPkt *p = g_ptr_array_index(k->pkts, i);
		gsize n;
		const guint8 *d = g_bytes_get_data(p->bytes, &n);
		if (p->c2b)
			pcapw_udp(w, cport, bport, d, n);
		else
			pcapw_udp(w, bport, cport, d, n);
	}
}

guint
pcapw_frames(const Pcapw *w)
{
	return w->ip_offset->len;
}

void
pcapw_save(const Pcapw *w, const char *path, gsize len)
{
	if (len > w->buf->len)
		len = w->buf->len;
	g_autoptr(GError) err = NULL;
	g_assert_true(g_file_set_contents(path, (const char *)w->buf->data, (gssize)len, &err));
	g_assert_no_error(err);
	g_chmod(path, 0644);
}
