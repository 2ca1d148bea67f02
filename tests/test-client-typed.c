/* test-client-typed.c - libipmi's typed API (ipmi-device.h, ipmi-sdr.h,
 * ipmi-sel.h, ipmi-fru.h, ipmi-channel.h, ipmi-bridge.h) against bmcsim's
 * default BMC and its satellites; bmcsim runs on its own loopback port
 * and is stopped at the end.  The expected FRU fields are read from the
 * simulator's own defaults (simulator/storage-defaults.c). */
#include <ipmi/ipmi.h>
#include <string.h>

#include "client-util.h"

static GSubprocess *sim;
static guint16 sim_port;

static gboolean
start_bmcsim(void)
{
	const char *prog = client_util_bmcsim();
	if (!prog)
		return FALSE;
	sim_port = client_util_free_udp_port();
	sim = client_util_start_bmcsim(prog, sim_port, NULL);
	return sim != NULL;
}

static void
stop_bmcsim(void)
{
	client_util_stop(&sim);
}

/* A connected client, or NULL (test skipped) without bmcsim. */
static IpmiClient *
connect_client(void)
{
	if (!sim) {
		g_test_skip("bmcsim not built");
		return NULL;
	}
	IpmiClient *c = client_util_new("127.0.0.1", sim_port, "admin", "password");
	g_object_set(c, "cipher-suite", 17, NULL);
	g_autoptr(GError) error = NULL;
	g_assert_true(ipmi_client_connect_sync(c, NULL, &error));
	g_assert_no_error(error);
	return c;
}

static void
disconnect(IpmiClient *c)
{
	g_autoptr(GError) error = NULL;
	g_assert_true(ipmi_client_close_sync(c, NULL, &error));
	g_assert_no_error(error);
	g_object_unref(c);
}

/* ---- device and chassis ------------------------------------------------- */

static void
test_device_id(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiDeviceId) id = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(id->device_id, ==, 0x20);
	g_assert_cmpuint(id->device_revision, ==, 1);
	g_assert_cmpuint(id->firmware_major, ==, 1);
	g_assert_cmpuint(id->firmware_minor, ==, 0x23);
	g_assert_cmpuint(id->ipmi_version_major, ==, 2);
	g_assert_cmpuint(id->ipmi_version_minor, ==, 0);
	g_assert_cmpuint(id->manufacturer_id, ==, 32473);
	g_assert_cmpuint(id->product_id, ==, 0x0b5c);
	g_assert_cmpuint(id->additional_support, ==, 0xdf);
	g_assert_true(id->available);
	g_assert_false(id->provides_sdrs);
	g_autoptr(IpmiDeviceId) copy = ipmi_device_id_copy(id);
	g_assert_cmpmem(copy, sizeof *copy, id, sizeof *id);
	disconnect(c);
}

static void
test_chassis(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiChassisStatus) st = ipmi_client_get_chassis_status_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(st->power_on);
	g_assert_true(ipmi_client_chassis_control_sync(c, IPMI_CHASSIS_POWER_DOWN, NULL, &error));
	g_assert_no_error(error);
	g_autoptr(IpmiChassisStatus) off = ipmi_client_get_chassis_status_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_false(off->power_on);
	/* A cycle while off is refused (D5h): an error. */
	g_assert_false(ipmi_client_chassis_control_sync(c, IPMI_CHASSIS_POWER_CYCLE, NULL, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE);
	g_clear_error(&error);
	g_assert_true(ipmi_client_chassis_control_sync(c, IPMI_CHASSIS_POWER_UP, NULL, &error));
	g_assert_no_error(error);
	g_autoptr(IpmiChassisStatus) on = ipmi_client_get_chassis_status_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(on->power_on);
	g_assert_true(on->last_power_event & 0x10); /* powered on by command */
	g_assert_true(ipmi_client_chassis_identify_sync(c, 5, FALSE, NULL, &error));
	g_assert_no_error(error);
	g_autoptr(IpmiChassisStatus) lit = ipmi_client_get_chassis_status_sync(c, NULL, &error);
	g_assert_true(lit->identify_supported);
	g_assert_cmpuint(lit->identify_state, ==, 1);
	g_assert_true(ipmi_client_chassis_identify_sync(c, 0, FALSE, NULL, &error));
	g_assert_no_error(error);
	disconnect(c);
}

/* ---- sensors ----------------------------------------------------------- */

static const IpmiSensor *
find_sensor(GPtrArray *sensors, const char *name)
{
	for (guint i = 0; i < sensors->len; i++) {
		const IpmiSensor *s = g_ptr_array_index(sensors, i);
		if (strcmp(s->name, name) == 0)
			return s;
	}
	g_assert_not_reached();
}

static void
got(GObject *source, GAsyncResult *result, gpointer user_data)
{
	*(GAsyncResult **)user_data = g_object_ref(result);
}

static void
test_sensors(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	/* The asynchronous form, on the default main context. */
	GAsyncResult *res = NULL;
	ipmi_client_get_sensors_async(c, NULL, got, &res);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) sensors = ipmi_client_get_sensors_finish(c, res, &error);
	g_object_unref(res);
	g_assert_no_error(error);
	g_assert_cmpuint(sensors->len, ==, 7);
	const struct {
		const char *name;
		guint8 number;
		const char *units;
		const char *type;
	} want[] = {
	    {"CPU Temp", 0x01, "degrees C", "Temperature"},
	    {"Inlet Temp", 0x02, "degrees C", "Temperature"},
	    {"12V", 0x10, "Volts", "Voltage"},
	    {"3.3V", 0x11, "Volts", "Voltage"},
	    {"FAN1", 0x20, "RPM", "Fan"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(want); i++) {
		const IpmiSensor *s = g_ptr_array_index(sensors, (guint)i);
		g_assert_cmpstr(s->name, ==, want[i].name);
		g_assert_cmpuint(s->number, ==, want[i].number);
		g_assert_cmpstr(s->units, ==, want[i].units);
		g_assert_cmpstr(s->type_name, ==, want[i].type);
		g_assert_true(ipmi_sensor_is_threshold(s));
		g_assert_true(s->has_analog);
		g_assert_true(s->reading_valid);
		g_assert_cmpint(ipmi_sensor_get_status(s), ==, IPMI_SENSOR_STATUS_OK);
		/* Within every readable non-critical threshold. */
		if (s->thresholds_readable & IPMI_THRESHOLD_LNC)
			g_assert_cmpfloat(s->value, >=, s->lnc);
		if (s->thresholds_readable & IPMI_THRESHOLD_UNC)
			g_assert_cmpfloat(s->value, <=, s->unc);
		g_assert_true(s->thresholds_readable != 0);
	}
	const IpmiSensor *cpu = find_sensor(sensors, "CPU Temp");
	g_assert_cmpuint(cpu->thresholds_readable, ==,
			 IPMI_THRESHOLD_UNC | IPMI_THRESHOLD_UCR | IPMI_THRESHOLD_UNR);
	g_assert_cmpfloat(cpu->unc, ==, 80.0);
	g_assert_cmpfloat(cpu->ucr, ==, 90.0);
	g_assert_cmpfloat(cpu->unr, ==, 95.0);
	g_assert_true(cpu->has_nominal);
	g_assert_cmpfloat(cpu->nominal, ==, 45.0);
	const IpmiSensor *v12 = find_sensor(sensors, "12V");
	g_assert_cmpfloat_with_epsilon(v12->lcr, 10.8, 0.001);
	g_assert_cmpfloat_with_epsilon(v12->value, 12.06, 0.07);
	const IpmiSensor *ps = find_sensor(sensors, "PS1 Status");
	g_assert_false(ipmi_sensor_is_threshold(ps));
	g_assert_cmpuint(ps->sensor_type, ==, 0x08);
	g_assert_cmpuint(ps->states, ==, 0x0001);
	g_autofree char *names = ipmi_sensor_dup_state_names(ps, ", ");
	g_assert_cmpstr(names, ==, "Presence detected");

	/* Read one again. */
	g_autoptr(IpmiSensor) again = ipmi_client_read_sensor_sync(c, cpu, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(again->name, ==, "CPU Temp");
	g_assert_true(again->reading_valid);
	g_assert_cmpfloat(again->value, <=, again->unc);
	disconnect(c);
}

/* ---- SEL ----------------------------------------------------------------- */

static void
test_sel(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiSelStatus) st = ipmi_client_get_sel_info_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(st->version, ==, 0x51);
	g_assert_cmpuint(st->entries, ==, 3);
	g_assert_true(st->has_allocation);
	g_assert_nonnull(st->addition_time);
	g_assert_null(st->erase_time);
	g_autoptr(GPtrArray) entries = ipmi_client_get_sel_entries_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(entries->len, ==, 3);
	const struct {
		const char *time;
		guint8 sensor_type, sensor_number;
		const char *description;
	} want[] = {
	    {"2024-03-14T08:00:00Z", 0x10, 0x70, "Log area reset/cleared"},
	    {"2024-03-14T08:01:00Z", 0x08, 0x30, "Presence detected"},
	    {"2024-03-14T09:53:20Z", 0x01, 0x01, "Upper Non-critical going high"},
	};
	for (guint i = 0; i < entries->len; i++) {
		const IpmiSelEntry *e = g_ptr_array_index(entries, i);
		g_assert_cmpuint(e->record_id, ==, i + 1);
		g_assert_cmpuint(e->record_type, ==, 0x02);
		g_assert_nonnull(e->time);
		g_autofree char *iso = g_date_time_format_iso8601(e->time);
		g_assert_cmpstr(iso, ==, want[i].time);
		g_assert_cmpuint(e->sensor_type, ==, want[i].sensor_type);
		g_assert_cmpuint(e->sensor_number, ==, want[i].sensor_number);
		g_assert_cmpstr(e->description, ==, want[i].description);
		g_assert_false(e->deasserted);
	}
	g_assert_true(g_date_time_equal(st->addition_time,
					((IpmiSelEntry *)g_ptr_array_index(entries, 2))->time));
	disconnect(c);
}

/* ---- FRU ------------------------------------------------------------------- */

/* "key = value" of [fru N] in the default BMC's configuration text (the
 * first string literal of the file, "key = value\n" per line). */
static GHashTable *
fru_defaults(const char *group)
{
	g_autofree char *text = NULL;
	g_assert_true(g_file_get_contents(SIMULATOR_DIR "/storage-defaults.c", &text, NULL, NULL));
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	g_autofree char *header = g_strdup_printf("[%s]", group);
	gboolean in = FALSE;
	for (char **l = lines; *l; l++) {
		char *q = strchr(*l, '"');
		char *end = q ? strstr(q + 1, "\\n\"") : NULL;
		if (!end)
			continue;
		g_autofree char *body = g_strndup(q + 1, (gsize)(end - q - 1));
		if (body[0] == '[') {
			in = strcmp(body, header) == 0;
		} else if (in) {
			char *eq = strstr(body, " = ");
			if (eq) {
				*eq = '\0';
				g_hash_table_insert(h, g_strdup(body), g_strdup(eq + 3));
			}
		}
		if (strstr(end, ";"))
			break; /* the end of the default BMC's text */
	}
	return h;
}

static void
test_fru(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GHashTable) d = fru_defaults("fru 0");
	g_assert_cmpuint(g_hash_table_size(d), >=, 14);
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiFruInfo) f = ipmi_client_get_fru_info_sync(c, 0, NULL, &error);
	g_assert_no_error(error);
	g_assert_true(f->has_chassis && f->has_board && f->has_product);
	g_assert_cmpstr(f->chassis_type_name, ==, g_hash_table_lookup(d, "chassis_type"));
	g_assert_cmpstr(f->chassis_part_number, ==, g_hash_table_lookup(d, "chassis_part"));
	g_assert_cmpstr(f->chassis_serial, ==, g_hash_table_lookup(d, "chassis_serial"));
	g_assert_cmpstr(f->board_manufacturer, ==, g_hash_table_lookup(d, "board_mfg"));
	g_assert_cmpstr(f->board_product, ==, g_hash_table_lookup(d, "board_product"));
	g_assert_cmpstr(f->board_serial, ==, g_hash_table_lookup(d, "board_serial"));
	g_assert_cmpstr(f->board_part_number, ==, g_hash_table_lookup(d, "board_part"));
	g_autoptr(GDateTime) date =
	    g_date_time_new_from_iso8601(g_hash_table_lookup(d, "board_date"), NULL);
	g_assert_true(g_date_time_equal(f->board_mfg_date, date));
	g_assert_cmpstr(f->product_manufacturer, ==, g_hash_table_lookup(d, "product_mfg"));
	g_assert_cmpstr(f->product_name, ==, g_hash_table_lookup(d, "product_name"));
	g_assert_cmpstr(f->product_part_number, ==, g_hash_table_lookup(d, "product_part"));
	g_assert_cmpstr(f->product_version, ==, g_hash_table_lookup(d, "product_version"));
	g_assert_cmpstr(f->product_serial, ==, g_hash_table_lookup(d, "product_serial"));
	g_assert_cmpstr(f->product_asset_tag, ==, g_hash_table_lookup(d, "product_asset"));
	g_assert_cmpuint(g_strv_length(f->product_custom), ==, 0);

	/* The other FRU, found through its locator record. */
	g_autoptr(GPtrArray) locs = ipmi_client_get_fru_locators_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(locs->len, ==, 1);
	const IpmiFruLocator *l = g_ptr_array_index(locs, 0);
	g_autoptr(GHashTable) d1 = fru_defaults("fru 1");
	g_assert_cmpstr(l->name, ==, g_hash_table_lookup(d1, "name"));
	g_assert_cmpuint(l->device_id, ==, 1);
	g_assert_true(l->logical);
	g_autoptr(IpmiFruInfo) f1 = ipmi_client_get_fru_info_sync(c, l->device_id, NULL, &error);
	g_assert_no_error(error);
	g_assert_false(f1->has_chassis || f1->has_board);
	g_assert_cmpstr(f1->product_name, ==, g_hash_table_lookup(d1, "product_name"));
	g_assert_cmpstr(f1->product_serial, ==, g_hash_table_lookup(d1, "product_serial"));

	/* The raw image parses to the same. */
	g_autoptr(GBytes) raw = ipmi_client_read_fru_data_sync(c, 0, NULL, &error);
	g_assert_no_error(error);
	g_autoptr(IpmiFruInfo) again = ipmi_fru_info_new_from_data(raw, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(again->product_asset_tag, ==, f->product_asset_tag);
	/* No FRU 9. */
	g_assert_null(ipmi_client_get_fru_info_sync(c, 9, NULL, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE);
	disconnect(c);
}

/* ---- channel and session ------------------------------------------------------ */

static void
test_cipher_suites(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) ids =
	    ipmi_client_get_cipher_suites_sync(c, IPMI_CHANNEL_THIS, NULL, &error);
	g_assert_no_error(error);
	static const guint8 want[] = {2, 3, 7, 8, 11, 12, 16, 17};
	g_assert_cmpmem(ids->data, ids->len, want, sizeof want);
	disconnect(c);
}

static void
test_session_info(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiSessionInfo) s = ipmi_client_get_session_info_sync(c, 0, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(s->handle, !=, 0);
	g_assert_cmpuint(s->slots, ==, 16);
	g_assert_cmpuint(s->active, >=, 1);
	g_assert_true(s->has_session && s->has_lan);
	g_assert_cmpuint(s->user_id, ==, 2);
	g_assert_cmpint(s->privilege, ==, IPMI_PRIVILEGE_ADMINISTRATOR);
	g_assert_cmpuint(s->session_type, ==, 1);
	g_assert_cmpstr(s->console_address, ==, "127.0.0.1");
	g_assert_cmpuint(s->console_port, !=, 0);
	disconnect(c);
}

/* ---- bridging --------------------------------------------------------------------- */

static void
check_satellite(IpmiResponse *rsp, guint16 product)
{
	g_assert_cmpuint(ipmi_response_get_completion_code(rsp), ==, 0);
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	g_assert_cmpuint(n, >=, 11);
	g_assert_cmpuint((guint)(d[10] << 8 | d[9]), ==, product);
}

static void
test_bridge(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GError) error = NULL;
	/* Single: the answer embedded in the Send Message answer. */
	g_autoptr(IpmiResponse) one =
	    ipmi_client_request_bridged_sync(c, 0, 0x72, 0, 0, 0x06, 0x01, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	check_satellite(one, 0x0b5d);
	/* Double: an empty Send Message answer, then the transit's. */
	g_autoptr(IpmiResponse) two = ipmi_client_request_bridged_sync(c, 7, 0x74, 0, 0x72, 0x06,
								       0x01, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	check_satellite(two, 0x0b5e);
	/* Nobody at 76h: the Send Message answer with 83h. */
	g_autoptr(IpmiResponse) none =
	    ipmi_client_request_bridged_sync(c, 0, 0x76, 0, 0, 0x06, 0x01, NULL, 0, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ipmi_response_get_completion_code(none), ==, 0x83);
	/* The typed API through a default target, then back to the BMC. */
	ipmi_client_set_target(c, 0, 0x72);
	g_autoptr(IpmiDeviceId) sat = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(sat->product_id, ==, 0x0b5d);
	ipmi_client_set_transit(c, 0, 0x72);
	ipmi_client_set_target(c, 7, 0x74);
	g_autoptr(IpmiDeviceId) sat2 = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(sat2->product_id, ==, 0x0b5e);
	ipmi_client_set_target(c, 0, 0x76);
	ipmi_client_set_transit(c, 0, 0);
	g_assert_null(ipmi_client_get_device_id_sync(c, NULL, &error));
	g_assert_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE);
	g_clear_error(&error);
	ipmi_client_set_target(c, 0, 0);
	g_autoptr(IpmiDeviceId) bmc = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(bmc->product_id, ==, 0x0b5c);
	/* Many double-bridged requests in flight at once. */
	GAsyncResult *res[8] = {NULL};
	for (int i = 0; i < 8; i++)
		ipmi_client_request_bridged_async(c, 7, 0x74, 0, 0x72, 0x06, 0x01, NULL, 0, NULL,
						  got, &res[i]);
	for (int i = 0; i < 8; i++) {
		while (!res[i])
			g_main_context_iteration(NULL, TRUE);
		g_autoptr(IpmiResponse) r = ipmi_client_request_bridged_finish(c, res[i], &error);
		g_assert_no_error(error);
		check_satellite(r, 0x0b5e);
		g_object_unref(res[i]);
	}
	disconnect(c);
}

static void
test_cancel(void)
{
	IpmiClient *c = connect_client();
	if (!c)
		return;
	g_autoptr(GCancellable) cancel = g_cancellable_new();
	GAsyncResult *res = NULL;
	ipmi_client_get_sensors_async(c, cancel, got, &res);
	g_cancellable_cancel(cancel);
	while (!res)
		g_main_context_iteration(NULL, TRUE);
	g_autoptr(GError) error = NULL;
	g_assert_null(ipmi_client_get_sensors_finish(c, res, &error));
	g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
	g_object_unref(res);
	client_util_spin(100);
	g_clear_error(&error);
	g_autoptr(IpmiDeviceId) id = ipmi_client_get_device_id_sync(c, NULL, &error);
	g_assert_no_error(error);
	disconnect(c);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	if (!start_bmcsim())
		stop_bmcsim();
	g_test_add_func("/client/typed/device-id", test_device_id);
	g_test_add_func("/client/typed/chassis", test_chassis);
	g_test_add_func("/client/typed/sensors", test_sensors);
	g_test_add_func("/client/typed/sel", test_sel);
	g_test_add_func("/client/typed/fru", test_fru);
	g_test_add_func("/client/typed/cipher-suites", test_cipher_suites);
	g_test_add_func("/client/typed/session-info", test_session_info);
	g_test_add_func("/client/typed/bridge", test_bridge);
	g_test_add_func("/client/typed/cancel", test_cancel);
	int rc = g_test_run();
	stop_bmcsim();
	return rc;
}
