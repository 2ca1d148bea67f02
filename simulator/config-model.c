/* config-model.c - the configuration groups that describe controllers:
 * [bmc], [user N], [chassis] and [satellite NAME]. */
#include <string.h>

#include "config-private.h"
#include "core/rakp.h"
#include "core/suite.h"

/* A GUID in RFC 4122 text form. */
static gboolean
get_guid(Ctx *x, const char *g, const char *k, uint8_t out[16], GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	if (!bmc_guid_parse(v, out))
		return cfg_fail(x, g, k, error, "\"%s\" is not a GUID (32 hex digits)", v);
	return TRUE;
}

static gboolean
device_key(Ctx *x, const char *g, const char *k, BmcDeviceId *d, gboolean *handled, GError **error)
{
	*handled = TRUE;
	guint64 v;
	if (!strcmp(k, "device-id"))
		return cfg_u8(x, g, k, 255, &d->device_id, error);
	if (!strcmp(k, "device-revision"))
		return cfg_u8(x, g, k, 15, &d->device_rev, error);
	if (!strcmp(k, "provides-device-sdrs"))
		return cfg_bool(x, g, k, &d->provides_sdrs, error);
	if (!strcmp(k, "additional-device-support"))
		return cfg_u8(x, g, k, 255, &d->additional, error);
	if (!strcmp(k, "manufacturer-id")) {
		if (!cfg_uint(x, g, k, 0, 0xFFFFF, &v, error))
			return FALSE;
		d->manufacturer_id = (uint32_t)v;
		return TRUE;
	}
	if (!strcmp(k, "product-id")) {
		if (!cfg_uint(x, g, k, 0, 0xFFFF, &v, error))
			return FALSE;
		d->product_id = (uint16_t)v;
		return TRUE;
	}
	if (!strcmp(k, "firmware-revision") || !strcmp(k, "ipmi-version")) {
		g_autofree char *s = NULL;
		if (!cfg_string(x, g, k, &s, error))
			return FALSE;
		guint64 maj, min;
		char *dot = strchr(s, '.');
		gboolean fw = k[0] == 'f';
		if (!dot || (*dot = '\0', !cfg_parse_uint(s, fw ? 127 : 15, &maj)) ||
		    !cfg_parse_uint(dot + 1, fw ? 99 : 9, &min) || strlen(dot + 1) > 2)
			return cfg_fail(x, g, k, error,
					fw ? "expected MAJOR.MINOR, 0..127 . 0..99"
					   : "expected MAJOR.MINOR, 0..15 . 0..9");
		if (fw) {
			d->fw_major = (uint8_t)maj;
			/* "1.5" means 1.50 as BMCs print it; "1.05" is 1.05 */
			d->fw_minor = (uint8_t)(strlen(dot + 1) == 1 ? min * 10 : min);
		} else {
			d->ipmi_version = (uint8_t)(min << 4 | maj);
		}
		return TRUE;
	}
	if (!strcmp(k, "aux-firmware-revision")) {
		g_autofree char *s = NULL;
		if (!cfg_string(x, g, k, &s, error))
			return FALSE;
		guint64 a;
		if (!cfg_parse_uint(s, 0xFFFFFFFF, &a))
			return cfg_fail(x, g, k, error, "\"%s\" is not a 32-bit number", s);
		/* Most significant byte first, as ipmitool prints the bytes. */
		for (int i = 0; i < 4; i++)
			d->aux_fw[i] = (uint8_t)(a >> (24 - 8 * i));
		return TRUE;
	}
	*handled = FALSE;
	return TRUE;
}

static gboolean
parse_suite_privs(Ctx *x, const char *g, const char *k, uint8_t privs[20], GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	g_auto(GStrv) parts = g_strsplit_set(v, ",; \t", -1);
	for (char **p = parts; *p; p++) {
		if (!**p)
			continue;
		char *eq = strchr(*p, '=');
		guint64 id;
		uint8_t priv;
		if (!eq || (*eq = '\0', !cfg_parse_uint(*p, IPMI_SUITE_MAX, &id)) ||
		    !(priv = bmc_priv_parse(eq + 1)))
			return cfg_fail(x, g, k, error,
					"expected SUITE=PRIVILEGE entries, e.g. 3=admin");
		privs[id] = priv;
	}
	return TRUE;
}

static gboolean
get_kg(Ctx *x, const char *g, const char *k, BmcModel *m, GError **error)
{
	g_autofree char *v = NULL;
	if (!cfg_string(x, g, k, &v, error))
		return FALSE;
	size_t n = strlen(v);
	memset(m->kg, 0, sizeof m->kg);
	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		/* ipmitool -y form: up to 40 hex digits */
		const char *h = v + 2;
		size_t hn = strlen(h);
		if (hn % 2 || hn > 2 * IPMI_KG_LEN)
			goto bad;
		for (size_t i = 0; i < hn; i += 2) {
			if (!g_ascii_isxdigit(h[i]) || !g_ascii_isxdigit(h[i + 1]))
				goto bad;
			m->kg[i / 2] = (uint8_t)(g_ascii_xdigit_value(h[i]) << 4 |
						 g_ascii_xdigit_value(h[i + 1]));
		}
		/* K_G is a 20-byte key: the shorter forms are zero-padded. */
		m->kg_len = hn ? IPMI_KG_LEN : 0;
		memset(v, 0, n);
		return TRUE;
	}
	if (n > IPMI_KG_LEN)
		goto bad;
	memcpy(m->kg, v, n);
	m->kg_len = n ? IPMI_KG_LEN : 0;
	memset(v, 0, n);
	return TRUE;
bad:
	memset(v, 0, n);
	return cfg_fail(x, g, k, error,
			"expected up to 20 characters or 0x and up to 40 hex digits");
}

gboolean
cfg_group_bmc(Ctx *x, const char *g, GError **error)
{
	BmcModel *m = x->c->model;
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	for (char **k = keys; *k; k++) {
		gboolean handled;
		if (!device_key(x, g, *k, &m->dev, &handled, error))
			return FALSE;
		if (handled)
			continue;
		if (!strcmp(*k, "guid")) {
			if (!get_guid(x, g, *k, m->guid, error))
				return FALSE;
			if (!g_key_file_has_key(x->kf, g, "device-guid", NULL))
				memcpy(m->device_guid, m->guid, sizeof m->guid);
		} else if (!strcmp(*k, "device-guid")) {
			if (!get_guid(x, g, *k, m->device_guid, error))
				return FALSE;
		} else if (!strcmp(*k, "kg")) {
			if (!get_kg(x, g, *k, m, error))
				return FALSE;
		} else if (!strcmp(*k, "suites")) {
			g_autofree char *v = NULL;
			g_autoptr(GError) e = NULL;
			if (!cfg_string(x, g, *k, &v, error))
				return FALSE;
			if (!bmc_suites_parse(v, &m->suites, &e))
				return cfg_fail(x, g, *k, error, "%s", e->message);
		} else if (!strcmp(*k, "suite-privileges")) {
			if (!parse_suite_privs(x, g, *k, m->suite_max_priv, error))
				return FALSE;
		} else if (!strcmp(*k, "max-users")) {
			guint64 v;
			if (!cfg_uint(x, g, *k, 1, BMC_MAX_USERS, &v, error))
				return FALSE;
			x->max_users = (size_t)v;
		} else {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	return TRUE;
}

gboolean
cfg_group_user(Ctx *x, const char *g, guint id, GError **error)
{
	BmcModel *m = x->c->model;
	g_autofree char *name = g_strdup(""), *password = g_strdup("");
	uint8_t priv = IPMI_PRIV_USER;
	gboolean enabled = TRUE;
	BmcUserAccess access = {TRUE, TRUE, TRUE};
	gboolean access_set[3] = {FALSE, FALSE, FALSE};
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	for (char **k = keys; *k; k++) {
		if (!strcmp(*k, "name")) {
			g_free(name);
			if (!cfg_string(x, g, *k, &name, error))
				return FALSE;
			if (strlen(name) > IPMI_USER_MAX)
				return cfg_fail(x, g, *k, error, "longer than %d bytes",
						IPMI_USER_MAX);
		} else if (!strcmp(*k, "password")) {
			g_free(password);
			if (!cfg_string(x, g, *k, &password, error))
				return FALSE;
			if (strlen(password) > IPMI_PASSWORD_MAX)
				return cfg_fail(x, g, *k, error, "longer than %d bytes",
						IPMI_PASSWORD_MAX);
		} else if (!strcmp(*k, "privilege")) {
			if (!cfg_priv(x, g, *k, &priv, error))
				return FALSE;
		} else if (!strcmp(*k, "enabled")) {
			if (!cfg_bool(x, g, *k, &enabled, error))
				return FALSE;
		} else if (!strcmp(*k, "callin")) {
			if (!cfg_bool(x, g, *k, &access.callin, error))
				return FALSE;
			access_set[0] = TRUE;
		} else if (!strcmp(*k, "link-auth")) {
			if (!cfg_bool(x, g, *k, &access.link_auth, error))
				return FALSE;
			access_set[1] = TRUE;
		} else if (!strcmp(*k, "ipmi-messaging")) {
			if (!cfg_bool(x, g, *k, &access.ipmi_msg, error))
				return FALSE;
			access_set[2] = TRUE;
		} else {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	/* Two enabled users with one name would make logins ambiguous. */
	for (size_t i = 0; i < m->n_users && enabled && *name; i++) {
		const IpmiBmcUser *u = &m->users[i];
		if (i + 1 != id && u->enabled && u->name_len == strlen(name) &&
		    !memcmp(u->name, name, u->name_len))
			return cfg_fail(x, g, "name", error, "user %zu has the same name", i + 1);
	}
	size_t n_users = m->n_users;
	bmc_model_set_user(m, id, name, password, priv, enabled);
	m->n_users = MAX(n_users, (size_t)id);
	BmcUserAccess *a = &m->access[id - 1];
	if (access_set[0])
		a->callin = access.callin;
	if (access_set[1])
		a->link_auth = access.link_auth;
	if (access_set[2])
		a->ipmi_msg = access.ipmi_msg;
	memset(password, 0, strlen(password));
	return TRUE;
}

gboolean
cfg_group_chassis(Ctx *x, const char *g, GError **error)
{
	BmcChassis *c = &x->c->model->chassis;
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	static const struct {
		const char *key;
		size_t off;
	} flags[] = {
	    {"power-overload", G_STRUCT_OFFSET(BmcChassis, power_overload)},
	    {"power-interlock", G_STRUCT_OFFSET(BmcChassis, power_interlock)},
	    {"power-fault", G_STRUCT_OFFSET(BmcChassis, power_fault)},
	    {"power-control-fault", G_STRUCT_OFFSET(BmcChassis, control_fault)},
	    {"intrusion", G_STRUCT_OFFSET(BmcChassis, intrusion)},
	    {"front-panel-lockout", G_STRUCT_OFFSET(BmcChassis, front_panel_lockout)},
	    {"drive-fault", G_STRUCT_OFFSET(BmcChassis, drive_fault)},
	    {"cooling-fault", G_STRUCT_OFFSET(BmcChassis, cooling_fault)},
	};
	for (char **k = keys; *k; k++) {
		gboolean done = FALSE;
		for (size_t i = 0; i < G_N_ELEMENTS(flags) && !done; i++) {
			if (strcmp(*k, flags[i].key))
				continue;
			if (!cfg_bool(x, g, *k, G_STRUCT_MEMBER_P(c, flags[i].off), error))
				return FALSE;
			done = TRUE;
		}
		if (done)
			continue;
		g_autofree char *v = NULL;
		guint64 n;
		if (!strcmp(*k, "power")) {
			if (!cfg_bool(x, g, *k, &c->power_on, error))
				return FALSE;
		} else if (!strcmp(*k, "restore-policy")) {
			if (!cfg_string(x, g, *k, &v, error))
				return FALSE;
			if (!strcmp(v, "always-off"))
				c->restore_policy = BMC_POLICY_ALWAYS_OFF;
			else if (!strcmp(v, "previous"))
				c->restore_policy = BMC_POLICY_PREVIOUS;
			else if (!strcmp(v, "always-on"))
				c->restore_policy = BMC_POLICY_ALWAYS_ON;
			else
				return cfg_fail(x, g, *k, error,
						"\"%s\" is not always-off, previous or always-on",
						v);
		} else if (!strcmp(*k, "last-power-event")) {
			if (!cfg_u8(x, g, *k, 0x1F, &c->last_event, error))
				return FALSE;
		} else if (!strcmp(*k, "restart-cause")) {
			if (!cfg_u8(x, g, *k, 0x0B, &c->restart_cause, error))
				return FALSE;
		} else if (!strcmp(*k, "power-on-hours")) {
			if (!cfg_uint(x, g, *k, 0, 0xFFFFFFF, &n, error))
				return FALSE;
			c->poh_hours = (guint32)n;
		} else {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	return TRUE;
}

static gboolean
group_satellite(Ctx *x, const char *g, BmcModel *sat, GError **error)
{
	g_auto(GStrv) keys = g_key_file_get_keys(x->kf, g, NULL, NULL);
	for (char **k = keys; *k; k++) {
		gboolean handled;
		if (!device_key(x, g, *k, &sat->dev, &handled, error))
			return FALSE;
		if (handled)
			continue;
		if (!strcmp(*k, "address")) {
			if (!cfg_u8(x, g, *k, 0xFE, &sat->ipmb_addr, error))
				return FALSE;
			if (sat->ipmb_addr & 1)
				return cfg_fail(x, g, *k, error, "an IPMB address is even");
		} else if (!strcmp(*k, "channel")) {
			if (!cfg_u8(x, g, *k, 15, &sat->channel, error))
				return FALSE;
			if (sat->channel == BMC_LAN_CHANNEL || sat->channel >= 0x0E)
				return cfg_fail(x, g, *k, error,
						"channel %u is not an IPMB channel here (LAN is 1, "
						"14 and 15 are reserved)",
						sat->channel);
		} else if (strcmp(*k, "parent")) {
			return cfg_unknown_key(x, g, *k, error);
		}
	}
	if (!g_key_file_has_key(x->kf, g, "address", NULL))
		return cfg_fail(x, g, NULL, error, "a satellite needs an address");
	return TRUE;
}

gboolean
cfg_load_satellites(Ctx *x, char **groups, GError **error)
{
	BmcModel *bmc = x->c->model;
	g_autoptr(GPtrArray) sats = g_ptr_array_new_with_free_func((GDestroyNotify)bmc_model_free);
	g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	for (char **g = groups; *g; g++) {
		if (!g_str_has_prefix(*g, "satellite "))
			continue;
		const char *name = *g + strlen("satellite ");
		if (!*name || !strcmp(name, "bmc"))
			return cfg_fail(x, *g, NULL, error,
					"a satellite needs a name other than bmc");
		BmcModel *sat = bmc_model_new(name, 0);
		sat->dev.device_id = 0;
		sat->dev.additional = BMC_DEV_SENSOR | BMC_DEV_IPMB_RECEIVER;
		sat->dev.manufacturer_id = bmc->dev.manufacturer_id;
		sat->dev.fw_major = 1;
		g_ptr_array_add(sats, sat);
		g_ptr_array_add(names, *g);
		if (!group_satellite(x, *g, sat, error))
			return FALSE;
		char *parent = g_key_file_get_string(x->kf, *g, "parent", NULL);
		g_ptr_array_add(parents, parent ? g_strstrip(parent) : g_strdup("bmc"));
	}
	if (sats->len == 0)
		return TRUE;
	/* Check everything before attaching anything. */
	for (guint i = 0; i < sats->len; i++) {
		const char *p = parents->pdata[i];
		BmcModel *sat = sats->pdata[i];
		guint parent = G_MAXUINT; /* G_MAXUINT: the BMC */
		if (strcmp(p, "bmc")) {
			for (guint j = 0; j < sats->len && parent == G_MAXUINT; j++)
				if (!strcmp(((BmcModel *)sats->pdata[j])->name, p))
					parent = j;
			if (parent == G_MAXUINT)
				return cfg_fail(x, names->pdata[i], "parent", error,
						"no [satellite %s] and not bmc", p);
		}
		/* No cycles: walk up from the parent. */
		for (guint up = parent, depth = 0; up != G_MAXUINT; depth++) {
			if (up == i || depth > sats->len)
				return cfg_fail(x, names->pdata[i], "parent", error,
						"satellites form a cycle");
			const char *pp = parents->pdata[up];
			guint next = G_MAXUINT;
			for (guint j = 0; j < sats->len && strcmp(pp, "bmc"); j++)
				if (!strcmp(((BmcModel *)sats->pdata[j])->name, pp))
					next = j;
			up = next;
		}
		uint8_t parent_addr = parent == G_MAXUINT
					  ? bmc->ipmb_addr
					  : ((BmcModel *)sats->pdata[parent])->ipmb_addr;
		if (sat->ipmb_addr == parent_addr)
			return cfg_fail(x, names->pdata[i], "address", error,
					"0x%02x is the parent's own address", sat->ipmb_addr);
		for (guint j = 0; j < i; j++) {
			BmcModel *o = sats->pdata[j];
			if (!strcmp(parents->pdata[j], p) && o->channel == sat->channel &&
			    o->ipmb_addr == sat->ipmb_addr)
				return cfg_fail(x, names->pdata[i], "address", error,
						"address 0x%02x on channel %u is taken by [%s]",
						sat->ipmb_addr, sat->channel,
						(char *)names->pdata[j]);
		}
	}
	g_ptr_array_set_size(bmc->satellites, 0); /* configured ones replace the defaults */
	for (guint i = 0; i < sats->len; i++) {
		const char *p = parents->pdata[i];
		BmcModel *parent = bmc;
		for (guint j = 0; j < sats->len && strcmp(p, "bmc"); j++)
			if (!strcmp(((BmcModel *)sats->pdata[j])->name, p))
				parent = sats->pdata[j];
		g_ptr_array_add(parent->satellites, sats->pdata[i]);
	}
	/* The satellites now belong to their parents. */
	g_ptr_array_set_free_func(sats, NULL);
	return TRUE;
}
