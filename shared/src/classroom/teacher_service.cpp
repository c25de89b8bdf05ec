#include "ayllu/classroom/teacher_service.h"

#include "ayllu/classroom/course_delivery.h"
#include "ayllu/classroom/drills.h"
#include "ayllu/classroom/lesson_pacing.h"
#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/messages.h"
#include "ayllu/classroom/pc_name.h"
#include "ayllu/classroom/presence.h"
#include "ayllu/classroom/screen_lock.h"
#include "ayllu/classroom/sync.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/course/validate.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"

#include <Poco/Net/NetException.h>
#include <filesystem>
#include <set>

namespace ayllu::classroom {

namespace fs = std::filesystem;
using i18n::fmt;
using net::MsgType;

// The service as the slices see it: the class's lock, state and learners, the sessions, and the
// few things a slice asks the host to do.
class TeacherService::Host : public TeacherHost {
public:
    explicit Host(TeacherService& t) : t_(t) {}
    std::mutex& mutex() override { return t_.m_; }
    ClassState& classState() override { return t_.state_; }
    std::map<std::string, StudentView>& views() override { return t_.views_; }
    const course::Package* courseLocked(const std::string& id) const override {
        const auto it = t_.courses_.find(id);
        return it == t_.courses_.end() ? nullptr : &it->second;
    }
    const std::string* courseDir(const std::string& id) const override {
        const auto it = t_.courseDirs_.find(id);
        return it == t_.courseDirs_.end() ? nullptr : &it->second;
    }
    std::vector<std::shared_ptr<TeacherSession>> sessionsLocked() const override {
        std::vector<std::shared_ptr<TeacherSession>> out;
        for (const auto& [device, s] : t_.sessions_) {
            out.push_back(s);
        }
        return out;
    }
    std::map<std::string, std::string> pcLabelsLocked() const override {
        return t_.pcLabelsLocked();
    }
    void changed() override { t_.changed(); }
    void broadcastState() override { t_.broadcastState(); }
    void sendClassState(TeacherSession& s) override { t_.sendClassState(s); }
    void offerIfNeeded(const std::string& course) override { t_.delivery_->offerIfNeeded(course); }
    store::TeacherStore& store() override { return t_.store_; }
    const store::ClassInfo& classInfo() const override { return t_.class_; }
    const TeacherConfig& config() const override { return t_.cfg_; }
    TeacherObserver* observer() override { return t_.observer_; }
    void log(const std::string& line) override { t_.log(line); }
    void onStrand(const std::shared_ptr<TeacherSession>& s, std::function<void()> work) override {
        s->strand->post([this, s, work = std::move(work)] { t_.guarded(*s, work); });
    }
    void guarded(TeacherSession& s, const std::function<void()>& work) override {
        t_.guarded(s, work);
    }

private:
    TeacherService& t_;
};

// The class state built once per change: what every PC gets, and the parts each PC's message
// picks from (its lock, its hands, its drill, the questions in its own order).
struct ClassStateShared {
    std::uint64_t ticket = 0;
    ClassState state;
    msg::ClassStateMsg common;                          // without the parts of each PC
    std::map<std::string, std::set<std::string>> hands; // by device
    std::shared_ptr<const course::Quiz> source;         // the live quiz's questions
};

TeacherService::TeacherService(store::TeacherStore& store, TeacherConfig cfg,
                               TeacherObserver* observer)
    : store_(store), cfg_(std::move(cfg)), observer_(observer),
      host_(std::make_unique<Host>(*this)), liveQuiz_(std::make_unique<LiveQuizTeacher>(*host_)),
      delivery_(std::make_unique<CourseDeliveryTeacher>(*host_)),
      screenLock_(std::make_unique<ScreenLockTeacher>(*host_)),
      pacing_(std::make_unique<LessonPacingTeacher>(*host_)),
      drills_(std::make_unique<DrillsTeacher>(*host_)),
      presence_(std::make_unique<PresenceTeacher>(*host_, *liveQuiz_)),
      sync_(std::make_unique<SyncTeacher>(*host_, *liveQuiz_, *drills_)) {}

TeacherService::~TeacherService() {
    stop();
}

std::string loadOrCreateSecret(const std::string& dir); // teacher_session.cpp

void TeacherService::log(const std::string& line) {
    if (observer_ != nullptr) {
        observer_->log(line);
    }
}

void TeacherService::start() {
    identity_ = net::loadOrCreateIdentity(cfg_.dataDir, cfg_.teacherName);
    secret_ = loadOrCreateSecret(cfg_.dataDir);
    const auto cls = store_.classById(cfg_.classId);
    if (!cls) {
        throw Error(fmt(_("there is no class \"%1\""), cfg_.classId));
    }
    class_ = *cls;
    if (const auto open = store_.openSession(class_.id)) {
        sessionId_ = open->first;
        state_ = loadState(open->second);
        if (state_.mode != Mode::Idle || state_.quizActive) {
            log("restored the class state of session " + std::to_string(sessionId_));
        }
    } else {
        sessionId_ = store_.startSession(class_.id);
    }
    liveQuiz_->restore();
    reactor_ = std::make_unique<net::Reactor>(
        net::serverContext(identity_), Poco::Net::SocketAddress(cfg_.bindHost, cfg_.port),
        static_cast<net::ReactorHost&>(*this), cfg_.limits, cfg_.loops);
    port_ = reactor_->port();
    stopping_ = false;
    pool_ = std::make_unique<net::WorkPool>(std::max(1, cfg_.workers));
    sync_->start();
    reactor_->start();
    tickThread_ = std::thread([this] {
        while (!stopping_) {
            liveQuiz_->tick();
            std::unique_lock<std::mutex> lock(threadsMutex_);
            // Woken by stop(); otherwise checks the quiz timer five times a second.
            sessionsDone_.wait_for(lock, std::chrono::milliseconds(200));
        }
    });
    if (cfg_.announce) {
        net::Announcement a;
        a.classId = class_.id;
        a.className = class_.name;
        a.teacherName = cfg_.teacherName;
        a.port = port_;
        a.fingerprint = identity_.fingerprint;
        announcer_ = std::make_unique<net::Announcer>(
            a, cfg_.announceTo.empty() ? net::defaultAnnounceTargets() : cfg_.announceTo,
            [this](const std::string& l) { log(l); });
    }
    log("class \"" + class_.name + "\" is open on port " + std::to_string(port_));
}

void TeacherService::stop() {
    if (stopping_.exchange(true) || !reactor_) {
        return;
    }
    announcer_.reset();
    reactor_->stop(); // every connection closed; what each session does on leaving is queued
    {
        std::lock_guard<std::mutex> lock(threadsMutex_);
        sessionsDone_.notify_all();
    }
    if (tickThread_.joinable()) {
        tickThread_.join();
    }
    sync_->stop(); // commits what is queued (its PC sends it again: a duplicate, stored once)
    pool_->stop(); // runs what is queued, then the workers end
}

std::size_t TeacherService::engineThreads() const {
    // The event loops, the workers, the commit and timer threads.
    return reactor_ ? reactor_->threads() + pool_->threads() + 2 : 0;
}

std::vector<std::shared_ptr<TeacherService::Session>> TeacherService::sessionsSnapshot() {
    std::lock_guard<std::mutex> lock(m_);
    std::vector<std::shared_ptr<Session>> out;
    for (auto& [device, s] : sessions_) {
        out.push_back(s);
    }
    return out;
}

void TeacherService::handle(Session& s, const net::Frame& f) {
    switch (f.type) {
    case MsgType::Ping:
        msg::send(*s.ch, msg::Pong{});
        return;
    case MsgType::Bye:
        throw net::ChannelClosed("said goodbye");
    case MsgType::SignIn:
        onSignIn(s, msg::SignIn::decode(f.payload));
        return;
    case MsgType::SignOut: {
        const std::string learner = msg::SignOut::decode(f.payload).learner;
        {
            std::lock_guard<std::mutex> lock(m_);
            if (s.learners.erase(learner) == 0) {
                return; // not signed in here: another PC's learner stays as they are
            }
            views_[learner].online = false;
            views_[learner].hand = false;
        }
        break;
    }
    case MsgType::Presence:
        presence_->onPresence(s, msg::Presence::decode(f.payload));
        return;
    case MsgType::Hand:
        presence_->onHand(s, msg::Hand::decode(f.payload));
        return;
    case MsgType::Events:
        sync_->onEvents(s, msg::Events::decode(f.payload));
        return;
    case MsgType::PackageRequest:
        delivery_->onRequest(s, msg::PackageRequest::decode(f.payload));
        return;
    case MsgType::PackageDone:
        delivery_->onDone(s, msg::PackageDone::decode(f.payload));
        return;
    default:
        throw net::ProtocolError(std::string("a student's PC may not send ") + net::name(f.type));
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

TeacherService::StateMessage TeacherService::stateMessage() {
    StateMessage m;
    m.ticket = ++stateTicket_;
    m.state = state_;
    m.common.mode = state_.mode; // lesson_pacing
    m.common.course = state_.course;
    m.common.lesson = state_.lesson;
    m.common.page = state_.page;
    m.hands = presence_->handsLocked();
    m.common.quiz = liveQuiz_->publicLocked();
    if (const auto* quiz = liveQuiz_->quizLocked()) {
        m.source = std::make_shared<const course::Quiz>(*quiz);
    }
    return m;
}

std::string TeacherService::statePayload(const StateMessage& m, Session& s) {
    msg::ClassStateMsg out = m.common;
    out.locked = m.state.lockedFor(s.device); // screen_lock
    if (const auto hands = m.hands.find(s.device); hands != m.hands.end()) {
        out.hands = hands->second; // presence
    }
    if (m.state.drillFor(s.device)) { // drills
        const auto& d = m.state.drill;
        out.drill = msg::DrillHandout{d.course, d.content, d.round};
    }
    if (out.quiz && m.source) { // live_quiz: this PC's own order, made again only when it changes
        const auto& q = m.state.quiz;
        const std::string key = q.course + "\n" + q.content + "\n" + std::to_string(q.attempt) +
                                "\n" + std::to_string(q.seed) + "\n" +
                                std::to_string(q.oneByOne ? q.visible : -1);
        if (key != s.questionsKey) {
            s.questions = LiveQuizTeacher::questionsFor(*m.source, q, s.device);
            s.questionsKey = key;
        }
        out.quiz->questions = s.questions;
    }
    return out.encode();
}

void TeacherService::sendState(Session& s, const StateMessage& m) {
    if (m.ticket <= s.stateTicket) {
        return; // built from an older state than one sent already
    }
    s.stateTicket = m.ticket;
    s.ch->sendRaw(MsgType::ClassState, statePayload(m, s));
}
void TeacherService::sendClassState(Session& s) {
    StateMessage m;
    {
        std::lock_guard<std::mutex> lock(m_);
        m = stateMessage();
    }
    sendState(s, m);
}

void TeacherService::broadcastState() {
    // Built once, here; each PC's message is made on its own strand (the workers share them)
    // and queued: nothing waits for the network.
    std::shared_ptr<const StateMessage> m;
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard<std::mutex> lock(m_);
        m = std::make_shared<const StateMessage>(stateMessage());
        for (const auto& [device, s] : sessions_) {
            sessions.push_back(s);
        }
    }
    for (auto& s : sessions) {
        {
            std::lock_guard<std::mutex> lock(s->nextMutex);
            const bool queued = s->next != nullptr;
            s->next = m;
            if (queued) {
                continue; // the task already queued sends this newer one
            }
        }
        s->strand->post([this, s] {
            std::shared_ptr<const StateMessage> next;
            {
                std::lock_guard<std::mutex> lock(s->nextMutex);
                next.swap(s->next);
            }
            try {
                sendState(*s, *next);
            } catch (const net::ChannelClosed&) {
                // that session is closing; its strand cleans up
            } catch (const std::exception& e) {
                log("the class state was not sent to " + s->who + ": " + e.what());
            }
        });
    }
}

void TeacherService::changed() {
    std::string saved;
    {
        std::lock_guard<std::mutex> lock(m_);
        saved = saveState(state_);
    }
    store_.saveSessionState(sessionId_, saved); // durable before anyone is told
    broadcastState();
    // The console's quiz view follows the state too (next question, closed, revealed, ended),
    // and so does the class view (a quiz opened: who is answering).
    liveQuiz_->refreshTally();
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::addCourse(const std::string& folder) {
    auto v = course::validateFolder(folder);
    if (v.problems.hasErrors()) {
        std::string all;
        for (const auto& p : v.problems.sorted()) {
            all += p.toString() + "\n";
        }
        throw Error(fmt(_("the course in %1 has errors:\n%2"), folder, all));
    }
    std::lock_guard<std::mutex> lock(m_);
    const std::string id = v.package.manifest.identifier;
    courseDirs_[id] = folder;
    courses_[id] = std::move(v.package);
}

const course::Package* TeacherService::course(const std::string& identifier) const {
    std::lock_guard<std::mutex> lock(m_);
    const auto it = courses_.find(identifier);
    return it == courses_.end() ? nullptr : &it->second;
}

void TeacherService::cut(int ms) {
    refuseUntilMs_ = store::nowMs() + ms;
    const auto sessions = sessionsSnapshot();
    for (auto& s : sessions) {
        s->ch->close();
    }
    log("cut every connection for " + std::to_string(ms) + " ms");
}

std::map<std::string, std::string> TeacherService::pcLabelsLocked() const {
    // Every PC this console has seen since it started: a PC that left keeps its suffix, so
    // its offline tile is not mistaken for another PC of the same name.
    std::map<std::string, std::string> names;
    for (const auto& [id, v] : views_) {
        if (!v.deviceId.empty()) {
            names[v.deviceId] = v.deviceName;
        }
    }
    screenLock_->namesLocked(names);
    for (const auto& [device, s] : sessions_) {
        names[device] = s->deviceName;
    }
    return pcLabels(names);
}

// ---- the public calls, forwarded to the slices ----

void TeacherService::showPage(const std::string& course, const std::string& lesson,
                              const std::string& page) {
    pacing_->showPage(course, lesson, page);
}
void TeacherService::openSelfPaced(const std::string& course, const std::string& lesson) {
    pacing_->openSelfPaced(course, lesson);
}
void TeacherService::endLesson() {
    pacing_->end();
}
void TeacherService::giveDrill(const std::string& course, const std::string& drill,
                               const std::vector<std::string>& devices) {
    drills_->give(course, drill, devices);
}
void TeacherService::endDrill() {
    drills_->end();
}
void TeacherService::lock(bool locked, const std::vector<std::string>& devices) {
    screenLock_->lock(locked, devices);
}
std::vector<LeftLocked> TeacherService::leftLocked() {
    return screenLock_->leftLocked();
}
void TeacherService::openQuiz(const std::string& course, const std::string& quizResource,
                              bool oneByOne, int timerSeconds) {
    delivery_->offerIfNeeded(course); // before the quiz exists: it never half-starts
    liveQuiz_->open(course, quizResource, oneByOne, timerSeconds);
}
void TeacherService::nextQuestion() {
    liveQuiz_->next();
}
void TeacherService::closeQuiz() {
    liveQuiz_->close();
}
void TeacherService::reveal() {
    liveQuiz_->reveal();
}
void TeacherService::endQuiz() {
    liveQuiz_->end();
}
QuizStatus TeacherService::quizStatus() {
    return liveQuiz_->status();
}
void TeacherService::pushCourse(const std::string& identifier) {
    delivery_->push(identifier);
}
std::vector<CourseOnPc> TeacherService::courseOnPcs(const std::string& identifier) {
    return delivery_->onPcs(identifier);
}
void TeacherService::lowerHands(const std::vector<std::string>& learners) {
    presence_->lowerHands(learners);
}
int TeacherService::handsUp() {
    return presence_->handsUp();
}
std::vector<StudentView> TeacherService::students(const std::string& language) {
    return presence_->students(language);
}

ClassState TeacherService::state() {
    std::lock_guard<std::mutex> lock(m_);
    return state_;
}

std::uint64_t TeacherService::bytesSent() const {
    std::uint64_t n = closedBytes_;
    std::lock_guard<std::mutex> lock(m_);
    for (const auto& [d, s] : sessions_) {
        n += s->ch->bytesSent();
    }
    return n;
}

} // namespace ayllu::classroom
