/* cmd-sdr.c - `sdr list` and `sensor list`, printed as ipmitool 1.8.19
 * prints them (ipmi_sdr_print_sensor_fc, ipmi_sensor_print_fc). */
#include "cmd-ext.h"

#include <stdio.h>
#include <string.h>

static GPtrArray *
get_sensors(IpmiClient *client)
{
	g_autoptr(GError) error = NULL;
	GPtrArray *sensors = ipmi_client_get_sensors_sync(client, NULL, &error);
	if (!sensors)
		ipmictl_ext_fail("%s", error->message);
	return sensors;
}

/* ipmitool's status column: ok, nc, cr, nr, or `invalid` without a
 * reading. */
static const char *
status_word(const IpmiSensor *s, const char *invalid)
{
	switch (ipmi_sensor_get_status(s)) {
	case IPMI_SENSOR_STATUS_OK:
		return "ok";
	case IPMI_SENSOR_STATUS_NON_CRITICAL:
		return "nc";
	case IPMI_SENSOR_STATUS_CRITICAL:
		return "cr";
	case IPMI_SENSOR_STATUS_NON_RECOVERABLE:
		return "nr";
	case IPMI_SENSOR_STATUS_NOT_AVAILABLE:
	default:
		return invalid;
	}
}

/* A value with no decimals when it is whole, else `precision` of them. */
static char *
value_string(double v, int precision)
{
	return g_strdup_printf("%.*f", v == (int)v ? 0 : precision, v);
}

/* ipmitool 1.8.19 shows the first state byte as the "reading" of a
 * discrete sensor. */
static guint8
shown_reading(const IpmiSensor *s)
{
	return ipmi_sensor_is_threshold(s) ? s->raw_reading : s->state_bytes[0];
}

static void
print_sdr_line(GString *out, const IpmiSensor *s)
{
	gboolean full = s->record_type == 1;
	g_autofree char *val = NULL;
	if (s->reading_valid) {
		if (s->has_analog) {
			g_autofree char *v = value_string(s->value, 2);
			val = g_strdup_printf("%s %s", v, s->units);
		} else {
			val = g_strdup_printf("0x%02x", shown_reading(s));
		}
	} else if (s->scanning_disabled) {
		val = g_strdup(full ? "disabled" : "Not Readable");
	} else {
		val = g_strdup(full ? "no reading" : "Not Readable");
	}
	/* ipmitool formats into a 16-byte buffer and pads to 17 columns. */
	if (strlen(val) > 15)
		val[15] = '\0';
	g_string_append_printf(out, "%-16s | %-17s | ", s->name, val);
	if (ipmi_sensor_is_threshold(s))
		g_string_append_printf(out, "%s\n", status_word(s, "ns"));
	else
		g_string_append_printf(out, "%s\n", s->reading_valid ? "ok" : "ns");
}

static void print_sensor_line(GString *out, const IpmiSensor *s);

/* Which records `sdr list [all|full|compact]` shows; NULL filter: all. */
static gboolean
sdr_listed(const IpmiSensor *s, const char *filter)
{
	if (filter && strcmp(filter, "full") == 0)
		return s->record_type == 1;
	if (filter && strcmp(filter, "compact") == 0)
		return s->record_type == 2;
	return TRUE;
}

gboolean
ipmictl_sdr_filter_ok(int argc, char **argv, GError **error)
{
	if (argc > 0 && strcmp(argv[0], "all") != 0 && strcmp(argv[0], "full") != 0 &&
	    strcmp(argv[0], "compact") != 0) {
		g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
				    "sdr list: only all, full and compact are supported");
		return FALSE;
	}
	return TRUE;
}

/* The typed fields of a sensor, for --json. */
static void
sensor_json(GString *arr, const IpmiSensor *s)
{
	JsonObject o;
	if (arr->len > 1)
		g_string_append_c(arr, ',');
	jsonw_begin(&o, arr);
	jsonw_str(&o, "name", s->name);
	jsonw_int(&o, "record_type", s->record_type);
	jsonw_bool(&o, "threshold", ipmi_sensor_is_threshold(s));
	jsonw_bool(&o, "reading_valid", s->reading_valid);
	if (s->reading_valid && s->has_analog)
		jsonw_double(&o, "value", s->value);
	else
		jsonw_null(&o, "value");
	jsonw_str(&o, "units", s->has_analog ? s->units : NULL);
	jsonw_int(&o, "raw_reading", s->raw_reading);
	jsonw_str(&o, "status",
		  ipmi_sensor_is_threshold(s) ? status_word(s, "ns")
					      : (s->reading_valid ? "ok" : "ns"));
	if (!ipmi_sensor_is_threshold(s))
		jsonw_int(&o, "state", s->state_bytes[0] | s->state_bytes[1] << 8);
	static const struct {
		const char *key;
		IpmiThreshold bit;
	} th[] = {{"lnr", IPMI_THRESHOLD_LNR}, {"lcr", IPMI_THRESHOLD_LCR},
		  {"lnc", IPMI_THRESHOLD_LNC}, {"unc", IPMI_THRESHOLD_UNC},
		  {"ucr", IPMI_THRESHOLD_UCR}, {"unr", IPMI_THRESHOLD_UNR}};
	const double values[] = {s->lnr, s->lcr, s->lnc, s->unc, s->ucr, s->unr};
	for (gsize i = 0; i < G_N_ELEMENTS(th); i++) {
		if (s->record_type == 1 && (s->thresholds_readable & th[i].bit))
			jsonw_double(&o, th[i].key, values[i]);
		else
			jsonw_null(&o, th[i].key);
	}
	jsonw_end(&o);
}

void
ipmictl_fmt_sensors(GPtrArray *sensors, gboolean sdr, const char *filter, GString *out,
		    JsonObject *json)
{
	g_autoptr(GString) arr = g_string_new("[");
	for (guint i = 0; i < sensors->len; i++) {
		const IpmiSensor *s = g_ptr_array_index(sensors, i);
		if (sdr && !sdr_listed(s, filter))
			continue;
		if (sdr)
			print_sdr_line(out, s);
		else
			print_sensor_line(out, s);
		if (json)
			sensor_json(arr, s);
	}
	g_string_append_c(arr, ']');
	if (json)
		jsonw_raw(json, "sensors", arr->str);
}

int
ipmictl_cmd_sdr_list(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	if (!ipmictl_sdr_filter_ok(argc, argv, &error)) {
		ipmictl_ext_fail("%s", error->message);
		return 2;
	}
	g_autoptr(GPtrArray) sensors = get_sensors(client);
	if (!sensors)
		return 1;
	g_autoptr(GString) out = g_string_new(NULL);
	ipmictl_fmt_sensors(sensors, TRUE, argc > 0 ? argv[0] : NULL, out, NULL);
	fwrite(out->str, 1, out->len, stdout);
	return 0;
}

static void
print_threshold(GString *out, const IpmiSensor *s, IpmiThreshold bit, double value)
{
	if (s->thresholds_readable & bit)
		g_string_append_printf(out, "| %-10.3f", value);
	else
		g_string_append_printf(out, "| %-10s", "na");
}

static void
print_sensor_line(GString *out, const IpmiSensor *s)
{
	g_string_append_printf(out, "%-16s ", s->name);
	if (!ipmi_sensor_is_threshold(s)) {
		if (s->reading_valid)
			g_string_append_printf(out, "| 0x%-8x | %-10s | 0x%02x%02x",
					       shown_reading(s), "discrete", s->state_bytes[0],
					       s->state_bytes[1]);
		else
			g_string_append_printf(out, "| %-10s | %-10s | %-6s", "na", "discrete",
					       "na");
		g_string_append_printf(out, "| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s\n", "na",
				       "na", "na", "na", "na", "na");
		return;
	}
	const char *units = s->has_analog && s->reading_valid ? s->units : "";
	if (s->reading_valid && s->has_analog)
		g_string_append_printf(out, "| %-10.3f | %-10s | %-6s", s->value, units,
				       status_word(s, "ns"));
	else if (s->reading_valid)
		g_string_append_printf(out, "| 0x%-8x | %-10s | %-6s", s->raw_reading, units,
				       status_word(s, "ns"));
	else
		g_string_append_printf(out, "| %-10s | %-10s | %-6s", "na", units, "na");
	if (s->record_type == 1 && s->thresholds_readable) {
		print_threshold(out, s, IPMI_THRESHOLD_LNR, s->lnr);
		print_threshold(out, s, IPMI_THRESHOLD_LCR, s->lcr);
		print_threshold(out, s, IPMI_THRESHOLD_LNC, s->lnc);
		print_threshold(out, s, IPMI_THRESHOLD_UNC, s->unc);
		print_threshold(out, s, IPMI_THRESHOLD_UCR, s->ucr);
		print_threshold(out, s, IPMI_THRESHOLD_UNR, s->unr);
	} else {
		g_string_append_printf(out, "| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s", "na",
				       "na", "na", "na", "na", "na");
	}
	g_string_append_printf(out, "\n");
}

int
ipmictl_cmd_sensor_list(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GPtrArray) sensors = get_sensors(client);
	if (!sensors)
		return 1;
	g_autoptr(GString) out = g_string_new(NULL);
	ipmictl_fmt_sensors(sensors, FALSE, NULL, out, NULL);
	fwrite(out->str, 1, out->len, stdout);
	return 0;
}
