/* config-private.h - what config.c and config-model.c share: the parse
 * context and typed getters that report "FILE:LINE: [group] key: ...". */
#pragma once

#include <gio/gio.h>
#include <stdint.h>

#include "config.h"

typedef struct {
	const char *path;
	GKeyFile *kf;
	GHashTable *lines; /* "group" or "group\nkey" -> line */
	BmcSimConfig *c;
	size_t max_users; /* [bmc] max-users, 0 when not given */
} Ctx;

/* 1-based line of a group (key NULL) or key; 0 when unknown.  Also the
 * BmcConfigSource.line_of callback (data is the Ctx). */
int cfg_line_of(gpointer data, const char *group, const char *key);
/* Set error to "FILE:LINE: [group] key: what"; returns FALSE. */
gboolean cfg_fail(Ctx *x, const char *group, const char *key, GError **error, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
gboolean cfg_unknown_key(Ctx *x, const char *g, const char *k, GError **error);
/* Decimal or 0x hex, at most max. */
gboolean cfg_parse_uint(const char *s, guint64 max, guint64 *out);

gboolean cfg_string(Ctx *x, const char *g, const char *k, char **out, GError **error);
gboolean cfg_uint(Ctx *x, const char *g, const char *k, guint64 min, guint64 max, guint64 *out,
		  GError **error);
gboolean cfg_u8(Ctx *x, const char *g, const char *k, guint max, uint8_t *out, GError **error);
gboolean cfg_bool(Ctx *x, const char *g, const char *k, gboolean *out, GError **error);
gboolean cfg_priv(Ctx *x, const char *g, const char *k, uint8_t *out, GError **error);

/* config-model.c: the groups that describe controllers. */
gboolean cfg_group_bmc(Ctx *x, const char *g, GError **error);
gboolean cfg_group_user(Ctx *x, const char *g, guint id, GError **error);
gboolean cfg_group_chassis(Ctx *x, const char *g, GError **error);
/* Every [satellite NAME] group, once all groups are known. */
gboolean cfg_load_satellites(Ctx *x, char **groups, GError **error);
