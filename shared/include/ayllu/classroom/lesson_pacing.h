// lesson_pacing: the teacher leads a lesson page by page (paced) or opens it for everyone to
// read at their own pace (self-paced). The teacher's side (LessonPacingTeacher,
// lesson_pacing_teacher.cpp) sets the mode, lesson and page of the class state; the student's
// side (lesson_pacing_student.cpp) reads them into ClassView. Message: the "mode", "course",
// "lesson" and "page" fields of msg::ClassStateMsg.
#pragma once

#include <string>

namespace ayllu::classroom {

class TeacherHost;
struct ClassView;
namespace msg {
struct ClassStateMsg;
}

class LessonPacingTeacher {
public:
    explicit LessonPacingTeacher(TeacherHost& host) : host_(host) {}
    void showPage(const std::string& course, const std::string& lesson, const std::string& page);
    void openSelfPaced(const std::string& course, const std::string& lesson);
    void end();

private:
    TeacherHost& host_;
};

// The student's side: what the class state says about the lesson, into the PC's view.
void followLesson(const msg::ClassStateMsg& m, ClassView& v);

} // namespace ayllu::classroom
