/* ipmi-error.h - the client's error domain. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <glib.h>

#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IPMI_CLIENT_ERROR:
 *
 * The error domain of #IpmiClient.  Errors in this domain are from the
 * #IpmiClientError enumeration.  Besides these, the client reports
 * timeouts as %G_IO_ERROR_TIMED_OUT, cancellation as %G_IO_ERROR_CANCELLED
 * and impossible arguments as %G_IO_ERROR_INVALID_ARGUMENT.
 */
#define IPMI_CLIENT_ERROR (ipmi_client_error_quark())

/**
 * IpmiClientError:
 * @IPMI_CLIENT_ERROR_AUTH: Authentication failed: the RAKP2 key exchange
 *   code did not verify (wrong user name or password, or a BMC that is not
 *   who it claims to be), or the BMC refused the user name.
 * @IPMI_CLIENT_ERROR_KG: The RAKP4 integrity check value did not verify:
 *   the BMC key K_G differs.
 * @IPMI_CLIENT_ERROR_NO_CIPHER_SUITE: No acceptable cipher suite: the BMC
 *   supports none the client may use, or a suite without integrity was
 *   asked for without #IpmiClient:allow-insecure.
 * @IPMI_CLIENT_ERROR_PRIVILEGE: Insufficient privilege: the BMC refused the
 *   requested role (RMCP+ status 09h or 0Ah), refused Set Session Privilege
 *   Level, or answered a command with completion code D4h.
 * @IPMI_CLIENT_ERROR_REJECTED: The BMC refused the session with another
 *   RMCP+ status code; the message gives its meaning.
 * @IPMI_CLIENT_ERROR_COMPLETION_CODE: A command failed with a non-zero
 *   completion code; the message gives its meaning.
 * @IPMI_CLIENT_ERROR_PROTOCOL: The BMC answered something that makes no
 *   sense (malformed, other algorithms than proposed, no IPMI v2.0).
 * @IPMI_CLIENT_ERROR_CLOSED: The session is not open, or was closed while
 *   the operation was pending.
 * @IPMI_CLIENT_ERROR_SESSION_LOST: The BMC dropped the session (idle
 *   timeout, closed by another console, restarted) while the request was
 *   pending, and the request was not sent again: either
 *   #IpmiClient:auto-reconnect is off, or the request may already have run
 *   (it is not a read and the BMC may have received it).
 *
 * Error codes of the %IPMI_CLIENT_ERROR domain.
 */
typedef enum {
	IPMI_CLIENT_ERROR_AUTH,
	IPMI_CLIENT_ERROR_KG,
	IPMI_CLIENT_ERROR_NO_CIPHER_SUITE,
	IPMI_CLIENT_ERROR_PRIVILEGE,
	IPMI_CLIENT_ERROR_REJECTED,
	IPMI_CLIENT_ERROR_COMPLETION_CODE,
	IPMI_CLIENT_ERROR_PROTOCOL,
	IPMI_CLIENT_ERROR_CLOSED,
	IPMI_CLIENT_ERROR_SESSION_LOST,
} IpmiClientError;

IPMI_AVAILABLE_IN_ALL
GQuark ipmi_client_error_quark(void);

IPMI_AVAILABLE_IN_ALL
const char *ipmi_completion_code_to_string(guint8 completion_code);

G_END_DECLS
