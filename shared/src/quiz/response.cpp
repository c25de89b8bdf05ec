#include "ayllu/quiz/response.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace ayllu::quiz {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

void quote(std::ostream& out, const std::string& s) {
    Poco::JSON::Stringifier::formatString(s, out);
}

DecodedResponse refused(std::string reason) {
    return DecodedResponse{std::nullopt, std::move(reason)};
}

DecodedResponse accepted(Response r) {
    return DecodedResponse{std::move(r), {}};
}

} // namespace

std::string formatNumber(double n) {
    if (!std::isfinite(n)) {
        return "0";
    }
    char buf[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, n);
        if (std::strtod(buf, nullptr) == n) {
            break;
        }
    }
    return buf;
}

std::string Response::asText() const {
    if (const auto* t = textValue()) {
        return *t;
    }
    if (const auto* n = numberValue()) {
        return formatNumber(*n);
    }
    return {};
}

Response::Ids Response::asIds() const {
    if (const auto* ids = idsValue()) {
        return *ids;
    }
    if (const auto* t = textValue()) {
        return {*t};
    }
    return {};
}

std::string Response::entry(const std::string& key) const {
    std::string out;
    if (const auto* e = entriesValue()) {
        for (const auto& [k, v] : *e) {
            if (k == key) {
                out = v;
            }
        }
    }
    return out;
}

std::string encodeResponse(const Response& r) {
    std::ostringstream out;
    std::visit(
        [&out](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                out << "null";
            } else if constexpr (std::is_same_v<T, bool>) {
                out << (v ? "true" : "false");
            } else if constexpr (std::is_same_v<T, double>) {
                out << formatNumber(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                quote(out, v);
            } else if constexpr (std::is_same_v<T, Response::Ids>) {
                out << '[';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out << (i ? "," : "");
                    quote(out, v[i]);
                }
                out << ']';
            } else {
                out << '{';
                for (std::size_t i = 0; i < v.size(); ++i) {
                    out << (i ? "," : "");
                    quote(out, v[i].first);
                    out << ':';
                    quote(out, v[i].second);
                }
                out << '}';
            }
        },
        r.value);
    return out.str();
}

DecodedResponse decodeResponse(const std::string& json) {
    if (json.size() > kMaxResponseBytes) {
        return refused("longer than " + std::to_string(kMaxResponseBytes) + " bytes");
    }
    Var value;
    try {
        // Poco 1.11's parser rejects top-level scalars ("a", 2, true), so the response is
        // parsed as the only element of an array. Keys keep the order they were written in;
        // nothing deeper than a list of texts is read at all.
        Poco::JSON::Parser p(new Poco::JSON::ParseHandler(true));
        p.setDepth(3);
        const auto wrapped = p.parse("[" + json + "]").extract<Array::Ptr>();
        if (!wrapped || wrapped->size() != 1) {
            return refused("not one JSON value");
        }
        value = wrapped->get(0);
    } catch (const Poco::Exception& e) {
        return refused("not JSON (or nested): " + e.displayText());
    } catch (const std::exception& e) {
        return refused(std::string("not JSON: ") + e.what());
    }
    try {
        if (value.isEmpty()) {
            return accepted(Response{});
        }
        if (value.isBoolean()) {
            return accepted(Response::truth(value.convert<bool>()));
        }
        if (value.isString()) {
            return accepted(Response::text(value.extract<std::string>()));
        }
        if (value.isNumeric()) {
            const double d = value.convert<double>();
            if (!std::isfinite(d)) {
                return refused("a number that is not finite");
            }
            return accepted(Response::number(d));
        }
        if (value.type() == typeid(Array::Ptr)) {
            const auto arr = value.extract<Array::Ptr>();
            if (arr->size() > kMaxResponseItems) {
                return refused("more than " + std::to_string(kMaxResponseItems) + " items");
            }
            Response::Ids ids;
            for (std::size_t i = 0; i < arr->size(); ++i) {
                const Var item = arr->get(static_cast<unsigned>(i));
                if (!item.isString()) {
                    return refused("item " + std::to_string(i + 1) + " of the list is not a text");
                }
                ids.push_back(item.extract<std::string>());
            }
            return accepted(Response::order(std::move(ids)));
        }
        if (value.type() == typeid(Object::Ptr)) {
            const auto obj = value.extract<Object::Ptr>();
            if (obj->size() > kMaxResponseItems) {
                return refused("more than " + std::to_string(kMaxResponseItems) + " items");
            }
            Response::Entries entries;
            for (const auto& key : obj->getNames()) {
                const Var item = obj->get(key);
                if (!item.isString()) {
                    return refused("the value of \"" + key + "\" is not a text");
                }
                entries.emplace_back(key, item.extract<std::string>());
            }
            return accepted(Response::entries(std::move(entries)));
        }
    } catch (const Poco::Exception& e) {
        return refused("unreadable value: " + e.displayText());
    }
    return refused("not a response's shape");
}

} // namespace ayllu::quiz
