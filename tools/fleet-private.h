/* fleet-private.h - what fleet.c (the engine) and fleet-cmd.c (the
 * commands it runs on every host) share. */
#pragma once

#include <ipmi/ipmi.h>

#include "jsonw.h"

typedef struct _FleetCmd FleetCmd;

/* Turn the answer into text lines (each ending in '\n') and JSON members;
 * FALSE with error when the command failed. */
typedef gboolean (*FleetFormat)(const FleetCmd *cmd, IpmiResponse *rsp, GString *text,
				JsonObject *json, GError **error);

struct _FleetCmd {
	char *what; /* "Get Device ID", for messages */
	guint8 netfn, command;
	GByteArray *data;
	FleetFormat format;
	const char *control_text; /* power on/off/...: "Up/On" */
	gboolean raw;
};

/* The command in argv (the words after the options), if fleet mode can run
 * it: mc info, chassis status, chassis power ..., power ..., raw.  NULL
 * with a usage message otherwise. */
FleetCmd *fleet_cmd_parse(int argc, char **argv, GError **error);
void fleet_cmd_free(FleetCmd *cmd);

/* Check the completion code, then format; FALSE with error on failure. */
gboolean fleet_cmd_format(const FleetCmd *cmd, IpmiResponse *rsp, GString *text, JsonObject *json,
			  GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FleetCmd, fleet_cmd_free)
