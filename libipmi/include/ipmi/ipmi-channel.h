/* ipmi-channel.h - the channel and the session: Get Channel Cipher Suites
 * (in a session) and Get Session Info. */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ipmi-client.h"
#include "ipmi-enums.h"
#include "ipmi-macros.h"

G_BEGIN_DECLS

/**
 * IPMI_CHANNEL_THIS:
 *
 * The channel number that means "the channel this request came in on".
 */
#define IPMI_CHANNEL_THIS 0x0E

/**
 * IpmiSessionInfo:
 * @handle: the session handle (0 when the index named no active session)
 * @slots: the number of session slots
 * @active: the number of active sessions
 * @has_session: whether the fields below describe a session
 * @user_id: its user ID
 * @privilege: its privilege level
 * @session_type: 0 IPMI v1.5, 1 IPMI v2.0/RMCP+
 * @channel: its channel
 * @has_lan: whether the console address fields are given
 * @console_address: the console's IPv4 address ("192.0.2.1")
 * @console_mac: the console's MAC address ("00:00:00:00:00:00")
 * @console_port: the console's UDP port
 *
 * The answer to Get Session Info.
 */
typedef struct {
	guint8 handle;
	guint8 slots;
	guint8 active;
	gboolean has_session;
	guint8 user_id;
	IpmiPrivilege privilege;
	guint8 session_type;
	guint8 channel;
	gboolean has_lan;
	char *console_address;
	char *console_mac;
	guint16 console_port;
} IpmiSessionInfo;

#define IPMI_TYPE_SESSION_INFO (ipmi_session_info_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_session_info_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiSessionInfo *ipmi_session_info_copy(const IpmiSessionInfo *info);
IPMI_AVAILABLE_IN_ALL
void ipmi_session_info_free(IpmiSessionInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiSessionInfo, ipmi_session_info_free)

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_cipher_suites_async(IpmiClient *client, guint8 channel,
					 GCancellable *cancellable, GAsyncReadyCallback callback,
					 gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GArray *ipmi_client_get_cipher_suites_finish(IpmiClient *client, GAsyncResult *result,
					     GError **error);
IPMI_AVAILABLE_IN_ALL
GArray *ipmi_client_get_cipher_suites_sync(IpmiClient *client, guint8 channel,
					   GCancellable *cancellable, GError **error);

/**
 * IpmiCipherSuiteInfo:
 * @id: the cipher suite ID
 * @oem: whether this is an OEM suite
 * @iana: the OEM's IANA enterprise number (0 for a standard suite)
 * @auth: the authentication (RAKP) algorithm number (0 none, 1 HMAC-SHA1,
 *   2 HMAC-MD5, 3 HMAC-SHA256)
 * @integrity: the integrity algorithm number (0 none, 1 HMAC-SHA1-96,
 *   2 HMAC-MD5-128, 3 MD5-128, 4 HMAC-SHA256-128)
 * @confidentiality: the confidentiality algorithm number (0 none,
 *   1 AES-CBC-128, 2 xRC4-128, 3 xRC4-40)
 *
 * One record of Get Channel Cipher Suites.
 */
typedef struct {
	guint8 id;
	gboolean oem;
	guint32 iana;
	guint8 auth;
	guint8 integrity;
	guint8 confidentiality;
} IpmiCipherSuiteInfo;

#define IPMI_TYPE_CIPHER_SUITE_INFO (ipmi_cipher_suite_info_get_type())
IPMI_AVAILABLE_IN_ALL
GType ipmi_cipher_suite_info_get_type(void) G_GNUC_CONST;
IPMI_AVAILABLE_IN_ALL
IpmiCipherSuiteInfo *ipmi_cipher_suite_info_copy(const IpmiCipherSuiteInfo *info);
IPMI_AVAILABLE_IN_ALL
void ipmi_cipher_suite_info_free(IpmiCipherSuiteInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IpmiCipherSuiteInfo, ipmi_cipher_suite_info_free)

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_cipher_suite_records_async(IpmiClient *client, guint8 channel,
						GCancellable *cancellable,
						GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_cipher_suite_records_finish(IpmiClient *client, GAsyncResult *result,
						       GError **error);
IPMI_AVAILABLE_IN_ALL
GPtrArray *ipmi_client_get_cipher_suite_records_sync(IpmiClient *client, guint8 channel,
						     GCancellable *cancellable, GError **error);

IPMI_AVAILABLE_IN_ALL
void ipmi_client_get_session_info_async(IpmiClient *client, guint8 index, GCancellable *cancellable,
					GAsyncReadyCallback callback, gpointer user_data);
IPMI_AVAILABLE_IN_ALL
IpmiSessionInfo *ipmi_client_get_session_info_finish(IpmiClient *client, GAsyncResult *result,
						     GError **error);
IPMI_AVAILABLE_IN_ALL
IpmiSessionInfo *ipmi_client_get_session_info_sync(IpmiClient *client, guint8 index,
						   GCancellable *cancellable, GError **error);

G_END_DECLS
