#include "child.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ayllu::sim {

Child::Child(std::vector<std::string> argv) : argv_(std::move(argv)) {}

Child::~Child() {
    if (pid_ > 0) {
        kill();
    }
    if (in_ >= 0) {
        ::close(in_);
    }
    if (out_ >= 0) {
        ::close(out_);
    }
}

void Child::start() {
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t a;
    posix_spawn_file_actions_init(&a);
    posix_spawn_file_actions_adddup2(&a, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&a, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&a, in[1]);
    posix_spawn_file_actions_addclose(&a, out[0]);
    std::vector<char*> args;
    for (auto& s : argv_) {
        args.push_back(s.data());
    }
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &a, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&a);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        throw std::runtime_error(std::string("cannot start ") + argv_[0] + ": " +
                                 std::strerror(rc));
    }
    if (in_ >= 0) {
        ::close(in_);
    }
    if (out_ >= 0) {
        ::close(out_);
    }
    in_ = in[1];
    out_ = out[0];
    buffer_.clear();
}

void Child::kill() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

int Child::wait() {
    if (pid_ <= 0) {
        return -1;
    }
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void Child::writeLine(const std::string& line) {
    const std::string s = line + "\n";
    if (in_ >= 0) {
        [[maybe_unused]] const auto n = ::write(in_, s.data(), s.size());
    }
}

void Child::closeInput() {
    if (in_ >= 0) {
        ::close(in_);
        in_ = -1;
    }
}

std::vector<std::string> Child::lines() {
    std::vector<std::string> out;
    if (out_ < 0) {
        return out;
    }
    for (;;) {
        pollfd p{out_, POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0 || (p.revents & (POLLIN | POLLHUP)) == 0) {
            break;
        }
        char buf[65536];
        const auto n = ::read(out_, buf, sizeof buf);
        if (n <= 0) {
            break;
        }
        buffer_.append(buf, static_cast<std::size_t>(n));
    }
    std::size_t nl;
    while ((nl = buffer_.find('\n')) != std::string::npos) {
        out.push_back(buffer_.substr(0, nl));
        buffer_.erase(0, nl + 1);
    }
    return out;
}

void waitForOutput(const std::vector<Child*>& children, int ms) {
    std::vector<pollfd> fds;
    for (auto* c : children) {
        if (c->outFd() >= 0 && c->running()) {
            fds.push_back({c->outFd(), POLLIN, 0});
        }
    }
    ::poll(fds.data(), fds.size(), ms);
}

} // namespace ayllu::sim
