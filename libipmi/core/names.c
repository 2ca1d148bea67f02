/* names.c - event offset, event type and chassis type texts, see names.h. */
#include "names.h"

#include <stddef.h>

typedef struct {
	uint8_t code; /* event/reading type, or sensor type for 6Fh */
	uint8_t offset;
	const char *text;
} EventText;

/* IPMI v2.0 table 42-2: threshold and generic discrete offsets. */
static const EventText generic[] = {
    {0x01, 0x00, "Lower Non-critical going low"},
    {0x01, 0x01, "Lower Non-critical going high"},
    {0x01, 0x02, "Lower Critical going low"},
    {0x01, 0x03, "Lower Critical going high"},
    {0x01, 0x04, "Lower Non-recoverable going low"},
    {0x01, 0x05, "Lower Non-recoverable going high"},
    {0x01, 0x06, "Upper Non-critical going low"},
    {0x01, 0x07, "Upper Non-critical going high"},
    {0x01, 0x08, "Upper Critical going low"},
    {0x01, 0x09, "Upper Critical going high"},
    {0x01, 0x0a, "Upper Non-recoverable going low"},
    {0x01, 0x0b, "Upper Non-recoverable going high"},
    {0x02, 0x00, "Transition to Idle"},
    {0x02, 0x01, "Transition to Active"},
    {0x02, 0x02, "Transition to Busy"},
    {0x03, 0x00, "State Deasserted"},
    {0x03, 0x01, "State Asserted"},
    {0x04, 0x00, "Predictive Failure Deasserted"},
    {0x04, 0x01, "Predictive Failure Asserted"},
    {0x05, 0x00, "Limit Not Exceeded"},
    {0x05, 0x01, "Limit Exceeded"},
    {0x06, 0x00, "Performance Met"},
    {0x06, 0x01, "Performance Lags"},
    {0x07, 0x00, "Transition to OK"},
    {0x07, 0x01, "Transition to Non-critical from OK"},
    {0x07, 0x02, "Transition to Critical from less severe"},
    {0x07, 0x03, "Transition to Non-recoverable from less severe"},
    {0x07, 0x04, "Transition to Non-critical from more severe"},
    {0x07, 0x05, "Transition to Critical from Non-recoverable"},
    {0x07, 0x06, "Transition to Non-recoverable"},
    {0x07, 0x07, "Monitor"},
    {0x07, 0x08, "Informational"},
    {0x08, 0x00, "Device Absent"},
    {0x08, 0x01, "Device Present"},
    {0x09, 0x00, "Device Disabled"},
    {0x09, 0x01, "Device Enabled"},
    {0x0a, 0x00, "Transition to Running"},
    {0x0a, 0x01, "Transition to In Test"},
    {0x0a, 0x02, "Transition to Power Off"},
    {0x0a, 0x03, "Transition to On Line"},
    {0x0a, 0x04, "Transition to Off Line"},
    {0x0a, 0x05, "Transition to Off Duty"},
    {0x0a, 0x06, "Transition to Degraded"},
    {0x0a, 0x07, "Transition to Power Save"},
    {0x0a, 0x08, "Install Error"},
    {0x0b, 0x00, "Fully Redundant"},
    {0x0b, 0x01, "Redundancy Lost"},
    {0x0b, 0x02, "Redundancy Degraded"},
    {0x0b, 0x03, "Non-Redundant: Sufficient from Redundant"},
    {0x0b, 0x04, "Non-Redundant: Sufficient from Insufficient"},
    {0x0b, 0x05, "Non-Redundant: Insufficient Resources"},
    {0x0b, 0x06, "Redundancy Degraded from Fully Redundant"},
    {0x0b, 0x07, "Redundancy Degraded from Non-Redundant"},
    {0x0c, 0x00, "D0 Power State"},
    {0x0c, 0x01, "D1 Power State"},
    {0x0c, 0x02, "D2 Power State"},
    {0x0c, 0x03, "D3 Power State"},
};

/* IPMI v2.0 table 42-3: sensor-specific offsets (event/reading type 6Fh),
 * by sensor type.  Offsets whose text depends on event data 2 get the
 * generic text. */
static const EventText specific[] = {
    {0x05, 0x00, "General Chassis intrusion"},
    {0x05, 0x01, "Drive Bay intrusion"},
    {0x05, 0x02, "I/O Card area intrusion"},
    {0x05, 0x03, "Processor area intrusion"},
    {0x05, 0x04, "System unplugged from LAN"},
    {0x05, 0x05, "Unauthorized dock"},
    {0x05, 0x06, "FAN area intrusion"},
    {0x06, 0x00, "Front Panel Lockout violation attempted"},
    {0x06, 0x01, "Pre-boot password violation - user password"},
    {0x06, 0x02, "Pre-boot password violation - setup password"},
    {0x06, 0x03, "Pre-boot password violation - network boot password"},
    {0x06, 0x04, "Other pre-boot password violation"},
    {0x06, 0x05, "Out-of-band access password violation"},
    {0x07, 0x00, "IERR"},
    {0x07, 0x01, "Thermal Trip"},
    {0x07, 0x02, "FRB1/BIST failure"},
    {0x07, 0x03, "FRB2/Hang in POST failure"},
    {0x07, 0x04, "FRB3/Processor startup/init failure"},
    {0x07, 0x05, "Configuration Error"},
    {0x07, 0x06, "SM BIOS Uncorrectable CPU-complex Error"},
    {0x07, 0x07, "Presence detected"},
    {0x07, 0x08, "Disabled"},
    {0x07, 0x09, "Terminator presence detected"},
    {0x07, 0x0a, "Throttled"},
    {0x07, 0x0b, "Uncorrectable machine check exception"},
    {0x07, 0x0c, "Correctable machine check error"},
    {0x08, 0x00, "Presence detected"},
    {0x08, 0x01, "Failure detected"},
    {0x08, 0x02, "Predictive failure"},
    {0x08, 0x03, "Power Supply AC lost"},
    {0x08, 0x04, "AC lost or out-of-range"},
    {0x08, 0x05, "AC out-of-range, but present"},
    {0x08, 0x06, "Config Error"},
    {0x08, 0x07, "Power Supply Inactive"},
    {0x09, 0x00, "Power off/down"},
    {0x09, 0x01, "Power cycle"},
    {0x09, 0x02, "240VA power down"},
    {0x09, 0x03, "Interlock power down"},
    {0x09, 0x04, "AC lost"},
    {0x09, 0x05, "Soft-power control failure"},
    {0x09, 0x06, "Failure detected"},
    {0x09, 0x07, "Predictive failure"},
    {0x0c, 0x00, "Correctable ECC"},
    {0x0c, 0x01, "Uncorrectable ECC"},
    {0x0c, 0x02, "Parity"},
    {0x0c, 0x03, "Memory Scrub Failed"},
    {0x0c, 0x04, "Memory Device Disabled"},
    {0x0c, 0x05, "Correctable ECC logging limit reached"},
    {0x0c, 0x06, "Presence Detected"},
    {0x0c, 0x07, "Configuration Error"},
    {0x0c, 0x08, "Spare"},
    {0x0c, 0x09, "Throttled"},
    {0x0c, 0x0a, "Critical Overtemperature"},
    {0x0d, 0x00, "Drive Present"},
    {0x0d, 0x01, "Drive Fault"},
    {0x0d, 0x02, "Predictive Failure"},
    {0x0d, 0x03, "Hot Spare"},
    {0x0d, 0x04, "Parity Check In Progress"},
    {0x0d, 0x05, "In Critical Array"},
    {0x0d, 0x06, "In Failed Array"},
    {0x0d, 0x07, "Rebuild In Progress"},
    {0x0d, 0x08, "Rebuild Aborted"},
    {0x0f, 0x00, "Unknown Error"},
    {0x0f, 0x01, "Unknown Hang"},
    {0x0f, 0x02, "Unknown Progress"},
    {0x10, 0x00, "Correctable memory error logging disabled"},
    {0x10, 0x01, "Event logging disabled"},
    {0x10, 0x02, "Log area reset/cleared"},
    {0x10, 0x03, "All event logging disabled"},
    {0x10, 0x04, "Log full"},
    {0x10, 0x05, "Log almost full"},
    {0x11, 0x00, "BIOS Reset"},
    {0x11, 0x01, "OS Reset"},
    {0x11, 0x02, "OS Shut Down"},
    {0x11, 0x03, "OS Power Down"},
    {0x11, 0x04, "OS Power Cycle"},
    {0x11, 0x05, "OS NMI/Diag Interrupt"},
    {0x11, 0x06, "OS Expired"},
    {0x11, 0x07, "OS pre-timeout Interrupt"},
    {0x12, 0x00, "System Reconfigured"},
    {0x12, 0x01, "OEM System boot event"},
    {0x12, 0x02, "Undetermined system hardware failure"},
    {0x12, 0x03, "Entry added to auxiliary log"},
    {0x12, 0x04, "PEF Action"},
    {0x12, 0x05, "Timestamp Clock Sync"},
    {0x13, 0x00, "NMI/Diag Interrupt"},
    {0x13, 0x01, "Bus Timeout"},
    {0x13, 0x02, "I/O Channel check NMI"},
    {0x13, 0x03, "Software NMI"},
    {0x13, 0x04, "PCI PERR"},
    {0x13, 0x05, "PCI SERR"},
    {0x13, 0x06, "EISA failsafe timeout"},
    {0x13, 0x07, "Bus Correctable error"},
    {0x13, 0x08, "Bus Uncorrectable error"},
    {0x13, 0x09, "Fatal NMI"},
    {0x13, 0x0a, "Bus Fatal Error"},
    {0x13, 0x0b, "Bus Degraded"},
    {0x14, 0x00, "Power Button pressed"},
    {0x14, 0x01, "Sleep Button pressed"},
    {0x14, 0x02, "Reset Button pressed"},
    {0x14, 0x03, "FRU Latch"},
    {0x14, 0x04, "FRU Service"},
    {0x19, 0x00, "Soft Power Control Failure"},
    {0x19, 0x01, "Thermal Trip"},
    {0x1b, 0x00, "Connected"},
    {0x1b, 0x01, "Config Error"},
    {0x1d, 0x00, "Initiated by power up"},
    {0x1d, 0x01, "Initiated by hard reset"},
    {0x1d, 0x02, "Initiated by warm reset"},
    {0x1d, 0x03, "User requested PXE boot"},
    {0x1d, 0x04, "Automatic boot to diagnostic"},
    {0x1d, 0x05, "OS initiated hard reset"},
    {0x1d, 0x06, "OS initiated warm reset"},
    {0x1d, 0x07, "System Restart"},
    {0x1e, 0x00, "No bootable media"},
    {0x1e, 0x01, "Non-bootable disk in drive"},
    {0x1e, 0x02, "PXE server not found"},
    {0x1e, 0x03, "Invalid boot sector"},
    {0x1e, 0x04, "Timeout waiting for selection"},
    {0x1f, 0x00, "A: boot completed"},
    {0x1f, 0x01, "C: boot completed"},
    {0x1f, 0x02, "PXE boot completed"},
    {0x1f, 0x03, "Diagnostic boot completed"},
    {0x1f, 0x04, "CD-ROM boot completed"},
    {0x1f, 0x05, "ROM boot completed"},
    {0x1f, 0x06, "boot completed - device not specified"},
    {0x20, 0x00, "Error during system startup"},
    {0x20, 0x01, "Run-time critical stop"},
    {0x20, 0x02, "OS graceful stop"},
    {0x20, 0x03, "OS graceful shutdown"},
    {0x20, 0x04, "PEF initiated soft shutdown"},
    {0x20, 0x05, "Agent not responding"},
    {0x23, 0x00, "Timer expired"},
    {0x23, 0x01, "Hard reset"},
    {0x23, 0x02, "Power down"},
    {0x23, 0x03, "Power cycle"},
    {0x23, 0x08, "Timer interrupt"},
    {0x25, 0x00, "Present"},
    {0x25, 0x01, "Absent"},
    {0x25, 0x02, "Disabled"},
    {0x29, 0x00, "Low"},
    {0x29, 0x01, "Failed"},
    {0x29, 0x02, "Presence Detected"},
    {0x2a, 0x00, "Session activated"},
    {0x2a, 0x01, "Session deactivated"},
    {0x2a, 0x02, "Invalid username or password"},
    {0x2a, 0x03, "Invalid password disable"},
};

static const char *
lookup(const EventText *t, size_t n, uint8_t code, uint8_t offset)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].code == code && t[i].offset == offset)
			return t[i].text;
	}
	return NULL;
}

const char *
ipmi_event_offset_name(uint8_t event_type, uint8_t sensor_type, uint8_t offset)
{
	event_type &= 0x7F;
	if (event_type == 0x6F)
		return lookup(specific, sizeof specific / sizeof specific[0], sensor_type, offset);
	if (event_type >= 0x01 && event_type <= 0x0C)
		return lookup(generic, sizeof generic / sizeof generic[0], event_type, offset);
	return NULL;
}

const char *
ipmi_event_type_name(uint8_t event_type)
{
	if (event_type == 0)
		return "Unspecified";
	if (event_type == 1)
		return "Threshold";
	if (event_type >= 0x02 && event_type <= 0x0C)
		return "Generic Discrete";
	if (event_type == 0x6F)
		return "Sensor-specific Discrete";
	if (event_type >= 0x70 && event_type <= 0x7F)
		return "OEM";
	return "Reserved";
}

static const char *const chassis_types[] = {
    "Unspecified",
    "Other",
    "Unknown",
    "Desktop",
    "Low Profile Desktop",
    "Pizza Box",
    "Mini Tower",
    "Tower",
    "Portable",
    "LapTop",
    "Notebook",
    "Hand Held",
    "Docking Station",
    "All in One",
    "Sub Notebook",
    "Space-saving",
    "Lunch Box",
    "Main Server Chassis",
    "Expansion Chassis",
    "SubChassis",
    "Bus Expansion Chassis",
    "Peripheral Chassis",
    "RAID Chassis",
    "Rack Mount Chassis",
    "Sealed-case PC",
    "Multi-system Chassis",
    "CompactPCI",
    "AdvancedTCA",
    "Blade",
    "Blade Enclosure",
};

const char *
ipmi_fru_chassis_type_name(uint8_t type)
{
	if (type >= sizeof chassis_types / sizeof chassis_types[0])
		return chassis_types[2];
	return chassis_types[type];
}
