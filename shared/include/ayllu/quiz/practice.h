// A practice quiz (a quiz of mode "self-paced") taken alone on the student PC: graded there,
// each answer and the attempt's score and pass/fail status recorded as events (on the PC first;
// the teacher gets them when reachable). GUI-free: the student client only shows it.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/store/student_store.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace ayllu::quiz {

class PracticeQuiz {
public:
    // Records one event and says whether it is saved (the student agent's record(), which also
    // sends it on; tests give the store's own).
    using Recorder = std::function<store::SaveResult(store::Event)>;

    // The next attempt of `quiz` for `learner`: the one after the attempts finished on this PC
    // (an attempt left half-way is taken again from its start). nullopt when the quiz allows
    // `quiz.attempts` attempts (0: any number) and every one is used.
    static std::optional<PracticeQuiz> start(store::StudentStore& store, Recorder record,
                                             std::string learner, std::string course,
                                             std::string content, course::Quiz quiz);

    const std::string& learner() const { return learner_; }
    const std::string& course() const { return course_; }
    const std::string& content() const { return content_; }
    const course::Quiz& quiz() const { return quiz_; }
    int attempt() const { return attempt_; }

    struct Answer {
        store::SaveResult saved; // not saved: nothing changed, the learner may save again
        Grade grade;
        bool complete = false; // every question now has a saved answer: call finish()
    };
    // Grades and records the answer to `question` (the response as quiz::Response's JSON);
    // a later answer to the same question replaces its result. An unknown question is not saved.
    Answer answer(const std::string& question, const std::string& responseJson,
                  std::int64_t latencyMs);

    // Results of this attempt so far: question id -> "correct", "partial", ...
    const std::map<std::string, std::string>& results() const { return results_; }
    bool complete() const { return results_.size() == quiz_.questions.size(); }

    struct Score {
        double got = 0, max = 0; // points
        int right = 0;           // questions answered correctly
        double percent = 0;
        bool passed = false; // percent reaches the quiz's pass mark
    };
    Score score() const;

    // Records the attempt's score and its passed/failed status (which makes it a finished
    // attempt); the result is the status event's save.
    store::SaveResult finish();

private:
    PracticeQuiz() = default;
    Recorder record_;
    std::string learner_, course_, content_;
    course::Quiz quiz_;
    int attempt_ = 1;
    std::map<std::string, std::string> results_; // question id -> result, this attempt
    std::map<std::string, double> points_;       // question id -> points, the latest answer
};

} // namespace ayllu::quiz
