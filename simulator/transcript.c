/* transcript.c - see transcript.h. */
#include "transcript.h"

#include "core/msg_names.h"

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

/* The core's netFn name, or "Reserved" for an unnamed one. */
const char *
transcript_netfn(uint8_t netfn)
{
	const char *n = ipmi_netfn_name(netfn);
	return n ? n : "Reserved";
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
	const char *name = ipmi_cmd_name(m->netfn, m->cmd, m->data, m->data_len);
	g_string_append_printf(s, " seq=%u %s %s (%02x/%02x) rqSeq=%u", seq,
			       transcript_netfn(m->netfn), name ? name : "Unknown", m->netfn,
			       m->cmd, m->rq_seq);
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
