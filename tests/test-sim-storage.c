/* test-sim-storage.c - the simulator's storage (storage.c) and its sensor
 * and storage handlers (h_sensor.c, h_storage.c), without the daemon: the
 * requests go straight to the handler tables, the answers are decoded with
 * the core codecs a client uses.  Configuration: test-sim-config.c. */
#include "sim-storage-util.h"

/* ---- SDR -------------------------------------------------------------------------------- */

static void
test_sdr_walk(void)
{
	g_autoptr(Bmc) b = bmc_new();
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR_REPO_INFO, NULL, 0), ==, 0);
	IpmiSdrRepoInfo info;
	g_assert_cmpint(ipmi_sdr_repo_info_rsp_decode(b->rsp, b->rsp_len, &info), ==, 14);
	g_assert_cmphex(info.version, ==, 0x51);
	g_assert_cmphex(info.op_support & IPMI_SDR_OP_RESERVE, !=, 0);

	/* Several chunk sizes, like ipmitool shrinking its reads. */
	static const size_t chunks[] = {1, 7, 16, 30, 255};
	for (size_t c = 0; c < G_N_ELEMENTS(chunks); c++) {
		g_autoptr(GArray) recs = walk_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR,
						  IPMI_CMD_RESERVE_SDR_REPO, chunks[c]);
		g_assert_cmpuint(recs->len, ==, info.record_count);
		/* 7 sensors, the PS1 FRU locator, the BMC's MC locator */
		g_assert_cmpuint(recs->len, ==, 9);
		static const char *const full[] = {"CPU Temp", "Inlet Temp", "12V", "3.3V", "FAN1"};
		for (size_t i = 0; i < G_N_ELEMENTS(full); i++)
			g_assert_nonnull(find_record(recs, IPMI_SDR_TYPE_FULL, full[i]));
		g_assert_nonnull(find_record(recs, IPMI_SDR_TYPE_COMPACT, "PS1 Status"));
		g_assert_nonnull(find_record(recs, IPMI_SDR_TYPE_COMPACT, "Event Log"));
		const IpmiSdrRecord *fru = find_record(recs, IPMI_SDR_TYPE_FRU_LOCATOR, "PS1 FRU");
		g_assert_nonnull(fru);
		g_assert_cmpuint(fru->u.fru.fru_id, ==, 1);
		g_assert_true(fru->u.fru.logical);
		const IpmiSdrRecord *mc = find_record(recs, IPMI_SDR_TYPE_MC_LOCATOR, "BMC");
		g_assert_nonnull(mc);
		g_assert_cmphex(mc->u.mc.slave_addr, ==, 0x20);

		const IpmiSdrRecord *t = find_record(recs, IPMI_SDR_TYPE_FULL, "CPU Temp");
		g_assert_cmphex(t->u.full.s.owner_id, ==, 0x20);
		g_assert_cmpuint(t->u.full.s.base_unit, ==, IPMI_UNIT_DEGREES_C);
		g_assert_cmpuint(t->u.full.s.entity_id, ==, 3);
		g_assert_cmphex(t->u.full.s.reading_mask & IPMI_THRESH_ALL, ==,
				IPMI_THRESH_UNC | IPMI_THRESH_UCR | IPMI_THRESH_UNR);
		const IpmiSdrRecord *v = find_record(recs, IPMI_SDR_TYPE_FULL, "3.3V");
		IpmiSensorFactors f;
		ipmi_sdr_full_factors(&v->u.full, &f);
		double unc;
		g_assert_cmpint(ipmi_sensor_raw_to_value(&f, v->u.full.unc, &unc), ==, 0);
		g_assert_cmpfloat_with_epsilon(unc, 3.504, 1e-9);
	}
	/* The device SDRs are the same records. */
	g_autoptr(GArray) a =
	    walk_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, IPMI_CMD_RESERVE_SDR_REPO, 16);
	g_autoptr(GArray) d = walk_sdr(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR,
				       IPMI_CMD_RESERVE_DEVICE_SDR_REPO, 16);
	g_assert_cmpuint(a->len, ==, d->len);
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR_INFO, NULL, 0), ==, 0);
	IpmiGetDeviceSdrInfoRsp di;
	g_assert_cmpint(ipmi_get_device_sdr_info_rsp_decode(b->rsp, b->rsp_len, &di), ==, 2);
	g_assert_cmpuint(di.count, ==, 7);
	g_assert_cmphex(di.lun_mask, ==, 1);
	static const uint8_t sdrs[] = {0x01};
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR_INFO, sdrs, 1), ==, 0);
	g_assert_cmpuint(b->rsp[0], ==, 9);
}

static void
test_sdr_errors(void)
{
	g_autoptr(Bmc) b = bmc_new();
	IpmiGetSdrRsp r;
	uint16_t res = reserve(b, IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SDR_REPO);
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, res, 1, 5, 4, &r), ==,
			IPMI_CC_OK);
	/* A newer reservation cancels the old one for partial reads ... */
	uint16_t res2 = reserve(b, IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SDR_REPO);
	g_assert_cmphex(res2, !=, res);
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, res, 1, 5, 4, &r), ==,
			IPMI_CC_RESERVATION_CANCELLED);
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, res2, 1, 5, 4, &r), ==,
			IPMI_CC_OK);
	/* ... but offset 0 needs none. */
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, 0, 1, 0, 5, &r), ==,
			IPMI_CC_OK);
	g_assert_cmphex(r.next_id, ==, 2);
	/* Last record: FFFFh as ID; next FFFFh. */
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, 0, 0xFFFF, 0, 5, &r), ==,
			IPMI_CC_OK);
	g_assert_cmphex(r.next_id, ==, 0xFFFF);
	g_assert_cmphex(ipmi_get_u16le(r.data), ==, 9);
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, 0, 10, 0, 5, &r), ==,
			IPMI_CC_NOT_PRESENT);
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, res2, 1, 200, 1, &r), ==,
			IPMI_CC_PARAMETER_OUT_OF_RANGE);
	static const uint8_t short_req[] = {0, 0, 1, 0, 0};
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, short_req, 5), ==,
			IPMI_CC_REQUEST_LENGTH_INVALID);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR_REPO_INFO, short_req, 1), ==,
			IPMI_CC_REQUEST_LENGTH_INVALID);
	/* Allocation info adds up. */
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR_REPO_ALLOC_INFO, NULL, 0), ==,
			0);
	IpmiAllocInfo a;
	g_assert_cmpint(ipmi_alloc_info_rsp_decode(b->rsp, b->rsp_len, &a), ==, 9);
	g_assert_cmpuint(a.free_units, <, a.units);
	/* An empty storage has no records at all. */
	BmcStorage *empty = bmc_storage_new();
	BmcStorage *keep = b->model.storage;
	b->model.storage = empty;
	g_assert_cmphex(get_sdr(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR, 0, 0, 0, 5, &r), ==,
			IPMI_CC_NOT_PRESENT);
	b->model.storage = keep;
	bmc_storage_free(empty);
}

/* ---- Sensors ----------------------------------------------------------------------------- */

static void
test_readings(void)
{
	g_autoptr(Bmc) b = bmc_new();
	BmcStorage *s = b->model.storage;
	static const char *const names[] = {"CPU Temp", "Inlet Temp", "12V", "3.3V", "FAN1"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		const BmcSensor *x = bmc_storage_sensor_named(s, names[i]);
		g_assert_nonnull(x);
		const IpmiSdrFullSensor *f = &bmc_sensor_record(x)->u.full;
		IpmiSensorFactors fac;
		ipmi_sdr_full_factors(f, &fac);
		double step = (f->m < 0 ? -f->m : f->m);
		for (int e = f->r_exp; e < 0; e++)
			step /= 10;
		for (int e = f->r_exp; e > 0; e--)
			step *= 10;
		double lo = 1e9, hi = -1e9;
		/* Every 7 s over ten minutes: the reading converts back to the
		 * modelled value within one raw step. */
		for (int k = 0; k < 90; k++) {
			b->now_us = NOW_US + (gint64)k * 7 * G_USEC_PER_SEC;
			uint8_t num = f->s.number;
			g_assert_cmphex(
			    call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING, &num, 1), ==,
			    IPMI_CC_OK);
			IpmiSensorReading r;
			g_assert_cmpint(ipmi_sensor_reading_rsp_decode(b->rsp, b->rsp_len, &r), ==,
					(int)b->rsp_len);
			g_assert_true(r.scanning_enabled);
			g_assert_true(r.events_enabled);
			g_assert_false(r.unavailable);
			double v, model = bmc_sensor_value(x, b->now_us);
			g_assert_cmpint(ipmi_sensor_raw_to_value(&fac, r.raw, &v), ==, 0);
			g_assert_cmpfloat(v - model, <=, step);
			g_assert_cmpfloat(model - v, <=, step);
			g_assert_cmpuint(r.state_len, >=, 1);
			g_assert_cmphex(r.state[0] & 0x3F, ==,
					ipmi_sensor_threshold_status(f, r.raw));
			lo = MIN(lo, v);
			hi = MAX(hi, v);
		}
		/* The default readings sit between the non-critical thresholds. */
		double lnc = -1e9, unc = 1e9;
		if (f->s.reading_mask & IPMI_THRESH_LNC)
			ipmi_sensor_raw_to_value(&fac, f->lnc, &lnc);
		if (f->s.reading_mask & IPMI_THRESH_UNC)
			ipmi_sensor_raw_to_value(&fac, f->unc, &unc);
		g_assert_cmpfloat(lo, >, lnc);
		g_assert_cmpfloat(hi, <, unc);
		/* A modelled sensor moves; the 3.3V ramp moves slowly. */
		if (strcmp(names[i], "3.3V"))
			g_assert_cmpfloat(hi, >, lo);
	}
	/* The same moment gives the same answer (another copy, too). */
	b->now_us = NOW_US;
	BmcStorage *copy = bmc_storage_copy(s);
	const BmcSensor *a = bmc_storage_sensor_named(s, "FAN1");
	const BmcSensor *c = bmc_storage_sensor_named(copy, "FAN1");
	g_assert_cmpfloat(bmc_sensor_value(a, NOW_US), ==, bmc_sensor_value(c, NOW_US));
	bmc_storage_free(copy);

	/* PS1 Status: discrete, presence detected (bit 0), bit 15 reserved 1b. */
	uint8_t num = 0x30;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING, &num, 1), ==, 0);
	IpmiSensorReading r;
	g_assert_cmpint(ipmi_sensor_reading_rsp_decode(b->rsp, b->rsp_len, &r), ==, 4);
	g_assert_cmphex(r.state[0], ==, 0x01);
	g_assert_cmphex(r.state[1], ==, 0x80);
	num = 0x99;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING, &num, 1), ==,
			IPMI_CC_NOT_PRESENT);
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING, NULL, 0), ==,
			IPMI_CC_REQUEST_LENGTH_INVALID);
}

static void
test_thresholds(void)
{
	g_autoptr(Bmc) b = bmc_new();
	uint8_t num = 0x10; /* 12V */
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_THRESHOLDS, &num, 1), ==, 0);
	IpmiSensorThresholds t;
	g_assert_cmpint(ipmi_sensor_thresholds_rsp_decode(b->rsp, b->rsp_len, &t), ==, 7);
	g_assert_cmphex(t.readable, ==, IPMI_THRESH_ALL);
	g_assert_cmpuint(t.lnr, ==, 170);
	g_assert_cmpuint(t.lcr, ==, 180);
	g_assert_cmpuint(t.lnc, ==, 190);
	g_assert_cmpuint(t.unc, ==, 210);
	g_assert_cmpuint(t.ucr, ==, 220);
	g_assert_cmpuint(t.unr, ==, 230);
	uint8_t hreq[2] = {0x10, 0xFF};
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_HYSTERESIS, hreq, 2), ==, 0);
	IpmiSensorHysteresis h;
	g_assert_cmpint(ipmi_sensor_hysteresis_rsp_decode(b->rsp, b->rsp_len, &h), ==, 2);
	g_assert_cmpuint(h.positive, ==, 2);
	g_assert_cmpuint(h.negative, ==, 2);
	/* Inlet Temp, 2's complement: lnr -5 is FBh. */
	num = 0x02;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_THRESHOLDS, &num, 1), ==, 0);
	g_assert_cmpint(ipmi_sensor_thresholds_rsp_decode(b->rsp, b->rsp_len, &t), ==, 7);
	g_assert_cmphex(t.lnr, ==, 0xFB);
	/* Discrete sensors have none. */
	num = 0x30;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_THRESHOLDS, &num, 1), ==,
			IPMI_CC_ILLEGAL_COMMAND);
	/* Event enable and status. */
	num = 0x01;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_EVENT_ENABLE, &num, 1), ==,
			0);
	IpmiSensorEvents e;
	g_assert_cmpint(ipmi_sensor_event_enable_rsp_decode(b->rsp, b->rsp_len, &e), ==, 5);
	g_assert_cmphex(e.assertion, ==, 1u << 7 | 1u << 9 | 1u << 11);
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_EVENT_STATUS, &num, 1), ==,
			0);
	g_assert_cmpint(ipmi_sensor_event_status_rsp_decode(b->rsp, b->rsp_len, &e), ==, 5);
	g_assert_cmphex(e.assertion, ==, 0);
	num = 0x30;
	g_assert_cmphex(call(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_EVENT_STATUS, &num, 1), ==,
			0);
	g_assert_cmpint(ipmi_sensor_event_status_rsp_decode(b->rsp, b->rsp_len, &e), ==, 5);
	g_assert_cmphex(e.assertion, ==, 0x0001);
}

/* ---- SEL --------------------------------------------------------------------------------- */

static guint
walk_sel(Bmc *b, IpmiSelRecord *out, guint max)
{
	uint16_t id = IPMI_SEL_RECORD_ID_FIRST;
	guint n = 0;
	while (id != IPMI_SEL_RECORD_ID_LAST) {
		/* ipmitool: no reservation, offset 0, FFh bytes */
		uint8_t req[6];
		IpmiGetSelEntryReq q = {0, id, 0, 0xFF};
		ipmi_get_sel_entry_req_encode(req, sizeof req, &q);
		g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY, req, 6), ==, 0);
		IpmiGetSelEntryRsp r;
		g_assert_cmpint(ipmi_get_sel_entry_rsp_decode(b->rsp, b->rsp_len, &r), ==, 18);
		g_assert_cmpuint(n, <, max);
		g_assert_cmpint(ipmi_sel_record_decode(r.data, r.data_len, &out[n]), ==, 16);
		g_assert_cmphex(r.next_id, !=, 0x0000); /* ipmitool stops on 0000h */
		n++;
		id = r.next_id;
	}
	return n;
}

static uint8_t
clear(Bmc *b, uint16_t res, const char *clr, uint8_t action)
{
	uint8_t req[6] = {(uint8_t)res, (uint8_t)(res >> 8), clr[0], clr[1], clr[2], action};
	return call(b, IPMI_NETFN_STORAGE, IPMI_CMD_CLEAR_SEL, req, sizeof req);
}

static void
test_sel(void)
{
	g_autoptr(Bmc) b = bmc_new();
	IpmiSelInfo info = sel_info(b);
	g_assert_cmpuint(info.entries, ==, 3);
	g_assert_cmpuint(info.free_space, ==, (512 - 3) * 16);
	g_assert_cmphex(info.addition_ts, ==, 1710410000);
	g_assert_cmphex(info.erase_ts, ==, IPMI_TIMESTAMP_UNSPECIFIED);
	IpmiSelRecord e[8];
	g_assert_cmpuint(walk_sel(b, e, 8), ==, 3);
	g_assert_cmphex(e[0].record_id, ==, 1);
	g_assert_cmphex(e[0].sensor_type, ==, IPMI_SENSOR_TYPE_EVENT_LOGGING);
	g_assert_cmphex(e[0].sensor_number, ==, 0x70);
	g_assert_cmphex(e[0].data[0], ==, 0x02);
	g_assert_cmphex(e[1].sensor_number, ==, 0x30);
	g_assert_cmphex(e[1].event_type, ==, IPMI_EVENT_TYPE_SENSOR_SPECIFIC);
	/* CPU Temp upper non-critical going high: reading 82 over 80. */
	g_assert_cmphex(e[2].timestamp, ==, 1710410000);
	g_assert_cmphex(e[2].generator_id, ==, 0x0020);
	g_assert_cmphex(e[2].sensor_number, ==, 0x01);
	g_assert_cmphex(e[2].event_type, ==, IPMI_EVENT_TYPE_THRESHOLD);
	g_assert_cmpmem(e[2].data, 3, ((uint8_t[]){0x57, 82, 80}), 3);

	/* Partial read: needs the reservation. */
	uint16_t res = reserve(b, IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SEL);
	uint8_t req[6];
	IpmiGetSelEntryReq q = {(uint16_t)(res + 1), 3, 10, 6};
	ipmi_get_sel_entry_req_encode(req, sizeof req, &q);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY, req, 6), ==,
			IPMI_CC_RESERVATION_CANCELLED);
	q.reservation = res;
	ipmi_get_sel_entry_req_encode(req, sizeof req, &q);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY, req, 6), ==, 0);
	g_assert_cmpuint(b->rsp_len, ==, 8);
	g_assert_cmpmem(b->rsp + 5, 3, ((uint8_t[]){0x57, 82, 80}), 3);

	/* Clear with a wrong reservation: C5h, nothing erased. */
	g_assert_cmphex(clear(b, (uint16_t)(res + 1), "CLR", 0xAA), ==,
			IPMI_CC_RESERVATION_CANCELLED);
	g_assert_cmphex(clear(b, res, "CLX", 0xAA), ==, IPMI_CC_INVALID_DATA_FIELD);
	g_assert_cmpuint(sel_info(b).entries, ==, 3);
	/* Status query, then the erase: completes at once and logs it. */
	g_assert_cmphex(clear(b, res, "CLR", 0x00), ==, 0);
	g_assert_cmphex(b->rsp[0], ==, IPMI_SEL_ERASE_COMPLETED);
	g_assert_cmpuint(sel_info(b).entries, ==, 3);
	b->now_us += 10 * G_USEC_PER_SEC;
	g_assert_cmphex(clear(b, res, "CLR", 0xAA), ==, 0);
	g_assert_cmphex(b->rsp[0], ==, IPMI_SEL_ERASE_COMPLETED);
	info = sel_info(b);
	g_assert_cmpuint(info.entries, ==, 1);
	g_assert_cmphex(info.erase_ts, ==, (uint32_t)(b->now_us / G_USEC_PER_SEC));
	g_assert_cmpuint(walk_sel(b, e, 8), ==, 1);
	g_assert_cmphex(e[0].record_id, ==, 1);
	g_assert_cmphex(e[0].sensor_number, ==, 0x70);
	g_assert_cmphex(e[0].timestamp, ==, (uint32_t)(b->now_us / G_USEC_PER_SEC));
	/* The erase used up the reservation. */
	g_assert_cmphex(clear(b, res, "CLR", 0xAA), ==, IPMI_CC_RESERVATION_CANCELLED);

	/* Add (the BMC stamps it), then delete it. */
	IpmiSelRecord add = {.type = 0x02,
			     .generator_id = 0x41,
			     .evm_rev = 4,
			     .sensor_type = IPMI_SENSOR_TYPE_POWER_SUPPLY,
			     .sensor_number = 0x30,
			     .event_type = 0x6F,
			     .data = {0x01, 0xFF, 0xFF}};
	uint8_t rec[16];
	ipmi_sel_record_encode(rec, sizeof rec, &add);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY, rec, 16), ==, 0);
	IpmiSelRecordIdRsp id;
	g_assert_cmpint(ipmi_sel_record_id_rsp_decode(b->rsp, b->rsp_len, &id), ==, 2);
	g_assert_cmphex(id.record_id, ==, 2);
	g_assert_cmpuint(walk_sel(b, e, 8), ==, 2);
	g_assert_cmphex(e[1].timestamp, ==, (uint32_t)(b->now_us / G_USEC_PER_SEC));
	res = reserve(b, IPMI_NETFN_STORAGE, IPMI_CMD_RESERVE_SEL);
	uint8_t del[4] = {(uint8_t)res, (uint8_t)(res >> 8), 0x02, 0x00};
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_DELETE_SEL_ENTRY, del, 4), ==, 0);
	g_assert_cmpuint(sel_info(b).entries, ==, 1);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_DELETE_SEL_ENTRY, del, 4), ==,
			IPMI_CC_RESERVATION_CANCELLED);

	/* SEL time follows Set SEL Time. */
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_TIME, NULL, 0), ==, 0);
	IpmiSelTime t;
	g_assert_cmpint(ipmi_sel_time_decode(b->rsp, b->rsp_len, &t), ==, 4);
	g_assert_cmphex(t.time, ==, (uint32_t)(b->now_us / G_USEC_PER_SEC));
	uint8_t set[4];
	ipmi_sel_time_encode(set, 4, &(IpmiSelTime){1600000000});
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_SET_SEL_TIME, set, 4), ==, 0);
	b->now_us += 5 * G_USEC_PER_SEC;
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_TIME, NULL, 0), ==, 0);
	g_assert_cmpint(ipmi_sel_time_decode(b->rsp, b->rsp_len, &t), ==, 4);
	g_assert_cmphex(t.time, ==, 1600000005);

	/* Who may do what. */
	g_assert_cmpuint(handler(IPMI_NETFN_STORAGE, IPMI_CMD_CLEAR_SEL)->min_priv, ==,
			 IPMI_PRIV_OPERATOR);
	g_assert_cmpuint(handler(IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY)->min_priv, ==,
			 IPMI_PRIV_OPERATOR);
	g_assert_cmpuint(handler(IPMI_NETFN_STORAGE, IPMI_CMD_GET_SEL_ENTRY)->min_priv, ==,
			 IPMI_PRIV_USER);
	g_assert_cmpuint(handler(IPMI_NETFN_STORAGE, IPMI_CMD_GET_SDR)->min_priv, ==,
			 IPMI_PRIV_USER);
	g_assert_cmpuint(handler(IPMI_NETFN_SENSOR, IPMI_CMD_GET_SENSOR_READING)->min_priv, ==,
			 IPMI_PRIV_USER);
}

static void
test_sel_copy(void)
{
	/* Endpoints copy the template: clearing one copy leaves the other. */
	g_autoptr(Bmc) b = bmc_new();
	BmcStorage *copy = bmc_storage_copy(b->model.storage);
	bmc_storage_sel_clear(copy, NOW_US);
	g_assert_cmpuint(bmc_storage_sel_count(copy), ==, 1);
	g_assert_cmpuint(bmc_storage_sel_count(b->model.storage), ==, 3);
	bmc_storage_free(copy);
}

/* ---- FRU --------------------------------------------------------------------------------- */

static void
test_fru(void)
{
	g_autoptr(Bmc) b = bmc_new();
	g_autoptr(GByteArray) img = read_fru(b, 0, 16);
	g_autoptr(GByteArray) img2 = read_fru(b, 0, 23);
	g_assert_cmpmem(img->data, img->len, img2->data, img2->len);
	g_assert_cmpuint(img->len % 256, ==, 0);
	g_autofree IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	g_assert_cmpint(ipmi_fru_image_decode(img->data, img->len, inv), ==, (int)img->len);
	g_assert_true(inv->has_chassis && inv->has_board && inv->has_product);
	g_assert_cmphex(inv->chassis.type, ==, 0x17);
	assert_field(&inv->chassis.part, "EX-CH-1U-500");
	assert_field(&inv->chassis.serial, "EXC2345A0042");
	assert_field(&inv->board.mfg, "Example Computing Inc.");
	assert_field(&inv->board.product, "EX-2240 Mainboard");
	assert_field(&inv->board.serial, "EXB23450117");
	assert_field(&inv->board.part, "EX-MB-2240-A02");
	g_assert_cmpuint(inv->board.mfg_minutes, ==, 14435070); /* 2023-06-12 08:30 UTC */
	assert_field(&inv->product.mfg, "Example Computing Inc.");
	assert_field(&inv->product.name, "ExampleServer 2240");
	assert_field(&inv->product.part, "EX2240-1U-S");
	assert_field(&inv->product.version, "A02");
	assert_field(&inv->product.serial, "EXS2345K0117");
	assert_field(&inv->product.asset, "ASSET-000117");

	g_autoptr(GByteArray) ps = read_fru(b, 1, 16);
	g_assert_cmpint(ipmi_fru_image_decode(ps->data, ps->len, inv), ==, (int)ps->len);
	g_assert_false(inv->has_chassis || inv->has_board);
	assert_field(&inv->product.name, "EXP-550W PSU");

	/* Reads past the end are cut short; past the size, refused. */
	uint8_t req[4] = {0, 0xF8, 0x00, 0x10};
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, req, 4), ==, 0);
	g_assert_cmpuint(b->rsp[0], ==, 8);
	req[2] = 0x01;
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, req, 4), ==,
			IPMI_CC_PARAMETER_OUT_OF_RANGE);
	uint8_t two = 2;
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_GET_FRU_INFO, &two, 1), ==,
			IPMI_CC_NOT_PRESENT);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_READ_FRU_DATA, req, 3), ==,
			IPMI_CC_REQUEST_LENGTH_INVALID);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/sim/storage/sdr-walk", test_sdr_walk);
	g_test_add_func("/sim/storage/sdr-errors", test_sdr_errors);
	g_test_add_func("/sim/storage/readings", test_readings);
	g_test_add_func("/sim/storage/thresholds", test_thresholds);
	g_test_add_func("/sim/storage/sel", test_sel);
	g_test_add_func("/sim/storage/sel-copy", test_sel_copy);
	g_test_add_func("/sim/storage/fru", test_fru);
	return g_test_run();
}
