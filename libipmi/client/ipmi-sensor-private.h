/* ipmi-sensor-private.h - what ipmi-sdr.c and ipmi-sensor.c share: an
 * IpmiSensor made from an SDR record, and the request chain that reads
 * its reading and thresholds. */
#pragma once

#include "ipmi-op-private.h"

/* The task data of an operation that refreshes sensors starts with this:
 * the sensor being read and what to call (with the task reference) when
 * its reading and thresholds are in. */
typedef struct {
	IpmiSensor *current;
	void (*done)(GTask *task);
} IpmiSensorCursor;

/* A sensor from a full or compact sensor record, without a reading; NULL
 * for other records (or undecodable ones). */
IpmiSensor *_ipmi_sensor_new_from_record(GBytes *record);
/* Read cursor->current's reading, then its thresholds when readable. */
void _ipmi_sensor_refresh(GTask *task);
