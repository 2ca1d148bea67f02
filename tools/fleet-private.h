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

/* A typed command ended: error NULL on success (taken). */
typedef void (*FleetDone)(gpointer job, GError *error);

struct _FleetCmd {
	char *what; /* "Get Device ID", for messages */
	guint8 netfn, command;
	GByteArray *data;
	FleetFormat format;
	const char *control_text; /* power on/off/...: "Up/On" */
	gboolean raw;
	/* Typed commands (fleet-typed.c): a chain of requests instead of
	 * netfn/command/data/format. */
	void (*run)(gpointer run);
	gboolean sdr;   /* sdr list (else sensor list) */
	char *arg;      /* sdr list filter; fru print ID as given */
	guint8 fru_id;  /* fru print ID */
	gboolean all;   /* session info all */
	guint8 channel; /* channel getciphers */
	int seconds;    /* chassis identify: -1 default */
	gboolean force;
};

/* Run a typed command on a connected client: text and JSON members go to
 * text and json; done is called once. */
void fleet_cmd_run(const FleetCmd *cmd, IpmiClient *client, GCancellable *cancel, GString *text,
		   JsonObject *json, FleetDone done, gpointer job);
/* The typed command in argv; NULL with error on bad arguments, NULL
 * without when argv is not one of them. */
FleetCmd *fleet_cmd_parse_typed(int argc, char **argv, GError **error);
/* Sets a G_OPTION_ERROR_BAD_VALUE error with the message; returns FALSE. */
gboolean fleet_usage(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The command in argv (the words after the options), if fleet mode can run
 * it (every command of ipmictl).  NULL with a usage message otherwise. */
FleetCmd *fleet_cmd_parse(int argc, char **argv, GError **error);
void fleet_cmd_free(FleetCmd *cmd);

/* Check the completion code, then format; FALSE with error on failure. */
gboolean fleet_cmd_format(const FleetCmd *cmd, IpmiResponse *rsp, GString *text, JsonObject *json,
			  GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(FleetCmd, fleet_cmd_free)
