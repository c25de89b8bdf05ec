#include "ayllu/classroom/lesson_pacing.h"
#include "ayllu/classroom/teacher_host.h"

namespace ayllu::classroom {

void LessonPacingTeacher::showPage(const std::string& course, const std::string& lesson,
                                   const std::string& page) {
    host_.offerIfNeeded(course); // a PC without the course gets it now, not after a second step
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        st.mode = Mode::Paced;
        st.course = course;
        st.lesson = lesson;
        st.page = page;
    }
    host_.changed();
}

void LessonPacingTeacher::openSelfPaced(const std::string& course, const std::string& lesson) {
    host_.offerIfNeeded(course); // a PC without the course gets it now, not after a second step
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        st.mode = Mode::SelfPaced;
        st.course = course;
        st.lesson = lesson;
        st.page.clear();
    }
    host_.changed();
}

void LessonPacingTeacher::end() {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        st.mode = Mode::Idle;
        st.lesson.clear();
        st.page.clear();
    }
    host_.changed();
}

} // namespace ayllu::classroom
