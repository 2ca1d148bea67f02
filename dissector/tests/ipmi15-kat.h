/* ipmi15-kat.h - IPMI v1.5 datagrams (UDP payloads, RMCP header on) from
 * real sessions, captured on lo: ipmitool 1.8.19 -I lan against OpenIPMI's
 * ipmi_sim 2.0.33 (user admin, password "password") with -A MD5 and
 * -A PASSWORD, and FreeIPMI 1.6.10 bmc-info --driver-type=LAN
 * --authentication-type=MD2 against the same.  Each is an Activate Session
 * request or response, whose AuthCode covers the temporary session ID. */
#pragma once

/* ipmitool -A MD5: Activate Session request (temporary SID 00000005, seq 0) */
#define IPMI15_MD5_ACT_REQ                                                                         \
	"0600ff0702000000000500000077cee419abc6b192a347a58db45bd7b61d2018c8810c3a020432587e76"     \
	"ae68902490924b8d92990a0e796588e167"
/* ... and its response (the BMC's outbound seq e1886579) */
#define IPMI15_MD5_ACT_RSP                                                                         \
	"0600ff0702796588e1050000009fef3e9dd2900f60c2a19d00f675b1d912811c63200c3a000282000000"     \
	"0a22a9e90454"
/* ipmitool -A PASSWORD: Activate Session request (the AuthCode is the password) */
#define IPMI15_PW_ACT_REQ                                                                          \
	"0600ff0704000000000501000070617373776f726400000000000000001d2018c8810c3a0404ff8a2898"     \
	"bfa6585c73033890fb8a3fcceed8a71084"
/* bmc-info -A MD2: Activate Session request and response */
#define IPMI15_MD2_ACT_REQ                                                                         \
	"0600ff07010000000005000000e702d7c8b5c09c0e52b063d8ea6f15d21d2018c881803a0102375f929e"     \
	"7b8d57f968480371c2a066755f1a503e3c"
#define IPMI15_MD2_ACT_RSP                                                                         \
	"0600ff07015f1a503e050000008d782c9b93d64b4a0ce933bd493ba70412811c6320803a000182000000"     \
	"c2e0ffab0255"
