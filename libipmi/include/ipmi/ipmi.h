/* ipmi.h - libipmi, the IPMI v2.0 RMCP+ client library.  Include only this
 * header. */
#pragma once

#define __IPMI_H_INSIDE__

#include "ipmi-macros.h"
#include "ipmi-enums.h"
#include "ipmi-error.h"
#include "ipmi-response.h"
#include "ipmi-client.h"
#include "ipmi-bridge.h"
#include "ipmi-device.h"
#include "ipmi-sdr.h"
#include "ipmi-sel.h"
#include "ipmi-fru.h"
#include "ipmi-channel.h"

#undef __IPMI_H_INSIDE__
