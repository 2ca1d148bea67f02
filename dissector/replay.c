/* replay.c - the captured console requests, kept per session; and, when
 * libipmi's client is built, their replay against a live BMC (see
 * replay.h). */
#include "replay.h"

#include <stdlib.h>
#include <string.h>

#include "core/cmd_session.h"
#include "core/crypto.h"
#include "core/msg.h"

typedef struct {
	unsigned session;
	uint64_t frame;
	IpmiDirection dir;
	size_t len;
	uint8_t *msg;
} Entry;

struct IpmiReplayLog {
	Entry *v;
	size_t n, cap;
};

IpmiReplayLog *
ipmi_replay_log_new(void)
{
	return calloc(1, sizeof(IpmiReplayLog));
}

void
ipmi_replay_log_free(IpmiReplayLog *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++) {
		ipmi_wipe(log->v[i].msg, log->v[i].len);
		free(log->v[i].msg);
	}
	free(log->v);
	free(log);
}

void
ipmi_replay_log_add(IpmiReplayLog *log, unsigned session, uint64_t frame, IpmiDirection dir,
		    const uint8_t *msg, size_t len)
{
	if (log->n == log->cap) {
		size_t cap = log->cap ? 2 * log->cap : 64;
		Entry *v = realloc(log->v, cap * sizeof *v);
		if (!v)
			return;
		log->v = v;
		log->cap = cap;
	}
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		return;
	memcpy(copy, msg, len);
	log->v[log->n++] = (Entry){session, frame, dir, len, copy};
}

/* Session-management commands the client does itself. */
static bool
managed(const IpmiMsg *m)
{
	return (m->netfn & 0x3E) == IPMI_NETFN_APP &&
	       (m->cmd == IPMI_CMD_SET_SESSION_PRIVILEGE || m->cmd == IPMI_CMD_CLOSE_SESSION);
}

IpmiReplayStep *
ipmi_replay_steps(const IpmiReplayLog *log, unsigned session, size_t *n)
{
	*n = 0;
	IpmiReplayStep *v = calloc(log->n + 1, sizeof *v);
	if (!v)
		return NULL;
	for (size_t i = 0; i < log->n; i++) {
		const Entry *e = &log->v[i];
		IpmiMsg m;
		if (e->session != session || e->dir != IPMI_DIR_TO_BMC ||
		    ipmi_msg_decode(e->msg, e->len, &m) < 0 || ipmi_msg_is_response(&m) ||
		    managed(&m))
			continue;
		/* a retransmission repeats the previous request's bytes */
		if (*n && v[*n - 1].req_len == e->len &&
		    memcmp(v[*n - 1].req, e->msg, e->len) == 0 && !v[*n - 1].rsp)
			continue;
		IpmiReplayStep *st = &v[(*n)++];
		st->session = session;
		st->frame = e->frame;
		st->req = e->msg;
		st->req_len = e->len;
		for (size_t j = i + 1; j < log->n; j++) {
			const Entry *r = &log->v[j];
			IpmiMsg a;
			if (r->session != session || r->dir != IPMI_DIR_TO_CONSOLE ||
			    ipmi_msg_decode(r->msg, r->len, &a) < 0)
				continue;
			if (a.netfn == (m.netfn | 1) && a.cmd == m.cmd && a.rq_seq == m.rq_seq) {
				st->rsp = r->msg;
				st->rsp_len = r->len;
				break;
			}
		}
	}
	return v;
}
