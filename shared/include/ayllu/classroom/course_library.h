// The console's courses: one folder per package under <data>/courses, named by the package's
// identifier. Imports check a package completely before it replaces anything.
#pragma once

#include "ayllu/problem.h"
#include "ayllu/zip.h"

#include <string>
#include <vector>

namespace ayllu::classroom {

struct CourseImport {
    bool ok = false;
    std::string identifier;      // when ok
    std::string folder;          // where it was installed, when ok
    std::string replacedVersion; // the version it replaced, or ""
    Problems problems;           // errors (nothing installed) and warnings
};

class CourseLibrary {
public:
    explicit CourseLibrary(std::string dir); // created when missing

    // Installs a package zip or folder: unpacked safely into a temporary folder, validated, and
    // only then moved into place, replacing an installed package with the same identifier. On
    // any error the library is left exactly as it was.
    CourseImport import(const std::string& path, const zip::Progress& progress = {});

    // Installs each package zip of `dir` that is not installed yet (the bundled courses on a
    // console's first run). Returns what it did, one import per zip.
    std::vector<CourseImport> importMissing(const std::string& dir);

    // The folders of the installed packages, sorted.
    std::vector<std::string> folders() const;
    const std::string& dir() const { return dir_; }

private:
    std::string dir_;
};

} // namespace ayllu::classroom
