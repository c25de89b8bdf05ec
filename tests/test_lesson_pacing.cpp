#define BOOST_TEST_MODULE lesson_pacing
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(the_class_follows_the_teachers_page_and_latecomers_land_on_it) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    c.teacher->showPage(kCourse, "res-leccion", "p1");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().page == "p1"; }, 10000));
    BOOST_TEST((a.agent->view().mode == Mode::Paced));
    c.teacher->showPage(kCourse, "res-leccion", "p2");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().page == "p2"; }, 10000));
    Pupil& late = c.join("pc-2");
    BOOST_TEST(late.agent->waitFor([&] { return late.agent->view().page == "p2"; }, 10000));
    c.teacher->openSelfPaced(kCourse, "res-leccion");
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().mode == Mode::SelfPaced; }, 10000));
    BOOST_TEST(a.agent->view().page.empty());
    BOOST_TEST(a.agent->view().lesson == "res-leccion");
    c.teacher->endLesson();
    BOOST_TEST(late.agent->waitFor([&] { return late.agent->view().mode == Mode::Idle; }, 10000));
}

BOOST_AUTO_TEST_CASE(a_restarted_console_restores_the_page_and_the_open_quiz) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    c.teacher->showPage(kCourse, "res-leccion", "p2");
    c.teacher->openQuiz(kCourse, "res-cuestionario", true, 0);
    c.teacher->nextQuestion();
    const auto port = c.teacher->port();
    c.teacher.reset(); // the console is closed (or crashes after its last save)
    TeacherConfig cfg;
    cfg.port = port;
    c.startTeacher(cfg);
    const auto st = c.teacher->state();
    BOOST_TEST(st.page == "p2");
    BOOST_TEST(st.quizActive);
    BOOST_TEST(st.quiz.open);
    BOOST_TEST(st.quiz.visible == 2);
    BOOST_TEST(a.agent->waitFor(
        [&] {
            const auto v = a.agent->view();
            return v.connected && v.quiz && v.quiz->questions.size() == 2u && v.page == "p2";
        },
        15000));
}
