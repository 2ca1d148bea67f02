/* ipmi-rmcpp-keys.c - the plugin's preferences: a UAT of credentials (user,
 * password, K_G) and a key log file (the RMCPP lines libipmi writes when
 * IPMI_KEYLOG_FILE is set), and the session table built from them for each
 * capture file. */
#include <epan/prefs.h>
#include <epan/uat.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "creds.h"
#include "ipmi-rmcpp.h"

typedef struct {
	char *user;
	char *password;
	char *kg;
} CredRecord;

static CredRecord *cred_records;
static guint n_cred_records;
static const char *pref_keylog_file = "";

/* What the current file's tracker borrows. */
static IpmiCredential *creds;
static size_t n_creds;
static IpmiKeylogEntry *keys;
static size_t n_keys;
static IpmiTracker *tracker;
static char keylog_error[IPMI_CREDS_ERR_MAX];

UAT_CSTRING_CB_DEF(cred_uat, user, CredRecord)
UAT_CSTRING_CB_DEF(cred_uat, password, CredRecord)
UAT_CSTRING_CB_DEF(cred_uat, kg, CredRecord)

static void *
cred_copy_cb(void *dest, const void *source, size_t len)
{
	CredRecord *d = dest;
	const CredRecord *s = source;
	d->user = g_strdup(s->user);
	d->password = g_strdup(s->password);
	d->kg = g_strdup(s->kg);
	return d;
}

static void
wipe_str(char *s)
{
	if (s)
		ipmi_wipe(s, strlen(s));
}

static void
cred_free_cb(void *r)
{
	CredRecord *c = r;
	g_free(c->user);
	wipe_str(c->password);
	g_free(c->password);
	wipe_str(c->kg);
	g_free(c->kg);
}

static gboolean
cred_update_cb(void *r, char **error)
{
	CredRecord *c = r;
	IpmiCredential tmp;
	char err[IPMI_CREDS_ERR_MAX];
	if (ipmi_cred_set(&tmp, c->user ? c->user : "", c->password ? c->password : "", c->kg,
			  false, err, sizeof err) < 0) {
		*error = g_strdup(err);
		return FALSE;
	}
	ipmi_wipe(&tmp, sizeof tmp);
	return TRUE;
}

void
ipmi_rmcpp_register_prefs(module_t *module)
{
	static uat_field_t fields[] = {
	    UAT_FLD_CSTRING(cred_uat, user, "User", "User name; empty matches any user"),
	    UAT_FLD_CSTRING(cred_uat, password, "Password", "The user's password (up to 20 bytes)"),
	    UAT_FLD_CSTRING(cred_uat, kg, "K_G",
			    "The BMC key: text, or hex after 0x; empty when the BMC has none"),
	    UAT_END_FIELDS};
	uat_t *uat = uat_new("IPMI RMCP+ credentials", sizeof(CredRecord), IPMI_RMCPP_UAT_FILE,
			     TRUE, &cred_records, &n_cred_records, UAT_AFFECTS_DISSECTION, NULL,
			     cred_copy_cb, cred_update_cb, cred_free_cb, NULL, NULL, fields);
	prefs_register_uat_preference(module, "credentials", "Credentials",
				      "Users, passwords and K_G tried on each session's RAKP 2",
				      uat);
	prefs_register_filename_preference(
	    module, "keylog_file", "Key log file",
	    "Session keys, one 'RMCPP <Rm> <SIDm> <SIDc> <auth> <integ> <conf> <SIK>' line per "
	    "session, as libipmi writes them to IPMI_KEYLOG_FILE",
	    &pref_keylog_file, FALSE);
}

static void
free_keys(void)
{
	if (creds) {
		ipmi_wipe(creds, n_creds * sizeof *creds);
		free(creds);
	}
	if (keys) {
		ipmi_wipe(keys, n_keys * sizeof *keys);
		free(keys);
	}
	creds = NULL;
	keys = NULL;
	n_creds = n_keys = 0;
}

void
ipmi_rmcpp_keys_init(void)
{
	ipmi_rmcpp_keys_cleanup();
	keylog_error[0] = 0;
	creds = calloc(n_cred_records + 1, sizeof *creds);
	for (guint i = 0; creds && i < n_cred_records; i++) {
		const CredRecord *r = &cred_records[i];
		char err[IPMI_CREDS_ERR_MAX];
		if (ipmi_cred_set(&creds[n_creds], r->user ? r->user : "",
				  r->password ? r->password : "", r->kg, false, err,
				  sizeof err) == 0)
			n_creds++;
	}
	if (pref_keylog_file && pref_keylog_file[0] &&
	    ipmi_keylog_load(pref_keylog_file, &keys, &n_keys, keylog_error, sizeof keylog_error) <
		0) {
		/* keep the entries before the bad line; the error becomes an
		 * expert info on the first session packet */
	}
	ipmi_crypto_init();
	tracker = ipmi_tracker_new(creds, n_creds, keys, n_keys);
}

void
ipmi_rmcpp_keys_cleanup(void)
{
	ipmi_tracker_free(tracker);
	tracker = NULL;
	free_keys();
}

IpmiTracker *
ipmi_rmcpp_tracker(void)
{
	return tracker;
}

gboolean
ipmi_rmcpp_configured(void)
{
	return tracker && (n_creds || n_keys || keylog_error[0]);
}

const char *
ipmi_rmcpp_keylog_error(void)
{
	return keylog_error[0] ? keylog_error : NULL;
}
