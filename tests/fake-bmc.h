/* fake-bmc.h - a tiny in-process BMC for the client tests: the core's BMC
 * role on a GSocket, with impairments (loss, duplication, reordering) in
 * both directions.
 *
 * Users: admin/password (ADMINISTRATOR), user/secret (USER).
 * Commands: Get Channel Authentication Capabilities and Get Channel Cipher
 * Suites pre-session; Get Device ID, Set Session Privilege Level, Close
 * Session, Get Chassis Status; OEM netFn 30h: cmd 01h echoes its data,
 * cmd 02h is never answered; anything else gets C1h. */
#pragma once

#include <gio/gio.h>

#include "core/bmc.h"

typedef struct {
	double drop;    /* probability of losing a datagram, each direction */
	double dup;     /* probability of delivering it twice */
	double reorder; /* probability of holding it back behind the next */
	guint32 seed;
	guint32 suites;                /* accepted cipher suites, bit n; 0: 3 and 17 */
	gboolean ignore_cipher_suites; /* never answer Get Channel Cipher Suites */
	const char *kg;                /* the BMC's K_G, or NULL */
	gboolean silent;               /* answer nothing at all */
	gboolean silent_in_session;    /* answer nothing once a session is open */
	guint drop_close;              /* swallow the first N Close Session requests */
} FakeBmcOptions;

typedef struct _FakeBmc FakeBmc;

/* Bind to address (e.g. "127.0.0.1" or "::1") on an ephemeral port and
 * serve on context.  NULL when the address cannot be bound. */
FakeBmc *fake_bmc_new(GMainContext *context, const char *address, const FakeBmcOptions *opt);
/* The same on a thread of its own (for the blocking API). */
FakeBmc *fake_bmc_new_threaded(const char *address, const FakeBmcOptions *opt);
void fake_bmc_free(FakeBmc *bmc);
guint16 fake_bmc_port(FakeBmc *bmc);
/* Sessions currently open, and Close Session requests honoured. */
guint fake_bmc_open_sessions(FakeBmc *bmc);
guint fake_bmc_closed_sessions(FakeBmc *bmc);
/* In-session requests processed (duplicates included). */
guint fake_bmc_requests(FakeBmc *bmc);
/* The rqSeq of every black-hole request received (guint8 each). */
GArray *fake_bmc_blackhole_seqs(FakeBmc *bmc);
void fake_bmc_set_silent_in_session(FakeBmc *bmc, gboolean silent);

/* A hook on everything the BMC sends (tests/hostile-bmc.c builds on it).
 * Setup answers (Open Session Response, RAKP 2, RAKP 4): request and dgram
 * are the datagrams in and out.  In-session answers: session and the
 * plaintext LAN message msg, before sealing.  Return TRUE when the hook
 * sent (or withheld) the answer itself, FALSE to let the BMC send it. */
typedef struct {
	FakeBmc *bmc;
	GSocketAddress *to;
	const guint8 *request, *dgram; /* setup */
	gsize request_len, dgram_len;
	IpmiBmcSession *session; /* in session */
	const guint8 *msg;
	gsize msg_len;
} FakeBmcOut;
typedef gboolean (*FakeBmcHook)(const FakeBmcOut *out, gpointer data);
void fake_bmc_set_hook(FakeBmc *bmc, FakeBmcHook hook, gpointer data);
/* Send a datagram as it is, without impairments. */
void fake_bmc_send_raw(FakeBmc *bmc, GSocketAddress *to, const guint8 *d, gsize len);
