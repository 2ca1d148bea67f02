/* cmd_sel.h - the System Event Log commands (Storage netFn), both
 * directions, and the 16-byte SEL record:
 *   0x40 Get SEL Info, 0x41 Get SEL Allocation Info, 0x42 Reserve SEL,
 *   0x43 Get SEL Entry, 0x44 Add SEL Entry, 0x46 Delete SEL Entry,
 *   0x47 Clear SEL, 0x48 Get SEL Time, 0x49 Set SEL Time.
 * Reserve SEL and Get SEL Allocation Info share the codecs of cmd_sdr.h
 * (ipmi_reserve_rsp_*, ipmi_alloc_info_rsp_*).  Conventions as there.
 *
 * How the tools read the log: ipmitool `sel list` sends Get SEL Info,
 * Reserve SEL, then Get SEL Entry with reservation 0, offset 0 and FFh
 * bytes from record 0000h until the next ID is FFFFh (a next ID of 0000h
 * also stops it, so record IDs start at 1); `sel clear` reserves and sends
 * Clear SEL with 'CLR' AAh.  FreeIPMI ipmi-sel reads whole records too.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cmd_sdr.h"

#define IPMI_CMD_GET_SEL_INFO 0x40
#define IPMI_CMD_GET_SEL_ALLOC_INFO 0x41
#define IPMI_CMD_RESERVE_SEL 0x42
#define IPMI_CMD_GET_SEL_ENTRY 0x43
#define IPMI_CMD_ADD_SEL_ENTRY 0x44
#define IPMI_CMD_DELETE_SEL_ENTRY 0x46
#define IPMI_CMD_CLEAR_SEL 0x47
#define IPMI_CMD_GET_SEL_TIME 0x48
#define IPMI_CMD_SET_SEL_TIME 0x49

#define IPMI_SEL_VERSION 0x51
#define IPMI_SEL_RECORD_LEN 16
#define IPMI_SEL_RECORD_ID_FIRST 0x0000
#define IPMI_SEL_RECORD_ID_LAST 0xFFFF
#define IPMI_SEL_READ_ALL 0xFF
/* Timestamps: seconds since 1970 (UTC); 0xFFFFFFFF unspecified; values up
 * to 0x20000000 count from BMC initialization. */
#define IPMI_TIMESTAMP_UNSPECIFIED 0xFFFFFFFFu
#define IPMI_TIMESTAMP_POST_INIT_MIN 0x20000000u

/* ---- Get SEL Info (0x40) ----------------------------------------------------
 * Response: [0] SEL version (51h) [1..2] entries [3..4] free space in bytes
 * [5..8] most recent addition timestamp [9..12] most recent erase
 * timestamp [13] operation support (bits 6:4 reserved).                  */
#define IPMI_SEL_OP_OVERFLOW 0x80
#define IPMI_SEL_OP_DELETE 0x08
#define IPMI_SEL_OP_PARTIAL_ADD 0x04
#define IPMI_SEL_OP_RESERVE 0x02
#define IPMI_SEL_OP_ALLOC_INFO 0x01

typedef struct {
	uint8_t version;
	uint16_t entries;
	uint16_t free_space;
	uint32_t addition_ts;
	uint32_t erase_ts;
	uint8_t op_support; /* IPMI_SEL_OP_* */
} IpmiSelInfo;

int ipmi_sel_info_rsp_decode(const uint8_t *buf, size_t len, IpmiSelInfo *out);
int ipmi_sel_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiSelInfo *m);

/* ---- Get SEL Entry (0x43) ---------------------------------------------------
 * Request:  [0..1] reservation ID (needed only for offset != 0) [2..3]
 *           record ID (0000h first, FFFFh last) [4] offset [5] bytes to
 *           read (FFh: the whole record).
 * Response: [0..1] next record ID (FFFFh after the last), then the bytes.
 * The layouts are those of Get SDR; these are the same codecs by name. */
typedef IpmiGetSdrReq IpmiGetSelEntryReq;
typedef IpmiGetSdrRsp IpmiGetSelEntryRsp;

int ipmi_get_sel_entry_req_decode(const uint8_t *buf, size_t len, IpmiGetSelEntryReq *out);
int ipmi_get_sel_entry_req_encode(uint8_t *buf, size_t cap, const IpmiGetSelEntryReq *m);
int ipmi_get_sel_entry_rsp_decode(const uint8_t *buf, size_t len, IpmiGetSelEntryRsp *out);
int ipmi_get_sel_entry_rsp_encode(uint8_t *buf, size_t cap, const IpmiGetSelEntryRsp *m);

/* ---- The SEL record (16 bytes) -----------------------------------------------
 * [0..1] record ID [2] record type, then
 *   types 00h-BFh (02h = system event; ipmitool reads every type below C0h
 *   this way): [3..6] timestamp [7..8] generator ID (byte 7: [7:1] slave
 *   address or software ID, [0] 1 = software; byte 8: [7:4] channel,
 *   [1:0] LUN) [9] EvM revision (04h) [10] sensor type [11] sensor number
 *   [12] [7] 1 = deassertion, [6:0] event/reading type [13..15] event data
 *   types C0h-DFh (OEM timestamped): [3..6] timestamp [7..9] manufacturer
 *   ID (LE24) [10..15] OEM data (6 bytes)
 *   types E0h-FFh (OEM non-timestamped): [3..15] OEM data (13 bytes)     */
#define IPMI_SEL_TYPE_SYSTEM 0x02
#define IPMI_SEL_TYPE_OEM_TS 0xC0
#define IPMI_SEL_TYPE_OEM_NTS 0xE0
#define IPMI_SEL_EVM_REV 0x04

typedef struct {
	uint16_t record_id;
	uint8_t type;
	uint32_t timestamp; /* types below E0h */
	/* system event (types below C0h) */
	uint16_t generator_id;
	uint8_t evm_rev;
	uint8_t sensor_type;
	uint8_t sensor_number;
	bool deassertion;
	uint8_t event_type; /* 7 bits */
	uint8_t data[3];
	/* OEM */
	uint32_t manufacturer_id; /* C0h-DFh, 24 bits */
	uint8_t oem[13];          /* C0h-DFh: 6 bytes used; E0h-FFh: 13 */
} IpmiSelRecord;

/* Exactly 16 bytes.  Fields a type does not carry are zero after decode
 * and must be zero to encode (IPMI_ERR_INVALID_ARG). */
int ipmi_sel_record_decode(const uint8_t *buf, size_t len, IpmiSelRecord *out);
int ipmi_sel_record_encode(uint8_t *buf, size_t cap, const IpmiSelRecord *m);

/* ---- Add SEL Entry (0x44) / Delete SEL Entry (0x46) ------------------------
 * Add request: a 16-byte record (the BMC assigns the record ID and, for
 * timestamped types, the timestamp).  Add and Delete responses: [0..1]
 * the record ID.  Delete request: [0..1] reservation [2..3] record ID.  */
typedef struct {
	uint16_t record_id;
} IpmiSelRecordIdRsp;

typedef struct {
	uint16_t reservation;
	uint16_t record_id;
} IpmiDeleteSelEntryReq;

int ipmi_sel_record_id_rsp_decode(const uint8_t *buf, size_t len, IpmiSelRecordIdRsp *out);
int ipmi_sel_record_id_rsp_encode(uint8_t *buf, size_t cap, const IpmiSelRecordIdRsp *m);
int ipmi_delete_sel_entry_req_decode(const uint8_t *buf, size_t len, IpmiDeleteSelEntryReq *out);
int ipmi_delete_sel_entry_req_encode(uint8_t *buf, size_t cap, const IpmiDeleteSelEntryReq *m);

/* ---- Clear SEL (0x47) ----------------------------------------------------------
 * Request:  [0..1] reservation ID [2..4] 'C' 'L' 'R' (anything else is
 *           IPMI_ERR_FORMAT) [5] AAh initiate erase, 00h get erase status
 *           (other values IPMI_ERR_FORMAT).
 * Response: [0] bits 3:0 erasure progress: 0 in progress, 1 completed.  */
#define IPMI_SEL_CLEAR_INITIATE 0xAA
#define IPMI_SEL_CLEAR_STATUS 0x00
#define IPMI_SEL_ERASE_IN_PROGRESS 0x0
#define IPMI_SEL_ERASE_COMPLETED 0x1

typedef struct {
	uint16_t reservation;
	bool initiate; /* AAh; false: 00h, get status */
} IpmiClearSelReq;

typedef struct {
	uint8_t progress; /* 4 bits */
} IpmiClearSelRsp;

int ipmi_clear_sel_req_decode(const uint8_t *buf, size_t len, IpmiClearSelReq *out);
int ipmi_clear_sel_req_encode(uint8_t *buf, size_t cap, const IpmiClearSelReq *m);
int ipmi_clear_sel_rsp_decode(const uint8_t *buf, size_t len, IpmiClearSelRsp *out);
int ipmi_clear_sel_rsp_encode(uint8_t *buf, size_t cap, const IpmiClearSelRsp *m);

/* ---- Get SEL Time (0x48) response / Set SEL Time (0x49) request ------------
 * [0..3] seconds since 1970 (LE32).                                     */
typedef struct {
	uint32_t time;
} IpmiSelTime;

int ipmi_sel_time_decode(const uint8_t *buf, size_t len, IpmiSelTime *out);
int ipmi_sel_time_encode(uint8_t *buf, size_t cap, const IpmiSelTime *m);
