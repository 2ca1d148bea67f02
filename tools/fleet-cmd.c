/* fleet-cmd.c - the commands fleet mode runs on every host: one request
 * each, formatted as ipmictl prints it for one host (ipmitool's layout) and
 * as JSON members. */
#include "fleet-private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

gboolean
fleet_usage(GError **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error_literal(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, msg);
	return FALSE;
}

static gboolean
too_short(const FleetCmd *cmd, gsize n, gsize want, GError **error)
{
	if (n >= want)
		return FALSE;
	g_set_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_PROTOCOL,
		    "%s: answer too short (%" G_GSIZE_FORMAT " bytes)", cmd->what, n);
	return TRUE;
}

/* ---- mc info ------------------------------------------------------------ */

/* The organisation of an IANA enterprise number, from the registry file
 * ipmitool reads; looked up once per number for the whole fleet. */
static const char *
manufacturer_name(guint32 id)
{
	static GHashTable *cache;
	static char *registry;
	static gboolean loaded;
	if (!cache)
		cache = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	const char *hit = g_hash_table_lookup(cache, GUINT_TO_POINTER(id));
	if (hit)
		return hit;
	if (!loaded) {
		loaded = TRUE;
		if (!g_file_get_contents("/usr/share/misc/enterprise-numbers.txt", &registry, NULL,
					 NULL))
			g_file_get_contents("/usr/share/misc/enterprise-numbers", &registry, NULL,
					    NULL);
	}
	char *name = NULL;
	char key[16];
	g_snprintf(key, sizeof key, "\n%u\n", id);
	const char *p = registry ? strstr(registry, key) : NULL;
	if (p) {
		p += strlen(key);
		p += strspn(p, " \t");
		name = g_strndup(p, strcspn(p, "\r\n"));
	} else {
		name = g_strdup("Unknown");
	}
	g_hash_table_insert(cache, GUINT_TO_POINTER(id), name);
	return name;
}

static gboolean
format_mc_info(const FleetCmd *cmd, IpmiResponse *rsp, GString *t, JsonObject *j, GError **error)
{
	static const char *const support[8] = {
	    "Sensor Device",       "SDR Repository Device", "SEL Device", "FRU Inventory Device",
	    "IPMB Event Receiver", "IPMB Event Generator",  "Bridge",     "Chassis Device",
	};
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	if (too_short(cmd, n, 11, error))
		return FALSE;
	guint32 mfg = (guint32)(d[8] & 0x0F) << 16 | (guint32)d[7] << 8 | d[6];
	const char *mfg_name = manufacturer_name(mfg);
	guint product = (guint)(d[10] << 8 | d[9]);
	char fw[16], ver[8];
	g_snprintf(fw, sizeof fw, "%u.%02x", d[2] & 0x7F, d[3]);
	g_snprintf(ver, sizeof ver, "%x.%x", d[4] & 0x0F, (d[4] & 0xF0) >> 4);
	g_string_append_printf(t, "Device ID                 : %i\n", d[0]);
	g_string_append_printf(t, "Device Revision           : %i\n", d[1] & 0x0F);
	g_string_append_printf(t, "Firmware Revision         : %s\n", fw);
	g_string_append_printf(t, "IPMI Version              : %s\n", ver);
	g_string_append_printf(t, "Manufacturer ID           : %lu\n", (unsigned long)mfg);
	g_string_append_printf(t, "Manufacturer Name         : %s\n", mfg_name);
	g_string_append_printf(t, "Product ID                : %u (0x%02x%02x)\n", product, d[10],
			       d[9]);
	g_string_append_printf(t, "Device Available          : %s\n", (d[2] & 0x80) ? "no" : "yes");
	g_string_append_printf(t, "Provides Device SDRs      : %s\n", (d[1] & 0x80) ? "yes" : "no");
	g_string_append(t, "Additional Device Support :\n");
	const char *names[8];
	gsize k = 0;
	for (int i = 0; i < 8; i++) {
		if (d[5] & (1 << i)) {
			g_string_append_printf(t, "    %s\n", support[i]);
			names[k++] = support[i];
		}
	}
	jsonw_int(j, "device_id", d[0]);
	jsonw_int(j, "device_revision", d[1] & 0x0F);
	jsonw_str(j, "firmware_revision", fw);
	jsonw_str(j, "ipmi_version", ver);
	jsonw_int(j, "manufacturer_id", mfg);
	jsonw_str(j, "manufacturer_name", mfg_name);
	jsonw_int(j, "product_id", product);
	jsonw_bool(j, "device_available", !(d[2] & 0x80));
	jsonw_bool(j, "provides_device_sdrs", (d[1] & 0x80) != 0);
	jsonw_strv(j, "additional_device_support", names, k);
	if (n == 15) {
		g_string_append(t, "Aux Firmware Rev Info     : \n");
		g_string_append_printf(t, "    0x%02x\n    0x%02x\n    0x%02x\n    0x%02x\n", d[11],
				       d[12], d[13], d[14]);
		char aux[32];
		g_snprintf(aux, sizeof aux, "[%u,%u,%u,%u]", d[11], d[12], d[13], d[14]);
		jsonw_raw(j, "aux_firmware_revision", aux);
	} else {
		jsonw_null(j, "aux_firmware_revision");
	}
	return TRUE;
}

/* ---- chassis ------------------------------------------------------------ */

static gboolean
format_chassis_status(const FleetCmd *cmd, IpmiResponse *rsp, GString *t, JsonObject *j,
		      GError **error)
{
	static const char *const policy[4] = {"always-off", "previous", "always-on", "unknown"};
	static const char *const events[5] = {"ac-failed", "overload", "interlock", "fault",
					      "command"};
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	if (too_short(cmd, n, 3, error))
		return FALSE;
	const char *ev[5];
	gsize k = 0;
	GString *last = g_string_new(NULL);
	for (int i = 0; i < 5; i++) {
		if (d[1] & (1 << i)) {
			ev[k++] = events[i];
			g_string_append_printf(last, i < 4 ? "%s " : "%s", events[i]);
		}
	}
#define TF(b) ((b) ? "true" : "false")
#define ACT(b) ((b) ? "active" : "inactive")
	g_string_append_printf(t, "System Power         : %s\n", (d[0] & 0x01) ? "on" : "off");
	g_string_append_printf(t, "Power Overload       : %s\n", TF(d[0] & 0x02));
	g_string_append_printf(t, "Power Interlock      : %s\n", ACT(d[0] & 0x04));
	g_string_append_printf(t, "Main Power Fault     : %s\n", TF(d[0] & 0x08));
	g_string_append_printf(t, "Power Control Fault  : %s\n", TF(d[0] & 0x10));
	g_string_append_printf(t, "Power Restore Policy : %s\n", policy[(d[0] & 0x60) >> 5]);
	g_string_append_printf(t, "Last Power Event     : %s\n", last->str);
	g_string_append_printf(t, "Chassis Intrusion    : %s\n", ACT(d[2] & 0x01));
	g_string_append_printf(t, "Front-Panel Lockout  : %s\n", ACT(d[2] & 0x02));
	g_string_append_printf(t, "Drive Fault          : %s\n", TF(d[2] & 0x04));
	g_string_append_printf(t, "Cooling/Fan Fault    : %s\n", TF(d[2] & 0x08));
	g_string_free(last, TRUE);
	if (n > 3 && d[3] == 0) {
		g_string_append(t, "Front Panel Control  : none\n");
	} else if (n > 3) {
		static const char *const lines[8] = {
		    "Sleep Button Disable : ", "Diag Button Disable  : ", "Reset Button Disable : ",
		    "Power Button Disable : ", "Sleep Button Disabled: ", "Diag Button Disabled : ",
		    "Reset Button Disabled: ", "Power Button Disabled: ",
		};
		for (int i = 0; i < 8; i++) {
			gboolean bit = (d[3] & (0x80 >> i)) != 0;
			g_string_append_printf(t, "%s%s\n", lines[i],
					       i < 4 ? (bit ? "allowed" : "not allowed") : TF(bit));
		}
	}
	jsonw_str(j, "system_power", (d[0] & 0x01) ? "on" : "off");
	jsonw_bool(j, "power_overload", d[0] & 0x02);
	jsonw_bool(j, "power_interlock", (d[0] & 0x04) != 0);
	jsonw_bool(j, "main_power_fault", (d[0] & 0x08) != 0);
	jsonw_bool(j, "power_control_fault", (d[0] & 0x10) != 0);
	jsonw_str(j, "power_restore_policy", policy[(d[0] & 0x60) >> 5]);
	jsonw_strv(j, "last_power_event", ev, k);
	jsonw_bool(j, "chassis_intrusion", (d[2] & 0x01) != 0);
	jsonw_bool(j, "front_panel_lockout", (d[2] & 0x02) != 0);
	jsonw_bool(j, "drive_fault", (d[2] & 0x04) != 0);
	jsonw_bool(j, "cooling_fan_fault", (d[2] & 0x08) != 0);
	if (n > 3)
		jsonw_int(j, "front_panel_control", d[3]);
	else
		jsonw_null(j, "front_panel_control");
#undef TF
#undef ACT
	return TRUE;
}

static gboolean
format_power_status(const FleetCmd *cmd, IpmiResponse *rsp, GString *t, JsonObject *j,
		    GError **error)
{
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	if (too_short(cmd, n, 1, error))
		return FALSE;
	const char *state = (d[0] & 1) ? "on" : "off";
	g_string_append_printf(t, "Chassis Power is %s\n", state);
	jsonw_str(j, "chassis_power", state);
	return TRUE;
}

static gboolean
format_power_control(const FleetCmd *cmd, IpmiResponse *rsp, GString *t, JsonObject *j,
		     GError **error)
{
	g_string_append_printf(t, "Chassis Power Control: %s\n", cmd->control_text);
	jsonw_str(j, "chassis_power_control", cmd->control_text);
	return TRUE;
}

/* ---- raw ---------------------------------------------------------------- */

static gboolean
format_raw(const FleetCmd *cmd, IpmiResponse *rsp, GString *t, JsonObject *j, GError **error)
{
	gsize n;
	const guint8 *d = ipmi_response_peek_data(rsp, &n);
	g_autoptr(GString) arr = g_string_new("[");
	for (gsize i = 0; i < n; i++) {
		if (i && i % 16 == 0)
			g_string_append_c(t, '\n');
		g_string_append_printf(t, " %02x", d[i]);
		g_string_append_printf(arr, i ? ",%u" : "%u", d[i]);
	}
	g_string_append_c(t, '\n');
	g_string_append_c(arr, ']');
	jsonw_int(j, "completion_code", 0);
	jsonw_raw(j, "data", arr->str);
	return TRUE;
}

/* A byte as ipmitool's str2uchar reads it: decimal, 0x hex or 0 octal. */
static gboolean
parse_byte(const char *s, guint8 *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long v = strtoul(s, &end, 0);
	if (errno || !end || *end || end == s || v > 0xFF)
		return FALSE;
	*out = (guint8)v;
	return TRUE;
}

/* ---- parsing ------------------------------------------------------------ */

gboolean
fleet_cmd_format(const FleetCmd *cmd, IpmiResponse *rsp, GString *text, JsonObject *json,
		 GError **error)
{
	guint8 cc = ipmi_response_get_completion_code(rsp);
	if (cc && cmd->raw) {
		g_set_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE,
			    "Unable to send RAW command (netfn=0x%x cmd=0x%x rsp=0x%x): %s",
			    cmd->netfn, cmd->command, cc, ipmi_completion_code_to_string(cc));
		return FALSE;
	}
	if (cc) {
		g_set_error(error, IPMI_CLIENT_ERROR, IPMI_CLIENT_ERROR_COMPLETION_CODE,
			    "%s command failed: %s", cmd->what, ipmi_completion_code_to_string(cc));
		return FALSE;
	}
	return cmd->format(cmd, rsp, text, json, error);
}

void
fleet_cmd_free(FleetCmd *cmd)
{
	if (!cmd)
		return;
	g_free(cmd->what);
	g_free(cmd->arg);
	g_byte_array_unref(cmd->data);
	g_free(cmd);
}

static FleetCmd *
cmd_new(const char *what, guint8 netfn, guint8 command, FleetFormat format)
{
	FleetCmd *c = g_new0(FleetCmd, 1);
	c->what = g_strdup(what);
	c->netfn = netfn;
	c->command = command;
	c->format = format;
	c->data = g_byte_array_new();
	return c;
}

static FleetCmd *
parse_power(int argc, char **argv, GError **error)
{
	static const struct {
		const char *word;
		guint8 ctl;
		const char *text;
	} controls[] = {
	    {"off", 0, "Down/Off"}, {"on", 1, "Up/On"},  {"cycle", 2, "Cycle"},
	    {"reset", 3, "Reset"},  {"diag", 4, "Diag"}, {"soft", 5, "Soft"},
	};
	if (argc < 1 || strcmp(argv[0], "status") == 0)
		return cmd_new("Get Chassis Power Status", 0x00, 0x01, format_power_status);
	for (gsize i = 0; i < G_N_ELEMENTS(controls); i++) {
		if (strcmp(argv[0], controls[i].word) != 0)
			continue;
		g_autofree char *what =
		    g_strdup_printf("Set Chassis Power Control to %s", controls[i].text);
		FleetCmd *c = cmd_new(what, 0x00, 0x02, format_power_control);
		g_byte_array_append(c->data, &controls[i].ctl, 1);
		c->control_text = controls[i].text;
		return c;
	}
	fleet_usage(error, "unknown power command '%s' (status, on, off, cycle, reset, diag, soft)",
		    argv[0]);
	return NULL;
}

static FleetCmd *
parse_raw(int argc, char **argv, GError **error)
{
	guint8 netfn, command;
	if (argc < 2 || !parse_byte(argv[0], &netfn) || !parse_byte(argv[1], &command)) {
		fleet_usage(error, "usage: raw NETFN CMD [DATA...] (bytes: 0x06, 6, ...)");
		return NULL;
	}
	g_autofree char *what = g_strdup_printf("RAW (netfn=0x%x cmd=0x%x)", netfn, command);
	g_autoptr(FleetCmd) c = cmd_new(what, netfn, command, format_raw);
	c->raw = TRUE;
	for (int i = 2; i < argc; i++) {
		guint8 b;
		if (!parse_byte(argv[i], &b)) {
			fleet_usage(error, "raw: '%s' is not a byte", argv[i]);
			return NULL;
		}
		g_byte_array_append(c->data, &b, 1);
	}
	if (c->data->len > IPMI_CLIENT_MAX_REQUEST_DATA) {
		fleet_usage(error, "raw: more than %d data bytes", IPMI_CLIENT_MAX_REQUEST_DATA);
		return NULL;
	}
	return g_steal_pointer(&c);
}

FleetCmd *
fleet_cmd_parse(int argc, char **argv, GError **error)
{
	const char *c = argc > 0 ? argv[0] : "";
	const char *s = argc > 1 ? argv[1] : "";
	GError *typed_error = NULL;
	FleetCmd *typed = fleet_cmd_parse_typed(argc, argv, &typed_error);
	if (typed || typed_error) {
		if (typed_error)
			g_propagate_error(error, typed_error);
		return typed;
	}
	if ((strcmp(c, "mc") == 0 || strcmp(c, "bmc") == 0) && strcmp(s, "info") == 0)
		return cmd_new("Get Device ID", 0x06, 0x01, format_mc_info);
	if (strcmp(c, "chassis") == 0 && strcmp(s, "status") == 0)
		return cmd_new("Get Chassis Status", 0x00, 0x01, format_chassis_status);
	if (strcmp(c, "chassis") == 0 && strcmp(s, "power") == 0)
		return parse_power(argc - 2, argv + 2, error);
	if (strcmp(c, "power") == 0)
		return parse_power(argc - 1, argv + 1, error);
	if (strcmp(c, "raw") == 0)
		return parse_raw(argc - 1, argv + 1, error);
	fleet_usage(
	    error,
	    "unknown command '%s' (mc info, chassis status|power|identify, power, raw, sdr "
	    "list, sensor list, sel info|list, fru print, session info, channel getciphers)",
	    argc > 0 ? c : "(no command)");
	return NULL;
}
