/* auth15.c - IPMI v1.5 AuthCodes: MD2, MD5 and straight password. */
#include "auth15.h"

#include <gcrypt.h>
#include <string.h>

#include "crypto.h"
#include "packet.h"
#include "rmcp.h"
#include "status.h"

/* RFC 1319's permutation of 0..255 built from the digits of pi. */
static const uint8_t md2_s[256] = {
    41,  46,  67,  201, 162, 216, 124, 1,   61,  54,  84,  161, 236, 240, 6,   19,  98,  167, 5,
    243, 192, 199, 115, 140, 152, 147, 43,  217, 188, 76,  130, 202, 30,  155, 87,  60,  253, 212,
    224, 22,  103, 66,  111, 24,  138, 23,  229, 18,  190, 78,  196, 214, 218, 158, 222, 73,  160,
    251, 245, 142, 187, 47,  238, 122, 169, 104, 121, 145, 21,  178, 7,   63,  148, 194, 16,  137,
    11,  34,  95,  33,  128, 127, 93,  154, 90,  144, 50,  39,  53,  62,  204, 231, 191, 247, 151,
    3,   255, 25,  48,  179, 72,  165, 181, 209, 215, 94,  146, 42,  172, 86,  170, 198, 79,  184,
    56,  210, 150, 164, 125, 182, 118, 252, 107, 226, 156, 116, 4,   241, 69,  157, 112, 89,  100,
    113, 135, 32,  134, 91,  207, 101, 230, 45,  168, 2,   27,  96,  37,  173, 174, 176, 185, 246,
    28,  70,  97,  105, 52,  64,  126, 15,  85,  71,  163, 35,  221, 81,  175, 58,  195, 92,  249,
    206, 186, 197, 234, 38,  44,  83,  13,  110, 133, 40,  132, 9,   211, 223, 205, 244, 65,  129,
    77,  82,  106, 220, 55,  200, 108, 193, 171, 250, 36,  225, 123, 8,   12,  189, 177, 74,  120,
    136, 149, 139, 227, 99,  232, 109, 233, 203, 213, 254, 59,  0,   29,  57,  242, 239, 183, 14,
    102, 88,  208, 228, 166, 119, 114, 248, 235, 117, 75,  10,  49,  68,  80,  180, 143, 237, 31,
    26,  219, 153, 141, 51,  159, 17,  131, 20,
};

typedef struct {
	uint8_t x[48];   /* state (x[0..15] is the digest) */
	uint8_t c[16];   /* checksum */
	uint8_t l;       /* last checksum byte */
	uint8_t buf[16]; /* partial block */
	size_t n;        /* bytes in buf */
} Md2;

static void
md2_block(Md2 *m, const uint8_t *b)
{
	for (int j = 0; j < 16; j++) {
		m->x[16 + j] = b[j];
		m->x[32 + j] = (uint8_t)(m->x[16 + j] ^ m->x[j]);
		/* RFC 1319 errata: the checksum byte is xored, not assigned */
		m->c[j] ^= md2_s[b[j] ^ m->l];
		m->l = m->c[j];
	}
	uint8_t t = 0;
	for (int r = 0; r < 18; r++) {
		for (int k = 0; k < 48; k++)
			t = m->x[k] ^= md2_s[t];
		t = (uint8_t)(t + r);
	}
}

static void
md2_update(Md2 *m, const uint8_t *d, size_t len)
{
	while (len) {
		size_t take = 16 - m->n < len ? 16 - m->n : len;
		memcpy(m->buf + m->n, d, take);
		m->n += take;
		d += take;
		len -= take;
		if (m->n == 16) {
			md2_block(m, m->buf);
			m->n = 0;
		}
	}
}

static void
md2_final(Md2 *m, uint8_t out[16])
{
	uint8_t pad = (uint8_t)(16 - m->n); /* 1..16 bytes of value pad */
	memset(m->buf + m->n, pad, pad);
	md2_block(m, m->buf);
	uint8_t c[16];
	memcpy(c, m->c, 16);
	md2_block(m, c); /* updates m->c too, which no longer matters */
	memcpy(out, m->x, 16);
	memset(m, 0, sizeof *m);
}

void
ipmi_md2(const uint8_t *data, size_t len, uint8_t out[16])
{
	Md2 m;
	memset(&m, 0, sizeof m);
	md2_update(&m, data, len);
	md2_final(&m, out);
}

int
ipmi_auth15_parse(const uint8_t *d, size_t len, IpmiAuth15Header *h)
{
	memset(h, 0, sizeof *h);
	if (len < IPMI_RMCP_HEADER_LEN + 10)
		return IPMI_ERR_TRUNCATED;
	if (d[0] != IPMI_RMCP_VERSION || (d[3] & 0x1F) != IPMI_RMCP_CLASS_IPMI)
		return IPMI_ERR_FORMAT;
	const uint8_t *p = d + IPMI_RMCP_HEADER_LEN;
	size_t n = len - IPMI_RMCP_HEADER_LEN;
	h->auth_type = p[0];
	if (h->auth_type == IPMI_AUTHTYPE_RMCPP || h->auth_type > IPMI_AUTHTYPE_RMCPP ||
	    h->auth_type == 3)
		return IPMI_ERR_FORMAT;
	h->seq = p + 1;
	h->session_id = p + 5;
	size_t off = 9;
	if (h->auth_type != IPMI_AUTHTYPE_NONE) {
		if (n < off + IPMI_AUTH15_CODE_LEN + 1)
			return IPMI_ERR_TRUNCATED;
		h->code = p + off;
		off += IPMI_AUTH15_CODE_LEN;
	}
	size_t msg_len = p[off++];
	if (msg_len > n - off)
		return IPMI_ERR_LENGTH;
	h->msg = p + off;
	h->msg_len = msg_len;
	return 0;
}

int
ipmi_auth15_code(uint8_t auth_type, const uint8_t *password, size_t password_len,
		 const uint8_t session_id[4], const uint8_t *msg, size_t msg_len,
		 const uint8_t seq[4], uint8_t out[IPMI_AUTH15_CODE_LEN])
{
	if (password_len > IPMI_AUTH15_PASSWORD_MAX)
		return IPMI_ERR_INVALID_ARG;
	uint8_t pw[IPMI_AUTH15_PASSWORD_MAX] = {0};
	if (password_len)
		memcpy(pw, password, password_len);
	int rc = 0;
	switch (auth_type) {
	case IPMI_AUTHTYPE_PASSWORD:
		memcpy(out, pw, sizeof pw);
		break;
	case IPMI_AUTHTYPE_MD2: {
		Md2 m;
		memset(&m, 0, sizeof m);
		md2_update(&m, pw, sizeof pw);
		md2_update(&m, session_id, 4);
		md2_update(&m, msg, msg_len);
		md2_update(&m, seq, 4);
		md2_update(&m, pw, sizeof pw);
		md2_final(&m, out);
		break;
	}
	case IPMI_AUTHTYPE_MD5: {
		gcry_buffer_t iov[5] = {
		    {.size = sizeof pw, .len = sizeof pw, .data = pw},
		    {.size = 4, .len = 4, .data = (void *)session_id},
		    {.size = msg_len, .len = msg_len, .data = (void *)msg},
		    {.size = 4, .len = 4, .data = (void *)seq},
		    {.size = sizeof pw, .len = sizeof pw, .data = pw},
		};
		if (gcry_md_hash_buffers(GCRY_MD_MD5, 0, out, iov, 5))
			rc = IPMI_ERR_CRYPTO;
		break;
	}
	default:
		rc = IPMI_ERR_UNSUPPORTED;
	}
	ipmi_wipe(pw, sizeof pw);
	return rc;
}

bool
ipmi_auth15_verify(const IpmiAuth15Header *h, const uint8_t *password, size_t password_len)
{
	if (!h->code)
		return false;
	uint8_t code[IPMI_AUTH15_CODE_LEN];
	if (ipmi_auth15_code(h->auth_type, password, password_len, h->session_id, h->msg,
			     h->msg_len, h->seq, code) < 0)
		return false;
	bool ok = ipmi_ct_equal(code, h->code, sizeof code);
	ipmi_wipe(code, sizeof code);
	return ok;
}

const char *
ipmi_auth15_type_name(uint8_t auth_type)
{
	switch (auth_type) {
	case IPMI_AUTHTYPE_NONE:
		return "none";
	case IPMI_AUTHTYPE_MD2:
		return "MD2";
	case IPMI_AUTHTYPE_MD5:
		return "MD5";
	case IPMI_AUTHTYPE_PASSWORD:
		return "password";
	case IPMI_AUTHTYPE_OEM:
		return "OEM";
	default:
		return "reserved";
	}
}
