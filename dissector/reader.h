/* reader.h - read a pcap or pcapng file (or standard input, "-") with
 * libpcap and hand each RMCP datagram to a callback: UDP port 623 (and the
 * ports asked for), plus, on any port, datagrams that look like RMCP
 * (ipmi_looks_like_rmcp).  Damaged frames are reported on stderr naming
 * the frame and skipped; a damaged file ends the loop with libpcap's error.
 * A progress line goes to stderr when it is a terminal and the file large. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "linklayer.h"

#define IPMI_RMCP_PORT 623

typedef struct {
	uint64_t frame;    /* 1-based, as Wireshark numbers frames */
	struct timeval ts; /* capture time */
	const IpmiUdp *udp;
} IpmiFrame;

typedef void (*IpmiFrameFn)(void *ctx, const IpmiFrame *f);

typedef struct {
	const uint16_t *ports; /* besides 623 */
	size_t n_ports;
	bool no_heuristic; /* only the listed ports */
	bool quiet;        /* no progress line */
	const char *prog;  /* prefix of messages on stderr */
} IpmiReaderOptions;

/* Returns the number of problems reported (damaged frames, a damaged end),
 * or -1 when the file cannot be opened (message on stderr). */
long ipmi_reader_run(const char *path, const IpmiReaderOptions *opt, IpmiFrameFn fn, void *ctx);
