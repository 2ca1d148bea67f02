/* cmd-sel.c - `sel info` and `sel list`, printed as ipmitool 1.8.19 does
 * (ipmi_sel_get_info, ipmi_sel_print_std_entry), times in local time. */
#include "cmd-ext.h"

#include <stdio.h>
#include <string.h>

#define SEL_TIMESTAMP_PRE_INIT 0x20000000u

int
ipmictl_cmd_sel_info(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiSelStatus) st = ipmi_client_get_sel_info_sync(client, NULL, &error);
	if (!st) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	printf("SEL Information\n");
	printf("Version          : %d.%d (%s)\n", st->version & 0x0F, (st->version >> 4) & 0x0F,
	       (st->version == 0x51 || st->version == 0x02) ? "v1.5, v2 compliant" : "Unknown");
	printf("Entries          : %d\n", st->entries);
	printf("Free Space       : %d bytes %s\n", st->free_space,
	       st->free_space == 65535 ? "or more" : "");
	/* ipmitool's arithmetic, 16-bit wrap-around included. */
	guint16 e = st->entries, f = st->free_space;
	int pct = 0;
	if (e) {
		e = (guint16)(e * 16);
		f = (guint16)(f + e);
		pct = (int)(100 * ((double)e / (double)f));
	}
	if (f >= 65535)
		printf("Percent Used     : unknown\n");
	else
		printf("Percent Used     : %d%%\n", pct);
	const guint32 stamps[2] = {st->addition_timestamp, st->erase_timestamp};
	const char *labels[2] = {"Last Add Time    : ", "Last Del Time    : "};
	for (int i = 0; i < 2; i++) {
		if (stamps[i] == 0 || stamps[i] == 0xFFFFFFFFu) {
			printf("%sNot Available\n", labels[i]);
		} else {
			g_autofree char *t = ipmictl_ext_time(stamps[i], "%m/%d/%y %H:%M:%S %Z");
			printf("%s%s\n", labels[i], t);
		}
	}
	printf("Overflow         : %s\n", st->overflow ? "true" : "false");
	printf("Supported Cmds   : ");
	if (st->operations & 0x0F) {
		if (st->operations & 0x08)
			printf("'Delete' ");
		if (st->operations & 0x04)
			printf("'Partial Add' ");
		if (st->operations & 0x02)
			printf("'Reserve' ");
		if (st->operations & 0x01)
			printf("'Get Alloc Info' ");
	} else {
		printf("None");
	}
	printf("\n");
	if (st->has_allocation) {
		printf("# of Alloc Units : %d\n", st->allocation_units);
		printf("Alloc Unit Size  : %d\n", st->allocation_unit_size);
		printf("# Free Units     : %d\n", st->free_units);
		printf("Largest Free Blk : %d\n", st->largest_free_block);
		printf("Max Record Size  : %d\n", st->max_record_size);
	}
	return 0;
}

static void
print_entry(const IpmiSelEntry *e)
{
	printf("%4x | ", e->record_id);
	if (e->record_type < 0xE0) {
		if (e->timestamp < SEL_TIMESTAMP_PRE_INIT) {
			printf(" Pre-Init  |%010d| ", (int)e->timestamp);
		} else {
			g_autofree char *d = ipmictl_ext_time(e->timestamp, "%m/%d/%y");
			g_autofree char *t = ipmictl_ext_time(e->timestamp, "%H:%M:%S %Z");
			printf("%s | %s | ", d, t);
		}
	}
	if (e->record_type >= 0xC0) {
		printf("OEM record %02x | ", e->record_type);
		if (e->record_type <= 0xDF) {
			guint32 m = e->manufacturer_id; /* bytes as logged, LS first */
			printf("%02x%02x%02x | ", m & 0xFF, (m >> 8) & 0xFF, (m >> 16) & 0xFF);
			for (int i = 0; i < 6; i++)
				printf("%02x", e->oem_data[i]);
		} else {
			for (int i = 0; i < 13; i++)
				printf("%02x", e->oem_data[i]);
		}
		printf("\n");
		return;
	}
	printf("%s", e->sensor_type_name);
	if (e->sensor_number != 0)
		printf(" #0x%02x", e->sensor_number);
	printf(" | ");
	if (e->description) {
		printf("%s", e->description);
		/* ipmitool's table ends the "going low" texts with a space. */
		if (e->event_type == 0x01 && g_str_has_suffix(e->description, "going low"))
			printf(" ");
	}
	printf(" | %s\n", e->deasserted ? "Deasserted" : "Asserted");
}

int
ipmictl_cmd_sel_list(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) entries = ipmi_client_get_sel_entries_sync(client, NULL, &error);
	if (!entries) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	if (entries->len == 0) {
		fprintf(stderr, "SEL has no entries\n");
		return 0;
	}
	for (guint i = 0; i < entries->len; i++)
		print_entry(g_ptr_array_index(entries, i));
	return 0;
}
