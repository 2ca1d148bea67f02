/* jsonw.h - the little JSON ipmictl writes: objects of strings, numbers,
 * booleans, null and arrays of strings, one per line.
 *
 * Only writing, so a careful string escaper is all it takes (no json-glib
 * for the CLI): every string is made valid UTF-8 first (invalid bytes
 * become U+FFFD), then '"', '\\' and the C0 controls are escaped, and
 * U+2028/U+2029 too so that a line is also a valid JavaScript literal. */
#pragma once

#include <glib.h>

typedef struct {
	GString *s;
	gboolean first;
} JsonObject;

/* Append "text" (quoted, escaped) to s. */
void jsonw_string(GString *s, const char *text);

void jsonw_begin(JsonObject *o, GString *s);                       /* "{" */
void jsonw_end(JsonObject *o);                                     /* "}" */
void jsonw_str(JsonObject *o, const char *key, const char *value); /* NULL: null */
void jsonw_int(JsonObject *o, const char *key, gint64 value);
void jsonw_double(JsonObject *o, const char *key, double value); /* not finite: null */
void jsonw_bool(JsonObject *o, const char *key, gboolean value);
void jsonw_null(JsonObject *o, const char *key);
void jsonw_strv(JsonObject *o, const char *key, const char *const *values, gsize n);
/* value: JSON text already (an array of numbers, say). */
void jsonw_raw(JsonObject *o, const char *key, const char *value);
