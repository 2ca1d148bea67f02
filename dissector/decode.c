/* decode.c - decoded fields of common messages, see decode.h. */
#include "decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/cmd_app.h"
#include "core/cmd_session.h"
#include "core/packet.h"
#include "core/rakp.h"
#include "core/status.h"
#include "core/suite.h"
#include "core/msg_names.h"

char *
ipmi_hex(char *buf, const uint8_t *p, size_t n)
{
	static const char dig[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		buf[2 * i] = dig[p[i] >> 4];
		buf[2 * i + 1] = dig[p[i] & 15];
	}
	buf[2 * n] = 0;
	return buf;
}

__attribute__((format(printf, 3, 4))) static void
add(IpmiFields *f, const char *key, const char *fmt, ...)
{
	if (f->n >= IPMI_FIELDS_MAX)
		return;
	IpmiField *x = &f->f[f->n++];
	x->key = key;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->value, sizeof x->value, fmt, ap);
	va_end(ap);
}

/* A value built by hand (the hot Get Device ID fields): appends that stop
 * at the value's size, as vsnprintf truncates. */
typedef struct {
	char *v;
	size_t n;
} Val;

static Val
val(IpmiFields *f, const char *key)
{
	if (f->n >= IPMI_FIELDS_MAX)
		return (Val){NULL, 0};
	IpmiField *x = &f->f[f->n++];
	x->key = key;
	x->value[0] = 0;
	return (Val){x->value, 0};
}

static void
v_mem(Val *v, const char *s, size_t len)
{
	if (!v->v)
		return;
	size_t room = IPMI_FIELD_VALUE_MAX - 1 - v->n;
	if (len > room)
		len = room;
	memcpy(v->v + v->n, s, len);
	v->n += len;
	v->v[v->n] = 0;
}

static void
v_str(Val *v, const char *s)
{
	v_mem(v, s, strlen(s));
}

/* A string literal, without strlen. */
#define V_LIT(v, lit) v_mem(v, "" lit, sizeof(lit) - 1)

/* "%u" */
static void
v_dec(Val *v, unsigned u)
{
	char tmp[12];
	char *q = tmp + sizeof tmp;
	*--q = 0;
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	v_str(v, q);
}

/* "%0*x": at least digits digits */
static void
v_hex(Val *v, uint32_t x, int digits)
{
	static const char dig[] = "0123456789abcdef";
	char tmp[9];
	for (uint32_t y = digits < 8 ? x >> (4 * digits) : 0; y; y >>= 4)
		digits++;
	for (int i = digits - 1; i >= 0; i--) {
		tmp[i] = dig[x & 15];
		x >>= 4;
	}
	tmp[digits] = 0;
	v_str(v, tmp);
}

static void
add_hex(IpmiFields *f, const char *key, const uint8_t *p, size_t n)
{
	char h[2 * IPMI_RAKP_CODE_MAX + 1];
	if (n > IPMI_RAKP_CODE_MAX)
		n = IPMI_RAKP_CODE_MAX;
	Val v = val(f, key);
	v_mem(&v, ipmi_hex(h, p, n), 2 * n);
}

static void
fail(IpmiFields *f, int rc)
{
	f->n = 0;
	f->error = ipmi_strerror(rc);
}

/* ---- App commands ------------------------------------------------------- */

/* Get Device ID response (IPMI v2.0 20.1), through the core's codec. */
static void
device_id_rsp(const uint8_t *d, size_t n, IpmiFields *f)
{
	IpmiDeviceIdRsp m;
	int rc = ipmi_device_id_rsp_decode(d, n, &m);
	if (rc < 0) {
		fail(f, rc);
		return;
	}
#define S(x)                                                                                       \
	{                                                                                          \
		x, sizeof(x) - 1                                                                   \
	}
	static const struct {
		const char *s;
		size_t n;
	} support[8] = {S("sensor"),
			S("SDR repository"),
			S("SEL"),
			S("FRU inventory"),
			S("IPMB event receiver"),
			S("IPMB event generator"),
			S("bridge"),
			S("chassis")};
#undef S
	/* "0x%02x", "%u", "%s", "%u.%02x", "%s", "%u.%u", "0x%02x (%s)",
	 * "%u (0x%06x)", "0x%04x" */
	Val v = val(f, "device_id");
	V_LIT(&v, "0x");
	v_hex(&v, m.device_id, 2);
	v = val(f, "device_revision");
	v_dec(&v, m.device_rev);
	v = val(f, "provides_sdrs");
	v_str(&v, m.provides_sdrs ? "yes" : "no");
	v = val(f, "firmware_revision");
	v_dec(&v, m.fw_major);
	V_LIT(&v, ".");
	v_hex(&v, m.fw_minor, 2);
	v = val(f, "device_available");
	v_str(&v, m.update_in_progress ? "no (update or self-initialization)" : "yes");
	v = val(f, "ipmi_version");
	v_dec(&v, m.ipmi_version & 0x0F);
	V_LIT(&v, ".");
	v_dec(&v, m.ipmi_version >> 4);
	v = val(f, "additional_support");
	V_LIT(&v, "0x");
	v_hex(&v, m.support, 2);
	V_LIT(&v, " (");
	if (!m.support)
		V_LIT(&v, "none");
	for (int b = 0, first = 1; b < 8; b++) {
		if (m.support >> b & 1) {
			if (!first)
				V_LIT(&v, ", ");
			v_mem(&v, support[b].s, support[b].n);
			first = 0;
		}
	}
	V_LIT(&v, ")");
	v = val(f, "manufacturer_id");
	v_dec(&v, (unsigned)m.manufacturer_id);
	V_LIT(&v, " (0x");
	v_hex(&v, (uint32_t)m.manufacturer_id, 6);
	V_LIT(&v, ")");
	v = val(f, "product_id");
	V_LIT(&v, "0x");
	v_hex(&v, (uint32_t)m.product_id, 4);
	if (m.has_aux)
		add_hex(f, "aux_firmware_revision", m.aux, sizeof m.aux);
}

static void
auth_caps_req(const uint8_t *d, size_t n, IpmiFields *f)
{
	IpmiGetChannelAuthCapsReq m;
	int rc = ipmi_get_channel_auth_caps_req_decode(d, n, &m);
	if (rc < 0) {
		fail(f, rc);
		return;
	}
	add(f, "channel", m.channel == IPMI_CHANNEL_CURRENT ? "0x%x (this channel)" : "0x%x",
	    m.channel);
	add(f, "v2_extended_data", "%s", m.v2_data ? "yes" : "no");
	add(f, "max_privilege", "%s", ipmi_priv_name(m.max_priv));
}

static void
auth_caps_rsp(const uint8_t *d, size_t n, IpmiFields *f)
{
	IpmiGetChannelAuthCapsRsp m;
	int rc = ipmi_get_channel_auth_caps_rsp_decode(d, n, &m);
	if (rc < 0) {
		fail(f, rc);
		return;
	}
	char types[64] = "";
	static const struct {
		uint8_t bit;
		const char *name;
	} at[] = {{IPMI_AUTHCAP_NONE, "none"},
		  {IPMI_AUTHCAP_MD2, "MD2"},
		  {IPMI_AUTHCAP_MD5, "MD5"},
		  {IPMI_AUTHCAP_PASSWORD, "password"},
		  {IPMI_AUTHCAP_OEM, "OEM"}};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		if (m.auth_types & at[i].bit) {
			if (types[0])
				strncat(types, ",", sizeof types - strlen(types) - 1);
			strncat(types, at[i].name, sizeof types - strlen(types) - 1);
		}
	}
	add(f, "channel", "%u", m.channel);
	add(f, "auth_types", "%s", types[0] ? types : "-");
	add(f, "v2_extended", "%s", m.v2_ext ? "yes" : "no");
	add(f, "kg_set", "%s", m.kg_set ? "yes" : "no");
	add(f, "per_message_auth", "%s", m.per_msg_auth_disabled ? "disabled" : "enabled");
	add(f, "user_level_auth", "%s", m.user_auth_disabled ? "disabled" : "enabled");
	char logins[48] = "";
	if (m.non_null_users)
		strcat(logins, ",non-null");
	if (m.null_users)
		strcat(logins, ",null");
	if (m.anonymous)
		strcat(logins, ",anonymous");
	add(f, "user_names", "%s", logins[0] ? logins + 1 : "-");
	add(f, "ipmi_2_0", "%s", m.supports_v20 ? "yes" : "no");
	add(f, "ipmi_1_5", "%s", m.supports_v15 ? "yes" : "no");
	add(f, "oem_iana", "%u", m.oem_iana);
}

static void
app_fields(const IpmiMsg *m, IpmiFields *f)
{
	bool rsp = ipmi_msg_is_response(m);
	switch (m->cmd) {
	case 0x01:
		if (rsp)
			device_id_rsp(m->data, m->data_len, f);
		return;
	case IPMI_CMD_GET_CHANNEL_AUTH_CAPS:
		if (rsp)
			auth_caps_rsp(m->data, m->data_len, f);
		else
			auth_caps_req(m->data, m->data_len, f);
		return;
	case IPMI_CMD_SET_SESSION_PRIVILEGE: {
		IpmiSetSessionPrivReq q;
		IpmiSetSessionPrivRsp r;
		int rc = rsp ? ipmi_set_session_priv_rsp_decode(m->data, m->data_len, &r)
			     : ipmi_set_session_priv_req_decode(m->data, m->data_len, &q);
		uint8_t priv = rsp ? r.priv : q.priv;
		if (rc < 0)
			fail(f, rc);
		else
			add(f, "privilege", "%s", priv ? ipmi_priv_name(priv) : "no change");
		return;
	}
	case IPMI_CMD_CLOSE_SESSION: {
		if (rsp)
			return;
		IpmiCloseSessionReq q;
		int rc = ipmi_close_session_req_decode(m->data, m->data_len, &q);
		if (rc < 0) {
			fail(f, rc);
			return;
		}
		add(f, "session_id", "0x%08x", q.session_id);
		if (q.session_id == 0)
			add(f, "session_handle", "%u", q.handle);
		return;
	}
	case IPMI_CMD_GET_CHANNEL_CIPHER_SUITES: {
		if (rsp) {
			IpmiGetCipherSuitesRsp r;
			int rc = ipmi_get_cipher_suites_rsp_decode(m->data, m->data_len, &r);
			if (rc < 0) {
				fail(f, rc);
				return;
			}
			add(f, "channel", "%u", r.channel);
			add_hex(f, "record_data", r.data, r.data_len);
			return;
		}
		IpmiGetCipherSuitesReq q;
		int rc = ipmi_get_cipher_suites_req_decode(m->data, m->data_len, &q);
		if (rc < 0) {
			fail(f, rc);
			return;
		}
		add(f, "channel", "0x%x", q.channel);
		add(f, "payload_type", "%u", q.payload_type);
		add(f, "list", "%s", q.by_suite ? "by cipher suite" : "supported algorithms");
		add(f, "index", "%u", q.index);
		return;
	}
	}
}

void
ipmi_decode_msg_fields(const IpmiMsg *m, IpmiFields *out)
{
	/* not the 2.7 KB of values: only n of them are read */
	out->n = 0;
	out->error = NULL;
	if (ipmi_msg_is_response(m) && m->cc != 0)
		return;
	if ((m->netfn & 0x3E) == IPMI_NETFN_APP)
		app_fields(m, out);
}

/* ---- session setup ------------------------------------------------------ */

static void
algs(IpmiFields *f, uint8_t auth, uint8_t integ, uint8_t conf)
{
	add(f, "auth_alg", "%s (%u)", ipmi_auth_alg_name(auth), auth);
	add(f, "integ_alg", "%s (%u)", ipmi_integ_alg_name(integ), integ);
	add(f, "conf_alg", "%s (%u)", ipmi_conf_alg_name(conf), conf);
	int suite = ipmi_suite_find(auth, integ, conf);
	if (suite >= 0)
		add(f, "cipher_suite", "%d", suite);
}

static void
status(IpmiFields *f, uint8_t s)
{
	add(f, "status", "0x%02x (%s)", s, ipmi_rmcpp_status_str(s));
}

void
ipmi_decode_setup_fields(uint8_t payload_type, const uint8_t *p, size_t len, IpmiFields *f)
{
	f->n = 0;
	f->error = NULL;
	int rc = IPMI_ERR_UNSUPPORTED;
	switch (payload_type & 0x3F) {
	case IPMI_PAYLOAD_OPEN_SESSION_REQ: {
		IpmiOpenSessionReq m;
		if ((rc = ipmi_open_session_req_decode(p, len, &m)) < 0)
			break;
		add(f, "tag", "0x%02x", m.tag);
		add(f, "max_privilege", "%s", ipmi_priv_name(m.max_priv));
		add(f, "console_session_id", "0x%08x", m.console_sid);
		algs(f, m.auth_alg, m.integ_alg, m.conf_alg);
		return;
	}
	case IPMI_PAYLOAD_OPEN_SESSION_RSP: {
		IpmiOpenSessionRsp m;
		if ((rc = ipmi_open_session_rsp_decode(p, len, &m)) < 0)
			break;
		add(f, "tag", "0x%02x", m.tag);
		status(f, m.status);
		add(f, "console_session_id", "0x%08x", m.console_sid);
		if (m.status != IPMI_RMCPP_OK)
			return;
		add(f, "max_privilege", "%s", ipmi_priv_name(m.max_priv));
		add(f, "bmc_session_id", "0x%08x", m.bmc_sid);
		algs(f, m.auth_alg, m.integ_alg, m.conf_alg);
		return;
	}
	case IPMI_PAYLOAD_RAKP1: {
		IpmiRakp1 m;
		if ((rc = ipmi_rakp1_decode(p, len, &m)) < 0)
			break;
		char user[IPMI_USER_MAX + 1];
		for (size_t i = 0; i < m.user_len; i++)
			user[i] = m.user[i] >= 0x20 && m.user[i] < 0x7F ? (char)m.user[i] : '?';
		user[m.user_len] = 0;
		add(f, "tag", "0x%02x", m.tag);
		add(f, "bmc_session_id", "0x%08x", m.bmc_sid);
		add_hex(f, "rm", m.rm, sizeof m.rm);
		add(f, "role", "0x%02x (%s%s)", m.role, ipmi_priv_name(m.role),
		    m.role & IPMI_ROLE_NAME_ONLY ? ", name-only lookup" : "");
		add(f, "user", "%s", user);
		return;
	}
	case IPMI_PAYLOAD_RAKP2: {
		IpmiRakp2 m;
		if ((rc = ipmi_rakp2_decode(p, len, &m)) < 0)
			break;
		add(f, "tag", "0x%02x", m.tag);
		status(f, m.status);
		add(f, "console_session_id", "0x%08x", m.console_sid);
		if (m.status != IPMI_RMCPP_OK)
			return;
		add_hex(f, "rc", m.rc, sizeof m.rc);
		add_hex(f, "guid", m.guid, sizeof m.guid);
		add_hex(f, "key_exchange_code", m.code, m.code_len);
		return;
	}
	case IPMI_PAYLOAD_RAKP3: {
		IpmiRakp3 m;
		if ((rc = ipmi_rakp3_decode(p, len, &m)) < 0)
			break;
		add(f, "tag", "0x%02x", m.tag);
		status(f, m.status);
		add(f, "bmc_session_id", "0x%08x", m.bmc_sid);
		add_hex(f, "key_exchange_code", m.code, m.code_len);
		return;
	}
	case IPMI_PAYLOAD_RAKP4: {
		IpmiRakp4 m;
		if ((rc = ipmi_rakp4_decode(p, len, &m)) < 0)
			break;
		add(f, "tag", "0x%02x", m.tag);
		status(f, m.status);
		add(f, "console_session_id", "0x%08x", m.console_sid);
		add_hex(f, "integrity_check_value", m.icv, m.icv_len);
		return;
	}
	}
	fail(f, rc);
}
