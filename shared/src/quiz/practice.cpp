#include "ayllu/quiz/practice.h"

#include <algorithm>

namespace ayllu::quiz {

std::optional<PracticeQuiz> PracticeQuiz::start(store::StudentStore& store, Recorder record,
                                                std::string learner, std::string course,
                                                std::string content, course::Quiz quiz) {
    const int finished = store.finishedAttempts(learner, course, content);
    if (quiz.attempts > 0 && finished >= quiz.attempts) {
        return std::nullopt;
    }
    PracticeQuiz p;
    p.record_ = std::move(record);
    p.learner_ = std::move(learner);
    p.course_ = std::move(course);
    p.content_ = std::move(content);
    p.quiz_ = std::move(quiz);
    p.attempt_ = finished + 1;
    return p;
}

PracticeQuiz::Answer PracticeQuiz::answer(const std::string& question,
                                          const std::string& responseJson, std::int64_t latencyMs) {
    Answer a;
    const auto q = std::find_if(quiz_.questions.begin(), quiz_.questions.end(),
                                [&](const course::Question& x) { return x.id == question; });
    if (q == quiz_.questions.end()) {
        return a;
    }
    a.grade = grade(*q, responseJson, 0); // a practice quiz is shown with seed 0
    store::Event e;
    e.learner = learner_;
    e.course = course_;
    e.content = content_;
    e.attempt = attempt_;
    e.item = question;
    e.kind = store::EventKind::Answer;
    e.text = responseJson;
    e.result = a.grade.result;
    e.scoreRaw = a.grade.points;
    e.scoreMax = a.grade.maxPoints;
    e.latencyMs = std::clamp<std::int64_t>(latencyMs, 0, store::kMaxDurationMs);
    a.saved = record_(std::move(e));
    if (a.saved.saved) {
        results_[question] = a.grade.result;
        points_[question] = a.grade.points;
    }
    a.complete = complete();
    return a;
}

PracticeQuiz::Score PracticeQuiz::score() const {
    Score s;
    for (const auto& q : quiz_.questions) {
        s.max += q.points;
        const auto it = results_.find(q.id);
        s.right += it != results_.end() && it->second == "correct" ? 1 : 0;
    }
    for (const auto& [question, points] : points_) {
        s.got += points;
    }
    s.percent = s.max > 0 ? 100.0 * s.got / s.max : 0;
    s.passed = s.percent >= quiz_.passPercent;
    return s;
}

store::SaveResult PracticeQuiz::finish() {
    const Score s = score();
    store::Event total;
    total.learner = learner_;
    total.course = course_;
    total.content = content_;
    total.attempt = attempt_;
    total.kind = store::EventKind::Score;
    total.scoreRaw = s.got;
    total.scoreMax = s.max;
    record_(total);
    store::Event status = total;
    status.kind = store::EventKind::Status;
    status.scoreRaw.reset();
    status.scoreMax.reset();
    status.status = s.passed ? store::Status::Passed : store::Status::Failed;
    return record_(status);
}

} // namespace ayllu::quiz
