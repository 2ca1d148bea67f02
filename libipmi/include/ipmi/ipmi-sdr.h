/* ipmi-sdr.h - the SDR repository walked into sensors (with readings and
 * thresholds) and FRU device locators. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiThreshold:
 * @IPMI_THRESHOLD_LNC: lower non-critical
 * @IPMI_THRESHOLD_LCR: lower critical
 * @IPMI_THRESHOLD_LNR: lower non-recoverable
 * @IPMI_THRESHOLD_UNC: upper non-critical
 * @IPMI_THRESHOLD_UNR: upper non-recoverable
 * @IPMI_THRESHOLD_UCR: upper critical
 *
 * Threshold bits, as in Get Sensor Reading's comparison status and Get
 * Sensor Thresholds' readable mask.
 */
typedef enum {
	IPMI_THRESHOLD_LNC = 0x01,
	IPMI_THRESHOLD_LCR = 0x02,
	IPMI_THRESHOLD_LNR = 0x04,
	IPMI_THRESHOLD_UNC = 0x08,
	IPMI_THRESHOLD_UCR = 0x10,
	IPMI_THRESHOLD_UNR = 0x20,
} IpmiThreshold;

#define IPMI_TYPE_THRESHOLD (ipmi_threshold_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_threshold_get_type(void) G_GNUC_CONST;

/**
 * IpmiSensorStatus:
 * @IPMI_SENSOR_STATUS_OK: within its thresholds (or a discrete sensor
 *   with a reading)
 * @IPMI_SENSOR_STATUS_NON_CRITICAL: a non-critical threshold is crossed
 * @IPMI_SENSOR_STATUS_CRITICAL: a critical threshold is crossed
 * @IPMI_SENSOR_STATUS_NON_RECOVERABLE: a non-recoverable threshold is
 *   crossed
 * @IPMI_SENSOR_STATUS_NOT_AVAILABLE: no reading
 *
 * The worst threshold a reading crosses (ipmitool's ok, nc, cr, nr, ns).
 */
typedef enum {
	IPMI_SENSOR_STATUS_OK,
	IPMI_SENSOR_STATUS_NON_CRITICAL,
	IPMI_SENSOR_STATUS_CRITICAL,
	IPMI_SENSOR_STATUS_NON_RECOVERABLE,
	IPMI_SENSOR_STATUS_NOT_AVAILABLE,
} IpmiSensorStatus;

#define IPMI_TYPE_SENSOR_STATUS (ipmi_sensor_status_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_sensor_status_get_type(void) G_GNUC_CONST;

/**
 * IpmiSensor:
 * @name: the SDR ID string
 * @record_id: the SDR record ID
 * @record_type: 1 (full sensor record) or 2 (compact)
 * @owner_id: the owner: slave address (bit 0 clear) or software ID
 * @owner_lun: the owner's LUN
 * @channel: the owner's channel
 * @number: the sensor number
 * @entity_id: the entity the sensor watches
 * @entity_instance: the entity instance
 * @sensor_type: the sensor type code (01h temperature, 02h voltage, ...)
 * @type_name: its name as ipmitool prints it ("Temperature")
 * @event_type: the event/reading type code: 01h threshold, 6Fh
 *   sensor-specific discrete, ...
 * @units: the unit string as ipmitool prints it ("degrees C", "Volts",
 *   "% RPM"); for compact records the unit fields, which carry no reading
 * @has_analog: whether the reading converts to a value in @units: a full,
 *   linear threshold sensor with an analog format
 * @reading_valid: a reading was taken (scanning enabled, available)
 * @scanning_disabled: the BMC does not scan the sensor
 * @raw_reading: the reading byte
 * @value: the reading converted by the record's linear formula
 *   y = (M x + B 10^Bexp) 10^Rexp (when @has_analog)
 * @threshold_status: the #IpmiThreshold bits the reading crosses
 *   (threshold sensors)
 * @states: the asserted state bits 0-14 (discrete sensors)
 * @state_bytes: Get Sensor Reading's state bytes as sent (bytes 3 and 4)
 * @thresholds_readable: the #IpmiThreshold bits whose value is known
 * @lnr: lower non-recoverable threshold, in @units
 * @lcr: lower critical threshold
 * @lnc: lower non-critical threshold
 * @unc: upper non-critical threshold
 * @ucr: upper critical threshold
 * @unr: upper non-recoverable threshold
 * @has_nominal: whether @nominal is given
 * @nominal: the nominal reading, in @units
 *
 * A sensor from the SDR repository and its reading.
 */
typedef struct {
	char *name;
	guint16 record_id;
	guint8 record_type;
	guint8 owner_id;
	guint8 owner_lun;
	guint8 channel;
	guint8 number;
	guint8 entity_id;
	guint8 entity_instance;
	guint8 sensor_type;
	char *type_name;
	guint8 event_type;
	char *units;
	gboolean has_analog;
	gboolean reading_valid;
	gboolean scanning_disabled;
	guint8 raw_reading;
	gdouble value;
	guint8 threshold_status;
	guint16 states;
	guint8 state_bytes[2];
	guint8 thresholds_readable;
	gdouble lnr;
	gdouble lcr;
	gdouble lnc;
	gdouble unc;
	gdouble ucr;
	gdouble unr;
	gboolean has_nominal;
	gdouble nominal;
	/*< private >*/
	gpointer priv;
} IpmiSensor;

#define IPMI_TYPE_SENSOR (ipmi_sensor_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_sensor_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiSensor *ipmi_sensor_copy(const IpmiSensor *sensor);
IPMI_AVAILABLE_IN_ALL
void ipmi_sensor_free(IpmiSensor *sensor);
IPMI_AVAILABLE_IN_ALL
IpmiSensorStatus ipmi_sensor_get_status(const IpmiSensor *sensor);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_sensor_is_threshold(const IpmiSensor *sensor);
IPMI_AVAILABLE_IN_ALL
char *ipmi_sensor_dup_state_names(const IpmiSensor *sensor, const char *separator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiSensor, ipmi_sensor_free)

/**
 * IpmiFruLocator:
 * @name: the SDR ID string
 * @device_id: the FRU device ID (logical devices) or slave address
 * @logical: whether this is a logical FRU device, read with Read FRU Data
 * @access_address: the controller that holds it (8-bit slave address)
 * @channel: that controller's channel
 * @lun: its LUN
 * @device_type: the device type (10h: FRU inventory behind a controller)
 * @device_type_modifier: the modifier (00h/02h: IPMI FRU inventory)
 * @entity_id: the entity the FRU describes
 * @entity_instance: the entity instance
 *
 * A FRU Device Locator record (SDR type 11h).
 */
typedef struct {
	char *name;
	guint8 device_id;
	gboolean logical;
	guint8 access_address;
	guint8 channel;
	guint8 lun;
	guint8 device_type;
	guint8 device_type_modifier;
	guint8 entity_id;
	guint8 entity_instance;
} IpmiFruLocator;

#define IPMI_TYPE_FRU_LOCATOR (ipmi_fru_locator_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_fru_locator_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiFruLocator *ipmi_fru_locator_copy(const IpmiFruLocator *locator);
IPMI_AVAILABLE_IN_ALL
void ipmi_fru_locator_free(IpmiFruLocator *locator);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiFruLocator, ipmi_fru_locator_free)

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_sensors_async(IpmiClient *client, GCancellable *cancellable,
				   GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_sensors_finish(IpmiClient *client, GAsyncResult *result, GError **error);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_sensors_sync(IpmiClient *client, GCancellable *cancellable,
					GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_read_sensor_async(IpmiClient *client, const IpmiSensor *sensor,
				   GCancellable *cancellable, GAsyncReadyCallback callback,
				   gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiSensor *ipmi_client_read_sensor_finish(IpmiClient *client, GAsyncResult *result,
					   GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiSensor *ipmi_client_read_sensor_sync(IpmiClient *client, const IpmiSensor *sensor,
					 GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_fru_locators_async(IpmiClient *client, GCancellable *cancellable,
					GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_fru_locators_finish(IpmiClient *client, GAsyncResult *result,
					       GError **error);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_fru_locators_sync(IpmiClient *client, GCancellable *cancellable,
					     GError **error);

G_END_DECLS
