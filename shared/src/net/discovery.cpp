#include "ayllu/net/discovery.h"

#include "ayllu/store/database.h" // nowMs
#include "ayllu/text.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/MulticastSocket.h>
#include <Poco/Net/NetException.h>
#include <algorithm>

namespace ayllu::net {

using Poco::Net::SocketAddress;

std::string encodeAnnouncement(const Announcement& a) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("ayllu", a.version);
    o.set("classId", a.classId);
    o.set("class", a.className);
    o.set("teacher", a.teacherName);
    o.set("port", static_cast<int>(a.port));
    o.set("fp", a.fingerprint);
    return toJson(o);
}

std::optional<Announcement> decodeAnnouncement(const std::string& datagram) {
    if (datagram.size() > 2048) {
        return std::nullopt;
    }
    try {
        const auto o = parsePayload(Frame{MsgType::Hello, datagram});
        Announcement a;
        a.version = static_cast<int>(integer(o, "ayllu", 1, 1000));
        a.classId = str(o, "classId", 128);
        a.className = str(o, "class", 200);
        a.teacherName = optStr(o, "teacher", 200);
        a.port = static_cast<std::uint16_t>(integer(o, "port", 1, 65535));
        a.fingerprint = str(o, "fp", 64);
        if (a.classId.empty() || a.fingerprint.size() != 64) {
            return std::nullopt;
        }
        return a;
    } catch (const ProtocolError&) {
        return std::nullopt;
    }
}

std::vector<SocketAddress> defaultAnnounceTargets() {
    return {SocketAddress(kDiscoveryGroup, kDiscoveryPort),
            SocketAddress("255.255.255.255", kDiscoveryPort)};
}

Announcer::Announcer(Announcement what, std::vector<SocketAddress> targets, Log log)
    : what_(std::move(what)), targets_(std::move(targets)), log_(std::move(log)),
      thread_([this] { run(); }) {}

Announcer::~Announcer() {
    stop();
}

void Announcer::stop() {
    {
        std::lock_guard<std::mutex> lock(m_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Announcer::run() {
    Poco::Net::DatagramSocket socket(SocketAddress::IPv4);
    socket.setBroadcast(true);
    const std::string msg = encodeAnnouncement(what_);
    bool warned = false;
    std::unique_lock<std::mutex> lock(m_);
    while (!stop_) {
        for (const auto& t : targets_) {
            try {
                socket.sendTo(msg.data(), static_cast<int>(msg.size()), t);
            } catch (const Poco::Exception& e) {
                if (!warned && log_) {
                    log_("announcing to " + t.toString() + " failed: " + e.displayText());
                }
                warned = true; // a LAN with no broadcast route: say so once, keep trying
            }
        }
        cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_.load(); });
    }
}

Listener::Listener(SocketAddress bind, Log log) : log_(std::move(log)) {
    if (bind.host().isWildcard()) {
        auto ms = std::make_unique<Poco::Net::MulticastSocket>(SocketAddress::IPv4);
        ms->bind(bind, true, true);
        try {
            ms->joinGroup(Poco::Net::IPAddress(kDiscoveryGroup));
        } catch (const Poco::Exception& e) {
            if (log_) {
                log_("cannot join the discovery group (broadcast still works): " + e.displayText());
            }
        }
        socket_ = std::move(ms);
    } else {
        socket_ = std::make_unique<Poco::Net::DatagramSocket>(bind, true);
    }
    port_ = socket_->address().port();
    socket_->setReceiveTimeout(Poco::Timespan(0, 200000));
    thread_ = std::thread([this] { run(); });
}

Listener::~Listener() {
    stop();
}

void Listener::stop() {
    stop_ = true;
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Listener::run() {
    char buf[2049];
    while (!stop_) {
        SocketAddress from;
        int n = 0;
        try {
            n = socket_->receiveFrom(buf, sizeof buf, from);
        } catch (const Poco::TimeoutException&) {
            continue;
        } catch (const Poco::Exception&) {
            continue;
        }
        auto a = decodeAnnouncement(std::string(buf, static_cast<std::size_t>(std::max(n, 0))));
        if (!a) {
            continue; // not ours, or hostile: ignored
        }
        a->host = from.host().toString();
        a->heardMs = store::nowMs();
        {
            std::lock_guard<std::mutex> lock(m_);
            heard_[a->classId] = *a;
        }
        cv_.notify_all();
    }
}

std::vector<Announcement> Listener::heard(std::int64_t withinMs) {
    std::lock_guard<std::mutex> lock(m_);
    const auto now = store::nowMs();
    std::vector<Announcement> out;
    for (const auto& [id, a] : heard_) {
        if (now - a.heardMs <= withinMs) {
            out.push_back(a);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Announcement& a, const Announcement& b) { return a.heardMs > b.heardMs; });
    return out;
}

std::optional<Announcement> Listener::waitFor(const std::string& classId, int timeoutMs) {
    std::unique_lock<std::mutex> lock(m_);
    std::optional<Announcement> found;
    cv_.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] {
        for (const auto& [id, a] : heard_) {
            if (classId.empty() || id == classId) {
                found = a;
                return true;
            }
        }
        return stop_.load();
    });
    return found;
}

} // namespace ayllu::net
