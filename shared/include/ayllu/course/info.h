// A course's identity and counts, for `ayllu-course info` and the consoles.
#pragma once

#include "ayllu/course/model.h"

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
};

Summary summarize(const Package& pkg);

// {"identifier":..,"version":..,"title":..,"languages":[..],"lessons":..,"pages":..,
//  "quizzes":..,"questions":..,"questions_by_type":{..},"drills":..}
std::string toJson(const Summary& s);

} // namespace ayllu::course
