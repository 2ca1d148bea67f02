/* msg_names.c - names for transcripts (dissector, simulator), see msg_names.h.  Command names
 * follow the IPMI v2.0 specification's command table (Appendix G). */
#include "msg_names.h"

#include "msg.h"
#include "packet.h"

typedef struct {
	uint8_t netfn; /* request netFn */
	uint8_t cmd;
	const char *name;
} CmdName;

static const CmdName cmds[] = {
    /* Chassis */
    {0x00, 0x00, "Get Chassis Capabilities"},
    {0x00, 0x01, "Get Chassis Status"},
    {0x00, 0x02, "Chassis Control"},
    {0x00, 0x03, "Chassis Reset"},
    {0x00, 0x04, "Chassis Identify"},
    {0x00, 0x05, "Set Chassis Capabilities"},
    {0x00, 0x06, "Set Power Restore Policy"},
    {0x00, 0x07, "Get System Restart Cause"},
    {0x00, 0x08, "Set System Boot Options"},
    {0x00, 0x09, "Get System Boot Options"},
    {0x00, 0x0A, "Set Front Panel Button Enables"},
    {0x00, 0x0B, "Set Power Cycle Interval"},
    {0x00, 0x0F, "Get POH Counter"},
    /* Sensor/Event */
    {0x04, 0x00, "Set Event Receiver"},
    {0x04, 0x01, "Get Event Receiver"},
    {0x04, 0x02, "Platform Event"},
    {0x04, 0x10, "Get PEF Capabilities"},
    {0x04, 0x12, "Set PEF Configuration Parameters"},
    {0x04, 0x13, "Get PEF Configuration Parameters"},
    {0x04, 0x20, "Get Device SDR Info"},
    {0x04, 0x21, "Get Device SDR"},
    {0x04, 0x22, "Reserve Device SDR Repository"},
    {0x04, 0x23, "Get Sensor Reading Factors"},
    {0x04, 0x24, "Set Sensor Hysteresis"},
    {0x04, 0x25, "Get Sensor Hysteresis"},
    {0x04, 0x26, "Set Sensor Threshold"},
    {0x04, 0x27, "Get Sensor Threshold"},
    {0x04, 0x28, "Set Sensor Event Enable"},
    {0x04, 0x29, "Get Sensor Event Enable"},
    {0x04, 0x2A, "Re-arm Sensor Events"},
    {0x04, 0x2B, "Get Sensor Event Status"},
    {0x04, 0x2D, "Get Sensor Reading"},
    {0x04, 0x2E, "Set Sensor Type"},
    {0x04, 0x2F, "Get Sensor Type"},
    /* App */
    {0x06, 0x01, "Get Device ID"},
    {0x06, 0x02, "Cold Reset"},
    {0x06, 0x03, "Warm Reset"},
    {0x06, 0x04, "Get Self Test Results"},
    {0x06, 0x05, "Manufacturing Test On"},
    {0x06, 0x06, "Set ACPI Power State"},
    {0x06, 0x07, "Get ACPI Power State"},
    {0x06, 0x08, "Get Device GUID"},
    {0x06, 0x22, "Reset Watchdog Timer"},
    {0x06, 0x24, "Set Watchdog Timer"},
    {0x06, 0x25, "Get Watchdog Timer"},
    {0x06, 0x2E, "Set BMC Global Enables"},
    {0x06, 0x2F, "Get BMC Global Enables"},
    {0x06, 0x30, "Clear Message Flags"},
    {0x06, 0x31, "Get Message Flags"},
    {0x06, 0x32, "Enable Message Channel Receive"},
    {0x06, 0x33, "Get Message"},
    {0x06, 0x34, "Send Message"},
    {0x06, 0x35, "Read Event Message Buffer"},
    {0x06, 0x37, "Get System GUID"},
    {0x06, 0x38, "Get Channel Authentication Capabilities"},
    {0x06, 0x39, "Get Session Challenge"},
    {0x06, 0x3A, "Activate Session"},
    {0x06, 0x3B, "Set Session Privilege Level"},
    {0x06, 0x3C, "Close Session"},
    {0x06, 0x3D, "Get Session Info"},
    {0x06, 0x3F, "Get AuthCode"},
    {0x06, 0x40, "Set Channel Access"},
    {0x06, 0x41, "Get Channel Access"},
    {0x06, 0x42, "Get Channel Info"},
    {0x06, 0x43, "Set User Access"},
    {0x06, 0x44, "Get User Access"},
    {0x06, 0x45, "Set User Name"},
    {0x06, 0x46, "Get User Name"},
    {0x06, 0x47, "Set User Password"},
    {0x06, 0x48, "Activate Payload"},
    {0x06, 0x49, "Deactivate Payload"},
    {0x06, 0x4A, "Get Payload Activation Status"},
    {0x06, 0x4B, "Get Payload Instance Info"},
    {0x06, 0x4C, "Set User Payload Access"},
    {0x06, 0x4D, "Get User Payload Access"},
    {0x06, 0x4E, "Get Channel Payload Support"},
    {0x06, 0x4F, "Get Channel Payload Version"},
    {0x06, 0x50, "Get Channel OEM Payload Info"},
    {0x06, 0x52, "Master Write-Read"},
    {0x06, 0x54, "Get Channel Cipher Suites"},
    {0x06, 0x55, "Suspend/Resume Payload Encryption"},
    {0x06, 0x56, "Set Channel Security Keys"},
    {0x06, 0x57, "Get System Interface Capabilities"},
    {0x06, 0x58, "Set System Info Parameters"},
    {0x06, 0x59, "Get System Info Parameters"},
    /* Storage */
    {0x0A, 0x10, "Get FRU Inventory Area Info"},
    {0x0A, 0x11, "Read FRU Data"},
    {0x0A, 0x12, "Write FRU Data"},
    {0x0A, 0x20, "Get SDR Repository Info"},
    {0x0A, 0x21, "Get SDR Repository Allocation Info"},
    {0x0A, 0x22, "Reserve SDR Repository"},
    {0x0A, 0x23, "Get SDR"},
    {0x0A, 0x24, "Add SDR"},
    {0x0A, 0x25, "Partial Add SDR"},
    {0x0A, 0x26, "Delete SDR"},
    {0x0A, 0x27, "Clear SDR Repository"},
    {0x0A, 0x28, "Get SDR Repository Time"},
    {0x0A, 0x29, "Set SDR Repository Time"},
    {0x0A, 0x40, "Get SEL Info"},
    {0x0A, 0x41, "Get SEL Allocation Info"},
    {0x0A, 0x42, "Reserve SEL"},
    {0x0A, 0x43, "Get SEL Entry"},
    {0x0A, 0x44, "Add SEL Entry"},
    {0x0A, 0x45, "Partial Add SEL Entry"},
    {0x0A, 0x46, "Delete SEL Entry"},
    {0x0A, 0x47, "Clear SEL"},
    {0x0A, 0x48, "Get SEL Time"},
    {0x0A, 0x49, "Set SEL Time"},
    {0x0A, 0x5C, "Get SEL Time UTC Offset"},
    {0x0A, 0x5D, "Set SEL Time UTC Offset"},
    /* Transport */
    {0x0C, 0x01, "Set LAN Configuration Parameters"},
    {0x0C, 0x02, "Get LAN Configuration Parameters"},
    {0x0C, 0x03, "Suspend BMC ARPs"},
    {0x0C, 0x04, "Get IP/UDP/RMCP Statistics"},
    {0x0C, 0x10, "Set Serial/Modem Configuration"},
    {0x0C, 0x11, "Get Serial/Modem Configuration"},
    {0x0C, 0x21, "Set SOL Configuration Parameters"},
    {0x0C, 0x22, "Get SOL Configuration Parameters"},
};

const char *
ipmi_netfn_name(uint8_t netfn)
{
	switch (netfn & 0x3E) {
	case IPMI_NETFN_CHASSIS:
		return "Chassis";
	case IPMI_NETFN_BRIDGE:
		return "Bridge";
	case IPMI_NETFN_SENSOR:
		return "Sensor/Event";
	case IPMI_NETFN_APP:
		return "App";
	case IPMI_NETFN_FIRMWARE:
		return "Firmware";
	case IPMI_NETFN_STORAGE:
		return "Storage";
	case IPMI_NETFN_TRANSPORT:
		return "Transport";
	case IPMI_NETFN_GROUP:
		return "Group Extension";
	case IPMI_NETFN_OEM:
		return "OEM/Group";
	}
	if ((netfn & 0x3E) >= 0x30)
		return "Controller-specific OEM/Group";
	return NULL;
}

const char *
ipmi_cmd_name(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t len)
{
	uint8_t rq = netfn & 0x3E;
	if (rq == IPMI_NETFN_GROUP) {
		/* The first data byte names the defining body, in both
		 * directions (after the completion code in responses). */
		uint8_t body = len ? data[0] : 0xFF;
		if (body == 0xDC) {
			switch (cmd) {
			case 0x01:
				return "Get DCMI Capabilities Info";
			case 0x02:
				return "Get Power Reading";
			case 0x07:
				return "Get Asset Tag";
			}
			return NULL;
		}
		if (body == 0x00 && cmd == 0x00)
			return "Get PICMG Properties";
		if (body == 0x00 && cmd == 0x3E)
			return "Get HPM.x Capabilities";
		if (body == 0x03 && cmd == 0x00)
			return "Get VSO Capabilities";
		return NULL;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (cmds[i].netfn == rq && cmds[i].cmd == cmd)
			return cmds[i].name;
	return NULL;
}

const char *
ipmi_cc_text(uint8_t netfn, uint8_t cmd, uint8_t cc)
{
	switch (cc) {
	case 0x00:
		return "Command completed normally";
	case 0xC0:
		return "Node busy";
	case 0xC1:
		return "Invalid command";
	case 0xC2:
		return "Command invalid for given LUN";
	case 0xC3:
		return "Timeout while processing command";
	case 0xC4:
		return "Out of space";
	case 0xC5:
		return "Reservation canceled or invalid reservation ID";
	case 0xC6:
		return "Request data truncated";
	case 0xC7:
		return "Request data length invalid";
	case 0xC8:
		return "Request data field length limit exceeded";
	case 0xC9:
		return "Parameter out of range";
	case 0xCA:
		return "Cannot return number of requested data bytes";
	case 0xCB:
		return "Requested sensor, data, or record not present";
	case 0xCC:
		return "Invalid data field in request";
	case 0xCD:
		return "Command illegal for specified sensor or record type";
	case 0xCE:
		return "Command response could not be provided";
	case 0xCF:
		return "Cannot execute duplicated request";
	case 0xD0:
		return "SDR repository in update mode";
	case 0xD1:
		return "Device in firmware update mode";
	case 0xD2:
		return "BMC initialization in progress";
	case 0xD3:
		return "Destination unavailable";
	case 0xD4:
		return "Insufficient privilege level";
	case 0xD5:
		return "Not supported in present state";
	case 0xD6:
		return "Parameter is illegal because sub-function is disabled";
	case 0xFF:
		return "Unspecified error";
	}
	if ((netfn & 0x3E) == IPMI_NETFN_APP) {
		if (cmd == 0x3C && cc == 0x87)
			return "Invalid session ID in request";
		if (cmd == 0x3C && cc == 0x88)
			return "Invalid session handle in request";
		if (cmd == 0x3B && cc == 0x80)
			return "Requested level not available for this user";
		if (cmd == 0x3B && cc == 0x81)
			return "Requested level exceeds channel or user privilege limit";
		if (cmd == 0x3B && cc == 0x82)
			return "Cannot disable user level authentication";
		if (cmd == 0x3A && cc == 0x81)
			return "No session slot available";
	}
	if (cc >= 0x01 && cc <= 0x7E)
		return "OEM";
	if (cc >= 0x80 && cc <= 0xBE)
		return "command-specific";
	return "reserved";
}

const char *
ipmi_payload_name(uint8_t payload_type)
{
	switch (payload_type & 0x3F) {
	case IPMI_PAYLOAD_IPMI:
		return "IPMI";
	case IPMI_PAYLOAD_SOL:
		return "SOL";
	case IPMI_PAYLOAD_OEM:
		return "OEM explicit";
	case IPMI_PAYLOAD_OPEN_SESSION_REQ:
		return "Open Session Request";
	case IPMI_PAYLOAD_OPEN_SESSION_RSP:
		return "Open Session Response";
	case IPMI_PAYLOAD_RAKP1:
		return "RAKP 1";
	case IPMI_PAYLOAD_RAKP2:
		return "RAKP 2";
	case IPMI_PAYLOAD_RAKP3:
		return "RAKP 3";
	case IPMI_PAYLOAD_RAKP4:
		return "RAKP 4";
	}
	return "unknown payload";
}

const char *
ipmi_payload_token(uint8_t payload_type)
{
	switch (payload_type & 0x3F) {
	case IPMI_PAYLOAD_IPMI:
		return "ipmi";
	case IPMI_PAYLOAD_SOL:
		return "sol";
	case IPMI_PAYLOAD_OEM:
		return "oem";
	case IPMI_PAYLOAD_OPEN_SESSION_REQ:
		return "open_session_request";
	case IPMI_PAYLOAD_OPEN_SESSION_RSP:
		return "open_session_response";
	case IPMI_PAYLOAD_RAKP1:
		return "rakp1";
	case IPMI_PAYLOAD_RAKP2:
		return "rakp2";
	case IPMI_PAYLOAD_RAKP3:
		return "rakp3";
	case IPMI_PAYLOAD_RAKP4:
		return "rakp4";
	}
	return "unknown";
}

const char *
ipmi_priv_name(uint8_t priv)
{
	switch (priv & 0x0F) {
	case 0:
		return "highest";
	case 1:
		return "Callback";
	case 2:
		return "User";
	case 3:
		return "Operator";
	case 4:
		return "Administrator";
	case 5:
		return "OEM";
	}
	return "reserved";
}
