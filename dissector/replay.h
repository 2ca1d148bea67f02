/* replay.h - re-run the console side of captured sessions against a live
 * BMC: the decrypted IPMI requests of each session, in order, in a new
 * session, comparing every response with the captured one. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/observer.h"
#include "track.h"

typedef struct IpmiReplayLog IpmiReplayLog;

IpmiReplayLog *ipmi_replay_log_new(void);
void ipmi_replay_log_free(IpmiReplayLog *log);
/* Keep one decrypted IPMI message of session `session` (1, 2, ...). */
void ipmi_replay_log_add(IpmiReplayLog *log, unsigned session, uint64_t frame, IpmiDirection dir,
			 const uint8_t *msg, size_t len);
/* One captured request and the response that answered it (NULL when none
 * was captured); requests that only manage the session (Set Session
 * Privilege Level, Close Session) and retransmissions are left out. */
typedef struct {
	unsigned session;
	uint64_t frame;
	const uint8_t *req;
	size_t req_len;
	const uint8_t *rsp;
	size_t rsp_len;
} IpmiReplayStep;

/* The steps of session `session` in capture order (*n of them, malloc'ed
 * array pointing into the log). */
IpmiReplayStep *ipmi_replay_steps(const IpmiReplayLog *log, unsigned session, size_t *n);

/* Replay every decrypted session of the log against target ("HOST[:PORT]",
 * default port 623): a new session per captured one, with the credential
 * that matched it (else the first), the same cipher suite and privilege.
 * Prints one line per difference and a summary per session to out.
 * Returns 0 (no difference), 1 (differences) or 2 (could not replay). */
int ipmi_replay_run(const IpmiReplayLog *log, const IpmiTracker *t, const char *target,
		    const IpmiCredential *creds, size_t n_creds, FILE *out);
