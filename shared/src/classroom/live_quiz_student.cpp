// live_quiz, the student's side: the quiz the teacher opened, as this PC may see it, and the
// answers, saved here first and graded by the teacher (live_quiz_teacher.cpp).
#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/student_agent.h"
#include "ayllu/i18n.h"

#include <algorithm>

namespace ayllu::classroom {

LiveQuizView liveQuizView(const msg::LiveQuizPublic& q, std::int64_t nowMs) {
    LiveQuizView lq;
    lq.course = q.course;
    lq.content = q.content;
    lq.title = q.title;
    lq.titles = q.titles;
    lq.attempt = q.attempt;
    lq.open = q.open;
    lq.revealed = q.revealed;
    lq.oneByOne = q.oneByOne;
    lq.deadlineMs = q.remainingMs > 0 ? nowMs + q.remainingMs : 0; // our clock, not the teacher's
    lq.questions = q.questions; // as they came: never turned back into text
    return lq;
}

store::SaveResult StudentAgent::answerLive(const std::string& learner, const std::string& question,
                                           const std::string& responseJson,
                                           std::int64_t latencyMs) {
    const ClassView v = view();
    if (!v.quiz || !v.quiz->open) {
        return {false, 0, _("the quiz is closed")};
    }
    store::Event e;
    e.learner = learner;
    e.course = v.quiz->course;
    e.content = v.quiz->content;
    e.attempt = v.quiz->attempt;
    e.item = question;
    e.kind = store::EventKind::Answer;
    e.text = responseJson;
    e.latencyMs = std::clamp<std::int64_t>(latencyMs, 0, store::kMaxDurationMs);
    return record(e); // no result: the teacher grades it
}

} // namespace ayllu::classroom
