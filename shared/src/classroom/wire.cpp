#include "ayllu/classroom/wire.h"
#include "ayllu/net/protocol.h"

namespace ayllu::classroom {

using net::integer;
using net::optStr;
using net::str;

Poco::JSON::Object::Ptr eventToJson(const store::Event& e) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("device", e.device);
    o->set("seq", e.seq);
    o->set("learner", e.learner);
    o->set("course", e.course);
    o->set("content", e.content);
    o->set("attempt", e.attempt);
    o->set("item", e.item);
    o->set("kind", store::toString(e.kind));
    o->set("at", e.atMs);
    if (e.kind == store::EventKind::Status) {
        o->set("status", store::toString(e.status));
    }
    if (e.scoreRaw) {
        o->set("raw", *e.scoreRaw);
    }
    if (e.scoreMax) {
        o->set("max", *e.scoreMax);
    }
    if (e.durationMs != 0) {
        o->set("duration", e.durationMs);
    }
    if (!e.text.empty()) {
        o->set("text", e.text);
    }
    if (!e.result.empty()) {
        o->set("result", e.result);
    }
    if (e.latencyMs != 0) {
        o->set("latency", e.latencyMs);
    }
    return o;
}

store::Event eventFromJson(const Poco::JSON::Object::Ptr& o) {
    store::Event e;
    e.device = str(o, "device", 64);
    e.seq = integer(o, "seq", 1, INT64_MAX);
    e.learner = str(o, "learner", 128);
    e.course = str(o, "course", 256);
    e.content = str(o, "content", 256);
    e.attempt = static_cast<int>(integer(o, "attempt", 1, 1000000));
    e.item = optStr(o, "item", 256);
    if (!store::fromString(str(o, "kind", 32), e.kind)) {
        throw net::ProtocolError("unknown event kind");
    }
    e.atMs = integer(o, "at", 0, INT64_MAX);
    if (e.kind == store::EventKind::Status && !store::fromString(str(o, "status", 32), e.status)) {
        throw net::ProtocolError("unknown status");
    }
    const auto number = [&](const char* key) -> std::optional<double> {
        if (!o->has(key)) {
            return std::nullopt;
        }
        if (!o->get(key).isNumeric()) {
            throw net::ProtocolError(std::string("field \"") + key + "\" is not a number");
        }
        return o->get(key).convert<double>();
    };
    e.scoreRaw = number("raw");
    e.scoreMax = number("max");
    e.durationMs = o->has("duration") ? integer(o, "duration", 0, store::kMaxDurationMs) : 0;
    e.text = optStr(o, "text", 256 * 1024);
    e.result = optStr(o, "result", 32);
    e.latencyMs = o->has("latency") ? integer(o, "latency", 0, store::kMaxDurationMs) : 0;
    if (const std::string why = e.invalidReason(); !why.empty()) {
        throw net::ProtocolError(why);
    }
    return e;
}

} // namespace ayllu::classroom
