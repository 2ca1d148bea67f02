/* cmd-ext.h - ipmictl commands built on libipmi's typed API: sdr, sensor,
 * sel, fru, session (cmd-sdr.c, cmd-sel.c, cmd-fru.c, cmd-session.c).
 * ipmictl.c only asks whether a command line is one of these and runs it. */
#pragma once

#include <ipmi/ipmi.h>

#include "jsonw.h"

typedef struct {
	const char *command;
	const char *sub;                                       /* NULL: any */
	int (*run)(IpmiClient *client, int argc, char **argv); /* argv after command sub */
} IpmictlCommand;

extern const char ipmictl_ext_summary[];

/* Is argv one of these commands? */
gboolean ipmictl_ext_known(int argc, char **argv);
/* Run it: the exit status, or -1 when it is not one of these. */
int ipmictl_ext_dispatch(IpmiClient *client, int argc, char **argv);

/* Shared by the command files. */
void ipmictl_ext_fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* A timestamp as ipmitool prints it in local time (strftime format, C
 * locale names), "Unspecified" for FFFFFFFFh. */
char *ipmictl_ext_time(guint32 stamp, const char *format);

int ipmictl_cmd_sdr_list(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_sensor_list(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_sel_info(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_sel_list(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_fru_print(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_session_info(IpmiClient *client, int argc, char **argv);
int ipmictl_cmd_channel_getciphers(IpmiClient *client, int argc, char **argv);
/* ipmitool's names of a suite's algorithms, into buffers of cap bytes. */
void ipmictl_cipher_alg_names(const IpmiCipherSuiteInfo *r, char *auth, char *integ, char *conf,
			      gsize cap);

/* Formatters shared by one-host and fleet mode: ipmitool's text appended
 * to out, and the typed fields as JSON members of json (NULL: none). */
gboolean ipmictl_sdr_filter_ok(int argc, char **argv, GError **error);
/* sdr: `sdr list [filter]`, else `sensor list`. */
void ipmictl_fmt_sensors(GPtrArray *sensors, gboolean sdr, const char *filter, GString *out,
			 JsonObject *json);
void ipmictl_fmt_sel_info(const IpmiSelStatus *st, GString *out, JsonObject *json);
gboolean ipmictl_fmt_sel_list(GPtrArray *entries, GString *out, JsonObject *json);
void ipmictl_fmt_session(const IpmiSessionInfo *s, GString *out);
/* One session as a JSON object appended to the array text arr ("[..."). */
void ipmictl_session_json(GString *arr, const IpmiSessionInfo *s);
void ipmictl_fmt_ciphers(GPtrArray *recs, GString *out, JsonObject *json);
/* `fru print`: one FRU's fields (ipmitool's layout); the failure line for
 * a FRU that cannot be read. */
void ipmictl_fmt_fru(const IpmiFruInfo *f, GString *out, JsonObject *json);
void ipmictl_fmt_fru_error(const GError *error, GString *out);
/* `channel getciphers ipmi CHANNEL`: 0-15. */
gboolean ipmictl_parse_channel(const char *s, guint8 *out);
/* `chassis identify [SECONDS|force]`: seconds -1 for none given. */
gboolean ipmictl_parse_identify(const char *arg, int *seconds, gboolean *force);
/* What ipmitool prints after "Chassis identify interval: ". */
char *ipmictl_identify_text(int seconds, gboolean force);
int ipmictl_cmd_chassis_identify(IpmiClient *client, int argc, char **argv);
/* Should `fru print` show this locator? */
gboolean ipmictl_fru_locator_listed(const IpmiFruLocator *l);
