// wxWidgets' own words (OK, Cancel, Browse... in stock buttons and dialogs) in the learner's or
// teacher's language, from the wxstd catalog of Debian's wx3.2-i18n package. Quechua and Aymara
// have no wx catalog: Spanish, as for our own strings.
#pragma once

#include <string>

namespace ayllu::gui {

void useWxLanguage(const std::string& language);

} // namespace ayllu::gui
