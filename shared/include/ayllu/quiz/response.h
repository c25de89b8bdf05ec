// A learner's answer to one quiz question, as typed values, and its JSON form: the text the
// student PC stores in its outbox, sends to the console and the console stores and grades. One
// shape per question type (docs/protocol.md):
//   single "a" | multiple ["a","c"] | truefalse true | short "text" | numeric 3.5 or "3,5"
//   matching {"m1":"r5c0e2a71", ...} (pair id -> opaque right-hand option id, quiz::rightOptionId)
//   ordering ["s2","s1","s3"] | fill {"1":"text", "dos":"text"}
// The JSON comes from another PC: decodeResponse refuses anything outside these shapes, with
// the reason, and never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ayllu::quiz {

struct Response {
    using Ids = std::vector<std::string>; // multiple: the chosen ids; ordering: ids in order
    // matching: pair id -> right-hand option id; fill: blank id -> text. In the order given.
    using Entries = std::vector<std::pair<std::string, std::string>>;
    // Nothing (JSON null, or no answer), true/false, a number, a text (single: a choice id;
    // short, and numeric as typed), a list of ids, or entries.
    std::variant<std::monostate, bool, double, std::string, Ids, Entries> value;

    static Response choice(std::string id) { return {std::move(id)}; }
    static Response choices(Ids ids) { return {std::move(ids)}; }
    static Response truth(bool b) { return {b}; }
    static Response text(std::string t) { return {std::move(t)}; }
    static Response number(double n) { return {n}; }
    static Response order(Ids ids) { return {std::move(ids)}; }
    static Response entries(Entries e) { return {std::move(e)}; }

    bool empty() const { return std::holds_alternative<std::monostate>(value); }
    // Reading it for display, whatever the shape (a missing part reads as nothing):
    const std::string* textValue() const { return std::get_if<std::string>(&value); }
    const double* numberValue() const { return std::get_if<double>(&value); }
    const bool* truthValue() const { return std::get_if<bool>(&value); }
    const Ids* idsValue() const { return std::get_if<Ids>(&value); }
    const Entries* entriesValue() const { return std::get_if<Entries>(&value); }
    // The text or the number as written; "" for other shapes.
    std::string asText() const;
    // The list's ids, or the one text as a list (a single choice); else none.
    Ids asIds() const;
    // The value of entry `key` (the last one of that key); "" when there is none.
    std::string entry(const std::string& key) const;
    bool operator==(const Response& o) const { return value == o.value; }
};

// `n` in the fewest digits that read back as the same number ("3.5", "0.1", "2").
std::string formatNumber(double n);

// Limits of a response from another PC: more is refused, never stored or graded.
constexpr std::size_t kMaxResponseBytes = 64 * 1024;
constexpr std::size_t kMaxResponseItems = 500; // ids of a list, or entries

// The JSON text of `r` ("null" for an empty response).
std::string encodeResponse(const Response& r);

struct DecodedResponse {
    std::optional<Response> response; // nullopt: refused
    std::string reason;               // why it was refused (untranslated, for logs and tests)
};
// Reads one response's JSON. Refused: not JSON, longer than kMaxResponseBytes, a number that is
// not finite, a list holding anything but texts, an object whose values are not texts (so no
// nesting), more than kMaxResponseItems items. Of two equal keys, the last counts (as JSON
// parsers do).
DecodedResponse decodeResponse(const std::string& json);

} // namespace ayllu::quiz
