// The core's one small exception hierarchy. Untrusted input is answered with values (Problems,
// results); what the core throws is always an ayllu::Exception carrying its reason, and callers
// catch the kind they can act on:
//   Exception            any failure of the core (its message is for logs and tests)
//   ├─ Error             an error for a person, already translated: shown as it is
//   ├─ net::ProtocolError  a peer broke the protocol (the connection is closed)
//   └─ net::ChannelClosed  the connection is gone (the other side left, a cable was pulled)
#pragma once

#include <exception>
#include <string>

namespace ayllu {

class Exception : public std::exception {
public:
    explicit Exception(std::string message) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

class Error : public Exception {
public:
    using Exception::Exception;
};

} // namespace ayllu
