/* storage-config.c - reading configuration groups: the key helpers and
 * [sensor NAME].  Errors read "FILE:LINE: [group] key: problem". */
#include "storage-private.h"

/* ---- Configuration ------------------------------------------------------------------------- */

gboolean
scfg_fail(Group *g, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *what = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	const char *key = name ? g_hash_table_lookup(g->keys, name) : NULL;
	if (name && !key)
		key = name;
	int line = g->src->line_of ? g->src->line_of(g->src->ctx, g->group, key) : 0;
	const char *path = g->src->path ? g->src->path : "(config)";
	if (key)
		g_set_error(g->error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			    "%s:%d: [%s] %s: %s", path, line, g->group, key, what);
	else
		g_set_error(g->error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
			    "%s:%d: [%s]: %s", path, line, g->group, what);
	return FALSE;
}

gboolean
scfg_group_open(Group *g, const BmcConfigSource *src, const char *group, const char *const *allowed,
		GError **error)
{
	g->src = src;
	g->group = group;
	g->error = error;
	g->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_auto(GStrv) keys = g_key_file_get_keys(src->kf, group, NULL, NULL);
	for (char **k = keys; k && *k; k++) {
		char *norm = g_strdelimit(g_strdup(*k), "-", '_');
		gboolean known = allowed && g_strv_contains(allowed, norm);
		g_hash_table_replace(g->keys, norm, g_strdup(*k));
		if (!known)
			return scfg_fail(g, norm, "unknown key");
	}
	return TRUE;
}

gboolean
scfg_has(Group *g, const char *name)
{
	return g_hash_table_contains(g->keys, name);
}

/* The value of `name` (stripped), or NULL when absent. */
char *
scfg_value(Group *g, const char *name)
{
	const char *key = g_hash_table_lookup(g->keys, name);
	char *v = key ? g_key_file_get_string(g->src->kf, g->group, key, NULL) : NULL;
	return v ? g_strstrip(v) : NULL;
}

/* Decimal, or hex with 0x; never octal. */
gboolean
scfg_parse_int(const char *s, gint64 min, gint64 max, gint64 *out)
{
	gboolean neg = *s == '-';
	const char *p = neg || *s == '+' ? s + 1 : s;
	gboolean hex = p[0] == '0' && (p[1] == 'x' || p[1] == 'X');
	if (hex)
		p += 2;
	if (!g_ascii_isxdigit(*p))
		return FALSE;
	char *end;
	errno = 0;
	guint64 v = g_ascii_strtoull(p, &end, hex ? 16 : 10);
	if (*end || errno || v > (guint64)G_MAXINT64)
		return FALSE;
	gint64 x = neg ? -(gint64)v : (gint64)v;
	if (x < min || x > max)
		return FALSE;
	*out = x;
	return TRUE;
}

static gboolean
parse_double(const char *s, double *out)
{
	char *end;
	double v = g_ascii_strtod(s, &end);
	if (!*s || *end || !isfinite(v))
		return FALSE;
	*out = v;
	return TRUE;
}

/* Optional values: 1 read, 0 absent, -1 invalid (error set). */
int
scfg_opt_int(Group *g, const char *name, gint64 min, gint64 max, gint64 *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	if (scfg_parse_int(v, min, max, out))
		return 1;
	scfg_fail(g, name, "expected a number %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, min, max);
	return -1;
}

int
scfg_opt_double(Group *g, const char *name, double *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	if (parse_double(v, out))
		return 1;
	scfg_fail(g, name, "expected a number");
	return -1;
}

int
scfg_opt_bool(Group *g, const char *name, gboolean *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	static const char *const yes[] = {"true", "yes", "on", "1", NULL};
	static const char *const no[] = {"false", "no", "off", "0", NULL};
	for (int i = 0; yes[i]; i++) {
		if (!g_ascii_strcasecmp(v, yes[i]))
			return *out = TRUE, 1;
		if (!g_ascii_strcasecmp(v, no[i]))
			return *out = FALSE, 1;
	}
	scfg_fail(g, name, "expected true or false");
	return -1;
}

/* A name looked up by `code_of`, or a number up to max. */
int
scfg_opt_code(Group *g, const char *name, int (*code_of)(const char *), gint64 max, int *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	gint64 n;
	int c = code_of ? code_of(v) : -1;
	if (c >= 0 && c <= max)
		return *out = c, 1;
	if (scfg_parse_int(v, 0, max, &n))
		return *out = (int)n, 1;
	scfg_fail(g, name, "unknown name, and not a number 0..%" G_GINT64_FORMAT, max);
	return -1;
}

/* "ID" or "ID.INSTANCE" */
int
scfg_opt_entity(Group *g, const char *name, uint8_t *id, uint8_t *inst)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	g_auto(GStrv) parts = g_strsplit(v, ".", 3);
	gint64 a, b = 1;
	if (parts[0] && scfg_parse_int(g_strstrip(parts[0]), 0, 255, &a) &&
	    (!parts[1] || (scfg_parse_int(g_strstrip(parts[1]), 0, 127, &b) && !parts[2]))) {
		*id = (uint8_t)a;
		*inst = (uint8_t)b;
		return 1;
	}
	scfg_fail(g, name, "expected ENTITY or ENTITY.INSTANCE (0..255, 0..127)");
	return -1;
}

/* Bytes separated by spaces or commas. */
int
scfg_opt_bytes(Group *g, const char *name, uint8_t *out, size_t max, size_t *n)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	g_auto(GStrv) parts = g_strsplit_set(v, " ,", -1);
	*n = 0;
	for (char **p = parts; *p; p++) {
		gint64 b;
		if (!**p)
			continue;
		if (*n == max || !scfg_parse_int(*p, 0, 255, &b)) {
			scfg_fail(g, name, "expected up to %zu bytes (0..255, 0x hex)", max);
			return -1;
		}
		out[(*n)++] = (uint8_t)b;
	}
	return 1;
}

/* Unix seconds, or ISO 8601 ("2024-03-14T08:00:00Z", "2024-03-14 08:00",
 * "2024-03-14"; UTC unless a zone is given). */
static gboolean
parse_time(const char *v, gint64 *out)
{
	if (scfg_parse_int(v, 0, G_MAXUINT32, out))
		return TRUE;
	g_autofree char *s = g_strdelimit(g_strdup(v), " ", 'T');
	char *tpart = strchr(s, 'T');
	if (!tpart) {
		char *t = g_strconcat(s, "T00:00:00", NULL);
		g_free(s);
		s = t;
	} else if (strcspn(tpart + 1, "Z+-") == 5) {
		/* HH:MM: GLib wants the seconds */
		size_t at = (size_t)(tpart + 6 - s);
		char *t = g_strdup_printf("%.*s:00%s", (int)at, s, s + at);
		g_free(s);
		s = t;
	}
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(s, utc);
	if (!dt)
		return FALSE;
	*out = g_date_time_to_unix(dt);
	return TRUE;
}

int
scfg_opt_time(Group *g, const char *name, gint64 min, gint64 *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	if (parse_time(v, out) && *out >= min && *out <= G_MAXUINT32)
		return 1;
	scfg_fail(g, name, "expected Unix seconds or an ISO 8601 date (2024-03-14T08:00:00Z)");
	return -1;
}

/* ---- [sensor NAME] ----------------------------------------------------------------------------
 */

const char *const storage_sensor_keys[] = {
    "number", "type",       "event_type", "units", "entity", "format", "m",   "b",
    "bexp",   "rexp",       "nominal",    "lnr",   "lcr",    "lnc",    "unc", "ucr",
    "unr",    "hysteresis", "reading",    "state", "events", "record", NULL};

/* In ascending order of value. */
static const char *const th_names[6] = {"lnr", "lcr", "lnc", "unc", "ucr", "unr"};
static const uint8_t th_bits[6] = {IPMI_THRESH_LNR, IPMI_THRESH_LCR, IPMI_THRESH_LNC,
				   IPMI_THRESH_UNC, IPMI_THRESH_UCR, IPMI_THRESH_UNR};
/* Assertion event bit ("going low" below, "going high" above) and the
 * reading-mask comparison bit of each threshold. */
static const uint8_t th_event[6] = {4, 2, 0, 7, 9, 11};
static const uint8_t th_cmp[6] = {14, 13, 12, 12, 13, 14};

static int
opt_reading(Group *g, const char *name, ReadingModel *m)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	static const struct {
		const char *kind;
		ReadingKind k;
		int min, max;
	} kinds[] = {{"constant", READ_CONSTANT, 1, 1},
		     {"sine", READ_SINE, 3, 3},
		     {"ramp", READ_RAMP, 3, 3},
		     {"walk", READ_WALK, 3, 4}};
	char *colon = strchr(v, ':');
	if (colon) {
		*colon = '\0';
		g_auto(GStrv) args = g_strsplit(colon + 1, ",", 0);
		int n = (int)g_strv_length(args);
		for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
			if (g_ascii_strcasecmp(g_strstrip(v), kinds[i].kind) || n < kinds[i].min ||
			    n > kinds[i].max)
				continue;
			double x[3] = {0};
			gint64 seed = 1;
			gboolean ok = TRUE;
			for (int j = 0; j < MIN(n, 3); j++)
				ok = ok && parse_double(g_strstrip(args[j]), &x[j]);
			if (n == 4)
				ok = ok &&
				     scfg_parse_int(g_strstrip(args[3]), 0, G_MAXUINT32, &seed);
			if (ok && kinds[i].k != READ_CONSTANT && !(x[2] > 0)) {
				scfg_fail(g, name,
					  "the period (interval) must be more than 0 seconds");
				return -1;
			}
			if (!ok)
				break;
			*m = (ReadingModel){kinds[i].k, x[0], x[1], x[2], (guint32)seed};
			return 1;
		}
	}
	scfg_fail(g, name,
		  "expected constant:V, sine:BASE,AMPLITUDE,PERIOD, ramp:FROM,TO,PERIOD or "
		  "walk:BASE,AMPLITUDE,INTERVAL[,SEED]");
	return -1;
}

static int
opt_format(Group *g, const char *name, int *out)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	static const char *const names[3][3] = {
	    {"unsigned", "0", NULL}, {"1s", "ones", "1"}, {"2s", "twos", "2"}};
	for (int f = 0; f < 3; f++)
		for (int i = 0; i < 3; i++)
			if (names[f][i] && !g_ascii_strcasecmp(v, names[f][i]))
				return *out = f, 1;
	scfg_fail(g, name, "expected unsigned, 1s or 2s");
	return -1;
}

static uint8_t
free_sensor_number(BmcStorage *s)
{
	for (unsigned n = 1; n < 0xFF; n++)
		if (!bmc_storage_sensor(s, (uint8_t)n))
			return (uint8_t)n;
	return 0;
}

/* Full record of a threshold sensor: factors, range, thresholds. */
static gboolean
build_threshold(Group *g, IpmiSdrFullSensor *f, const gboolean has_th[6], const double th[6],
		gboolean has_nominal, double nominal, gboolean has_hyst, double hyst)
{
	IpmiSensorFactors fac;
	ipmi_sdr_full_factors(f, &fac);
	int min, max;
	ipmi_sensor_raw_range(f->s.analog_format, &min, &max);
	f->sensor_min = ipmi_sensor_int_to_raw(f->s.analog_format, min);
	f->sensor_max = ipmi_sensor_int_to_raw(f->s.analog_format, max);
	double lo, hi;
	ipmi_sensor_raw_to_value(&fac, f->sensor_min, &lo);
	ipmi_sensor_raw_to_value(&fac, f->sensor_max, &hi);
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	double step = (f->m < 0 ? -f->m : f->m) * storage_pow10(f->r_exp);
	uint8_t *raw_of[6] = {&f->lnr, &f->lcr, &f->lnc, &f->unc, &f->ucr, &f->unr};
	int prev = -1;
	for (int i = 0; i < 6; i++) {
		if (!has_th[i])
			continue;
		if (th[i] < lo - step / 2 || th[i] > hi + step / 2)
			return scfg_fail(g, th_names[i], "%g is outside the sensor's range %g..%g",
					 th[i], lo, hi);
		if (prev >= 0 && th[i] < th[prev])
			return scfg_fail(g, th_names[i], "%g is below %s = %g", th[i],
					 th_names[prev], th[prev]);
		prev = i;
		ipmi_sensor_value_to_raw(&fac, th[i], raw_of[i]);
		f->s.reading_mask |= th_bits[i];
		uint16_t ev = (uint16_t)(1u << th_event[i] | 1u << th_cmp[i]);
		if (i < 3)
			f->s.assert_mask |= ev;
		else
			f->s.deassert_mask |= (uint16_t)(1u << th_cmp[i]);
		f->s.assert_mask |= (uint16_t)(1u << th_event[i]);
		f->s.deassert_mask |= (uint16_t)(1u << th_event[i]);
	}
	if (f->s.reading_mask)
		f->s.caps |= IPMI_SDR_CAP_THRESH_READABLE;
	if (has_nominal) {
		if (nominal < lo - step / 2 || nominal > hi + step / 2)
			return scfg_fail(g, "nominal", "%g is outside the sensor's range %g..%g",
					 nominal, lo, hi);
		ipmi_sensor_value_to_raw(&fac, nominal, &f->nominal);
		f->analog_flags |= IPMI_SDR_ANALOG_NOMINAL;
	}
	if (has_hyst) {
		double h = hyst / step;
		if (h < 0 || h > 255.5)
			return scfg_fail(g, "hysteresis", "%g is not 0..%g", hyst, 255 * step);
		f->s.pos_hysteresis = f->s.neg_hysteresis = (uint8_t)(h + 0.5);
		f->s.caps |= IPMI_SDR_CAP_HYST_READABLE;
	}
	return TRUE;
}

gboolean
storage_config_sensor(BmcStorage *s, Group *g, const char *name)
{
	if (!*name || strlen(name) > IPMI_SDR_ID_MAX)
		return scfg_fail(g, NULL, "sensor names are 1..%d bytes", IPMI_SDR_ID_MAX);
	if (bmc_storage_sensor_named(s, name))
		return scfg_fail(g, NULL, "a sensor of this name exists already");

	gint64 number = 0, ev = 0, state = 0, events = 0, m = 1, b = 0, bexp = 0, rexp = 0;
	int type = 0, units = IPMI_UNIT_UNSPECIFIED, format = IPMI_ANALOG_UNSIGNED;
	uint8_t eid = 7, einst = 1;
	double nominal = 0, th[6] = {0}, hyst = 0;
	gboolean has_th[6] = {FALSE};
	ReadingModel reading = {READ_CONSTANT, 0, 0, 0, 0};
	int r_number, r_type, r_ev, r_state, r_events, r_nominal, r_hyst, r_reading;
	g_autofree char *record = scfg_value(g, "record");

	if ((r_number = scfg_opt_int(g, "number", 0, 0xFE, &number)) < 0 ||
	    (r_type = scfg_opt_code(g, "type", ipmi_sensor_type_code, 0xFF, &type)) < 0 ||
	    (r_ev = scfg_opt_int(g, "event_type", 0, 0x7F, &ev)) < 0 ||
	    scfg_opt_code(g, "units", ipmi_sensor_unit_code, 0xFF, &units) < 0 ||
	    scfg_opt_entity(g, "entity", &eid, &einst) < 0 ||
	    opt_format(g, "format", &format) < 0 || scfg_opt_int(g, "m", -512, 511, &m) < 0 ||
	    scfg_opt_int(g, "b", -512, 511, &b) < 0 || scfg_opt_int(g, "bexp", -8, 7, &bexp) < 0 ||
	    scfg_opt_int(g, "rexp", -8, 7, &rexp) < 0 ||
	    (r_nominal = scfg_opt_double(g, "nominal", &nominal)) < 0 ||
	    (r_hyst = scfg_opt_double(g, "hysteresis", &hyst)) < 0 ||
	    (r_reading = opt_reading(g, "reading", &reading)) < 0 ||
	    (r_state = scfg_opt_int(g, "state", 0, 0x7FFF, &state)) < 0 ||
	    (r_events = scfg_opt_int(g, "events", 0, 0x7FFF, &events)) < 0)
		return FALSE;
	for (int i = 0; i < 6; i++) {
		int r = scfg_opt_double(g, th_names[i], &th[i]);
		if (r < 0)
			return FALSE;
		has_th[i] = r > 0;
	}
	if (!r_type)
		return scfg_fail(g, NULL,
				 "the type key is missing (Temperature, Voltage, Fan, ...)");
	if (record && g_ascii_strcasecmp(record, "full") && g_ascii_strcasecmp(record, "compact"))
		return scfg_fail(g, "record", "expected full or compact");
	if (!r_ev)
		ev = r_state ? IPMI_EVENT_TYPE_SENSOR_SPECIFIC : IPMI_EVENT_TYPE_THRESHOLD;
	gboolean threshold = ev == IPMI_EVENT_TYPE_THRESHOLD;
	if (threshold) {
		if (r_state || r_events)
			return scfg_fail(g, r_state ? "state" : "events",
					 "threshold sensors (event_type 1) have no state bits");
		if (record && !g_ascii_strcasecmp(record, "compact"))
			return scfg_fail(g, "record", "a threshold sensor needs a full record");
		if (m == 0)
			return scfg_fail(g, "m", "a threshold sensor needs M other than 0");
	} else {
		static const char *const analog[] = {
		    "format", "m",   "b",   "bexp", "rexp", "nominal",    "lnr",
		    "lcr",    "lnc", "unc", "ucr",  "unr",  "hysteresis", "reading"};
		for (size_t i = 0; i < G_N_ELEMENTS(analog); i++)
			if (scfg_has(g, analog[i]))
				return scfg_fail(g, analog[i],
						 "only threshold sensors (event_type 1) have it");
	}
	if (r_number) {
		const BmcSensor *other = bmc_storage_sensor(s, (uint8_t)number);
		if (other)
			return scfg_fail(g, "number", "sensor 0x%02x is [sensor %s] already",
					 (unsigned)number, other->name);
	} else if (!(number = free_sensor_number(s))) {
		return scfg_fail(g, NULL, "no sensor number left");
	}

	BmcSensor *x = g_new0(BmcSensor, 1);
	gboolean compact = !threshold && !(record && !g_ascii_strcasecmp(record, "full"));
	x->rec.hdr.type = compact ? IPMI_SDR_TYPE_COMPACT : IPMI_SDR_TYPE_FULL;
	x->rec.hdr.version = IPMI_SDR_VERSION;
	x->rec.hdr.record_id = (uint16_t)(s->sensors->len + 1);
	IpmiSdrSensor *c = compact ? &x->rec.u.compact.s : &x->rec.u.full.s;
	c->owner_id = s->owner;
	c->number = (uint8_t)number;
	c->entity_id = eid;
	c->entity_instance = einst;
	c->sensor_type = (uint8_t)type;
	c->event_type = (uint8_t)ev;
	c->base_unit = (uint8_t)units;
	c->caps = IPMI_SDR_CAP_AUTO_REARM;
	ipmi_sdr_id_set(&c->id, name);
	if (threshold) {
		IpmiSdrFullSensor *f = &x->rec.u.full;
		c->init = 0x7F;
		c->analog_format = (uint8_t)format;
		f->m = (int16_t)m;
		f->b = (int16_t)b;
		f->b_exp = (int8_t)bexp;
		f->r_exp = (int8_t)rexp;
		if (!build_threshold(g, f, has_th, th, r_nominal > 0, nominal, r_hyst > 0, hyst)) {
			storage_sensor_free(x);
			return FALSE;
		}
		if (!r_reading)
			reading.a = nominal;
		x->reading = reading;
	} else {
		c->init = IPMI_SDR_INIT_SCANNING | IPMI_SDR_INIT_EVENTS | IPMI_SDR_INIT_TYPE |
			  IPMI_SDR_INIT_EVENTS_ON | IPMI_SDR_INIT_SCANNING_ON;
		c->analog_format = IPMI_ANALOG_NONE;
		uint16_t mask = (uint16_t)(r_events ? events : (state | 0x0001));
		c->assert_mask = c->deassert_mask = c->reading_mask = mask;
		x->state = (uint16_t)state;
	}
	x->name = g_strdup(name);
	g_ptr_array_add(s->sensors, x);
	storage_sdr_changed(s);
	return TRUE;
}
