/* ipmi-client.h - IpmiClient: an IPMI v2.0 RMCP+ ("lanplus") session on GIO. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-enums.h"
#include "ipmi-macros.h"
#include "ipmi-response.h"

G_BEGIN_DECLS

/**
 * IPMI_CLIENT_DEFAULT_PORT:
 *
 * The RMCP port, UDP 623.
 */
#define IPMI_CLIENT_DEFAULT_PORT 623

/**
 * IPMI_CLIENT_MAX_REQUEST_DATA:
 *
 * The longest request data ipmi_client_request_async() accepts.
 */
#define IPMI_CLIENT_MAX_REQUEST_DATA 1000

#define IPMI_TYPE_CLIENT (ipmi_client_get_type())
IPMI_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE(IpmiClient, ipmi_client, IPMI, CLIENT, GObject)

IPMI_AVAILABLE_IN_ALL
IpmiClient *ipmi_client_new(const char *host, guint16 port);

IPMI_AVAILABLE_IN_ALL
const char *ipmi_client_get_host(IpmiClient *client);
IPMI_AVAILABLE_IN_ALL
guint16 ipmi_client_get_port(IpmiClient *client);
IPMI_AVAILABLE_IN_ALL
void ipmi_client_set_credentials(IpmiClient *client, const char *username, const char *password);
IPMI_AVAILABLE_IN_ALL
void ipmi_client_set_kg(IpmiClient *client, const guint8 *kg, gsize kg_len);

IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_is_connected(IpmiClient *client);
IPMI_AVAILABLE_IN_ALL
int ipmi_client_get_session_cipher_suite(IpmiClient *client);
IPMI_AVAILABLE_IN_ALL
IpmiPrivilege ipmi_client_get_session_privilege(IpmiClient *client);
IPMI_AVAILABLE_IN_ALL
guint32 ipmi_client_get_session_id(IpmiClient *client);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_connect_async(IpmiClient *client, GCancellable *cancellable,
			       GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_connect_finish(IpmiClient *client, GAsyncResult *result, GError **error);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_connect_sync(IpmiClient *client, GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_request_async(IpmiClient *client, guint8 netfn, guint8 command, const guint8 *data,
			       gsize data_len, GCancellable *cancellable,
			       GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_client_request_finish(IpmiClient *client, GAsyncResult *result, GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_client_request_sync(IpmiClient *client, guint8 netfn, guint8 command,
				       const guint8 *data, gsize data_len,
				       GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_close_async(IpmiClient *client, GCancellable *cancellable,
			     GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_close_finish(IpmiClient *client, GAsyncResult *result, GError **error);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_close_sync(IpmiClient *client, GCancellable *cancellable, GError **error);

G_END_DECLS
