// What the teacher service (the host: sessions, handshake, sign-in, dispatch) offers the feature
// slices of the teacher's side (live_quiz, course_delivery, screen_lock, lesson_pacing,
// presence, sync, drills). A slice keeps its own state and reaches the class only through this.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/classroom/teacher_service.h"

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace ayllu::classroom {

// One student PC's connection, as the host keeps it.
struct TeacherSession {
    std::shared_ptr<net::Channel> ch;
    std::string device;
    std::string deviceName;
    std::set<std::string> learners; // signed in on this connection
};

class TeacherHost {
public:
    virtual ~TeacherHost() = default;
    // The one lock of the class: what the functions marked "m_ held" need.
    virtual std::mutex& mutex() = 0;
    virtual ClassState& classState() = 0;                    // m_ held
    virtual std::map<std::string, StudentView>& views() = 0; // m_ held, by learner
    virtual const course::Package* courseLocked(const std::string& id) const = 0;    // m_ held
    virtual const std::string* courseDir(const std::string& id) const = 0;           // m_ held
    virtual std::vector<std::shared_ptr<TeacherSession>> sessionsLocked() const = 0; // m_ held
    virtual std::map<std::string, std::string> pcLabelsLocked() const = 0;           // m_ held
    std::vector<std::shared_ptr<TeacherSession>> sessions() {
        std::lock_guard<std::mutex> lock(mutex());
        return sessionsLocked();
    }
    // After a change of classState(): saved, then sent to every PC (m_ not held).
    virtual void changed() = 0;
    virtual void broadcastState() = 0;
    virtual void sendClassState(TeacherSession& s) = 0;
    // course_delivery: a PC without `course` gets it before the class is sent to it.
    virtual void offerIfNeeded(const std::string& course) = 0;
    virtual store::TeacherStore& store() = 0;
    virtual const store::ClassInfo& classInfo() const = 0;
    virtual const TeacherConfig& config() const = 0;
    virtual TeacherObserver* observer() = 0;
    virtual void log(const std::string& line) = 0;
};

} // namespace ayllu::classroom
