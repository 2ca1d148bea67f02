/* main.c - ipmi-pcap: decrypt, audit (and replay) captured IPMI sessions.
 * Options and the three commands; the work is in reader.c (libpcap),
 * track.c (sessions), transcript.c and audit.c. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core/crypto.h"
#include "core/packet.h"
#include "core/status.h"
#include "core/suite.h"
#include "creds.h"
#include "reader.h"
#include "replay.h"
#include "track.h"
#include "transcript.h"

#define PROG "ipmi-pcap"

static const char usage_text[] =
    "Usage: ipmi-pcap [decode] [OPTIONS] CAPTURE\n"
    "       ipmi-pcap audit [OPTIONS] CAPTURE\n"
    "       ipmi-pcap replay --target HOST[:PORT] [OPTIONS] CAPTURE\n"
    "\n"
    "Read a pcap or pcapng CAPTURE ('-' for standard input), find the RMCP and\n"
    "RMCP+ (IPMI v2.0 lanplus) traffic in it, follow every session and print it.\n"
    "\n"
    "decode (the default)\n"
    "  One line per message: frame, time (seconds from the first message),\n"
    "  direction (--> to the BMC, <-- to the console), session (S1, S2, ... in\n"
    "  the order they start), session ID, session sequence number, then the\n"
    "  message: netFn and command with names, rqSeq, completion code and its\n"
    "  meaning, data in hex, and on a second line the decoded fields of Get\n"
    "  Device ID, Get Channel Authentication Capabilities, Set Session\n"
    "  Privilege, Close Session, Get Channel Cipher Suites, Open Session and\n"
    "  RAKP 1-4.  In-session RMCP+ messages of both directions are verified\n"
    "  (integrity) and decrypted; IPMI 1.5 and pre-session messages are shown\n"
    "  as they are, the AuthCodes of IPMI 1.5 messages (MD2, MD5, password)\n"
    "  checked with the passwords given (\"auth code ok: credential N\", \"AUTH\n"
    "  CODE MISMATCH\" or \"not verified: no password\").  After each RAKP 2 a\n"
    "  line tells which credential fits the session, or \"wrong password: no\n"
    "  credential matches RAKP2\".\n"
    "\n"
    "audit\n"
    "  Print every RAKP exchange as an offline cracking line (CVE-2013-4786:\n"
    "  any client may ask a BMC for a RAKP 2 that is an HMAC of the password):\n"
    "      salt:hmac\n"
    "  salt = hex of SIDm|SIDc|Rm|Rc|GUIDc|Role|ULen|UName (the RAKP 2 HMAC\n"
    "  input, session IDs little-endian as on the wire), hmac = the RAKP 2 key\n"
    "  exchange code.  RAKP-HMAC-SHA1 sessions (suites 1-3) are hashcat mode\n"
    "  7300 lines:  hashcat -m 7300 lines.txt wordlist.  RAKP-HMAC-SHA256\n"
    "  (suites 15-17) and RAKP-HMAC-MD5 (6-8, 11-14) give the same salt:hmac\n"
    "  form with a 64- or 32-digit hmac; hashcat has no IPMI mode for them,\n"
    "  but they are HMACs keyed with the password: swap the two halves and use\n"
    "  -m 1450 (SHA-256) or -m 50 (MD5) with --hex-salt.  -v adds a comment\n"
    "  line per exchange (session, user, algorithm, mode).\n"
    "\n"
    "replay\n"
    "  Send the console's IPMI requests of each decrypted session again, in\n"
    "  order, in a new session to --target (a BMC or bmcsim) logged in with\n"
    "  the -U/-P credential, and report every response that differs from the\n"
    "  captured one.\n"
    "\n"
    "Options\n"
    "  -U, --user USER        a user name (repeatable; paired in order with -P)\n"
    "  -P, --password PASS    a password (repeatable; a -P without its -U\n"
    "                         matches any user)\n"
    "  -E                     the password from the IPMI_PASSWORD variable\n"
    "  -k, --kg TEXT          K_G (BMC key) for the -U/-P credentials, as text\n"
    "  -y, --kg-hex HEX       K_G in hex\n"
    "  -c, --credentials FILE credentials, one a line: user:password, or\n"
    "                         \"user\",\"password\",\"K_G\" (the Wireshark plugin's\n"
    "                         UAT file; K_G text, or hex after 0x)\n"
    "  -K, --keylog FILE      session keys: RMCPP <Rm> <SIDm> <SIDc> <auth>\n"
    "                         <integ> <conf> <SIK> lines (IPMI_KEYLOG_FILE of\n"
    "                         ipmictl/libipmi)\n"
    "  -p, --port PORT        also read UDP port PORT (repeatable; 623 always)\n"
    "      --no-heuristic     only the ports, not datagrams that look like RMCP\n"
    "  -j, --json             one JSON object per line: messages (type\n"
    "                         \"message\": frame, time, epoch, src, dst, session,\n"
    "                         session_id, seq, direction, payload, encrypted,\n"
    "                         verified, status, netfn, cmd, rq_seq, cc (responses),\n"
    "                         data, fields) and sessions (type \"session\")\n"
    "      --no-fields        no decoded-field lines\n"
    "  -t, --target HOST[:PORT]  replay: where to send\n"
    "  -v, --verbose          audit: a comment before each line\n"
    "  -q, --quiet            no progress line\n"
    "  -h, --help             this text\n"
    "\n"
    "Exit status: 0 when all went well, 1 when the capture is damaged or\n"
    "unreadable (what could be read is still printed), or when replay found\n"
    "differences, 2 for a usage error.\n";

typedef enum { CMD_DECODE, CMD_AUDIT, CMD_REPLAY } Command;

typedef struct {
	Command cmd;
	IpmiCredential *creds;
	size_t n_creds;
	IpmiKeylogEntry *keys;
	size_t n_keys;
	uint16_t ports[32];
	size_t n_ports;
	bool no_heuristic, json, no_fields, verbose, quiet;
	const char *target;
	const char *path;
} Options;

__attribute__((format(printf, 1, 2), noreturn)) static void
die_usage(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '" PROG " --help'.\n");
	exit(2);
}

static void
parse_options(int argc, char **argv, Options *o)
{
	static const struct option longopts[] = {
	    {"user", required_argument, NULL, 'U'},
	    {"password", required_argument, NULL, 'P'},
	    {"kg", required_argument, NULL, 'k'},
	    {"kg-hex", required_argument, NULL, 'y'},
	    {"credentials", required_argument, NULL, 'c'},
	    {"keylog", required_argument, NULL, 'K'},
	    {"port", required_argument, NULL, 'p'},
	    {"no-heuristic", no_argument, NULL, 'H'},
	    {"json", no_argument, NULL, 'j'},
	    {"no-fields", no_argument, NULL, 'F'},
	    {"target", required_argument, NULL, 't'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *users[64], *passwords[64];
	size_t n_users = 0, n_passwords = 0;
	const char *kg = NULL;
	bool kg_hex = false;
	char err[IPMI_CREDS_ERR_MAX];
	int c;
	while ((c = getopt_long(argc, argv, "U:P:Ek:y:c:K:p:jt:vqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'U':
			if (n_users == 64)
				die_usage("too many -U (%s)", optarg);
			users[n_users++] = optarg;
			break;
		case 'P':
		case 'E': {
			const char *pw = c == 'P' ? optarg : getenv("IPMI_PASSWORD");
			if (!pw)
				die_usage("-E: %s is not set", "IPMI_PASSWORD");
			if (n_passwords == 64)
				die_usage("too many -P (%s)", "64");
			passwords[n_passwords++] = pw;
			break;
		}
		case 'k':
		case 'y':
			kg = optarg;
			kg_hex = c == 'y';
			break;
		case 'c':
			if (ipmi_creds_load(optarg, &o->creds, &o->n_creds, err, sizeof err) < 0)
				die_usage("%s", err);
			break;
		case 'K':
			if (ipmi_keylog_load(optarg, &o->keys, &o->n_keys, err, sizeof err) < 0)
				die_usage("%s", err);
			break;
		case 'p': {
			char *end;
			long port = strtol(optarg, &end, 10);
			if (*end || port < 1 || port > 65535)
				die_usage("bad port '%s'", optarg);
			if (o->n_ports < sizeof o->ports / sizeof o->ports[0])
				o->ports[o->n_ports++] = (uint16_t)port;
			break;
		}
		case 'H':
			o->no_heuristic = true;
			break;
		case 'j':
			o->json = true;
			break;
		case 'F':
			o->no_fields = true;
			break;
		case 't':
			o->target = optarg;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(0);
		default:
			fprintf(stderr, "Try '" PROG " --help'.\n");
			exit(2);
		}
	}
	if (n_users > n_passwords)
		die_usage("-U %s has no -P", users[n_passwords]);
	/* -U/-P pairs first, in order, then the file's credentials */
	size_t n = n_passwords;
	IpmiCredential *v = calloc(n + o->n_creds + 1, sizeof *v);
	if (!v)
		die_usage("%s", "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (ipmi_cred_set(&v[i], i < n_users ? users[i] : "", passwords[i], kg, kg_hex, err,
				  sizeof err) < 0)
			die_usage("%s", err);
	}
	if (kg && n == 0)
		die_usage("%s", "-k/-y need a -P");
	if (o->n_creds)
		memcpy(v + n, o->creds, o->n_creds * sizeof *v);
	if (o->creds) {
		ipmi_wipe(o->creds, o->n_creds * sizeof *o->creds);
		free(o->creds);
	}
	o->creds = v;
	o->n_creds += n;
	if (optind != argc - 1)
		die_usage("%s", optind >= argc ? "no capture file given" : "one capture file only");
	o->path = argv[optind];
	if (o->cmd == CMD_REPLAY && !o->target)
		die_usage("%s", "replay needs --target HOST[:PORT]");
}

/* ---- decode and audit --------------------------------------------------- */

typedef struct {
	Options *opt;
	IpmiTracker *tracker;
	IpmiPrinter printer;
	IpmiReplayLog *replay;
} Run;

static void
on_frame(void *ctx, const IpmiFrame *f)
{
	Run *r = ctx;
	IpmiTrackResult tr;
	uint8_t plain[IPMI_MAX_DATAGRAM];
	ipmi_tracker_feed(r->tracker, &f->udp->src, &f->udp->dst, f->frame, f->udp->payload,
			  f->udp->payload_len, &tr, plain, sizeof plain);
	if (r->opt->cmd == CMD_AUDIT)
		return;
	if (r->opt->cmd == CMD_REPLAY) {
		if (tr.session && tr.obs.result == 0 && tr.obs.session_id != 0 &&
		    tr.obs.payload_type == 0)
			ipmi_replay_log_add(r->replay, tr.session->number, f->frame, tr.obs.dir,
					    plain, tr.obs.payload_len);
		ipmi_wipe(plain, sizeof plain);
		return;
	}
	ipmi_print_message(&r->printer, f, f->udp->payload, f->udp->payload_len, &tr, plain);
	if (tr.verdict && tr.session)
		ipmi_print_verdict(&r->printer, tr.session);
	if (tr.session && tr.obs.result == IPMI_ERR_KG && tr.obs.payload_type == 0x15)
		ipmi_print_kg_mismatch(&r->printer, tr.session);
	if (tr.rakp3_checked && tr.session->rakp3 < 0)
		ipmi_print_rakp3(&r->printer, tr.session);
	/* the observer writes no more plaintext than the datagram is long */
	ipmi_wipe(plain, f->udp->payload_len < sizeof plain ? f->udp->payload_len : sizeof plain);
}

static void
print_audit(Run *r)
{
	size_t lines = 0;
	for (size_t i = 0; i < ipmi_tracker_count(r->tracker); i++) {
		const IpmiTrackedSession *s = ipmi_tracker_session(r->tracker, i);
		char line[512];
		if (ipmi_audit_line(&s->obs, line, sizeof line) < 0)
			continue;
		if (r->opt->verbose) {
			char con[64], bmc[64];
			ipmi_endpoint_format(&s->console, con, sizeof con);
			ipmi_endpoint_format(&s->bmc, bmc, sizeof bmc);
			printf("# session %u frame %llu %s -> %s user \"%.*s\" role %02Xh RAKP-%s: "
			       "%s\n",
			       s->number, (unsigned long long)s->first_frame, con, bmc,
			       (int)s->obs.rp.user_len, (const char *)s->obs.rp.user,
			       s->obs.rp.role, ipmi_auth_alg_name(s->obs.auth),
			       ipmi_audit_hashcat_mode(s->obs.auth));
		}
		printf("%s\n", line);
		lines++;
	}
	fprintf(stderr, PROG ": %zu RAKP exchange%s\n", lines, lines == 1 ? "" : "s");
}

int
main(int argc, char **argv)
{
	Options opt = {0};
	if (argc > 1 && strcmp(argv[1], "audit") == 0)
		opt.cmd = CMD_AUDIT;
	else if (argc > 1 && strcmp(argv[1], "replay") == 0)
		opt.cmd = CMD_REPLAY;
	if (opt.cmd != CMD_DECODE || (argc > 1 && strcmp(argv[1], "decode") == 0)) {
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	parse_options(argc, argv, &opt);
	if (ipmi_crypto_init() < 0) {
		fprintf(stderr, PROG ": cannot initialise libgcrypt\n");
		return 1;
	}
	Run r = {.opt = &opt};
	if (opt.cmd == CMD_REPLAY)
		r.replay = ipmi_replay_log_new();
	r.tracker = ipmi_tracker_new(opt.creds, opt.n_creds, opt.keys, opt.n_keys);
	r.printer = (IpmiPrinter){.out = stdout,
				  .json = opt.json,
				  .quiet_fields = opt.no_fields,
				  .creds = opt.creds,
				  .n_creds = opt.n_creds,
				  .keys = opt.keys,
				  .n_keys = opt.n_keys};
	IpmiReaderOptions ro = {.ports = opt.ports,
				.n_ports = opt.n_ports,
				.no_heuristic = opt.no_heuristic,
				.quiet = opt.quiet,
				.prog = PROG};
	long problems = ipmi_reader_run(opt.path, &ro, on_frame, &r);
	int status = problems != 0 ? 1 : 0;
	if (problems >= 0) {
		if (opt.cmd == CMD_AUDIT) {
			print_audit(&r);
		} else if (opt.cmd == CMD_REPLAY) {
			int d = ipmi_replay_run(r.replay, r.tracker, opt.target, opt.creds,
						opt.n_creds, stdout);
			if (d != 0)
				status = d;
		} else {
			for (size_t i = 0; i < ipmi_tracker_count(r.tracker); i++)
				ipmi_print_unfinished(&r.printer,
						      ipmi_tracker_session(r.tracker, i));
		}
	}
	fflush(stdout);
	ipmi_tracker_free(r.tracker);
	ipmi_replay_log_free(r.replay);
	if (opt.creds) {
		ipmi_wipe(opt.creds, opt.n_creds * sizeof *opt.creds);
		free(opt.creds);
	}
	if (opt.keys) {
		ipmi_wipe(opt.keys, opt.n_keys * sizeof *opt.keys);
		free(opt.keys);
	}
	return status;
}
