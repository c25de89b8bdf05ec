#define BOOST_TEST_MODULE sync
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(work_done_offline_reaches_the_teacher_exactly_once) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
    a.agent->disconnect();
    for (int i = 0; i < 40; ++i) {
        BOOST_TEST(a.agent->record(timeEvent("luis", i)).saved); // saved with no teacher
    }
    BOOST_TEST(a.store->outboxSize() == 40u);
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_REQUIRE(a.agent->waitSynced(15000)); // luis is signed in again by token
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events") == 40);
    BOOST_TEST(teacherCount(c, "SELECT time_ms FROM progress WHERE learner = 'luis'") ==
               40 * 1000 + 39 * 40 / 2);
    // Reconnecting sends nothing twice.
    a.agent->disconnect();
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_REQUIRE(a.agent->waitJoined(10000));
    BOOST_TEST(a.agent->record(timeEvent("luis", 99)).saved);
    BOOST_REQUIRE(a.agent->waitSynced(15000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events") == 41);
}

BOOST_AUTO_TEST_CASE(practice_answers_are_graded_again_on_the_teacher) {
    Classroom c;
    copyTree(sampleCourse(), c.tmp / "practica");
    replaceInFile(c.tmp / "practica" / "quizzes" / "repaso.xml", "mode=\"both\"",
                  "mode=\"self-paced\"");
    c.teacher->addCourse((c.tmp / "practica").string());
    Pupil& a = c.joined("pc-1", {"luis"});
    store::Event e;
    e.learner = "luis";
    e.course = kCourse;
    e.content = "res-cuestionario";
    e.kind = store::EventKind::Answer;
    e.item = "q1";
    e.text = "\"c\"";     // wrong
    e.result = "correct"; // as a doctored PC would claim
    e.scoreRaw = 1.0;
    e.scoreMax = 1.0;
    BOOST_TEST(a.agent->record(e).saved);
    e.item = "q3";
    e.text = "false"; // right
    e.result = "incorrect";
    e.scoreRaw = 0.0;
    BOOST_TEST(a.agent->record(e).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE item = 'q1' AND "
                               "result = 'incorrect'") == 1);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM interactions WHERE item = 'q3' AND "
                               "result = 'correct'") == 1);
}
