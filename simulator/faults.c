/* faults.c - see faults.h. */
#include "faults.h"

#include <string.h>

#define PENDING_MAX 4096    /* datagrams delayed or held at once; beyond: dropped */
#define REORDER_HOLD_MS 200 /* a held datagram goes out after this at the latest */

typedef struct {
	BmcFaults *f;
	GSocket *sock;
	GSocketAddress *to;
	GBytes *bytes;
	guint source;
	gboolean held; /* reorder: in f->held */
} Pending;

struct _BmcFaults {
	BmcFaultConfig cfg;
	GRand *rand;
	GHashTable *pending; /* Pending * set, owned */
	GHashTable *held;    /* GSocket * -> Pending * (one per socket) */
};

gboolean
bmc_faults_set_quirk(BmcFaultConfig *c, const char *name)
{
	if (g_str_equal(name, "no-cipher-suites"))
		c->no_cipher_suites = TRUE;
	else if (g_str_equal(name, "pad4"))
		c->pad4 = TRUE;
	else if (g_str_equal(name, "open-session-priv"))
		c->open_session_priv = TRUE;
	else
		return FALSE;
	return TRUE;
}

gboolean
bmc_faults_active(const BmcFaultConfig *c)
{
	return c->drop_pct > 0 || c->duplicate_pct > 0 || c->reorder_pct > 0 || c->delay_ms > 0 ||
	       c->slow_ms > 0;
}

static void
pending_free(Pending *p)
{
	if (p->source)
		g_source_remove(p->source);
	g_object_unref(p->sock);
	g_object_unref(p->to);
	g_bytes_unref(p->bytes);
	g_free(p);
}

BmcFaults *
bmc_faults_new(const BmcFaultConfig *cfg)
{
	BmcFaults *f = g_new0(BmcFaults, 1);
	f->cfg = *cfg;
	f->rand = cfg->seed_set
		      ? g_rand_new_with_seed_array(
			    (const guint32[]){(guint32)cfg->seed, (guint32)(cfg->seed >> 32)}, 2)
		      : g_rand_new();
	f->pending = g_hash_table_new_full(NULL, NULL, (GDestroyNotify)pending_free, NULL);
	f->held = g_hash_table_new(NULL, NULL);
	return f;
}

void
bmc_faults_free(BmcFaults *f)
{
	if (!f)
		return;
	g_hash_table_unref(f->held);
	g_hash_table_unref(f->pending);
	g_rand_free(f->rand);
	g_free(f);
}

const BmcFaultConfig *
bmc_faults_config(const BmcFaults *f)
{
	return &f->cfg;
}

static gboolean
chance(BmcFaults *f, double pct)
{
	return pct > 0 && g_rand_double_range(f->rand, 0, 100) < pct;
}

static void
raw_send(GSocket *sock, GSocketAddress *to, const uint8_t *buf, size_t len)
{
	/* UDP: a full socket buffer or an unreachable peer loses the datagram,
	 * as the network would. */
	g_socket_send_to(sock, to, (const gchar *)buf, len, NULL, NULL);
}

static void
release_held(BmcFaults *f, GSocket *sock)
{
	Pending *h = g_hash_table_lookup(f->held, sock);
	if (!h)
		return;
	g_hash_table_remove(f->held, sock);
	gsize n;
	const uint8_t *p = g_bytes_get_data(h->bytes, &n);
	raw_send(h->sock, h->to, p, n);
	g_hash_table_remove(f->pending, h);
}

/* Send now, releasing a datagram held back behind this one. */
static void
deliver(BmcFaults *f, GSocket *sock, GSocketAddress *to, const uint8_t *buf, size_t len)
{
	raw_send(sock, to, buf, len);
	if (chance(f, f->cfg.duplicate_pct))
		raw_send(sock, to, buf, len);
	release_held(f, sock);
}

static gboolean
on_held_timeout(gpointer data)
{
	Pending *p = data;
	p->source = 0;
	release_held(p->f, p->sock);
	return G_SOURCE_REMOVE;
}

static gboolean
on_delay(gpointer data)
{
	Pending *p = data;
	p->source = 0;
	gsize n;
	const uint8_t *b = g_bytes_get_data(p->bytes, &n);
	deliver(p->f, p->sock, p->to, b, n);
	g_hash_table_remove(p->f->pending, p);
	return G_SOURCE_REMOVE;
}

static Pending *
pending_new(BmcFaults *f, GSocket *sock, GSocketAddress *to, const uint8_t *buf, size_t len)
{
	if (g_hash_table_size(f->pending) >= PENDING_MAX)
		return NULL;
	Pending *p = g_new0(Pending, 1);
	p->f = f;
	p->sock = g_object_ref(sock);
	p->to = g_object_ref(to);
	p->bytes = g_bytes_new(buf, len);
	g_hash_table_add(f->pending, p);
	return p;
}

void
bmc_faults_send(BmcFaults *f, GSocket *sock, GSocketAddress *to, const uint8_t *buf, size_t len,
		guint extra_ms)
{
	const BmcFaultConfig *c = &f->cfg;
	if (chance(f, c->drop_pct))
		return;
	guint delay = extra_ms;
	if (c->delay_ms)
		delay += (guint)g_rand_int_range(f->rand, 0, (gint32)c->delay_ms + 1);
	if (delay == 0 && chance(f, c->reorder_pct) && !g_hash_table_contains(f->held, sock)) {
		Pending *p = pending_new(f, sock, to, buf, len);
		if (!p)
			return;
		p->held = TRUE;
		p->source = g_timeout_add(REORDER_HOLD_MS, on_held_timeout, p);
		g_hash_table_insert(f->held, sock, p);
		return;
	}
	if (delay == 0) {
		deliver(f, sock, to, buf, len);
		return;
	}
	Pending *p = pending_new(f, sock, to, buf, len);
	if (p)
		p->source = g_timeout_add(delay, on_delay, p);
}

void
bmc_faults_forget_socket(BmcFaults *f, GSocket *sock)
{
	g_hash_table_remove(f->held, sock);
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, f->pending);
	while (g_hash_table_iter_next(&it, &k, NULL))
		if (((Pending *)k)->sock == sock)
			g_hash_table_iter_remove(&it);
}
