/* buf.c - bounded reader and writer, see buf.h. */
#include "buf.h"

#include <string.h>

#include "status.h"

void
ipmi_rd_copy(IpmiReader *r, void *dst, size_t n)
{
	const uint8_t *q = ipmi_rd_bytes(r, n);
	if (q)
		memcpy(dst, q, n);
	else
		memset(dst, 0, n);
}

void
ipmi_rd_sub(IpmiReader *r, size_t n, IpmiReader *sub)
{
	if (!r->err && (size_t)(r->end - r->p) < n)
		r->err = IPMI_ERR_LENGTH;
	const uint8_t *q = ipmi_rd_bytes(r, n);
	ipmi_rd_init(sub, q ? q : r->p, q ? n : 0);
	sub->err = r->err;
}

uint8_t *
ipmi_wr_reserve(IpmiWriter *w, size_t n)
{
	if (w->err)
		return NULL;
	if ((size_t)(w->end - w->p) < n) {
		w->err = IPMI_ERR_NOBUF;
		return NULL;
	}
	uint8_t *q = w->p;
	w->p += n;
	return q;
}

void
ipmi_wr_u8(IpmiWriter *w, uint8_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 1);
	if (q)
		q[0] = v;
}

void
ipmi_wr_u16le(IpmiWriter *w, uint16_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 2);
	if (q)
		ipmi_put_u16le(q, v);
}

void
ipmi_wr_u16be(IpmiWriter *w, uint16_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 2);
	if (q) {
		q[0] = (uint8_t)(v >> 8);
		q[1] = (uint8_t)v;
	}
}

void
ipmi_wr_u24le(IpmiWriter *w, uint32_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 3);
	if (q) {
		q[0] = (uint8_t)v;
		q[1] = (uint8_t)(v >> 8);
		q[2] = (uint8_t)(v >> 16);
	}
}

void
ipmi_wr_u32le(IpmiWriter *w, uint32_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 4);
	if (q)
		ipmi_put_u32le(q, v);
}

void
ipmi_wr_u32be(IpmiWriter *w, uint32_t v)
{
	uint8_t *q = ipmi_wr_reserve(w, 4);
	if (q) {
		q[0] = (uint8_t)(v >> 24);
		q[1] = (uint8_t)(v >> 16);
		q[2] = (uint8_t)(v >> 8);
		q[3] = (uint8_t)v;
	}
}

void
ipmi_wr_bytes(IpmiWriter *w, const void *src, size_t n)
{
	uint8_t *q = ipmi_wr_reserve(w, n);
	if (q && n)
		memcpy(q, src, n);
}

void
ipmi_wr_fill(IpmiWriter *w, uint8_t v, size_t n)
{
	uint8_t *q = ipmi_wr_reserve(w, n);
	if (q && n)
		memset(q, v, n);
}

int
ipmi_wr_finish(const IpmiWriter *w)
{
	return w->err ? w->err : (int)(w->p - w->start);
}
