#include "ayllu/classroom/lesson_pacing.h"
#include "ayllu/classroom/student_agent.h"

namespace ayllu::classroom {

void followLesson(const msg::ClassStateMsg& m, ClassView& v) {
    v.mode = m.mode;
    v.course = m.course;
    v.lesson = m.lesson;
    v.page = m.page;
}

} // namespace ayllu::classroom
