/* ipmi-device.h - the controller's identity and the chassis: Get Device ID,
 * Get Chassis Status, Chassis Control, Chassis Identify. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiDeviceId:
 * @device_id: the device ID
 * @device_revision: the device revision (0-15)
 * @provides_sdrs: whether the controller provides device SDRs
 * @firmware_major: the major firmware revision (0-127)
 * @firmware_minor: the minor firmware revision, two BCD digits as sent
 *   (0x23 for x.23: print it with "%02x")
 * @available: %FALSE while a firmware update or self-initialisation runs
 * @ipmi_version_major: the IPMI version the controller implements, major
 * @ipmi_version_minor: and minor (2 and 0 for IPMI v2.0)
 * @additional_support: additional device support bits: sensor device
 *   (01h), SDR repository (02h), SEL (04h), FRU inventory (08h), IPMB event
 *   receiver (10h) and generator (20h), bridge (40h), chassis (80h)
 * @manufacturer_id: the IANA enterprise number of the manufacturer
 * @product_id: the product ID
 * @has_aux_firmware: whether @aux_firmware was sent
 * @aux_firmware: the auxiliary firmware revision bytes
 *
 * The answer to Get Device ID.
 */
typedef struct {
	guint8 device_id;
	guint8 device_revision;
	gboolean provides_sdrs;
	guint8 firmware_major;
	guint8 firmware_minor;
	gboolean available;
	guint8 ipmi_version_major;
	guint8 ipmi_version_minor;
	guint8 additional_support;
	guint32 manufacturer_id;
	guint16 product_id;
	gboolean has_aux_firmware;
	guint8 aux_firmware[4];
} IpmiDeviceId;

#define IPMI_TYPE_DEVICE_ID (ipmi_device_id_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_device_id_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiDeviceId *ipmi_device_id_copy(const IpmiDeviceId *id);
IPMI_AVAILABLE_IN_ALL
void ipmi_device_id_free(IpmiDeviceId *id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiDeviceId, ipmi_device_id_free)

/**
 * IpmiChassisStatus:
 * @power_on: system power is on
 * @power_overload: the power was shut down because of an overload
 * @power_interlock: a power interlock is active
 * @main_power_fault: a fault in the main power subsystem
 * @power_control_fault: the power controller failed
 * @restore_policy: after AC loss: 0 stay off, 1 previous state, 2 power
 *   on, 3 unknown
 * @last_power_event: bits: 01h AC failed, 02h overload, 04h interlock,
 *   08h power fault, 10h power on by IPMI command
 * @intrusion: chassis intrusion active
 * @front_panel_lockout: front panel lockout active
 * @drive_fault: a drive fault
 * @cooling_fault: a cooling or fan fault
 * @identify_supported: whether @identify_state is reported
 * @identify_state: 0 off, 1 on for a while, 2 on indefinitely
 * @has_front_panel: whether @front_panel was sent
 * @front_panel: front panel button capabilities and disable states
 *
 * The answer to Get Chassis Status.
 */
typedef struct {
	gboolean power_on;
	gboolean power_overload;
	gboolean power_interlock;
	gboolean main_power_fault;
	gboolean power_control_fault;
	guint8 restore_policy;
	guint8 last_power_event;
	gboolean intrusion;
	gboolean front_panel_lockout;
	gboolean drive_fault;
	gboolean cooling_fault;
	gboolean identify_supported;
	guint8 identify_state;
	gboolean has_front_panel;
	guint8 front_panel;
} IpmiChassisStatus;

#define IPMI_TYPE_CHASSIS_STATUS (ipmi_chassis_status_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_chassis_status_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiChassisStatus *ipmi_chassis_status_copy(const IpmiChassisStatus *status);
IPMI_AVAILABLE_IN_ALL
void ipmi_chassis_status_free(IpmiChassisStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiChassisStatus, ipmi_chassis_status_free)

/**
 * IpmiChassisControl:
 * @IPMI_CHASSIS_POWER_DOWN: power down (ipmitool `power off`)
 * @IPMI_CHASSIS_POWER_UP: power up
 * @IPMI_CHASSIS_POWER_CYCLE: power down, wait, power up
 * @IPMI_CHASSIS_HARD_RESET: hard reset
 * @IPMI_CHASSIS_DIAGNOSTIC_INTERRUPT: pulse a diagnostic interrupt (NMI)
 * @IPMI_CHASSIS_SOFT_SHUTDOWN: ACPI soft shutdown
 *
 * Chassis Control actions, with their wire values.
 */
typedef enum {
	IPMI_CHASSIS_POWER_DOWN = 0,
	IPMI_CHASSIS_POWER_UP = 1,
	IPMI_CHASSIS_POWER_CYCLE = 2,
	IPMI_CHASSIS_HARD_RESET = 3,
	IPMI_CHASSIS_DIAGNOSTIC_INTERRUPT = 4,
	IPMI_CHASSIS_SOFT_SHUTDOWN = 5,
} IpmiChassisControl;

#define IPMI_TYPE_CHASSIS_CONTROL (ipmi_chassis_control_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_chassis_control_get_type(void) G_GNUC_CONST;

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_device_id_async(IpmiClient *client, GCancellable *cancellable,
				     GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiDeviceId *ipmi_client_get_device_id_finish(IpmiClient *client, GAsyncResult *result,
					       GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiDeviceId *ipmi_client_get_device_id_sync(IpmiClient *client, GCancellable *cancellable,
					     GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_chassis_status_async(IpmiClient *client, GCancellable *cancellable,
					  GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiChassisStatus *ipmi_client_get_chassis_status_finish(IpmiClient *client, GAsyncResult *result,
							 GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiChassisStatus *ipmi_client_get_chassis_status_sync(IpmiClient *client,
						       GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_chassis_control_async(IpmiClient *client, IpmiChassisControl control,
				       GCancellable *cancellable, GAsyncReadyCallback callback,
				       gpointer user_data);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_chassis_control_finish(IpmiClient *client, GAsyncResult *result,
					    GError **error);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_chassis_control_sync(IpmiClient *client, IpmiChassisControl control,
					  GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_chassis_identify_async(IpmiClient *client, int seconds, gboolean force,
					GCancellable *cancellable, GAsyncReadyCallback callback,
					gpointer user_data);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_chassis_identify_finish(IpmiClient *client, GAsyncResult *result,
					     GError **error);
IPMI_AVAILABLE_IN_ALL
gboolean ipmi_client_chassis_identify_sync(IpmiClient *client, int seconds, gboolean force,
					   GCancellable *cancellable, GError **error);

G_END_DECLS
