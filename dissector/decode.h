/* decode.h - decoded fields of the common messages for a transcript: Get
 * Device ID, Get Channel Authentication Capabilities, Set Session Privilege
 * Level, Close Session, Get Channel Cipher Suites, and the session setup
 * payloads (Open Session, RAKP 1-4).  The wire codecs are the core's; this
 * only turns their structs into named text values.  libc only. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "core/msg.h"

#define IPMI_FIELDS_MAX 24
#define IPMI_FIELD_VALUE_MAX 112

typedef struct {
	const char *key; /* a JSON-friendly name: "manufacturer_id" */
	char value[IPMI_FIELD_VALUE_MAX];
} IpmiField;

typedef struct {
	IpmiField f[IPMI_FIELDS_MAX];
	size_t n;
	const char *error; /* the data did not decode: why (fields empty) */
} IpmiFields;

/* Fields of an IPMI message (request or response, cc 00h only for
 * responses).  Leaves out->n 0 for commands it does not know. */
void ipmi_decode_msg_fields(const IpmiMsg *m, IpmiFields *out);
/* Fields of a session setup payload (payload types 10h-15h). */
void ipmi_decode_setup_fields(uint8_t payload_type, const uint8_t *p, size_t len, IpmiFields *out);

/* Lower-case hex of n bytes into buf (2n+1 bytes); returns buf. */
char *ipmi_hex(char *buf, const uint8_t *p, size_t n);
