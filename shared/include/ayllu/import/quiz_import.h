// Importing question files (GIFT, Moodle XML) into an Ayllu quiz.
//
// What maps is converted; what cannot (essays, descriptions, cloze, calculated questions, images
// inside question text, per-answer feedback our model has no place for) is reported as a
// warning with its line and skipped or dropped, never silently.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/problem.h"

#include <string>

namespace ayllu::import {

struct Options {
    std::string quizId = "quiz";
    std::string language = "es"; // the language the file is written in
};

struct Result {
    course::Quiz quiz;
    Problems problems;
    std::size_t imported = 0;
    std::size_t skipped = 0;
};

// `bytes` is the file's content, `name` how problems refer to it.
Result importGift(const std::string& bytes, const std::string& name, const Options& options = {});
Result importMoodleXml(const std::string& bytes, const std::string& name,
                       const Options& options = {});

// Chooses by extension: .gift/.txt -> GIFT, .xml -> Moodle XML; reads the file.
Result importFile(const std::string& path, const Options& options = {});

// Plain text from a bit of HTML: tags dropped, entities decoded, white space folded.
std::string htmlToText(const std::string& html);

// A unique question id from a title ("¿Qué es?" -> "que-es"), or "q<n>".
std::string makeQuestionId(const std::string& title, std::size_t n,
                           const std::vector<course::Question>& existing);

} // namespace ayllu::import
