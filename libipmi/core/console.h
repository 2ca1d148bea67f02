/* console.h - the console (client) side of the RMCP+ handshake, sans I/O.
 *
 *   ipmi_console_init    validate the configuration
 *   ipmi_console_start   queue the Open Session Request
 *   ipmi_console_output  the datagram to send now, if any (pull model);
 *   ipmi_console_output_done  after sending it
 *   ipmi_console_feed    a datagram from the BMC
 *   ipmi_console_next_deadline / ipmi_console_handle_timeout  retransmission
 *
 * Open Session -> RAKP1 -> RAKP3, checking message tags, session IDs, that
 * the BMC took exactly the proposed algorithms, the RAKP2 code (wrong
 * password or rogue BMC) and the RAKP4 ICV (K_G mismatch).  When the state
 * is IPMI_CONSOLE_ACTIVE, c->chan is the secure channel for in-session
 * traffic.  The first fatal error is sticky (state FAILED, error kept).
 * Stray or malformed datagrams are reported but leave the state alone.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "crypto.h"
#include "rakp.h"

typedef struct {
	uint8_t user[IPMI_USER_MAX];
	uint8_t user_len;
	uint8_t password[IPMI_PASSWORD_MAX];
	uint8_t password_len;
	uint8_t kg[IPMI_KG_LEN];
	uint8_t kg_len;            /* 0: no K_G, the password keys the SIK */
	uint8_t auth, integ, conf; /* the proposed algorithms (a suite) */
	uint8_t privilege;         /* requested maximum privilege, 1..5 */
	bool name_only;            /* RAKP1 role bit 4 (ipmitool and FreeIPMI default on) */
	bool allow_insecure;       /* permit a suite without integrity (0, 1, 6, 15) */
	bool allow_rc4;            /* permit xRC4 confidentiality */
	uint32_t console_sid;      /* 0: pick a random one */
	uint32_t retransmit_ms;    /* 0: 1000 */
	uint8_t retries;           /* retransmissions per message; 0: none */
} IpmiConsoleConfig;

typedef enum {
	IPMI_CONSOLE_IDLE,
	IPMI_CONSOLE_OPEN_SENT,
	IPMI_CONSOLE_RAKP1_SENT,
	IPMI_CONSOLE_RAKP3_SENT,
	IPMI_CONSOLE_ACTIVE,
	IPMI_CONSOLE_FAILED,
} IpmiConsoleState;

typedef struct {
	IpmiConsoleConfig cfg;
	IpmiConsoleState state;
	int error;           /* sticky first fatal error */
	uint8_t peer_status; /* RMCP+ status code when error is IPMI_ERR_REJECTED */
	uint8_t tag;
	uint8_t granted_priv; /* from the Open Session Response; 0 when not told */
	IpmiRakpParams rp;
	IpmiChannel chan;
	/* The RAKP4 ICV expected, computed with the keys at RAKP2. */
	uint8_t rakp4_icv[IPMI_KEY_MAX];
	uint8_t out[128];
	size_t out_len;
	bool out_pending;
	uint64_t deadline; /* UINT64_MAX when nothing is pending */
	uint8_t tries;
	IpmiRandomFn rnd;
	void *rnd_ctx;
} IpmiConsole;

int ipmi_console_init(IpmiConsole *c, const IpmiConsoleConfig *cfg, IpmiRandomFn rnd,
		      void *rnd_ctx);
int ipmi_console_start(IpmiConsole *c, uint64_t now_ms);
/* The datagram to send now or NULL. */
const uint8_t *ipmi_console_output(const IpmiConsole *c, size_t *len);
void ipmi_console_output_done(IpmiConsole *c);
/* Feed a datagram.  Returns 0 when it advanced the handshake, or a negative
 * code: if the state is now FAILED the code is the fatal error, otherwise
 * the datagram was ignored (stray, malformed, stale tag). */
int ipmi_console_feed(IpmiConsole *c, const uint8_t *dgram, size_t len, uint64_t now_ms);
uint64_t ipmi_console_next_deadline(const IpmiConsole *c);
/* Retransmit or fail with IPMI_ERR_TIMEOUT. Returns 0 or the fatal error. */
int ipmi_console_handle_timeout(IpmiConsole *c, uint64_t now_ms);
/* Wipe keys and password; the struct may then be reused. */
void ipmi_console_wipe(IpmiConsole *c);
