/* bmc.h - the BMC side of RMCP+ session setup and record layer, sans I/O.
 *
 * The caller (the simulator) owns the session table: it classifies each
 * datagram with ipmi_bmc_classify, picks a free IpmiBmcSession and a random
 * unique non-zero session ID for an Open Session Request, and finds the
 * session named by any other packet.  This file makes every protocol
 * decision: algorithm and privilege negotiation, user lookup by name or by
 * privilege (the RAKP1 name-only bit), K_G, RAKP2/RAKP4 codes, and the same
 * answer for an unknown user as for a wrong password.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "crypto.h"
#include "rakp.h"

typedef struct {
	uint8_t name[IPMI_USER_MAX];
	uint8_t name_len;
	uint8_t password[IPMI_PASSWORD_MAX];
	uint8_t password_len;
	uint8_t max_priv; /* privilege limit on this channel, 1..5 */
	bool enabled;
} IpmiBmcUser;

typedef struct {
	const IpmiBmcUser *users;
	size_t n_users;
	uint8_t kg[IPMI_KG_LEN];
	uint8_t kg_len; /* 0: no K_G, the password keys the SIK */
	uint8_t guid[IPMI_GUID_LEN];
	uint32_t suites;            /* bit n: cipher suite n accepted */
	uint8_t suite_max_priv[20]; /* per suite; 0 means ADMINISTRATOR */
	/* Keys an HMAC for unknown users so they look like a wrong password. */
	uint8_t decoy_key[20];
	/* Quirks of real BMCs, for client tests. */
	bool quirk_open_session_priv; /* OpenIPMI ipmi_sim: the Open Session
				       * Response echoes the requested privilege,
				       * 0 ("highest") included */
	bool quirk_pad4;              /* integrity pad of 4 bytes */
	IpmiRandomFn rnd;
	void *rnd_ctx;
} IpmiBmcConfig;

typedef enum {
	IPMI_BMC_FREE,
	IPMI_BMC_OPEN,       /* Open Session answered, waiting for RAKP1 */
	IPMI_BMC_RAKP2_SENT, /* waiting for RAKP3 */
	IPMI_BMC_ACTIVE,
	IPMI_BMC_FAILED, /* send the reply, then free the slot */
} IpmiBmcState;

/* What a datagram is, for the session table. */
typedef enum {
	IPMI_DGRAM_INVALID,
	IPMI_DGRAM_ASF,          /* RMCP class 6: presence ping */
	IPMI_DGRAM_PRESESSION,   /* IPMI message outside a session (1.5 or 2.0 wrapper) */
	IPMI_DGRAM_OPEN_SESSION, /* Open Session Request */
	IPMI_DGRAM_SESSION,      /* RAKP1, RAKP3 or in-session: *sid names the session */
	IPMI_DGRAM_V15_SESSION,  /* an IPMI 1.5 session packet (not supported) */
} IpmiDgramKind;

IpmiDgramKind ipmi_bmc_classify(const uint8_t *dgram, size_t len, uint32_t *sid);

typedef struct {
	IpmiBmcState state;
	const IpmiBmcConfig *cfg;
	uint8_t suite;
	uint8_t auth, integ, conf;
	uint8_t open_tag;
	uint8_t open_priv;  /* privilege in the Open Session Request */
	int user;           /* index in cfg->users, -1 unknown */
	uint8_t priv_limit; /* the session's maximum privilege */
	uint8_t priv;       /* current privilege (Set Session Privilege Level) */
	IpmiRakpParams rp;
	IpmiChannel chan;
	uint64_t last_activity;
	/* The last setup request and answer, to answer a retransmission
	 * identically instead of starting over. */
	uint8_t last_req[64];
	size_t last_req_len;
	uint8_t last_rsp[96];
	size_t last_rsp_len;
	bool auth_failed;                 /* RAKP3 did not verify: count against the user */
	uint8_t user_name[IPMI_USER_MAX]; /* as the console sent it, for rate limits */
	uint8_t user_name_len;
} IpmiBmcSession;

/* Results of ipmi_bmc_feed (>= 0), besides negative codes (dropped). */
#define IPMI_BMC_NOTHING 0 /* consumed, nothing to send */
#define IPMI_BMC_REPLY 1   /* out holds a datagram to send */
#define IPMI_BMC_PAYLOAD 2 /* plain holds a verified in-session payload */

/* Answer an Open Session Request.  On success the session (which must be
 * FREE) becomes OPEN with bmc_sid; when the request cannot be honoured the
 * answer carries an error status and the session stays FREE.  Returns the
 * datagram length written to out. */
int ipmi_bmc_open_session(IpmiBmcSession *s, const IpmiBmcConfig *cfg, uint32_t bmc_sid,
			  const uint8_t *dgram, size_t len, uint64_t now, uint8_t *out, size_t cap);
/* An Open Session Response with an error status and no session (e.g. no
 * free slot).  Returns the datagram length or a negative code. */
int ipmi_bmc_open_session_reject(const uint8_t *dgram, size_t len, uint8_t status, uint8_t *out,
				 size_t cap);

/* Feed a datagram classified IPMI_DGRAM_SESSION for this session. */
int ipmi_bmc_feed(IpmiBmcSession *s, const uint8_t *dgram, size_t len, uint64_t now, uint8_t *out,
		  size_t cap, size_t *out_len, IpmiOpened *opened, uint8_t *plain,
		  size_t plain_cap);

/* Wipe keys and return the slot to FREE. */
void ipmi_bmc_session_free(IpmiBmcSession *s);
