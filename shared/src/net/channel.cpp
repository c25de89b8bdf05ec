#include "ayllu/net/channel.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/X509Certificate.h>

namespace ayllu::net {

namespace {
std::once_flag tlsOnce;
constexpr const char* kCiphers = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!MD5:!RC4:!3DES";
} // namespace

void initTls() {
    std::call_once(tlsOnce, [] { Poco::Net::initializeSSL(); });
}

Poco::Net::Context::Ptr serverContext(const Identity& id) {
    initTls();
    Poco::Net::Context::Params p;
    p.privateKeyFile = id.keyFile;
    p.certificateFile = id.certFile;
    p.verificationMode = Poco::Net::Context::VERIFY_NONE;
    p.loadDefaultCAs = false;
    p.cipherList = kCiphers;
    p.ecdhCurve = "prime256v1";
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, p);
    ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return ctx;
}

Poco::Net::Context::Ptr clientContext() {
    initTls();
    Poco::Net::Context::Params p;
    p.verificationMode = Poco::Net::Context::VERIFY_NONE; // we pin the key ourselves
    p.loadDefaultCAs = false;
    p.cipherList = kCiphers;
    Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, p);
    ctx->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return ctx;
}

Channel::Channel(Poco::Net::StreamSocket socket, std::string peer)
    : socket_(std::move(socket)), peer_(std::move(peer)) {
    socket_.setNoDelay(true);
}

Channel::~Channel() {
    close();
}

void Channel::sendRaw(MsgType type, const std::string& payload) {
    const std::string frame = encodeFrame(type, payload);
    std::lock_guard<std::mutex> lock(sendMutex_);
    if (closed_) {
        throw ChannelClosed("connection closed");
    }
    try {
        std::size_t at = 0;
        while (at < frame.size()) {
            const int n = socket_.sendBytes(frame.data() + at, static_cast<int>(frame.size() - at));
            if (n <= 0) {
                throw ChannelClosed("the connection was closed while sending");
            }
            at += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception& e) {
        closed_ = true;
        throw ChannelClosed("sending failed: " + e.displayText());
    }
    sent_ += frame.size();
    if (onSend) {
        onSend(type, payload);
    }
}

void Channel::send(MsgType type, const Poco::JSON::Object& payload) {
    sendRaw(type, toJson(payload));
}

std::optional<Frame> Channel::receive(Poco::Timespan timeout) {
    for (;;) {
        if (auto f = reader_.next()) {
            return f;
        }
        if (reader_.failed()) {
            closed_ = true;
            throw ChannelClosed("bad frame from " + peer_ + ": " + reader_.error());
        }
        if (closed_) {
            throw ChannelClosed("connection closed");
        }
        char buf[16384];
        int n = 0;
        try {
            socket_.setReceiveTimeout(timeout);
            n = socket_.receiveBytes(buf, sizeof buf);
        } catch (const Poco::TimeoutException&) {
            return std::nullopt;
        } catch (const Poco::Exception& e) {
            closed_ = true;
            throw ChannelClosed("receiving from " + peer_ + " failed: " + e.displayText());
        }
        if (n <= 0) {
            closed_ = true;
            if (reader_.buffered() > 0) {
                throw ChannelClosed("connection from " + peer_ + " ended inside a frame (" +
                                    std::to_string(reader_.buffered()) + " bytes of it)");
            }
            throw ChannelClosed("connection closed by " + peer_);
        }
        received_ += static_cast<std::uint64_t>(n);
        reader_.feed(buf, static_cast<std::size_t>(n));
    }
}

void Channel::close() {
    if (closed_.exchange(true)) {
        return;
    }
    try {
        socket_.shutdown();
    } catch (...) {
    }
    try {
        socket_.close();
    } catch (...) {
    }
}

std::string Channel::peerFingerprint() {
    try {
        Poco::Net::SecureStreamSocket secure(socket_);
        if (!secure.havePeerCertificate()) {
            return {};
        }
        const auto cert = secure.peerCertificate();
        return fingerprintOfX509(cert.certificate());
    } catch (const Poco::Exception&) {
        return {};
    }
}

} // namespace ayllu::net
