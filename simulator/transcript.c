/* transcript.c - see transcript.h. */
#include "transcript.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/cmd_bridge.h"

struct _BmcTranscript {
	FILE *fp;
	gboolean owned;
};

BmcTranscript *
bmc_transcript_new(const char *path, GError **error)
{
	BmcTranscript *t = g_new0(BmcTranscript, 1);
	if (!path || g_str_equal(path, "-")) {
		t->fp = stderr;
		return t;
	}
	t->fp = fopen(path, "a");
	if (!t->fp) {
		int e = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", path,
			    g_strerror(e));
		g_free(t);
		return NULL;
	}
	t->owned = TRUE;
	setvbuf(t->fp, NULL, _IOLBF, 0);
	return t;
}

void
bmc_transcript_free(BmcTranscript *t)
{
	if (!t)
		return;
	if (t->owned)
		fclose(t->fp);
	g_free(t);
}

typedef struct {
	uint8_t netfn, cmd;
	const char *name;
} CmdName;

static const CmdName cmd_names[] = {
    {0x00, 0x00, "Get Chassis Capabilities"},
    {0x00, 0x01, "Get Chassis Status"},
    {0x00, 0x02, "Chassis Control"},
    {0x00, 0x03, "Chassis Reset"},
    {0x00, 0x04, "Chassis Identify"},
    {0x00, 0x05, "Set Chassis Capabilities"},
    {0x00, 0x06, "Set Power Restore Policy"},
    {0x00, 0x07, "Get System Restart Cause"},
    {0x00, 0x08, "Set System Boot Options"},
    {0x00, 0x09, "Get System Boot Options"},
    {0x00, 0x0F, "Get POH Counter"},
    {0x04, 0x02, "Platform Event"},
    {0x04, 0x20, "Get Device SDR Info"},
    {0x04, 0x21, "Get Device SDR"},
    {0x04, 0x22, "Reserve Device SDR Repository"},
    {0x04, 0x26, "Set Sensor Thresholds"},
    {0x04, 0x27, "Get Sensor Thresholds"},
    {0x04, 0x29, "Get Sensor Event Enable"},
    {0x04, 0x2B, "Get Sensor Event Status"},
    {0x04, 0x2D, "Get Sensor Reading"},
    {0x04, 0x2F, "Get Sensor Type"},
    {0x06, 0x01, "Get Device ID"},
    {0x06, 0x02, "Cold Reset"},
    {0x06, 0x03, "Warm Reset"},
    {0x06, 0x04, "Get Self Test Results"},
    {0x06, 0x06, "Set ACPI Power State"},
    {0x06, 0x07, "Get ACPI Power State"},
    {0x06, 0x08, "Get Device GUID"},
    {0x06, 0x22, "Reset Watchdog Timer"},
    {0x06, 0x24, "Set Watchdog Timer"},
    {0x06, 0x25, "Get Watchdog Timer"},
    {0x06, 0x2E, "Set BMC Global Enables"},
    {0x06, 0x2F, "Get BMC Global Enables"},
    {0x06, 0x34, "Send Message"},
    {0x06, 0x37, "Get System GUID"},
    {0x06, 0x38, "Get Channel Authentication Capabilities"},
    {0x06, 0x39, "Get Session Challenge"},
    {0x06, 0x3A, "Activate Session"},
    {0x06, 0x3B, "Set Session Privilege Level"},
    {0x06, 0x3C, "Close Session"},
    {0x06, 0x3D, "Get Session Info"},
    {0x06, 0x40, "Set Channel Access"},
    {0x06, 0x41, "Get Channel Access"},
    {0x06, 0x42, "Get Channel Info"},
    {0x06, 0x43, "Set User Access"},
    {0x06, 0x44, "Get User Access"},
    {0x06, 0x45, "Set User Name"},
    {0x06, 0x46, "Get User Name"},
    {0x06, 0x47, "Set User Password"},
    {0x06, 0x4E, "Get Payload Activation Status"},
    {0x06, 0x54, "Get Channel Cipher Suites"},
    {0x06, 0x56, "Set Channel Security Keys"},
    {0x06, 0x58, "Set System Info Parameters"},
    {0x06, 0x59, "Get System Info Parameters"},
    {0x0A, 0x10, "Get FRU Inventory Area Info"},
    {0x0A, 0x11, "Read FRU Data"},
    {0x0A, 0x12, "Write FRU Data"},
    {0x0A, 0x20, "Get SDR Repository Info"},
    {0x0A, 0x21, "Get SDR Repository Allocation Info"},
    {0x0A, 0x22, "Reserve SDR Repository"},
    {0x0A, 0x23, "Get SDR"},
    {0x0A, 0x40, "Get SEL Info"},
    {0x0A, 0x41, "Get SEL Allocation Info"},
    {0x0A, 0x42, "Reserve SEL"},
    {0x0A, 0x43, "Get SEL Entry"},
    {0x0A, 0x44, "Add SEL Entry"},
    {0x0A, 0x46, "Delete SEL Entry"},
    {0x0A, 0x47, "Clear SEL"},
    {0x0A, 0x48, "Get SEL Time"},
    {0x0A, 0x49, "Set SEL Time"},
    {0x0A, 0x5C, "Get SEL Time UTC Offset"},
    {0x0C, 0x01, "Set LAN Configuration Parameters"},
    {0x0C, 0x02, "Get LAN Configuration Parameters"},
};

const char *
bmc_netfn_name(uint8_t netfn)
{
	switch (netfn & ~1u) {
	case 0x00:
		return "Chassis";
	case 0x02:
		return "Bridge";
	case 0x04:
		return "S/E";
	case 0x06:
		return "App";
	case 0x08:
		return "Firmware";
	case 0x0A:
		return "Storage";
	case 0x0C:
		return "Transport";
	case 0x2C:
		return "Group";
	case 0x2E:
		return "OEM/Group";
	default:
		return netfn >= 0x30 ? "OEM" : "Reserved";
	}
}

const char *
bmc_cmd_name(uint8_t netfn, uint8_t cmd)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cmd_names); i++)
		if (cmd_names[i].netfn == (netfn & ~1u) && cmd_names[i].cmd == cmd)
			return cmd_names[i].name;
	return NULL;
}

char *
bmc_address_string(GSocketAddress *a)
{
	if (!G_IS_INET_SOCKET_ADDRESS(a))
		return g_strdup("?");
	GInetSocketAddress *in = G_INET_SOCKET_ADDRESS(a);
	g_autofree char *ip = g_inet_address_to_string(g_inet_socket_address_get_address(in));
	guint16 port = g_inet_socket_address_get_port(in);
	if (strchr(ip, ':'))
		return g_strdup_printf("[%s]:%u", ip, port);
	return g_strdup_printf("%s:%u", ip, port);
}

/* How many leading data bytes of a request or response may be shown:
 * commands that carry passwords or keys show only their header bytes. */
static size_t
visible_data(const IpmiMsg *m)
{
	if ((m->netfn & ~1u) != IPMI_NETFN_APP)
		return m->data_len;
	gboolean rsp = ipmi_msg_is_response(m);
	switch (m->cmd) {
	case 0x47: /* Set User Password: user ID, operation */
		return rsp ? m->data_len : MIN(m->data_len, 2);
	case 0x56: /* Set Channel Security Keys */
		return MIN(m->data_len, 3);
	case 0x39: /* Get Session Challenge: challenge */
	case 0x3A: /* Activate Session: challenge / session data */
		return 0;
	case IPMI_CMD_SEND_MESSAGE:
		if (!rsp) {
			IpmiSendMessageReq sm;
			if (ipmi_send_message_req_decode(m->data, m->data_len, &sm) < 0 ||
			    sm.tracking == IPMI_BRIDGE_SEND_RAW)
				return MIN(m->data_len, 1);
			return visible_data(&sm.msg) == sm.msg.data_len ? m->data_len : 1;
		} else if (m->data_len) {
			IpmiMsg inner;
			if (ipmi_msg_decode(m->data, m->data_len, &inner) < 0)
				return 0;
			return visible_data(&inner) == inner.data_len ? m->data_len : 0;
		}
		return 0;
	default:
		return m->data_len;
	}
}

static void
put_time(GString *s)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree char *t = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");
	g_string_append_printf(s, "%s.%06dZ", t, g_date_time_get_microsecond(now));
}

static void
put_head(GString *s, const char *bmc, GSocketAddress *peer, gboolean inbound, uint32_t sid)
{
	g_autofree char *p = bmc_address_string(peer);
	put_time(s);
	g_string_append_printf(s, " %s %s %s sid=0x%08x", bmc, p, inbound ? "<-" : "->", sid);
}

void
bmc_transcript_msg(BmcTranscript *t, const char *bmc, GSocketAddress *peer, gboolean inbound,
		   uint32_t sid, uint32_t seq, const IpmiMsg *m)
{
	if (!t)
		return;
	GString *s = g_string_new(NULL);
	put_head(s, bmc, peer, inbound, sid);
	const char *name = bmc_cmd_name(m->netfn, m->cmd);
	g_string_append_printf(s, " seq=%u %s %s (%02x/%02x) rqSeq=%u", seq,
			       bmc_netfn_name(m->netfn), name ? name : "Unknown", m->netfn, m->cmd,
			       m->rq_seq);
	if (ipmi_msg_is_response(m))
		g_string_append_printf(s, " cc=%02x", m->cc);
	g_string_append(s, " data=");
	size_t n = visible_data(m);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%s%02x", i ? " " : "", m->data[i]);
	if (n < m->data_len)
		g_string_append_printf(s, "%s<%zu bytes withheld>", n ? " " : "", m->data_len - n);
	fprintf(t->fp, "%s\n", s->str);
	fflush(t->fp);
	g_string_free(s, TRUE);
}

void
bmc_transcript_note(BmcTranscript *t, const char *bmc, GSocketAddress *peer, gboolean inbound,
		    uint32_t sid, const char *fmt, ...)
{
	if (!t)
		return;
	GString *s = g_string_new(NULL);
	put_head(s, bmc, peer, inbound, sid);
	g_string_append_c(s, ' ');
	va_list ap;
	va_start(ap, fmt);
	g_string_append_vprintf(s, fmt, ap);
	va_end(ap);
	fprintf(t->fp, "%s\n", s->str);
	fflush(t->fp);
	g_string_free(s, TRUE);
}
