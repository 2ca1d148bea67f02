/* fuzz-track.c - the dissector's session table (dissector/track.h) and
 * what ipmi-pcap and the Wireshark plugin do with its results: field
 * decoding (decode.h), the audit line (audit.h), credential lines
 * (creds.h).  Input: a TLV stream (README.md):
 *   CONFIG  a credentials file: lines as in creds.h (up to 4 credentials)
 *   KEYLOG  a key log line (up to 4 entries; all are read before the
 *           first datagram, as ipmi-pcap loads its files first)
 *   DGRAM   [route][UDP payload]: route bit 0 set = BMC to console, bits
 *           1-2 one of four console addresses (ports 50000..50003 on
 *           10.0.0.1..4; the BMC is 10.0.0.100:623) */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "core/keylog.h"
#include "core/msg.h"
#include "core/packet.h"
#include "creds.h"
#include "decode.h"
#include "fuzz.h"
#include "core/msg_names.h"
#include "track.h"

#define MAX_ENTRIES 4

static void
endpoint(IpmiEndpoint *e, unsigned host, uint16_t port)
{
	memset(e, 0, sizeof *e);
	e->family = 4;
	e->addr[0] = 10;
	e->addr[3] = (uint8_t)host;
	e->port = port;
}

static void
load_creds(IpmiCredential *creds, size_t *n, const uint8_t *v, size_t len)
{
	char line[512], err[IPMI_CREDS_ERR_MAX];
	size_t start = 0;
	*n = 0;
	for (size_t i = 0; i <= len && *n < MAX_ENTRIES; i++) {
		if (i < len && v[i] != '\n')
			continue;
		size_t l = i - start;
		if (l >= sizeof line)
			l = sizeof line - 1;
		memcpy(line, v + start, l);
		line[l] = 0;
		start = i + 1;
		int rc = ipmi_creds_parse_line(line, &creds[*n], err, sizeof err);
		FUZZ_CHECK(rc >= -1 && rc <= 1);
		if (rc == 1) {
			FUZZ_CHECK(creds[*n].user_len <= IPMI_USER_MAX &&
				   creds[*n].password_len <= IPMI_PASSWORD_MAX &&
				   creds[*n].kg_len <= IPMI_KG_LEN);
			(*n)++;
		} else if (rc < 0) {
			FUZZ_CHECK(memchr(err, 0, sizeof err) != NULL);
		}
	}
}

static void
fields(const IpmiFields *f)
{
	FUZZ_CHECK(f->n <= IPMI_FIELDS_MAX);
	for (size_t i = 0; i < f->n; i++)
		FUZZ_CHECK(f->f[i].key && memchr(f->f[i].value, 0, IPMI_FIELD_VALUE_MAX));
}

static void
result(const IpmiTrackResult *r, const uint8_t *plain)
{
	if (r->rc < 0 || r->obs.result != 0)
		return;
	IpmiFields f;
	if (r->obs.payload_type == IPMI_PAYLOAD_IPMI) {
		IpmiMsg m;
		if (ipmi_msg_decode(plain, r->obs.payload_len, &m) < 0)
			return;
		ipmi_decode_msg_fields(&m, &f);
		fields(&f);
		(void)ipmi_netfn_name(m.netfn);
		FUZZ_CHECK(ipmi_cc_text(m.netfn, m.cmd, m.cc) != NULL);
		(void)ipmi_cmd_name(m.netfn, m.cmd, m.data, m.data_len);
	} else {
		ipmi_decode_setup_fields(r->obs.payload_type, plain, r->obs.payload_len, &f);
		fields(&f);
		FUZZ_CHECK(ipmi_payload_name(r->obs.payload_type) != NULL);
	}
	if (r->session) {
		char line[512];
		int n = ipmi_audit_line(&r->session->obs, line, sizeof line);
		FUZZ_CHECK(n < (int)sizeof line);
		FUZZ_CHECK(ipmi_audit_hashcat_mode(r->session->obs.auth) != NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static IpmiCredential creds[MAX_ENTRIES];
	static IpmiKeylogEntry keys[MAX_ENTRIES];
	static uint8_t plain[2048];
	size_t n_creds = 0, n_keys = 0, clen;
	const uint8_t *cv = fuzz_config(data, size, &clen);
	memset(creds, 0, sizeof creds);
	load_creds(creds, &n_creds, cv, clen);

	FuzzTlv t;
	uint8_t type;
	const uint8_t *v;
	size_t n;
	fuzz_tlv_init(&t, data, size);
	while (n_keys < MAX_ENTRIES && fuzz_tlv_next(&t, &type, &v, &n)) {
		size_t col;
		if (type == FUZZ_T_KEYLOG &&
		    ipmi_keylog_parse((const char *)v, n, &keys[n_keys], &col) == 1)
			n_keys++;
	}

	IpmiTracker *tr = ipmi_tracker_new(creds, n_creds, keys, n_keys);
	FUZZ_CHECK(tr != NULL);
	IpmiEndpoint bmc, con;
	endpoint(&bmc, 100, 623);
	uint64_t frame = 0;
	fuzz_tlv_init(&t, data, size);
	while (fuzz_tlv_next(&t, &type, &v, &n)) {
		if (type != FUZZ_T_DGRAM || n < 1)
			continue;
		unsigned k = (v[0] >> 1) & 3;
		endpoint(&con, 1 + k, (uint16_t)(50000 + k));
		bool to_console = v[0] & 1;
		IpmiTrackResult r;
		(void)ipmi_looks_like_rmcp(v + 1, n - 1);
		int rc = ipmi_tracker_feed(tr, to_console ? &bmc : &con, to_console ? &con : &bmc,
					   ++frame, v + 1, n - 1, &r, plain, sizeof plain);
		FUZZ_CHECK(rc == r.rc);
		if (rc >= 0 && r.obs.result == 0)
			FUZZ_CHECK(r.obs.payload_len <= sizeof plain);
		result(&r, plain);
	}
	size_t count = ipmi_tracker_count(tr);
	for (size_t i = 0; i < count; i++) {
		const IpmiTrackedSession *s = ipmi_tracker_session(tr, i);
		FUZZ_CHECK(s && s->number == i + 1);
	}
	ipmi_tracker_free(tr);
	ipmi_wipe(keys, sizeof keys);
	ipmi_wipe(creds, sizeof creds);
	return 0;
}
