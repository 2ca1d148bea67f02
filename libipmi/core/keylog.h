/* keylog.h - the session key log: one line per RMCP+ session holding what a
 * decryptor needs without the password (cf. TLS's SSLKEYLOGFILE).
 *
 *   # comment
 *   RMCPP <Rm> <SIDm> <SIDc> <auth> <integ> <conf> <SIK>
 *
 * Rm is the console random number of RAKP1 (32 hex digits) and names the
 * session when the handshake was captured; SIDm/SIDc are the console's and
 * the BMC's session IDs (8 hex digits, as numbers, most significant first)
 * and name it when only in-session traffic was captured; auth/integ/conf
 * are the algorithm numbers (decimal, 0-3/0-4/0-3); SIK is the session
 * integrity key in hex (20, 16 or 32 bytes by the authentication
 * algorithm).  K1 and K2 follow from the SIK.  MD5-128 integrity is keyed
 * by the password itself, which the log never holds: such sessions decrypt
 * but their MACs cannot be verified.
 * Fields are separated by single spaces; hex is case-insensitive.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"

#define IPMI_KEYLOG_LINE_MAX 200

typedef struct {
	uint8_t rm[16];
	uint32_t console_sid;
	uint32_t bmc_sid;
	uint8_t auth, integ, conf;
	uint8_t sik[IPMI_KEY_MAX];
	size_t sik_len;
} IpmiKeylogEntry;

/* Format one line (with a trailing newline) into buf.  Returns its length
 * or IPMI_ERR_NOBUF. */
int ipmi_keylog_format(const IpmiKeylogEntry *e, char *buf, size_t cap);
/* Parse one line (a trailing newline or CR LF is allowed).  Returns 1 for an
 * entry, 0 for a blank or comment line, or a negative code (IPMI_ERR_FORMAT)
 * for anything else; *col receives the 1-based column of the problem. */
int ipmi_keylog_parse(const char *line, size_t len, IpmiKeylogEntry *e, size_t *col);
/* Fill the keylog entry of a session from its parameters and keys. */
void ipmi_keylog_entry_from(IpmiKeylogEntry *e, const IpmiRakpParams *p, const IpmiKeys *k);
