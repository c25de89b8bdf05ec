// The student PC's side of the classroom: finds and joins the teacher (checking the pinned key),
// signs learners in and dispatches the teacher's messages to the feature slices (lesson_pacing,
// screen_lock, live_quiz, drills, presence, sync from the outbox, course_delivery), keeping
// working offline and reconnecting by itself with back-off. GUI-free: the student client
// observes it through StudentObserver.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/classroom/messages.h"
#include "ayllu/net/channel.h"
#include "ayllu/store/student_store.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace ayllu::classroom {

struct RosterLearner {
    std::string id, name, picture, language;
    bool pin = false;
};

struct LiveQuizView {
    std::string course, content, title;
    std::map<std::string, std::string> titles; // the title in each language it has
    int attempt = 1;
    bool open = false;
    bool revealed = false;
    bool oneByOne = false;
    std::int64_t deadlineMs = 0; // this PC's clock; 0: no timer
    // The public views as the teacher made them for this PC (never the key): decoded once from
    // the ClassState and shown as they are.
    std::vector<quiz::PublicQuestion> questions;
};

// A drill the teacher handed to this PC: opened at once, until the teacher takes it back.
struct LiveDrillView {
    std::string course, content; // package identifier, drill resource id
    int round = 0;               // the same drill handed out again has a new round
    bool operator==(const LiveDrillView& o) const {
        return course == o.course && content == o.content && round == o.round;
    }
};

struct ClassView {
    bool connected = false;
    std::string classId, className;
    Mode mode = Mode::Idle;
    std::string course, lesson, page;
    bool locked = false; // released by itself when the teacher has been gone for 2 minutes
    std::optional<LiveQuizView> quiz;
    std::optional<LiveDrillView> drill; // handed to this PC, not taken back yet
    std::string reveal;                 // the last QuizReveal (JSON): key and this PC's results
    std::set<std::string> hands;        // learners of this PC whose raised hand the teacher sees
};

class StudentObserver {
public:
    virtual ~StudentObserver() = default;
    virtual void connectionChanged(bool /*connected*/, const std::string& /*why*/) {}
    virtual void classChanged(const ClassView&) {}
    virtual void packageProgress(const std::string& /*identifier*/, std::uint64_t /*done*/,
                                 std::uint64_t /*total*/) {}
    virtual void packageInstalled(const std::string& /*identifier*/, const std::string& /*version*/,
                                  const std::string& /*path*/) {}
    // The teacher committed these events (they have left the outbox).
    virtual void acknowledged(const std::vector<std::int64_t>& /*seqs*/) {}
    virtual void log(const std::string&) {}
};

struct StudentConfig {
    std::string dataDir;    // courses received go to <dataDir>/courses
    std::string deviceName; // when this PC has no name of its own yet (StudentStore::pcName)
    // First join of a class: true when a person confirmed that the teacher's screen shows the
    // same short code. Without it nothing is joined.
    std::function<bool(const std::string& code, const std::string& className)> confirmTeacher;
    int backoffMinMs = 200;
    int backoffMaxMs = 8000;
    std::size_t batchSize = 200;
    std::function<std::int64_t()> clock; // default: this PC's clock (tests pass their own)
};

struct ScreenLockStudent;
class CourseDeliveryStudent;
class SyncStudent;

// What the student agent (the host: connection, handshake, sign-in, dispatch) offers the feature
// slices of the student's side (course_delivery, sync, presence, live_quiz, screen_lock,
// lesson_pacing).
class StudentHost {
public:
    virtual ~StudentHost() = default;
    // Sends on the connection; throws net::ChannelClosed when there is none.
    virtual void sendPayload(net::MsgType type, const std::string& payload) = 0;
    template <typename M>
    void send(const M& m) {
        sendPayload(M::kType, m.encode());
    }
    virtual store::StudentStore& store() = 0;
    virtual const StudentConfig& config() const = 0;
    virtual StudentObserver* observer() = 0;
    virtual void log(const std::string& line) = 0;
    virtual std::int64_t now() const = 0;
    virtual ClassView view() = 0;
    virtual std::set<std::string> signedIn() = 0; // learners signed in on this connection
    virtual void wake() = 0;                      // waiters of waitFor look again
};

class StudentAgent : private StudentHost {
public:
    StudentAgent(store::StudentStore& store, StudentConfig cfg,
                 StudentObserver* observer = nullptr);
    ~StudentAgent();

    // Connects in the background and stays connected, reconnecting after any cut. `classCode`
    // is needed the first time this PC joins that class.
    void connect(const std::string& host, std::uint16_t port, const std::string& classCode = {});
    void disconnect();
    bool connected() const { return connected_; }
    // Why the teacher refused us for good (wrong class code, another key...), or "".
    std::string refusal() const;

    // Waits (for tests and the simulator) until the condition holds or the time is up.
    bool waitFor(const std::function<bool()>& condition, int timeoutMs);
    bool waitJoined(int timeoutMs);
    bool waitSynced(int timeoutMs); // the outbox is empty

    std::vector<RosterLearner> roster();
    // Signs a learner in at the teacher (PIN when needed). False with `why` when refused.
    bool signIn(const std::string& learner, const std::string& pin, std::string* why = nullptr,
                int timeoutMs = 10000);
    void signOut(const std::string& learner);

    // sync: saved locally first, then sent; SaveResult says whether it is saved.
    store::SaveResult record(store::Event e);
    // live_quiz: an answer, saved locally, graded by the teacher.
    store::SaveResult answerLive(const std::string& learner, const std::string& question,
                                 const std::string& responseJson, std::int64_t latencyMs);
    // presence: what the learner is doing ("reading", "drill"...), where: the page, and the course
    // and lesson, quiz or drill it belongs to (the teacher shows their titles).
    void presence(const std::string& learner, const std::string& state, const std::string& page,
                  const std::string& course = {}, const std::string& content = {});
    void hand(const std::string& learner, bool up);
    // How far `learner` is in the drill `drill`: `done` steps of `total` (a Presence with the
    // state "drill"; the teacher's tiles show it).
    void drillProgress(const std::string& learner, const std::string& drill, int done, int total);

    ClassView view();
    std::uint64_t bytesSent() const;

private:
    void run();
    void session();
    void handle(const net::Frame& f);
    void onClassState(const msg::ClassStateMsg& m);
    void notifyClass();
    // StudentHost
    void sendPayload(net::MsgType type, const std::string& payload) override;
    store::StudentStore& store() override { return store_; }
    const StudentConfig& config() const override { return cfg_; }
    StudentObserver* observer() override { return observer_; }
    void log(const std::string& line) override;
    std::int64_t now() const override;
    std::set<std::string> signedIn() override;
    void wake() override { cv_.notify_all(); }

    store::StudentStore& store_;
    StudentConfig cfg_;
    StudentObserver* observer_;

    mutable std::mutex m_;
    std::condition_variable cv_;
    std::string host_;
    std::uint16_t port_ = 0;
    std::string classCode_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> connected_{false};
    bool joined_ = false;
    std::string refusal_;
    std::shared_ptr<net::Channel> ch_;
    ClassView view_;
    std::int64_t lostMs_ = 0;
    std::vector<RosterLearner> roster_;
    std::set<std::string> signedIn_;
    std::map<std::string, std::pair<bool, std::string>> signInReplies_;
    std::uint64_t closedBytes_ = 0;
    // The feature slices, each in its own file.
    std::unique_ptr<ScreenLockStudent> lock_; // m_
    std::unique_ptr<CourseDeliveryStudent> delivery_;
    std::unique_ptr<SyncStudent> sync_;
    std::thread thread_;
};

} // namespace ayllu::classroom
