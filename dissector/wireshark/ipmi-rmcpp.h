/* ipmi-rmcpp.h - the Wireshark plugin "ipmi_rmcpp": RMCP+ session tracking,
 * verification and decryption on libipmi's observer.
 *
 * packet-ipmi-rmcpp.c  registration, fields, expert infos, dissection
 * ipmi-rmcpp-keys.c    preferences (credentials UAT, key log file) and the
 *                      session table of the open capture file
 * ipmi-rmcpp-frames.c  what the first pass learnt of each frame
 * plugin.c             what Wireshark looks for in a plugin
 */
#pragma once

#include <epan/packet.h>

#include "core/keylog.h"
#include "core/observer.h"
#include "track.h"

/* The UAT's file name, as given to -o uat:ipmi_rmcpp_credentials:... */
#define IPMI_RMCPP_UAT_FILE "ipmi_rmcpp_credentials"

void proto_register_ipmi_rmcpp(void);
void proto_reg_handoff_ipmi_rmcpp(void);

/* Register the credentials UAT and the key log preference on module. */
void ipmi_rmcpp_register_prefs(module_t *module);
/* The session table of the current capture file: made at file start from
 * the credentials and key log of that moment, wiped and freed at file end
 * (register_init_routine / register_cleanup_routine). */
void ipmi_rmcpp_keys_init(void);
void ipmi_rmcpp_keys_cleanup(void);
IpmiTracker *ipmi_rmcpp_tracker(void);
/* A credential or a key log (or a key log that failed to load) is set:
 * otherwise the plugin leaves RMCP+ to the stock dissectors. */
gboolean ipmi_rmcpp_configured(void);
/* Problems met loading the key log (NULL when none), for an expert info. */
const char *ipmi_rmcpp_keylog_error(void);

/* What the observer made of one datagram, compactly (IpmiObserved). */
typedef struct {
	guint32 session_id;
	guint16 payload_len; /* plaintext bytes at PacketData.plain */
	gint16 result;       /* 0, or why the payload is not in plain (status.h) */
	guint8 dir;          /* IpmiDirection */
	guint8 payload_type;
	guint8 encrypted : 1, authenticated : 1, replayed : 1, verified : 1;
} PacketObs;

/* What the first pass learnt of one frame (32 bytes). */
typedef struct {
	const guint8 *plain; /* obs.payload_len bytes, or NULL */
	PacketObs obs;
	guint32 session;    /* the tracker's session number; 0 for none */
	gint16 rc;          /* < 0: not an RMCP+ message the observer could frame */
	gint16 auth15_cred; /* IPMI v1.5 AuthCode check (track.h) */
	guint8 auth15, auth15_type;
	guint8 present : 1;
	guint8 verdict_here : 1; /* the credential verdict was reached here */
	guint8 rakp3_bad : 1;    /* the console's RAKP 3 fails the password of RAKP 2 */
} PacketData;

/* The record of frame num, zeroed, replacing any earlier one. */
PacketData *ipmi_rmcpp_frame_new(guint32 num);
/* The record of frame num, or NULL when the first pass made none. */
const PacketData *ipmi_rmcpp_frame_get(guint32 num);
/* A copy of data that lives until ipmi_rmcpp_frames_free (NULL for len 0). */
const guint8 *ipmi_rmcpp_frame_keep(const guint8 *data, size_t len);
/* Wipe and free every record and plaintext: at file end. */
void ipmi_rmcpp_frames_free(void);
