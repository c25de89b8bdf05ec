#include "ayllu/classroom/student_agent.h"

#include "ayllu/classroom/course_delivery.h"
#include "ayllu/classroom/lesson_pacing.h"
#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/messages.h"
#include "ayllu/classroom/screen_lock.h"
#include "ayllu/classroom/sync.h"
#include "ayllu/i18n.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

namespace ayllu::classroom {

namespace fs = std::filesystem;
using i18n::fmt;
using net::MsgType;

namespace {

// Refusals that retrying cannot fix: stop and tell the person.
class Final : public Exception {
public:
    using Exception::Exception;
};

} // namespace

StudentAgent::StudentAgent(store::StudentStore& store, StudentConfig cfg, StudentObserver* observer)
    : store_(store), cfg_(std::move(cfg)), observer_(observer),
      lock_(std::make_unique<ScreenLockStudent>()),
      delivery_(std::make_unique<CourseDeliveryStudent>(static_cast<StudentHost&>(*this))),
      sync_(std::make_unique<SyncStudent>(static_cast<StudentHost&>(*this))) {}

StudentAgent::~StudentAgent() {
    disconnect();
}

std::int64_t StudentAgent::now() const {
    return cfg_.clock ? cfg_.clock() : store::nowMs();
}

void StudentAgent::log(const std::string& line) {
    if (observer_ != nullptr) {
        observer_->log(line);
    }
}

void StudentAgent::connect(const std::string& host, std::uint16_t port,
                           const std::string& classCode) {
    disconnect();
    {
        std::lock_guard<std::mutex> lock(m_);
        host_ = host;
        port_ = port;
        classCode_ = classCode;
        refusal_.clear();
        stop_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void StudentAgent::disconnect() {
    stop_ = true;
    std::shared_ptr<net::Channel> ch;
    {
        std::lock_guard<std::mutex> lock(m_);
        ch = ch_;
    }
    if (ch) {
        ch->close();
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string StudentAgent::refusal() const {
    std::lock_guard<std::mutex> lock(m_);
    return refusal_;
}

void StudentAgent::run() {
    std::mt19937 rng(std::random_device{}());
    int backoff = cfg_.backoffMinMs;
    while (!stop_) {
        std::string why;
        try {
            session();
            backoff = cfg_.backoffMinMs;
        } catch (const Final& e) {
            std::lock_guard<std::mutex> lock(m_);
            refusal_ = e.what();
            why = e.what();
            stop_ = true;
        } catch (const std::exception& e) {
            why = e.what();
        }
        sync_->reset();
        std::shared_ptr<net::Channel> old;
        {
            std::lock_guard<std::mutex> lock(m_);
            old = ch_;
            ch_.reset();
            joined_ = false;
            signedIn_.clear();
            if (connected_) {
                lostMs_ = now();
            }
        }
        if (old) {
            std::lock_guard<std::mutex> lock(m_);
            closedBytes_ += old->bytesSent();
        }
        // Lost, or never reached: either way the client works offline and says why.
        if ((connected_.exchange(false) || !why.empty()) && observer_ != nullptr) {
            observer_->connectionChanged(false, why);
        }
        if (!why.empty()) {
            log("connection: " + why);
        }
        cv_.notify_all();
        if (stop_) {
            break;
        }
        // Back-off with jitter, so 30 PCs do not all knock at the same instant after a cut.
        const int wait =
            backoff / 2 + static_cast<int>(rng() % static_cast<unsigned>(backoff / 2 + 1));
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait_for(lock, std::chrono::milliseconds(wait), [this] { return stop_.load(); });
        backoff = std::min(backoff * 2, cfg_.backoffMaxMs);
    }
    notifyClass();
}

void StudentAgent::sendPayload(MsgType type, const std::string& payload) {
    std::shared_ptr<net::Channel> ch;
    {
        std::lock_guard<std::mutex> lock(m_);
        ch = ch_;
    }
    if (!ch) {
        throw net::ChannelClosed("not connected");
    }
    ch->sendRaw(type, payload);
}

void StudentAgent::session() {
    std::string host;
    std::uint16_t port = 0;
    std::string code;
    {
        std::lock_guard<std::mutex> lock(m_);
        host = host_;
        port = port_;
        code = classCode_;
    }
    Poco::Net::SecureStreamSocket socket(net::clientContext());
    try {
        socket.connect(Poco::Net::SocketAddress(host, port), Poco::Timespan(5, 0));
    } catch (const Poco::Exception& e) {
        throw net::ChannelClosed("cannot reach " + host + ":" + std::to_string(port) + ": " +
                                 e.displayText());
    }
    auto ch = std::make_shared<net::Channel>(socket, host + ":" + std::to_string(port));
    {
        std::lock_guard<std::mutex> lock(m_);
        ch_ = ch;
    }
    const std::string pcName = store_.pcName(); // chosen on the join screen
    msg::send(*ch, msg::StudentHello{net::kProtocolVersion, store_.deviceId(),
                                     pcName.empty() ? cfg_.deviceName : pcName});
    auto f = ch->receive(Poco::Timespan(15, 0));
    if (!f || f->type != MsgType::Hello) {
        throw net::ProtocolError("the teacher did not answer Hello");
    }
    const auto hello = msg::TeacherHello::decode(f->payload);
    if (hello.version != net::kProtocolVersion) {
        throw Final(fmt(_("The teacher's Ayllu speaks another protocol version; update Ayllu.")));
    }
    const std::string& classId = hello.classId;
    const std::string& className = hello.className;
    // The key check, before anything secret is sent.
    const std::string fp = ch->peerFingerprint();
    const auto known = store_.joinedClass(classId);
    if (known && known->teacherFingerprint != fp) {
        throw Final(fmt(_("The PC answering at %1 says it is class \"%2\", but its key is not the "
                          "one you confirmed when you joined. It may not be your teacher: nothing "
                          "was sent. If the teacher's PC was reinstalled, start Ayllu on this PC "
                          "once with --forget-class (the work saved here stays) and join the "
                          "class again with its code."),
                        host, className));
    }
    if (known && !known->deviceToken.empty()) {
        msg::send(*ch, msg::Resume{known->deviceToken});
    } else {
        if (code.empty()) {
            throw Final(_("Type the class code to join this class."));
        }
        if (!cfg_.confirmTeacher || !cfg_.confirmTeacher(net::shortCode(fp), className)) {
            throw Final(_("The code on the teacher's screen was not confirmed; nothing was sent."));
        }
        msg::send(*ch, msg::Join{code});
    }
    f = ch->receive(Poco::Timespan(30, 0));
    if (!f) {
        throw net::ProtocolError("no answer to Join");
    }
    if (f->type == MsgType::Refused) {
        const auto refused = msg::Refused::decode(f->payload);
        const std::string& reason = refused.reason;
        const std::string& message = refused.message;
        if (reason == "token" && !code.empty()) {
            // The teacher forgot this PC: forget its token and join again with the code.
            store_.saveClass({classId, className, fp, host, port, ""});
            throw net::ChannelClosed("the teacher no longer knows this PC; joining again");
        }
        throw Final(message.empty() ? reason : message);
    }
    if (f->type != MsgType::Joined) {
        throw net::ProtocolError(std::string("expected Joined, got ") + net::name(f->type));
    }
    const auto joined = msg::Joined::decode(f->payload);
    store_.saveClass({classId, className, fp, host, port, joined.token});
    std::vector<RosterLearner> roster;
    std::map<std::string, std::string> tokens;
    for (const auto& l : store_.learners(classId)) {
        tokens[l.id] = l.token;
    }
    for (const auto& x : joined.roster) {
        const RosterLearner r{x.id, x.name, x.picture, x.language, x.pin};
        store_.saveLearner({r.id, classId, r.name, r.picture, r.pin ? "pin" : "picture", "",
                            tokens[r.id], r.language.empty() ? "es" : r.language});
        roster.push_back(r);
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        roster_ = roster;
        joined_ = true;
        view_.classId = classId;
        view_.className = className;
    }
    connected_ = true;
    if (observer_ != nullptr) {
        observer_->connectionChanged(true, className);
    }
    cv_.notify_all();
    // Learners who signed in here before come back without typing anything.
    for (const auto& [learner, token] : tokens) {
        if (!token.empty()) {
            msg::send(*ch, msg::SignIn{learner, token, {}});
        }
    }
    auto lastHeard = std::chrono::steady_clock::now();
    auto lastPing = lastHeard;
    while (!stop_) {
        f = ch->receive(Poco::Timespan(0, 100000));
        const auto t = std::chrono::steady_clock::now();
        if (f) {
            lastHeard = t;
            handle(*f);
        } else if (t - lastHeard > std::chrono::seconds(20)) {
            throw net::ChannelClosed("no word from the teacher for 20 s");
        }
        if (t - lastPing > std::chrono::seconds(5)) {
            msg::send(*ch, msg::Ping{});
            lastPing = t;
        }
        sync_->flush();
    }
}

void StudentAgent::handle(const net::Frame& f) {
    switch (f.type) {
    case MsgType::Pong:
        return;
    case MsgType::SignedIn: {
        const auto r = msg::SignedIn::decode(f.payload);
        if (r.ok) {
            for (auto l : store_.learners(view().classId)) {
                if (l.id == r.learner) {
                    l.token = r.token;
                    store_.saveLearner(l);
                }
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_);
            if (r.ok) {
                signedIn_.insert(r.learner);
            }
            signInReplies_[r.learner] = {r.ok, r.reason};
        }
        cv_.notify_all();
        return;
    }
    case MsgType::EventsAck: {
        sync_->onAck(msg::EventsAck::decode(f.payload));
        return;
    }
    case MsgType::ClassState:
        onClassState(msg::ClassStateMsg::decode(f.payload));
        return;
    case MsgType::QuizReveal: {
        msg::QuizReveal::decode(f.payload); // checked; the screen reads it as it came
        {
            std::lock_guard<std::mutex> lock(m_);
            view_.reveal = f.payload;
        }
        notifyClass();
        return;
    }
    case MsgType::PackageOffer:
        delivery_->onOffer(msg::PackageOffer::decode(f.payload));
        return;
    case MsgType::PackageChunk:
        delivery_->onChunk(msg::PackageChunk::decode(f.payload));
        return;
    case MsgType::Refused:
        throw Final(msg::Refused::decode(f.payload).message);
    default:
        throw net::ProtocolError(std::string("a teacher's PC may not send ") + net::name(f.type));
    }
}
void StudentAgent::onClassState(const msg::ClassStateMsg& m) {
    ClassView v;
    followLesson(m, v); // lesson_pacing
    v.hands = m.hands;  // presence
    if (m.drill) {      // drills
        v.drill = LiveDrillView{m.drill->course, m.drill->content, m.drill->round};
    }
    if (m.quiz) {
        v.quiz = liveQuizView(*m.quiz, now());
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        v.classId = view_.classId;
        v.className = view_.className;
        v.reveal = v.quiz && v.quiz->revealed ? view_.reveal : std::string();
        lock_->byTeacher = m.locked; // screen_lock
        view_ = v;
    }
    notifyClass();
}
ClassView StudentAgent::view() {
    std::lock_guard<std::mutex> lock(m_);
    ClassView v = view_;
    v.connected = connected_;
    v.locked = lock_->shown(connected_, now(), lostMs_);
    return v;
}

void StudentAgent::notifyClass() {
    cv_.notify_all();
    if (observer_ != nullptr) {
        observer_->classChanged(view());
    }
}

bool StudentAgent::waitFor(const std::function<bool()>& condition, int timeoutMs) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    std::unique_lock<std::mutex> lock(m_);
    while (true) {
        lock.unlock();
        const bool ok = condition();
        lock.lock();
        if (ok) {
            return true;
        }
        if (cv_.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() +
                                                        std::chrono::milliseconds(50))) ==
                std::cv_status::timeout &&
            std::chrono::steady_clock::now() >= deadline) {
            lock.unlock();
            return condition();
        }
    }
}

bool StudentAgent::waitJoined(int timeoutMs) {
    return waitFor(
               [this] {
                   std::lock_guard<std::mutex> lock(m_);
                   return joined_ || !refusal_.empty();
               },
               timeoutMs) &&
           refusal().empty();
}

std::set<std::string> StudentAgent::signedIn() {
    std::lock_guard<std::mutex> lock(m_);
    return signedIn_;
}
std::vector<RosterLearner> StudentAgent::roster() {
    std::lock_guard<std::mutex> lock(m_);
    return roster_;
}

bool StudentAgent::signIn(const std::string& learner, const std::string& pin, std::string* why,
                          int timeoutMs) {
    {
        std::lock_guard<std::mutex> lock(m_);
        signInReplies_.erase(learner);
    }
    try {
        send(msg::SignIn{learner, {}, pin});
    } catch (const net::ChannelClosed& e) {
        if (why != nullptr) {
            *why = e.what();
        }
        return false;
    }
    std::pair<bool, std::string> reply{false, "timeout"};
    waitFor(
        [&] {
            std::lock_guard<std::mutex> lock(m_);
            const auto it = signInReplies_.find(learner);
            if (it == signInReplies_.end()) {
                return false;
            }
            reply = it->second;
            return true;
        },
        timeoutMs);
    if (why != nullptr) {
        *why = reply.second;
    }
    return reply.first;
}

void StudentAgent::signOut(const std::string& learner) {
    {
        std::lock_guard<std::mutex> lock(m_);
        signedIn_.erase(learner);
    }
    try {
        send(msg::SignOut{learner});
    } catch (const net::ChannelClosed&) {
    }
}

std::uint64_t StudentAgent::bytesSent() const {
    std::lock_guard<std::mutex> lock(m_);
    return closedBytes_ + (ch_ ? ch_->bytesSent() : 0);
}

} // namespace ayllu::classroom
