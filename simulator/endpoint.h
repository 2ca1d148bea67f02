/* endpoint.h - a simulated BMC at one UDP address, and the server that
 * holds all of them on one GLib main loop.
 *
 * An endpoint owns its socket, its model (users, chassis, storage,
 * satellites) and its session table.  It answers ASF presence pings and
 * the pre-session commands (Get Channel Authentication Capabilities, Get
 * Channel Cipher Suites, each in the wrapper it came in), runs Open
 * Session / RAKP through the core's BMC role, opens in-session packets with
 * the core's record layer and routes their requests through bmc_dispatch.
 */
#pragma once

#include <gio/gio.h>

#include "core/bmc.h"
#include "faults.h"
#include "model.h"
#include "session.h"
#include "transcript.h"

typedef struct _BmcServer BmcServer;
typedef struct _BmcEndpoint BmcEndpoint;

BmcServer *bmc_server_new(const BmcSessionLimits *lim, BmcFaults *faults,
			  BmcTranscript *transcript);
/* Stops every endpoint; faults and transcript stay the caller's. */
void bmc_server_free(BmcServer *srv);
guint bmc_server_n_endpoints(const BmcServer *srv);

/* Bind a new endpoint at addr; takes ownership of model. */
BmcEndpoint *bmc_endpoint_new(BmcServer *srv, GInetSocketAddress *addr, BmcModel *model,
			      GError **error);

/* For the session-level command handlers (h_session.c). */
BmcSessionTable *bmc_endpoint_sessions(BmcEndpoint *ep);
const IpmiBmcConfig *bmc_endpoint_core_config(const BmcEndpoint *ep);
gboolean bmc_endpoint_quirk_no_cipher_suites(const BmcEndpoint *ep);
/* End a session other than the one being answered. */
void bmc_endpoint_close_session(BmcEndpoint *ep, BmcSession *s);
