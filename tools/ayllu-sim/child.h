// A child process with pipes to its stdin and stdout, read line by line without blocking.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace ayllu::sim {

class Child {
public:
    Child() = default;
    explicit Child(std::vector<std::string> argv);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    void start(); // (re)starts with the same arguments
    void setArgs(std::vector<std::string> argv) { argv_ = std::move(argv); }
    void kill(); // SIGKILL, then reaps it
    void writeLine(const std::string& line);
    void closeInput();
    // Complete lines read so far (and removes them); reads what is waiting without blocking.
    std::vector<std::string> lines();
    int outFd() const { return out_; }
    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    int wait(); // exit status, -1 when killed by a signal

private:
    std::vector<std::string> argv_;
    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    std::string buffer_;
};

// Waits until one of the children has output or `ms` pass.
void waitForOutput(const std::vector<Child*>& children, int ms);

} // namespace ayllu::sim
