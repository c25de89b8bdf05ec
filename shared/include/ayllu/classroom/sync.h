// sync: progress events from a student PC's outbox to the teacher's store. The teacher's side
// (SyncTeacher, sync_teacher.cpp) grades answers itself, commits the events of every PC waiting
// in one transaction (group commit) and acknowledges them only once durable; the student's side
// (sync_student.cpp: StudentAgent::record and the outbox flush) sends batches and lets events
// leave the outbox only when acknowledged. Messages: msg::Events, msg::EventsAck.
#pragma once

#include "ayllu/classroom/messages.h"
#include "ayllu/store/teacher_store.h"

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace ayllu::classroom {

class TeacherHost;
struct TeacherSession;
class LiveQuizTeacher;
class DrillsTeacher;
class StudentHost;

class SyncTeacher {
public:
    SyncTeacher(TeacherHost& host, LiveQuizTeacher& quiz, DrillsTeacher& drills)
        : host_(host), quiz_(quiz), drills_(drills) {}
    ~SyncTeacher() { stop(); }
    void start(); // the commit thread
    void stop();  // commits what is queued, then the thread ends
    void onEvents(TeacherSession& s, msg::Events in);

private:
    // Called on the commit thread with a batch's result (or why the commit failed): it must
    // not block.
    using Done = std::function<void(store::IngestResult, std::exception_ptr)>;
    struct Pending {
        std::vector<store::Event> events;
        Done done;
    };
    void regradeOutsideLiveLocked(store::Event& e) const;
    void ingestGrouped(std::vector<store::Event> events, Done done);
    void commitLoop();
    // A batch is durable: acknowledged, and the drill results it holds shown.
    void committed(TeacherSession& s, const store::IngestResult& r, bool quizAnswers,
                   std::vector<store::Event> drillResults);

    TeacherHost& host_;
    LiveQuizTeacher& quiz_;
    DrillsTeacher& drills_;
    // Group commit: sessions queue their batches; one thread commits everything waiting in one
    // transaction (one disk sync), then hands each session its own result; nobody waits.
    std::mutex m_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Pending>> queue_;
    bool stop_ = false;
    std::thread thread_;
};

// The student's side: sends the outbox's events of the learners signed in, in batches, one
// batch in flight at a time (sent again after 15 s without an answer); events leave the outbox
// only when the teacher acknowledges them.
class SyncStudent {
public:
    explicit SyncStudent(StudentHost& host) : host_(host) {}
    void flush();
    void onAck(const msg::EventsAck& ack);
    void reset(); // the connection ended: nothing is in flight

private:
    StudentHost& host_;
    std::mutex flushing_; // one sender of batches at a time
    std::mutex m_;
    std::set<std::int64_t> inflight_;
    std::int64_t inflightSince_ = 0;
};

} // namespace ayllu::classroom
