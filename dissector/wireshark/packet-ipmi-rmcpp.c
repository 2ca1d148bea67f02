/* packet-ipmi-rmcpp.c - RMCP+ (IPMI v2.0) session tracking, verification
 * and decryption for Wireshark, on libipmi's observer.
 *
 * Takes RMCP class 07h from the rmcp dissector (keeping the stock
 * ipmi_session handle, which still draws the session wrapper), follows each
 * session on the first pass with the same session table as ipmi-pcap
 * (track.c), and hands each decrypted IPMI message to Wireshark's own ipmi
 * dissector on a "Decrypted IPMI" data source, so ipmi.* display filters
 * work on encrypted traffic.  Modelled on packet-wireguard.c: state changes
 * only on the first pass, per-packet results in file scope, sessions in an
 * autoreset map, failures as expert infos.
 */
#include <epan/expert.h>
#include <epan/exceptions.h>
#include <epan/prefs.h>
#include <epan/show_exception.h>
#include <string.h>

/* after prefs.h, which defines what it uses */
#include <epan/prefs-int.h>

#include "core/crypto.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/rmcp.h"
#include "core/status.h"
#include "core/suite.h"
#include "ipmi-rmcpp.h"
#include "core/msg_names.h"

#define RMCP_CLASS_IPMI 7
#define SESSION_HEADER_LEN 12 /* auth type .. payload length, non-OEM payloads */

static int proto_ipmi_rmcpp = -1;

static int hf_session = -1;
static int hf_direction = -1;
static int hf_verdict = -1;
static int hf_credential = -1;
static int hf_credential_index = -1;
static int hf_keylog_entry = -1;
static int hf_suite = -1;
static int hf_decrypted = -1;
static int hf_verified = -1;
static int hf_replayed = -1;
static int hf_result = -1;
static int hf_tag = -1;
static int hf_status = -1;
static int hf_max_priv = -1;
static int hf_console_sid = -1;
static int hf_bmc_sid = -1;
static int hf_auth_alg = -1;
static int hf_integ_alg = -1;
static int hf_conf_alg = -1;
static int hf_rm = -1;
static int hf_rc = -1;
static int hf_guid = -1;
static int hf_role = -1;
static int hf_user_len = -1;
static int hf_user = -1;
static int hf_code = -1;
static int hf_icv = -1;
static int hf_auth15_type = -1;
static int hf_auth15_check = -1;

static gint ett_ipmi_rmcpp = -1;

static expert_field ei_wrong_password = EI_INIT;
static expert_field ei_no_keys = EI_INIT;
static expert_field ei_kg_mismatch = EI_INIT;
static expert_field ei_integrity = EI_INIT;
static expert_field ei_not_decrypted = EI_INIT;
static expert_field ei_replayed = EI_INIT;
static expert_field ei_rejected = EI_INIT;
static expert_field ei_malformed = EI_INIT;
static expert_field ei_keylog = EI_INIT;
static expert_field ei_console_password = EI_INIT;
static expert_field ei_auth15_mismatch = EI_INIT;

static dissector_handle_t ipmi_rmcpp_handle;
static dissector_handle_t ipmi_session_handle; /* the stock class-7 handle */
static dissector_handle_t ipmi_handle;
static dissector_handle_t rmcp_handle;

static wmem_map_t *sessions; /* session number -> SessionData, per file */

typedef struct {
	guint32 number;
	int cred;
	char cred_user[IPMI_USER_MAX + 1];
	int keylog_index;
	gboolean verdict_known, auth_failed, kg_mismatch, keylog_only, no_creds;
	guint8 status, auth, integ, conf;
} SessionData;

static const value_string direction_vals[] = {
    {IPMI_DIR_TO_BMC, "Console to BMC"},
    {IPMI_DIR_TO_CONSOLE, "BMC to console"},
    {0, NULL},
};

static const value_string auth_vals[] = {
    {0, "RAKP-none"}, {1, "RAKP-HMAC-SHA1"}, {2, "RAKP-HMAC-MD5"}, {3, "RAKP-HMAC-SHA256"},
    {0, NULL},
};
static const value_string integ_vals[] = {
    {0, "none"},    {1, "HMAC-SHA1-96"},    {2, "HMAC-MD5-128"},
    {3, "MD5-128"}, {4, "HMAC-SHA256-128"}, {0, NULL},
};
static const value_string conf_vals[] = {
    {0, "none"}, {1, "AES-CBC-128"}, {2, "xRC4-128"}, {3, "xRC4-40"}, {0, NULL},
};
static const value_string auth15_type_vals[] = {
    {IPMI_AUTHTYPE_MD2, "MD2"},
    {IPMI_AUTHTYPE_MD5, "MD5"},
    {IPMI_AUTHTYPE_PASSWORD, "straight password"},
    {IPMI_AUTHTYPE_OEM, "OEM"},
    {0, NULL},
};
static const value_string priv_vals[] = {
    {0, "highest"},       {1, "Callback"}, {2, "User"}, {3, "Operator"},
    {4, "Administrator"}, {5, "OEM"},      {0, NULL},
};

/* ---- first pass: feed the session table ------------------------------- */

static void
endpoint_from(IpmiEndpoint *e, const address *a, guint32 port)
{
	memset(e, 0, sizeof *e);
	e->port = (uint16_t)port;
	e->family = 4;
	if (a->type == AT_IPv4 && a->len == 4) {
		memcpy(e->addr, a->data, 4);
	} else if (a->type == AT_IPv6 && a->len == 16) {
		e->family = 6;
		memcpy(e->addr, a->data, 16);
	}
}

static void
session_update(const IpmiTrackedSession *s)
{
	SessionData *sd = wmem_map_lookup(sessions, GUINT_TO_POINTER(s->number));
	if (!sd) {
		sd = wmem_new0(wmem_file_scope(), SessionData);
		sd->number = s->number;
		wmem_map_insert(sessions, GUINT_TO_POINTER(s->number), sd);
	}
	const IpmiObserver *o = &s->obs;
	sd->cred = o->cred;
	if (o->cred >= 0) {
		const IpmiCredential *c = &o->creds[o->cred];
		memcpy(sd->cred_user, c->user, c->user_len);
		sd->cred_user[c->user_len] = 0;
	}
	sd->keylog_index = s->keylog_index;
	sd->verdict_known = s->verdict_known;
	sd->auth_failed = o->auth_failed && o->cred < 0 && s->keylog_index < 0;
	sd->no_creds = o->n_creds == 0;
	sd->kg_mismatch = o->kg_mismatch;
	sd->keylog_only = s->keylog_only;
	sd->status = o->status;
	sd->auth = o->auth;
	sd->integ = o->integ;
	sd->conf = o->conf;
}

static const PacketData *
track_packet(tvbuff_t *tvb, packet_info *pinfo)
{
	IpmiTracker *t = ipmi_rmcpp_tracker();
	guint len = tvb_captured_length(tvb);
	if (!t || len + IPMI_RMCP_HEADER_LEN > IPMI_MAX_DATAGRAM) {
		PacketData *pd = ipmi_rmcpp_frame_new(pinfo->num);
		pd->rc = IPMI_ERR_LENGTH;
		return pd;
	}
	/* The observer reads whole datagrams; the rmcp dissector handed us
	 * what follows its header, which no MAC covers: put one back. */
	guint8 dgram[IPMI_MAX_DATAGRAM], plain[IPMI_MAX_DATAGRAM];
	dgram[0] = IPMI_RMCP_VERSION;
	dgram[1] = 0;
	dgram[2] = IPMI_RMCP_SEQ_NO_ACK;
	dgram[3] = RMCP_CLASS_IPMI;
	tvb_memcpy(tvb, dgram + IPMI_RMCP_HEADER_LEN, 0, len);
	IpmiEndpoint src, dst;
	endpoint_from(&src, &pinfo->src, pinfo->srcport);
	endpoint_from(&dst, &pinfo->dst, pinfo->destport);
	IpmiTrackResult r;
	ipmi_tracker_feed(t, &src, &dst, pinfo->num, dgram, len + IPMI_RMCP_HEADER_LEN, &r, plain,
			  sizeof plain);
	bool keep = r.rc >= 0 && r.obs.payload_len && (r.obs.result == 0 || r.session == NULL);
	PacketData *pd = ipmi_rmcpp_frame_new(pinfo->num);
	if (keep) {
		pd->plain = ipmi_rmcpp_frame_keep(plain, r.obs.payload_len);
		pd->obs.payload_len = (guint16)r.obs.payload_len;
	}
	pd->rc = (gint16)r.rc;
	pd->obs.session_id = r.obs.session_id;
	pd->obs.result = (gint16)r.obs.result;
	pd->obs.dir = (guint8)r.obs.dir;
	pd->obs.payload_type = r.obs.payload_type;
	pd->obs.encrypted = r.obs.encrypted;
	pd->obs.authenticated = r.obs.authenticated;
	pd->obs.replayed = r.obs.replayed;
	pd->obs.verified = r.obs.verified;
	pd->verdict_here = r.verdict;
	pd->rakp3_bad = r.rakp3_checked && r.session->rakp3 < 0;
	pd->auth15 = (guint8)r.auth15;
	pd->auth15_type = r.auth15_type;
	pd->auth15_cred = (gint16)r.auth15_cred;
	if (r.session) {
		pd->session = r.session->number;
		/* what SessionData holds changes during the handshake only */
		if (r.new_session || r.verdict || r.obs.payload_type != IPMI_PAYLOAD_IPMI ||
		    r.obs.session_id == 0)
			session_update(r.session);
	}
	/* the plaintext is no longer than the datagram */
	ipmi_wipe(plain, len + IPMI_RMCP_HEADER_LEN);
	return pd;
}

/* ---- the tree ----------------------------------------------------------- */

static void
add_gen_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *s)
{
	proto_item_set_generated(proto_tree_add_string(t, hf, tvb, 0, 0, s));
}

static void
add_gen_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
	proto_item_set_generated(proto_tree_add_uint(t, hf, tvb, 0, 0, v));
}

static void
add_gen_bool(proto_tree *t, int hf, tvbuff_t *tvb, gboolean v)
{
	proto_item_set_generated(proto_tree_add_boolean(t, hf, tvb, 0, 0, v));
}

/* The setup payloads' fields, at their place in the packet (payload at
 * offset 12, after the session header).  Short forms (a non-zero status)
 * stop where the packet does. */
static void
add_setup_fields(proto_tree *t, tvbuff_t *tvb, guint8 ptype)
{
	const int o = SESSION_HEADER_LEN;
	int n = (int)tvb_captured_length(tvb) - o;
#define ITEM(hf, off, len, enc)                                                                    \
	do {                                                                                       \
		if ((off) + (len) <= n)                                                            \
			proto_tree_add_item(t, hf, tvb, o + (off), len, enc);                      \
	} while (0)
	ITEM(hf_tag, 0, 1, ENC_NA);
	switch (ptype) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ:
		ITEM(hf_max_priv, 1, 1, ENC_NA);
		ITEM(hf_console_sid, 4, 4, ENC_LITTLE_ENDIAN);
		ITEM(hf_auth_alg, 12, 1, ENC_NA);
		ITEM(hf_integ_alg, 20, 1, ENC_NA);
		ITEM(hf_conf_alg, 28, 1, ENC_NA);
		break;
	case IPMI_PAYLOAD_OPEN_SESSION_RSP:
		ITEM(hf_status, 1, 1, ENC_NA);
		ITEM(hf_max_priv, 2, 1, ENC_NA);
		ITEM(hf_console_sid, 4, 4, ENC_LITTLE_ENDIAN);
		ITEM(hf_bmc_sid, 8, 4, ENC_LITTLE_ENDIAN);
		ITEM(hf_auth_alg, 16, 1, ENC_NA);
		ITEM(hf_integ_alg, 24, 1, ENC_NA);
		ITEM(hf_conf_alg, 32, 1, ENC_NA);
		break;
	case IPMI_PAYLOAD_RAKP1: {
		ITEM(hf_bmc_sid, 4, 4, ENC_LITTLE_ENDIAN);
		ITEM(hf_rm, 8, 16, ENC_NA);
		ITEM(hf_role, 24, 1, ENC_NA);
		ITEM(hf_user_len, 27, 1, ENC_NA);
		int ulen = n >= 28 ? tvb_get_guint8(tvb, o + 27) : 0;
		if (ulen > 0 && ulen <= IPMI_USER_MAX)
			ITEM(hf_user, 28, ulen, ENC_ASCII);
		break;
	}
	case IPMI_PAYLOAD_RAKP2:
		ITEM(hf_status, 1, 1, ENC_NA);
		ITEM(hf_console_sid, 4, 4, ENC_LITTLE_ENDIAN);
		ITEM(hf_rc, 8, 16, ENC_NA);
		ITEM(hf_guid, 24, 16, ENC_NA);
		if (n > 40)
			ITEM(hf_code, 40, n - 40, ENC_NA);
		break;
	case IPMI_PAYLOAD_RAKP3:
		ITEM(hf_status, 1, 1, ENC_NA);
		ITEM(hf_bmc_sid, 4, 4, ENC_LITTLE_ENDIAN);
		if (n > 8)
			ITEM(hf_code, 8, n - 8, ENC_NA);
		break;
	case IPMI_PAYLOAD_RAKP4:
		ITEM(hf_status, 1, 1, ENC_NA);
		ITEM(hf_console_sid, 4, 4, ENC_LITTLE_ENDIAN);
		if (n > 8)
			ITEM(hf_icv, 8, n - 8, ENC_NA);
		break;
	}
#undef ITEM
}

static void
add_session_fields(proto_tree *t, tvbuff_t *tvb, packet_info *pinfo, proto_item *ti,
		   const PacketData *pd)
{
	const SessionData *sd = wmem_map_lookup(sessions, GUINT_TO_POINTER(pd->session));
	add_gen_uint(t, hf_session, tvb, pd->session);
	if (!sd)
		return;
	int suite = ipmi_suite_find(sd->auth, sd->integ, sd->conf);
	if (suite >= 0)
		add_gen_uint(t, hf_suite, tvb, (guint32)suite);
	const char *verdict = "handshake incomplete";
	if (sd->keylog_only || (sd->cred < 0 && sd->keylog_index >= 0))
		verdict = "keys from the key log";
	else if (sd->status && !sd->verdict_known)
		verdict = "refused by the BMC";
	else if (sd->cred >= 0)
		verdict = sd->kg_mismatch ? "password matches, K_G mismatch" : "credential matches";
	else if (sd->auth_failed)
		verdict = sd->no_creds ? "no credential given" : "wrong password";
	add_gen_string(t, hf_verdict, tvb, verdict);
	if (sd->cred >= 0) {
		add_gen_string(t, hf_credential, tvb, sd->cred_user);
		add_gen_uint(t, hf_credential_index, tvb, (guint32)sd->cred + 1);
	}
	if (sd->keylog_index >= 0)
		add_gen_uint(t, hf_keylog_entry, tvb, (guint32)sd->keylog_index + 1);
	if (pd->verdict_here && sd->auth_failed)
		expert_add_info_format(pinfo, ti, sd->no_creds ? &ei_no_keys : &ei_wrong_password,
				       sd->no_creds
					   ? "No credential or key log entry for this session"
					   : "Wrong password: no credential matches RAKP 2");
}

/* An IPMI v1.5 wrapper's AuthCode, checked with the credentials'
 * passwords on the first pass. */
static void
show_auth15(tvbuff_t *tvb, packet_info *pinfo, proto_tree *t, proto_item *ti, const PacketData *pd)
{
	if (pd->auth15 == IPMI_AUTH15_NO_CODE)
		return;
	static const char *const checks[] = {
	    [IPMI_AUTH15_VERIFIED] = "verified",
	    [IPMI_AUTH15_MISMATCH] = "mismatch: wrong password",
	    [IPMI_AUTH15_NO_PASSWORD] = "not verified: no password",
	    [IPMI_AUTH15_UNCHECKABLE] = "not checkable (OEM)",
	};
	add_gen_uint(t, hf_auth15_type, tvb, pd->auth15_type);
	add_gen_string(t, hf_auth15_check, tvb,
		       pd->auth15 < G_N_ELEMENTS(checks) && checks[pd->auth15] ? checks[pd->auth15]
									       : "?");
	add_gen_bool(t, hf_verified, tvb, pd->auth15 == IPMI_AUTH15_VERIFIED);
	if (pd->auth15 == IPMI_AUTH15_VERIFIED)
		add_gen_uint(t, hf_credential_index, tvb, (guint32)pd->auth15_cred + 1);
	if (pd->auth15 == IPMI_AUTH15_MISMATCH) {
		expert_add_info(pinfo, ti, &ei_auth15_mismatch);
		col_append_str(pinfo->cinfo, COL_INFO, " [AuthCode mismatch]");
	}
}

/* The decrypted message on its own data source, to Wireshark's ipmi
 * dissector (the Info column, and ipmi.* fields when there is a tree). */
static void
show_decrypted(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const PacketData *pd)
{
	const PacketObs *o = &pd->obs;
	tvbuff_t *dec =
	    tvb_new_child_real_data(tvb, pd->plain, (guint)o->payload_len, (gint)o->payload_len);
	add_new_data_source(pinfo, dec, "Decrypted IPMI");
	if (o->payload_type == IPMI_PAYLOAD_IPMI && ipmi_handle)
		call_dissector_with_data(ipmi_handle, dec, pinfo, tree, NULL);
	else
		call_data_dissector(dec, pinfo, tree);
}

/* Does Wireshark's ipmi dissector put the command into the Info column
 * (its preference dissect_bus_commands)?  Read at each file start. */
static gboolean ipmi_sets_info;

static void
read_ipmi_prefs(void)
{
	module_t *m = prefs_find_module("ipmi");
	pref_t *pr = m ? prefs_find_preference(m, "dissect_bus_commands") : NULL;
	ipmi_sets_info = pr ? prefs_get_bool_value(pr, pref_current) : TRUE;
}

/* No tree (tshark without -V or a filter): only what reaches the columns
 * and the data sources; the same conditions as show().  The ipmi
 * dissector runs only when it changes the Info column; otherwise all it
 * would leave is its protocol name. */
static void
show_no_tree(tvbuff_t *tvb, packet_info *pinfo, const PacketData *pd)
{
	const PacketObs *o = &pd->obs;
	if (pd->rc < 0)
		return;
	if (tvb_get_guint8(tvb, 0) != IPMI_AUTHTYPE_RMCPP) {
		if (pd->auth15 == IPMI_AUTH15_MISMATCH)
			col_append_str(pinfo->cinfo, COL_INFO, " [AuthCode mismatch]");
		return;
	}
	if ((o->payload_type >= IPMI_PAYLOAD_OPEN_SESSION_REQ &&
	     o->payload_type <= IPMI_PAYLOAD_RAKP4) ||
	    o->session_id == 0)
		return;
	if (o->result != 0) {
		col_append_str(pinfo->cinfo, COL_INFO, " [not decrypted]");
		return;
	}
	if (!o->encrypted || !pd->plain)
		return;
	if (ipmi_sets_info || o->payload_type != IPMI_PAYLOAD_IPMI || !ipmi_handle) {
		show_decrypted(tvb, pinfo, NULL, pd);
		return;
	}
	tvbuff_t *dec =
	    tvb_new_child_real_data(tvb, pd->plain, (guint)o->payload_len, (gint)o->payload_len);
	add_new_data_source(pinfo, dec, "Decrypted IPMI");
	col_set_str(pinfo->cinfo, COL_PROTOCOL, "IPMB");
}

static void
show(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const PacketData *pd)
{
	if (!tree) {
		show_no_tree(tvb, pinfo, pd);
		return;
	}
	proto_item *ti = proto_tree_add_item(tree, proto_ipmi_rmcpp, tvb, 0, -1, ENC_NA);
	proto_tree *t = proto_item_add_subtree(ti, ett_ipmi_rmcpp);
	const PacketObs *o = &pd->obs;
	if (pd->rc < 0) {
		expert_add_info_format(pinfo, ti, &ei_malformed, "Not an RMCP+ message: %s",
				       ipmi_strerror(pd->rc));
		return;
	}
	if (pd->session)
		add_session_fields(t, tvb, pinfo, ti, pd);
	if (o->dir != IPMI_DIR_UNKNOWN)
		proto_item_set_generated(
		    proto_tree_add_uint(t, hf_direction, tvb, 0, 0, (guint32)o->dir));
	if (ipmi_rmcpp_keylog_error() && pd->verdict_here)
		expert_add_info_format(pinfo, ti, &ei_keylog, "Key log: %s",
				       ipmi_rmcpp_keylog_error());
	gboolean setup = tvb_get_guint8(tvb, 0) == IPMI_AUTHTYPE_RMCPP &&
			 o->payload_type >= IPMI_PAYLOAD_OPEN_SESSION_REQ &&
			 o->payload_type <= IPMI_PAYLOAD_RAKP4;
	if (setup) {
		add_setup_fields(t, tvb, o->payload_type);
		if (o->result == IPMI_ERR_KG)
			expert_add_info(pinfo, ti, &ei_kg_mismatch);
		if (pd->rakp3_bad)
			expert_add_info(pinfo, ti, &ei_console_password);
		const SessionData *sd = wmem_map_lookup(sessions, GUINT_TO_POINTER(pd->session));
		if (sd && sd->status && o->payload_type != IPMI_PAYLOAD_OPEN_SESSION_REQ &&
		    o->payload_type != IPMI_PAYLOAD_RAKP1 &&
		    o->payload_type != IPMI_PAYLOAD_RAKP3 &&
		    tvb_captured_length(tvb) > SESSION_HEADER_LEN + 1 &&
		    tvb_get_guint8(tvb, SESSION_HEADER_LEN + 1) != 0)
			expert_add_info_format(pinfo, ti, &ei_rejected, "The BMC refused: %s",
					       ipmi_rmcpp_status_str(sd->status));
		return;
	}
	if (tvb_get_guint8(tvb, 0) != IPMI_AUTHTYPE_RMCPP) {
		show_auth15(tvb, pinfo, t, ti, pd);
		return; /* the stock dissectors show the rest */
	}
	if (o->session_id == 0)
		return; /* pre-session: the stock dissectors show it all */
	gboolean ok = o->result == 0;
	add_gen_bool(t, hf_decrypted, tvb, ok && o->encrypted);
	add_gen_bool(t, hf_verified, tvb, ok && o->verified && o->authenticated);
	add_gen_string(t, hf_result, tvb, ok ? "ok" : ipmi_strerror(o->result));
	if (o->replayed) {
		add_gen_bool(t, hf_replayed, tvb, TRUE);
		expert_add_info(pinfo, ti, &ei_replayed);
	}
	if (!ok) {
		expert_field *ei = o->result == IPMI_ERR_INTEGRITY       ? &ei_integrity
				   : o->result == IPMI_ERR_KG            ? &ei_kg_mismatch
				   : o->result == IPMI_ERR_NO_CREDENTIAL ? &ei_no_keys
									 : &ei_not_decrypted;
		expert_add_info_format(pinfo, ti, ei, "Not decrypted: %s",
				       ipmi_strerror(o->result));
		col_append_str(pinfo->cinfo, COL_INFO, " [not decrypted]");
		return;
	}
	if (!o->encrypted || !pd->plain)
		return; /* in the clear: ipmi_session already handed it to ipmi */
	show_decrypted(tvb, pinfo, tree, pd);
}

static int
dissect_ipmi_rmcpp(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	/* Nothing to decrypt or verify with: the stock path, at once. */
	if (!ipmi_rmcpp_configured()) {
		if (ipmi_session_handle)
			return call_dissector_with_data(ipmi_session_handle, tvb, pinfo, tree,
							data);
		return 0;
	}
	/* The first pass feeds the session table; later ones (the GUI, tshark
	 * -2) show what it stored for the frame. */
	const PacketData *pd =
	    PINFO_FD_VISITED(pinfo) ? ipmi_rmcpp_frame_get(pinfo->num) : track_packet(tvb, pinfo);
	/* The stock session wrapper first: ipmi_session.* fields, and the
	 * plaintext messages it can read itself. */
	if (ipmi_session_handle) {
		TRY
		{
			call_dissector_with_data(ipmi_session_handle, tvb, pinfo, tree, data);
		}
		CATCH_NONFATAL_ERRORS
		{
			show_exception(tvb, pinfo, tree, EXCEPT_CODE, GET_MESSAGE);
		}
		ENDTRY;
	}
	if (pd)
		show(tvb, pinfo, tree, pd);
	return (int)tvb_captured_length(tvb);
}

/* RMCP on a port other than 623: version 06h, class 06h or 07h, a known
 * auth type; then the rmcp dissector as usual. */
static gboolean
dissect_rmcp_heur(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
	guint len = tvb_captured_length(tvb);
	guint8 head[12];
	if (!rmcp_handle || len < 5)
		return FALSE;
	tvb_memcpy(tvb, head, 0, len < sizeof head ? len : sizeof head);
	if (!ipmi_looks_like_rmcp(head, len < sizeof head ? len : sizeof head))
		return FALSE;
	call_dissector_with_data(rmcp_handle, tvb, pinfo, tree, data);
	return TRUE;
}

/* ---- registration ------------------------------------------------------- */

void
proto_register_ipmi_rmcpp(void)
{
	static hf_register_info hf[] = {
	    {&hf_session,
	     {"Session", "ipmi_rmcpp.session", FT_UINT32, BASE_DEC, NULL, 0,
	      "Session number in this capture, in the order sessions start", HFILL}},
	    {&hf_direction,
	     {"Direction", "ipmi_rmcpp.direction", FT_UINT8, BASE_DEC, VALS(direction_vals), 0,
	      NULL, HFILL}},
	    {&hf_verdict,
	     {"Credential verdict", "ipmi_rmcpp.verdict", FT_STRING, BASE_NONE, NULL, 0,
	      "What RAKP 2 (and RAKP 4) said of the credentials", HFILL}},
	    {&hf_credential,
	     {"Matched credential (user)", "ipmi_rmcpp.credential", FT_STRING, BASE_NONE, NULL, 0,
	      NULL, HFILL}},
	    {&hf_credential_index,
	     {"Matched credential (row)", "ipmi_rmcpp.credential_index", FT_UINT32, BASE_DEC, NULL,
	      0, NULL, HFILL}},
	    {&hf_keylog_entry,
	     {"Key log entry", "ipmi_rmcpp.keylog_entry", FT_UINT32, BASE_DEC, NULL, 0, NULL,
	      HFILL}},
	    {&hf_suite,
	     {"Cipher suite", "ipmi_rmcpp.suite", FT_UINT8, BASE_DEC, NULL, 0, NULL, HFILL}},
	    {&hf_decrypted,
	     {"Decrypted", "ipmi_rmcpp.decrypted", FT_BOOLEAN, BASE_NONE, NULL, 0, NULL, HFILL}},
	    {&hf_verified,
	     {"Integrity verified", "ipmi_rmcpp.verified", FT_BOOLEAN, BASE_NONE, NULL, 0, NULL,
	      HFILL}},
	    {&hf_replayed,
	     {"Replayed or out of window", "ipmi_rmcpp.replayed", FT_BOOLEAN, BASE_NONE, NULL, 0,
	      NULL, HFILL}},
	    {&hf_result,
	     {"Result", "ipmi_rmcpp.result", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
	    {&hf_tag, {"Message tag", "ipmi_rmcpp.tag", FT_UINT8, BASE_HEX, NULL, 0, NULL, HFILL}},
	    {&hf_status,
	     {"RMCP+ status", "ipmi_rmcpp.status", FT_UINT8, BASE_HEX, NULL, 0, NULL, HFILL}},
	    {&hf_max_priv,
	     {"Maximum privilege", "ipmi_rmcpp.max_priv", FT_UINT8, BASE_HEX, VALS(priv_vals), 0x0F,
	      NULL, HFILL}},
	    {&hf_console_sid,
	     {"Console session ID", "ipmi_rmcpp.console_sid", FT_UINT32, BASE_HEX, NULL, 0, NULL,
	      HFILL}},
	    {&hf_bmc_sid,
	     {"BMC session ID", "ipmi_rmcpp.bmc_sid", FT_UINT32, BASE_HEX, NULL, 0, NULL, HFILL}},
	    {&hf_auth_alg,
	     {"Authentication algorithm", "ipmi_rmcpp.auth_alg", FT_UINT8, BASE_DEC,
	      VALS(auth_vals), 0x3F, NULL, HFILL}},
	    {&hf_integ_alg,
	     {"Integrity algorithm", "ipmi_rmcpp.integ_alg", FT_UINT8, BASE_DEC, VALS(integ_vals),
	      0x3F, NULL, HFILL}},
	    {&hf_conf_alg,
	     {"Confidentiality algorithm", "ipmi_rmcpp.conf_alg", FT_UINT8, BASE_DEC,
	      VALS(conf_vals), 0x3F, NULL, HFILL}},
	    {&hf_rm,
	     {"Console random number (Rm)", "ipmi_rmcpp.rakp.rm", FT_BYTES, BASE_NONE, NULL, 0,
	      NULL, HFILL}},
	    {&hf_rc,
	     {"BMC random number (Rc)", "ipmi_rmcpp.rakp.rc", FT_BYTES, BASE_NONE, NULL, 0, NULL,
	      HFILL}},
	    {&hf_guid,
	     {"BMC GUID", "ipmi_rmcpp.rakp.guid", FT_BYTES, BASE_NONE, NULL, 0, NULL, HFILL}},
	    {&hf_role,
	     {"Requested role", "ipmi_rmcpp.rakp.role", FT_UINT8, BASE_HEX, NULL, 0,
	      "Privilege (bits 3:0) and name-only lookup (bit 4)", HFILL}},
	    {&hf_user_len,
	     {"User name length", "ipmi_rmcpp.rakp.user_len", FT_UINT8, BASE_DEC, NULL, 0, NULL,
	      HFILL}},
	    {&hf_user,
	     {"User name", "ipmi_rmcpp.rakp.user", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
	    {&hf_code,
	     {"Key exchange authentication code", "ipmi_rmcpp.rakp.code", FT_BYTES, BASE_NONE, NULL,
	      0, NULL, HFILL}},
	    {&hf_icv,
	     {"Integrity check value", "ipmi_rmcpp.rakp.icv", FT_BYTES, BASE_NONE, NULL, 0, NULL,
	      HFILL}},
	    {&hf_auth15_type,
	     {"IPMI v1.5 auth type", "ipmi_rmcpp.auth15.type", FT_UINT8, BASE_DEC,
	      VALS(auth15_type_vals), 0, NULL, HFILL}},
	    {&hf_auth15_check,
	     {"IPMI v1.5 AuthCode", "ipmi_rmcpp.auth15.check", FT_STRING, BASE_NONE, NULL, 0,
	      "The session header's AuthCode checked with the credentials' passwords", HFILL}},
	};
	static gint *ett[] = {&ett_ipmi_rmcpp};
	static ei_register_info ei[] = {
	    {&ei_auth15_mismatch,
	     {"ipmi_rmcpp.auth15_mismatch", PI_DECRYPTION, PI_WARN,
	      "IPMI v1.5 AuthCode mismatch: no credential's password reproduces it", EXPFILL}},
	    {&ei_wrong_password,
	     {"ipmi_rmcpp.wrong_password", PI_DECRYPTION, PI_WARN,
	      "Wrong password: no credential matches RAKP 2", EXPFILL}},
	    {&ei_no_keys,
	     {"ipmi_rmcpp.no_keys", PI_DECRYPTION, PI_NOTE,
	      "No credential or key log entry for this session", EXPFILL}},
	    {&ei_kg_mismatch,
	     {"ipmi_rmcpp.kg_mismatch", PI_DECRYPTION, PI_WARN,
	      "K_G mismatch: the password fits but RAKP 4 does not verify", EXPFILL}},
	    {&ei_integrity,
	     {"ipmi_rmcpp.integrity_failed", PI_DECRYPTION, PI_ERROR, "Integrity check failed",
	      EXPFILL}},
	    {&ei_not_decrypted,
	     {"ipmi_rmcpp.not_decrypted", PI_DECRYPTION, PI_WARN, "Not decrypted", EXPFILL}},
	    {&ei_replayed,
	     {"ipmi_rmcpp.replayed", PI_SEQUENCE, PI_WARN,
	      "Sequence number replayed or outside the window", EXPFILL}},
	    {&ei_rejected,
	     {"ipmi_rmcpp.rejected", PI_RESPONSE_CODE, PI_NOTE, "The BMC refused the session",
	      EXPFILL}},
	    {&ei_malformed,
	     {"ipmi_rmcpp.malformed", PI_MALFORMED, PI_ERROR, "Not an RMCP+ message", EXPFILL}},
	    {&ei_keylog,
	     {"ipmi_rmcpp.keylog_error", PI_DECRYPTION, PI_WARN, "Key log problem", EXPFILL}},
	    {&ei_console_password,
	     {"ipmi_rmcpp.console_wrong_password", PI_DECRYPTION, PI_WARN,
	      "The console's RAKP 3 does not verify with the password of "
	      "RAKP 2: the console used another password",
	      EXPFILL}},
	};

	proto_ipmi_rmcpp = proto_register_protocol("IPMI RMCP+ session decryption (libipmi)",
						   "IPMI RMCP+", "ipmi_rmcpp");
	proto_register_field_array(proto_ipmi_rmcpp, hf, array_length(hf));
	proto_register_subtree_array(ett, array_length(ett));
	expert_register_field_array(expert_register_protocol(proto_ipmi_rmcpp), ei,
				    array_length(ei));
	ipmi_rmcpp_register_prefs(prefs_register_protocol(proto_ipmi_rmcpp, NULL));
	ipmi_rmcpp_handle = register_dissector("ipmi_rmcpp", dissect_ipmi_rmcpp, proto_ipmi_rmcpp);
	sessions = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), g_direct_hash,
					  g_direct_equal);
	register_init_routine(ipmi_rmcpp_keys_init);
	register_init_routine(read_ipmi_prefs);
	register_cleanup_routine(ipmi_rmcpp_keys_cleanup);
	register_cleanup_routine(ipmi_rmcpp_frames_free);
}

void
proto_reg_handoff_ipmi_rmcpp(void)
{
	dissector_table_t rmcp_class = find_dissector_table("rmcp.class");
	dissector_table_t udp_port = find_dissector_table("udp.port");
	if (rmcp_class) {
		dissector_handle_t prev = dissector_get_uint_handle(rmcp_class, RMCP_CLASS_IPMI);
		if (prev != ipmi_rmcpp_handle)
			ipmi_session_handle = prev;
		dissector_add_uint("rmcp.class", RMCP_CLASS_IPMI, ipmi_rmcpp_handle);
	}
	if (udp_port)
		rmcp_handle = dissector_get_uint_handle(udp_port, 623);
	ipmi_handle = find_dissector("ipmi");
	heur_dissector_add("udp", dissect_rmcp_heur, "RMCP on any UDP port", "rmcp_udp_heur",
			   proto_ipmi_rmcpp, HEURISTIC_ENABLE);
}
