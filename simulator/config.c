/* config.c - see config.h. */
#include "config.h"
#include "config-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/rakp.h"
#include "core/suite.h"

/* ---- small parsers ----------------------------------------------------------------- */

gboolean
cfg_parse_uint(const char *s, guint64 max, guint64 *out)
{
	if (!s)
		return FALSE;
	while (g_ascii_isspace(*s))
		s++;
	guint base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!g_ascii_isxdigit(*s))
		return FALSE;
	guint64 v;
	if (!g_ascii_string_to_unsigned(s, base, 0, max, &v, NULL))
		return FALSE;
	*out = v;
	return TRUE;
}

gboolean
bmc_percent_parse(const char *s, double *out, GError **error)
{
	char *end = NULL;
	errno = 0;
	double v = g_ascii_strtod(s, &end);
	/* Written as a negated range so NaN ("nan", "-nan") is refused too:
	 * every comparison with NaN is false.  Found by fuzz-sim_config. */
	if (errno || end == s || *end || !(v >= 0 && v <= 100)) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "\"%s\" is not a percentage (0..100)", s);
		return FALSE;
	}
	*out = v;
	return TRUE;
}

gboolean
bmc_suites_parse(const char *s, uint32_t *mask, GError **error)
{
	uint32_t m = 0;
	g_auto(GStrv) parts = g_strsplit_set(s, ",; \t", -1);
	for (char **p = parts; *p; p++) {
		if (!**p)
			continue;
		guint64 a, b;
		char *dash = strchr(*p + 1, '-');
		if (dash) {
			*dash = '\0';
			if (!cfg_parse_uint(*p, IPMI_SUITE_MAX, &a) ||
			    !cfg_parse_uint(dash + 1, IPMI_SUITE_MAX, &b) || a > b)
				goto bad;
		} else if (cfg_parse_uint(*p, IPMI_SUITE_MAX, &a)) {
			b = a;
		} else {
			goto bad;
		}
		for (guint64 i = a; i <= b; i++)
			m |= 1u << i;
		continue;
	bad:
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "\"%s\" is not a cipher suite list (numbers 0..%d, ranges A-B)", s,
			    IPMI_SUITE_MAX);
		return FALSE;
	}
	if (!m) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
			    "no cipher suite enabled");
		return FALSE;
	}
	*mask = m;
	return TRUE;
}

/* ---- listen specifications ------------------------------------------------------------- */

void
bmc_listen_free(BmcListen *l)
{
	if (!l)
		return;
	g_free(l->spec);
	g_clear_object(&l->first);
	g_free(l);
}

static guint32
ipv4_number(GInetAddress *a)
{
	const guint8 *b = g_inet_address_to_bytes(a);
	return (guint32)b[0] << 24 | (guint32)b[1] << 16 | (guint32)b[2] << 8 | b[3];
}

GInetAddress *
bmc_listen_address(const BmcListen *l, guint i)
{
	if (i == 0)
		return g_object_ref(l->first);
	guint32 n = ipv4_number(l->first) + i;
	guint8 b[4] = {(guint8)(n >> 24), (guint8)(n >> 16), (guint8)(n >> 8), (guint8)n};
	return g_inet_address_new_from_bytes(b, G_SOCKET_FAMILY_IPV4);
}

BmcListen *
bmc_listen_parse(const char *spec, GError **error)
{
	g_autofree char *host = NULL;
	g_autoptr(GInetAddress) first = NULL;
	g_autoptr(GInetAddress) last = NULL;
	guint64 port = BMC_DEFAULT_PORT;
	const char *colon;
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close)
			goto bad;
		host = g_strndup(spec + 1, (gsize)(close - spec - 1));
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon)
			goto bad;
	} else {
		colon = strrchr(spec, ':');
		host = colon ? g_strndup(spec, (gsize)(colon - spec)) : g_strdup(spec);
	}
	if (colon && (!cfg_parse_uint(colon + 1, 65535, &port) || port == 0))
		goto bad;
	char *dash = spec[0] == '[' ? NULL : strchr(host, '-');
	if (dash) {
		*dash = '\0';
		first = g_inet_address_new_from_string(host);
		last = g_inet_address_new_from_string(dash + 1);
		if (!first || !last || g_inet_address_get_family(first) != G_SOCKET_FAMILY_IPV4 ||
		    g_inet_address_get_family(last) != G_SOCKET_FAMILY_IPV4 ||
		    ipv4_number(first) > ipv4_number(last))
			goto bad;
		if (ipv4_number(last) - ipv4_number(first) >= 65536) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "%s: a range holds at most 65536 addresses", spec);
			return NULL;
		}
	} else {
		first = g_inet_address_new_from_string(host);
		if (!first)
			goto bad;
	}
	BmcListen *l = g_new0(BmcListen, 1);
	l->spec = g_strdup(spec);
	l->first = g_steal_pointer(&first);
	l->count = last ? ipv4_number(last) - ipv4_number(l->first) + 1 : 1;
	l->port = (guint16)port;
	return l;
bad:
	g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
		    "\"%s\" is not ADDR[:PORT], [IPV6][:PORT] or A-B[:PORT]", spec);
	return NULL;
}

/* ---- the configuration ------------------------------------------------------------- */

BmcSimConfig *
bmc_sim_config_new(void)
{
	BmcSimConfig *c = g_new0(BmcSimConfig, 1);
	c->listen = g_ptr_array_new_with_free_func((GDestroyNotify)bmc_listen_free);
	c->model = bmc_model_new_default();
	c->limits = (BmcSessionLimits){
	    .max_sessions = 16,
	    .idle_timeout_s = 60,
	    .setup_timeout_s = 10,
	    .login_failures = 5,
	    .lockout_s = 60,
	    .cache_ttl_s = 10,
	};
	return c;
}

void
bmc_sim_config_free(BmcSimConfig *c)
{
	if (!c)
		return;
	g_ptr_array_unref(c->listen);
	bmc_model_free(c->model);
	g_free(c->transcript);
	g_free(c);
}

void
bmc_sim_config_finish(BmcSimConfig *c)
{
	if (!c->storage_named)
		bmc_storage_add_defaults(c->model->storage);
	if (c->listen->len == 0)
		g_ptr_array_add(c->listen, bmc_listen_parse("127.0.0.1:6230", NULL));
}

/* ---- the file scan: lines of groups and keys ----------------------------------------- */

int
cfg_line_of(gpointer data, const char *group, const char *key)
{
	Ctx *x = data;
	g_autofree char *k = key ? g_strconcat(group, "\n", key, NULL) : g_strdup(group);
	return GPOINTER_TO_INT(g_hash_table_lookup(x->lines, k));
}

gboolean
cfg_fail(Ctx *x, const char *group, const char *key, GError **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *what = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	int line = cfg_line_of(x, group, key);
	if (key)
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			    "%s:%d: [%s] %s: %s", x->path, line, group, key, what);
	else
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			    "%s:%d: [%s]: %s", x->path, line, group, what);
	return FALSE;
}

static gboolean
scan(Ctx *x, const char *text, GError **error)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	g_autofree char *group = NULL;
	for (int i = 0; lines[i]; i++) {
		int ln = i + 1;
		g_autofree char *l = g_strstrip(g_strdup(lines[i]));
		if (!*l || *l == '#')
			continue;
		if (*l == '[') {
			size_t n = strlen(l);
			if (l[n - 1] != ']' || n < 3 || memchr(l + 1, '[', n - 2) ||
			    memchr(l + 1, ']', n - 2)) {
				g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
					    "%s:%d: malformed group header \"%s\"", x->path, ln, l);
				return FALSE;
			}
			g_free(group);
			group = g_strndup(l + 1, n - 2);
			int prev = cfg_line_of(x, group, NULL);
			if (prev) {
				g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
					    "%s:%d: [%s]: group given twice (first at line %d)",
					    x->path, ln, group, prev);
				return FALSE;
			}
			g_hash_table_insert(x->lines, g_strdup(group), GINT_TO_POINTER(ln));
			continue;
		}
		char *eq = strchr(l, '=');
		if (!eq || eq == l) {
			g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
				    "%s:%d: expected \"[group]\" or \"key = value\", got \"%s\"",
				    x->path, ln, l);
			return FALSE;
		}
		if (!group) {
			g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
				    "%s:%d: key outside any group (a file starts with [group])",
				    x->path, ln);
			return FALSE;
		}
		*eq = '\0';
		g_strchomp(l);
		int prev = cfg_line_of(x, group, l);
		if (prev) {
			g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
				    "%s:%d: [%s] %s: key given twice (first at line %d)", x->path,
				    ln, group, l, prev);
			return FALSE;
		}
		g_hash_table_insert(x->lines, g_strconcat(group, "\n", l, NULL),
				    GINT_TO_POINTER(ln));
	}
	return TRUE;
}

/* ---- typed values -------------------------------------------------------------------- */

gboolean
cfg_string(Ctx *x, const char *g, const char *k, char **out, GError **error)
{
	g_autoptr(GError) e = NULL;
	char *v = g_key_file_get_string(x->kf, g, k, &e);
	if (!v)
		return cfg_fail(x, g, k, error, "%s", e->message);
	*out = v;
	return TRUE;
}

gboolean
cfg_uint(Ctx *x, const char *g, const char *k, guint64 min, guint64 max, guint64 *out,
	 GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	guint64 n;
	if (!cfg_parse_uint(v, max, &n) || n < min)
		return cfg_fail(x, g, k, error,
				"\"%s\" is not a number in %" G_GUINT64_FORMAT
				"..%" G_GUINT64_FORMAT,
				v, min, max);
	*out = n;
	return TRUE;
}

gboolean
cfg_u8(Ctx *x, const char *g, const char *k, guint max, uint8_t *out, GError **error)
{
	guint64 v;
	if (!cfg_uint(x, g, k, 0, max, &v, error))
		return FALSE;
	*out = (uint8_t)v;
	return TRUE;
}

gboolean
cfg_bool(Ctx *x, const char *g, const char *k, gboolean *out, GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	if (!g_ascii_strcasecmp(v, "true") || !g_ascii_strcasecmp(v, "yes") || !strcmp(v, "1") ||
	    !g_ascii_strcasecmp(v, "on"))
		*out = TRUE;
	else if (!g_ascii_strcasecmp(v, "false") || !g_ascii_strcasecmp(v, "no") ||
		 !strcmp(v, "0") || !g_ascii_strcasecmp(v, "off"))
		*out = FALSE;
	else
		return cfg_fail(x, g, k, error, "\"%s\" is not true or false", v);
	return TRUE;
}

static gboolean
cfg_percent(Ctx *x, const char *g, const char *k, double *out, GError **error)
{
	g_autofree char *v = NULL;
	g_autoptr(GError) e = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	if (!bmc_percent_parse(v, out, &e))
		return cfg_fail(x, g, k, error, "%s", e->message);
	return TRUE;
}

gboolean
cfg_priv(Ctx *x, const char *g, const char *k, uint8_t *out, GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	uint8_t p = bmc_priv_parse(v);
	if (!p)
		return cfg_fail(
		    x, g, k, error,
		    "\"%s\" is not a privilege (callback, user, operator, administrator, "
		    "oem)",
		    v);
	*out = p;
	return TRUE;
}

/* A GUID as 32 hex digits, dashes allowed (RFC 4122 text form).  Stored
 * in the order the Get System GUID response carries it: IPMI sends GUIDs
 * least significant byte first, so the text is reversed. */

/* Device ID keys, shared by [bmc] and [satellite NAME]. */

gboolean
cfg_unknown_key(Ctx *x, const char *g, const char *k, GError **error)
{
	return cfg_fail(x, g, k, error, "unknown key");
}

/* ---- groups -------------------------------------------------------------------------- */

static gboolean
group_bmcsim(Ctx *x, const char *g, GError **error)
{
	BmcSimConfig *c = x->c;
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	for (char **k = keys; *k; k++) {
		guint64 v;
		if (!strcmp(*k, "listen")) {
			g_auto(GStrv) specs = g_key_file_get_string_list(x->kf, g, *k, NULL, NULL);
			for (char **s = specs; s && *s; s++) {
				g_autoptr(GError) e = NULL;
				char *spec = g_strstrip(*s);
				if (!*spec)
					continue;
				BmcListen *l = bmc_listen_parse(spec, &e);
				if (!l)
					return cfg_fail(x, g, *k, error, "%s", e->message);
				g_ptr_array_add(c->listen, l);
			}
		} else if (!strcmp(*k, "max-sessions")) {
			if (!cfg_uint(x, g, *k, 1, BMC_MAX_SESSIONS, &v, error))
				return FALSE;
			c->limits.max_sessions = (guint)v;
		} else if (!strcmp(*k, "idle-timeout")) {
			if (!cfg_uint(x, g, *k, 1, 86400, &v, error))
				return FALSE;
			c->limits.idle_timeout_s = (guint)v;
		} else if (!strcmp(*k, "setup-timeout")) {
			if (!cfg_uint(x, g, *k, 1, 3600, &v, error))
				return FALSE;
			c->limits.setup_timeout_s = (guint)v;
		} else if (!strcmp(*k, "login-failures")) {
			if (!cfg_uint(x, g, *k, 0, 1000, &v, error))
				return FALSE;
			c->limits.login_failures = (guint)v;
		} else if (!strcmp(*k, "lockout-time")) {
			if (!cfg_uint(x, g, *k, 1, 86400, &v, error))
				return FALSE;
			c->limits.lockout_s = (guint)v;
		} else if (!strcmp(*k, "retransmit-cache-time")) {
			if (!cfg_uint(x, g, *k, 0, 3600, &v, error))
				return FALSE;
			c->limits.cache_ttl_s = (guint)v;
		} else if (!strcmp(*k, "transcript")) {
			g_free(c->transcript);
			if (!cfg_string(x, g, *k, &c->transcript, error))
				return FALSE;
		} else {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	return TRUE;
}

static gboolean
group_faults(Ctx *x, const char *g, GError **error)
{
	BmcFaultConfig *f = &x->c->faults;
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	for (char **k = keys; *k; k++) {
		guint64 v;
		if (!strcmp(*k, "drop")) {
			if (!cfg_percent(x, g, *k, &f->drop_pct, error))
				return FALSE;
		} else if (!strcmp(*k, "duplicate")) {
			if (!cfg_percent(x, g, *k, &f->duplicate_pct, error))
				return FALSE;
		} else if (!strcmp(*k, "reorder")) {
			if (!cfg_percent(x, g, *k, &f->reorder_pct, error))
				return FALSE;
		} else if (!strcmp(*k, "delay")) {
			if (!cfg_uint(x, g, *k, 0, 60000, &v, error))
				return FALSE;
			f->delay_ms = (guint)v;
		} else if (!strcmp(*k, "slow")) {
			if (!cfg_uint(x, g, *k, 0, 60000, &v, error))
				return FALSE;
			f->slow_ms = (guint)v;
		} else if (!strcmp(*k, "seed")) {
			if (!cfg_uint(x, g, *k, 0, G_MAXUINT64, &f->seed, error))
				return FALSE;
			f->seed_set = TRUE;
		} else if (!strcmp(*k, "quirks")) {
			g_auto(GStrv) q = g_key_file_get_string_list(x->kf, g, *k, NULL, NULL);
			for (char **s = q; s && *s; s++) {
				char *name = g_strstrip(*s);
				if (*name && !bmc_faults_set_quirk(f, name))
					return cfg_fail(x, g, *k, error,
							"unknown quirk \"%s\" (known: %s)", name,
							BMC_QUIRK_NAMES);
			}
		} else {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	return TRUE;
}

/* Satellites: build them all, then attach each to its parent. */

gboolean
bmc_sim_config_load(BmcSimConfig *c, const char *path, GError **error)
{
	g_autofree char *text = NULL;
	gsize len;
	if (!g_file_get_contents(path, &text, &len, error))
		return FALSE;
	if (memchr(text, '\0', len) || !g_utf8_validate(text, (gssize)len, NULL)) {
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE,
			    "%s:1: not a UTF-8 text file", path);
		return FALSE;
	}
	Ctx x = {.path = path, .c = c};
	x.lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	x.kf = g_key_file_new();
	gboolean ok = scan(&x, text, error);
	g_autoptr(GError) e = NULL;
	if (ok && !g_key_file_load_from_data(x.kf, text, len, G_KEY_FILE_NONE, &e)) {
		g_set_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s:0: %s", path,
			    e->message);
		ok = FALSE;
	}
	g_auto(GStrv) groups = ok ? g_key_file_get_groups(x.kf, NULL) : NULL;
	/* Users: any [user N] replaces the built-in users. */
	gboolean users = FALSE;
	for (char **g = groups; ok && *g; g++)
		users = users || g_str_has_prefix(*g, "user ");
	if (users) {
		memset(c->model->users, 0, sizeof c->model->users);
		memset(c->model->access, 0, sizeof c->model->access);
		c->model->n_users = 0;
	}
	BmcConfigSource src = {.kf = x.kf, .path = path, .line_of = cfg_line_of, .ctx = &x};
	for (char **g = groups; ok && *g; g++) {
		if (!strcmp(*g, "bmcsim"))
			ok = group_bmcsim(&x, *g, error);
		else if (!strcmp(*g, "bmc"))
			ok = cfg_group_bmc(&x, *g, error);
		else if (!strcmp(*g, "chassis"))
			ok = cfg_group_chassis(&x, *g, error);
		else if (!strcmp(*g, "faults"))
			ok = group_faults(&x, *g, error);
		else if (g_str_has_prefix(*g, "satellite "))
			continue; /* below, once every satellite is known */
		else if (g_str_has_prefix(*g, "user ")) {
			guint64 id;
			if (!cfg_parse_uint(*g + 5, BMC_MAX_USERS, &id) || id < 1)
				ok = cfg_fail(&x, *g, NULL, error, "user IDs are 1..%d",
					      BMC_MAX_USERS);
			else
				ok = cfg_group_user(&x, *g, (guint)id, error);
		} else if (bmc_storage_owns_group(*g)) {
			c->storage_named = TRUE;
			ok = bmc_storage_config_group(c->model->storage, &src, *g, error);
		} else {
			ok = cfg_fail(&x, *g, NULL, error, "unknown group");
		}
	}
	if (ok)
		ok = cfg_load_satellites(&x, groups, error);
	if (ok && (users || x.max_users)) {
		/* Without max-users the table has the default size, or as
		 * many slots as the highest configured user ID. */
		size_t highest = 0;
		for (size_t i = 0; i < BMC_MAX_USERS; i++)
			if (c->model->users[i].enabled || c->model->users[i].name_len)
				highest = i + 1;
		c->model->n_users = x.max_users ? x.max_users : MAX(highest, BMC_DEFAULT_USERS);
		if (highest > c->model->n_users)
			ok = cfg_fail(&x, "bmc", "max-users", error,
				      "[user %zu] is beyond max-users = %zu", highest,
				      c->model->n_users);
	}
	g_key_file_free(x.kf);
	g_hash_table_unref(x.lines);
	if (text)
		memset(text, 0, len); /* it held passwords */
	return ok;
}
