/* fuzz-msg.c - the IPMI LAN/IPMB message (msg.h) and, through it, the data
 * of the commands the core codes (cmd_session.h, cmd_bridge.h).  Input: one
 * LAN message, rsSA to the second checksum. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_lan_payload(data, size);
	return 0;
}
