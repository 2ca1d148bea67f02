/* audit.c - RAKP exchanges as hashcat lines, see audit.h. */
#include "audit.h"

#include <string.h>

#include "core/buf.h"
#include "core/suite.h"
#include "decode.h"

int
ipmi_audit_line(const IpmiObserver *o, char *buf, size_t cap)
{
	if (o->rakp2_code_len == 0 || o->state < IPMI_OBS_RAKP2)
		return -1;
	const IpmiRakpParams *rp = &o->rp;
	uint8_t salt[4 + 4 + 16 + 16 + 16 + 1 + 1 + IPMI_USER_MAX];
	size_t n = 0;
	ipmi_put_u32le(salt + n, rp->console_sid);
	n += 4;
	ipmi_put_u32le(salt + n, rp->bmc_sid);
	n += 4;
	memcpy(salt + n, rp->rm, 16);
	n += 16;
	memcpy(salt + n, rp->rc, 16);
	n += 16;
	memcpy(salt + n, rp->guid, 16);
	n += 16;
	salt[n++] = rp->role;
	salt[n++] = rp->user_len;
	memcpy(salt + n, rp->user, rp->user_len);
	n += rp->user_len;
	size_t need = 2 * n + 1 + 2 * o->rakp2_code_len + 1;
	if (cap < need)
		return -1;
	ipmi_hex(buf, salt, n);
	buf[2 * n] = ':';
	ipmi_hex(buf + 2 * n + 1, o->rakp2_code, o->rakp2_code_len);
	return (int)(need - 1);
}

const char *
ipmi_audit_hashcat_mode(unsigned char auth_alg)
{
	switch (auth_alg) {
	case IPMI_AUTH_RAKP_HMAC_SHA1:
		return "hashcat -m 7300";
	case IPMI_AUTH_RAKP_HMAC_SHA256:
		return "hashcat -m 1450 --hex-salt after swapping to hmac:salt";
	case IPMI_AUTH_RAKP_HMAC_MD5:
		return "hashcat -m 50 --hex-salt after swapping to hmac:salt";
	}
	return "none";
}
