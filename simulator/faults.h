/* faults.h - packet fault and BMC quirk injection, for client tests.
 *
 * Every datagram the simulator sends goes through bmc_faults_send, which
 * may drop it, send it twice, hold it back until the next datagram on the
 * same socket has gone out (reorder), or delay it.  Decisions come from one
 * pseudo-random stream seeded with --seed, so a run with the same seed and
 * the same arrivals makes the same decisions.
 */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

typedef struct {
	double drop_pct;      /* share of datagrams not sent */
	double duplicate_pct; /* share sent twice */
	double reorder_pct;   /* share held back behind the next datagram */
	guint delay_ms;       /* each datagram is delayed by a random 0..delay_ms */
	guint slow_ms;        /* every in-session answer takes this long */
	gboolean seed_set;
	guint64 seed;
	/* quirks */
	gboolean no_cipher_suites;  /* ignore pre-session Get Channel Cipher Suites */
	gboolean pad4;              /* integrity pad of 4 bytes */
	gboolean open_session_priv; /* OpenIPMI: echo the requested privilege in the
				     * Open Session Response (IpmiBmcConfig) */
} BmcFaultConfig;

/* The quirk names for --quirk and the config's "quirks" key. */
#define BMC_QUIRK_NAMES "no-cipher-suites, pad4, open-session-priv"
gboolean bmc_faults_set_quirk(BmcFaultConfig *c, const char *name);
gboolean bmc_faults_active(const BmcFaultConfig *c);

typedef struct _BmcFaults BmcFaults;

BmcFaults *bmc_faults_new(const BmcFaultConfig *cfg);
void bmc_faults_free(BmcFaults *f);
const BmcFaultConfig *bmc_faults_config(const BmcFaults *f);

/* Send a datagram through the fault pipeline; extra_ms adds a fixed delay
 * (the "slow" answer of an in-session command). */
void bmc_faults_send(BmcFaults *f, GSocket *sock, GSocketAddress *to, const uint8_t *buf,
		     size_t len, guint extra_ms);
/* Forget datagrams still queued for this socket (it is going away). */
void bmc_faults_forget_socket(BmcFaults *f, GSocket *sock);
