/* buf.h - bounded little/big-endian reader and writer.
 *
 * Cursor + end pointer in the picotls style.  Both carry a sticky error:
 * reading past the end (or writing past the capacity) sets it, returns zeros,
 * and every later call is a no-op, so a decoder reads all fields and checks
 * once.  A nested block (ipmi_rd_sub) shadows the end so an inner length can
 * never reach past its parent.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct {
	const uint8_t *p;
	const uint8_t *end;
	int err; /* 0 or IPMI_ERR_TRUNCATED / IPMI_ERR_LENGTH */
} IpmiReader;

typedef struct {
	uint8_t *start;
	uint8_t *p;
	uint8_t *end;
	int err; /* 0 or IPMI_ERR_NOBUF */
} IpmiWriter;

static inline void
ipmi_rd_init(IpmiReader *r, const uint8_t *buf, size_t len)
{
	r->p = buf;
	r->end = buf + len;
	r->err = 0;
}

static inline size_t
ipmi_rd_left(const IpmiReader *r)
{
	return r->err ? 0 : (size_t)(r->end - r->p);
}

/* Plain helpers on raw buffers (caller has checked the length). */
static inline uint16_t
ipmi_get_u16le(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}
static inline uint32_t
ipmi_get_u32le(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void
ipmi_put_u16le(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}
static inline void
ipmi_put_u32le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* The readers are inline: decoders call them per field, per packet. */

/* Returns a pointer to n bytes and advances, or NULL (and sets err). */
static inline const uint8_t *
ipmi_rd_bytes(IpmiReader *r, size_t n)
{
	if (r->err)
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->err = IPMI_ERR_TRUNCATED;
		return NULL;
	}
	const uint8_t *q = r->p;
	r->p += n;
	return q;
}

static inline uint8_t
ipmi_rd_u8(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 1);
	return q ? q[0] : 0;
}

static inline uint16_t
ipmi_rd_u16le(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 2);
	return q ? ipmi_get_u16le(q) : 0;
}

static inline uint16_t
ipmi_rd_u16be(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 2);
	return q ? (uint16_t)(q[0] << 8 | q[1]) : 0;
}

static inline uint32_t
ipmi_rd_u24le(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 3);
	return q ? (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 : 0;
}

static inline uint32_t
ipmi_rd_u32le(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 4);
	return q ? ipmi_get_u32le(q) : 0;
}

static inline uint32_t
ipmi_rd_u32be(IpmiReader *r)
{
	const uint8_t *q = ipmi_rd_bytes(r, 4);
	return q ? (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3] : 0;
}

void ipmi_rd_copy(IpmiReader *r, void *dst, size_t n);
/* Carve the next n bytes into *sub; a missing byte is IPMI_ERR_LENGTH. */
void ipmi_rd_sub(IpmiReader *r, size_t n, IpmiReader *sub);

/* 0 when no error and every byte was consumed, else a negative code;
 * ipmi_rd_status: 0 when no error (trailing bytes allowed). */
static inline int
ipmi_rd_finish(const IpmiReader *r)
{
	if (r->err)
		return r->err;
	return r->p == r->end ? 0 : IPMI_ERR_LENGTH;
}

static inline int
ipmi_rd_status(const IpmiReader *r)
{
	return r->err;
}

static inline void
ipmi_wr_init(IpmiWriter *w, uint8_t *buf, size_t cap)
{
	w->start = buf;
	w->p = buf;
	w->end = buf + cap;
	w->err = 0;
}

/* Reserve n bytes and return a pointer to them, or NULL (sets err). */
uint8_t *ipmi_wr_reserve(IpmiWriter *w, size_t n);
void ipmi_wr_u8(IpmiWriter *w, uint8_t v);
void ipmi_wr_u16le(IpmiWriter *w, uint16_t v);
void ipmi_wr_u16be(IpmiWriter *w, uint16_t v);
void ipmi_wr_u24le(IpmiWriter *w, uint32_t v);
void ipmi_wr_u32le(IpmiWriter *w, uint32_t v);
void ipmi_wr_u32be(IpmiWriter *w, uint32_t v);
void ipmi_wr_bytes(IpmiWriter *w, const void *src, size_t n);
void ipmi_wr_fill(IpmiWriter *w, uint8_t v, size_t n);
/* Bytes written so far, or the negative error. */
int ipmi_wr_finish(const IpmiWriter *w);
