// Finding the teacher on the LAN: the teacher announces its class over UDP once a second; the
// student lists what it hears. Announcements carry no secret (class name, port, protocol version,
// key fingerprint): joining still needs the class code, and the key is checked on connecting.
#pragma once

#include "ayllu/net/channel.h"

#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace ayllu::net {

inline constexpr std::uint16_t kDiscoveryPort = 47777;
inline constexpr const char* kDiscoveryGroup = "239.255.70.76"; // organisation-local multicast

struct Announcement {
    std::string classId;
    std::string className;
    std::string teacherName;
    std::uint16_t port = 0;
    int version = kProtocolVersion;
    std::string fingerprint;
    std::string host; // filled in by the listener: where it came from
    std::int64_t heardMs = 0;
};

std::string encodeAnnouncement(const Announcement& a);
// nullopt for anything that is not a well-formed announcement.
std::optional<Announcement> decodeAnnouncement(const std::string& datagram);

// Where a teacher announces by default: the multicast group and the broadcast address.
std::vector<Poco::Net::SocketAddress> defaultAnnounceTargets();

class Announcer {
public:
    Announcer(Announcement what, std::vector<Poco::Net::SocketAddress> targets, Log log = {});
    ~Announcer();
    void stop();

private:
    void run();
    Announcement what_;
    std::vector<Poco::Net::SocketAddress> targets_;
    Log log_;
    std::atomic<bool> stop_{false};
    std::mutex m_;
    std::condition_variable cv_;
    std::thread thread_;
};

class Listener {
public:
    // Listens on `bind` (default 0.0.0.0:47777, joining the multicast group).
    explicit Listener(Poco::Net::SocketAddress bind = Poco::Net::SocketAddress("0.0.0.0",
                                                                               kDiscoveryPort),
                      Log log = {});
    ~Listener();
    void stop();
    std::uint16_t port() const { return port_; }
    // Classes heard in the last `withinMs`, newest first.
    std::vector<Announcement> heard(std::int64_t withinMs = 5000);
    // Waits until a class with this id (or any class, when empty) is heard, up to `timeoutMs`.
    std::optional<Announcement> waitFor(const std::string& classId, int timeoutMs);

private:
    void run();
    Log log_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::mutex m_;
    std::condition_variable cv_;
    std::map<std::string, Announcement> heard_;
    std::unique_ptr<Poco::Net::DatagramSocket> socket_;
    std::thread thread_;
};

} // namespace ayllu::net
