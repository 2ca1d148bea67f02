/* kat.h - the captured sessions of tests/data/kat-*.txt for the dissector
 * tests: credentials, keys, every datagram in both directions and, from the
 * comment above each, the plaintext IPMI message it carries. */
#pragma once

#include <glib.h>

typedef struct {
	gboolean c2b;  /* console to BMC */
	GBytes *bytes; /* the UDP payload, RMCP header on */
	gboolean in_session;
	gboolean has_msg; /* an IPMI message (pre-session or decrypted) */
	gboolean response;
	guint netfn, cmd, cc;
	char *data_hex; /* the message data after the completion code */
} KatPkt;

typedef struct {
	char *name; /* "ipmitool-pybmc-suite17" */
	unsigned suite;
	char *user, *password;
	char *kg_hex; /* NULL when no K_G */
	guint8 rm[16], rc[16], guid[16];
	guint role;
	guint32 sidm, sidc;
	GByteArray *sik;
	GPtrArray *pkts; /* KatPkt* */
} Kat;

/* Load tests/data/kat-NAME.txt (asserts on a malformed file). */
Kat *kat_load(const char *name);
void kat_free(Kat *k);
/* The key-log line of the session (with the newline). */
char *kat_keylog_line(const Kat *k);
