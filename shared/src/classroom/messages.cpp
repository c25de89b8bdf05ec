#include "message_reads.h"

namespace ayllu::classroom::msg {

using namespace detail;

// ---- session ----

std::string StudentHello::encode() const {
    Object o;
    o.set("version", version);
    o.set("device", device);
    o.set("name", name);
    return net::toJson(o);
}

StudentHello StudentHello::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        StudentHello m;
        m.version = integer(o, "version", 1, 1000000);
        // A peer of another version may say nothing else that this one can read: the host
        // refuses it, saying why.
        if (m.version != net::kProtocolVersion) {
            return m;
        }
        m.device = str(o, "device", 64);
        if (m.device.empty()) {
            throw ProtocolError("empty device id");
        }
        m.name = optStr(o, "name", 512);
        return m;
    });
}

std::string TeacherHello::encode() const {
    Object o;
    o.set("version", version);
    o.set("classId", classId);
    o.set("className", className);
    o.set("teacher", teacher);
    return net::toJson(o);
}

TeacherHello TeacherHello::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        TeacherHello m;
        m.version = integer(o, "version", 1, 1000000);
        // A peer of another version may say nothing else that this one can read.
        if (m.version != net::kProtocolVersion) {
            return m;
        }
        m.classId = str(o, "classId", 128);
        m.className = str(o, "className", 200);
        m.teacher = optStr(o, "teacher");
        return m;
    });
}

std::string Join::encode() const {
    Object o;
    o.set("code", code);
    return net::toJson(o);
}

Join Join::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) { return Join{str(o, "code", 64)}; });
}

std::string Resume::encode() const {
    Object o;
    o.set("token", token);
    return net::toJson(o);
}

Resume Resume::decode(const std::string& payload) {
    return decoding(kType, payload,
                    [](const Object::Ptr& o) { return Resume{str(o, "token", 128)}; });
}

std::string Joined::encode() const {
    Object o;
    o.set("token", token);
    o.set("classId", classId);
    o.set("className", className);
    o.set("pinRequired", pinRequired);
    Array::Ptr a = new Array;
    for (const auto& l : roster) {
        Object::Ptr x = ordered();
        x->set("id", l.id);
        x->set("name", l.name);
        x->set("picture", l.picture);
        x->set("language", l.language);
        x->set("pin", l.pin);
        a->add(x);
    }
    o.set("roster", a);
    return net::toJson(o);
}

Joined Joined::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        Joined m;
        m.token = str(o, "token", 128);
        m.classId = optStr(o, "classId", 128);
        m.className = optStr(o, "className", 200);
        m.pinRequired = o->has("pinRequired") && boolean(o, "pinRequired");
        if (const auto a = array(o, "roster")) {
            for (std::size_t i = 0; i < a->size() && i < kMaxRoster; ++i) {
                const auto x = element(a, i, "roster");
                m.roster.push_back({str(x, "id", 128), str(x, "name", 200),
                                    optStr(x, "picture", 200), optStr(x, "language", 16),
                                    boolean(x, "pin")});
            }
        }
        return m;
    });
}

std::string Refused::encode() const {
    Object o;
    o.set("reason", reason);
    o.set("message", message);
    return net::toJson(o);
}

Refused Refused::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        return Refused{optStr(o, "reason", 32), optStr(o, "message", 1000)};
    });
}

std::string SignIn::encode() const {
    Object o;
    o.set("learner", learner);
    if (!token.empty()) {
        o.set("token", token);
    }
    if (!pin.empty()) {
        o.set("pin", pin);
    }
    return net::toJson(o);
}

SignIn SignIn::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        return SignIn{str(o, "learner", 128), optStr(o, "token", 128), optStr(o, "pin", 32)};
    });
}

std::string SignedIn::encode() const {
    Object o;
    o.set("learner", learner);
    o.set("ok", ok);
    if (ok) {
        o.set("token", token);
    } else {
        o.set("reason", reason);
    }
    return net::toJson(o);
}

SignedIn SignedIn::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        SignedIn m;
        m.learner = str(o, "learner", 128);
        m.ok = boolean(o, "ok");
        if (m.ok) {
            m.token = str(o, "token", 128);
        } else {
            m.reason = optStr(o, "reason", 32);
        }
        return m;
    });
}

std::string SignOut::encode() const {
    Object o;
    o.set("learner", learner);
    return net::toJson(o);
}

SignOut SignOut::decode(const std::string& payload) {
    return decoding(kType, payload,
                    [](const Object::Ptr& o) { return SignOut{str(o, "learner", 128)}; });
}

// ---- presence ----

std::string Presence::encode() const {
    Object o;
    o.set("learner", learner);
    o.set("state", state);
    o.set("page", page);
    if (!course.empty()) {
        o.set("course", course);
    }
    if (!content.empty()) {
        o.set("content", content);
    }
    if (drill) {
        o.set("drill", drill->drill);
        o.set("done", drill->done);
        o.set("total", drill->total);
    }
    return net::toJson(o);
}

Presence Presence::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        static const char* const kStates[] = {"reading", "answering",  "done",
                                              "idle",    "needs help", "drill"};
        Presence m;
        m.learner = str(o, "learner", 128);
        m.state = str(o, "state", 32);
        if (std::find(std::begin(kStates), std::end(kStates), m.state) == std::end(kStates)) {
            throw ProtocolError("unknown state \"" + m.state + "\"");
        }
        // Drill progress is a PC's word only: bounded, and a step past the end is refused like
        // any other malformed message. Without "drill" it is a drill opened by the learner.
        if (m.state == "drill" && o->has("drill")) {
            DrillProgress d;
            d.drill = str(o, "drill", 128);
            const auto total = integer(o, "total", 1, DrillProgress::kMaxSteps);
            d.total = static_cast<int>(total);
            d.done = static_cast<int>(integer(o, "done", 0, total));
            m.drill = d;
        }
        m.page = optStr(o, "page", 128);
        m.course = optStr(o, "course", 256);
        m.content = optStr(o, "content", 256);
        return m;
    });
}

std::string Hand::encode() const {
    Object o;
    o.set("learner", learner);
    o.set("up", up);
    return net::toJson(o);
}

Hand Hand::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        return Hand{str(o, "learner", 128), boolean(o, "up")};
    });
}

// ---- sync ----

Object::Ptr eventToJson(const store::Event& e) {
    Object::Ptr o = ordered();
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

store::Event eventFromJson(const Object::Ptr& o) {
    store::Event e;
    e.device = str(o, "device", 64);
    e.seq = integer(o, "seq", 1, INT64_MAX);
    e.learner = str(o, "learner", 128);
    e.course = str(o, "course", 256);
    e.content = str(o, "content", 256);
    e.attempt = static_cast<int>(integer(o, "attempt", 1, 1000000));
    e.item = optStr(o, "item", 256);
    if (!store::fromString(str(o, "kind", 32), e.kind)) {
        throw ProtocolError("unknown event kind");
    }
    e.atMs = integer(o, "at", 0, INT64_MAX);
    if (e.kind == store::EventKind::Status && !store::fromString(str(o, "status", 32), e.status)) {
        throw ProtocolError("unknown status");
    }
    const auto optNumber = [&](const char* key) -> std::optional<double> {
        return o->has(key) ? std::optional<double>(number(o, key)) : std::nullopt;
    };
    e.scoreRaw = optNumber("raw");
    e.scoreMax = optNumber("max");
    e.durationMs = o->has("duration") ? integer(o, "duration", 0, store::kMaxDurationMs) : 0;
    e.text = optStr(o, "text", 256 * 1024);
    e.result = optStr(o, "result", 32);
    e.latencyMs = o->has("latency") ? integer(o, "latency", 0, store::kMaxDurationMs) : 0;
    if (const std::string why = e.invalidReason(); !why.empty()) {
        throw ProtocolError(why);
    }
    return e;
}

std::string Events::encode() const {
    Object o;
    Array::Ptr a = new Array;
    for (const auto& e : events) {
        a->add(eventToJson(e));
    }
    o.set("events", a);
    return net::toJson(o);
}

Events Events::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        const auto a = array(o, "events");
        if (!a || a->size() > kMaxEvents) {
            throw ProtocolError("Events needs an \"events\" list of at most 1000");
        }
        Events m;
        for (std::size_t i = 0; i < a->size(); ++i) {
            m.events.push_back(eventFromJson(element(a, i, "events")));
        }
        return m;
    });
}

std::string EventsAck::encode() const {
    Object o;
    Array::Ptr a = new Array;
    for (const auto s : seqs) {
        a->add(s);
    }
    o.set("seqs", a);
    return net::toJson(o);
}

EventsAck EventsAck::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        const auto a = array(o, "seqs");
        if (!a) {
            throw ProtocolError("EventsAck without seqs");
        }
        EventsAck m;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto v = a->get(static_cast<unsigned>(i));
            if (!v.isInteger()) {
                throw ProtocolError("an element of \"seqs\" is not a whole number");
            }
            m.seqs.push_back(v.convert<std::int64_t>());
        }
        return m;
    });
}

} // namespace ayllu::classroom::msg
