#define BOOST_TEST_MODULE drills
#include "classroom_fixture.h"

using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(a_drill_handed_to_one_pc_opens_there_reports_progress_and_is_graded) {
    Classroom c;
    Pupil& a = c.joined("pc-1");
    Pupil& b = c.joined("pc-2");
    BOOST_REQUIRE(a.agent->signIn("luis", ""));
    BOOST_REQUIRE(b.agent->signIn("rosa", ""));
    BOOST_CHECK_THROW(c.teacher->giveDrill(kCourse, "res-no-such-drill"), Error);
    c.teacher->giveDrill(kCourse, "res-ejercicio", {a.store->deviceId()});
    // Only the chosen PC is handed the drill; the course reaches it as for a lesson.
    BOOST_TEST(a.agent->waitFor(
        [&] {
            const auto v = a.agent->view();
            return v.drill && v.drill->content == "res-ejercicio" && v.drill->course == kCourse &&
                   a.store->package(kCourse, "1.0.0").has_value();
        },
        10000));
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().connected; }, 10000));
    BOOST_TEST(!b.agent->view().drill.has_value());
    const int round = a.agent->view().drill->round;
    const auto view = [&](const std::string& learner) {
        for (const auto& v : c.teacher->students()) {
            if (v.learnerId == learner) {
                return v;
            }
        }
        return StudentView{};
    };
    // Progress reaches the teacher's view of the learner.
    a.agent->drillProgress("luis", "res-ejercicio", 3, 10);
    BOOST_TEST(a.agent->waitFor([&] { return view("luis").drillDone == 3; }, 10000));
    BOOST_TEST(view("luis").drillTotal == 10);
    BOOST_TEST(view("luis").state == "drill");
    BOOST_TEST(view("luis").drillResult.empty());
    // The result: saved on the PC, synced, stored as a Drill event, then on the tile.
    const course::Drill* d = &c.teacher->course(kCourse)->drills.at("res-ejercicio");
    const std::string target = d->text.best("es");
    auto e = drill::drillEvent("luis", kCourse, "res-ejercicio",
                               drill::measureTyping(*d, target, target, 20.0));
    BOOST_TEST(a.agent->record(e).saved);
    BOOST_REQUIRE(a.agent->waitSynced(10000));
    BOOST_TEST(a.agent->waitFor([&] { return view("luis").drillResult == "passed"; }, 10000));
    BOOST_TEST(view("luis").drillPercent == 100.0);
    BOOST_TEST(teacherCount(c, "SELECT count(*) FROM events WHERE kind = 'drill' AND learner = "
                               "'luis' AND content = 'res-ejercicio'") == 1);
    const auto rows = c.tstore->withDatabase([&](SQLite::Database& db) {
        store::GradeFilter f;
        f.classId = "c1";
        f.learner = "luis";
        return store::gradebook(db, f);
    });
    const auto row = std::find_if(rows.begin(), rows.end(),
                                  [](const auto& r) { return r.content == "res-ejercicio"; });
    BOOST_REQUIRE(row != rows.end());
    BOOST_TEST((row->status == store::Status::Passed));
    // The console's saved state keeps the drill (a restarted console hands it out again).
    BOOST_TEST(loadState(saveState(c.teacher->state())).drillFor(a.store->deviceId()));
    BOOST_TEST(!loadState(saveState(c.teacher->state())).drillFor(b.store->deviceId()));
    // Handed to the whole class: both PCs, a new round; ended: taken back from both.
    c.teacher->giveDrill(kCourse, "res-ejercicio");
    BOOST_TEST(b.agent->waitFor([&] { return b.agent->view().drill.has_value(); }, 10000));
    BOOST_TEST(a.agent->waitFor(
        [&] { return a.agent->view().drill && a.agent->view().drill->round == round + 1; }, 10000));
    BOOST_TEST(view("luis").drillResult.empty()); // a new drill starts afresh
    c.teacher->endDrill();
    BOOST_TEST(a.agent->waitFor([&] { return !a.agent->view().drill.has_value(); }, 10000));
    BOOST_TEST(b.agent->waitFor([&] { return !b.agent->view().drill.has_value(); }, 10000));
}

BOOST_AUTO_TEST_CASE(hostile_drill_progress_closes_only_that_connection) {
    Classroom c;
    Pupil& a = c.joined("pc-1", {"luis"});
    c.teacher->giveDrill(kCourse, "res-ejercicio");
    const auto hostile = [&](const std::string& presence, const std::string& said) {
        RawClient bad(c.teacher->port());
        bad.joinAs("pc-bad");
        bad.send(net::MsgType::SignIn, R"({"learner":"rosa"})");
        BOOST_REQUIRE(bad.next(net::MsgType::SignedIn));
        const int before = c.tlog.times("closing the connection");
        bad.send(net::MsgType::Presence, presence);
        BOOST_TEST(a.agent->waitFor([&] { return c.tlog.times("closing the connection") > before; },
                                    10000),
                   said);
        const std::string why = c.tlog.last("closing the connection");
        BOOST_TEST(why.find(said) != std::string::npos, why);
    };
    const std::string longPage(129, 'x');
    hostile(R"({"learner":"rosa","state":"drill","page":"","drill":")" + longPage +
                R"(","done":1,"total":10})",
            "\"drill\"");
    hostile(R"({"learner":"rosa","state":"drill","page":"","drill":5,"done":1,"total":10})",
            "\"drill\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":11,"total":10})",
        "\"done\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":-1,"total":10})",
        "\"done\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":1,"total":0})",
        "\"total\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":1,"total":1e12})",
        "\"total\"");
    hostile(
        R"({"learner":"rosa","state":"drill","page":"","drill":"res-ejercicio","done":"3","total":10})",
        "\"done\"");
    // Nothing of it was kept; the good PC never noticed.
    for (const auto& v : c.teacher->students()) {
        if (v.learnerId == "rosa") {
            BOOST_TEST(v.drillTotal == 0);
            BOOST_TEST(v.state != "drill");
        }
    }
    BOOST_TEST(a.agent->connected());
    a.agent->drillProgress("luis", "res-ejercicio", 2, 5);
    BOOST_TEST(a.agent->waitFor(
        [&] {
            for (const auto& v : c.teacher->students()) {
                if (v.learnerId == "luis" && v.drillDone == 2) {
                    return true;
                }
            }
            return false;
        },
        10000));
}
