/* handler.h - how the simulator's command handlers plug in.
 *
 * The endpoint (endpoint.c) owns sockets, the session table, pre-session
 * messages and session-level commands (Get Channel Authentication
 * Capabilities, Get Channel Cipher Suites, Set Session Privilege Level,
 * Close Session, Get Session Info).  Every other request is routed through
 * bmc_dispatch() to a handler found in the tables that handler files
 * register (app, chassis, sensor/SDR, SEL, FRU, bridge).
 *
 * A handler reads the request data, writes response data (without the
 * completion code) and returns the completion code.  It never sees bytes
 * from the wire that the core has not decoded and verified.
 */
#pragma once

#include <glib.h>
#include <stdint.h>

#include "core/msg.h"

typedef struct _BmcModel BmcModel; /* model.h */

/* Completion codes */
#define IPMI_CC_OK 0x00
#define IPMI_CC_NODE_BUSY 0xC0
#define IPMI_CC_INVALID_COMMAND 0xC1
#define IPMI_CC_INVALID_FOR_LUN 0xC2
#define IPMI_CC_TIMEOUT 0xC3
#define IPMI_CC_OUT_OF_SPACE 0xC4
#define IPMI_CC_RESERVATION_CANCELLED 0xC5
#define IPMI_CC_REQUEST_TRUNCATED 0xC6
#define IPMI_CC_REQUEST_LENGTH_INVALID 0xC7
#define IPMI_CC_REQUEST_LENGTH_EXCEEDED 0xC8
#define IPMI_CC_PARAMETER_OUT_OF_RANGE 0xC9
#define IPMI_CC_CANT_RETURN_BYTES 0xCA
#define IPMI_CC_NOT_PRESENT 0xCB
#define IPMI_CC_INVALID_DATA_FIELD 0xCC
#define IPMI_CC_ILLEGAL_COMMAND 0xCD
#define IPMI_CC_CANT_RESPOND 0xCE
#define IPMI_CC_DUPLICATE 0xCF
#define IPMI_CC_SDR_UPDATE_MODE 0xD0
#define IPMI_CC_FW_UPDATE_MODE 0xD1
#define IPMI_CC_INIT_IN_PROGRESS 0xD2
#define IPMI_CC_DESTINATION_UNAVAILABLE 0xD3
#define IPMI_CC_INSUFFICIENT_PRIVILEGE 0xD4
#define IPMI_CC_NOT_SUPPORTED_STATE 0xD5
#define IPMI_CC_PARAMETER_ILLEGAL 0xD6
#define IPMI_CC_UNSPECIFIED 0xFF

/* Everything a handler may know about the request's origin. */
typedef struct {
	BmcModel *model;        /* the controller addressed (BMC or satellite) */
	uint8_t priv;           /* current session privilege; 0 outside a session */
	uint32_t session_id;    /* BMC session ID, 0 outside a session */
	gint64 now_us;          /* g_get_real_time() at receipt */
	gpointer endpoint;      /* the endpoint (BmcEndpoint *), for session-level queries */
	gpointer session;       /* the session (BmcSession *), NULL outside a session */
	uint8_t channel;        /* channel the request arrived on (BMC_LAN_CHANNEL, or
				 * the IPMB channel of a bridged request) */
	unsigned depth;         /* Send Message layers around this request */
	gboolean close_session; /* set by Close Session: end the session once
				 * the answer is sent */
	GBytes *deferred;       /* set by a handler: a whole IPMI message to deliver
				 * on the session after the answer (a bridged
				 * response that arrives separately); the endpoint
				 * takes it */
} BmcRequest;

typedef uint8_t (*BmcHandlerFn)(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap,
				size_t *rsp_len);

typedef struct {
	uint8_t netfn; /* request netFn (even) */
	uint8_t cmd;
	uint8_t min_priv; /* IPMI_PRIV_*; 0: allowed outside a session too */
	BmcHandlerFn fn;
} BmcHandler;

/* Tables defined by each handler file, terminated by fn == NULL. */
extern const BmcHandler bmc_app_handlers[];
extern const BmcHandler bmc_chassis_handlers[];
extern const BmcHandler bmc_sensor_handlers[];
extern const BmcHandler bmc_storage_handlers[];
extern const BmcHandler bmc_bridge_handlers[];
extern const BmcHandler bmc_session_handlers[]; /* h_session.c: session-level App commands */

/* Route a request: find the handler, enforce its privilege (D4h when
 * short), answer C1h for an unknown command.  Returns the completion code;
 * response data in rsp.  Outside a session (priv 0) only handlers with
 * min_priv 0 are reachable. */
uint8_t bmc_dispatch(BmcRequest *rq, const IpmiMsg *req, uint8_t *rsp, size_t cap, size_t *rsp_len);
/* The handler for netfn/cmd, or NULL. */
const BmcHandler *bmc_handler_find(uint8_t netfn, uint8_t cmd);

/* The controller's sensors, SEL and FRU data (storage.h): what the sensor
 * and storage handlers (h_sensor.c, h_storage.c) use instead of looking
 * into BmcModel.  Implemented in model.c; never NULL. */
typedef struct _BmcStorage BmcStorage;
BmcStorage *bmc_model_storage(BmcModel *m);

/* A channel number from a request: 0x0E means "the channel this request
 * came in on". */
static inline uint8_t
bmc_channel_resolve(const BmcRequest *rq, uint8_t ch)
{
	return (ch & 0x0F) == 0x0E ? rq->channel : (uint8_t)(ch & 0x0F);
}

/* Seconds on the monotonic clock, for handlers that keep timers. */
static inline gint64
bmc_now_s(void)
{
	return g_get_monotonic_time() / G_USEC_PER_SEC;
}
