/* fuzz-packet.c - the session wrappers (packet.h): IPMI 1.5 header, RMCP+
 * header and integrity trailer for every MAC length.  Input: one UDP
 * datagram; a valid RMCP header is skipped, anything else is taken as
 * starting at the auth type. */
#include <string.h>

#include "core/packet.h"
#include "core/rmcp.h"
#include "fuzz.h"

static void
v15(const uint8_t *p, size_t n)
{
	IpmiV15Packet a, b;
	int rc = ipmi_v15_decode(p, n, &a);
	if (rc < 0)
		return;
	FUZZ_CHECK(rc == (int)n);
	FUZZ_CHECK(a.payload >= p && a.payload + a.payload_len <= p + n);
	static uint8_t e1[512], e2[512];
	int l1 = ipmi_v15_encode(e1, sizeof e1, &a);
	FUZZ_CHECK(l1 > 0 && (size_t)l1 <= n && memcmp(e1, p, (size_t)l1) == 0);
	FUZZ_CHECK(ipmi_v15_decode(e1, (size_t)l1, &b) == l1);
	int l2 = ipmi_v15_encode(e2, sizeof e2, &b);
	FUZZ_CHECK(l2 == l1 && memcmp(e1, e2, (size_t)l1) == 0);
}

static void
v2(const uint8_t *p, size_t n)
{
	IpmiV2Header h;
	int rc = ipmi_v2_header_decode(p, n, &h);
	if (rc < 0)
		return;
	FUZZ_CHECK((size_t)rc == h.header_len + h.payload_len && (size_t)rc <= n);
	FUZZ_CHECK(h.payload == p + h.header_len);
	/* The header encoding is canonical. */
	uint8_t e[32];
	int l = ipmi_v2_header_encode(e, sizeof e, &h);
	FUZZ_CHECK(l > 0 && (size_t)l == h.header_len && memcmp(e, p, (size_t)l) == 0);

	static const size_t mac_lens[] = {0, 12, 16, 20, 32};
	for (size_t i = 0; i < sizeof mac_lens / sizeof mac_lens[0]; i++) {
		IpmiV2Trailer t;
		int trc = ipmi_v2_trailer_decode(p, n, &h, mac_lens[i], &t);
		if (trc < 0)
			continue;
		FUZZ_CHECK(h.authenticated && trc == (int)n);
		FUZZ_CHECK(t.pad_len <= 4 && t.next_header == IPMI_NEXT_HEADER);
		FUZZ_CHECK(t.covered_len + mac_lens[i] == n);
		FUZZ_CHECK(t.covered_len == h.header_len + h.payload_len + t.pad_len + 2);
		FUZZ_CHECK(t.auth_code == p + t.covered_len && t.auth_code_len == mac_lens[i]);
		FUZZ_CHECK(((h.header_len + h.payload_len +
			     ipmi_v2_integrity_pad(h.header_len + h.payload_len) + 2) &
			    3) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IpmiRmcpHeader rh;
	if (ipmi_rmcp_decode(data, size, &rh) == IPMI_RMCP_HEADER_LEN) {
		data += IPMI_RMCP_HEADER_LEN;
		size -= IPMI_RMCP_HEADER_LEN;
	}
	v15(data, size);
	v2(data, size);
	return 0;
}
