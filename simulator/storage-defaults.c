/* storage-defaults.c - the default BMC's and satellites' sensors, SEL and
 * FRU, written in the configuration syntax and read by the same parser. */
#include "storage-private.h"

/* ---- The default BMC
 * ------------------------------------------------------------------------------------ */

static const char defaults[] = "[sensor CPU Temp]\n"
			       "number = 0x01\n"
			       "type = Temperature\n"
			       "units = degrees C\n"
			       "entity = 3.1\n"
			       "nominal = 45\n"
			       "unc = 80\n"
			       "ucr = 90\n"
			       "unr = 95\n"
			       "hysteresis = 2\n"
			       "reading = sine:45,4,120\n"
			       "\n"
			       "[sensor Inlet Temp]\n"
			       "number = 0x02\n"
			       "type = Temperature\n"
			       "units = degrees C\n"
			       "entity = 55.1\n"
			       "format = 2s\n"
			       "nominal = 23\n"
			       "lnr = -5\n"
			       "lcr = 0\n"
			       "lnc = 5\n"
			       "unc = 35\n"
			       "ucr = 40\n"
			       "unr = 45\n"
			       "hysteresis = 1\n"
			       "reading = walk:23,2,30,7\n"
			       "\n"
			       "[sensor 12V]\n"
			       "number = 0x10\n"
			       "type = Voltage\n"
			       "units = Volts\n"
			       "entity = 7.1\n"
			       "m = 6\n"
			       "rexp = -2\n"
			       "nominal = 12\n"
			       "lnr = 10.2\n"
			       "lcr = 10.8\n"
			       "lnc = 11.4\n"
			       "unc = 12.6\n"
			       "ucr = 13.2\n"
			       "unr = 13.8\n"
			       "hysteresis = 0.12\n"
			       "reading = sine:12.06,0.06,90\n"
			       "\n"
			       "[sensor 3.3V]\n"
			       "number = 0x11\n"
			       "type = Voltage\n"
			       "units = Volts\n"
			       "entity = 7.1\n"
			       "m = 16\n"
			       "b = 20\n"
			       "bexp = 2\n"
			       "rexp = -3\n"
			       "nominal = 3.3\n"
			       "lnr = 2.9\n"
			       "lcr = 3.0\n"
			       "lnc = 3.1\n"
			       "unc = 3.5\n"
			       "ucr = 3.6\n"
			       "unr = 3.7\n"
			       "hysteresis = 0.032\n"
			       "reading = ramp:3.28,3.32,600\n"
			       "\n"
			       "[sensor FAN1]\n"
			       "number = 0x20\n"
			       "type = Fan\n"
			       "units = RPM\n"
			       "entity = 29.1\n"
			       "m = 50\n"
			       "nominal = 5400\n"
			       "lnr = 300\n"
			       "lcr = 500\n"
			       "lnc = 800\n"
			       "hysteresis = 100\n"
			       "reading = walk:5400,300,20,42\n"
			       "\n"
			       "[sensor PS1 Status]\n"
			       "number = 0x30\n"
			       "type = Power Supply\n"
			       "entity = 10.1\n"
			       "state = 0x0001\n" /* presence detected */
			       "events = 0x000F\n"
			       "\n"
			       "[sensor Event Log]\n"
			       "number = 0x70\n"
			       "type = Event Logging Disabled\n"
			       "entity = 7.1\n"
			       "state = 0x0000\n"
			       "events = 0x0034\n" /* log area cleared, SEL full, SEL almost full */
			       "\n"
			       "[sel 1]\n"
			       "timestamp = 2024-03-14T08:00:00Z\n"
			       "sensor = Event Log\n"
			       "offset = 2\n"
			       "\n"
			       "[sel 2]\n"
			       "timestamp = 2024-03-14T08:01:00Z\n"
			       "sensor = PS1 Status\n"
			       "offset = 0\n"
			       "\n"
			       "[sel 3]\n"
			       "timestamp = 2024-03-14T09:53:20Z\n"
			       "sensor = CPU Temp\n"
			       "offset = 7\n" /* upper non-critical going high */
			       "reading = 82\n"
			       "threshold = 80\n"
			       "\n"
			       "[fru 0]\n"
			       "chassis_type = Rack Mount Chassis\n"
			       "chassis_part = EX-CH-1U-500\n"
			       "chassis_serial = EXC2345A0042\n"
			       "board_mfg = Example Computing Inc.\n"
			       "board_product = EX-2240 Mainboard\n"
			       "board_serial = EXB23450117\n"
			       "board_part = EX-MB-2240-A02\n"
			       "board_date = 2023-06-12T08:30:00Z\n"
			       "product_mfg = Example Computing Inc.\n"
			       "product_name = ExampleServer 2240\n"
			       "product_part = EX2240-1U-S\n"
			       "product_version = A02\n"
			       "product_serial = EXS2345K0117\n"
			       "product_asset = ASSET-000117\n"
			       "\n"
			       "[fru 1]\n"
			       "name = PS1 FRU\n"
			       "entity = 10.1\n"
			       "product_mfg = Example Power Ltd.\n"
			       "product_name = EXP-550W PSU\n"
			       "product_part = EXP550-01\n"
			       "product_version = 02\n"
			       "product_serial = EXP2335S00123\n";

/* A satellite controller (an add-in card on IPMB): a few sensors and a
 * board FRU. */
static const char satellite_defaults[] = "[sensor Card Temp]\n"
					 "number = 0x01\n"
					 "type = Temperature\n"
					 "units = degrees C\n"
					 "entity = 11.1\n"
					 "nominal = 38\n"
					 "unc = 75\n"
					 "ucr = 85\n"
					 "hysteresis = 2\n"
					 "reading = sine:38,2,180\n"
					 "\n"
					 "[sensor Card 5V]\n"
					 "number = 0x02\n"
					 "type = Voltage\n"
					 "units = Volts\n"
					 "entity = 11.1\n"
					 "m = 3\n"
					 "rexp = -2\n"
					 "nominal = 5\n"
					 "lcr = 4.5\n"
					 "ucr = 5.49\n"
					 "reading = constant:5.01\n"
					 "\n"
					 "[fru 0]\n"
					 "board_mfg = Example Computing Inc.\n"
					 "board_product = EX-IO4 IO Module\n"
					 "board_serial = EXI23380042\n"
					 "board_part = EX-IO4-A01\n"
					 "board_date = 2023-09-18T14:00:00Z\n";

/* Line numbers in a key file's text: "[group]" headers and "key =" lines. */
static int
text_line_of(gpointer ctx, const char *group, const char *key)
{
	const char *p = ctx;
	gboolean in = FALSE;
	for (int line = 1; *p; line++) {
		const char *eol = strchr(p, '\n');
		g_autofree char *l = g_strndup(p, eol ? (gsize)(eol - p) : strlen(p));
		g_strstrip(l);
		size_t n = strlen(l);
		if (l[0] == '[' && n >= 2 && l[n - 1] == ']') {
			l[n - 1] = '\0';
			in = !strcmp(l + 1, group);
			if (in && !key)
				return line;
		} else if (in && key) {
			char *eq = strchr(l, '=');
			if (eq) {
				*eq = '\0';
				if (!strcmp(g_strstrip(l), key))
					return line;
			}
		}
		if (!eol)
			break;
		p = eol + 1;
	}
	return 0;
}

static void
add_text(BmcStorage *s, const char *text, gsize len)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) error = NULL;
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &error))
		g_error("storage defaults: %s", error->message);
	BmcConfigSource src = {kf, "(storage defaults)", text_line_of, (gpointer)text};
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	for (char **gr = groups; *gr; gr++)
		if (!bmc_storage_config_group(s, &src, *gr, &error))
			g_error("%s", error->message);
}

void
bmc_storage_add_defaults(BmcStorage *s)
{
	add_text(s, defaults, sizeof defaults - 1);
}

void
bmc_storage_add_satellite_defaults(BmcStorage *s, uint8_t ipmb_addr, const char *name)
{
	bmc_storage_set_owner(s, ipmb_addr, name);
	add_text(s, satellite_defaults, sizeof satellite_defaults - 1);
}
