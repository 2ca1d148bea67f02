/* ipmi-error.c - the IPMI_CLIENT_ERROR domain, completion code texts, and
 * the one function that turns core result codes into GErrors. */
#include "ipmi-client-private.h"

#include "core/rakp.h"
#include "core/status.h"

/* The domain's name is what bindings show ("ipmi-client-error-quark"): the
 * macro stringifies its argument, so clang-format must not space it out. */
/* clang-format off */
G_DEFINE_QUARK(ipmi-client-error-quark, ipmi_client_error)
/* clang-format on */

/* IPMI v2.0 Table 5-2, generic completion codes. */
static const struct {
	guint8 cc;
	const char *text;
} cc_texts[] = {
    {0x00, "Command completed normally"},
    {0xC0, "Node busy"},
    {0xC1, "Invalid command"},
    {0xC2, "Command invalid for given LUN"},
    {0xC3, "Timeout while processing command"},
    {0xC4, "Out of space"},
    {0xC5, "Reservation canceled or invalid reservation ID"},
    {0xC6, "Request data truncated"},
    {0xC7, "Request data length invalid"},
    {0xC8, "Request data field length limit exceeded"},
    {0xC9, "Parameter out of range"},
    {0xCA, "Cannot return number of requested data bytes"},
    {0xCB, "Requested sensor, data, or record not present"},
    {0xCC, "Invalid data field in request"},
    {0xCD, "Command illegal for specified sensor or record type"},
    {0xCE, "Command response could not be provided"},
    {0xCF, "Cannot execute duplicated request"},
    {0xD0, "SDR repository in update mode"},
    {0xD1, "Device in firmware update mode"},
    {0xD2, "BMC initialization in progress"},
    {0xD3, "Destination unavailable"},
    {0xD4, "Insufficient privilege level"},
    {0xD5, "Command not supported in present state"},
    {0xD6, "Command sub-function disabled or unavailable"},
    {0xFF, "Unspecified error"},
};

/**
 * ipmi_completion_code_to_string:
 * @completion_code: an IPMI completion code
 *
 * The meaning of a completion code: the generic codes of IPMI v2.0 table
 * 5-2 (00h, C0h-D6h, FFh) by name, the others by range (device-specific
 * 01h-7Eh, command-specific 80h-BEh, reserved).
 *
 * Returns: (transfer none): a static English text, never %NULL
 */
const char *
ipmi_completion_code_to_string(guint8 completion_code)
{
	for (gsize i = 0; i < G_N_ELEMENTS(cc_texts); i++) {
		if (cc_texts[i].cc == completion_code)
			return cc_texts[i].text;
	}
	if (completion_code >= 0x01 && completion_code <= 0x7E)
		return "Device-specific (OEM) completion code";
	if (completion_code >= 0x80 && completion_code <= 0xBE)
		return "Command-specific completion code";
	return "Reserved completion code";
}

/* "peer: what: detail".  A negative code is -G_IO_ERROR_*. */
GError *
_ipmi_error_new(int code, const char *peer, const char *what, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *detail = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	GQuark domain = IPMI_CLIENT_ERROR;
	if (code < 0) {
		domain = G_IO_ERROR;
		code = -code;
	}
	return g_error_new(domain, code, "%s: %s: %s", peer ? peer : "BMC", what ? what : "IPMI",
			   detail);
}

/* G_IO_ERROR codes go to _ipmi_error_new negated. */
#define IO(c) IPMI_IO_ERROR(c)

static gboolean
status_is_cipher_suite(guint8 s)
{
	return s == IPMI_RMCPP_INVALID_AUTH_ALG || s == IPMI_RMCPP_INVALID_INTEG_ALG ||
	       s == IPMI_RMCPP_INVALID_CONF_ALG || s == IPMI_RMCPP_NO_CIPHER_SUITE_MATCH ||
	       s == IPMI_RMCPP_NO_MATCHING_AUTH || s == IPMI_RMCPP_NO_MATCHING_INTEG;
}

/*
 * _ipmi_error_from_core:
 * @code: a negative IPMI_ERR_* code from the core
 * @rmcpp_status: the RMCP+ status the BMC sent, for IPMI_ERR_REJECTED
 * @peer: "host:port"
 * @what: the step that failed ("RMCP+ handshake", "Get Device ID", ...)
 *
 * The single mapping of core codes onto the client's errors.
 */
GError *
_ipmi_error_from_core(int code, guint8 rmcpp_status, const char *peer, const char *what)
{
	switch (code) {
	case IPMI_ERR_AUTH:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_AUTH, peer, what,
				       "authentication failed: wrong user name or password, or the "
				       "BMC is not the one it claims to be (RAKP 2 code mismatch)");
	case IPMI_ERR_KG:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_KG, peer, what,
				       "the BMC key K_G does not match (RAKP 4 check value "
				       "mismatch)");
	case IPMI_ERR_REJECTED: {
		const char *s = ipmi_rmcpp_status_str(rmcpp_status);
		int c = IPMI_CLIENT_ERROR_REJECTED;
		if (rmcpp_status == IPMI_RMCPP_INVALID_ROLE ||
		    rmcpp_status == IPMI_RMCPP_UNAUTHORIZED_ROLE)
			c = IPMI_CLIENT_ERROR_PRIVILEGE;
		else if (rmcpp_status == IPMI_RMCPP_UNAUTHORIZED_NAME)
			c = IPMI_CLIENT_ERROR_AUTH;
		else if (status_is_cipher_suite(rmcpp_status))
			c = IPMI_CLIENT_ERROR_NO_CIPHER_SUITE;
		return _ipmi_error_new(c, peer, what,
				       "the BMC refused the session: %s (RMCP+ status %02Xh)", s,
				       rmcpp_status);
	}
	case IPMI_ERR_TIMEOUT:
		return _ipmi_error_new(IO(G_IO_ERROR_TIMED_OUT), peer, what,
				       "no answer from the BMC");
	case IPMI_ERR_PRIVILEGE:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_PRIVILEGE, peer, what,
				       "privilege level not permitted");
	case IPMI_ERR_INSECURE:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_NO_CIPHER_SUITE, peer, what,
				       "cipher suite without integrity protection (or with xRC4) "
				       "refused; set allow-insecure to force it");
	case IPMI_ERR_UNSUPPORTED:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_NO_CIPHER_SUITE, peer, what,
				       "unsupported cipher suite");
	case IPMI_ERR_INVALID_ARG:
		return _ipmi_error_new(IO(G_IO_ERROR_INVALID_ARGUMENT), peer, what,
				       "invalid argument");
	case IPMI_ERR_NO_RESOURCES:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_REJECTED, peer, what, "%s",
				       ipmi_strerror(code));
	default:
		return _ipmi_error_new(IPMI_CLIENT_ERROR_PROTOCOL, peer, what, "%s",
				       ipmi_strerror(code));
	}
}

/* A non-zero completion code. */
GError *
_ipmi_error_from_cc(guint8 cc, guint8 netfn, guint8 cmd, const char *peer, const char *what)
{
	g_autofree char *fallback = NULL;
	if (!what)
		what = fallback = g_strdup_printf("command %02Xh/%02Xh", netfn, cmd);
	int c = cc == 0xD4 ? IPMI_CLIENT_ERROR_PRIVILEGE : IPMI_CLIENT_ERROR_COMPLETION_CODE;
	return _ipmi_error_new(c, peer, what, "%s (completion code %02Xh)",
			       ipmi_completion_code_to_string(cc), cc);
}
