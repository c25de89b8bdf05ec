#include "message_reads.h"

namespace ayllu::classroom::msg {

using namespace detail;

// ---- ClassState ----

std::string ClassStateMsg::encode() const {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("mode", toString(mode));
    o.set("course", course);
    o.set("lesson", lesson);
    o.set("page", page);
    o.set("locked", locked);
    Array::Ptr h = new Array;
    for (const auto& learner : hands) {
        h->add(learner);
    }
    o.set("hands", h);
    if (drill) {
        Object::Ptr d = ordered();
        d->set("course", drill->course);
        d->set("content", drill->content);
        d->set("round", drill->round);
        o.set("drill", d);
    }
    if (quiz) {
        Object::Ptr q = ordered();
        q->set("course", quiz->course);
        q->set("content", quiz->content);
        q->set("attempt", quiz->attempt);
        q->set("oneByOne", quiz->oneByOne);
        q->set("open", quiz->open);
        q->set("revealed", quiz->revealed);
        q->set("remainingMs", quiz->remainingMs);
        if (!quiz->title.empty() || !quiz->titles.empty()) {
            q->set("title", quiz->title);
            Object::Ptr titles = ordered();
            for (const auto& [lang, t] : quiz->titles) {
                titles->set(lang, t);
            }
            q->set("titles", titles);
        }
        Array::Ptr questions = new Array;
        for (const auto& x : quiz->questions) {
            questions->add(x);
        }
        q->set("questions", questions);
        o.set("quiz", q);
    }
    return net::toJson(o);
}

ClassStateMsg ClassStateMsg::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        ClassStateMsg m;
        m.mode = modeFrom(str(o, "mode", 32));
        m.course = optStr(o, "course", 256);
        m.lesson = optStr(o, "lesson", 256);
        m.page = optStr(o, "page", 256);
        m.locked = boolean(o, "locked");
        if (const auto h = array(o, "hands")) {
            for (std::size_t i = 0; i < h->size() && i < kMaxHands; ++i) {
                m.hands.insert(element(h, i, "hands", 128));
            }
        }
        if (const auto d = object(o, "drill")) {
            m.drill = DrillHandout{str(d, "course", 256), str(d, "content", 256),
                                   static_cast<int>(integer(d, "round", 0, 1000000000))};
        }
        if (const auto q = object(o, "quiz")) {
            LiveQuizPublic lq;
            lq.course = str(q, "course", 256);
            lq.content = str(q, "content", 256);
            lq.title = optStr(q, "title", 1000);
            if (const auto titles = object(q, "titles")) {
                for (const auto& lang : titles->getNames()) {
                    if (lq.titles.size() < LiveQuizPublic::kMaxTitles && lang.size() <= 16) {
                        lq.titles[lang] = str(titles, lang.c_str(), 1000);
                    }
                }
            }
            lq.attempt = static_cast<int>(integer(q, "attempt", 1, 1000000));
            lq.open = boolean(q, "open");
            lq.revealed = boolean(q, "revealed");
            lq.oneByOne = boolean(q, "oneByOne");
            lq.remainingMs = integer(q, "remainingMs", 0, INT64_MAX);
            if (const auto qs = array(q, "questions")) {
                for (std::size_t i = 0; i < qs->size(); ++i) {
                    const auto x = element(qs, i, "questions");
                    str(x, "id", 256);
                    str(x, "type", 32);
                    lq.questions.push_back(x);
                }
            }
            m.quiz = lq;
        }
        return m;
    });
}

// ---- live_quiz ----

std::string QuizReveal::encode() const {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    Array::Ptr k = new Array;
    for (const auto& x : key) {
        k->add(x);
    }
    o.set("key", k);
    o.set("course", course);
    o.set("content", content);
    o.set("attempt", attempt);
    Object::Ptr all = ordered();
    for (const auto& [learner, items] : results) {
        Object::Ptr mine = ordered();
        for (const auto& [item, r] : items) {
            Object::Ptr x = ordered();
            x->set("result", r.result);
            x->set("points", r.points);
            x->set("max", r.max);
            mine->set(item, x);
        }
        all->set(learner, mine);
    }
    o.set("results", all);
    return net::toJson(o);
}

QuizReveal QuizReveal::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        QuizReveal m;
        m.course = str(o, "course", 256);
        m.content = str(o, "content", 256);
        m.attempt = static_cast<int>(integer(o, "attempt", 1, 1000000));
        if (const auto k = array(o, "key")) {
            for (std::size_t i = 0; i < k->size(); ++i) {
                const auto x = element(k, i, "key");
                str(x, "id", 256);
                m.key.push_back(x);
            }
        }
        if (const auto all = object(o, "results")) {
            for (const auto& learner : all->getNames()) {
                if (learner.size() > 128) {
                    throw ProtocolError("a learner id in \"results\" is too long");
                }
                const auto mine = object(all, learner.c_str());
                auto& out = m.results[learner];
                for (const auto& item : mine ? mine->getNames() : std::vector<std::string>{}) {
                    if (item.size() > 256) {
                        throw ProtocolError("a question id in \"results\" is too long");
                    }
                    const auto r = object(mine, item.c_str());
                    if (!r) {
                        throw ProtocolError("a result is not an object");
                    }
                    out[item] = {str(r, "result", 32), number(r, "points"), number(r, "max")};
                }
            }
        }
        return m;
    });
}

// ---- course_delivery ----

std::string PackageOffer::encode() const {
    Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("identifier", identifier);
    o.set("version", version);
    o.set("size", size);
    o.set("sha256", sha256);
    return net::toJson(o);
}

PackageOffer PackageOffer::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        PackageOffer m;
        m.identifier = str(o, "identifier", 128);
        m.version = str(o, "version", 64);
        m.sha256 = str(o, "sha256", 64);
        m.size = static_cast<std::uint64_t>(integer(o, "size", 1, 1LL << 31));
        if (!plainName(m.identifier) || !plainName(m.version)) {
            throw ProtocolError("a package name that is not a plain file name");
        }
        return m;
    });
}

std::string PackageRequest::encode() const {
    Object o;
    o.set("identifier", identifier);
    o.set("version", version);
    if (have) {
        o.set("have", true);
    } else {
        o.set("offset", offset);
    }
    return net::toJson(o);
}

PackageRequest PackageRequest::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        PackageRequest m;
        m.identifier = str(o, "identifier", 256);
        m.version = str(o, "version", 64);
        m.have = o->has("have") && boolean(o, "have");
        if (!m.have) {
            // The sender checks it against the offer's size.
            m.offset = static_cast<std::uint64_t>(integer(o, "offset", 0, INT64_MAX));
        }
        return m;
    });
}

std::string PackageChunk::encode() const {
    Object h(Poco::JSON_PRESERVE_KEY_ORDER);
    h.set("identifier", identifier);
    h.set("version", version);
    h.set("offset", offset);
    h.set("sha256", sha256);
    return net::encodeChunk(h, bytes);
}

PackageChunk PackageChunk::decode(const std::string& payload) {
    const auto [h, bytes] = net::decodeChunk(net::Frame{kType, payload});
    try {
        PackageChunk m;
        m.identifier = str(h, "identifier", 128);
        m.version = str(h, "version", 64);
        m.offset = static_cast<std::uint64_t>(integer(h, "offset", 0, 1LL << 31));
        m.sha256 = str(h, "sha256", 64);
        m.bytes = bytes;
        return m;
    } catch (const std::exception& e) {
        throw ProtocolError(std::string("PackageChunk: ") + e.what());
    }
}

std::string PackageDone::encode() const {
    Object o;
    o.set("identifier", identifier);
    o.set("version", version);
    o.set("ok", ok);
    if (!ok) {
        o.set("reason", reason);
    }
    return net::toJson(o);
}

PackageDone PackageDone::decode(const std::string& payload) {
    return decoding(kType, payload, [](const Object::Ptr& o) {
        PackageDone m;
        m.ok = boolean(o, "ok");
        m.reason = optStr(o, "reason");
        m.identifier = str(o, "identifier", 256);
        m.version = optStr(o, "version", 64);
        return m;
    });
}

} // namespace ayllu::classroom::msg

namespace ayllu::classroom {

// ---- the console's saved class state (not on the wire, the same rules) ----

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
