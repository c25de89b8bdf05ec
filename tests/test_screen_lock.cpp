#define BOOST_TEST_MODULE screen_lock
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(screens_lock_all_or_some_and_release_when_the_teacher_is_gone) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    Pupil& b = c.joined("pc-2");
    c.teacher->lock(true);
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().locked; }, 10000));
    c.teacher->lock(false);
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().locked; }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return !b.agent->view().locked; }, 10000));
    c.teacher->lock(true, {a.store->deviceId()});
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    BOOST_TEST(!b.agent->view().locked);
    // The teacher's PC goes away: the screen stays locked for two minutes, then frees itself.
    c.teacher->stop();
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->connected(); }, 10000));
    BOOST_TEST(a.agent->view().locked);
    a.clock = store::nowMs() + 119000;
    BOOST_TEST(a.agent->view().locked);
    a.clock = store::nowMs() + 121000;
    BOOST_TEST(!a.agent->view().locked);
}

BOOST_AUTO_TEST_CASE(a_pc_that_leaves_while_locked_is_reported_until_it_returns) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    Pupil& b = c.joined("pc-2");
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    c.teacher->lock(true, {a.store->deviceId()});
    BOOST_REQUIRE(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000));
    b.agent->disconnect(); // not locked: leaving is no alert
    a.agent->disconnect();
    BOOST_TEST(a.agent->waitFor([&] { return c.teacher->leftLocked().size() == 1u; }, 10000));
    const auto gone = c.teacher->leftLocked();
    BOOST_TEST(gone[0].deviceName == "pc-1");
    BOOST_TEST(gone[0].learners == std::vector<std::string>{"Luis Mamani"});
    a.agent->connect("127.0.0.1", c.teacher->port());
    BOOST_TEST(a.agent->waitFor([&] { return c.teacher->leftLocked().empty(); }, 10000));
    BOOST_TEST(a.agent->waitFor([&] { return a.agent->view().locked; }, 10000)); // still locked
}
