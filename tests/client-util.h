/* client-util.h - waiting for IpmiClient operations in tests. */
#pragma once

#include <ipmi/ipmi.h>

IpmiClient *client_util_new(const char *host, guint16 port, const char *user, const char *password);
gboolean client_util_connect(IpmiClient *client, GError **error);
IpmiResponse *client_util_request(IpmiClient *client, guint8 netfn, guint8 cmd, const guint8 *data,
				  gsize len, GError **error);
gboolean client_util_close(IpmiClient *client, GError **error);
/* Run the default main context for ms milliseconds. */
void client_util_spin(guint ms);
