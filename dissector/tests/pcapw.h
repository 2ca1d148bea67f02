/* pcapw.h - a tiny pcap / pcapng writer for the tests: UDP datagrams on
 * 127.0.0.1 or ::1 in Ethernet, raw IP, Linux cooked v2 or loopback
 * frames. */
#pragma once

#include <glib.h>

#include "kat.h"

typedef enum {
	PCAPW_ETHERNET = 1, /* LINKTYPE_ETHERNET */
	PCAPW_RAW = 101,    /* LINKTYPE_RAW */
	PCAPW_SLL2 = 276,   /* LINKTYPE_LINUX_SLL2 */
	PCAPW_NULL = 0,     /* LINKTYPE_NULL (BSD loopback) */
} PcapwLink;

typedef struct {
	GByteArray *buf;
	PcapwLink link;
	gboolean ng;
	gboolean v6;
	guint64 t_us;       /* time of the next frame */
	GArray *ip_offset;  /* per frame: where its IP header starts in buf */
	GArray *udp_offset; /* per frame: where its UDP payload starts */
} Pcapw;

void pcapw_init(Pcapw *w, PcapwLink link, gboolean pcapng, gboolean v6);
void pcapw_clear(Pcapw *w);
/* One UDP datagram from sport to dport (loopback addresses), 1 ms after
 * the previous frame. */
void pcapw_udp(Pcapw *w, guint16 sport, guint16 dport, const guint8 *p, gsize n);
/* Every datagram of a captured session, console on cport, BMC on bport. */
void pcapw_kat(Pcapw *w, const Kat *k, guint16 cport, guint16 bport);
guint pcapw_frames(const Pcapw *w);
/* Write buf[0..len) (len = buf->len unless smaller) to path. */
void pcapw_save(const Pcapw *w, const char *path, gsize len);
