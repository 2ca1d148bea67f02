/* status.h - the core's result codes.
 *
 * Every core function that can fail returns an int: >= 0 on success (for
 * decoders and encoders, the number of bytes consumed or written), or one of
 * the negative IPMI_ERR_* codes below.  Nothing here allocates or logs.
 */
#pragma once

typedef enum {
	IPMI_OK = 0,
	IPMI_ERR_TRUNCATED = -1,      /* input shorter than the format requires */
	IPMI_ERR_LENGTH = -2,         /* a length field points past the data or disagrees */
	IPMI_ERR_NOBUF = -3,          /* caller's output buffer too small */
	IPMI_ERR_FORMAT = -4,         /* bad constant, version, class, reserved bits */
	IPMI_ERR_CHECKSUM = -5,       /* IPMI message checksum mismatch */
	IPMI_ERR_UNSUPPORTED = -6,    /* algorithm, payload or feature not supported */
	IPMI_ERR_SESSION_ID = -7,     /* packet for another session */
	IPMI_ERR_INTEGRITY = -8,      /* integrity check value (MAC) mismatch */
	IPMI_ERR_PAD = -9,            /* integrity or confidentiality pad malformed */
	IPMI_ERR_SEQUENCE = -10,      /* zero, duplicate or outside the window */
	IPMI_ERR_STATE = -11,         /* message not expected in this state */
	IPMI_ERR_AUTH = -12,          /* RAKP2/RAKP3 HMAC mismatch: wrong password or rogue peer */
	IPMI_ERR_KG = -13,            /* RAKP4 ICV mismatch: K_G differs */
	IPMI_ERR_REJECTED = -14,      /* the peer answered a non-zero RMCP+ status code */
	IPMI_ERR_CRYPTO = -15,        /* the crypto library failed */
	IPMI_ERR_ALGORITHMS = -16,    /* the BMC answered other algorithms than proposed */
	IPMI_ERR_TAG = -17,           /* message tag does not match the request */
	IPMI_ERR_TIMEOUT = -18,       /* retries exhausted */
	IPMI_ERR_PRIVILEGE = -19,     /* requested privilege not permitted */
	IPMI_ERR_INVALID_ARG = -20,   /* the caller passed something impossible */
	IPMI_ERR_NO_RESOURCES = -21,  /* no free slot */
	IPMI_ERR_INSECURE = -22,      /* suite without integrity and not forced */
	IPMI_ERR_NO_CREDENTIAL = -23, /* observer: no credential matched */
} IpmiStatus;

/* A short English description, never NULL. */
const char *ipmi_strerror(int code);
