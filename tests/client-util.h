/* client-util.h - waiting for IpmiClient operations in tests, and the
 * peers (bmcsim) they talk to. */
#pragma once

#include <ipmi/ipmi.h>

IpmiClient *client_util_new(const char *host, guint16 port, const char *user, const char *password);
gboolean client_util_connect(IpmiClient *client, GError **error);
IpmiResponse *client_util_request(IpmiClient *client, guint8 netfn, guint8 cmd, const guint8 *data,
				  gsize len, GError **error);
gboolean client_util_close(IpmiClient *client, GError **error);
/* Run the default main context for ms milliseconds. */
void client_util_spin(guint ms);

/* Peers.  A failed assertion aborts a test before it stops its peers, so
 * every child gets SIGTERM when the test dies. */
GSubprocess *client_util_spawn(const char *const *argv, GSubprocessFlags flags, GError **error);
/* A UDP port that was free on 127.0.0.1 a moment ago. */
guint16 client_util_free_udp_port(void);
/* $BMCSIM when it names an executable (meson sets it), else NULL. */
const char *client_util_bmcsim(void);
/* prog -l 127.0.0.1:PORT EXTRA...; NULL, and nothing left running,
 * unless it says it listens. */
GSubprocess *client_util_start_bmcsim(const char *prog, guint16 port, const char *const *extra);
/* SIGTERM, wait, clear; nothing when *proc is NULL. */
void client_util_stop(GSubprocess **proc);
