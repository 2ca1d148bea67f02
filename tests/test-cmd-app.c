/* test-cmd-app.c - the App and Chassis command codecs of core/cmd_app.h
 * (Get Device ID, Get Session Info, Get Chassis Status, Chassis Control,
 * Chassis Identify) and the texts of core/names.h: round trips on the
 * bytes bmcsim and ipmitool exchange, every truncated prefix. */
#include <glib.h>

#include "codec-check.h"
#include "core/cmd_app.h"
#include "core/names.h"

static void
eq_devid(const IpmiDeviceIdRsp *a, const IpmiDeviceIdRsp *b)
{
	g_assert_cmpuint(a->device_id, ==, b->device_id);
	g_assert_cmpuint(a->device_rev, ==, b->device_rev);
	g_assert_cmpint(a->provides_sdrs, ==, b->provides_sdrs);
	g_assert_cmpuint(a->fw_major, ==, b->fw_major);
	g_assert_cmpint(a->update_in_progress, ==, b->update_in_progress);
	g_assert_cmpuint(a->fw_minor, ==, b->fw_minor);
	g_assert_cmpuint(a->ipmi_version, ==, b->ipmi_version);
	g_assert_cmpuint(a->support, ==, b->support);
	g_assert_cmpuint(a->manufacturer_id, ==, b->manufacturer_id);
	g_assert_cmpuint(a->product_id, ==, b->product_id);
	g_assert_cmpint(a->has_aux, ==, b->has_aux);
	g_assert_cmpmem(a->aux, 4, b->aux, 4);
}
CODEC(devid_codec, IpmiDeviceIdRsp, ipmi_device_id_rsp_decode, ipmi_device_id_rsp_encode, eq_devid);

static void
eq_sinfo_req(const IpmiSessionInfoReq *a, const IpmiSessionInfoReq *b)
{
	g_assert_cmpuint(a->index, ==, b->index);
	g_assert_cmpuint(a->handle, ==, b->handle);
	g_assert_cmpuint(a->session_id, ==, b->session_id);
}
CODEC(sinfo_req_codec, IpmiSessionInfoReq, ipmi_session_info_req_decode,
      ipmi_session_info_req_encode, eq_sinfo_req);

static void
eq_sinfo(const IpmiSessionInfoRsp *a, const IpmiSessionInfoRsp *b)
{
	g_assert_cmpuint(a->handle, ==, b->handle);
	g_assert_cmpuint(a->slots, ==, b->slots);
	g_assert_cmpuint(a->active, ==, b->active);
	g_assert_cmpint(a->has_session, ==, b->has_session);
	g_assert_cmpuint(a->user_id, ==, b->user_id);
	g_assert_cmpuint(a->priv, ==, b->priv);
	g_assert_cmpuint(a->session_type, ==, b->session_type);
	g_assert_cmpuint(a->channel, ==, b->channel);
	g_assert_cmpint(a->has_lan, ==, b->has_lan);
	g_assert_cmpmem(a->ip, 4, b->ip, 4);
	g_assert_cmpmem(a->mac, 6, b->mac, 6);
	g_assert_cmpuint(a->port, ==, b->port);
}
CODEC(sinfo_codec, IpmiSessionInfoRsp, ipmi_session_info_rsp_decode, ipmi_session_info_rsp_encode,
      eq_sinfo);

static void
eq_status(const IpmiChassisStatusRsp *a, const IpmiChassisStatusRsp *b)
{
	g_assert_cmpint(a->power_on, ==, b->power_on);
	g_assert_cmpint(a->power_overload, ==, b->power_overload);
	g_assert_cmpint(a->power_interlock, ==, b->power_interlock);
	g_assert_cmpint(a->power_fault, ==, b->power_fault);
	g_assert_cmpint(a->control_fault, ==, b->control_fault);
	g_assert_cmpuint(a->restore_policy, ==, b->restore_policy);
	g_assert_cmpuint(a->last_event, ==, b->last_event);
	g_assert_cmpint(a->intrusion, ==, b->intrusion);
	g_assert_cmpint(a->front_panel_lockout, ==, b->front_panel_lockout);
	g_assert_cmpint(a->drive_fault, ==, b->drive_fault);
	g_assert_cmpint(a->cooling_fault, ==, b->cooling_fault);
	g_assert_cmpuint(a->identify_state, ==, b->identify_state);
	g_assert_cmpint(a->identify_supported, ==, b->identify_supported);
	g_assert_cmpint(a->has_front_panel, ==, b->has_front_panel);
	g_assert_cmpuint(a->front_panel, ==, b->front_panel);
}
CODEC(status_codec, IpmiChassisStatusRsp, ipmi_chassis_status_rsp_decode,
      ipmi_chassis_status_rsp_encode, eq_status);

static void
eq_control(const IpmiChassisControlReq *a, const IpmiChassisControlReq *b)
{
	g_assert_cmpuint(a->control, ==, b->control);
}
CODEC(control_codec, IpmiChassisControlReq, ipmi_chassis_control_req_decode,
      ipmi_chassis_control_req_encode, eq_control);

static void
eq_identify(const IpmiChassisIdentifyReq *a, const IpmiChassisIdentifyReq *b)
{
	g_assert_cmpint(a->has_interval, ==, b->has_interval);
	g_assert_cmpuint(a->interval, ==, b->interval);
	g_assert_cmpint(a->has_force, ==, b->has_force);
	g_assert_cmpint(a->force, ==, b->force);
}
CODEC(identify_codec, IpmiChassisIdentifyReq, ipmi_chassis_identify_req_decode,
      ipmi_chassis_identify_req_encode, eq_identify);

static void
test_device_id(void)
{
	/* bmcsim's default BMC, as ipmitool raw 6 1 shows it. */
	static const uint8_t wire[] = {0x20, 0x01, 0x01, 0x23, 0x02, 0xdf, 0xd9, 0x7e,
				       0x00, 0x5c, 0x0b, 0x00, 0x00, 0x00, 0x00};
	IpmiDeviceIdRsp want = {
	    .device_id = 0x20,
	    .device_rev = 1,
	    .fw_major = 1,
	    .fw_minor = 0x23,
	    .ipmi_version = 0x02,
	    .support = 0xdf,
	    .manufacturer_id = 32473,
	    .product_id = 0x0b5c,
	    .has_aux = true,
	};
	/* 11 bytes (no auxiliary revision) is a complete answer too. */
	const size_t ok[] = {11};
	check_codec(&devid_codec, wire, sizeof wire, &want, ok, 1);
	IpmiDeviceIdRsp shorter = want;
	shorter.has_aux = false;
	check_round_trip(&devid_codec, wire, 11, &shorter);
	check_reject(&devid_codec, wire, 14, 99, 0, IPMI_ERR_LENGTH);
	IpmiDeviceIdRsp flags;
	static const uint8_t busy[] = {0x20, 0x81, 0x81, 0x00, 0x51, 0, 0, 0, 0, 0, 0};
	g_assert_cmpint(ipmi_device_id_rsp_decode(busy, sizeof busy, &flags), ==, 11);
	g_assert_true(flags.provides_sdrs && flags.update_in_progress);
	g_assert_cmpuint(flags.device_rev, ==, 1);
	g_assert_cmpuint(flags.fw_major, ==, 1);
}

static void
test_session_info(void)
{
	static const uint8_t current[] = {0x00};
	IpmiSessionInfoReq q0 = {.index = 0};
	CHECK_STRICT(sinfo_req_codec, current, &q0);
	static const uint8_t by_handle[] = {0xfe, 0x07};
	IpmiSessionInfoReq qh = {.index = 0xfe, .handle = 7};
	CHECK_STRICT(sinfo_req_codec, by_handle, &qh);
	static const uint8_t by_id[] = {0xff, 0x04, 0x03, 0x02, 0x01};
	IpmiSessionInfoReq qi = {.index = 0xff, .session_id = 0x01020304};
	CHECK_STRICT(sinfo_req_codec, by_id, &qi);

	static const uint8_t lan[] = {0x01, 0x10, 0x01, 0x02, 0x04, 0x11, 127, 0,    0,
				      1,    0,    0,    0,    0,    0,    0,   0x50, 0xc3};
	IpmiSessionInfoRsp want = {
	    .handle = 1,
	    .slots = 16,
	    .active = 1,
	    .has_session = true,
	    .user_id = 2,
	    .priv = 4,
	    .session_type = 1,
	    .channel = 1,
	    .has_lan = true,
	    .ip = {127, 0, 0, 1},
	    .port = 50000,
	};
	/* 3 bytes (no such session) and 6 (no LAN data) are answers too. */
	const size_t ok[] = {3, 6};
	check_codec(&sinfo_codec, lan, sizeof lan, &want, ok, 2);
	IpmiSessionInfoRsp none = {.handle = 0, .slots = 16, .active = 1};
	static const uint8_t empty[] = {0x00, 0x10, 0x01};
	check_round_trip(&sinfo_codec, empty, sizeof empty, &none);
}

static void
test_chassis(void)
{
	/* on, restore policy "previous"; identify supported and timed on. */
	static const uint8_t wire[] = {0x21, 0x10, 0x51, 0x00};
	IpmiChassisStatusRsp want = {
	    .power_on = true,
	    .restore_policy = 1,
	    .last_event = IPMI_CHASSIS_EVENT_COMMAND,
	    .intrusion = true,
	    .identify_state = 1,
	    .identify_supported = true,
	    .has_front_panel = true,
	};
	const size_t ok[] = {3};
	check_codec(&status_codec, wire, sizeof wire, &want, ok, 1);

	static const uint8_t cycle[] = {0x02};
	IpmiChassisControlReq c = {.control = 2};
	CHECK_STRICT(control_codec, cycle, &c);
	check_reject(&control_codec, cycle, 1, 0, 0x06, IPMI_ERR_FORMAT);

	static const uint8_t force[] = {0x00, 0x01};
	IpmiChassisIdentifyReq f = {.has_interval = true, .has_force = true, .force = true};
	/* No data (the default interval) and the interval alone are valid. */
	const size_t ok_id[] = {0, 1};
	check_codec(&identify_codec, force, sizeof force, &f, ok_id, 2);
}

static void
test_names(void)
{
	g_assert_cmpstr(ipmi_event_offset_name(0x01, 0x01, 0x07), ==,
			"Upper Non-critical going high");
	g_assert_cmpstr(ipmi_event_offset_name(0x6F, 0x08, 0x00), ==, "Presence detected");
	g_assert_cmpstr(ipmi_event_offset_name(0x6F, 0x10, 0x02), ==, "Log area reset/cleared");
	g_assert_cmpstr(ipmi_event_offset_name(0x07, 0x00, 0x01), ==,
			"Transition to Non-critical from OK");
	g_assert_null(ipmi_event_offset_name(0x6F, 0x01, 0x00)); /* temperature: none */
	g_assert_null(ipmi_event_offset_name(0x70, 0x01, 0x00)); /* OEM */
	g_assert_null(ipmi_event_offset_name(0x01, 0x01, 0x0F));
	g_assert_cmpstr(ipmi_event_type_name(0x6F), ==, "Sensor-specific Discrete");
	g_assert_cmpstr(ipmi_event_type_name(0x30), ==, "Reserved");
	g_assert_cmpstr(ipmi_fru_chassis_type_name(0x17), ==, "Rack Mount Chassis");
	g_assert_cmpstr(ipmi_fru_chassis_type_name(0xFF), ==, "Unknown");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/core/cmd-app/device-id", test_device_id);
	g_test_add_func("/core/cmd-app/session-info", test_session_info);
	g_test_add_func("/core/cmd-app/chassis", test_chassis);
	g_test_add_func("/core/cmd-app/names", test_names);
	return g_test_run();
}
