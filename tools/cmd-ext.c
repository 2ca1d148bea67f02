/* cmd-ext.c - the table of ipmictl's typed-API commands, see cmd-ext.h. */
#include "cmd-ext.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char ipmictl_ext_summary[] =
    "  sdr list                     Sensors with readings\n"
    "  sensor list                  Sensors with thresholds\n"
    "  sel info | sel list          System Event Log\n"
    "  fru print                    FRU inventories\n"
    "  session info active          This session\n"
    "  channel getciphers ipmi [CH] Cipher suites\n"
    "  chassis identify [SECONDS|force]\n"
    "\n"
    "Every command also runs on many hosts at once (fleet mode): -H with a\n"
    "list (a,b), a hostrange ('10.0.[1-4].[1-250]', host:port) or @FILE;\n"
    "-F N sessions in flight; --json prints one object per host.";

static const IpmictlCommand commands[] = {
    {"sdr", "list", ipmictl_cmd_sdr_list},
    {"sdr", NULL, ipmictl_cmd_sdr_list}, /* plain "sdr" lists too */
    {"sensor", "list", ipmictl_cmd_sensor_list},
    {"sensor", NULL, ipmictl_cmd_sensor_list},
    {"sel", "info", ipmictl_cmd_sel_info},
    {"sel", "list", ipmictl_cmd_sel_list},
    {"sel", NULL, ipmictl_cmd_sel_info},
    {"fru", "print", ipmictl_cmd_fru_print},
    {"fru", NULL, ipmictl_cmd_fru_print},
    {"session", "info", ipmictl_cmd_session_info},
    {"channel", "getciphers", ipmictl_cmd_channel_getciphers},
    {"chassis", "identify", ipmictl_cmd_chassis_identify},
};

static const IpmictlCommand *
find(int argc, char **argv)
{
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
		const IpmictlCommand *c = &commands[i];
		if (strcmp(argv[0], c->command) != 0)
			continue;
		if (!c->sub) {
			if (argc == 1)
				return c;
		} else if (argc >= 2 && strcmp(argv[1], c->sub) == 0) {
			return c;
		}
	}
	return NULL;
}

gboolean
ipmictl_ext_known(int argc, char **argv)
{
	return argc >= 1 && find(argc, argv) != NULL;
}

int
ipmictl_ext_dispatch(IpmiClient *client, int argc, char **argv)
{
	const IpmictlCommand *c = argc >= 1 ? find(argc, argv) : NULL;
	if (!c)
		return -1;
	int skip = c->sub ? 2 : 1;
	return c->run(client, argc - skip, argv + skip);
}

void
ipmictl_ext_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ipmictl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

char *
ipmictl_ext_time(guint32 stamp, const char *format)
{
	if (stamp == 0xFFFFFFFFu)
		return g_strdup("Unspecified");
	time_t t = (time_t)stamp;
	struct tm tm;
	/* Times relative to the BMC's start have no time zone. */
	if (stamp <= 0x20000000u)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	char buf[128];
	size_t n = strftime_l(buf, sizeof buf, format, &tm, c);
	freelocale(c);
	return g_strndup(buf, n);
}

gboolean
ipmictl_parse_channel(const char *s, guint8 *out)
{
	char *end = NULL;
	guint64 v = g_ascii_strtoull(s, &end, 0);
	if (!end || *end || end == s || v > 15)
		return FALSE;
	*out = (guint8)v;
	return TRUE;
}

gboolean
ipmictl_parse_identify(const char *arg, int *seconds, gboolean *force)
{
	*seconds = -1;
	*force = FALSE;
	if (!arg)
		return TRUE;
	if (strcmp(arg, "force") == 0) {
		*force = TRUE;
		return TRUE;
	}
	char *end = NULL;
	guint64 v = g_ascii_strtoull(arg, &end, 0);
	if (!end || *end || end == arg || v > 255)
		return FALSE;
	*seconds = (int)v;
	return TRUE;
}

char *
ipmictl_identify_text(int seconds, gboolean force)
{
	if (force)
		return g_strdup("indefinite");
	if (seconds < 0)
		return g_strdup("default (15 seconds)");
	if (seconds == 0)
		return g_strdup("off");
	return g_strdup_printf("%i seconds", seconds);
}

int
ipmictl_cmd_chassis_identify(IpmiClient *client, int argc, char **argv)
{
	int seconds;
	gboolean force;
	if (argc > 1 || !ipmictl_parse_identify(argc > 0 ? argv[0] : NULL, &seconds, &force)) {
		ipmictl_ext_fail("usage: chassis identify [SECONDS (0-255)|force]");
		return 2;
	}
	g_autoptr(GError) error = NULL;
	if (!ipmi_client_chassis_identify_sync(client, seconds, force, NULL, &error)) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	g_autofree char *text = ipmictl_identify_text(seconds, force);
	printf("Chassis identify interval: %s\n", text);
	return 0;
}
