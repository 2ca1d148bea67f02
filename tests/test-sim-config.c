/* test-sim-config.c - the storage configuration groups ([sensor NAME],
 * [sel], [sel N], [fru N]): errors that name file and line, custom
 * configurations, satellites and reading models, checked through the
 * handler tables. */
#include "sim-storage-util.h"

/* ---- Configuration ------------------------------------------------------------------------- */

/* Line numbers of "[group]" and "key =" in the text (what the daemon's
 * configuration scan does for files). */
static int
line_of(gpointer ctx, const char *group, const char *key)
{
	g_auto(GStrv) lines = g_strsplit(ctx, "\n", -1);
	g_autofree char *header = g_strdup_printf("[%s]", group);
	gboolean in = FALSE;
	for (int i = 0; lines[i]; i++) {
		char *l = g_strstrip(lines[i]);
		if (l[0] == '[') {
			in = !strcmp(l, header);
			if (in && !key)
				return i + 1;
		} else if (in && key && g_str_has_prefix(l, key)) {
			const char *rest = l + strlen(key);
			while (*rest == ' ')
				rest++;
			if (*rest == '=')
				return i + 1;
		}
	}
	return 0;
}

/* Load every group of text into s; the first error's message, or NULL. */
static char *
load(BmcStorage *s, const char *text)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_assert_true(g_key_file_load_from_data(kf, text, (gsize)-1, G_KEY_FILE_NONE, NULL));
	BmcConfigSource src = {kf, "test.conf", line_of, (gpointer)text};
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	for (char **g = groups; *g; g++) {
		g_assert_true(bmc_storage_owns_group(*g));
		g_autoptr(GError) error = NULL;
		if (!bmc_storage_config_group(s, &src, *g, &error)) {
			g_assert_error(error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
			return g_strdup(error->message);
		}
	}
	return NULL;
}

static void
expect_error(const char *text, const char *message)
{
	BmcStorage *s = bmc_storage_new();
	g_autofree char *got = load(s, text);
	bmc_storage_free(s);
	if (!got || !g_str_has_prefix(got, message))
		g_error("config\n%s\nexpected \"%s...\", got \"%s\"", text, message,
			got ? got : "(no error)");
}

static void
test_config_errors(void)
{
	expect_error("[sensor Temp]\ntype = Temperature\nbogus = 1\n",
		     "test.conf:3: [sensor Temp] bogus: unknown key");
	expect_error("[sensor Temp]\nunits = Volts\n",
		     "test.conf:1: [sensor Temp]: the type key is missing");
	expect_error("[sensor Temp]\ntype = Warmth\n",
		     "test.conf:2: [sensor Temp] type: unknown name");
	expect_error("[sensor Temp]\ntype = Temperature\nm = 600\n",
		     "test.conf:3: [sensor Temp] m: expected a number -512..511");
	expect_error("[sensor Temp]\ntype = Temperature\nunc = 300\n",
		     "test.conf:3: [sensor Temp] unc: 300 is outside the sensor's range 0..255");
	expect_error("[sensor Temp]\ntype = Temperature\nucr = 80\nunc = 90\n",
		     "test.conf:3: [sensor Temp] ucr: 80 is below unc = 90");
	expect_error("[sensor Temp]\ntype = Temperature\nreading = square:1,2\n",
		     "test.conf:3: [sensor Temp] reading: expected constant:V");
	expect_error("[sensor Temp]\ntype = Temperature\nreading = sine:40,5,0\n",
		     "test.conf:3: [sensor Temp] reading: the period");
	expect_error(
	    "[sensor A]\ntype = Fan\nnumber = 5\n\n[sensor B]\ntype = Fan\nnumber = 0x05\n",
	    "test.conf:7: [sensor B] number: sensor 0x05 is [sensor A] already");
	expect_error("[sensor PS]\ntype = Power Supply\nstate = 1\nunc = 3\n",
		     "test.conf:4: [sensor PS] unc: only threshold sensors");
	expect_error("[sensor Seventeen chars!!]\ntype = Fan\n",
		     "test.conf:1: [sensor Seventeen chars!!]: sensor names are 1..16 bytes");
	expect_error("[sel 1]\nsensor = Nope\n", "test.conf:2: [sel 1] sensor: no [sensor Nope]");
	expect_error("[sel 1]\nsensor_type = 1\n",
		     "test.conf:1: [sel 1]: needs sensor, or sensor_type and sensor_number");
	expect_error("[sel 1]\ntimestamp = yesterday\nsensor_type = 1\nsensor_number = 1\n",
		     "test.conf:2: [sel 1] timestamp: expected Unix seconds");
	expect_error("[sel]\ncapacity = 0\n", "test.conf:2: [sel] capacity: expected a number");
	expect_error("[sel 1]\ntype = 0xE0\noem = 1 2 3 4 5 6 7 8 9 10 11 12 13 14\n",
		     "test.conf:3: [sel 1] oem: expected up to 13 bytes");
	expect_error("[fru 300]\nboard_mfg = x\n", "test.conf:1: [fru 300]: FRU device IDs");
	expect_error("[fru 0]\nproduct_name = "
		     "0123456789012345678901234567890123456789012345678901234567890123\n",
		     "test.conf:2: [fru 0] product_name: longer than 63 bytes");
	expect_error("[fru 0]\nboard_date = 1990-01-01\n", "test.conf:2: [fru 0] board_date:");
	expect_error("[fru 0]\nsize = 16\nproduct_name = Long enough to need more than 16\n",
		     "test.conf:2: [fru 0] size: the inventory needs");
	/* Keys may be written with '-': the error names them as written. */
	expect_error("[fru 1]\nproduct-name = x\nbogus-key = 1\n",
		     "test.conf:3: [fru 1] bogus-key: unknown key");
	g_assert_false(bmc_storage_owns_group("users"));
	g_assert_false(bmc_storage_owns_group("sensor "));
	g_assert_true(bmc_storage_owns_group("sel"));
}

static void
test_config_custom(void)
{
	static const char text[] = "[sensor PSU Power]\n"
				   "type = Power Supply\n"
				   "units = Watts\n"
				   "m = 4\n"
				   "reading = ramp:100,300,60\n"
				   "ucr = 800\n"
				   "\n"
				   "[sensor Door]\n"
				   "type = physical_security\n"
				   "event-type = 0x6f\n"
				   "state = 0x0001\n"
				   "record = full\n"
				   "\n"
				   "[sel]\n"
				   "capacity = 4\n"
				   "clear_event = false\n"
				   "\n"
				   "[sel 10]\n"
				   "timestamp = 1700000000\n"
				   "sensor = Door\n"
				   "direction = deassert\n"
				   "\n"
				   "[sel 11]\n"
				   "type = 0xC0\n"
				   "manufacturer = 32473\n"
				   "oem = 1,2,3\n"
				   "\n"
				   "[fru 5]\n"
				   "name = Riser\n"
				   "board-mfg = ACME\n"
				   "board_date = 2020-02-02 12:00\n";
	g_autoptr(Bmc) b = g_new0(Bmc, 1);
	b->model.storage = bmc_storage_new();
	b->now_us = NOW_US;
	BmcStorage *s = b->model.storage;
	g_autofree char *err = load(s, text);
	g_assert_cmpstr(err, ==, NULL);
	g_assert_cmpuint(bmc_storage_sensor_count(s), ==, 2);
	/* Numbers given out from 1; a ramp over its period. */
	const BmcSensor *p = bmc_storage_sensor(s, 1);
	g_assert_nonnull(p);
	g_assert_true(bmc_sensor_is_threshold(p));
	gint64 t0 = G_GINT64_CONSTANT(1700000040) * G_USEC_PER_SEC; /* a multiple of 60 s */
	g_assert_cmpfloat_with_epsilon(bmc_sensor_value(p, t0), 100.0, 1e-6);
	g_assert_cmpfloat_with_epsilon(bmc_sensor_value(p, t0 + 30 * G_USEC_PER_SEC), 200.0, 1e-6);
	const BmcSensor *d = bmc_storage_sensor(s, 2);
	g_assert_cmpuint(bmc_sensor_record(d)->hdr.type, ==, IPMI_SDR_TYPE_FULL);
	g_assert_false(bmc_sensor_is_threshold(d));
	/* SEL: a deassertion from Door, an OEM record. */
	g_assert_cmpuint(bmc_storage_sel_count(s), ==, 2);
	uint16_t next;
	const IpmiSelRecord *e = bmc_storage_sel_get(s, 1, &next);
	g_assert_true(e->deassertion);
	g_assert_cmphex(e->sensor_type, ==, IPMI_SENSOR_TYPE_PHYSICAL_SECURITY);
	g_assert_cmphex(e->timestamp, ==, 1700000000);
	e = bmc_storage_sel_get(s, next, &next);
	g_assert_cmphex(e->type, ==, 0xC0);
	g_assert_cmphex(e->manufacturer_id, ==, 32473);
	g_assert_cmphex(e->timestamp, ==, 1700000060);
	g_assert_cmphex(next, ==, 0xFFFF);
	/* Capacity 4: two more fit, then C4h; no event after a clear. */
	uint8_t rec[16];
	IpmiSelRecord add = {.type = 0xE0};
	ipmi_sel_record_encode(rec, sizeof rec, &add);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY, rec, 16), ==, 0);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY, rec, 16), ==, 0);
	g_assert_cmphex(call(b, IPMI_NETFN_STORAGE, IPMI_CMD_ADD_SEL_ENTRY, rec, 16), ==,
			IPMI_CC_OUT_OF_SPACE);
	g_assert_cmphex(sel_info(b).op_support & IPMI_SEL_OP_OVERFLOW, !=, 0);
	bmc_storage_sel_clear(s, NOW_US);
	g_assert_cmpuint(bmc_storage_sel_count(s), ==, 0);
	/* FRU 5 has a board area only, and a locator. */
	size_t size;
	const uint8_t *img = bmc_storage_fru(s, 5, &size);
	g_assert_nonnull(img);
	g_autofree IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	g_assert_cmpint(ipmi_fru_image_decode(img, size, inv), ==, (int)size);
	g_assert_true(inv->has_board && !inv->has_product && !inv->has_chassis);
	g_assert_cmpuint(inv->board.mfg_minutes, ==, (1580644800 - IPMI_FRU_EPOCH) / 60);
	g_assert_cmpuint(bmc_storage_sdr_count(s), ==, 4); /* 2 sensors, FRU, MC */
	/* Satellites: another owner. */
	bmc_storage_set_owner(s, 0x72, "sat1");
	size_t len;
	const uint8_t *r = bmc_storage_sdr_get(s, 1, &len, &next);
	IpmiSdrRecord sdr;
	g_assert_cmpint(ipmi_sdr_record_decode(r, len, &sdr), ==, (int)len);
	g_assert_cmphex(sdr.u.full.s.owner_id, ==, 0x72);
	r = bmc_storage_sdr_get(s, 0xFFFF, &len, &next);
	g_assert_cmpint(ipmi_sdr_record_decode(r, len, &sdr), ==, (int)len);
	g_assert_cmpstr(sdr.u.mc.id.data, ==, "sat1");
}

static void
test_satellite(void)
{
	g_autoptr(Bmc) b = g_new0(Bmc, 1);
	b->model.storage = bmc_storage_new();
	b->now_us = NOW_US;
	bmc_storage_add_satellite_defaults(b->model.storage, 0x72, "sat1");
	g_autoptr(GArray) recs = walk_sdr(b, IPMI_NETFN_SENSOR, IPMI_CMD_GET_DEVICE_SDR,
					  IPMI_CMD_RESERVE_DEVICE_SDR_REPO, 16);
	g_assert_cmpuint(recs->len, ==, 3); /* two sensors and the MC locator */
	const IpmiSdrRecord *t = find_record(recs, IPMI_SDR_TYPE_FULL, "Card Temp");
	g_assert_nonnull(t);
	g_assert_cmphex(t->u.full.s.owner_id, ==, 0x72);
	g_assert_nonnull(find_record(recs, IPMI_SDR_TYPE_MC_LOCATOR, "sat1"));
	g_autoptr(GByteArray) img = read_fru(b, 0, 16);
	g_autofree IpmiFruInventory *inv = g_new0(IpmiFruInventory, 1);
	g_assert_cmpint(ipmi_fru_image_decode(img->data, img->len, inv), ==, (int)img->len);
	assert_field(&inv->board.product, "EX-IO4 IO Module");
	g_assert_cmpuint(bmc_storage_sel_count(b->model.storage), ==, 0);
}

static void
test_reading_models(void)
{
	static const char text[] = "[sensor C]\ntype = Fan\nreading = constant:42\n"
				   "[sensor S]\ntype = Fan\nreading = sine:100,10,40\n"
				   "[sensor W]\ntype = Fan\nreading = walk:100,20,5,9\n"
				   "[sensor W2]\ntype = Fan\nreading = walk:100,20,5,10\n";
	BmcStorage *s = bmc_storage_new();
	g_autofree char *err = load(s, text);
	g_assert_cmpstr(err, ==, NULL);
	gint64 t0 = G_GINT64_CONSTANT(1700000000) * G_USEC_PER_SEC; /* a multiple of 40 s */
	const BmcSensor *c = bmc_storage_sensor_named(s, "C");
	const BmcSensor *sn = bmc_storage_sensor_named(s, "S");
	g_assert_cmpfloat(bmc_sensor_value(c, t0), ==, 42.0);
	g_assert_cmpfloat_with_epsilon(bmc_sensor_value(sn, t0), 100.0, 1e-6);
	g_assert_cmpfloat_with_epsilon(bmc_sensor_value(sn, t0 + 10 * G_USEC_PER_SEC), 110.0, 1e-6);
	g_assert_cmpfloat_with_epsilon(bmc_sensor_value(sn, t0 + 30 * G_USEC_PER_SEC), 90.0, 1e-6);
	const BmcSensor *w = bmc_storage_sensor_named(s, "W");
	const BmcSensor *w2 = bmc_storage_sensor_named(s, "W2");
	gboolean differs = FALSE;
	double prev = bmc_sensor_value(w, t0);
	for (int k = 1; k < 600; k++) {
		gint64 t = t0 + (gint64)k * G_USEC_PER_SEC;
		double v = bmc_sensor_value(w, t);
		g_assert_cmpfloat(v, >=, 80.0);
		g_assert_cmpfloat(v, <=, 120.0);
		/* Smooth: no jump of more than the whole amplitude in a second. */
		g_assert_cmpfloat(v - prev, <, 20.0);
		g_assert_cmpfloat(prev - v, <, 20.0);
		g_assert_cmpfloat(v, ==, bmc_sensor_value(w, t));  /* deterministic */
		differs = differs || v != bmc_sensor_value(w2, t); /* seeded */
		prev = v;
	}
	g_assert_true(differs);
	bmc_storage_free(s);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/sim/storage/config-errors", test_config_errors);
	g_test_add_func("/sim/storage/config-custom", test_config_custom);
	g_test_add_func("/sim/storage/satellite", test_satellite);
	g_test_add_func("/sim/storage/reading-models", test_reading_models);
	return g_test_run();
}
