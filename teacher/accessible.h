// What a screen reader (and an end-to-end test, through the same accessibility tree) is told
// about a window that draws itself: a chart, a tile. Native widgets need nothing: their labels
// are their names.
#pragma once

#include <wx/wx.h>

namespace ayllu::teacher {

// Sets the accessible name and description of `w` (on GTK, its ATK object).
void setAccessible(wxWindow* w, const wxString& name, const wxString& description = {});

} // namespace ayllu::teacher
