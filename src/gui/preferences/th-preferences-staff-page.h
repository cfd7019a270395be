/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-context.h"

G_BEGIN_DECLS

#define TH_TYPE_PREFERENCES_STAFF_PAGE (th_preferences_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (ThPreferencesStaffPage, th_preferences_staff_page, TH, PREFERENCES_STAFF_PAGE, AdwPreferencesPage)

/* @parent: the counter window, whose signed-in leader may change these */
AdwPreferencesPage *th_preferences_staff_page_new (ThContext *context);

G_END_DECLS
