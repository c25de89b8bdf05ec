// One connection on the teacher's event loop (net::Reactor): a non-blocking TLS socket, the
// frames read from it, and a bounded send queue in which control messages go ahead of bulk
// data (PackageChunk). Sending never waits for the network: it queues the frame and wakes the
// loop. A peer that stops reading is closed once its queue stays full past a bound, never
// waited for.
#pragma once

#include "ayllu/net/channel.h"
#include "ayllu/net/protocol.h"

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>

struct ssl_st;

namespace ayllu::net {

struct PeerLimits {
    std::size_t maxQueuedBytes = 16u << 20; // queued and unsent beyond this: closed at once
    int stallMs = 20000;                    // bytes queued and none written for this long: closed
    std::size_t bulkAhead = 2; // bulk frames queued at most (they are pulled, not pushed)
    int closeFlushMs = 2000;   // close(): time left to write what is queued
    int sendBufferBytes = 0;   // the kernel's send buffer per socket (0: the system's)
};

class Reactor;

class Peer {
public:
    // `kick`: tells the loop this peer has something to do (called once until the loop has
    // taken it).
    Peer(int fd, ssl_st* ssl, std::string peer, PeerLimits limits, std::function<void(Peer*)> kick);
    ~Peer();
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;

    // Thread-safe, never blocks. Throws ChannelClosed when the peer is closed or closing, and
    // closes it when its queue is over the bound.
    void send(MsgType type, const Poco::JSON::Object& payload);
    void sendRaw(MsgType type, const std::string& payload);

    // Thread-safe. close(): what is queued is still written (for a short while), then the
    // connection closes; abort(): at once, and `why` is reported to the host.
    void close();
    void abort(const std::string& why);
    bool closed() const { return closing_; }
    const std::string& peer() const { return peer_; }
    std::uint64_t bytesSent() const { return sent_; }

    // Bulk data is pulled: while `room` is set, the loop calls it (on its own thread; it must
    // not block) whenever there is room for another bulk frame and none is being produced.
    // The producer answers with sendRaw(PackageChunk, ...) or clears the source.
    void pullBulk(std::function<void()> room);
    // The connection is closed when no frame arrives for `ms` (counted from now, then from
    // each frame); `what` says what was expected.
    void expectWithin(int ms, std::string what);
    // The host finished one frame the loop handed it: reading pauses while many are pending.
    void handled(std::size_t bytes);
    // What handled() counts for a frame: its bytes and a share for the work it makes.
    static std::size_t cost(const Frame& f) { return f.payload.size() + kFrameOverhead; }

    // Tests: every frame queued, as (type, payload).
    std::function<void(MsgType, const std::string&)> onSend;

private:
    friend class Reactor;
    using Clock = std::chrono::steady_clock;
    // Frames handed to the host and not yet handled, by cost(): reading pauses at this bound,
    // so a PC that sends faster than its frames are handled waits in its own socket.
    static constexpr std::size_t kMaxPending = 2u << 20;
    static constexpr std::size_t kFrameOverhead = 256;

    void queue(MsgType type, std::string frame);
    void kick();

    // The loop's own (one thread only).
    int fd_;
    ssl_st* ssl_;
    bool handshaken_ = false;
    FrameReader reader_;
    std::string writing_; // the frame being written, from writingAt_
    std::size_t writingAt_ = 0;

    const std::string peer_;
    const PeerLimits limits_;
    const std::function<void(Peer*)> kick_;

    mutable std::mutex m_;
    std::deque<std::string> control_, bulk_;
    std::size_t queued_ = 0;     // bytes in control_ and bulk_, and writing_
    Clock::time_point progress_; // last write, or when the queue stopped being empty
    std::function<void()> room_; // bulk source
    bool roomAsked_ = false;     // the source was called and has not answered yet
    Clock::time_point expectBy_ = Clock::time_point::max();
    int expectMs_ = 0;
    std::string expectWhat_;
    Clock::time_point closeBy_ = Clock::time_point::max();
    std::string abortWhy_;
    bool aborted_ = false;

    std::atomic<bool> closing_{false};
    std::atomic<bool> dirty_{false};      // kicked: in the loop's list of peers with work
    bool readLater_ = false;              // the loop's: reading paused with bytes maybe waiting
    std::atomic<std::size_t> pending_{0}; // cost of the frames handed to the host, not handled
    std::atomic<std::uint64_t> sent_{0};
};

} // namespace ayllu::net
