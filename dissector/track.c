/* track.c - the session table of a capture, see track.h. */
#include "track.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/auth15.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/rmcp.h"
#include "core/status.h"

#define N_BUCKETS 1024

struct IpmiTracker {
	const IpmiCredential *creds;
	size_t n_creds;
	const IpmiKeylogEntry *keys;
	size_t n_keys;
	IpmiTrackedSession **sessions;
	size_t n, cap;
	/* per address pair, the sessions newest first: chain of indexes */
	size_t *next; /* next[i]: the next older session of i's bucket, or SIZE_MAX */
	/* pair_key[i]: session i's pair_hash, compared before the session
	 * itself is touched: a bucket's other pairs cost no cache miss */
	uint32_t *pair_key;
	size_t head[N_BUCKETS];
};

IpmiTracker *
ipmi_tracker_new(const IpmiCredential *creds, size_t n_creds, const IpmiKeylogEntry *keys,
		 size_t n_keys)
{
	IpmiTracker *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->creds = creds;
	t->n_creds = n_creds;
	t->keys = keys;
	t->n_keys = n_keys;
	for (size_t i = 0; i < N_BUCKETS; i++)
		t->head[i] = SIZE_MAX;
	return t;
}

void
ipmi_tracker_free(IpmiTracker *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		ipmi_observer_wipe(&t->sessions[i]->obs);
		free(t->sessions[i]);
	}
	free(t->sessions);
	free(t->next);
	free(t->pair_key);
	free(t);
}

size_t
ipmi_tracker_count(const IpmiTracker *t)
{
	return t->n;
}

const IpmiTrackedSession *
ipmi_tracker_session(const IpmiTracker *t, size_t i)
{
	return i < t->n ? t->sessions[i] : NULL;
}

static bool
endpoint_eq(const IpmiEndpoint *a, const IpmiEndpoint *b)
{
	return a->family == b->family && a->port == b->port &&
	       memcmp(a->addr, b->addr, a->family == 6 ? 16 : 4) == 0;
}

static uint32_t
endpoint_hash(const IpmiEndpoint *e)
{
	uint32_t h = 2166136261u ^ e->family;
	size_t n = e->family == 6 ? 16 : 4;
	for (size_t i = 0; i < n; i++)
		h = (h ^ e->addr[i]) * 16777619u;
	h = (h ^ (e->port & 0xFF)) * 16777619u;
	return (h ^ (e->port >> 8)) * 16777619u;
}

/* The same value for both directions of an address pair. */
static uint32_t
pair_hash(const IpmiEndpoint *a, const IpmiEndpoint *b)
{
	return endpoint_hash(a) ^ endpoint_hash(b);
}

static bool
pair_matches(const IpmiTrackedSession *s, const IpmiEndpoint *src, const IpmiEndpoint *dst)
{
	return (endpoint_eq(&s->console, src) && endpoint_eq(&s->bmc, dst)) ||
	       (endpoint_eq(&s->console, dst) && endpoint_eq(&s->bmc, src));
}

static IpmiTrackedSession *
session_add(IpmiTracker *t, const IpmiEndpoint *console, const IpmiEndpoint *bmc, uint64_t frame)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16;
		IpmiTrackedSession **s = realloc(t->sessions, cap * sizeof *s);
		if (!s)
			return NULL;
		t->sessions = s;
		size_t *nx = realloc(t->next, cap * sizeof *nx);
		if (!nx)
			return NULL;
		t->next = nx;
		uint32_t *pk = realloc(t->pair_key, cap * sizeof *pk);
		if (!pk)
			return NULL;
		t->pair_key = pk;
		t->cap = cap;
	}
	IpmiTrackedSession *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->number = (unsigned)t->n + 1;
	s->console = *console;
	s->bmc = *bmc;
	s->first_frame = frame;
	s->keylog_index = -1;
	ipmi_observer_init(&s->obs, t->creds, t->n_creds);
	uint32_t key = pair_hash(console, bmc);
	size_t b = key % N_BUCKETS;
	t->next[t->n] = t->head[b];
	t->pair_key[t->n] = key;
	t->head[b] = t->n;
	t->sessions[t->n++] = s;
	return s;
}

/* How many sessions of one address pair are looked at, newest first: one
 * console port holds one session at a time, so only a port reused over a
 * long capture builds a chain, and its old sessions are over. */
#define PAIR_DEPTH 256

/* The newest session of this address pair that claims the datagram. */
static IpmiTrackedSession *
session_find(IpmiTracker *t, const IpmiEndpoint *src, const IpmiEndpoint *dst,
	     const IpmiDatagram *d)
{
	const uint8_t *dgram = d->dgram;
	size_t len = d->len;
	/* only RMCP+ setup payloads and in-session packets can be claimed */
	if (len < 10 || dgram[4] != IPMI_AUTHTYPE_RMCPP)
		return NULL;
	uint8_t ptype = dgram[5] & 0x3F;
	if (ipmi_get_u32le(dgram + 6) == 0 &&
	    (ptype < IPMI_PAYLOAD_OPEN_SESSION_REQ || ptype > IPMI_PAYLOAD_RAKP4))
		return NULL;
	size_t depth = 0;
	uint32_t key = pair_hash(src, dst);
	for (size_t i = t->head[key % N_BUCKETS]; i != SIZE_MAX && depth++ < PAIR_DEPTH;
	     i = t->next[i]) {
		if (t->pair_key[i] != key)
			continue;
		IpmiTrackedSession *s = t->sessions[i];
		if (pair_matches(s, src, dst) && ipmi_observer_claims_parsed(&s->obs, d))
			return s;
	}
	return NULL;
}

/* A retransmitted Open Session Request (same console, tag and console
 * session ID, no answer yet) belongs to the session it started. */
static IpmiTrackedSession *
session_retransmit(IpmiTracker *t, const IpmiEndpoint *src, const IpmiEndpoint *dst,
		   const uint8_t *dgram, size_t len)
{
	/* RMCP 4 + RMCP+ header 12, then tag, priv, reserved 2, console SID */
	if (len < 24)
		return NULL;
	uint8_t tag = dgram[16];
	uint32_t sid = ipmi_get_u32le(dgram + 20);
	uint32_t key = pair_hash(src, dst);
	for (size_t i = t->head[key % N_BUCKETS]; i != SIZE_MAX; i = t->next[i]) {
		if (t->pair_key[i] != key)
			continue;
		IpmiTrackedSession *s = t->sessions[i];
		if (!endpoint_eq(&s->console, src) || !endpoint_eq(&s->bmc, dst))
			continue;
		if (s->obs.state == IPMI_OBS_OPEN_REQ && s->obs.open_tag == tag &&
		    s->obs.rp.console_sid == sid)
			return s;
		return NULL; /* only the newest session of the pair */
	}
	return NULL;
}

/* In-session traffic without a captured handshake: a key-log entry naming
 * the session ID starts a session.  The BMC's ID (random) is tried first:
 * ipmitool's console ID is the same in every session. */
static IpmiTrackedSession *
session_from_keylog(IpmiTracker *t, const IpmiEndpoint *src, const IpmiEndpoint *dst, uint32_t sid,
		    uint64_t frame)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->n_keys; i++) {
			const IpmiKeylogEntry *e = &t->keys[i];
			bool to_bmc = pass == 0 && e->bmc_sid == sid;
			bool to_console = pass == 1 && e->console_sid == sid;
			if (!to_bmc && !to_console)
				continue;
			IpmiTrackedSession *s = to_bmc ? session_add(t, src, dst, frame)
						       : session_add(t, dst, src, frame);
			if (!s)
				return NULL;
			ipmi_observer_use_keylog(&s->obs, e);
			s->keylog_only = true;
			s->keylog_index = (int)i;
			s->verdict_known = true;
			return s;
		}
	}
	return NULL;
}

/* After RAKP2: if no credential fits, a key-log entry with the same Rm may. */
static void
try_keylog(IpmiTracker *t, IpmiTrackedSession *s)
{
	for (size_t i = 0; i < t->n_keys && !s->obs.have_keys; i++) {
		if (ipmi_observer_use_keylog(&s->obs, &t->keys[i]) == 0)
			s->keylog_index = (int)i;
	}
}

/* The console's RAKP 3 against the password that fit RAKP 2 (the BMC's):
 * a console with a wrong password fails here, or stops before RAKP 3. */
static void
check_rakp3(IpmiTrackedSession *s, const uint8_t *payload, size_t len)
{
	const IpmiObserver *o = &s->obs;
	IpmiRakp3 m;
	if (o->cred < 0 || ipmi_rakp3_decode(payload, len, &m) < 0)
		return;
	if (m.status != IPMI_RMCPP_OK) {
		s->rakp3 = -2;
		return;
	}
	const IpmiCredential *c = &o->creds[o->cred];
	uint8_t code[IPMI_RAKP_CODE_MAX];
	int n = ipmi_rakp3_code(o->auth, c->password, c->password_len, &o->rp, code);
	s->rakp3 =
	    n >= 0 && (size_t)n == m.code_len && ipmi_ct_equal(code, m.code, m.code_len) ? 1 : -1;
}

/* The AuthCode of an IPMI v1.5 wrapper, tried with every credential's
 * password (a password longer than 16 bytes cannot be a v1.5 one). */
static void
check_auth15(const IpmiTracker *t, const uint8_t *dgram, size_t len, IpmiTrackResult *out)
{
	IpmiAuth15Header h;
	if (ipmi_auth15_parse(dgram, len, &h) < 0 || !h.code)
		return;
	out->auth15_type = h.auth_type;
	out->auth15_cred = -1;
	if (h.auth_type == IPMI_AUTHTYPE_OEM) {
		out->auth15 = IPMI_AUTH15_UNCHECKABLE;
		return;
	}
	if (!t->n_creds) {
		out->auth15 = IPMI_AUTH15_NO_PASSWORD;
		return;
	}
	out->auth15 = IPMI_AUTH15_MISMATCH;
	for (size_t i = 0; i < t->n_creds; i++) {
		const IpmiCredential *c = &t->creds[i];
		if (c->password_len <= IPMI_AUTH15_PASSWORD_MAX &&
		    ipmi_auth15_verify(&h, c->password, c->password_len)) {
			out->auth15 = IPMI_AUTH15_VERIFIED;
			out->auth15_cred = (int)i;
			return;
		}
	}
}

bool
ipmi_looks_like_rmcp(const uint8_t *d, size_t len)
{
	if (len < 5 || d[0] != IPMI_RMCP_VERSION || d[1] != 0)
		return false;
	uint8_t cls = d[3] & 0x1F;
	if (cls == IPMI_RMCP_CLASS_ASF)
		return len >= 8 && ((uint32_t)d[4] << 24 | (uint32_t)d[5] << 16 |
				    (uint32_t)d[6] << 8 | d[7]) == IPMI_ASF_IANA;
	if (cls != IPMI_RMCP_CLASS_IPMI || (d[3] & 0x60) != 0)
		return false;
	uint8_t at = d[4];
	return at == IPMI_AUTHTYPE_NONE || at == IPMI_AUTHTYPE_MD2 || at == IPMI_AUTHTYPE_MD5 ||
	       at == IPMI_AUTHTYPE_PASSWORD || at == IPMI_AUTHTYPE_OEM || at == IPMI_AUTHTYPE_RMCPP;
}

int
ipmi_tracker_feed(IpmiTracker *t, const IpmiEndpoint *src, const IpmiEndpoint *dst, uint64_t frame,
		  const uint8_t *dgram, size_t len, IpmiTrackResult *out, uint8_t *plain,
		  size_t cap)
{
	memset(out, 0, sizeof *out);
	/* the headers are decoded here once for every step below */
	IpmiDatagram d;
	ipmi_datagram_parse(dgram, len, &d);
	out->rc = d.rc;
	if (out->rc < 0)
		return out->rc;
	out->rmcp_class = d.msg_class & 0x1F;
	if (out->rmcp_class != IPMI_RMCP_CLASS_IPMI || (d.msg_class & IPMI_RMCP_CLASS_ACK))
		return 0;
	bool rmcpp =
	    len > IPMI_RMCP_HEADER_LEN && dgram[IPMI_RMCP_HEADER_LEN] == IPMI_AUTHTYPE_RMCPP;
	if (!rmcpp)
		check_auth15(t, dgram, len, out);
	uint8_t ptype = rmcpp && len > 5 ? dgram[5] & 0x3F : 0;
	uint32_t sid = rmcpp && len >= 10 ? ipmi_get_u32le(dgram + 6) : 0;

	IpmiTrackedSession *s = NULL;
	if (rmcpp && ptype == IPMI_PAYLOAD_OPEN_SESSION_REQ) {
		s = session_retransmit(t, src, dst, dgram, len);
		if (!s) {
			s = session_add(t, src, dst, frame);
			out->new_session = s != NULL;
		}
	} else {
		s = session_find(t, src, dst, &d);
		if (!s && rmcpp && sid != 0 && t->n_keys) {
			s = session_from_keylog(t, src, dst, sid, frame);
			out->new_session = out->verdict = s != NULL;
		}
	}
	if (!s) {
		/* Pre-session traffic (IPMI 1.5 wrapper, RMCP+ session 0) or a
		 * session we know nothing of: decode it with a fresh observer. */
		IpmiObserver scratch;
		ipmi_observer_init(&scratch, NULL, 0);
		out->rc = ipmi_observer_feed_parsed(&scratch, &d, &out->obs, plain, cap);
		ipmi_observer_wipe(&scratch);
		return out->rc;
	}
	out->session = s;
	out->rc = ipmi_observer_feed_parsed(&s->obs, &d, &out->obs, plain, cap);
	if (out->rc < 0)
		return out->rc;
	if (ptype == IPMI_PAYLOAD_RAKP2 && !s->verdict_known &&
	    (s->obs.state == IPMI_OBS_RAKP2 || s->obs.state == IPMI_OBS_NO_KEYS)) {
		if (!s->obs.have_keys && s->obs.state == IPMI_OBS_RAKP2) {
			try_keylog(t, s);
			if (s->obs.have_keys && out->obs.result == IPMI_ERR_NO_CREDENTIAL)
				out->obs.result = 0;
		}
		s->verdict_known = true;
		out->verdict = true;
	}
	if (ptype == IPMI_PAYLOAD_RAKP3 && s->rakp3 == 0 && out->obs.result == 0) {
		check_rakp3(s, plain, out->obs.payload_len);
		out->rakp3_checked = s->rakp3 != 0;
	}
	return 0;
}

void
ipmi_endpoint_format(const IpmiEndpoint *e, char *buf, size_t cap)
{
	if (e->family == 4) {
		snprintf(buf, cap, "%u.%u.%u.%u:%u", e->addr[0], e->addr[1], e->addr[2], e->addr[3],
			 e->port);
		return;
	}
	/* RFC 5952: lower case, longest run of zero groups as "::" */
	uint16_t g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (uint16_t)(e->addr[2 * i] << 8 | e->addr[2 * i + 1]);
	int best = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	char tmp[48];
	size_t n = 0;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			n += (size_t)snprintf(tmp + n, sizeof tmp - n, "::");
			i += best_len - 1;
			continue;
		}
		if (n && tmp[n - 1] != ':')
			tmp[n++] = ':';
		n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%x", g[i]);
	}
	tmp[n] = 0;
	snprintf(buf, cap, "[%s]:%u", tmp, e->port);
}
