#define BOOST_TEST_MODULE drill
#include "ayllu/drill/typing.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::drill;

namespace {
course::Drill typingDrill(double accuracy, double wpm, int seconds) {
    course::Drill d;
    d.kind = course::DrillKind::Typing;
    d.minAccuracy = accuracy;
    d.minWpm = wpm;
    d.maxSeconds = seconds;
    return d;
}
} // namespace

BOOST_AUTO_TEST_CASE(accented_letters_and_enie_count_as_one_character) {
    const std::string target = "Mañana sembraré papa en Ñuñoa."; // 30 characters
    auto r = measureTyping(typingDrill(90, 0, 0), target, target, 60);
    BOOST_TEST(r.accuracy == 100.0);
    BOOST_TEST(r.passed);
    BOOST_TEST(r.wpm == 6.0); // 30 characters = 6 words, in one minute
    // One wrong letter: an n where the ñ goes.
    r = measureTyping(typingDrill(90, 0, 0), target, "Manana sembraré papa en Ñuñoa.", 60);
    BOOST_TEST(r.accuracy == 100.0 * 29 / 30);
    BOOST_TEST(r.passed);
    // No accents at all: 2 wrong of 30, below 95%.
    r = measureTyping(typingDrill(95, 0, 0), target, "Mañana sembrare papa en Nuñoa.", 60);
    BOOST_TEST(r.accuracy == 100.0 * 28 / 30);
    BOOST_TEST(!r.passed);
}

BOOST_AUTO_TEST_CASE(missing_and_extra_characters_count_against_accuracy) {
    BOOST_TEST(measureTyping(typingDrill(0, 0, 0), "abcd", "ab", 10).accuracy == 50.0);
    BOOST_TEST(measureTyping(typingDrill(0, 0, 0), "ab", "abcd", 10).accuracy == 50.0);
    BOOST_TEST(measureTyping(typingDrill(0, 0, 0), "abc", "", 10).accuracy == 0.0);
    BOOST_TEST(measureTyping(typingDrill(0, 0, 0), "", "", 10).accuracy == 0.0);
}

BOOST_AUTO_TEST_CASE(speed_and_time_limits_are_part_of_success) {
    const std::string t(50, 'a');                                        // 10 words
    BOOST_TEST(measureTyping(typingDrill(90, 5, 0), t, t, 60).passed);   // 10 wpm
    BOOST_TEST(!measureTyping(typingDrill(90, 15, 0), t, t, 60).passed); // too slow
    BOOST_TEST(!measureTyping(typingDrill(90, 0, 30), t, t, 60).passed); // over 30 s
    BOOST_TEST(measureTyping(typingDrill(90, 0, 0), t, t, 0).wpm == 0.0);
}

BOOST_AUTO_TEST_CASE(a_finished_drill_is_one_progress_event) {
    const auto r = measureTyping(typingDrill(90, 0, 0), "Puno", "Puno", 4);
    auto e = drillEvent("ana", "pe.ayllu.primeros-pasos", "res-escribe-tildes", r);
    BOOST_TEST((e.kind == store::EventKind::Drill));
    BOOST_TEST(e.result == "passed");
    BOOST_TEST(*e.scoreRaw == 100.0);
    BOOST_TEST(e.durationMs == 4000);
    BOOST_TEST(e.text == R"({"accuracy":100,"wpm":12,"seconds":4})");
    e.device = "pc";
    e.seq = 1;
    BOOST_TEST(e.invalidReason().empty());
}
