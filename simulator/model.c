/* model.c - see model.h. */
#include "model.h"

#include <string.h>

#include "core/rakp.h"
#include "handler.h"

BmcModel *
bmc_model_new(const char *name, uint8_t ipmb_addr)
{
	BmcModel *m = g_new0(BmcModel, 1);
	m->name = g_strdup(name);
	m->ipmb_addr = ipmb_addr;
	m->satellites = g_ptr_array_new_with_free_func((GDestroyNotify)bmc_model_free);
	m->storage = bmc_storage_new();
	m->suites = BMC_DEFAULT_SUITES;
	m->dev.ipmi_version = 0x02;
	m->chassis.restore_policy = BMC_POLICY_ALWAYS_OFF;
	return m;
}

gboolean
bmc_model_set_user(BmcModel *m, unsigned id, const char *name, const char *password,
		   uint8_t max_priv, gboolean enabled)
{
	if (id < 1 || id > BMC_MAX_USERS)
		return FALSE;
	size_t nl = name ? strlen(name) : 0, pl = password ? strlen(password) : 0;
	if (nl > IPMI_USER_MAX || pl > IPMI_PASSWORD_MAX)
		return FALSE;
	IpmiBmcUser *u = &m->users[id - 1];
	memset(u, 0, sizeof *u);
	memcpy(u->name, name, nl);
	u->name_len = (uint8_t)nl;
	memcpy(u->password, password, pl);
	u->password_len = (uint8_t)pl;
	u->max_priv = max_priv;
	u->enabled = enabled;
	BmcUserAccess *a = &m->access[id - 1];
	a->callin = TRUE;
	a->link_auth = enabled;
	a->ipmi_msg = enabled;
	if (m->n_users < id)
		m->n_users = id;
	return TRUE;
}

static void
default_device(BmcDeviceId *d, uint8_t id, uint8_t additional)
{
	d->device_id = id;
	d->device_rev = 1;
	d->fw_major = 1;
	d->fw_minor = 23;
	d->ipmi_version = 0x02;
	d->additional = additional;
	d->manufacturer_id = 32473; /* RFC 5612: for documentation use */
	d->product_id = 0x0B5C;
}

BmcModel *
bmc_model_new_default(void)
{
	BmcModel *m = bmc_model_new("bmc", IPMI_BMC_SA);
	/* User 1 is the null user, disabled, as on most BMCs. */
	bmc_model_set_user(m, 1, "", "", IPMI_PRIV_USER, FALSE);
	m->access[0].callin = TRUE;
	bmc_model_set_user(m, 2, "admin", "password", IPMI_PRIV_ADMIN, TRUE);
	bmc_model_set_user(m, 3, "operator", "operator", IPMI_PRIV_OPERATOR, TRUE);
	bmc_model_set_user(m, 4, "user", "user", IPMI_PRIV_USER, TRUE);
	m->n_users = BMC_DEFAULT_USERS;
	bmc_guid_parse(BMC_DEFAULT_GUID, m->guid);
	memcpy(m->device_guid, m->guid, sizeof m->guid);
	default_device(&m->dev, 0x20,
		       BMC_DEV_SENSOR | BMC_DEV_SDR_REPO | BMC_DEV_SEL | BMC_DEV_FRU |
			   BMC_DEV_IPMB_RECEIVER | BMC_DEV_BRIDGE | BMC_DEV_CHASSIS);
	m->chassis.power_on = TRUE;
	m->chassis.restore_policy = BMC_POLICY_ALWAYS_OFF;
	m->chassis.restart_cause = 0x03; /* power-up via the power button */
	m->chassis.poh_hours = 4242;

	/* A satellite controller on the primary IPMB, and one behind it on
	 * its channel 7: the targets of single and double bridging. */
	BmcModel *sat = bmc_model_new("sat1", 0x72);
	sat->channel = BMC_IPMB_CHANNEL;
	default_device(&sat->dev, 0x21, BMC_DEV_SENSOR | BMC_DEV_FRU | BMC_DEV_IPMB_RECEIVER);
	sat->dev.fw_major = 2;
	sat->dev.fw_minor = 5;
	sat->dev.product_id = 0x0B5D;
	BmcModel *sub = bmc_model_new("sat2", 0x74);
	sub->channel = 7;
	default_device(&sub->dev, 0x22, BMC_DEV_SENSOR);
	sub->dev.fw_major = 0;
	sub->dev.fw_minor = 9;
	sub->dev.product_id = 0x0B5E;
	g_ptr_array_add(sat->satellites, sub);
	g_ptr_array_add(m->satellites, sat);
	return m;
}

BmcModel *
bmc_model_copy(const BmcModel *src)
{
	BmcModel *m = g_new0(BmcModel, 1);
	*m = *src;
	m->name = g_strdup(src->name);
	m->storage = bmc_storage_copy(src->storage);
	m->satellites = g_ptr_array_new_with_free_func((GDestroyNotify)bmc_model_free);
	for (guint i = 0; i < src->satellites->len; i++)
		g_ptr_array_add(m->satellites, bmc_model_copy(src->satellites->pdata[i]));
	return m;
}

void
bmc_model_free(BmcModel *m)
{
	if (!m)
		return;
	g_ptr_array_unref(m->satellites);
	bmc_storage_free(m->storage);
	g_free(m->name);
	/* Passwords and K_G are secrets. */
	memset(m->users, 0, sizeof m->users);
	memset(m->kg, 0, sizeof m->kg);
	g_free(m);
}

BmcStorage *
bmc_model_storage(BmcModel *m)
{
	return m->storage;
}

BmcModel *
bmc_model_find_satellite(const BmcModel *m, uint8_t channel, uint8_t addr)
{
	for (guint i = 0; i < m->satellites->len; i++) {
		BmcModel *s = m->satellites->pdata[i];
		if (s->channel == channel && s->ipmb_addr == addr)
			return s;
	}
	return NULL;
}

BmcModel *
bmc_model_find_named(BmcModel *m, const char *name)
{
	if (g_strcmp0(m->name, name) == 0)
		return m;
	for (guint i = 0; i < m->satellites->len; i++) {
		BmcModel *s = bmc_model_find_named(m->satellites->pdata[i], name);
		if (s)
			return s;
	}
	return NULL;
}

unsigned
bmc_model_enabled_users(const BmcModel *m)
{
	unsigned n = 0;
	for (size_t i = 0; i < m->n_users; i++)
		n += m->users[i].enabled ? 1 : 0;
	return n;
}

void
bmc_chassis_set_power(BmcChassis *c, gboolean on, gint64 now_s)
{
	if (c->power_on && !on)
		c->on_seconds += (guint64)(now_s - c->on_since_s);
	if (!c->power_on && on)
		c->on_since_s = now_s;
	c->power_on = on;
}

guint32
bmc_chassis_poh_hours(const BmcChassis *c, gint64 now_s)
{
	guint64 s = c->on_seconds + (c->power_on ? (guint64)(now_s - c->on_since_s) : 0);
	return c->poh_hours + (guint32)(s / 3600);
}

uint8_t
bmc_chassis_identify_state(BmcChassis *c, gint64 now_s)
{
	if (c->identify == BMC_IDENTIFY_TIMED && now_s >= c->identify_until_s)
		c->identify = BMC_IDENTIFY_OFF;
	return c->identify;
}

gboolean
bmc_guid_parse(const char *text, uint8_t out[16])
{
	uint8_t b[16];
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '-')
			continue;
		if (!g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]) || n == 16)
			return FALSE;
		b[n++] = (uint8_t)(g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]));
		p++;
	}
	if (n != 16)
		return FALSE;
	/* IPMI sends a GUID least significant byte first: the RFC 4122 text
	 * reversed (IPMI v2.0 section 20.8). */
	for (int i = 0; i < 16; i++)
		out[i] = b[15 - i];
	return TRUE;
}

const char *
bmc_priv_name(uint8_t priv)
{
	switch (priv) {
	case IPMI_PRIV_CALLBACK:
		return "CALLBACK";
	case IPMI_PRIV_USER:
		return "USER";
	case IPMI_PRIV_OPERATOR:
		return "OPERATOR";
	case IPMI_PRIV_ADMIN:
		return "ADMINISTRATOR";
	case IPMI_PRIV_OEM:
		return "OEM";
	default:
		return "NO ACCESS";
	}
}

uint8_t
bmc_priv_parse(const char *s)
{
	static const struct {
		const char *name;
		uint8_t priv;
	} names[] = {
	    {"callback", IPMI_PRIV_CALLBACK}, {"user", IPMI_PRIV_USER},
	    {"operator", IPMI_PRIV_OPERATOR}, {"administrator", IPMI_PRIV_ADMIN},
	    {"admin", IPMI_PRIV_ADMIN},       {"oem", IPMI_PRIV_OEM},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (g_ascii_strcasecmp(s, names[i].name) == 0)
			return names[i].priv;
	if (s[0] >= '1' && s[0] <= '5' && s[1] == '\0')
		return (uint8_t)(s[0] - '0');
	return 0;
}
