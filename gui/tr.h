// _() in the windows: the same gettext catalogs as the core (po/*.po, read by ayllu::i18n), as
// a wxString. Include after the wx headers, in .cpp files only.
#pragma once

#include "ayllu/i18n.h"

#include <wx/string.h>

#undef _
#define _(s) wxString::FromUTF8(::ayllu::i18n::translate(s))

namespace ayllu::gui {
inline wxString u8(const std::string& s) {
    return wxString::FromUTF8(s);
}
} // namespace ayllu::gui
