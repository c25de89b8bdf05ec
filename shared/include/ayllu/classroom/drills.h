// drills: the teacher hands a drill of a course to every PC or to some, their screens open it
// at once, and each learner's progress and result reach the class view. The teacher's side is
// DrillsTeacher (drills_teacher.cpp); the student's side is ClassView::drill and
// StudentAgent::drillProgress. Messages: msg::DrillHandout (in ClassState) and
// msg::DrillProgress (in Presence); results travel as Drill events (sync).
#pragma once

#include "ayllu/store/progress.h"

#include <string>
#include <vector>

namespace ayllu::classroom {

class TeacherHost;

class DrillsTeacher {
public:
    explicit DrillsTeacher(TeacherHost& host) : host_(host) {}
    // Throws ayllu::Error when the course has no such drill.
    void give(const std::string& course, const std::string& drill,
              const std::vector<std::string>& devices);
    void end();
    // Host's mutex held: `e` is a result of the drill handed to `device`.
    bool isResultLocked(const store::Event& e, const std::string& device) const;
    // Results committed (not refused): shown in the class view.
    void resultsCommitted(const std::vector<store::Event>& results);

private:
    TeacherHost& host_;
};

} // namespace ayllu::classroom
