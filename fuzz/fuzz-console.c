/* fuzz-console.c - the console's receive path (console.h), handshake and
 * in-session.  Input: a TLV stream (README.md):
 *   CONFIG  [suite][flags][console SID u32le][user_len][user]
 *           [pw_len][password][kg_len][kg]         (missing bytes are 0)
 *           flags: bit 0 name-only lookup, bits 1-3 privilege (0: ADMIN),
 *           bits 4-5 retries
 *   RANDOM  what the console draws: the tag, then Rm (a captured session
 *           replays exactly when the console SID is set)
 *   DGRAM   a datagram from the BMC: ipmi_console_feed while the handshake
 *           runs, ipmi_channel_open on the secure channel once ACTIVE
 *   TICK    u32le ms pass; ipmi_console_handle_timeout
 *   SEND    once ACTIVE, a LAN payload sealed on the channel
 * Every queued datagram is taken (pulled) after each step. */
#include <string.h>

#include "core/buf.h"
#include "core/console.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/status.h"
#include "core/suite.h"
#include "fuzz.h"

static void
load_config(IpmiConsoleConfig *cfg, const uint8_t *v, size_t n)
{
	IpmiReader r;
	ipmi_rd_init(&r, v, n);
	memset(cfg, 0, sizeof *cfg);
	uint8_t suite = ipmi_rd_u8(&r);
	uint8_t flags = ipmi_rd_u8(&r);
	cfg->console_sid = ipmi_rd_u32le(&r);
	cfg->user_len = ipmi_rd_u8(&r) % (IPMI_USER_MAX + 1);
	ipmi_rd_copy(&r, cfg->user, cfg->user_len);
	cfg->password_len = ipmi_rd_u8(&r) % (IPMI_PASSWORD_MAX + 1);
	ipmi_rd_copy(&r, cfg->password, cfg->password_len);
	cfg->kg_len = ipmi_rd_u8(&r) % (IPMI_KG_LEN + 1);
	ipmi_rd_copy(&r, cfg->kg, cfg->kg_len);
	if (n == 0) { /* no CONFIG record: suite 17, admin/password */
		suite = 17;
		flags = 1;
		cfg->user_len = 5;
		memcpy(cfg->user, "admin", 5);
		cfg->password_len = 8;
		memcpy(cfg->password, "password", 8);
	}
	const IpmiCipherSuite *cs = ipmi_suite_get(suite % (IPMI_SUITE_MAX + 1));
	cfg->auth = cs->auth;
	cfg->integ = cs->integ;
	cfg->conf = cs->conf;
	cfg->name_only = flags & 1;
	cfg->privilege = (flags >> 1) & 7;
	if (cfg->privilege < IPMI_PRIV_CALLBACK || cfg->privilege > IPMI_PRIV_OEM)
		cfg->privilege = IPMI_PRIV_ADMIN;
	cfg->retries = (flags >> 4) & 3;
	cfg->retransmit_ms = 1000;
	cfg->allow_insecure = true;
	cfg->allow_rc4 = true;
}

/* A setup answer naming another console session ID (offset 4 of every
 * answer's payload), not ours and not 0: a stray, or a stale answer to an
 * earlier handshake. */
static bool
names_other_console(const IpmiConsole *c, const uint8_t *d, size_t len)
{
	IpmiV2Header h;
	if (len < 4 || ipmi_v2_header_decode(d + 4, len - 4, &h) < 0 || h.payload_len < 8)
		return false;
	uint32_t sid = ipmi_get_u32le(h.payload + 4);
	return sid != 0 && sid != c->rp.console_sid;
}

static void
drain(IpmiConsole *c)
{
	size_t len = 0;
	const uint8_t *out = ipmi_console_output(c, &len);
	if (!out)
		return;
	FUZZ_CHECK(len > 0 && len <= sizeof c->out);
	/* What the console sends is well formed. */
	IpmiV2Header h;
	FUZZ_CHECK(len > 4 && ipmi_v2_header_decode(out + 4, len - 4, &h) == (int)len - 4);
	ipmi_console_output_done(c);
}

static void
check_state(const IpmiConsole *c)
{
	FUZZ_CHECK(c->state <= IPMI_CONSOLE_FAILED);
	if (c->state == IPMI_CONSOLE_FAILED)
		FUZZ_CHECK(c->error < 0);
	if (c->state == IPMI_CONSOLE_ACTIVE) {
		FUZZ_CHECK(ipmi_console_next_deadline(c) == UINT64_MAX);
		/* The keys serve the proposed algorithms, between the two IDs. */
		FUZZ_CHECK(c->rp.bmc_sid != 0 && c->chan.tx_sid == c->rp.bmc_sid &&
			   c->chan.rx_sid == c->rp.console_sid);
		FUZZ_CHECK(c->chan.keys.auth == c->cfg.auth && c->chan.keys.integ == c->cfg.integ &&
			   c->chan.keys.conf == c->cfg.conf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FuzzRng rng;
	static IpmiConsole c;
	static uint8_t plain[2048], sealed[2048];
	IpmiConsoleConfig cfg;
	size_t clen;
	const uint8_t *cv = fuzz_config(data, size, &clen);
	load_config(&cfg, cv, clen);
	fuzz_rng_init(&rng, data, size);
	if (ipmi_console_init(&c, &cfg, fuzz_rng, &rng) < 0)
		return 0;
	uint64_t now = 1000;
	if (ipmi_console_start(&c, now) < 0)
		goto out;
	drain(&c);

	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		switch (type) {
		case FUZZ_T_DGRAM:
			if (c.state == IPMI_CONSOLE_ACTIVE) {
				IpmiOpened op;
				int rc = ipmi_channel_open(&c.chan, v, n, &op, plain, sizeof plain);
				if (rc == 0) {
					FUZZ_CHECK(op.payload_len <= sizeof plain);
					if (op.payload_type == IPMI_PAYLOAD_IPMI)
						fuzz_lan_payload(plain, op.payload_len);
				}
			} else {
				IpmiConsoleState before = c.state;
				bool stray = names_other_console(&c, v, n);
				int rc = ipmi_console_feed(&c, v, n, now);
				FUZZ_CHECK(rc <= 0);
				/* console.h: stray datagrams leave the state alone. */
				if (stray)
					FUZZ_CHECK(c.state == before);
			}
			break;
		case FUZZ_T_TICK:
			if (n >= 4) {
				now += ipmi_get_u32le(v);
				int rc = ipmi_console_handle_timeout(&c, now);
				FUZZ_CHECK(rc <= 0);
			}
			break;
		case FUZZ_T_SEND:
			if (c.state == IPMI_CONSOLE_ACTIVE) {
				int rc = ipmi_channel_seal(&c.chan, IPMI_PAYLOAD_IPMI, v, n, sealed,
							   sizeof sealed);
				FUZZ_CHECK(rc < 0 ? n > 1024 || rc == IPMI_ERR_NOBUF
						  : (size_t)rc <= sizeof sealed);
			}
			break;
		default:
			break;
		}
		check_state(&c);
		drain(&c);
	}
out:
	ipmi_console_wipe(&c);
	return 0;
}
