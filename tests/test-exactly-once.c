/* test-exactly-once.c - 1000 Chassis Control requests through faults in
 * both directions, each completed once by IpmiClient and run once by
 * bmcsim.
 *
 * BMC to console: bmcsim's own fault injection (--drop, --duplicate,
 * --reorder 20 %).  Console to BMC: bmcsim injects nothing on what it
 * receives, so each client talks to it through a relay in this process
 * that drops 20 % and duplicates 20 % of what the client sends (no
 * reordering there: see below).  bmcsim's transcript says what ran: each
 * request it decoded is a "<-" line, and one answered from its
 * retransmission cache is followed by a note with the same session
 * sequence number; the others ran.
 *
 * rqSeq has 6 bits, so 250 requests per session reuse each value about
 * four times.  bmcsim's cache takes a request with the rqSeq, netFn,
 * command and bytes of the one it cached for that rqSeq as a
 * retransmission (that is all IPMI gives it); a requester that reuses an
 * rqSeq for an identical request inside the cache lifetime would be
 * answered from the cache (IPMI asks requesters not to reuse a sequence
 * number within 5 s).  IpmiClient hands rqSeq out round-robin, at most 32
 * in flight (libipmi/client/README.md), so this test sends batches of 32,
 * batch b only once batch b-2 has completed: batch b then gets the same 32
 * numbers as batch b-2, and the control operation changes from batch to
 * batch with period 4, so no two consecutive uses of an rqSeq carry the
 * same request.  A reordered (late) copy of a request from batch b-2 could
 * still reach bmcsim after batch b reused its number; so the relay does
 * not reorder, and the loopback keeps order. */
#include <glib/gstdio.h>
#include <ipmi/ipmi.h>
#include <signal.h>
#include <string.h>

#include "client-util.h"

#define CLIENTS 4
#define PER_CLIENT 250
#define BATCH 32
#define BATCHES ((PER_CLIENT + BATCH - 1) / BATCH)
#define WAIT_LIMIT_US (150 * G_USEC_PER_SEC)

/* Operations that keep the chassis on: power up (a no-op when on), power
 * cycle, hard reset, diagnostic interrupt. */
static const guint8 ops[4] = {0x01, 0x02, 0x03, 0x04};

/* ---- the lossy relay (console to BMC) -------------------------------- */

typedef struct {
	GSocket *front; /* the client's side */
	GSocket *back;  /* connected to bmcsim */
	GSocketAddress *client;
	GSource *front_src, *back_src;
	GRand *rand;
	guint forwarded, dropped, duplicated;
} Relay;

static gboolean
on_front(GSocket *s, GIOCondition cond, gpointer data)
{
	Relay *r = data;
	for (int i = 0; i < 64; i++) {
		guint8 buf[2048];
		GSocketAddress *from = NULL;
		gssize n = g_socket_receive_from(s, &from, (gchar *)buf, sizeof buf, NULL, NULL);
		if (n < 0)
			break;
		if (!r->client)
			r->client = g_object_ref(from);
		g_object_unref(from);
		if (g_rand_double(r->rand) < 0.20) {
			r->dropped++;
			continue;
		}
		int copies = g_rand_double(r->rand) < 0.20 ? 2 : 1;
		r->duplicated += copies - 1;
		for (int c = 0; c < copies; c++)
			g_socket_send(r->back, (const gchar *)buf, (gsize)n, NULL, NULL);
		r->forwarded++;
	}
	return G_SOURCE_CONTINUE;
}

static gboolean
on_back(GSocket *s, GIOCondition cond, gpointer data)
{
	Relay *r = data;
	for (int i = 0; i < 64; i++) {
		guint8 buf[2048];
		gssize n = g_socket_receive(s, (gchar *)buf, sizeof buf, NULL, NULL);
		if (n < 0)
			break;
		if (r->client)
			g_socket_send_to(r->front, r->client, (const gchar *)buf, (gsize)n, NULL,
					 NULL);
	}
	return G_SOURCE_CONTINUE;
}

static GSocket *
udp_socket(void)
{
	g_autoptr(GSocket) s =
	    g_socket_new(G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
	g_assert_nonnull(s);
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) any = g_inet_socket_address_new(lo, 0);
	g_assert_true(g_socket_bind(s, any, FALSE, NULL));
	g_socket_set_blocking(s, FALSE);
	return g_steal_pointer(&s);
}

static guint16
local_port(GSocket *s)
{
	g_autoptr(GSocketAddress) a = g_socket_get_local_address(s, NULL);
	return g_inet_socket_address_get_port(G_INET_SOCKET_ADDRESS(a));
}

static Relay *
relay_new(guint16 bmc_port, guint32 seed)
{
	Relay *r = g_new0(Relay, 1);
	r->front = udp_socket();
	r->back = udp_socket();
	g_autoptr(GInetAddress) lo = g_inet_address_new_loopback(G_SOCKET_FAMILY_IPV4);
	g_autoptr(GSocketAddress) bmc = g_inet_socket_address_new(lo, bmc_port);
	g_assert_true(g_socket_connect(r->back, bmc, NULL, NULL));
	r->rand = g_rand_new_with_seed(seed);
	r->front_src = g_socket_create_source(r->front, G_IO_IN, NULL);
	g_source_set_callback(r->front_src, G_SOURCE_FUNC(on_front), r, NULL);
	g_source_attach(r->front_src, NULL);
	r->back_src = g_socket_create_source(r->back, G_IO_IN, NULL);
	g_source_set_callback(r->back_src, G_SOURCE_FUNC(on_back), r, NULL);
	g_source_attach(r->back_src, NULL);
	return r;
}

static void
relay_free(Relay *r)
{
	g_source_destroy(r->front_src);
	g_source_unref(r->front_src);
	g_source_destroy(r->back_src);
	g_source_unref(r->back_src);
	g_socket_close(r->front, NULL);
	g_socket_close(r->back, NULL);
	g_object_unref(r->front);
	g_object_unref(r->back);
	g_clear_object(&r->client);
	g_rand_free(r->rand);
	g_free(r);
}

/* ---- bmcsim ---------------------------------------------------------- */

static GSubprocess *
start_bmcsim(const char *prog, const char *conf, const char *transcript, guint16 *port)
{
	*port = client_util_free_udp_port();
	g_autofree char *tr = g_strdup_printf("--transcript=%s", transcript);
	const char *extra[] = {"--config",     conf,        "--drop=20", "--duplicate=20",
			       "--reorder=20", "--seed=61", tr,          NULL};
	GSubprocess *p = client_util_start_bmcsim(prog, *port, extra);
	g_assert_nonnull(p);
	return p;
}

/* ---- the clients ----------------------------------------------------- */

typedef struct _Client Client;

typedef struct {
	Client *owner;
	guint index;
	guint completions;
	guint8 op;
	gboolean ok;
} Request;

struct _Client {
	IpmiClient *c;
	Relay *relay;
	Request req[PER_CLIENT];
	guint batch_done[BATCHES];
	guint submitted; /* batches */
	guint done;
	gboolean connected;
};

static guint all_done;

static guint
batch_size(guint b)
{
	return MIN(BATCH, PER_CLIENT - b * BATCH);
}

static void submit_batch(Client *cl, guint b);

static void
on_control(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Request *r = user_data;
	Client *cl = r->owner;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiResponse) rsp =
	    ipmi_client_request_finish(IPMI_CLIENT(source), result, &error);
	r->completions++;
	if (r->completions > 1)
		return; /* asserted after the run */
	if (error)
		g_test_message("request %u: %s", r->index, error->message);
	r->ok = rsp && ipmi_response_get_completion_code(rsp) == 0 &&
		ipmi_response_get_netfn(rsp) == 0x00 && ipmi_response_get_command(rsp) == 0x02;
	cl->done++;
	all_done++;
	cl->batch_done[r->index / BATCH]++;
	/* Batch n reuses batch n - 2's rqSeq numbers: only once n - 2 is done,
	 * and in order. */
	while (cl->submitted < BATCHES &&
	       cl->batch_done[cl->submitted - 2] == batch_size(cl->submitted - 2))
		submit_batch(cl, cl->submitted);
}

static void
submit_batch(Client *cl, guint b)
{
	g_assert_cmpuint(b, ==, cl->submitted);
	cl->submitted++;
	for (guint i = b * BATCH; i < b * BATCH + batch_size(b); i++) {
		Request *r = &cl->req[i];
		r->owner = cl;
		r->index = i;
		r->op = ops[b % G_N_ELEMENTS(ops)];
		ipmi_client_request_async(cl->c, 0x00, 0x02, &r->op, 1, NULL, on_control, r);
	}
}

static void
on_connected(GObject *source, GAsyncResult *result, gpointer user_data)
{
	Client *cl = user_data;
	g_autoptr(GError) error = NULL;
	cl->connected = ipmi_client_connect_finish(IPMI_CLIENT(source), result, &error);
	g_assert_no_error(error);
	submit_batch(cl, 0);
	submit_batch(cl, 1);
}

static gboolean
tick(gpointer data)
{
	return G_SOURCE_CONTINUE;
}

static void
run_until(gboolean (*cond)(gpointer), gpointer data)
{
	gint64 end = g_get_monotonic_time() + WAIT_LIMIT_US;
	guint t = g_timeout_add(50, tick, NULL);
	while (!cond(data)) {
		g_assert_cmpint(g_get_monotonic_time(), <, end);
		g_main_context_iteration(NULL, TRUE);
	}
	g_source_remove(t);
}

static gboolean
all_completed(gpointer data)
{
	return all_done == CLIENTS * PER_CLIENT;
}

static gboolean
after(gpointer data)
{
	return g_get_monotonic_time() >= *(gint64 *)data;
}

typedef struct {
	guint n;
} CloseWait;

static void
on_closed(GObject *source, GAsyncResult *result, gpointer user_data)
{
	CloseWait *w = user_data;
	g_autoptr(GError) error = NULL;
	/* A lost answer to Close Session ends in a timeout; the client is
	 * idle either way. */
	if (!ipmi_client_close_finish(IPMI_CLIENT(source), result, &error))
		g_assert_error(error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
	w->n++;
}

static gboolean
all_closed(gpointer data)
{
	return ((CloseWait *)data)->n == CLIENTS;
}

/* ---- the transcript -------------------------------------------------- */

/* "... <- sid=0xID seq=N ..." -> "0xID/N" */
static char *
sid_seq(const char *line)
{
	const char *p = strstr(line, " <- sid=");
	if (!p)
		return NULL;
	p += 8;
	const char *sp = strchr(p, ' ');
	if (!sp || !g_str_has_prefix(sp, " seq="))
		return NULL;
	const char *q = sp + 5;
	gsize n = strspn(q, "0123456789");
	return g_strdup_printf("%.*s/%.*s", (int)(sp - p), p, (int)n, q);
}

static void
count_runs(const char *path, guint runs[256], guint *received, guint *cached)
{
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	g_autoptr(GHashTable) from_cache =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (char **l = lines; *l; l++) {
		if (strstr(*l, "answered from the cache: Chassis Chassis Control")) {
			char *k = sid_seq(*l);
			g_assert_nonnull(k);
			g_hash_table_add(from_cache, k);
		}
	}
	*received = *cached = 0;
	for (char **l = lines; *l; l++) {
		if (!strstr(*l, " Chassis Control (00/02) ") || !strstr(*l, " <- "))
			continue;
		const char *d = strstr(*l, " data=");
		g_assert_nonnull(d);
		guint op = (guint)g_ascii_strtoull(d + 6, NULL, 16);
		g_autofree char *k = sid_seq(*l);
		g_assert_nonnull(k);
		(*received)++;
		if (g_hash_table_contains(from_cache, k))
			(*cached)++;
		else
			runs[op & 0xFF]++;
	}
}

/* ---- the test -------------------------------------------------------- */

static void
test_exactly_once(void)
{
	g_autofree char *dir = g_dir_make_tmp("exactly-once-XXXXXX", NULL);
	g_autofree char *conf = g_build_filename(dir, "bmcsim.conf", NULL);
	g_autofree char *transcript = g_build_filename(dir, "transcript.log", NULL);
	/* Answers are kept longer than any client retransmits (timeout below). */
	g_assert_true(g_file_set_contents(
	    conf, "[bmcsim]\nretransmit-cache-time = 60\nidle-timeout = 120\n", -1, NULL));
	const char *prog = client_util_bmcsim();
	if (!prog) {
		g_test_skip("bmcsim not built (BMCSIM)");
		return;
	}
	guint16 port = 0;
	GSubprocess *sim = start_bmcsim(prog, conf, transcript, &port);
	gint64 t0 = g_get_monotonic_time();
	Client *clients = g_new0(Client, CLIENTS);
	for (guint i = 0; i < CLIENTS; i++) {
		Client *cl = &clients[i];
		cl->relay = relay_new(port, 1000 + i);
		cl->c = ipmi_client_new("127.0.0.1", local_port(cl->relay->front));
		ipmi_client_set_credentials(cl->c, "admin", "password");
		g_object_set(cl->c, "timeout", 20000, "retries", 14, "cipher-suite", 17, NULL);
		ipmi_client_connect_async(cl->c, NULL, on_connected, cl);
	}
	run_until(all_completed, NULL);
	gint64 t1 = g_get_monotonic_time();
	/* Late copies in flight complete nothing. */
	gint64 settle = g_get_monotonic_time() + 500 * G_TIME_SPAN_MILLISECOND;
	run_until(after, &settle);

	guint want[256] = {0};
	guint failed = 0, fwd = 0, dropped = 0, dup = 0;
	for (guint i = 0; i < CLIENTS; i++) {
		Client *cl = &clients[i];
		g_assert_true(cl->connected);
		for (guint j = 0; j < PER_CLIENT; j++) {
			g_assert_cmpuint(cl->req[j].completions, ==, 1);
			failed += !cl->req[j].ok;
			want[cl->req[j].op]++;
		}
		fwd += cl->relay->forwarded;
		dropped += cl->relay->dropped;
		dup += cl->relay->duplicated;
	}
	g_assert_cmpuint(failed, ==, 0);

	CloseWait w = {0};
	for (guint i = 0; i < CLIENTS; i++)
		ipmi_client_close_async(clients[i].c, NULL, on_closed, &w);
	run_until(all_closed, &w);
	for (guint i = 0; i < CLIENTS; i++) {
		g_object_unref(clients[i].c);
		relay_free(clients[i].relay);
	}
	g_free(clients);
	g_subprocess_send_signal(sim, SIGTERM);
	g_assert_true(g_subprocess_wait(sim, NULL, NULL));
	g_object_unref(sim);

	guint runs[256] = {0}, received = 0, cached = 0;
	count_runs(transcript, runs, &received, &cached);
	g_test_message("%u requests in %" G_GINT64_FORMAT " ms; console to BMC: %u forwarded, %u "
		       "dropped, %u duplicated; bmcsim decoded %u Chassis Control requests, "
		       "answered %u from its cache",
		       CLIENTS * PER_CLIENT, (t1 - t0) / 1000, fwd, dropped, dup, received, cached);
	guint total = 0;
	for (guint op = 0; op < 256; op++) {
		if (runs[op] != want[op])
			g_test_message("operation %u: run %u times, sent %u times", op, runs[op],
				       want[op]);
		g_assert_cmpuint(runs[op], ==, want[op]);
		total += runs[op];
	}
	g_assert_cmpuint(total, ==, CLIENTS * PER_CLIENT);
	/* The faults were there: retransmissions reached bmcsim. */
	g_assert_cmpuint(received, >, total);
	g_assert_cmpuint(cached, >, 0);
	g_unlink(transcript);
	g_unlink(conf);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/exactly-once/chassis-control-1000", test_exactly_once);
	return g_test_run();
}
