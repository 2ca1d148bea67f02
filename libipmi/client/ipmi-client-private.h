/* ipmi-client-private.h - what the client's source files share: the
 * IpmiClient instance, the request table and the internal entry points.
 *
 *   ipmi-client.c     GObject, properties, signals, accessors
 *   ipmi-client-async.c  public async entry points (connect, request, close)
 *   ipmi-transport.c  receive dispatch, own socket, timer, main context
 *   ipmi-hub.c        shared sockets, send batching, per-context source
 *   ipmi-requests.c   rqSeq table, retransmission, completion
 *   ipmi-connect.c    pre-session, cipher suite choice, handshake, privilege
 *   ipmi-close.c      Close Session and teardown
 *   ipmi-sync.c       blocking wrappers on a private main context
 *   ipmi-error.c      the error domain and the one core-code mapping
 */
#pragma once

#include <gio/gio.h>

#include "ipmi/ipmi.h"

#include "core/cmd_bridge.h"
#include "core/console.h"
#include "core/msg.h"
#include "core/packet.h"

#define IPMI_RQSEQ_SLOTS 64
/* At most half the rqSeq space is in flight, and sequence numbers are handed
 * out round-robin, so a number is reused only after at least 32 others: a
 * late duplicate answer cannot be taken for the answer to a newer request. */
#define IPMI_MAX_INFLIGHT 32
#define IPMI_MIN_RTO_US (50 * G_TIME_SPAN_MILLISECOND)
/* Get Channel Cipher Suites is ignored by many BMCs: probe it briefly. */
#define IPMI_CIPHER_PROBE_TIMEOUT_MS 1000
#define IPMI_CIPHER_PROBE_RETRIES 1

typedef struct _IpmiRequest IpmiRequest;
typedef struct _IpmiCancelWatch IpmiCancelWatch;
typedef struct _IpmiConnectOp IpmiConnectOp;
typedef struct _IpmiCloseOp IpmiCloseOp;

/* Called exactly once per request, after it left the table.  Takes
 * ownership of neither rsp nor error. */
typedef void (*IpmiRequestDone)(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp,
				const GError *error);

struct _IpmiRequest {
	IpmiRequestDone done;
	gpointer owner; /* connect/close op, or NULL for public requests */
	GTask *task;    /* public requests */
	IpmiCancelWatch *watch;
	const char *what; /* "Get Device ID", for messages */
	char what_buf[32];
	gboolean presession;
	guint8 netfn, cmd; /* what the answer must carry (Send Message when bridged) */
	guint8 *data;
	gsize data_len;
	/* Bridged (ipmi-bridge.c): data goes to inner_netfn/inner_cmd along
	 * route; awaiting: the BMC acknowledged with an empty Send Message
	 * answer and the target's answer follows as a message of its own. */
	gboolean bridged;
	gboolean awaiting;
	IpmiBridgeRoute route;
	guint8 inner_netfn, inner_cmd;
	guint8 msg[IPMI_CLIENT_MAX_REQUEST_DATA + 32]; /* the encoded LAN message */
	gsize msg_len;
	int seq;          /* rqSeq while in the table, -1 while queued */
	gint64 deadline;  /* monotonic, us */
	gint64 next_send; /* 0 before the first transmission */
	gint64 rto;
	gint64 first_send;  /* monotonic, us; 0 before the first transmission */
	gboolean fixed_rto; /* retransmit-interval: equal waits, no doubling */
	guint sends, max_sends;
};

typedef enum {
	IPMI_CLIENT_STATE_IDLE,
	IPMI_CLIENT_STATE_CONNECTING,
	IPMI_CLIENT_STATE_CONNECTED,
	IPMI_CLIENT_STATE_CLOSING,
} IpmiClientState;

struct _IpmiClient {
	GObject parent_instance;

	/* configuration (properties) */
	char *host;
	guint16 port;
	char *username;
	guint8 password[IPMI_PASSWORD_MAX];
	gsize password_len;
	gboolean password_too_long;
	guint8 kg[IPMI_KG_LEN];
	gsize kg_len;
	gboolean kg_too_long;
	int cipher_suite; /* -1: auto */
	IpmiPrivilege privilege;
	gboolean name_only;
	gboolean allow_insecure;
	guint timeout_ms;
	guint retries;
	char *keylog_file;
	guint retransmit_ms; /* 0: waits double under timeout */
	guint keepalive_s;   /* 0: none */
	gboolean auto_reconnect;
	/* default bridging of public requests (ipmi-bridge.c) */
	guint8 target_channel, target_addr;
	guint8 transit_channel, transit_addr;

	/* runtime */
	GMainContext *context;
	GSocket *socket;
	GSource *recv_source;
	struct _IpmiLink *link; /* ipmi-hub.c: timers and the shared socket */
	GSource *timer_source;
	char *peer;           /* "host:port", for messages */
	gboolean unreachable; /* ICMP port unreachable seen */
	IpmiClientState state;
	IpmiConsole console;
	int session_suite;
	IpmiPrivilege session_priv;

	IpmiRequest *slots[IPMI_RQSEQ_SLOTS];
	guint inflight;
	guint next_seq;
	GQueue queue;       /* IpmiRequest waiting for a slot */
	GPtrArray *watches; /* IpmiCancelWatch, re-attached with the context */

	IpmiConnectOp *connect_op;
	IpmiCloseOp *close_op;

	/* Keepalive and dropped-session recovery (ipmi-keepalive.c). */
	gint64 last_rx;         /* last authenticated in-session answer, us */
	gint64 last_tx;         /* last in-session request sent, us */
	IpmiRequest *keepalive; /* in flight, or NULL */
	IpmiRequest *probe;     /* pre-session liveness probe in flight */
	IpmiRequest *check;     /* in-session Get Device ID sent with it */
	gint64 probe_sent;      /* when they went out */
	gboolean probe_ok;      /* the BMC answered the probe */
	gboolean check_failed;  /* the check timed out */
	gboolean relogging;     /* re-running the handshake */
	/* The transport counts every datagram it receives, whatever it is;
	 * answers outside the session are counted in ipmi-requests.c.  A BMC
	 * that dropped the session sends nothing else; one that sends junk or
	 * forgeries has not simply forgotten it. */
	guint64 rx_datagrams;
	guint64 rx_presession;
	guint64 noise_mark; /* rx_datagrams - rx_presession when the probe went out */
	guint relogins;     /* sessions re-opened so far */
};

/* ipmi-error.c: the one place where core codes become GErrors. */
#define IPMI_IO_ERROR(c) (-(int)(c))
GError *_ipmi_error_new(int code, const char *peer, const char *what, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
GError *_ipmi_error_from_core(int code, guint8 rmcpp_status, const char *peer, const char *what);
GError *_ipmi_error_from_cc(guint8 cc, guint8 netfn, guint8 cmd, const char *peer,
			    const char *what);

/* ipmi-enums.c */
const char *_ipmi_privilege_name(int priv);

/* ipmi-transport.c and ipmi-hub.c (open, close, send) */
guint64 _ipmi_now_ms(void);
gboolean _ipmi_transport_open(IpmiClient *client, GInetAddress *addr, GError **error);
void _ipmi_transport_close(IpmiClient *client);
void _ipmi_transport_send(IpmiClient *client, const guint8 *dgram, gsize len);
void _ipmi_transport_reschedule(IpmiClient *client);
void _ipmi_client_attach(IpmiClient *client, GMainContext *context);
GError *_ipmi_timeout_error(IpmiClient *client, const char *what, guint tries, const char *hint);
/* Call func(client, data) in the client's context when cancellable fires,
 * until the watch is removed.  NULL cancellable: no watch, NULL returned. */
typedef void (*IpmiCancelFunc)(IpmiClient *client, gpointer data);
IpmiCancelWatch *_ipmi_cancel_watch_add(IpmiClient *client, GCancellable *cancellable,
					IpmiCancelFunc func, gpointer data);
void _ipmi_cancel_watch_remove(IpmiClient *client, IpmiCancelWatch *watch);

/* ipmi-keepalive.c: keepalive, dropped-session detection and re-login. */
/* Owner of the internal requests (keepalive, probe). */
#define IPMI_INTERNAL_OWNER(client) ((gpointer)(client))
gint64 _ipmi_keepalive_next_wakeup(IpmiClient *client);
void _ipmi_keepalive_on_timer(IpmiClient *client, gint64 now);
/* An in-session request is about to be retransmitted (sends so far). */
void _ipmi_keepalive_on_retransmit(IpmiClient *client, IpmiRequest *req);
/* A session-less answer matched an in-session request: a BMC's hint that
 * it no longer knows the session. */
void _ipmi_keepalive_on_hint(IpmiClient *client, IpmiRequest *req);
/* Can the BMC have run this request twice without harm (a read)? */
gboolean _ipmi_request_is_repeatable(const IpmiRequest *req);
void _ipmi_keepalive_reset(IpmiClient *client);
/* ipmi-client.c: emit IpmiClient::session-renewed. */
void _ipmi_client_session_renewed(IpmiClient *client);

/* ipmi-requests.c */
/* With the client's timeout, retries and retransmit-interval. */
void _ipmi_request_submit_default(IpmiClient *client, IpmiRequest *req);
/* Send what the queue holds, as far as slots allow. */
void _ipmi_requests_pump(IpmiClient *client);
/* Take every in-session public request out of the table: those never
 * sent, and those repeat_ok accepts, go back to the queue (to be sent
 * afresh); the others are completed with error.  Internal requests of the
 * client (keepalive, probe) are dropped. */
void _ipmi_requests_requeue(IpmiClient *client, gboolean (*repeat_ok)(const IpmiRequest *),
			    const GError *error);
IpmiRequest *_ipmi_request_new(guint8 netfn, guint8 cmd, const guint8 *data, gsize len,
			       gboolean presession, const char *what);
void _ipmi_request_submit(IpmiClient *client, IpmiRequest *req, guint timeout_ms, guint retries);
void _ipmi_request_complete(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, GError *error);
void _ipmi_requests_fail(IpmiClient *client, gpointer owner, gboolean public_only,
			 const GError *error);
void _ipmi_requests_drop_owned(IpmiClient *client, gpointer owner);
/* payload: the LAN message m was decoded from (bridged answers are
 * unwrapped from it); NULL before the session. */
void _ipmi_requests_handle_response(IpmiClient *client, const IpmiMsg *m, gboolean presession,
				    const guint8 *payload, gsize payload_len);
gint64 _ipmi_requests_next_wakeup(IpmiClient *client);
void _ipmi_requests_on_timer(IpmiClient *client, gint64 now);
const char *_ipmi_command_name(guint8 netfn, guint8 cmd);

/* ipmi-client-async.c: submit a public request (task returns an IpmiResponse);
 * route NULL: the client's default target, if any. */
void _ipmi_request_start_public(IpmiClient *client, GTask *task, guint8 netfn, guint8 command,
				const guint8 *data, gsize data_len, GCancellable *cancellable,
				const IpmiBridgeRoute *route);

/* ipmi-bridge.c */
gboolean _ipmi_client_default_route(IpmiClient *client, IpmiBridgeRoute *route);
void _ipmi_request_set_route(IpmiRequest *req, const IpmiBridgeRoute *route);
int _ipmi_request_encode_bridged(IpmiRequest *req, guint8 seq);
void _ipmi_request_handle_bridged(IpmiClient *client, IpmiRequest *req, const guint8 *payload,
				  gsize payload_len);

/* ipmi-sync.c: run one asynchronous call on a private main context. */
typedef struct _IpmiSyncCall IpmiSyncCall;
IpmiSyncCall *_ipmi_sync_begin(IpmiClient *client);
void _ipmi_sync_done(GObject *source, GAsyncResult *result, gpointer user_data);
GAsyncResult *_ipmi_sync_wait(IpmiSyncCall *call);
void _ipmi_sync_end(IpmiClient *client, IpmiSyncCall *call);

/* ipmi-connect.c */
void _ipmi_connect_start(IpmiClient *client, GTask *task);
/* Open a new session like the last one (same suite), for a re-login: no
 * task, the requests waiting in the queue are what it is for. */
void _ipmi_connect_start_relogin(IpmiClient *client, int suite);
/* Get Channel Authentication Capabilities at the client's privilege, the
 * handshake's first request and the keepalive's liveness probe: its data
 * into buf, its length returned. */
gsize _ipmi_auth_caps_req(IpmiClient *client, guint8 buf[4]);
void _ipmi_connect_abort(IpmiClient *client, GError *error);
void _ipmi_connect_on_setup_datagram(IpmiClient *client, const guint8 *dgram, gsize len);
void _ipmi_connect_on_timer(IpmiClient *client, guint64 now_ms);
GCancellable *_ipmi_connect_cancellable(IpmiClient *client);

/* ipmi-close.c */
void _ipmi_close_start(IpmiClient *client, GTask *task, GTask *failed_connect,
		       GError *connect_error);
gboolean _ipmi_close_attach_task(IpmiClient *client, GTask *task);
void _ipmi_close_fire_and_forget(IpmiClient *client);
void _ipmi_client_teardown(IpmiClient *client);
GCancellable *_ipmi_close_cancellable(IpmiClient *client);
