/* linklayer.h - find the UDP datagram in a captured frame: link types
 * Ethernet (with 802.1Q/802.1ad tags), Linux cooked (SLL, SLL2), raw IP,
 * loopback/null; IPv4 and IPv6 (extension headers skipped); UDP.
 * Pure: no libpcap calls, only its DLT_* numbers. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "track.h"

typedef enum {
	IPMI_LL_UDP = 0,      /* a UDP datagram: *out filled */
	IPMI_LL_OTHER = 1,    /* not IP/UDP (ARP, TCP, ...): skip quietly */
	IPMI_LL_FRAGMENT = 2, /* an IP fragment: not reassembled */
	IPMI_LL_BAD = -1,     /* corrupt or truncated: out->error says why */
} IpmiLinkResult;

typedef struct {
	IpmiEndpoint src, dst;
	const uint8_t *payload; /* the UDP payload, inside the frame */
	size_t payload_len;
	const char *error; /* IPMI_LL_BAD: a static message */
} IpmiUdp;

/* Is this DLT one we read? */
int ipmi_link_supported(int dlt);
/* frame/caplen: the captured bytes; wirelen: the frame's length on the
 * wire (a capture cut by the snap length is reported as truncated when the
 * cut reaches the UDP payload). */
IpmiLinkResult ipmi_link_udp(int dlt, const uint8_t *frame, size_t caplen, size_t wirelen,
			     IpmiUdp *out);
