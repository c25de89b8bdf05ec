#include "ayllu/classroom/student_agent.h"

#include "ayllu/classroom/wire.h"
#include "ayllu/course/validate.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/zip.h"

#include <Poco/JSON/Array.h>
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
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr std::int64_t kLockReleaseMs = 120000; // nobody stays locked out by a vanished teacher

// Refusals that retrying cannot fix: stop and tell the person.
class Final : public Exception {
public:
    using Exception::Exception;
};

// Identifiers and versions become file names: keep them plain.
bool plainName(const std::string& s) {
    return !s.empty() && s.size() <= 128 && s.find("..") == std::string::npos &&
           std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                      c == '_';
           });
}

} // namespace

StudentAgent::StudentAgent(store::StudentStore& store, StudentConfig cfg, StudentObserver* observer)
    : store_(store), cfg_(std::move(cfg)), observer_(observer) {}

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
        std::shared_ptr<net::Channel> old;
        {
            std::lock_guard<std::mutex> lock(m_);
            old = ch_;
            ch_.reset();
            joined_ = false;
            signedIn_.clear();
            inflight_.clear();
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

void StudentAgent::send(MsgType type, const Object& o) {
    std::shared_ptr<net::Channel> ch;
    {
        std::lock_guard<std::mutex> lock(m_);
        ch = ch_;
    }
    if (!ch) {
        throw net::ChannelClosed("not connected");
    }
    ch->send(type, o);
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
    Object hello;
    hello.set("version", net::kProtocolVersion);
    hello.set("device", store_.deviceId());
    const std::string pcName = store_.pcName(); // chosen on the join screen
    hello.set("name", pcName.empty() ? cfg_.deviceName : pcName);
    ch->send(MsgType::Hello, hello);
    auto f = ch->receive(Poco::Timespan(15, 0));
    if (!f || f->type != MsgType::Hello) {
        throw net::ProtocolError("the teacher did not answer Hello");
    }
    auto o = net::parsePayload(*f);
    if (net::integer(o, "version", 1, 1000000) != net::kProtocolVersion) {
        throw Final(fmt(_("The teacher's Ayllu speaks another protocol version; update Ayllu.")));
    }
    const std::string classId = net::str(o, "classId", 128);
    const std::string className = net::str(o, "className", 200);
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
        Object resume;
        resume.set("token", known->deviceToken);
        ch->send(MsgType::Resume, resume);
    } else {
        if (code.empty()) {
            throw Final(_("Type the class code to join this class."));
        }
        if (!cfg_.confirmTeacher || !cfg_.confirmTeacher(net::shortCode(fp), className)) {
            throw Final(_("The code on the teacher's screen was not confirmed; nothing was sent."));
        }
        Object join;
        join.set("code", code);
        ch->send(MsgType::Join, join);
    }
    f = ch->receive(Poco::Timespan(30, 0));
    if (!f) {
        throw net::ProtocolError("no answer to Join");
    }
    o = net::parsePayload(*f);
    if (f->type == MsgType::Refused) {
        const std::string reason = net::str(o, "reason", 32);
        const std::string message = net::optStr(o, "message", 1000);
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
    store_.saveClass({classId, className, fp, host, port, net::str(o, "token", 128)});
    std::vector<RosterLearner> roster;
    std::map<std::string, std::string> tokens;
    for (const auto& l : store_.learners(classId)) {
        tokens[l.id] = l.token;
    }
    if (const auto arr = o->getArray("roster")) {
        for (std::size_t i = 0; i < arr->size() && i < 5000; ++i) {
            const auto x = arr->getObject(static_cast<unsigned>(i));
            if (!x) {
                throw net::ProtocolError("a roster entry is not an object");
            }
            RosterLearner r{net::str(x, "id", 128), net::str(x, "name", 200),
                            net::optStr(x, "picture", 200), net::optStr(x, "language", 16),
                            net::boolean(x, "pin")};
            store_.saveLearner({r.id, classId, r.name, r.picture, r.pin ? "pin" : "picture", "",
                                tokens[r.id], r.language.empty() ? "es" : r.language});
            roster.push_back(r);
        }
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
            Object in;
            in.set("learner", learner);
            in.set("token", token);
            ch->send(MsgType::SignIn, in);
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
            Object ping;
            ch->send(MsgType::Ping, ping);
            lastPing = t;
        }
        flushOutbox();
    }
}

void StudentAgent::flushOutbox() {
    const std::lock_guard<std::mutex> flushing(flushMutex_);
    std::set<std::string> signedIn;
    {
        std::lock_guard<std::mutex> lock(m_);
        // An unanswered batch is sent again after 15 s (the teacher stores each event once).
        if (!inflight_.empty() && now() - inflightSince_ < 15000) {
            return;
        }
        inflight_.clear();
        signedIn = signedIn_;
    }
    if (signedIn.empty()) {
        return;
    }
    Array::Ptr events = new Array;
    std::set<std::int64_t> seqs;
    for (const auto& e : store_.outbox(cfg_.batchSize * 4)) {
        if (signedIn.count(e.learner) == 0) {
            continue; // waits until that learner signs in
        }
        events->add(eventToJson(e));
        seqs.insert(e.seq);
        if (seqs.size() >= cfg_.batchSize) {
            break;
        }
    }
    if (seqs.empty()) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        inflight_ = seqs;
        inflightSince_ = now();
    }
    Object o;
    o.set("events", events);
    send(MsgType::Events, o);
}

void StudentAgent::handle(const net::Frame& f) {
    if (f.type == MsgType::PackageChunk) {
        onChunk(f);
        return;
    }
    const auto o = net::parsePayload(f);
    switch (f.type) {
    case MsgType::Pong:
        return;
    case MsgType::SignedIn: {
        const std::string learner = net::str(o, "learner", 128);
        const bool ok = net::boolean(o, "ok");
        if (ok) {
            const std::string token = net::str(o, "token", 128);
            for (auto l : store_.learners(view().classId)) {
                if (l.id == learner) {
                    l.token = token;
                    store_.saveLearner(l);
                }
            }
        }
        {
            std::lock_guard<std::mutex> lock(m_);
            if (ok) {
                signedIn_.insert(learner);
            }
            signInReplies_[learner] = {ok, ok ? std::string() : net::optStr(o, "reason", 32)};
        }
        cv_.notify_all();
        return;
    }
    case MsgType::EventsAck: {
        const auto arr = o->getArray("seqs");
        if (!arr) {
            throw net::ProtocolError("EventsAck without seqs");
        }
        std::vector<std::int64_t> seqs;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            seqs.push_back(arr->getElement<std::int64_t>(static_cast<unsigned>(i)));
        }
        store_.acknowledge(seqs); // only now do they leave the outbox
        {
            std::lock_guard<std::mutex> lock(m_);
            inflight_.clear();
        }
        cv_.notify_all();
        if (observer_ != nullptr) {
            observer_->acknowledged(seqs);
        }
        return;
    }
    case MsgType::ClassState:
        onClassState(o);
        return;
    case MsgType::QuizReveal: {
        {
            std::lock_guard<std::mutex> lock(m_);
            view_.reveal = f.payload;
        }
        notifyClass();
        return;
    }
    case MsgType::PackageOffer:
        onOffer(o);
        return;
    case MsgType::Refused:
        throw Final(net::optStr(o, "message", 1000));
    default:
        throw net::ProtocolError(std::string("a teacher's PC may not send ") + net::name(f.type));
    }
}

void StudentAgent::onClassState(const Object::Ptr& o) {
    ClassView v;
    const std::string mode = net::str(o, "mode", 32);
    v.mode = mode == "paced" ? Mode::Paced : mode == "self-paced" ? Mode::SelfPaced : Mode::Idle;
    v.course = net::optStr(o, "course", 256);
    v.lesson = net::optStr(o, "lesson", 256);
    v.page = net::optStr(o, "page", 256);
    const bool locked = net::boolean(o, "locked");
    if (const auto hands = o->getArray("hands")) {
        for (std::size_t i = 0; i < hands->size() && i < 64; ++i) {
            v.hands.insert(hands->getElement<std::string>(static_cast<unsigned>(i)));
        }
    }
    if (const auto d = o->getObject("drill")) {
        v.drill = LiveDrillView{net::str(d, "course", 256), net::str(d, "content", 256),
                                static_cast<int>(net::integer(d, "round", 0, 1000000000))};
    }
    if (const auto q = o->getObject("quiz")) {
        LiveQuizView lq;
        lq.course = net::str(q, "course", 256);
        lq.content = net::str(q, "content", 256);
        lq.title = net::optStr(q, "title", 1000);
        if (const auto titles = q->getObject("titles")) {
            for (const auto& lang : titles->getNames()) {
                if (lq.titles.size() < 16 && lang.size() <= 16) {
                    lq.titles[lang] = net::str(titles, lang.c_str(), 1000);
                }
            }
        }
        lq.attempt = static_cast<int>(net::integer(q, "attempt", 1, 1000000));
        lq.open = net::boolean(q, "open");
        lq.revealed = net::boolean(q, "revealed");
        lq.oneByOne = net::boolean(q, "oneByOne");
        const auto remaining = net::integer(q, "remainingMs", 0, INT64_MAX);
        lq.deadlineMs = remaining > 0 ? now() + remaining : 0; // our clock, not the teacher's
        if (const auto qs = q->getArray("questions")) {
            for (std::size_t i = 0; i < qs->size(); ++i) {
                std::ostringstream out;
                Poco::JSON::Stringifier::stringify(qs->get(static_cast<unsigned>(i)), out);
                lq.questions.push_back(out.str());
            }
        }
        v.quiz = lq;
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        v.classId = view_.classId;
        v.className = view_.className;
        v.reveal = v.quiz && v.quiz->revealed ? view_.reveal : std::string();
        lockedByTeacher_ = locked;
        view_ = v;
    }
    notifyClass();
}

ClassView StudentAgent::view() {
    std::lock_guard<std::mutex> lock(m_);
    ClassView v = view_;
    v.connected = connected_;
    v.locked = lockedByTeacher_ && (connected_ || now() - lostMs_ < kLockReleaseMs);
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

bool StudentAgent::waitSynced(int timeoutMs) {
    return waitFor([this] { return store_.outboxSize() == 0 && store_.unsaved() == 0; }, timeoutMs);
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
    Object in;
    in.set("learner", learner);
    if (!pin.empty()) {
        in.set("pin", pin);
    }
    try {
        send(MsgType::SignIn, in);
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
    Object o;
    o.set("learner", learner);
    try {
        send(MsgType::SignOut, o);
    } catch (const net::ChannelClosed&) {
    }
}

store::SaveResult StudentAgent::record(store::Event e) {
    if (e.atMs == 0) {
        e.atMs = now();
    }
    auto r = store_.record(std::move(e));
    cv_.notify_all();
    if (r.saved && connected_) {
        try {
            flushOutbox(); // now, not at the session thread's next turn
        } catch (const std::exception&) {
            // the session thread sees the broken connection and reconnects
        }
    }
    return r;
}

store::SaveResult StudentAgent::answerLive(const std::string& learner, const std::string& question,
                                           const std::string& responseJson,
                                           std::int64_t latencyMs) {
    const ClassView v = view();
    if (!v.quiz || !v.quiz->open) {
        return {false, 0, _("the quiz is closed")};
    }
    store::Event e;
    e.learner = learner;
    e.course = v.quiz->course;
    e.content = v.quiz->content;
    e.attempt = v.quiz->attempt;
    e.item = question;
    e.kind = store::EventKind::Answer;
    e.text = responseJson;
    e.latencyMs = std::clamp<std::int64_t>(latencyMs, 0, store::kMaxDurationMs);
    return record(e); // no result: the teacher grades it
}

void StudentAgent::presence(const std::string& learner, const std::string& state,
                            const std::string& page, const std::string& course,
                            const std::string& content) {
    Object o;
    o.set("learner", learner);
    o.set("state", state);
    o.set("page", page);
    if (!course.empty()) {
        o.set("course", course);
        o.set("content", content);
    }
    try {
        send(MsgType::Presence, o);
    } catch (const net::ChannelClosed&) {
    }
}

void StudentAgent::drillProgress(const std::string& learner, const std::string& drill, int done,
                                 int total) {
    if (total < 1) {
        return; // nothing to count (the teacher refuses a drill of no steps)
    }
    Object o;
    o.set("learner", learner);
    o.set("state", "drill");
    o.set("page", "");
    o.set("drill", drill);
    o.set("content", drill); // where the learner is, for the class view's title
    if (const auto v = view(); v.drill && v.drill->content == drill) {
        o.set("course", v.drill->course);
    }
    o.set("done", std::clamp(done, 0, total));
    o.set("total", total);
    try {
        send(MsgType::Presence, o);
    } catch (const net::ChannelClosed&) {
    }
}

void StudentAgent::hand(const std::string& learner, bool up) {
    Object o;
    o.set("learner", learner);
    o.set("up", up);
    try {
        send(MsgType::Hand, o);
    } catch (const net::ChannelClosed&) {
    }
}

void StudentAgent::onOffer(const Object::Ptr& o) {
    Download d;
    d.identifier = net::str(o, "identifier", 128);
    d.version = net::str(o, "version", 64);
    d.sha256 = net::str(o, "sha256", 64);
    d.size = static_cast<std::uint64_t>(net::integer(o, "size", 1, 1LL << 31));
    if (!plainName(d.identifier) || !plainName(d.version)) {
        throw net::ProtocolError("a package name that is not a plain file name");
    }
    Object req;
    req.set("identifier", d.identifier);
    req.set("version", d.version);
    if (store_.package(d.identifier, d.version)) {
        req.set("have", true); // skipped: this PC has that version
        send(MsgType::PackageRequest, req);
        return;
    }
    const fs::path incoming = fs::path(cfg_.dataDir) / "incoming";
    fs::create_directories(incoming);
    d.part = (incoming / (d.identifier + "-" + d.version + ".part")).string();
    std::error_code ec;
    std::uint64_t offset = fs::exists(d.part, ec) ? fs::file_size(d.part, ec) : 0;
    if (offset > d.size) {
        fs::remove(d.part, ec);
        offset = 0;
    }
    if (offset > 0) {
        log("resuming " + d.identifier + " at byte " + std::to_string(offset));
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        download_ = d;
    }
    req.set("offset", offset);
    send(MsgType::PackageRequest, req);
}

void StudentAgent::onChunk(const net::Frame& f) {
    const auto [h, bytes] = net::decodeChunk(f);
    std::optional<Download> d;
    {
        std::lock_guard<std::mutex> lock(m_);
        d = download_;
    }
    if (!d || net::str(h, "identifier", 128) != d->identifier ||
        net::str(h, "version", 64) != d->version) {
        throw net::ProtocolError("a chunk of a package that was not requested");
    }
    std::error_code ec;
    const std::uint64_t have = fs::exists(d->part, ec) ? fs::file_size(d->part, ec) : 0;
    const auto offset = static_cast<std::uint64_t>(net::integer(h, "offset", 0, 1LL << 31));
    if (offset != have || have + bytes.size() > d->size) {
        throw net::ProtocolError("a chunk at the wrong offset");
    }
    if (crypto::sha256Hex(bytes) != net::str(h, "sha256", 64)) {
        throw net::ProtocolError("a chunk that does not match its SHA-256");
    }
    {
        std::ofstream out(d->part, std::ios::binary | std::ios::app);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            throw store::StorageError(store::StorageError::Kind::Full,
                                      fmt(_("cannot write %1 (is the disk full?)"), d->part));
        }
    }
    const std::uint64_t done = have + bytes.size();
    if (observer_ != nullptr) {
        observer_->packageProgress(d->identifier, done, d->size);
    }
    if (done < d->size) {
        return;
    }
    Object result;
    result.set("identifier", d->identifier);
    result.set("version", d->version);
    std::string why;
    const fs::path target = fs::path(cfg_.dataDir) / "courses" / (d->identifier + "-" + d->version);
    if (crypto::sha256FileHex(d->part) != d->sha256) {
        why = "the file does not match its SHA-256";
    } else {
        fs::remove_all(target, ec); // a leftover of an interrupted install
        fs::create_directories(target.parent_path(), ec);
        const auto problems = zip::unpack(d->part, target.string());
        if (problems.hasErrors()) {
            why = problems.items().front().toString();
        } else if (course::validateFolder(target.string()).problems.hasErrors()) {
            why = "the course does not validate";
            fs::remove_all(target, ec);
        } else {
            store_.savePackage({d->identifier, d->version, target.string(), d->sha256});
        }
    }
    fs::remove(d->part, ec);
    {
        std::lock_guard<std::mutex> lock(m_);
        download_.reset();
    }
    result.set("ok", why.empty());
    if (!why.empty()) {
        result.set("reason", why);
        log("package " + d->identifier + " failed: " + why);
    } else if (observer_ != nullptr) {
        observer_->packageInstalled(d->identifier, d->version, target.string());
    }
    send(MsgType::PackageDone, result);
}

std::uint64_t StudentAgent::bytesSent() const {
    std::lock_guard<std::mutex> lock(m_);
    return closedBytes_ + (ch_ ? ch_->bytesSent() : 0);
}

} // namespace ayllu::classroom
