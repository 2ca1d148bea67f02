/* fuzz.h - what the harnesses share: the libFuzzer entry point, the TLV
 * stream that multi-message inputs are made of (see README.md), a random
 * source that replays bytes from the input, and a decoder for IPMI LAN
 * payloads that hands the command data to every command codec.
 *
 * Harnesses abort() (FUZZ_CHECK) when an invariant of the core breaks, so
 * libFuzzer reports it like a crash and the gcc replay test fails. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/crypto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void fuzz_check_failed(const char *file, int line, const char *what);
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fuzz_check_failed(__FILE__, __LINE__, #cond);                              \
	} while (0)

/* ---- TLV stream: [type u8][len u16le][len bytes] ... ---------------------
 * A record cut short by the end of the input ends the stream. */
enum {
	FUZZ_T_CONFIG = 0x01, /* harness configuration (first one counts) */
	FUZZ_T_RANDOM = 0x02, /* bytes the random source returns, in order */
	FUZZ_T_DGRAM = 0x03,  /* a datagram for the role under test */
	FUZZ_T_TICK = 0x04,   /* u32le milliseconds pass; timeouts run */
	FUZZ_T_SEND = 0x05,   /* a payload the role seals */
	FUZZ_T_KEYLOG = 0x06, /* observer: a key log line */
	FUZZ_T_FREE = 0x07,   /* BMC: free the session slot named by byte 0 */
};

typedef struct {
	const uint8_t *p, *end;
} FuzzTlv;

static inline void
fuzz_tlv_init(FuzzTlv *t, const uint8_t *data, size_t size)
{
	t->p = data;
	t->end = data + size;
}

/* The next record; false at the end. */
bool fuzz_tlv_next(FuzzTlv *t, uint8_t *type, const uint8_t **val, size_t *len);

/* ---- random source ------------------------------------------------------
 * Returns the bytes of every FUZZ_T_RANDOM record of the input in order,
 * then a fixed xorshift stream, so a seed made from a capture can make the
 * console draw the captured tag and Rm and the BMC the captured Rc. */
typedef struct {
	uint8_t pool[1024];
	size_t len, pos;
	uint64_t state;
} FuzzRng;

/* Collect the RANDOM records of the input; reset the stream. */
void fuzz_rng_init(FuzzRng *r, const uint8_t *data, size_t size);
int fuzz_rng(void *ctx, uint8_t *buf, size_t len); /* an IpmiRandomFn */

/* The first CONFIG record's value (len 0 and a non-NULL pointer when the
 * input has none). */
const uint8_t *fuzz_config(const uint8_t *data, size_t size, size_t *len);

/* ---- payloads -------------------------------------------------------------
 * Decode an IPMI LAN message and give its data to the codecs of its
 * command, request or response by the netFn; every codec that decodes is
 * re-encoded and decoded again (the two encodings must agree).  Returns the
 * ipmi_msg_decode result. */
int fuzz_lan_payload(const uint8_t *p, size_t len);

/* Decode command data with every codec of a command (netfn even: request). */
void fuzz_command_data(uint8_t netfn, uint8_t cmd, const uint8_t *p, size_t len);

/* Every Session (App) command codec on the same bytes. */
void fuzz_cmd_session_all(const uint8_t *p, size_t len);

/* Every Storage/Sensor command codec (cmd_sdr.h, cmd_sel.h, cmd_fru.h) on
 * the same bytes, and the record formats (fuzz-storage.c). */
void fuzz_cmd_sdr_all(const uint8_t *p, size_t len);
void fuzz_cmd_sel_all(const uint8_t *p, size_t len);
void fuzz_cmd_fru_all(const uint8_t *p, size_t len);
/* The Storage and Sensor netFn commands' data, request or response. */
void fuzz_storage_command(uint8_t netfn, uint8_t cmd, const uint8_t *p, size_t len);

#define FUZZ_ENC_MAX 2048

/* Decode; when that works, encode, decode the encoding, encode again: the
 * second decode must take the first encoding whole and both encodings must
 * be the same bytes.  (Encoders may refuse what a decoder accepted.) */
#define ROUNDTRIP(T, dec, enc, p, len)                                                             \
	do {                                                                                       \
		T m1_, m2_;                                                                        \
		static uint8_t e1_[FUZZ_ENC_MAX], e2_[FUZZ_ENC_MAX];                               \
		if (dec((p), (len), &m1_) < 0)                                                     \
			break;                                                                     \
		int n1_ = enc(e1_, sizeof e1_, &m1_);                                              \
		if (n1_ < 0)                                                                       \
			break;                                                                     \
		FUZZ_CHECK(dec(e1_, (size_t)n1_, &m2_) == n1_);                                    \
		int n2_ = enc(e2_, sizeof e2_, &m2_);                                              \
		FUZZ_CHECK(n2_ == n1_ && memcmp(e1_, e2_, (size_t)n1_) == 0);                      \
	} while (0)
