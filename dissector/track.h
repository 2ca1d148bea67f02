/* track.h - the session table of a capture: routes each RMCP/RMCP+ datagram
 * to the IpmiObserver (core/observer.h) of its session.
 *
 * A capture holds many sessions, and ipmitool always uses the console
 * session ID A0A2A3A4, so a session is named by its UDP address pair (the
 * console's and the BMC's address and port) plus its session IDs: a new
 * observer starts at each Open Session Request; every other datagram goes to
 * the newest session of its address pair whose observer claims it
 * (ipmi_observer_claims).  In-session traffic whose handshake is not in the
 * capture starts a session from a key-log entry naming its session ID.
 *
 * Shared by ipmi-pcap and the Wireshark plugin, so libc only (no GLib): the
 * plugin feeds it on the first pass and keeps what it returns per packet.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/keylog.h"
#include "core/observer.h"

typedef struct {
	uint8_t family; /* 4 or 6 */
	uint8_t addr[16];
	uint16_t port;
} IpmiEndpoint;

typedef struct {
	unsigned number; /* 1, 2, ... in the order sessions start */
	IpmiEndpoint console, bmc;
	IpmiObserver obs;
	uint64_t first_frame;
	bool verdict_known; /* RAKP2 (or a key-log entry) settled the credential */
	bool keylog_only;   /* no handshake captured: started from the key log */
	int keylog_index;   /* the key-log entry used, -1 none */
	/* The console's RAKP 3 checked with the matched credential's password:
	 * 0 not seen (or no credential), 1 verifies, -1 does not (the console
	 * used another password), -2 the console sent an error status. */
	int rakp3;
} IpmiTrackedSession;

typedef struct IpmiTracker IpmiTracker;

/* What the tracker made of one datagram. */
typedef struct {
	/* < 0: not RMCP, or an RMCP message the observer cannot frame (the
	 * code); out is then only partly filled. */
	int rc;
	uint8_t rmcp_class;          /* 6 ASF, 7 IPMI, ... (when rc >= 0) */
	IpmiTrackedSession *session; /* NULL: pre-session or unknown session */
	bool new_session;            /* this datagram started the session */
	bool verdict;                /* this datagram settled the credential */
	bool rakp3_checked;          /* this datagram was RAKP 3, see session->rakp3 */
	IpmiObserved obs;            /* see observer.h */
	/* An IPMI v1.5 wrapper's AuthCode (core/auth15.h) checked with the
	 * credentials' passwords: IPMI_AUTH15_* below; auth15_cred is the
	 * index of the first credential whose password reproduces it. */
	int auth15;
	int auth15_cred;
	uint8_t auth15_type; /* the wrapper's auth type */
} IpmiTrackResult;

enum {
	IPMI_AUTH15_NO_CODE = 0,     /* auth type none, RMCP+, not IPMI */
	IPMI_AUTH15_VERIFIED = 1,    /* a credential's password reproduces it */
	IPMI_AUTH15_MISMATCH = 2,    /* no credential's password does */
	IPMI_AUTH15_NO_PASSWORD = 3, /* no credentials given */
	IPMI_AUTH15_UNCHECKABLE = 4, /* OEM auth type */
};

/* creds and keys are borrowed: they must outlive the tracker. */
IpmiTracker *ipmi_tracker_new(const IpmiCredential *creds, size_t n_creds,
			      const IpmiKeylogEntry *keys, size_t n_keys);
/* Wipe every session's keys and free the table. */
void ipmi_tracker_free(IpmiTracker *t);

/* Route and feed one UDP payload from src to dst (frame: the caller's frame
 * number, kept as the session's first frame).  The plaintext (or the setup
 * payload) lands in plain[0..out->obs.payload_len) when out->obs.result is
 * 0.  Returns out->rc. */
int ipmi_tracker_feed(IpmiTracker *t, const IpmiEndpoint *src, const IpmiEndpoint *dst,
		      uint64_t frame, const uint8_t *dgram, size_t len, IpmiTrackResult *out,
		      uint8_t *plain, size_t cap);

/* The sessions so far, in start order (index 0 .. n-1). */
size_t ipmi_tracker_count(const IpmiTracker *t);
const IpmiTrackedSession *ipmi_tracker_session(const IpmiTracker *t, size_t i);

/* Does this UDP payload look like RMCP: version 06h, reserved 00h, class
 * 06h (ASF) or 07h (IPMI), and for IPMI a known session auth type?  The
 * heuristic for ports other than 623. */
bool ipmi_looks_like_rmcp(const uint8_t *dgram, size_t len);

/* "127.0.0.1:623" or "[::1]:623" into buf (at least 48 bytes). */
void ipmi_endpoint_format(const IpmiEndpoint *e, char *buf, size_t cap);
