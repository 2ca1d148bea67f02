/* ipmi-response.c - IpmiResponse, a boxed, reference-counted answer. */
#include "ipmi-client-private.h"

struct _IpmiResponse {
	guint8 netfn;
	guint8 cmd;
	guint8 cc;
	GBytes *data;
};

G_DEFINE_BOXED_TYPE(IpmiResponse, ipmi_response, ipmi_response_ref, ipmi_response_unref)

/**
 * ipmi_response_new:
 * @netfn: the network function of the request (even) or response (odd)
 * @command: the command
 * @completion_code: the completion code
 * @data: (nullable): the data after the completion code
 *
 * Makes a response; the client does this for every answer, tests and
 * language bindings may do it too.
 *
 * Returns: (transfer full): a new #IpmiResponse
 */
IpmiResponse *
ipmi_response_new(guint8 netfn, guint8 command, guint8 completion_code, GBytes *data)
{
	IpmiResponse *r = g_atomic_rc_box_new0(IpmiResponse);
	r->netfn = netfn & 0x3E;
	r->cmd = command;
	r->cc = completion_code;
	r->data = data ? g_bytes_ref(data) : g_bytes_new_static("", 0);
	return r;
}

/**
 * ipmi_response_ref:
 * @response: an #IpmiResponse
 *
 * Returns: (transfer full): @response
 */
IpmiResponse *
ipmi_response_ref(IpmiResponse *response)
{
	g_return_val_if_fail(response != NULL, NULL);
	return g_atomic_rc_box_acquire(response);
}

static void
response_clear(gpointer p)
{
	IpmiResponse *r = p;
	g_bytes_unref(r->data);
}

/**
 * ipmi_response_unref:
 * @response: (transfer full): an #IpmiResponse
 */
void
ipmi_response_unref(IpmiResponse *response)
{
	g_return_if_fail(response != NULL);
	g_atomic_rc_box_release_full(response, response_clear);
}

/**
 * ipmi_response_get_netfn:
 * @response: an #IpmiResponse
 *
 * Returns: the network function of the request this answers (even)
 */
guint8
ipmi_response_get_netfn(IpmiResponse *response)
{
	g_return_val_if_fail(response != NULL, 0);
	return response->netfn;
}

/**
 * ipmi_response_get_command:
 * @response: an #IpmiResponse
 *
 * Returns: the command this answers
 */
guint8
ipmi_response_get_command(IpmiResponse *response)
{
	g_return_val_if_fail(response != NULL, 0);
	return response->cmd;
}

/**
 * ipmi_response_get_completion_code:
 * @response: an #IpmiResponse
 *
 * Returns: the completion code, 0 for success
 */
guint8
ipmi_response_get_completion_code(IpmiResponse *response)
{
	g_return_val_if_fail(response != NULL, 0xFF);
	return response->cc;
}

/**
 * ipmi_response_get_data:
 * @response: an #IpmiResponse
 *
 * Returns: (transfer none): the data after the completion code (possibly
 *   empty)
 */
GBytes *
ipmi_response_get_data(IpmiResponse *response)
{
	g_return_val_if_fail(response != NULL, NULL);
	return response->data;
}

/**
 * ipmi_response_peek_data:
 * @response: an #IpmiResponse
 * @length: (out): where to store the data length
 *
 * Returns: (transfer none) (array length=length): the data after the
 *   completion code
 */
const guint8 *
ipmi_response_peek_data(IpmiResponse *response, gsize *length)
{
	g_return_val_if_fail(response != NULL, NULL);
	g_return_val_if_fail(length != NULL, NULL);
	return g_bytes_get_data(response->data, length);
}

/**
 * ipmi_response_check:
 * @response: an #IpmiResponse
 * @error: return location for a #GError
 *
 * Turns a non-zero completion code into an error:
 * %IPMI_CLIENT_ERROR_PRIVILEGE for D4h, %IPMI_CLIENT_ERROR_COMPLETION_CODE
 * for the others, with the code's meaning in the message.
 *
 * Returns: %TRUE when the completion code is 0
 */
gboolean
ipmi_response_check(IpmiResponse *response, GError **error)
{
	g_return_val_if_fail(response != NULL, FALSE);
	if (response->cc == 0)
		return TRUE;
	g_propagate_error(error,
			  _ipmi_error_from_cc(response->cc, response->netfn, response->cmd, NULL,
					      _ipmi_command_name(response->netfn, response->cmd)));
	return FALSE;
}
