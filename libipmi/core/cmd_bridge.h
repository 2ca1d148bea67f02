/* cmd_bridge.h - Send Message (App 0x34) and IPMB bridging.
 *
 * Send Message request data (after cmd 0x34):
 *   [0]     channel byte: bits 7:6 tracking (00 none, 01 track request,
 *           10 send raw), bit 5 encryption, bit 4 authentication,
 *           bits 3:0 channel number
 *   [1..]   the embedded IPMB message, checksums and all (msg.h):
 *           rsSA | netFn<<2|rsLUN | chk1 | rqSA | rqSeq<<2|rqLUN | cmd |
 *           data | chk2
 *
 * What ipmi_bridge_request_encode() puts in the LAN payload, byte for byte
 * what ipmitool's lan.c (ipmi_lan_build_cmd, -t/-b and -T/-B) and FreeIPMI
 * (_ipmi_cmd_send_ipmb) send.  With S = seq << 2, A = my_addr (0x20, the
 * BMC's IPMB address: it is the requester on IPMB), L = my_lun:
 *
 *   single (-b ch -t addr):
 *     20 18 c8 81 S 34 | 40|ch | addr nf<<2|lun chk | A S|L cmd data.. chk2 | chk2
 *   double (-B tch -T taddr -b ch -t addr):
 *     20 18 c8 81 S 34 | 40|tch |
 *        taddr 18 chk | A S|L 34 | 40|ch |
 *           addr nf<<2|lun chk | A S|L cmd data.. chk2 |
 *        chk2 (middle) |
 *     chk2 (outer)
 *
 * The outer message goes from the remote console (rqSA 0x81, LUN 0) to the
 * BMC (rsSA 0x20, LUN 0) with "track request"; every layer carries the same
 * rqSeq, so the answer matches whichever layer it comes back from.  Each
 * checksum covers only its own message, so the outer chk2 covers the inner
 * messages' bytes including their checksums.  (ipmitool's lanplus plugin
 * writes 0x81 instead of my_addr as rqSA of the first embedded message; lan.c
 * and FreeIPMI write the BMC's address, which is what the spec asks for.
 * FreeIPMI uses rqLUN 2, the SMS message LUN; ipmitool 0.  Both are
 * accepted by BMCs, hence my_lun.)
 *
 * The response comes back in one of two ways, and ipmitool handles both:
 *   (a) embedded: the Send Message response's data, after its completion
 *       code, is the whole bridged IPMB response (rqSA 0x20 | netFn|1 ... |
 *       cc | data | chk2), followed by the outer chk2;
 *   (b) separate: the Send Message response carries no data (just cc) and
 *       the BMC later delivers the bridged response as its own IPMI message
 *       on the session, either as a plain response with the target's netFn,
 *       cmd and our rqSeq, or wrapped like (a) in a Send Message response.
 * ipmi_bridged_rsp_decode() takes any of these LAN payloads and unwraps Send
 * Message layers with cc 0 and data, up to IPMI_BRIDGE_MAX_DEPTH.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "msg.h"

#define IPMI_CMD_SEND_MESSAGE 0x34

#define IPMI_BRIDGE_TRACK_NONE 0
#define IPMI_BRIDGE_TRACK_REQUEST 1
#define IPMI_BRIDGE_SEND_RAW 2
#define IPMI_BRIDGE_MAX_DEPTH 2

typedef struct {
	uint8_t channel;  /* bits 3:0 */
	uint8_t tracking; /* IPMI_BRIDGE_TRACK_* / SEND_RAW */
	bool encrypt;
	bool authenticate;
	/* Decode: msg is the embedded message (not for SEND_RAW); raw/raw_len
	 * are always the bytes after the channel byte.  Encode: msg is encoded
	 * with ipmi_msg_encode, except for SEND_RAW, which copies raw. */
	IpmiMsg msg;
	const uint8_t *raw;
	size_t raw_len;
} IpmiSendMessageReq;

int ipmi_send_message_req_decode(const uint8_t *buf, size_t len, IpmiSendMessageReq *out);
int ipmi_send_message_req_encode(uint8_t *buf, size_t cap, const IpmiSendMessageReq *m);

/* Send Message response data (after the completion code): empty, or an
 * embedded IPMB response message (which must have an odd netFn). */
typedef struct {
	bool has_embedded;
	IpmiMsg embedded;
} IpmiSendMessageRsp;

int ipmi_send_message_rsp_decode(const uint8_t *buf, size_t len, IpmiSendMessageRsp *out);
int ipmi_send_message_rsp_encode(uint8_t *buf, size_t cap, const IpmiSendMessageRsp *m);

typedef struct {
	uint8_t target_channel;  /* -b */
	uint8_t target_addr;     /* -t */
	uint8_t transit_channel; /* -B, double bridging only */
	uint8_t transit_addr;    /* -T; 0 (or my_addr) = single bridging */
	uint8_t my_addr;         /* rqSA of the embedded messages; 0 = IPMI_BMC_SA */
	uint8_t my_lun;          /* rqLUN of the embedded messages (0..3) */
} IpmiBridgeRoute;

/* Encode the complete LAN payload (outer message to the BMC included) that
 * carries req along route.  Of req only netfn, dst_lun, cmd and data are
 * used; seq (0..63) goes into every layer.  The outer message must stay
 * within IPMI_MSG_MAX_DATA: req's data may be IPMI_MSG_MAX_DATA - 8 bytes
 * (single) or - 16 (double), IPMI_ERR_INVALID_ARG beyond.  Returns bytes
 * written. */
int ipmi_bridge_request_encode(uint8_t *buf, size_t cap, const IpmiBridgeRoute *route, uint8_t seq,
			       const IpmiMsg *req);

typedef struct {
	IpmiMsg outer;   /* the LAN message as delivered */
	IpmiMsg rsp;     /* the innermost response (== outer when layers == 0) */
	unsigned layers; /* Send Message wrappers removed: 0..IPMI_BRIDGE_MAX_DEPTH */
} IpmiBridgedRsp;

/* Decode a LAN payload holding a response to a bridged request: the Send
 * Message response (with or without embedded data) or the separately
 * delivered bridged response, both shapes.  A Send Message response without
 * data or with a non-zero cc is returned as is (layers 0, or the depth
 * reached): check rsp.cmd and rsp.cc.  Every message must be a response
 * (IPMI_ERR_FORMAT otherwise) with valid checksums.  Returns len. */
int ipmi_bridged_rsp_decode(const uint8_t *buf, size_t len, IpmiBridgedRsp *out);
