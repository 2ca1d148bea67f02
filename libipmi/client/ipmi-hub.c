/* ipmi-hub.c - the client's UDP sockets: the sockets clients share, the
 * batching of what they send, and the per-context source that reads them
 * and runs the timers; opening, closing and sending on a client's socket.
 * What a datagram means is ipmi-transport.c's business.
 *
 * Sockets.  The clients of a process share unconnected UDP sockets, each
 * bound to an ephemeral port and used by up to SHARE_MAX clients (what
 * they have in flight must fit in its receive buffer).  A received
 * datagram goes to the client talking to the address and port it came
 * from: a fleet of N sessions costs no socket(), connect() or close() per
 * session and puts N / SHARE_MAX descriptors in poll(), not N.  Datagrams
 * from any other address are dropped, as a connected socket would.  A
 * second client for an address and port already in use gets a connected
 * socket of its own, so that nothing has to be told apart by session ID.
 * ICMP port unreachable arrives through IP_RECVERR's error queue with the
 * address it concerns.  A forked child opens sockets of its own.
 *
 * Sources.  Per GMainContext one GSource watches the shared sockets and
 * runs the timers of every client attached to that context (no eventfd
 * write per re-armed timer).  It reads up to RECV_BATCH datagrams per
 * recvmmsg, and what its clients send meanwhile goes out in sendmmsg calls
 * at the end of the wake-up.  A datagram read on the source of another
 * context (a blocking wrapper moves a client to a private context) is
 * queued to the client's own context. */
#define _GNU_SOURCE /* recvmmsg, sendmmsg */
#include "ipmi-client-private.h"

#include <errno.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipmi-hub-private.h"

static struct {
	GMutex lock; /* everything here, the links' src/shared/key and the sources' lists */
	struct {
		GSocket *sock; /* NULL: a free slot */
		int fam;
		guint users; /* shared links on sock */
		pid_t pid;   /* of the process that opened it: a forked child opens its own */
	} slot[SLOTS];
	GHashTable *by_peer; /* PeerKey * (in the link) -> IpmiLink * */
	GHashTable *sources; /* GMainContext * -> HubSource * */
} hub;

/* The batch of the wake-up running on this thread, if any. */
static _Thread_local SendBatch *current_batch;

/* ---- peers ------------------------------------------------------------ */

static gboolean
key_from_native(const void *native, socklen_t len, PeerKey *k)
{
	const struct sockaddr *sa = native;
	memset(k, 0, sizeof *k);
	if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = native;
		k->family = AF_INET;
		k->port = s4->sin_port;
		memcpy(k->addr, &s4->sin_addr, 4);
		return TRUE;
	}
	if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = native;
		k->family = AF_INET6;
		k->port = s6->sin6_port;
		k->scope = s6->sin6_scope_id;
		memcpy(k->addr, &s6->sin6_addr, 16);
		return TRUE;
	}
	return FALSE;
}

static guint
key_hash(gconstpointer p)
{
	const PeerKey *k = p;
	guint h = k->family ^ ((guint)k->port << 16) ^ k->scope;
	for (int i = 0; i < 16; i += 4) {
		guint32 w;
		memcpy(&w, k->addr + i, 4);
		h = h * 31 + w;
	}
	return h;
}

static gboolean
key_equal(gconstpointer a, gconstpointer b)
{
	return memcmp(a, b, sizeof(PeerKey)) == 0;
}

static void
hub_init_locked(void)
{
	if (!hub.by_peer) {
		hub.by_peer = g_hash_table_new(key_hash, key_equal);
		hub.sources = g_hash_table_new(NULL, NULL);
	}
}

/* ---- sending ----------------------------------------------------------- */

static void
send_one(GSocket *sock, const void *to, socklen_t to_len, const guint8 *dgram, gsize len,
	 const char *peer)
{
	int fd = g_socket_get_fd(sock);
	/* A pending ICMP error of another peer may fail one call: retry once. */
	for (int tries = 0; tries < 3; tries++) {
		if (sendto(fd, dgram, len, MSG_DONTWAIT, to, to_len) >= 0)
			return;
		if (errno != EINTR && errno != ECONNREFUSED)
			break;
	}
	/* Treated as a lost datagram: retransmission covers it. */
	g_debug("%s: send: %s", peer, g_strerror(errno));
}

/* Send what the wake-up queued: one sendmmsg per run of datagrams on the
 * same socket. */
static void
batch_flush(SendBatch *b)
{
	guint n = b->n, i = 0;
	while (i < n) {
		guint end = i;
		while (end < n && b->sock[end] == b->sock[i])
			end++;
		int fd = g_socket_get_fd(b->sock[i]);
		for (guint tries = 0; i < end && tries < 2 * (end - i) + 2; tries++) {
			int r = sendmmsg(fd, &b->mm[i], end - i, MSG_DONTWAIT);
			if (r > 0)
				i += (guint)r;
			else if (r < 0 && (errno == EINTR || errno == ECONNREFUSED))
				continue; /* another peer's ICMP error, reported here */
			else {
				g_debug("sendmmsg: %s", g_strerror(errno));
				i++; /* lost, as on the network: retransmission covers it */
			}
		}
		i = end;
	}
	for (guint k = 0; k < n; k++)
		g_clear_object(&b->sock[k]);
	b->n = 0;
}

static void
batch_add(SendBatch *b, GSocket *sock, const IpmiLink *l, const guint8 *dgram, gsize len)
{
	if (len > IPMI_MAX_DATAGRAM)
		return;
	if (b->n == SEND_BATCH)
		batch_flush(b);
	guint i = b->n++;
	b->sock[i] = g_object_ref(sock);
	memcpy(b->buf[i], dgram, len);
	memcpy(&b->to[i], &l->peer, l->peer_len);
	b->iov[i] = (struct iovec){.iov_base = b->buf[i], .iov_len = len};
	b->mm[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &b->to[i],
						.msg_namelen = l->peer_len,
						.msg_iov = &b->iov[i],
						.msg_iovlen = 1}};
}

/* ---- receive: the shared sockets ----------------------------------------- */

static void
queue_pending_locked(HubSource *target, const PeerKey *k, const guint8 *buf, gsize len)
{
	if (target->pending.length >= PENDING_MAX)
		return;
	Pending *p = g_new(Pending, 1);
	p->key = *k;
	p->bytes = g_bytes_new(buf, len);
	g_queue_push_tail(&target->pending, p);
	g_main_context_wakeup(target->context);
}

/* A datagram from k, read by the source s on sock (NULL: queued after a
 * check on the socket it came in on): to its client, now if the client
 * is attached to s's context, else queued to the client's context. */
static void
deliver(HubSource *s, GSocket *sock, const PeerKey *k, const guint8 *buf, gsize len)
{
	g_mutex_lock(&hub.lock);
	IpmiLink *l = g_hash_table_lookup(hub.by_peer, k);
	if (!l || !l->src || (sock && hub.slot[l->slot].sock != sock)) {
		/* From nobody we talk to: dropped, as a connected socket would. */
		g_mutex_unlock(&hub.lock);
		return;
	}
	if (l->src != s) {
		queue_pending_locked(l->src, k, buf, len);
		g_mutex_unlock(&hub.lock);
		return;
	}
	IpmiClient *client = g_object_ref(l->client);
	g_mutex_unlock(&hub.lock);
	_ipmi_transport_on_datagram(client, buf, len);
	_ipmi_transport_reschedule(client);
	g_object_unref(client);
}

static void
read_datagrams(HubSource *s, GSocket *sock)
{
	int fd = g_socket_get_fd(sock);
	struct sockaddr_storage from[RECV_BATCH];
	struct iovec iov[RECV_BATCH];
	struct mmsghdr mm[RECV_BATCH];
	for (int round = 0; round < RECV_ROUNDS; round++) {
		for (int i = 0; i < RECV_BATCH; i++) {
			iov[i] = (struct iovec){.iov_base = s->rx[i], .iov_len = IPMI_MAX_DATAGRAM};
			mm[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &from[i],
							     .msg_namelen = sizeof from[i],
							     .msg_iov = &iov[i],
							     .msg_iovlen = 1}};
		}
		int n = recvmmsg(fd, mm, RECV_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			/* ECONNREFUSED: an ICMP error pending on the socket (its
			 * address comes through the error queue). */
			if (errno == EINTR || errno == ECONNREFUSED)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				g_debug("recvmmsg: %s", g_strerror(errno));
			return;
		}
		for (int i = 0; i < n; i++) {
			PeerKey k;
			if (mm[i].msg_len == 0 || (mm[i].msg_hdr.msg_flags & MSG_TRUNC) ||
			    !key_from_native(&from[i], mm[i].msg_hdr.msg_namelen, &k))
				continue;
			deliver(s, sock, &k, s->rx[i], mm[i].msg_len);
		}
		if (n < RECV_BATCH)
			return;
	}
}

/* ICMP errors: each names the address it concerns (the datagram's
 * destination); port unreachable marks that client. */
static void
read_errors(GSocket *sock)
{
	int fd = g_socket_get_fd(sock);
	for (int i = 0; i < ERRQUEUE_MAX; i++) {
		struct sockaddr_storage to;
		guint8 data[64];
		union {
			struct cmsghdr align;
			char buf[512];
		} ctl;
		struct iovec iov = {.iov_base = data, .iov_len = sizeof data};
		struct msghdr m = {.msg_name = &to,
				   .msg_namelen = sizeof to,
				   .msg_iov = &iov,
				   .msg_iovlen = 1,
				   .msg_control = ctl.buf,
				   .msg_controllen = sizeof ctl.buf};
		if (recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
		PeerKey k;
		if (!key_from_native(&to, m.msg_namelen, &k))
			continue;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
			if (!((c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) ||
			      (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR)))
				continue;
			struct sock_extended_err ee;
			memcpy(&ee, CMSG_DATA(c), sizeof ee);
			if (ee.ee_errno != ECONNREFUSED)
				continue;
			g_mutex_lock(&hub.lock);
			IpmiLink *l = g_hash_table_lookup(hub.by_peer, &k);
			if (l)
				l->client->unreachable = TRUE;
			g_mutex_unlock(&hub.lock);
		}
	}
	/* The socket's pending error too, or poll() would report it forever. */
	int err = 0;
	socklen_t el = sizeof err;
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
}

/* ---- the per-context source: shared sockets and every client's timer ----- */

static gint64
earliest_wake_locked(HubSource *s)
{
	gint64 min = -1;
	for (guint i = 0; i < s->links->len; i++) {
		gint64 w = ((IpmiLink *)s->links->pdata[i])->wake;
		if (w >= 0 && (min < 0 || w < min))
			min = w;
	}
	return min;
}

static gboolean
hub_prepare(GSource *source, gint *timeout)
{
	HubSource *s = (HubSource *)source;
	g_mutex_lock(&hub.lock);
	gboolean pending = s->pending.length > 0;
	gint64 min = earliest_wake_locked(s);
	g_mutex_unlock(&hub.lock);
	gint64 now = g_source_get_time(source);
	if (pending || (min >= 0 && min <= now)) {
		*timeout = 0;
		return TRUE;
	}
	*timeout = min < 0 ? -1 : (gint)MIN((min - now + 999) / 1000, (gint64)G_MAXINT);
	return FALSE;
}

static gboolean
hub_check(GSource *source)
{
	HubSource *s = (HubSource *)source;
	g_mutex_lock(&hub.lock);
	gboolean pending = s->pending.length > 0;
	gint64 min = earliest_wake_locked(s);
	g_mutex_unlock(&hub.lock);
	return pending || (min >= 0 && min <= g_get_monotonic_time());
}

static void
run_timer(IpmiClient *client)
{
	gint64 now = g_get_monotonic_time();
	_ipmi_connect_on_timer(client, (guint64)(now / 1000));
	_ipmi_requests_on_timer(client, now);
	_ipmi_transport_reschedule(client);
}

static gboolean
hub_dispatch(GSource *source, GSourceFunc callback, gpointer user_data)
{
	HubSource *s = (HubSource *)source;
	SendBatch *outer = current_batch;
	if (outer)
		batch_flush(outer); /* a nested main loop: keep the order of sends */
	current_batch = s->tx;

	for (int k = 0; k < SLOTS; k++) {
		GSocket *sock = NULL;
		GIOCondition cond = 0;
		g_mutex_lock(&hub.lock);
		if (s->tag[k] && hub.slot[k].sock) {
			cond = g_source_query_unix_fd(source, s->tag[k]);
			if (cond)
				sock = g_object_ref(hub.slot[k].sock);
		}
		g_mutex_unlock(&hub.lock);
		if (!sock)
			continue;
		if (cond & G_IO_ERR)
			read_errors(sock);
		if (cond & G_IO_IN)
			read_datagrams(s, sock);
		g_object_unref(sock);
	}

	/* Datagrams read for this context by another one's source. */
	for (guint i = 0; i < PENDING_MAX; i++) {
		g_mutex_lock(&hub.lock);
		Pending *p = g_queue_pop_head(&s->pending);
		g_mutex_unlock(&hub.lock);
		if (!p)
			break;
		gsize n;
		const guint8 *b = g_bytes_get_data(p->bytes, &n);
		deliver(s, NULL, &p->key, b, n);
		g_bytes_unref(p->bytes);
		g_free(p);
	}

	/* Timers that are due. */
	gint64 now = g_get_monotonic_time();
	GPtrArray *due = NULL;
	g_mutex_lock(&hub.lock);
	for (guint i = 0; i < s->links->len; i++) {
		IpmiLink *l = s->links->pdata[i];
		if (l->wake >= 0 && l->wake <= now) {
			l->wake = -1;
			if (!due)
				due = g_ptr_array_new_with_free_func(g_object_unref);
			g_ptr_array_add(due, g_object_ref(l->client));
		}
	}
	g_mutex_unlock(&hub.lock);
	for (guint i = 0; due && i < due->len; i++)
		run_timer(due->pdata[i]);
	if (due)
		g_ptr_array_unref(due);

	batch_flush(s->tx);
	current_batch = outer;
	return G_SOURCE_CONTINUE;
}

static void
hub_finalize(GSource *source)
{
	HubSource *s = (HubSource *)source;
	Pending *p;
	while ((p = g_queue_pop_head(&s->pending))) {
		g_bytes_unref(p->bytes);
		g_free(p);
	}
	g_ptr_array_unref(s->links);
	batch_flush(s->tx);
	g_free(s->tx);
	g_free(s->rx);
}

static GSourceFuncs hub_funcs = {
    .prepare = hub_prepare,
    .check = hub_check,
    .dispatch = hub_dispatch,
    .finalize = hub_finalize,
};

static HubSource *
hub_source_get_locked(GMainContext *context)
{
	hub_init_locked();
	HubSource *s = g_hash_table_lookup(hub.sources, context);
	if (s)
		return s;
	s = (HubSource *)g_source_new(&hub_funcs, sizeof(HubSource));
	s->context = context;
	s->links = g_ptr_array_new();
	g_queue_init(&s->pending);
	s->tx = g_new0(SendBatch, 1);
	s->rx = g_malloc(RECV_BATCH * IPMI_MAX_DATAGRAM);
	for (int k = 0; k < SLOTS; k++)
		if (hub.slot[k].sock)
			s->tag[k] = g_source_add_unix_fd(
			    &s->source, g_socket_get_fd(hub.slot[k].sock), G_IO_IN | G_IO_ERR);
	g_source_set_static_name(&s->source, "IpmiClient sockets and timers");
	g_source_attach(&s->source, context);
	g_hash_table_insert(hub.sources, context, s);
	return s;
}

static void
hub_source_drop_link_locked(IpmiLink *l)
{
	HubSource *s = l->src;
	if (!s)
		return;
	l->src = NULL;
	g_ptr_array_remove_fast(s->links, l);
	if (s->links->len)
		return;
	/* The last client left this context: so does the source.  Datagrams
	 * still queued here go back to whoever now serves their client. */
	g_hash_table_remove(hub.sources, s->context);
	Pending *p;
	while ((p = g_queue_pop_head(&s->pending))) {
		IpmiLink *o = g_hash_table_lookup(hub.by_peer, &p->key);
		if (o && o->src) {
			gsize n;
			const guint8 *b = g_bytes_get_data(p->bytes, &n);
			queue_pending_locked(o->src, &p->key, b, n);
		}
		g_bytes_unref(p->bytes);
		g_free(p);
	}
	g_source_destroy(&s->source);
	g_source_unref(&s->source);
}

/* The client is being disposed (weak reference). */
static void
link_gone(gpointer data, GObject *where)
{
	IpmiLink *l = data;
	g_mutex_lock(&hub.lock);
	if (l->shared) {
		g_hash_table_remove(hub.by_peer, &l->key);
		l->shared = FALSE;
		hub.slot[l->slot].users--;
	}
	hub_source_drop_link_locked(l);
	g_mutex_unlock(&hub.lock);
	((IpmiClient *)where)->link = NULL;
	g_free(l);
}

void
_ipmi_hub_link_attach(IpmiClient *client, GMainContext *context)
{
	IpmiLink *l = client->link;
	if (!l) {
		l = g_new0(IpmiLink, 1);
		l->client = client;
		l->slot = -1;
		l->wake = -1;
		client->link = l;
		g_object_weak_ref(G_OBJECT(client), link_gone, l);
	}
	g_mutex_lock(&hub.lock);
	HubSource *s = hub_source_get_locked(context);
	if (l->src != s) {
		hub_source_drop_link_locked(l);
		g_ptr_array_add(s->links, l);
		l->src = s;
	}
	g_mutex_unlock(&hub.lock);
}

/* A shared socket of family fam with room for one more client, opened
 * (and put in every source's poll) when none has: its slot; -1 when every
 * slot is taken, -2 on error. */
static int
shared_slot_locked(int fam, GError **error)
{
	int free_slot = -1;
	pid_t pid = getpid();
	for (int k = 0; k < SLOTS; k++) {
		if (!hub.slot[k].sock) {
			if (free_slot < 0)
				free_slot = k;
		} else if (hub.slot[k].fam == fam && hub.slot[k].users < SHARE_MAX &&
			   hub.slot[k].pid == pid) {
			return k;
		}
	}
	if (free_slot < 0)
		return -1;
	GSocketFamily family = fam == FAM_V6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4;
	g_autoptr(GSocket) s =
	    g_socket_new(family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, error);
	if (!s)
		return -2;
	g_socket_set_blocking(s, FALSE);
	int fd = g_socket_get_fd(s), on = 1, size = RCVBUF;
	/* ICMP errors to the error queue, with the address they concern. */
	if (fam == FAM_V6)
		setsockopt(fd, SOL_IPV6, IPV6_RECVERR, &on, sizeof on);
	else
		setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof on);
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	g_autoptr(GInetAddress) any = g_inet_address_new_any(family);
	g_autoptr(GSocketAddress) local = g_inet_socket_address_new(any, 0);
	if (!g_socket_bind(s, local, FALSE, error))
		return -2;
	hub.slot[free_slot].sock = g_steal_pointer(&s);
	hub.slot[free_slot].fam = fam;
	hub.slot[free_slot].users = 0;
	hub.slot[free_slot].pid = pid;
	GHashTableIter it;
	gpointer v;
	g_hash_table_iter_init(&it, hub.sources);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		HubSource *hs = v;
		hs->tag[free_slot] = g_source_add_unix_fd(&hs->source, fd, G_IO_IN | G_IO_ERR);
	}
	return free_slot;
}

static void
shared_slot_release_locked(int k)
{
	if (--hub.slot[k].users)
		return;
	GHashTableIter it;
	gpointer v;
	g_hash_table_iter_init(&it, hub.sources);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		HubSource *hs = v;
		if (hs->tag[k]) {
			g_source_remove_unix_fd(&hs->source, hs->tag[k]);
			hs->tag[k] = NULL;
		}
	}
	/* Closed with the last reference (a batch may hold one). */
	g_clear_object(&hub.slot[k].sock);
}

gboolean
_ipmi_transport_open(IpmiClient *client, GInetAddress *addr, GError **error)
{
	g_autoptr(GSocketAddress) sa = g_inet_socket_address_new(addr, client->port);
	_ipmi_transport_close(client);
	IpmiLink *l = client->link;
	struct sockaddr_storage native;
	PeerKey k;
	gsize nlen = (gsize)g_socket_address_get_native_size(sa);
	if (l && nlen <= sizeof native && g_socket_address_to_native(sa, &native, nlen, NULL) &&
	    key_from_native(&native, (socklen_t)nlen, &k)) {
		g_mutex_lock(&hub.lock);
		hub_init_locked();
		int slot = -1;
		if (!g_hash_table_contains(hub.by_peer, &k)) {
			slot = shared_slot_locked(k.family == AF_INET6 ? FAM_V6 : FAM_V4, error);
			if (slot == -2) {
				g_mutex_unlock(&hub.lock);
				return FALSE;
			}
		}
		if (slot >= 0) {
			GSocket *s = hub.slot[slot].sock;
			hub.slot[slot].users++;
			l->shared = TRUE;
			l->slot = slot;
			l->key = k;
			memcpy(&l->peer, &native, nlen);
			l->peer_len = (socklen_t)nlen;
			g_hash_table_insert(hub.by_peer, &l->key, l);
			client->socket = g_object_ref(s);
			g_mutex_unlock(&hub.lock);
			client->unreachable = FALSE;
			return TRUE;
		}
		g_mutex_unlock(&hub.lock);
	}
	/* Another client of this process talks to this address and port (or
	 * every shared socket is full): a connected socket of its own, where
	 * the kernel drops datagrams from elsewhere. */
	g_autoptr(GSocket) s = g_socket_new(g_inet_address_get_family(addr), G_SOCKET_TYPE_DATAGRAM,
					    G_SOCKET_PROTOCOL_UDP, error);
	if (!s)
		return FALSE;
	g_socket_set_blocking(s, FALSE);
	if (!g_socket_connect(s, sa, NULL, error))
		return FALSE;
	client->socket = g_steal_pointer(&s);
	client->unreachable = FALSE;
	_ipmi_transport_attach_recv_source(client);
	return TRUE;
}

void
_ipmi_transport_close(IpmiClient *client)
{
	IpmiLink *l = client->link;
	if (l && l->shared) {
		g_mutex_lock(&hub.lock);
		g_hash_table_remove(hub.by_peer, &l->key);
		l->shared = FALSE;
		shared_slot_release_locked(l->slot);
		g_mutex_unlock(&hub.lock);
		g_clear_object(&client->socket);
		return;
	}
	if (client->recv_source) {
		g_source_destroy(client->recv_source);
		g_clear_pointer(&client->recv_source, g_source_unref);
	}
	if (client->socket) {
		g_socket_close(client->socket, NULL);
		g_clear_object(&client->socket);
	}
}

void
_ipmi_transport_send(IpmiClient *client, const guint8 *dgram, gsize len)
{
	if (!client->socket)
		return;
	IpmiLink *l = client->link;
	if (l && l->shared) {
		if (current_batch)
			batch_add(current_batch, client->socket, l, dgram, len);
		else
			send_one(client->socket, &l->peer, l->peer_len, dgram, len, client->peer);
		return;
	}
	GError *err = NULL;
	if (g_socket_send(client->socket, (const gchar *)dgram, len, NULL, &err) < 0) {
		/* Treated as a lost datagram: retransmission covers it. */
		if (g_error_matches(err, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
			client->unreachable = TRUE;
		else
			g_debug("%s: send: %s", client->peer, err->message);
		g_error_free(err);
	}
}
