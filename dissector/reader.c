/* reader.c - libpcap input, see reader.h. */
#include "reader.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROGRESS_MIN_SIZE (8L << 20) /* show progress for files of 8 MiB and more */

typedef struct {
	FILE *file;
	long size;
	bool on;
	double last;
} Progress;

static double
now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
progress_start(Progress *pr, pcap_t *p, const char *path, const IpmiReaderOptions *opt)
{
	memset(pr, 0, sizeof *pr);
	struct stat st;
	if (opt->quiet || !isatty(STDERR_FILENO) || strcmp(path, "-") == 0 || stat(path, &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < PROGRESS_MIN_SIZE)
		return;
	pr->file = pcap_file(p);
	pr->size = (long)st.st_size;
	pr->on = pr->file != NULL;
}

static void
progress_update(Progress *pr, const char *prog, uint64_t frame)
{
	if (!pr->on || frame % 1024)
		return;
	double t = now_s();
	if (t - pr->last < 0.25)
		return;
	pr->last = t;
	long pos = ftell(pr->file);
	if (pos < 0)
		return;
	fprintf(stderr, "\r%s: %3ld%% read, frame %llu", prog, pos * 100 / pr->size,
		(unsigned long long)frame);
	fflush(stderr);
}

static void
progress_end(Progress *pr)
{
	if (pr->on && pr->last > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

static bool
port_wanted(const IpmiReaderOptions *opt, uint16_t port)
{
	if (port == IPMI_RMCP_PORT)
		return true;
	for (size_t i = 0; i < opt->n_ports; i++)
		if (opt->ports[i] == port)
			return true;
	return false;
}

long
ipmi_reader_run(const char *path, const IpmiReaderOptions *opt, IpmiFrameFn fn, void *ctx)
{
	const char *prog = opt->prog ? opt->prog : "ipmi-pcap";
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_open_offline(path, errbuf);
	if (!p) {
		fprintf(stderr, "%s: %s: %s\n", prog, strcmp(path, "-") ? path : "standard input",
			errbuf);
		return -1;
	}
	int dlt = pcap_datalink(p);
	if (!ipmi_link_supported(dlt)) {
		fprintf(stderr,
			"%s: %s: link type %s (%d) not supported (Ethernet, Linux cooked, "
			"raw IP, loopback)\n",
			prog, path,
			pcap_datalink_val_to_name(dlt) ? pcap_datalink_val_to_name(dlt) : "?", dlt);
		pcap_close(p);
		return -1;
	}
	Progress pr;
	progress_start(&pr, p, path, opt);
	long problems = 0;
	uint64_t frame = 0, fragments = 0;
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc;
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		frame++;
		progress_update(&pr, prog, frame);
		IpmiUdp u;
		IpmiLinkResult lr = ipmi_link_udp(dlt, data, h->caplen, h->len, &u);
		if (lr == IPMI_LL_FRAGMENT) {
			fragments++;
			continue;
		}
		if (lr == IPMI_LL_OTHER)
			continue;
		bool ports = port_wanted(opt, u.src.port) || port_wanted(opt, u.dst.port);
		if (lr == IPMI_LL_BAD) {
			/* Only complain about frames that could have been ours. */
			bool ours =
			    ports || (u.src.port == 0 && u.dst.port == 0) ||
			    (!opt->no_heuristic && u.payload_len >= 4 && u.payload[0] == 0x06 &&
			     u.payload[1] == 0 && (u.payload[3] == 6 || u.payload[3] == 7));
			if (ours) {
				fprintf(stderr, "%s: frame %llu: %s; skipped\n", prog,
					(unsigned long long)frame, u.error);
				problems++;
			}
			continue;
		}
		if (!ports &&
		    (opt->no_heuristic || !ipmi_looks_like_rmcp(u.payload, u.payload_len)))
			continue;
		IpmiFrame f = {frame, {h->ts.tv_sec, h->ts.tv_usec}, &u};
		fn(ctx, &f);
	}
	progress_end(&pr);
	if (rc == PCAP_ERROR) {
		fprintf(stderr, "%s: frame %llu: %s (the capture ends here)\n", prog,
			(unsigned long long)frame + 1, pcap_geterr(p));
		problems++;
	}
	if (fragments)
		fprintf(stderr, "%s: %llu IP fragments skipped (not reassembled)\n", prog,
			(unsigned long long)fragments);
	pcap_close(p);
	return problems;
}
