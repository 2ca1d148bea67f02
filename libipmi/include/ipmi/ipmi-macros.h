/* ipmi-macros.h - export and version macros of the public API.
 *
 * IPMI_AVAILABLE_IN_ALL marks every public symbol.  It means
 * visibility("default") only while the library itself is being built
 * (IPMI_COMPILATION); the library is compiled with hidden visibility, so
 * nothing else leaves libipmi.so.
 */
#pragma once

#if !defined(__IPMI_H_INSIDE__) && !defined(IPMI_COMPILATION)
#error "Only <ipmi/ipmi.h> can be included directly."
#endif

#include <glib.h>

#define IPMI_MAJOR_VERSION 0
#define IPMI_MINOR_VERSION 1
#define IPMI_MICRO_VERSION 0

#if defined(IPMI_COMPILATION) && defined(__GNUC__)
#define _IPMI_EXTERN __attribute__((visibility("default"))) extern
#else
#define _IPMI_EXTERN extern
#endif

#define IPMI_AVAILABLE_IN_ALL _IPMI_EXTERN
