#include "ayllu/classroom/class_state.h"
#include "ayllu/net/protocol.h"

#include <Poco/JSON/Array.h>

namespace ayllu::classroom {

const char* toString(Mode m) {
    switch (m) {
    case Mode::Paced:
        return "paced";
    case Mode::SelfPaced:
        return "self-paced";
    case Mode::Idle:
        break;
    }
    return "idle";
}

std::string saveState(const ClassState& s) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("mode", toString(s.mode));
    o.set("course", s.course);
    o.set("lesson", s.lesson);
    o.set("page", s.page);
    o.set("lockAll", s.lockAll);
    Poco::JSON::Array::Ptr locked = new Poco::JSON::Array;
    for (const auto& d : s.lockedDevices) {
        locked->add(d);
    }
    o.set("lockedDevices", locked);
    if (s.quizActive) {
        Poco::JSON::Object::Ptr q = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        q->set("course", s.quiz.course);
        q->set("content", s.quiz.content);
        q->set("quizId", s.quiz.quizId);
        q->set("attempt", s.quiz.attempt);
        q->set("oneByOne", s.quiz.oneByOne);
        q->set("visible", s.quiz.visible);
        q->set("open", s.quiz.open);
        q->set("revealed", s.quiz.revealed);
        q->set("deadlineMs", s.quiz.deadlineMs);
        q->set("seed", static_cast<std::int64_t>(s.quiz.seed));
        o.set("quiz", q);
    }
    Poco::JSON::Object::Ptr d = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    d->set("active", s.drillActive);
    d->set("course", s.drill.course);
    d->set("content", s.drill.content);
    d->set("all", s.drill.all);
    Poco::JSON::Array::Ptr devices = new Poco::JSON::Array;
    for (const auto& x : s.drill.devices) {
        devices->add(x);
    }
    d->set("devices", devices);
    d->set("round", s.drill.round);
    o.set("drill", d);
    return net::toJson(o);
}

ClassState loadState(const std::string& json) {
    ClassState s;
    if (json.empty()) {
        return s;
    }
    try {
        const auto o = net::parsePayload(net::Frame{net::MsgType::ClassState, json});
        const std::string mode = net::str(o, "mode");
        s.mode = mode == "paced"        ? Mode::Paced
                 : mode == "self-paced" ? Mode::SelfPaced
                                        : Mode::Idle;
        s.course = net::optStr(o, "course");
        s.lesson = net::optStr(o, "lesson");
        s.page = net::optStr(o, "page");
        s.lockAll = net::boolean(o, "lockAll");
        if (const auto arr = o->getArray("lockedDevices")) {
            for (std::size_t i = 0; i < arr->size(); ++i) {
                s.lockedDevices.insert(arr->getElement<std::string>(static_cast<unsigned>(i)));
            }
        }
        if (const auto q = o->getObject("quiz")) {
            s.quizActive = true;
            s.quiz.course = net::str(q, "course");
            s.quiz.content = net::str(q, "content");
            s.quiz.quizId = net::optStr(q, "quizId");
            s.quiz.attempt = static_cast<int>(net::integer(q, "attempt", 1, 1000000));
            s.quiz.oneByOne = net::boolean(q, "oneByOne");
            s.quiz.visible = static_cast<int>(net::integer(q, "visible", 0, 100000));
            s.quiz.open = net::boolean(q, "open");
            s.quiz.revealed = net::boolean(q, "revealed");
            s.quiz.deadlineMs = net::integer(q, "deadlineMs", 0, INT64_MAX);
            s.quiz.seed = static_cast<unsigned>(net::integer(q, "seed", 0, UINT32_MAX));
        }
        if (const auto d = o->getObject("drill")) {
            s.drillActive = net::boolean(d, "active");
            s.drill.course = net::optStr(d, "course");
            s.drill.content = net::optStr(d, "content");
            s.drill.all = net::boolean(d, "all");
            if (const auto arr = d->getArray("devices")) {
                for (std::size_t i = 0; i < arr->size(); ++i) {
                    s.drill.devices.insert(arr->getElement<std::string>(static_cast<unsigned>(i)));
                }
            }
            s.drill.round = static_cast<int>(net::integer(d, "round", 0, 1000000000));
        }
    } catch (const std::exception&) {
        return ClassState{};
    }
    return s;
}

} // namespace ayllu::classroom
