/* cmd_fru.c - FRU inventory command codecs and the FRU information format,
 * see cmd_fru.h. */
#include "cmd_fru.h"

#include <string.h>

#include "buf.h"
#include "msg.h"
#include "status.h"

/* ---- Commands ------------------------------------------------------------------ */

int
ipmi_fru_info_req_decode(const uint8_t *buf, size_t len, IpmiFruInfoReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t id = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->fru_id = id;
	return (int)len;
}

int
ipmi_fru_info_req_encode(uint8_t *buf, size_t cap, const IpmiFruInfoReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->fru_id);
	return ipmi_wr_finish(&w);
}

int
ipmi_fru_info_rsp_decode(const uint8_t *buf, size_t len, IpmiFruInfoRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint16_t size = ipmi_rd_u16le(&r);
	uint8_t access = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->size = size;
	out->by_words = (access & 0x01) != 0;
	return (int)len;
}

int
ipmi_fru_info_rsp_encode(uint8_t *buf, size_t cap, const IpmiFruInfoRsp *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u16le(&w, m->size);
	ipmi_wr_u8(&w, m->by_words ? 0x01 : 0x00);
	return ipmi_wr_finish(&w);
}

int
ipmi_read_fru_req_decode(const uint8_t *buf, size_t len, IpmiReadFruReq *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	IpmiReadFruReq m;
	m.fru_id = ipmi_rd_u8(&r);
	m.offset = ipmi_rd_u16le(&r);
	m.count = ipmi_rd_u8(&r);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	*out = m;
	return (int)len;
}

int
ipmi_read_fru_req_encode(uint8_t *buf, size_t cap, const IpmiReadFruReq *m)
{
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->fru_id);
	ipmi_wr_u16le(&w, m->offset);
	ipmi_wr_u8(&w, m->count);
	return ipmi_wr_finish(&w);
}

int
ipmi_read_fru_rsp_decode(const uint8_t *buf, size_t len, IpmiReadFruRsp *out)
{
	IpmiReader r;
	ipmi_rd_init(&r, buf, len);
	uint8_t count = ipmi_rd_u8(&r);
	IpmiReader data;
	ipmi_rd_sub(&r, count, &data);
	int rc = ipmi_rd_finish(&r);
	if (rc < 0)
		return rc;
	out->count = count;
	out->data = data.p;
	return (int)len;
}

int
ipmi_read_fru_rsp_encode(uint8_t *buf, size_t cap, const IpmiReadFruRsp *m)
{
	if (m->count && !m->data)
		return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, m->count);
	ipmi_wr_bytes(&w, m->data, m->count);
	return ipmi_wr_finish(&w);
}

/* ---- Fields ------------------------------------------------------------------------- */

int
ipmi_fru_field_set_text(IpmiFruField *f, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	memset(f, 0, sizeof *f);
	f->type = IPMI_FRU_FIELD_TEXT;
	if (n > IPMI_FRU_FIELD_MAX)
		return IPMI_ERR_INVALID_ARG;
	if (n == 1) {
		/* C1h is the end marker: one character goes 6-bit packed. */
		unsigned char c = (unsigned char)s[0];
		if (c < 0x20 || c > 0x5F)
			return IPMI_ERR_INVALID_ARG;
		f->type = IPMI_FRU_FIELD_ASCII6;
		f->len = 1;
		f->data[0] = (uint8_t)(c - 0x20);
		return 0;
	}
	f->len = (uint8_t)n;
	if (n)
		memcpy(f->data, s, n);
	return 0;
}

int
ipmi_fru_field_text(const IpmiFruField *f, char *out, size_t cap)
{
	static const char bcd[] = "0123456789 -.:,_";
	static const char hex[] = "0123456789abcdef";
	size_t len = f->len > IPMI_FRU_FIELD_MAX ? IPMI_FRU_FIELD_MAX : f->len;
	size_t n;
	switch (f->type) {
	case IPMI_FRU_FIELD_ASCII6:
		n = len * 8 / 6;
		break;
	case IPMI_FRU_FIELD_BCDPLUS:
	case IPMI_FRU_FIELD_BINARY:
		n = len * 2;
		break;
	default:
		n = len;
		break;
	}
	if (cap < n + 1)
		return IPMI_ERR_NOBUF;
	for (size_t i = 0; i < n; i++) {
		switch (f->type) {
		case IPMI_FRU_FIELD_ASCII6: {
			size_t bit = i * 6, byte = bit / 8;
			unsigned v = f->data[byte];
			if (byte + 1 < len)
				v |= (unsigned)f->data[byte + 1] << 8;
			out[i] = (char)(((v >> (bit % 8)) & 0x3F) + 0x20);
			break;
		}
		case IPMI_FRU_FIELD_BCDPLUS:
			out[i] = bcd[(f->data[i / 2] >> ((i % 2) ? 0 : 4)) & 0x0F];
			break;
		case IPMI_FRU_FIELD_BINARY:
			out[i] = hex[(f->data[i / 2] >> ((i % 2) ? 0 : 4)) & 0x0F];
			break;
		default:
			out[i] = (char)f->data[i];
			break;
		}
	}
	out[n] = '\0';
	return (int)n;
}

/* 1: a field was read; 0: the end marker; negative: an error. */
static int
read_field(IpmiReader *r, IpmiFruField *f)
{
	uint8_t tl = ipmi_rd_u8(r);
	if (r->err)
		return IPMI_ERR_FORMAT; /* the fields ran into the checksum: no C1h */
	if (tl == IPMI_FRU_END_OF_FIELDS)
		return 0;
	memset(f, 0, sizeof *f);
	f->type = tl >> 6;
	f->len = tl & 0x3F;
	const uint8_t *p = ipmi_rd_bytes(r, f->len);
	if (!p)
		return IPMI_ERR_LENGTH;
	memcpy(f->data, p, f->len);
	return 1;
}

/* Fixed fields, then custom fields, then C1h. */
static int
read_fields(IpmiReader *r, IpmiFruField *const *fixed, size_t n_fixed, IpmiFruField *custom,
	    uint8_t *n_custom)
{
	IpmiFruField skip;
	int rc;
	*n_custom = 0;
	for (size_t i = 0; i < n_fixed; i++) {
		rc = read_field(r, fixed[i]);
		if (rc <= 0)
			return rc; /* early C1h: lenient, the rest stay empty */
	}
	for (;;) {
		IpmiFruField *f = *n_custom < IPMI_FRU_CUSTOM_MAX ? &custom[*n_custom] : &skip;
		rc = read_field(r, f);
		if (rc <= 0)
			return rc;
		if (f != &skip)
			(*n_custom)++;
	}
}

/* Check version, length and checksum of the area at buf[0]; *body gets
 * the bytes between the length byte and the checksum. */
static int
open_area(const uint8_t *buf, size_t len, IpmiReader *body)
{
	if (len < 2)
		return IPMI_ERR_TRUNCATED;
	if ((buf[0] & 0x0F) != IPMI_FRU_FORMAT_VERSION)
		return IPMI_ERR_FORMAT;
	size_t alen = (size_t)buf[1] * 8;
	if (alen == 0 || alen > len)
		return IPMI_ERR_LENGTH;
	if (ipmi_checksum(buf, alen) != 0)
		return IPMI_ERR_CHECKSUM;
	ipmi_rd_init(body, buf + 2, alen - 3);
	return (int)alen;
}

static bool
field_ok(const IpmiFruField *f)
{
	return f->type <= 3 && f->len <= IPMI_FRU_FIELD_MAX &&
	       !(f->type == IPMI_FRU_FIELD_TEXT && f->len == 1);
}

/* Version, length, head bytes, fields, C1h, zero pad, checksum. */
static int
write_area(uint8_t *buf, size_t cap, const uint8_t *head, size_t head_len,
	   const IpmiFruField *const *fixed, size_t n_fixed, const IpmiFruField *custom,
	   size_t n_custom)
{
	if (n_custom > IPMI_FRU_CUSTOM_MAX)
		return IPMI_ERR_INVALID_ARG;
	for (size_t i = 0; i < n_fixed; i++)
		if (!field_ok(fixed[i]))
			return IPMI_ERR_INVALID_ARG;
	for (size_t i = 0; i < n_custom; i++)
		if (!field_ok(&custom[i]))
			return IPMI_ERR_INVALID_ARG;
	IpmiWriter w;
	ipmi_wr_init(&w, buf, cap);
	ipmi_wr_u8(&w, IPMI_FRU_FORMAT_VERSION);
	ipmi_wr_u8(&w, 0); /* length, set below */
	ipmi_wr_bytes(&w, head, head_len);
	for (size_t i = 0; i < n_fixed + n_custom; i++) {
		const IpmiFruField *f = i < n_fixed ? fixed[i] : &custom[i - n_fixed];
		/* An empty field is C0h whatever its type, as the tools write it. */
		ipmi_wr_u8(&w, f->len ? (uint8_t)(f->type << 6 | f->len) : 0xC0);
		ipmi_wr_bytes(&w, f->data, f->len);
	}
	ipmi_wr_u8(&w, IPMI_FRU_END_OF_FIELDS);
	size_t used = (size_t)(w.p - w.start) + 1; /* with the checksum */
	size_t total = (used + 7) / 8 * 8;
	if (total > 255 * 8)
		return IPMI_ERR_INVALID_ARG;
	ipmi_wr_fill(&w, 0, total - used);
	uint8_t *sum = ipmi_wr_reserve(&w, 1);
	int rc = ipmi_wr_finish(&w);
	if (rc < 0)
		return rc;
	buf[1] = (uint8_t)(total / 8);
	*sum = ipmi_checksum(buf, total - 1);
	return (int)total;
}

int
ipmi_fru_chassis_decode(const uint8_t *buf, size_t len, IpmiFruChassis *out)
{
	IpmiReader r;
	int alen = open_area(buf, len, &r);
	if (alen < 0)
		return alen;
	IpmiFruChassis a;
	memset(&a, 0, sizeof a);
	a.type = ipmi_rd_u8(&r);
	if (r.err)
		return IPMI_ERR_LENGTH;
	IpmiFruField *const fixed[] = {&a.part, &a.serial};
	int rc = read_fields(&r, fixed, 2, a.custom, &a.n_custom);
	if (rc < 0)
		return rc;
	*out = a;
	return alen;
}

int
ipmi_fru_chassis_encode(uint8_t *buf, size_t cap, const IpmiFruChassis *a)
{
	const IpmiFruField *const fixed[] = {&a->part, &a->serial};
	return write_area(buf, cap, &a->type, 1, fixed, 2, a->custom, a->n_custom);
}

int
ipmi_fru_board_decode(const uint8_t *buf, size_t len, IpmiFruBoard *out)
{
	IpmiReader r;
	int alen = open_area(buf, len, &r);
	if (alen < 0)
		return alen;
	IpmiFruBoard a;
	memset(&a, 0, sizeof a);
	a.lang = ipmi_rd_u8(&r);
	a.mfg_minutes = ipmi_rd_u24le(&r);
	if (r.err)
		return IPMI_ERR_LENGTH;
	IpmiFruField *const fixed[] = {&a.mfg, &a.product, &a.serial, &a.part, &a.file_id};
	int rc = read_fields(&r, fixed, 5, a.custom, &a.n_custom);
	if (rc < 0)
		return rc;
	*out = a;
	return alen;
}

int
ipmi_fru_board_encode(uint8_t *buf, size_t cap, const IpmiFruBoard *a)
{
	if (a->mfg_minutes > 0xFFFFFF)
		return IPMI_ERR_INVALID_ARG;
	uint8_t head[4] = {a->lang, (uint8_t)a->mfg_minutes, (uint8_t)(a->mfg_minutes >> 8),
			   (uint8_t)(a->mfg_minutes >> 16)};
	const IpmiFruField *const fixed[] = {&a->mfg, &a->product, &a->serial, &a->part,
					     &a->file_id};
	return write_area(buf, cap, head, 4, fixed, 5, a->custom, a->n_custom);
}

int
ipmi_fru_product_decode(const uint8_t *buf, size_t len, IpmiFruProduct *out)
{
	IpmiReader r;
	int alen = open_area(buf, len, &r);
	if (alen < 0)
		return alen;
	IpmiFruProduct a;
	memset(&a, 0, sizeof a);
	a.lang = ipmi_rd_u8(&r);
	if (r.err)
		return IPMI_ERR_LENGTH;
	IpmiFruField *const fixed[] = {&a.mfg,    &a.name,  &a.part,   &a.version,
				       &a.serial, &a.asset, &a.file_id};
	int rc = read_fields(&r, fixed, 7, a.custom, &a.n_custom);
	if (rc < 0)
		return rc;
	*out = a;
	return alen;
}

int
ipmi_fru_product_encode(uint8_t *buf, size_t cap, const IpmiFruProduct *a)
{
	const IpmiFruField *const fixed[] = {&a->mfg,    &a->name,  &a->part,   &a->version,
					     &a->serial, &a->asset, &a->file_id};
	return write_area(buf, cap, &a->lang, 1, fixed, 7, a->custom, a->n_custom);
}

/* ---- Header and images ------------------------------------------------------------------- */

int
ipmi_fru_header_decode(const uint8_t *buf, size_t len, IpmiFruHeader *out)
{
	if (len < IPMI_FRU_HEADER_LEN)
		return IPMI_ERR_TRUNCATED;
	if (ipmi_checksum(buf, IPMI_FRU_HEADER_LEN) != 0)
		return IPMI_ERR_CHECKSUM;
	if ((buf[0] & 0x0F) != IPMI_FRU_FORMAT_VERSION)
		return IPMI_ERR_FORMAT;
	out->internal_off = buf[1];
	out->chassis_off = buf[2];
	out->board_off = buf[3];
	out->product_off = buf[4];
	out->multi_off = buf[5];
	return IPMI_FRU_HEADER_LEN;
}

int
ipmi_fru_header_encode(uint8_t *buf, size_t cap, const IpmiFruHeader *m)
{
	if (cap < IPMI_FRU_HEADER_LEN)
		return IPMI_ERR_NOBUF;
	buf[0] = IPMI_FRU_FORMAT_VERSION;
	buf[1] = m->internal_off;
	buf[2] = m->chassis_off;
	buf[3] = m->board_off;
	buf[4] = m->product_off;
	buf[5] = m->multi_off;
	buf[6] = 0;
	buf[7] = ipmi_checksum(buf, 7);
	return IPMI_FRU_HEADER_LEN;
}

int
ipmi_fru_image_encode(uint8_t *buf, size_t cap, const IpmiFruInventory *inv)
{
	IpmiFruHeader h = {0};
	size_t pos = IPMI_FRU_HEADER_LEN;
	if (cap < pos)
		return IPMI_ERR_NOBUF;
	for (int area = 0; area < 3; area++) {
		int rc;
		if (area == 0 && inv->has_chassis)
			rc = ipmi_fru_chassis_encode(buf + pos, cap - pos, &inv->chassis);
		else if (area == 1 && inv->has_board)
			rc = ipmi_fru_board_encode(buf + pos, cap - pos, &inv->board);
		else if (area == 2 && inv->has_product)
			rc = ipmi_fru_product_encode(buf + pos, cap - pos, &inv->product);
		else
			continue;
		if (rc < 0)
			return rc;
		if (pos / 8 > 255)
			return IPMI_ERR_INVALID_ARG;
		uint8_t off = (uint8_t)(pos / 8);
		if (area == 0)
			h.chassis_off = off;
		else if (area == 1)
			h.board_off = off;
		else
			h.product_off = off;
		pos += (size_t)rc;
	}
	ipmi_fru_header_encode(buf, cap, &h);
	return (int)pos;
}

/* An area that starts past the image, or runs past it, is a length error. */
static int
area_error(int rc)
{
	return rc == IPMI_ERR_TRUNCATED ? IPMI_ERR_LENGTH : rc;
}

int
ipmi_fru_image_decode(const uint8_t *buf, size_t len, IpmiFruInventory *out)
{
	IpmiFruHeader h;
	int rc = ipmi_fru_header_decode(buf, len, &h);
	if (rc < 0)
		return rc;
	IpmiFruInventory inv;
	memset(&inv, 0, sizeof inv);
	const uint8_t offs[3] = {h.chassis_off, h.board_off, h.product_off};
	for (int area = 0; area < 3; area++) {
		size_t off = (size_t)offs[area] * 8;
		if (!off)
			continue;
		if (off >= len)
			return IPMI_ERR_LENGTH;
		if (area == 0) {
			rc = ipmi_fru_chassis_decode(buf + off, len - off, &inv.chassis);
			inv.has_chassis = true;
		} else if (area == 1) {
			rc = ipmi_fru_board_decode(buf + off, len - off, &inv.board);
			inv.has_board = true;
		} else {
			rc = ipmi_fru_product_decode(buf + off, len - off, &inv.product);
			inv.has_product = true;
		}
		if (rc < 0)
			return area_error(rc);
	}
	*out = inv;
	return (int)len;
}
