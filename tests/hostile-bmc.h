/* hostile-bmc.h - a BMC that misbehaves on purpose, for the client's
 * adversarial tests (tests/test-hostile.c).
 *
 * It is tests/fake-bmc.c (the core's BMC role on a socket) with a hook on
 * everything it sends: it completes the RMCP+ handshake, or half of it,
 * and then answers with what a broken or malicious BMC, or an attacker on
 * the path who knows no keys, could send.  One mode at a time; the modes
 * that forge in-session answers send the forgeries first and, with
 * then_valid, the real answer after them (same session sequence number
 * where that matters: a forgery must not use it up).
 *
 * Serves 127.0.0.1 on the default main context; users as fake-bmc.h. */
#pragma once

#include "fake-bmc.h"

#include "core/channel.h"

typedef enum {
	HOSTILE_NONE,
	/* in session: forgeries an attacker without keys can make */
	HOSTILE_BAD_MAC,         /* MAC flipped; the next seq, and one 10 ahead */
	HOSTILE_BAD_CONF_PAD,    /* AES pad byte wrong, MAC recomputed */
	HOSTILE_BAD_CONF_PADLEN, /* AES pad length >= 16, MAC recomputed */
	HOSTILE_BAD_INTEG_PAD,   /* integrity pad byte not FFh, MAC recomputed */
	HOSTILE_BAD_NEXT_HEADER, /* next header 08h, MAC recomputed */
	HOSTILE_REPLAY_OLD,      /* byte-identical earlier answer to the same rqSeq */
	HOSTILE_REPLAY_SEQ,      /* right rqSeq, forged data, a session seq already used
				  * (the last one, and one 20 back), valid MAC */
	HOSTILE_TRUNCATED,       /* prefixes of the real answer */
	HOSTILE_LEN_OVERSIZED,   /* payload length FFFFh, and +4, MAC recomputed */
	HOSTILE_LEN_UNDERSIZED,  /* payload length -16, MAC recomputed */
	HOSTILE_TRAILING,        /* bytes after the MAC (MAC as is, and recomputed) */
	HOSTILE_DGRAM_TOO_BIG,   /* 3000-byte datagram starting with the real answer */
	HOSTILE_WRONG_SID,       /* another session ID, MAC valid for it */
	HOSTILE_UNAUTHENTICATED, /* plain packet, and one with the auth bit cleared */
	/* in session: authentic answers that answer something else */
	HOSTILE_WRONG_RQSEQ,
	HOSTILE_WRONG_CMD,    /* other command, other netFn, and a request netFn */
	HOSTILE_BAD_CHECKSUM, /* LAN message checksum wrong */
	HOSTILE_SHORT_MSG,    /* 5-byte and empty LAN messages */
	HOSTILE_LATE,         /* answers held back, sent before the next request's */
	/* in session: delivery */
	HOSTILE_DUPLICATE, /* each answer three times */
	HOSTILE_REORDER,   /* answers held until `hold` are ready, sent newest first */
	HOSTILE_GARBAGE,   /* junk datagrams before every answer, setup included */
	/* handshake */
	HOSTILE_OPEN_STATUS,           /* Open Session Response with `status` */
	HOSTILE_OPEN_STATUS_OTHER_SID, /* the same, for another console session ID */
	HOSTILE_OPEN_WRONG_ALGS,       /* other integrity algorithm than proposed */
	HOSTILE_OPEN_WRONG_TAG,
	HOSTILE_RAKP2_STATUS,     /* RAKP 2 with `status` */
	HOSTILE_RAKP2_BAD_HMAC,   /* rogue BMC: key exchange code flipped */
	HOSTILE_RAKP2_SHORT_CODE, /* key exchange code one byte short */
	HOSTILE_RAKP4_BAD_ICV,
} HostileMode;

typedef struct _HostileBmc HostileBmc;

HostileBmc *hostile_bmc_new(void);
void hostile_bmc_free(HostileBmc *h);
guint16 hostile_bmc_port(HostileBmc *h);
FakeBmc *hostile_bmc_fake(HostileBmc *h);
void hostile_bmc_set(HostileBmc *h, HostileMode mode, gboolean then_valid);
void hostile_bmc_set_status(HostileBmc *h, guint8 status);
void hostile_bmc_set_hold(HostileBmc *h, guint n);
/* Hostile datagrams sent so far. */
guint hostile_bmc_sent(HostileBmc *h);
/* The session sequence number of the last valid in-session answer. */
guint32 hostile_bmc_last_seq(HostileBmc *h);
/* The window a client has that accepted exactly the valid in-session
 * answers (every one of them, each once). */
const IpmiSeqWindow *hostile_bmc_window(HostileBmc *h);
