#include "ayllu/net/protocol.h"

#include "ayllu/text.h"

#include <Poco/JSON/Parser.h>
#include <sstream>

namespace ayllu::net {

namespace {
const char* const kNames[] = {
    "?",           "Hello",      "Join",       "Resume",       "Joined",         "Refused",
    "SignIn",      "SignedIn",   "SignOut",    "Presence",     "Hand",           "Events",
    "EventsAck",   "ClassState", "QuizReveal", "PackageOffer", "PackageRequest", "PackageChunk",
    "PackageDone", "Ping",       "Pong",       "Bye"};
static_assert(sizeof kNames / sizeof kNames[0] == kLastMsgType + 1, "a name per message type");

void put16(std::string& s, std::uint16_t v) {
    s += static_cast<char>(v >> 8);
    s += static_cast<char>(v & 0xff);
}
void put32(std::string& s, std::uint32_t v) {
    for (int k = 3; k >= 0; --k) {
        s += static_cast<char>((v >> (8 * k)) & 0xff);
    }
}
std::uint32_t get32(const std::string& s, std::size_t at) {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
        v = (v << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(k)]);
    }
    return v;
}

// Depth of nesting, counted without parsing, so a hostile "[[[[..." cannot exhaust the stack.
bool tooDeep(const std::string& s, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth) {
                return true;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return false;
}
} // namespace

const char* name(MsgType t) {
    const auto v = static_cast<std::uint16_t>(t);
    return isKnown(v) ? kNames[v] : "?";
}

bool isKnown(std::uint16_t type) {
    return type >= 1 && type <= kLastMsgType;
}

std::string encodeFrame(MsgType type, const std::string& payload) {
    if (payload.size() > kMaxFrame) {
        throw ProtocolError("payload of " + std::to_string(payload.size()) + " bytes is over the " +
                            std::to_string(kMaxFrame) + "-byte limit");
    }
    std::string out;
    out.reserve(kHeaderSize + payload.size());
    put16(out, static_cast<std::uint16_t>(type));
    put32(out, static_cast<std::uint32_t>(payload.size()));
    out += payload;
    return out;
}

std::string toJson(const Poco::JSON::Object& o) {
    std::ostringstream out;
    o.stringify(out);
    return out.str();
}

std::string encodeFrame(MsgType type, const Poco::JSON::Object& payload) {
    return encodeFrame(type, toJson(payload));
}

void FrameReader::feed(const char* data, std::size_t n) {
    if (failed()) {
        return;
    }
    if (pos_ > 0 && pos_ == buf_.size()) {
        buf_.clear();
        pos_ = 0;
    } else if (pos_ > (1u << 16)) {
        buf_.erase(0, pos_);
        pos_ = 0;
    }
    buf_.append(data, n);
}

std::optional<Frame> FrameReader::next() {
    if (failed() || buffered() < kHeaderSize) {
        return std::nullopt;
    }
    const auto type = static_cast<std::uint16_t>((static_cast<unsigned char>(buf_[pos_]) << 8) |
                                                 static_cast<unsigned char>(buf_[pos_ + 1]));
    const std::uint32_t len = get32(buf_, pos_ + 2);
    if (!isKnown(type)) {
        error_ = "unknown message type " + std::to_string(type);
        return std::nullopt;
    }
    if (len > max_) {
        error_ = "frame of " + std::to_string(len) + " bytes is over the " + std::to_string(max_) +
                 "-byte limit";
        return std::nullopt;
    }
    if (buffered() < kHeaderSize + len) {
        return std::nullopt; // wait for the rest
    }
    Frame f;
    f.type = static_cast<MsgType>(type);
    f.payload = buf_.substr(pos_ + kHeaderSize, len);
    pos_ += kHeaderSize + len;
    return f;
}

Poco::JSON::Object::Ptr parsePayload(const Frame& f) {
    if (text::invalidUtf8At(f.payload)) {
        throw ProtocolError(std::string(name(f.type)) + ": payload is not valid UTF-8");
    }
    if (tooDeep(f.payload, 16)) {
        throw ProtocolError(std::string(name(f.type)) + ": payload is nested too deep");
    }
    try {
        Poco::JSON::Parser p;
        const auto v = p.parse(f.payload);
        if (v.type() != typeid(Poco::JSON::Object::Ptr)) {
            throw ProtocolError(std::string(name(f.type)) + ": payload is not a JSON object");
        }
        return v.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw ProtocolError(std::string(name(f.type)) + ": payload is not JSON (" +
                            e.displayText() + ")");
    }
}

std::string str(const Poco::JSON::Object::Ptr& o, const char* key, std::size_t maxLen) {
    if (!o->has(key) || !o->get(key).isString()) {
        throw ProtocolError(std::string("field \"") + key + "\" missing or not text");
    }
    std::string v = o->getValue<std::string>(key);
    if (v.size() > maxLen) {
        throw ProtocolError(std::string("field \"") + key + "\" is too long");
    }
    return v;
}

std::string optStr(const Poco::JSON::Object::Ptr& o, const char* key, std::size_t maxLen) {
    return o->has(key) && !o->get(key).isEmpty() ? str(o, key, maxLen) : std::string();
}

std::int64_t integer(const Poco::JSON::Object::Ptr& o, const char* key, std::int64_t lo,
                     std::int64_t hi) {
    if (!o->has(key) || !o->get(key).isInteger()) {
        throw ProtocolError(std::string("field \"") + key + "\" missing or not a whole number");
    }
    const auto v = o->get(key).convert<std::int64_t>();
    if (v < lo || v > hi) {
        throw ProtocolError(std::string("field \"") + key + "\" is out of range");
    }
    return v;
}

bool boolean(const Poco::JSON::Object::Ptr& o, const char* key) {
    if (!o->has(key) || !o->get(key).isBoolean()) {
        throw ProtocolError(std::string("field \"") + key + "\" missing or not true/false");
    }
    return o->getValue<bool>(key);
}

std::string encodeChunk(const Poco::JSON::Object& header, const std::string& bytes) {
    const std::string h = toJson(header);
    std::string out;
    put32(out, static_cast<std::uint32_t>(h.size()));
    return out + h + bytes;
}

std::pair<Poco::JSON::Object::Ptr, std::string> decodeChunk(const Frame& f) {
    if (f.payload.size() < 4) {
        throw ProtocolError("PackageChunk: too short");
    }
    const std::uint32_t hlen = get32(f.payload, 0);
    if (hlen > 4096 || hlen > f.payload.size() - 4) {
        throw ProtocolError("PackageChunk: bad header length");
    }
    Frame header{MsgType::PackageChunk, f.payload.substr(4, hlen)};
    return {parsePayload(header), f.payload.substr(4 + hlen)};
}

} // namespace ayllu::net
