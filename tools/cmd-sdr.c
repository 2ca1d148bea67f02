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
print_sdr_line(const IpmiSensor *s)
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
	printf("%-16s | %-17s | ", s->name, val);
	if (ipmi_sensor_is_threshold(s))
		printf("%s\n", status_word(s, "ns"));
	else
		printf("%s\n", s->reading_valid ? "ok" : "ns");
}

int
ipmictl_cmd_sdr_list(IpmiClient *client, int argc, char **argv)
{
	if (argc > 0 && strcmp(argv[0], "all") != 0 && strcmp(argv[0], "full") != 0 &&
	    strcmp(argv[0], "compact") != 0) {
		ipmictl_ext_fail("sdr list: only all, full and compact are supported");
		return 2;
	}
	g_autoptr(GPtrArray) sensors = get_sensors(client);
	if (!sensors)
		return 1;
	for (guint i = 0; i < sensors->len; i++) {
		const IpmiSensor *s = g_ptr_array_index(sensors, i);
		if (argc > 0 && strcmp(argv[0], "full") == 0 && s->record_type != 1)
			continue;
		if (argc > 0 && strcmp(argv[0], "compact") == 0 && s->record_type != 2)
			continue;
		print_sdr_line(s);
	}
	return 0;
}

static void
print_threshold(const IpmiSensor *s, IpmiThreshold bit, double value)
{
	if (s->thresholds_readable & bit)
		printf("| %-10.3f", value);
	else
		printf("| %-10s", "na");
}

static void
print_sensor_line(const IpmiSensor *s)
{
	printf("%-16s ", s->name);
	if (!ipmi_sensor_is_threshold(s)) {
		if (s->reading_valid)
			printf("| 0x%-8x | %-10s | 0x%02x%02x", shown_reading(s), "discrete",
			       s->state_bytes[0], s->state_bytes[1]);
		else
			printf("| %-10s | %-10s | %-6s", "na", "discrete", "na");
		printf("| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s\n", "na", "na", "na", "na", "na",
		       "na");
		return;
	}
	const char *units = s->has_analog && s->reading_valid ? s->units : "";
	if (s->reading_valid && s->has_analog)
		printf("| %-10.3f | %-10s | %-6s", s->value, units, status_word(s, "ns"));
	else if (s->reading_valid)
		printf("| 0x%-8x | %-10s | %-6s", s->raw_reading, units, status_word(s, "ns"));
	else
		printf("| %-10s | %-10s | %-6s", "na", units, "na");
	if (s->record_type == 1 && s->thresholds_readable) {
		print_threshold(s, IPMI_THRESHOLD_LNR, s->lnr);
		print_threshold(s, IPMI_THRESHOLD_LCR, s->lcr);
		print_threshold(s, IPMI_THRESHOLD_LNC, s->lnc);
		print_threshold(s, IPMI_THRESHOLD_UNC, s->unc);
		print_threshold(s, IPMI_THRESHOLD_UCR, s->ucr);
		print_threshold(s, IPMI_THRESHOLD_UNR, s->unr);
	} else {
		printf("| %-10s| %-10s| %-10s| %-10s| %-10s| %-10s", "na", "na", "na", "na", "na",
		       "na");
	}
	printf("\n");
}

int
ipmictl_cmd_sensor_list(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GPtrArray) sensors = get_sensors(client);
	if (!sensors)
		return 1;
	for (guint i = 0; i < sensors->len; i++)
		print_sensor_line(g_ptr_array_index(sensors, i));
	return 0;
}
