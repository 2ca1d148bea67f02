/* msg_names.h - names for what a transcript shows: netFns, the common commands,
 * completion codes, payload types, privilege levels.  libc only. */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* "App", "Chassis", ...; the request and response netFn share a name.
 * NULL when unnamed. */
const char *ipmi_netfn_name(uint8_t netfn);
/* "Get Device ID", ...; data (of the request or response) tells group
 * extensions apart.  NULL when unnamed. */
const char *ipmi_cmd_name(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len);
/* "Command completed normally", "Invalid command", ...; never NULL (a code
 * outside the generic table is "command-specific" or "OEM"). */
const char *ipmi_cc_text(uint8_t netfn, uint8_t cmd, uint8_t cc);
/* "IPMI", "SOL", "Open Session Request", "RAKP 1", ...; never NULL. */
const char *ipmi_payload_name(uint8_t payload_type);
/* A short token for JSON: "ipmi", "sol", "open_session_request", ... */
const char *ipmi_payload_token(uint8_t payload_type);
/* "Callback", "User", "Operator", "Administrator", "OEM", or "highest" for 0. */
const char *ipmi_priv_name(uint8_t priv);
