/* run.h - run a program for the dissector tests and look at its output. */
#pragma once

#include <glib.h>

typedef struct {
	char *out;
	char *err;
	int status; /* exit status, or -1 when it did not exit normally */
} RunResult;

/* Run argv (NULL-terminated), stdin from stdin_path (NULL: /dev/null). */
void run_argv(RunResult *r, const char *const *argv, const char *stdin_path);
void run_result_clear(RunResult *r);

/* A fresh directory under /tmp readable by everyone (tshark runs as
 * nobody); removed by tmpdir_remove. */
char *tmpdir_new(void);
void tmpdir_remove(const char *dir);

/* The value of "key" in a one-line JSON object of ipmi-pcap --json: the
 * string without its quotes, or the number/literal text; NULL if absent.
 * Only the first occurrence (the top level comes before "fields"). */
char *json_get(const char *line, const char *key);
/* The line of frame n among JSON lines of type "message", or NULL. */
const char *json_frame(char **lines, guint64 frame);
