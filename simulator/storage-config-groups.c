/* storage-config-groups.c - the [sel], [sel N] and [fru N] groups, and
 * routing a group to its reader. */
#include "storage-private.h"

#include "core/names.h"

/* ---- [sel] and [sel N]
 * ------------------------------------------------------------------------------ */

static const char *const sel_keys[] = {"capacity", "clear_event", NULL};
static const char *const sel_entry_keys[] = {
    "timestamp",     "type",       "generator",    "sensor", "sensor_type",
    "sensor_number", "event_type", "direction",    "offset", "reading",
    "threshold",     "data",       "manufacturer", "oem",    NULL};

static gboolean
config_sel(BmcStorage *s, Group *g)
{
	gint64 cap;
	int r = scfg_opt_int(g, "capacity", 1, SEL_CAPACITY_MAX, &cap);
	if (r < 0 || scfg_opt_bool(g, "clear_event", &s->sel_clear_event) < 0)
		return FALSE;
	if (r > 0) {
		if ((guint)cap < s->sel->len)
			return scfg_fail(g, "capacity", "%u entries are configured already",
					 s->sel->len);
		s->sel_capacity = (guint)cap;
	}
	return TRUE;
}

static gboolean
sel_raw_of(Group *g, const char *name, const BmcSensor *x, double v, uint8_t *raw)
{
	IpmiSensorFactors fac;
	ipmi_sdr_full_factors(&x->rec.u.full, &fac);
	if (ipmi_sensor_value_to_raw(&fac, v, raw) != 0)
		return scfg_fail(g, name, "%g is outside the range of [sensor %s]", v, x->name);
	return TRUE;
}

static gboolean
config_sel_entry(BmcStorage *s, Group *g, const char *n)
{
	gint64 idx;
	if (!scfg_parse_int(n, 0, G_MAXINT32, &idx))
		return scfg_fail(g, NULL, "SEL entries are [sel N], N a number");
	IpmiSelRecord e = {.type = IPMI_SEL_TYPE_SYSTEM};
	gint64 type = IPMI_SEL_TYPE_SYSTEM, ts, gen = s->owner, snum = 0, et = 0, offset = 0,
	       manu = 0;
	double reading = 0, threshold = 0;
	uint8_t data[3], oem[13] = {0};
	size_t n_data = 0, n_oem = 0;
	g_autofree char *sensor = scfg_value(g, "sensor");
	g_autofree char *dir = scfg_value(g, "direction");
	int stype = 0; /* an int: scfg_opt_code writes an int */
	int r_ts, r_stype, r_snum, r_et, r_reading, r_threshold, r_data;
	if (scfg_opt_int(g, "type", 0, 0xFF, &type) < 0 ||
	    (r_ts = scfg_opt_time(g, "timestamp", 0, &ts)) < 0 ||
	    scfg_opt_int(g, "generator", 0, 0xFFFF, &gen) < 0 ||
	    (r_stype = scfg_opt_code(g, "sensor_type", ipmi_sensor_type_code, 0xFF, &stype)) < 0 ||
	    (r_snum = scfg_opt_int(g, "sensor_number", 0, 0xFF, &snum)) < 0 ||
	    (r_et = scfg_opt_int(g, "event_type", 0, 0x7F, &et)) < 0 ||
	    scfg_opt_int(g, "offset", 0, 15, &offset) < 0 ||
	    (r_reading = scfg_opt_double(g, "reading", &reading)) < 0 ||
	    (r_threshold = scfg_opt_double(g, "threshold", &threshold)) < 0 ||
	    (r_data = scfg_opt_bytes(g, "data", data, 3, &n_data)) < 0 ||
	    scfg_opt_int(g, "manufacturer", 0, 0xFFFFFF, &manu) < 0 ||
	    scfg_opt_bytes(g, "oem", oem, type < IPMI_SEL_TYPE_OEM_NTS ? 6 : 13, &n_oem) < 0)
		return FALSE;
	e.type = (uint8_t)type;
	if (r_stype)
		e.sensor_type = (uint8_t)stype;
	if (!r_ts)
		ts = s->sel_add_ts != IPMI_TIMESTAMP_UNSPECIFIED ? (gint64)s->sel_add_ts + 60
								 : SEL_TS_DEFAULT;
	if (type >= IPMI_SEL_TYPE_OEM_TS) {
		static const char *const sys[] = {
		    "generator", "sensor", "sensor_type", "sensor_number", "event_type",
		    "direction", "offset", "reading",     "threshold",     "data"};
		for (size_t i = 0; i < G_N_ELEMENTS(sys); i++)
			if (scfg_has(g, sys[i]))
				return scfg_fail(g, sys[i], "OEM records (type C0h-FFh) have no %s",
						 sys[i]);
		if (type >= IPMI_SEL_TYPE_OEM_NTS && (r_ts || scfg_has(g, "manufacturer")))
			return scfg_fail(g, r_ts ? "timestamp" : "manufacturer",
					 "records of type E0h-FFh carry only OEM bytes");
		if (type < IPMI_SEL_TYPE_OEM_NTS) {
			e.timestamp = (uint32_t)ts;
			e.manufacturer_id = (uint32_t)manu;
		}
		memcpy(e.oem, oem, sizeof oem);
	} else {
		if (scfg_has(g, "manufacturer") || scfg_has(g, "oem"))
			return scfg_fail(g, scfg_has(g, "oem") ? "oem" : "manufacturer",
					 "only OEM records (type C0h-FFh) have it");
		const BmcSensor *x = sensor ? bmc_storage_sensor_named(s, sensor) : NULL;
		if (sensor && !x)
			return scfg_fail(g, "sensor", "no [sensor %s] above", sensor);
		if (x) {
			const IpmiSdrSensor *c = ipmi_sdr_record_sensor(&x->rec);
			if (!r_stype)
				e.sensor_type = c->sensor_type;
			if (!r_snum)
				snum = c->number;
			if (!r_et)
				et = c->event_type;
		} else if (!r_stype || !r_snum) {
			return scfg_fail(g, NULL, "needs sensor, or sensor_type and sensor_number");
		} else if (!r_et) {
			et = IPMI_EVENT_TYPE_SENSOR_SPECIFIC;
		}
		if (dir && g_ascii_strcasecmp(dir, "assert") && g_ascii_strcasecmp(dir, "deassert"))
			return scfg_fail(g, "direction", "expected assert or deassert");
		e.timestamp = (uint32_t)ts;
		e.generator_id = (uint16_t)gen;
		e.evm_rev = IPMI_SEL_EVM_REV;
		e.sensor_number = (uint8_t)snum;
		e.deassertion = dir && !g_ascii_strcasecmp(dir, "deassert");
		e.event_type = (uint8_t)et;
		e.data[0] = (uint8_t)offset;
		e.data[1] = e.data[2] = 0xFF;
		if (r_reading || r_threshold) {
			const char *k = r_reading ? "reading" : "threshold";
			if (!x || !bmc_sensor_is_threshold(x))
				return scfg_fail(g, k, "needs a threshold sensor (the sensor key)");
			if (r_reading && !sel_raw_of(g, "reading", x, reading, &e.data[1]))
				return FALSE;
			if (r_threshold && !sel_raw_of(g, "threshold", x, threshold, &e.data[2]))
				return FALSE;
			/* bits 7:6 01b: trigger reading in byte 2; 5:4 01b: threshold in 3 */
			e.data[0] |= (uint8_t)((r_reading ? 0x40 : 0) | (r_threshold ? 0x10 : 0));
		}
		if (r_data) {
			if (n_data != 3)
				return scfg_fail(g, "data", "expected 3 bytes");
			memcpy(e.data, data, 3);
		}
	}
	if (!storage_sel_append(s, &e, NULL))
		return scfg_fail(g, NULL, "the SEL is full (capacity %u)", s->sel_capacity);
	return TRUE;
}

/* ---- [fru N]
 * --------------------------------------------------------------------------------------------- */

static const char *const fru_keys[] = {"name",           "entity",        "size",
				       "chassis_type",   "chassis_part",  "chassis_serial",
				       "board_mfg",      "board_product", "board_serial",
				       "board_part",     "board_date",    "product_mfg",
				       "product_name",   "product_part",  "product_version",
				       "product_serial", "product_asset", NULL};

static int
chassis_type_code(const char *name)
{
	g_autofree char *want = g_strdelimit(g_ascii_strdown(name, -1), " -_", ' ');
	/* The core's SMBIOS table (ipmitool's spelling); codes past its end
	 * read as "Unknown", which code 2 matches first. */
	for (int i = 0; i < 0x20; i++) {
		g_autofree char *t = g_strdelimit(
		    g_ascii_strdown(ipmi_fru_chassis_type_name((uint8_t)i), -1), " -_", ' ');
		if (!strcmp(t, want))
			return i;
	}
	return -1;
}

static int
opt_field(Group *g, const char *name, IpmiFruField *f)
{
	g_autofree char *v = scfg_value(g, name);
	if (!v)
		return 0;
	if (ipmi_fru_field_set_text(f, v) == 0)
		return 1;
	scfg_fail(g, name,
		  strlen(v) > IPMI_FRU_FIELD_MAX
		      ? "longer than 63 bytes"
		      : "one character must be a digit, capital letter or punctuation");
	return -1;
}

static gboolean
config_fru(BmcStorage *s, Group *g, const char *n)
{
	gint64 id, size = 0, date;
	if (!scfg_parse_int(n, 0, 254, &id))
		return scfg_fail(g, NULL, "FRU device IDs are 0..254");
	if (storage_fru_find(s, (uint8_t)id))
		return scfg_fail(g, NULL, "FRU %u is defined already", (unsigned)id);
	g_autofree IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	uint8_t eid = 7, einst = 1;
	int chassis_type = 0x17, r;
	g_autofree char *name = scfg_value(g, "name");
	if (name && strlen(name) > IPMI_SDR_ID_MAX)
		return scfg_fail(g, "name", "longer than %d bytes", IPMI_SDR_ID_MAX);
	if (scfg_opt_entity(g, "entity", &eid, &einst) < 0 ||
	    (r = scfg_opt_int(g, "size", 8, 0xFFFF, &size)) < 0 ||
	    scfg_opt_code(g, "chassis_type", chassis_type_code, 0xFF, &chassis_type) < 0)
		return FALSE;
	const struct {
		const char *key;
		IpmiFruField *f;
		bool *area;
	} fields[] = {
	    {"chassis_part", &inv->chassis.part, &inv->has_chassis},
	    {"chassis_serial", &inv->chassis.serial, &inv->has_chassis},
	    {"board_mfg", &inv->board.mfg, &inv->has_board},
	    {"board_product", &inv->board.product, &inv->has_board},
	    {"board_serial", &inv->board.serial, &inv->has_board},
	    {"board_part", &inv->board.part, &inv->has_board},
	    {"product_mfg", &inv->product.mfg, &inv->has_product},
	    {"product_name", &inv->product.name, &inv->has_product},
	    {"product_part", &inv->product.part, &inv->has_product},
	    {"product_version", &inv->product.version, &inv->has_product},
	    {"product_serial", &inv->product.serial, &inv->has_product},
	    {"product_asset", &inv->product.asset, &inv->has_product},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		int rf = opt_field(g, fields[i].key, fields[i].f);
		if (rf < 0)
			return FALSE;
		if (rf)
			*fields[i].area = true;
	}
	int rd = scfg_opt_time(g, "board_date", IPMI_FRU_EPOCH, &date);
	if (rd < 0)
		return FALSE;
	if (rd) {
		inv->has_board = true;
		inv->board.mfg_minutes = (uint32_t)((date - IPMI_FRU_EPOCH) / 60);
		if (inv->board.mfg_minutes > 0xFFFFFF)
			return scfg_fail(g, "board_date", "past the format's end (2027-11-24)");
	}
	if (scfg_has(g, "chassis_type"))
		inv->has_chassis = true;
	inv->chassis.type = (uint8_t)chassis_type;
	inv->board.lang = inv->product.lang = IPMI_FRU_LANG_ENGLISH;

	uint8_t image[8 + 3 * 255 * 8];
	int len = ipmi_fru_image_encode(image, sizeof image, inv);
	g_assert(len > 0); /* fields were checked */
	if (r && size < len)
		return scfg_fail(g, "size", "the inventory needs %d bytes", len);
	if (!r)
		size = (len + 255) / 256 * 256;
	uint8_t *area = g_malloc((gsize)size);
	memset(area, 0xFF, (gsize)size); /* an erased EEPROM */
	memcpy(area, image, (size_t)len);
	Fru *f = g_new0(Fru, 1);
	f->id = (uint8_t)id;
	f->name = name ? g_strdup(name) : g_strdup_printf("FRU %u", (unsigned)id);
	f->entity_id = eid;
	f->entity_instance = einst;
	f->image = g_bytes_new_take(area, (gsize)size);
	g_ptr_array_add(s->frus, f);
	storage_sdr_changed(s);
	return TRUE;
}

/* ---- Groups
 * -------------------------------------------------------------------------------------------- */

gboolean
bmc_storage_owns_group(const char *group)
{
	return (g_str_has_prefix(group, "sensor ") && group[7]) || !strcmp(group, "sel") ||
	       (g_str_has_prefix(group, "sel ") && group[4]) ||
	       (g_str_has_prefix(group, "fru ") && group[4]);
}

gboolean
bmc_storage_config_group(BmcStorage *s, const BmcConfigSource *src, const char *group,
			 GError **error)
{
	Group g;
	gboolean ok;
	if (g_str_has_prefix(group, "sensor ") && group[7])
		ok = scfg_group_open(&g, src, group, storage_sensor_keys, error) &&
		     storage_config_sensor(s, &g, group + 7);
	else if (!strcmp(group, "sel"))
		ok = scfg_group_open(&g, src, group, sel_keys, error) && config_sel(s, &g);
	else if (g_str_has_prefix(group, "sel ") && group[4])
		ok = scfg_group_open(&g, src, group, sel_entry_keys, error) &&
		     config_sel_entry(s, &g, group + 4);
	else if (g_str_has_prefix(group, "fru ") && group[4])
		ok = scfg_group_open(&g, src, group, fru_keys, error) &&
		     config_fru(s, &g, group + 4);
	else
		ok = scfg_group_open(&g, src, group, NULL, error) &&
		     scfg_fail(&g, NULL, "unknown group");
	g_hash_table_unref(g.keys);
	return ok;
}
