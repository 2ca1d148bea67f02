/* ipmi-client.c - the IpmiClient GObject: type, properties, signals,
 * construction and the simple accessors.  The public asynchronous entry
 * points (connect, request, close) are in ipmi-client-async.c.  See
 * ipmi-client-private.h for the map. */
#include "ipmi-client-private.h"

#include <string.h>

#include "core/crypto.h"
#include "core/suite.h"

/**
 * IpmiClient:
 *
 * A console (client) of one BMC over IPMI v2.0 RMCP+, the protocol of
 * ipmitool's "lanplus" interface.
 *
 * Configure it with properties, open a session with
 * ipmi_client_connect_async(), send any number of requests, also several at
 * once, with ipmi_client_request_async(), and end the session with
 * ipmi_client_close_async().  Each has a blocking variant that runs a
 * private main context.
 *
 * The client does its I/O on the thread-default main context of the thread
 * that calls ipmi_client_connect_async(); use it from that thread only.
 * Requests are retransmitted with exponential backoff (same rqSeq, new
 * session sequence number) until #IpmiClient:timeout; every request
 * completes exactly once.
 *
 * The password and K_G are write-only, never logged, and wiped when the
 * client is finalized; session keys are wiped when the session ends.  When
 * #IpmiClient:keylog-file or the environment variable IPMI_KEYLOG_FILE
 * names a file, one line with the session integrity key is appended to it
 * for every session (mode 0600 when created), so that captures can be
 * decrypted later.
 */

G_DEFINE_FINAL_TYPE(IpmiClient, ipmi_client, G_TYPE_OBJECT)

enum {
	PROP_0,
	PROP_HOST,
	PROP_PORT,
	PROP_USERNAME,
	PROP_PASSWORD,
	PROP_KG,
	PROP_CIPHER_SUITE,
	PROP_PRIVILEGE,
	PROP_NAME_ONLY_LOOKUP,
	PROP_ALLOW_INSECURE,
	PROP_TIMEOUT,
	PROP_RETRIES,
	PROP_KEYLOG_FILE,
	PROP_RETRANSMIT_INTERVAL,
	PROP_KEEPALIVE_INTERVAL,
	PROP_AUTO_RECONNECT,
	PROP_CONNECTED,
	PROP_SESSION_CIPHER_SUITE,
	PROP_SESSION_PRIVILEGE,
	N_PROPS
};

static GParamSpec *props[N_PROPS];

enum { SIGNAL_SESSION_RENEWED, N_SIGNALS };

static guint signals[N_SIGNALS];

void
_ipmi_client_session_renewed(IpmiClient *client)
{
	g_signal_emit(client, signals[SIGNAL_SESSION_RENEWED], 0);
}

static void
set_password(IpmiClient *self, const char *password)
{
	gsize len = password ? strlen(password) : 0;
	ipmi_wipe(self->password, sizeof self->password);
	self->password_too_long = len > sizeof self->password;
	self->password_len = MIN(len, sizeof self->password);
	if (self->password_len)
		memcpy(self->password, password, self->password_len);
}

static void
set_kg(IpmiClient *self, const guint8 *kg, gsize len)
{
	ipmi_wipe(self->kg, sizeof self->kg);
	self->kg_too_long = len > sizeof self->kg;
	self->kg_len = MIN(len, sizeof self->kg);
	if (self->kg_len)
		memcpy(self->kg, kg, self->kg_len);
}

static void
ipmi_client_set_property(GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
	IpmiClient *self = IPMI_CLIENT(object);
	switch (prop_id) {
	case PROP_HOST:
		g_free(self->host);
		self->host = g_value_dup_string(value);
		break;
	case PROP_PORT:
		self->port = (guint16)g_value_get_uint(value);
		break;
	case PROP_USERNAME:
		g_free(self->username);
		self->username = g_value_dup_string(value);
		break;
	case PROP_PASSWORD:
		set_password(self, g_value_get_string(value));
		break;
	case PROP_KG: {
		GBytes *b = g_value_get_boxed(value);
		gsize len = 0;
		const guint8 *d = b ? g_bytes_get_data(b, &len) : NULL;
		set_kg(self, d, len);
		break;
	}
	case PROP_CIPHER_SUITE:
		self->cipher_suite = g_value_get_int(value);
		break;
	case PROP_PRIVILEGE:
		self->privilege = g_value_get_enum(value);
		break;
	case PROP_NAME_ONLY_LOOKUP:
		self->name_only = g_value_get_boolean(value);
		break;
	case PROP_ALLOW_INSECURE:
		self->allow_insecure = g_value_get_boolean(value);
		break;
	case PROP_TIMEOUT:
		self->timeout_ms = g_value_get_uint(value);
		break;
	case PROP_RETRIES:
		self->retries = g_value_get_uint(value);
		break;
	case PROP_KEYLOG_FILE:
		g_free(self->keylog_file);
		self->keylog_file = g_value_dup_string(value);
		break;
	case PROP_RETRANSMIT_INTERVAL:
		self->retransmit_ms = g_value_get_uint(value);
		break;
	case PROP_KEEPALIVE_INTERVAL:
		self->keepalive_s = g_value_get_uint(value);
		_ipmi_transport_reschedule(self);
		break;
	case PROP_AUTO_RECONNECT:
		self->auto_reconnect = g_value_get_boolean(value);
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
	}
}

static void
ipmi_client_get_property(GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
	IpmiClient *self = IPMI_CLIENT(object);
	switch (prop_id) {
	case PROP_HOST:
		g_value_set_string(value, self->host);
		break;
	case PROP_PORT:
		g_value_set_uint(value, self->port);
		break;
	case PROP_USERNAME:
		g_value_set_string(value, self->username);
		break;
	case PROP_CIPHER_SUITE:
		g_value_set_int(value, self->cipher_suite);
		break;
	case PROP_PRIVILEGE:
		g_value_set_enum(value, self->privilege);
		break;
	case PROP_NAME_ONLY_LOOKUP:
		g_value_set_boolean(value, self->name_only);
		break;
	case PROP_ALLOW_INSECURE:
		g_value_set_boolean(value, self->allow_insecure);
		break;
	case PROP_TIMEOUT:
		g_value_set_uint(value, self->timeout_ms);
		break;
	case PROP_RETRIES:
		g_value_set_uint(value, self->retries);
		break;
	case PROP_KEYLOG_FILE:
		g_value_set_string(value, self->keylog_file);
		break;
	case PROP_RETRANSMIT_INTERVAL:
		g_value_set_uint(value, self->retransmit_ms);
		break;
	case PROP_KEEPALIVE_INTERVAL:
		g_value_set_uint(value, self->keepalive_s);
		break;
	case PROP_AUTO_RECONNECT:
		g_value_set_boolean(value, self->auto_reconnect);
		break;
	case PROP_CONNECTED:
		g_value_set_boolean(value, ipmi_client_is_connected(self));
		break;
	case PROP_SESSION_CIPHER_SUITE:
		g_value_set_int(value, ipmi_client_get_session_cipher_suite(self));
		break;
	case PROP_SESSION_PRIVILEGE:
		g_value_set_int(value, (int)ipmi_client_get_session_privilege(self));
		break;
	default:
		G_OBJECT_WARN_INVALID_PROPERTY_ID(object, prop_id, pspec);
	}
}

static void
ipmi_client_dispose(GObject *object)
{
	IpmiClient *self = IPMI_CLIENT(object);
	/* A re-login holds no reference: end it. */
	if (self->connect_op)
		_ipmi_connect_abort(self, _ipmi_error_new(IPMI_CLIENT_ERROR_CLOSED, self->peer,
							  "connect", "the client was disposed"));
	/* No operation can be pending (each holds a reference), but a
	 * session may be open: tell the BMC, once, without waiting. */
	if (self->state == IPMI_CLIENT_STATE_CONNECTED)
		_ipmi_close_fire_and_forget(self);
	_ipmi_transport_close(self);
	ipmi_console_wipe(&self->console);
	self->state = IPMI_CLIENT_STATE_IDLE;
	if (self->timer_source) {
		g_source_destroy(self->timer_source);
		g_clear_pointer(&self->timer_source, g_source_unref);
	}
	G_OBJECT_CLASS(ipmi_client_parent_class)->dispose(object);
}

static void
ipmi_client_finalize(GObject *object)
{
	IpmiClient *self = IPMI_CLIENT(object);
	ipmi_wipe(self->password, sizeof self->password);
	ipmi_wipe(self->kg, sizeof self->kg);
	g_free(self->host);
	g_free(self->username);
	g_free(self->keylog_file);
	g_free(self->peer);
	g_ptr_array_unref(self->watches);
	g_clear_pointer(&self->context, g_main_context_unref);
	G_OBJECT_CLASS(ipmi_client_parent_class)->finalize(object);
}

static void
ipmi_client_class_init(IpmiClientClass *klass)
{
	GObjectClass *object_class = G_OBJECT_CLASS(klass);
	object_class->set_property = ipmi_client_set_property;
	object_class->get_property = ipmi_client_get_property;
	object_class->dispose = ipmi_client_dispose;
	object_class->finalize = ipmi_client_finalize;
	GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

	/**
	 * IpmiClient:host:
	 *
	 * The BMC's host name or IPv4/IPv6 address.
	 */
	props[PROP_HOST] = g_param_spec_string("host", NULL, NULL, NULL, rw | G_PARAM_CONSTRUCT);
	/**
	 * IpmiClient:port:
	 *
	 * The BMC's UDP port.
	 */
	props[PROP_PORT] = g_param_spec_uint("port", NULL, NULL, 1, 65535, IPMI_CLIENT_DEFAULT_PORT,
					     rw | G_PARAM_CONSTRUCT);
	/**
	 * IpmiClient:username:
	 *
	 * The user name, at most 16 bytes; empty for the anonymous or null
	 * user.
	 */
	props[PROP_USERNAME] = g_param_spec_string("username", NULL, NULL, "", rw);
	/**
	 * IpmiClient:password:
	 *
	 * The password, at most 20 bytes.  Write-only; never logged; wiped
	 * when the client is finalized.
	 */
	props[PROP_PASSWORD] = g_param_spec_string("password", NULL, NULL, NULL,
						   G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
	/**
	 * IpmiClient:kg:
	 *
	 * The BMC key K_G (at most 20 bytes), when the BMC has one; %NULL or
	 * empty when the password keys the session.  Write-only.
	 */
	props[PROP_KG] = g_param_spec_boxed("kg", NULL, NULL, G_TYPE_BYTES,
					    G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
	/**
	 * IpmiClient:cipher-suite:
	 *
	 * The cipher suite (0-19), or -1 to choose: 17, then 3, then the other
	 * suites with integrity the BMC offers.  Suites without integrity (0,
	 * 1, 6, 15) and xRC4 need #IpmiClient:allow-insecure.
	 */
	props[PROP_CIPHER_SUITE] =
	    g_param_spec_int("cipher-suite", NULL, NULL, -1, IPMI_SUITE_MAX, -1, rw);
	/**
	 * IpmiClient:privilege:
	 *
	 * The privilege level to run the session at.
	 */
	props[PROP_PRIVILEGE] = g_param_spec_enum("privilege", NULL, NULL, IPMI_TYPE_PRIVILEGE,
						  IPMI_PRIVILEGE_ADMINISTRATOR, rw);
	/**
	 * IpmiClient:name-only-lookup:
	 *
	 * Whether the BMC looks the user up by name only (RAKP 1 role bit 4,
	 * the default of ipmitool and FreeIPMI) rather than by name and
	 * privilege.
	 */
	props[PROP_NAME_ONLY_LOOKUP] =
	    g_param_spec_boolean("name-only-lookup", NULL, NULL, TRUE, rw);
	/**
	 * IpmiClient:allow-insecure:
	 *
	 * Permit cipher suites without integrity protection (0, 1, 6, 15) and
	 * with xRC4 confidentiality.  Off by default.
	 */
	props[PROP_ALLOW_INSECURE] = g_param_spec_boolean("allow-insecure", NULL, NULL, FALSE, rw);
	/**
	 * IpmiClient:timeout:
	 *
	 * The deadline in milliseconds of each request and of each step of
	 * the session setup, retransmissions included.
	 */
	props[PROP_TIMEOUT] = g_param_spec_uint("timeout", NULL, NULL, 1, 3600000, 10000, rw);
	/**
	 * IpmiClient:retries:
	 *
	 * Retransmissions per request within #IpmiClient:timeout; the waits
	 * between them double.
	 */
	props[PROP_RETRIES] = g_param_spec_uint("retries", NULL, NULL, 0, 16, 3, rw);
	/**
	 * IpmiClient:keylog-file:
	 *
	 * A file to append each session's key log line to (see
	 * libipmi/core/keylog.h for the format); when %NULL, the
	 * environment variable IPMI_KEYLOG_FILE is used if set.
	 */
	props[PROP_KEYLOG_FILE] = g_param_spec_string("keylog-file", NULL, NULL, NULL, rw);
	/**
	 * IpmiClient:retransmit-interval:
	 *
	 * When not 0, the time in milliseconds between transmissions of a
	 * request, as ipmitool's -N: a request is sent #IpmiClient:retries + 1
	 * times at this interval and fails after retransmit-interval ×
	 * (retries + 1), and #IpmiClient:timeout no longer applies to requests
	 * (session setup steps start at this interval).  0 (the default): the
	 * waits double under #IpmiClient:timeout.
	 */
	props[PROP_RETRANSMIT_INTERVAL] =
	    g_param_spec_uint("retransmit-interval", NULL, NULL, 0, 3600000, 0, rw);
	/**
	 * IpmiClient:keepalive-interval:
	 *
	 * After this many seconds without requests, the client sends Get Device
	 * ID so that the BMC does not end the session for inactivity (BMCs
	 * commonly do after 60 s).  Needs the client's main context to run.
	 * 0 disables it.
	 */
	props[PROP_KEEPALIVE_INTERVAL] =
	    g_param_spec_uint("keepalive-interval", NULL, NULL, 0, 3600, 30, rw);
	/**
	 * IpmiClient:auto-reconnect:
	 *
	 * When the BMC drops the session (idle timeout, Close Session from
	 * another console, a restart), open a new one with the same
	 * credentials, cipher suite and privilege and send the pending
	 * requests that cannot have run (or only read) again, within their
	 * deadline; #IpmiClient::session-renewed tells.  When off, pending
	 * requests fail with %IPMI_CLIENT_ERROR_SESSION_LOST and the client
	 * is left without a session.
	 */
	props[PROP_AUTO_RECONNECT] = g_param_spec_boolean("auto-reconnect", NULL, NULL, TRUE, rw);
	/**
	 * IpmiClient:connected:
	 *
	 * Whether a session is open.
	 */
	props[PROP_CONNECTED] = g_param_spec_boolean("connected", NULL, NULL, FALSE,
						     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	/**
	 * IpmiClient:session-cipher-suite:
	 *
	 * The cipher suite of the open session, -1 when none.
	 */
	props[PROP_SESSION_CIPHER_SUITE] =
	    g_param_spec_int("session-cipher-suite", NULL, NULL, -1, IPMI_SUITE_MAX, -1,
			     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	/**
	 * IpmiClient:session-privilege:
	 *
	 * The privilege level of the open session (an #IpmiPrivilege), 0 when
	 * none.
	 */
	props[PROP_SESSION_PRIVILEGE] =
	    g_param_spec_int("session-privilege", NULL, NULL, 0, IPMI_PRIVILEGE_OEM, 0,
			     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
	g_object_class_install_properties(object_class, N_PROPS, props);
	/**
	 * IpmiClient::session-renewed:
	 * @client: the #IpmiClient
	 *
	 * The BMC had dropped the session and the client opened a new one
	 * (see #IpmiClient:auto-reconnect).
	 */
	signals[SIGNAL_SESSION_RENEWED] =
	    g_signal_new("session-renewed", G_TYPE_FROM_CLASS(klass), G_SIGNAL_RUN_LAST, 0, NULL,
			 NULL, NULL, G_TYPE_NONE, 0);
}

static void
ipmi_client_init(IpmiClient *self)
{
	self->port = IPMI_CLIENT_DEFAULT_PORT;
	self->username = g_strdup("");
	self->cipher_suite = -1;
	self->privilege = IPMI_PRIVILEGE_ADMINISTRATOR;
	self->name_only = TRUE;
	self->timeout_ms = 10000;
	self->retries = 3;
	self->keepalive_s = 30;
	self->auto_reconnect = TRUE;
	self->session_suite = -1;
	self->console.deadline = UINT64_MAX;
	self->watches = g_ptr_array_new();
	self->context = g_main_context_ref_thread_default();
	ipmi_crypto_init();
}

/**
 * ipmi_client_new:
 * @host: the BMC's host name or address
 * @port: its UDP port, or 0 for 623
 *
 * Returns: (transfer full): a new #IpmiClient, not yet connected
 */
IpmiClient *
ipmi_client_new(const char *host, guint16 port)
{
	g_return_val_if_fail(host != NULL, NULL);
	return g_object_new(IPMI_TYPE_CLIENT, "host", host, "port",
			    (guint)(port ? port : IPMI_CLIENT_DEFAULT_PORT), NULL);
}

/**
 * ipmi_client_get_host:
 * @client: an #IpmiClient
 *
 * Returns: (transfer none): the #IpmiClient:host
 */
const char *
ipmi_client_get_host(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), NULL);
	return client->host;
}

/**
 * ipmi_client_get_port:
 * @client: an #IpmiClient
 *
 * Returns: the #IpmiClient:port
 */
guint16
ipmi_client_get_port(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), 0);
	return client->port;
}

/**
 * ipmi_client_set_credentials:
 * @client: an #IpmiClient
 * @username: (nullable): the user name (at most 16 bytes)
 * @password: (nullable): the password (at most 20 bytes)
 *
 * Sets #IpmiClient:username and #IpmiClient:password for the next
 * connection.
 */
void
ipmi_client_set_credentials(IpmiClient *client, const char *username, const char *password)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	g_free(client->username);
	client->username = g_strdup(username ? username : "");
	set_password(client, password);
	g_object_notify_by_pspec(G_OBJECT(client), props[PROP_USERNAME]);
}

/**
 * ipmi_client_set_kg:
 * @client: an #IpmiClient
 * @kg: (array length=kg_len) (nullable): the BMC key K_G
 * @kg_len: its length (at most 20)
 *
 * Sets #IpmiClient:kg for the next connection; a short key is padded with
 * zeros, as ipmitool does.
 */
void
ipmi_client_set_kg(IpmiClient *client, const guint8 *kg, gsize kg_len)
{
	g_return_if_fail(IPMI_IS_CLIENT(client));
	set_kg(client, kg, kg ? kg_len : 0);
}

/**
 * ipmi_client_is_connected:
 * @client: an #IpmiClient
 *
 * Returns: whether a session is open
 */
gboolean
ipmi_client_is_connected(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), FALSE);
	return client->state == IPMI_CLIENT_STATE_CONNECTED || client->relogging;
}

/**
 * ipmi_client_get_session_id:
 * @client: an #IpmiClient
 *
 * Returns: the BMC's ID of the open session (what Close Session names),
 *   or 0 when none is open
 */
guint32
ipmi_client_get_session_id(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), 0);
	return client->state == IPMI_CLIENT_STATE_CONNECTED ? client->console.rp.bmc_sid : 0;
}

/**
 * ipmi_client_get_session_cipher_suite:
 * @client: an #IpmiClient
 *
 * Returns: the cipher suite of the open session, or -1
 */
int
ipmi_client_get_session_cipher_suite(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), -1);
	return ipmi_client_is_connected(client) ? client->session_suite : -1;
}

/**
 * ipmi_client_get_session_privilege:
 * @client: an #IpmiClient
 *
 * Returns: the privilege level of the open session, or 0
 */
IpmiPrivilege
ipmi_client_get_session_privilege(IpmiClient *client)
{
	g_return_val_if_fail(IPMI_IS_CLIENT(client), 0);
	return ipmi_client_is_connected(client) ? client->session_priv : 0;
}
