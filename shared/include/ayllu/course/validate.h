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

// Per declared language, how many of the learner-visible texts have it. Spanish is the base: a
// text needs a language when it has Spanish (titles, descriptions, every block's texts with list
// items, alt texts and captions, questions, choices, feedback, matching and ordering items,
// drills). `validate` warns when a language lacks texts and is not declared coverage="partial".
struct LanguageCoverage {
    std::string code;
    std::size_t present = 0; // texts with Spanish that also have this language
    std::size_t total = 0;   // texts with Spanish
    bool partial = false;    // declared coverage="partial"
    int line = 0;            // the manifest's <ay:language> line

    std::size_t missing() const { return total - present; }
    // Whole percent, rounded down: 100 only when nothing is missing (and for 0 of 0).
    int percent() const;
};
std::vector<LanguageCoverage> languageCoverage(const Package& pkg);

} // namespace ayllu::course
