/* cmd-session.c - `session info active|all` and `channel getciphers ipmi`
 * as ipmitool 1.8.19 prints them. */
#include "cmd-ext.h"

#include <stdio.h>
#include <string.h>

static const char *
privilege_name(IpmiPrivilege p)
{
	switch (p) {
	case IPMI_PRIVILEGE_CALLBACK:
		return "CALLBACK";
	case IPMI_PRIVILEGE_USER:
		return "USER";
	case IPMI_PRIVILEGE_OPERATOR:
		return "OPERATOR";
	case IPMI_PRIVILEGE_ADMINISTRATOR:
		return "ADMINISTRATOR";
	case IPMI_PRIVILEGE_OEM:
		return "OEM";
	default:
		return "Unknown";
	}
}

void
ipmictl_fmt_session(const IpmiSessionInfo *s, GString *out)
{
	g_string_append_printf(out, "session handle                : %d\n", s->handle);
	g_string_append_printf(out, "slot count                    : %d\n", s->slots);
	g_string_append_printf(out, "active sessions               : %d\n", s->active);
	if (s->has_session) {
		g_string_append_printf(out, "user id                       : %d\n", s->user_id);
		g_string_append_printf(out, "privilege level               : %s\n",
				       privilege_name(s->privilege));
		g_string_append_printf(out, "session type                  : %s\n",
				       s->session_type ? "IPMIv2/RMCP+" : "IPMIv1.5");
		g_string_append_printf(out, "channel number                : 0x%02x\n", s->channel);
		if (s->has_lan) {
			g_string_append_printf(out, "console ip                    : %s\n",
					       s->console_address);
			g_string_append_printf(out, "console mac                   : %s\n",
					       s->console_mac);
			g_string_append_printf(out, "console port                  : %d\n",
					       s->console_port);
		}
	}
	g_string_append_printf(out, "\n");
}

void
ipmictl_session_json(GString *arr, const IpmiSessionInfo *s)
{
	JsonObject o;
	if (arr->len > 1)
		g_string_append_c(arr, ',');
	jsonw_begin(&o, arr);
	jsonw_int(&o, "handle", s->handle);
	jsonw_int(&o, "slots", s->slots);
	jsonw_int(&o, "active", s->active);
	if (s->has_session) {
		jsonw_int(&o, "user_id", s->user_id);
		jsonw_str(&o, "privilege", privilege_name(s->privilege));
		jsonw_str(&o, "session_type", s->session_type ? "IPMIv2/RMCP+" : "IPMIv1.5");
		jsonw_int(&o, "channel", s->channel);
		if (s->has_lan) {
			jsonw_str(&o, "console_ip", s->console_address);
			jsonw_str(&o, "console_mac", s->console_mac);
			jsonw_int(&o, "console_port", s->console_port);
		}
	}
	jsonw_end(&o);
}

int
ipmictl_cmd_session_info(IpmiClient *client, int argc, char **argv)
{
	gboolean all = argc > 0 && strcmp(argv[0], "all") == 0;
	if (argc < 1 || (!all && strcmp(argv[0], "active") != 0)) {
		ipmictl_ext_fail("usage: session info active|all");
		return 2;
	}
	guint8 index = all ? 1 : 0;
	do {
		g_autoptr(GError) error = NULL;
		g_autoptr(IpmiSessionInfo) s =
		    ipmi_client_get_session_info_sync(client, index, NULL, &error);
		if (!s) {
			ipmictl_ext_fail("Get Session Info command failed: %s", error->message);
			return 1;
		}
		g_autoptr(GString) out = g_string_new(NULL);
		ipmictl_fmt_session(s, out);
		fwrite(out->str, 1, out->len, stdout);
		if (!all || index >= s->slots)
			break;
		index++;
	} while (TRUE);
	return 0;
}

/* ipmitool's names (ipmi_strings.c); val2str's text for the others. */
void
ipmictl_cipher_alg_names(const IpmiCipherSuiteInfo *r, char *auth, char *integ, char *conf,
			 gsize cap)
{
	static const char *const a[] = {"none", "hmac_sha1", "hmac_md5", "hmac_sha256"};
	static const char *const i[] = {"none", "hmac_sha1_96", "hmac_md5_128", "md5_128",
					"sha256_128"};
	static const char *const c[] = {"none", "aes_cbc_128", "xrc4_128", "xrc4_40"};
	if (r->auth < G_N_ELEMENTS(a))
		g_strlcpy(auth, a[r->auth], cap);
	else
		g_snprintf(auth, cap, "Unknown value 0x%04x", r->auth);
	if (r->integrity < G_N_ELEMENTS(i))
		g_strlcpy(integ, i[r->integrity], cap);
	else
		g_snprintf(integ, cap, "Unknown value 0x%04x", r->integrity);
	if (r->confidentiality < G_N_ELEMENTS(c))
		g_strlcpy(conf, c[r->confidentiality], cap);
	else
		g_snprintf(conf, cap, "Unknown value 0x%04x", r->confidentiality);
}

void
ipmictl_fmt_ciphers(GPtrArray *recs, GString *out, JsonObject *json)
{
	g_autoptr(GString) arr = g_string_new("[");
	g_string_append(out, "ID   IANA    Auth Alg        Integrity Alg   Confidentiality Alg\n");
	for (guint i = 0; i < recs->len; i++) {
		const IpmiCipherSuiteInfo *r = g_ptr_array_index(recs, i);
		char auth[32], integ[32], conf[32], iana[16];
		ipmictl_cipher_alg_names(r, auth, integ, conf, sizeof auth);
		if (r->iana)
			g_snprintf(iana, sizeof iana, "%06x", r->iana);
		else
			g_strlcpy(iana, "N/A", sizeof iana);
		g_string_append_printf(out, "%-4d %-7s %-15s %-15s %-15s\n", r->id, iana, auth,
				       integ, conf);
		JsonObject o;
		if (arr->len > 1)
			g_string_append_c(arr, ',');
		jsonw_begin(&o, arr);
		jsonw_int(&o, "id", r->id);
		if (r->oem)
			jsonw_int(&o, "iana", r->iana);
		else
			jsonw_null(&o, "iana");
		jsonw_str(&o, "auth", auth);
		jsonw_str(&o, "integrity", integ);
		jsonw_str(&o, "confidentiality", conf);
		jsonw_end(&o);
	}
	g_string_append_c(arr, ']');
	if (json)
		jsonw_raw(json, "cipher_suites", arr->str);
}

int
ipmictl_cmd_channel_getciphers(IpmiClient *client, int argc, char **argv)
{
	if (argc < 1 || strcmp(argv[0], "ipmi") != 0) {
		ipmictl_ext_fail("usage: channel getciphers ipmi [CHANNEL]");
		return 2;
	}
	guint8 channel = IPMI_CHANNEL_THIS;
	if (argc > 1 && !ipmictl_parse_channel(argv[1], &channel)) {
		ipmictl_ext_fail("channel getciphers: '%s' is not a channel (0-15)", argv[1]);
		return 2;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) recs =
	    ipmi_client_get_cipher_suite_records_sync(client, channel, NULL, &error);
	if (!recs) {
		ipmictl_ext_fail("%s", error->message);
		return 1;
	}
	g_autoptr(GString) out = g_string_new(NULL);
	ipmictl_fmt_ciphers(recs, out, NULL);
	fwrite(out->str, 1, out->len, stdout);
	return 0;
}
