/* ipmi-op-private.h - the typed operations (ipmi-device.c, ipmi-sdr.c,
 * ipmi-sensor.c, ipmi-sel.c, ipmi-fru.c, ipmi-channel.c) are chains of
 * requests on one GTask.  A step owns the task reference it is given:
 * it sends the next request (handing the reference on), or returns a
 * result or an error and drops it.  Answers are decoded by the core's
 * codecs only. */
#pragma once

#include "ipmi-client-private.h"

/* Called with the answer, whatever its completion code. */
typedef void (*IpmiOpStep)(GTask *task, IpmiResponse *rsp);

GTask *_ipmi_op_new(IpmiClient *client, GCancellable *cancellable, GAsyncReadyCallback callback,
		    gpointer user_data, gpointer source_tag, const char *name);
/* Send a request for the task; a transport error (timeout, cancel, no
 * session) is returned on the task, anything else goes to step.  route:
 * NULL for the client's default target. */
void _ipmi_op_request(GTask *task, guint8 netfn, guint8 cmd, const guint8 *data, gsize len,
		      IpmiOpStep step);
void _ipmi_op_request_routed(GTask *task, const IpmiBridgeRoute *route, guint8 netfn, guint8 cmd,
			     const guint8 *data, gsize len, IpmiOpStep step);
/* The answer's data. */
const guint8 *_ipmi_op_data(IpmiResponse *rsp, gsize *len);
/* On a non-zero completion code: return its error on the task, drop the
 * reference, TRUE. */
gboolean _ipmi_op_failed(GTask *task, IpmiResponse *rsp);
/* Return an IPMI_CLIENT_ERROR_PROTOCOL error about an answer the core
 * could not decode (rc < 0), and drop the reference. */
void _ipmi_op_malformed(GTask *task, IpmiResponse *rsp, int rc);
void _ipmi_op_return_error(GTask *task, GError *error);
void _ipmi_op_return_pointer(GTask *task, gpointer result, GDestroyNotify destroy);
void _ipmi_op_return_boolean(GTask *task, gboolean value);
/* The peer's name, for messages. */
const char *_ipmi_op_peer(GTask *task);
/* finish: check source tag and propagate. */
gpointer _ipmi_op_finish_pointer(IpmiClient *client, GAsyncResult *result, gpointer source_tag,
				 GError **error);
gboolean _ipmi_op_finish_boolean(IpmiClient *client, GAsyncResult *result, gpointer source_tag,
				 GError **error);
