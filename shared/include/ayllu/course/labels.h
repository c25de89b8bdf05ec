// Names for people (translated), as opposed to the names used in the XML.
#pragma once

#include "ayllu/course/model.h"

#include <string>

namespace ayllu::course {

// "single choice", "fill in the blanks", ... in the user's language.
std::string label(QuestionType t);
// "click", "typing", ... in the user's language.
std::string label(DrillKind k);
// "Spanish", "Quechua", "Aymara", "English" in the user's language; other codes as given.
std::string languageName(const std::string& code);

} // namespace ayllu::course
