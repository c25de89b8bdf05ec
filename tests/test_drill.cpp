#define BOOST_TEST_MODULE drill
#include "ayllu/drill/pointer.h"
#include "ayllu/drill/save_file.h"
#include "ayllu/drill/typing.h"
#include "support.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>

using namespace ayllu;
using namespace ayllu::drill;
using namespace ayllu::test;

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

namespace {
course::Drill pointerDrill(course::DrillKind kind, int targets, int size, double accuracy,
                           int seconds) {
    course::Drill d;
    d.kind = kind;
    d.params["targets"] = std::to_string(targets);
    d.params["size"] = std::to_string(size);
    d.minAccuracy = accuracy;
    d.maxSeconds = seconds;
    return d;
}
} // namespace

BOOST_AUTO_TEST_CASE(click_targets_appear_inside_the_area_and_move_after_each_hit) {
    PointerDrill d(pointerDrill(course::DrillKind::Click, 20, 90, 80, 120), 800, 500, 7);
    BOOST_TEST(!d.doubleClick());
    for (int i = 0; i < 20; ++i) {
        const Target t = d.current();
        BOOST_TEST(t.size == 90);
        BOOST_TEST(t.x - 45 >= 0);
        BOOST_TEST(t.x + 45 <= 800);
        BOOST_TEST(t.y - 45 >= 0);
        BOOST_TEST(t.y + 45 <= 500);
        BOOST_TEST(d.press(t.x + 44, t.y, false)); // the edge of the circle still counts
        if (!d.finished()) {
            const Target n = d.current();
            BOOST_TEST(std::hypot(n.x - t.x, n.y - t.y) >= 90.0); // the mouse must move
        }
    }
    BOOST_TEST(d.finished());
    BOOST_TEST(!d.press(0, 0, false)); // nothing counts once finished
    const auto r = d.result(60);
    BOOST_TEST(r.hits == 20);
    BOOST_TEST(r.misses == 0);
    BOOST_TEST(r.accuracy == 100.0);
    BOOST_TEST(r.passed);
}

BOOST_AUTO_TEST_CASE(clicks_beside_the_target_are_misses_and_lower_accuracy) {
    PointerDrill d(pointerDrill(course::DrillKind::Click, 2, 60, 80, 0), 600, 400, 1);
    const Target t = d.current();
    BOOST_TEST(!d.press(t.x + 31, t.y, false));      // just outside the circle
    BOOST_TEST(!d.press(t.x + 22, t.y + 22, false)); // the square's corner is not the circle
    BOOST_TEST(d.press(t.x, t.y, false));
    BOOST_TEST(d.press(d.current().x, d.current().y, false));
    const auto r = d.result(10);
    BOOST_TEST(r.misses == 2);
    BOOST_TEST(r.accuracy == 50.0);
    BOOST_TEST(!r.passed); // needs 80%
}

BOOST_AUTO_TEST_CASE(a_double_click_drill_counts_only_double_clicks) {
    PointerDrill d(pointerDrill(course::DrillKind::DoubleClick, 3, 100, 75, 150), 800, 600, 3);
    BOOST_TEST(d.doubleClick());
    const Target t = d.current();
    BOOST_TEST(!d.press(t.x, t.y, false)); // the first click of a double click
    BOOST_TEST(d.misses() == 0);
    BOOST_TEST(!d.press(5000, 5000, false)); // single clicks never miss either
    BOOST_TEST(d.misses() == 0);
    BOOST_TEST(d.press(t.x, t.y, true));
    BOOST_TEST(!d.press(d.current().x + 200, d.current().y + 200, true));
    BOOST_TEST(d.misses() == 1);
    BOOST_TEST(d.press(d.current().x, d.current().y, true));
    BOOST_TEST(d.press(d.current().x, d.current().y, true));
    const auto r = d.result(200);
    BOOST_TEST(r.accuracy == 75.0);
    BOOST_TEST(!r.passed); // 200 s is over the 150 s limit
    BOOST_TEST(d.result(100).passed);
}

BOOST_AUTO_TEST_CASE(an_unfinished_drill_does_not_pass_and_big_targets_fit_small_screens) {
    PointerDrill d(pointerDrill(course::DrillKind::Click, 5, 400, 0, 0), 300, 200, 9);
    BOOST_TEST(d.current().size == 100); // half the short side of the area
    BOOST_TEST(d.press(d.current().x, d.current().y, false));
    BOOST_TEST(!d.result(5).passed);
    d.resize(120, 90);
    BOOST_TEST(d.current().x + d.current().size / 2 <= 120);
    BOOST_TEST(d.current().y + d.current().size / 2 <= 90);
    // The same seed gives the same places: a test or a teacher can replay a session.
    PointerDrill a(pointerDrill(course::DrillKind::Click, 5, 50, 0, 0), 640, 480, 42);
    PointerDrill b(pointerDrill(course::DrillKind::Click, 5, 50, 0, 0), 640, 480, 42);
    BOOST_TEST(a.current().x == b.current().x);
    BOOST_TEST(a.current().y == b.current().y);
}

BOOST_AUTO_TEST_CASE(a_pointer_drill_is_saved_as_a_drill_event_with_its_measures) {
    PointerResult r;
    r.targets = 10;
    r.hits = 10;
    r.misses = 2;
    r.accuracy = 100.0 * 10 / 12;
    r.seconds = 33.33;
    r.passed = true;
    const auto e = drillEvent("luis", "pe.ayllu.primeros-pasos", "res-practica-clic", r);
    BOOST_TEST((e.kind == store::EventKind::Drill));
    BOOST_TEST(e.result == "passed");
    BOOST_TEST(e.text == R"({"targets":10,"hits":10,"misses":2,"accuracy":83.3,"seconds":33.3})");
    BOOST_TEST(e.durationMs == 33330);
}

BOOST_AUTO_TEST_CASE(the_scroll_drill_hides_its_picture_below_the_first_screen) {
    course::Drill d;
    d.kind = course::DrillKind::Scroll;
    d.params["pages"] = "6";
    d.maxSeconds = 120;
    for (std::uint32_t seed = 0; seed < 50; ++seed) {
        ScrollDrill s(d, 900, 500, seed);
        BOOST_TEST(s.pageHeight() == 3000);
        const Target m = s.mark();
        BOOST_TEST(m.y - m.size / 2 >= 500); // not visible before scrolling
        BOOST_TEST(m.y >= 1500);             // in the lower half
        BOOST_TEST(m.y + m.size / 2 <= 3000);
        BOOST_TEST(m.x - m.size / 2 >= 0);
        BOOST_TEST(m.x + m.size / 2 <= 900);
    }
    ScrollDrill s(d, 900, 500, 5);
    s.scrolledTo(800);
    s.scrolledTo(300); // scrolling back up does not undo how far the learner went
    BOOST_TEST(s.deepest() == 800);
    BOOST_TEST(!s.press(s.mark().x, s.mark().y - s.mark().size)); // just above: a miss
    BOOST_TEST(s.press(s.mark().x, s.mark().y));
    BOOST_TEST(s.finished());
    const auto r = s.result(30);
    BOOST_TEST(r.hits == 1);
    BOOST_TEST(r.misses == 1);
    BOOST_TEST(r.accuracy == 50.0);
    BOOST_TEST(r.passed); // only a time limit: 30 s of 120
    BOOST_TEST(!s.result(121).passed);
    BOOST_TEST(!ScrollDrill(d, 900, 500, 1).result(1).passed); // not found: not passed
}

BOOST_AUTO_TEST_CASE(drag_items_onto_their_own_places) {
    course::Drill d;
    d.kind = course::DrillKind::DragDrop;
    d.params["items"] = "5";
    d.params["size"] = "80";
    d.minAccuracy = 80;
    d.maxSeconds = 180;
    DragDrill g(d, 900, 500, 11);
    BOOST_TEST_REQUIRE(g.count() == 5);
    for (int i = 0; i < 5; ++i) {
        // Everything is inside the area, items on the left half and places on the right.
        BOOST_TEST(g.item(i).x < 450);
        BOOST_TEST(g.place(i).x > 450);
        BOOST_TEST(g.place(i).x + g.place(i).size / 2 <= 900);
        BOOST_TEST(g.item(i).y + g.item(i).size / 2 <= 500);
        BOOST_TEST(g.itemAt(g.item(i).x, g.item(i).y) == i);
    }
    const Target home = g.item(0);
    // Let go on empty ground: it stays there, no miss.
    BOOST_TEST(!g.drop(0, 450, 250));
    BOOST_TEST(g.misses() == 0);
    BOOST_TEST(g.item(0).x == 450);
    // Onto another item's place: a miss, and it goes back home.
    BOOST_TEST(!g.drop(0, g.place(1).x, g.place(1).y));
    BOOST_TEST(g.misses() == 1);
    BOOST_TEST(g.item(0).x == home.x);
    for (int i = 0; i < 5; ++i) {
        g.move(i, 300, 300);
        BOOST_TEST(g.drop(i, g.place(i).x + 10, g.place(i).y - 10)); // near enough
        BOOST_TEST(g.placed(i));
        BOOST_TEST(g.itemAt(g.place(i).x, g.place(i).y) == -1); // a placed item stays put
    }
    BOOST_TEST(g.finished());
    const auto r = g.result(60);
    BOOST_TEST(r.hits == 5);
    BOOST_TEST(r.misses == 1);
    BOOST_TEST(r.accuracy == 100.0 * 5 / 6);
    BOOST_TEST(r.passed);
    // A smaller window: everything is laid out again inside it, placed items on their places.
    g.resize(700, 360);
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(g.place(i).y + g.place(i).size / 2 <= 360);
        BOOST_TEST(g.place(i).x + g.place(i).size / 2 <= 700);
        BOOST_TEST(g.item(i).x == g.place(i).x);
    }
    // Twenty items fit an old 800x600 screen's practice area.
    d.params["items"] = "20";
    DragDrill many(d, 760, 300, 2);
    for (int i = 0; i < 20; ++i) {
        BOOST_TEST(many.item(i).y + many.item(i).size / 2 <= 300);
        BOOST_TEST(many.place(i).x + many.place(i).size / 2 <= 760);
        BOOST_TEST(many.item(i).x + many.item(i).size / 2 < many.place(i).x);
    }
}

BOOST_AUTO_TEST_CASE(a_file_saved_in_the_right_folder_with_the_right_name_finishes_the_drill) {
    TempDir tmp;
    course::Drill d;
    d.kind = course::DrillKind::SaveFile;
    d.params["fileName"] = "mi-primer-documento.txt";
    d.params["folder"] = "Tareas";
    d.minAccuracy = 50;
    d.maxSeconds = 300;
    const auto root = tmp / "práctica";
    fs::create_directories(root / "Tareas");
    { std::ofstream(root / "Tareas" / "mi-primer-documento.txt") << "old"; } // from last time
    SaveFileDrill s(d, root.string());
    BOOST_TEST(!fs::exists(root / "Tareas" / "mi-primer-documento.txt")); // must be saved anew
    for (const char* f : {"Documentos", "Tareas", "Fotos", "Música"}) {
        BOOST_TEST(fs::is_directory(root / f), f);
    }
    // Outside the practice folder, also by way of "..": refused, nothing written.
    auto o = s.save((tmp / "fuera.txt").string(), "x");
    BOOST_TEST(!o.saved);
    BOOST_TEST(o.message.find(root.string()) != std::string::npos, o.message);
    o = s.save((root / "Tareas" / ".." / ".." / "fuera.txt").string(), "x");
    BOOST_TEST(!o.saved);
    BOOST_TEST(!fs::exists(tmp / "fuera.txt"));
    // The wrong folder: saved, a miss, and the message names the folder asked for.
    o = s.save((root / "Documentos" / "mi-primer-documento.txt").string(), "Hola");
    BOOST_TEST(o.saved);
    BOOST_TEST(!o.correct);
    BOOST_TEST(o.message.find("Tareas") != std::string::npos, o.message);
    // The right folder, the name typed without ".txt": completed, and the drill is done.
    o = s.save((root / "Tareas" / "mi-primer-documento").string(), "Hoy aprendí a guardar.");
    BOOST_TEST(o.correct);
    BOOST_TEST(s.finished());
    std::ifstream in(root / "Tareas" / "mi-primer-documento.txt");
    std::string text;
    std::getline(in, text);
    BOOST_TEST(text == "Hoy aprendí a guardar.");
    BOOST_TEST(!fs::exists(root / "Tareas" / "mi-primer-documento.txt.part"));
    const auto r = s.result(42);
    BOOST_TEST(r.hits == 1);
    BOOST_TEST(r.misses == 1);
    BOOST_TEST(r.accuracy == 50.0);
    BOOST_TEST(r.passed);
    BOOST_TEST(!s.save((root / "Tareas" / "otra.txt").string(), "x").saved); // done: no more
}
