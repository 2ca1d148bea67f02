/* hostrange.h - ipmictl's -H argument as a list of BMCs, FreeIPMI style.
 *
 *   host                        one BMC
 *   a,b,c                       a list (commas inside [..] belong to ranges)
 *   node[1-3,7]                 node1 node2 node3 node7; several [..]
 *                               groups multiply; [01-10] keeps the padding
 *   127.0.1.[1-250]:6230        a port per host (default: -p)
 *   [fe80::1]:6230, [::1]       IPv6 in brackets (a [..] holding ':'); a bare
 *                               IPv6 address takes no port
 *   @FILE                       one hostrange per line, # comments
 *
 * Exact duplicates are dropped; at most HOSTRANGE_MAX hosts. */
#pragma once

#include <glib.h>

#define HOSTRANGE_MAX 65536

typedef struct {
	char *label;  /* as expanded, for output: "127.0.1.7:6230" */
	char *host;   /* for the client: "127.0.1.7", "::1" */
	guint16 port; /* 0: the default port */
} HostEntry;

/* TRUE when arg is a plain host name or address (IPv6 included): no list,
 * range, brackets, port or @FILE. */
gboolean hostrange_is_plain(const char *arg);

/* Parse spec into HostEntry (a GPtrArray that frees them), or NULL with
 * G_OPTION_ERROR_BAD_VALUE saying what is wrong and where. */
GPtrArray *hostrange_parse(const char *spec, GError **error);

/* hostrange_parse(), or for "@FILE" every line of FILE. */
GPtrArray *hostrange_load(const char *arg, GError **error);
