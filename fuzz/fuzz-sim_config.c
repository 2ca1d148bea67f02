/* fuzz-sim_config.c - bmcsim's configuration (simulator/config.h): the
 * key file loader on the input as a file, then the value parsers (suite
 * lists, percentages, listen specifications) on its first line. */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"

static void
values(const uint8_t *data, size_t size)
{
	char s[256];
	size_t n = 0;
	while (n < size && n < sizeof s - 1 && data[n] != '\n' && data[n] != 0) {
		s[n] = (char)data[n];
		n++;
	}
	s[n] = 0;
	uint32_t mask = 0;
	double pct = 0;
	GError *err = NULL;
	if (bmc_suites_parse(s, &mask, &err))
		FUZZ_CHECK(mask <= 0xFFFFF);
	else
		g_clear_error(&err);
	if (bmc_percent_parse(s, &pct, &err))
		FUZZ_CHECK(pct >= 0 && pct <= 100);
	else
		g_clear_error(&err);
	BmcListen *l = bmc_listen_parse(s, &err);
	if (l) {
		FUZZ_CHECK(l->count >= 1);
		GInetAddress *a = bmc_listen_address(l, l->count - 1);
		FUZZ_CHECK(a != NULL);
		g_object_unref(a);
		bmc_listen_free(l);
	} else {
		g_clear_error(&err);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	if (fd < 0)
		fd = memfd_create("fuzz-sim-config", 0);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(ftruncate(fd, 0) == 0);
	FUZZ_CHECK(pwrite(fd, data, size, 0) == (ssize_t)size);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

	BmcSimConfig *c = bmc_sim_config_new();
	GError *err = NULL;
	if (bmc_sim_config_load(c, path, &err))
		bmc_sim_config_finish(c);
	else
		g_clear_error(&err);
	bmc_sim_config_free(c);
	values(data, size);
	return 0;
}
