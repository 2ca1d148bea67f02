/* pair.c - see pair.h. */
#include "pair.h"

#include <string.h>

#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"

int
test_rng(void *ctx, uint8_t *buf, size_t len)
{
	TestRng *r = ctx;
	for (size_t i = 0; i < len; i++) {
		/* xorshift64* */
		r->state ^= r->state >> 12;
		r->state ^= r->state << 25;
		r->state ^= r->state >> 27;
		buf[i] = (uint8_t)((r->state * 2685821657736338717ull) >> 56);
	}
	return 0;
}

static void
set_user(IpmiBmcUser *u, const char *name, const char *pw, uint8_t priv)
{
	memset(u, 0, sizeof *u);
	u->name_len = (uint8_t)strlen(name);
	memcpy(u->name, name, u->name_len);
	u->password_len = (uint8_t)strlen(pw);
	memcpy(u->password, pw, u->password_len);
	u->max_priv = priv;
	u->enabled = TRUE;
}

void
pair_init(Pair *p, unsigned suite)
{
	memset(p, 0, sizeof *p);
	p->rng.state = 0x9E3779B97F4A7C15ull ^ suite;
	set_user(&p->users[0], "admin", "password", IPMI_PRIV_ADMIN);
	set_user(&p->users[1], "oper", "secret", IPMI_PRIV_OPERATOR);
	set_user(&p->users[2], "", "anonymous", IPMI_PRIV_USER);
	p->bmc_cfg.users = p->users;
	p->bmc_cfg.n_users = 3;
	p->bmc_cfg.suites = 0xFFFFF; /* all twenty, for the core tests */
	for (int i = 0; i < 16; i++)
		p->bmc_cfg.guid[i] = (uint8_t)(0xA0 + i);
	test_rng(&p->rng, p->bmc_cfg.decoy_key, sizeof p->bmc_cfg.decoy_key);
	p->bmc_cfg.rnd = test_rng;
	p->bmc_cfg.rnd_ctx = &p->rng;

	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	g_assert_nonnull(cs);
	memcpy(p->con_cfg.user, "admin", 5);
	p->con_cfg.user_len = 5;
	memcpy(p->con_cfg.password, "password", 8);
	p->con_cfg.password_len = 8;
	p->con_cfg.auth = cs->auth;
	p->con_cfg.integ = cs->integ;
	p->con_cfg.conf = cs->conf;
	p->con_cfg.privilege = IPMI_PRIV_ADMIN;
	p->con_cfg.name_only = TRUE;
	p->con_cfg.allow_insecure = TRUE;
	p->con_cfg.allow_rc4 = TRUE;
	p->con_cfg.retransmit_ms = 500;
	p->con_cfg.retries = 2;
	p->now = 1000;
	p->capture = g_array_new(FALSE, TRUE, sizeof(PairPacket));
}

void
pair_clear(Pair *p)
{
	for (guint i = 0; i < p->capture->len; i++)
		g_bytes_unref(g_array_index(p->capture, PairPacket, i).bytes);
	g_array_unref(p->capture);
	ipmi_bmc_session_free(&p->bmc);
	ipmi_console_wipe(&p->con);
}

void
pair_set_console_password(Pair *p, const char *pw)
{
	p->con_cfg.password_len = (uint8_t)strlen(pw);
	memset(p->con_cfg.password, 0, sizeof p->con_cfg.password);
	memcpy(p->con_cfg.password, pw, p->con_cfg.password_len);
}

void
pair_set_console_user(Pair *p, const char *user)
{
	p->con_cfg.user_len = (uint8_t)strlen(user);
	memcpy(p->con_cfg.user, user, p->con_cfg.user_len);
}

void
pair_set_kg(Pair *p, const char *bmc_kg, const char *console_kg)
{
	if (bmc_kg) {
		p->bmc_cfg.kg_len = (uint8_t)strlen(bmc_kg);
		memcpy(p->bmc_cfg.kg, bmc_kg, p->bmc_cfg.kg_len);
	}
	if (console_kg) {
		p->con_cfg.kg_len = (uint8_t)strlen(console_kg);
		memcpy(p->con_cfg.kg, console_kg, p->con_cfg.kg_len);
	}
}

void
pair_record(Pair *p, gboolean to_bmc, const uint8_t *dgram, size_t len)
{
	PairPacket pk = {to_bmc, g_bytes_new(dgram, len)};
	g_array_append_val(p->capture, pk);
}

int
pair_to_bmc(Pair *p, const uint8_t *dgram, size_t len, guint8 *reply, size_t *reply_len)
{
	uint32_t sid = 0;
	*reply_len = 0;
	pair_record(p, TRUE, dgram, len);
	IpmiDgramKind kind = ipmi_bmc_classify(dgram, len, &sid);
	if (kind == IPMI_DGRAM_OPEN_SESSION) {
		int rc = ipmi_bmc_open_session(&p->bmc, &p->bmc_cfg, 0x1234ABCD, dgram, len, p->now,
					       reply, IPMI_MAX_DATAGRAM);
		if (rc > 0) {
			*reply_len = (size_t)rc;
			pair_record(p, FALSE, reply, *reply_len);
			return IPMI_BMC_REPLY;
		}
		return rc;
	}
	if (kind != IPMI_DGRAM_SESSION || sid != p->bmc.rp.bmc_sid)
		return IPMI_ERR_SESSION_ID;
	IpmiOpened op;
	guint8 plain[IPMI_MAX_DATAGRAM];
	int rc = ipmi_bmc_feed(&p->bmc, dgram, len, p->now, reply, IPMI_MAX_DATAGRAM, reply_len,
			       &op, plain, sizeof plain);
	if (rc == IPMI_BMC_REPLY)
		pair_record(p, FALSE, reply, *reply_len);
	return rc;
}

IpmiConsoleState
pair_handshake(Pair *p)
{
	int rc = ipmi_console_init(&p->con, &p->con_cfg, test_rng, &p->rng);
	g_assert_cmpint(rc, ==, 0);
	g_assert_cmpint(ipmi_console_start(&p->con, p->now), ==, 0);
	for (int step = 0; step < 10; step++) {
		size_t len = 0;
		const uint8_t *out = ipmi_console_output(&p->con, &len);
		if (!out)
			break;
		guint8 dgram[IPMI_MAX_DATAGRAM];
		memcpy(dgram, out, len);
		ipmi_console_output_done(&p->con);
		guint8 reply[IPMI_MAX_DATAGRAM];
		size_t reply_len = 0;
		pair_to_bmc(p, dgram, len, reply, &reply_len);
		if (reply_len == 0)
			break;
		p->now += 1;
		p->last_console_rc = ipmi_console_feed(&p->con, reply, reply_len, p->now);
	}
	return p->con.state;
}
