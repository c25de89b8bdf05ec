#include "ayllu/course/model.h"

#include <algorithm>
#include <iterator>

namespace ayllu::course {

const std::string& LText::best(const std::string& lang) const {
    static const std::string none;
    if (auto it = byLang.find(lang); it != byLang.end()) {
        return it->second;
    }
    if (auto it = byLang.find(kRequiredLanguage); it != byLang.end()) {
        return it->second;
    }
    return byLang.empty() ? none : byLang.begin()->second;
}

const Resource* Manifest::resource(const std::string& id) const {
    for (const auto& r : resources) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

namespace {

template <typename E, std::size_t N>
const char* nameOf(E value, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [v, name] : table) {
        if (v == value) {
            return name;
        }
    }
    return "?";
}

template <typename E, std::size_t N>
bool valueOf(const std::string& s, E& out, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [v, name] : table) {
        if (s == name) {
            out = v;
            return true;
        }
    }
    return false;
}

const std::pair<QuestionType, const char*> kQuestionTypes[] = {
    {QuestionType::Single, "single"},       {QuestionType::Multiple, "multiple"},
    {QuestionType::TrueFalse, "truefalse"}, {QuestionType::Short, "short"},
    {QuestionType::Numeric, "numeric"},     {QuestionType::Matching, "matching"},
    {QuestionType::Ordering, "ordering"},   {QuestionType::Fill, "fill"}};
const std::pair<DrillKind, const char*> kDrillKinds[] = {
    {DrillKind::Click, "click"},        {DrillKind::DoubleClick, "double-click"},
    {DrillKind::DragDrop, "drag-drop"}, {DrillKind::Scroll, "scroll"},
    {DrillKind::Typing, "typing"},      {DrillKind::SaveFile, "save-file"}};
const std::pair<ResourceType, const char*> kResourceTypes[] = {
    {ResourceType::Lesson, "ayllu/lesson"},
    {ResourceType::Quiz, "ayllu/quiz"},
    {ResourceType::Drill, "ayllu/drill"},
    {ResourceType::WebContent, "webcontent"}};
const std::pair<QuizMode, const char*> kQuizModes[] = {
    {QuizMode::Both, "both"}, {QuizMode::Live, "live"}, {QuizMode::SelfPaced, "self-paced"}};
const std::pair<FeedbackPolicy, const char*> kFeedback[] = {
    {FeedbackPolicy::Immediate, "immediate"},
    {FeedbackPolicy::AtEnd, "at-end"},
    {FeedbackPolicy::Never, "never"}};
} // namespace

const char* toString(QuestionType t) {
    return nameOf(t, kQuestionTypes);
}
const char* toString(DrillKind k) {
    return nameOf(k, kDrillKinds);
}
const char* toString(ResourceType t) {
    return nameOf(t, kResourceTypes);
}
const char* toString(QuizMode m) {
    return nameOf(m, kQuizModes);
}
const char* toString(FeedbackPolicy f) {
    return nameOf(f, kFeedback);
}
bool fromString(const std::string& s, QuestionType& out) {
    return valueOf(s, out, kQuestionTypes);
}
bool fromString(const std::string& s, DrillKind& out) {
    return valueOf(s, out, kDrillKinds);
}
bool fromString(const std::string& s, ResourceType& out) {
    return valueOf(s, out, kResourceTypes);
}
bool fromString(const std::string& s, QuizMode& out) {
    return valueOf(s, out, kQuizModes);
}
bool fromString(const std::string& s, FeedbackPolicy& out) {
    return valueOf(s, out, kFeedback);
}

} // namespace ayllu::course
