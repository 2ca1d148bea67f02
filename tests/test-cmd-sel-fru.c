/* test-cmd-sel-fru.c - SEL (cmd_sel.h) and FRU (cmd_fru.h) command codecs and record formats. */
#include <glib.h>
#include <string.h>

#include "cmd-storage-check.h"
#include "codec-check.h"
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/status.h"

/* ---- SEL ----------------------------------------------------------------------------------------
 */

static void
eq_sel_info(const IpmiSelInfo *a, const IpmiSelInfo *b)
{
	g_assert_cmphex(a->version, ==, b->version);
	g_assert_cmpuint(a->entries, ==, b->entries);
	g_assert_cmpuint(a->free_space, ==, b->free_space);
	g_assert_cmphex(a->addition_ts, ==, b->addition_ts);
	g_assert_cmphex(a->erase_ts, ==, b->erase_ts);
	g_assert_cmphex(a->op_support, ==, b->op_support);
}
CODEC(sel_info_codec, IpmiSelInfo, ipmi_sel_info_rsp_decode, ipmi_sel_info_rsp_encode, eq_sel_info);

static void
test_sel_info(void)
{
	/* 3 entries, 8144 bytes free, delete/reserve/alloc supported. */
	static const uint8_t rsp[] = {0x51, 0x03, 0x00, 0xd0, 0x1f, 0x10, 0x4a,
				      0xf3, 0x65, 0xff, 0xff, 0xff, 0xff, 0x0b};
	IpmiSelInfo m = {
	    .version = 0x51,
	    .entries = 3,
	    .free_space = 8144,
	    .addition_ts = 0x65F34A10,
	    .erase_ts = IPMI_TIMESTAMP_UNSPECIFIED,
	    .op_support = IPMI_SEL_OP_DELETE | IPMI_SEL_OP_RESERVE | IPMI_SEL_OP_ALLOC_INFO,
	};
	CHECK_STRICT(sel_info_codec, rsp, &m);
	/* Reserved bits 6:4 are ignored. */
	uint8_t wire[sizeof rsp];
	memcpy(wire, rsp, sizeof rsp);
	wire[13] |= 0x70;
	IpmiSelInfo out;
	g_assert_cmpint(ipmi_sel_info_rsp_decode(wire, sizeof wire, &out), ==, (int)sizeof wire);
	g_assert_cmphex(out.op_support, ==, 0x0b);
}

static void
eq_sel_record(const IpmiSelRecord *a, const IpmiSelRecord *b)
{
	g_assert_cmphex(a->record_id, ==, b->record_id);
	g_assert_cmphex(a->type, ==, b->type);
	g_assert_cmphex(a->timestamp, ==, b->timestamp);
	g_assert_cmphex(a->generator_id, ==, b->generator_id);
	g_assert_cmphex(a->evm_rev, ==, b->evm_rev);
	g_assert_cmphex(a->sensor_type, ==, b->sensor_type);
	g_assert_cmphex(a->sensor_number, ==, b->sensor_number);
	g_assert_cmpint(a->deassertion, ==, b->deassertion);
	g_assert_cmphex(a->event_type, ==, b->event_type);
	g_assert_cmpmem(a->data, 3, b->data, 3);
	g_assert_cmphex(a->manufacturer_id, ==, b->manufacturer_id);
	g_assert_cmpmem(a->oem, 13, b->oem, 13);
}
CODEC(sel_record_codec, IpmiSelRecord, ipmi_sel_record_decode, ipmi_sel_record_encode,
      eq_sel_record);

static void
test_sel_record(void)
{
	/* Table 32-1: CPU Temp upper non-critical going high, reading 82
	 * above threshold 80, from the BMC (generator 0020h). */
	static const uint8_t sys[] = {0x03, 0x00, 0x02, 0x10, 0x4a, 0xf3, 0x65, 0x20,
				      0x00, 0x04, 0x01, 0x01, 0x01, 0x57, 0x52, 0x50};
	IpmiSelRecord r = {
	    .record_id = 3,
	    .type = IPMI_SEL_TYPE_SYSTEM,
	    .timestamp = 0x65F34A10,
	    .generator_id = 0x0020,
	    .evm_rev = IPMI_SEL_EVM_REV,
	    .sensor_type = IPMI_SENSOR_TYPE_TEMPERATURE,
	    .sensor_number = 1,
	    .event_type = IPMI_EVENT_TYPE_THRESHOLD,
	    .data = {0x57, 0x52, 0x50},
	};
	CHECK_STRICT(sel_record_codec, sys, &r);
	check_trailing(&sel_record_codec, sys, sizeof sys, 1, IPMI_ERR_LENGTH);
	/* The same event deasserted. */
	uint8_t de[sizeof sys];
	memcpy(de, sys, sizeof de);
	de[12] = 0x81;
	r.deassertion = true;
	CHECK_STRICT(sel_record_codec, de, &r);

	/* OEM timestamped: manufacturer 32473 (LE24) and 6 bytes. */
	static const uint8_t ts[] = {0x04, 0x00, 0xc1, 0x00, 0x00, 0x00, 0x66, 0xd9,
				     0x7e, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
	IpmiSelRecord o = {.record_id = 4,
			   .type = 0xC1,
			   .timestamp = 0x66000000,
			   .manufacturer_id = 32473,
			   .oem = {1, 2, 3, 4, 5, 6}};
	CHECK_STRICT(sel_record_codec, ts, &o);
	/* OEM non-timestamped: 13 bytes. */
	static const uint8_t nts[] = {0x05, 0x00, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
	IpmiSelRecord n = {
	    .record_id = 5, .type = 0xE0, .oem = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}};
	CHECK_STRICT(sel_record_codec, nts, &n);
	/* Fields the type does not carry cannot be encoded. */
	uint8_t buf[16];
	n.sensor_number = 1;
	g_assert_cmpint(ipmi_sel_record_encode(buf, sizeof buf, &n), ==, IPMI_ERR_INVALID_ARG);
	o.oem[6] = 1;
	g_assert_cmpint(ipmi_sel_record_encode(buf, sizeof buf, &o), ==, IPMI_ERR_INVALID_ARG);
	r.oem[0] = 1;
	g_assert_cmpint(ipmi_sel_record_encode(buf, sizeof buf, &r), ==, IPMI_ERR_INVALID_ARG);
}

static void
eq_get_sel_rsp(const IpmiGetSelEntryRsp *a, const IpmiGetSelEntryRsp *b)
{
	eq_get_sdr_rsp(a, b);
}
CODEC(get_sel_rsp_codec, IpmiGetSelEntryRsp, ipmi_get_sel_entry_rsp_decode,
      ipmi_get_sel_entry_rsp_encode, eq_get_sel_rsp);
CODEC(get_sel_req_codec, IpmiGetSelEntryReq, ipmi_get_sel_entry_req_decode,
      ipmi_get_sel_entry_req_encode, eq_get_sdr_req);

static void
eq_record_id(const IpmiSelRecordIdRsp *a, const IpmiSelRecordIdRsp *b)
{
	g_assert_cmphex(a->record_id, ==, b->record_id);
}
CODEC(record_id_codec, IpmiSelRecordIdRsp, ipmi_sel_record_id_rsp_decode,
      ipmi_sel_record_id_rsp_encode, eq_record_id);

static void
eq_delete(const IpmiDeleteSelEntryReq *a, const IpmiDeleteSelEntryReq *b)
{
	g_assert_cmphex(a->reservation, ==, b->reservation);
	g_assert_cmphex(a->record_id, ==, b->record_id);
}
CODEC(delete_codec, IpmiDeleteSelEntryReq, ipmi_delete_sel_entry_req_decode,
      ipmi_delete_sel_entry_req_encode, eq_delete);

static void
test_sel_entry(void)
{
	/* ipmitool: no reservation, the first entry, whole record. */
	static const uint8_t req[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0xff};
	IpmiGetSelEntryReq q = {.record_id = IPMI_SEL_RECORD_ID_FIRST, .count = IPMI_SEL_READ_ALL};
	CHECK_STRICT(get_sel_req_codec, req, &q);
	static const uint8_t rsp[] = {0xff, 0xff, 0x03, 0x00, 0x02, 0x10, 0x4a, 0xf3, 0x65,
				      0x20, 0x00, 0x04, 0x01, 0x01, 0x01, 0x57, 0x52, 0x50};
	IpmiGetSelEntryRsp r = {
	    .next_id = IPMI_SEL_RECORD_ID_LAST, .data = rsp + 2, .data_len = 16};
	check_round_trip(&get_sel_rsp_codec, rsp, sizeof rsp, &r);

	static const uint8_t id[] = {0x07, 0x00};
	IpmiSelRecordIdRsp i = {7};
	CHECK_STRICT(record_id_codec, id, &i);
	static const uint8_t del[] = {0x01, 0x00, 0x07, 0x00};
	IpmiDeleteSelEntryReq d = {1, 7};
	CHECK_STRICT(delete_codec, del, &d);
}

static void
eq_clear_req(const IpmiClearSelReq *a, const IpmiClearSelReq *b)
{
	g_assert_cmphex(a->reservation, ==, b->reservation);
	g_assert_cmpint(a->initiate, ==, b->initiate);
}
CODEC(clear_req_codec, IpmiClearSelReq, ipmi_clear_sel_req_decode, ipmi_clear_sel_req_encode,
      eq_clear_req);

static void
eq_clear_rsp(const IpmiClearSelRsp *a, const IpmiClearSelRsp *b)
{
	g_assert_cmphex(a->progress, ==, b->progress);
}
CODEC(clear_rsp_codec, IpmiClearSelRsp, ipmi_clear_sel_rsp_decode, ipmi_clear_sel_rsp_encode,
      eq_clear_rsp);

static void
eq_time(const IpmiSelTime *a, const IpmiSelTime *b)
{
	g_assert_cmphex(a->time, ==, b->time);
}
CODEC(time_codec, IpmiSelTime, ipmi_sel_time_decode, ipmi_sel_time_encode, eq_time);

static void
test_sel_clear_time(void)
{
	/* ipmitool `sel clear`: reservation, 'CLR', AAh. */
	static const uint8_t req[] = {0x05, 0x00, 'C', 'L', 'R', 0xaa};
	IpmiClearSelReq q = {.reservation = 5, .initiate = true};
	CHECK_STRICT(clear_req_codec, req, &q);
	static const uint8_t status[] = {0x05, 0x00, 'C', 'L', 'R', 0x00};
	IpmiClearSelReq s = {.reservation = 5};
	CHECK_STRICT(clear_req_codec, status, &s);
	check_reject(&clear_req_codec, req, sizeof req, 3, 'X', IPMI_ERR_FORMAT);
	check_reject(&clear_req_codec, req, sizeof req, 5, 0x55, IPMI_ERR_FORMAT);
	check_trailing(&clear_req_codec, req, sizeof req, 1, IPMI_ERR_LENGTH);
	static const uint8_t rsp[] = {0x01};
	IpmiClearSelRsp r = {IPMI_SEL_ERASE_COMPLETED};
	CHECK_STRICT(clear_rsp_codec, rsp, &r);

	static const uint8_t t[] = {0x10, 0x4a, 0xf3, 0x65};
	IpmiSelTime tm = {0x65F34A10};
	CHECK_STRICT(time_codec, t, &tm);
}

/* ---- FRU ---------------------------------------------------------------------------------------
 */

static void
eq_fru_info_req(const IpmiFruInfoReq *a, const IpmiFruInfoReq *b)
{
	g_assert_cmpuint(a->fru_id, ==, b->fru_id);
}
CODEC(fru_info_req_codec, IpmiFruInfoReq, ipmi_fru_info_req_decode, ipmi_fru_info_req_encode,
      eq_fru_info_req);

static void
eq_fru_info_rsp(const IpmiFruInfoRsp *a, const IpmiFruInfoRsp *b)
{
	g_assert_cmpuint(a->size, ==, b->size);
	g_assert_cmpint(a->by_words, ==, b->by_words);
}
CODEC(fru_info_rsp_codec, IpmiFruInfoRsp, ipmi_fru_info_rsp_decode, ipmi_fru_info_rsp_encode,
      eq_fru_info_rsp);

static void
eq_read_req(const IpmiReadFruReq *a, const IpmiReadFruReq *b)
{
	g_assert_cmpuint(a->fru_id, ==, b->fru_id);
	g_assert_cmpuint(a->offset, ==, b->offset);
	g_assert_cmpuint(a->count, ==, b->count);
}
CODEC(read_req_codec, IpmiReadFruReq, ipmi_read_fru_req_decode, ipmi_read_fru_req_encode,
      eq_read_req);

static void
eq_read_rsp(const IpmiReadFruRsp *a, const IpmiReadFruRsp *b)
{
	g_assert_cmpmem(a->data, a->count, b->data, b->count);
}
CODEC(read_rsp_codec, IpmiReadFruRsp, ipmi_read_fru_rsp_decode, ipmi_read_fru_rsp_encode,
      eq_read_rsp);

static void
test_fru_commands(void)
{
	static const uint8_t info_req[] = {0x00};
	IpmiFruInfoReq iq = {0};
	CHECK_STRICT(fru_info_req_codec, info_req, &iq);
	static const uint8_t info_rsp[] = {0x00, 0x01, 0x00};
	IpmiFruInfoRsp ir = {.size = 256};
	CHECK_STRICT(fru_info_rsp_codec, info_rsp, &ir);
	static const uint8_t words[] = {0x80, 0x00, 0x01};
	IpmiFruInfoRsp iw = {.size = 128, .by_words = true};
	CHECK_STRICT(fru_info_rsp_codec, words, &iw);

	/* FreeIPMI: 16 bytes at offset 0x0108 of FRU 1. */
	static const uint8_t rq[] = {0x01, 0x08, 0x01, 0x10};
	IpmiReadFruReq q = {1, 0x108, 16};
	CHECK_STRICT(read_req_codec, rq, &q);
	static const uint8_t rs[] = {0x04, 0x01, 0x00, 0x01, 0x00};
	IpmiReadFruRsp r = {4, rs + 1};
	CHECK_STRICT(read_rsp_codec, rs, &r);
	/* The count disagrees with the data. */
	check_trailing(&read_rsp_codec, rs, sizeof rs, 1, IPMI_ERR_LENGTH);
	check_reject(&read_rsp_codec, rs, sizeof rs, 0, 5, IPMI_ERR_LENGTH);
}

static char *
field_text(const IpmiFruField *f)
{
	static char buf[160];
	g_assert_cmpint(ipmi_fru_field_text(f, buf, sizeof buf), >=, 0);
	return buf;
}

static void
test_fru_fields(void)
{
	IpmiFruField f;
	/* 6-bit packed "IPMI" is 29 DC A6 (the spec's own example). */
	f = (IpmiFruField){.type = IPMI_FRU_FIELD_ASCII6, .len = 3, .data = {0x29, 0xdc, 0xa6}};
	g_assert_cmpstr(field_text(&f), ==, "IPMI");
	/* BCD plus: 12-3 */
	f = (IpmiFruField){.type = IPMI_FRU_FIELD_BCDPLUS, .len = 2, .data = {0x12, 0xb3}};
	g_assert_cmpstr(field_text(&f), ==, "12-3");
	f = (IpmiFruField){.type = IPMI_FRU_FIELD_BINARY, .len = 2, .data = {0xde, 0x0f}};
	g_assert_cmpstr(field_text(&f), ==, "de0f");
	char small[4];
	g_assert_cmpint(ipmi_fru_field_text(&f, small, sizeof small), ==, IPMI_ERR_NOBUF);

	g_assert_cmpint(ipmi_fru_field_set_text(&f, "EX-2240"), ==, 0);
	g_assert_cmpuint(f.type, ==, IPMI_FRU_FIELD_TEXT);
	g_assert_cmpstr(field_text(&f), ==, "EX-2240");
	/* One character cannot be C1h: it goes 6-bit. */
	g_assert_cmpint(ipmi_fru_field_set_text(&f, "A"), ==, 0);
	g_assert_cmpuint(f.type, ==, IPMI_FRU_FIELD_ASCII6);
	g_assert_cmphex(f.data[0], ==, 0x21);
	g_assert_cmpstr(field_text(&f), ==, "A");
	g_assert_cmpint(ipmi_fru_field_set_text(&f, "a"), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_fru_field_set_text(&f, NULL), ==, 0);
	g_assert_cmpuint(f.len, ==, 0);
	char big[65];
	memset(big, 'x', 64);
	big[64] = 0;
	g_assert_cmpint(ipmi_fru_field_set_text(&f, big), ==, IPMI_ERR_INVALID_ARG);
	big[63] = 0;
	g_assert_cmpint(ipmi_fru_field_set_text(&f, big), ==, 0);
}

/* Written out from the Platform Management FRU Information Storage
 * Definition v1.0: header, chassis, board and product areas. */
static const uint8_t fru_image[] = {
    /* common header: chassis at 8, board at 24, product at 40 */
    0x01, 0x00, 0x01, 0x03, 0x05, 0x00, 0x00, 0xf6,
    /* chassis: rack mount, part "AB", serial empty, C1, pad, checksum */
    0x01, 0x02, 0x17, 0xc2, 'A', 'B', 0xc0, 0xc1, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20,
    /* board: English, 2023-06-12 08:30 UTC (14435070 minutes), mfg "Ex" */
    0x01, 0x02, 0x19, 0xfe, 0x42, 0xdc, 0xc2, 'E', 'x', 0xc0, 0xc0, 0xc0, 0xc0, 0xc1, 0x00, 0x88,
    /* product: English, mfg "ABC", name "A" (6-bit), the rest empty */
    0x01, 0x02, 0x19, 0xc3, 'A', 'B', 'C', 0x81, 0x21, 0xc0, 0xc0, 0xc0, 0xc0, 0xc0, 0xc1, 0x38};

static void
eq_field(const IpmiFruField *a, const IpmiFruField *b)
{
	/* Empty fields are written C0h whatever their type. */
	if (a->len || b->len)
		g_assert_cmpuint(a->type, ==, b->type);
	g_assert_cmpmem(a->data, a->len, b->data, b->len);
}

static void
eq_inventory(const IpmiFruInventory *a, const IpmiFruInventory *b)
{
	g_assert_cmpint(a->has_chassis, ==, b->has_chassis);
	g_assert_cmpint(a->has_board, ==, b->has_board);
	g_assert_cmpint(a->has_product, ==, b->has_product);
	g_assert_cmphex(a->chassis.type, ==, b->chassis.type);
	eq_field(&a->chassis.part, &b->chassis.part);
	eq_field(&a->chassis.serial, &b->chassis.serial);
	g_assert_cmpuint(a->chassis.n_custom, ==, b->chassis.n_custom);
	for (unsigned i = 0; i < a->chassis.n_custom; i++)
		eq_field(&a->chassis.custom[i], &b->chassis.custom[i]);
	g_assert_cmphex(a->board.lang, ==, b->board.lang);
	g_assert_cmpuint(a->board.mfg_minutes, ==, b->board.mfg_minutes);
	eq_field(&a->board.mfg, &b->board.mfg);
	eq_field(&a->board.product, &b->board.product);
	eq_field(&a->board.serial, &b->board.serial);
	eq_field(&a->board.part, &b->board.part);
	eq_field(&a->board.file_id, &b->board.file_id);
	g_assert_cmpuint(a->board.n_custom, ==, b->board.n_custom);
	g_assert_cmphex(a->product.lang, ==, b->product.lang);
	eq_field(&a->product.mfg, &b->product.mfg);
	eq_field(&a->product.name, &b->product.name);
	eq_field(&a->product.part, &b->product.part);
	eq_field(&a->product.version, &b->product.version);
	eq_field(&a->product.serial, &b->product.serial);
	eq_field(&a->product.asset, &b->product.asset);
	eq_field(&a->product.file_id, &b->product.file_id);
	g_assert_cmpuint(a->product.n_custom, ==, b->product.n_custom);
	for (unsigned i = 0; i < a->product.n_custom; i++)
		eq_field(&a->product.custom[i], &b->product.custom[i]);
}
CODEC(image_codec, IpmiFruInventory, ipmi_fru_image_decode, ipmi_fru_image_encode, eq_inventory);

static IpmiFruInventory *
small_inventory(void)
{
	IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	inv->has_chassis = inv->has_board = inv->has_product = true;
	inv->chassis.type = 0x17;
	ipmi_fru_field_set_text(&inv->chassis.part, "AB");
	ipmi_fru_field_set_text(&inv->chassis.serial, "");
	inv->board.lang = IPMI_FRU_LANG_ENGLISH;
	inv->board.mfg_minutes = (1686558600 - IPMI_FRU_EPOCH) / 60;
	ipmi_fru_field_set_text(&inv->board.mfg, "Ex");
	inv->product.lang = IPMI_FRU_LANG_ENGLISH;
	ipmi_fru_field_set_text(&inv->product.mfg, "ABC");
	ipmi_fru_field_set_text(&inv->product.name, "A");
	return inv;
}

static void
test_fru_image(void)
{
	g_autofree IpmiFruInventory *inv = small_inventory();
	g_assert_cmpuint(inv->board.mfg_minutes, ==, 14435070);
	/* Every prefix that cuts an area is rejected. */
	CHECK_STRICT(image_codec, fru_image, inv);
	/* Free space after the last area is not an error. */
	uint8_t padded[sizeof fru_image + 200];
	memset(padded, 0xff, sizeof padded);
	memcpy(padded, fru_image, sizeof fru_image);
	g_autofree IpmiFruInventory *out = g_new0(IpmiFruInventory, 1);
	g_assert_cmpint(ipmi_fru_image_decode(padded, sizeof padded, out), ==, (int)sizeof padded);
	eq_inventory(out, inv);

	/* The areas alone. */
	IpmiFruChassis c;
	g_assert_cmpint(ipmi_fru_chassis_decode(fru_image + 8, 16, &c), ==, 16);
	IpmiFruBoard b;
	g_assert_cmpint(ipmi_fru_board_decode(fru_image + 24, 32, &b), ==, 16);
	g_assert_cmpint(ipmi_fru_board_decode(fru_image + 24, 15, &b), ==, IPMI_ERR_LENGTH);
	IpmiFruHeader h;
	g_assert_cmpint(ipmi_fru_header_decode(fru_image, 8, &h), ==, 8);
	g_assert_cmpuint(h.product_off, ==, 5);

	/* Custom fields round trip; empty inventory is a bare header. */
	ipmi_fru_field_set_text(&inv->product.custom[0], "Custom 1");
	ipmi_fru_field_set_text(&inv->product.custom[1], "Custom 2");
	inv->product.n_custom = 2;
	uint8_t buf[512];
	int n = ipmi_fru_image_encode(buf, sizeof buf, inv);
	g_assert_cmpint(n, >, 0);
	g_assert_cmpint(n % 8, ==, 0);
	g_assert_cmpint(ipmi_fru_image_decode(buf, (size_t)n, out), ==, n);
	eq_inventory(out, inv);
	IpmiFruInventory none = {0};
	g_assert_cmpint(ipmi_fru_image_encode(buf, sizeof buf, &none), ==, 8);
	g_assert_cmpint(ipmi_fru_image_decode(buf, 8, out), ==, 8);
	g_assert_false(out->has_chassis || out->has_board || out->has_product);
	/* A field of type 11 and length 1 is the end marker: refused. */
	inv->product.serial = (IpmiFruField){.type = IPMI_FRU_FIELD_TEXT, .len = 1, .data = {'x'}};
	g_assert_cmpint(ipmi_fru_image_encode(buf, sizeof buf, inv), ==, IPMI_ERR_INVALID_ARG);
}

static void
test_fru_errors(void)
{
	g_autofree IpmiFruInventory *out = g_new0(IpmiFruInventory, 1);
	uint8_t w[sizeof fru_image];
	/* A wrong checksum in the header and in each area. */
	static const size_t sums[] = {7, 23, 39, 55};
	static const int codes[] = {IPMI_ERR_CHECKSUM, IPMI_ERR_CHECKSUM, IPMI_ERR_CHECKSUM,
				    IPMI_ERR_CHECKSUM};
	for (size_t i = 0; i < G_N_ELEMENTS(sums); i++)
		check_reject(&image_codec, fru_image, sizeof w, sums[i],
			     (uint8_t)(fru_image[sums[i]] + 1), codes[i]);
	/* Any flipped byte inside an area breaks its checksum. */
	check_reject(&image_codec, fru_image, sizeof w, 13, 'Z', IPMI_ERR_CHECKSUM);
	/* The header's version. */
	memcpy(w, fru_image, sizeof w);
	w[0] = 0x02;
	w[7] = (uint8_t)(w[7] - 1);
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_FORMAT);
	/* An area offset past the data (header checksum kept right). */
	memcpy(w, fru_image, sizeof w);
	w[4] = 0x07;
	w[7] = (uint8_t)(w[7] - 2);
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_LENGTH);
	/* An area length past the data (area checksum kept right). */
	memcpy(w, fru_image, sizeof w);
	w[41] = 0x03;
	w[55] = (uint8_t)(w[55] - 1);
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_LENGTH);
	/* A field length past the area: "ABC" claims 0x3F bytes. */
	memcpy(w, fru_image, sizeof w);
	w[43] = 0xff;
	w[55] = (uint8_t)(w[55] - (0xff - 0xc3));
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_LENGTH);
	/* No end marker before the checksum. */
	memcpy(w, fru_image, sizeof w);
	w[54] = 0xc0;
	w[55] = (uint8_t)(w[55] + 1);
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_FORMAT);
	/* An area with the wrong format version. */
	memcpy(w, fru_image, sizeof w);
	w[8] = 0x02;
	w[23] = (uint8_t)(w[23] - 1);
	g_assert_cmpint(ipmi_fru_image_decode(w, sizeof w, out), ==, IPMI_ERR_FORMAT);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/cmd/sel/info", test_sel_info);
	g_test_add_func("/core/cmd/sel/record", test_sel_record);
	g_test_add_func("/core/cmd/sel/entry", test_sel_entry);
	g_test_add_func("/core/cmd/sel/clear-time", test_sel_clear_time);
	g_test_add_func("/core/cmd/fru/commands", test_fru_commands);
	g_test_add_func("/core/cmd/fru/fields", test_fru_fields);
	g_test_add_func("/core/cmd/fru/image", test_fru_image);
	g_test_add_func("/core/cmd/fru/errors", test_fru_errors);
	return g_test_run();
}
