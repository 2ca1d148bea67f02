/* run.c - helpers of the dissector tests, see run.h. */
#include "run.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

void
run_argv(RunResult *r, const char *const *argv, const char *stdin_path)
{
	g_autoptr(GError) err = NULL;
	g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new(
	    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
	g_subprocess_launcher_set_stdin_file_path(l, stdin_path ? stdin_path : "/dev/null");
	g_autoptr(GSubprocess) p = g_subprocess_launcher_spawnv(l, argv, &err);
	g_assert_no_error(err);
	g_assert_true(g_subprocess_communicate_utf8(p, NULL, NULL, &r->out, &r->err, &err));
	g_assert_no_error(err);
	r->status = g_subprocess_get_if_exited(p) ? g_subprocess_get_exit_status(p) : -1;
	if (g_test_verbose())
		g_printerr("$ %s ...\n%s%s(exit %d)\n", argv[0], r->out, r->err, r->status);
}

void
run_result_clear(RunResult *r)
{
	g_free(r->out);
	g_free(r->err);
	memset(r, 0, sizeof *r);
}

char *
tmpdir_new(void)
{
	g_autoptr(GError) err = NULL;
	char *d = g_dir_make_tmp("ipmi-pcap-test-XXXXXX", &err);
	g_assert_no_error(err);
	g_chmod(d, 0755);
	return d;
}

void
tmpdir_remove(const char *dir)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	const char *n;
	while (d && (n = g_dir_read_name(d))) {
		g_autofree char *p = g_build_filename(dir, n, NULL);
		g_unlink(p);
	}
	g_rmdir(dir);
}

char *
json_get(const char *line, const char *key)
{
	g_autofree char *pat = g_strdup_printf("\"%s\":", key);
	const char *p = strstr(line, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	if (*p == '"') {
		const char *e = ++p;
		while (*e && *e != '"')
			e += *e == '\\' && e[1] ? 2 : 1;
		return g_strndup(p, (gsize)(e - p));
	}
	return g_strndup(p, strcspn(p, ",}"));
}

const char *
json_frame(char **lines, guint64 frame)
{
	g_autofree char *want = g_strdup_printf("\"frame\":%" G_GUINT64_FORMAT ",", frame);
	for (char **l = lines; *l; l++)
		if (g_str_has_prefix(*l, "{\"type\":\"message\"") && strstr(*l, want))
			return *l;
	return NULL;
}
