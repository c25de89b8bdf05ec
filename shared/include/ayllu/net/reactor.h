// The teacher's event loop: one thread that accepts connections, does their TLS handshakes, and
// reads and writes every peer's socket without blocking, driven by epoll (edge-triggered: a
// wake costs the peers that have work, not all of them). Frames go to the host, which must not
// block in its callbacks (it hands them to a WorkPool strand).
#pragma once

#include "ayllu/net/peer.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/SocketAddress.h>
#include <atomic>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ayllu::net {

class ReactorHost {
public:
    virtual ~ReactorHost() = default;
    // A connection was accepted (its TLS handshake is still to come). False: close it.
    virtual bool accepted(const std::shared_ptr<Peer>& peer) = 0;
    // One whole frame from a peer; the host calls peer->handled(Peer::cost(f)) once done.
    virtual void frame(const std::shared_ptr<Peer>& peer, Frame f) = 0;
    // The connection is gone. `why` is empty when the host closed it itself (it has said why).
    virtual void closed(const std::shared_ptr<Peer>& peer, const std::string& why) = 0;
};

class Reactor {
public:
    // Listens on `address` at once (port 0: any free port); the loops start with start().
    // `loops`: threads that share the connections (each its own epoll), one per core is plenty.
    Reactor(Poco::Net::Context::Ptr context, const Poco::Net::SocketAddress& address,
            ReactorHost& host, PeerLimits limits = {}, int loops = 1);
    ~Reactor();
    Reactor(const Reactor&) = delete;
    Reactor& operator=(const Reactor&) = delete;

    void start();
    // Stops accepting, closes every connection (the host hears of each), joins the threads.
    void stop();
    std::uint16_t port() const { return port_; }
    std::size_t connections() const { return count_; }
    std::size_t threads() const { return loops_.size(); }

private:
    struct Loop {
        int epollFd = -1;
        int wakeFd = -1;
        std::unordered_map<Peer*, std::shared_ptr<Peer>> peers; // its thread's own
        std::mutex m;
        std::vector<Peer*> kicked;                   // peers with work, told by other threads
        std::vector<std::shared_ptr<Peer>> incoming; // accepted by the first loop, for this one
        std::thread thread;
    };
    void run(Loop& l);
    void acceptAll();
    void adopt(Loop& l, const std::shared_ptr<Peer>& p);
    // Handshake, read, write, timers. False when the peer is finished (closed and reported).
    bool pump(const std::shared_ptr<Peer>& p, std::uint32_t revents);
    bool readFrom(const std::shared_ptr<Peer>& p, std::string& why);
    bool writeTo(const std::shared_ptr<Peer>& p, std::string& why);
    void finish(const std::shared_ptr<Peer>& p, const std::string& why);
    static void wake(Loop& l);
    static void kicked(Loop& l, Peer* p); // any thread

    Poco::Net::Context::Ptr context_;
    ReactorHost& host_;
    const PeerLimits limits_;
    int listenFd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> count_{0};
    std::vector<std::unique_ptr<Loop>> loops_;
    std::size_t nextLoop_ = 0; // the first loop's: where the next connection goes
};

} // namespace ayllu::net
