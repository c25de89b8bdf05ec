#include "ayllu/net/reactor.h"

#include <Poco/Net/NetException.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ayllu::net {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTimersEveryMs = 100;

std::string tlsError(int code) {
    if (code == SSL_ERROR_SYSCALL && errno != 0) {
        return std::strerror(errno);
    }
    const unsigned long e = ERR_get_error();
    if (e == 0) {
        return "TLS error " + std::to_string(code);
    }
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

std::string seconds(Clock::duration d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

} // namespace

Reactor::Reactor(Poco::Net::Context::Ptr context, const Poco::Net::SocketAddress& address,
                 ReactorHost& host, PeerLimits limits, int loops)
    : context_(std::move(context)), host_(host), limits_(limits) {
    listenFd_ = ::socket(address.af(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (listenFd_ < 0 || ::setsockopt(listenFd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        ::bind(listenFd_, address.addr(), address.length()) != 0 || ::listen(listenFd_, 64) != 0) {
        const std::string why = std::strerror(errno);
        if (listenFd_ >= 0) {
            ::close(listenFd_);
        }
        throw Poco::Net::NetException("cannot listen on " + address.toString() + ": " + why);
    }
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&bound), &len);
    port_ = Poco::Net::SocketAddress(reinterpret_cast<sockaddr*>(&bound), len).port();
    for (int i = 0; i < std::max(1, loops); ++i) {
        auto l = std::make_unique<Loop>();
        l->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        l->epollFd = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event wakeEvent{};
        wakeEvent.events = EPOLLIN;
        wakeEvent.data.ptr = &l->wakeFd;
        ::epoll_ctl(l->epollFd, EPOLL_CTL_ADD, l->wakeFd, &wakeEvent);
        loops_.push_back(std::move(l));
    }
    epoll_event listenEvent{};
    listenEvent.events = EPOLLIN;
    listenEvent.data.ptr = &listenFd_;
    ::epoll_ctl(loops_.front()->epollFd, EPOLL_CTL_ADD, listenFd_, &listenEvent);
}

Reactor::~Reactor() {
    stop();
    ::close(listenFd_);
    for (auto& l : loops_) {
        ::close(l->wakeFd);
        ::close(l->epollFd);
    }
}

void Reactor::start() {
    stopping_ = false;
    for (auto& l : loops_) {
        Loop* raw = l.get();
        l->thread = std::thread([this, raw] { run(*raw); });
    }
}

void Reactor::stop() {
    stopping_ = true;
    for (auto& l : loops_) {
        wake(*l);
    }
    for (auto& l : loops_) {
        if (l->thread.joinable()) {
            l->thread.join();
        }
    }
}

void Reactor::wake(Loop& l) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(l.wakeFd, &one, sizeof one);
}

void Reactor::kicked(Loop& l, Peer* p) {
    {
        std::lock_guard<std::mutex> lock(l.m);
        l.kicked.push_back(p);
    }
    wake(l);
}

void Reactor::adopt(Loop& l, const std::shared_ptr<Peer>& p) {
    epoll_event e{};
    e.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    e.data.ptr = p.get();
    ::epoll_ctl(l.epollFd, EPOLL_CTL_ADD, p->fd_, &e);
    l.peers[p.get()] = p;
    if (!pump(p, 0)) {
        l.peers.erase(p.get());
    }
}

void Reactor::run(Loop& l) {
    std::vector<epoll_event> events(256);
    std::unordered_map<Peer*, std::uint32_t> ready; // peer -> what epoll said (0: a kick)
    std::vector<Peer*> kicked;
    std::vector<std::shared_ptr<Peer>> incoming;
    auto nextTimers = Clock::now();
    while (!stopping_) {
        const auto untilTimers =
            std::chrono::duration_cast<std::chrono::milliseconds>(nextTimers - Clock::now());
        const int n = ::epoll_wait(
            l.epollFd, events.data(), static_cast<int>(events.size()),
            static_cast<int>(std::clamp<long long>(untilTimers.count(), 0, kTimersEveryMs)));
        bool accept = false;
        ready.clear();
        for (int i = 0; i < n; ++i) {
            void* what = events[static_cast<std::size_t>(i)].data.ptr;
            if (what == &l.wakeFd) {
                std::uint64_t count = 0;
                [[maybe_unused]] const auto r = ::read(l.wakeFd, &count, sizeof count);
            } else if (what == &listenFd_) {
                accept = true;
            } else {
                ready[static_cast<Peer*>(what)] |= events[static_cast<std::size_t>(i)].events;
            }
        }
        {
            std::lock_guard<std::mutex> lock(l.m);
            kicked.swap(l.kicked);
            incoming.swap(l.incoming);
        }
        for (const auto& p : incoming) {
            adopt(l, p);
        }
        incoming.clear();
        for (Peer* raw : kicked) {
            const auto it = l.peers.find(raw);
            if (it != l.peers.end()) {      // else finished since: nothing to touch
                it->second->dirty_ = false; // kicks from now on come round again
                ready.emplace(raw, 0);
            }
        }
        kicked.clear();
        // Timers (stalls, silence, closing) every so often, for every peer.
        if (Clock::now() >= nextTimers) {
            nextTimers = Clock::now() + std::chrono::milliseconds(kTimersEveryMs);
            for (const auto& [raw, p] : l.peers) {
                ready.emplace(raw, 0);
            }
        }
        for (const auto& [raw, flags] : ready) {
            const auto it = l.peers.find(raw);
            if (it == l.peers.end()) {
                continue; // finished already
            }
            const auto p = it->second; // pump() may erase it
            if (!pump(p, flags)) {
                l.peers.erase(raw);
            }
        }
        if (accept) {
            acceptAll();
        }
    }
    {
        std::lock_guard<std::mutex> lock(l.m);
        for (const auto& p : l.incoming) {
            l.peers[p.get()] = p;
        }
        l.incoming.clear();
    }
    for (const auto& [raw, p] : l.peers) {
        finish(p, "the class was closed");
    }
    l.peers.clear();
}

void Reactor::acceptAll() {
    for (;;) {
        sockaddr_storage from{};
        socklen_t len = sizeof from;
        const int fd = ::accept4(listenFd_, reinterpret_cast<sockaddr*>(&from), &len,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            return; // EAGAIN, or an error of that one connection (it is gone)
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        SSL* ssl = SSL_new(context_->sslContext());
        if (ssl == nullptr) {
            ::close(fd);
            continue;
        }
        SSL_set_fd(ssl, fd);
        SSL_set_accept_state(ssl);
        SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        const PeerLimits& limits = limits_;
        if (limits.sendBufferBytes > 0) {
            ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &limits.sendBufferBytes,
                         sizeof limits.sendBufferBytes);
        }
        Loop& to = *loops_[nextLoop_++ % loops_.size()];
        auto p = std::make_shared<Peer>(
            fd, ssl, Poco::Net::SocketAddress(reinterpret_cast<sockaddr*>(&from), len).toString(),
            limits, [this, &to](Peer* k) { kicked(to, k); });
        if (!host_.accepted(p)) {
            continue; // the peer closes its socket
        }
        ++count_;
        if (&to == loops_.front().get()) {
            adopt(to, p); // this thread's
        } else {
            {
                std::lock_guard<std::mutex> lock(to.m);
                to.incoming.push_back(p);
            }
            wake(to);
        }
    }
}

bool Reactor::pump(const std::shared_ptr<Peer>& p, std::uint32_t revents) {
    std::string why;
    {
        std::lock_guard<std::mutex> lock(p->m_);
        if (p->aborted_) {
            why = p->abortWhy_;
        }
    }
    if (!why.empty()) {
        finish(p, why);
        return false;
    }
    if (!p->handshaken_) {
        ERR_clear_error();
        errno = 0;
        const int r = SSL_do_handshake(p->ssl_);
        if (r == 1) {
            p->handshaken_ = true;
            p->readLater_ = true; // the handshake may have brought the first frame along
        } else {
            const int e = SSL_get_error(p->ssl_, r);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) { // else epoll says when
                finish(p, "receiving from " + p->peer_ + " failed: " + tlsError(e));
                return false;
            }
        }
    }
    if (p->handshaken_) {
        const bool readable = (revents & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0 ||
                              p->readLater_ || SSL_pending(p->ssl_) > 0;
        if (readable && !readFrom(p, why)) {
            finish(p, why);
            return false;
        }
        if (!writeTo(p, why)) {
            finish(p, why);
            return false;
        }
    }
    // Timers, closing, and room for bulk data.
    const auto now = Clock::now();
    std::function<void()> room;
    {
        std::lock_guard<std::mutex> lock(p->m_);
        if (p->closing_) {
            if (p->queued_ == 0 || now > p->closeBy_ || !p->handshaken_) {
                why = "\n"; // closed by the host: nothing more to say
            }
        } else if (p->queued_ > 0 &&
                   now - p->progress_ > std::chrono::milliseconds(p->limits_.stallMs)) {
            why = "it stopped reading: " + std::to_string(p->queued_) +
                  " bytes wait to be sent, none taken for " + seconds(now - p->progress_);
        } else if (now > p->expectBy_) {
            why = p->expectWhat_;
        } else if (p->room_ && !p->roomAsked_ && p->bulk_.size() < p->limits_.bulkAhead) {
            p->roomAsked_ = true;
            room = p->room_;
        }
    }
    if (!why.empty()) {
        finish(p, why == "\n" ? std::string() : why);
        return false;
    }
    if (room) {
        room();
    }
    return true;
}

bool Reactor::readFrom(const std::shared_ptr<Peer>& p, std::string& why) {
    p->readLater_ = false;
    if (p->closing_) {
        return true;
    }
    char buf[16384];
    for (;;) {
        if (p->pending_ >= Peer::kMaxPending) {
            p->readLater_ = true; // handled() wakes the loop
            return true;
        }
        ERR_clear_error();
        errno = 0;
        const int n = SSL_read(p->ssl_, buf, sizeof buf);
        if (n > 0) {
            p->reader_.feed(buf, static_cast<std::size_t>(n));
            while (auto f = p->reader_.next()) {
                {
                    std::lock_guard<std::mutex> lock(p->m_);
                    if (p->expectMs_ > 0) {
                        p->expectBy_ = Clock::now() + std::chrono::milliseconds(p->expectMs_);
                    }
                }
                p->pending_ += Peer::cost(*f);
                host_.frame(p, std::move(*f));
            }
            if (p->reader_.failed()) {
                why = "bad frame from " + p->peer_ + ": " + p->reader_.error();
                return false;
            }
            continue;
        }
        const int e = SSL_get_error(p->ssl_, n);
        if (e == SSL_ERROR_WANT_READ) {
            return true;
        }
        if (e == SSL_ERROR_WANT_WRITE) {
            p->readLater_ = true; // read again when the socket takes bytes (epoll says so)
            return true;
        }
        if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && errno == 0)) {
            why = p->reader_.buffered() > 0
                      ? "connection from " + p->peer_ + " ended inside a frame (" +
                            std::to_string(p->reader_.buffered()) + " bytes of it)"
                      : "connection closed by " + p->peer_;
            return false;
        }
        why = "receiving from " + p->peer_ + " failed: " + tlsError(e);
        return false;
    }
}

bool Reactor::writeTo(const std::shared_ptr<Peer>& p, std::string& why) {
    for (;;) {
        if (p->writingAt_ == p->writing_.size()) {
            std::lock_guard<std::mutex> lock(p->m_);
            p->writing_.clear();
            p->writingAt_ = 0;
            // Control messages first: a quiz opened during a push waits for one chunk at most.
            auto& from = !p->control_.empty() ? p->control_ : p->bulk_;
            if (from.empty()) {
                return true;
            }
            p->writing_ = std::move(from.front());
            from.pop_front();
        }
        ERR_clear_error();
        errno = 0;
        const int n = SSL_write(p->ssl_, p->writing_.data() + p->writingAt_,
                                static_cast<int>(p->writing_.size() - p->writingAt_));
        if (n > 0) {
            p->writingAt_ += static_cast<std::size_t>(n);
            p->sent_ += static_cast<std::uint64_t>(n);
            std::lock_guard<std::mutex> lock(p->m_);
            p->queued_ -= static_cast<std::size_t>(n);
            p->progress_ = Clock::now();
            continue;
        }
        const int e = SSL_get_error(p->ssl_, n);
        if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
            return true; // epoll says when to go on
        }
        why = "sending to " + p->peer_ + " failed: " + tlsError(e);
        return false;
    }
}

void Reactor::finish(const std::shared_ptr<Peer>& p, const std::string& why) {
    if (p->handshaken_ && why.empty()) {
        ERR_clear_error();
        SSL_shutdown(p->ssl_); // close_notify, if the socket takes it now
    }
    {
        std::lock_guard<std::mutex> lock(p->m_);
        p->closing_ = true;
        p->control_.clear();
        p->bulk_.clear();
        p->queued_ = 0;
        p->room_ = nullptr;
    }
    SSL_free(p->ssl_);
    p->ssl_ = nullptr;
    ::close(p->fd_);
    p->fd_ = -1;
    --count_;
    host_.closed(p, why);
}

} // namespace ayllu::net
