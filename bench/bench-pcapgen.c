/* bench-pcapgen.c - write a pcap of many RMCP+ sessions for the decryption
 * benchmark.
 *
 * Each session is the core's console role and BMC role talking in memory
 * (as tests/pair.c does), with a deterministic random source: Open Session,
 * RAKP 1-4 through both roles, then Get Device ID requests and responses
 * sealed by each side's IpmiChannel, then Close Session.  Sessions alternate
 * between cipher suites 17 and 3 (user admin, password "password"), and
 * CONCURRENT of them are interleaved so the decryptor's session table holds
 * many at once.  Frames are Ethernet/IPv4/UDP: consoles 127.0.0.1 on
 * ephemeral ports, BMCs 127.0.1.1-127.0.1.250 port 623 (what tshark binds
 * RMCP to).  The requests are not opened by the BMC role (it would only
 * double the generation time); the handshake is real end to end.
 *
 * Usage: bench-pcapgen [-n PACKETS] [-c CONCURRENT] [-r REQUESTS] OUT.pcap
 * Writes at least PACKETS frames (whole sessions); prints one JSON line. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bmc.h"
#include "core/cmd_session.h"
#include "core/console.h"
#include "core/msg.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"

#define MAX_CONC 256

typedef struct {
	uint64_t state;
} Rng;

static int
rng_fill(void *ctx, uint8_t *buf, size_t len)
{
	Rng *r = ctx;
	for (size_t i = 0; i < len; i++) {
		r->state ^= r->state >> 12;
		r->state ^= r->state << 25;
		r->state ^= r->state >> 27;
		buf[i] = (uint8_t)((r->state * 2685821657736338717ull) >> 56);
	}
	return 0;
}

typedef struct {
	bool live;
	unsigned suite;
	int phase; /* 0 handshake done -> requests; then close */
	unsigned reqs_left;
	uint8_t rq_seq;
	uint32_t console_ip, bmc_ip;
	uint16_t console_port;
	IpmiBmcUser user;
	IpmiBmcConfig bmc_cfg;
	IpmiBmcSession bmc;
	IpmiConsoleConfig con_cfg;
	IpmiConsole con;
} Sess;

static FILE *out;
static uint64_t frames, now_us = 1700000000ull * 1000000ull;
static Rng rng = {0x9E3779B97F4A7C15ull};

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* pcap headers in host order (magic tells) */
}

static uint16_t
ip_checksum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (s >> 16)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)~s;
}

static void
write_frame(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport, const uint8_t *d,
	    size_t len)
{
	uint8_t f[16 + 14 + 20 + 8 + IPMI_MAX_DATAGRAM];
	size_t flen = 14 + 20 + 8 + len;
	now_us += 37;
	put32(f, (uint32_t)(now_us / 1000000));
	put32(f + 4, (uint32_t)(now_us % 1000000));
	put32(f + 8, (uint32_t)flen);
	put32(f + 12, (uint32_t)flen);
	uint8_t *e = f + 16;
	static const uint8_t macs[12] = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2};
	memcpy(e, macs, 12);
	e[12] = 0x08;
	e[13] = 0x00;
	uint8_t *ip = e + 14;
	size_t iplen = 20 + 8 + len;
	memset(ip, 0, 20);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(iplen >> 8);
	ip[3] = (uint8_t)iplen;
	ip[4] = (uint8_t)(frames >> 8);
	ip[5] = (uint8_t)frames;
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = 17;
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = (uint8_t)(src >> (24 - 8 * i));
		ip[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
	}
	uint16_t ck = ip_checksum(ip, 20);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	uint8_t *udp = ip + 20;
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((8 + len) >> 8);
	udp[5] = (uint8_t)(8 + len);
	udp[6] = udp[7] = 0; /* no UDP checksum (allowed over IPv4) */
	memcpy(udp + 8, d, len);
	if (fwrite(f, 1, 16 + flen, out) != 16 + flen) {
		perror("bench-pcapgen: write");
		exit(1);
	}
	frames++;
}

static void
to_bmc(Sess *s, const uint8_t *d, size_t len)
{
	write_frame(s->console_ip, s->console_port, s->bmc_ip, 623, d, len);
}

static void
to_console(Sess *s, const uint8_t *d, size_t len)
{
	write_frame(s->bmc_ip, 623, s->console_ip, s->console_port, d, len);
}

static void
fail(const char *what, int rc)
{
	fprintf(stderr, "bench-pcapgen: %s: %s (%d)\n", what, ipmi_strerror(rc), rc);
	exit(1);
}

static void
sess_start(Sess *s, unsigned idx, unsigned suite, unsigned reqs)
{
	memset(s, 0, sizeof *s);
	s->live = true;
	s->suite = suite;
	s->reqs_left = reqs;
	s->console_ip = 0x7F000001u;
	s->bmc_ip = 0x7F000100u + 1 + idx % 250;
	s->console_port = (uint16_t)(20000 + idx % 40000);
	memcpy(s->user.name, "admin", 5);
	s->user.name_len = 5;
	memcpy(s->user.password, "password", 8);
	s->user.password_len = 8;
	s->user.max_priv = IPMI_PRIV_ADMIN;
	s->user.enabled = true;
	s->bmc_cfg.users = &s->user;
	s->bmc_cfg.n_users = 1;
	s->bmc_cfg.suites = (1u << 3) | (1u << 17);
	for (int i = 0; i < 16; i++)
		s->bmc_cfg.guid[i] = (uint8_t)(0xA0 + i);
	rng_fill(&rng, s->bmc_cfg.decoy_key, sizeof s->bmc_cfg.decoy_key);
	s->bmc_cfg.rnd = rng_fill;
	s->bmc_cfg.rnd_ctx = &rng;
	const IpmiCipherSuite *cs = ipmi_suite_get(suite);
	memcpy(s->con_cfg.user, "admin", 5);
	s->con_cfg.user_len = 5;
	memcpy(s->con_cfg.password, "password", 8);
	s->con_cfg.password_len = 8;
	s->con_cfg.auth = cs->auth;
	s->con_cfg.integ = cs->integ;
	s->con_cfg.conf = cs->conf;
	s->con_cfg.privilege = IPMI_PRIV_ADMIN;
	s->con_cfg.name_only = true;
	s->con_cfg.retransmit_ms = 1000;
	int rc = ipmi_console_init(&s->con, &s->con_cfg, rng_fill, &rng);
	if (rc < 0)
		fail("console init", rc);
	rc = ipmi_console_start(&s->con, now_us / 1000);
	if (rc < 0)
		fail("console start", rc);
	/* The handshake, through both roles. */
	uint32_t bmc_sid = 0;
	while (!bmc_sid)
		rng_fill(&rng, (uint8_t *)&bmc_sid, 4);
	for (int step = 0; step < 8 && s->con.state != IPMI_CONSOLE_ACTIVE; step++) {
		size_t len = 0;
		const uint8_t *o = ipmi_console_output(&s->con, &len);
		if (!o)
			fail("handshake stalled", s->con.error);
		uint8_t req[IPMI_MAX_DATAGRAM], rsp[IPMI_MAX_DATAGRAM];
		memcpy(req, o, len);
		ipmi_console_output_done(&s->con);
		to_bmc(s, req, len);
		uint32_t sid = 0;
		size_t rlen = 0;
		IpmiDgramKind kind = ipmi_bmc_classify(req, len, &sid);
		if (kind == IPMI_DGRAM_OPEN_SESSION) {
			rc = ipmi_bmc_open_session(&s->bmc, &s->bmc_cfg, bmc_sid, req, len,
						   now_us / 1000, rsp, sizeof rsp);
			if (rc < 0)
				fail("open session", rc);
			rlen = (size_t)rc;
		} else {
			IpmiOpened op;
			uint8_t plain[IPMI_MAX_DATAGRAM];
			rc = ipmi_bmc_feed(&s->bmc, req, len, now_us / 1000, rsp, sizeof rsp, &rlen,
					   &op, plain, sizeof plain);
			if (rc != IPMI_BMC_REPLY)
				fail("bmc feed", rc);
		}
		to_console(s, rsp, rlen);
		rc = ipmi_console_feed(&s->con, rsp, rlen, now_us / 1000);
		if (rc < 0)
			fail("console feed", rc);
	}
	if (s->con.state != IPMI_CONSOLE_ACTIVE || s->bmc.state != IPMI_BMC_ACTIVE)
		fail("handshake", s->con.error);
}

/* One request and its response; false when the session is over. */
static bool
sess_step(Sess *s)
{
	static const uint8_t devid[] = {0x20, 0x81, 0x23, 0x02, 0x02, 0xbf, 0x59, 0x7e,
					0x00, 0x17, 0x00, 0x00, 0x00, 0x00, 0x00};
	uint8_t data[8];
	IpmiMsg req = {.dst_addr = IPMI_BMC_SA,
		       .netfn = IPMI_NETFN_APP,
		       .src_addr = IPMI_REMOTE_SWID,
		       .rq_seq = s->rq_seq,
		       .cmd = 0x01};
	bool closing = s->reqs_left == 0;
	if (closing) {
		IpmiCloseSessionReq c = {.session_id = s->bmc.rp.bmc_sid};
		int n = ipmi_close_session_req_encode(data, sizeof data, &c);
		if (n < 0)
			fail("close encode", n);
		req.cmd = 0x3C;
		req.data = data;
		req.data_len = (size_t)n;
	}
	s->rq_seq = (uint8_t)((s->rq_seq + 1) & 0x3F);
	uint8_t msg[64], dgram[IPMI_MAX_DATAGRAM];
	int n = ipmi_msg_encode(msg, sizeof msg, &req);
	if (n < 0)
		fail("msg encode", n);
	int d =
	    ipmi_channel_seal(&s->con.chan, IPMI_PAYLOAD_IPMI, msg, (size_t)n, dgram, sizeof dgram);
	if (d < 0)
		fail("console seal", d);
	to_bmc(s, dgram, (size_t)d);
	IpmiMsg rsp;
	ipmi_msg_response_to(&req, &rsp, 0);
	if (!closing) {
		rsp.data = devid;
		rsp.data_len = sizeof devid;
	}
	n = ipmi_msg_encode(msg, sizeof msg, &rsp);
	if (n < 0)
		fail("msg encode", n);
	d = ipmi_channel_seal(&s->bmc.chan, IPMI_PAYLOAD_IPMI, msg, (size_t)n, dgram, sizeof dgram);
	if (d < 0)
		fail("bmc seal", d);
	to_console(s, dgram, (size_t)d);
	if (closing) {
		ipmi_bmc_session_free(&s->bmc);
		ipmi_console_wipe(&s->con);
		s->live = false;
		return false;
	}
	s->reqs_left--;
	return true;
}

int
main(int argc, char **argv)
{
	unsigned long target = 1000000;
	unsigned conc = 32, reqs = 100;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			target = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			conc = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			reqs = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else {
			fprintf(stderr,
				"usage: bench-pcapgen [-n PACKETS] [-c CONCURRENT] [-r REQUESTS] "
				"OUT.pcap\n");
			return 2;
		}
	}
	if (!path || !target || target > 100000000ul || !conc || conc > MAX_CONC || !reqs ||
	    reqs > 100000) {
		fprintf(stderr, "bench-pcapgen: bad arguments\n");
		return 2;
	}
	if (ipmi_crypto_init() < 0)
		fail("libgcrypt", IPMI_ERR_CRYPTO);
	out = fopen(path, "wb");
	if (!out) {
		perror(path);
		return 1;
	}
	setvbuf(out, NULL, _IOFBF, 1 << 20);
	uint8_t gh[24];
	put32(gh, 0xa1b2c3d4);
	gh[4] = 2, gh[5] = 0, gh[6] = 4, gh[7] = 0;
	if (gh[0] != 0xd4) { /* big-endian host: version fields in host order */
		gh[4] = 0, gh[5] = 2, gh[6] = 0, gh[7] = 4;
	}
	put32(gh + 8, 0);
	put32(gh + 12, 0);
	put32(gh + 16, 65535);
	put32(gh + 20, 1); /* LINKTYPE_ETHERNET */
	fwrite(gh, 1, sizeof gh, out);

	static Sess sess[MAX_CONC];
	unsigned long started = 0, per_suite[2] = {0, 0};
	/* Each session writes 6 + 2*reqs + 2 frames; start new ones while the
	 * frames already promised fall short of the target. */
	unsigned long promised = 0, per_session = 8ul + 2ul * reqs;
	bool any = true;
	while (any) {
		any = false;
		for (unsigned i = 0; i < conc; i++) {
			Sess *s = &sess[i];
			if (!s->live && promised < target) {
				unsigned suite = (started & 1) ? 3 : 17;
				per_suite[started & 1]++;
				sess_start(s, (unsigned)started, suite, reqs);
				started++;
				promised += per_session;
			}
			if (s->live) {
				sess_step(s);
				any = true;
			}
		}
	}
	if (fclose(out)) {
		perror(path);
		return 1;
	}
	printf("{\"packets\":%lu,\"sessions\":%lu,\"suite17\":%lu,\"suite3\":%lu,"
	       "\"requests_per_session\":%u,\"concurrent\":%u}\n",
	       (unsigned long)frames, started, per_suite[0], per_suite[1], reqs, conc);
	return 0;
}
