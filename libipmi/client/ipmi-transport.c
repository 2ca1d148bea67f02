/* ipmi-transport.c - the dispatch of received datagrams to the core, a
 * client's own connected socket, the timers, the cancellation watches and
 * the main context they live on.  The shared sockets, send batching and the
 * per-context source are in ipmi-hub.c.
 *
 * Bytes are never interpreted here beyond what the core's decoders report:
 * the RMCP class and session wrapper decide whether a datagram goes to the
 * console handshake, to the record layer, or is a pre-session answer. */
#define _GNU_SOURCE /* struct mmsghdr in ipmi-hub-private.h */
#include "ipmi-client-private.h"

#include "core/channel.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "ipmi-hub-private.h"

struct _IpmiCancelWatch {
	IpmiClient *client;
	GCancellable *cancellable;
	IpmiCancelFunc func;
	gpointer data;
	GSource *source;
};

guint64
_ipmi_now_ms(void)
{
	return (guint64)(g_get_monotonic_time() / 1000);
}

GError *
_ipmi_timeout_error(IpmiClient *client, const char *what, guint tries, const char *hint)
{
	GError *e = _ipmi_error_from_core(IPMI_ERR_TIMEOUT, 0, client->peer, what);
	GString *m = g_string_new(e->message);
	if (tries > 1)
		g_string_append_printf(m, " after %u tries", tries);
	if (client->unreachable)
		g_string_append(m, " (ICMP port unreachable: is a BMC listening on this port?)");
	else if (hint)
		g_string_append_printf(m, " (%s)", hint);
	g_free(e->message);
	e->message = g_string_free(m, FALSE);
	return e;
}

/* ---- receive ---------------------------------------------------------- */

void
_ipmi_transport_on_datagram(IpmiClient *client, const guint8 *buf, gsize len)
{
	client->rx_datagrams++; /* for ipmi-keepalive.c: keep this count */
	IpmiRmcpHeader rh;
	int rc = ipmi_rmcp_decode(buf, len, &rh);
	if (rc < 0 || rh.msg_class != IPMI_RMCP_CLASS_IPMI || (gsize)rc >= len) {
		g_debug("%s: ignoring a datagram that is not IPMI over RMCP", client->peer);
		return;
	}
	const guint8 *p = buf + rc;
	gsize n = len - (gsize)rc;
	if (p[0] != IPMI_AUTHTYPE_RMCPP) {
		/* IPMI 1.5 wrapper: only pre-session answers concern us. */
		IpmiV15Packet v;
		IpmiMsg m;
		if (ipmi_v15_decode(p, n, &v) < 0 || v.session_id != 0 ||
		    ipmi_msg_decode(v.payload, v.payload_len, &m) < 0) {
			g_debug("%s: ignoring an IPMI 1.5 datagram", client->peer);
			return;
		}
		_ipmi_requests_handle_response(client, &m, TRUE, NULL, 0);
		return;
	}
	IpmiV2Header h;
	if (ipmi_v2_header_decode(p, n, &h) < 0) {
		g_debug("%s: ignoring a malformed RMCP+ datagram", client->peer);
		return;
	}
	if (h.session_id == 0) {
		if (h.payload_type == IPMI_PAYLOAD_IPMI) {
			IpmiMsg m;
			if (!h.encrypted && !h.authenticated &&
			    ipmi_msg_decode(h.payload, h.payload_len, &m) >= 0)
				_ipmi_requests_handle_response(client, &m, TRUE, NULL, 0);
			return;
		}
		_ipmi_connect_on_setup_datagram(client, buf, len);
		return;
	}
	if (client->console.state != IPMI_CONSOLE_ACTIVE)
		return;
	IpmiOpened o;
	guint8 plain[IPMI_MAX_DATAGRAM];
	rc = ipmi_channel_open(&client->console.chan, buf, len, &o, plain, sizeof plain);
	if (rc < 0) {
		g_debug("%s: dropping an in-session datagram: %s", client->peer, ipmi_strerror(rc));
		return;
	}
	IpmiMsg m;
	if (o.payload_type != IPMI_PAYLOAD_IPMI || ipmi_msg_decode(plain, o.payload_len, &m) < 0) {
		g_debug("%s: ignoring an in-session payload of type %u", client->peer,
			o.payload_type);
		return;
	}
	_ipmi_requests_handle_response(client, &m, FALSE, plain, o.payload_len);
}

/* ---- receive: a client's own connected socket ---------------------------- */

static gboolean
on_readable(GSocket *socket, GIOCondition cond, gpointer user_data)
{
	IpmiClient *client = g_object_ref(user_data);
	g_object_ref(socket);
	guint8 buf[IPMI_MAX_DATAGRAM];
	/* A bounded number per wake-up, so a flood cannot starve the timer. */
	for (int i = 0; i < 64 && client->socket == socket; i++) {
		GError *err = NULL;
		gssize n = g_socket_receive(socket, (gchar *)buf, sizeof buf, NULL, &err);
		if (n < 0) {
			gboolean again = FALSE;
			if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)) {
				client->unreachable = TRUE;
				again = TRUE;
			} else if (!g_error_matches(err, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)) {
				g_debug("%s: receive: %s", client->peer, err->message);
			}
			g_error_free(err);
			if (again)
				continue;
			break;
		}
		_ipmi_transport_on_datagram(client, buf, (gsize)n);
	}
	_ipmi_transport_reschedule(client);
	g_object_unref(socket);
	g_object_unref(client);
	return G_SOURCE_CONTINUE;
}

static gboolean
link_private(IpmiClient *client)
{
	return client->socket && !(client->link && client->link->shared);
}

void
_ipmi_transport_attach_recv_source(IpmiClient *client)
{
	if (client->recv_source) {
		g_source_destroy(client->recv_source);
		g_clear_pointer(&client->recv_source, g_source_unref);
	}
	if (!link_private(client))
		return;
	client->recv_source = g_socket_create_source(client->socket, G_IO_IN, NULL);
	g_source_set_callback(client->recv_source, G_SOURCE_FUNC(on_readable), client, NULL);
	g_source_set_static_name(client->recv_source, "IpmiClient socket");
	g_source_attach(client->recv_source, client->context);
}

/* ---- the timer -------------------------------------------------------- */

void
_ipmi_transport_reschedule(IpmiClient *client)
{
	IpmiLink *l = client->link;
	if (!l)
		return;
	gint64 t = _ipmi_requests_next_wakeup(client);
	guint64 d = ipmi_console_next_deadline(&client->console);
	if (client->connect_op && d != UINT64_MAX) {
		gint64 cd = (gint64)d * 1000;
		if (t < 0 || cd < t)
			t = cd;
	}
	gint64 before = l->wake;
	l->wake = t;
	/* The source's prepare() sees the new time on the next iteration;
	 * a context polling in another thread must be woken for an earlier
	 * one. */
	if (t >= 0 && (before < 0 || t < before) && l->src &&
	    !g_main_context_is_owner(l->src->context))
		g_main_context_wakeup(l->src->context);
}

/* ---- cancellation watches ---------------------------------------------- */

static gboolean
watch_fired(GCancellable *cancellable, gpointer user_data)
{
	IpmiCancelWatch *w = user_data;
	IpmiClient *client = g_object_ref(w->client);
	/* func removes the watch (and frees w). */
	w->func(client, w->data);
	_ipmi_transport_reschedule(client);
	g_object_unref(client);
	return G_SOURCE_REMOVE;
}

static void
watch_attach(IpmiCancelWatch *w)
{
	if (w->source) {
		g_source_destroy(w->source);
		g_source_unref(w->source);
	}
	w->source = g_cancellable_source_new(w->cancellable);
	g_source_set_callback(w->source, G_SOURCE_FUNC(watch_fired), w, NULL);
	g_source_set_static_name(w->source, "IpmiClient cancellation");
	g_source_attach(w->source, w->client->context);
}

IpmiCancelWatch *
_ipmi_cancel_watch_add(IpmiClient *client, GCancellable *cancellable, IpmiCancelFunc func,
		       gpointer data)
{
	if (!cancellable)
		return NULL;
	IpmiCancelWatch *w = g_new0(IpmiCancelWatch, 1);
	w->client = client;
	w->cancellable = g_object_ref(cancellable);
	w->func = func;
	w->data = data;
	watch_attach(w);
	g_ptr_array_add(client->watches, w);
	return w;
}

void
_ipmi_cancel_watch_remove(IpmiClient *client, IpmiCancelWatch *w)
{
	if (!w)
		return;
	g_ptr_array_remove_fast(client->watches, w);
	g_source_destroy(w->source);
	g_source_unref(w->source);
	g_object_unref(w->cancellable);
	g_free(w);
}

/* ---- the main context ------------------------------------------------- */

/* Move the client onto context: its place in the context's shared source
 * (socket and timer), its own socket if it has one, and the cancellation
 * watches.  Used when connecting (the caller's
 * thread-default context) and around the blocking wrappers. */
void
_ipmi_client_attach(IpmiClient *client, GMainContext *context)
{
	if (client->context != context) {
		GMainContext *old = client->context;
		client->context = g_main_context_ref(context);
		if (old)
			g_main_context_unref(old);
	}
	_ipmi_hub_link_attach(client, context);
	_ipmi_transport_attach_recv_source(client);
	for (guint i = 0; i < client->watches->len; i++)
		watch_attach(g_ptr_array_index(client->watches, i));
	_ipmi_transport_reschedule(client);
}
