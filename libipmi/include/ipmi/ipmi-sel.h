/* ipmi-sel.h - the System Event Log: Get SEL Info (with the allocation
 * info) and every entry, decoded. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiSelStatus:
 * @version: the SEL version byte (51h: IPMI v1.5/2.0)
 * @entries: the number of entries
 * @free_space: free bytes (FFFFh: 65535 or more)
 * @addition_timestamp: the last addition, seconds since 1970 (FFFFFFFFh or
 *   0: never)
 * @erase_timestamp: the last erase, the same way
 * @addition_time: (nullable): @addition_timestamp as a time, %NULL when
 *   not available
 * @erase_time: (nullable): @erase_timestamp as a time
 * @overflow: events were dropped because the log was full
 * @operations: supported commands: 08h Delete, 04h Partial Add, 02h
 *   Reserve, 01h Get Allocation Info
 * @has_allocation: whether the allocation fields below were read
 * @allocation_units: the number of allocation units
 * @allocation_unit_size: bytes per unit
 * @free_units: free units
 * @largest_free_block: the largest free block, in units
 * @max_record_size: the largest record, in units
 *
 * Get SEL Info, and Get SEL Allocation Info when supported.
 */
typedef struct {
	guint8 version;
	guint16 entries;
	guint16 free_space;
	guint32 addition_timestamp;
	guint32 erase_timestamp;
	GDateTime *addition_time;
	GDateTime *erase_time;
	gboolean overflow;
	guint8 operations;
	gboolean has_allocation;
	guint16 allocation_units;
	guint16 allocation_unit_size;
	guint16 free_units;
	guint16 largest_free_block;
	guint8 max_record_size;
} IpmiSelStatus;

#define IPMI_TYPE_SEL_STATUS (ipmi_sel_status_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_sel_status_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiSelStatus *ipmi_sel_status_copy(const IpmiSelStatus *status);
IPMI_AVAILABLE_IN_ALL
void ipmi_sel_status_free(IpmiSelStatus *status);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiSelStatus, ipmi_sel_status_free)

/**
 * IpmiSelEntry:
 * @record_id: the record ID
 * @record_type: 02h system event; C0h-DFh OEM timestamped; E0h-FFh OEM
 * @timestamp: seconds since 1970 as logged (types below E0h); values
 *   below 20000000h count from the BMC's initialisation
 * @time: (nullable): @timestamp as a UTC time, %NULL when it is
 *   unspecified or relative to initialisation
 * @generator_id: the generator: slave address or software ID (byte 1) and
 *   channel/LUN (byte 2)
 * @sensor_type: the sensor type code
 * @sensor_type_name: its name ("Temperature")
 * @sensor_number: the sensor number
 * @event_type: the event/reading type code (01h threshold, 6Fh
 *   sensor-specific, ...)
 * @deasserted: a deassertion event
 * @event_data: the three event data bytes
 * @description: (nullable): the event offset's meaning ("Presence
 *   detected"), %NULL when the tables have none
 * @manufacturer_id: OEM timestamped records: the manufacturer
 * @oem_data: OEM records: the OEM bytes (6 or 13 used)
 *
 * One System Event Log record, decoded.
 */
typedef struct {
	guint16 record_id;
	guint8 record_type;
	guint32 timestamp;
	GDateTime *time;
	guint16 generator_id;
	guint8 sensor_type;
	char *sensor_type_name;
	guint8 sensor_number;
	guint8 event_type;
	gboolean deasserted;
	guint8 event_data[3];
	char *description;
	guint32 manufacturer_id;
	guint8 oem_data[13];
} IpmiSelEntry;

#define IPMI_TYPE_SEL_ENTRY (ipmi_sel_entry_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_sel_entry_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiSelEntry *ipmi_sel_entry_copy(const IpmiSelEntry *entry);
IPMI_AVAILABLE_IN_ALL
void ipmi_sel_entry_free(IpmiSelEntry *entry);
IPMI_AVAILABLE_IN_ALL
IpmiSelEntry *ipmi_sel_entry_new_from_data(GBytes *record, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiSelEntry, ipmi_sel_entry_free)

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_sel_info_async(IpmiClient *client, GCancellable *cancellable,
				    GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiSelStatus *ipmi_client_get_sel_info_finish(IpmiClient *client, GAsyncResult *result,
					       GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiSelStatus *ipmi_client_get_sel_info_sync(IpmiClient *client, GCancellable *cancellable,
					     GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_sel_entries_async(IpmiClient *client, GCancellable *cancellable,
				       GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_sel_entries_finish(IpmiClient *client, GAsyncResult *result,
					      GError **error);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_sel_entries_sync(IpmiClient *client, GCancellable *cancellable,
					    GError **error);

G_END_DECLS
