/* cmd-ext.c - the table of ipmictl's typed-API commands, see cmd-ext.h. */
#include "cmd-ext.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char ipmictl_ext_summary[] = "  sdr list                     Sensors with readings\n"
				   "  sensor list                  Sensors with thresholds\n"
				   "  sel info | sel list          System Event Log\n"
				   "  fru print                    FRU inventories\n"
				   "  session info active          This session\n"
				   "  channel getciphers ipmi      Cipher suites";

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
