/* ipmi-rmcpp.h - the Wireshark plugin "ipmi_rmcpp": RMCP+ session tracking,
 * verification and decryption on libipmi's observer.
 *
 * packet-ipmi-rmcpp.c  registration, fields, expert infos, dissection
 * ipmi-rmcpp-keys.c    preferences (credentials UAT, key log file) and the
 *                      session table of the open capture file
 * plugin.c             what Wireshark looks for in a plugin
 */
#pragma once

#include <epan/packet.h>

#include "core/keylog.h"
#include "core/observer.h"
#include "track.h"

/* The UAT's file name, as given to -o uat:ipmi_rmcpp_credentials:... */
#define IPMI_RMCPP_UAT_FILE "ipmi_rmcpp_credentials"

void proto_register_ipmi_rmcpp(void);
void proto_reg_handoff_ipmi_rmcpp(void);

/* Register the credentials UAT and the key log preference on module. */
void ipmi_rmcpp_register_prefs(module_t *module);
/* The session table of the current capture file: made at file start from
 * the credentials and key log of that moment, wiped and freed at file end
 * (register_init_routine / register_cleanup_routine). */
void ipmi_rmcpp_keys_init(void);
void ipmi_rmcpp_keys_cleanup(void);
IpmiTracker *ipmi_rmcpp_tracker(void);
/* A credential or a key log (or a key log that failed to load) is set:
 * otherwise the plugin leaves RMCP+ to the stock dissectors. */
gboolean ipmi_rmcpp_configured(void);
/* Problems met loading the key log (NULL when none), for an expert info. */
const char *ipmi_rmcpp_keylog_error(void);
