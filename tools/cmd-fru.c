/* cmd-fru.c - `fru print [ID]`, as ipmitool 1.8.19 prints it
 * (ipmi_fru_print_all: the builtin FRU 0, then every logical FRU Device
 * Locator of the SDR repository). */
#include "cmd-ext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
field(const char *label, const char *value)
{
	if (value && *value)
		printf(" %-22s: %s\n", label, value);
}

static void
customs(const char *label, char **values)
{
	for (char **v = values; v && *v; v++)
		field(label, *v);
}

static int
print_fru(IpmiClient *client, guint8 id)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiFruInfo) f = ipmi_client_get_fru_info_sync(client, id, NULL, &error);
	if (!f) {
		/* ipmitool: " Device not present (<completion code text>)" */
		const char *why = error->message;
		const char *colon = g_strrstr(why, ": ");
		g_autofree char *reason = g_strdup(colon ? colon + 2 : why);
		char *paren = strstr(reason, " (completion code");
		if (paren)
			*paren = '\0';
		printf(" Device not present (%s)\n", reason);
		return 1;
	}
	if (f->has_chassis) {
		field("Chassis Type", f->chassis_type_name);
		field("Chassis Part Number", f->chassis_part_number);
		field("Chassis Serial", f->chassis_serial);
		customs("Chassis Extra", f->chassis_custom);
	}
	if (f->has_board) {
		g_autofree char *date = NULL;
		if (f->board_mfg_date)
			date = ipmictl_ext_time((guint32)g_date_time_to_unix(f->board_mfg_date),
						"%a %b %e %H:%M:%S %Y %Z");
		field("Board Mfg Date", date ? date : "Unspecified");
		field("Board Mfg", f->board_manufacturer);
		field("Board Product", f->board_product);
		field("Board Serial", f->board_serial);
		field("Board Part Number", f->board_part_number);
		field("Board FRU ID", f->board_fru_file_id);
		customs("Board Extra", f->board_custom);
	}
	if (f->has_product) {
		field("Product Manufacturer", f->product_manufacturer);
		field("Product Name", f->product_name);
		field("Product Part Number", f->product_part_number);
		field("Product Version", f->product_version);
		field("Product Serial", f->product_serial);
		field("Product Asset Tag", f->product_asset_tag);
		field("Product FRU ID", f->product_fru_file_id);
		customs("Product Extra", f->product_custom);
	}
	return 0;
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
		if (!l->logical)
			continue;
		if (l->device_type != 0x10 && (l->device_type_modifier != 0x02 ||
					       l->device_type < 0x08 || l->device_type > 0x0F))
			continue;
		if (l->access_address == IPMI_BMC_ADDRESS && l->device_id == 0)
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
