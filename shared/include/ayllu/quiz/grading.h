// Grading answers, and the view of a question that is safe to send before the answer is revealed.
// Responses are quiz::Response values (response.h), stored and sent as their JSON.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/quiz/response.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>
#include <optional>
#include <string>

namespace ayllu::quiz {

struct Grade {
    std::string result; // "correct", "partial", "incorrect", "unanswered", or "invalid"
    double points = 0;  // of question.points
    double maxPoints = 0;
};

// Grades a response given as JSON text. A response that decodeResponse refuses, or of the wrong
// shape for the question, is "invalid" with 0 points; "" or null is "unanswered".
// `seed` is the one the public view was made with (it hides which right-hand option is which).
Grade grade(const course::Question& q, const std::string& responseJson, unsigned seed = 0);
Grade grade(const course::Question& q, const Response& response, unsigned seed = 0);

// The opaque id shown for the right-hand side of pair (or distractor) `id` under `seed`.
std::string rightOptionId(const std::string& id, unsigned seed);

// The question as learners may see it during a live quiz, as JSON: id, type, points, time limit,
// prompt (every language), choices (ids and texts only; in their written order, or shuffled
// with `seed` when `shuffleChoices`), matching lefts and the right-hand options shuffled with
// `seed`, ordering items shuffled, blank ids. Never weights, correct flags, accepted answers,
// numeric ranges, the true/false answer, pairings or the correct order.
std::string publicQuestion(const course::Question& q, unsigned seed, bool shuffleChoices = false);

// The same public view as a JSON object: the one type a live quiz's question has from the
// teacher's ClassState to the student's screen (made once, sent, decoded once, shown; never
// turned back into text on the way). Read-only once made.
using PublicQuestion = Poco::JSON::Object::Ptr;
PublicQuestion publicView(const course::Question& q, unsigned seed, bool shuffleChoices = false);

// The seed one PC's view of a live quiz is made with: the quiz's own seed (chosen when it opens)
// mixed with the PC's device id, so each PC sees its own order and the teacher can always grade
// (and regrade) an answer from the two.
unsigned deviceSeed(unsigned quizSeed, const std::string& device);

// The answer key of a question as JSON, sent only when the teacher reveals it.
std::string answerKey(const course::Question& q, unsigned seed = 0);
Poco::JSON::Object::Ptr answerKeyView(const course::Question& q, unsigned seed = 0);

// Text comparison for short answers and blanks, following the question's case/accent rules
// (and always ignoring surrounding and repeated spaces).
bool sameAnswer(const course::Question& q, const std::string& given, const std::string& accepted);

} // namespace ayllu::quiz
