// presence: what each learner is doing and where (reading, answering, in a drill, needing help),
// and raised hands. The teacher's side (PresenceTeacher, presence_teacher.cpp) keeps each
// learner's view for the console's class view and lowers hands; the student's side
// (StudentAgent::presence, hand and drillProgress, in presence_student.cpp) reports them.
// Messages: msg::Presence, msg::Hand, and the "hands" field of msg::ClassStateMsg.
#pragma once

#include "ayllu/classroom/messages.h"

#include <set>
#include <string>
#include <vector>

namespace ayllu::classroom {

class TeacherHost;
struct TeacherSession;
struct StudentView;
class LiveQuizTeacher;

class PresenceTeacher {
public:
    PresenceTeacher(TeacherHost& host, const LiveQuizTeacher& quiz) : host_(host), quiz_(quiz) {}
    void onPresence(TeacherSession& s, const msg::Presence& p);
    void onHand(TeacherSession& s, const msg::Hand& h);
    void lowerHands(const std::vector<std::string>& learners);
    int handsUp();
    // Host's mutex held: the learners of `device` whose raised hand the teacher sees.
    std::map<std::string, std::set<std::string>> handsLocked() const; // by device
    // Every learner of the roster, with titles (`where`) in `language`.
    std::vector<StudentView> students(const std::string& language);

private:
    void describeLocked(StudentView& v, const std::string& language) const;

    TeacherHost& host_;
    const LiveQuizTeacher& quiz_;
};

} // namespace ayllu::classroom
