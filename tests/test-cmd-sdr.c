/* test-cmd-sdr.c - SDR repository and sensor command codecs (cmd_sdr.h). */
#include <glib.h>
#include <string.h>

#include "cmd-storage-check.h"
#include "codec-check.h"
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/status.h"

/* ---- SDR repository commands --------------------------------------------------- */

static void
eq_repo_info(const IpmiSdrRepoInfo *a, const IpmiSdrRepoInfo *b)
{
	g_assert_cmphex(a->version, ==, b->version);
	g_assert_cmpuint(a->record_count, ==, b->record_count);
	g_assert_cmpuint(a->free_space, ==, b->free_space);
	g_assert_cmphex(a->addition_ts, ==, b->addition_ts);
	g_assert_cmphex(a->erase_ts, ==, b->erase_ts);
	g_assert_cmphex(a->op_support, ==, b->op_support);
}
CODEC(repo_info_codec, IpmiSdrRepoInfo, ipmi_sdr_repo_info_rsp_decode,
      ipmi_sdr_repo_info_rsp_encode, eq_repo_info);

static void
test_sdr_repo_info(void)
{
	/* Version 51h, 9 records, 0x3E00 bytes free, two timestamps,
	 * non-modal update, reserve and allocation info supported. */
	static const uint8_t rsp[] = {0x51, 0x09, 0x00, 0x00, 0x3e, 0x80, 0x30,
				      0xf3, 0x65, 0xff, 0xff, 0xff, 0xff, 0x23};
	IpmiSdrRepoInfo m = {
	    .version = 0x51,
	    .record_count = 9,
	    .free_space = 0x3E00,
	    .addition_ts = 0x65F33080,
	    .erase_ts = 0xFFFFFFFF,
	    .op_support = IPMI_SDR_OP_NONMODAL | IPMI_SDR_OP_RESERVE | IPMI_SDR_OP_ALLOC_INFO,
	};
	CHECK_STRICT(repo_info_codec, rsp, &m);
	check_trailing(&repo_info_codec, rsp, sizeof rsp, 1, IPMI_ERR_LENGTH);
}

static void
eq_alloc(const IpmiAllocInfo *a, const IpmiAllocInfo *b)
{
	g_assert_cmpuint(a->units, ==, b->units);
	g_assert_cmpuint(a->unit_size, ==, b->unit_size);
	g_assert_cmpuint(a->free_units, ==, b->free_units);
	g_assert_cmpuint(a->largest_free, ==, b->largest_free);
	g_assert_cmpuint(a->max_record_units, ==, b->max_record_units);
}
CODEC(alloc_codec, IpmiAllocInfo, ipmi_alloc_info_rsp_decode, ipmi_alloc_info_rsp_encode, eq_alloc);

static void
eq_reserve(const IpmiReserveRsp *a, const IpmiReserveRsp *b)
{
	g_assert_cmphex(a->id, ==, b->id);
}
CODEC(reserve_codec, IpmiReserveRsp, ipmi_reserve_rsp_decode, ipmi_reserve_rsp_encode, eq_reserve);

static void
test_sdr_alloc_reserve(void)
{
	static const uint8_t alloc[] = {0x00, 0x02, 0x10, 0x00, 0xfd, 0x01, 0xfd, 0x01, 0x01};
	IpmiAllocInfo a = {512, 16, 509, 509, 1};
	CHECK_STRICT(alloc_codec, alloc, &a);

	static const uint8_t res[] = {0x34, 0x12};
	IpmiReserveRsp r = {0x1234};
	CHECK_STRICT(reserve_codec, res, &r);
	/* Reservation 0000h does not exist. */
	static const uint8_t zero[] = {0x00, 0x00};
	IpmiReserveRsp out;
	g_assert_cmpint(ipmi_reserve_rsp_decode(zero, 2, &out), ==, IPMI_ERR_FORMAT);
	IpmiReserveRsp z = {0};
	uint8_t buf[2];
	g_assert_cmpint(ipmi_reserve_rsp_encode(buf, 2, &z), ==, IPMI_ERR_INVALID_ARG);
}

CODEC(get_sdr_req_codec, IpmiGetSdrReq, ipmi_get_sdr_req_decode, ipmi_get_sdr_req_encode,
      eq_get_sdr_req);

CODEC(get_sdr_rsp_codec, IpmiGetSdrRsp, ipmi_get_sdr_rsp_decode, ipmi_get_sdr_rsp_encode,
      eq_get_sdr_rsp);

static void
test_get_sdr(void)
{
	/* ipmitool's header read: reservation 0x0102, first record, 0, 5. */
	static const uint8_t req[] = {0x02, 0x01, 0x00, 0x00, 0x00, 0x05};
	IpmiGetSdrReq q = {.reservation = 0x0102, .record_id = 0, .offset = 0, .count = 5};
	CHECK_STRICT(get_sdr_req_codec, req, &q);
	check_trailing(&get_sdr_req_codec, req, sizeof req, 1, IPMI_ERR_LENGTH);
	/* The same layout is Get SEL Entry's. */
	IpmiGetSelEntryReq s;
	g_assert_cmpint(ipmi_get_sel_entry_req_decode(req, sizeof req, &s), ==, 6);
	eq_get_sdr_req(&s, &q);

	/* Next record 0002h and the 5 header bytes of record 0001h. */
	static const uint8_t rsp[] = {0x02, 0x00, 0x01, 0x00, 0x51, 0x01, 0x33};
	IpmiGetSdrRsp r = {.next_id = 2, .data = rsp + 2, .data_len = 5};
	/* Any data length is valid, so only the next ID must be there. */
	static const size_t ok[] = {2, 3, 4, 5, 6};
	check_codec(&get_sdr_rsp_codec, rsp, sizeof rsp, &r, ok, G_N_ELEMENTS(ok));
	g_assert_cmpint(decode_exact(&get_sdr_rsp_codec, rsp, 1, &r), ==, IPMI_ERR_TRUNCATED);
}

static void
eq_dsi_req(const IpmiGetDeviceSdrInfoReq *a, const IpmiGetDeviceSdrInfoReq *b)
{
	g_assert_cmpint(a->has_operation, ==, b->has_operation);
	g_assert_cmpint(a->sdr_count, ==, b->sdr_count);
}
CODEC(dsi_req_codec, IpmiGetDeviceSdrInfoReq, ipmi_get_device_sdr_info_req_decode,
      ipmi_get_device_sdr_info_req_encode, eq_dsi_req);

static void
eq_dsi_rsp(const IpmiGetDeviceSdrInfoRsp *a, const IpmiGetDeviceSdrInfoRsp *b)
{
	g_assert_cmpuint(a->count, ==, b->count);
	g_assert_cmpint(a->dynamic, ==, b->dynamic);
	g_assert_cmphex(a->lun_mask, ==, b->lun_mask);
	g_assert_cmpint(a->has_change, ==, b->has_change);
	g_assert_cmphex(a->change, ==, b->change);
}
CODEC(dsi_rsp_codec, IpmiGetDeviceSdrInfoRsp, ipmi_get_device_sdr_info_rsp_decode,
      ipmi_get_device_sdr_info_rsp_encode, eq_dsi_rsp);

static void
test_device_sdr_info(void)
{
	/* ipmitool sends no data: the sensor count. */
	IpmiGetDeviceSdrInfoReq none = {0}, out;
	uint8_t buf[4] = {0};
	g_assert_cmpint(ipmi_get_device_sdr_info_req_decode(buf, 0, &out), ==, 0);
	eq_dsi_req(&out, &none);
	g_assert_cmpint(ipmi_get_device_sdr_info_req_encode(buf, 0, &none), ==, 0);
	static const uint8_t req[] = {0x01};
	IpmiGetDeviceSdrInfoReq q = {.has_operation = true, .sdr_count = true};
	static const size_t ok0[] = {0};
	check_codec(&dsi_req_codec, req, sizeof req, &q, ok0, 1);
	check_trailing(&dsi_req_codec, req, sizeof req, 1, IPMI_ERR_LENGTH);

	/* Static: 6 sensors on LUN 0; dynamic: with the change indicator. */
	static const uint8_t stat[] = {0x06, 0x01};
	IpmiGetDeviceSdrInfoRsp s = {.count = 6, .lun_mask = 1};
	CHECK_STRICT(dsi_rsp_codec, stat, &s);
	static const uint8_t dyn[] = {0x07, 0x83, 0x78, 0x56, 0x34, 0x12};
	IpmiGetDeviceSdrInfoRsp d = {
	    .count = 7, .dynamic = true, .lun_mask = 3, .has_change = true, .change = 0x12345678};
	static const size_t ok2[] = {2};
	check_codec(&dsi_rsp_codec, dyn, sizeof dyn, &d, ok2, 1);
}

/* ---- Sensor commands ------------------------------------------------------------- */

static void
eq_sensor_req(const IpmiSensorReq *a, const IpmiSensorReq *b)
{
	g_assert_cmphex(a->number, ==, b->number);
}
CODEC(sensor_req_codec, IpmiSensorReq, ipmi_sensor_req_decode, ipmi_sensor_req_encode,
      eq_sensor_req);
CODEC(hyst_req_codec, IpmiSensorReq, ipmi_sensor_hysteresis_req_decode,
      ipmi_sensor_hysteresis_req_encode, eq_sensor_req);

static void
eq_reading(const IpmiSensorReading *a, const IpmiSensorReading *b)
{
	g_assert_cmphex(a->raw, ==, b->raw);
	g_assert_cmpint(a->events_enabled, ==, b->events_enabled);
	g_assert_cmpint(a->scanning_enabled, ==, b->scanning_enabled);
	g_assert_cmpint(a->unavailable, ==, b->unavailable);
	g_assert_cmpmem(a->state, a->state_len, b->state, b->state_len);
}
CODEC(reading_codec, IpmiSensorReading, ipmi_sensor_reading_rsp_decode,
      ipmi_sensor_reading_rsp_encode, eq_reading);

static void
eq_thresholds(const IpmiSensorThresholds *a, const IpmiSensorThresholds *b)
{
	g_assert_cmphex(a->readable, ==, b->readable);
	g_assert_cmphex(a->lnc, ==, b->lnc);
	g_assert_cmphex(a->lcr, ==, b->lcr);
	g_assert_cmphex(a->lnr, ==, b->lnr);
	g_assert_cmphex(a->unc, ==, b->unc);
	g_assert_cmphex(a->ucr, ==, b->ucr);
	g_assert_cmphex(a->unr, ==, b->unr);
}
CODEC(thresholds_codec, IpmiSensorThresholds, ipmi_sensor_thresholds_rsp_decode,
      ipmi_sensor_thresholds_rsp_encode, eq_thresholds);

static void
eq_hyst(const IpmiSensorHysteresis *a, const IpmiSensorHysteresis *b)
{
	g_assert_cmphex(a->positive, ==, b->positive);
	g_assert_cmphex(a->negative, ==, b->negative);
}
CODEC(hyst_rsp_codec, IpmiSensorHysteresis, ipmi_sensor_hysteresis_rsp_decode,
      ipmi_sensor_hysteresis_rsp_encode, eq_hyst);

static void
eq_events(const IpmiSensorEvents *a, const IpmiSensorEvents *b)
{
	g_assert_cmpint(a->events_enabled, ==, b->events_enabled);
	g_assert_cmpint(a->scanning_enabled, ==, b->scanning_enabled);
	g_assert_cmpint(a->unavailable, ==, b->unavailable);
	g_assert_cmpuint(a->mask_len, ==, b->mask_len);
	g_assert_cmphex(a->assertion, ==, b->assertion);
	g_assert_cmphex(a->deassertion, ==, b->deassertion);
}
CODEC(enable_codec, IpmiSensorEvents, ipmi_sensor_event_enable_rsp_decode,
      ipmi_sensor_event_enable_rsp_encode, eq_events);
CODEC(status_codec, IpmiSensorEvents, ipmi_sensor_event_status_rsp_decode,
      ipmi_sensor_event_status_rsp_encode, eq_events);

static void
test_sensor_requests(void)
{
	static const uint8_t one[] = {0x10};
	IpmiSensorReq q = {0x10};
	CHECK_STRICT(sensor_req_codec, one, &q);
	check_trailing(&sensor_req_codec, one, sizeof one, 1, IPMI_ERR_LENGTH);
	/* Get Sensor Hysteresis: the reserved mask goes as FFh. */
	static const uint8_t two[] = {0x10, 0xff};
	CHECK_STRICT(hyst_req_codec, two, &q);
}

static void
test_sensor_reading(void)
{
	/* 12V at raw 200: events and scanning on, no threshold crossed
	 * (bits 7:6 returned as 1b), then 80h. */
	static const uint8_t thr[] = {0xc8, 0xc0, 0xc0, 0x80};
	IpmiSensorReading r = {.raw = 0xC8,
			       .events_enabled = true,
			       .scanning_enabled = true,
			       .state_len = 2,
			       .state = {0xC0, 0x80}};
	/* Two and three bytes are valid shorter answers. */
	static const size_t ok[] = {2, 3};
	check_codec(&reading_codec, thr, sizeof thr, &r, ok, G_N_ELEMENTS(ok));
	check_trailing(&reading_codec, thr, sizeof thr, 1, IPMI_ERR_LENGTH);
	/* Reading unavailable, scanning disabled: what ipmitool shows as
	 * "no reading" / "disabled". */
	static const uint8_t off[] = {0x00, 0x20};
	IpmiSensorReading u = {.unavailable = true};
	CHECK_STRICT(reading_codec, off, &u);
}

static void
test_sensor_thresholds(void)
{
	/* All six readable: lnc 190, lcr 180, lnr 170, unc 210, ucr 220,
	 * unr 230 (the 12V sensor of the default BMC). */
	static const uint8_t rsp[] = {0x3f, 0xbe, 0xb4, 0xaa, 0xd2, 0xdc, 0xe6};
	IpmiSensorThresholds t = {IPMI_THRESH_ALL, 190, 180, 170, 210, 220, 230};
	CHECK_STRICT(thresholds_codec, rsp, &t);
	/* Reserved bits 7:6 are ignored when read, refused when written. */
	check_reject(&thresholds_codec, rsp, sizeof rsp, 0, 0xff, (int)sizeof rsp);
	IpmiSensorThresholds bad = {.readable = 0x40};
	uint8_t buf[8];
	g_assert_cmpint(ipmi_sensor_thresholds_rsp_encode(buf, sizeof buf, &bad), ==,
			IPMI_ERR_INVALID_ARG);

	static const uint8_t hyst[] = {0x02, 0x01};
	IpmiSensorHysteresis h = {2, 1};
	CHECK_STRICT(hyst_rsp_codec, hyst, &h);
}

static void
test_sensor_events(void)
{
	/* Event Enable: all on, assertion lnc-/lcr-/unc+/ucr+ (0x0285),
	 * deassertion the same. */
	static const uint8_t en[] = {0xc0, 0x85, 0x02, 0x85, 0x02};
	IpmiSensorEvents e = {.events_enabled = true,
			      .scanning_enabled = true,
			      .mask_len = 4,
			      .assertion = 0x0285,
			      .deassertion = 0x0285};
	static const size_t ok[] = {1, 2, 3, 4};
	check_round_trip(&enable_codec, en, sizeof en, &e);
	/* Shorter answers are valid, but the mask bytes cut off make a
	 * different struct: check only the codes. */
	IpmiSensorEvents out;
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
		g_assert_cmpint(decode_exact(&enable_codec, en, ok[i], &out), ==, (int)ok[i]);
	g_assert_cmpint(decode_exact(&enable_codec, en, 0, &out), ==, IPMI_ERR_TRUNCATED);
	check_trailing(&enable_codec, en, sizeof en, 1, IPMI_ERR_LENGTH);
	/* Bit 5 means "unavailable" in Event Status only. */
	static const uint8_t en5[] = {0xe0};
	g_assert_cmpint(ipmi_sensor_event_enable_rsp_decode(en5, 1, &out), ==, 1);
	g_assert_false(out.unavailable);
	g_assert_cmpint(ipmi_sensor_event_status_rsp_decode(en5, 1, &out), ==, 1);
	g_assert_true(out.unavailable);

	/* Event Status: upper non-critical going high asserted (bit 7). */
	static const uint8_t st[] = {0xc0, 0x80, 0x00};
	IpmiSensorEvents s = {
	    .events_enabled = true, .scanning_enabled = true, .mask_len = 2, .assertion = 0x0080};
	check_round_trip(&status_codec, st, sizeof st, &s);
	g_assert_cmpint(decode_exact(&status_codec, st, 1, &out), ==, 1);
	g_assert_cmpint(decode_exact(&status_codec, st, 0, &out), ==, IPMI_ERR_TRUNCATED);
	/* A mask byte the length does not carry cannot be encoded. */
	IpmiSensorEvents lost = {.mask_len = 1, .assertion = 0x0100};
	uint8_t buf[8];
	g_assert_cmpint(ipmi_sensor_event_status_rsp_encode(buf, sizeof buf, &lost), ==,
			IPMI_ERR_INVALID_ARG);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/cmd/sdr/repo-info", test_sdr_repo_info);
	g_test_add_func("/core/cmd/sdr/alloc-reserve", test_sdr_alloc_reserve);
	g_test_add_func("/core/cmd/sdr/get-sdr", test_get_sdr);
	g_test_add_func("/core/cmd/sdr/device-sdr-info", test_device_sdr_info);
	g_test_add_func("/core/cmd/sdr/sensor-requests", test_sensor_requests);
	g_test_add_func("/core/cmd/sdr/sensor-reading", test_sensor_reading);
	g_test_add_func("/core/cmd/sdr/sensor-thresholds", test_sensor_thresholds);
	g_test_add_func("/core/cmd/sdr/sensor-events", test_sensor_events);
	return g_test_run();
}
