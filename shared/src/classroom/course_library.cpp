#include "ayllu/classroom/course_library.h"

#include "ayllu/course/parse.h"
#include "ayllu/course/validate.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace ayllu::classroom {

namespace {

void removeQuietly(const fs::path& p) {
    std::error_code ec;
    fs::remove_all(p, ec);
}

} // namespace

CourseLibrary::CourseLibrary(std::string dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    // A console killed during an import leaves a staging folder: it was never installed.
    for (const auto& e : fs::directory_iterator(dir_)) {
        if (e.path().filename().string().rfind(".import-", 0) == 0) {
            removeQuietly(e.path());
        }
    }
}

CourseImport CourseLibrary::import(const std::string& path, const zip::Progress& progress) {
    CourseImport out;
    const fs::path staging = fs::path(dir_) / (".import-" + crypto::randomHex(6));
    struct Cleanup {
        fs::path p;
        ~Cleanup() { removeQuietly(p); }
    } cleanup{staging};

    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        fs::copy(path, staging, fs::copy_options::recursive, ec);
        if (ec) {
            out.problems.error(path, 0, "copy-failed",
                               i18n::fmt(_("could not copy the course: %1"), ec.message()));
            return out;
        }
    } else if (zip::looksLikeZip(path)) {
        out.problems = zip::unpack(path, staging.string(), {}, progress);
        if (out.problems.hasErrors()) {
            return out;
        }
    } else {
        out.problems.error(path, 0, "not-a-package",
                           _("this is neither a course zip nor a course folder"));
        return out;
    }

    auto v = course::validateFolder(staging.string());
    for (auto p : v.problems.items()) {
        p.file = (fs::path(path).filename() / p.file).string();
        out.problems.add(std::move(p));
    }
    if (out.problems.hasErrors()) {
        return out;
    }
    out.identifier = v.package.manifest.identifier;
    const fs::path target = fs::path(dir_) / out.identifier;
    const fs::path old = fs::path(dir_) / (".import-old-" + crypto::randomHex(6));
    if (fs::exists(target)) {
        Problems ignored;
        out.replacedVersion = course::loadPackage(target.string(), ignored).manifest.version;
        fs::rename(target, old);
    }
    fs::rename(staging, target, ec);
    if (ec) {
        if (fs::exists(old)) {
            fs::rename(old, target);
        }
        out.problems.error(path, 0, "install-failed",
                           i18n::fmt(_("could not install the course: %1"), ec.message()));
        return out;
    }
    removeQuietly(old);
    out.ok = true;
    out.folder = target.string();
    return out;
}

std::vector<CourseImport> CourseLibrary::importMissing(const std::string& dir) {
    std::vector<CourseImport> done;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return done;
    }
    std::set<std::string> installed;
    for (const auto& f : folders()) {
        installed.insert(fs::path(f).filename().string());
    }
    std::vector<fs::path> zips;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".zip") {
            zips.push_back(e.path());
        }
    }
    std::sort(zips.begin(), zips.end());
    for (const auto& z : zips) {
        // A quick look at the manifest tells whether it is installed already.
        const auto peek = course::validate(z.string());
        if (!peek.package.manifest.identifier.empty() &&
            installed.count(peek.package.manifest.identifier) != 0) {
            continue;
        }
        done.push_back(import(z.string()));
    }
    return done;
}

std::vector<std::string> CourseLibrary::folders() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) {
        const auto name = e.path().filename().string();
        if (e.is_directory() && name[0] != '.' && fs::exists(e.path() / course::kManifestFile)) {
            out.push_back(e.path().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace ayllu::classroom
