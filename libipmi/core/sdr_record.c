/* sdr_record.c - SDR records: header, full and compact sensors, FRU and
 * management controller device locators, others kept raw, see cmd_sdr.h. */
#include <string.h>

#include "buf.h"
#include "cmd_sdr.h"
#include "status.h"

/* ---- SDR records --------------------------------------------------------------- */

#define FULL_FIXED 43 /* body bytes before the ID string */
#define COMPACT_FIXED 27
#define LOCATOR_FIXED 11

int
ipmi_sdr_id_set(IpmiSdrId *id, const char *s)
{
	size_t n = strlen(s);
	if (n > IPMI_SDR_ID_MAX)
		return IPMI_ERR_INVALID_ARG;
	memset(id, 0, sizeof *id);
	id->type = IPMI_SDR_ID_TYPE_ASCII8;
	id->len = (uint8_t)n;
	memcpy(id->data, s, n);
	return 0;
}

/* The type/length byte and the string; the body reader shadows the
 * record's end, so the string cannot reach past it. */
static void
read_id(IpmiReader *r, IpmiSdrId *id)
{
	uint8_t tl = ipmi_rd_u8(r);
	memset(id, 0, sizeof *id);
	id->type = tl >> 6;
	id->len = tl & 0x1F;
	if (id->len > IPMI_SDR_ID_MAX) {
		if (!r->err)
			r->err = IPMI_ERR_FORMAT;
		id->len = 0;
		return;
	}
	const uint8_t *p = ipmi_rd_bytes(r, id->len);
	if (!p) {
		if (r->err == IPMI_ERR_TRUNCATED)
			r->err = IPMI_ERR_LENGTH;
		id->len = 0;
		return;
	}
	memcpy(id->data, p, id->len);
}

static int
check_id(const IpmiSdrId *id)
{
	return id->len > IPMI_SDR_ID_MAX || id->type > 3 ? IPMI_ERR_INVALID_ARG : 0;
}

static void
write_id(IpmiWriter *w, const IpmiSdrId *id)
{
	ipmi_wr_u8(w, (uint8_t)(id->type << 6 | id->len));
	ipmi_wr_bytes(w, id->data, id->len);
}

/* Sign-extend the low `bits` bits of v. */
static int
sext(unsigned v, unsigned bits)
{
	unsigned m = 1u << (bits - 1);
	v &= (1u << bits) - 1;
	return (int)(v ^ m) - (int)m;
}

/* Body bytes 6..23 (key, entity, init, caps, type, masks, units), common
 * to full and compact records. */
static void
read_sensor_head(IpmiReader *r, IpmiSdrSensor *s)
{
	s->owner_id = ipmi_rd_u8(r);
	uint8_t lun = ipmi_rd_u8(r);
	s->channel = lun >> 4;
	s->owner_lun = lun & 0x03;
	s->number = ipmi_rd_u8(r);
	s->entity_id = ipmi_rd_u8(r);
	s->entity_instance = ipmi_rd_u8(r);
	s->init = ipmi_rd_u8(r);
	s->caps = ipmi_rd_u8(r);
	s->sensor_type = ipmi_rd_u8(r);
	s->event_type = ipmi_rd_u8(r);
	s->assert_mask = ipmi_rd_u16le(r) & 0x7FFF;
	s->deassert_mask = ipmi_rd_u16le(r) & 0x7FFF;
	s->reading_mask = ipmi_rd_u16le(r);
	uint8_t u1 = ipmi_rd_u8(r);
	s->analog_format = u1 >> 6;
	s->rate_unit = (u1 >> 3) & 0x07;
	s->modifier_rel = (u1 >> 1) & 0x03;
	s->percentage = (u1 & 0x01) != 0;
	s->base_unit = ipmi_rd_u8(r);
	s->modifier_unit = ipmi_rd_u8(r);
}

static int
check_sensor_head(const IpmiSdrSensor *s)
{
	if (s->channel > 0x0F || s->owner_lun > 3 || s->analog_format > 3 || s->rate_unit > 7 ||
	    s->modifier_rel > 3 || (s->assert_mask | s->deassert_mask) & 0x8000)
		return IPMI_ERR_INVALID_ARG;
	return check_id(&s->id);
}

static void
write_sensor_head(IpmiWriter *w, const IpmiSdrSensor *s)
{
	ipmi_wr_u8(w, s->owner_id);
	ipmi_wr_u8(w, (uint8_t)(s->channel << 4 | s->owner_lun));
	ipmi_wr_u8(w, s->number);
	ipmi_wr_u8(w, s->entity_id);
	ipmi_wr_u8(w, s->entity_instance);
	ipmi_wr_u8(w, s->init);
	ipmi_wr_u8(w, s->caps);
	ipmi_wr_u8(w, s->sensor_type);
	ipmi_wr_u8(w, s->event_type);
	ipmi_wr_u16le(w, s->assert_mask);
	ipmi_wr_u16le(w, s->deassert_mask);
	ipmi_wr_u16le(w, s->reading_mask);
	ipmi_wr_u8(w, (uint8_t)(s->analog_format << 6 | s->rate_unit << 3 | s->modifier_rel << 1 |
				(s->percentage ? 1 : 0)));
	ipmi_wr_u8(w, s->base_unit);
	ipmi_wr_u8(w, s->modifier_unit);
}

static void
read_full(IpmiReader *r, IpmiSdrFullSensor *f)
{
	read_sensor_head(r, &f->s);
	f->linearization = ipmi_rd_u8(r) & 0x7F;
	uint8_t m_lo = ipmi_rd_u8(r);
	uint8_t m_hi = ipmi_rd_u8(r);
	uint8_t b_lo = ipmi_rd_u8(r);
	uint8_t b_hi = ipmi_rd_u8(r);
	uint8_t acc = ipmi_rd_u8(r);
	uint8_t exps = ipmi_rd_u8(r);
	f->m = (int16_t)sext((unsigned)(m_hi >> 6) << 8 | m_lo, 10);
	f->tolerance = m_hi & 0x3F;
	f->b = (int16_t)sext((unsigned)(b_hi >> 6) << 8 | b_lo, 10);
	f->accuracy = (uint16_t)((acc >> 4) << 6 | (b_hi & 0x3F));
	f->accuracy_exp = (acc >> 2) & 0x03;
	f->direction = acc & 0x03;
	f->r_exp = (int8_t)sext(exps >> 4, 4);
	f->b_exp = (int8_t)sext(exps & 0x0F, 4);
	f->analog_flags = ipmi_rd_u8(r) & 0x07;
	f->nominal = ipmi_rd_u8(r);
	f->normal_max = ipmi_rd_u8(r);
	f->normal_min = ipmi_rd_u8(r);
	f->sensor_max = ipmi_rd_u8(r);
	f->sensor_min = ipmi_rd_u8(r);
	f->unr = ipmi_rd_u8(r);
	f->ucr = ipmi_rd_u8(r);
	f->unc = ipmi_rd_u8(r);
	f->lnr = ipmi_rd_u8(r);
	f->lcr = ipmi_rd_u8(r);
	f->lnc = ipmi_rd_u8(r);
	f->s.pos_hysteresis = ipmi_rd_u8(r);
	f->s.neg_hysteresis = ipmi_rd_u8(r);
	(void)ipmi_rd_u16le(r); /* reserved */
	f->s.oem = ipmi_rd_u8(r);
	read_id(r, &f->s.id);
}

static int
write_full(IpmiWriter *w, const IpmiSdrFullSensor *f)
{
	int rc = check_sensor_head(&f->s);
	if (rc < 0)
		return rc;
	if (f->linearization > 0x7F || f->m < -512 || f->m > 511 || f->b < -512 || f->b > 511 ||
	    f->tolerance > 0x3F || f->accuracy > 0x3FF || f->accuracy_exp > 3 || f->direction > 3 ||
	    f->r_exp < -8 || f->r_exp > 7 || f->b_exp < -8 || f->b_exp > 7 ||
	    f->analog_flags > 0x07)
		return IPMI_ERR_INVALID_ARG;
	unsigned m = (unsigned)f->m & 0x3FF, b = (unsigned)f->b & 0x3FF;
	write_sensor_head(w, &f->s);
	ipmi_wr_u8(w, f->linearization);
	ipmi_wr_u8(w, (uint8_t)m);
	ipmi_wr_u8(w, (uint8_t)((m >> 8) << 6 | f->tolerance));
	ipmi_wr_u8(w, (uint8_t)b);
	ipmi_wr_u8(w, (uint8_t)((b >> 8) << 6 | (f->accuracy & 0x3F)));
	ipmi_wr_u8(w, (uint8_t)((f->accuracy >> 6) << 4 | f->accuracy_exp << 2 | f->direction));
	ipmi_wr_u8(w, (uint8_t)(((unsigned)f->r_exp & 0x0F) << 4 | ((unsigned)f->b_exp & 0x0F)));
	ipmi_wr_u8(w, f->analog_flags);
	ipmi_wr_u8(w, f->nominal);
	ipmi_wr_u8(w, f->normal_max);
	ipmi_wr_u8(w, f->normal_min);
	ipmi_wr_u8(w, f->sensor_max);
	ipmi_wr_u8(w, f->sensor_min);
	ipmi_wr_u8(w, f->unr);
	ipmi_wr_u8(w, f->ucr);
	ipmi_wr_u8(w, f->unc);
	ipmi_wr_u8(w, f->lnr);
	ipmi_wr_u8(w, f->lcr);
	ipmi_wr_u8(w, f->lnc);
	ipmi_wr_u8(w, f->s.pos_hysteresis);
	ipmi_wr_u8(w, f->s.neg_hysteresis);
	ipmi_wr_u16le(w, 0);
	ipmi_wr_u8(w, f->s.oem);
	write_id(w, &f->s.id);
	return 0;
}

static void
read_compact(IpmiReader *r, IpmiSdrCompactSensor *c)
{
	read_sensor_head(r, &c->s);
	uint8_t s1 = ipmi_rd_u8(r);
	uint8_t s2 = ipmi_rd_u8(r);
	c->direction = s1 >> 6;
	c->id_mod_type = (s1 >> 4) & 0x03;
	c->share_count = s1 & 0x0F;
	c->entity_increment = (s2 & 0x80) != 0;
	c->id_mod_offset = s2 & 0x7F;
	c->s.pos_hysteresis = ipmi_rd_u8(r);
	c->s.neg_hysteresis = ipmi_rd_u8(r);
	(void)ipmi_rd_u24le(r); /* reserved */
	c->s.oem = ipmi_rd_u8(r);
	read_id(r, &c->s.id);
}

static int
write_compact(IpmiWriter *w, const IpmiSdrCompactSensor *c)
{
	int rc = check_sensor_head(&c->s);
	if (rc < 0)
		return rc;
	if (c->direction > 3 || c->id_mod_type > 3 || c->share_count > 0x0F ||
	    c->id_mod_offset > 0x7F)
		return IPMI_ERR_INVALID_ARG;
	write_sensor_head(w, &c->s);
	ipmi_wr_u8(w, (uint8_t)(c->direction << 6 | c->id_mod_type << 4 | c->share_count));
	ipmi_wr_u8(w, (uint8_t)((c->entity_increment ? 0x80 : 0) | c->id_mod_offset));
	ipmi_wr_u8(w, c->s.pos_hysteresis);
	ipmi_wr_u8(w, c->s.neg_hysteresis);
	ipmi_wr_u24le(w, 0);
	ipmi_wr_u8(w, c->s.oem);
	write_id(w, &c->s.id);
	return 0;
}

static void
read_fru_locator(IpmiReader *r, IpmiSdrFruLocator *f)
{
	f->access_addr = ipmi_rd_u8(r) & 0xFE;
	f->fru_id = ipmi_rd_u8(r);
	uint8_t b = ipmi_rd_u8(r);
	f->logical = (b & 0x80) != 0;
	f->access_lun = (b >> 3) & 0x03;
	f->private_bus = b & 0x07;
	f->channel = ipmi_rd_u8(r) >> 4;
	(void)ipmi_rd_u8(r); /* reserved */
	f->device_type = ipmi_rd_u8(r);
	f->device_type_modifier = ipmi_rd_u8(r);
	f->entity_id = ipmi_rd_u8(r);
	f->entity_instance = ipmi_rd_u8(r);
	f->oem = ipmi_rd_u8(r);
	read_id(r, &f->id);
}

static int
write_fru_locator(IpmiWriter *w, const IpmiSdrFruLocator *f)
{
	if ((f->access_addr & 1) || f->access_lun > 3 || f->private_bus > 7 || f->channel > 0x0F ||
	    check_id(&f->id) < 0)
		return IPMI_ERR_INVALID_ARG;
	ipmi_wr_u8(w, f->access_addr);
	ipmi_wr_u8(w, f->fru_id);
	ipmi_wr_u8(w, (uint8_t)((f->logical ? 0x80 : 0) | f->access_lun << 3 | f->private_bus));
	ipmi_wr_u8(w, (uint8_t)(f->channel << 4));
	ipmi_wr_u8(w, 0);
	ipmi_wr_u8(w, f->device_type);
	ipmi_wr_u8(w, f->device_type_modifier);
	ipmi_wr_u8(w, f->entity_id);
	ipmi_wr_u8(w, f->entity_instance);
	ipmi_wr_u8(w, f->oem);
	write_id(w, &f->id);
	return 0;
}

static void
read_mc_locator(IpmiReader *r, IpmiSdrMcLocator *m)
{
	m->slave_addr = ipmi_rd_u8(r) & 0xFE;
	m->channel = ipmi_rd_u8(r) & 0x0F;
	m->power_state = ipmi_rd_u8(r);
	m->caps = ipmi_rd_u8(r);
	(void)ipmi_rd_u24le(r); /* reserved */
	m->entity_id = ipmi_rd_u8(r);
	m->entity_instance = ipmi_rd_u8(r);
	m->oem = ipmi_rd_u8(r);
	read_id(r, &m->id);
}

static int
write_mc_locator(IpmiWriter *w, const IpmiSdrMcLocator *m)
{
	if ((m->slave_addr & 1) || m->channel > 0x0F || check_id(&m->id) < 0)
		return IPMI_ERR_INVALID_ARG;
	ipmi_wr_u8(w, m->slave_addr);
	ipmi_wr_u8(w, m->channel);
	ipmi_wr_u8(w, m->power_state);
	ipmi_wr_u8(w, m->caps);
	ipmi_wr_u24le(w, 0);
	ipmi_wr_u8(w, m->entity_id);
	ipmi_wr_u8(w, m->entity_instance);
	ipmi_wr_u8(w, m->oem);
	write_id(w, &m->id);
	return 0;
}

int
ipmi_sdr_header_decode(const uint8_t *buf, size_t len, IpmiSdrHeader *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiSdrHeader h;
	h.record_id = ipmi_rd_u16le(&r);
	h.version = ipmi_rd_u8(&r);
	h.type = ipmi_rd_u8(&r);
	h.length = ipmi_rd_u8(&r);
	int rc = ipmi_rd_status(&r);
	if (rc < 0)
		return rc;
	if (h.version != IPMI_SDR_VERSION && h.version != 0x01 && h.version != 0x02)
		return IPMI_ERR_FORMAT;
	*out = h;
	return IPMI_SDR_HEADER_LEN;
}

int
ipmi_sdr_record_decode(const uint8_t *buf, size_t len, IpmiSdrRecord *out)
{
	IpmiSdrRecord rec;
	memset(&rec, 0, sizeof rec);
	int rc = ipmi_sdr_header_decode(buf, len, &rec.hdr);
	if (rc < 0)
		return rc;
	if (len - IPMI_SDR_HEADER_LEN < rec.hdr.length)
		return IPMI_ERR_TRUNCATED;
	IpmiReader body;
	ipmi_rd_init(&body, buf + IPMI_SDR_HEADER_LEN, rec.hdr.length);
	switch (rec.hdr.type) {
	case IPMI_SDR_TYPE_FULL:
		read_full(&body, &rec.u.full);
		break;
	case IPMI_SDR_TYPE_COMPACT:
		read_compact(&body, &rec.u.compact);
		break;
	case IPMI_SDR_TYPE_FRU_LOCATOR:
		read_fru_locator(&body, &rec.u.fru);
		break;
	case IPMI_SDR_TYPE_MC_LOCATOR:
		read_mc_locator(&body, &rec.u.mc);
		break;
	default:
		rec.body = buf + IPMI_SDR_HEADER_LEN;
		break;
	}
	/* The record length is the parent block: a fixed part or ID string
	 * that does not fit in it is a length error, not a truncation. */
	rc = ipmi_rd_status(&body);
	if (rc == IPMI_ERR_TRUNCATED)
		rc = IPMI_ERR_LENGTH;
	if (rc < 0)
		return rc;
	*out = rec;
	return IPMI_SDR_HEADER_LEN + rec.hdr.length;
}

int
ipmi_sdr_record_encode(uint8_t *buf, size_t cap, const IpmiSdrRecord *r)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, r->hdr.record_id);
	ipmi_wr_u8(&w, r->hdr.version);
	ipmi_wr_u8(&w, r->hdr.type);
	uint8_t *lenp = ipmi_wr_reserve(&w, 1);
	int rc;
	switch (r->hdr.type) {
	case IPMI_SDR_TYPE_FULL:
		rc = write_full(&w, &r->u.full);
		break;
	case IPMI_SDR_TYPE_COMPACT:
		rc = write_compact(&w, &r->u.compact);
		break;
	case IPMI_SDR_TYPE_FRU_LOCATOR:
		rc = write_fru_locator(&w, &r->u.fru);
		break;
	case IPMI_SDR_TYPE_MC_LOCATOR:
		rc = write_mc_locator(&w, &r->u.mc);
		break;
	default:
		if (r->hdr.length && !r->body)
			return IPMI_ERR_INVALID_ARG;
		ipmi_wr_bytes(&w, r->body, r->hdr.length);
		rc = 0;
		break;
	}
	if (rc < 0)
		return rc;
	rc = ipmi_wr_finish(&w);
	if (rc < 0)
		return rc;
	*lenp = (uint8_t)(rc - IPMI_SDR_HEADER_LEN);
	return rc;
}

const IpmiSdrSensor *
ipmi_sdr_record_sensor(const IpmiSdrRecord *r)
{
	if (r->hdr.type == IPMI_SDR_TYPE_FULL)
		return &r->u.full.s;
	if (r->hdr.type == IPMI_SDR_TYPE_COMPACT)
		return &r->u.compact.s;
	return NULL;
}
