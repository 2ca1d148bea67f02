/* plugin.c - what Wireshark looks for in a dissector plugin (see
 * doc/plugins.example in Wireshark's source): its version, the Wireshark
 * version it was built for, and plugin_register(). */
#define WS_BUILD_DLL
#include <epan/proto.h>
#include <ws_symbol_export.h>
#include <ws_version.h>

#include "ipmi-rmcpp.h"

#ifndef IPMI_RMCPP_VERSION
#define IPMI_RMCPP_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = IPMI_RMCPP_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void
plugin_register(void)
{
	static proto_plugin plug = {
	    .register_protoinfo = proto_register_ipmi_rmcpp,
	    .register_handoff = proto_reg_handoff_ipmi_rmcpp,
	};
	proto_register_plugin(&plug);
}
