/* fuzz-keylog.c - the session key log parser (keylog.h).  Input: text;
 * each line is parsed, and every entry formats to a line that parses back
 * to the same entry. */
#include <string.h>

#include "core/keylog.h"
#include "core/status.h"
#include "fuzz.h"

static void
line(const char *s, size_t n)
{
	IpmiKeylogEntry e, e2;
	size_t col = 0, col2 = 0;
	int rc = ipmi_keylog_parse(s, n, &e, &col);
	FUZZ_CHECK(rc == 0 || rc == 1 || rc == IPMI_ERR_FORMAT);
	if (rc != 1) {
		FUZZ_CHECK(col >= 1 && col <= n + 1);
		return;
	}
	FUZZ_CHECK(e.sik_len > 0 && e.sik_len <= IPMI_KEY_MAX);
	char buf[IPMI_KEYLOG_LINE_MAX];
	int l = ipmi_keylog_format(&e, buf, sizeof buf);
	FUZZ_CHECK(l > 0 && (size_t)l < sizeof buf);
	FUZZ_CHECK(ipmi_keylog_parse(buf, (size_t)l, &e2, &col2) == 1);
	FUZZ_CHECK(memcmp(e.rm, e2.rm, sizeof e.rm) == 0 && e.console_sid == e2.console_sid &&
		   e.bmc_sid == e2.bmc_sid && e.auth == e2.auth && e.integ == e2.integ &&
		   e.conf == e2.conf && e.sik_len == e2.sik_len &&
		   memcmp(e.sik, e2.sik, e.sik_len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	/* The whole input as one line, then line by line. */
	line(s, size);
	size_t start = 0;
	for (size_t i = 0; i < size; i++) {
		if (s[i] == '\n') {
			line(s + start, i + 1 - start);
			start = i + 1;
		}
	}
	if (start < size && start > 0)
		line(s + start, size - start);
	return 0;
}
