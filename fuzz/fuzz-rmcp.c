/* fuzz-rmcp.c - the RMCP header and ASF presence ping/pong (rmcp.h).
 * Input: one UDP datagram. */
#include <string.h>

#include "core/rmcp.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	IpmiRmcpHeader h, h2;
	int rc = ipmi_rmcp_decode(data, size, &h);
	if (rc < 0)
		return 0;
	FUZZ_CHECK(rc == IPMI_RMCP_HEADER_LEN && size >= IPMI_RMCP_HEADER_LEN);
	uint8_t e[64];
	FUZZ_CHECK(ipmi_rmcp_encode(e, sizeof e, &h) == IPMI_RMCP_HEADER_LEN);
	FUZZ_CHECK(ipmi_rmcp_decode(e, IPMI_RMCP_HEADER_LEN, &h2) == IPMI_RMCP_HEADER_LEN);
	FUZZ_CHECK(h2.version == h.version && h2.seq == h.seq && h2.msg_class == h.msg_class);
	if (h.msg_class != IPMI_RMCP_CLASS_ASF)
		return 0;

	const uint8_t *p = data + rc;
	size_t n = size - (size_t)rc;
	IpmiAsfMessage m, m2;
	rc = ipmi_asf_decode(p, n, &m);
	if (rc < 0)
		return 0;
	FUZZ_CHECK((size_t)rc <= n);
	/* Ping and pong re-encode; what they carry must survive. */
	int l = ipmi_asf_encode(e, sizeof e, &m);
	if (m.type != IPMI_ASF_TYPE_PING && m.type != IPMI_ASF_TYPE_PONG) {
		FUZZ_CHECK(l < 0);
		return 0;
	}
	FUZZ_CHECK(l > 0);
	FUZZ_CHECK(ipmi_asf_decode(e, (size_t)l, &m2) == l);
	FUZZ_CHECK(m2.iana == m.iana && m2.type == m.type && m2.tag == m.tag);
	if (m.type == IPMI_ASF_TYPE_PONG)
		FUZZ_CHECK(m2.oem_iana == m.oem_iana && m2.oem_defined == m.oem_defined &&
			   m2.supported_entities == m.supported_entities &&
			   m2.supported_interactions == m.supported_interactions);
	/* The BMC's answer to a ping. */
	if (m.type == IPMI_ASF_TYPE_PING) {
		IpmiAsfMessage pong = {.iana = IPMI_ASF_IANA,
				       .type = IPMI_ASF_TYPE_PONG,
				       .tag = m.tag,
				       .supported_entities = IPMI_ASF_ENTITY_IPMI | 1};
		FUZZ_CHECK(ipmi_asf_encode(e, sizeof e, &pong) > 0);
	}
	return 0;
}
