/* storage.h - the simulated BMC's sensors (SDR repository), System Event
 * Log and FRU inventory: data model, configuration groups and the
 * built-in defaults.  Handlers live in h_sensor.c and h_storage.c. */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/msg.h"

typedef struct _BmcStorage BmcStorage;

/* Where configuration comes from, so errors can name file and line. */
typedef struct {
	GKeyFile *kf;
	const char *path;
	/* 1-based line of group/key (key NULL: the group header), 0 if unknown */
	int (*line_of)(gpointer ctx, const char *group, const char *key);
	gpointer ctx;
} BmcConfigSource;

BmcStorage *bmc_storage_new(void);
BmcStorage *bmc_storage_copy(const BmcStorage *s); /* per-endpoint state */
void bmc_storage_free(BmcStorage *s);

/* Does this config group belong to storage ("sensor NAME", "sel", "sel
 * ENTRY", "fru N", ...)?  */
gboolean bmc_storage_owns_group(const char *group);
/* Load one such group.  Errors read "FILE:LINE: [group] key: problem". */
gboolean bmc_storage_config_group(BmcStorage *s, const BmcConfigSource *src, const char *group,
				  GError **error);
/* The default BMC's sensors, SEL entries and FRU areas (when the config
 * names none). */
void bmc_storage_add_defaults(BmcStorage *s);

/* ---- Configuration groups (storage.c's defaults are written in them) ------
 * Keys may use '_' or '-'.  Numbers are decimal or 0x hex.
 *   [sensor NAME]  NAME is the SDR ID string (16 bytes at most).
 *     number, type (name as ipmitool prints it, or a code), event_type
 *     (01h threshold, the default; 6Fh sensor-specific, the default when
 *     `state` is given), units (ipmitool's name or a code), entity (ID or
 *     ID.INSTANCE), format (unsigned | 1s | 2s), m, b, bexp, rexp,
 *     nominal, lnr, lcr, lnc, unc, ucr, unr, hysteresis (in units),
 *     reading = constant:V | sine:BASE,AMPLITUDE,PERIOD_S |
 *       ramp:FROM,TO,PERIOD_S | walk:BASE,AMPLITUDE,INTERVAL_S[,SEED]
 *     discrete sensors: state (asserted bits), events (supported bits),
 *     record = full | compact (compact is the default for discrete ones)
 *   [sel]  capacity (entries), clear_event (log "Log area reset/cleared"
 *     after a clear, default true)
 *   [sel N]  one entry, in file order: timestamp (Unix seconds or ISO
 *     8601), type, generator, sensor (a [sensor NAME] defined above) or
 *     sensor_type + sensor_number, event_type, direction (assert |
 *     deassert), offset, reading + threshold (in the sensor's units),
 *     data (3 bytes); OEM types: manufacturer, oem (bytes)
 *   [fru N]  N 0..254 (0 is the board): name, entity, size, chassis_type,
 *     chassis_part, chassis_serial, board_mfg, board_product,
 *     board_serial, board_part, board_date (ISO 8601), product_mfg,
 *     product_name, product_part, product_version, product_serial,
 *     product_asset                                                        */

/* The controller that owns the sensors and heads the SDR repository's
 * Management Controller Device Locator: IPMB address (20h by default) and
 * the locator's ID string ("BMC").  For satellites. */
void bmc_storage_set_owner(BmcStorage *s, uint8_t ipmb_addr, const char *mc_name);
/* A satellite's defaults (an I/O card: "Card Temp", "Card 5V", a board
 * FRU 0), owned by ipmb_addr, MC locator named `name`. */
void bmc_storage_add_satellite_defaults(BmcStorage *s, uint8_t ipmb_addr, const char *name);

/* ---- What the handlers (h_sensor.c, h_storage.c) and tests use ------------ */

/* The SDR repository: sensors in configuration order, FRU Device Locators
 * for FRUs other than 0, then the MC Device Locator (when the storage
 * holds anything).  Record IDs are 1..n. */
guint bmc_storage_sdr_count(BmcStorage *s);
void bmc_storage_sdr_info(BmcStorage *s, IpmiSdrRepoInfo *out);
void bmc_storage_sdr_alloc(BmcStorage *s, IpmiAllocInfo *out);
/* Record `id` (0000h: the first, FFFFh: the last) as encoded bytes, and
 * the ID of the next (FFFFh after the last); NULL when absent. */
const uint8_t *bmc_storage_sdr_get(BmcStorage *s, uint16_t id, size_t *len, uint16_t *next_id);
/* A new reservation cancels the previous one (SDR and device SDR share
 * it).  Never 0. */
uint16_t bmc_storage_sdr_reserve(BmcStorage *s);
gboolean bmc_storage_sdr_reserved(BmcStorage *s, uint16_t reservation);

/* Answer Get SDR / Get Device SDR (the same request) from the repository:
 * CBh unknown record, C5h stale reservation on a partial read, C9h offset
 * past the record, CAh when the bytes do not fit in cap.  h_sensor.c. */
uint8_t bmc_sdr_answer(BmcStorage *s, const IpmiMsg *req, uint8_t *rsp, size_t cap,
		       size_t *rsp_len);

typedef struct _BmcSensor BmcSensor;
guint bmc_storage_sensor_count(BmcStorage *s);
const BmcSensor *bmc_storage_sensor(BmcStorage *s, uint8_t number);
const BmcSensor *bmc_storage_sensor_named(BmcStorage *s, const char *name);
/* The sensor's full or compact record (record ID as in the repository). */
const IpmiSdrRecord *bmc_sensor_record(const BmcSensor *x);
gboolean bmc_sensor_is_threshold(const BmcSensor *x);
/* The modelled value at now_us (threshold sensors; 0 for discrete). */
double bmc_sensor_value(const BmcSensor *x, gint64 now_us);
void bmc_sensor_reading(const BmcSensor *x, gint64 now_us, IpmiSensorReading *out);
void bmc_sensor_thresholds(const BmcSensor *x, IpmiSensorThresholds *out);
void bmc_sensor_hysteresis(const BmcSensor *x, IpmiSensorHysteresis *out);
void bmc_sensor_event_enable(const BmcSensor *x, IpmiSensorEvents *out);
void bmc_sensor_event_status(const BmcSensor *x, gint64 now_us, IpmiSensorEvents *out);

/* The SEL.  Record IDs start at 1 and are not reused until a clear. */
guint bmc_storage_sel_count(BmcStorage *s);
void bmc_storage_sel_info(BmcStorage *s, IpmiSelInfo *out);
void bmc_storage_sel_alloc(BmcStorage *s, IpmiAllocInfo *out);
uint16_t bmc_storage_sel_reserve(BmcStorage *s);
gboolean bmc_storage_sel_reserved(BmcStorage *s, uint16_t reservation);
/* Entry `id` (0000h first, FFFFh last) and the next ID; NULL when absent. */
const IpmiSelRecord *bmc_storage_sel_get(BmcStorage *s, uint16_t id, uint16_t *next_id);
/* Assign the record ID and, for timestamped types, the SEL time; FALSE
 * when the log is full. */
gboolean bmc_storage_sel_add(BmcStorage *s, const IpmiSelRecord *r, gint64 now_us, uint16_t *id);
/* Delete entry `id` (0000h/FFFFh as above); FALSE when absent.  Cancels
 * the reservation. */
gboolean bmc_storage_sel_delete(BmcStorage *s, uint16_t id, gint64 now_us, uint16_t *deleted);
/* Erase (and, with clear_event, log the erase).  Cancels the reservation. */
void bmc_storage_sel_clear(BmcStorage *s, gint64 now_us);
/* The SEL clock: real time plus what Set SEL Time moved it by. */
uint32_t bmc_storage_sel_time(BmcStorage *s, gint64 now_us);
void bmc_storage_sel_set_time(BmcStorage *s, uint32_t t, gint64 now_us);

/* FRU device `id`: its inventory area (*size bytes: the image, then free
 * space), or NULL. */
const uint8_t *bmc_storage_fru(BmcStorage *s, uint8_t id, size_t *size);
