/* fleet-typed.c - the commands fleet mode runs through libipmi's typed
 * API (several requests each): sdr list, sensor list, sel info|list, fru
 * print, session info, channel getciphers, chassis identify.  Each is a
 * chain of _async calls on the host's client, formatted by the same code
 * as one-host mode (cmd-ext.h), so the per-host lines are what ipmictl
 * prints for one host. */
#include "fleet-private.h"

#include <stdlib.h>
#include <string.h>

#include "cmd-ext.h"

typedef struct {
	const FleetCmd *cmd;
	IpmiClient *client;
	GCancellable *cancel;
	GString *text;
	JsonObject *json;
	FleetDone done;
	gpointer job;
	/* fru print */
	GPtrArray *locators;
	guint next_locator;
	guint8 saved_target;
	GString *frus; /* JSON array text */
	/* session info all */
	guint8 index;
	GString *sessions;
} Run;

static Run *
run_new(const FleetCmd *cmd, IpmiClient *client, GCancellable *cancel, GString *text,
	JsonObject *json, FleetDone done, gpointer job)
{
	Run *r = g_new0(Run, 1);
	r->cmd = cmd;
	r->client = client;
	r->cancel = cancel;
	r->text = text;
	r->json = json;
	r->done = done;
	r->job = job;
	return r;
}

/* Takes error. */
static void
run_end(Run *r, GError *error)
{
	FleetDone done = r->done;
	gpointer job = r->job;
	if (r->locators)
		g_ptr_array_unref(r->locators);
	if (r->frus)
		g_string_free(r->frus, TRUE);
	if (r->sessions)
		g_string_free(r->sessions, TRUE);
	g_free(r);
	done(job, error);
}

/* ---- sdr list, sensor list ------------------------------------------------ */

static void
on_sensors(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(GPtrArray) s = ipmi_client_get_sensors_finish(IPMI_CLIENT(source), res, &error);
	if (s)
		ipmictl_fmt_sensors(s, r->cmd->sdr, r->cmd->arg, r->text, r->json);
	run_end(r, error);
}

static void
run_sensors(Run *r)
{
	ipmi_client_get_sensors_async(r->client, r->cancel, on_sensors, r);
}

/* ---- sel ------------------------------------------------------------------ */

static void
on_sel_info(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(IpmiSelStatus) st =
	    ipmi_client_get_sel_info_finish(IPMI_CLIENT(source), res, &error);
	if (st)
		ipmictl_fmt_sel_info(st, r->text, r->json);
	run_end(r, error);
}

static void
run_sel_info(Run *r)
{
	ipmi_client_get_sel_info_async(r->client, r->cancel, on_sel_info, r);
}

static void
on_sel_list(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(GPtrArray) e =
	    ipmi_client_get_sel_entries_finish(IPMI_CLIENT(source), res, &error);
	if (e && !ipmictl_fmt_sel_list(e, r->text, r->json))
		g_string_append(r->text, "SEL has no entries\n");
	run_end(r, error);
}

static void
run_sel_list(Run *r)
{
	ipmi_client_get_sel_entries_async(r->client, r->cancel, on_sel_list, r);
}

/* ---- fru print ------------------------------------------------------------- */

static void fru_next(Run *r);

/* One FRU's text, and its JSON object in r->frus. */
static void
fru_show(Run *r, const char *name, guint8 id, IpmiFruInfo *f, const GError *error)
{
	JsonObject o;
	if (r->frus->len > 1)
		g_string_append_c(r->frus, ',');
	jsonw_begin(&o, r->frus);
	jsonw_int(&o, "id", id);
	jsonw_str(&o, "description", name);
	jsonw_bool(&o, "present", f != NULL);
	if (f)
		ipmictl_fmt_fru(f, r->text, &o);
	else
		ipmictl_fmt_fru_error(error, r->text);
	jsonw_end(&o);
}

static void
on_fru_single(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(IpmiFruInfo) f =
	    ipmi_client_get_fru_info_finish(IPMI_CLIENT(source), res, &error);
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		run_end(r, error);
		return;
	}
	fru_show(r, NULL, r->cmd->fru_id, f, error);
	g_string_append_c(r->frus, ']');
	if (r->json)
		jsonw_raw(r->json, "frus", r->frus->str);
	/* ipmitool fails `fru print ID` for a FRU it cannot read. */
	run_end(r, error);
}

static void
on_fru_item(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	g_autoptr(GError) error = NULL;
	g_autoptr(IpmiFruInfo) f =
	    ipmi_client_get_fru_info_finish(IPMI_CLIENT(source), res, &error);
	if (g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		run_end(r, g_steal_pointer(&error));
		return;
	}
	/* Back to where we were (the channel of a BMC target is unused). */
	ipmi_client_set_target(r->client, 0, r->saved_target);
	const IpmiFruLocator *l =
	    r->next_locator ? g_ptr_array_index(r->locators, r->next_locator - 1) : NULL;
	fru_show(r, l ? l->name : "Builtin FRU Device", l ? l->device_id : 0, f, error);
	g_string_append_c(r->text, '\n');
	fru_next(r);
}

static void
fru_next(Run *r)
{
	while (r->next_locator < r->locators->len) {
		const IpmiFruLocator *l = g_ptr_array_index(r->locators, r->next_locator++);
		if (!ipmictl_fru_locator_listed(l))
			continue;
		g_string_append_printf(r->text, "FRU Device Description : %s (ID %d)\n", l->name,
				       l->device_id);
		if (l->device_type_modifier != 0x00 && l->device_type_modifier != 0x02) {
			g_string_append(r->text, " Unsupported device\n\n");
			continue;
		}
		/* A FRU behind another controller is read through the BMC. */
		guint8 here = r->saved_target ? r->saved_target : IPMI_BMC_ADDRESS;
		if (l->access_address != here)
			ipmi_client_set_target(r->client, l->channel, l->access_address);
		ipmi_client_get_fru_info_async(r->client, l->device_id, r->cancel, on_fru_item, r);
		return;
	}
	g_string_append_c(r->frus, ']');
	if (r->json)
		jsonw_raw(r->json, "frus", r->frus->str);
	run_end(r, NULL);
}

static void
on_fru_locators(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	r->locators = ipmi_client_get_fru_locators_finish(IPMI_CLIENT(source), res, &error);
	if (!r->locators) {
		run_end(r, error);
		return;
	}
	/* The builtin FRU 0 first, as ipmitool. */
	r->next_locator = 0;
	g_string_append(r->text, "FRU Device Description : Builtin FRU Device (ID 0)\n");
	ipmi_client_get_fru_info_async(r->client, 0, r->cancel, on_fru_item, r);
}

static void
run_fru(Run *r)
{
	r->frus = g_string_new("[");
	r->saved_target = ipmi_client_get_target_address(r->client);
	if (r->cmd->arg) {
		ipmi_client_get_fru_info_async(r->client, r->cmd->fru_id, r->cancel, on_fru_single,
					       r);
		return;
	}
	/* The locators first, so that FRU 0's answer finds the list. */
	ipmi_client_get_fru_locators_async(r->client, r->cancel, on_fru_locators, r);
}

/* ---- session info ------------------------------------------------------------ */

static void ask_session(Run *r);

static void
on_session(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(IpmiSessionInfo) s =
	    ipmi_client_get_session_info_finish(IPMI_CLIENT(source), res, &error);
	if (!s) {
		g_prefix_error(&error, "Get Session Info command failed: ");
		run_end(r, error);
		return;
	}
	ipmictl_fmt_session(s, r->text);
	ipmictl_session_json(r->sessions, s);
	if (r->cmd->all && r->index < s->slots) {
		r->index++;
		ask_session(r);
		return;
	}
	g_string_append_c(r->sessions, ']');
	if (r->json)
		jsonw_raw(r->json, "sessions", r->sessions->str);
	run_end(r, NULL);
}

static void
ask_session(Run *r)
{
	ipmi_client_get_session_info_async(r->client, r->index, r->cancel, on_session, r);
}

static void
run_session(Run *r)
{
	r->sessions = g_string_new("[");
	r->index = r->cmd->all ? 1 : 0;
	ask_session(r);
}

/* ---- channel getciphers --------------------------------------------------------- */

static void
on_ciphers(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	g_autoptr(GPtrArray) recs =
	    ipmi_client_get_cipher_suite_records_finish(IPMI_CLIENT(source), res, &error);
	if (recs)
		ipmictl_fmt_ciphers(recs, r->text, r->json);
	run_end(r, error);
}

static void
run_ciphers(Run *r)
{
	ipmi_client_get_cipher_suite_records_async(r->client, r->cmd->channel, r->cancel,
						   on_ciphers, r);
}

/* ---- chassis identify ----------------------------------------------------------- */

static void
on_identify(GObject *source, GAsyncResult *res, gpointer data)
{
	Run *r = data;
	GError *error = NULL;
	if (ipmi_client_chassis_identify_finish(IPMI_CLIENT(source), res, &error)) {
		g_autofree char *text = ipmictl_identify_text(r->cmd->seconds, r->cmd->force);
		g_string_append_printf(r->text, "Chassis identify interval: %s\n", text);
		if (r->json) {
			jsonw_str(r->json, "identify_interval", text);
		}
	}
	run_end(r, error);
}

static void
run_identify(Run *r)
{
	ipmi_client_chassis_identify_async(r->client, r->cmd->seconds, r->cmd->force, r->cancel,
					   on_identify, r);
}

/* ---- dispatch ----------------------------------------------------------------- */

void
fleet_cmd_run(const FleetCmd *cmd, IpmiClient *client, GCancellable *cancel, GString *text,
	      JsonObject *json, FleetDone done, gpointer job)
{
	Run *r = run_new(cmd, client, cancel, text, json, done, job);
	cmd->run(r);
}

static FleetCmd *
typed(const char *what, void (*run)(Run *))
{
	FleetCmd *c = g_new0(FleetCmd, 1);
	c->what = g_strdup(what);
	c->data = g_byte_array_new();
	c->run = (void (*)(gpointer))run;
	return c;
}

FleetCmd *
fleet_cmd_parse_typed(int argc, char **argv, GError **error)
{
	const char *c = argc > 0 ? argv[0] : "";
	const char *s = argc > 1 ? argv[1] : NULL;
	FleetCmd *cmd = NULL;
	if (strcmp(c, "sdr") == 0 && (!s || strcmp(s, "list") == 0)) {
		int skip = s ? 2 : 1;
		if (!ipmictl_sdr_filter_ok(argc - skip, argv + skip, error))
			return NULL;
		cmd = typed("sdr list", run_sensors);
		cmd->sdr = TRUE;
		cmd->arg = argc > skip ? g_strdup(argv[skip]) : NULL;
	} else if (strcmp(c, "sensor") == 0 && (!s || strcmp(s, "list") == 0)) {
		cmd = typed("sensor list", run_sensors);
	} else if (strcmp(c, "sel") == 0 && (!s || strcmp(s, "info") == 0)) {
		cmd = typed("sel info", run_sel_info);
	} else if (strcmp(c, "sel") == 0 && strcmp(s, "list") == 0) {
		cmd = typed("sel list", run_sel_list);
	} else if (strcmp(c, "fru") == 0 && (!s || strcmp(s, "print") == 0)) {
		cmd = typed("fru print", run_fru);
		if (argc > 2) {
			char *end = NULL;
			unsigned long id = strtoul(argv[2], &end, 0);
			if (!end || *end || end == argv[2] || id > 254) {
				fleet_usage(error, "fru print: '%s' is not a FRU ID", argv[2]);
				fleet_cmd_free(cmd);
				return NULL;
			}
			cmd->arg = g_strdup(argv[2]);
			cmd->fru_id = (guint8)id;
		}
	} else if (strcmp(c, "session") == 0 && s && strcmp(s, "info") == 0) {
		const char *which = argc > 2 ? argv[2] : "";
		if (strcmp(which, "active") != 0 && strcmp(which, "all") != 0) {
			fleet_usage(error, "usage: session info active|all");
			return NULL;
		}
		cmd = typed("session info", run_session);
		cmd->all = strcmp(which, "all") == 0;
	} else if (strcmp(c, "channel") == 0 && s && strcmp(s, "getciphers") == 0) {
		if (argc < 3 || strcmp(argv[2], "ipmi") != 0) {
			fleet_usage(error, "usage: channel getciphers ipmi [CHANNEL]");
			return NULL;
		}
		guint8 ch = IPMI_CHANNEL_THIS;
		if (argc > 3 && !ipmictl_parse_channel(argv[3], &ch)) {
			fleet_usage(error, "channel getciphers: '%s' is not a channel (0-15)",
				    argv[3]);
			return NULL;
		}
		cmd = typed("channel getciphers", run_ciphers);
		cmd->channel = ch;
	} else if (strcmp(c, "chassis") == 0 && s && strcmp(s, "identify") == 0) {
		int seconds;
		gboolean force;
		if (!ipmictl_parse_identify(argc > 2 ? argv[2] : NULL, &seconds, &force)) {
			fleet_usage(error, "usage: chassis identify [SECONDS (0-255)|force]");
			return NULL;
		}
		cmd = typed("chassis identify", run_identify);
		cmd->seconds = seconds;
		cmd->force = force;
	}
	return cmd;
}
