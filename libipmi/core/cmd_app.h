/* cmd_app.h - the App and Chassis commands a console reads, both
 * directions:
 *   App     0x01 Get Device ID, 0x3D Get Session Info
 *   Chassis 0x01 Get Chassis Status, 0x02 Chassis Control,
 *           0x04 Chassis Identify
 * Conventions as in cmd_session.h: only the command data is coded (the
 * completion code lives in IpmiMsg); decoders return the bytes consumed and
 * reject trailing bytes with IPMI_ERR_LENGTH; reserved bits are written as
 * zero and ignored when read.  Requests without data (Get Device ID, Get
 * Chassis Status) have no codec.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_CMD_GET_DEVICE_ID 0x01
#define IPMI_CMD_GET_SESSION_INFO 0x3D
#define IPMI_CMD_GET_CHASSIS_STATUS 0x01
#define IPMI_CMD_CHASSIS_CONTROL 0x02
#define IPMI_CMD_CHASSIS_IDENTIFY 0x04

/* ---- Get Device ID (App 0x01) ---------------------------------------------
 * Response: [0] device ID [1] bit 7 provides device SDRs, bits 3:0 device
 * revision [2] bit 7 device unavailable (firmware update in progress),
 * bits 6:0 major firmware revision [3] minor firmware revision (BCD)
 * [4] IPMI version (BCD, low nibble major: 02h = 2.0) [5] additional
 * device support (IPMI_DEVID_SUPPORT_*) [6..8] manufacturer ID (LE, 20
 * bits) [9..10] product ID (LE) and optionally [11..14] auxiliary firmware
 * revision.  11 or 15 bytes; anything else is IPMI_ERR_LENGTH.            */
#define IPMI_DEVID_SUPPORT_SENSOR 0x01
#define IPMI_DEVID_SUPPORT_SDR_REPO 0x02
#define IPMI_DEVID_SUPPORT_SEL 0x04
#define IPMI_DEVID_SUPPORT_FRU 0x08
#define IPMI_DEVID_SUPPORT_EVENT_RECEIVER 0x10
#define IPMI_DEVID_SUPPORT_EVENT_GENERATOR 0x20
#define IPMI_DEVID_SUPPORT_BRIDGE 0x40
#define IPMI_DEVID_SUPPORT_CHASSIS 0x80

typedef struct {
	uint8_t device_id;
	uint8_t device_rev; /* 4 bits */
	bool provides_sdrs;
	uint8_t fw_major; /* 7 bits */
	bool update_in_progress;
	uint8_t fw_minor;         /* BCD as on the wire: 0x23 = .23 */
	uint8_t ipmi_version;     /* as on the wire: 0x02 = 2.0, 0x51 = 1.5 */
	uint8_t support;          /* IPMI_DEVID_SUPPORT_* */
	uint32_t manufacturer_id; /* 20 bits */
	uint16_t product_id;
	bool has_aux;
	uint8_t aux[4];
} IpmiDeviceIdRsp;

int ipmi_device_id_rsp_decode(const uint8_t *buf, size_t len, IpmiDeviceIdRsp *out);
int ipmi_device_id_rsp_encode(uint8_t *buf, size_t cap, const IpmiDeviceIdRsp *m);

/* ---- Get Session Info (App 0x3D) ---------------------------------------------
 * Request:  [0] session index: 00h this session, 01h..3Fh the Nth active
 *           session, FEh by handle ([1] handle), FFh by session ID ([1..4]
 *           LE32).
 * Response: [0] session handle (0: no such active session) [1] bits 5:0
 *           number of session slots [2] bits 5:0 active sessions; then,
 *           for an active session, [3] bits 5:0 user ID [4] bits 3:0
 *           privilege [5] bits 7:4 session type (0 IPMI 1.5, 1 IPMI v2.0 /
 *           RMCP+), bits 3:0 channel; then, on an 802.3 LAN channel,
 *           [6..9] console IPv4 address [10..15] console MAC address
 *           [16..17] console port (LE, as ipmitool reads it).
 * 3, 6 or 18 bytes; anything else is IPMI_ERR_LENGTH.                        */
#define IPMI_SESSION_INDEX_CURRENT 0x00
#define IPMI_SESSION_INDEX_HANDLE 0xFE
#define IPMI_SESSION_INDEX_ID 0xFF
#define IPMI_SESSION_TYPE_V15 0
#define IPMI_SESSION_TYPE_V20 1

typedef struct {
	uint8_t index;
	uint8_t handle;      /* index FEh */
	uint32_t session_id; /* index FFh */
} IpmiSessionInfoReq;

typedef struct {
	uint8_t handle;
	uint8_t slots;  /* 6 bits */
	uint8_t active; /* 6 bits */
	bool has_session;
	uint8_t user_id;      /* 6 bits */
	uint8_t priv;         /* 4 bits */
	uint8_t session_type; /* 4 bits, IPMI_SESSION_TYPE_* */
	uint8_t channel;      /* 4 bits */
	bool has_lan;
	uint8_t ip[4];
	uint8_t mac[6];
	uint16_t port;
} IpmiSessionInfoRsp;

int ipmi_session_info_req_decode(const uint8_t *buf, size_t len, IpmiSessionInfoReq *out);
int ipmi_session_info_req_encode(uint8_t *buf, size_t cap, const IpmiSessionInfoReq *m);
int ipmi_session_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSessionInfoRsp *out);
int ipmi_session_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSessionInfoRsp *m);

/* ---- Get Chassis Status (Chassis 0x01) ----------------------------------------
 * Response: [0] current power state: bit 0 power on, 1 overload, 2
 * interlock, 3 main power fault, 4 power control fault, bits 6:5 restore
 * policy (0 always off, 1 previous, 2 always on, 3 unknown) [1] last power
 * event bits 4:0 (IPMI_CHASSIS_EVENT_*) [2] misc: bit 0 intrusion, 1 front
 * panel lockout, 2 drive fault, 3 cooling/fan fault, bits 5:4 identify
 * state (0 off, 1 timed on, 2 indefinite on), bit 6 identify state
 * supported; optionally [3] front panel button capabilities.  3 or 4
 * bytes.                                                                      */
#define IPMI_CHASSIS_EVENT_AC_FAILED 0x01
#define IPMI_CHASSIS_EVENT_OVERLOAD 0x02
#define IPMI_CHASSIS_EVENT_INTERLOCK 0x04
#define IPMI_CHASSIS_EVENT_FAULT 0x08
#define IPMI_CHASSIS_EVENT_COMMAND 0x10

typedef struct {
	bool power_on;
	bool power_overload;
	bool power_interlock;
	bool power_fault;
	bool control_fault;
	uint8_t restore_policy; /* 2 bits */
	uint8_t last_event;     /* 5 bits */
	bool intrusion;
	bool front_panel_lockout;
	bool drive_fault;
	bool cooling_fault;
	uint8_t identify_state; /* 2 bits */
	bool identify_supported;
	bool has_front_panel;
	uint8_t front_panel;
} IpmiChassisStatusRsp;

int ipmi_chassis_status_rsp_decode(const uint8_t *buf, size_t len, IpmiChassisStatusRsp *out);
int ipmi_chassis_status_rsp_encode(uint8_t *buf, size_t cap, const IpmiChassisStatusRsp *m);

/* ---- Chassis Control (Chassis 0x02) ------------------------------------------------
 * Request: [0] bits 3:0: 0 power down, 1 power up, 2 power cycle, 3 hard
 * reset, 4 pulse diagnostic interrupt, 5 soft shutdown (ACPI); other
 * values are IPMI_ERR_FORMAT.  The response has no data.                    */
#define IPMI_CHASSIS_CONTROL_MAX 5

typedef struct {
	uint8_t control;
} IpmiChassisControlReq;

int ipmi_chassis_control_req_decode(const uint8_t *buf, size_t len, IpmiChassisControlReq *out);
int ipmi_chassis_control_req_encode(uint8_t *buf, size_t cap, const IpmiChassisControlReq *m);

/* ---- Chassis Identify (Chassis 0x04) --------------------------------------------------
 * Request: no data (default interval, 15 s), or [0] interval in seconds (0:
 * off), or [0] interval [1] bit 0 force identify on indefinitely.  The
 * response has no data.                                                        */
typedef struct {
	bool has_interval;
	uint8_t interval;
	bool has_force; /* needs has_interval */
	bool force;
} IpmiChassisIdentifyReq;

int ipmi_chassis_identify_req_decode(const uint8_t *buf, size_t len, IpmiChassisIdentifyReq *out);
int ipmi_chassis_identify_req_encode(uint8_t *buf, size_t cap, const IpmiChassisIdentifyReq *m);
