/* ipmi-keepalive.c - keeping a session alive, noticing that the BMC
 * dropped it, and opening a new one without the caller noticing.
 *
 * Keepalive: when #IpmiClient:keepalive-interval seconds pass without an
 * in-session request or answer, Get Device ID (as ipmitool does) keeps the
 * BMC's idle timer from ending the session.
 *
 * A dropped session (idle timeout, Close Session from another console, a
 * BMC restart) shows as silence: a BMC discards packets for a session it
 * does not know (IPMI v2.0 section 13.6; bmcsim does so too).  Some BMCs
 * answer outside the session instead; such an unauthenticated answer is
 * only a hint.  Either way the client checks: when an in-session request
 * is about to be sent a third time (or its last time, with fewer retries)
 * and nothing authenticated has come back since it was first sent, or on
 * a hint, two requests go out: Get Channel Authentication Capabilities
 * outside the session, and Get Device ID in it.  When the BMC answers the
 * first and not the second, the BMC is alive and the session is not: it
 * was dropped.  When it answers Get Device ID, the session lives (the
 * request was one this BMC ignores); when it answers neither, it is
 * unreachable; either way the request simply runs to its deadline.
 *
 * Then, with #IpmiClient:auto-reconnect (the default), the handshake runs
 * again with the same credentials, cipher suite and privilege, and the
 * pending requests that cannot have run twice are sent again in the new
 * session within their original deadline (see libipmi/client/README.md for
 * the rule); the others fail with IPMI_CLIENT_ERROR_SESSION_LOST.  Without
 * it, every pending request fails with IPMI_CLIENT_ERROR_SESSION_LOST and
 * the client is left idle. */
#include "ipmi-client-private.h"

#include "core/cmd_app.h"
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/cmd_session.h"
#include "core/status.h"

/* Commands that only read: running one twice changes nothing (the two
 * reservations, which only replace an earlier reservation, count too). */
static const struct {
	guint8 netfn, cmd;
} repeatable[] = {
    {0x00, 0x00}, /* Get Chassis Capabilities */
    {0x00, 0x01}, /* Get Chassis Status */
    {0x00, 0x09}, /* Get System Boot Options */
    {0x00, 0x0F}, /* Get POH Counter */
    {0x04, 0x20}, /* Get Device SDR Info */
    {0x04, 0x21}, /* Get Device SDR */
    {0x04, 0x22}, /* Reserve Device SDR Repository */
    {0x04, 0x25}, /* Get Sensor Hysteresis */
    {0x04, 0x27}, /* Get Sensor Thresholds */
    {0x04, 0x29}, /* Get Sensor Event Enable */
    {0x04, 0x2B}, /* Get Sensor Event Status */
    {0x04, 0x2D}, /* Get Sensor Reading */
    {0x04, 0x2F}, /* Get Sensor Type */
    {0x06, 0x01}, /* Get Device ID */
    {0x06, 0x04}, /* Get Self Test Results */
    {0x06, 0x08}, /* Get Device GUID */
    {0x06, 0x25}, /* Get Watchdog Timer */
    {0x06, 0x2F}, /* Get BMC Global Enables */
    {0x06, 0x37}, /* Get System GUID */
    {0x06, 0x38}, /* Get Channel Authentication Capabilities */
    {0x06, 0x3D}, /* Get Session Info */
    {0x06, 0x42}, /* Get Channel Info */
    {0x06, 0x41}, /* Get Channel Access */
    {0x06, 0x44}, /* Get User Access */
    {0x06, 0x46}, /* Get User Name */
    {0x06, 0x54}, /* Get Channel Cipher Suites */
    {0x0A, 0x10}, /* Get FRU Inventory Area Info */
    {0x0A, 0x11}, /* Read FRU Data */
    {0x0A, 0x20}, /* Get SDR Repository Info */
    {0x0A, 0x21}, /* Get SDR Repository Allocation Info */
    {0x0A, 0x22}, /* Reserve SDR Repository */
    {0x0A, 0x23}, /* Get SDR */
    {0x0A, 0x40}, /* Get SEL Info */
    {0x0A, 0x41}, /* Get SEL Allocation Info */
    {0x0A, 0x42}, /* Reserve SEL */
    {0x0A, 0x43}, /* Get SEL Entry */
    {0x0A, 0x48}, /* Get SEL Time */
    {0x0C, 0x02}, /* Get LAN Configuration Parameters */
};

gboolean
_ipmi_request_is_repeatable(const IpmiRequest *req)
{
	guint8 netfn = req->bridged ? req->inner_netfn : req->netfn;
	guint8 cmd = req->bridged ? req->inner_cmd : req->cmd;
	netfn &= 0x3E;
	for (gsize i = 0; i < G_N_ELEMENTS(repeatable); i++) {
		if (repeatable[i].netfn == netfn && repeatable[i].cmd == cmd)
			return TRUE;
	}
	return FALSE;
}

void
_ipmi_keepalive_reset(IpmiClient *client)
{
	client->probe_ok = client->check_failed = FALSE;
	client->relogging = FALSE;
}

static gboolean
usable(IpmiClient *client)
{
	return client->state == IPMI_CLIENT_STATE_CONNECTED && !client->relogging &&
	       client->console.state == IPMI_CONSOLE_ACTIVE;
}

/* ---- keepalive ---------------------------------------------------------- */

gint64
_ipmi_keepalive_next_wakeup(IpmiClient *client)
{
	gint64 t = -1;
	if (usable(client) && client->keepalive_s && !client->keepalive && client->inflight == 0 &&
	    g_queue_is_empty(&client->queue)) {
		gint64 k = MAX(client->last_rx, client->last_tx) +
			   (gint64)client->keepalive_s * G_TIME_SPAN_SECOND;
		if (t < 0 || k < t)
			t = k;
	}
	return t;
}

static void
on_keepalive(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	client->keepalive = NULL;
	if (error)
		g_debug("%s: keepalive: %s", client->peer, error->message);
}

static void session_lost(IpmiClient *client);

void
_ipmi_keepalive_on_timer(IpmiClient *client, gint64 now)
{
	if (!usable(client) || !client->keepalive_s || client->keepalive || client->inflight ||
	    !g_queue_is_empty(&client->queue))
		return;
	gint64 due = MAX(client->last_rx, client->last_tx) +
		     (gint64)client->keepalive_s * G_TIME_SPAN_SECOND;
	if (now < due)
		return;
	g_debug("%s: idle for %u s: keepalive (Get Device ID)", client->peer, client->keepalive_s);
	IpmiRequest *req = _ipmi_request_new(IPMI_NETFN_APP, 0x01, NULL, 0, FALSE, NULL);
	req->owner = IPMI_INTERNAL_OWNER(client);
	req->done = on_keepalive;
	client->keepalive = req;
	_ipmi_request_submit_default(client, req);
}

/* ---- is the session gone? ----------------------------------------------- */

/* Both answers in: the BMC answers outside the session and not in it. */
static void
decide(IpmiClient *client)
{
	if (client->probe || client->check)
		return;
	/* Dropped: the BMC answers outside the session, not in it, and sends
	 * nothing else (no answer, no junk, no forgery) for the session. */
	gboolean lost = client->probe_ok && client->check_failed &&
			client->last_rx < client->probe_sent &&
			client->rx_datagrams - client->rx_presession == client->noise_mark;
	client->probe_ok = client->check_failed = FALSE;
	if (lost && usable(client))
		session_lost(client);
}

static void
on_probe(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	client->probe = NULL;
	client->probe_ok = rsp != NULL;
	if (error)
		g_debug("%s: the BMC does not answer outside the session either (%s): not a "
			"dropped session",
			client->peer, error->message);
	decide(client);
}

static void
on_check(IpmiClient *client, IpmiRequest *req, IpmiResponse *rsp, const GError *error)
{
	client->check = NULL;
	client->check_failed = g_error_matches(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	if (rsp)
		g_debug("%s: the session is alive (it answers Get Device ID)", client->peer);
	decide(client);
}

static void
start_probe(IpmiClient *client, IpmiRequest *cause)
{
	if (!usable(client) || client->probe || client->check)
		return;
	gint64 now = g_get_monotonic_time();
	/* Half what the request has left, so that a re-login still fits. */
	gint64 left = (cause->deadline - now) / 2 / G_TIME_SPAN_MILLISECOND;
	guint timeout = (guint)CLAMP(left, 100, (gint64)MIN(MAX(client->timeout_ms, 100u), 2000u));
	g_debug("%s: %s: no answer in the session: is the session still there?", client->peer,
		cause->what);
	client->probe_ok = client->check_failed = FALSE;
	/* Outside the session: is the BMC there at all? */
	guint8 buf[4];
	gsize n = _ipmi_auth_caps_req(client, buf);
	IpmiRequest *probe =
	    _ipmi_request_new(IPMI_NETFN_APP, IPMI_CMD_GET_CHANNEL_AUTH_CAPS, buf, n, TRUE,
			      "liveness probe (Get Channel Authentication Capabilities)");
	probe->owner = IPMI_INTERNAL_OWNER(client);
	probe->done = on_probe;
	client->probe = probe;
	/* In the session: does it answer a command every BMC has?  (The
	 * request may just be one this BMC ignores.) */
	IpmiRequest *check = _ipmi_request_new(IPMI_NETFN_APP, 0x01, NULL, 0, FALSE,
					       "session check (Get Device ID)");
	check->owner = IPMI_INTERNAL_OWNER(client);
	check->done = on_check;
	client->check = check;
	client->probe_sent = now;
	client->noise_mark = client->rx_datagrams - client->rx_presession;
	_ipmi_request_submit(client, probe, timeout, 1);
	_ipmi_request_submit(client, check, timeout, 2);
}

void
_ipmi_keepalive_on_retransmit(IpmiClient *client, IpmiRequest *req)
{
	if (req == client->check || (req->owner && req->owner != IPMI_INTERNAL_OWNER(client)))
		return;
	guint threshold = MIN(3u, req->max_sends);
	if (req->sends + 1 < MAX(threshold, 2u) || client->last_rx >= req->first_send)
		return;
	start_probe(client, req);
}

void
_ipmi_keepalive_on_hint(IpmiClient *client, IpmiRequest *req)
{
	g_debug("%s: %s: an answer outside the session (the BMC may have dropped it)", client->peer,
		req->what);
	start_probe(client, req);
}

/* ---- re-login ----------------------------------------------------------- */

static void
session_lost(IpmiClient *client)
{
	g_debug("%s: the BMC dropped the session (idle timeout, closed by another console, or "
		"restarted)",
		client->peer);
	/* Should the BMC still hold it after all, free its slot. */
	_ipmi_close_fire_and_forget(client);
	if (!client->auto_reconnect) {
		g_autoptr(GError) e = _ipmi_error_new(
		    IPMI_CLIENT_ERROR_SESSION_LOST, client->peer, "session",
		    "the BMC dropped the session (idle timeout, closed by another console, or "
		    "restarted: it answers outside the session, not in it); auto-reconnect is off");
		_ipmi_requests_fail(client, IPMI_INTERNAL_OWNER(client), FALSE, e);
		_ipmi_requests_fail(client, NULL, TRUE, e);
		_ipmi_client_teardown(client);
		return;
	}
	g_autoptr(GError) e =
	    _ipmi_error_new(IPMI_CLIENT_ERROR_SESSION_LOST, client->peer, "request",
			    "the BMC dropped the session while the request was pending, and the "
			    "request may already have run: it was not sent again");
	_ipmi_requests_requeue(client, _ipmi_request_is_repeatable, e);
	int suite = client->session_suite;
	client->relogging = TRUE;
	_ipmi_connect_start_relogin(client, suite);
}
