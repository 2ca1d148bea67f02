/* transcript.h - print what the tracker made of a capture: one line (text)
 * or one JSON object per message, plus a line per session telling which
 * credential fits it. */
#pragma once

#include <stdbool.h>
#include <stdio.h>
#include <sys/time.h>

#include "reader.h"
#include "track.h"

typedef struct {
	FILE *out;
	bool json;
	bool quiet_fields; /* no decoded-field lines */
	const IpmiCredential *creds;
	size_t n_creds;
	const IpmiKeylogEntry *keys;
	size_t n_keys;
	bool have_t0;
	struct timeval t0;
	unsigned long messages;
	/* A message is formatted here and written with one fwrite (longer
	 * ones in pieces); empty between calls. */
	size_t len;
	char buf[8192];
} IpmiPrinter;

/* One datagram: frame f, its datagram, what the tracker made of it and the
 * payload it left in plain (valid when r->obs.result == 0). */
void ipmi_print_message(IpmiPrinter *p, const IpmiFrame *f, const uint8_t *dgram, size_t len,
			const IpmiTrackResult *r, const uint8_t *plain);
/* The line that says which credential fits session s (after RAKP2), or that
 * none does; and a K_G mismatch after RAKP4. */
void ipmi_print_verdict(IpmiPrinter *p, const IpmiTrackedSession *s);
void ipmi_print_kg_mismatch(IpmiPrinter *p, const IpmiTrackedSession *s);
/* The console's RAKP 3 did not verify with the password that fit RAKP 2. */
void ipmi_print_rakp3(IpmiPrinter *p, const IpmiTrackedSession *s);
/* At the end, for a session whose handshake did not complete: why, when
 * the capture tells (nothing printed for a completed one). */
void ipmi_print_unfinished(IpmiPrinter *p, const IpmiTrackedSession *s);

/* Write s as a JSON string (quotes included). */
void ipmi_json_string(FILE *out, const char *s, size_t len);
