// What the teacher service (the host: sessions, handshake, sign-in, dispatch) offers the feature
// slices of the teacher's side (live_quiz, course_delivery, screen_lock, lesson_pacing,
// presence, sync, drills). A slice keeps its own state and reaches the class only through this.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/quiz/grading.h"

#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace ayllu::classroom {

struct PackageTransfer;  // course_delivery_teacher.cpp
struct ClassStateShared; // teacher_service.cpp

// One student PC's connection, as the host keeps it. Its frames are handled on its strand, one
// at a time; "the strand's" fields are touched only there.
struct TeacherSession : std::enable_shared_from_this<TeacherSession> {
    std::shared_ptr<net::Peer> ch;       // sending queues the frame and never waits
    std::shared_ptr<net::Strand> strand; // this PC's work, one task at a time and in order
    enum class Stage { Hello, Join, Ready } stage = Stage::Hello; // the strand's
    std::string who; // for the log: the address, then the PC's name
    std::string device;
    std::string deviceName;
    std::set<std::string> learners; // signed in on this connection
    // course_delivery (the strand's): the package being sent, a chunk each time there is room.
    std::shared_ptr<PackageTransfer> transfer;
    // ClassState (the strand's): the newest sent, and this PC's public questions of the live
    // quiz, kept while the quiz and the questions shown stay the same.
    std::uint64_t stateTicket = 0;
    std::string questionsKey;
    std::vector<quiz::PublicQuestion> questions;
    std::mutex nextMutex;
    std::shared_ptr<const ClassStateShared> next; // a broadcast waiting for this strand
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
    // Runs `work` on the session's strand (after what is queued there); an error closes that
    // connection only, and is logged. Never waits.
    virtual void onStrand(const std::shared_ptr<TeacherSession>& s, std::function<void()> work) = 0;
    // Runs `work` here for the session, with the same handling of errors.
    virtual void guarded(TeacherSession& s, const std::function<void()>& work) = 0;
};

} // namespace ayllu::classroom
