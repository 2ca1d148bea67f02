/* names.h - texts for codes the commands carry, as ipmitool prints them:
 * event offsets (the generic and sensor-specific event/reading type tables
 * of IPMI v2.0, tables 42-2 and 42-3) and SMBIOS chassis types (FRU
 * chassis info area).  Sensor type and unit names are in cmd_sdr.h.
 */
#pragma once

#include <stdint.h>

/* The meaning of an event offset (0..14, the low nibble of event data 1)
 * for an event/reading type: 01h threshold, 02h..0Ch generic discrete,
 * 6Fh sensor-specific (then sensor_type selects the table).  NULL when the
 * tables have no entry (OEM types 70h..7Fh, reserved offsets).  ipmitool
 * prints the "going low" threshold texts with a trailing space; these have
 * none. */
const char *ipmi_event_offset_name(uint8_t event_type, uint8_t sensor_type, uint8_t offset);

/* "Threshold", "Generic Discrete", "Sensor-specific Discrete", "OEM",
 * "Unspecified" or "Reserved", never NULL. */
const char *ipmi_event_type_name(uint8_t event_type);

/* SMBIOS chassis type ("Rack Mount Chassis"); "Unknown" past the table,
 * never NULL. */
const char *ipmi_fru_chassis_type_name(uint8_t type);
