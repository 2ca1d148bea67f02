/* fuzz-cmd_session.c - the session commands' data (cmd_session.h): Get
 * Channel Authentication Capabilities, Set Session Privilege Level, Close
 * Session, Get Channel Cipher Suites and the cipher suite record stream.
 * Input: command data (after cmd, or after the completion code); it goes
 * to every decoder, requests and responses alike. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cmd_session_all(data, size);
	return 0;
}
