// A course's identity and counts, for `ayllu-course info` and the consoles.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/course/validate.h"

#include <map>
#include <string>
#include <vector>

namespace ayllu::course {

struct Summary {
    std::string identifier;
    std::string version;
    std::string title; // Spanish
    std::vector<std::string> languages;
    std::vector<std::string> languagesNeedingReview;
    std::size_t lessons = 0;
    std::size_t pages = 0;
    std::size_t quizzes = 0;
    std::size_t questions = 0;
    std::map<std::string, std::size_t> questionsByType; // every type, zeros included
    std::size_t drills = 0;
    std::vector<LanguageCoverage> coverage; // per declared language, in the manifest's order
};

Summary summarize(const Package& pkg);

// "qu 100% (412/412)": the language, the share of learner-visible texts in it, and the counts.
std::string toString(const LanguageCoverage& c);

// {"identifier":..,"version":..,"title":..,"languages":[..],"lessons":..,"pages":..,
//  "quizzes":..,"questions":..,"questions_by_type":{..},"drills":..,
//  "coverage":{"qu":{"percent":100,"present":412,"total":412,"partial":false},..}}
std::string toJson(const Summary& s);

} // namespace ayllu::course
