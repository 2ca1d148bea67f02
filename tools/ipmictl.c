/* ipmictl - an ipmitool-like command line over libipmi's public API.
 *
 *   ipmictl -H HOST [-p PORT] -U USER (-P PW | -E | -f FILE) [-C N] [-L PRIV]
 *           [-k KEY | -y HEXKEY] [-N SECONDS] [-R COUNT] [-v] COMMAND...
 *
 * Commands: mc info | chassis status | chassis power status|on|off|cycle|
 * reset|soft | power ... (same) | raw NETFN CMD [DATA...], and those of
 * cmd-ext.h (sdr, sensor, sel, fru, session, channel).  -t/-b and -T/-B
 * bridge every request to a controller behind the BMC, as ipmitool does.
 * -H also takes a hostrange ('10.0.[1-4].[1-250]', a,b, host:port, @FILE):
 * fleet.h runs one command on all of them at once (-F, --json).
 * Output follows ipmitool's so that scripts keep working.
 */
#include <errno.h>
#include <ipmi/ipmi.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-ext.h"
#include "fleet.h"

#define EXIT_USAGE 2

typedef struct {
	char *host;
	int port;
	char *user;
	char *password;
	gboolean env_password;
	char *password_file;
	int suite;
	char *privilege;
	char *kg;
	char *kg_hex;
	int verbose;
	double timeout_s;
	int retries;
	char *interface;
	gboolean allow_insecure;
	char *keylog;
	char *target, *target_channel, *transit, *transit_channel;
} Options;

static Options opt = {.port = IPMI_CLIENT_DEFAULT_PORT, .suite = -1, .retries = -1};

static gboolean
count_verbose(const char *name, const char *value, gpointer data, GError **error)
{
	opt.verbose++;
	return TRUE;
}

static const GOptionEntry entries[] = {
    {"host", 'H', 0, G_OPTION_ARG_STRING, &opt.host, "BMC host name or address", "HOST"},
    {"port", 'p', 0, G_OPTION_ARG_INT, &opt.port, "UDP port (623)", "PORT"},
    {"user", 'U', 0, G_OPTION_ARG_STRING, &opt.user, "User name", "USER"},
    {"password", 'P', 0, G_OPTION_ARG_STRING, &opt.password,
     "Password (visible to other users: prefer -E or -f)", "PASSWORD"},
    {"env-password", 'E', 0, G_OPTION_ARG_NONE, &opt.env_password,
     "Read the password from IPMI_PASSWORD", NULL},
    {"password-file", 'f', 0, G_OPTION_ARG_FILENAME, &opt.password_file,
     "Read the password from the first line of FILE", "FILE"},
    {"cipher-suite", 'C', 0, G_OPTION_ARG_INT, &opt.suite,
     "Cipher suite (default: negotiate, preferring 17 then 3)", "N"},
    {"privilege", 'L', 0, G_OPTION_ARG_STRING, &opt.privilege,
     "Session privilege: CALLBACK, USER, OPERATOR, ADMINISTRATOR (default), OEM", "PRIV"},
    {"kg", 'k', 0, G_OPTION_ARG_STRING, &opt.kg, "BMC key K_G", "KEY"},
    {"kg-hex", 'y', 0, G_OPTION_ARG_STRING, &opt.kg_hex, "BMC key K_G in hex", "HEXKEY"},
    {"timeout", 'N', 0, G_OPTION_ARG_DOUBLE, &opt.timeout_s,
     "Seconds between retransmissions, as ipmitool's -N (1 with -R; fractions allowed)", "SECONDS"},
    {"retries", 'R', 0, G_OPTION_ARG_INT, &opt.retries,
     "Retries per request, as ipmitool's -R (4 with -N)", "COUNT"},
    {"interface", 'I', 0, G_OPTION_ARG_STRING, &opt.interface,
     "Interface: only lanplus is supported", "IF"},
    {"allow-insecure", 0, 0, G_OPTION_ARG_NONE, &opt.allow_insecure,
     "Permit cipher suites without integrity (0, 1, 6, 15)", NULL},
    {"keylog-file", 0, 0, G_OPTION_ARG_FILENAME, &opt.keylog,
     "Append the session key to FILE (also: IPMI_KEYLOG_FILE)", "FILE"},
    {"target", 't', 0, G_OPTION_ARG_STRING, &opt.target,
     "Bridge requests to the controller at this IPMB address", "ADDRESS"},
    {"target-channel", 'b', 0, G_OPTION_ARG_STRING, &opt.target_channel, "The target's channel (0)",
     "CHANNEL"},
    {"transit", 'T', 0, G_OPTION_ARG_STRING, &opt.transit,
     "Double bridging through the controller at this address", "ADDRESS"},
    {"transit-channel", 'B', 0, G_OPTION_ARG_STRING, &opt.transit_channel,
     "The transit controller's channel (0)", "CHANNEL"},
    {"verbose", 'v', G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, (gpointer)count_verbose,
     "Verbose (repeat for more)", NULL},
    G_OPTION_ENTRY_NULL,
};

static void G_GNUC_PRINTF(1, 2) fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ipmictl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* ---- option helpers --------------------------------------------------- */

static gboolean
parse_privilege(const char *s, IpmiPrivilege *out)
{
	static const struct {
		const char *name;
		IpmiPrivilege priv;
	} names[] = {
	    {"CALLBACK", IPMI_PRIVILEGE_CALLBACK},
	    {"USER", IPMI_PRIVILEGE_USER},
	    {"OPERATOR", IPMI_PRIVILEGE_OPERATOR},
	    {"ADMINISTRATOR", IPMI_PRIVILEGE_ADMINISTRATOR},
	    {"ADMIN", IPMI_PRIVILEGE_ADMINISTRATOR},
	    {"OEM", IPMI_PRIVILEGE_OEM},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		if (g_ascii_strcasecmp(s, names[i].name) == 0) {
			*out = names[i].priv;
			return TRUE;
		}
	}
	return FALSE;
}

static GBytes *
parse_hex_key(const char *s)
{
	if (g_str_has_prefix(s, "0x") || g_str_has_prefix(s, "0X"))
		s += 2;
	gsize n = strlen(s);
	if (n == 0 || n % 2 || n > 40)
		return NULL;
	guint8 buf[20];
	for (gsize i = 0; i < n / 2; i++) {
		int hi = g_ascii_xdigit_value(s[2 * i]);
		int lo = g_ascii_xdigit_value(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return NULL;
		buf[i] = (guint8)(hi << 4 | lo);
	}
	GBytes *b = g_bytes_new(buf, n / 2);
	memset(buf, 0, sizeof buf);
	return b;
}

/* A byte as ipmitool's str2uchar reads it: decimal, 0x hex or 0 octal. */
static gboolean
parse_byte(const char *s, guint8 *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || !end || *end || end == s || v > 0xFF)
		return FALSE;
	*out = (guint8)v;
	return TRUE;
}

static char *
read_password_file(const char *path, GError **error)
{
	char *text = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &text, &len, error))
		return NULL;
	text[strcspn(text, "\r\n")] = '\0';
	return text;
}

/* Hide -P's argument from ps. */
static void
wipe_password_arg(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0)
			break;
		if ((strcmp(a, "-P") == 0 || strcmp(a, "--password") == 0) && i + 1 < argc)
			memset(argv[i + 1], '*', strlen(argv[i + 1]));
		else if (g_str_has_prefix(a, "-P") && a[2])
			memset(a + 2, '*', strlen(a + 2));
		else if (g_str_has_prefix(a, "--password="))
			memset(a + 11, '*', strlen(a + 11));
	}
}

/* ---- commands --------------------------------------------------------- */

static IpmiResponse *
run(IpmiClient *client, guint8 netfn, guint8 cmd, const guint8 *data, gsize len, const char *what)
{
	g_autoptr(GError) error = NULL;
	IpmiResponse *rsp = ipmi_client_request_sync(client, netfn, cmd, data, len, NULL, &error);
	if (!rsp) {
		fail("%s", error->message);
		return NULL;
	}
	if (!ipmi_response_check(rsp, &error)) {
		fail("%s: %s command failed: %s", ipmi_client_get_host(client), what,
		     ipmi_completion_code_to_string(ipmi_response_get_completion_code(rsp)));
		ipmi_response_unref(rsp);
		return NULL;
	}
	return rsp;
}

/* The organisation of an IANA enterprise number, from the registry file
 * ipmitool reads. */
static char *
manufacturer_name(guint32 id)
{
	static const char *const files[] = {
	    "/usr/share/misc/enterprise-numbers.txt",
	    "/usr/share/misc/enterprise-numbers",
	};
	for (gsize f = 0; f < G_N_ELEMENTS(files); f++) {
		g_autofree char *text = NULL;
		if (!g_file_get_contents(files[f], &text, NULL, NULL))
			continue;
		char key[16];
		g_snprintf(key, sizeof key, "\n%u\n", id);
		const char *p = strstr(text, key);
		if (!p)
			return g_strdup("Unknown");
		p += strlen(key);
		p += strspn(p, " \t");
		return g_strndup(p, strcspn(p, "\r\n"));
	}
	return g_strdup("Unknown");
}

static int
cmd_mc_info(IpmiClient *client)
{
	static const char *const support[8] = {
	    "Sensor Device",       "SDR Repository Device", "SEL Device", "FRU Inventory Device",
	    "IPMB Event Receiver", "IPMB Event Generator",  "Bridge",     "Chassis Device",
	};
	g_autoptr(IpmiResponse) rsp = run(client, 0x06, 0x01, NULL, 0, "Get Device ID");
	if (!rsp)
		return 1;
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	if (n < 11) {
		fail("%s: Get Device ID: answer too short (%" G_GSIZE_FORMAT " bytes)",
		     ipmi_client_get_host(client), n);
		return 1;
	}
	guint32 mfg = (guint32)(d[8] & 0x0F) << 16 | (guint32)d[7] << 8 | d[6];
	g_autofree char *mfg_name = manufacturer_name(mfg);
	printf("Device ID                 : %i\n", d[0]);
	printf("Device Revision           : %i\n", d[1] & 0x0F);
	printf("Firmware Revision         : %u.%02x\n", d[2] & 0x7F, d[3]);
	printf("IPMI Version              : %x.%x\n", d[4] & 0x0F, (d[4] & 0xF0) >> 4);
	printf("Manufacturer ID           : %lu\n", (unsigned long)mfg);
	printf("Manufacturer Name         : %s\n", mfg_name);
	printf("Product ID                : %u (0x%02x%02x)\n", (unsigned)(d[10] << 8 | d[9]),
	       d[10], d[9]);
	printf("Device Available          : %s\n", (d[2] & 0x80) ? "no" : "yes");
	printf("Provides Device SDRs      : %s\n", (d[1] & 0x80) ? "yes" : "no");
	printf("Additional Device Support :\n");
	for (int i = 0; i < 8; i++) {
		if (d[5] & (1 << i))
			printf("    %s\n", support[i]);
	}
	if (n == 15) {
		printf("Aux Firmware Rev Info     : \n");
		printf("    0x%02x\n    0x%02x\n    0x%02x\n    0x%02x\n", d[11], d[12], d[13],
		       d[14]);
	}
	return 0;
}

static int
cmd_chassis_status(IpmiClient *client)
{
	static const char *const policy[4] = {"always-off", "previous", "always-on", "unknown"};
	g_autoptr(IpmiResponse) rsp = run(client, 0x00, 0x01, NULL, 0, "Get Chassis Status");
	if (!rsp)
		return 1;
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	if (n < 3) {
		fail("%s: Get Chassis Status: answer too short (%" G_GSIZE_FORMAT " bytes)",
		     ipmi_client_get_host(client), n);
		return 1;
	}
	printf("System Power         : %s\n", (d[0] & 0x01) ? "on" : "off");
	printf("Power Overload       : %s\n", (d[0] & 0x02) ? "true" : "false");
	printf("Power Interlock      : %s\n", (d[0] & 0x04) ? "active" : "inactive");
	printf("Main Power Fault     : %s\n", (d[0] & 0x08) ? "true" : "false");
	printf("Power Control Fault  : %s\n", (d[0] & 0x10) ? "true" : "false");
	printf("Power Restore Policy : %s\n", policy[(d[0] & 0x60) >> 5]);
	printf("Last Power Event     : %s%s%s%s%s\n", (d[1] & 0x01) ? "ac-failed " : "",
	       (d[1] & 0x02) ? "overload " : "", (d[1] & 0x04) ? "interlock " : "",
	       (d[1] & 0x08) ? "fault " : "", (d[1] & 0x10) ? "command" : "");
	printf("Chassis Intrusion    : %s\n", (d[2] & 0x01) ? "active" : "inactive");
	printf("Front-Panel Lockout  : %s\n", (d[2] & 0x02) ? "active" : "inactive");
	printf("Drive Fault          : %s\n", (d[2] & 0x04) ? "true" : "false");
	printf("Cooling/Fan Fault    : %s\n", (d[2] & 0x08) ? "true" : "false");
	if (n > 3) {
		if (d[3] == 0) {
			printf("Front Panel Control  : none\n");
		} else {
			const char *al[2] = {"not allowed", "allowed"};
			const char *tf[2] = {"false", "true"};
			printf("Sleep Button Disable : %s\n", al[!!(d[3] & 0x80)]);
			printf("Diag Button Disable  : %s\n", al[!!(d[3] & 0x40)]);
			printf("Reset Button Disable : %s\n", al[!!(d[3] & 0x20)]);
			printf("Power Button Disable : %s\n", al[!!(d[3] & 0x10)]);
			printf("Sleep Button Disabled: %s\n", tf[!!(d[3] & 0x08)]);
			printf("Diag Button Disabled : %s\n", tf[!!(d[3] & 0x04)]);
			printf("Reset Button Disabled: %s\n", tf[!!(d[3] & 0x02)]);
			printf("Power Button Disabled: %s\n", tf[!!(d[3] & 0x01)]);
		}
	}
	return 0;
}

static int
cmd_power(IpmiClient *client, int argc, char **argv)
{
	static const struct {
		const char *word;
		guint8 ctl;
		const char *text;
	} controls[] = {
	    {"off", 0, "Down/Off"}, {"on", 1, "Up/On"},  {"cycle", 2, "Cycle"},
	    {"reset", 3, "Reset"},  {"diag", 4, "Diag"}, {"soft", 5, "Soft"},
	};
	if (argc < 1 || strcmp(argv[0], "status") == 0) {
		g_autoptr(IpmiResponse) rsp =
		    run(client, 0x00, 0x01, NULL, 0, "Get Chassis Power Status");
		if (!rsp)
			return 1;
		gsize n;
		const guint8 *d = ipmi_response_peek_data(rsp, &n);
		if (n < 1) {
			fail("%s: Get Chassis Status: empty answer", ipmi_client_get_host(client));
			return 1;
		}
		printf("Chassis Power is %s\n", (d[0] & 1) ? "on" : "off");
		return 0;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(controls); i++) {
		if (strcmp(argv[0], controls[i].word) != 0)
			continue;
		g_autofree char *what =
		    g_strdup_printf("Set Chassis Power Control to %s", controls[i].text);
		g_autoptr(IpmiResponse) rsp = run(client, 0x00, 0x02, &controls[i].ctl, 1, what);
		if (!rsp)
			return 1;
		printf("Chassis Power Control: %s\n", controls[i].text);
		return 0;
	}
	fail("unknown power command '%s' (status, on, off, cycle, reset, diag, soft)", argv[0]);
	return EXIT_USAGE;
}

static int
cmd_raw(IpmiClient *client, int argc, char **argv)
{
	guint8 netfn, cmd;
	if (argc < 2 || !parse_byte(argv[0], &netfn) || !parse_byte(argv[1], &cmd)) {
		fail("usage: raw NETFN CMD [DATA...] (bytes: 0x06, 6, ...)");
		return EXIT_USAGE;
	}
	g_autoptr(GByteArray) data = g_byte_array_new();
	for (int i = 2; i < argc; i++) {
		guint8 b;
		if (!parse_byte(argv[i], &b)) {
			fail("raw: '%s' is not a byte", argv[i]);
			return EXIT_USAGE;
		}
		g_byte_array_append(data, &b, 1);
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_sync(client, netfn, cmd, data->data, data->len, NULL, &error);
	if (!rsp) {
		fail("%s", error->message);
		return 1;
	}
	guint8 cc = ipmi_response_get_completion_code(rsp);
	if (cc != 0) {
		fail("%s: Unable to send RAW command (netfn=0x%x cmd=0x%x rsp=0x%x): %s",
		     ipmi_client_get_host(client), netfn, cmd, cc,
		     ipmi_completion_code_to_string(cc));
		return 1;
	}
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	for (gsize i = 0; i < n; i++) {
		if (i && i % 16 == 0)
			printf("\n");
		printf(" %02x", d[i]);
	}
	printf("\n");
	return 0;
}

static int
dispatch(IpmiClient *client, int argc, char **argv)
{
	int rc = ipmictl_ext_dispatch(client, argc, argv);
	if (rc >= 0)
		return rc;
	if (strcmp(argv[0], "mc") == 0 || strcmp(argv[0], "bmc") == 0) {
		if (argc >= 2 && strcmp(argv[1], "info") == 0)
			return cmd_mc_info(client);
	} else if (strcmp(argv[0], "chassis") == 0) {
		if (argc >= 2 && strcmp(argv[1], "status") == 0)
			return cmd_chassis_status(client);
		if (argc >= 2 && strcmp(argv[1], "power") == 0)
			return cmd_power(client, argc - 2, argv + 2);
	} else if (strcmp(argv[0], "power") == 0) {
		return cmd_power(client, argc - 1, argv + 1);
	} else if (strcmp(argv[0], "raw") == 0) {
		return cmd_raw(client, argc - 1, argv + 1);
	}
	return -1;
}

static gboolean
known_command(int argc, char **argv)
{
	const char *c = argv[0];
	const char *s = argc > 1 ? argv[1] : "";
	return ((strcmp(c, "mc") == 0 || strcmp(c, "bmc") == 0) && strcmp(s, "info") == 0) ||
	       (strcmp(c, "chassis") == 0 &&
		(strcmp(s, "status") == 0 || strcmp(s, "power") == 0)) ||
	       strcmp(c, "power") == 0 || strcmp(c, "raw") == 0 || ipmictl_ext_known(argc, argv);
}

/* ---- main ------------------------------------------------------------- */

typedef struct {
	const char *password;
	GBytes *kg;
	IpmiPrivilege priv;
	guint8 bridge[4]; /* target, channel, transit, channel */
} ClientSetup;

/* A client for host with every option applied; fleet mode makes one per
 * host. */
static IpmiClient *
new_client(const char *host, guint16 port, gpointer data)
{
	const ClientSetup *setup = data;
	IpmiClient *client = ipmi_client_new(host, port);
	ipmi_client_set_credentials(client, opt.user ? opt.user : "", setup->password);
	if (setup->kg)
		g_object_set(client, "kg", setup->kg, NULL);
	g_object_set(client, "cipher-suite", opt.suite, "privilege", setup->priv, "allow-insecure",
		     opt.allow_insecure, NULL);
	/* ipmitool's -N and -R: a request is sent R + 1 times, N seconds
	 * apart, and fails N * (R + 1) seconds after it was first sent.
	 * Without either: the library's doubling waits under 10 s. */
	if (opt.timeout_s > 0 || opt.retries >= 0) {
		double n = opt.timeout_s > 0 ? opt.timeout_s : 1.0;
		guint r = opt.retries >= 0 ? (guint)MIN(opt.retries, 16) : 4;
		guint interval = (guint)MAX(n * 1000, 1.0);
		g_object_set(client, "retransmit-interval", interval, "retries", r, "timeout",
			     (guint)MIN((guint64)interval * (r + 1), 3600000), NULL);
	}
	if (opt.keylog)
		g_object_set(client, "keylog-file", opt.keylog, NULL);
	ipmi_client_set_target(client, setup->bridge[1], setup->bridge[0]);
	ipmi_client_set_transit(client, setup->bridge[3], setup->bridge[2]);
	return client;
}

static const char *summary = "Timing (as ipmitool): each request is sent up to COUNT + 1 times,\n"
			     "SECONDS apart (-N 1 -R 4 when only one is given), and fails after\n"
			     "SECONDS x (COUNT + 1); with neither, waits double under 10 s with\n"
			     "3 retries.  A session the BMC dropped is opened again.\n"
			     "\n"
			     "Commands:\n"
			     "  mc info                      Get Device ID\n"
			     "  chassis status               Get Chassis Status\n"
			     "  chassis power status|on|off|cycle|reset|soft\n"
			     "  power status|on|off|cycle|reset|soft\n"
			     "  raw NETFN CMD [DATA...]      Send any command";

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	g_autoptr(GOptionContext) ctx = g_option_context_new("COMMAND...");
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_add_main_entries(ctx, fleet_option_entries, NULL);
	g_option_context_set_summary(ctx, "Talk to a BMC over IPMI v2.0 RMCP+ (lanplus).");
	g_autofree char *all_commands = g_strconcat(summary, "\n", ipmictl_ext_summary, NULL);
	g_option_context_set_description(ctx, all_commands);
	/* Options come before the command, as with ipmitool. */
	g_option_context_set_strict_posix(ctx, TRUE);
	g_autoptr(GError) error = NULL;
	int orig_argc = argc;
	char **orig_argv = argv;
	g_auto(GStrv) args = g_strdupv(argv);
	wipe_password_arg(orig_argc, orig_argv);
	if (!g_option_context_parse_strv(ctx, &args, &error)) {
		fail("%s", error->message);
		return EXIT_USAGE;
	}
	int nargs = (int)g_strv_length(args) - 1;
	char **cmd = args + 1;
	if (opt.verbose)
		g_setenv("G_MESSAGES_DEBUG", "ipmi", TRUE);
	if (opt.interface && g_ascii_strcasecmp(opt.interface, "lanplus") != 0) {
		fail("interface '%s' is not supported: only lanplus (IPMI v2.0 RMCP+)",
		     opt.interface);
		return EXIT_USAGE;
	}
	if (nargs < 1 || !known_command(nargs, cmd)) {
		if (nargs >= 1)
			fail("unknown command: %s", cmd[0]);
		else
			fail("no command given");
		fprintf(stderr, "%s\n", all_commands);
		return EXIT_USAGE;
	}
	if (!opt.host) {
		fail("no BMC given: use -H HOST");
		return EXIT_USAGE;
	}
	if (opt.port < 1 || opt.port > 65535) {
		fail("invalid port %d", opt.port);
		return EXIT_USAGE;
	}
	IpmiPrivilege priv = IPMI_PRIVILEGE_ADMINISTRATOR;
	if (opt.privilege && !parse_privilege(opt.privilege, &priv)) {
		fail("invalid privilege level '%s'", opt.privilege);
		return EXIT_USAGE;
	}
	guint8 bridge[4] = {0, 0, 0, 0}; /* target, channel, transit, channel */
	const char *bridge_args[4] = {opt.target, opt.target_channel, opt.transit,
				      opt.transit_channel};
	for (int i = 0; i < 4; i++) {
		if (bridge_args[i] && (!parse_byte(bridge_args[i], &bridge[i]) ||
				       ((i == 1 || i == 3) && bridge[i] > 15))) {
			fail("invalid %s '%s'", i % 2 ? "channel" : "address", bridge_args[i]);
			return EXIT_USAGE;
		}
	}
	if (opt.timeout_s < 0 || opt.timeout_s > 3600) {
		fail("-N %g: the seconds between retransmissions must be above 0, at most 3600",
		     opt.timeout_s);
		return EXIT_USAGE;
	}
	if (opt.retries < -1 || opt.retries > 16) {
		fail("-R %d: the retries must be 0 to 16", opt.retries);
		return EXIT_USAGE;
	}
	if (opt.suite < -1 || opt.suite > 19) {
		fail("invalid cipher suite %d (0-19)", opt.suite);
		return EXIT_USAGE;
	}

	g_autofree char *password = NULL;
	if (opt.password_file) {
		password = read_password_file(opt.password_file, &error);
		if (!password) {
			fail("cannot read the password file: %s", error->message);
			return 1;
		}
	} else if (opt.env_password) {
		const char *p = g_getenv("IPMI_PASSWORD");
		if (!p) {
			fail("-E given but IPMI_PASSWORD is not set");
			return EXIT_USAGE;
		}
		password = g_strdup(p);
	} else if (opt.password) {
		password = g_strdup(opt.password);
	}

	g_autoptr(GBytes) kg = NULL;
	if (opt.kg_hex) {
		kg = parse_hex_key(opt.kg_hex);
		if (!kg) {
			fail("-y: K_G must be 1 to 20 bytes in hex");
			return EXIT_USAGE;
		}
	} else if (opt.kg) {
		kg = g_bytes_new(opt.kg, strlen(opt.kg));
	}
	ClientSetup setup = {.password = password, .kg = kg, .priv = priv};
	memcpy(setup.bridge, bridge, sizeof bridge);
	/* -H with a list, a range, host:port or @FILE (or --json): fleet.c. */
	int fleet_rc = -1;
	if (fleet_wanted(opt.host))
		fleet_rc = fleet_main(opt.host, (guint16)opt.port, nargs, cmd, new_client, &setup);
	g_autoptr(IpmiClient) client =
	    fleet_rc < 0 ? new_client(opt.host, (guint16)opt.port, &setup) : NULL;
	if (password)
		memset(password, 0, strlen(password));
	if (opt.password)
		memset(opt.password, 0, strlen(opt.password));
	if (fleet_rc >= 0)
		return fleet_rc;

	if (!ipmi_client_connect_sync(client, NULL, &error)) {
		fail("%s", error->message);
		return 1;
	}
	if (opt.verbose)
		fprintf(stderr, "ipmictl: session open to %s, cipher suite %d\n", opt.host,
			ipmi_client_get_session_cipher_suite(client));
	int rc = dispatch(client, nargs, cmd);
	g_clear_error(&error);
	if (!ipmi_client_close_sync(client, NULL, &error)) {
		fail("%s", error->message);
		if (rc == 0)
			rc = 1;
	}
	return rc;
}
