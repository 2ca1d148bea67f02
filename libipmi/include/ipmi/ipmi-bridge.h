/* ipmi-bridge.h - requests to controllers behind the BMC (IPMB bridging). */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-macros.h"
#include "ipmi-response.h"

G_BEGIN_DECLS

/**
 * IPMI_BMC_ADDRESS:
 *
 * The BMC's own IPMB slave address, 20h: a target at this address is the
 * BMC itself and needs no bridging.
 */
#define IPMI_BMC_ADDRESS 0x20

IPMI_AVAILABLE_IN_ALL
void ipmi_client_set_target(IpmiClient *client, guint8 channel, guint8 address);
IPMI_AVAILABLE_IN_ALL
void ipmi_client_set_transit(IpmiClient *client, guint8 channel, guint8 address);
IPMI_AVAILABLE_IN_ALL
guint8 ipmi_client_get_target_address(IpmiClient *client);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_request_bridged_async(IpmiClient *client, guint8 target_channel,
				       guint8 target_address, guint8 transit_channel,
				       guint8 transit_address, guint8 netfn, guint8 command,
				       const guint8 *data, gsize data_len,
				       GCancellable *cancellable, GAsyncReadyCallback callback,
				       gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_client_request_bridged_finish(IpmiClient *client, GAsyncResult *result,
						 GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_client_request_bridged_sync(IpmiClient *client, guint8 target_channel,
					       guint8 target_address, guint8 transit_channel,
					       guint8 transit_address, guint8 netfn, guint8 command,
					       const guint8 *data, gsize data_len,
					       GCancellable *cancellable, GError **error);

G_END_DECLS
