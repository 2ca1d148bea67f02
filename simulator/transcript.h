/* transcript.h - one line per decoded message, to debug a client.
 *
 *   TIME BMC PEER DIR sid=ID seq=N NETFN CMD-NAME (nn/cc) rqSeq=N [cc=CC] data=HEX
 *
 * TIME is UTC with microseconds, BMC the endpoint's address, PEER the
 * console's, DIR "<-" (to the BMC) or "->" (from it).  Session setup lines
 * name the message and its non-secret fields.  Nothing that is or derives
 * from a password or key is written: RAKP codes, random numbers and the
 * data of Set User Password / Set Channel Security Keys are left out.
 */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

#include "core/msg.h"

typedef struct _BmcTranscript BmcTranscript;

/* path NULL or "-": standard error. */
BmcTranscript *bmc_transcript_new(const char *path, GError **error);
void bmc_transcript_free(BmcTranscript *t);

void bmc_transcript_msg(BmcTranscript *t, const char *bmc, GSocketAddress *peer, gboolean inbound,
			uint32_t sid, uint32_t seq, const IpmiMsg *m);
void bmc_transcript_note(BmcTranscript *t, const char *bmc, GSocketAddress *peer, gboolean inbound,
			 uint32_t sid, const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* The core's netFn name (core/msg_names.h), "Reserved" when unnamed. */
const char *transcript_netfn(uint8_t netfn);
/* "127.0.0.1:6230" (caller frees). */
char *bmc_address_string(GSocketAddress *a);
