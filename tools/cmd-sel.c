/* cmd-sel.c - `sel info` and `sel list`, printed as ipmitool 1.8.19 does
 * (ipmi_sel_get_info, ipmi_sel_print_std_entry), times in local time. */
#include "cmd-ext.h"

#include <stdio.h>
#include <string.h>

#define SEL_TIMESTAMP_PRE_INIT 0x20000000u

void
ipmictl_fmt_sel_info(const IpmiSelStatus *st, GString *out, JsonObject *json)
{
	g_string_append_printf(out, "SEL Information\n");
	g_string_append_printf(
	    out, "Version          : %d.%d (%s)\n", st->version & 0x0F, (st->version >> 4) & 0x0F,
	    (st->version == 0x51 || st->version == 0x02) ? "v1.5, v2 compliant" : "Unknown");
	g_string_append_printf(out, "Entries          : %d\n", st->entries);
	g_string_append_printf(out, "Free Space       : %d bytes %s\n", st->free_space,
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
		g_string_append_printf(out, "Percent Used     : unknown\n");
	else
		g_string_append_printf(out, "Percent Used     : %d%%\n", pct);
	const guint32 stamps[2] = {st->addition_timestamp, st->erase_timestamp};
	const char *labels[2] = {"Last Add Time    : ", "Last Del Time    : "};
	for (int i = 0; i < 2; i++) {
		if (stamps[i] == 0 || stamps[i] == 0xFFFFFFFFu) {
			g_string_append_printf(out, "%sNot Available\n", labels[i]);
		} else {
			g_autofree char *t = ipmictl_ext_time(stamps[i], "%m/%d/%y %H:%M:%S %Z");
			g_string_append_printf(out, "%s%s\n", labels[i], t);
		}
	}
	g_string_append_printf(out, "Overflow         : %s\n", st->overflow ? "true" : "false");
	g_string_append_printf(out, "Supported Cmds   : ");
	if (st->operations & 0x0F) {
		if (st->operations & 0x08)
			g_string_append_printf(out, "'Delete' ");
		if (st->operations & 0x04)
			g_string_append_printf(out, "'Partial Add' ");
		if (st->operations & 0x02)
			g_string_append_printf(out, "'Reserve' ");
		if (st->operations & 0x01)
			g_string_append_printf(out, "'Get Alloc Info' ");
	} else {
		g_string_append_printf(out, "None");
	}
	g_string_append_printf(out, "\n");
	if (st->has_allocation) {
		g_string_append_printf(out, "# of Alloc Units : %d\n", st->allocation_units);
		g_string_append_printf(out, "Alloc Unit Size  : %d\n", st->allocation_unit_size);
		g_string_append_printf(out, "# Free Units     : %d\n", st->free_units);
		g_string_append_printf(out, "Largest Free Blk : %d\n", st->largest_free_block);
		g_string_append_printf(out, "Max Record Size  : %d\n", st->max_record_size);
	}
	if (!json)
		return;
	jsonw_int(json, "version", st->version);
	jsonw_int(json, "entries", st->entries);
	jsonw_int(json, "free_space", st->free_space);
	jsonw_int(json, "last_add_time", st->addition_timestamp);
	jsonw_int(json, "last_del_time", st->erase_timestamp);
	jsonw_bool(json, "overflow", st->overflow);
	jsonw_int(json, "supported_operations", st->operations);
}

int
ipmictl_cmd_sel_info(IpmiClient *client, int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiSelStatus) st = ipmi_client_get_sel_info_sync(client, NULL, &error);
	if (!st) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	g_autoptr(GString) out = g_string_new(NULL);
	ipmictl_fmt_sel_info(st, out, NULL);
	fwrite(out->str, 1, out->len, stdout);
	return 0;
}

static void
print_entry(GString *out, const IpmiSelEntry *e)
{
	g_string_append_printf(out, "%4x | ", e->record_id);
	if (e->record_type < 0xE0) {
		if (e->timestamp < SEL_TIMESTAMP_PRE_INIT) {
			g_string_append_printf(out, " Pre-Init  |%010d| ", (int)e->timestamp);
		} else {
			g_autofree char *d = ipmictl_ext_time(e->timestamp, "%m/%d/%y");
			g_autofree char *t = ipmictl_ext_time(e->timestamp, "%H:%M:%S %Z");
			g_string_append_printf(out, "%s | %s | ", d, t);
		}
	}
	if (e->record_type >= 0xC0) {
		g_string_append_printf(out, "OEM record %02x | ", e->record_type);
		if (e->record_type <= 0xDF) {
			guint32 m = e->manufacturer_id; /* bytes as logged, LS first */
			g_string_append_printf(out, "%02x%02x%02x | ", m & 0xFF, (m >> 8) & 0xFF,
					       (m >> 16) & 0xFF);
			for (int i = 0; i < 6; i++)
				g_string_append_printf(out, "%02x", e->oem_data[i]);
		} else {
			for (int i = 0; i < 13; i++)
				g_string_append_printf(out, "%02x", e->oem_data[i]);
		}
		g_string_append_printf(out, "\n");
		return;
	}
	g_string_append_printf(out, "%s", e->sensor_type_name);
	if (e->sensor_number != 0)
		g_string_append_printf(out, " #0x%02x", e->sensor_number);
	g_string_append_printf(out, " | ");
	if (e->description) {
		g_string_append_printf(out, "%s", e->description);
		/* ipmitool's table ends the "going low" texts with a space. */
		if (e->event_type == 0x01 && g_str_has_suffix(e->description, "going low"))
			g_string_append_printf(out, " ");
	}
	g_string_append_printf(out, " | %s\n", e->deasserted ? "Deasserted" : "Asserted");
}

static void
entry_json(GString *arr, const IpmiSelEntry *e)
{
	JsonObject o;
	if (arr->len > 1)
		g_string_append_c(arr, ',');
	jsonw_begin(&o, arr);
	jsonw_int(&o, "record_id", e->record_id);
	jsonw_int(&o, "record_type", e->record_type);
	jsonw_int(&o, "timestamp", e->timestamp);
	if (e->record_type < 0xC0) {
		jsonw_str(&o, "sensor_type", e->sensor_type_name);
		jsonw_int(&o, "sensor_number", e->sensor_number);
		jsonw_int(&o, "event_type", e->event_type);
		jsonw_str(&o, "event", e->description);
		jsonw_bool(&o, "asserted", !e->deasserted);
	}
	jsonw_end(&o);
}

/* FALSE when the SEL is empty (ipmitool says so on stderr). */
gboolean
ipmictl_fmt_sel_list(GPtrArray *entries, GString *out, JsonObject *json)
{
	g_autoptr(GString) arr = g_string_new("[");
	for (guint i = 0; i < entries->len; i++) {
		print_entry(out, g_ptr_array_index(entries, i));
		if (json)
			entry_json(arr, g_ptr_array_index(entries, i));
	}
	g_string_append_c(arr, ']');
	if (json)
		jsonw_raw(json, "entries", arr->str);
	return entries->len > 0;
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
	g_autoptr(GString) out = g_string_new(NULL);
	if (!ipmictl_fmt_sel_list(entries, out, NULL))
		fprintf(stderr, "SEL has no entries\n");
	fwrite(out->str, 1, out->len, stdout);
	return 0;
}
