/* hostrange.c - see hostrange.h. */
#include "hostrange.h"

#include <string.h>

typedef struct {
	guint64 lo, hi;
	guint width; /* zero padding of the low bound ("01"), else 0 */
} Span;

/* A piece of a host pattern: literal text, or a [..] group of spans. */
typedef struct {
	char *text;
	GArray *spans; /* Span; NULL for literal text */
} Part;

static void
part_clear(gpointer p)
{
	Part *part = p;
	g_free(part->text);
	if (part->spans)
		g_array_unref(part->spans);
}

static void
host_entry_free(gpointer p)
{
	HostEntry *e = p;
	g_free(e->label);
	g_free(e->host);
	g_free(e);
}

static gboolean G_GNUC_PRINTF(3, 4) bad(GError **error, const char *item, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *what = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "'%s': %s", item, what);
	return FALSE;
}

gboolean
hostrange_is_plain(const char *arg)
{
	if (!arg || arg[0] == '@' || strpbrk(arg, ",[]"))
		return FALSE;
	/* One colon is host:port; more is a bare IPv6 address. */
	const char *colon = strchr(arg, ':');
	return !colon || strchr(colon + 1, ':');
}

/* "7", "01-10": digits only, lo <= hi. */
static gboolean
parse_span(const char *item, const char *s, Span *out, GError **error)
{
	if (!*s)
		return bad(error, item, "an empty item in a [..] range");
	g_auto(GStrv) ends = g_strsplit(s, "-", 3);
	guint n = g_strv_length(ends);
	if (n < 1 || n > 2)
		return bad(error, item, "bad range '%s' (N or N-M)", s);
	guint64 v[2];
	for (guint i = 0; i < n; i++) {
		const char *d = ends[i];
		if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 9)
			return bad(error, item, "bad range '%s': '%s' is not a number", s, d);
		v[i] = g_ascii_strtoull(d, NULL, 10);
	}
	out->lo = v[0];
	out->hi = n == 2 ? v[1] : v[0];
	out->width = (ends[0][0] == '0' && ends[0][1]) ? (guint)strlen(ends[0]) : 0;
	if (out->hi < out->lo)
		return bad(error, item, "range '%s' runs backwards", s);
	return TRUE;
}

/* Split one list item into literal text and [..] groups; *count: how many
 * hosts it expands to (at most HOSTRANGE_MAX + 1). */
static GArray *
split_parts(const char *item, guint64 *count, GError **error)
{
	g_autoptr(GArray) parts = g_array_new(FALSE, TRUE, sizeof(Part));
	g_array_set_clear_func(parts, part_clear);
	g_autoptr(GString) lit = g_string_new(NULL);
	*count = 1;
	for (const char *p = item; *p;) {
		if (*p == ']') {
			bad(error, item, "']' without '['");
			return NULL;
		}
		if (*p != '[') {
			g_string_append_c(lit, *p++);
			continue;
		}
		const char *end = strchr(p, ']');
		const char *next_open = strchr(p + 1, '[');
		if (!end || (next_open && next_open < end)) {
			bad(error, item, "'[' without ']'");
			return NULL;
		}
		g_autofree char *inner = g_strndup(p + 1, (gsize)(end - p - 1));
		if (strchr(inner, ':')) { /* an IPv6 address, kept as text */
			g_string_append_len(lit, p, end - p + 1);
			p = end + 1;
			continue;
		}
		if (!*inner) {
			bad(error, item, "empty range '[]'");
			return NULL;
		}
		Part part = {.spans = g_array_new(FALSE, FALSE, sizeof(Span))};
		if (lit->len) {
			Part text = {.text = g_strdup(lit->str)};
			g_array_append_val(parts, text);
			g_string_truncate(lit, 0);
		}
		g_array_append_val(parts, part);
		g_auto(GStrv) spans = g_strsplit(inner, ",", -1);
		guint64 n = 0;
		for (char **s = spans; *s; s++) {
			Span span;
			if (!parse_span(item, *s, &span, error))
				return NULL;
			g_array_append_val(part.spans, span);
			n += span.hi - span.lo + 1;
		}
		*count =
		    MIN(*count * MIN(n, (guint64)HOSTRANGE_MAX + 1), (guint64)HOSTRANGE_MAX + 1);
		p = end + 1;
	}
	if (lit->len) {
		Part text = {.text = g_strdup(lit->str)};
		g_array_append_val(parts, text);
	}
	return g_steal_pointer(&parts);
}

/* "host", "host:port", "[v6]", "[v6]:port", "v6" -> an entry. */
static gboolean
split_port(const char *item, const char *s, HostEntry *e, GError **error)
{
	const char *port = NULL;
	if (s[0] == '[') {
		const char *end = strchr(s, ']');
		if (!end || end == s + 1)
			return bad(error, item, "bad IPv6 address in '%s'", s);
		e->host = g_strndup(s + 1, (gsize)(end - s - 1));
		if (end[1] == ':')
			port = end + 2;
		else if (end[1])
			return bad(error, item, "'%s' after ']' in '%s'", end + 1, s);
	} else {
		const char *colon = strchr(s, ':');
		if (colon && !strchr(colon + 1, ':')) {
			e->host = g_strndup(s, (gsize)(colon - s));
			port = colon + 1;
		} else {
			e->host = g_strdup(s); /* no port, or a bare IPv6 address */
		}
	}
	if (!*e->host)
		return bad(error, item, "no host name in '%s'", s);
	if (strpbrk(e->host, " \t[]"))
		return bad(error, item, "bad host name '%s'", e->host);
	if (port) {
		guint64 v = 0;
		if (!g_ascii_string_to_unsigned(port, 10, 1, 65535, &v, NULL))
			return bad(error, item, "bad port '%s' (1-65535)", port);
		e->port = (guint16)v;
	}
	e->label = g_strdup(s);
	return TRUE;
}

typedef struct {
	GPtrArray *out;
	GHashTable *seen;
	const char *item;
} Expand;

static gboolean
expand(Expand *x, GArray *parts, guint i, GString *buf, GError **error)
{
	if (i == parts->len) {
		if (g_hash_table_contains(x->seen, buf->str))
			return TRUE;
		HostEntry *e = g_new0(HostEntry, 1);
		if (!split_port(x->item, buf->str, e, error)) {
			host_entry_free(e);
			return FALSE;
		}
		g_hash_table_add(x->seen, g_strdup(buf->str));
		g_ptr_array_add(x->out, e);
		return TRUE;
	}
	Part *part = &g_array_index(parts, Part, i);
	gsize len = buf->len;
	if (!part->spans) {
		g_string_append(buf, part->text);
		gboolean ok = expand(x, parts, i + 1, buf, error);
		g_string_truncate(buf, len);
		return ok;
	}
	for (guint k = 0; k < part->spans->len; k++) {
		Span *s = &g_array_index(part->spans, Span, k);
		for (guint64 v = s->lo; v <= s->hi; v++) {
			g_string_append_printf(buf, "%0*" G_GUINT64_FORMAT, (int)s->width, v);
			gboolean ok = expand(x, parts, i + 1, buf, error);
			g_string_truncate(buf, len);
			if (!ok)
				return FALSE;
		}
	}
	return TRUE;
}

/* Split spec at the commas outside [..]. */
static GPtrArray *
split_list(const char *spec, GError **error)
{
	g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func(g_free);
	int depth = 0;
	const char *start = spec;
	for (const char *p = spec;; p++) {
		if (*p == '[' && ++depth > 1) {
			bad(error, spec, "nested '['");
			return NULL;
		}
		if (*p == ']' && --depth < 0) {
			bad(error, spec, "']' without '['");
			return NULL;
		}
		if ((*p == ',' && depth == 0) || !*p) {
			if (p == start) {
				bad(error, spec, "empty host name in the list");
				return NULL;
			}
			g_ptr_array_add(items, g_strndup(start, (gsize)(p - start)));
			start = p + 1;
		}
		if (!*p)
			break;
	}
	if (depth) {
		bad(error, spec, "'[' without ']'");
		return NULL;
	}
	return g_steal_pointer(&items);
}

static gboolean
parse_into(Expand *x, const char *spec, GError **error)
{
	g_autoptr(GPtrArray) items = split_list(spec, error);
	if (!items)
		return FALSE;
	for (guint i = 0; i < items->len; i++) {
		x->item = items->pdata[i];
		guint64 count;
		g_autoptr(GArray) parts = split_parts(x->item, &count, error);
		if (!parts)
			return FALSE;
		if (count + x->out->len > HOSTRANGE_MAX)
			return bad(error, x->item, "more than %d hosts", HOSTRANGE_MAX);
		g_autoptr(GString) buf = g_string_new(NULL);
		if (!expand(x, parts, 0, buf, error))
			return FALSE;
	}
	return TRUE;
}

GPtrArray *
hostrange_parse(const char *spec, GError **error)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(host_entry_free);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	Expand x = {.out = out, .seen = seen};
	if (!spec || !*spec) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "no host given");
		return NULL;
	}
	if (!parse_into(&x, spec, error))
		return NULL;
	return g_steal_pointer(&out);
}

static GPtrArray *
load_file(const char *path, GError **error)
{
	g_autofree char *text = NULL;
	if (!g_file_get_contents(path, &text, NULL, error))
		return NULL;
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(host_entry_free);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	Expand x = {.out = out, .seen = seen};
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i]; i++) {
		char *line = lines[i];
		line[strcspn(line, "#")] = '\0';
		g_strstrip(line);
		if (!*line)
			continue;
		GError *e = NULL;
		if (!parse_into(&x, line, &e)) {
			g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s:%u: %s",
				    path, i + 1, e->message);
			g_error_free(e);
			return NULL;
		}
	}
	if (out->len == 0) {
		g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: no hosts", path);
		return NULL;
	}
	return g_steal_pointer(&out);
}

GPtrArray *
hostrange_load(const char *arg, GError **error)
{
	if (arg && arg[0] == '@')
		return load_file(arg + 1, error);
	return hostrange_parse(arg, error);
}
