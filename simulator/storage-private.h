/* storage-private.h - what the storage model (storage.c), its configuration
 * groups (storage-config.c, storage-config-groups.c) and the built-in
 * defaults (storage-defaults.c) share.  Not for the handlers: they use
 * storage.h only. */
#pragma once

#include "storage.h"

#include <errno.h>
#include <math.h> /* isfinite only: bmcsim does not link libm */
#include <stdarg.h>
#include <string.h>

#include "core/msg.h"
#include "core/status.h"

#define SEL_CAPACITY_DEFAULT 512
#define SEL_CAPACITY_MAX 4096
#define SDR_SPACE 8192 /* bytes the repository pretends to have */
#define SDR_UNIT 16    /* its allocation unit */
#define SDR_TS_BASE 1700000000u
#define SEL_TS_DEFAULT 1710403200u /* 2024-03-14 08:00:00 UTC */

typedef enum { READ_CONSTANT, READ_SINE, READ_RAMP, READ_WALK } ReadingKind;

/* constant: a; sine: base a, amplitude b, period c; ramp: from a to b over
 * c; walk: base a, amplitude b, interval c, seed. */
typedef struct {
	ReadingKind kind;
	double a, b, c;
	guint32 seed;
} ReadingModel;

struct _BmcSensor {
	char *name;
	IpmiSdrRecord rec; /* full or compact; record ID = position + 1 */
	ReadingModel reading;
	uint16_t state; /* discrete sensors: asserted states */
};

typedef struct {
	uint8_t id;
	char *name; /* FRU Device Locator ID string (FRUs other than 0) */
	uint8_t entity_id, entity_instance;
	GBytes *image; /* the whole inventory area */
} Fru;

struct _BmcStorage {
	uint8_t owner;
	char *mc_name;
	GPtrArray *sensors; /* BmcSensor * */
	GPtrArray *frus;    /* Fru * */
	GPtrArray *sdr;     /* GBytes * per record; NULL until built */
	uint32_t sdr_add_ts;
	uint16_t sdr_reservation;
	gboolean sdr_reserved;

	GArray *sel; /* IpmiSelRecord */
	guint sel_capacity;
	gboolean sel_clear_event;
	gboolean sel_overflow;
	uint16_t sel_next_id;
	uint16_t sel_reservation;
	gboolean sel_reserved;
	uint32_t sel_add_ts, sel_erase_ts;
	gint64 sel_offset_s; /* Set SEL Time */
};

/* storage.c */
Fru *storage_fru_find(BmcStorage *s, uint8_t id);
double storage_pow10(int e);
void storage_sdr_changed(BmcStorage *s);
gboolean storage_sel_append(BmcStorage *s, const IpmiSelRecord *r, uint16_t *id);
void storage_sensor_free(BmcSensor *x);

/* storage-config.c: reading one configuration group */
typedef struct {
	const BmcConfigSource *src;
	const char *group;
	GHashTable *keys; /* normalized name ('-' as '_') -> key as written */
	GError **error;
} Group;

gboolean scfg_fail(Group *g, const char *name, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
gboolean scfg_group_open(Group *g, const BmcConfigSource *src, const char *group,
			 const char *const *allowed, GError **error);
gboolean scfg_has(Group *g, const char *name);
char *scfg_value(Group *g, const char *name);
int scfg_opt_bool(Group *g, const char *name, gboolean *out);
int scfg_opt_bytes(Group *g, const char *name, uint8_t *out, size_t max, size_t *n);
int scfg_opt_code(Group *g, const char *name, int (*code_of)(const char *), gint64 max, int *out);
int scfg_opt_double(Group *g, const char *name, double *out);
int scfg_opt_entity(Group *g, const char *name, uint8_t *id, uint8_t *inst);
int scfg_opt_int(Group *g, const char *name, gint64 min, gint64 max, gint64 *out);
int scfg_opt_time(Group *g, const char *name, gint64 min, gint64 *out);
gboolean scfg_parse_int(const char *s, gint64 min, gint64 max, gint64 *out);
gboolean storage_config_sensor(BmcStorage *s, Group *g, const char *name);
extern const char *const storage_sensor_keys[];
