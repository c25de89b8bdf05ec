// What a learner sees after the teacher reveals a question: their own answer as they gave it,
// the right answer beside it, part by part, in words. Built from the three things the student
// PC holds at that moment: the question's public view, its answer key (sent with the reveal)
// and the learner's saved response. GUI-free; the student client only lays the parts out.
#pragma once

#include "ayllu/course/model.h"

#include <Poco/JSON/Object.h>
#include <map>
#include <string>
#include <vector>

namespace ayllu::quiz {

struct RevealPart {
    std::string label; // matching: the left-hand text; fill: "(1)"; ordering: "1."; else ""
    std::string yours; // the learner's answer in words; "" when not answered
    std::string right; // the right answer in words
    bool ok = false;   // this part of the learner's answer is right
};

// `publicJson` is quiz::publicQuestion's view (as the PC showed it), `keyJson` quiz::answerKey's
// for the same seed, `responseJson` the learner's saved response ("" when none) and `result` the
// teacher's grade of it ("correct", "partial", ...), which decides the one part of a single-part
// question. Texts are in `language` (else Spanish, else any). Malformed input gives what could
// be read, never throws.
std::vector<RevealPart> describeReveal(const std::string& publicJson, const std::string& keyJson,
                                       const std::string& responseJson, const std::string& result,
                                       const std::string& language);
// The same from the public view as the live quiz carries it (quiz::PublicQuestion).
std::vector<RevealPart> describeReveal(const Poco::JSON::Object::Ptr& publicView,
                                       const std::string& keyJson, const std::string& responseJson,
                                       const std::string& result, const std::string& language);

// The public view with `text` of every option in `language`: (id, text) pairs of the choices,
// ordering items or right-hand matching options, in the order shown.
std::vector<std::pair<std::string, std::string>>
publicOptions(const std::string& publicJson, const char* key, const std::string& language);
std::vector<std::pair<std::string, std::string>>
publicOptions(const Poco::JSON::Object::Ptr& publicView, const char* key,
              const std::string& language);

// Per option of a single, multiple or true/false question, how many responses chose it, in the
// order of `options` (for true/false: "true", "false"). `responses` maps a response's JSON to how
// many learners gave it, as the teacher's tally keeps them.
std::vector<int> optionCounts(const std::vector<std::string>& options,
                              const std::vector<std::pair<std::string, int>>& responses);

// One question of a live quiz as the teacher's dashboard and projector show it: the full
// prompt, for choice and true/false questions how many learners chose each option (the
// misconception is the point), and the right answer in words.
struct OptionCount {
    std::string text;
    int count = 0;
    bool right = false;
};
struct QuestionSummary {
    std::string prompt; // blanks of a fill-in question read "(1) ____"
    std::vector<OptionCount> options;
    std::string right; // "El botón izquierdo"; parts joined with "; " ("Rueda → Subir y bajar")
};
QuestionSummary summarize(const course::Question& q, const std::map<std::string, int>& responses,
                          const std::string& language);

} // namespace ayllu::quiz
