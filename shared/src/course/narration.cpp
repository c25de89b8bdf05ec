#include "ayllu/course/narration.h"

#include "ayllu/course/media.h"
#include "ayllu/i18n.h"
#include "ayllu/zip.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace ayllu::course {

namespace fs = std::filesystem;
using i18n::fmt;

namespace {

std::string normalised(const std::string& path) {
    return fs::path(path).lexically_normal().generic_string();
}

// The files the resource lists, with those of the resources it depends on.
std::set<std::string> declaredFiles(const Manifest& m, const std::string& resourceId) {
    std::set<std::string> out;
    const auto add = [&](const Resource* r) {
        if (r == nullptr) {
            return;
        }
        for (const auto& f : r->files) {
            out.insert(normalised(f));
        }
    };
    const Resource* r = m.resource(resourceId);
    add(r);
    if (r != nullptr) {
        for (const auto& d : r->dependencies) {
            add(m.resource(d));
        }
    }
    return out;
}

} // namespace

std::set<std::string> checkNarrations(const Package& pkg, const std::string& resourceId,
                                      const Lesson& lesson, const std::string& dir,
                                      Problems& problems) {
    std::set<std::string> used;
    const Resource* res = pkg.manifest.resource(resourceId);
    const std::string file = res == nullptr ? resourceId : res->href;
    std::set<std::string> offered;
    for (const auto& l : pkg.manifest.meta.languages) {
        offered.insert(l.code);
    }
    const std::set<std::string> declared = declaredFiles(pkg.manifest, resourceId);
    for (const auto& page : lesson.pages) {
        for (const auto& [lang, src] : page.narrations) {
            const auto at = page.narrationLines.find(lang);
            const int line = at == page.narrationLines.end() ? page.line : at->second;
            // A learner only ever reads in a language the course offers: a recording in
            // another one would never be heard.
            if (!offered.empty() && offered.count(lang) == 0) {
                problems.error(file, line, "undeclared-language",
                               fmt(_("page \"%1\" has a narration in \"%2\", which the course "
                                     "does not list among its languages"),
                                   page.id, lang));
            }
            if (src.find('\\') != std::string::npos || zip::unsafeEntryReason(src)) {
                problems.error(file, line, "unsafe-path",
                               fmt(_("\"%1\" is not a relative path inside the package"), src));
                continue;
            }
            used.insert(normalised(src));
            std::error_code ec;
            const fs::path path = fs::path(dir) / src;
            if (!fs::is_regular_file(path, ec)) {
                problems.error(file, line, "missing-file",
                               fmt(_("\"%1\" is referenced but not in the package"), src));
                continue;
            }
            if (declared.count(normalised(src)) == 0) {
                problems.warning(file, line, "undeclared-file",
                                 fmt(_("\"%1\" is used here but not listed as a <file> of "
                                       "resource \"%2\" or its dependencies"),
                                     src, resourceId));
            }
            std::ifstream in(path, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            if (auto why = checkMedia(src, bytes, MediaKind::Audio)) {
                problems.error(file, line, "bad-media",
                               fmt(_("\"%1\" cannot be used: %2"), src, *why));
            }
        }
    }
    return used;
}

} // namespace ayllu::course
