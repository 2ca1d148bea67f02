/* fleet.h - ipmictl's fleet mode: one command on many BMCs at once.
 *
 *   ipmictl -H '127.0.1.[1-250]:6230' -U admin -P password [-F 64] [--json] mc info
 *
 * -H takes a hostrange (hostrange.h); every host gets its own IpmiClient
 * (connect, the command, close), all on the one main context, at most
 * --fanout of them at a time.  Plain output prefixes each line with
 * "host: " (none for a single host), errors go to stderr the same way;
 * --json prints one object per host: host, ok, error and the command's
 * fields.  A progress line goes to stderr when it is a terminal, then a
 * summary (hosts, failures, hosts/s; also with IPMICTL_FLEET_STATS set).
 * SIGINT/SIGTERM start no more hosts and cancel those in flight.  The exit
 * status is 0 when every host succeeded, 1 when any failed, 2 for usage. */
#pragma once

#include <ipmi/ipmi.h>

#define FLEET_DEFAULT_FANOUT 64

/* A configured client for one host (credentials, suite, privilege, ...). */
typedef IpmiClient *(*FleetNewClient)(const char *host, guint16 port, gpointer user_data);

/* -F/--fanout and --json, for g_option_context_add_main_entries(). */
extern const GOptionEntry fleet_option_entries[];

/* TRUE when -H's value (or --json) asks for fleet mode: anything but one
 * plain host name or address. */
gboolean fleet_wanted(const char *host_arg);

/* Run the command in argv on every host of host_arg; returns the exit
 * status. */
int fleet_main(const char *host_arg, guint16 default_port, int argc, char **argv,
	       FleetNewClient new_client, gpointer user_data);
