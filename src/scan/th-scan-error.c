/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "th-scan-error.h"

G_DEFINE_QUARK (th-scan-error-quark, th_scan_error)
