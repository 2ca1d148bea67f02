/* storage.c - the simulated controller's sensors, SDR repository, SEL and
 * FRU inventory (the model; configuration in storage-config*.c, the
 * built-in defaults in storage-defaults.c), see storage.h.
 *
 * Readings are a pure function of the request time: a sine, a ramp or a
 * seeded wander is the same for every tool that asks at the same moment,
 * and a test can compute what the BMC will answer. */
#include "storage-private.h"

/* ---- Life cycle ------------------------------------------------------------------- */

void
storage_sensor_free(BmcSensor *x)
{
	g_free(x->name);
	g_free(x);
}

static void
fru_free(Fru *f)
{
	g_free(f->name);
	g_bytes_unref(f->image);
	g_free(f);
}

BmcStorage *
bmc_storage_new(void)
{
	BmcStorage *s = g_new0(BmcStorage, 1);
	s->owner = IPMI_BMC_SA;
	s->mc_name = g_strdup("BMC");
	s->sensors = g_ptr_array_new_with_free_func((GDestroyNotify)storage_sensor_free);
	s->frus = g_ptr_array_new_with_free_func((GDestroyNotify)fru_free);
	s->sel = g_array_new(FALSE, TRUE, sizeof(IpmiSelRecord));
	s->sel_capacity = SEL_CAPACITY_DEFAULT;
	s->sel_clear_event = TRUE;
	s->sel_next_id = 1;
	s->sel_add_ts = s->sel_erase_ts = IPMI_TIMESTAMP_UNSPECIFIED;
	return s;
}

BmcStorage *
bmc_storage_copy(const BmcStorage *src)
{
	BmcStorage *s = g_memdup2(src, sizeof *src);
	s->mc_name = g_strdup(src->mc_name);
	s->sensors = g_ptr_array_new_with_free_func((GDestroyNotify)storage_sensor_free);
	for (guint i = 0; i < src->sensors->len; i++) {
		const BmcSensor *x = src->sensors->pdata[i];
		BmcSensor *y = g_memdup2(x, sizeof *x);
		y->name = g_strdup(x->name);
		g_ptr_array_add(s->sensors, y);
	}
	s->frus = g_ptr_array_new_with_free_func((GDestroyNotify)fru_free);
	for (guint i = 0; i < src->frus->len; i++) {
		const Fru *f = src->frus->pdata[i];
		Fru *g = g_memdup2(f, sizeof *f);
		g->name = g_strdup(f->name);
		g->image = g_bytes_ref(f->image);
		g_ptr_array_add(s->frus, g);
	}
	s->sdr = NULL;
	s->sel = g_array_copy(src->sel);
	return s;
}

void
bmc_storage_free(BmcStorage *s)
{
	if (!s)
		return;
	g_ptr_array_unref(s->sensors);
	g_ptr_array_unref(s->frus);
	g_clear_pointer(&s->sdr, g_ptr_array_unref);
	g_array_unref(s->sel);
	g_free(s->mc_name);
	g_free(s);
}

void
storage_sdr_changed(BmcStorage *s)
{
	g_clear_pointer(&s->sdr, g_ptr_array_unref);
	s->sdr_reserved = FALSE; /* a changed repository cancels the reservation */
}

void
bmc_storage_set_owner(BmcStorage *s, uint8_t ipmb_addr, const char *mc_name)
{
	s->owner = ipmb_addr;
	g_free(s->mc_name);
	s->mc_name = g_strdup(mc_name ? mc_name : "BMC");
	for (guint i = 0; i < s->sensors->len; i++) {
		BmcSensor *x = s->sensors->pdata[i];
		IpmiSdrSensor *c =
		    x->rec.hdr.type == IPMI_SDR_TYPE_FULL ? &x->rec.u.full.s : &x->rec.u.compact.s;
		c->owner_id = ipmb_addr;
	}
	storage_sdr_changed(s);
}

/* ---- The SDR repository --------------------------------------------------------------- */

static void
sdr_add(GPtrArray *a, IpmiSdrRecord *r)
{
	uint8_t buf[IPMI_SDR_MAX_RECORD];
	r->hdr.record_id = (uint16_t)(a->len + 1);
	r->hdr.version = IPMI_SDR_VERSION;
	int n = ipmi_sdr_record_encode(buf, sizeof buf, r);
	g_assert(n > 0); /* records are built valid */
	g_ptr_array_add(a, g_bytes_new(buf, (gsize)n));
}

static GPtrArray *
sdr_build(BmcStorage *s)
{
	if (s->sdr)
		return s->sdr;
	GPtrArray *a = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	for (guint i = 0; i < s->sensors->len; i++) {
		BmcSensor *x = s->sensors->pdata[i];
		sdr_add(a, &x->rec);
	}
	for (guint i = 0; i < s->frus->len; i++) {
		const Fru *f = s->frus->pdata[i];
		if (f->id == 0)
			continue; /* FRU 0 is the controller's own: every tool reads it */
		IpmiSdrRecord r = {.hdr.type = IPMI_SDR_TYPE_FRU_LOCATOR};
		r.u.fru.access_addr = s->owner;
		r.u.fru.fru_id = f->id;
		r.u.fru.logical = true;
		r.u.fru.device_type = 0x10; /* FRU inventory behind a controller */
		r.u.fru.entity_id = f->entity_id;
		r.u.fru.entity_instance = f->entity_instance;
		ipmi_sdr_id_set(&r.u.fru.id, f->name);
		sdr_add(a, &r);
	}
	if (a->len || s->frus->len) {
		IpmiSdrRecord r = {.hdr.type = IPMI_SDR_TYPE_MC_LOCATOR};
		r.u.mc.slave_addr = s->owner;
		r.u.mc.caps = IPMI_SDR_MC_SENSOR | IPMI_SDR_MC_SDR_REPO | IPMI_SDR_MC_SEL |
			      IPMI_SDR_MC_FRU | IPMI_SDR_MC_EVENT_RECEIVER |
			      IPMI_SDR_MC_EVENT_GENERATOR;
		r.u.mc.entity_id = 0x2E; /* management controller */
		r.u.mc.entity_instance = 1;
		ipmi_sdr_id_set(&r.u.mc.id, s->mc_name);
		sdr_add(a, &r);
	}
	/* An addition timestamp that follows the content (FNV-1a), so an SDR
	 * cache keyed by host notices another configuration, yet the same
	 * configuration always looks the same. */
	guint32 h = 2166136261u;
	for (guint i = 0; i < a->len; i++) {
		gsize n;
		const uint8_t *p = g_bytes_get_data(a->pdata[i], &n);
		for (gsize j = 0; j < n; j++)
			h = (h ^ p[j]) * 16777619u;
	}
	s->sdr_add_ts = SDR_TS_BASE + h % 10000000u;
	s->sdr = a;
	return a;
}

guint
bmc_storage_sdr_count(BmcStorage *s)
{
	return sdr_build(s)->len;
}

static gsize
sdr_used(BmcStorage *s, guint *units, gsize *longest)
{
	GPtrArray *a = sdr_build(s);
	gsize used = 0;
	*units = 0;
	*longest = 0;
	for (guint i = 0; i < a->len; i++) {
		gsize n = g_bytes_get_size(a->pdata[i]);
		used += n;
		*units += (guint)((n + SDR_UNIT - 1) / SDR_UNIT);
		*longest = MAX(*longest, n);
	}
	return used;
}

void
bmc_storage_sdr_info(BmcStorage *s, IpmiSdrRepoInfo *out)
{
	guint units;
	gsize longest, used = sdr_used(s, &units, &longest);
	memset(out, 0, sizeof *out);
	out->version = IPMI_SDR_VERSION;
	out->record_count = (uint16_t)sdr_build(s)->len;
	out->free_space = (uint16_t)(used < SDR_SPACE ? SDR_SPACE - used : 0);
	out->addition_ts = s->sdr_add_ts;
	out->erase_ts = IPMI_TIMESTAMP_UNSPECIFIED;
	out->op_support = IPMI_SDR_OP_NONMODAL | IPMI_SDR_OP_RESERVE | IPMI_SDR_OP_ALLOC_INFO;
}

void
bmc_storage_sdr_alloc(BmcStorage *s, IpmiAllocInfo *out)
{
	guint units;
	gsize longest;
	sdr_used(s, &units, &longest);
	out->units = SDR_SPACE / SDR_UNIT;
	out->unit_size = SDR_UNIT;
	out->free_units = (uint16_t)(units < out->units ? out->units - units : 0);
	out->largest_free = out->free_units;
	out->max_record_units = (uint8_t)((IPMI_SDR_MAX_RECORD + SDR_UNIT - 1) / SDR_UNIT);
}

const uint8_t *
bmc_storage_sdr_get(BmcStorage *s, uint16_t id, size_t *len, uint16_t *next_id)
{
	GPtrArray *a = sdr_build(s);
	if (!a->len)
		return NULL;
	guint i;
	if (id == IPMI_SDR_RECORD_ID_FIRST)
		i = 0;
	else if (id == IPMI_SDR_RECORD_ID_LAST)
		i = a->len - 1;
	else if (id <= a->len)
		i = id - 1u;
	else
		return NULL;
	*next_id = i + 1 < a->len ? (uint16_t)(i + 2) : IPMI_SDR_RECORD_ID_LAST;
	gsize n;
	const uint8_t *p = g_bytes_get_data(a->pdata[i], &n);
	*len = n;
	return p;
}

static uint16_t
next_reservation(uint16_t *r, gboolean *valid)
{
	*r = (uint16_t)(*r == 0xFFFF ? 1 : *r + 1);
	*valid = TRUE;
	return *r;
}

uint16_t
bmc_storage_sdr_reserve(BmcStorage *s)
{
	return next_reservation(&s->sdr_reservation, &s->sdr_reserved);
}

gboolean
bmc_storage_sdr_reserved(BmcStorage *s, uint16_t reservation)
{
	return s->sdr_reserved && reservation == s->sdr_reservation;
}

/* ---- Sensors ------------------------------------------------------------------------------ */

guint
bmc_storage_sensor_count(BmcStorage *s)
{
	return s->sensors->len;
}

const BmcSensor *
bmc_storage_sensor(BmcStorage *s, uint8_t number)
{
	for (guint i = 0; i < s->sensors->len; i++) {
		const BmcSensor *x = s->sensors->pdata[i];
		if (ipmi_sdr_record_sensor(&x->rec)->number == number)
			return x;
	}
	return NULL;
}

const BmcSensor *
bmc_storage_sensor_named(BmcStorage *s, const char *name)
{
	for (guint i = 0; i < s->sensors->len; i++) {
		const BmcSensor *x = s->sensors->pdata[i];
		if (!strcmp(x->name, name))
			return x;
	}
	return NULL;
}

const IpmiSdrRecord *
bmc_sensor_record(const BmcSensor *x)
{
	return &x->rec;
}

gboolean
bmc_sensor_is_threshold(const BmcSensor *x)
{
	return x->rec.hdr.type == IPMI_SDR_TYPE_FULL &&
	       x->rec.u.full.s.event_type == IPMI_EVENT_TYPE_THRESHOLD &&
	       x->rec.u.full.s.analog_format != IPMI_ANALOG_NONE;
}

static guint32
mix32(guint32 v)
{
	v ^= v >> 16;
	v *= 0x7feb352du;
	v ^= v >> 15;
	v *= 0x846ca68bu;
	v ^= v >> 16;
	return v;
}

/* A value in [-1, 1] for lattice point k. */
static double
lattice(guint32 seed, gint64 k)
{
	guint32 h = mix32(seed ^ mix32((guint32)k ^ mix32((guint32)((guint64)k >> 32))));
	return h / 2147483647.5 - 1.0;
}

static double
floor_d(double x)
{
	double i = (double)(gint64)x;
	return i > x ? i - 1 : i;
}

/* sin(2 pi phase) for phase in [0, 1): fold to [-pi/2, pi/2], then the
 * Taylor series to x^11 (error below 1e-7). */
static double
sin_turn(double phase)
{
	double x = 2 * G_PI * (phase < 0.5 ? phase : phase - 1);
	if (x > G_PI / 2)
		x = G_PI - x;
	else if (x < -G_PI / 2)
		x = -G_PI - x;
	double x2 = x * x, term = x, sum = x;
	for (int n = 1; n <= 5; n++) {
		term *= -x2 / ((2 * n) * (2 * n + 1));
		sum += term;
	}
	return sum;
}

double
storage_pow10(int e)
{
	double v = 1;
	for (; e > 0; e--)
		v *= 10;
	for (; e < 0; e++)
		v /= 10;
	return v;
}

static double
model_value(const ReadingModel *m, gint64 now_us)
{
	double t = (double)now_us / G_USEC_PER_SEC;
	switch (m->kind) {
	case READ_SINE: {
		double u = t / m->c;
		return m->a + m->b * sin_turn(u - floor_d(u));
	}
	case READ_RAMP: {
		double u = t / m->c;
		return m->a + (m->b - m->a) * (u - floor_d(u));
	}
	case READ_WALK: {
		/* Value noise: seeded points every c seconds, joined smoothly. */
		double u = t / m->c, k = floor_d(u), f = u - k;
		double r0 = lattice(m->seed, (gint64)k), r1 = lattice(m->seed, (gint64)k + 1);
		return m->a + m->b * (r0 + (r1 - r0) * f * f * (3 - 2 * f));
	}
	default:
		return m->a;
	}
}

double
bmc_sensor_value(const BmcSensor *x, gint64 now_us)
{
	return bmc_sensor_is_threshold(x) ? model_value(&x->reading, now_us) : 0.0;
}

static uint8_t
sensor_raw(const BmcSensor *x, gint64 now_us)
{
	IpmiSensorFactors f;
	ipmi_sdr_full_factors(&x->rec.u.full, &f);
	uint8_t raw = 0;
	ipmi_sensor_value_to_raw(&f, model_value(&x->reading, now_us), &raw);
	return raw;
}

void
bmc_sensor_reading(const BmcSensor *x, gint64 now_us, IpmiSensorReading *out)
{
	memset(out, 0, sizeof *out);
	out->events_enabled = true;
	out->scanning_enabled = true;
	if (bmc_sensor_is_threshold(x)) {
		out->raw = sensor_raw(x, now_us);
		out->state_len = 1;
		/* bits 7:6 reserved, returned as 1b */
		out->state[0] = 0xC0 | ipmi_sensor_threshold_status(&x->rec.u.full, out->raw);
	} else {
		out->state_len = 2;
		out->state[0] = (uint8_t)x->state;
		out->state[1] = (uint8_t)(0x80 | (x->state >> 8));
	}
}

void
bmc_sensor_thresholds(const BmcSensor *x, IpmiSensorThresholds *out)
{
	memset(out, 0, sizeof *out);
	if (!bmc_sensor_is_threshold(x))
		return;
	const IpmiSdrFullSensor *f = &x->rec.u.full;
	out->readable = f->s.reading_mask & IPMI_THRESH_ALL;
	out->lnc = f->lnc;
	out->lcr = f->lcr;
	out->lnr = f->lnr;
	out->unc = f->unc;
	out->ucr = f->ucr;
	out->unr = f->unr;
}

void
bmc_sensor_hysteresis(const BmcSensor *x, IpmiSensorHysteresis *out)
{
	const IpmiSdrSensor *c = ipmi_sdr_record_sensor(&x->rec);
	out->positive = c->pos_hysteresis;
	out->negative = c->neg_hysteresis;
}

void
bmc_sensor_event_enable(const BmcSensor *x, IpmiSensorEvents *out)
{
	const IpmiSdrSensor *c = ipmi_sdr_record_sensor(&x->rec);
	uint16_t events = bmc_sensor_is_threshold(x) ? 0x0FFF : 0x7FFF;
	memset(out, 0, sizeof *out);
	out->events_enabled = true;
	out->scanning_enabled = true;
	out->mask_len = 4;
	out->assertion = c->assert_mask & events;
	out->deassertion = c->deassert_mask & events;
}

/* Threshold comparison bits to "going low/high" assertion event bits. */
static uint16_t
threshold_events(uint8_t status)
{
	uint16_t e = 0;
	if (status & IPMI_THRESH_LNC)
		e |= 1u << 0;
	if (status & IPMI_THRESH_LCR)
		e |= 1u << 2;
	if (status & IPMI_THRESH_LNR)
		e |= 1u << 4;
	if (status & IPMI_THRESH_UNC)
		e |= 1u << 7;
	if (status & IPMI_THRESH_UCR)
		e |= 1u << 9;
	if (status & IPMI_THRESH_UNR)
		e |= 1u << 11;
	return e;
}

void
bmc_sensor_event_status(const BmcSensor *x, gint64 now_us, IpmiSensorEvents *out)
{
	IpmiSensorEvents en;
	bmc_sensor_event_enable(x, &en);
	memset(out, 0, sizeof *out);
	out->events_enabled = true;
	out->scanning_enabled = true;
	out->mask_len = 4;
	if (bmc_sensor_is_threshold(x))
		out->assertion = threshold_events(ipmi_sensor_threshold_status(
				     &x->rec.u.full, sensor_raw(x, now_us))) &
				 en.assertion;
	else
		out->assertion = x->state & en.assertion;
}

/* ---- SEL --------------------------------------------------------------------------------------
 */

guint
bmc_storage_sel_count(BmcStorage *s)
{
	return s->sel->len;
}

uint32_t
bmc_storage_sel_time(BmcStorage *s, gint64 now_us)
{
	return (uint32_t)(now_us / G_USEC_PER_SEC + s->sel_offset_s);
}

void
bmc_storage_sel_set_time(BmcStorage *s, uint32_t t, gint64 now_us)
{
	s->sel_offset_s = (gint64)t - now_us / G_USEC_PER_SEC;
}

void
bmc_storage_sel_info(BmcStorage *s, IpmiSelInfo *out)
{
	memset(out, 0, sizeof *out);
	out->version = IPMI_SEL_VERSION;
	out->entries = (uint16_t)s->sel->len;
	out->free_space =
	    (uint16_t)((s->sel_capacity - MIN(s->sel->len, s->sel_capacity)) * IPMI_SEL_RECORD_LEN);
	out->addition_ts = s->sel_add_ts;
	out->erase_ts = s->sel_erase_ts;
	out->op_support = IPMI_SEL_OP_DELETE | IPMI_SEL_OP_RESERVE | IPMI_SEL_OP_ALLOC_INFO |
			  (s->sel_overflow ? IPMI_SEL_OP_OVERFLOW : 0);
}

void
bmc_storage_sel_alloc(BmcStorage *s, IpmiAllocInfo *out)
{
	out->units = (uint16_t)s->sel_capacity;
	out->unit_size = IPMI_SEL_RECORD_LEN;
	out->free_units = (uint16_t)(s->sel_capacity - MIN(s->sel->len, s->sel_capacity));
	out->largest_free = out->free_units;
	out->max_record_units = 1;
}

uint16_t
bmc_storage_sel_reserve(BmcStorage *s)
{
	return next_reservation(&s->sel_reservation, &s->sel_reserved);
}

gboolean
bmc_storage_sel_reserved(BmcStorage *s, uint16_t reservation)
{
	return s->sel_reserved && reservation == s->sel_reservation;
}

static int
sel_index(BmcStorage *s, uint16_t id)
{
	if (!s->sel->len)
		return -1;
	if (id == IPMI_SEL_RECORD_ID_FIRST)
		return 0;
	if (id == IPMI_SEL_RECORD_ID_LAST)
		return (int)s->sel->len - 1;
	for (guint i = 0; i < s->sel->len; i++)
		if (g_array_index(s->sel, IpmiSelRecord, i).record_id == id)
			return (int)i;
	return -1;
}

const IpmiSelRecord *
bmc_storage_sel_get(BmcStorage *s, uint16_t id, uint16_t *next_id)
{
	int i = sel_index(s, id);
	if (i < 0)
		return NULL;
	*next_id = (guint)i + 1 < s->sel->len
		       ? g_array_index(s->sel, IpmiSelRecord, i + 1).record_id
		       : IPMI_SEL_RECORD_ID_LAST;
	return &g_array_index(s->sel, IpmiSelRecord, i);
}

/* Append keeping the record's timestamp. */
gboolean
storage_sel_append(BmcStorage *s, const IpmiSelRecord *r, uint16_t *id)
{
	if (s->sel->len >= s->sel_capacity) {
		s->sel_overflow = TRUE;
		return FALSE;
	}
	IpmiSelRecord e = *r;
	e.record_id = s->sel_next_id;
	/* 0000h and FFFFh mean "first" and "last": never an entry's ID. */
	s->sel_next_id = (uint16_t)(s->sel_next_id >= 0xFFFE ? 1 : s->sel_next_id + 1);
	g_array_append_val(s->sel, e);
	if (e.type < IPMI_SEL_TYPE_OEM_NTS)
		s->sel_add_ts = e.timestamp;
	if (id)
		*id = e.record_id;
	return TRUE;
}

gboolean
bmc_storage_sel_add(BmcStorage *s, const IpmiSelRecord *r, gint64 now_us, uint16_t *id)
{
	IpmiSelRecord e = *r;
	if (e.type < IPMI_SEL_TYPE_OEM_NTS)
		e.timestamp = bmc_storage_sel_time(s, now_us);
	else
		s->sel_add_ts = bmc_storage_sel_time(s, now_us);
	return storage_sel_append(s, &e, id);
}

gboolean
bmc_storage_sel_delete(BmcStorage *s, uint16_t id, gint64 now_us, uint16_t *deleted)
{
	int i = sel_index(s, id);
	if (i < 0)
		return FALSE;
	*deleted = g_array_index(s->sel, IpmiSelRecord, i).record_id;
	g_array_remove_index(s->sel, (guint)i);
	s->sel_erase_ts = bmc_storage_sel_time(s, now_us);
	s->sel_reserved = FALSE;
	return TRUE;
}

void
bmc_storage_sel_clear(BmcStorage *s, gint64 now_us)
{
	g_array_set_size(s->sel, 0);
	s->sel_next_id = 1;
	s->sel_overflow = FALSE;
	s->sel_reserved = FALSE;
	s->sel_erase_ts = bmc_storage_sel_time(s, now_us);
	if (!s->sel_clear_event)
		return;
	/* What most BMCs log: Event Logging Disabled, "Log area reset/cleared",
	 * from the event log sensor when there is one. */
	IpmiSelRecord e = {
	    .type = IPMI_SEL_TYPE_SYSTEM,
	    .generator_id = s->owner,
	    .evm_rev = IPMI_SEL_EVM_REV,
	    .sensor_type = IPMI_SENSOR_TYPE_EVENT_LOGGING,
	    .event_type = IPMI_EVENT_TYPE_SENSOR_SPECIFIC,
	    .data = {0x02, 0xFF, 0xFF},
	};
	for (guint i = 0; i < s->sensors->len; i++) {
		const IpmiSdrSensor *c =
		    ipmi_sdr_record_sensor(&((BmcSensor *)s->sensors->pdata[i])->rec);
		if (c->sensor_type == IPMI_SENSOR_TYPE_EVENT_LOGGING) {
			e.sensor_number = c->number;
			break;
		}
	}
	bmc_storage_sel_add(s, &e, now_us, NULL);
}

/* ---- FRU ---------------------------------------------------------------------------------------
 */

Fru *
storage_fru_find(BmcStorage *s, uint8_t id)
{
	for (guint i = 0; i < s->frus->len; i++) {
		Fru *f = s->frus->pdata[i];
		if (f->id == id)
			return f;
	}
	return NULL;
}

const uint8_t *
bmc_storage_fru(BmcStorage *s, uint8_t id, size_t *size)
{
	Fru *f = storage_fru_find(s, id);
	if (!f)
		return NULL;
	gsize n;
	const uint8_t *p = g_bytes_get_data(f->image, &n);
	*size = n;
	return p;
}
