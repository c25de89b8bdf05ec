// The host's side of one student PC's session: its life on the event loop (accepted, each frame
// on its strand, closed), the handshake (Hello, Join or Resume, Joined) and signing learners in,
// with the tokens that let a PC and a learner come back.
#include "ayllu/classroom/course_delivery.h"
#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/pc_name.h"
#include "ayllu/classroom/screen_lock.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <openssl/crypto.h>
#include <sys/stat.h>

namespace ayllu::classroom {

namespace fs = std::filesystem;
using i18n::fmt;
using net::MsgType;

namespace {

bool sameSecret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

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

std::string TeacherService::token(const std::string& purpose, const std::string& device,
                                  const std::string& learner) const {
    return crypto::hmacSha256Hex(secret_, purpose + "\n" + device + "\n" + learner);
}

void TeacherService::onHello(Session& s, const net::Frame& f) {
    if (f.type != MsgType::Hello) {
        throw net::ProtocolError("expected Hello");
    }
    const auto hello = msg::StudentHello::decode(f.payload);
    if (hello.version != net::kProtocolVersion) {
        msg::send(*s.ch, msg::Refused{"version",
                                      fmt(_("this Ayllu speaks protocol %1, the student's PC %2: "
                                            "update the older one"),
                                          net::kProtocolVersion, hello.version)});
        throw net::ProtocolError("protocol version " + std::to_string(hello.version));
    }
    s.device = hello.device;
    // Chosen by a person on the PC, sent by whatever dials us: kept only once cleaned.
    s.deviceName = cleanPcName(hello.name);
    if (s.device.rfind(store::kReservedDevicePrefix, 0) == 0) {
        throw net::ProtocolError("device id " + s.device + " is the console's own");
    }
    msg::send(*s.ch,
              msg::TeacherHello{net::kProtocolVersion, class_.id, class_.name, cfg_.teacherName});

    // The student's PC may wait for a person to compare the short code before it joins.
    s.stage = Session::Stage::Join;
    s.ch->expectWithin(600000, "no Join or Resume");
}

void TeacherService::onJoin(Session& s, const net::Frame& f) {
    const auto refuse = [&](const char* reason, const std::string& message) {
        msg::send(*s.ch, msg::Refused{reason, message});
        throw net::ProtocolError(std::string(reason) + " refused for " + s.ch->peer() +
                                 " (device " + s.device + ")");
    };
    if (f.type == MsgType::Join) {
        if (!sameSecret(msg::Join::decode(f.payload).code, class_.code)) {
            log("wrong class code from " + s.ch->peer() + " (device " + s.device + ")");
            refuse("code", _("That is not the class code. Ask the teacher for it."));
        }
    } else if (f.type == MsgType::Resume) {
        if (!sameSecret(msg::Resume::decode(f.payload).token, token("device", s.device))) {
            refuse("token", _("This PC is not known to the class any more: join it again with "
                              "the class code."));
        }
    } else {
        throw net::ProtocolError(std::string("expected Join or Resume, got ") + net::name(f.type));
    }
    msg::Joined joined;
    joined.token = token("device", s.device);
    joined.classId = class_.id;
    joined.className = class_.name;
    joined.pinRequired = class_.pinRequired;
    for (const auto& l : store_.roster(class_.id)) {
        joined.roster.push_back(
            {l.id, l.name, l.picture, l.language, l.hasPin || class_.pinRequired});
    }
    msg::send(*s.ch, joined);
    store_.deviceSeen(s.device, s.deviceName, class_.id);
    s.who = s.ch->peer() + " (" + (s.deviceName.empty() ? s.device : s.deviceName) + ")";
    std::shared_ptr<Session> replaced;
    {
        std::lock_guard<std::mutex> lock(m_);
        auto& slot = sessions_[s.device];
        replaced = slot;
        slot = s.shared_from_this();
        screenLock_->cameBackLocked(s.device);
    }
    if (replaced) {
        replaced->ch->close(); // the same PC reconnected: the old connection is stale
    }
    log("connected: " + s.who);
    s.stage = Session::Stage::Ready;
    s.ch->expectWithin(30000, "no word from " + s.who + " for 30 s");
    sendClassState(s);
    delivery_->sendOffers(s);
}

void TeacherService::onSignIn(Session& s, const msg::SignIn& in) {
    const std::string& learner = in.learner;
    const std::string& givenToken = in.token;
    const std::string& pin = in.pin;
    msg::SignedIn reply;
    reply.learner = learner;
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
        reply.ok = false;
        reply.reason = why;
        msg::send(*s.ch, reply);
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
    reply.ok = true;
    reply.token = token("learner", s.device, learner);
    msg::send(*s.ch, reply);
    bool revealed = false;
    {
        std::lock_guard<std::mutex> lock(m_);
        revealed = state_.quizActive && state_.quiz.revealed;
    }
    if (revealed) {
        liveQuiz_->sendReveal(s);
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

// ---- the connection's life on the event loop ----

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
            std::vector<std::string> learners;
            for (auto& [id, v] : views_) {
                if (v.deviceId == s.device) {
                    if (v.online) {
                        learners.push_back(v.name);
                    }
                    v.online = false;
                    v.hand = false;
                }
            }
            screenLock_->wentAwayLocked(s, learners, stopping_);
        }
    }
    if (observer_ != nullptr) {
        observer_->studentsChanged();
    }
}

} // namespace ayllu::classroom
