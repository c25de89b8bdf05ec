#include "ayllu/text.h"

#include <algorithm>
#include <cctype>

namespace ayllu::text {

std::optional<std::size_t> invalidUtf8At(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xc0u) != 0x80u) {
                return i;
            }
            cp = (cp << 6) | (p[i + k] & 0x3fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return i;
        }
        i += len;
    }
    return std::nullopt;
}

int lineAt(std::string_view s, std::size_t offset) {
    offset = std::min(offset, s.size());
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(offset), '\n'));
}

namespace {
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
} // namespace

std::string collapseSpace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pendingSpace = false;
    for (char c : s) {
        if (isSpace(c)) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) {
            out += ' ';
            pendingSpace = false;
        }
        out += c;
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && isSpace(s[b])) {
        ++b;
    }
    while (e > b && isSpace(s[e - 1])) {
        --e;
    }
    return std::string(s.substr(b, e - b));
}

std::string toLower(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x80) {
            out[i] = static_cast<char>(std::tolower(c));
        } else if (c == 0xc3 && i + 1 < out.size()) {
            // U+00C0..U+00DE (except U+00D7 ×) map to U+00E0..U+00FE.
            const auto d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9e && d != 0x97) {
                out[i + 1] = static_cast<char>(d + 0x20);
            }
            ++i;
        }
    }
    return out;
}

std::string stripAccents(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0xc3 && i + 1 < s.size()) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            // Latin-1 supplement letters with a second byte 0x80..0xbf; map accented vowels.
            static const char* const map =
                "AAAAAA\0CEEEEIIII\0\0OOOOO\0\0UUUUY\0\0aaaaaa\0ceeeeiiii\0\0ooooo\0\0uuuuy\0y";
            const unsigned idx = d - 0x80u;
            if (d >= 0x80 && d <= 0xbf && map[idx] != '\0' && d != 0x91 && d != 0xb1) {
                out += map[idx];
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    return out;
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isLanguageTag(std::string_view s) {
    const auto dash = s.find('-');
    const auto primary = s.substr(0, dash);
    if (primary.size() < 2 || primary.size() > 3 ||
        !std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        return false;
    }
    if (dash == std::string_view::npos) {
        return true;
    }
    const auto rest = s.substr(dash + 1);
    return !rest.empty() && rest.size() <= 16 && std::all_of(rest.begin(), rest.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
}

bool isIdentifier(std::string_view s) {
    if (s.empty() || s.size() > 128) {
        return false;
    }
    const auto ok = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
    };
    return (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_') &&
           std::all_of(s.begin(), s.end(), ok);
}

} // namespace ayllu::text
