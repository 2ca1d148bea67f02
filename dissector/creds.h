/* creds.h - credentials and key logs for the observer: K_G strings, the
 * credentials file and the session key log file.  libc only: ipmi-pcap and
 * the Wireshark plugin share it.
 *
 * Credentials file: one credential a line; '#' starts a comment line.
 *   "user","password","K_G"     the Wireshark plugin's UAT format (its
 *                               ipmi_rmcpp_credentials file), \xNN escapes
 *   user:password               everything after the first ':' is the password
 * An empty user name matches any user.  K_G is text (as ipmitool -k), or hex
 * when it starts with 0x (as ipmitool -y).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/keylog.h"
#include "core/observer.h"

#define IPMI_CREDS_ERR_MAX 256

/* Fill a credential.  kg may be NULL or empty; kg_hex says it is hex (else
 * text unless it starts with 0x).  Returns 0, or -1 with a message in err
 * (a name over 16 bytes, a password over 20, a K_G over 20 bytes or bad
 * hex). */
int ipmi_cred_set(IpmiCredential *c, const char *user, const char *password, const char *kg,
		  bool kg_hex, char *err, size_t errcap);

/* Parse a K_G into kg[20]: text, or hex (hex true, or a 0x prefix).
 * Returns the length 0..20 or -1. */
int ipmi_kg_parse(const char *s, bool hex, uint8_t *kg);

/* Parse one credentials-file line.  Returns 1 (a credential), 0 (blank or
 * comment) or -1 with a message in err. */
int ipmi_creds_parse_line(const char *line, IpmiCredential *c, char *err, size_t errcap);

/* Append the credentials of a file to *v (realloc'ed, *n counts).  Returns
 * 0, or -1 with "FILE:LINE: message" in err. */
int ipmi_creds_load(const char *path, IpmiCredential **v, size_t *n, char *err, size_t errcap);

/* Append the entries of a key log file to *v.  Returns 0, or -1 with
 * "FILE:LINE:COL: message" in err. */
int ipmi_keylog_load(const char *path, IpmiKeylogEntry **v, size_t *n, char *err, size_t errcap);
