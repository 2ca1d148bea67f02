/* cmd_sdr.h - the SDR repository (Storage netFn), device SDRs and sensor
 * commands (Sensor/Event netFn), both directions, and the SDR record
 * formats ipmitool and FreeIPMI read:
 *   Storage 0x20 Get SDR Repository Info, 0x21 Get SDR Repository
 *     Allocation Info, 0x22 Reserve SDR Repository, 0x23 Get SDR
 *   Sensor  0x20 Get Device SDR Info, 0x21 Get Device SDR, 0x22 Reserve
 *     Device SDR Repository, 0x25 Get Sensor Hysteresis, 0x27 Get Sensor
 *     Thresholds, 0x29 Get Sensor Event Enable, 0x2B Get Sensor Event
 *     Status, 0x2D Get Sensor Reading
 *   records 01h Full Sensor, 02h Compact Sensor, 11h FRU Device Locator,
 *     12h Management Controller Device Locator (others kept raw)
 *   the linear reading conversion y = (M*x + B*10^Bexp) * 10^Rexp, its
 *     inverse, unit and sensor type names as ipmitool prints them.
 *
 * Conventions as in cmd_session.h: only the command data is coded (the
 * completion code lives in IpmiMsg); decoders return the bytes consumed and
 * reject trailing bytes with IPMI_ERR_LENGTH; reserved bits are written as
 * zero and ignored when read.  Requests with no data (Get SDR Repository
 * Info, the Reserve commands, ...) have no codec: their data length is 0.
 * Decoded structs may point into the decoded buffer (the "data" views).
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Storage netFn (0x0A) */
#define IPMI_CMD_GET_SDR_REPO_INFO 0x20
#define IPMI_CMD_GET_SDR_REPO_ALLOC_INFO 0x21
#define IPMI_CMD_RESERVE_SDR_REPO 0x22
#define IPMI_CMD_GET_SDR 0x23
/* Sensor/Event netFn (0x04) */
#define IPMI_CMD_GET_DEVICE_SDR_INFO 0x20
#define IPMI_CMD_GET_DEVICE_SDR 0x21
#define IPMI_CMD_RESERVE_DEVICE_SDR_REPO 0x22
#define IPMI_CMD_GET_SENSOR_HYSTERESIS 0x25
#define IPMI_CMD_GET_SENSOR_THRESHOLDS 0x27
#define IPMI_CMD_GET_SENSOR_EVENT_ENABLE 0x29
#define IPMI_CMD_GET_SENSOR_EVENT_STATUS 0x2B
#define IPMI_CMD_GET_SENSOR_READING 0x2D

#define IPMI_SDR_VERSION 0x51
#define IPMI_SDR_HEADER_LEN 5
#define IPMI_SDR_MAX_RECORD (IPMI_SDR_HEADER_LEN + 255)
#define IPMI_SDR_RECORD_ID_FIRST 0x0000
#define IPMI_SDR_RECORD_ID_LAST 0xFFFF
#define IPMI_SDR_READ_ALL 0xFF /* Get SDR "bytes to read": the rest */

/* ---- Get SDR Repository Info (Storage 0x20) ------------------------------
 * Response: [0] SDR version (51h) [1..2] record count [3..4] free space in
 * bytes (FFFFh unspecified) [5..8] most recent addition timestamp [9..12]
 * most recent erase timestamp [13] operation support.  All LE.          */
#define IPMI_SDR_OP_OVERFLOW 0x80
#define IPMI_SDR_OP_UPDATE_MASK 0x60 /* 00 unspecified, 01 non-modal, 10 modal, 11 both */
#define IPMI_SDR_OP_NONMODAL 0x20
#define IPMI_SDR_OP_MODAL 0x40
#define IPMI_SDR_OP_DELETE 0x08
#define IPMI_SDR_OP_PARTIAL_ADD 0x04
#define IPMI_SDR_OP_RESERVE 0x02
#define IPMI_SDR_OP_ALLOC_INFO 0x01

typedef struct {
	uint8_t version;
	uint16_t record_count;
	uint16_t free_space;
	uint32_t addition_ts;
	uint32_t erase_ts;
	uint8_t op_support; /* IPMI_SDR_OP_*; bit 4 reserved */
} IpmiSdrRepoInfo;

int ipmi_sdr_repo_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSdrRepoInfo *out);
int ipmi_sdr_repo_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSdrRepoInfo *m);

/* ---- Allocation Info (Storage 0x21 SDR, 0x41 SEL: the same format) -------
 * Response: [0..1] number of allocation units [2..3] unit size in bytes
 * [4..5] free units [6..7] largest free block in units [8] maximum record
 * size in units.                                                         */
typedef struct {
	uint16_t units;
	uint16_t unit_size;
	uint16_t free_units;
	uint16_t largest_free;
	uint8_t max_record_units;
} IpmiAllocInfo;

int ipmi_alloc_info_rsp_decode(const uint8_t *buf, size_t len, IpmiAllocInfo *out);
int ipmi_alloc_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiAllocInfo *m);

/* ---- Reserve SDR Repository / Reserve Device SDR Repository / Reserve SEL
 * Request: no data.  Response: [0..1] reservation ID (LE), never 0000h. */
typedef struct {
	uint16_t id;
} IpmiReserveRsp;

int ipmi_reserve_rsp_decode(const uint8_t *buf, size_t len, IpmiReserveRsp *out);
int ipmi_reserve_rsp_encode(uint8_t *buf, size_t cap, const IpmiReserveRsp *m);

/* ---- Get SDR (Storage 0x23) / Get Device SDR (Sensor 0x21) ---------------
 * Request:  [0..1] reservation ID (only needed when offset != 0, else 0)
 *           [2..3] record ID (0000h first, FFFFh last) [4] offset into the
 *           record (header included) [5] bytes to read (FFh: the rest)
 * Response: [0..1] next record ID (FFFFh after the last) then the bytes.
 * ipmitool reads the 5-byte header, then the body from offset 5 in chunks,
 * shrinking the chunk on CAh; FreeIPMI first tries offset 0 / FFh, then
 * header + 16-byte chunks.  A BMC must answer exactly the bytes asked.  */
typedef struct {
	uint16_t reservation;
	uint16_t record_id;
	uint8_t offset;
	uint8_t count;
} IpmiGetSdrReq;

typedef struct {
	uint16_t next_id;
	const uint8_t *data; /* points into the decoded buffer */
	size_t data_len;
} IpmiGetSdrRsp;

int ipmi_get_sdr_req_decode(const uint8_t *buf, size_t len, IpmiGetSdrReq *out);
int ipmi_get_sdr_req_encode(uint8_t *buf, size_t cap, const IpmiGetSdrReq *m);
int ipmi_get_sdr_rsp_decode(const uint8_t *buf, size_t len, IpmiGetSdrRsp *out);
int ipmi_get_sdr_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetSdrRsp *m);

/* ---- Get Device SDR Info (Sensor 0x20) -----------------------------------
 * Request:  optional [0] bit 0: 1 = count SDRs, 0 = count sensors (what
 *           ipmitool gets: it sends no data).
 * Response: [0] count [1] bit 7 dynamic population, bits 3:0 LUNs with
 *           sensors; [2..5] sensor population change indicator (LE32),
 *           present for dynamic devices.                               */
typedef struct {
	bool has_operation; /* the optional byte is present */
	bool sdr_count;
} IpmiGetDeviceSdrInfoReq;

typedef struct {
	uint8_t count;
	bool dynamic;
	uint8_t lun_mask; /* bits 3:0 */
	bool has_change;  /* bytes 2..5 present */
	uint32_t change;
} IpmiGetDeviceSdrInfoRsp;

int ipmi_get_device_sdr_info_req_decode(const uint8_t *buf, size_t len,
					IpmiGetDeviceSdrInfoReq *out);
int ipmi_get_device_sdr_info_req_encode(uint8_t *buf, size_t cap, const IpmiGetDeviceSdrInfoReq *m);
int ipmi_get_device_sdr_info_rsp_decode(const uint8_t *buf, size_t len,
					IpmiGetDeviceSdrInfoRsp *out);
int ipmi_get_device_sdr_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetDeviceSdrInfoRsp *m);

/* ---- Sensor requests ------------------------------------------------------
 * Get Sensor Reading, Get Sensor Thresholds, Get Sensor Event Enable and
 * Get Sensor Event Status take one byte: the sensor number.
 * Get Sensor Hysteresis takes two: the sensor number and a reserved
 * "hysteresis mask", written as FFh.                                      */
typedef struct {
	uint8_t number;
} IpmiSensorReq;

int ipmi_sensor_req_decode(const uint8_t *buf, size_t len, IpmiSensorReq *out);
int ipmi_sensor_req_encode(uint8_t *buf, size_t cap, const IpmiSensorReq *m);
int ipmi_sensor_hysteresis_req_decode(const uint8_t *buf, size_t len, IpmiSensorReq *out);
int ipmi_sensor_hysteresis_req_encode(uint8_t *buf, size_t cap, const IpmiSensorReq *m);

/* Threshold bits: the Get Sensor Reading comparison status (byte 2), the
 * Get Sensor Thresholds readable mask and the SDR readable/settable masks. */
#define IPMI_THRESH_LNC 0x01
#define IPMI_THRESH_LCR 0x02
#define IPMI_THRESH_LNR 0x04
#define IPMI_THRESH_UNC 0x08
#define IPMI_THRESH_UCR 0x10
#define IPMI_THRESH_UNR 0x20
#define IPMI_THRESH_ALL 0x3F

/* ---- Get Sensor Reading (Sensor 0x2D) ------------------------------------
 * Response: [0] raw reading [1] bit 7 event messages enabled, bit 6
 * scanning enabled, bit 5 reading unavailable; then up to two state bytes:
 * threshold sensors: IPMI_THRESH_* comparison status (bits 7:6 returned as
 * 1b), then 80h; discrete sensors: state bits 7:0, then 14:8 (bit 7 1b).
 * ipmitool treats bit 6 clear as "scanning disabled" and shows no value. */
typedef struct {
	uint8_t raw;
	bool events_enabled;
	bool scanning_enabled;
	bool unavailable;
	uint8_t state_len; /* 0..2 state bytes present */
	uint8_t state[2];  /* as on the wire */
} IpmiSensorReading;

int ipmi_sensor_reading_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorReading *out);
int ipmi_sensor_reading_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorReading *m);

/* ---- Get Sensor Thresholds (Sensor 0x27) ---------------------------------
 * Response: [0] readable mask (IPMI_THRESH_*) [1] lnc [2] lcr [3] lnr
 * [4] unc [5] ucr [6] unr (raw values; ipmitool always reads all 7).   */
typedef struct {
	uint8_t readable;
	uint8_t lnc, lcr, lnr, unc, ucr, unr;
} IpmiSensorThresholds;

int ipmi_sensor_thresholds_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorThresholds *out);
int ipmi_sensor_thresholds_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorThresholds *m);

/* ---- Get Sensor Hysteresis (Sensor 0x25) ---------------------------------
 * Response: [0] positive-going [1] negative-going threshold hysteresis. */
typedef struct {
	uint8_t positive;
	uint8_t negative;
} IpmiSensorHysteresis;

int ipmi_sensor_hysteresis_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorHysteresis *out);
int ipmi_sensor_hysteresis_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorHysteresis *m);

/* ---- Get Sensor Event Enable (0x29) / Get Sensor Event Status (0x2B) ------
 * Response: [0] flags, then up to 4 optional bytes: assertion bits 7:0,
 * 14:8, deassertion bits 7:0, 14:8.
 *   Event Enable flags: bit 7 all event messages enabled, bit 6 scanning
 *     enabled (bit 5 reserved: 'unavailable' is written as 0, read false).
 *   Event Status flags: bit 7 event messages enabled, bit 6 scanning
 *     enabled, bit 5 reading/state unavailable.
 * Bit 15 of each mask is reserved.                                       */
typedef struct {
	bool events_enabled;
	bool scanning_enabled;
	bool unavailable; /* Event Status only */
	uint8_t mask_len; /* 0..4 mask bytes present */
	uint16_t assertion;
	uint16_t deassertion;
} IpmiSensorEvents;

int ipmi_sensor_event_enable_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorEvents *out);
int ipmi_sensor_event_enable_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorEvents *m);
int ipmi_sensor_event_status_rsp_decode(const uint8_t *buf, size_t len, IpmiSensorEvents *out);
int ipmi_sensor_event_status_rsp_encode(uint8_t *buf, size_t cap, const IpmiSensorEvents *m);

/* ---- SDR records ----------------------------------------------------------
 * Header: [0..1] record ID [2] SDR version (51h) [3] record type [4] length
 * of the body that follows.  The ID string type/length byte: bits 7:6 type
 * (00 Unicode, 01 BCD plus, 10 6-bit packed ASCII, 11 8-bit ASCII+Latin-1),
 * bits 4:0 length in bytes, at most 16.                                  */
#define IPMI_SDR_TYPE_FULL 0x01
#define IPMI_SDR_TYPE_COMPACT 0x02
#define IPMI_SDR_TYPE_EVENT_ONLY 0x03
#define IPMI_SDR_TYPE_ENTITY_ASSOC 0x08
#define IPMI_SDR_TYPE_GENERIC_LOCATOR 0x10
#define IPMI_SDR_TYPE_FRU_LOCATOR 0x11
#define IPMI_SDR_TYPE_MC_LOCATOR 0x12
#define IPMI_SDR_TYPE_OEM 0xC0

#define IPMI_SDR_ID_MAX 16
#define IPMI_SDR_ID_TYPE_UNICODE 0
#define IPMI_SDR_ID_TYPE_BCDPLUS 1
#define IPMI_SDR_ID_TYPE_ASCII6 2
#define IPMI_SDR_ID_TYPE_ASCII8 3

typedef struct {
	uint8_t type;                   /* IPMI_SDR_ID_TYPE_* */
	uint8_t len;                    /* 0..16 bytes */
	char data[IPMI_SDR_ID_MAX + 1]; /* raw bytes, NUL after len */
} IpmiSdrId;

/* Set an 8-bit ASCII ID; IPMI_ERR_INVALID_ARG when longer than 16. */
int ipmi_sdr_id_set(IpmiSdrId *id, const char *s);

/* Sensor initialization (full and compact, body byte 11) */
#define IPMI_SDR_INIT_SETTABLE 0x80
#define IPMI_SDR_INIT_SCANNING 0x40
#define IPMI_SDR_INIT_EVENTS 0x20
#define IPMI_SDR_INIT_THRESHOLDS 0x10
#define IPMI_SDR_INIT_HYSTERESIS 0x08
#define IPMI_SDR_INIT_TYPE 0x04
#define IPMI_SDR_INIT_EVENTS_ON 0x02   /* event generation enabled at start */
#define IPMI_SDR_INIT_SCANNING_ON 0x01 /* scanning enabled at start */
/* Sensor capabilities (body byte 12) */
#define IPMI_SDR_CAP_IGNORE 0x80
#define IPMI_SDR_CAP_AUTO_REARM 0x40
#define IPMI_SDR_CAP_HYST_MASK 0x30 /* 00 none, 01 readable, 10 settable, 11 fixed */
#define IPMI_SDR_CAP_HYST_READABLE 0x10
#define IPMI_SDR_CAP_THRESH_MASK 0x0C /* 00 none, 01 readable, 10 settable, 11 fixed */
#define IPMI_SDR_CAP_THRESH_READABLE 0x04
#define IPMI_SDR_CAP_EVENT_MASK 0x03 /* 00 per threshold/state, 01 sensor, 10 global, 11 none */

/* Event/reading type codes */
#define IPMI_EVENT_TYPE_THRESHOLD 0x01
#define IPMI_EVENT_TYPE_SENSOR_SPECIFIC 0x6F

/* Analog data formats (units 1, bits 7:6) */
#define IPMI_ANALOG_UNSIGNED 0
#define IPMI_ANALOG_ONES 1
#define IPMI_ANALOG_TWOS 2
#define IPMI_ANALOG_NONE 3

/* Analog characteristic flags (full record) */
#define IPMI_SDR_ANALOG_NOMINAL 0x01
#define IPMI_SDR_ANALOG_NORMAL_MAX 0x02
#define IPMI_SDR_ANALOG_NORMAL_MIN 0x04

/* The fields full and compact sensor records share. */
typedef struct {
	/* record key */
	uint8_t owner_id;  /* [7:1] slave address or software ID, [0] 1 = software ID */
	uint8_t channel;   /* 4 bits */
	uint8_t owner_lun; /* 2 bits */
	uint8_t number;
	/* record body */
	uint8_t entity_id;
	uint8_t entity_instance; /* [7] logical container, [6:0] instance */
	uint8_t init;            /* IPMI_SDR_INIT_* */
	uint8_t caps;            /* IPMI_SDR_CAP_* */
	uint8_t sensor_type;
	uint8_t event_type; /* event/reading type code */
	/* Threshold sensors: assertion events 11:0 + lower readable
	 * comparisons 14:12; deassertion events 11:0 + upper comparisons
	 * 14:12; readable thresholds 5:0 + settable thresholds 13:8.
	 * Discrete sensors: assertion, deassertion and reading masks 14:0. */
	uint16_t assert_mask;
	uint16_t deassert_mask;
	uint16_t reading_mask;
	uint8_t analog_format; /* IPMI_ANALOG_* */
	uint8_t rate_unit;     /* 3 bits */
	uint8_t modifier_rel;  /* 2 bits: 0 none, 1 base/modifier, 2 base*modifier */
	bool percentage;
	uint8_t base_unit; /* IPMI_UNIT_* */
	uint8_t modifier_unit;
	uint8_t pos_hysteresis;
	uint8_t neg_hysteresis;
	uint8_t oem;
	IpmiSdrId id;
} IpmiSdrSensor;

/* 01h: body 43 bytes + ID */
typedef struct {
	IpmiSdrSensor s;
	uint8_t linearization; /* 7 bits, 0 = linear */
	int16_t m;             /* -512..511 */
	uint8_t tolerance;     /* 6 bits */
	int16_t b;             /* -512..511 */
	uint16_t accuracy;     /* 10 bits */
	uint8_t accuracy_exp;  /* 2 bits */
	uint8_t direction;     /* 2 bits */
	int8_t r_exp;          /* -8..7 */
	int8_t b_exp;          /* -8..7 */
	uint8_t analog_flags;  /* IPMI_SDR_ANALOG_* */
	uint8_t nominal, normal_max, normal_min;
	uint8_t sensor_max, sensor_min;
	uint8_t unr, ucr, unc, lnr, lcr, lnc;
} IpmiSdrFullSensor;

/* 02h: body 27 bytes + ID */
typedef struct {
	IpmiSdrSensor s;
	uint8_t direction;     /* byte 24 [7:6] */
	uint8_t id_mod_type;   /* [5:4] */
	uint8_t share_count;   /* [3:0] */
	bool entity_increment; /* byte 25 [7] */
	uint8_t id_mod_offset; /* [6:0] */
} IpmiSdrCompactSensor;

/* 11h: body 11 bytes + ID */
typedef struct {
	uint8_t access_addr; /* controller slave address, 8-bit form (bit 0 0) */
	uint8_t fru_id;      /* logical: FRU device ID; else slave address */
	bool logical;
	uint8_t access_lun;  /* 2 bits */
	uint8_t private_bus; /* 3 bits */
	uint8_t channel;     /* 4 bits */
	uint8_t device_type; /* 10h: FRU inventory behind a controller */
	uint8_t device_type_modifier;
	uint8_t entity_id;
	uint8_t entity_instance;
	uint8_t oem;
	IpmiSdrId id;
} IpmiSdrFruLocator;

/* Management controller capabilities (12h body byte 9) */
#define IPMI_SDR_MC_CHASSIS 0x80
#define IPMI_SDR_MC_BRIDGE 0x40
#define IPMI_SDR_MC_EVENT_GENERATOR 0x20
#define IPMI_SDR_MC_EVENT_RECEIVER 0x10
#define IPMI_SDR_MC_FRU 0x08
#define IPMI_SDR_MC_SEL 0x04
#define IPMI_SDR_MC_SDR_REPO 0x02
#define IPMI_SDR_MC_SENSOR 0x01

/* 12h: body 11 bytes + ID */
typedef struct {
	uint8_t slave_addr;  /* 8-bit form (bit 0 0) */
	uint8_t channel;     /* 4 bits */
	uint8_t power_state; /* ACPI notification + global initialization byte */
	uint8_t caps;        /* IPMI_SDR_MC_* */
	uint8_t entity_id;
	uint8_t entity_instance;
	uint8_t oem;
	IpmiSdrId id;
} IpmiSdrMcLocator;

typedef struct {
	uint16_t record_id;
	uint8_t version; /* 51h (01h and 02h accepted when read) */
	uint8_t type;
	uint8_t length; /* body length: set by decode, computed by encode */
} IpmiSdrHeader;

typedef struct {
	IpmiSdrHeader hdr;
	union {
		IpmiSdrFullSensor full;
		IpmiSdrCompactSensor compact;
		IpmiSdrFruLocator fru;
		IpmiSdrMcLocator mc;
	} u;
	const uint8_t *body; /* other types: the raw body (hdr.length bytes) */
} IpmiSdrRecord;

/* The 5-byte header at the start of buf (more bytes may follow).  An
 * unknown SDR version is IPMI_ERR_FORMAT.  Returns 5. */
int ipmi_sdr_header_decode(const uint8_t *buf, size_t len, IpmiSdrHeader *out);
/* One record at the start of buf: the header's length must fit in len
 * (IPMI_ERR_TRUNCATED), the body must hold the type's fixed part and the
 * ID string (IPMI_ERR_LENGTH); bytes after the ID inside the body are
 * padding and ignored.  Returns 5 + body length. */
int ipmi_sdr_record_decode(const uint8_t *buf, size_t len, IpmiSdrRecord *out);
/* Encode with hdr.length computed; other types write hdr.length bytes of
 * body.  Out-of-range fields (M, B, exponents, ID) are IPMI_ERR_INVALID_ARG. */
int ipmi_sdr_record_encode(uint8_t *buf, size_t cap, const IpmiSdrRecord *r);

/* The sensor part of a full or compact record, NULL for other types. */
const IpmiSdrSensor *ipmi_sdr_record_sensor(const IpmiSdrRecord *r);

/* ---- Reading conversion ----------------------------------------------------
 * y = (M * x + B * 10^Bexp) * 10^Rexp, x the raw byte read per the analog
 * format (unsigned, 1's complement, 2's complement).  Only linearization
 * 0 (linear) is converted; others are IPMI_ERR_UNSUPPORTED, as is analog
 * format 3 (no analog reading). */
typedef struct {
	int16_t m;
	int16_t b;
	int8_t b_exp;
	int8_t r_exp;
	uint8_t analog_format;
	uint8_t linearization;
} IpmiSensorFactors;

void ipmi_sdr_full_factors(const IpmiSdrFullSensor *f, IpmiSensorFactors *out);
int ipmi_sensor_raw_to_value(const IpmiSensorFactors *f, uint8_t raw, double *value);
/* The nearest raw byte.  Returns 0, or 1 when the value lies outside the
 * format's range and *raw was clamped to its end; IPMI_ERR_UNSUPPORTED as
 * above, IPMI_ERR_INVALID_ARG when M is 0. */
int ipmi_sensor_value_to_raw(const IpmiSensorFactors *f, double value, uint8_t *raw);
/* The raw range of a format as signed integers (unsigned 0..255, 1's
 * complement -127..127, 2's complement -128..127) and the conversion
 * between a raw byte and that integer. */
void ipmi_sensor_raw_range(uint8_t analog_format, int *min, int *max);
int ipmi_sensor_raw_to_int(uint8_t analog_format, uint8_t raw);
uint8_t ipmi_sensor_int_to_raw(uint8_t analog_format, int x);
/* BMC side: the IPMI_THRESH_* comparison status of a raw reading against
 * the record's readable thresholds (converted values are compared, so a
 * negative M works too). */
uint8_t ipmi_sensor_threshold_status(const IpmiSdrFullSensor *f, uint8_t raw);

/* ---- Units and sensor types -------------------------------------------------
 * Names as ipmitool prints them ("degrees C", "Volts", "RPM", ...). */
#define IPMI_UNIT_UNSPECIFIED 0
#define IPMI_UNIT_DEGREES_C 1
#define IPMI_UNIT_DEGREES_F 2
#define IPMI_UNIT_DEGREES_K 3
#define IPMI_UNIT_VOLTS 4
#define IPMI_UNIT_AMPS 5
#define IPMI_UNIT_WATTS 6
#define IPMI_UNIT_JOULES 7
#define IPMI_UNIT_CFM 17
#define IPMI_UNIT_RPM 18
#define IPMI_UNIT_HZ 19
#define IPMI_UNIT_SECOND 22
#define IPMI_UNIT_MAX 92

/* "invalid" past IPMI_UNIT_MAX, never NULL. */
const char *ipmi_sensor_unit_name(uint8_t code);
/* Only letters and digits count, case-insensitively ("degrees C",
 * "degrees_c", "DEGREESC"); the code, or IPMI_ERR_INVALID_ARG. */
int ipmi_sensor_unit_code(const char *name);

#define IPMI_SENSOR_TYPE_TEMPERATURE 0x01
#define IPMI_SENSOR_TYPE_VOLTAGE 0x02
#define IPMI_SENSOR_TYPE_CURRENT 0x03
#define IPMI_SENSOR_TYPE_FAN 0x04
#define IPMI_SENSOR_TYPE_PHYSICAL_SECURITY 0x05
#define IPMI_SENSOR_TYPE_PROCESSOR 0x07
#define IPMI_SENSOR_TYPE_POWER_SUPPLY 0x08
#define IPMI_SENSOR_TYPE_POWER_UNIT 0x09
#define IPMI_SENSOR_TYPE_MEMORY 0x0C
#define IPMI_SENSOR_TYPE_EVENT_LOGGING 0x10
#define IPMI_SENSOR_TYPE_SYSTEM_EVENT 0x12
#define IPMI_SENSOR_TYPE_MAX 0x2C

/* "OEM reserved" past IPMI_SENSOR_TYPE_MAX, never NULL. */
const char *ipmi_sensor_type_name(uint8_t type);
/* Matched like unit names ("power supply", "Power_Supply", "drive slot
 * bay"); the type, or IPMI_ERR_INVALID_ARG. */
int ipmi_sensor_type_code(const char *name);
