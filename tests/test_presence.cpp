#define BOOST_TEST_MODULE presence
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(presence_and_raised_hands_reach_the_teacher) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
    a.agent->presence("luis", "answering", "p2");
    a.agent->hand("luis", true);
    const auto luis = [&] {
        for (const auto& v : c.teacher->students()) {
            if (v.learnerId == "luis") {
                return v;
            }
        }
        return StudentView{};
    };
    BOOST_TEST(a.agent->waitFor([&] { return luis().hand && luis().state == "answering"; }, 10000));
    BOOST_TEST(luis().page == "p2");
    a.agent->hand("luis", false);
    BOOST_TEST(a.agent->waitFor([&] { return !luis().hand; }, 10000));
    a.agent->disconnect();
    BOOST_TEST(a.agent->waitFor([&] { return !luis().online; }, 10000));
}

BOOST_AUTO_TEST_CASE(the_teacher_lowers_a_raised_hand_and_the_pc_is_told) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis", "rosa"});
    a.agent->hand("luis", true);
    a.agent->hand("rosa", true);
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().hands.size() == 2u; }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 2);
    c.teacher->lowerHands({"rosa"});
    BOOST_TEST(a.agent->waitFor(
        [&] { return a.agent->view().hands == std::set<std::string>{"luis"}; }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 1);
    c.teacher->lowerHands();
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().hands.empty(); }, 10000));
    BOOST_TEST(c.teacher->handsUp() == 0);
}

BOOST_AUTO_TEST_CASE(the_class_view_follows_what_the_learner_does) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    Pupil& b = c.joined("pc-2");
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(b.agent->signIn("rosa", ""));
    const auto luis = [&] { return viewOf(*c.teacher, "luis"); };
    BOOST_TEST(luis().activity == "idle");
    c.teacher->showPage(kCourse, "res-leccion", "p1");
    a.agent->presence("luis", "reading", "p1", kCourse, "res-leccion");
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "reading"; }, 10000));
    BOOST_TEST(luis().where == "¿Qué es el ratón?"); // the page's title, not "p1"
    BOOST_TEST(viewOf(*c.teacher, "luis").where != "p1");
    // A PC that does not say the course: the teacher's lesson is meant.
    b.agent->presence("rosa", "reading", "p2");
    BOOST_REQUIRE(b.agent->waitFor(
        [&] { return viewOf(*c.teacher, "rosa").where == "Las partes del ratón"; }, 10000));
    // In the teacher's language.
    for (const auto& v : c.teacher->students("en")) {
        if (v.learnerId == "luis") {
            BOOST_TEST(v.where == "What is the mouse?");
        }
    }
    // A live quiz, one question at a time: answering until this learner answered it.
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    BOOST_TEST(luis().activity == "answering");
    BOOST_TEST(luis().where == "¿Qué aprendimos?");
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(a.agent->answerLive("luis", "q1", "\"a\"", 2000).saved);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "done"; }, 10000));
    BOOST_TEST(viewOf(*c.teacher, "rosa").activity == "answering");
    c.teacher->nextQuestion();
    BOOST_TEST(luis().activity == "answering"); // the next question is not answered yet
    // A raised hand comes first: the teacher should look.
    a.agent->hand("luis", true);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "needs help"; }, 10000));
    a.agent->hand("luis", false);
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "answering"; }, 10000));
    c.teacher->endQuiz();
    BOOST_TEST(luis().activity == "reading");
    // A drill.
    a.agent->presence("luis", "drill", "", kCourse, "res-ejercicio");
    BOOST_REQUIRE(a.agent->waitFor([&] { return luis().activity == "drill"; }, 10000));
    BOOST_TEST(luis().where == "Escribe con ñ y tildes");
    a.agent->disconnect();
    BOOST_REQUIRE(b.agent->waitFor([&] { return luis().activity == "offline"; }, 10000));
}
