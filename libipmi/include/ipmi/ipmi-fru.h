/* ipmi-fru.h - FRU inventory: Read FRU Data in chunks, and the chassis,
 * board and product info areas parsed. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IpmiFruInfo:
 * @has_chassis: whether the chassis info area is present (the chassis_
 *   fields are empty otherwise)
 * @chassis_type: the SMBIOS chassis type (17h: rack mount)
 * @chassis_type_name: its name as ipmitool prints it
 * @chassis_part_number: the chassis part number
 * @chassis_serial: the chassis serial number
 * @chassis_custom: (array zero-terminated=1): custom chassis fields
 * @has_board: whether the board info area is present
 * @board_mfg_date: (nullable): the board's manufacturing time, %NULL when
 *   unspecified
 * @board_manufacturer: the board manufacturer
 * @board_product: the board product name
 * @board_serial: the board serial number
 * @board_part_number: the board part number
 * @board_fru_file_id: the board FRU file ID
 * @board_custom: (array zero-terminated=1): custom board fields
 * @has_product: whether the product info area is present
 * @product_manufacturer: the product manufacturer
 * @product_name: the product name
 * @product_part_number: the product part/model number
 * @product_version: the product version
 * @product_serial: the product serial number
 * @product_asset_tag: the asset tag
 * @product_fru_file_id: the product FRU file ID
 * @product_custom: (array zero-terminated=1): custom product fields
 *
 * The common info areas of a FRU inventory.  Text fields are never %NULL:
 * an absent field is empty.  Binary fields are lower-case hex; BCD plus
 * and 6-bit ASCII fields are unpacked.
 */
typedef struct {
	gboolean has_chassis;
	guint8 chassis_type;
	char *chassis_type_name;
	char *chassis_part_number;
	char *chassis_serial;
	char **chassis_custom;
	gboolean has_board;
	GDateTime *board_mfg_date;
	char *board_manufacturer;
	char *board_product;
	char *board_serial;
	char *board_part_number;
	char *board_fru_file_id;
	char **board_custom;
	gboolean has_product;
	char *product_manufacturer;
	char *product_name;
	char *product_part_number;
	char *product_version;
	char *product_serial;
	char *product_asset_tag;
	char *product_fru_file_id;
	char **product_custom;
} IpmiFruInfo;

#define IPMI_TYPE_FRU_INFO (ipmi_fru_info_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_fru_info_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiFruInfo *ipmi_fru_info_copy(const IpmiFruInfo *info);
IPMI_AVAILABLE_IN_ALL
void ipmi_fru_info_free(IpmiFruInfo *info);
IPMI_AVAILABLE_IN_ALL
IpmiFruInfo *ipmi_fru_info_new_from_data(GBytes *data, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiFruInfo, ipmi_fru_info_free)

IPMI_AVAILABLE_IN_ALL
void ipmi_client_read_fru_data_async(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
				     GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GBytes *ipmi_client_read_fru_data_finish(IpmiClient *client, GAsyncResult *result, GError **error);
IPMI_AVAILABLE_IN_ALL
GBytes *ipmi_client_read_fru_data_sync(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
				       GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_fru_info_async(IpmiClient *client, guint8 fru_id, GCancellable *cancellable,
				    GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiFruInfo *ipmi_client_get_fru_info_finish(IpmiClient *client, GAsyncResult *result,
					     GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiFruInfo *ipmi_client_get_fru_info_sync(IpmiClient *client, guint8 fru_id,
					   GCancellable *cancellable, GError **error);

G_END_DECLS
