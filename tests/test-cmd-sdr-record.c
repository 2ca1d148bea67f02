/* test-cmd-sdr-record.c - SDR records, the linear conversion, threshold status and names
 * (cmd_sdr.h). */
#include <glib.h>
#include <string.h>

#include "codec-check.h"
#include "core/cmd_fru.h"
#include "core/cmd_sdr.h"
#include "core/cmd_sel.h"
#include "core/status.h"

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

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/cmd/sdr/full-record", test_full_record);
	g_test_add_func("/core/cmd/sdr/record-errors", test_record_errors);
	g_test_add_func("/core/cmd/sdr/compact-record", test_compact_record);
	g_test_add_func("/core/cmd/sdr/locator-records", test_locator_records);
	g_test_add_func("/core/cmd/sdr/convert", test_convert);
	g_test_add_func("/core/cmd/sdr/threshold-status", test_threshold_status);
	g_test_add_func("/core/cmd/sdr/names", test_names);
	return g_test_run();
}
