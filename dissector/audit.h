/* audit.h - what CVE-2013-4786 exposes: every RAKP exchange of a capture as
 * an offline password-cracking line.
 *
 *   salt:hmac
 *   salt = hex of SIDm | SIDc | Rm | Rc | GUIDc | Role | ULen | UName
 *          (session IDs little-endian, as on the wire; Role the whole
 *          RAKP1 byte), the RAKP2 HMAC input
 *   hmac = hex of the RAKP2 key exchange authentication code, HMAC keyed
 *          with the user's password
 *
 * For RAKP-HMAC-SHA1 (suites 1-3) this is hashcat mode 7300 ("IPMI2
 * RAKP HMAC-SHA1") exactly.  RAKP-HMAC-SHA256 (suites 15-17) and
 * RAKP-HMAC-MD5 (6-8, 11-14) give the same form with a 64- or 32-digit hmac;
 * hashcat has no IPMI mode for them, but they are plain HMACs keyed with the
 * password: swap to hmac:salt and use mode 1450 (HMAC-SHA256, key = $pass)
 * or 50 (HMAC-MD5, key = $pass) with --hex-salt.
 */
#pragma once

#include <stddef.h>

#include "core/observer.h"

/* Format the line of an observer that has seen RAKP1 and a successful
 * RAKP2 (no newline).  Returns its length, or -1 when the observer has no
 * RAKP2 code (handshake not captured, or refused) or cap is too small. */
int ipmi_audit_line(const IpmiObserver *o, char *buf, size_t cap);
/* "7300", "1450 (swap to hmac:salt, --hex-salt)", ... for a RAKP algorithm. */
const char *ipmi_audit_hashcat_mode(unsigned char auth_alg);
