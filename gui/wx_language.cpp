#include "wx_language.h"

#include <wx/translation.h>

namespace ayllu::gui {

void useWxLanguage(const std::string& language) {
    const std::string wx = language == "qu" || language == "ay" ? "es" : language;
    auto* t = new wxTranslations;
    wxTranslations::Set(t); // owns it
    t->SetLanguage(wxString::FromUTF8(wx));
    t->AddStdCatalog(); // missing catalog: wx's English words, nothing worse
}

} // namespace ayllu::gui
