/* cmd-session.c - `session info active|all` and `channel getciphers ipmi`
 * as ipmitool 1.8.19 prints them. */
#include "cmd-ext.h"

#include <stdio.h>
#include <string.h>

static const char *
privilege_name(IpmiPrivilege p)
{
	switch (p) {
	case IPMI_PRIVILEGE_CALLBACK:
		return "CALLBACK";
	case IPMI_PRIVILEGE_USER:
		return "USER";
	case IPMI_PRIVILEGE_OPERATOR:
		return "OPERATOR";
	case IPMI_PRIVILEGE_ADMINISTRATOR:
		return "ADMINISTRATOR";
	case IPMI_PRIVILEGE_OEM:
		return "OEM";
	default:
		return "Unknown";
	}
}

static void
print_session(const IpmiSessionInfo *s)
{
	printf("session handle                : %d\n", s->handle);
	printf("slot count                    : %d\n", s->slots);
	printf("active sessions               : %d\n", s->active);
	if (s->has_session) {
		printf("user id                       : %d\n", s->user_id);
		printf("privilege level               : %s\n", privilege_name(s->privilege));
		printf("session type                  : %s\n",
		       s->session_type ? "IPMIv2/RMCP+" : "IPMIv1.5");
		printf("channel number                : 0x%02x\n", s->channel);
		if (s->has_lan) {
			printf("console ip                    : %s\n", s->console_address);
			printf("console mac                   : %s\n", s->console_mac);
			printf("console port                  : %d\n", s->console_port);
		}
	}
	printf("\n");
}

int
ipmictl_cmd_session_info(IpmiClient *client, int argc, char **argv)
{
	gboolean all = argc > 0 && strcmp(argv[0], "all") == 0;
	if (argc < 1 || (!all && strcmp(argv[0], "active") != 0)) {
		ipmictl_ext_fail("usage: session info active|all");
		return 2;
	}
	guint8 index = all ? 1 : 0;
	do {
		g_autoptr(GError) error = NULL;
		g_autoptr(IpmiSessionInfo) s =
		    ipmi_client_get_session_info_sync(client, index, NULL, &error);
		if (!s) {
			ipmictl_ext_fail("Get Session Info command failed: %s", error->message);
			return 1;
		}
		print_session(s);
		if (!all || index >= s->slots)
			break;
		index++;
	} while (TRUE);
	return 0;
}

int
ipmictl_cmd_channel_getciphers(IpmiClient *client, int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "ipmi") != 0) {
		ipmictl_ext_fail("usage: channel getciphers ipmi [CHANNEL]");
		return 2;
	}
	guint8 channel = IPMI_CHANNEL_THIS;
	if (argc > 1)
		channel = (guint8)g_ascii_strtoull(argv[1], NULL, 0);
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) ids = ipmi_client_get_cipher_suites_sync(client, channel, NULL, &error);
	if (!ids) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	for (guint i = 0; i < ids->len; i++)
		printf("%s%u", i ? "," : "", g_array_index(ids, guint8, i));
	printf("\n");
	return 0;
}
