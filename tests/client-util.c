/* client-util.c - see client-util.h. */
#include "client-util.h"

#include <signal.h>
#include <sys/prctl.h>

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

static void
die_with_parent(gpointer data)
{
	prctl(PR_SET_PDEATHSIG, SIGTERM);
}

GSubprocess *
client_util_spawn(const char *const *argv, GSubprocessFlags flags, GError **error)
{
	g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new(flags);
	g_subprocess_launcher_set_child_setup(l, die_with_parent, NULL, NULL);
	return g_subprocess_launcher_spawnv(l, argv, error);
}

guint16
client_util_free_udp_port(void)
{
	g_autoptr(GSocket) s =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(lo, 0);
	g_assert_true(g_socket_bind(s, any, FALSE, NULL));
	g_autoptr(GSocketAddress) local = g_socket_get_local_address(s, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(local));
}

const char *
client_util_bmcsim(void)
{
	const char *prog = g_getenv("BMCSIM");
	return prog && g_file_test(prog, G_FILE_TEST_IS_EXECUTABLE) ? prog : NULL;
}

GSubprocess *
client_util_start_bmcsim(const char *prog, guint16 port, const char *const *extra)
{
	g_autofree char *listen = g_strdup_printf("127.0.0.1:%u", port);
	g_autoptr(GPtrArray) argv = g_ptr_array_new();
	g_ptr_array_add(argv, (gpointer)prog);
	g_ptr_array_add(argv, "-l");
	g_ptr_array_add(argv, listen);
	for (; extra && *extra; extra++)
		g_ptr_array_add(argv, (gpointer)*extra);
	g_ptr_array_add(argv, NULL);
	g_autoptr(GError) error = NULL;
	GSubprocess *p = client_util_spawn((const char *const *)argv->pdata,
					   G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
	g_assert_no_error(error);
	g_autoptr(GDataInputStream) out = g_data_input_stream_new(g_subprocess_get_stdout_pipe(p));
	g_autofree char *line = g_data_input_stream_read_line(out, NULL, NULL, NULL);
	if (line && g_str_has_prefix(line, "bmcsim: listening on"))
		return p;
	client_util_stop(&p);
	return NULL;
}

void
client_util_stop(GSubprocess **proc)
{
	if (!*proc)
		return;
	g_subprocess_send_signal(*proc, SIGTERM);
	g_subprocess_wait(*proc, NULL, NULL);
	g_clear_object(proc);
}
