/* test-cmd-storage.c - SDR and sensor (cmd_sdr.h), SEL (cmd_sel.h) and FRU
 * (cmd_fru.h) command codecs and record formats. */
#include <glib.h>
#include <string.h>

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

static void
eq_get_sdr_req(const IpmiGetSdrReq *a, const IpmiGetSdrReq *b)
{
	g_assert_cmphex(a->reservation, ==, b->reservation);
	g_assert_cmphex(a->record_id, ==, b->record_id);
	g_assert_cmpuint(a->offset, ==, b->offset);
	g_assert_cmpuint(a->count, ==, b->count);
}
CODEC(get_sdr_req_codec, IpmiGetSdrReq, ipmi_get_sdr_req_decode, ipmi_get_sdr_req_encode,
      eq_get_sdr_req);

static void
eq_get_sdr_rsp(const IpmiGetSdrRsp *a, const IpmiGetSdrRsp *b)
{
	g_assert_cmphex(a->next_id, ==, b->next_id);
	g_assert_cmpmem(a->data, a->data_len, b->data, b->data_len);
}
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

/* ---- SDR records --------------------------------------------------------------------- */

static void
eq_id(const IpmiSdrId *a, const IpmiSdrId *b)
{
	g_assert_cmpuint(a->type, ==, b->type);
	g_assert_cmpmem(a->data, a->len, b->data, b->len);
}

static void
eq_sensor(const IpmiSdrSensor *a, const IpmiSdrSensor *b)
{
	g_assert_cmphex(a->owner_id, ==, b->owner_id);
	g_assert_cmphex(a->channel, ==, b->channel);
	g_assert_cmphex(a->owner_lun, ==, b->owner_lun);
	g_assert_cmphex(a->number, ==, b->number);
	g_assert_cmphex(a->entity_id, ==, b->entity_id);
	g_assert_cmphex(a->entity_instance, ==, b->entity_instance);
	g_assert_cmphex(a->init, ==, b->init);
	g_assert_cmphex(a->caps, ==, b->caps);
	g_assert_cmphex(a->sensor_type, ==, b->sensor_type);
	g_assert_cmphex(a->event_type, ==, b->event_type);
	g_assert_cmphex(a->assert_mask, ==, b->assert_mask);
	g_assert_cmphex(a->deassert_mask, ==, b->deassert_mask);
	g_assert_cmphex(a->reading_mask, ==, b->reading_mask);
	g_assert_cmpuint(a->analog_format, ==, b->analog_format);
	g_assert_cmpuint(a->rate_unit, ==, b->rate_unit);
	g_assert_cmpuint(a->modifier_rel, ==, b->modifier_rel);
	g_assert_cmpint(a->percentage, ==, b->percentage);
	g_assert_cmpuint(a->base_unit, ==, b->base_unit);
	g_assert_cmpuint(a->modifier_unit, ==, b->modifier_unit);
	g_assert_cmpuint(a->pos_hysteresis, ==, b->pos_hysteresis);
	g_assert_cmpuint(a->neg_hysteresis, ==, b->neg_hysteresis);
	g_assert_cmphex(a->oem, ==, b->oem);
	eq_id(&a->id, &b->id);
}

static void
eq_record(const IpmiSdrRecord *a, const IpmiSdrRecord *b)
{
	g_assert_cmphex(a->hdr.record_id, ==, b->hdr.record_id);
	g_assert_cmphex(a->hdr.version, ==, b->hdr.version);
	g_assert_cmphex(a->hdr.type, ==, b->hdr.type);
	switch (a->hdr.type) {
	case IPMI_SDR_TYPE_FULL: {
		const IpmiSdrFullSensor *x = &a->u.full, *y = &b->u.full;
		eq_sensor(&x->s, &y->s);
		g_assert_cmpuint(x->linearization, ==, y->linearization);
		g_assert_cmpint(x->m, ==, y->m);
		g_assert_cmpuint(x->tolerance, ==, y->tolerance);
		g_assert_cmpint(x->b, ==, y->b);
		g_assert_cmpuint(x->accuracy, ==, y->accuracy);
		g_assert_cmpuint(x->accuracy_exp, ==, y->accuracy_exp);
		g_assert_cmpuint(x->direction, ==, y->direction);
		g_assert_cmpint(x->r_exp, ==, y->r_exp);
		g_assert_cmpint(x->b_exp, ==, y->b_exp);
		g_assert_cmphex(x->analog_flags, ==, y->analog_flags);
		g_assert_cmpuint(x->nominal, ==, y->nominal);
		g_assert_cmpuint(x->normal_max, ==, y->normal_max);
		g_assert_cmpuint(x->normal_min, ==, y->normal_min);
		g_assert_cmpuint(x->sensor_max, ==, y->sensor_max);
		g_assert_cmpuint(x->sensor_min, ==, y->sensor_min);
		g_assert_cmpuint(x->unr, ==, y->unr);
		g_assert_cmpuint(x->ucr, ==, y->ucr);
		g_assert_cmpuint(x->unc, ==, y->unc);
		g_assert_cmpuint(x->lnr, ==, y->lnr);
		g_assert_cmpuint(x->lcr, ==, y->lcr);
		g_assert_cmpuint(x->lnc, ==, y->lnc);
		break;
	}
	case IPMI_SDR_TYPE_COMPACT: {
		const IpmiSdrCompactSensor *x = &a->u.compact, *y = &b->u.compact;
		eq_sensor(&x->s, &y->s);
		g_assert_cmpuint(x->direction, ==, y->direction);
		g_assert_cmpuint(x->id_mod_type, ==, y->id_mod_type);
		g_assert_cmpuint(x->share_count, ==, y->share_count);
		g_assert_cmpint(x->entity_increment, ==, y->entity_increment);
		g_assert_cmpuint(x->id_mod_offset, ==, y->id_mod_offset);
		break;
	}
	case IPMI_SDR_TYPE_FRU_LOCATOR: {
		const IpmiSdrFruLocator *x = &a->u.fru, *y = &b->u.fru;
		g_assert_cmphex(x->access_addr, ==, y->access_addr);
		g_assert_cmphex(x->fru_id, ==, y->fru_id);
		g_assert_cmpint(x->logical, ==, y->logical);
		g_assert_cmpuint(x->access_lun, ==, y->access_lun);
		g_assert_cmpuint(x->private_bus, ==, y->private_bus);
		g_assert_cmpuint(x->channel, ==, y->channel);
		g_assert_cmphex(x->device_type, ==, y->device_type);
		g_assert_cmphex(x->device_type_modifier, ==, y->device_type_modifier);
		g_assert_cmphex(x->entity_id, ==, y->entity_id);
		g_assert_cmphex(x->entity_instance, ==, y->entity_instance);
		g_assert_cmphex(x->oem, ==, y->oem);
		eq_id(&x->id, &y->id);
		break;
	}
	case IPMI_SDR_TYPE_MC_LOCATOR: {
		const IpmiSdrMcLocator *x = &a->u.mc, *y = &b->u.mc;
		g_assert_cmphex(x->slave_addr, ==, y->slave_addr);
		g_assert_cmpuint(x->channel, ==, y->channel);
		g_assert_cmphex(x->power_state, ==, y->power_state);
		g_assert_cmphex(x->caps, ==, y->caps);
		g_assert_cmphex(x->entity_id, ==, y->entity_id);
		g_assert_cmphex(x->entity_instance, ==, y->entity_instance);
		g_assert_cmphex(x->oem, ==, y->oem);
		eq_id(&x->id, &y->id);
		break;
	}
	default:
		g_assert_cmpmem(a->body, a->hdr.length, b->body, b->hdr.length);
		break;
	}
}
CODEC(record_codec, IpmiSdrRecord, ipmi_sdr_record_decode, ipmi_sdr_record_encode, eq_record);

/* A full sensor record written out from IPMI v2.0 Table 43-1: the 12V
 * sensor, M = 6, Rexp = -2 (60 mV a step), six thresholds. */
static const uint8_t full_12v[] = {
    0x03, 0x00, 0x51, 0x01, 0x2e, /* record 3, SDR 51h, full, 46 body bytes */
    0x20, 0x00, 0x10,             /* owner BMC 20h, channel 0 LUN 0, sensor 10h */
    0x07, 0x01,                   /* entity 7 (system board) instance 1 */
    0x7f, 0x54,                   /* init: everything; caps: auto re-arm, readable */
    0x02, 0x01,                   /* voltage, threshold */
    0x95, 0x7a,                   /* assertion lnc- lcr- lnr- unc+ ucr+ unr+, lower readable */
    0x95, 0x7a,                   /* deassertion the same, upper readable */
    0x3f, 0x00,                   /* readable all six, settable none */
    0x00, 0x04, 0x00,             /* unsigned, Volts */
    0x00,                         /* linear */
    0x06, 0x00, 0x00, 0x00, 0x00, /* M = 6, tolerance 0, B = 0, accuracy 0 */
    0xe0,                         /* Rexp -2, Bexp 0 */
    0x01, 0xc8, 0x00, 0x00,       /* nominal specified: 200 (12.00 V) */
    0xff, 0x00,                   /* sensor max, min */
    0xe6, 0xdc, 0xd2,             /* unr 13.8, ucr 13.2, unc 12.6 */
    0xaa, 0xb4, 0xbe,             /* lnr 10.2, lcr 10.8, lnc 11.4 */
    0x02, 0x02, 0x00, 0x00, 0x00, /* hysteresis +2 -2, reserved, OEM */
    0xc3, '1',  '2',  'V',        /* 8-bit ASCII, 3 bytes */
};

static IpmiSdrRecord
record_12v(void)
{
	IpmiSdrRecord r;
	memset(&r, 0, sizeof r);
	r.hdr = (IpmiSdrHeader){.record_id = 3, .version = 0x51, .type = IPMI_SDR_TYPE_FULL};
	IpmiSdrFullSensor *f = &r.u.full;
	f->s.owner_id = 0x20;
	f->s.number = 0x10;
	f->s.entity_id = 7;
	f->s.entity_instance = 1;
	f->s.init = 0x7F;
	f->s.caps =
	    IPMI_SDR_CAP_AUTO_REARM | IPMI_SDR_CAP_HYST_READABLE | IPMI_SDR_CAP_THRESH_READABLE;
	f->s.sensor_type = IPMI_SENSOR_TYPE_VOLTAGE;
	f->s.event_type = IPMI_EVENT_TYPE_THRESHOLD;
	f->s.assert_mask = 0x7A95;
	f->s.deassert_mask = 0x7A95;
	f->s.reading_mask = 0x003F;
	f->s.base_unit = IPMI_UNIT_VOLTS;
	f->s.pos_hysteresis = 2;
	f->s.neg_hysteresis = 2;
	ipmi_sdr_id_set(&f->s.id, "12V");
	f->m = 6;
	f->r_exp = -2;
	f->analog_flags = IPMI_SDR_ANALOG_NOMINAL;
	f->nominal = 200;
	f->sensor_max = 0xFF;
	f->unr = 230;
	f->ucr = 220;
	f->unc = 210;
	f->lnr = 170;
	f->lcr = 180;
	f->lnc = 190;
	return r;
}

static void
test_full_record(void)
{
	IpmiSdrRecord r = record_12v();
	CHECK_STRICT(record_codec, full_12v, &r);
	/* A record inside a longer stream: only its bytes are consumed. */
	IpmiSdrRecord out;
	uint8_t two[sizeof full_12v * 2];
	memcpy(two, full_12v, sizeof full_12v);
	memcpy(two + sizeof full_12v, full_12v, sizeof full_12v);
	g_assert_cmpint(ipmi_sdr_record_decode(two, sizeof two, &out), ==, (int)sizeof full_12v);
	g_assert_cmpstr(out.u.full.s.id.data, ==, "12V");
	g_assert_true(ipmi_sdr_record_sensor(&out) == &out.u.full.s);

	/* Signed M and B (10 bits), both exponents negative/positive,
	 * tolerance, accuracy and direction packed around them. */
	uint8_t wire[sizeof full_12v];
	memcpy(wire, full_12v, sizeof wire);
	wire[24] = 0xfd; /* M = -3: 0x3FD */
	wire[25] = 0xc5; /* M MS bits 11, tolerance 5 */
	wire[26] = 0x9c; /* B = -100: 0x39C */
	wire[27] = 0xe1; /* B MS bits 11, accuracy LS 0x21 */
	wire[28] = 0x9e; /* accuracy MS 0x9, accuracy exp 3, direction 2 */
	wire[29] = 0x3f; /* Rexp 3, Bexp -1 */
	r.u.full.m = -3;
	r.u.full.tolerance = 5;
	r.u.full.b = -100;
	r.u.full.accuracy = 0x9 << 6 | 0x21;
	r.u.full.accuracy_exp = 3;
	r.u.full.direction = 2;
	r.u.full.r_exp = 3;
	r.u.full.b_exp = -1;
	CHECK_STRICT(record_codec, wire, &r);

	/* Out-of-range factors cannot be encoded. */
	uint8_t buf[128];
	r.u.full.m = 512;
	g_assert_cmpint(ipmi_sdr_record_encode(buf, sizeof buf, &r), ==, IPMI_ERR_INVALID_ARG);
	r.u.full.m = 1;
	r.u.full.r_exp = 8;
	g_assert_cmpint(ipmi_sdr_record_encode(buf, sizeof buf, &r), ==, IPMI_ERR_INVALID_ARG);
}

static void
test_record_errors(void)
{
	IpmiSdrRecord out;
	uint8_t wire[sizeof full_12v + 4];
	/* The record length points past the data. */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[4] = 0x2f;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v, &out), ==,
			IPMI_ERR_TRUNCATED);
	/* The ID length points past the record (the extra byte lies beyond
	 * the record's own length, so it must not be read). */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[sizeof full_12v] = 'X';
	wire[47] = 0xc4;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v + 1, &out), ==,
			IPMI_ERR_LENGTH);
	/* A body shorter than the fixed part. */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[4] = 40;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v, &out), ==, IPMI_ERR_LENGTH);
	/* An ID longer than 16 bytes. */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[47] = 0xd1;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v, &out), ==, IPMI_ERR_FORMAT);
	/* Unknown SDR version. */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[2] = 0x00;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v, &out), ==, IPMI_ERR_FORMAT);
	/* Padding after the ID inside the record length is accepted. */
	memcpy(wire, full_12v, sizeof full_12v);
	wire[4] += 2;
	wire[sizeof full_12v] = 0;
	wire[sizeof full_12v + 1] = 0;
	g_assert_cmpint(ipmi_sdr_record_decode(wire, sizeof full_12v + 2, &out), ==,
			(int)sizeof full_12v + 2);
	g_assert_cmpstr(out.u.full.s.id.data, ==, "12V");
	/* The header alone. */
	IpmiSdrHeader h;
	g_assert_cmpint(ipmi_sdr_header_decode(full_12v, 5, &h), ==, 5);
	g_assert_cmphex(h.record_id, ==, 3);
	g_assert_cmpuint(h.length, ==, 46);
	g_assert_cmpint(ipmi_sdr_header_decode(full_12v, 4, &h), ==, IPMI_ERR_TRUNCATED);
}

static void
test_compact_record(void)
{
	/* Table 43-2: the PS1 Status presence sensor. */
	static const uint8_t wire[] = {
	    0x06, 0x00, 0x51, 0x02, 0x25,       /* record 6, compact, 37 body bytes */
	    0x20, 0x00, 0x30,                   /* BMC, sensor 30h */
	    0x0a, 0x01,                         /* power supply 1 */
	    0x67, 0x40,                         /* init scanning/events/type, auto re-arm */
	    0x08, 0x6f,                         /* power supply, sensor-specific */
	    0x0f, 0x00, 0x0f, 0x00, 0x0f, 0x00, /* presence, failure, predictive, AC lost */
	    0xc0, 0x00, 0x00,                   /* no analog reading, unspecified units */
	    0x41, 0x85, /* direction 1, share count 1; increment, offset 5 */
	    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* hysteresis, reserved, OEM */
	    0xca, 'P',  'S',  '1',  ' ',  'S',  't', 'a', 't', 'u', 's'};
	IpmiSdrRecord r;
	memset(&r, 0, sizeof r);
	r.hdr = (IpmiSdrHeader){.record_id = 6, .version = 0x51, .type = IPMI_SDR_TYPE_COMPACT};
	IpmiSdrCompactSensor *c = &r.u.compact;
	c->s.owner_id = 0x20;
	c->s.number = 0x30;
	c->s.entity_id = 0x0A;
	c->s.entity_instance = 1;
	c->s.init = 0x67;
	c->s.caps = IPMI_SDR_CAP_AUTO_REARM;
	c->s.sensor_type = IPMI_SENSOR_TYPE_POWER_SUPPLY;
	c->s.event_type = IPMI_EVENT_TYPE_SENSOR_SPECIFIC;
	c->s.assert_mask = c->s.deassert_mask = c->s.reading_mask = 0x000F;
	c->s.analog_format = IPMI_ANALOG_NONE;
	ipmi_sdr_id_set(&c->s.id, "PS1 Status");
	c->direction = 1;
	c->share_count = 1;
	c->entity_increment = true;
	c->id_mod_offset = 5;
	CHECK_STRICT(record_codec, wire, &r);
}

static void
test_locator_records(void)
{
	/* Table 43-7: logical FRU device 1 behind the BMC, power supply. */
	static const uint8_t fru[] = {
	    0x07, 0x00, 0x51, 0x11, 0x12, /* record 7, FRU locator, 18 body bytes */
	    0x20, 0x01, 0x80, 0x00, 0x00, /* BMC, FRU 1, logical, LUN 0 bus 0, channel 0 */
	    0x10, 0x00, 0x0a, 0x01, 0x00, /* FRU inventory device, PS 1, OEM */
	    0xc7, 'P',  'S',  '1',  ' ',  'F', 'R', 'U'};
	IpmiSdrRecord r;
	memset(&r, 0, sizeof r);
	r.hdr = (IpmiSdrHeader){.record_id = 7, .version = 0x51, .type = IPMI_SDR_TYPE_FRU_LOCATOR};
	r.u.fru.access_addr = 0x20;
	r.u.fru.fru_id = 1;
	r.u.fru.logical = true;
	r.u.fru.device_type = 0x10;
	r.u.fru.entity_id = 0x0A;
	r.u.fru.entity_instance = 1;
	ipmi_sdr_id_set(&r.u.fru.id, "PS1 FRU");
	CHECK_STRICT(record_codec, fru, &r);

	/* Table 43-8: the BMC itself. */
	static const uint8_t mc[] = {0x08, 0x00, 0x51, 0x12,
				     0x0e, /* record 8, MC locator, 14 body bytes */
				     0x20, 0x00, 0x00, 0xbf, /* 20h, channel 0, no ACPI, caps */
				     0x00, 0x00, 0x00,       /* reserved */
				     0x2e, 0x01, 0x00,       /* management controller 46.1, OEM */
				     0xc3, 'B',  'M',  'C'};
	memset(&r, 0, sizeof r);
	r.hdr = (IpmiSdrHeader){.record_id = 8, .version = 0x51, .type = IPMI_SDR_TYPE_MC_LOCATOR};
	r.u.mc.slave_addr = 0x20;
	r.u.mc.caps = 0xBF;
	r.u.mc.entity_id = 0x2E;
	r.u.mc.entity_instance = 1;
	ipmi_sdr_id_set(&r.u.mc.id, "BMC");
	CHECK_STRICT(record_codec, mc, &r);

	/* Other types keep their body raw. */
	static const uint8_t oem[] = {0x09, 0x00, 0x51, 0xc0, 0x04, 0x57, 0x01, 0x00, 0xaa};
	memset(&r, 0, sizeof r);
	r.hdr = (IpmiSdrHeader){.record_id = 9, .version = 0x51, .type = 0xC0, .length = 4};
	r.body = oem + 5;
	CHECK_STRICT(record_codec, oem, &r);

	IpmiSdrId id;
	g_assert_cmpint(ipmi_sdr_id_set(&id, "0123456789abcdefg"), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_sdr_id_set(&id, "0123456789abcdef"), ==, 0);
	g_assert_cmpuint(id.len, ==, 16);
}

/* ---- Conversion ---------------------------------------------------------------------------- */

static double
to_value(const IpmiSensorFactors *f, uint8_t raw)
{
	double v = 0;
	g_assert_cmpint(ipmi_sensor_raw_to_value(f, raw, &v), ==, 0);
	return v;
}

static void
test_convert(void)
{
	/* y = (M x + B 10^Bexp) 10^Rexp */
	IpmiSensorFactors two = {.m = 2};
	g_assert_cmpfloat_with_epsilon(to_value(&two, 10), 20.0, 1e-9);
	IpmiSensorFactors volts = {.m = 6, .r_exp = -2};
	g_assert_cmpfloat_with_epsilon(to_value(&volts, 200), 12.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&volts, 0xFF), 15.3, 1e-9);
	/* 3.3V of the default BMC: M 16, B 20, Bexp 2, Rexp -3. */
	IpmiSensorFactors v33 = {.m = 16, .b = 20, .b_exp = 2, .r_exp = -3};
	g_assert_cmpfloat_with_epsilon(to_value(&v33, 81), 3.296, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&v33, 0), 2.0, 1e-9);
	IpmiSensorFactors rpm = {.m = 50};
	g_assert_cmpfloat_with_epsilon(to_value(&rpm, 108), 5400.0, 1e-9);
	/* Signed formats: -10 is F6h in 2's and F5h in 1's complement;
	 * FFh is -0 in 1's complement. */
	IpmiSensorFactors twos = {.m = 1, .analog_format = IPMI_ANALOG_TWOS};
	IpmiSensorFactors ones = {.m = 1, .analog_format = IPMI_ANALOG_ONES};
	g_assert_cmpfloat_with_epsilon(to_value(&twos, 0xF6), -10.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&twos, 0x80), -128.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&ones, 0xF5), -10.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&ones, 0xFF), 0.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(to_value(&ones, 0x80), -127.0, 1e-9);
	/* Negative M and B. */
	IpmiSensorFactors neg = {.m = -3, .b = -100, .b_exp = -1, .r_exp = 1};
	g_assert_cmpfloat_with_epsilon(to_value(&neg, 10), -400.0, 1e-9);

	/* The inverse gives back every raw value, in every format. */
	const IpmiSensorFactors all[] = {two, volts, v33, rpm, twos, ones, neg};
	for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
		int min, max;
		ipmi_sensor_raw_range(all[i].analog_format, &min, &max);
		for (int x = min; x <= max; x++) {
			uint8_t raw = ipmi_sensor_int_to_raw(all[i].analog_format, x), back = 0;
			g_assert_cmpint(ipmi_sensor_raw_to_int(all[i].analog_format, raw), ==, x);
			g_assert_cmpint(
			    ipmi_sensor_value_to_raw(&all[i], to_value(&all[i], raw), &back), ==,
			    0);
			g_assert_cmphex(back, ==, raw);
		}
	}
	/* Nearest step, and clamping at the ends. */
	uint8_t raw;
	g_assert_cmpint(ipmi_sensor_value_to_raw(&volts, 12.02, &raw), ==, 0);
	g_assert_cmpuint(raw, ==, 200);
	g_assert_cmpint(ipmi_sensor_value_to_raw(&volts, 12.04, &raw), ==, 0);
	g_assert_cmpuint(raw, ==, 201);
	g_assert_cmpint(ipmi_sensor_value_to_raw(&volts, 20.0, &raw), ==, 1);
	g_assert_cmpuint(raw, ==, 255);
	g_assert_cmpint(ipmi_sensor_value_to_raw(&volts, -1.0, &raw), ==, 1);
	g_assert_cmpuint(raw, ==, 0);
	g_assert_cmpint(ipmi_sensor_value_to_raw(&twos, -200.0, &raw), ==, 1);
	g_assert_cmphex(raw, ==, 0x80);
	g_assert_cmpint(ipmi_sensor_value_to_raw(&ones, -200.0, &raw), ==, 1);
	g_assert_cmphex(raw, ==, 0x80);
	/* What cannot be converted. */
	IpmiSensorFactors zero = {.m = 0};
	g_assert_cmpint(ipmi_sensor_value_to_raw(&zero, 1.0, &raw), ==, IPMI_ERR_INVALID_ARG);
	IpmiSensorFactors none = {.m = 1, .analog_format = IPMI_ANALOG_NONE};
	double v;
	g_assert_cmpint(ipmi_sensor_raw_to_value(&none, 1, &v), ==, IPMI_ERR_UNSUPPORTED);
	IpmiSensorFactors ln = {.m = 1, .linearization = 1};
	g_assert_cmpint(ipmi_sensor_raw_to_value(&ln, 1, &v), ==, IPMI_ERR_UNSUPPORTED);

	/* The record's factors. */
	IpmiSdrRecord r = record_12v();
	IpmiSensorFactors f;
	ipmi_sdr_full_factors(&r.u.full, &f);
	g_assert_cmpfloat_with_epsilon(to_value(&f, r.u.full.unc), 12.6, 1e-9);
}

static void
test_threshold_status(void)
{
	IpmiSdrRecord r = record_12v();
	const IpmiSdrFullSensor *f = &r.u.full;
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 200), ==, 0);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 210), ==, IPMI_THRESH_UNC);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 225), ==,
			IPMI_THRESH_UNC | IPMI_THRESH_UCR);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 255), ==,
			IPMI_THRESH_UNC | IPMI_THRESH_UCR | IPMI_THRESH_UNR);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 185), ==, IPMI_THRESH_LNC);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 0), ==,
			IPMI_THRESH_LNC | IPMI_THRESH_LCR | IPMI_THRESH_LNR);
	/* Only readable thresholds count. */
	r.u.full.s.reading_mask = IPMI_THRESH_UCR;
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 255), ==, IPMI_THRESH_UCR);
	g_assert_cmphex(ipmi_sensor_threshold_status(f, 0), ==, 0);
}

static void
test_names(void)
{
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_DEGREES_C), ==, "degrees C");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_VOLTS), ==, "Volts");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_AMPS), ==, "Amps");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_WATTS), ==, "Watts");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_RPM), ==, "RPM");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_CFM), ==, "CFM");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_MAX), ==, "grams");
	g_assert_cmpstr(ipmi_sensor_unit_name(IPMI_UNIT_MAX + 1), ==, "invalid");
	g_assert_cmpint(ipmi_sensor_unit_code("degrees C"), ==, IPMI_UNIT_DEGREES_C);
	g_assert_cmpint(ipmi_sensor_unit_code("degrees_c"), ==, IPMI_UNIT_DEGREES_C);
	g_assert_cmpint(ipmi_sensor_unit_code("volts"), ==, IPMI_UNIT_VOLTS);
	g_assert_cmpint(ipmi_sensor_unit_code("rpm"), ==, IPMI_UNIT_RPM);
	g_assert_cmpint(ipmi_sensor_unit_code("furlongs"), ==, IPMI_ERR_INVALID_ARG);
	g_assert_cmpint(ipmi_sensor_unit_code(""), ==, IPMI_ERR_INVALID_ARG);

	g_assert_cmpstr(ipmi_sensor_type_name(IPMI_SENSOR_TYPE_TEMPERATURE), ==, "Temperature");
	g_assert_cmpstr(ipmi_sensor_type_name(IPMI_SENSOR_TYPE_POWER_SUPPLY), ==, "Power Supply");
	g_assert_cmpstr(ipmi_sensor_type_name(IPMI_SENSOR_TYPE_MAX), ==, "FRU State");
	g_assert_cmpstr(ipmi_sensor_type_name(0xC0), ==, "OEM reserved");
	g_assert_cmpint(ipmi_sensor_type_code("power_supply"), ==, IPMI_SENSOR_TYPE_POWER_SUPPLY);
	g_assert_cmpint(ipmi_sensor_type_code("drive slot bay"), ==, 0x0D);
	g_assert_cmpint(ipmi_sensor_type_code("fan"), ==, IPMI_SENSOR_TYPE_FAN);
	g_assert_cmpint(ipmi_sensor_type_code("nonsense"), ==, IPMI_ERR_INVALID_ARG);
}

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
	g_test_add_func("/core/cmd/sdr/repo-info", test_sdr_repo_info);
	g_test_add_func("/core/cmd/sdr/alloc-reserve", test_sdr_alloc_reserve);
	g_test_add_func("/core/cmd/sdr/get-sdr", test_get_sdr);
	g_test_add_func("/core/cmd/sdr/device-sdr-info", test_device_sdr_info);
	g_test_add_func("/core/cmd/sdr/sensor-requests", test_sensor_requests);
	g_test_add_func("/core/cmd/sdr/sensor-reading", test_sensor_reading);
	g_test_add_func("/core/cmd/sdr/sensor-thresholds", test_sensor_thresholds);
	g_test_add_func("/core/cmd/sdr/sensor-events", test_sensor_events);
	g_test_add_func("/core/cmd/sdr/full-record", test_full_record);
	g_test_add_func("/core/cmd/sdr/record-errors", test_record_errors);
	g_test_add_func("/core/cmd/sdr/compact-record", test_compact_record);
	g_test_add_func("/core/cmd/sdr/locator-records", test_locator_records);
	g_test_add_func("/core/cmd/sdr/convert", test_convert);
	g_test_add_func("/core/cmd/sdr/threshold-status", test_threshold_status);
	g_test_add_func("/core/cmd/sdr/names", test_names);
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
