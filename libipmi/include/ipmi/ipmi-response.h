/* ipmi-response.h - the answer to one IPMI request. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <glib-object.h>

#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiResponse:
 *
 * An immutable, reference-counted IPMI response: the network function and
 * command it answers, its completion code and the data after the completion
 * code.
 */
typedef struct _IpmiResponse IpmiResponse;

#define IPMI_TYPE_RESPONSE (ipmi_response_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_response_get_type(void) G_GNUC_CONST;

IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_response_new(guint8 netfn, guint8 command, guint8 completion_code, GBytes *data);
IPMI_AVAILABLE_IN_ALL
IpmiResponse *ipmi_response_ref(IpmiResponse *response);
IPMI_AVAILABLE_IN_ALL
void ipmi_response_unref(IpmiResponse *response);

IPMI_AVAILABLE_IN_ALL
guint8 ipmi_response_get_netfn(IpmiResponse *response);
IPMI_AVAILABLE_IN_ALL
guint8 ipmi_response_get_command(IpmiResponse *response);
IPMI_AVAILABLE_IN_ALL
guint8 ipmi_response_get_completion_code(IpmiResponse *response);
IPMI_AVAILABLE_IN_ALL
GBytes *ipmi_response_get_data(IpmiResponse *response);
IPMI_AVAILABLE_IN_ALL
const guint8 *ipmi_response_peek_data(IpmiResponse *response, gsize *length);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_response_check(IpmiResponse *response, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiResponse, ipmi_response_unref)

G_END_DECLS
