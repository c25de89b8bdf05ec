#include "ayllu/quiz/reveal.h"

#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/quiz/response.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <cctype>
#include <map>

namespace ayllu::quiz {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::JSON::Parser;

namespace {

// The public view or the answer key (JSON objects); nothing when it does not parse.
Poco::Dynamic::Var parse(const std::string& json) {
    if (json.empty()) {
        return {};
    }
    try {
        Parser p;
        return p.parse(json);
    } catch (const std::exception&) {
        return {};
    }
}

Object::Ptr object(const Poco::Dynamic::Var& v) {
    try {
        return v.extract<Object::Ptr>();
    } catch (const std::exception&) {
        return nullptr;
    }
}

std::string text(const Poco::Dynamic::Var& v) {
    try {
        return v.isEmpty() ? std::string() : v.convert<std::string>();
    } catch (const std::exception&) {
        return {};
    }
}

// The text of a {lang: text} object in `lang`, else Spanish, else the first one.
std::string pick(const Object::Ptr& texts, const std::string& lang) {
    if (!texts) {
        return {};
    }
    for (const std::string& l : {lang, std::string("es")}) {
        if (texts->has(l)) {
            return text(texts->get(l));
        }
    }
    return texts->size() > 0 ? text(texts->get(*texts->getNames().begin())) : std::string();
}

std::string join(const std::vector<std::string>& parts, const char* sep = ", ") {
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : sep) + p;
    }
    return out;
}

std::string trimLower(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (!std::isspace(static_cast<unsigned char>(c)) || (!out.empty() && out.back() != ' ')) {
            out += std::isspace(static_cast<unsigned char>(c))
                       ? ' '
                       : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::string number(double v) {
    std::string s = i18n::toArg(v);
    std::replace(s.begin(), s.end(), '.', ',');
    return s; // Spanish writes a decimal comma; the learners' screens are Spanish-first
}

} // namespace

std::vector<std::pair<std::string, std::string>>
publicOptions(const std::string& publicJson, const char* key, const std::string& language) {
    return publicOptions(object(parse(publicJson)), key, language);
}

std::vector<std::pair<std::string, std::string>>
publicOptions(const Object::Ptr& q, const char* key, const std::string& language) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!q) {
        return out;
    }
    if (const auto arr = q->getArray(key)) {
        for (std::size_t i = 0; i < arr->size(); ++i) {
            if (const auto o = arr->getObject(static_cast<unsigned>(i))) {
                out.emplace_back(text(o->get("id")), pick(o->getObject("text"), language));
            }
        }
    }
    return out;
}

std::vector<RevealPart> describeReveal(const std::string& publicJson, const std::string& keyJson,
                                       const std::string& responseJson, const std::string& result,
                                       const std::string& language) {
    return describeReveal(object(parse(publicJson)), keyJson, responseJson, result, language);
}

std::vector<RevealPart> describeReveal(const Object::Ptr& q, const std::string& keyJson,
                                       const std::string& responseJson, const std::string& result,
                                       const std::string& language) {
    std::vector<RevealPart> parts;
    const auto key = object(parse(keyJson));
    if (!q || !key) {
        return parts;
    }
    const Response response = decodeResponse(responseJson).response.value_or(Response{});
    const std::string type = text(q->get("type"));
    const bool correct = result == "correct";
    if (type == "single" || type == "multiple") {
        const auto options = publicOptions(q, "choices", language);
        const auto weights = key->getObject("weights");
        const std::vector<std::string> chosen = response.asIds();
        RevealPart p;
        std::vector<std::string> yours, right;
        for (const auto& [id, t] : options) {
            if (std::find(chosen.begin(), chosen.end(), id) != chosen.end()) {
                yours.push_back(t);
            }
            double w = 0;
            try {
                w = weights && weights->has(id) ? weights->getValue<double>(id) : 0;
            } catch (const std::exception&) {
            }
            if (w > 0) {
                right.push_back(t);
            }
        }
        p.yours = join(yours);
        p.right = join(right);
        p.ok = correct;
        parts.push_back(p);
    } else if (type == "truefalse") {
        const auto word = [](bool b) { return std::string(b ? _("True") : _("False")); };
        RevealPart p;
        if (const auto* b = response.truthValue()) {
            p.yours = word(*b);
        }
        try {
            p.right = word(key->getValue<bool>("answer"));
        } catch (const std::exception&) {
        }
        p.ok = correct;
        parts.push_back(p);
    } else if (type == "short") {
        RevealPart p;
        p.yours = response.asText();
        std::vector<std::string> accepted;
        if (const auto a = key->getArray("accepted")) {
            for (std::size_t i = 0; i < a->size(); ++i) {
                accepted.push_back(text(a->get(static_cast<unsigned>(i))));
            }
        }
        p.right = join(accepted, " / ");
        p.ok = correct;
        parts.push_back(p);
    } else if (type == "numeric") {
        RevealPart p;
        p.yours = response.asText();
        std::vector<std::string> ranges;
        if (const auto a = key->getArray("ranges")) {
            for (std::size_t i = 0; i < a->size(); ++i) {
                const auto r = a->getArray(static_cast<unsigned>(i));
                if (!r || r->size() != 2) {
                    continue;
                }
                const double lo = r->getElement<double>(0);
                const double hi = r->getElement<double>(1);
                ranges.push_back(lo == hi ? number(lo)
                                          : i18n::fmt(_("from %1 to %2"), number(lo), number(hi)));
            }
        }
        p.right = join(ranges, " / ");
        p.ok = correct;
        parts.push_back(p);
    } else if (type == "matching") {
        std::map<std::string, std::string> rights;
        for (const auto& [id, t] : publicOptions(q, "right", language)) {
            rights[id] = t;
        }
        const auto pairs = key->getObject("pairs");
        for (const auto& [lid, left] : publicOptions(q, "left", language)) {
            RevealPart p;
            p.label = left;
            const std::string mine = response.entry(lid);
            const std::string good = pairs && pairs->has(lid) ? text(pairs->get(lid)) : "";
            p.yours = rights.count(mine) != 0 ? rights[mine] : "";
            p.right = rights.count(good) != 0 ? rights[good] : "";
            p.ok = !mine.empty() && mine == good;
            parts.push_back(p);
        }
    } else if (type == "ordering") {
        std::map<std::string, std::string> items;
        for (const auto& [id, t] : publicOptions(q, "items", language)) {
            items[id] = t;
        }
        const std::vector<std::string> mine = response.asIds();
        const auto order = key->getArray("order");
        const std::size_t n = order ? order->size() : 0;
        for (std::size_t i = 0; i < n; ++i) {
            RevealPart p;
            p.label = std::to_string(i + 1) + ".";
            const std::string good = text(order->get(static_cast<unsigned>(i)));
            const std::string given = i < mine.size() ? mine[i] : "";
            p.yours = items.count(given) != 0 ? items[given] : "";
            p.right = items.count(good) != 0 ? items[good] : good;
            p.ok = !given.empty() && given == good;
            parts.push_back(p);
        }
    } else if (type == "fill") {
        const auto blanks = key->getObject("blanks");
        if (const auto ids = q->getArray("blanks")) {
            for (std::size_t i = 0; i < ids->size(); ++i) {
                const std::string bid = text(ids->get(static_cast<unsigned>(i)));
                RevealPart p;
                p.label = "(" + bid + ")";
                p.yours = response.entry(bid);
                std::vector<std::string> accepted;
                if (const auto a = blanks ? blanks->getArray(bid) : nullptr) {
                    for (std::size_t k = 0; k < a->size(); ++k) {
                        accepted.push_back(text(a->get(static_cast<unsigned>(k))));
                    }
                }
                p.right = join(accepted, " / ");
                p.ok = !p.yours.empty() &&
                       std::any_of(accepted.begin(), accepted.end(), [&](const std::string& a) {
                           return trimLower(a) == trimLower(p.yours);
                       });
                parts.push_back(p);
            }
        }
    }
    // The teacher's grade decides (its text rules ignore accents, follow case settings...):
    // all right or all wrong, every part says so; only a partial grade keeps the parts' own.
    if (result == "correct" || result == "incorrect") {
        for (auto& p : parts) {
            p.ok = result == "correct";
        }
    }
    return parts;
}

std::vector<int> optionCounts(const std::vector<std::string>& options,
                              const std::vector<std::pair<std::string, int>>& responses) {
    std::vector<int> counts(options.size(), 0);
    for (const auto& [json, n] : responses) {
        const Response r = decodeResponse(json).response.value_or(Response{});
        std::vector<std::string> chosen = r.asIds();
        if (const auto* number = r.numberValue()) {
            chosen.push_back(formatNumber(*number));
        } else if (const auto* b = r.truthValue()) {
            chosen.push_back(*b ? "true" : "false");
        }
        for (std::size_t i = 0; i < options.size(); ++i) {
            if (std::find(chosen.begin(), chosen.end(), options[i]) != chosen.end()) {
                counts[i] += n;
            }
        }
    }
    return counts;
}

QuestionSummary summarize(const course::Question& q, const std::map<std::string, int>& responses,
                          const std::string& language) {
    QuestionSummary out;
    out.prompt = q.prompt.best(language);
    for (std::size_t at = out.prompt.find("{{"); at != std::string::npos;
         at = out.prompt.find("{{", at)) {
        const auto end = out.prompt.find("}}", at);
        if (end == std::string::npos) {
            break;
        }
        const std::string shown = "(" + out.prompt.substr(at + 2, end - at - 2) + ") ____";
        out.prompt.replace(at, end + 2 - at, shown);
        at += shown.size();
    }
    const std::string view = publicQuestion(q, 0);
    const std::string key = answerKey(q, 0);
    std::vector<std::pair<std::string, int>> given(responses.begin(), responses.end());
    std::vector<std::pair<std::string, std::string>> options;
    if (q.type == course::QuestionType::TrueFalse) {
        options = {{"true", _("True")}, {"false", _("False")}};
    } else if (q.type == course::QuestionType::Single || q.type == course::QuestionType::Multiple) {
        options = publicOptions(view, "choices", language);
    }
    std::vector<std::string> ids;
    for (const auto& o : options) {
        ids.push_back(o.first);
    }
    const auto counts = optionCounts(ids, given);
    for (std::size_t i = 0; i < options.size(); ++i) {
        bool right = false;
        if (q.type == course::QuestionType::TrueFalse) {
            right = (options[i].first == "true") == q.answer;
        } else {
            for (const auto& c : q.choices) {
                right = right || (c.id == options[i].first && c.weight > 0);
            }
        }
        out.options.push_back({options[i].second, counts[i], right});
    }
    std::vector<std::string> rights;
    for (const auto& part : describeReveal(view, key, "", "", language)) {
        rights.push_back(part.label.empty() ? part.right : part.label + " → " + part.right);
    }
    out.right = join(rights, "; ");
    return out;
}

} // namespace ayllu::quiz
