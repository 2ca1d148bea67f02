/* channel.h - the RMCP+ record layer: seal and open in-session packets, for
 * the console, the BMC and the observer alike.
 *
 * A sealed datagram is: RMCP header (06 00 FF 07), RMCP+ session header,
 * payload (AES: 16-byte IV, then ciphertext of payload | 01 02 .. n | n),
 * and, when the session has integrity, 0xFF pad to a 4-byte boundary, pad
 * length, next header 07h, AuthCode over AuthType..NextHeader.
 *
 * Opening checks, in this order and changing no state before all pass:
 * session ID, integrity (constant time), integrity pad, confidentiality pad,
 * then the sequence window.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto.h"
#include "packet.h"

/* RMCP+ sequence window: accepts up to 15 ahead of the highest accepted
 * number and up to 16 behind it, never twice, never zero.  Numbers wrap from
 * 0xFFFFFFFF to 1. */
#define IPMI_SEQ_AHEAD 15
#define IPMI_SEQ_BEHIND 16

typedef struct {
	uint32_t top;    /* highest accepted */
	uint32_t bitmap; /* bit i: top - i accepted (bit 0 is top) */
	bool started;
} IpmiSeqWindow;

/* 0 when seq may be accepted, IPMI_ERR_SEQUENCE otherwise; no change. */
int ipmi_seq_check(const IpmiSeqWindow *w, uint32_t seq);
/* Record seq as accepted (call only after ipmi_seq_check said yes). */
void ipmi_seq_accept(IpmiSeqWindow *w, uint32_t seq);
/* The number after seq, skipping 0. */
uint32_t ipmi_seq_next(uint32_t seq);

/* xRC4 per-direction keystream state. */
typedef struct {
	IpmiRc4 rc4;
	uint8_t iv[16];
	bool have_iv;
} IpmiRc4Dir;

/* A channel owns libgcrypt handles keyed with its K1 and K2 (kh, opened on
 * the first seal or open, see IpmiKeyHandles): ipmi_channel_wipe closes
 * them.  So a channel that has sealed or opened anything must not be copied
 * by value, nor dropped without ipmi_channel_wipe (nor the IpmiConsole or
 * IpmiBmcSession around it without theirs), and its keys must not change. */
typedef struct {
	IpmiKeys keys;
	IpmiKeyHandles kh;
	uint32_t tx_sid; /* session ID written in what we send (the peer's ID) */
	uint32_t rx_sid; /* session ID expected in what we receive (ours) */
	uint32_t tx_seq; /* last sequence number sent, 0 before the first */
	IpmiSeqWindow rx_window;
	IpmiRc4Dir rc4_tx, rc4_rx;
	uint8_t force_pad; /* quirk: integrity pad length to send, 0xFF = normal */
	/* AES-CBC IVs are E_K2(iv_salt | iv_count) (see channel_iv in
	 * channel.c); rnd gives the salt, on the first seal, and xRC4 IVs. */
	uint8_t iv_salt[8];
	bool iv_salted;
	uint64_t iv_count;
	IpmiRandomFn rnd;
	void *rnd_ctx;
} IpmiChannel;

/* One opened packet. */
typedef struct {
	uint8_t payload_type; /* low 6 bits */
	bool encrypted;
	bool authenticated;
	uint32_t session_id;
	uint32_t seq;
	size_t payload_len; /* plaintext length, in the caller's buffer */
} IpmiOpened;

/* Set up a channel from derived keys; tx/rx session IDs as above.  c must
 * be zeroed or wiped memory (init does not close handles it might hold). */
void ipmi_channel_init(IpmiChannel *c, const IpmiKeys *keys, uint32_t tx_sid, uint32_t rx_sid,
		       IpmiRandomFn rnd, void *rnd_ctx);
/* Close the channel's handles, wipe every key and reset the channel. */
void ipmi_channel_wipe(IpmiChannel *c);
/* Give the channel's libgcrypt handles back (scrubbed, to the calling
 * thread's pool) and keep everything else: for a session that will see few
 * packets from now on (closed, kept only to answer retransmissions).  The
 * next seal or open takes handles again and keys them from c->keys. */
void ipmi_channel_release_handles(IpmiChannel *c);

/* Seal one payload into a complete datagram (RMCP header included) with the
 * next sequence number.  Returns the datagram length or a negative code.
 * Here and in ipmi_record_seal and ipmi_v2_plain_encode the OEM explicit
 * payload type (2) is IPMI_ERR_UNSUPPORTED: its header would need an OEM
 * IANA and payload ID. */
int ipmi_channel_seal(IpmiChannel *c, uint8_t payload_type, const uint8_t *payload, size_t len,
		      uint8_t *out, size_t cap);

/* Open a datagram (RMCP header included): all checks, then accept the
 * sequence number.  Plaintext goes to plain (capacity cap). */
int ipmi_channel_open(IpmiChannel *c, const uint8_t *dgram, size_t len, IpmiOpened *out,
		      uint8_t *plain, size_t cap);

/* The stateless part of opening, for the observer: checks the session ID
 * (unless expect_sid is 0), verifies integrity when verify_mac is set (a key
 * log cannot verify MD5-128), checks pads and decrypts; no window.
 * rc4 is the direction's xRC4 state or NULL; kh the handles kept for k (see
 * IpmiKeyHandles) or NULL to open and close them for this packet. */
int ipmi_record_open(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4, uint32_t expect_sid,
		     bool verify_mac, const uint8_t *dgram, size_t len, IpmiOpened *out,
		     uint8_t *plain, size_t cap);
/* The same on a datagram whose RMCP+ header is decoded already: session
 * is the slen bytes after the RMCP header (auth type 06h first) and h what
 * ipmi_v2_header_decode(session, slen) made of them.  For callers that
 * decode each datagram's header once (the observer, the dissectors). */
int ipmi_record_open_hdr(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4,
			 uint32_t expect_sid, bool verify_mac, const uint8_t *session, size_t slen,
			 const IpmiV2Header *h, IpmiOpened *out, uint8_t *plain, size_t cap);

/* The stateless part of sealing with an explicit sequence number. */
int ipmi_record_seal(const IpmiKeys *k, IpmiKeyHandles *kh, IpmiRc4Dir *rc4, uint32_t sid,
		     uint32_t seq, uint8_t payload_type, const uint8_t *payload, size_t len,
		     uint8_t force_pad, IpmiRandomFn rnd, void *rnd_ctx, uint8_t *out, size_t cap);

/* An unauthenticated, unencrypted RMCP+ packet (session setup payloads and
 * pre-session messages: session ID 0, sequence 0). */
int ipmi_v2_plain_encode(uint8_t payload_type, uint32_t sid, uint32_t seq, const uint8_t *payload,
			 size_t len, uint8_t *out, size_t cap);
/* An IPMI 1.5 pre-session packet (auth type none, session 0). */
int ipmi_v15_plain_encode(const uint8_t *payload, size_t len, uint8_t *out, size_t cap);
