#include "ayllu/quiz/grading.h"

#include "ayllu/text.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

namespace ayllu::quiz {

using course::QuestionType;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr ltext(const course::LText& t) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [lang, value] : t.byLang) {
        o->set(lang, value);
    }
    return o;
}

Grade fromFraction(const course::Question& q, double fraction) {
    Grade g;
    g.maxPoints = q.points;
    fraction = std::clamp(fraction, 0.0, 1.0);
    g.points = q.points * fraction;
    g.result = fraction >= 0.9999 ? "correct" : fraction > 0 ? "partial" : "incorrect";
    return g;
}

std::optional<double> asNumber(const Response& r) {
    if (const auto* n = r.numberValue()) {
        return *n;
    }
    if (const auto* t = r.textValue()) {
        std::string s = text::trim(*t);
        std::replace(s.begin(), s.end(), ',', '.'); // "3,5" is how many learners write it
        char* end = nullptr;
        errno = 0;
        const double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && end != s.c_str() && *end == '\0' && errno == 0 && std::isfinite(d)) {
            return d;
        }
    }
    return std::nullopt;
}

double bestAccept(const course::Question& q, const std::vector<course::Accept>& accepts,
                  const std::string& given) {
    double best = 0;
    for (const auto& a : accepts) {
        if (sameAnswer(q, given, a.text)) {
            best = std::max(best, a.weight / 100.0);
        }
    }
    return best;
}

} // namespace

std::string rightOptionId(const std::string& id, unsigned seed) {
    std::uint32_t h = 2166136261u; // FNV-1a over the seed's bytes, then the id
    for (int k = 0; k < 4; ++k) {
        h = (h ^ ((seed >> (8 * k)) & 0xffu)) * 16777619u;
    }
    for (unsigned char c : id) {
        h = (h ^ c) * 16777619u;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "r%08x", h);
    return buf;
}

bool sameAnswer(const course::Question& q, const std::string& given, const std::string& accepted) {
    std::string a = text::collapseSpace(given);
    std::string b = text::collapseSpace(accepted);
    if (!q.accentSensitive) {
        a = text::stripAccents(a);
        b = text::stripAccents(b);
    }
    if (!q.caseSensitive) {
        a = text::toLower(a);
        b = text::toLower(b);
    }
    return a == b;
}

Grade grade(const course::Question& q, const std::string& responseJson, unsigned seed) {
    if (text::trim(responseJson).empty()) {
        return Grade{"unanswered", 0, q.points};
    }
    const auto decoded = decodeResponse(responseJson);
    if (!decoded.response) {
        return Grade{"invalid", 0, q.points};
    }
    return grade(q, *decoded.response, seed);
}

Grade grade(const course::Question& q, const Response& r, unsigned seed) {
    const Grade invalid{"invalid", 0, q.points};
    if (r.empty()) {
        return Grade{"unanswered", 0, q.points};
    }
    switch (q.type) {
    case QuestionType::Single: {
        const auto* id = r.textValue();
        if (!id) {
            return invalid;
        }
        for (const auto& c : q.choices) {
            if (c.id == *id) {
                return fromFraction(q, c.weight / 100.0);
            }
        }
        return invalid;
    }
    case QuestionType::Multiple: {
        const auto* ids = r.idsValue();
        if (!ids) {
            return invalid;
        }
        const std::set<std::string> chosen(ids->begin(), ids->end());
        double sum = 0;
        std::size_t known = 0;
        for (const auto& c : q.choices) {
            if (chosen.count(c.id)) {
                sum += c.weight;
                ++known;
            }
        }
        if (known != chosen.size()) {
            return invalid;
        }
        return fromFraction(q, sum / 100.0);
    }
    case QuestionType::TrueFalse: {
        const auto* b = r.truthValue();
        if (!b) {
            return invalid;
        }
        return fromFraction(q, *b == q.answer ? 1.0 : 0.0);
    }
    case QuestionType::Short: {
        const auto* s = r.textValue();
        if (!s) {
            return invalid;
        }
        return fromFraction(q, bestAccept(q, q.accepts, *s));
    }
    case QuestionType::Numeric: {
        const auto n = asNumber(r);
        if (!n) {
            return invalid;
        }
        double best = 0;
        for (const auto& a : q.numeric) {
            // A little slack for decimals typed by people: 0.1 + 0.2 style rounding.
            const double eps = 1e-9 * std::max(1.0, std::fabs(*n));
            if (*n >= a.low() - eps && *n <= a.high() + eps) {
                best = std::max(best, a.weight / 100.0);
            }
        }
        return fromFraction(q, best);
    }
    case QuestionType::Matching: {
        if (!r.entriesValue() || q.pairs.empty()) {
            return invalid;
        }
        int right = 0;
        for (const auto& p : q.pairs) {
            if (r.entry(p.id) == rightOptionId(p.id, seed)) {
                ++right;
            }
        }
        return fromFraction(q, static_cast<double>(right) / q.pairs.size());
    }
    case QuestionType::Ordering: {
        const auto* ids = r.idsValue();
        if (!ids || ids->size() != q.sequence.size()) {
            return invalid;
        }
        for (std::size_t i = 0; i < q.sequence.size(); ++i) {
            if ((*ids)[i] != q.sequence[i].id) {
                return fromFraction(q, 0);
            }
        }
        return fromFraction(q, 1);
    }
    case QuestionType::Fill: {
        if (!r.entriesValue() || q.blanks.empty()) {
            return invalid;
        }
        double sum = 0;
        for (const auto& b : q.blanks) {
            for (const auto& [blank, given] : *r.entriesValue()) {
                if (blank == b.id) {
                    sum += bestAccept(q, b.accepts, given);
                    break;
                }
            }
        }
        return fromFraction(q, sum / static_cast<double>(q.blanks.size()));
    }
    }
    return invalid;
}

unsigned deviceSeed(unsigned quizSeed, const std::string& device) {
    std::uint32_t h = 2166136261u ^ quizSeed; // FNV-1a of the device id, from the quiz's seed
    for (unsigned char c : device) {
        h = (h ^ c) * 16777619u;
    }
    return h;
}

Object::Ptr publicView(const course::Question& q, unsigned seed, bool shuffleChoices) {
    Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Object& o = *out;
    o.set("id", q.id);
    o.set("type", course::toString(q.type));
    o.set("points", q.points);
    o.set("timeLimit", q.timeLimit);
    o.set("prompt", ltext(q.prompt));
    // Each question its own permutation (the same seed for every question would put a first-
    // written right answer in the same place on a PC every time).
    std::mt19937 rng(deviceSeed(seed, q.id));
    const auto options = [&](const std::vector<course::Choice>& list, bool shuffle) {
        std::vector<const course::Choice*> order;
        for (const auto& c : list) {
            order.push_back(&c);
        }
        if (shuffle) {
            std::shuffle(order.begin(), order.end(), rng);
        }
        Array::Ptr a = new Array;
        for (const auto* c : order) {
            Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            x->set("id", c->id);
            x->set("text", ltext(c->text));
            a->add(x);
        }
        return a;
    };
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple:
        o.set("choices", options(q.choices, shuffleChoices));
        break;
    case QuestionType::Ordering:
        o.set("items", options(q.sequence, true));
        break;
    case QuestionType::Matching: {
        Array::Ptr lefts = new Array;
        std::vector<std::pair<std::string, const course::LText*>> rights;
        for (const auto& p : q.pairs) {
            Object::Ptr l = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            l->set("id", p.id);
            l->set("text", ltext(p.left));
            lefts->add(l);
            rights.emplace_back(rightOptionId(p.id, seed), &p.right);
        }
        int d = 0;
        for (const auto& t : q.distractors) {
            rights.emplace_back(rightOptionId("distractor-" + std::to_string(++d), seed), &t);
        }
        // Right-hand ids are opaque and shuffled, so they do not give the pairing away.
        std::sort(rights.begin(), rights.end());
        std::shuffle(rights.begin(), rights.end(), rng);
        Array::Ptr r = new Array;
        for (const auto& [id, t] : rights) {
            Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
            x->set("id", id);
            x->set("text", ltext(*t));
            r->add(x);
        }
        o.set("left", lefts);
        o.set("right", r);
        break;
    }
    case QuestionType::Fill: {
        Array::Ptr blanks = new Array;
        for (const auto& b : q.blanks) {
            blanks->add(b.id);
        }
        o.set("blanks", blanks);
        break;
    }
    case QuestionType::TrueFalse:
    case QuestionType::Short:
    case QuestionType::Numeric:
        break;
    }
    return out;
}

std::string publicQuestion(const course::Question& q, unsigned seed, bool shuffleChoices) {
    std::ostringstream out;
    publicView(q, seed, shuffleChoices)->stringify(out);
    return out.str();
}

Object::Ptr answerKeyView(const course::Question& q, unsigned seed) {
    Object::Ptr out = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Object& o = *out;
    o.set("id", q.id);
    switch (q.type) {
    case QuestionType::Single:
    case QuestionType::Multiple: {
        Object::Ptr w = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& c : q.choices) {
            w->set(c.id, c.weight);
        }
        o.set("weights", w);
        break;
    }
    case QuestionType::TrueFalse:
        o.set("answer", q.answer);
        break;
    case QuestionType::Short: {
        Array::Ptr a = new Array;
        for (const auto& x : q.accepts) {
            a->add(x.text);
        }
        o.set("accepted", a);
        break;
    }
    case QuestionType::Numeric: {
        Array::Ptr a = new Array;
        for (const auto& x : q.numeric) {
            Array::Ptr range = new Array;
            range->add(x.low());
            range->add(x.high());
            a->add(range);
        }
        o.set("ranges", a);
        break;
    }
    case QuestionType::Matching: {
        Object::Ptr m = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& p : q.pairs) {
            m->set(p.id, rightOptionId(p.id, seed));
        }
        o.set("pairs", m);
        break;
    }
    case QuestionType::Ordering: {
        Array::Ptr a = new Array;
        for (const auto& s : q.sequence) {
            a->add(s.id);
        }
        o.set("order", a);
        break;
    }
    case QuestionType::Fill: {
        Object::Ptr b = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        for (const auto& blank : q.blanks) {
            Array::Ptr a = new Array;
            for (const auto& x : blank.accepts) {
                a->add(x.text);
            }
            b->set(blank.id, a);
        }
        o.set("blanks", b);
        break;
    }
    }
    return out;
}

std::string answerKey(const course::Question& q, unsigned seed) {
    std::ostringstream out;
    answerKeyView(q, seed)->stringify(out);
    return out.str();
}

} // namespace ayllu::quiz
