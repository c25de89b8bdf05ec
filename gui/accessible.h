// Accessible names for widgets a screen reader cannot name by themselves: a drawn tile, a text
// field whose label is a separate widget. wxWidgets 3.2 has no accessibility API on GTK, so
// this sets the widget's ATK object directly (looked up at run time in the GTK the program
// already uses: no GTK headers needed to build). Elsewhere it does nothing.
#pragma once

#include <wx/window.h>

namespace ayllu::gui {

// The name a screen reader says for `w`, and its longer description ("" leaves it unset).
// `role` is an ATK role name ("list item", "text"...); "" keeps the widget's own role.
void setAccessible(wxWindow* w, const wxString& name, const wxString& description = {},
                   const char* role = "");

// True when accessible names can be set here (GTK with ATK loaded).
bool accessibleNamesWork();

} // namespace ayllu::gui
