/* linklayer.c - from a captured frame to its UDP datagram, see linklayer.h. */
#include "linklayer.h"

#include <pcap/dlt.h>
#include <string.h>

#define ETH_IPV4 0x0800
#define ETH_IPV6 0x86DD
#define ETH_VLAN 0x8100
#define ETH_QINQ 0x88A8
#define IPPROTO_UDP_ 17

static uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int
ipmi_link_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
#endif
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_NULL:
	case DLT_LOOP:
		return 1;
	}
	return 0;
}

static IpmiLinkResult
bad(IpmiUdp *out, const char *why)
{
	out->error = why;
	return IPMI_LL_BAD;
}

static IpmiLinkResult
udp(const uint8_t *p, size_t n, size_t wire_n, IpmiUdp *out)
{
	if (n < 8)
		return bad(out, wire_n >= 8 ? "frame cut short by the snap length (UDP header)"
					    : "truncated UDP header");
	out->src.port = be16(p);
	out->dst.port = be16(p + 2);
	size_t ulen = be16(p + 4);
	if (ulen < 8)
		return bad(out, "bad UDP length (under 8)");
	if (ulen > wire_n)
		return bad(out, "UDP length exceeds the IP payload");
	if (ulen > n) {
		out->payload = p + 8; /* what there is, for the caller's heuristic */
		out->payload_len = n - 8;
		return bad(out, "frame cut short by the snap length (UDP payload)");
	}
	out->payload = p + 8;
	out->payload_len = ulen - 8;
	return IPMI_LL_UDP;
}

static IpmiLinkResult
ipv4(const uint8_t *p, size_t n, size_t wire_n, IpmiUdp *out)
{
	if (n < 20)
		return bad(out, "truncated IPv4 header");
	size_t ihl = (size_t)(p[0] & 0x0F) * 4;
	size_t total = be16(p + 2);
	if (ihl < 20 || ihl > n)
		return bad(out, "bad IPv4 header length");
	if (total < ihl || total > wire_n)
		return bad(out, "bad IPv4 total length");
	if (p[9] != IPPROTO_UDP_)
		return IPMI_LL_OTHER;
	if ((be16(p + 6) & 0x3FFF) != 0)
		return IPMI_LL_FRAGMENT;
	out->src.family = out->dst.family = 4;
	memcpy(out->src.addr, p + 12, 4);
	memcpy(out->dst.addr, p + 16, 4);
	size_t avail = n < total ? n : total;
	return udp(p + ihl, avail - ihl, total - ihl, out);
}

static IpmiLinkResult
ipv6(const uint8_t *p, size_t n, size_t wire_n, IpmiUdp *out)
{
	if (n < 40)
		return bad(out, "truncated IPv6 header");
	size_t plen = be16(p + 4);
	if (40 + plen > wire_n)
		return bad(out, "bad IPv6 payload length");
	out->src.family = out->dst.family = 6;
	memcpy(out->src.addr, p + 8, 16);
	memcpy(out->dst.addr, p + 24, 16);
	uint8_t next = p[6];
	size_t off = 40, end = 40 + plen;
	for (;;) {
		switch (next) {
		case IPPROTO_UDP_: {
			size_t avail = (n < end ? n : end) - off;
			return udp(p + off, avail, end - off, out);
		}
		case 0:  /* hop-by-hop options */
		case 43: /* routing */
		case 60: /* destination options */
			if (off + 8 > n || off + 8 > end)
				return bad(out, "truncated IPv6 extension header");
			next = p[off];
			off += 8 + (size_t)p[off + 1] * 8;
			if (off > end)
				return bad(out, "bad IPv6 extension header length");
			break;
		case 44: /* fragment */
			return IPMI_LL_FRAGMENT;
		default:
			return IPMI_LL_OTHER;
		}
	}
}

static IpmiLinkResult
ip_by_version(const uint8_t *p, size_t n, size_t wire_n, IpmiUdp *out)
{
	if (n < 1)
		return bad(out, "empty IP packet");
	switch (p[0] >> 4) {
	case 4:
		return ipv4(p, n, wire_n, out);
	case 6:
		return ipv6(p, n, wire_n, out);
	}
	return IPMI_LL_OTHER;
}

static IpmiLinkResult
by_ethertype(uint16_t type, const uint8_t *p, size_t n, size_t wire_n, IpmiUdp *out)
{
	if (type == ETH_IPV4)
		return ipv4(p, n, wire_n, out);
	if (type == ETH_IPV6)
		return ipv6(p, n, wire_n, out);
	return IPMI_LL_OTHER;
}

IpmiLinkResult
ipmi_link_udp(int dlt, const uint8_t *f, size_t caplen, size_t wirelen, IpmiUdp *out)
{
	memset(out, 0, sizeof *out);
	if (wirelen < caplen)
		wirelen = caplen;
	size_t hdr;
	switch (dlt) {
	case DLT_EN10MB: {
		hdr = 14;
		if (caplen < hdr)
			return bad(out, "truncated Ethernet header");
		uint16_t type = be16(f + 12);
		while ((type == ETH_VLAN || type == ETH_QINQ) && caplen >= hdr + 4) {
			type = be16(f + hdr + 2);
			hdr += 4;
		}
		if (type == ETH_VLAN || type == ETH_QINQ)
			return bad(out, "truncated VLAN tag");
		return by_ethertype(type, f + hdr, caplen - hdr, wirelen - hdr, out);
	}
	case DLT_LINUX_SLL:
		if (caplen < 16)
			return bad(out, "truncated Linux cooked header");
		return by_ethertype(be16(f + 14), f + 16, caplen - 16, wirelen - 16, out);
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
		if (caplen < 20)
			return bad(out, "truncated Linux cooked v2 header");
		return by_ethertype(be16(f), f + 20, caplen - 20, wirelen - 20, out);
#endif
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		return ip_by_version(f, caplen, wirelen, out);
	case DLT_NULL:
	case DLT_LOOP: {
		if (caplen < 4)
			return bad(out, "truncated loopback header");
		/* The family is in the capturing host's byte order for NULL,
		 * network order for LOOP: accept either. */
		uint32_t fam =
		    (uint32_t)f[0] << 24 | (uint32_t)f[1] << 16 | (uint32_t)f[2] << 8 | f[3];
		if (fam > 0xFFFF)
			fam = (uint32_t)f[3] << 24 | (uint32_t)f[2] << 16 | (uint32_t)f[1] << 8 |
			      f[0];
		if (fam == 2)
			return ipv4(f + 4, caplen - 4, wirelen - 4, out);
		if (fam == 10 || fam == 24 || fam == 28 || fam == 30)
			return ipv6(f + 4, caplen - 4, wirelen - 4, out);
		return IPMI_LL_OTHER;
	}
	}
	return IPMI_LL_OTHER;
}
