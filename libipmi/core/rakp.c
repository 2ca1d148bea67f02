/* rakp.c - RMCP+ Open Session and RAKP 1-4 codecs, see rakp.h.
 *
 * Reserved bytes are written as zero and ignored when read.  A response
 * with a non-zero status is encoded in its short form (the fields up to and
 * including the session ID), which is what BMCs send and what ipmitool's
 * read_open_session_response() expects; the decoders take both forms.
 */
#include "rakp.h"

#include "buf.h"
#include "status.h"

#define ALG_PAYLOAD_LEN 8

/* Payload types inside the Open Session messages (section 13.17). */
#define ALG_AUTH 0x00
#define ALG_INTEG 0x01
#define ALG_CONF 0x02

const char *
ipmi_rmcpp_status_str(uint8_t status)
{
	static const char *const names[] = {
	    [IPMI_RMCPP_OK] = "no errors",
	    [IPMI_RMCPP_NO_RESOURCES] = "insufficient resources to create a session",
	    [IPMI_RMCPP_INVALID_SESSION_ID] = "invalid session ID",
	    [IPMI_RMCPP_INVALID_PAYLOAD_TYPE] = "invalid payload type",
	    [IPMI_RMCPP_INVALID_AUTH_ALG] = "invalid authentication algorithm",
	    [IPMI_RMCPP_INVALID_INTEG_ALG] = "invalid integrity algorithm",
	    [IPMI_RMCPP_NO_MATCHING_AUTH] = "no matching authentication payload",
	    [IPMI_RMCPP_NO_MATCHING_INTEG] = "no matching integrity payload",
	    [IPMI_RMCPP_INACTIVE_SESSION] = "inactive session ID",
	    [IPMI_RMCPP_INVALID_ROLE] = "invalid role",
	    [IPMI_RMCPP_UNAUTHORIZED_ROLE] = "unauthorized role or privilege level requested",
	    [IPMI_RMCPP_NO_RESOURCES_ROLE] = "insufficient resources to create a session at the "
					     "requested role",
	    [IPMI_RMCPP_INVALID_NAME_LENGTH] = "invalid name length",
	    [IPMI_RMCPP_UNAUTHORIZED_NAME] = "unauthorized name",
	    [IPMI_RMCPP_UNAUTHORIZED_GUID] = "unauthorized GUID",
	    [IPMI_RMCPP_INVALID_ICV] = "invalid integrity check value",
	    [IPMI_RMCPP_INVALID_CONF_ALG] = "invalid confidentiality algorithm",
	    [IPMI_RMCPP_NO_CIPHER_SUITE_MATCH] = "no cipher suite match with proposed security "
						 "algorithms",
	    [IPMI_RMCPP_ILLEGAL_PARAMETER] = "illegal or unrecognized parameter",
	};
	if (status < sizeof names / sizeof names[0] && names[status])
		return names[status];
	return "reserved status code";
}

/* ---- algorithm payloads ------------------------------------------------ */

/* [type, 0, 0, len, alg, 0, 0, 0], or [type, 0, 0, 0] for "any".
 * Returns 0, or a negative code (r->err set for a short read). */
static int
read_alg(IpmiReader *r, uint8_t type, bool allow_any, uint8_t *alg, bool *any)
{
	uint8_t t = ipmi_rd_u8(r);
	(void)ipmi_rd_u16le(r); /* reserved */
	uint8_t len = ipmi_rd_u8(r);
	if (r->err)
		return r->err;
	if (t != type)
		return IPMI_ERR_FORMAT;
	if (len == 0 && allow_any) {
		*alg = 0;
		*any = true;
		return 0;
	}
	if (len != ALG_PAYLOAD_LEN)
		return IPMI_ERR_LENGTH;
	*alg = ipmi_rd_u8(r);
	(void)ipmi_rd_u24le(r); /* reserved */
	*any = false;
	return r->err;
}

static void
write_alg(IpmiWriter *w, uint8_t type, uint8_t alg, bool any)
{
	ipmi_wr_u8(w, type);
	ipmi_wr_u16le(w, 0);
	if (any) {
		ipmi_wr_u8(w, 0);
		return;
	}
	ipmi_wr_u8(w, ALG_PAYLOAD_LEN);
	ipmi_wr_u8(w, alg);
	ipmi_wr_u24le(w, 0);
}

static int
read_algs(IpmiReader *r, bool allow_any, uint8_t algs[3], bool any[3])
{
	static const uint8_t types[3] = {ALG_AUTH, ALG_INTEG, ALG_CONF};
	for (int i = 0; i < 3; i++) {
		int rc = read_alg(r, types[i], allow_any, &algs[i], &any[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- Open Session ------------------------------------------------------ */

int
ipmi_open_session_req_decode(const uint8_t *buf, size_t len, IpmiOpenSessionReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiOpenSessionReq m = {0};
	m.tag = ipmi_rd_u8(&r);
	m.max_priv = ipmi_rd_u8(&r);
	(void)ipmi_rd_u16le(&r);
	m.console_sid = ipmi_rd_u32le(&r);
	uint8_t algs[3];
	bool any[3];
	int rc = read_algs(&r, true, algs, any);
	if (rc < 0)
		return rc;
	rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	m.auth_alg = algs[0], m.integ_alg = algs[1], m.conf_alg = algs[2];
	m.auth_any = any[0], m.integ_any = any[1], m.conf_any = any[2];
	*out = m;
	return (int)len;
}

int
ipmi_open_session_req_encode(uint8_t *buf, size_t cap, const IpmiOpenSessionReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->tag);
	ipmi_wr_u8(&w, m->max_priv);
	ipmi_wr_u16le(&w, 0);
	ipmi_wr_u32le(&w, m->console_sid);
	write_alg(&w, ALG_AUTH, m->auth_alg, m->auth_any);
	write_alg(&w, ALG_INTEG, m->integ_alg, m->integ_any);
	write_alg(&w, ALG_CONF, m->conf_alg, m->conf_any);
	return ipmi_wr_finish(&w);
}

int
ipmi_open_session_rsp_decode(const uint8_t *buf, size_t len, IpmiOpenSessionRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiOpenSessionRsp m = {0};
	m.tag = ipmi_rd_u8(&r);
	m.status = ipmi_rd_u8(&r);
	m.max_priv = ipmi_rd_u8(&r);
	(void)ipmi_rd_u8(&r);
	m.console_sid = ipmi_rd_u32le(&r);
	if (r.err)
		return r.err;
	if (m.status == IPMI_RMCPP_OK || ipmi_rd_left(&r) > 0) {
		m.bmc_sid = ipmi_rd_u32le(&r);
		uint8_t algs[3];
		bool any[3];
		/* The BMC names the algorithms it chose: no "any" here. */
		int rc = read_algs(&r, false, algs, any);
		if (rc < 0)
			return rc;
		m.auth_alg = algs[0], m.integ_alg = algs[1], m.conf_alg = algs[2];
	}
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_open_session_rsp_encode(uint8_t *buf, size_t cap, const IpmiOpenSessionRsp *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->tag);
	ipmi_wr_u8(&w, m->status);
	ipmi_wr_u8(&w, m->max_priv);
	ipmi_wr_u8(&w, 0);
	ipmi_wr_u32le(&w, m->console_sid);
	if (m->status == IPMI_RMCPP_OK) {
		ipmi_wr_u32le(&w, m->bmc_sid);
		write_alg(&w, ALG_AUTH, m->auth_alg, false);
		write_alg(&w, ALG_INTEG, m->integ_alg, false);
		write_alg(&w, ALG_CONF, m->conf_alg, false);
	}
	return ipmi_wr_finish(&w);
}

/* ---- RAKP 1 ------------------------------------------------------------ */

int
ipmi_rakp1_decode(const uint8_t *buf, size_t len, IpmiRakp1 *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiRakp1 m = {0};
	m.tag = ipmi_rd_u8(&r);
	(void)ipmi_rd_u24le(&r);
	m.bmc_sid = ipmi_rd_u32le(&r);
	ipmi_rd_copy(&r, m.rm, sizeof m.rm);
	m.role = ipmi_rd_u8(&r);
	(void)ipmi_rd_u16le(&r);
	m.user_len = ipmi_rd_u8(&r);
	if (r.err)
		return r.err;
	if (m.user_len > IPMI_USER_MAX)
		return IPMI_ERR_LENGTH;
	if (ipmi_rd_left(&r) < m.user_len)
		return IPMI_ERR_LENGTH;
	ipmi_rd_copy(&r, m.user, m.user_len);
	/* ipmitool always sends 44 bytes: the name zero-padded to its
	 * 16-byte field.  Accept that padding, nothing beyond the field. */
	if (ipmi_rd_left(&r) > (size_t)(IPMI_USER_MAX - m.user_len))
		return IPMI_ERR_LENGTH;
	*out = m;
	return (int)len;
}

int
ipmi_rakp1_encode(uint8_t *buf, size_t cap, const IpmiRakp1 *m)
{
	if (m->user_len > IPMI_USER_MAX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->tag);
	ipmi_wr_u24le(&w, 0);
	ipmi_wr_u32le(&w, m->bmc_sid);
	ipmi_wr_bytes(&w, m->rm, sizeof m->rm);
	ipmi_wr_u8(&w, m->role);
	ipmi_wr_u16le(&w, 0);
	ipmi_wr_u8(&w, m->user_len);
	ipmi_wr_bytes(&w, m->user, m->user_len);
	return ipmi_wr_finish(&w);
}

/* ---- RAKP 2/3/4 -------------------------------------------------------- */

/* The common head: tag, status, 2 reserved, a session ID. */
static void
read_head(IpmiReader *r, uint8_t *tag, uint8_t *status, uint32_t *sid)
{
	*tag = ipmi_rd_u8(r);
	*status = ipmi_rd_u8(r);
	(void)ipmi_rd_u16le(r);
	*sid = ipmi_rd_u32le(r);
}

static void
write_head(IpmiWriter *w, uint8_t tag, uint8_t status, uint32_t sid)
{
	ipmi_wr_u8(w, tag);
	ipmi_wr_u8(w, status);
	ipmi_wr_u16le(w, 0);
	ipmi_wr_u32le(w, sid);
}

/* Whatever is left is the code: 0..IPMI_RAKP_CODE_MAX bytes. */
static int
read_code(IpmiReader *r, uint8_t *code, size_t *code_len)
{
	size_t n = ipmi_rd_left(r);
	if (r->err)
		return r->err;
	if (n > IPMI_RAKP_CODE_MAX)
		return IPMI_ERR_LENGTH;
	ipmi_rd_copy(r, code, n);
	*code_len = n;
	return r->err;
}

int
ipmi_rakp2_decode(const uint8_t *buf, size_t len, IpmiRakp2 *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiRakp2 m = {0};
	read_head(&r, &m.tag, &m.status, &m.console_sid);
	if (r.err)
		return r.err;
	if (m.status == IPMI_RMCPP_OK || ipmi_rd_left(&r) > 0) {
		ipmi_rd_copy(&r, m.rc, sizeof m.rc);
		ipmi_rd_copy(&r, m.guid, sizeof m.guid);
		int rc = read_code(&r, m.code, &m.code_len);
		if (rc < 0)
			return rc;
	}
	*out = m;
	return (int)len;
}

int
ipmi_rakp2_encode(uint8_t *buf, size_t cap, const IpmiRakp2 *m)
{
	if (m->code_len > IPMI_RAKP_CODE_MAX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	write_head(&w, m->tag, m->status, m->console_sid);
	if (m->status == IPMI_RMCPP_OK) {
		ipmi_wr_bytes(&w, m->rc, sizeof m->rc);
		ipmi_wr_bytes(&w, m->guid, sizeof m->guid);
		ipmi_wr_bytes(&w, m->code, m->code_len);
	}
	return ipmi_wr_finish(&w);
}

int
ipmi_rakp3_decode(const uint8_t *buf, size_t len, IpmiRakp3 *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiRakp3 m = {0};
	read_head(&r, &m.tag, &m.status, &m.bmc_sid);
	int rc = read_code(&r, m.code, &m.code_len);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_rakp3_encode(uint8_t *buf, size_t cap, const IpmiRakp3 *m)
{
	if (m->code_len > IPMI_RAKP_CODE_MAX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	write_head(&w, m->tag, m->status, m->bmc_sid);
	ipmi_wr_bytes(&w, m->code, m->code_len);
	return ipmi_wr_finish(&w);
}

int
ipmi_rakp4_decode(const uint8_t *buf, size_t len, IpmiRakp4 *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiRakp4 m = {0};
	read_head(&r, &m.tag, &m.status, &m.console_sid);
	int rc = read_code(&r, m.icv, &m.icv_len);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_rakp4_encode(uint8_t *buf, size_t cap, const IpmiRakp4 *m)
{
	if (m->icv_len > IPMI_RAKP_CODE_MAX)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	write_head(&w, m->tag, m->status, m->console_sid);
	ipmi_wr_bytes(&w, m->icv, m->icv_len);
	return ipmi_wr_finish(&w);
}
