/* fuzz-cmd_sel.c - the codecs of cmd_sel.h: every request, response and
 * record decoder on the input (command data or a record), each re-encoded
 * and decoded again (fuzz-storage.c). */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cmd_sel_all(data, size);
	return 0;
}
