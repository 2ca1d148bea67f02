/* config.h - bmcsim's configuration: the GLib key file (see
 * simulator/config/example.conf for every key), listen specifications and
 * cipher suite lists.
 *
 * Every error reads "FILE:LINE: [group] key: what is wrong".  GKeyFile
 * keeps no line numbers, so the file text is scanned first: that scan also
 * rejects what GKeyFile would silently accept (duplicate groups or keys).
 */
#pragma once

#include <gio/gio.h>

#include "faults.h"
#include "model.h"
#include "session.h"

#define BMC_DEFAULT_PORT 6230

typedef struct {
	char *spec;          /* as written */
	GInetAddress *first; /* first address of the range */
	guint count;         /* addresses: 1, or the size of A-B */
	guint16 port;
} BmcListen;

typedef struct {
	GPtrArray *listen; /* BmcListen * */
	BmcModel *model;   /* the template every endpoint copies */
	BmcSessionLimits limits;
	BmcFaultConfig faults;
	char *transcript;       /* NULL: off; "-": standard error */
	gboolean storage_named; /* the file configured sensors, SEL or FRU */
} BmcSimConfig;

/* The built-in configuration: the default BMC, no listen address yet. */
BmcSimConfig *bmc_sim_config_new(void);
void bmc_sim_config_free(BmcSimConfig *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(BmcSimConfig, bmc_sim_config_free)

/* Apply a key file on top of the built-in configuration. */
gboolean bmc_sim_config_load(BmcSimConfig *c, const char *path, GError **error);
/* After the file and the options: default storage, default listen address. */
void bmc_sim_config_finish(BmcSimConfig *c);

/* "ADDR:PORT", "ADDR" (default port), "[V6]:PORT", or "A-B:PORT" with A
 * and B IPv4 addresses, A <= B. */
BmcListen *bmc_listen_parse(const char *spec, GError **error);
void bmc_listen_free(BmcListen *l);
/* Address number i (0-based) of the range. */
GInetAddress *bmc_listen_address(const BmcListen *l, guint i);

/* "2,3,17", "2;3;17", "2 3 17", ranges "15-17"; suites 0..19. */
gboolean bmc_suites_parse(const char *s, uint32_t *mask, GError **error);
/* A percentage 0..100. */
gboolean bmc_percent_parse(const char *s, double *out, GError **error);
