/* bench-udpfloor.c - the kernel's floor under a fleet poll, measured.
 *
 *   bench-udpfloor serve --port P --range A[-B] [--range ...] [--max-seconds S]
 *   bench-udpfloor client --port P --hosts-file FILE [-F FANOUT] [-n N]
 *                  [--timeout-ms MS] [--retries R] [--max-seconds S]
 *
 * A pair of programs that move exactly the datagrams of the fleet poll
 * (bench-fleet, ipmictl -F) against bmcsim, with the same I/O mechanisms,
 * and do nothing else: no crypto, no IPMI, no GLib.  The session rate they
 * reach is the highest the kernel's loopback datagram path allows on this
 * machine, measured in the same run as the real programs.
 *
 * A "session" is six sequential round trips, steps 0-5, with the UDP
 * payload sizes of a real suite-17 session at USER (SIZES below).  A
 * request carries its step in its first byte and a session tag in the next
 * four; the rest is zeros.  The answer has the size of that step's answer
 * and echoes the five bytes.
 *
 * serve: one UDP socket per address of the ranges (127.0.0.0/8 only, at
 * most ADDR_MAX), bound to PORT, all in one level-triggered epoll set, like
 * bmcsim (simulator/endpoint.c): per ready socket and wake-up one recvmmsg
 * of up to RECV_BURST datagrams, the answers to them in one sendmmsg on the
 * same socket (bmcsim sends each answer with its own sendto: this is at
 * most as costly).  Runs until SIGTERM or SIGINT, or --max-seconds (600);
 * prints nothing unless something fails.
 *
 * client: like libipmi's hub (libipmi/client/ipmi-hub.c): at most FANOUT
 * sessions in flight, on unconnected sockets bound to an ephemeral port,
 * one per SHARE_MAX sessions (1 MiB receive buffer, IP_RECVERR); a
 * datagram goes to the session talking to the address and port it came
 * from.  One epoll over the sockets (the hub's GSource is one poll over
 * them); per wake-up up to RECV_ROUNDS recvmmsg of RECV_BATCH per ready
 * socket, then what the wake-up queued goes out in sendmmsg calls of up to
 * SEND_BATCH.  A step unanswered after --timeout-ms (1000) is sent again,
 * at most --retries (2) times; then the session fails.  FILE: one "ADDR" or
 * "ADDR:PORT" per line, 127.0.0.0/8 only (the first N lines; when N is
 * larger, the list is used again from the top).  Prints one JSON line:
 *
 *   {"tool":"bench-udpfloor","n":..,"fanout":..,"ok":..,"failed":..,
 *    "unfinished":..,"retransmits":..,"seconds":..,"sessions_per_s":..,
 *    "cpu_s":..}
 *
 * seconds: the polling alone, without process start-up; cpu_s: this
 * process.  Exit status 0 when every session succeeded. */
#define _GNU_SOURCE /* recvmmsg, sendmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"

/* UDP payload sizes of one suite-17 session at USER against bmcsim, as
 * ipmictl (one host, and fleet mode) and bench-fleet send them, per step:
 * Get Channel Authentication Capabilities, Open Session, RAKP 1 / 2,
 * RAKP 3 / 4, Get Device ID, Close Session.  Measured, not computed: a
 * bmcsim on a free loopback port and
 *   tshark -i lo -f "udp port PORT" -T fields -e ip.src -e ip.dst -e udp.length
 * while `ipmictl -H 127.0.0.1 -p PORT -U admin -P password -C 17 -L USER mc
 * info`, `ipmictl -H '127.0.0.[1-1]:PORT' -F 64 ...` and `bench-fleet` ran:
 * the same twelve datagrams each time; udp.length minus the 8-byte UDP
 * header gives these. */
#define STEPS 6
static const uint16_t req_size[STEPS] = {23, 48, 49, 56, 68, 68};
static const uint16_t rsp_size[STEPS] = {30, 52, 88, 40, 84, 68};

#define HDR 5         /* step, tag (4 bytes) */
#define DGRAM_MAX 128 /* larger than any size above */

/* serve: as bmcsim's endpoint.c */
#define ADDR_MAX 4096
#define RECV_BURST 16 /* datagrams read per socket and wake-up */
#define READY_MAX 256 /* sockets served per wake-up; the rest on the next one */

/* client: as libipmi's ipmi-hub-private.h */
#define RECV_BATCH 32    /* datagrams per recvmmsg */
#define RECV_ROUNDS 4    /* recvmmsg per socket and wake-up */
#define SEND_BATCH 32    /* datagrams per sendmmsg */
#define SHARE_MAX 64     /* sessions per shared socket */
#define RCVBUF (1 << 20) /* asked for; the kernel caps it at net.core.rmem_max */
#define ERRQUEUE_MAX 64  /* ICMP errors read per wake-up */

#define FANOUT_MAX 65536
#define HOSTS_MAX 1000000

static int64_t
now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static bool
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

/* An IPv4 address of 127.0.0.0/8, host order. */
static bool
parse_loopback(const char *s, uint32_t *out)
{
	struct in_addr a;
	if (inet_pton(AF_INET, s, &a) != 1)
		return false;
	*out = ntohl(a.s_addr);
	return (*out >> 24) == 127;
}

/* Send mm[0..n) on fd; a datagram the kernel refuses is lost, as on the
 * network (retransmission covers it). */
static void
send_all(int fd, struct mmsghdr *mm, unsigned n)
{
	unsigned i = 0;
	for (unsigned tries = 0; i < n && tries < 2 * n + 2; tries++) {
		int r = sendmmsg(fd, mm + i, n - i, MSG_DONTWAIT);
		if (r > 0)
			i += (unsigned)r;
		else if (r < 0 && (errno == EINTR || errno == ECONNREFUSED))
			continue; /* another peer's ICMP error, reported here */
		else
			i++;
	}
}

/* ---- serve ----------------------------------------------------------------------- */

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

typedef struct {
	uint8_t rx[RECV_BURST][DGRAM_MAX];
	uint8_t tx[RECV_BURST][DGRAM_MAX]; /* zeros past HDR, always */
	struct sockaddr_storage from[RECV_BURST];
	struct iovec riov[RECV_BURST], tiov[RECV_BURST];
	struct mmsghdr rmm[RECV_BURST], tmm[RECV_BURST];
} ServeBufs;

/* One ready socket: one recvmmsg, the answers in one sendmmsg. */
static void
serve_socket(ServeBufs *b, int fd)
{
	for (int i = 0; i < RECV_BURST; i++) {
		b->riov[i] = (struct iovec){.iov_base = b->rx[i], .iov_len = DGRAM_MAX};
		b->rmm[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &b->from[i],
							 .msg_namelen = sizeof b->from[i],
							 .msg_iov = &b->riov[i],
							 .msg_iovlen = 1}};
	}
	int got = -1;
	for (int tries = 0; got < 0 && tries < 4; tries++) {
		got = recvmmsg(fd, b->rmm, RECV_BURST, MSG_DONTWAIT, NULL);
		if (got < 0 && errno != EINTR)
			return;
	}
	unsigned k = 0;
	for (int i = 0; i < got; i++) {
		unsigned len = b->rmm[i].msg_len;
		uint8_t step = b->rx[i][0];
		if (len < HDR || (b->rmm[i].msg_hdr.msg_flags & MSG_TRUNC) || step >= STEPS)
			continue;
		memcpy(b->tx[k], b->rx[i], HDR);
		b->tiov[k] = (struct iovec){.iov_base = b->tx[k], .iov_len = rsp_size[step]};
		b->tmm[k] =
		    (struct mmsghdr){.msg_hdr = {.msg_name = &b->from[i],
						 .msg_namelen = b->rmm[i].msg_hdr.msg_namelen,
						 .msg_iov = &b->tiov[k],
						 .msg_iovlen = 1}};
		k++;
	}
	if (k)
		send_all(fd, b->tmm, k);
}

static int
serve(int argc, char **argv)
{
	unsigned long port = 0, max_seconds = 600;
	uint32_t first[64], count[64];
	unsigned nranges = 0, total = 0;
	/* every option takes a value */
	for (int i = 0; i < argc; i += 2) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = val != NULL;
		if (!strcmp(a, "--port") || !strcmp(a, "-p")) {
			ok = ok && parse_uint(val, 65535, &port) && port;
		} else if (!strcmp(a, "--max-seconds")) {
			ok = ok && parse_uint(val, 86400, &max_seconds) && max_seconds;
		} else if (!strcmp(a, "--range") && ok && nranges < 64) {
			char buf[64];
			snprintf(buf, sizeof buf, "%s", val);
			char *dash = strchr(buf, '-');
			uint32_t lo, hi;
			if (dash)
				*dash = 0;
			if (!parse_loopback(buf, &lo) ||
			    !parse_loopback(dash ? dash + 1 : buf, &hi) || hi < lo ||
			    hi - lo >= ADDR_MAX || total + (hi - lo + 1) > ADDR_MAX) {
				fprintf(stderr,
					"bench-udpfloor: --range %s: A[-B] in 127.0.0.0/8, "
					"%d addresses at most in all\n",
					val, ADDR_MAX);
				return 2;
			}
			first[nranges] = lo;
			count[nranges++] = hi - lo + 1;
			total += hi - lo + 1;
		} else {
			ok = false;
		}
		if (!ok) {
			fprintf(stderr, "bench-udpfloor serve: bad argument %s\n", a);
			return 2;
		}
	}
	if (!port || !total) {
		fprintf(stderr, "usage: bench-udpfloor serve --port P --range A[-B] [--range ...] "
				"[--max-seconds S]\n");
		return 2;
	}
	raise_nofile();

	/* SIGTERM and SIGINT are delivered only inside epoll_pwait: no
	 * window between the check of `stop` and the wait. */
	sigset_t block, wait_mask;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	struct sigaction sa = {.sa_handler = on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	int status = 0;
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	int *fds = calloc(total, sizeof *fds);
	ServeBufs *b = calloc(1, sizeof *b);
	if (epfd < 0 || !fds || !b) {
		perror("bench-udpfloor: set-up");
		free(fds);
		free(b);
		return 1;
	}
	unsigned opened = 0;
	for (unsigned r = 0; r < nranges && !status; r++) {
		for (uint32_t k = 0; k < count[r] && !status; k++) {
			struct sockaddr_in sin = {.sin_family = AF_INET,
						  .sin_port = htons((uint16_t)port),
						  .sin_addr.s_addr = htonl(first[r] + k)};
			int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
			struct epoll_event ev = {.events = EPOLLIN, .data.u32 = opened};
			if (fd >= 0)
				fds[opened++] = fd;
			if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0 ||
			    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
				char ip[INET_ADDRSTRLEN];
				inet_ntop(AF_INET, &sin.sin_addr, ip, sizeof ip);
				fprintf(stderr, "bench-udpfloor: %s:%lu: %s\n", ip, port,
					strerror(errno));
				status = 1;
			}
		}
	}
	double end = now_s() + (double)max_seconds;
	struct epoll_event ev[READY_MAX];
	while (!status && !stop) {
		double left = end - now_s();
		if (left <= 0)
			break;
		int ms = left > 1 ? 1000 : (int)(left * 1000) + 1;
		int n = epoll_pwait(epfd, ev, READY_MAX, ms, &wait_mask);
		if (n < 0 && errno != EINTR) {
			perror("bench-udpfloor: epoll_wait");
			status = 1;
		}
		/* Level-triggered: a socket with more than RECV_BURST waiting,
		 * or beyond READY_MAX, is reported again next time. */
		for (int i = 0; i < n; i++)
			serve_socket(b, fds[ev[i].data.u32]);
	}
	for (unsigned i = 0; i < opened; i++)
		close(fds[i]);
	close(epfd);
	free(fds);
	free(b);
	return status;
}

/* ---- client ---------------------------------------------------------------------- */

typedef struct {
	int active;
	uint8_t step, tries;
	uint32_t tag;
	int64_t deadline; /* monotonic us */
	int sock;         /* index in Client.fds */
	int next;         /* the next session in the same peer bucket, -1: none */
	struct sockaddr_in peer;
} Sess;

typedef struct {
	unsigned n;
	int fd[SEND_BATCH];
	struct sockaddr_in to[SEND_BATCH];
	uint8_t buf[SEND_BATCH][DGRAM_MAX]; /* zeros past HDR, always */
	struct iovec iov[SEND_BATCH];
	struct mmsghdr mm[SEND_BATCH];
} Batch;

typedef struct {
	struct sockaddr_in *hosts;
	unsigned nhosts, n, fanout, retries;
	int64_t timeout_us;
	Sess *sess;
	int *bucket; /* peer hash -> first session, -1: none */
	unsigned nbuckets;
	int *fds;
	unsigned nsocks;
	unsigned next, active, ok, failed, retransmits;
	uint32_t tags;
	int64_t now;
	Batch tx;
	uint8_t rx[RECV_BATCH][DGRAM_MAX];
} Client;

static unsigned
peer_hash(const Client *c, const struct sockaddr_in *p)
{
	uint32_t h = (uint32_t)p->sin_addr.s_addr * 2654435761u ^ (uint32_t)p->sin_port * 40503u;
	return (h ^ (h >> 16)) & (c->nbuckets - 1);
}

static void
batch_flush(Batch *b)
{
	unsigned i = 0;
	while (i < b->n) {
		unsigned end = i;
		while (end < b->n && b->fd[end] == b->fd[i])
			end++;
		send_all(b->fd[i], &b->mm[i], end - i);
		i = end;
	}
	b->n = 0;
}

static void
send_request(Client *c, Sess *s)
{
	Batch *b = &c->tx;
	if (b->n == SEND_BATCH)
		batch_flush(b);
	unsigned i = b->n++;
	b->fd[i] = c->fds[s->sock];
	b->to[i] = s->peer;
	b->buf[i][0] = s->step;
	memcpy(&b->buf[i][1], &s->tag, 4);
	b->iov[i] = (struct iovec){.iov_base = b->buf[i], .iov_len = req_size[s->step]};
	b->mm[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &b->to[i],
						.msg_namelen = sizeof b->to[i],
						.msg_iov = &b->iov[i],
						.msg_iovlen = 1}};
	s->deadline = c->now + c->timeout_us;
}

static void
start_session(Client *c, int slot)
{
	Sess *s = &c->sess[slot];
	if (c->next >= c->n) {
		if (s->active)
			c->active--;
		s->active = 0;
		return;
	}
	if (!s->active)
		c->active++;
	s->active = 1;
	s->peer = c->hosts[c->next % c->nhosts];
	c->next++;
	s->step = 0;
	s->tries = 0;
	s->tag = ++c->tags;
	unsigned h = peer_hash(c, &s->peer);
	s->next = c->bucket[h];
	c->bucket[h] = slot;
	send_request(c, s);
}

static void
end_session(Client *c, int slot, bool ok)
{
	Sess *s = &c->sess[slot];
	int *p = &c->bucket[peer_hash(c, &s->peer)];
	for (unsigned k = 0; *p >= 0 && k < c->fanout; k++) {
		if (*p == slot) {
			*p = s->next;
			break;
		}
		p = &c->sess[*p].next;
	}
	if (ok)
		c->ok++;
	else
		c->failed++;
	start_session(c, slot);
}

/* A datagram from `from`: to the session talking to it, if the step and
 * tag are those it waits for (else a late duplicate: dropped). */
static void
deliver(Client *c, int sock, const struct sockaddr_in *from, const uint8_t *buf, unsigned len)
{
	if (len < HDR)
		return;
	uint32_t tag;
	memcpy(&tag, buf + 1, 4);
	int slot = c->bucket[peer_hash(c, from)];
	for (unsigned k = 0; slot >= 0 && k < c->fanout; k++) {
		Sess *s = &c->sess[slot];
		if (s->peer.sin_addr.s_addr == from->sin_addr.s_addr &&
		    s->peer.sin_port == from->sin_port && s->tag == tag && s->sock == sock) {
			if (buf[0] != s->step || len != rsp_size[s->step])
				return;
			if (++s->step == STEPS) {
				end_session(c, slot, true);
			} else {
				s->tries = 0;
				send_request(c, s);
			}
			return;
		}
		slot = s->next;
	}
}

static void
read_datagrams(Client *c, int sock)
{
	int fd = c->fds[sock];
	struct sockaddr_in from[RECV_BATCH];
	struct iovec iov[RECV_BATCH];
	struct mmsghdr mm[RECV_BATCH];
	for (int round = 0; round < RECV_ROUNDS; round++) {
		for (int i = 0; i < RECV_BATCH; i++) {
			iov[i] = (struct iovec){.iov_base = c->rx[i], .iov_len = DGRAM_MAX};
			mm[i] = (struct mmsghdr){.msg_hdr = {.msg_name = &from[i],
							     .msg_namelen = sizeof from[i],
							     .msg_iov = &iov[i],
							     .msg_iovlen = 1}};
		}
		int n = recvmmsg(fd, mm, RECV_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EINTR || errno == ECONNREFUSED)
				continue;
			return;
		}
		for (int i = 0; i < n; i++) {
			if ((mm[i].msg_hdr.msg_flags & MSG_TRUNC) ||
			    mm[i].msg_hdr.msg_namelen != sizeof from[i] ||
			    from[i].sin_family != AF_INET)
				continue;
			deliver(c, sock, &from[i], c->rx[i], mm[i].msg_len);
		}
		if (n < RECV_BATCH)
			return;
	}
}

/* ICMP errors (port unreachable): read and dropped; the sessions concerned
 * time out. */
static void
read_errors(int fd)
{
	for (int i = 0; i < ERRQUEUE_MAX; i++) {
		uint8_t data[64], ctl[512];
		struct sockaddr_in to;
		struct iovec iov = {.iov_base = data, .iov_len = sizeof data};
		struct msghdr m = {.msg_name = &to,
				   .msg_namelen = sizeof to,
				   .msg_iov = &iov,
				   .msg_iovlen = 1,
				   .msg_control = ctl,
				   .msg_controllen = sizeof ctl};
		if (recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0)
			break;
	}
	int err = 0;
	socklen_t el = sizeof err;
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
}

/* Retransmit or fail what is due; the earliest deadline left. */
static int64_t
run_timers(Client *c)
{
	int64_t min = -1;
	for (unsigned i = 0; i < c->fanout; i++) {
		Sess *s = &c->sess[i];
		if (!s->active)
			continue;
		if (s->deadline <= c->now) {
			if (s->tries < c->retries) {
				s->tries++;
				c->retransmits++;
				send_request(c, s);
			} else {
				end_session(c, (int)i, false);
			}
		}
		if (s->active && (min < 0 || s->deadline < min))
			min = s->deadline;
	}
	return min;
}

static int
load_hosts(Client *c, const char *path, uint16_t port)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bench-udpfloor: %s: %s\n", path, strerror(errno));
		return -1;
	}
	unsigned cap = 1024;
	c->hosts = malloc(cap * sizeof *c->hosts);
	char line[256];
	int rc = 0;
	for (unsigned lineno = 1; c->hosts && fgets(line, sizeof line, f) && lineno <= HOSTS_MAX;
	     lineno++) {
		char *p = line + strspn(line, " \t");
		p[strcspn(p, " \t\r\n#")] = 0;
		if (!*p)
			continue;
		unsigned long hp = port;
		char *colon = strchr(p, ':');
		if (colon) {
			*colon = 0;
			if (!parse_uint(colon + 1, 65535, &hp) || !hp)
				hp = 0;
		}
		uint32_t a;
		if (!parse_loopback(p, &a) || !hp) {
			fprintf(stderr, "bench-udpfloor: %s:%u: not ADDR[:PORT] in 127.0.0.0/8\n",
				path, lineno);
			rc = -1;
			break;
		}
		if (c->nhosts == cap) {
			cap *= 2;
			struct sockaddr_in *h = realloc(c->hosts, cap * sizeof *h);
			if (!h) {
				rc = -1;
				break;
			}
			c->hosts = h;
		}
		c->hosts[c->nhosts++] = (struct sockaddr_in){.sin_family = AF_INET,
							     .sin_port = htons((uint16_t)hp),
							     .sin_addr.s_addr = htonl(a)};
	}
	fclose(f);
	if (!c->hosts || (!rc && !c->nhosts)) {
		fprintf(stderr, "bench-udpfloor: %s: no hosts\n", path);
		rc = -1;
	}
	return rc;
}

static int
client(int argc, char **argv)
{
	unsigned long port = 0, fanout = 64, n = 0, timeout_ms = 1000, retries = 2,
		      max_seconds = 300;
	const char *hosts_file = NULL;
	/* every option takes a value */
	for (int i = 0; i < argc; i += 2) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = val != NULL;
		if (!strcmp(a, "--port") || !strcmp(a, "-p"))
			ok = ok && parse_uint(val, 65535, &port) && port;
		else if (!strcmp(a, "--fanout") || !strcmp(a, "-F"))
			ok = ok && parse_uint(val, FANOUT_MAX, &fanout) && fanout;
		else if (!strcmp(a, "--count") || !strcmp(a, "-n"))
			ok = ok && parse_uint(val, 100000000, &n);
		else if (!strcmp(a, "--timeout-ms"))
			ok = ok && parse_uint(val, 600000, &timeout_ms) && timeout_ms;
		else if (!strcmp(a, "--retries"))
			ok = ok && parse_uint(val, 100, &retries);
		else if (!strcmp(a, "--max-seconds"))
			ok = ok && parse_uint(val, 3600, &max_seconds) && max_seconds;
		else if (!strcmp(a, "--hosts-file"))
			hosts_file = val;
		else
			ok = false;
		if (!ok) {
			fprintf(stderr, "bench-udpfloor client: bad argument %s\n", a);
			return 2;
		}
	}
	if (!hosts_file) {
		fprintf(stderr, "usage: bench-udpfloor client --hosts-file FILE [--port P] "
				"[-F FANOUT] [-n N] [--timeout-ms MS] [--retries R] "
				"[--max-seconds S]\n");
		return 2;
	}
	Client *c = calloc(1, sizeof *c);
	if (!c || load_hosts(c, hosts_file, (uint16_t)(port ? port : 623)) < 0) {
		if (c)
			free(c->hosts);
		free(c);
		return 2;
	}
	raise_nofile();
	c->n = n ? (unsigned)n : c->nhosts;
	c->fanout = (unsigned)fanout;
	c->retries = (unsigned)retries;
	c->timeout_us = (int64_t)timeout_ms * 1000;
	c->nbuckets = 16;
	while (c->nbuckets < 2 * c->fanout)
		c->nbuckets *= 2;
	c->nsocks = (c->fanout + SHARE_MAX - 1) / SHARE_MAX;
	c->sess = calloc(c->fanout, sizeof *c->sess);
	c->bucket = malloc(c->nbuckets * sizeof *c->bucket);
	c->fds = malloc(c->nsocks * sizeof *c->fds);
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	int status = 0;
	unsigned opened = 0;
	if (!c->sess || !c->bucket || !c->fds || epfd < 0) {
		perror("bench-udpfloor: set-up");
		status = 2;
	}
	for (unsigned i = 0; !status && i < c->nbuckets; i++)
		c->bucket[i] = -1;
	for (unsigned i = 0; !status && i < c->fanout; i++)
		c->sess[i] = (Sess){.sock = (int)(i / SHARE_MAX), .next = -1};
	for (unsigned k = 0; !status && k < c->nsocks; k++) {
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		int on = 1, size = RCVBUF;
		struct sockaddr_in any = {.sin_family = AF_INET};
		struct epoll_event ev = {.events = EPOLLIN, .data.u32 = k};
		if (fd >= 0)
			c->fds[opened++] = fd;
		if (fd < 0 || setsockopt(fd, SOL_IP, IP_RECVERR, &on, sizeof on) < 0 ||
		    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) < 0 ||
		    bind(fd, (struct sockaddr *)&any, sizeof any) < 0 ||
		    epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
			perror("bench-udpfloor: socket");
			status = 2;
		}
	}

	double cpu0 = self_cpu();
	double t0 = now_s();
	int64_t end = now_us() + (int64_t)max_seconds * 1000000;
	if (!status) {
		c->now = now_us();
		for (unsigned i = 0; i < c->fanout && c->next < c->n; i++)
			start_session(c, (int)i);
		batch_flush(&c->tx);
	}
	struct epoll_event ev[64];
	int64_t wake = c->now + c->timeout_us;
	/* Bounded: every session ends within (retries + 1) * STEPS timeouts,
	 * and the whole run within --max-seconds. */
	while (!status && c->active > 0 && c->now < end) {
		int64_t until = wake < end ? wake : end;
		int64_t ms = (until - c->now + 999) / 1000;
		if (ms < 0)
			ms = 0;
		if (ms > 1000)
			ms = 1000;
		int nev = epoll_wait(epfd, ev, 64, (int)ms);
		if (nev < 0 && errno != EINTR) {
			perror("bench-udpfloor: epoll_wait");
			status = 2;
			break;
		}
		c->now = now_us();
		for (int i = 0; i < nev; i++) {
			unsigned k = ev[i].data.u32;
			if (ev[i].events & EPOLLERR)
				read_errors(c->fds[k]);
			if (ev[i].events & EPOLLIN)
				read_datagrams(c, (int)k);
		}
		if (c->now >= wake || nev <= 0)
			wake = run_timers(c);
		batch_flush(&c->tx);
		if (wake < 0)
			wake = c->now + c->timeout_us;
	}
	double secs = now_s() - t0;
	double cpu = self_cpu() - cpu0;
	if (status != 2) {
		unsigned unfinished = c->n - c->ok - c->failed;
		printf(
		    "{\"tool\":\"bench-udpfloor\",\"n\":%u,\"fanout\":%u,\"ok\":%u,\"failed\":%u,"
		    "\"unfinished\":%u,\"retransmits\":%u,\"seconds\":%.6f,"
		    "\"sessions_per_s\":%.1f,\"cpu_s\":%.6f}\n",
		    c->n, c->fanout, c->ok, c->failed, unfinished, c->retransmits, secs,
		    secs > 0 ? c->ok / secs : 0, cpu);
		status = (c->failed || unfinished) ? 1 : 0;
	}
	for (unsigned k = 0; k < opened; k++)
		close(c->fds[k]);
	if (epfd >= 0)
		close(epfd);
	free(c->fds);
	free(c->bucket);
	free(c->sess);
	free(c->hosts);
	free(c);
	return status;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "serve"))
		return serve(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "client"))
		return client(argc - 2, argv + 2);
	fprintf(stderr,
		"usage: bench-udpfloor serve --port P --range A[-B] [--range ...] "
		"[--max-seconds S]\n"
		"       bench-udpfloor client --port P --hosts-file FILE [-F FANOUT] [-n N] "
		"[--timeout-ms MS] [--retries R] [--max-seconds S]\n");
	return 2;
}
