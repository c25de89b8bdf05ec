// The classroom protocol: frames, the list of message types, and payload checks.
// docs/protocol.md is the specification; keep both in step.
//
// A frame is a 2-byte message type and a 4-byte payload length, both big-endian, then the
// payload. Payloads are UTF-8 JSON objects, except PackageChunk (a JSON header, then raw bytes).
#pragma once

#include "ayllu/error.h"

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <string>

namespace ayllu::net {

inline constexpr int kProtocolVersion = 1;
inline constexpr std::size_t kHeaderSize = 6;
inline constexpr std::uint32_t kMaxFrame = 1u << 20; // 1 MiB: a chunk of 256 KiB and room to spare

// Only append; never insert, renumber or remove (old peers must keep understanding new ones).
enum class MsgType : std::uint16_t {
    Hello = 1,           // both ways, first: protocol version, who is speaking
    Join = 2,            // student: class code, first time on this PC
    Resume = 3,          // student: device token from an earlier Join
    Joined = 4,          // teacher: device token, class, roster (names and pictures only)
    Refused = 5,         // teacher: why not; the connection closes
    SignIn = 6,          // student: learner and PIN, or learner token
    SignedIn = 7,        // teacher: learner token, or why not
    SignOut = 8,         // student
    Presence = 9,        // student: a learner's state and page
    Hand = 10,           // student: raise or lower a hand
    Events = 11,         // student: progress events from the outbox (live answers too)
    EventsAck = 12,      // teacher: seq of events now committed
    ClassState = 13,     // teacher: mode, lesson and page, lock, open quiz (without its key)
    QuizReveal = 14,     // teacher: answer key and this PC's learners' results
    PackageOffer = 15,   // teacher: a course to fetch (identifier, version, size, SHA-256)
    PackageRequest = 16, // student: send from this offset, or "I have it"
    PackageChunk = 17,   // teacher: header + bytes
    PackageDone = 18,    // student: stored and verified, or why not
    Ping = 19,
    Pong = 20,
    Bye = 21,
};
inline constexpr std::uint16_t kLastMsgType = 21;

const char* name(MsgType t);
bool isKnown(std::uint16_t type);

struct Frame {
    MsgType type = MsgType::Ping;
    std::string payload;
};

class ProtocolError : public Exception {
public:
    using Exception::Exception;
};

// One frame's bytes. Throws ProtocolError when the payload is larger than kMaxFrame.
std::string encodeFrame(MsgType type, const std::string& payload);
std::string encodeFrame(MsgType type, const Poco::JSON::Object& payload);

// Decodes frames from bytes as they arrive, however they are split. After an error the reader
// stays failed: the connection must be closed.
class FrameReader {
public:
    explicit FrameReader(std::uint32_t maxFrame = kMaxFrame) : max_(maxFrame) {}
    void feed(const char* data, std::size_t n);
    // The next whole frame, or nullopt (more bytes needed, or failed()).
    std::optional<Frame> next();
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }
    std::size_t buffered() const { return buf_.size() - pos_; }

private:
    std::uint32_t max_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::string error_;
};

// A JSON object payload, checked: valid UTF-8, a JSON object, at most `maxDepth` deep.
// Throws ProtocolError.
Poco::JSON::Object::Ptr parsePayload(const Frame& f);

// Typed reads from a payload that throw ProtocolError naming the field.
std::string str(const Poco::JSON::Object::Ptr& o, const char* key, std::size_t maxLen = 4096);
std::string optStr(const Poco::JSON::Object::Ptr& o, const char* key, std::size_t maxLen = 4096);
std::int64_t integer(const Poco::JSON::Object::Ptr& o, const char* key, std::int64_t lo,
                     std::int64_t hi);
bool boolean(const Poco::JSON::Object::Ptr& o, const char* key);

// PackageChunk: a JSON header then raw bytes.
std::string encodeChunk(const Poco::JSON::Object& header, const std::string& bytes);
std::pair<Poco::JSON::Object::Ptr, std::string> decodeChunk(const Frame& f);

std::string toJson(const Poco::JSON::Object& o);

} // namespace ayllu::net
