#include "ayllu/net/peer.h"

#include <openssl/ssl.h>
#include <unistd.h>

namespace ayllu::net {

Peer::Peer(int fd, ssl_st* ssl, std::string peer, PeerLimits limits,
           std::function<void(Peer*)> kick)
    : fd_(fd), ssl_(ssl), peer_(std::move(peer)), limits_(limits), kick_(std::move(kick)) {}

void Peer::kick() {
    if (!dirty_.exchange(true)) {
        kick_(this); // once until the loop has taken it
    }
}

Peer::~Peer() {
    if (ssl_ != nullptr) {
        SSL_free(ssl_);
    }
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void Peer::queue(MsgType type, std::string frame) {
    if (closing_) {
        throw ChannelClosed("connection closed");
    }
    const std::size_t size = frame.size();
    bool over = false;
    {
        std::lock_guard<std::mutex> lock(m_);
        if (queued_ + size > limits_.maxQueuedBytes) {
            over = true;
        } else {
            if (queued_ == 0) {
                progress_ = Clock::now(); // the stall is counted from here
            }
            queued_ += size;
            if (type == MsgType::PackageChunk) {
                bulk_.push_back(std::move(frame));
                roomAsked_ = false; // the producer answered
            } else {
                control_.push_back(std::move(frame));
            }
        }
    }
    if (over) {
        abort("it is not reading: more than " + std::to_string(limits_.maxQueuedBytes >> 20) +
              " MiB wait to be sent");
        throw ChannelClosed("the send queue is full");
    }
    kick();
}

void Peer::sendRaw(MsgType type, const std::string& payload) {
    queue(type, encodeFrame(type, payload));
    if (onSend) {
        onSend(type, payload);
    }
}

void Peer::send(MsgType type, const Poco::JSON::Object& payload) {
    sendRaw(type, toJson(payload));
}

void Peer::close() {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (closing_.exchange(true)) {
            return;
        }
        closeBy_ = Clock::now() + std::chrono::milliseconds(limits_.closeFlushMs);
    }
    kick();
}

void Peer::abort(const std::string& why) {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (aborted_) {
            return;
        }
        aborted_ = true;
        abortWhy_ = why;
        closing_ = true;
    }
    kick();
}

void Peer::pullBulk(std::function<void()> room) {
    {
        std::lock_guard<std::mutex> lock(m_);
        room_ = std::move(room);
        roomAsked_ = false;
    }
    kick();
}

void Peer::expectWithin(int ms, std::string what) {
    std::lock_guard<std::mutex> lock(m_);
    expectMs_ = ms;
    expectWhat_ = std::move(what);
    expectBy_ = Clock::now() + std::chrono::milliseconds(ms);
}

void Peer::handled(std::size_t bytes) {
    const std::size_t before = pending_.fetch_sub(bytes);
    if (before >= kMaxPending && before - bytes < kMaxPending) {
        kick(); // reading was paused: resume it
    }
}

} // namespace ayllu::net
