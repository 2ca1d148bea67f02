/* pair.h - a console and a BMC session talking through memory under a fake
 * clock, with a deterministic random source; every datagram is recorded so
 * an observer can replay the capture. */
#pragma once

#include <glib.h>

#include "core/bmc.h"
#include "core/console.h"

typedef struct {
	guint64 state;
} TestRng;

int test_rng(void *ctx, uint8_t *buf, size_t len);

typedef struct {
	gboolean to_bmc;
	GBytes *bytes;
} PairPacket;

typedef struct {
	TestRng rng;
	IpmiBmcUser users[3];
	IpmiBmcConfig bmc_cfg;
	IpmiBmcSession bmc;
	IpmiConsoleConfig con_cfg;
	IpmiConsole con;
	guint64 now;
	GArray *capture; /* PairPacket */
	int last_console_rc;
} Pair;

/* BMC with users admin/password (ADMIN), oper/secret (OPERATOR) and an
 * empty-named null user; console as admin/password for the given suite. */
void pair_init(Pair *p, unsigned suite);
void pair_clear(Pair *p);
void pair_set_console_password(Pair *p, const char *pw);
void pair_set_console_user(Pair *p, const char *user);
void pair_set_kg(Pair *p, const char *bmc_kg, const char *console_kg);
/* Run the handshake to completion or failure; returns the console state. */
IpmiConsoleState pair_handshake(Pair *p);
/* Deliver one datagram to the BMC; returns what ipmi_bmc_feed said and
 * (when a reply) records it and hands it back through reply. */
int pair_to_bmc(Pair *p, const uint8_t *dgram, size_t len, guint8 *reply, size_t *reply_len);
void pair_record(Pair *p, gboolean to_bmc, const uint8_t *dgram, size_t len);
