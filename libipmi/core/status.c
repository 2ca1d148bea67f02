/* status.c - texts for the core's result codes. */
#include "status.h"

const char *
ipmi_strerror(int code)
{
	switch ((IpmiStatus)code) {
	case IPMI_OK:
		return "success";
	case IPMI_ERR_TRUNCATED:
		return "message truncated";
	case IPMI_ERR_LENGTH:
		return "length field inconsistent with the data";
	case IPMI_ERR_NOBUF:
		return "output buffer too small";
	case IPMI_ERR_FORMAT:
		return "malformed message";
	case IPMI_ERR_CHECKSUM:
		return "IPMI message checksum mismatch";
	case IPMI_ERR_UNSUPPORTED:
		return "unsupported algorithm or payload";
	case IPMI_ERR_SESSION_ID:
		return "packet for another session";
	case IPMI_ERR_INTEGRITY:
		return "integrity check failed";
	case IPMI_ERR_PAD:
		return "malformed pad";
	case IPMI_ERR_SEQUENCE:
		return "sequence number replayed or outside the window";
	case IPMI_ERR_STATE:
		return "message unexpected in this session state";
	case IPMI_ERR_AUTH:
		return "RAKP authentication code mismatch (wrong password or rogue peer)";
	case IPMI_ERR_KG:
		return "RAKP4 integrity check mismatch (K_G differs)";
	case IPMI_ERR_REJECTED:
		return "the peer rejected the request";
	case IPMI_ERR_CRYPTO:
		return "cryptographic library failure";
	case IPMI_ERR_ALGORITHMS:
		return "the BMC chose other algorithms than proposed";
	case IPMI_ERR_TAG:
		return "message tag mismatch";
	case IPMI_ERR_TIMEOUT:
		return "no answer before the retries ran out";
	case IPMI_ERR_PRIVILEGE:
		return "privilege level not permitted";
	case IPMI_ERR_INVALID_ARG:
		return "invalid argument";
	case IPMI_ERR_NO_RESOURCES:
		return "no free session slot";
	case IPMI_ERR_INSECURE:
		return "cipher suite without integrity refused (not forced)";
	case IPMI_ERR_NO_CREDENTIAL:
		return "no credential matches the session";
	}
	return "unknown error";
}
