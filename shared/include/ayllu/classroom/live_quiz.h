// live_quiz, the teacher's side: opens a quiz of a course to the class (one question at a time
// or all at once, with a timer), grades every answer itself (a student's PC never has the key),
// keeps the tally for the console, reveals the key and this PC's results, and records each
// learner's score when it closes. The student's side is StudentAgent::answerLive and the quiz in
// ClassView; the messages are msg::LiveQuizPublic (in ClassState) and msg::QuizReveal.
#pragma once

#include "ayllu/classroom/messages.h"
#include "ayllu/classroom/teacher_host.h"

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace ayllu::classroom {

class LiveQuizTeacher {
public:
    explicit LiveQuizTeacher(TeacherHost& host) : host_(host) {}

    // After a restart with a quiz on: its tally, and who already answered what.
    void restore();
    void open(const std::string& course, const std::string& quizResource, bool oneByOne,
              int timerSeconds);
    void next();
    void close();
    void reveal();
    void end();
    QuizStatus status();
    void tick(); // the timer, and a tally made stale by new answers
    void answersArrived() { tallyDirty_ = true; }
    void refreshTally();

    // m_ held. The quiz on, or nullptr.
    const course::Quiz* quizLocked() const;
    // m_ held. Grades `e` when it answers the live quiz, sent by `device` at `nowMs`: whatever
    // the PC says, never counted when late or not shown. False when it is not a live answer.
    bool gradeLocked(store::Event& e, const std::string& device, std::int64_t nowMs);
    // m_ held. The quiz as every PC may see it (no key), when one is on; its questions, made
    // for each PC (questionsFor), are left out.
    std::optional<msg::LiveQuizPublic> publicLocked() const;
    // The questions of `quiz` shown so far, as `device` may see them (its own order).
    static std::vector<quiz::PublicQuestion>
    questionsFor(const course::Quiz& quiz, const LiveQuiz& on, const std::string& device);
    // m_ held. Whether `learner` answered every question shown (nullopt: no quiz on; false
    // once the quiz closed and some are answered).
    std::optional<bool> answeredAllLocked(const std::string& learner) const;
    // The key and this PC's learners' results, when revealed.
    void sendReveal(TeacherSession& s);

private:
    void score(); // m_ not held

    TeacherHost& host_;
    QuizStatus quiz_; // m_
    // The questions each learner answered in time (learner -> question ids); m_.
    std::map<std::string, std::set<std::string>> answered_;
    std::map<std::string, double> scored_; // learner -> points recorded; m_
    // New answers arrived: the tally is recomputed at most 5 times a second (or when asked).
    std::atomic<bool> tallyDirty_{false};
};

struct LiveQuizView;

// The student's side (live_quiz_student.cpp; answers: StudentAgent::answerLive): the quiz as
// this PC shows it, its timer on this PC's clock.
LiveQuizView liveQuizView(const msg::LiveQuizPublic& q, std::int64_t nowMs);

} // namespace ayllu::classroom
