/* session.c - see session.h. */
#include "session.h"

#include <string.h>

#include "core/crypto.h"

#define LOGIN_RECORDS_MAX 256 /* user names tracked at once */

typedef struct {
	guint failures;        /* failed logins in the current window */
	guint pending;         /* attempts past RAKP2, not finished yet */
	gint64 first_s;        /* start of the current window */
	gint64 locked_until_s; /* 0: not locked */
} BmcLoginRecord;

void
bmc_sessions_init(BmcSessionTable *t, const BmcSessionLimits *lim)
{
	memset(t, 0, sizeof *t);
	t->lim = *lim;
	if (t->lim.max_sessions < 1 || t->lim.max_sessions > BMC_MAX_SESSIONS)
		t->lim.max_sessions = BMC_MAX_SESSIONS;
	t->list = g_ptr_array_new();
	t->by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
	t->logins = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
					  (GDestroyNotify)g_bytes_unref, g_free);
}

static void
entry_clear(BmcReplyCacheEntry *e)
{
	g_clear_pointer(&e->request, g_bytes_unref);
	g_clear_pointer(&e->response, g_bytes_unref);
	g_clear_pointer(&e->deferred, g_bytes_unref);
}

static void
session_free(BmcSession *s)
{
	for (guint i = 0; i < BMC_REPLY_CACHE; i++)
		entry_clear(&s->cache[i]);
	g_clear_object(&s->peer);
	ipmi_bmc_session_free(&s->core);
	ipmi_wipe(s, sizeof *s);
	g_free(s);
}

void
bmc_sessions_clear(BmcSessionTable *t)
{
	if (!t->list)
		return;
	for (guint i = 0; i < t->list->len; i++)
		session_free(t->list->pdata[i]);
	g_ptr_array_unref(t->list);
	g_hash_table_unref(t->by_id);
	g_hash_table_unref(t->logins);
	memset(t, 0, sizeof *t);
}

/* The lowest free handle, as BMCs that number their session slots do. */
static uint8_t
free_handle(BmcSessionTable *t)
{
	for (unsigned h = 1; h < 255; h++)
		if (!bmc_sessions_by_handle(t, (uint8_t)h))
			return (uint8_t)h;
	return 255; /* unreachable: at most 63 sessions */
}

BmcSession *
bmc_sessions_alloc(BmcSessionTable *t, GInetSocketAddress *peer, gint64 now_s)
{
	if (t->list->len >= t->lim.max_sessions) {
		/* Reclaim the oldest unfinished handshake: an unauthenticated
		 * peer can take those, never an active session. */
		BmcSession *victim = NULL;
		for (guint i = 0; i < t->list->len && !victim; i++) {
			BmcSession *s = t->list->pdata[i];
			if (!bmc_session_live(s))
				victim = s;
		}
		if (!victim)
			return NULL;
		bmc_sessions_remove(t, victim, now_s);
	}
	uint32_t id = 0;
	while (id == 0 || g_hash_table_contains(t->by_id, GUINT_TO_POINTER(id))) {
		if (ipmi_random_strong(NULL, (uint8_t *)&id, sizeof id) < 0)
			return NULL;
	}
	BmcSession *s = g_new0(BmcSession, 1);
	s->id = id;
	s->handle = free_handle(t);
	s->peer = g_object_ref(peer);
	s->created_s = now_s;
	g_ptr_array_add(t->list, s);
	g_hash_table_insert(t->by_id, GUINT_TO_POINTER(id), s);
	return s;
}

BmcSession *
bmc_sessions_lookup(BmcSessionTable *t, uint32_t id)
{
	return id ? g_hash_table_lookup(t->by_id, GUINT_TO_POINTER(id)) : NULL;
}

BmcSession *
bmc_sessions_by_handle(BmcSessionTable *t, uint8_t handle)
{
	/* A closed session gave its handle back. */
	for (guint i = 0; i < t->list->len; i++) {
		BmcSession *s = t->list->pdata[i];
		if (s->handle == handle && !s->closed_s)
			return s;
	}
	return NULL;
}

BmcSession *
bmc_sessions_nth_active(BmcSessionTable *t, guint n)
{
	for (guint i = 0; i < t->list->len; i++) {
		BmcSession *s = t->list->pdata[i];
		if (bmc_session_live(s) && --n == 0)
			return s;
	}
	return NULL;
}

guint
bmc_sessions_active(const BmcSessionTable *t)
{
	guint n = 0;
	for (guint i = 0; i < t->list->len; i++)
		n += bmc_session_live(t->list->pdata[i]);
	return n;
}

/* ---- failed logins -------------------------------------------------------
 *
 * A login attempt counts from the moment RAKP2 goes out (the point from
 * which a console can test a password offline), and stops counting when
 * the session becomes active.  A user name is refused while its failures
 * plus its unfinished attempts reach the limit, and for lockout_s seconds
 * once its failures alone do.  Unknown names are tracked like known ones,
 * so the lockout says nothing about which names exist. */

static void
logins_expire(BmcSessionTable *t, gint64 now_s)
{
	GHashTableIter it;
	gpointer v;
	g_hash_table_iter_init(&it, t->logins);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		BmcLoginRecord *r = v;
		gboolean locked = r->locked_until_s > now_s;
		gboolean window = now_s - r->first_s < (gint64)t->lim.lockout_s;
		if (!locked && !window && r->pending == 0)
			g_hash_table_iter_remove(&it);
	}
}

/* The record for a user name; created when create is set (NULL otherwise
 * when there is none). */
static BmcLoginRecord *
login_record(BmcSessionTable *t, const uint8_t *name, size_t len, gboolean create, gint64 now_s)
{
	GBytes *key = g_bytes_new(name, len);
	BmcLoginRecord *r = g_hash_table_lookup(t->logins, key);
	if (!r && create) {
		if (g_hash_table_size(t->logins) >= LOGIN_RECORDS_MAX)
			logins_expire(t, now_s);
		if (g_hash_table_size(t->logins) >= LOGIN_RECORDS_MAX) {
			/* Still full: forget an arbitrary record rather than grow. */
			GHashTableIter it;
			g_hash_table_iter_init(&it, t->logins);
			if (g_hash_table_iter_next(&it, NULL, NULL))
				g_hash_table_iter_remove(&it);
		}
		r = g_new0(BmcLoginRecord, 1);
		r->first_s = now_s;
		g_hash_table_insert(t->logins, g_bytes_ref(key), r);
	}
	g_bytes_unref(key);
	return r;
}

void
bmc_sessions_login_attempt(BmcSessionTable *t, BmcSession *s, gint64 now_s)
{
	if (s->attempt || t->lim.login_failures == 0)
		return;
	s->attempt = TRUE;
	login_record(t, s->core.user_name, s->core.user_name_len, TRUE, now_s)->pending++;
}

static void
login_failed(BmcSessionTable *t, BmcSession *s, gint64 now_s)
{
	BmcLoginRecord *r = login_record(t, s->core.user_name, s->core.user_name_len, TRUE, now_s);
	if (s->attempt && r->pending)
		r->pending--;
	if (now_s - r->first_s >= (gint64)t->lim.lockout_s && r->locked_until_s <= now_s) {
		r->failures = 0;
		r->first_s = now_s;
	}
	if (++r->failures >= t->lim.login_failures)
		r->locked_until_s = now_s + t->lim.lockout_s;
}

gboolean
bmc_sessions_login_blocked(BmcSessionTable *t, const uint8_t *name, size_t len, gint64 now_s)
{
	if (t->lim.login_failures == 0)
		return FALSE;
	BmcLoginRecord *r = login_record(t, name, len, FALSE, now_s);
	return r &&
	       (r->locked_until_s > now_s || r->failures + r->pending >= t->lim.login_failures);
}

void
bmc_sessions_login_ok(BmcSessionTable *t, BmcSession *s, gint64 now_s)
{
	if (!s->attempt)
		return;
	s->attempt = FALSE;
	BmcLoginRecord *r = login_record(t, s->core.user_name, s->core.user_name_len, FALSE, now_s);
	if (!r)
		return;
	if (r->pending)
		r->pending--;
	r->failures = 0;
	if (r->pending == 0) {
		GBytes *key = g_bytes_new(s->core.user_name, s->core.user_name_len);
		g_hash_table_remove(t->logins, key);
		g_bytes_unref(key);
	}
}

void
bmc_sessions_remove(BmcSessionTable *t, BmcSession *s, gint64 now_s)
{
	if (t->lim.login_failures && s->core.state != IPMI_BMC_ACTIVE &&
	    (s->attempt || s->core.auth_failed))
		login_failed(t, s, now_s);
	g_hash_table_remove(t->by_id, GUINT_TO_POINTER(s->id));
	g_ptr_array_remove(t->list, s);
	session_free(s);
}

void
bmc_sessions_close(BmcSessionTable *t, BmcSession *s, gint64 now_s)
{
	if (t->lim.cache_ttl_s == 0) {
		bmc_sessions_remove(t, s, now_s);
		return;
	}
	s->closed_s = now_s;
	/* Kept to answer retransmissions only: its libgcrypt handles go back
	 * to the pool for the next session (taken again if one comes). */
	ipmi_channel_release_handles(&s->core.chan);
}

guint
bmc_sessions_sweep(BmcSessionTable *t, gint64 now_s)
{
	guint n = 0;
	gint64 now_ms = now_s * 1000;
	for (guint i = t->list->len; i-- > 0;) {
		BmcSession *s = t->list->pdata[i];
		gboolean active = s->core.state == IPMI_BMC_ACTIVE;
		guint limit = active ? t->lim.idle_timeout_s : t->lim.setup_timeout_s;
		gint64 last_ms = (gint64)s->core.last_activity;
		if (!active && s->core.state == IPMI_BMC_FREE)
			last_ms = s->created_s * 1000;
		if (s->closed_s) {
			limit = t->lim.cache_ttl_s;
			last_ms = s->closed_s * 1000;
		}
		if (now_ms - last_ms >= (gint64)limit * 1000) {
			bmc_sessions_remove(t, s, now_s);
			n++;
		}
	}
	if (g_hash_table_size(t->logins))
		logins_expire(t, now_s);
	return n;
}

/* ---- reply cache ---------------------------------------------------------- */

const BmcReplyCacheEntry *
bmc_session_cache_find(BmcSession *s, const uint8_t *req, size_t len, gint64 now_s, guint ttl_s)
{
	if (len < 6)
		return NULL;
	BmcReplyCacheEntry *e = &s->cache[req[4] >> 2];
	if (!e->request || now_s - e->when_s > (gint64)ttl_s)
		return NULL;
	if (e->key[0] != req[1] || e->key[1] != req[4] || e->key[2] != req[5])
		return NULL;
	gsize n;
	const uint8_t *p = g_bytes_get_data(e->request, &n);
	return n == len && memcmp(p, req, len) == 0 ? e : NULL;
}

void
bmc_session_cache_store(BmcSession *s, const uint8_t *req, size_t req_len, const uint8_t *rsp,
			size_t rsp_len, GBytes *deferred, gint64 now_s)
{
	if (req_len < 6)
		return;
	/* The slot of this rqSeq: an older answer there is superseded. */
	BmcReplyCacheEntry *e = &s->cache[req[4] >> 2];
	entry_clear(e);
	e->key[0] = req[1];
	e->key[1] = req[4];
	e->key[2] = req[5];
	e->request = g_bytes_new(req, req_len);
	e->response = g_bytes_new(rsp, rsp_len);
	e->deferred = deferred ? g_bytes_ref(deferred) : NULL;
	e->when_s = now_s;
}
