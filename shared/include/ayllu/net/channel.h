// A framed TLS connection between a teacher and a student PC.
#pragma once

#include "ayllu/net/identity.h"
#include "ayllu/net/protocol.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>

namespace ayllu::net {

// Prepares OpenSSL through Poco once per process.
void initTls();
// TLS 1.2 or later, strong ciphers. The teacher presents its identity; students do not present
// certificates (they are authenticated by tokens inside the encrypted channel) and check the
// teacher by its pinned key, not by dates or names.
Poco::Net::Context::Ptr serverContext(const Identity& id);
Poco::Net::Context::Ptr clientContext();

// Logs one line (the apps show it, tests collect it).
using Log = std::function<void(const std::string&)>;

class ChannelClosed : public Exception {
public:
    using Exception::Exception;
};

class Channel {
public:
    Channel(Poco::Net::StreamSocket socket, std::string peer);
    ~Channel();

    // Thread-safe. Throws ChannelClosed when the connection is gone.
    void send(MsgType type, const Poco::JSON::Object& payload);
    void sendRaw(MsgType type, const std::string& payload);

    // One receiving thread only. The next frame; nullopt when `timeout` passed with no frame.
    // Throws ChannelClosed on end of stream, a socket error, or a bad frame (the reason names it).
    std::optional<Frame> receive(Poco::Timespan timeout);

    void close();
    bool closed() const { return closed_; }
    const std::string& peer() const { return peer_; }
    // The SHA-256 of the other side's certificate key (after the TLS handshake), or "".
    std::string peerFingerprint();
    std::uint64_t bytesSent() const { return sent_; }
    std::uint64_t bytesReceived() const { return received_; }
    // Tests: every frame sent, as (type, payload), through this hook.
    std::function<void(MsgType, const std::string&)> onSend;

private:
    Poco::Net::StreamSocket socket_;
    std::string peer_;
    FrameReader reader_;
    std::mutex sendMutex_;
    std::atomic<bool> closed_{false};
    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> received_{0};
};

} // namespace ayllu::net
