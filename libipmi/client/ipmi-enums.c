/* ipmi-enums.c - GTypes of the public enumerations. */
#include "ipmi-client-private.h"

GType
ipmi_privilege_get_type(void)
{
	static gsize type = 0;
	static const GEnumValue values[] = {
	    {IPMI_PRIVILEGE_CALLBACK, "IPMI_PRIVILEGE_CALLBACK", "callback"},
	    {IPMI_PRIVILEGE_USER, "IPMI_PRIVILEGE_USER", "user"},
	    {IPMI_PRIVILEGE_OPERATOR, "IPMI_PRIVILEGE_OPERATOR", "operator"},
	    {IPMI_PRIVILEGE_ADMINISTRATOR, "IPMI_PRIVILEGE_ADMINISTRATOR", "administrator"},
	    {IPMI_PRIVILEGE_OEM, "IPMI_PRIVILEGE_OEM", "oem"},
	    {0, NULL, NULL},
	};
	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static(g_intern_static_string("IpmiPrivilege"), values);
		g_once_init_leave(&type, t);
	}
	return (GType)type;
}

GType
ipmi_client_error_get_type(void)
{
	static gsize type = 0;
	static const GEnumValue values[] = {
	    {IPMI_CLIENT_ERROR_AUTH, "IPMI_CLIENT_ERROR_AUTH", "auth"},
	    {IPMI_CLIENT_ERROR_KG, "IPMI_CLIENT_ERROR_KG", "kg"},
	    {IPMI_CLIENT_ERROR_NO_CIPHER_SUITE, "IPMI_CLIENT_ERROR_NO_CIPHER_SUITE",
	     "no-cipher-suite"},
	    {IPMI_CLIENT_ERROR_PRIVILEGE, "IPMI_CLIENT_ERROR_PRIVILEGE", "privilege"},
	    {IPMI_CLIENT_ERROR_REJECTED, "IPMI_CLIENT_ERROR_REJECTED", "rejected"},
	    {IPMI_CLIENT_ERROR_COMPLETION_CODE, "IPMI_CLIENT_ERROR_COMPLETION_CODE",
	     "completion-code"},
	    {IPMI_CLIENT_ERROR_PROTOCOL, "IPMI_CLIENT_ERROR_PROTOCOL", "protocol"},
	    {IPMI_CLIENT_ERROR_CLOSED, "IPMI_CLIENT_ERROR_CLOSED", "closed"},
	    {IPMI_CLIENT_ERROR_SESSION_LOST, "IPMI_CLIENT_ERROR_SESSION_LOST", "session-lost"},
	    {0, NULL, NULL},
	};
	if (g_once_init_enter(&type)) {
		GType t = g_enum_register_static(g_intern_static_string("IpmiClientError"), values);
		g_once_init_leave(&type, t);
	}
	return (GType)type;
}

/* ipmitool's spelling, for messages. */
const char *
_ipmi_privilege_name(int priv)
{
	switch (priv) {
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
		return "NONE";
	}
}
