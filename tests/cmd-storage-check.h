/* cmd-storage-check.h - comparisons shared by the SDR and SEL codec tests
 * (Get SEL Entry has Get SDR's layout and types). */
#pragma once

#include <glib.h>

#include "core/cmd_sdr.h"

static G_GNUC_UNUSED void
eq_get_sdr_req(const IpmiGetSdrReq *a, const IpmiGetSdrReq *b)
{
	g_assert_cmphex(a->reservation, ==, b->reservation);
	g_assert_cmphex(a->record_id, ==, b->record_id);
	g_assert_cmpuint(a->offset, ==, b->offset);
	g_assert_cmpuint(a->count, ==, b->count);
}
static G_GNUC_UNUSED void
eq_get_sdr_rsp(const IpmiGetSdrRsp *a, const IpmiGetSdrRsp *b)
{
	g_assert_cmphex(a->next_id, ==, b->next_id);
	g_assert_cmpmem(a->data, a->data_len, b->data, b->data_len);
}
