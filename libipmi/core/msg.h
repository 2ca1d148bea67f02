/* msg.h - the IPMI LAN / IPMB message: addresses, netFn/LUN, two checksums,
 * rqSeq, command, completion code (responses), data. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IPMI_BMC_SA 0x20      /* BMC slave address */
#define IPMI_REMOTE_SWID 0x81 /* remote console software ID (rqSA) */
#define IPMI_MSG_MIN_REQ 7    /* 6 header bytes + checksum 2 */
#define IPMI_MSG_MIN_RSP 8    /* + completion code */
#define IPMI_MSG_MAX_DATA 1024

/* netFns (even = request; response = netfn | 1) */
#define IPMI_NETFN_CHASSIS 0x00
#define IPMI_NETFN_BRIDGE 0x02
#define IPMI_NETFN_SENSOR 0x04
#define IPMI_NETFN_APP 0x06
#define IPMI_NETFN_FIRMWARE 0x08
#define IPMI_NETFN_STORAGE 0x0A
#define IPMI_NETFN_TRANSPORT 0x0C
#define IPMI_NETFN_GROUP 0x2C
#define IPMI_NETFN_OEM 0x2E

/* A message in either direction.  In a request dst is the responder (rsSA,
 * rsLUN) and src the requester (rqSA, rqLUN); in a response it is the other
 * way round, as on the wire. */
typedef struct {
	uint8_t dst_addr;
	uint8_t netfn;   /* 6 bits; odd means response */
	uint8_t dst_lun; /* 2 bits */
	uint8_t src_addr;
	uint8_t rq_seq;  /* 6 bits */
	uint8_t src_lun; /* 2 bits */
	uint8_t cmd;
	uint8_t cc;          /* completion code, responses only */
	const uint8_t *data; /* after the completion code for responses */
	size_t data_len;
} IpmiMsg;

static inline bool
ipmi_msg_is_response(const IpmiMsg *m)
{
	return (m->netfn & 1) != 0;
}

/* The IPMI two's complement checksum of len bytes. */
uint8_t ipmi_checksum(const uint8_t *buf, size_t len);

/* Decode exactly len bytes as one message; both checksums verified
 * (IPMI_ERR_CHECKSUM).  Whether a completion code is present follows the
 * netFn's low bit.  Returns len. */
int ipmi_msg_decode(const uint8_t *buf, size_t len, IpmiMsg *out);
int ipmi_msg_encode(uint8_t *buf, size_t cap, const IpmiMsg *m);

/* Build the response header for a request: addresses and LUNs swapped,
 * netfn|1, same rqSeq and cmd; data and cc left for the caller. */
void ipmi_msg_response_to(const IpmiMsg *req, IpmiMsg *rsp, uint8_t cc);
