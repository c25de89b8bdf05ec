// Typed reads for the message decoders (messages*.cpp only): each failure is a
// net::ProtocolError naming the field.
#pragma once

#include "ayllu/classroom/messages.h"

#include <Poco/JSON/Array.h>
#include <algorithm>
#include <cctype>

namespace ayllu::classroom::msg::detail {

using net::boolean;
using net::integer;
using net::optStr;
using net::ProtocolError;
using net::str;
using Poco::JSON::Array;
using Poco::JSON::Object;

inline Object::Ptr ordered() {
    return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Decodes `payload` as message `type` with `read`: every failure, whatever threw it, becomes a
// ProtocolError that names the message (the field is named by the typed reads).
template <typename F>
auto decoding(net::MsgType type, const std::string& payload, F read) {
    const auto o = net::parsePayload(net::Frame{type, payload});
    try {
        return read(o);
    } catch (const ProtocolError& e) {
        throw ProtocolError(std::string(net::name(type)) + ": " + e.what());
    } catch (const std::exception& e) {
        throw ProtocolError(std::string(net::name(type)) + ": " + e.what());
    }
}

inline Array::Ptr array(const Object::Ptr& o, const char* key) {
    if (!o->has(key) || o->get(key).isEmpty()) {
        return nullptr;
    }
    const auto a = o->getArray(key);
    if (!a) {
        throw ProtocolError(std::string("field \"") + key + "\" is not a list");
    }
    return a;
}

inline Object::Ptr object(const Object::Ptr& o, const char* key) {
    if (!o->has(key) || o->get(key).isEmpty()) {
        return nullptr;
    }
    const auto x = o->getObject(key);
    if (!x) {
        throw ProtocolError(std::string("field \"") + key + "\" is not an object");
    }
    return x;
}

inline Object::Ptr element(const Array::Ptr& a, std::size_t i, const char* what) {
    const auto x = a->getObject(static_cast<unsigned>(i));
    if (!x) {
        throw ProtocolError(std::string("an element of \"") + what + "\" is not an object");
    }
    return x;
}

inline std::string element(const Array::Ptr& a, std::size_t i, const char* what,
                           std::size_t maxLen) {
    const auto v = a->get(static_cast<unsigned>(i));
    if (!v.isString() || v.extract<std::string>().size() > maxLen) {
        throw ProtocolError(std::string("an element of \"") + what + "\" is not text or too long");
    }
    return v.extract<std::string>();
}

inline double number(const Object::Ptr& o, const char* key) {
    if (!o->has(key) || !o->get(key).isNumeric()) {
        throw ProtocolError(std::string("field \"") + key + "\" missing or not a number");
    }
    return o->get(key).convert<double>();
}

// Identifiers and versions become file names on the student's PC: keep them plain.
inline bool plainName(const std::string& s) {
    return !s.empty() && s.size() <= 128 && s.find("..") == std::string::npos &&
           std::all_of(s.begin(), s.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                      c == '_';
           });
}

inline Mode modeFrom(const std::string& s) {
    return s == "paced" ? Mode::Paced : s == "self-paced" ? Mode::SelfPaced : Mode::Idle;
}

} // namespace ayllu::classroom::msg::detail
