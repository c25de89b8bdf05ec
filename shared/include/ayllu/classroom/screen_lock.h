// screen_lock: the teacher locks every screen, or some PCs' screens, to get the class's
// attention. The teacher's side (ScreenLockTeacher, screen_lock_teacher.cpp) keeps who is locked
// in the class state and remembers PCs that left while locked; the student's side
// (screen_lock_student.cpp) follows it and releases a lock by itself when the teacher has been
// gone for 2 minutes. Message: the "locked" field of msg::ClassStateMsg.
#pragma once

#include "ayllu/classroom/teacher_service.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ayllu::classroom {

class TeacherHost;
struct TeacherSession;

class ScreenLockTeacher {
public:
    explicit ScreenLockTeacher(TeacherHost& host) : host_(host) {}
    void lock(bool locked, const std::vector<std::string>& devices);
    std::vector<LeftLocked> leftLocked();
    // Host's mutex held: a PC connected (it is back), a PC's connection ended (`learners`:
    // the names of those signed in there).
    void cameBackLocked(const std::string& device);
    void wentAwayLocked(const TeacherSession& s, const std::vector<std::string>& learners,
                        bool stopping);
    // Host's mutex held: the names of the PCs that left locked (device -> name).
    void namesLocked(std::map<std::string, std::string>& names) const;

private:
    TeacherHost& host_;
    std::map<std::string, LeftLocked> left_; // by device; host's mutex
};

// The student's side: whether this PC's screen shows the lock now. A lock stays while connected
// and for kReleaseMs after the teacher was lost, so nobody stays locked out by a vanished
// teacher.
struct ScreenLockStudent {
    static constexpr std::int64_t kReleaseMs = 120000;
    bool byTeacher = false;
    bool shown(bool connected, std::int64_t nowMs, std::int64_t lostMs) const;
};

} // namespace ayllu::classroom
