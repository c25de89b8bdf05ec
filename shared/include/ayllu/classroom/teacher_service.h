// The teacher's side of the classroom: accepts students over TLS (sessions, handshake, sign-in)
// and dispatches their messages to the feature slices, which keep the class in step with what the
// teacher shows: lesson_pacing, screen_lock, live_quiz, drills, presence, sync (events stored
// before they are acknowledged) and course_delivery. GUI-free: the console observes it through
// TeacherObserver. The public calls below forward to the slices.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/classroom/messages.h"
#include "ayllu/course/model.h"
#include "ayllu/net/channel.h"
#include "ayllu/net/discovery.h"
#include "ayllu/net/peer.h"
#include "ayllu/net/reactor.h"
#include "ayllu/net/work_pool.h"
#include "ayllu/store/teacher_store.h"

#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace ayllu::classroom {

struct TeacherSession;
struct ClassStateShared;
class LiveQuizTeacher;
class CourseDeliveryTeacher;
class ScreenLockTeacher;
class LessonPacingTeacher;
class DrillsTeacher;
class PresenceTeacher;
class SyncTeacher;

// One learner as the class view shows them.
struct StudentView {
    std::string learnerId;
    std::string name;
    std::string picture; // the roster's sign-in picture
    std::string deviceId;
    // The PC as every list names it: the name chosen on the PC (its host name by default), with
    // a short suffix from its device id when another PC of this class has the same name.
    std::string deviceName;
    bool online = false;
    // As the PC last said (Presence): "reading", "answering", "done", "idle", "needs help",
    // "drill".
    std::string state;
    // What the learner is doing, as the class view says it: "offline", "needs help" (a raised
    // hand), "answering" / "done" (the live quiz is open and this learner has not answered /
    // has answered every question shown), else the PC's state ("reading", "drill", "idle").
    std::string activity;
    std::string course, content; // where: the course and the lesson, quiz or drill
    std::string page;            // the page id, when reading
    std::string where;           // the title of that page, quiz or drill (never an id)
    bool hand = false;
    std::string lastResult; // of the last live answer
    // The drill handed out (TeacherService::giveDrill): how far the learner is, as their PC
    // reports it, then the result once it is committed. Cleared when a drill is handed out.
    int drillDone = 0, drillTotal = 0; // total 0: no progress reported
    std::string drillResult;           // "passed" or "failed"; "" not finished
    double drillPercent = 0;           // the result's accuracy, 0 to 100
};

// Where a course stands on one connected student PC (the console shows it per PC).
struct CourseOnPc {
    enum class State { Waiting, Receiving, Ready, Failed };
    std::string device, deviceName;
    std::vector<std::string> learners; // names of the learners signed in there
    State state = State::Waiting;
    std::uint64_t done = 0, total = 0; // bytes, while receiving
    std::string why;                   // when it failed
};

// A student PC that went away while its screen was locked (closed, killed, unplugged): the
// teacher should look at it. Cleared when that PC comes back.
struct LeftLocked {
    std::string device, deviceName;
    std::vector<std::string> learners;
    std::int64_t atMs = 0;
};

struct QuestionTally {
    std::string question;
    int answered = 0;
    int correct = 0;
    int partial = 0;
    int incorrect = 0;
    std::map<std::string, int> responses; // response JSON -> how many (for the bar chart)
};

struct QuizStatus {
    bool active = false;
    LiveQuiz quiz;
    int questions = 0;
    int learnersAnswering = 0; // learners with at least one answer
    std::vector<QuestionTally> tallies;
};

class TeacherObserver {
public:
    virtual ~TeacherObserver() = default;
    virtual void studentsChanged() {}
    virtual void quizChanged(const QuizStatus&) {}
    virtual void packageProgress(const std::string& /*device*/, std::uint64_t /*done*/,
                                 std::uint64_t /*total*/) {}
    virtual void packageDelivered(const std::string& /*device*/, const std::string& /*identifier*/,
                                  bool /*ok*/, const std::string& /*why*/) {}
    virtual void log(const std::string&) {}
};

struct TeacherConfig {
    std::string dataDir; // the identity and the token secret live here
    std::string classId; // a class saved in the store
    std::string teacherName;
    std::string bindHost = "0.0.0.0";
    std::uint16_t port = 0; // 0: any free port (tests); the console uses a fixed one
    bool announce = true;
    std::vector<Poco::Net::SocketAddress> announceTo; // empty: multicast and broadcast
    std::size_t chunkSize = 256 * 1024;
    // Tests of resumed transfers: close a student's connection after this many chunks (0: never).
    int dropAfterChunks = 0;
    // Each PC's send queue: a PC that stops reading is closed past these bounds, never waited for.
    net::PeerLimits limits;
    int loops = 2;   // event loops that share the PCs' sockets (TLS included): one per core
    int workers = 4; // threads that handle the PCs' messages
};

class TeacherService : private net::ReactorHost {
public:
    TeacherService(store::TeacherStore& store, TeacherConfig cfg,
                   TeacherObserver* observer = nullptr);
    ~TeacherService() override;

    // Listens and announces; restores the class state saved by a console that stopped.
    void start();
    void stop();
    std::uint16_t port() const { return port_; }
    const net::Identity& identity() const { return identity_; }
    std::string shortCode() const { return net::shortCode(identity_.fingerprint); }

    // Courses the class can use (validated). Throws ayllu::Error with the problems.
    void addCourse(const std::string& folder);
    const course::Package* course(const std::string& identifier) const;

    // Lessons.
    void showPage(const std::string& course, const std::string& lesson, const std::string& page);
    void openSelfPaced(const std::string& course, const std::string& lesson);
    void endLesson();

    // Drills in the live class: hands a drill of a course to every PC (`devices` empty, PCs
    // joining later too) or to those PCs; their screens open it at once. Throws ayllu::Error
    // when there is no such drill. Progress and results reach students(); endDrill takes it back.
    void giveDrill(const std::string& course, const std::string& drill,
                   const std::vector<std::string>& devices = {});
    void endDrill();

    // Attention: lock or unlock every screen, or only those of `devices`.
    void lock(bool locked, const std::vector<std::string>& devices = {});

    // Live quiz.
    void openQuiz(const std::string& course, const std::string& quizResource, bool oneByOne,
                  int timerSeconds);
    void nextQuestion();
    void closeQuiz();
    void reveal();
    void endQuiz();
    QuizStatus quizStatus();

    // Course delivery: offers the course to every student now and to those who join later.
    // Showing a page, a self-paced lesson or a quiz of a course offers it by itself.
    void pushCourse(const std::string& identifier);
    // The course on each connected PC: waiting, receiving (how much), there, or failed (why).
    std::vector<CourseOnPc> courseOnPcs(const std::string& identifier);

    // Raised hands: the teacher lowers them (all, or those of `learners`); the PCs are told.
    void lowerHands(const std::vector<std::string>& learners = {});
    int handsUp();
    // PCs that left while locked and have not come back.
    std::vector<LeftLocked> leftLocked();

    // Closes every student's connection and refuses new ones for `ms` (tests of a network cut).
    void cut(int ms);

    // Titles (`where`) in `language` ("": the language of the console's screens).
    std::vector<StudentView> students(const std::string& language = {});
    ClassState state();
    std::uint64_t bytesSent() const;
    // Threads of the engine: its event loops, workers, commit and timer threads.
    std::size_t engineThreads() const;

private:
    // What the feature slices may use of the service (TeacherHost, in teacher_service.cpp).
    class Host;
    using Session = TeacherSession;
    using StateMessage = ClassStateShared;
    std::vector<std::shared_ptr<Session>> sessionsSnapshot();
    // The engine (net::ReactorHost): called on an event loop's thread, they never block; each
    // PC's frames are handled on its own strand of the work pool, one at a time and in order.
    bool accepted(const std::shared_ptr<net::Peer>& peer) override;
    void frame(const std::shared_ptr<net::Peer>& peer, net::Frame f) override;
    void closed(const std::shared_ptr<net::Peer>& peer, const std::string& why) override;
    void onFrame(Session& s, const net::Frame& f);
    // Runs `work` for a session; an error closes that connection only, and is logged.
    void guarded(Session& s, const std::function<void()>& work);
    void left(Session& s, const std::string& why); // the connection is gone
    void onHello(Session& s, const net::Frame& f); // teacher_session.cpp
    void onJoin(Session& s, const net::Frame& f);  // teacher_session.cpp
    void handle(Session& s, const net::Frame& f);
    void onSignIn(Session& s, const msg::SignIn& in);
    // ClassState: built once per change (m_ held), each PC's message made on its own strand
    // from it and queued; nothing waits for the network.
    StateMessage stateMessage(); // m_ held
    std::string statePayload(const StateMessage& m, Session& s);
    void sendState(Session& s, const StateMessage& m);
    void sendClassState(Session& s);
    void broadcastState(); // ClassState to every session
    void changed();        // after any change of state_: save and broadcast
    std::string token(const std::string& purpose, const std::string& device,
                      const std::string& learner = {}) const;
    void log(const std::string& line);
    std::map<std::string, std::string> pcLabelsLocked() const; // device -> label; m_ held

    store::TeacherStore& store_;
    TeacherConfig cfg_;
    TeacherObserver* observer_;
    net::Identity identity_;
    std::string secret_;
    store::ClassInfo class_;
    std::int64_t sessionId_ = 0;
    std::uint16_t port_ = 0;

    mutable std::mutex m_;
    ClassState state_;
    std::map<std::string, course::Package> courses_;
    std::map<std::string, std::string> courseDirs_;
    std::map<std::string, std::shared_ptr<Session>> sessions_; // by device
    std::map<std::string, StudentView> views_;                 // by learner
    // PIN tries per learner over all connections (m_): learner -> (tries, window start).
    static constexpr int kPinTries = 5;
    static constexpr std::int64_t kPinWindowMs = 60000;
    std::map<std::string, std::pair<int, std::int64_t>> pinFailures_;

    std::unique_ptr<net::Reactor> reactor_;
    std::unique_ptr<net::WorkPool> pool_;
    std::mutex peersMutex_;
    std::map<const net::Peer*, std::shared_ptr<Session>> byPeer_;
    std::uint64_t stateTicket_ = 0; // m_: numbers each ClassState built, newest last
    std::unique_ptr<net::Announcer> announcer_;
    std::atomic<bool> stopping_{false};
    std::thread tickThread_;
    std::mutex threadsMutex_;
    std::condition_variable sessionsDone_; // wakes the timer thread at stop()
    std::atomic<std::uint64_t> closedBytes_{0};
    std::atomic<std::int64_t> refuseUntilMs_{0};

    // The feature slices, each in its own file.
    std::unique_ptr<Host> host_;
    std::unique_ptr<LiveQuizTeacher> liveQuiz_;
    std::unique_ptr<CourseDeliveryTeacher> delivery_;
    std::unique_ptr<ScreenLockTeacher> screenLock_;
    std::unique_ptr<LessonPacingTeacher> pacing_;
    std::unique_ptr<DrillsTeacher> drills_;
    std::unique_ptr<PresenceTeacher> presence_;
    std::unique_ptr<SyncTeacher> sync_;
};

} // namespace ayllu::classroom
