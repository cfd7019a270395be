/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "th-error.h"

G_DEFINE_QUARK (th-error-quark, th_error)
