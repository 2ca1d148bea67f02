/* fuzz-observer.c - the observer (observer.h) fed a capture, as the
 * dissector routes it: each datagram goes to the observer that claims it,
 * an unclaimed Open Session Request starts a new one (three slots, the
 * oldest reused), anything else unclaimed goes to slot 0.  Input: a TLV
 * stream (README.md):
 *   CONFIG  [n creds] then per credential [user_len][user][pw_len]
 *           [password][kg_len][kg]  (user_len 0: any user; missing: 0)
 *           With no credential: admin/password.
 *   DGRAM   a captured datagram, either direction
 *   KEYLOG  a key log line: parsed and kept (up to four).  An observer
 *           without keys is offered the entries once it knows Rm (RAKP1);
 *           an unclaimed in-session datagram whose session ID an entry
 *           names starts a new observer keyed from the log. */
#include <string.h>

#include "core/buf.h"
#include "core/keylog.h"
#include "core/observer.h"
#include "core/packet.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "fuzz.h"

#define SLOTS 3
#define MAX_CREDS 4

typedef struct {
	IpmiCredential creds[MAX_CREDS];
	size_t n_creds;
	IpmiKeylogEntry keylog[MAX_CREDS];
	size_t n_keylog;
	IpmiObserver o[SLOTS];
	bool used[SLOTS];
	unsigned next;
	uint8_t plain[2048];
} Obs;

static void
load_config(Obs *s, const uint8_t *v, size_t n)
{
	IpmiReader r;
	ipmi_rd_init(&r, v, n);
	memset(s->creds, 0, sizeof s->creds);
	size_t want = ipmi_rd_u8(&r) % (MAX_CREDS + 1);
	s->n_creds = 0;
	while (s->n_creds < want) {
		IpmiCredential *c = &s->creds[s->n_creds++];
		c->user_len = ipmi_rd_u8(&r) % (IPMI_USER_MAX + 1);
		ipmi_rd_copy(&r, c->user, c->user_len);
		c->password_len = ipmi_rd_u8(&r) % (IPMI_PASSWORD_MAX + 1);
		ipmi_rd_copy(&r, c->password, c->password_len);
		c->kg_len = ipmi_rd_u8(&r) % (IPMI_KG_LEN + 1);
		ipmi_rd_copy(&r, c->kg, c->kg_len);
	}
	if (n == 0) {
		IpmiCredential *c = &s->creds[s->n_creds++];
		c->user_len = 5;
		memcpy(c->user, "admin", 5);
		c->password_len = 8;
		memcpy(c->password, "password", 8);
	}
}

static bool
is_open_request(const uint8_t *d, size_t len)
{
	IpmiRmcpHeader rh;
	IpmiV2Header h;
	return ipmi_rmcp_decode(d, len, &rh) == IPMI_RMCP_HEADER_LEN &&
	       rh.msg_class == IPMI_RMCP_CLASS_IPMI && len > 4 &&
	       ipmi_v2_header_decode(d + 4, len - 4, &h) >= 0 &&
	       h.payload_type == IPMI_PAYLOAD_OPEN_SESSION_REQ && h.session_id == 0;
}

static bool
offer_keylog(Obs *s, IpmiObserver *o)
{
	for (size_t i = 0; i < s->n_keylog; i++) {
		if (ipmi_observer_use_keylog(o, &s->keylog[i]) == 0) {
			FUZZ_CHECK(o->have_keys && o->from_keylog);
			return true;
		}
	}
	return false;
}

static void
feed(Obs *s, IpmiObserver *o, const uint8_t *d, size_t len)
{
	IpmiObserved out;
	int rc = ipmi_observer_feed(o, d, len, &out, s->plain, sizeof s->plain);
	FUZZ_CHECK(o->state <= IPMI_OBS_NO_KEYS);
	FUZZ_CHECK(o->cred < (int)s->n_creds);
	FUZZ_CHECK(!o->have_keys || o->from_keylog || o->cred >= 0);
	if (!o->have_keys && o->state >= IPMI_OBS_RAKP1 && o->state != IPMI_OBS_NO_KEYS)
		offer_keylog(s, o);
	if (rc < 0)
		return;
	FUZZ_CHECK(rc == 0);
	if (out.result == 0) {
		FUZZ_CHECK(out.payload_len <= sizeof s->plain);
		if (out.payload_type == IPMI_PAYLOAD_IPMI)
			fuzz_lan_payload(s->plain, out.payload_len);
	}
}

static void
dgram(Obs *s, const uint8_t *d, size_t len)
{
	for (unsigned i = 0; i < SLOTS; i++) {
		if (s->used[i] && ipmi_observer_claims(&s->o[i], d, len)) {
			feed(s, &s->o[i], d, len);
			return;
		}
	}
	if (is_open_request(d, len)) {
		/* A free slot, else the oldest. */
		unsigned i = 0;
		while (i < SLOTS && s->used[i])
			i++;
		if (i == SLOTS) {
			i = s->next++ % SLOTS;
			ipmi_observer_wipe(&s->o[i]);
		}
		ipmi_observer_init(&s->o[i], s->creds, s->n_creds);
		s->used[i] = true;
		FUZZ_CHECK(ipmi_observer_claims(&s->o[i], d, len));
		feed(s, &s->o[i], d, len);
		return;
	}
	IpmiV2Header h;
	if (len > IPMI_RMCP_HEADER_LEN &&
	    ipmi_v2_header_decode(d + IPMI_RMCP_HEADER_LEN, len - IPMI_RMCP_HEADER_LEN, &h) >= 0 &&
	    h.session_id != 0) {
		for (size_t k = 0; k < s->n_keylog; k++) {
			const IpmiKeylogEntry *e = &s->keylog[k];
			if (h.session_id != e->console_sid && h.session_id != e->bmc_sid)
				continue;
			for (unsigned i = 0; i < SLOTS; i++) {
				if (s->used[i])
					continue;
				ipmi_observer_init(&s->o[i], s->creds, s->n_creds);
				FUZZ_CHECK(ipmi_observer_use_keylog(&s->o[i], e) == 0);
				if (!ipmi_observer_claims(&s->o[i], d, len)) {
					ipmi_observer_wipe(&s->o[i]);
					break;
				}
				s->used[i] = true;
				feed(s, &s->o[i], d, len);
				return;
			}
		}
	}
	if (!s->used[0]) {
		ipmi_observer_init(&s->o[0], s->creds, s->n_creds);
		s->used[0] = true;
	}
	feed(s, &s->o[0], d, len);
}

static void
keylog(Obs *s, const uint8_t *v, size_t n)
{
	size_t col;
	if (s->n_keylog == MAX_CREDS ||
	    ipmi_keylog_parse((const char *)v, n, &s->keylog[s->n_keylog], &col) != 1)
		return;
	s->n_keylog++;
	for (unsigned i = 0; i < SLOTS; i++) {
		IpmiObserver *o = &s->o[i];
		if (s->used[i] && !o->have_keys && o->state >= IPMI_OBS_RAKP1 &&
		    o->state != IPMI_OBS_NO_KEYS)
			offer_keylog(s, o);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static Obs s;
	memset(&s, 0, sizeof s);
	size_t clen;
	const uint8_t *cv = fuzz_config(data, size, &clen);
	load_config(&s, cv, clen);

	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		if (type == FUZZ_T_DGRAM)
			dgram(&s, v, n);
		else if (type == FUZZ_T_KEYLOG)
			keylog(&s, v, n);
	}
	for (unsigned i = 0; i < SLOTS; i++)
		ipmi_observer_wipe(&s.o[i]);
	ipmi_wipe(s.keylog, sizeof s.keylog);
	return 0;
}
