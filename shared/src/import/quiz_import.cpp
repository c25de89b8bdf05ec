#include "ayllu/import/quiz_import.h"

#include "ayllu/i18n.h"
#include "ayllu/text.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

namespace ayllu::import {

std::string htmlToText(const std::string& html) {
    std::string out;
    out.reserve(html.size());
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<') {
            const auto end = html.find('>', i);
            if (end == std::string::npos) {
                out += html.substr(i);
                break;
            }
            const std::string tag = text::toLower(html.substr(i + 1, end - i - 1));
            if (text::startsWith(tag, "br") || text::startsWith(tag, "/p") ||
                text::startsWith(tag, "/div") || text::startsWith(tag, "/li")) {
                out += ' ';
            }
            i = end;
            continue;
        }
        if (c == '&') {
            const auto end = html.find(';', i);
            if (end != std::string::npos && end - i <= 10) {
                const std::string ent = html.substr(i + 1, end - i - 1);
                std::string rep;
                if (ent == "amp") {
                    rep = "&";
                } else if (ent == "lt") {
                    rep = "<";
                } else if (ent == "gt") {
                    rep = ">";
                } else if (ent == "quot") {
                    rep = "\"";
                } else if (ent == "apos") {
                    rep = "'";
                } else if (ent == "nbsp") {
                    rep = " ";
                } else if (ent.size() > 1 && ent[0] == '#') {
                    unsigned long cp = 0;
                    try {
                        cp = (ent[1] == 'x' || ent[1] == 'X')
                                 ? std::stoul(ent.substr(2), nullptr, 16)
                                 : std::stoul(ent.substr(1));
                    } catch (...) {
                        cp = 0;
                    }
                    if (cp > 0 && cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff)) {
                        if (cp < 0x80) {
                            rep += static_cast<char>(cp);
                        } else if (cp < 0x800) {
                            rep += static_cast<char>(0xc0 | (cp >> 6));
                            rep += static_cast<char>(0x80 | (cp & 0x3f));
                        } else if (cp < 0x10000) {
                            rep += static_cast<char>(0xe0 | (cp >> 12));
                            rep += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
                            rep += static_cast<char>(0x80 | (cp & 0x3f));
                        } else {
                            rep += static_cast<char>(0xf0 | (cp >> 18));
                            rep += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
                            rep += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
                            rep += static_cast<char>(0x80 | (cp & 0x3f));
                        }
                    }
                }
                if (!rep.empty()) {
                    out += rep;
                    i = end;
                    continue;
                }
            }
        }
        out += c;
    }
    return text::collapseSpace(out);
}

std::string makeQuestionId(const std::string& title, std::size_t n,
                           const std::vector<course::Question>& existing) {
    std::string slug;
    for (char ch : text::toLower(text::stripAccents(title))) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) && c < 0x80) {
            slug += static_cast<char>(c);
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
        if (slug.size() >= 40) {
            break;
        }
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    if (slug.empty() || !std::isalpha(static_cast<unsigned char>(slug[0]))) {
        slug = "q" + std::to_string(n) + (slug.empty() ? "" : "-" + slug);
    }
    const auto taken = [&](const std::string& id) {
        return std::any_of(existing.begin(), existing.end(),
                           [&](const course::Question& q) { return q.id == id; });
    };
    std::string id = slug;
    for (int k = 2; taken(id); ++k) {
        id = slug + "-" + std::to_string(k);
    }
    return id;
}

Result importFile(const std::string& path, const Options& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Result r;
        r.problems.error(path, 0, "file-unreadable", _("the file cannot be opened"));
        return r;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string lower = text::toLower(path);
    if (text::endsWith(lower, ".xml")) {
        return importMoodleXml(bytes, path, options);
    }
    return importGift(bytes, path, options);
}

} // namespace ayllu::import
