#include "ayllu/course/labels.h"

#include "ayllu/i18n.h"

namespace ayllu::course {

std::string label(QuestionType t) {
    switch (t) {
    case QuestionType::Single:
        return _("single choice");
    case QuestionType::Multiple:
        return _("multiple choice");
    case QuestionType::TrueFalse:
        return _("true or false");
    case QuestionType::Short:
        return _("short answer");
    case QuestionType::Numeric:
        return _("numeric");
    case QuestionType::Matching:
        return _("matching");
    case QuestionType::Ordering:
        return _("ordering");
    case QuestionType::Fill:
        return _("fill in the blanks");
    }
    return toString(t);
}

std::string label(DrillKind k) {
    switch (k) {
    case DrillKind::Click:
        return _("click");
    case DrillKind::DoubleClick:
        return _("double-click");
    case DrillKind::DragDrop:
        return _("drag and drop");
    case DrillKind::Scroll:
        return _("scroll");
    case DrillKind::Typing:
        return _("typing");
    case DrillKind::SaveFile:
        return _("save a file");
    }
    return toString(k);
}

std::string languageName(const std::string& code) {
    const std::string primary = code.substr(0, code.find('-'));
    if (primary == "es") {
        return _("Spanish");
    }
    if (primary == "qu" || primary == "quz" || primary == "quy") {
        return _("Quechua");
    }
    if (primary == "ay" || primary == "ayr") {
        return _("Aymara");
    }
    if (primary == "en") {
        return _("English");
    }
    return code;
}

} // namespace ayllu::course
