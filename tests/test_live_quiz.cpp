#define BOOST_TEST_MODULE live_quiz
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(a_live_quiz_sends_no_key_grades_on_the_teacher_and_reveals_own_results) {
    Classroom c;
    RawClient watcher(c.teacher->port());
    watcher.joinAs("pc-watcher");
    Pupil& a = c.joined("pc-1", {"luis", "rosa"});
    c.teacher->openQuiz(kCourse, "res-cuestionario", false, 0);
    // What crossed the wire: the questions, and nothing of the key.
    std::optional<net::Frame> state;
    while ((state = watcher.next(net::MsgType::ClassState)) &&
           state->payload.find("\"questions\"") == std::string::npos) {
    }
    BOOST_REQUIRE(state);
    const std::string wire = state->payload;
    BOOST_TEST(wire.find("¿Qué botón usamos para elegir?") != std::string::npos);
    for (const char* leak : {"\"correct\"", "\"weight\"", "accept", "\"answer\"", "\"clic\"",
                             "\"izquierdo\"", "\"order\"", "\"weights\""}) {
        BOOST_TEST(wire.find(leak) == std::string::npos, leak);
    }
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->view().quiz->questions.size() == 8u);

    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 4000).saved);
    BOOST_TEST(a.agent->answerLive("luis", "q3", "false", 3000).saved);
    // A doctored PC claims "correct" for a wrong answer: the teacher grades it anyway.
    store::Event forged;
    forged.learner = "rosa";
    forged.course = kCourse;
    forged.content = "res-cuestionario";
    forged.attempt = a.agent->view().quiz->attempt;
    forged.item = "q1";
    forged.kind = store::EventKind::Answer;
    forged.text = "\"c\"";
    forged.result = "correct";
    forged.scoreRaw = 1.0;
    forged.scoreMax = 1.0;
    BOOST_TEST(a.agent->record(forged).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    auto tally = c.teacher->quizStatus().tallies;
    BOOST_TEST(tally[0].answered == 2);
    BOOST_TEST(tally[0].correct == 1);
    BOOST_TEST(tally[0].incorrect == 1);
    BOOST_TEST(tally[2].correct == 1);
    BOOST_TEST(c.teacher->quizStatus().learnersAnswering == 2);

    // Closed: a late answer is kept but not counted.
    c.teacher->closeQuiz();
    BOOST_REQUIRE(a.agent->waitFor([&] { return !a.agent->view().quiz->open; }, 10000));
    BOOST_TEST(!a.agent->answerLive("luis", "q2", "[\"a\"]", 1).saved); // the client knows
    store::Event late = forged;
    late.learner = "luis";
    late.item = "q2";
    late.text = "[\"a\",\"b\"]";
    late.result.clear();
    BOOST_TEST(a.agent->record(late).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[1].answered == 0);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE result = 'closed'") == 1);
    // Closed: each learner's score is in the gradebook (Luis two right, Rosa none), recorded
    // by the console itself; the late answer adds nothing.
    double total = 0;
    for (const auto& q : c.teacher->course(kCourse)->quizzes.at("res-cuestionario").questions) {
        total += q.points;
    }
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM progress WHERE learner = 'luis' AND "
                               "content = 'res-cuestionario' AND score_raw = 2 AND score_max = " +
                                   std::to_string(static_cast<int>(total))) == 1);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM progress WHERE learner = 'rosa' AND "
                               "content = 'res-cuestionario' AND score_raw = 0 AND "
                               "status_rank = 3") == 1); // failed
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE device = 'teacher:console' "
                               "AND kind = 'score'") == 2);

    c.teacher->reveal();
    BOOST_REQUIRE(a.agent->waitFor([&] { return !a.agent->view().reveal.empty(); }, 10000));
    const std::string reveal = a.agent->view().reveal;
    BOOST_TEST(reveal.find("\"weights\"") != std::string::npos); // the key, now
    BOOST_TEST(reveal.find("\"luis\":{") != std::string::npos);
    BOOST_TEST(reveal.find("\"rosa\":{") != std::string::npos);
    const auto watcherReveal = watcher.next(net::MsgType::QuizReveal);
    BOOST_REQUIRE(watcherReveal);
    BOOST_TEST(watcherReveal->payload.find("luis") == std::string::npos); // nobody else's results
    BOOST_TEST(watcherReveal->payload.find("\"results\":{}") != std::string::npos);

    // After the quiz, a doctored PC claims a right answer to it in an attempt of its own: that
    // quiz is never on a student's PC, so the answer is kept but graded "invalid", not counted.
    c.teacher->endQuiz();
    // Nothing changed since it closed: no second score.
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE device = 'teacher:console' "
                               "AND kind = 'score'") == 2);
    store::Event after = forged;
    after.learner = "luis";
    after.attempt = 99;
    after.item = "q1";
    after.text = "\"a\"";
    BOOST_TEST(a.agent->record(after).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE attempt = 99 AND "
                               "result = 'invalid' AND score_raw = 0") == 1);
}

BOOST_AUTO_TEST_CASE(the_quiz_timer_closes_the_quiz_by_itself) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
    c.teacher->openQuiz(kCourse, "res-cuestionario", false, 1);
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    const auto q = *a.agent->view().quiz;
    BOOST_TEST(q.deadlineMs > store::nowMs()); // the student counts down on its own clock
    BOOST_TEST(q.deadlineMs <= store::nowMs() + 1000);
    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 500).saved);
    // The teacher closes it when the second is up, without anyone pressing anything.
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().quiz->open; }, 10000));
    BOOST_TEST(!c.teacher->state().quiz.open);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[0].correct == 1);
}

BOOST_AUTO_TEST_CASE(one_question_at_a_time_hides_the_next_ones) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->view().quiz->questions.size() == 1u);
    // An answer to a question not shown yet is not counted.
    BOOST_TEST(a.agent->answerLive("luis", "q2", "[\"a\",\"b\"]", 500).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(c.teacher->quizStatus().tallies[1].correct == 0);
    c.teacher->nextQuestion();
    BOOST_TEST(
        a.agent->waitFor([&] { return a.agent->view().quiz->questions.size() == 2u; }, 10000));
}
