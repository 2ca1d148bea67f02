/* cmd_fru.h - FRU inventory commands (Storage netFn), both directions, and
 * the Platform Management FRU Information Storage format:
 *   0x10 Get FRU Inventory Area Info, 0x11 Read FRU Data
 *   common header, chassis, board and product info areas with their
 *   type/length-coded fields; an encoder that builds a whole image and a
 *   parser that returns the fields.
 * Conventions as in cmd_session.h.
 *
 * How the tools read it: ipmitool `fru print` asks the area size, reads
 * the 8-byte common header, then each area's first 2 bytes (version and
 * length) and the whole area, in chunks it shrinks on C7h/C8h/CAh;
 * FreeIPMI ipmi-fru reads 16 bytes at a time and insists that the count
 * returned equals the data length and that no read passes the area size.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_CMD_GET_FRU_INFO 0x10
#define IPMI_CMD_READ_FRU_DATA 0x11
#define IPMI_CMD_WRITE_FRU_DATA 0x12

/* ---- Get FRU Inventory Area Info (0x10) ----------------------------------------
 * Request: [0] FRU device ID (FFh reserved).  Response: [0..1] area size
 * in bytes (LE) [2] bit 0: 1 = accessed by words, 0 = by bytes.         */
typedef struct {
	uint8_t fru_id;
} IpmiFruInfoReq;

typedef struct {
	uint16_t size;
	bool by_words;
} IpmiFruInfoRsp;

int ipmi_fru_info_req_decode(const uint8_t *buf, size_t len, IpmiFruInfoReq *out);
int ipmi_fru_info_req_encode(uint8_t *buf, size_t cap, const IpmiFruInfoReq *m);
int ipmi_fru_info_rsp_decode(const uint8_t *buf, size_t len, IpmiFruInfoRsp *out);
int ipmi_fru_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiFruInfoRsp *m);

/* ---- Read FRU Data (0x11) ---------------------------------------------------------
 * Request:  [0] FRU device ID [1..2] offset (LE, in bytes or words) [3]
 *           count to read.
 * Response: [0] count returned, then exactly that many bytes (a count that
 *           disagrees with the data is IPMI_ERR_LENGTH).                  */
typedef struct {
	uint8_t fru_id;
	uint16_t offset;
	uint8_t count;
} IpmiReadFruReq;

typedef struct {
	uint8_t count;
	const uint8_t *data; /* points into the decoded buffer */
} IpmiReadFruRsp;

int ipmi_read_fru_req_decode(const uint8_t *buf, size_t len, IpmiReadFruReq *out);
int ipmi_read_fru_req_encode(uint8_t *buf, size_t cap, const IpmiReadFruReq *m);
int ipmi_read_fru_rsp_decode(const uint8_t *buf, size_t len, IpmiReadFruRsp *out);
int ipmi_read_fru_rsp_encode(uint8_t *buf, size_t cap, const IpmiReadFruRsp *m);

/* ---- Fields ------------------------------------------------------------------------
 * Type/length byte: bits 7:6 type, bits 5:0 length in bytes.  C1h ends the
 * fields of an area (so a one-byte 8-bit ASCII field cannot exist).
 *   00 binary, 01 BCD plus ("0123456789 -.:,_", high nibble first),
 *   10 6-bit packed ASCII (4 characters in 3 bytes, 20h added, least
 *   significant bits first), 11 8-bit ASCII + Latin-1.                  */
#define IPMI_FRU_FIELD_MAX 63
#define IPMI_FRU_CUSTOM_MAX 4
#define IPMI_FRU_END_OF_FIELDS 0xC1
#define IPMI_FRU_FIELD_BINARY 0
#define IPMI_FRU_FIELD_BCDPLUS 1
#define IPMI_FRU_FIELD_ASCII6 2
#define IPMI_FRU_FIELD_TEXT 3

typedef struct {
	uint8_t type; /* IPMI_FRU_FIELD_* */
	uint8_t len;  /* 0..63 bytes */
	uint8_t data[IPMI_FRU_FIELD_MAX];
} IpmiFruField;

/* Store text: 8-bit ASCII, except a single character, which goes as 6-bit
 * ASCII (and must be in 20h..5Fh).  IPMI_ERR_INVALID_ARG when longer than
 * 63 bytes or not representable.  NULL or "" gives an empty field. */
int ipmi_fru_field_set_text(IpmiFruField *f, const char *s);
/* Decode to NUL-terminated text: 6-bit and BCD plus unpacked, binary as
 * lower-case hex.  Returns the text length, IPMI_ERR_NOBUF when it (and
 * the NUL) does not fit in cap. */
int ipmi_fru_field_text(const IpmiFruField *f, char *out, size_t cap);

/* ---- Common header (8 bytes) --------------------------------------------------------
 * [0] format version (bits 3:0 = 1) [1] internal use [2] chassis [3] board
 * [4] product [5] multirecord area offsets, in 8-byte units, 0 = absent
 * [6] pad (0) [7] zero checksum of the 8 bytes.                           */
#define IPMI_FRU_HEADER_LEN 8
#define IPMI_FRU_FORMAT_VERSION 0x01

typedef struct {
	uint8_t internal_off;
	uint8_t chassis_off;
	uint8_t board_off;
	uint8_t product_off;
	uint8_t multi_off;
} IpmiFruHeader;

/* A bad checksum is IPMI_ERR_CHECKSUM, a version other than 1
 * IPMI_ERR_FORMAT.  More bytes may follow.  Returns 8. */
int ipmi_fru_header_decode(const uint8_t *buf, size_t len, IpmiFruHeader *out);
int ipmi_fru_header_encode(uint8_t *buf, size_t cap, const IpmiFruHeader *m);

/* ---- Info areas -----------------------------------------------------------------------
 * Each: [0] format version 1 [1] length in 8-byte units, then area bytes,
 * the fields, C1h, zero pad to the length, a zero checksum of the area.
 *   chassis: [2] chassis type; part number, serial number
 *   board:   [2] language [3..5] manufacturing date, minutes since
 *            1996-01-01 00:00 UTC (0 = unspecified); manufacturer, product
 *            name, serial number, part number, FRU file ID
 *   product: [2] language; manufacturer, product name, part/model number,
 *            version, serial number, asset tag, FRU file ID
 * then up to IPMI_FRU_CUSTOM_MAX custom fields (an empty field is written
 * C0h, so a zeroed IpmiFruField is an empty text field) (further ones are checked
 * and skipped when decoding).  Decoding is lenient where real inventories
 * differ: C1h before all fixed fields leaves the rest empty.  An area that
 * passes the data is IPMI_ERR_LENGTH, a bad checksum IPMI_ERR_CHECKSUM, a
 * field past the area or a missing C1h IPMI_ERR_LENGTH / IPMI_ERR_FORMAT. */
#define IPMI_FRU_EPOCH 820454400 /* 1996-01-01 00:00:00 UTC, Unix seconds */
#define IPMI_FRU_LANG_ENGLISH 0x19

typedef struct {
	uint8_t type; /* SMBIOS chassis type, 17h = rack mount */
	IpmiFruField part;
	IpmiFruField serial;
	IpmiFruField custom[IPMI_FRU_CUSTOM_MAX];
	uint8_t n_custom;
} IpmiFruChassis;

typedef struct {
	uint8_t lang;
	uint32_t mfg_minutes; /* 24 bits */
	IpmiFruField mfg;
	IpmiFruField product;
	IpmiFruField serial;
	IpmiFruField part;
	IpmiFruField file_id;
	IpmiFruField custom[IPMI_FRU_CUSTOM_MAX];
	uint8_t n_custom;
} IpmiFruBoard;

typedef struct {
	uint8_t lang;
	IpmiFruField mfg;
	IpmiFruField name;
	IpmiFruField part;
	IpmiFruField version;
	IpmiFruField serial;
	IpmiFruField asset;
	IpmiFruField file_id;
	IpmiFruField custom[IPMI_FRU_CUSTOM_MAX];
	uint8_t n_custom;
} IpmiFruProduct;

/* Decode the area at buf[0] (buf may run on); returns its length. */
int ipmi_fru_chassis_decode(const uint8_t *buf, size_t len, IpmiFruChassis *out);
int ipmi_fru_board_decode(const uint8_t *buf, size_t len, IpmiFruBoard *out);
int ipmi_fru_product_decode(const uint8_t *buf, size_t len, IpmiFruProduct *out);
int ipmi_fru_chassis_encode(uint8_t *buf, size_t cap, const IpmiFruChassis *a);
int ipmi_fru_board_encode(uint8_t *buf, size_t cap, const IpmiFruBoard *a);
int ipmi_fru_product_encode(uint8_t *buf, size_t cap, const IpmiFruProduct *a);

/* ---- Whole images -------------------------------------------------------------------------
 * The encoder writes the header, then the present areas in the order
 * chassis, board, product, and nothing after the last area.  The parser
 * follows the header's offsets (internal use and multirecord areas are
 * left alone) and returns len: bytes after the areas are free space. */
typedef struct {
	bool has_chassis, has_board, has_product;
	IpmiFruChassis chassis;
	IpmiFruBoard board;
	IpmiFruProduct product;
} IpmiFruInventory;

int ipmi_fru_image_encode(uint8_t *buf, size_t cap, const IpmiFruInventory *inv);
int ipmi_fru_image_decode(const uint8_t *buf, size_t len, IpmiFruInventory *out);
