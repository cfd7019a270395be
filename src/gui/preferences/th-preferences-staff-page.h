/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "th-context.h"
#include "th-policy.h"

G_BEGIN_DECLS

#define TH_TYPE_PREFERENCES_STAFF_PAGE (th_preferences_staff_page_get_type ())
G_DECLARE_FINAL_TYPE (ThPreferencesStaffPage, th_preferences_staff_page, TH, PREFERENCES_STAFF_PAGE, AdwPreferencesPage)

AdwPreferencesPage *th_preferences_staff_page_new        (ThContext              *context);
void                th_preferences_staff_page_save       (ThPreferencesStaffPage *self,
                                                          const char             *pin);
gboolean            th_preferences_staff_page_get_busy   (ThPreferencesStaffPage *self);
GtkSpinButton      *th_preferences_staff_page_get_spin   (ThPreferencesStaffPage *self,
                                                          ThPolicySetting         setting);
const char         *th_preferences_staff_page_get_status (ThPreferencesStaffPage *self);

G_END_DECLS
