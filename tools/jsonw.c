/* jsonw.c - see jsonw.h. */
#include "jsonw.h"

#include <math.h>
#include <string.h>

void
jsonw_string(GString *s, const char *text)
{
	g_autofree char *valid = g_utf8_make_valid(text ? text : "", -1);
	g_string_append_c(s, '"');
	for (const char *p = valid; *p; p++) {
		guchar c = (guchar)*p;
		switch (c) {
		case '"':
			g_string_append(s, "\\\"");
			break;
		case '\\':
			g_string_append(s, "\\\\");
			break;
		case '\n':
			g_string_append(s, "\\n");
			break;
		case '\r':
			g_string_append(s, "\\r");
			break;
		case '\t':
			g_string_append(s, "\\t");
			break;
		case '\b':
			g_string_append(s, "\\b");
			break;
		case '\f':
			g_string_append(s, "\\f");
			break;
		default:
			if (c < 0x20 || c == 0x7F) {
				g_string_append_printf(s, "\\u%04x", c);
			} else if (c == 0xE2 && (guchar)p[1] == 0x80 &&
				   ((guchar)p[2] == 0xA8 || (guchar)p[2] == 0xA9)) {
				g_string_append_printf(s, "\\u%04x",
						       0x2000 | ((guchar)p[2] - 0x80));
				p += 2;
			} else {
				g_string_append_c(s, (char)c);
			}
		}
	}
	g_string_append_c(s, '"');
}

static void
key(JsonObject *o, const char *k)
{
	if (!o->first)
		g_string_append_c(o->s, ',');
	o->first = FALSE;
	jsonw_string(o->s, k);
	g_string_append_c(o->s, ':');
}

void
jsonw_begin(JsonObject *o, GString *s)
{
	o->s = s;
	o->first = TRUE;
	g_string_append_c(s, '{');
}

void
jsonw_end(JsonObject *o)
{
	g_string_append_c(o->s, '}');
}

void
jsonw_str(JsonObject *o, const char *k, const char *value)
{
	key(o, k);
	if (value)
		jsonw_string(o->s, value);
	else
		g_string_append(o->s, "null");
}

void
jsonw_int(JsonObject *o, const char *k, gint64 value)
{
	key(o, k);
	g_string_append_printf(o->s, "%" G_GINT64_FORMAT, value);
}

void
jsonw_bool(JsonObject *o, const char *k, gboolean value)
{
	key(o, k);
	g_string_append(o->s, value ? "true" : "false");
}

void
jsonw_null(JsonObject *o, const char *k)
{
	key(o, k);
	g_string_append(o->s, "null");
}

void
jsonw_strv(JsonObject *o, const char *k, const char *const *values, gsize n)
{
	key(o, k);
	g_string_append_c(o->s, '[');
	for (gsize i = 0; i < n; i++) {
		if (i)
			g_string_append_c(o->s, ',');
		jsonw_string(o->s, values[i]);
	}
	g_string_append_c(o->s, ']');
}

void
jsonw_raw(JsonObject *o, const char *k, const char *value)
{
	key(o, k);
	g_string_append(o->s, value);
}

void
jsonw_double(JsonObject *o, const char *k, double value)
{
	key(o, k);
	if (!isfinite(value)) {
		g_string_append(o->s, "null");
		return;
	}
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_string_append(o->s, g_ascii_formatd(buf, sizeof buf, "%.6g", value));
}
