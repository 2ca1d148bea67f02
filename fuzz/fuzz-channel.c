/* fuzz-channel.c - the record layer (channel.h) without a handshake: two
 * channels A and B keyed from one SIK, as a console and a BMC would be.
 * Input: a TLV stream (README.md):
 *   CONFIG  [suite][A's rx SID u32le][A's tx SID u32le][sik_len][sik]
 *           [pw_len][password]  (missing: 0; the password keys MD5-128)
 *   RANDOM  IVs for sealing
 *   DGRAM   a datagram for A: ipmi_channel_open
 *   SEND    [payload type][payload]: A seals it, B must open it to the same
 *           payload (A's receive state is fuzzed, B only ever hears A) */
#include <string.h>

#include "core/buf.h"
#include "core/channel.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/status.h"
#include "core/suite.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FuzzRng rng;
	static IpmiChannel a, b;
	static uint8_t plain[2048], sealed[2048], opened[2048];
	size_t clen;
	const uint8_t *cv = fuzz_config(data, size, &clen);
	IpmiReader r;
	ipmi_rd_init(&r, cv, clen);
	uint8_t suite = ipmi_rd_u8(&r);
	uint32_t rx_sid = ipmi_rd_u32le(&r);
	uint32_t tx_sid = ipmi_rd_u32le(&r);
	uint8_t sik[IPMI_KEY_MAX] = {0}, pw[IPMI_PASSWORD_MAX] = {0};
	uint8_t sik_len = ipmi_rd_u8(&r) % (IPMI_KEY_MAX + 1);
	ipmi_rd_copy(&r, sik, sik_len);
	uint8_t pw_len = ipmi_rd_u8(&r) % (IPMI_PASSWORD_MAX + 1);
	ipmi_rd_copy(&r, pw, pw_len);
	const IpmiCipherSuite *cs = ipmi_suite_get(suite % (IPMI_SUITE_MAX + 1));
	if (cs->auth == IPMI_AUTH_RAKP_NONE)
		cs = ipmi_suite_get(3);
	if (rx_sid == 0)
		rx_sid = 0xA0A2A3A4;
	if (tx_sid == 0)
		tx_sid = 0x1234ABCD;

	IpmiKeys keys;
	if (ipmi_keys_from_sik(&keys, cs->auth, cs->integ, cs->conf, sik,
			       ipmi_auth_key_len(cs->auth)) < 0)
		return 0;
	memcpy(keys.password, pw, sizeof keys.password);
	fuzz_rng_init(&rng, data, size);
	ipmi_channel_init(&a, &keys, tx_sid, rx_sid, fuzz_rng, &rng);
	ipmi_channel_init(&b, &keys, rx_sid, tx_sid, fuzz_rng, &rng);
	ipmi_keys_wipe(&keys);

	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		IpmiOpened op;
		if (type == FUZZ_T_DGRAM) {
			IpmiSeqWindow before = a.rx_window;
			int rc = ipmi_channel_open(&a, v, n, &op, plain, sizeof plain);
			if (rc == 0) {
				FUZZ_CHECK(op.payload_len <= sizeof plain && op.seq != 0);
				FUZZ_CHECK(op.session_id == rx_sid);
				/* The same datagram again is a replay. */
				FUZZ_CHECK(ipmi_channel_open(&a, v, n, &op, plain, sizeof plain) ==
					   IPMI_ERR_SEQUENCE);
				if (op.payload_type == IPMI_PAYLOAD_IPMI)
					fuzz_lan_payload(plain, op.payload_len);
			} else {
				FUZZ_CHECK(memcmp(&before, &a.rx_window, sizeof before) == 0);
			}
		} else if (type == FUZZ_T_SEND && n >= 1) {
			uint8_t ptype = v[0] & 0x3F;
			int rc = ipmi_channel_seal(&a, ptype, v + 1, n - 1, sealed, sizeof sealed);
			if (rc < 0) {
				FUZZ_CHECK(n - 1 > 1024 || (ptype == IPMI_PAYLOAD_OEM &&
							    rc == IPMI_ERR_UNSUPPORTED));
				continue;
			}
			rc = ipmi_channel_open(&b, sealed, (size_t)rc, &op, opened, sizeof opened);
			FUZZ_CHECK(rc == 0);
			FUZZ_CHECK(op.payload_type == ptype && op.payload_len == n - 1 &&
				   memcmp(opened, v + 1, n - 1) == 0);
		}
	}
	ipmi_channel_wipe(&a);
	ipmi_channel_wipe(&b);
	return 0;
}
