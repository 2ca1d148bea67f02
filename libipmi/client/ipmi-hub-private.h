/* ipmi-hub-private.h - shared between ipmi-transport.c (datagram dispatch,
 * a client's own socket, timers, cancellation, contexts) and ipmi-hub.c (the
 * shared sockets, send batching and the per-context source): the link of a
 * client to its context's source.  Not installed; include after
 * "#define _GNU_SOURCE" (struct mmsghdr). */
#ifndef IPMI_HUB_PRIVATE_H
#define IPMI_HUB_PRIVATE_H

#include <sys/socket.h>

#include "ipmi-client-private.h"

#define RECV_BATCH 32    /* datagrams per recvmmsg */
#define RECV_ROUNDS 4    /* recvmmsg per socket and wake-up, so timers run too */
#define SEND_BATCH 32    /* datagrams per sendmmsg */
#define PENDING_MAX 1024 /* datagrams queued for other contexts; beyond: dropped */
#define ERRQUEUE_MAX 64  /* ICMP errors read per wake-up */
/* Clients per shared socket: what they have in flight at once must fit in
 * its receive buffer (a burst beyond it is lost and waits for a
 * retransmission).  A fleet of 1000 at once uses 16 sockets. */
#define SHARE_MAX 64
#define SLOTS 64         /* shared sockets at most; beyond: sockets of their own */
#define RCVBUF (1 << 20) /* asked for; the kernel caps it at net.core.rmem_max */

enum { FAM_V4, FAM_V6 };

typedef struct {
	guint16 family, port;
	guint32 scope;
	guint8 addr[16];
} PeerKey;

typedef struct _HubSource HubSource;

typedef struct {
	guint n;
	GSocket *sock[SEND_BATCH]; /* references */
	struct mmsghdr mm[SEND_BATCH];
	struct iovec iov[SEND_BATCH];
	struct sockaddr_storage to[SEND_BATCH];
	guint8 buf[SEND_BATCH][IPMI_MAX_DATAGRAM];
} SendBatch;

struct _IpmiLink {
	IpmiClient *client; /* not a reference: the link goes with the client's dispose */
	HubSource *src;     /* the source of the client's context */
	gboolean shared;    /* on hub.slot[slot].sock, in hub.by_peer */
	int slot;
	PeerKey key;
	struct sockaddr_storage peer;
	socklen_t peer_len;
	gint64 wake; /* the client's next timer, monotonic us; -1: none */
};
typedef struct _IpmiLink IpmiLink;

struct _HubSource {
	GSource source;
	GMainContext *context;
	GPtrArray *links;                /* IpmiLink * of the clients attached to context */
	gpointer tag[SLOTS];             /* hub.slot[].sock in this source's poll */
	GQueue pending;                  /* Pending *, read on another context's source */
	SendBatch *tx;                   /* what is sent during a wake-up */
	guint8 (*rx)[IPMI_MAX_DATAGRAM]; /* RECV_BATCH receive buffers */
};

typedef struct {
	PeerKey key;
	GBytes *bytes;
} Pending;

/* ipmi-hub.c */
void _ipmi_hub_link_attach(IpmiClient *client, GMainContext *context);

/* ipmi-transport.c */
void _ipmi_transport_on_datagram(IpmiClient *client, const guint8 *buf, gsize len);
void _ipmi_transport_attach_recv_source(IpmiClient *client);

#endif
