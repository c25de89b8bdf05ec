#include "ayllu/classroom/teacher_service.h"

#include "ayllu/classroom/pc_name.h"
#include "ayllu/classroom/wire.h"
#include "ayllu/course/author.h"
#include "ayllu/course/validate.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/zip.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NetException.h>
#include <SQLiteCpp/Statement.h>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <optional>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace ayllu::classroom {

namespace fs = std::filesystem;
using i18n::fmt;
using net::MsgType;
using Poco::JSON::Array;
using Poco::JSON::Object;

struct TeacherService::PendingIngest {
    std::vector<store::Event> events;
    std::function<void(store::IngestResult, std::exception_ptr)> done;
};

struct TeacherService::Session : std::enable_shared_from_this<Session> {
    std::shared_ptr<net::Peer> ch;       // sending queues and never waits
    std::shared_ptr<net::Strand> strand; // this PC's frames, one at a time and in order
    enum class Stage { Hello, Join, Ready } stage = Stage::Hello;
    std::string who; // for the log: address, then the PC's name
    std::string device;
    std::string deviceName;
    std::set<std::string> learners; // signed in on this connection
    // Course delivery (the strand's): the package being sent, a chunk each time there is room.
    struct Transfer {
        Offer offer;
        std::uint64_t offset = 0;
        int chunks = 0;
    };
    std::optional<Transfer> transfer;
    // ClassState (the strand's): the newest queued, and this PC's public questions of the live
    // quiz, kept while the quiz and the questions shown stay the same.
    std::uint64_t stateTicket = 0;
    std::string questionsKey, questionsJson;
    std::mutex nextMutex;
    std::shared_ptr<const StateMessage> next; // a broadcast waiting for this strand
};

// The class state built once per change, as JSON text: what every PC gets, and the parts each
// PC's message picks from (its lock, its hands, its drill, the questions shuffled for it).
struct TeacherService::StateMessage {
    std::uint64_t ticket = 0;
    ClassState state;
    std::string common;                         // {"mode":…,"page":…  (open)
    std::map<std::string, std::string> hands;   // by device: [learner, …]
    std::string drill;                          // ,"drill":{…}
    std::string quiz;                           // ,"quiz":{…  (open: the questions follow)
    std::shared_ptr<const course::Quiz> source; // the live quiz's questions
};

namespace {

bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string loadOrCreateSecret(const std::string& dir) {
    const fs::path p = fs::path(dir) / "teacher-secret";
    std::ifstream in(p);
    std::string s;
    if (in >> s && s.size() == 64) {
        return s;
    }
    s = crypto::randomHex(32);
    fs::create_directories(dir);
    {
        std::ofstream out(p, std::ios::trunc);
        out << s;
        if (!out) {
            throw Error(fmt(_("cannot write %1"), p.string()));
        }
    }
    ::chmod(p.c_str(), 0600);
    return s;
}

const char* const kStates[] = {"reading", "answering", "done", "idle", "needs help", "drill"};
constexpr std::int64_t kMaxDrillSteps = 100000; // steps of a drill a PC may report

} // namespace

TeacherService::TeacherService(store::TeacherStore& store, TeacherConfig cfg,
                               TeacherObserver* observer)
    : store_(store), cfg_(std::move(cfg)), observer_(observer) {}

TeacherService::~TeacherService() {
    stop();
}

void TeacherService::log(const std::string& line) {
    if (observer_ != nullptr) {
        observer_->log(line);
    }
}

std::string TeacherService::token(const std::string& purpose, const std::string& device,
                                  const std::string& learner) const {
    return crypto::hmacSha256Hex(secret_, purpose + "\n" + device + "\n" + learner);
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
    if (state_.quizActive) {
        refreshTally();
        // Who already answered what: the class view says "done" for them after a restart too.
        store_.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT learner, item FROM interactions WHERE course = ? AND "
                                    "content = ? AND attempt = ? AND result IN ('correct', "
                                    "'partial', 'incorrect')");
            q.bind(1, state_.quiz.course);
            q.bind(2, state_.quiz.content);
            q.bind(3, state_.quiz.attempt);
            while (q.executeStep()) {
                answered_[q.getColumn(0).getString()].insert(q.getColumn(1).getString());
            }
        });
    }
    reactor_ = std::make_unique<net::Reactor>(
        net::serverContext(identity_), Poco::Net::SocketAddress(cfg_.bindHost, cfg_.port),
        static_cast<net::ReactorHost&>(*this), cfg_.limits, cfg_.loops);
    port_ = reactor_->port();
    stopping_ = false;
    {
        std::lock_guard<std::mutex> lock(ingestMutex_);
        ingestStop_ = false;
    }
    pool_ = std::make_unique<net::WorkPool>(std::max(1, cfg_.workers));
    commitThread_ = std::thread([this] { commitLoop(); });
    reactor_->start();
    tickThread_ = std::thread([this] {
        while (!stopping_) {
            tick();
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
    {
        // What is waiting is still committed (its PC sends it again and it is a duplicate).
        std::lock_guard<std::mutex> lock(ingestMutex_);
        ingestStop_ = true;
    }
    ingestCv_.notify_all();
    if (commitThread_.joinable()) {
        commitThread_.join();
    }
    pool_->stop(); // runs what is queued, then the workers end
}

std::size_t TeacherService::engineThreads() const {
    // The event loops, the workers, the commit and timer threads.
    return reactor_ ? reactor_->threads() + pool_->threads() + 2 : 0;
}

void TeacherService::ingestGrouped(
    std::vector<store::Event> events,
    std::function<void(store::IngestResult, std::exception_ptr)> done) {
    auto* p = new PendingIngest{std::move(events), std::move(done)};
    {
        std::lock_guard<std::mutex> lock(ingestMutex_);
        ingestQueue_.push_back(p);
    }
    ingestCv_.notify_one();
}

void TeacherService::commitLoop() {
    for (;;) {
        std::vector<PendingIngest*> taken;
        {
            std::unique_lock<std::mutex> lock(ingestMutex_);
            ingestCv_.wait(lock, [this] { return ingestStop_ || !ingestQueue_.empty(); });
            if (ingestQueue_.empty()) {
                return; // stopping, and nobody waits
            }
            taken.swap(ingestQueue_);
        }
        std::vector<std::vector<store::Event>> batches;
        for (auto* p : taken) {
            batches.push_back(std::move(p->events));
        }
        try {
            auto results = store_.ingestBatches(batches);
            for (std::size_t i = 0; i < taken.size(); ++i) {
                taken[i]->done(std::move(results[i]), nullptr);
            }
        } catch (...) {
            for (auto* p : taken) {
                p->done({}, std::current_exception());
            }
        }
        for (auto* p : taken) {
            delete p;
        }
    }
}

std::vector<std::shared_ptr<TeacherService::Session>> TeacherService::sessionsSnapshot() {
    std::lock_guard<std::mutex> lock(m_);
    std::vector<std::shared_ptr<Session>> out;
    for (auto& [device, s] : sessions_) {
        out.push_back(s);
    }
    return out;
}

bool TeacherService::accepted(const std::shared_ptr<net::Peer>& peer) {
    if (stopping_ || store::nowMs() < refuseUntilMs_) {
        return false; // a simulated network cut
    }
    auto s = std::make_shared<Session>();
    s->ch = peer;
    s->strand = pool_->strand();
    s->who = peer->peer();
    peer->expectWithin(15000, "expected Hello");
    std::lock_guard<std::mutex> lock(peersMutex_);
    byPeer_[peer.get()] = s;
    return true;
}

void TeacherService::frame(const std::shared_ptr<net::Peer>& peer, net::Frame f) {
    std::shared_ptr<Session> s;
    {
        std::lock_guard<std::mutex> lock(peersMutex_);
        const auto it = byPeer_.find(peer.get());
        if (it != byPeer_.end()) {
            s = it->second;
        }
    }
    if (!s) {
        peer->handled(net::Peer::cost(f));
        return;
    }
    s->strand->post([this, s, f = std::move(f)] {
        guarded(*s, [&] { onFrame(*s, f); });
        s->ch->handled(net::Peer::cost(f));
    });
}

void TeacherService::closed(const std::shared_ptr<net::Peer>& peer, const std::string& why) {
    std::shared_ptr<Session> s;
    {
        std::lock_guard<std::mutex> lock(peersMutex_);
        const auto it = byPeer_.find(peer.get());
        if (it == byPeer_.end()) {
            return;
        }
        s = it->second;
        byPeer_.erase(it);
    }
    s->strand->post([this, s, why] { left(*s, why); });
}

void TeacherService::guarded(Session& s, const std::function<void()>& work) {
    if (s.ch->closed()) {
        return; // closing: what it sent after that is not read
    }
    try {
        work();
        return;
    } catch (const net::ChannelClosed& e) {
        log("disconnected: " + s.who + ": " + e.what());
    } catch (const net::ProtocolError& e) {
        log("closing the connection of " + s.who + ": " + e.what());
    } catch (const store::StorageError& e) {
        log("closing the connection of " + s.who + " (nothing acknowledged): " + e.what());
    } catch (const std::exception& e) {
        log("closing the connection of " + s.who + ": " + e.what());
    }
    s.ch->close(); // a Refused still queued is written first
}

void TeacherService::onFrame(Session& s, const net::Frame& f) {
    switch (s.stage) {
    case Session::Stage::Hello:
        onHello(s, f);
        return;
    case Session::Stage::Join:
        onJoin(s, f);
        return;
    case Session::Stage::Ready:
        handle(s, f);
        return;
    }
}

void TeacherService::left(Session& s, const std::string& why) {
    if (!why.empty()) {
        log("disconnected: " + s.who + ": " + why);
    }
    closedBytes_ += s.ch->bytesSent();
    s.transfer.reset();
    {
        std::lock_guard<std::mutex> lock(m_);
        auto it = sessions_.find(s.device);
        if (it != sessions_.end() && it->second.get() == &s) {
            sessions_.erase(it);
            LeftLocked gone{s.device, s.deviceName, {}, store::nowMs()};
            for (auto& [id, v] : views_) {
                if (v.deviceId == s.device) {
                    if (v.online) {
                        gone.learners.push_back(v.name);
                    }
                    v.online = false;
                    v.hand = false;
                }
            }
            if (state_.lockedFor(s.device) && !stopping_) {
                leftLocked_[s.device] = gone;
            }
        }
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::onHello(Session& s, const net::Frame& f) {
    if (f.type != MsgType::Hello) {
        throw net::ProtocolError("expected Hello");
    }
    auto o = net::parsePayload(f);
    const auto version = net::integer(o, "version", 1, 1000000);
    if (version != net::kProtocolVersion) {
        Object r;
        r.set("reason", "version");
        r.set("message", fmt(_("this Ayllu speaks protocol %1, the student's PC %2: update the "
                               "older one"),
                             net::kProtocolVersion, version));
        s.ch->send(MsgType::Refused, r);
        throw net::ProtocolError("protocol version " + std::to_string(version));
    }
    s.device = net::str(o, "device", 64);
    // Chosen by a person on the PC, sent by whatever dials us: kept only once cleaned.
    s.deviceName = cleanPcName(net::optStr(o, "name", 512));
    if (s.device.empty()) {
        throw net::ProtocolError("empty device id");
    }
    if (s.device.rfind(store::kReservedDevicePrefix, 0) == 0) {
        throw net::ProtocolError("device id " + s.device + " is the console's own");
    }
    Object hello;
    hello.set("version", net::kProtocolVersion);
    hello.set("classId", class_.id);
    hello.set("className", class_.name);
    hello.set("teacher", cfg_.teacherName);
    s.ch->send(MsgType::Hello, hello);
    // The student's PC may wait for a person to compare the short code before it joins.
    s.stage = Session::Stage::Join;
    s.ch->expectWithin(600000, "no Join or Resume");
}

void TeacherService::onJoin(Session& s, const net::Frame& f) {
    const auto o = net::parsePayload(f);
    const auto refuse = [&](const char* reason, const std::string& message) {
        Object r;
        r.set("reason", reason);
        r.set("message", message);
        s.ch->send(MsgType::Refused, r);
        throw net::ProtocolError(std::string(reason) + " refused for " + s.ch->peer() +
                                 " (device " + s.device + ")");
    };
    if (f.type == MsgType::Join) {
        if (!sameSecret(net::str(o, "code", 64), class_.code)) {
            log("wrong class code from " + s.ch->peer() + " (device " + s.device + ")");
            refuse("code", _("That is not the class code. Ask the teacher for it."));
        }
    } else if (f.type == MsgType::Resume) {
        if (!sameSecret(net::str(o, "token", 128), token("device", s.device))) {
            refuse("token", _("This PC is not known to the class any more: join it again with "
                              "the class code."));
        }
    } else {
        throw net::ProtocolError(std::string("expected Join or Resume, got ") + net::name(f.type));
    }
    Object joined;
    joined.set("token", token("device", s.device));
    joined.set("classId", class_.id);
    joined.set("className", class_.name);
    joined.set("pinRequired", class_.pinRequired);
    Array::Ptr roster = new Array;
    for (const auto& l : store_.roster(class_.id)) {
        Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        x->set("id", l.id);
        x->set("name", l.name);
        x->set("picture", l.picture);
        x->set("language", l.language);
        x->set("pin", l.hasPin || class_.pinRequired);
        roster->add(x);
    }
    joined.set("roster", roster);
    s.ch->send(MsgType::Joined, joined);
    store_.deviceSeen(s.device, s.deviceName, class_.id);
    s.who = s.ch->peer() + " (" + (s.deviceName.empty() ? s.device : s.deviceName) + ")";
    std::shared_ptr<Session> replaced;
    {
        std::lock_guard<std::mutex> lock(m_);
        auto& slot = sessions_[s.device];
        replaced = slot;
        slot = s.shared_from_this();
        leftLocked_.erase(s.device);
    }
    if (replaced) {
        replaced->ch->close(); // the same PC reconnected: the old connection is stale
    }
    log("connected: " + s.who);
    s.stage = Session::Stage::Ready;
    s.ch->expectWithin(30000, "no word from " + s.who + " for 30 s");
    sendClassState(s);
    sendOffers(s);
}

void TeacherService::handle(Session& s, const net::Frame& f) {
    if (f.type == MsgType::PackageDone) {
        const auto o = net::parsePayload(f);
        const bool ok = net::boolean(o, "ok");
        const std::string why = net::optStr(o, "reason");
        log("package " + net::str(o, "identifier") + (ok ? " delivered to " : " failed on ") +
            s.device + (why.empty() ? "" : ": " + why));
        const std::string id = net::str(o, "identifier", 256);
        bool offered = false;
        {
            std::lock_guard<std::mutex> lock(m_);
            offered = std::any_of(offers_.begin(), offers_.end(),
                                  [&](const Offer& x) { return x.identifier == id; });
        }
        if (!offered) {
            throw net::ProtocolError("PackageDone for a package that was not offered");
        }
        delivery(s.device, id, ok ? CourseOnPc::State::Ready : CourseOnPc::State::Failed, 0, 0,
                 why.substr(0, 200));
        if (observer_ != nullptr) {
            observer_->packageDelivered(s.device, net::str(o, "identifier"), ok, why);
        }
        return;
    }
    if (f.type == MsgType::Ping) {
        Object pong;
        s.ch->send(MsgType::Pong, pong);
        return;
    }
    if (f.type == MsgType::Bye) {
        throw net::ChannelClosed("said goodbye");
    }
    const auto o = net::parsePayload(f);
    bool handChanged = false;
    switch (f.type) {
    case MsgType::SignIn:
        onSignIn(s, o);
        return;
    case MsgType::SignOut: {
        const std::string learner = net::str(o, "learner", 128);
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
    case MsgType::Hand: {
        const std::string learner = net::str(o, "learner", 128);
        std::unique_lock<std::mutex> lock(m_);
        if (s.learners.count(learner) == 0) {
            throw net::ProtocolError("presence of a learner not signed in on this PC");
        }
        StudentView& v = views_[learner];
        if (f.type == MsgType::Hand) {
            const bool up = net::boolean(o, "up");
            handChanged = up != v.hand; // the PC is told only when something changed
            v.hand = up;
        } else {
            const std::string state = net::str(o, "state", 32);
            if (std::find(std::begin(kStates), std::end(kStates), state) == std::end(kStates)) {
                throw net::ProtocolError("unknown state \"" + state + "\"");
            }
            if (state == "drill") {
                onDrillPresence(o, v); // checked before anything is kept
            }
            v.state = state;
            v.page = net::optStr(o, "page", 128);
            v.course = net::optStr(o, "course", 256);
            v.content = net::optStr(o, "content", 256);
        }
        lock.unlock();
        if (handChanged) {
            sendClassState(s); // the learner's button follows what the teacher sees
        }
        break;
    }
    case MsgType::Events:
        onEvents(s, o);
        return;
    case MsgType::PackageRequest:
        onPackageRequest(s, o);
        return;
    default:
        throw net::ProtocolError(std::string("a student's PC may not send ") + net::name(f.type));
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::onSignIn(Session& s, const Object::Ptr& o) {
    const std::string learner = net::str(o, "learner", 128);
    const std::string givenToken = net::optStr(o, "token", 128);
    const std::string pin = net::optStr(o, "pin", 32);
    Object reply;
    reply.set("learner", learner);
    const auto roster = store_.roster(class_.id);
    const auto it = std::find_if(roster.begin(), roster.end(),
                                 [&](const store::RosterEntry& r) { return r.id == learner; });
    std::string why;
    if (it == roster.end()) {
        why = "unknown";
    } else if (!givenToken.empty()) {
        if (!sameSecret(givenToken, token("learner", s.device, learner))) {
            why = "token"; // another PC's token, or a forged one
        }
    } else if (it->hasPin || class_.pinRequired) {
        // Five tries a minute per learner, over every connection and PC (a fresh connection
        // must not start the count again). A try is counted before the PIN is checked, so
        // parallel connections cannot each take five; a right PIN clears the count.
        bool mayTry = false;
        {
            std::lock_guard<std::mutex> lock(m_);
            auto& [count, since] = pinFailures_[learner];
            const auto now = store::nowMs();
            if (now - since > kPinWindowMs) {
                count = 0;
                since = now;
            }
            mayTry = count < kPinTries;
            count += mayTry ? 1 : 0;
        }
        if (!mayTry) {
            why = "wait";
        } else if (!store_.checkPin(learner, pin)) {
            why = "pin";
        } else {
            std::lock_guard<std::mutex> lock(m_);
            pinFailures_.erase(learner);
        }
    }
    if (!why.empty()) {
        log("sign-in of " + learner + " refused on " + s.device + " (" + why + ")");
        reply.set("ok", false);
        reply.set("reason", why);
        s.ch->send(MsgType::SignedIn, reply);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        s.learners.insert(learner);
        StudentView& v = views_[learner];
        v.learnerId = learner;
        v.name = it->name;
        v.deviceId = s.device;
        v.deviceName = s.deviceName;
        v.online = true;
        if (v.state.empty()) {
            v.state = "idle";
        }
    }
    reply.set("ok", true);
    reply.set("token", token("learner", s.device, learner));
    s.ch->send(MsgType::SignedIn, reply);
    bool revealed = false;
    {
        std::lock_guard<std::mutex> lock(m_);
        revealed = state_.quizActive && state_.quiz.revealed;
    }
    if (revealed) {
        sendReveal(s);
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

const course::Quiz* TeacherService::liveQuiz() const {
    if (!state_.quizActive) {
        return nullptr;
    }
    const auto c = courses_.find(state_.quiz.course);
    if (c == courses_.end()) {
        return nullptr;
    }
    const auto q = c->second.quizzes.find(state_.quiz.content);
    return q == c->second.quizzes.end() ? nullptr : &q->second;
}

void TeacherService::regradeOutsideLive(store::Event& e) const {
    // An answer outside the live quiz: graded here too, never as the PC claims. A practice quiz
    // (self-paced) is graded as the PC showed it (seed 0); a quiz that runs live is never on a
    // student's PC, so an answer to it now can only be forged: kept, never counted.
    const auto c = courses_.find(e.course);
    if (c == courses_.end() || c->second.quizzes.count(e.content) == 0) {
        return; // a course this console does not offer: nothing to grade against
    }
    const auto& quiz = c->second.quizzes.at(e.content);
    const course::Question* q = nullptr;
    for (const auto& x : quiz.questions) {
        if (x.id == e.item) {
            q = &x;
        }
    }
    if (q == nullptr || quiz.mode != course::QuizMode::SelfPaced) {
        e.result = "invalid";
        e.scoreRaw = 0.0;
        e.scoreMax = 0.0;
        return;
    }
    const auto g = quiz::grade(*q, e.text, 0);
    e.result = g.result;
    e.scoreRaw = g.points;
    e.scoreMax = g.maxPoints;
}

void TeacherService::onDrillPresence(const Object::Ptr& o, StudentView& v) {
    // A PC's word only: bounded, and a step past the end closes the connection like any
    // other malformed message. Without "drill" it is a drill the learner opened on their own
    // (no progress to show).
    if (!o->has("drill")) {
        v.drillDone = 0;
        v.drillTotal = 0;
        return;
    }
    net::str(o, "drill", 128); // which drill (the class view shows the one handed out)
    const auto total = net::integer(o, "total", 1, kMaxDrillSteps);
    const auto done = net::integer(o, "done", 0, total);
    v.drillDone = static_cast<int>(done);
    v.drillTotal = static_cast<int>(total);
}

void TeacherService::onEvents(Session& s, const Object::Ptr& o) {
    const auto arr = o->getArray("events");
    if (!arr || arr->size() > 1000) {
        throw net::ProtocolError("Events needs an \"events\" list of at most 1000");
    }
    std::vector<store::Event> batch;
    std::set<std::string> results;
    bool quizAnswers = false;
    std::vector<store::Event> drillResults; // of the drill handed out: shown once committed
    {
        std::lock_guard<std::mutex> lock(m_);
        const course::Quiz* quiz = liveQuiz();
        const auto now = store::nowMs();
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const auto eo = arr->getObject(static_cast<unsigned>(i));
            if (!eo) {
                throw net::ProtocolError("an event is not an object");
            }
            store::Event e = eventFromJson(eo);
            if (e.device != s.device) {
                throw net::ProtocolError("an event of another device (" + e.device + ")");
            }
            if (s.learners.count(e.learner) == 0) {
                continue; // not acknowledged: sent again once that learner signs in here
            }
            const bool live = state_.quizActive && e.kind == store::EventKind::Answer &&
                              e.course == state_.quiz.course && e.content == state_.quiz.content &&
                              e.attempt == state_.quiz.attempt;
            if (live) {
                // Graded here, whatever the student's PC says: it never had the key.
                quizAnswers = true;
                const course::Question* q = nullptr;
                int index = 0;
                if (quiz != nullptr) {
                    for (const auto& x : quiz->questions) {
                        if (x.id == e.item) {
                            q = &x;
                            break;
                        }
                        ++index;
                    }
                }
                const bool visible = !state_.quiz.oneByOne || index < state_.quiz.visible;
                const bool inTime =
                    state_.quiz.deadlineMs == 0 || now <= state_.quiz.deadlineMs + 2000;
                if (q == nullptr || !visible) {
                    e.result = "invalid";
                    e.scoreRaw = 0.0;
                    e.scoreMax = 0.0;
                } else if (!state_.quiz.open || !inTime) {
                    e.result = "closed"; // kept, but too late to count
                    e.scoreRaw = 0.0;
                    e.scoreMax = q->points;
                } else {
                    const auto g =
                        quiz::grade(*q, e.text, quiz::deviceSeed(state_.quiz.seed, s.device));
                    e.result = g.result;
                    e.scoreRaw = g.points;
                    e.scoreMax = g.maxPoints;
                    views_[e.learner].lastResult = g.result;
                    answered_[e.learner].insert(e.item);
                }
            } else if (e.kind == store::EventKind::Answer) {
                regradeOutsideLive(e);
            } else if (e.kind == store::EventKind::Drill && state_.drillFor(s.device) &&
                       e.course == state_.drill.course && e.content == state_.drill.content) {
                drillResults.push_back(e);
            }
            batch.push_back(e);
        }
    }
    // Acknowledged once committed; nobody waits for the commit meanwhile.
    auto self = s.shared_from_this();
    ingestGrouped(std::move(batch), [this, self, quizAnswers, drillResults](
                                        store::IngestResult r, std::exception_ptr failed) {
        // On the commit thread, at once (one hand-over less): the ack only queues, and nothing
        // here needs this PC's strand.
        guarded(*self, [&] {
            if (failed) {
                std::rethrow_exception(failed); // nothing is acknowledged
            }
            eventsCommitted(*self, r, quizAnswers, drillResults);
        });
    });
}

void TeacherService::eventsCommitted(Session& s, const store::IngestResult& r, bool quizAnswers,
                                     const std::vector<store::Event>& drillResults) {
    if (quizAnswers) {
        tallyDirty_ = true; // coalesced: the tick thread or the next quizStatus() recomputes it
    }
    Object ack;
    Array::Ptr seqs = new Array;
    for (const auto& [device, seq] : r.durable) {
        seqs->add(seq);
    }
    ack.set("seqs", seqs);
    s.ch->send(MsgType::EventsAck, ack); // after the commit, never before
    std::set<std::int64_t> refused;
    for (const auto& [seq, why] : r.rejected) {
        log("event " + std::to_string(seq) + " of " + s.device + " refused: " + why);
        refused.insert(seq);
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        for (const auto& e : drillResults) {
            if (refused.count(e.seq) != 0) {
                continue;
            }
            StudentView& v = views_[e.learner];
            v.drillResult = e.result == "passed" ? "passed" : "failed";
            v.drillPercent = std::clamp(e.scoreRaw.value_or(0.0), 0.0, 100.0);
        }
    }
    if (observer_ != nullptr && (quizAnswers || !drillResults.empty())) {
        observer_->studentsChanged();
    }
}

void TeacherService::refreshTally() {
    QuizStatus st;
    {
        std::lock_guard<std::mutex> lock(m_);
        st.active = state_.quizActive;
        st.quiz = state_.quiz;
        if (const auto* q = liveQuiz()) {
            st.questions = static_cast<int>(q->questions.size());
            for (const auto& x : q->questions) {
                st.tallies.push_back({x.id, 0, 0, 0, 0, {}});
            }
        }
    }
    if (st.active) {
        store_.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db,
                                "SELECT i.item, i.result, i.response, count(*) FROM interactions i "
                                "JOIN learners l ON l.id = i.learner WHERE l.class_id = ? AND "
                                "i.course = ? AND i.content = ? AND i.attempt = ? "
                                "AND i.result IN ('correct', 'partial', 'incorrect', 'invalid') "
                                "GROUP BY i.item, i.result, i.response");
            q.bind(1, class_.id);
            q.bind(2, st.quiz.course);
            q.bind(3, st.quiz.content);
            q.bind(4, st.quiz.attempt);
            while (q.executeStep()) {
                const std::string item = q.getColumn(0).getString();
                const std::string result = q.getColumn(1).getString();
                const int n = q.getColumn(3).getInt();
                for (auto& t : st.tallies) {
                    if (t.question != item) {
                        continue;
                    }
                    t.answered += n;
                    (result == "correct"   ? t.correct
                     : result == "partial" ? t.partial
                                           : t.incorrect) += n;
                    t.responses[q.getColumn(2).getString()] += n;
                }
            }
            SQLite::Statement who(
                db, "SELECT count(DISTINCT i.learner) FROM interactions i JOIN learners l "
                    "ON l.id = i.learner WHERE l.class_id = ? AND i.course = ? AND "
                    "i.content = ? AND i.attempt = ?");
            who.bind(1, class_.id);
            who.bind(2, st.quiz.course);
            who.bind(3, st.quiz.content);
            who.bind(4, st.quiz.attempt);
            who.executeStep();
            st.learnersAnswering = who.getColumn(0).getInt();
        });
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        quiz_ = st;
    }
    if (observer_ != nullptr) {
        observer_->quizChanged(st);
    }
}

QuizStatus TeacherService::quizStatus() {
    if (tallyDirty_.exchange(false)) {
        refreshTally(); // never older than what has been acknowledged
    }
    std::lock_guard<std::mutex> lock(m_);
    return quiz_;
}

namespace {

// A JSON object's text without its closing brace, so more members can follow.
std::string open(const Object& o) {
    std::string j = net::toJson(o);
    j.pop_back();
    return j;
}

} // namespace

TeacherService::StateMessage TeacherService::stateMessage() {
    StateMessage m;
    m.ticket = ++stateTicket_;
    m.state = state_;
    Object common(Poco::JSON_PRESERVE_KEY_ORDER);
    common.set("mode", toString(state_.mode));
    common.set("course", state_.course);
    common.set("lesson", state_.lesson);
    common.set("page", state_.page);
    m.common = open(common);
    std::map<std::string, Array> hands;
    for (const auto& [learner, v] : views_) {
        if (v.hand && v.online) {
            hands[v.deviceId].add(learner);
        }
    }
    for (const auto& [device, list] : hands) {
        std::ostringstream out;
        list.stringify(out);
        m.hands[device] = out.str();
    }
    if (state_.drillActive) {
        Object d(Poco::JSON_PRESERVE_KEY_ORDER);
        d.set("course", state_.drill.course);
        d.set("content", state_.drill.content);
        d.set("round", state_.drill.round);
        m.drill = ",\"drill\":" + net::toJson(d);
    }
    if (state_.quizActive) {
        Object q(Poco::JSON_PRESERVE_KEY_ORDER);
        q.set("course", state_.quiz.course);
        q.set("content", state_.quiz.content);
        q.set("attempt", state_.quiz.attempt);
        q.set("oneByOne", state_.quiz.oneByOne);
        q.set("open", state_.quiz.open);
        q.set("revealed", state_.quiz.revealed);
        q.set("remainingMs",
              state_.quiz.deadlineMs == 0
                  ? std::int64_t{0}
                  : std::max<std::int64_t>(1, state_.quiz.deadlineMs - store::nowMs()));
        if (const auto* quiz = liveQuiz()) {
            q.set("title", quiz->title.best("es"));
            Object::Ptr titles = new Object(Poco::JSON_PRESERVE_KEY_ORDER); // every language
            for (const auto& [lang, text] : quiz->title.byLang) {
                titles->set(lang, text);
            }
            q.set("titles", titles);
            m.source = std::make_shared<const course::Quiz>(*quiz);
        }
        m.quiz = ",\"quiz\":" + open(q);
    }
    return m;
}

std::string TeacherService::statePayload(const StateMessage& m, Session& s) {
    const ClassState& st = m.state;
    std::string o = m.common;
    o += st.lockedFor(s.device) ? ",\"locked\":true" : ",\"locked\":false";
    const auto hands = m.hands.find(s.device);
    o += ",\"hands\":" + (hands != m.hands.end() ? hands->second : std::string("[]"));
    if (st.drillFor(s.device)) {
        o += m.drill;
    }
    if (!m.quiz.empty()) {
        const auto& q = st.quiz;
        const std::string key = q.course + "\n" + q.content + "\n" + std::to_string(q.attempt) +
                                "\n" + std::to_string(q.seed) + "\n" +
                                std::to_string(q.oneByOne ? q.visible : -1) + "\n" +
                                (m.source ? "1" : "0");
        if (key != s.questionsKey) {
            std::string questions = "[";
            if (m.source) {
                int n = 0;
                for (const auto& x : m.source->questions) {
                    if (q.oneByOne && n >= q.visible) {
                        break;
                    }
                    // The public view only: no weights, accepted answers, pairings or order.
                    questions += (n == 0 ? "" : ",") +
                                 quiz::publicQuestion(x, quiz::deviceSeed(q.seed, s.device),
                                                      m.source->shuffle);
                    ++n;
                }
            }
            s.questionsKey = key;
            s.questionsJson = questions + "]";
        }
        o += m.quiz + ",\"questions\":" + s.questionsJson + "}";
    }
    return o + "}";
}

void TeacherService::sendState(Session& s, const StateMessage& m) {
    if (m.ticket <= s.stateTicket) {
        return; // built from an older state than one queued already
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
    refreshTally();
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::sendReveal(Session& s) {
    Object reveal(Poco::JSON_PRESERVE_KEY_ORDER);
    std::set<std::string> learners;
    LiveQuiz lq;
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto* quiz = liveQuiz();
        if (quiz == nullptr || !state_.quiz.revealed) {
            return;
        }
        lq = state_.quiz;
        learners = s.learners;
        Array::Ptr key = new Array;
        for (const auto& q : quiz->questions) {
            Poco::JSON::Parser p;
            key->add(p.parse(quiz::answerKey(q, quiz::deviceSeed(lq.seed, s.device))));
        }
        reveal.set("key", key);
    }
    reveal.set("course", lq.course);
    reveal.set("content", lq.content);
    reveal.set("attempt", lq.attempt);
    Object::Ptr results = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& learner : learners) {
        Object::Ptr mine = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        const auto mineList = store_.withDatabase([&](SQLite::Database& db) {
            return store::interactionsOf(db, learner, lq.course, lq.content, lq.attempt);
        });
        for (const auto& i : mineList) {
            Object::Ptr r = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            r->set("result", i.result);
            r->set("points", i.scoreRaw.value_or(0));
            r->set("max", i.scoreMax.value_or(0));
            mine->set(i.item, r);
        }
        results->set(learner, mine); // only this PC's learners: nobody sees another's results
    }
    reveal.set("results", results);
    s.ch->send(MsgType::QuizReveal, reveal);
}

void TeacherService::tick() {
    if (tallyDirty_.exchange(false)) {
        refreshTally();
    }
    bool expired = false;
    {
        std::lock_guard<std::mutex> lock(m_);
        expired = state_.quizActive && state_.quiz.open && state_.quiz.deadlineMs != 0 &&
                  store::nowMs() > state_.quiz.deadlineMs;
    }
    if (expired) {
        log("the quiz timer ran out");
        closeQuiz();
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

void TeacherService::showPage(const std::string& course, const std::string& lesson,
                              const std::string& page) {
    offerIfNeeded(course); // a PC without the course gets it now, not after a second step
    {
        std::lock_guard<std::mutex> lock(m_);
        state_.mode = Mode::Paced;
        state_.course = course;
        state_.lesson = lesson;
        state_.page = page;
    }
    changed();
}

void TeacherService::openSelfPaced(const std::string& course, const std::string& lesson) {
    offerIfNeeded(course); // a PC without the course gets it now, not after a second step
    {
        std::lock_guard<std::mutex> lock(m_);
        state_.mode = Mode::SelfPaced;
        state_.course = course;
        state_.lesson = lesson;
        state_.page.clear();
    }
    changed();
}

void TeacherService::endLesson() {
    {
        std::lock_guard<std::mutex> lock(m_);
        state_.mode = Mode::Idle;
        state_.lesson.clear();
        state_.page.clear();
    }
    changed();
}

void TeacherService::lock(bool locked, const std::vector<std::string>& devices) {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (devices.empty()) {
            state_.lockAll = locked;
            if (!locked) {
                state_.lockedDevices.clear();
            }
        } else {
            for (const auto& d : devices) {
                if (locked) {
                    state_.lockedDevices.insert(d);
                } else {
                    state_.lockedDevices.erase(d);
                }
            }
        }
    }
    changed();
}

void TeacherService::openQuiz(const std::string& course, const std::string& quizResource,
                              bool oneByOne, int timerSeconds) {
    offerIfNeeded(course); // before the quiz exists: it never half-starts
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto c = courses_.find(course);
        if (c == courses_.end() || c->second.quizzes.count(quizResource) == 0) {
            throw Error(fmt(_("there is no quiz \"%1\" in course \"%2\""), quizResource, course));
        }
        const auto& quiz = c->second.quizzes.at(quizResource);
        const int attempt = store_.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT coalesce(max(attempt), 0) + 1 FROM progress "
                                    "WHERE course = ? AND content = ?");
            q.bind(1, course);
            q.bind(2, quizResource);
            q.executeStep();
            return q.getColumn(0).getInt();
        });
        unsigned seed = 0;
        RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
        answered_.clear();
        state_.quizActive = true;
        liveScored_.clear();
        state_.quiz = LiveQuiz{
            course,  quizResource, quiz.id,
            attempt, oneByOne,     oneByOne ? 1 : static_cast<int>(quiz.questions.size()),
            true,    false,        timerSeconds > 0 ? store::nowMs() + timerSeconds * 1000LL : 0,
            seed};
    }
    changed();
}

void TeacherService::nextQuestion() {
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto* quiz = liveQuiz();
        if (quiz == nullptr || !state_.quiz.oneByOne) {
            return;
        }
        state_.quiz.visible =
            std::min(state_.quiz.visible + 1, static_cast<int>(quiz->questions.size()));
    }
    changed();
}

void TeacherService::closeQuiz() {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (!state_.quizActive || !state_.quiz.open) {
            return;
        }
        state_.quiz.open = false;
    }
    changed();
    scoreLiveQuiz();
}

void TeacherService::scoreLiveQuiz() {
    LiveQuiz live;
    double maxPoints = 0;
    double passPercent = 0;
    {
        std::lock_guard<std::mutex> lock(m_);
        const course::Quiz* quiz = liveQuiz();
        if (quiz == nullptr) {
            return;
        }
        live = state_.quiz;
        passPercent = quiz->passPercent;
        for (const auto& q : quiz->questions) {
            maxPoints += q.points;
        }
    }
    if (maxPoints <= 0) {
        return;
    }
    try {
        const auto points = store_.withDatabase([&](SQLite::Database& db) {
            std::map<std::string, double> out;
            SQLite::Statement q(db, "SELECT learner, sum(coalesce(score_raw, 0)) FROM interactions "
                                    "WHERE course = ? AND content = ? AND attempt = ? "
                                    "GROUP BY learner");
            q.bind(1, live.course);
            q.bind(2, live.content);
            q.bind(3, live.attempt);
            while (q.executeStep()) {
                out[q.getColumn(0).getString()] = q.getColumn(1).getDouble();
            }
            return out;
        });
        std::vector<store::Event> events;
        {
            std::lock_guard<std::mutex> lock(m_);
            for (const auto& [learner, got] : points) {
                const auto it = liveScored_.find(learner);
                if (it != liveScored_.end() && it->second == got) {
                    continue; // recorded already
                }
                liveScored_[learner] = got;
                store::Event score;
                score.learner = learner;
                score.course = live.course;
                score.content = live.content;
                score.attempt = live.attempt;
                score.kind = store::EventKind::Score;
                score.scoreRaw = got;
                score.scoreMax = maxPoints;
                events.push_back(score);
                store::Event status = score;
                status.kind = store::EventKind::Status;
                status.scoreRaw.reset();
                status.scoreMax.reset();
                status.status = 100.0 * got / maxPoints >= passPercent ? store::Status::Passed
                                                                       : store::Status::Failed;
                events.push_back(status);
            }
        }
        if (!events.empty()) {
            store_.recordOwn(std::move(events));
        }
    } catch (const std::exception& e) {
        log(std::string("the live quiz's scores were not saved: ") + e.what());
    }
}

void TeacherService::reveal() {
    bool closed = false;
    {
        std::lock_guard<std::mutex> lock(m_);
        if (!state_.quizActive) {
            return;
        }
        closed = state_.quiz.open;
        state_.quiz.open = false;
        state_.quiz.revealed = true;
    }
    changed();
    if (closed) {
        scoreLiveQuiz();
    }
    // On each PC's strand, after the ClassState that says "revealed"; off the console.
    for (auto& s : sessionsSnapshot()) {
        s->strand->post([this, s] {
            try {
                sendReveal(*s);
            } catch (const net::ChannelClosed&) {
                // that session is closing
            } catch (const std::exception& e) {
                log("the results were not sent to " + s->who + ": " + e.what());
            }
        });
    }
}

void TeacherService::endQuiz() {
    scoreLiveQuiz(); // answers committed since it closed, or a quiz ended without closing
    {
        std::lock_guard<std::mutex> lock(m_);
        state_.quizActive = false;
        liveScored_.clear();
    }
    changed();
}

void TeacherService::giveDrill(const std::string& course, const std::string& drill,
                               const std::vector<std::string>& devices) {
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto c = courses_.find(course);
        if (c == courses_.end() || c->second.drills.count(drill) == 0) {
            throw Error(fmt(_("there is no drill \"%1\" in course \"%2\""), drill, course));
        }
    }
    offerIfNeeded(course); // a PC without the course gets it now, as for a lesson
    {
        std::lock_guard<std::mutex> lock(m_);
        state_.drillActive = true;
        state_.drill.course = course;
        state_.drill.content = drill;
        state_.drill.all = devices.empty();
        state_.drill.devices = std::set<std::string>(devices.begin(), devices.end());
        ++state_.drill.round;
        for (auto& [id, v] : views_) {
            if (state_.drillFor(v.deviceId)) {
                v.drillDone = v.drillTotal = 0;
                v.drillResult.clear();
                v.drillPercent = 0;
            }
        }
    }
    changed();
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::endDrill() {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (!state_.drillActive) {
            return;
        }
        state_.drillActive = false;
    }
    changed();
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

void TeacherService::pushCourse(const std::string& identifier) {
    Offer offer;
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto c = courses_.find(identifier);
        if (c == courses_.end()) {
            throw Error(fmt(_("there is no course \"%1\""), identifier));
        }
        offer.identifier = identifier;
        offer.version = c->second.manifest.version;
        offer.zipPath = (fs::path(cfg_.dataDir) / "outgoing" /
                         (identifier + "-" + offer.version + "-students.zip"))
                            .string();
    }
    std::error_code ec;
    fs::create_directories(fs::path(offer.zipPath).parent_path(), ec);
    if (!fs::exists(offer.zipPath, ec)) {
        // The students' copy: without the quizzes that can run live, whose keys must not be on
        // a student's disk (they get those questions in public form during the quiz).
        const fs::path stage = fs::path(cfg_.dataDir) / "outgoing" / (".stage-" + identifier);
        fs::remove_all(stage, ec);
        course::studentEdition(courseDirs_.at(identifier), stage.string());
        zip::pack(stage.string(), offer.zipPath);
        fs::remove_all(stage, ec);
    }
    offer.size = fs::file_size(offer.zipPath);
    offer.sha256 = crypto::sha256FileHex(offer.zipPath);
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard<std::mutex> lock(m_);
        offers_.erase(std::remove_if(offers_.begin(), offers_.end(),
                                     [&](const Offer& o) { return o.identifier == identifier; }),
                      offers_.end());
        offers_.push_back(offer);
        for (auto& [d, s] : sessions_) {
            sessions.push_back(s);
        }
    }
    for (auto& s : sessions) {
        try {
            sendOffers(*s);
        } catch (const net::ChannelClosed&) {
        }
    }
}

void TeacherService::offerIfNeeded(const std::string& identifier) {
    try {
        offerNow(identifier);
    } catch (const std::exception& e) {
        // The lesson or quiz goes on for the PCs that have the course; the console's list per
        // PC shows who is still waiting, and the log says why.
        log("could not offer " + identifier + ": " + e.what());
    }
}

void TeacherService::offerNow(const std::string& identifier) {
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto c = courses_.find(identifier);
        if (c == courses_.end()) {
            return;
        }
        for (const auto& o : offers_) {
            if (o.identifier == identifier && o.version == c->second.manifest.version) {
                return; // offered already: PCs joining later get it when they join
            }
        }
    }
    pushCourse(identifier);
}

void TeacherService::delivery(const std::string& device, const std::string& identifier,
                              CourseOnPc::State state, std::uint64_t done, std::uint64_t total,
                              const std::string& why) {
    std::lock_guard<std::mutex> lock(m_);
    auto& d = deliveries_[{device, identifier}];
    d.device = device;
    d.state = state;
    d.done = done;
    d.total = total;
    d.why = why;
}

std::vector<CourseOnPc> TeacherService::courseOnPcs(const std::string& identifier) {
    std::lock_guard<std::mutex> lock(m_);
    auto labels = pcLabelsLocked();
    std::vector<CourseOnPc> out;
    for (const auto& [device, s] : sessions_) {
        CourseOnPc pc;
        if (const auto it = deliveries_.find({device, identifier}); it != deliveries_.end()) {
            pc = it->second;
        }
        pc.device = device;
        pc.deviceName = labels[device];
        for (const auto& learner : s->learners) {
            const auto v = views_.find(learner);
            pc.learners.push_back(v == views_.end() ? learner : v->second.name);
        }
        out.push_back(std::move(pc));
    }
    return out;
}

void TeacherService::lowerHands(const std::vector<std::string>& learners) {
    {
        std::lock_guard<std::mutex> lock(m_);
        for (auto& [id, v] : views_) {
            if (learners.empty() ||
                std::find(learners.begin(), learners.end(), id) != learners.end()) {
                v.hand = false;
            }
        }
    }
    broadcastState();
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

int TeacherService::handsUp() {
    std::lock_guard<std::mutex> lock(m_);
    return static_cast<int>(std::count_if(views_.begin(), views_.end(), [](const auto& v) {
        return v.second.hand && v.second.online;
    }));
}

std::vector<LeftLocked> TeacherService::leftLocked() {
    std::lock_guard<std::mutex> lock(m_);
    std::vector<LeftLocked> out;
    auto labels = pcLabelsLocked();
    for (const auto& [device, l] : leftLocked_) {
        out.push_back(l);
        out.back().deviceName = labels[device];
    }
    return out;
}

void TeacherService::sendOffers(Session& s) {
    std::vector<Offer> offers;
    {
        std::lock_guard<std::mutex> lock(m_);
        offers = offers_;
    }
    for (const auto& o : offers) {
        Object m(Poco::JSON_PRESERVE_KEY_ORDER);
        m.set("identifier", o.identifier);
        m.set("version", o.version);
        m.set("size", o.size);
        m.set("sha256", o.sha256);
        {
            std::lock_guard<std::mutex> lock(m_);
            auto& d = deliveries_[{s.device, o.identifier}];
            if (d.state != CourseOnPc::State::Ready) {
                d.state = CourseOnPc::State::Waiting;
            }
        }
        s.ch->send(MsgType::PackageOffer, m);
    }
}

void TeacherService::onPackageRequest(Session& s, const Object::Ptr& o) {
    const std::string id = net::str(o, "identifier", 256);
    const std::string version = net::str(o, "version", 64);
    Offer offer;
    {
        std::lock_guard<std::mutex> lock(m_);
        const auto it = std::find_if(offers_.begin(), offers_.end(), [&](const Offer& x) {
            return x.identifier == id && x.version == version;
        });
        if (it == offers_.end()) {
            throw net::ProtocolError("request for a package that was not offered");
        }
        offer = *it;
    }
    if (o->has("have") && net::boolean(o, "have")) {
        delivery(s.device, id, CourseOnPc::State::Ready);
        if (observer_ != nullptr) {
            observer_->packageDelivered(s.device, id, true, "already there");
        }
        return;
    }
    auto offset = static_cast<std::uint64_t>(
        net::integer(o, "offset", 0, static_cast<std::int64_t>(offer.size)));
    log("sending " + id + " " + version + " to " + s.device + " from byte " +
        std::to_string(offset) + " of " + std::to_string(offer.size));
    // Pulled: one chunk each time this connection has room, so messages to this PC (a quiz
    // opened now) go ahead of the rest of the package.
    s.transfer = Session::Transfer{offer, offset, 0};
    std::weak_ptr<Session> weak = s.shared_from_this();
    s.ch->pullBulk([this, weak] {
        if (auto self = weak.lock()) {
            self->strand->post([this, self] { guarded(*self, [&] { sendNextChunk(*self); }); });
        }
    });
}

void TeacherService::sendNextChunk(Session& s) {
    if (!s.transfer || s.transfer->offset >= s.transfer->offer.size) {
        s.transfer.reset();
        s.ch->pullBulk(nullptr);
        return;
    }
    auto& t = *s.transfer;
    const Offer& offer = t.offer;
    const auto n = std::min<std::uint64_t>(cfg_.chunkSize, offer.size - t.offset);
    std::ifstream in(offer.zipPath, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(t.offset));
    std::string bytes(static_cast<std::size_t>(n), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    if (static_cast<std::uint64_t>(in.gcount()) != n) {
        throw Error(fmt(_("cannot read %1"), offer.zipPath));
    }
    Object h(Poco::JSON_PRESERVE_KEY_ORDER);
    h.set("identifier", offer.identifier);
    h.set("version", offer.version);
    h.set("offset", t.offset);
    h.set("sha256", crypto::sha256Hex(bytes));
    s.ch->sendRaw(MsgType::PackageChunk, net::encodeChunk(h, bytes));
    t.offset += n;
    const auto done = t.offset;
    const int chunks = ++t.chunks;
    if (done >= offer.size) {
        s.ch->pullBulk(nullptr); // the last one is queued
    }
    delivery(s.device, offer.identifier, CourseOnPc::State::Receiving, done, offer.size);
    if (observer_ != nullptr) {
        observer_->packageProgress(s.device, done, offer.size);
    }
    if (cfg_.dropAfterChunks > 0 && chunks >= cfg_.dropAfterChunks) {
        s.ch->close();
        throw net::ChannelClosed("dropped for a test after " + std::to_string(chunks) + " chunks");
    }
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
    for (const auto& [device, l] : leftLocked_) {
        names[device] = l.deviceName;
    }
    for (const auto& [device, s] : sessions_) {
        names[device] = s->deviceName;
    }
    return pcLabels(names);
}

void TeacherService::describe(StudentView& v, const std::string& language) const {
    const std::string lang = language.empty() ? i18n::currentLanguage() : language;
    const auto answeredAll = [&]() -> std::optional<bool> {
        const course::Quiz* quiz = liveQuiz();
        if (quiz == nullptr) {
            return std::nullopt;
        }
        const auto mine = answered_.find(v.learnerId);
        const auto shown =
            state_.quiz.oneByOne
                ? std::min<std::size_t>(static_cast<std::size_t>(state_.quiz.visible),
                                        quiz->questions.size())
                : quiz->questions.size();
        std::size_t n = 0;
        for (std::size_t i = 0; i < shown; ++i) {
            n += mine != answered_.end() && mine->second.count(quiz->questions[i].id) != 0;
        }
        return shown > 0 && n == shown ? std::optional<bool>(true)
                                       : std::optional<bool>(n > 0 && !state_.quiz.open);
    };
    v.activity = v.state.empty() ? std::string("idle") : v.state;
    const auto done = answeredAll();
    if (!v.online) {
        v.activity = "offline";
    } else if (v.hand || v.state == "needs help") {
        v.activity = "needs help";
    } else if (done && (*done || state_.quiz.open)) {
        v.activity = *done ? "done" : "answering";
    }
    // Where, by its title in the teacher's language: the quiz while it is on, else what the PC
    // said (its course and lesson, or the teacher's when the PC did not say).
    v.where.clear();
    if (done && (state_.quiz.open || *done)) { // in the live quiz (a raised hand too)
        v.course = state_.quiz.course;
        v.content = state_.quiz.content;
        v.page.clear();
    } else if (v.course.empty() && !v.page.empty()) {
        v.course = state_.course;
        v.content = state_.lesson;
    }
    const auto c = courses_.find(v.course);
    if (c == courses_.end()) {
        return;
    }
    const auto& pkg = c->second;
    if (const auto q = pkg.quizzes.find(v.content); q != pkg.quizzes.end()) {
        v.where = q->second.title.best(lang);
    } else if (const auto d = pkg.drills.find(v.content); d != pkg.drills.end()) {
        v.where = d->second.title.best(lang);
    } else if (const auto l = pkg.lessons.find(v.content); l != pkg.lessons.end()) {
        v.where = l->second.title.best(lang);
        for (const auto& p : l->second.pages) {
            if (p.id == v.page && !p.title.empty()) {
                v.where = p.title.best(lang);
            }
        }
    }
}

std::vector<StudentView> TeacherService::students(const std::string& language) {
    const auto roster = store_.roster(class_.id);
    std::lock_guard<std::mutex> lock(m_);
    const auto labels = pcLabelsLocked();
    std::vector<StudentView> out;
    for (const auto& r : roster) {
        auto it = views_.find(r.id);
        StudentView v = it != views_.end() ? it->second : StudentView{};
        v.learnerId = r.id;
        v.name = r.name;
        v.picture = r.picture;
        if (const auto pc = labels.find(v.deviceId); pc != labels.end()) {
            v.deviceName = pc->second;
        }
        describe(v, language);
        out.push_back(v);
    }
    return out;
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
