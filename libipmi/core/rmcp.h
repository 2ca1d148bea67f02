/* rmcp.h - RMCP header (ASF 2.0 section 3.2.2) and ASF presence ping/pong.
 * RMCP and ASF fields are big-endian. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_RMCP_VERSION 0x06
#define IPMI_RMCP_SEQ_NO_ACK 0xFF
#define IPMI_RMCP_CLASS_ASF 0x06
#define IPMI_RMCP_CLASS_IPMI 0x07
#define IPMI_RMCP_CLASS_OEM 0x08
#define IPMI_RMCP_CLASS_ACK 0x80 /* bit 7: this is an RMCP ACK */
#define IPMI_RMCP_HEADER_LEN 4

#define IPMI_ASF_IANA 4542u
#define IPMI_ASF_TYPE_PING 0x80
#define IPMI_ASF_TYPE_PONG 0x40
#define IPMI_ASF_PONG_DATA_LEN 16
#define IPMI_ASF_ENTITY_IPMI 0x80 /* supported entities: IPMI supported */

typedef struct {
	uint8_t version;   /* 0x06 */
	uint8_t seq;       /* 0xFF: no RMCP ACK wanted */
	uint8_t msg_class; /* low 5 bits the class, bit 7 ACK */
} IpmiRmcpHeader;

/* Decode the 4-byte RMCP header; returns 4 or a negative code.
 * Rejects a version other than 6 (IPMI_ERR_FORMAT). */
int ipmi_rmcp_decode(const uint8_t *buf, size_t len, IpmiRmcpHeader *out);
int ipmi_rmcp_encode(uint8_t *buf, size_t cap, const IpmiRmcpHeader *h);

typedef struct {
	uint32_t iana; /* 4542 for ASF */
	uint8_t type;  /* IPMI_ASF_TYPE_PING / _PONG */
	uint8_t tag;
	/* pong only */
	uint32_t oem_iana;
	uint32_t oem_defined;
	uint8_t supported_entities;     /* bit 7: IPMI supported; low bits ASF version */
	uint8_t supported_interactions; /* bit 5: RMCP security extensions (RSP) */
} IpmiAsfMessage;

/* The ASF message after the RMCP header (class 6). Returns bytes consumed. */
int ipmi_asf_decode(const uint8_t *buf, size_t len, IpmiAsfMessage *out);
int ipmi_asf_encode(uint8_t *buf, size_t cap, const IpmiAsfMessage *m);
