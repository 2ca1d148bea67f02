/* cmd-fru.c - `fru print [ID]`, as ipmitool 1.8.19 prints it
 * (ipmi_fru_print_all: the builtin FRU 0, then every logical FRU Device
 * Locator of the SDR repository). */
#include "cmd-ext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
field(GString *out, JsonObject *json, const char *label, const char *key, const char *value)
{
	if (value && *value) {
		g_string_append_printf(out, " %-22s: %s\n", label, value);
		if (json)
			jsonw_str(json, key, value);
	}
}

static void
customs(GString *out, JsonObject *json, const char *label, const char *key, char **values)
{
	for (char **v = values; v && *v; v++)
		g_string_append_printf(out, " %-22s: %s\n", label, *v);
	if (json && values && *values)
		jsonw_strv(json, key, (const char *const *)values, g_strv_length(values));
}

void
ipmictl_fmt_fru_error(const GError *error, GString *out)
{
	/* ipmitool: " Device not present (<completion code text>)" */
	const char *why = error->message;
	const char *colon = g_strrstr(why, ": ");
	g_autofree char *reason = g_strdup(colon ? colon + 2 : why);
	char *paren = strstr(reason, " (completion code");
	if (paren)
		*paren = '\0';
	g_string_append_printf(out, " Device not present (%s)\n", reason);
}

void
ipmictl_fmt_fru(const IpmiFruInfo *f, GString *out, JsonObject *j)
{
	if (f->has_chassis) {
		field(out, j, "Chassis Type", "chassis_type", f->chassis_type_name);
		field(out, j, "Chassis Part Number", "chassis_part_number", f->chassis_part_number);
		field(out, j, "Chassis Serial", "chassis_serial", f->chassis_serial);
		customs(out, j, "Chassis Extra", "chassis_extra", f->chassis_custom);
	}
	if (f->has_board) {
		g_autofree char *date = NULL;
		if (f->board_mfg_date)
			date = ipmictl_ext_time((guint32)g_date_time_to_unix(f->board_mfg_date),
						"%a %b %e %H:%M:%S %Y %Z");
		field(out, NULL, "Board Mfg Date", NULL, date ? date : "Unspecified");
		if (j && f->board_mfg_date)
			jsonw_int(j, "board_mfg_date", g_date_time_to_unix(f->board_mfg_date));
		else if (j)
			jsonw_null(j, "board_mfg_date");
		field(out, j, "Board Mfg", "board_mfg", f->board_manufacturer);
		field(out, j, "Board Product", "board_product", f->board_product);
		field(out, j, "Board Serial", "board_serial", f->board_serial);
		field(out, j, "Board Part Number", "board_part_number", f->board_part_number);
		field(out, j, "Board FRU ID", "board_fru_id", f->board_fru_file_id);
		customs(out, j, "Board Extra", "board_extra", f->board_custom);
	}
	if (f->has_product) {
		field(out, j, "Product Manufacturer", "product_manufacturer",
		      f->product_manufacturer);
		field(out, j, "Product Name", "product_name", f->product_name);
		field(out, j, "Product Part Number", "product_part_number", f->product_part_number);
		field(out, j, "Product Version", "product_version", f->product_version);
		field(out, j, "Product Serial", "product_serial", f->product_serial);
		field(out, j, "Product Asset Tag", "product_asset_tag", f->product_asset_tag);
		field(out, j, "Product FRU ID", "product_fru_id", f->product_fru_file_id);
		customs(out, j, "Product Extra", "product_extra", f->product_custom);
	}
}

static int
print_fru(IpmiClient *client, guint8 id)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiFruInfo) f = ipmi_client_get_fru_info_sync(client, id, NULL, &error);
	g_autoptr(GString) out = g_string_new(NULL);
	if (f)
		ipmictl_fmt_fru(f, out, NULL);
	else
		ipmictl_fmt_fru_error(error, out);
	fwrite(out->str, 1, out->len, stdout);
	return f ? 0 : 1;
}

gboolean
ipmictl_fru_locator_listed(const IpmiFruLocator *l)
{
	if (!l->logical)
		return FALSE;
	if (l->device_type != 0x10 &&
	    (l->device_type_modifier != 0x02 || l->device_type < 0x08 || l->device_type > 0x0F))
		return FALSE;
	return !(l->access_address == IPMI_BMC_ADDRESS && l->device_id == 0);
}

/* A FRU behind another controller is read through the BMC. */
static int
print_located(IpmiClient *client, const IpmiFruLocator *l)
{
	guint8 current = ipmi_client_get_target_address(client);
	guint8 here = current ? current : IPMI_BMC_ADDRESS;
	if (l->access_address == here)
		return print_fru(client, l->device_id);
	ipmi_client_set_target(client, l->channel, l->access_address);
	int rc = print_fru(client, l->device_id);
	/* Back to where we were (the channel of a BMC target is unused). */
	ipmi_client_set_target(client, 0, current);
	return rc;
}

int
ipmictl_cmd_fru_print(IpmiClient *client, int argc, char **argv)
{
	if (argc > 0) {
		char *end = NULL;
		unsigned long id = strtoul(argv[0], &end, 0);
		if (!end || *end || id > 254) {
			ipmictl_ext_fail("fru print: '%s' is not a FRU ID", argv[0]);
			return 2;
		}
		return print_fru(client, (guint8)id) ? 1 : 0;
	}
	printf("FRU Device Description : Builtin FRU Device (ID 0)\n");
	print_fru(client, 0);
	printf("\n");
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) locators = ipmi_client_get_fru_locators_sync(client, NULL, &error);
	if (!locators) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	for (guint i = 0; i < locators->len; i++) {
		const IpmiFruLocator *l = g_ptr_array_index(locators, i);
		if (!ipmictl_fru_locator_listed(l))
			continue;
		printf("FRU Device Description : %s (ID %d)\n", l->name, l->device_id);
		if (l->device_type_modifier == 0x00 || l->device_type_modifier == 0x02)
			print_located(client, l);
		else
			printf(" Unsupported device\n");
		printf("\n");
	}
	return 0;
}
