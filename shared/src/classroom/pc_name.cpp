#include "ayllu/classroom/pc_name.h"

#include "ayllu/crypto.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace ayllu::classroom {

namespace {

// Decodes one UTF-8 character at `i` (advancing it); 0xFFFFFFFF for an invalid sequence.
char32_t next(const std::string& s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i++]);
    int extra = 0;
    char32_t c = 0;
    if (b < 0x80) {
        return b;
    } else if ((b & 0xE0) == 0xC0) {
        extra = 1;
        c = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
        extra = 2;
        c = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
        extra = 3;
        c = b & 0x07;
    } else {
        return 0xFFFFFFFF;
    }
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            return 0xFFFFFFFF;
        }
        c = (c << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    static const char32_t least[] = {0, 0x80, 0x800, 0x10000};
    if (c < least[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        return 0xFFFFFFFF; // overlong, past Unicode, or a surrogate
    }
    return c;
}

void append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

// Invisible or steering characters: controls, bidi overrides and isolates, zero-width ones.
bool isHidden(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB) || c == 0xFFFFFFFF;
}

// Hex digits to take a suffix from: those of the device id (a UUID), then its hash, so any two
// different ids differ somewhere.
std::string hexOf(const std::string& device) {
    std::string h;
    for (char ch : device) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            h += c;
        }
    }
    return h + crypto::sha256Hex(device);
}

} // namespace

std::string cleanPcName(const std::string& raw) {
    std::string out;
    std::size_t chars = 0;
    bool space = false;
    for (std::size_t i = 0; i < raw.size() && chars < kPcNameMax;) {
        const char32_t c = next(raw, i);
        if (isSpace(c)) {
            space = !out.empty();
            continue;
        }
        if (isHidden(c)) {
            continue;
        }
        if (space) {
            if (++chars == kPcNameMax) {
                break;
            }
            out += ' ';
            space = false;
        }
        append(out, c);
        ++chars;
    }
    return out;
}

std::map<std::string, std::string> pcLabels(const std::map<std::string, std::string>& names) {
    std::map<std::string, std::vector<std::string>> byName; // shown name -> devices
    for (const auto& [device, name] : names) {
        byName[name.empty() ? std::string("PC") : name].push_back(device);
    }
    std::map<std::string, std::string> out;
    for (const auto& [name, devices] : byName) {
        if (devices.size() == 1) {
            out[devices.front()] = name;
            continue;
        }
        std::vector<std::string> hex;
        std::size_t longest = 0;
        for (const auto& d : devices) {
            hex.push_back(hexOf(d));
            longest = std::max(longest, hex.back().size());
        }
        std::size_t n = 4;
        for (; n < longest; ++n) {
            std::set<std::string> seen;
            for (const auto& h : hex) {
                seen.insert(h.substr(0, n));
            }
            if (seen.size() == hex.size()) {
                break;
            }
        }
        for (std::size_t k = 0; k < devices.size(); ++k) {
            out[devices[k]] = name + "\u00b7" + hex[k].substr(0, n);
        }
    }
    return out;
}

} // namespace ayllu::classroom
