#include "ayllu/course/catalog.h"

namespace ayllu::course {

store::Catalog catalogOf(const std::vector<const Package*>& packages, const std::string& language) {
    store::Catalog c;
    for (const Package* p : packages) {
        if (p == nullptr) {
            continue;
        }
        const std::string& course = p->manifest.identifier;
        c.courses[course] = p->manifest.meta.title.best(language);
        for (const auto& [id, lesson] : p->lessons) {
            store::ItemInfo& i = c.items[{course, id}];
            i.kind = store::ItemInfo::Kind::Lesson;
            i.title = lesson.title.best(language);
            i.pages = static_cast<int>(lesson.pages.size());
        }
        for (const auto& [id, quiz] : p->quizzes) {
            store::ItemInfo& i = c.items[{course, id}];
            i.kind = store::ItemInfo::Kind::Quiz;
            i.title = quiz.title.best(language);
            for (const auto& q : quiz.questions) {
                i.questions[q.id] = q.prompt.best(language);
            }
        }
        for (const auto& [id, drill] : p->drills) {
            store::ItemInfo& i = c.items[{course, id}];
            i.kind = store::ItemInfo::Kind::Drill;
            i.title = drill.title.best(language);
        }
    }
    return c;
}

} // namespace ayllu::course
