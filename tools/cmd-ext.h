/* cmd-ext.h - ipmictl commands built on libipmi's typed API: sdr, sensor,
 * sel, fru, session (cmd-sdr.c, cmd-sel.c, cmd-fru.c, cmd-session.c).
 * ipmictl.c only asks whether a command line is one of these and runs it. */
#pragma once

#include <ipmi/ipmi.h>

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
