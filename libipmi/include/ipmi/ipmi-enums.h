/* ipmi-enums.h - enumerations of the public API and their GTypes. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <glib-object.h>

#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiPrivilege:
 * @IPMI_PRIVILEGE_CALLBACK: Callback level.
 * @IPMI_PRIVILEGE_USER: User level; every session starts here.
 * @IPMI_PRIVILEGE_OPERATOR: Operator level.
 * @IPMI_PRIVILEGE_ADMINISTRATOR: Administrator level (ipmitool's default).
 * @IPMI_PRIVILEGE_OEM: OEM proprietary level.
 *
 * IPMI session privilege levels, with their wire values.
 */
typedef enum {
	IPMI_PRIVILEGE_CALLBACK = 1,
	IPMI_PRIVILEGE_USER = 2,
	IPMI_PRIVILEGE_OPERATOR = 3,
	IPMI_PRIVILEGE_ADMINISTRATOR = 4,
	IPMI_PRIVILEGE_OEM = 5,
} IpmiPrivilege;

#define IPMI_TYPE_PRIVILEGE (ipmi_privilege_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_privilege_get_type(void) G_GNUC_CONST;

#define IPMI_TYPE_CLIENT_ERROR (ipmi_client_error_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_client_error_get_type(void) G_GNUC_CONST;

G_END_DECLS
