/* observer.h - a third party's view of one RMCP+ session: fed the datagrams
 * of both directions (as captured) plus candidate credentials or a key-log
 * entry, it follows the handshake, tells which credential fits (RAKP2), checks
 * K_G (RAKP4), derives the same keys as the two ends and opens the messages
 * of both directions through the same record layer.
 *
 * It tracks one session.  A capture holds many: the caller (dissector)
 * routes each datagram with ipmi_observer_claims() and starts a new observer
 * for each Open Session Request.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "channel.h"
#include "crypto.h"
#include "keylog.h"
#include "rakp.h"

typedef struct {
	uint8_t user[IPMI_USER_MAX];
	uint8_t user_len;
	uint8_t password[IPMI_PASSWORD_MAX];
	uint8_t password_len;
	uint8_t kg[IPMI_KG_LEN];
	uint8_t kg_len;
} IpmiCredential;

typedef enum {
	IPMI_OBS_START,    /* nothing seen */
	IPMI_OBS_OPEN_REQ, /* Open Session Request seen */
	IPMI_OBS_OPEN_RSP, /* both session IDs and the algorithms known */
	IPMI_OBS_RAKP1,    /* Rm, role and user known */
	IPMI_OBS_RAKP2,    /* Rc, GUID known; credential tried */
	IPMI_OBS_RAKP3,
	IPMI_OBS_ACTIVE,  /* keys known: in-session packets open */
	IPMI_OBS_NO_KEYS, /* handshake done or failed, and no keys */
} IpmiObsState;

typedef enum {
	IPMI_DIR_UNKNOWN,
	IPMI_DIR_TO_BMC,
	IPMI_DIR_TO_CONSOLE,
} IpmiDirection;

typedef struct {
	IpmiObsState state;
	const IpmiCredential *creds;
	size_t n_creds;
	int cred; /* index of the matching credential, -1 none yet */
	bool from_keylog;
	bool kg_mismatch; /* RAKP4 ICV did not verify with the credential's K_G */
	bool auth_failed; /* no credential reproduces the RAKP2 code */
	bool verify_macs; /* false with a key log and MD5-128 integrity */
	bool have_keys;
	uint8_t open_tag;
	uint8_t auth, integ, conf;
	IpmiRakpParams rp;
	uint8_t rakp2_code[IPMI_RAKP_CODE_MAX];
	size_t rakp2_code_len;
	uint8_t status; /* last non-zero RMCP+ status seen */
	IpmiKeys keys;
	/* libgcrypt handles keyed with keys, opened on the first in-session
	 * packet and closed by ipmi_observer_wipe (which every observer that
	 * opened one needs): an observer that has opened a packet must not be
	 * copied by value (see IpmiKeyHandles). */
	IpmiKeyHandles kh;
	IpmiSeqWindow window[2]; /* [0] to the BMC, [1] to the console */
	IpmiRc4Dir rc4[2];
} IpmiObserver;

/* What the observer made of one datagram. */
typedef struct {
	IpmiDirection dir;
	uint8_t payload_type;
	bool encrypted;
	bool authenticated;
	uint32_t session_id;
	uint32_t seq;
	/* 0 when opened and verified (or a setup payload); otherwise why the
	 * payload is not in plain: IPMI_ERR_INTEGRITY, IPMI_ERR_PAD,
	 * IPMI_ERR_NO_CREDENTIAL (no keys), ... */
	int result;
	bool replayed;      /* sequence number seen before or out of window */
	bool verified;      /* the MAC was checked (false for a key log + MD5-128) */
	size_t payload_len; /* plaintext in the caller's buffer when result is 0 */
} IpmiObserved;

/* One datagram's RMCP and RMCP+ headers, decoded once by
 * ipmi_datagram_parse for the _parsed calls below: a dissector routing a
 * datagram to its session and opening it reads the header once, not at
 * every step.  Points into the datagram, which must outlive it. */
typedef struct {
	const uint8_t *dgram;
	size_t len;
	int rc;            /* 0, or ipmi_rmcp_decode's error */
	size_t rmcp_len;   /* bytes of the RMCP header */
	uint8_t msg_class; /* the RMCP class byte */
	bool rmcpp;        /* class IPMI and auth type 06h: hrc and h are set */
	int hrc;           /* ipmi_v2_header_decode's result (< 0: error) */
	IpmiV2Header h;
} IpmiDatagram;

void ipmi_datagram_parse(const uint8_t *dgram, size_t len, IpmiDatagram *d);

void ipmi_observer_init(IpmiObserver *o, const IpmiCredential *creds, size_t n_creds);
/* Does this datagram belong to the session?  (Open Session Request: only if
 * the observer is fresh.)  Uses session IDs and, for setup, the tag. */
bool ipmi_observer_claims(const IpmiObserver *o, const uint8_t *dgram, size_t len);
/* Feed one datagram.  Returns 0 (see out->result for what became of the
 * payload) or a negative code when the datagram is not RMCP+ at all. */
int ipmi_observer_feed(IpmiObserver *o, const uint8_t *dgram, size_t len, IpmiObserved *out,
		       uint8_t *plain, size_t cap);
/* The same two on a parsed datagram. */
bool ipmi_observer_claims_parsed(const IpmiObserver *o, const IpmiDatagram *d);
int ipmi_observer_feed_parsed(IpmiObserver *o, const IpmiDatagram *d, IpmiObserved *out,
			      uint8_t *plain, size_t cap);
/* Use a key-log entry: if the handshake is known it must name the same Rm,
 * otherwise the session IDs are taken from it.  Returns 0 or
 * IPMI_ERR_NO_CREDENTIAL when the entry is not for this session. */
int ipmi_observer_use_keylog(IpmiObserver *o, const IpmiKeylogEntry *e);
/* Close the observer's handles and wipe its keys; init it again to reuse. */
void ipmi_observer_wipe(IpmiObserver *o);
