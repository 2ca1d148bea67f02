/* fuzz-rakp.c - the session setup payloads (rakp.h): Open Session
 * Request/Response and RAKP 1-4.  Input: one payload (what follows the
 * RMCP+ session header); it goes to all six decoders.  Whatever decodes is
 * re-encoded, decoded and encoded again: both encodings must agree. */
#include <string.h>

#include "core/rakp.h"
#include "fuzz.h"

#define CHECK_CODEC(T, dec, enc, p, n)                                                             \
	do {                                                                                       \
		T a_, b_;                                                                          \
		uint8_t e1_[128], e2_[128];                                                        \
		int rc_ = dec((p), (n), &a_);                                                      \
		if (rc_ < 0)                                                                       \
			break;                                                                     \
		FUZZ_CHECK(rc_ == (int)(n));                                                       \
		int l1_ = enc(e1_, sizeof e1_, &a_);                                               \
		FUZZ_CHECK(l1_ >= 0);                                                              \
		FUZZ_CHECK(dec(e1_, (size_t)l1_, &b_) == l1_);                                     \
		int l2_ = enc(e2_, sizeof e2_, &b_);                                               \
		FUZZ_CHECK(l2_ == l1_ && memcmp(e1_, e2_, (size_t)l1_) == 0);                      \
	} while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CHECK_CODEC(IpmiOpenSessionReq, ipmi_open_session_req_decode, ipmi_open_session_req_encode,
		    data, size);
	CHECK_CODEC(IpmiOpenSessionRsp, ipmi_open_session_rsp_decode, ipmi_open_session_rsp_encode,
		    data, size);
	CHECK_CODEC(IpmiRakp1, ipmi_rakp1_decode, ipmi_rakp1_encode, data, size);
	CHECK_CODEC(IpmiRakp2, ipmi_rakp2_decode, ipmi_rakp2_encode, data, size);
	CHECK_CODEC(IpmiRakp3, ipmi_rakp3_decode, ipmi_rakp3_encode, data, size);
	CHECK_CODEC(IpmiRakp4, ipmi_rakp4_decode, ipmi_rakp4_encode, data, size);

	IpmiRakp1 r1;
	if (ipmi_rakp1_decode(data, size, &r1) >= 0)
		FUZZ_CHECK(r1.user_len <= IPMI_USER_MAX);
	IpmiRakp2 r2;
	if (ipmi_rakp2_decode(data, size, &r2) >= 0)
		FUZZ_CHECK(r2.code_len <= IPMI_RAKP_CODE_MAX);
	if (size > 0)
		(void)ipmi_rmcpp_status_str(data[0]);
	return 0;
}
