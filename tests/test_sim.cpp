#define BOOST_TEST_MODULE sim
#include "support.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

using namespace ayllu::test;

namespace {

// Runs ayllu-sim and returns its JSON summary (read back from the real databases).
Poco::JSON::Object::Ptr simulate(int students, unsigned seed,
                                 const std::vector<std::string>& faults,
                                 const std::string& extra = {}) {
    TempDir tmp;
    std::string cmd = quote(AYLLU_SIM_TOOL) + " --students " + std::to_string(students) +
                      " --course " + quote(sampleCourse().string()) + " --seed " +
                      std::to_string(seed) + " --data " + quote((tmp / "run").string()) +
                      " --json " + extra;
    for (const auto& f : faults) {
        cmd += " --fault " + f;
    }
    const auto r = run(cmd);
    BOOST_TEST_MESSAGE(r.out);
    BOOST_REQUIRE_MESSAGE(r.status == 0, "ayllu-sim failed: " << r.out);
    const auto json = r.out.substr(r.out.find('{'));
    Poco::JSON::Parser p;
    return p.parse(json).extract<Poco::JSON::Object::Ptr>();
}

void expectNothingLost(const Poco::JSON::Object::Ptr& s, int students) {
    const int answers = students * 8; // the sample quiz has 8 questions
    BOOST_TEST(s->getValue<int>("students") == students);
    BOOST_TEST(s->getValue<int>("joined") == students);
    BOOST_TEST(s->getValue<int>("answers_submitted") == answers);
    BOOST_TEST(s->getValue<int>("answers_recorded") == answers);
    BOOST_TEST(s->getValue<int>("answers_lost") == 0);
    BOOST_TEST(s->getValue<int>("answers_duplicated") == 0);
    BOOST_TEST(s->getObject("quiz_fanout_ms")->getValue<double>("p50") >= 0.0);
    BOOST_TEST(s->getObject("answer_ack_ms")->getValue<double>("p99") >= 0.0);
    BOOST_TEST(s->getValue<long long>("bytes_sent") > 0);
    for (const char* key :
         {"answers_submitted", "answers_recorded", "answers_lost", "answers_duplicated",
          "quiz_fanout_ms", "answer_ack_ms", "bytes_sent", "elapsed_s"}) {
        BOOST_TEST(s->has(key), key);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(a_student_killed_mid_quiz_loses_and_repeats_nothing) {
    const auto s = simulate(12, 11, {"kill-student", "kill-student"});
    expectNothingLost(s, 12);
    BOOST_TEST(s->getValue<int>("faults") == 2);
}

BOOST_AUTO_TEST_CASE(a_teacher_killed_mid_quiz_loses_and_repeats_nothing) {
    const auto s = simulate(12, 12, {"kill-teacher"});
    expectNothingLost(s, 12);
    BOOST_TEST(s->getValue<int>("faults") == 1);
}

BOOST_AUTO_TEST_CASE(a_network_cut_mid_quiz_loses_and_repeats_nothing) {
    const auto s = simulate(12, 13, {"cut", "cut"});
    expectNothingLost(s, 12);
}

BOOST_AUTO_TEST_CASE(every_fault_together) {
    expectNothingLost(simulate(20, 14, {"kill-student", "kill-teacher", "cut", "kill-student"}),
                      20);
}

BOOST_AUTO_TEST_CASE(two_hundred_students_in_one_run) {
    expectNothingLost(simulate(200, 15, {}), 200);
}

BOOST_AUTO_TEST_CASE(bad_command_lines_are_refused) {
    TempDir tmp;
    BOOST_TEST(run(quote(AYLLU_SIM_TOOL) + " --students 3").status == 2);
    BOOST_TEST(run(quote(AYLLU_SIM_TOOL) + " --students 3 --course x --data " + quote(tmp.str()) +
                   " --fault unplug")
                   .status == 2);
}
