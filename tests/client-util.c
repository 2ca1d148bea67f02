/* client-util.c - see client-util.h. */
#include "client-util.h"

IpmiClient *
client_util_new(const char *host, guint16 port, const char *user, const char *password)
{
	IpmiClient *c = ipmi_client_new(host, port);
	ipmi_client_set_credentials(c, user, password);
	g_object_set(c, "timeout", 2000, "retries", 3, NULL);
	return c;
}

static void
got(GObject *source, GAsyncResult *result, gpointer user_data)
{
	GAsyncResult **slot = user_data;
	g_assert_null(*slot); /* every task returns exactly once */
	*slot = g_object_ref(result);
}

static GAsyncResult *
wait_for(GAsyncResult **slot)
{
	while (!*slot)
		g_main_context_iteration(NULL, TRUE);
	return *slot;
}

gboolean
client_util_connect(IpmiClient *client, GError **error)
{
	GAsyncResult *res = NULL;
	ipmi_client_connect_async(client, NULL, got, &res);
	gboolean ok = ipmi_client_connect_finish(client, wait_for(&res), error);
	g_object_unref(res);
	return ok;
}

IpmiResponse *
client_util_request(IpmiClient *client, guint8 netfn, guint8 cmd, const guint8 *data, gsize len,
		    GError **error)
{
	GAsyncResult *res = NULL;
	ipmi_client_request_async(client, netfn, cmd, data, len, NULL, got, &res);
	IpmiResponse *rsp = ipmi_client_request_finish(client, wait_for(&res), error);
	g_object_unref(res);
	return rsp;
}

gboolean
client_util_close(IpmiClient *client, GError **error)
{
	GAsyncResult *res = NULL;
	ipmi_client_close_async(client, NULL, got, &res);
	gboolean ok = ipmi_client_close_finish(client, wait_for(&res), error);
	g_object_unref(res);
	return ok;
}

static gboolean
set_flag(gpointer data)
{
	*(gboolean *)data = TRUE;
	return G_SOURCE_REMOVE;
}

void
client_util_spin(guint ms)
{
	gboolean done = FALSE;
	g_timeout_add(ms, set_flag, &done);
	while (!done)
		g_main_context_iteration(NULL, TRUE);
}
