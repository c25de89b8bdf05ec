// The package validator: every problem in a course, each as file:line: severity: message.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/problem.h"

#include <string>

namespace ayllu::course {

struct Validation {
    Problems problems;
    Package package; // what could be read
};

// Validates a package folder, or a zip of one (unpacked safely into a temporary folder that is
// removed afterwards). Problems in files name them relative to the package root.
Validation validate(const std::string& path);

// Validates an unpacked package folder.
Validation validateFolder(const std::string& dir);

// Cross-checks on a parsed package whose files are under `dir`: references, files, languages,
// answers, media. Adds to `problems`.
void checkPackage(const Package& pkg, const std::string& dir, Problems& problems);

// Per offered language, how many texts the package has in it and how many it lacks (compared
// with Spanish).
struct LanguageCoverage {
    std::string code;
    std::size_t present = 0;
    std::size_t missing = 0;
};
std::vector<LanguageCoverage> languageCoverage(const Package& pkg);

} // namespace ayllu::course
