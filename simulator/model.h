/* model.h - the state of one simulated controller: the BMC at an endpoint
 * or one of its IPMB satellites.
 *
 * A BmcModel is plain data.  The configuration builds one template; every
 * endpoint gets its own deep copy (bmc_model_copy), so each simulated BMC
 * has its own users, chassis state, storage and satellites.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "core/bmc.h"
#include "core/msg.h"
#include "storage.h"

#define BMC_MAX_USERS 63      /* Get User Access: 6-bit user ID */
#define BMC_DEFAULT_USERS 10  /* user ID slots of the built-in BMC */
#define BMC_LAN_CHANNEL 1     /* the channel RMCP+ sessions arrive on */
#define BMC_IPMB_CHANNEL 0    /* the primary IPMB */
#define BMC_SYSTEM_CHANNEL 15 /* the system interface */

/* Per-user channel access flags (Get User Access byte 3). */
typedef struct {
	gboolean callin;    /* not restricted to callback */
	gboolean link_auth; /* link authentication enabled */
	gboolean ipmi_msg;  /* IPMI messaging enabled */
} BmcUserAccess;

/* Get Device ID fields. */
typedef struct {
	uint8_t device_id;
	uint8_t device_rev; /* 0..15 */
	gboolean provides_sdrs;
	gboolean update_in_progress; /* firmware revision 1, bit 7 */
	uint8_t fw_major;            /* 0..127 */
	uint8_t fw_minor;            /* 0..99, sent as BCD */
	uint8_t ipmi_version;        /* BCD, minor in bits 7:4: 0x02 is 2.0 */
	uint8_t additional;          /* additional device support bits */
	uint32_t manufacturer_id;    /* IANA enterprise number, 20 bits */
	uint16_t product_id;
	uint8_t aux_fw[4];
} BmcDeviceId;

/* Additional device support bits */
#define BMC_DEV_SENSOR 0x01
#define BMC_DEV_SDR_REPO 0x02
#define BMC_DEV_SEL 0x04
#define BMC_DEV_FRU 0x08
#define BMC_DEV_IPMB_RECEIVER 0x10
#define BMC_DEV_IPMB_GENERATOR 0x20
#define BMC_DEV_BRIDGE 0x40
#define BMC_DEV_CHASSIS 0x80

/* Power restore policies (Get Chassis Status bits 6:5). */
#define BMC_POLICY_ALWAYS_OFF 0
#define BMC_POLICY_PREVIOUS 1
#define BMC_POLICY_ALWAYS_ON 2

/* Identify states (Get Chassis Status byte 3 bits 5:4). */
#define BMC_IDENTIFY_OFF 0
#define BMC_IDENTIFY_TIMED 1
#define BMC_IDENTIFY_FORCED 2

/* Last power event bits (Get Chassis Status byte 2). */
#define BMC_EVENT_AC_FAILED 0x01
#define BMC_EVENT_OVERLOAD 0x02
#define BMC_EVENT_INTERLOCK 0x04
#define BMC_EVENT_FAULT 0x08
#define BMC_EVENT_IPMI_ON 0x10

typedef struct {
	gboolean power_on;
	uint8_t restore_policy; /* BMC_POLICY_* */
	uint8_t last_event;     /* BMC_EVENT_* */
	gboolean power_overload, power_interlock, power_fault, control_fault;
	gboolean intrusion, front_panel_lockout, drive_fault, cooling_fault;
	uint8_t identify;        /* BMC_IDENTIFY_* */
	gint64 identify_until_s; /* monotonic seconds, BMC_IDENTIFY_TIMED */
	uint8_t restart_cause;   /* Get System Restart Cause, 0..0x0B */
	guint32 poh_hours;       /* power-on hours before this run */
	gint64 on_since_s;       /* monotonic seconds when last powered on */
	guint64 on_seconds;      /* powered-on seconds during this run, before on_since_s */
} BmcChassis;

typedef struct _BmcModel BmcModel;

struct _BmcModel {
	char *name;        /* "bmc" or the satellite's config name */
	uint8_t ipmb_addr; /* 0x20 for the BMC */
	uint8_t channel;   /* the parent's channel this satellite sits on */

	/* Users: user ID n is users[n - 1]; n_users is the number of ID slots. */
	IpmiBmcUser users[BMC_MAX_USERS];
	BmcUserAccess access[BMC_MAX_USERS];
	size_t n_users;

	uint8_t kg[IPMI_KG_LEN];
	uint8_t kg_len;
	uint32_t suites;                    /* bit n: cipher suite n enabled */
	uint8_t suite_max_priv[20];         /* 0: ADMINISTRATOR */
	uint8_t guid[IPMI_GUID_LEN];        /* system GUID (RAKP2, Get System GUID) */
	uint8_t device_guid[IPMI_GUID_LEN]; /* Get Device GUID */

	BmcDeviceId dev;
	BmcChassis chassis;

	GPtrArray *satellites; /* BmcModel *, owned */
	BmcStorage *storage;   /* owned; never NULL */
};

/* Cipher suites enabled by default: every standard suite with integrity
 * that ipmitool and FreeIPMI implement (no xRC4, no integrity-less suites). */
#define BMC_DEFAULT_SUITES                                                                         \
	((1u << 2) | (1u << 3) | (1u << 7) | (1u << 8) | (1u << 11) | (1u << 12) | (1u << 16) |    \
	 (1u << 17))

/* A controller with no users, no satellites and an empty storage. */
BmcModel *bmc_model_new(const char *name, uint8_t ipmb_addr);
/* The built-in default BMC: users, device ID, chassis, satellites (storage
 * left empty: the caller adds its defaults). */
BmcModel *bmc_model_new_default(void);
BmcModel *bmc_model_copy(const BmcModel *m);
void bmc_model_free(BmcModel *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(BmcModel, bmc_model_free)

/* Set user slot id (1-based) from strings; returns FALSE when too long. */
gboolean bmc_model_set_user(BmcModel *m, unsigned id, const char *name, const char *password,
			    uint8_t max_priv, gboolean enabled);
/* The satellite on a channel at an IPMB address, or NULL. */
BmcModel *bmc_model_find_satellite(const BmcModel *m, uint8_t channel, uint8_t addr);
/* Find a satellite (at any depth) by config name. */
BmcModel *bmc_model_find_named(BmcModel *m, const char *name);
/* Count enabled users. */
unsigned bmc_model_enabled_users(const BmcModel *m);

/* Chassis power changes, keeping the power-on-hours counter. */
void bmc_chassis_set_power(BmcChassis *c, gboolean on, gint64 now_s);
/* Power-on hours counter now. */
guint32 bmc_chassis_poh_hours(const BmcChassis *c, gint64 now_s);
/* Current identify state (a timed identify expires). */
uint8_t bmc_chassis_identify_state(BmcChassis *c, gint64 now_s);

/* The built-in BMC's GUID: random (RFC 4122 version 4). */
#define BMC_DEFAULT_GUID "5a1c3e28-9d41-4b1e-8f6a-207c519bd304"
/* Parse a GUID's text form (32 hex digits, dashes anywhere) into the byte
 * order IPMI carries it in (Get System GUID, RAKP2). */
gboolean bmc_guid_parse(const char *text, uint8_t out[16]);

const char *bmc_priv_name(uint8_t priv); /* "ADMINISTRATOR", ... */
/* Parse a privilege name (user, operator, administrator/admin, callback,
 * oem, case-insensitive) or number 1..5; 0 when invalid. */
uint8_t bmc_priv_parse(const char *s);
