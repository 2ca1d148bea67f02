/* session.h - one endpoint's session table: random unique session IDs, a
 * bounded table that reclaims unfinished handshakes first, idle and
 * handshake timeouts, a per-session reply cache for retransmitted
 * requests, and a failed-login limiter keyed by user name.
 *
 * Protocol decisions stay in the core (IpmiBmcSession); this file only
 * keeps the bookkeeping a BMC needs around it.
 */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

#include "core/bmc.h"

#define BMC_MAX_SESSIONS 63 /* Get Session Info: 6-bit slot count */
#define BMC_REPLY_CACHE 64  /* answers remembered per session: one per rqSeq */

typedef struct {
	guint max_sessions;    /* 1..63 */
	guint idle_timeout_s;  /* an active session without traffic ends */
	guint setup_timeout_s; /* a handshake must finish within this */
	guint login_failures;  /* failures per user name before a lockout */
	guint lockout_s;       /* lockout length (and the failure window) */
	guint cache_ttl_s;     /* how long an answer is kept for retransmissions */
} BmcSessionLimits;

typedef struct {
	uint8_t key[3];   /* netFn/LUN, rqSeq/rqLUN, cmd */
	GBytes *request;  /* the whole request message */
	GBytes *response; /* the whole response message */
	GBytes *deferred; /* a message delivered after it, or NULL */
	gint64 when_s;
} BmcReplyCacheEntry;

typedef struct {
	IpmiBmcSession core;
	uint32_t id; /* == core.rp.bmc_sid once opened */
	uint8_t handle;
	GInetSocketAddress *peer;
	gint64 created_s;
	gboolean attempt; /* RAKP2 sent: counts as a failed login unless it becomes active */
	BmcReplyCacheEntry cache[BMC_REPLY_CACHE]; /* indexed by rqSeq */
	gint64 closed_s; /* Close Session answered at this time; 0: open */
} BmcSession;

/* An active session that has not been closed. */
static inline gboolean
bmc_session_live(const BmcSession *s)
{
	return s->core.state == IPMI_BMC_ACTIVE && s->closed_s == 0;
}

typedef struct {
	BmcSessionLimits lim;
	GPtrArray *list;    /* BmcSession *, oldest first, owned */
	GHashTable *by_id;  /* uint32 -> BmcSession * */
	GHashTable *logins; /* user name (GBytes) -> BmcLoginRecord * */
} BmcSessionTable;

void bmc_sessions_init(BmcSessionTable *t, const BmcSessionLimits *lim);
void bmc_sessions_clear(BmcSessionTable *t);

/* A new FREE session with a random unique non-zero ID and a handle.  When
 * the table is full the oldest unfinished handshake is reclaimed; NULL when
 * every slot holds an active session. */
BmcSession *bmc_sessions_alloc(BmcSessionTable *t, GInetSocketAddress *peer, gint64 now_s);
BmcSession *bmc_sessions_lookup(BmcSessionTable *t, uint32_t id);
BmcSession *bmc_sessions_by_handle(BmcSessionTable *t, uint8_t handle);
/* The n-th (1-based) live session, or NULL. */
BmcSession *bmc_sessions_nth_active(BmcSessionTable *t, guint n);
guint bmc_sessions_active(const BmcSessionTable *t);
/* End a session: a handshake that sent RAKP2 and never became active, or
 * whose RAKP3 did not verify, counts as a failed login for its user name.
 * Wipes keys and frees it. */
void bmc_sessions_remove(BmcSessionTable *t, BmcSession *s, gint64 now_s);
/* After Close Session: the session stays (not live) for the cache lifetime,
 * so a retransmitted Close Session whose answer was lost is answered again
 * from the cache; nothing else is accepted on it. */
void bmc_sessions_close(BmcSessionTable *t, BmcSession *s, gint64 now_s);
/* Remove idle active sessions, closed ones past the cache lifetime and
 * stale handshakes; returns how many. */
guint bmc_sessions_sweep(BmcSessionTable *t, gint64 now_s);

/* Record that s sent RAKP2: a login attempt for its user name is under way. */
void bmc_sessions_login_attempt(BmcSessionTable *t, BmcSession *s, gint64 now_s);
/* Record that s reached ACTIVE (clears the user's failures). */
void bmc_sessions_login_ok(BmcSessionTable *t, BmcSession *s, gint64 now_s);
/* Is this user name locked out: too many failures, or failures and
 * unfinished attempts together at the limit? */
gboolean bmc_sessions_login_blocked(BmcSessionTable *t, const uint8_t *name, size_t len,
				    gint64 now_s);

/* A cached answer to an identical request (same rqSeq, netFn, cmd and
 * bytes) within the cache lifetime, or NULL.  One answer per rqSeq value,
 * the last: a request with that rqSeq and other contents replaces it, so
 * a requester may reuse an rqSeq for another request at once, and every
 * request still in flight (at most 64) has its answer kept for its
 * retransmissions.  An identical request with the same rqSeq is a
 * retransmission: IPMI has no other way to tell (a requester must not
 * reuse an rqSeq for an identical request within the cache lifetime). */
const BmcReplyCacheEntry *bmc_session_cache_find(BmcSession *s, const uint8_t *req, size_t len,
						 gint64 now_s, guint ttl_s);
/* Remember an answer (and the message deferred after it; may be NULL). */
void bmc_session_cache_store(BmcSession *s, const uint8_t *req, size_t req_len, const uint8_t *rsp,
			     size_t rsp_len, GBytes *deferred, gint64 now_s);
