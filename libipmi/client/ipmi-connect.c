/* ipmi-connect.c - establishing a session:
 *
 *   1. resolve the host (GResolver, unless it is a literal address) and
 *      open a connected UDP socket;
 *   2. Get Channel Authentication Capabilities, pre-session (IPMI 1.5
 *      wrapper, auth type none, session 0), asking for IPMI v2.0 data;
 *   3. with cipher-suite -1: Get Channel Cipher Suites, pre-session, with a
 *      short timeout (many BMCs ignore it), then a preference list: 17, 3,
 *      the other suites with integrity, and only with allow-insecure the
 *      suites without; when the BMC does not answer, 17 then 3;
 *   4. the core's console handshake (Open Session, RAKP 1-4), falling back
 *      to the next suite when the BMC refuses the algorithms;
 *   5. the key log line, then Set Session Privilege Level when the
 *      requested privilege is above USER (sessions start at USER).
 *
 * A failure after the session opened closes it (with retries) before the
 * error is reported, so no BMC session slot leaks. */
#include "ipmi-client-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/cmd_session.h"
#include "core/keylog.h"
#include "core/status.h"
#include "core/suite.h"

typedef enum {
	PHASE_RESOLVE,
	PHASE_AUTH_CAPS,
	PHASE_CIPHER_SUITES,
	PHASE_HANDSHAKE,
	PHASE_PRIVILEGE,
} ConnectPhase;

struct _IpmiConnectOp {
	GTask *task;
	IpmiCancelWatch *watch;
	GCancellable *resolve_cancellable;
	ConnectPhase phase;
	GByteArray *suite_stream;
	guint8 suite_index;
	guint8 candidates[IPMI_SUITE_MAX + 1];
	guint n_candidates, next_candidate;
	gboolean auto_suite;
	gboolean relogin; /* the same suite again, after the BMC dropped the session */
	int relogin_suite;
	int suite;
	GError *last_error; /* of the previous suite tried */
};

/* Suites with integrity, best first; then, with allow-insecure only, those
 * without.  xRC4 suites are never chosen automatically. */
static const guint8 secure_preference[] = {17, 3, 16, 8, 12, 2, 7, 11};
static const guint8 insecure_preference[] = {1, 6, 15, 0};
static const guint8 blind_preference[] = {17, 3};

static void start_handshake(IpmiClient *client);

static void
op_free(IpmiClient *client, IpmiConnectOp *op)
{
	_ipmi_cancel_watch_remove(client, op->watch);
	if (op->resolve_cancellable) {
		g_cancellable_cancel(op->resolve_cancellable);
		g_object_unref(op->resolve_cancellable);
	}
	if (op->suite_stream)
		g_byte_array_unref(op->suite_stream);
	g_clear_error(&op->last_error);
	g_free(op);
}

GCancellable *
_ipmi_connect_cancellable(IpmiClient *client)
{
	return client->connect_op && client->connect_op->task
		   ? g_task_get_cancellable(client->connect_op->task)
		   : NULL;
}

/* Takes error.  The connect task is returned exactly once, here or (when a
 * session must be closed first) by the close machinery. */
static void
connect_fail(IpmiClient *client, GError *error)
{
	IpmiConnectOp *op = client->connect_op;
	g_return_if_fail(op != NULL);
	client->connect_op = NULL;
	_ipmi_requests_drop_owned(client, op);
	GTask *task = g_steal_pointer(&op->task);
	op_free(client, op);
	g_debug("%s: connect failed: %s", client->peer, error->message);
	if (client->relogging) {
		/* The requests that waited for the new session get the reason. */
		GError *e = g_error_copy(error);
		g_prefix_error(&e, "the BMC dropped the session and logging in again failed: ");
		_ipmi_requests_fail(client, NULL, TRUE, e);
		g_error_free(e);
	}
	if (!task) {
		/* A re-login: nobody waits but the requests above. */
		_ipmi_close_fire_and_forget(client); /* if the new session opened */
		_ipmi_client_teardown(client);
		g_error_free(error);
		g_object_notify(G_OBJECT(client), "connected");
		return;
	}
	if (client->console.state == IPMI_CONSOLE_ACTIVE) {
		_ipmi_close_start(client, NULL, task, error);
		return;
	}
	_ipmi_client_teardown(client);
	g_task_return_error(task, error);
	g_object_unref(task);
}

void
_ipmi_connect_abort(IpmiClient *client, GError *error)
{
	if (client->connect_op)
		connect_fail(client, error);
	else
		g_error_free(error);
}

static void
on_connect_cancelled(IpmiClient *client, gpointer data)
{
	connect_fail(client, g_error_new_literal(G_IO_ERROR, G_IO_ERROR_CANCELLED,
						 "Operation was cancelled"));
}

static void
connect_done(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	client->connect_op = NULL;
	GTask *task = g_steal_pointer(&op->task);
	gboolean relogin = op->relogin;
	op_free(client, op);
	client->state = IPMI_CLIENT_STATE_CONNECTED;
	client->last_rx = client->last_tx = g_get_monotonic_time();
	g_debug("%s: session open, cipher suite %d, privilege %d", client->peer,
		client->session_suite, client->session_priv);
	if (relogin) {
		client->relogging = FALSE;
		client->relogins++;
		g_debug("%s: logged in again after the BMC dropped the session", client->peer);
		_ipmi_client_session_renewed(client);
	} else {
		g_object_notify(G_OBJECT(client), "connected");
	}
	if (task) {
		g_task_return_boolean(task, TRUE);
		g_object_unref(task);
	}
	if (relogin)
		_ipmi_requests_pump(client); /* what waited for the new session */
}

/* Submit an internal request owned by the connect operation. */
static void
submit(IpmiClient *client, guint8 cmd, const guint8 *data, gsize len, gboolean presession,
       IpmiRequestDone done, guint timeout_ms, guint retries)
{
	IpmiRequest *req = _ipmi_request_new(IPMI_NETFN_APP, cmd, data, len, presession, NULL);
	req->owner = client->connect_op;
	req->done = done;
	if (timeout_ms == 0)
		_ipmi_request_submit_default(client, req); /* timeout, retries, interval */
	else
		_ipmi_request_submit(client, req, timeout_ms, retries);
}

/* ---- 5. key log and privilege ----------------------------------------- */

static void
write_keylog(IpmiClient *client)
{
	const char *path = client->keylog_file;
	if (!path || !*path)
		path = g_getenv("IPMI_KEYLOG_FILE");
	if (!path || !*path)
		return;
	IpmiKeylogEntry e;
	char line[IPMI_KEYLOG_LINE_MAX];
	ipmi_keylog_entry_from(&e, &client->console.rp, &client->console.chan.keys);
	int n = ipmi_keylog_format(&e, line, sizeof line);
	ipmi_wipe(&e, sizeof e);
	if (n > 0) {
		int fd = g_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
		gssize w = -1;
		if (fd >= 0) {
			/* One write of one line: O_APPEND keeps concurrent
			 * writers' lines whole. */
			do
				w = write(fd, line, (size_t)n);
			while (w < 0 && errno == EINTR);
			int saved = errno;
			close(fd);
			errno = saved;
		}
		if (w != n)
			g_warning("cannot append to the session key log %s: %s", path,
				  g_strerror(errno));
	}
	ipmi_wipe(line, sizeof line);
}

static void
on_set_privilege(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	if (error) {
		connect_fail(client, g_error_copy(error));
		return;
	}
	guint8 cc = ipmi_response_get_completion_code(rsp);
	g_autofree char *what = g_strdup_printf("Set Session Privilege Level to %s",
						_ipmi_privilege_name(client->privilege));
	if (cc == 0x80 || cc == 0x81) {
		connect_fail(client,
			     _ipmi_error_new(IPMI_CLIENT_ERROR_PRIVILEGE, client->peer, what,
					     "%s (completion code %02Xh)",
					     cc == 0x80 ? "level not available for this user"
							: "level exceeds the channel or user limit",
					     cc));
		return;
	}
	if (cc != 0) {
		connect_fail(client,
			     _ipmi_error_from_cc(cc, IPMI_NETFN_APP, IPMI_CMD_SET_SESSION_PRIVILEGE,
						 client->peer, what));
		return;
	}
	gsize len;
	const guint8 *d = ipmi_response_peek_data(rsp, &len);
	IpmiSetSessionPrivRsp r;
	int rc = ipmi_set_session_priv_rsp_decode(d, len, &r);
	if (rc < 0) {
		connect_fail(client, _ipmi_error_from_core(rc, 0, client->peer, what));
		return;
	}
	client->session_priv = r.priv ? (IpmiPrivilege)r.priv : client->privilege;
	connect_done(client);
}

static void
on_session_active(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	client->session_suite = op->suite;
	write_keylog(client);
	if (client->privilege <= IPMI_PRIVILEGE_USER) {
		client->session_priv = client->privilege;
		connect_done(client);
		return;
	}
	op->phase = PHASE_PRIVILEGE;
	IpmiSetSessionPrivReq q = {.priv = (uint8_t)client->privilege};
	guint8 buf[4];
	int n = ipmi_set_session_priv_req_encode(buf, sizeof buf, &q);
	g_assert(n > 0);
	submit(client, IPMI_CMD_SET_SESSION_PRIVILEGE, buf, (gsize)n, FALSE, on_set_privilege, 0,
	       0);
}

/* ---- 4. the console handshake ----------------------------------------- */

static void
flush_console(IpmiClient *client)
{
	gsize len = 0;
	const uint8_t *out = ipmi_console_output(&client->console, &len);
	if (out) {
		_ipmi_transport_send(client, out, len);
		ipmi_console_output_done(&client->console);
	}
}

static void
on_handshake_failed(IpmiClient *client, IpmiConsoleState before)
{
	IpmiConnectOp *op = client->connect_op;
	int err = client->console.error;
	g_autofree char *what = g_strdup_printf("RMCP+ session setup (cipher suite %d)", op->suite);
	GError *e;
	if (err == IPMI_ERR_TIMEOUT)
		e = _ipmi_timeout_error(client, what, client->console.cfg.retries + 1u,
					before == IPMI_CONSOLE_OPEN_SENT
					    ? "some BMCs ignore an Open Session Request for a "
					      "cipher suite they lack"
					    : NULL);
	else
		e = _ipmi_error_from_core(err, client->console.peer_status, client->peer, what);
	ipmi_console_wipe(&client->console);
	/* Another suite may do when this one was refused, or when the BMC
	 * did not even answer the Open Session Request. */
	gboolean next = op->auto_suite && op->next_candidate < op->n_candidates &&
			(g_error_matches(e, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_NO_CIPHER_SUITE) ||
			 err == IPMI_ERR_ALGORITHMS ||
			 (err == IPMI_ERR_TIMEOUT && before == IPMI_CONSOLE_OPEN_SENT));
	if (!next) {
		connect_fail(client, e);
		return;
	}
	g_debug("%s; trying the next cipher suite", e->message);
	g_clear_error(&op->last_error);
	op->last_error = e;
	start_handshake(client);
}

static void
after_console_step(IpmiClient *client, IpmiConsoleState before, int rc)
{
	IpmiConsole *c = &client->console;
	flush_console(client);
	/* The Open Session Response's maximum privilege is informative only:
	 * OpenIPMI echoes the requested one, 0 included.  The BMC's verdict
	 * comes with RAKP 2 and Set Session Privilege Level. */
	if (c->state == IPMI_CONSOLE_ACTIVE && before != IPMI_CONSOLE_ACTIVE)
		on_session_active(client);
	else if (c->state == IPMI_CONSOLE_FAILED)
		on_handshake_failed(client, before);
	else if (rc < 0)
		g_debug("%s: ignoring a session setup datagram: %s", client->peer,
			ipmi_strerror(rc));
}

void
_ipmi_connect_on_setup_datagram(IpmiClient *client, const guint8 *dgram, gsize len)
{
	IpmiConnectOp *op = client->connect_op;
	if (!op || op->phase != PHASE_HANDSHAKE)
		return;
	IpmiConsoleState before = client->console.state;
	int rc = ipmi_console_feed(&client->console, dgram, len, _ipmi_now_ms());
	after_console_step(client, before, rc);
}

void
_ipmi_connect_on_timer(IpmiClient *client, guint64 now_ms)
{
	IpmiConnectOp *op = client->connect_op;
	if (!op || op->phase != PHASE_HANDSHAKE ||
	    ipmi_console_next_deadline(&client->console) > now_ms)
		return;
	IpmiConsoleState before = client->console.state;
	int rc = ipmi_console_handle_timeout(&client->console, now_ms);
	after_console_step(client, before, rc);
}

static void
start_handshake(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	if (op->next_candidate >= op->n_candidates) {
		GError *e = g_steal_pointer(&op->last_error);
		if (!e)
			e = _ipmi_error_from_core(IPMI_ERR_UNSUPPORTED, 0, client->peer,
						  "RMCP+ session setup");
		connect_fail(client, e);
		return;
	}
	op->suite = op->candidates[op->next_candidate++];
	op->phase = PHASE_HANDSHAKE;
	const IpmiCipherSuite *cs = ipmi_suite_get((unsigned)op->suite);
	IpmiConsoleConfig cfg = {0};
	gsize ulen = client->username ? strlen(client->username) : 0;
	memcpy(cfg.user, client->username, ulen);
	cfg.user_len = (uint8_t)ulen;
	memcpy(cfg.password, client->password, client->password_len);
	cfg.password_len = (uint8_t)client->password_len;
	memcpy(cfg.kg, client->kg, client->kg_len);
	cfg.kg_len = (uint8_t)client->kg_len;
	cfg.auth = cs->auth;
	cfg.integ = cs->integ;
	cfg.conf = cs->conf;
	cfg.privilege = (uint8_t)client->privilege;
	cfg.name_only = client->name_only;
	cfg.allow_insecure = client->allow_insecure;
	cfg.allow_rc4 = client->allow_insecure;
	/* The core doubles the wait up to 8x: with rto = timeout / 15 and
	 * three retries the handshake step ends at the timeout. */
	guint retries = MIN(client->retries, 255u);
	guint64 div = retries >= 3 ? 15 + 8 * (retries - 3) : (1u << (retries + 1)) - 1;
	cfg.retransmit_ms = (uint32_t)MAX(client->timeout_ms / div, 50u);
	if (client->retransmit_ms)
		cfg.retransmit_ms = (uint32_t)MAX(client->retransmit_ms, 50u);
	cfg.retries = (uint8_t)retries;
	ipmi_console_wipe(&client->console);
	int rc = ipmi_console_init(&client->console, &cfg, ipmi_random_strong, NULL);
	ipmi_wipe(&cfg, sizeof cfg);
	if (rc >= 0)
		rc = ipmi_console_start(&client->console, _ipmi_now_ms());
	if (rc < 0) {
		g_autofree char *what =
		    g_strdup_printf("RMCP+ session setup (cipher suite %d)", op->suite);
		GError *e = _ipmi_error_from_core(rc, 0, client->peer, what);
		ipmi_console_wipe(&client->console);
		if (op->auto_suite && op->next_candidate < op->n_candidates) {
			g_clear_error(&op->last_error);
			op->last_error = e;
			start_handshake(client);
		} else {
			connect_fail(client, e);
		}
		return;
	}
	g_debug("%s: opening a session with cipher suite %d", client->peer, op->suite);
	flush_console(client);
	_ipmi_transport_reschedule(client);
}

/* ---- 3. cipher suite choice ------------------------------------------- */

static void
add_candidate(IpmiConnectOp *op, guint8 id)
{
	for (guint i = 0; i < op->n_candidates; i++) {
		if (op->candidates[i] == id)
			return;
	}
	if (op->n_candidates < G_N_ELEMENTS(op->candidates))
		op->candidates[op->n_candidates++] = id;
}

static void
choose_blind(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	op->n_candidates = 0;
	for (gsize i = 0; i < G_N_ELEMENTS(blind_preference); i++)
		add_candidate(op, blind_preference[i]);
	start_handshake(client);
}

static void
choose_from_list(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	IpmiCipherSuiteRecord recs[64];
	size_t n = 0;
	int rc = ipmi_cipher_suite_records_decode(op->suite_stream->data, op->suite_stream->len,
						  recs, G_N_ELEMENTS(recs), &n);
	if (rc < 0 || n == 0) {
		g_debug("%s: unusable cipher suite list (%s); trying 17, then 3", client->peer,
			rc < 0 ? ipmi_strerror(rc) : "empty");
		choose_blind(client);
		return;
	}
	guint32 offered = 0;
	GString *list = g_string_new(NULL);
	for (size_t i = 0; i < n; i++) {
		if (recs[i].oem)
			continue;
		int id = ipmi_suite_find(recs[i].auth, recs[i].integ, recs[i].conf);
		if (id < 0)
			continue;
		offered |= 1u << id;
		g_string_append_printf(list, "%s%d", list->len ? " " : "", id);
	}
	op->n_candidates = 0;
	for (gsize i = 0; i < G_N_ELEMENTS(secure_preference); i++) {
		if (offered & (1u << secure_preference[i]))
			add_candidate(op, secure_preference[i]);
	}
	if (client->allow_insecure) {
		for (gsize i = 0; i < G_N_ELEMENTS(insecure_preference); i++) {
			if (offered & (1u << insecure_preference[i]))
				add_candidate(op, insecure_preference[i]);
		}
	}
	g_debug("%s: the BMC offers cipher suites: %s", client->peer, list->str);
	if (op->n_candidates == 0) {
		GError *e = _ipmi_error_new(
		    IPMI_CLIENT_ERROR_NO_CIPHER_SUITE, client->peer, "cipher suite negotiation",
		    "no acceptable cipher suite: the BMC offers only %s%s",
		    list->len ? list->str : "OEM suites",
		    client->allow_insecure ? ""
					   : " (suites without integrity need allow-insecure)");
		g_string_free(list, TRUE);
		connect_fail(client, e);
		return;
	}
	g_string_free(list, TRUE);
	start_handshake(client);
}

static void request_cipher_suites(IpmiClient *client);

static void
on_cipher_suites(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	IpmiConnectOp *op = client->connect_op;
	if (error || ipmi_response_get_completion_code(rsp) != 0) {
		g_debug(
		    "%s: no cipher suite list (%s); trying 17, then 3", client->peer,
		    error ? error->message
			  : ipmi_completion_code_to_string(ipmi_response_get_completion_code(rsp)));
		choose_blind(client);
		return;
	}
	gsize len;
	const guint8 *d = ipmi_response_peek_data(rsp, &len);
	IpmiGetCipherSuitesRsp r;
	if (ipmi_get_cipher_suites_rsp_decode(d, len, &r) < 0) {
		choose_blind(client);
		return;
	}
	g_byte_array_append(op->suite_stream, r.data, (guint)r.data_len);
	if (r.data_len == IPMI_CIPHER_SUITE_CHUNK &&
	    op->suite_index < IPMI_CIPHER_SUITE_MAX_INDEX) {
		op->suite_index++;
		request_cipher_suites(client);
		return;
	}
	choose_from_list(client);
}

static void
request_cipher_suites(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	op->phase = PHASE_CIPHER_SUITES;
	IpmiGetCipherSuitesReq q = {
	    .channel = IPMI_CHANNEL_CURRENT,
	    .payload_type = IPMI_PAYLOAD_IPMI,
	    .by_suite = true,
	    .index = op->suite_index,
	};
	guint8 buf[8];
	int n = ipmi_get_cipher_suites_req_encode(buf, sizeof buf, &q);
	g_assert(n > 0);
	submit(client, IPMI_CMD_GET_CHANNEL_CIPHER_SUITES, buf, (gsize)n, TRUE, on_cipher_suites,
	       MIN(client->timeout_ms, IPMI_CIPHER_PROBE_TIMEOUT_MS), IPMI_CIPHER_PROBE_RETRIES);
}

/* ---- 2. authentication capabilities ----------------------------------- */

static void
on_auth_caps(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	IpmiConnectOp *op = client->connect_op;
	if (error) {
		connect_fail(client, g_error_copy(error));
		return;
	}
	if (!ipmi_response_check(rsp, NULL)) {
		connect_fail(client, _ipmi_error_from_cc(
					 ipmi_response_get_completion_code(rsp), IPMI_NETFN_APP,
					 IPMI_CMD_GET_CHANNEL_AUTH_CAPS, client->peer, req->what));
		return;
	}
	gsize len;
	const guint8 *d = ipmi_response_peek_data(rsp, &len);
	IpmiGetChannelAuthCapsRsp caps;
	int rc = ipmi_get_channel_auth_caps_rsp_decode(d, len, &caps);
	if (rc < 0) {
		connect_fail(client, _ipmi_error_from_core(rc, 0, client->peer, req->what));
		return;
	}
	if (!caps.v2_ext || !caps.supports_v20) {
		GError *e = _ipmi_error_new(IPMI_CLIENT_ERROR_PROTOCOL, client->peer, req->what,
					    "the BMC does not offer IPMI v2.0 RMCP+ (lanplus) "
					    "sessions on this channel");
		connect_fail(client, e);
		return;
	}
	if (caps.kg_set && client->kg_len == 0)
		g_debug("%s: the BMC has a K_G key set, none was given", client->peer);
	if (op->relogin) {
		op->n_candidates = 0;
		add_candidate(op, (guint8)op->relogin_suite);
		start_handshake(client);
	} else if (op->auto_suite) {
		op->suite_stream = g_byte_array_new();
		op->suite_index = 0;
		request_cipher_suites(client);
	} else {
		op->n_candidates = 0;
		add_candidate(op, (guint8)client->cipher_suite);
		start_handshake(client);
	}
}

gsize
_ipmi_auth_caps_req(IpmiClient *client, guint8 buf[4])
{
	IpmiGetChannelAuthCapsReq q = {
	    .v2_data = true,
	    .channel = IPMI_CHANNEL_CURRENT,
	    .max_priv = (uint8_t)client->privilege,
	};
	int n = ipmi_get_channel_auth_caps_req_encode(buf, 4, &q);
	g_assert(n > 0);
	return (gsize)n;
}

static void
request_auth_caps(IpmiClient *client)
{
	IpmiConnectOp *op = client->connect_op;
	op->phase = PHASE_AUTH_CAPS;
	guint8 buf[4];
	gsize n = _ipmi_auth_caps_req(client, buf);
	submit(client, IPMI_CMD_GET_CHANNEL_AUTH_CAPS, buf, n, TRUE, on_auth_caps, 0, 0);
}

/* ---- 1. address and socket -------------------------------------------- */

static void
use_address(IpmiClient *client, GInetAddress *addr)
{
	GError *error = NULL;
	g_autofree char *a = g_inet_address_to_string(addr);
	g_debug("%s: using address %s", client->peer, a);
	if (!_ipmi_transport_open(client, addr, &error)) {
		g_prefix_error(&error, "%s: ", client->peer);
		connect_fail(client, error);
		return;
	}
	request_auth_caps(client);
}

static void
on_resolved(GObject *source, GAsyncResult *result, gpointer user_data)
{
	IpmiClient *client = user_data;
	GError *error = NULL;
	GList *addrs = g_resolver_lookup_by_name_finish(G_RESOLVER(source), result, &error);
	IpmiConnectOp *op = client->connect_op;
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !op ||
	    op->phase != PHASE_RESOLVE) {
		/* The connect operation is gone (cancelled or closed). */
		g_clear_error(&error);
	} else if (error) {
		g_prefix_error(&error, "%s: cannot resolve the host name: ", client->peer);
		connect_fail(client, error);
	} else {
		use_address(client, addrs->data);
	}
	g_resolver_free_addresses(addrs);
	g_object_unref(client);
}

static void connect_start(IpmiClient *client, GTask *task, int relogin_suite);

void
_ipmi_connect_start(IpmiClient *client, GTask *task)
{
	connect_start(client, task, -1);
}

void
_ipmi_connect_start_relogin(IpmiClient *client, int suite)
{
	connect_start(client, NULL, suite);
}

static void
connect_start(IpmiClient *client, GTask *task, int relogin_suite)
{
	IpmiConnectOp *op = g_new0(IpmiConnectOp, 1);
	op->task = task;
	op->phase = PHASE_RESOLVE;
	op->auto_suite = client->cipher_suite < 0;
	op->relogin = relogin_suite >= 0;
	op->relogin_suite = relogin_suite;
	client->connect_op = op;
	client->state = IPMI_CLIENT_STATE_CONNECTING;
	client->session_suite = -1;
	client->session_priv = 0;
	op->watch = _ipmi_cancel_watch_add(client, task ? g_task_get_cancellable(task) : NULL,
					   on_connect_cancelled, NULL);
	g_autoptr(GInetAddress) addr = g_inet_address_new_from_string(client->host);
	if (addr) {
		use_address(client, addr);
		return;
	}
	op->resolve_cancellable = g_cancellable_new();
	g_autoptr(GResolver) resolver = g_resolver_get_default();
	g_resolver_lookup_by_name_async(resolver, client->host, op->resolve_cancellable,
					on_resolved, g_object_ref(client));
}
