/* sdr_units.c - reading the numbers of a sensor: the linear conversion
 * y = (M x + B 10^Bexp) 10^Rexp and its inverse, threshold comparison,
 * unit codes (IPMI v2.0 Table 43-15) and sensor type codes (Table 42-3)
 * with the names ipmitool prints, see cmd_sdr.h. */
#include <ctype.h>
#include <string.h>

#include "cmd_sdr.h"
#include "status.h"

/* ---- Reading conversion --------------------------------------------------------- */

void
ipmi_sdr_full_factors(const IpmiSdrFullSensor *f, IpmiSensorFactors *out)
{
	out->m = f->m;
	out->b = f->b;
	out->b_exp = f->b_exp;
	out->r_exp = f->r_exp;
	out->analog_format = f->s.analog_format;
	out->linearization = f->linearization;
}

/* 10^e for the small exponents of the formula, without libm. */
static double
pow10i(int e)
{
	double v = 1.0;
	for (; e > 0; e--)
		v *= 10.0;
	for (; e < 0; e++)
		v /= 10.0;
	return v;
}

void
ipmi_sensor_raw_range(uint8_t analog_format, int *min, int *max)
{
	switch (analog_format) {
	case IPMI_ANALOG_ONES:
		*min = -127;
		*max = 127;
		break;
	case IPMI_ANALOG_TWOS:
		*min = -128;
		*max = 127;
		break;
	default:
		*min = 0;
		*max = 255;
		break;
	}
}

int
ipmi_sensor_raw_to_int(uint8_t analog_format, uint8_t raw)
{
	switch (analog_format) {
	case IPMI_ANALOG_ONES:
		/* -x is ~x: 0xFE is -1 and 0xFF is -0. */
		return (raw & 0x80) ? -(int)(uint8_t)~raw : raw;
	case IPMI_ANALOG_TWOS:
		return (int8_t)raw;
	default:
		return raw;
	}
}

uint8_t
ipmi_sensor_int_to_raw(uint8_t analog_format, int x)
{
	if (analog_format == IPMI_ANALOG_ONES && x < 0)
		return (uint8_t) ~(uint8_t)(-x);
	return (uint8_t)x;
}

static int
check_factors(const IpmiSensorFactors *f)
{
	if (f->analog_format > IPMI_ANALOG_TWOS || (f->linearization & 0x7F) != 0)
		return IPMI_ERR_UNSUPPORTED;
	return 0;
}

int
ipmi_sensor_raw_to_value(const IpmiSensorFactors *f, uint8_t raw, double *value)
{
	int rc = check_factors(f);
	if (rc < 0)
		return rc;
	int x = ipmi_sensor_raw_to_int(f->analog_format, raw);
	*value = ((double)f->m * x + (double)f->b * pow10i(f->b_exp)) * pow10i(f->r_exp);
	return 0;
}

int
ipmi_sensor_value_to_raw(const IpmiSensorFactors *f, double value, uint8_t *raw)
{
	int rc = check_factors(f);
	if (rc < 0)
		return rc;
	if (f->m == 0)
		return IPMI_ERR_INVALID_ARG;
	double x = (value / pow10i(f->r_exp) - (double)f->b * pow10i(f->b_exp)) / f->m;
	int min, max;
	ipmi_sensor_raw_range(f->analog_format, &min, &max);
	int clamped = 0;
	int xi;
	if (!(x >= min - 0.5)) { /* also catches NaN */
		xi = min;
		clamped = 1;
	} else if (x >= max + 0.5) {
		xi = max;
		clamped = 1;
	} else {
		/* round half away from zero without libm */
		xi = x >= 0 ? (int)(x + 0.5) : -(int)(-x + 0.5);
		if (xi < min)
			xi = min;
		if (xi > max)
			xi = max;
	}
	*raw = ipmi_sensor_int_to_raw(f->analog_format, xi);
	return clamped;
}

uint8_t
ipmi_sensor_threshold_status(const IpmiSdrFullSensor *f, uint8_t raw)
{
	IpmiSensorFactors fac;
	ipmi_sdr_full_factors(f, &fac);
	double v, t;
	if (ipmi_sensor_raw_to_value(&fac, raw, &v) < 0)
		return 0;
	uint8_t readable = f->s.reading_mask & IPMI_THRESH_ALL;
	static const struct {
		uint8_t bit;
		bool upper;
		size_t off;
	} th[] = {
	    {IPMI_THRESH_LNC, false, offsetof(IpmiSdrFullSensor, lnc)},
	    {IPMI_THRESH_LCR, false, offsetof(IpmiSdrFullSensor, lcr)},
	    {IPMI_THRESH_LNR, false, offsetof(IpmiSdrFullSensor, lnr)},
	    {IPMI_THRESH_UNC, true, offsetof(IpmiSdrFullSensor, unc)},
	    {IPMI_THRESH_UCR, true, offsetof(IpmiSdrFullSensor, ucr)},
	    {IPMI_THRESH_UNR, true, offsetof(IpmiSdrFullSensor, unr)},
	};
	uint8_t status = 0;
	for (size_t i = 0; i < sizeof th / sizeof th[0]; i++) {
		if (!(readable & th[i].bit))
			continue;
		uint8_t traw = ((const uint8_t *)f)[th[i].off];
		if (ipmi_sensor_raw_to_value(&fac, traw, &t) < 0)
			continue;
		if (th[i].upper ? v >= t : v <= t)
			status |= th[i].bit;
	}
	return status;
}

static const char *const unit_names[IPMI_UNIT_MAX + 1] = {
    "unspecified",
    "degrees C",
    "degrees F",
    "degrees K",
    "Volts",
    "Amps",
    "Watts",
    "Joules",
    "Coulombs",
    "VA",
    "Nits",
    "lumen",
    "lux",
    "Candela",
    "kPa",
    "PSI",
    "Newton",
    "CFM",
    "RPM",
    "Hz",
    "microsecond",
    "millisecond",
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "mil",
    "inches",
    "feet",
    "cu in",
    "cu feet",
    "mm",
    "cm",
    "m",
    "cu cm",
    "cu m",
    "liters",
    "fluid ounce",
    "radians",
    "steradians",
    "revolutions",
    "cycles",
    "gravities",
    "ounce",
    "pound",
    "ft-lb",
    "oz-in",
    "gauss",
    "gilberts",
    "henry",
    "millihenry",
    "farad",
    "microfarad",
    "ohms",
    "siemens",
    "mole",
    "becquerel",
    "PPM",
    "reserved",
    "Decibels",
    "DbA",
    "DbC",
    "gray",
    "sievert",
    "color temp deg K",
    "bit",
    "kilobit",
    "megabit",
    "gigabit",
    "byte",
    "kilobyte",
    "megabyte",
    "gigabyte",
    "word",
    "dword",
    "qword",
    "line",
    "hit",
    "miss",
    "retry",
    "reset",
    "overflow",
    "underrun",
    "collision",
    "packets",
    "messages",
    "characters",
    "error",
    "correctable error",
    "uncorrectable error",
    "fatal error",
    "grams",
};

static const char *const type_names[IPMI_SENSOR_TYPE_MAX + 1] = {
    "reserved",
    "Temperature",
    "Voltage",
    "Current",
    "Fan",
    "Physical Security",
    "Platform Security",
    "Processor",
    "Power Supply",
    "Power Unit",
    "Cooling Device",
    "Other",
    "Memory",
    "Drive Slot / Bay",
    "POST Memory Resize",
    "System Firmwares",
    "Event Logging Disabled",
    "Watchdog1",
    "System Event",
    "Critical Interrupt",
    "Button",
    "Module / Board",
    "Microcontroller",
    "Add-in Card",
    "Chassis",
    "Chip Set",
    "Other FRU",
    "Cable / Interconnect",
    "Terminator",
    "System Boot Initiated",
    "Boot Error",
    "OS Boot",
    "OS Critical Stop",
    "Slot / Connector",
    "System ACPI Power State",
    "Watchdog2",
    "Platform Alert",
    "Entity Presence",
    "Monitor ASIC",
    "LAN",
    "Management Subsys Health",
    "Battery",
    "Session Audit",
    "Version Change",
    "FRU State",
};

const char *
ipmi_sensor_unit_name(uint8_t code)
{
	return code <= IPMI_UNIT_MAX ? unit_names[code] : "invalid";
}

const char *
ipmi_sensor_type_name(uint8_t type)
{
	return type <= IPMI_SENSOR_TYPE_MAX ? type_names[type] : "OEM reserved";
}

/* Compare only letters and digits, case-insensitively, so "degrees C",
 * "degrees_c" and "Drive Slot/Bay" match their table entries. */
static bool
loose_equal(const char *a, const char *b)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (*b && !isalnum((unsigned char)*b))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

static int
lookup(const char *const *table, size_t n, const char *name)
{
	if (!name || !*name)
		return IPMI_ERR_INVALID_ARG;
	for (size_t i = 0; i < n; i++)
		if (loose_equal(table[i], name))
			return (int)i;
	return IPMI_ERR_INVALID_ARG;
}

int
ipmi_sensor_unit_code(const char *name)
{
	return lookup(unit_names, IPMI_UNIT_MAX + 1, name);
}

int
ipmi_sensor_type_code(const char *name)
{
	return lookup(type_names, IPMI_SENSOR_TYPE_MAX + 1, name);
}
