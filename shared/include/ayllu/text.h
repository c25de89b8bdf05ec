// Small UTF-8 text helpers used by the parsers and the grader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ayllu::text {

// Offset of the first byte that is not part of valid UTF-8 (overlongs, surrogates and code
// points past U+10FFFF are invalid), or nullopt when all of `s` is valid.
std::optional<std::size_t> invalidUtf8At(std::string_view s);

// 1-based line number of a byte offset.
int lineAt(std::string_view s, std::size_t offset);

// Trims and folds every run of white space into one space (XML authoring indentation).
std::string collapseSpace(std::string_view s);

std::string trim(std::string_view s);

// Lower-case for ASCII and the Latin-1 letters used in Spanish, Quechua and Aymara (Á→á, Ñ→ñ).
std::string toLower(std::string_view s);

// Removes acute, grave, circumflex and diaeresis accents from vowels (á→a, Ü→U); keeps ñ, which
// is a letter of its own.
std::string stripAccents(std::string_view s);

bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);

// A language tag we accept in xml:lang: 2-3 lowercase letters, optional -subtags ("es", "qu-PE").
bool isLanguageTag(std::string_view s);

// An identifier we accept for ids: letters, digits, '_', '-', '.', starting with a letter or '_'.
bool isIdentifier(std::string_view s);

} // namespace ayllu::text
