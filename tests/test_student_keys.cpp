// The student client's windows in this process under Xvfb, driven by real X key and mouse
// events: the keyboard alone turns pages and answers a quiz, and the desktop's own Save dialog
// saves the save-a-file drill's document.
#define BOOST_TEST_MODULE student_keys
#include "ayllu/course/validate.h"
#include "ayllu/drill/save_file.h"
#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/speech/read_aloud.h"
#include "ayllu/store/roster_csv.h"
#include "drill_panel.h"
#include "lesson_panel.h"
#include "outline_panel.h"
#include "pictures.h"
#include "quiz_panel.h"
#include "support.h"
#include "wx_harness.h"
#include "wx_language.h"
#include "wx_screenshot.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>
#include <wx/filedlg.h>
#include <wx/modalhook.h>
#include <wx/uiaction.h>

using namespace ayllu;
using namespace ayllu::test;

namespace {

struct SpanishWx : WxRuntime {
    SpanishWx() {
        BOOST_REQUIRE(i18n::load(AYLLU_BUILD_LOCALE_DIR, "es"));
        gui::useWxLanguage("es"); // wx's own OK, Cancel, Browse...
    }
};
BOOST_TEST_GLOBAL_FIXTURE(SpanishWx);

// A window of 1024x768 holding one panel, shown and with the keyboard.
struct Window {
    wxFrame* frame = new wxFrame(nullptr, wxID_ANY, "test", wxDefaultPosition, wxSize(1024, 740));
    Window() {}
    ~Window() {
        frame->Destroy();
        pumpUntil([] { return wxTopLevelWindows.empty(); });
    }
    void show(wxWindow* panel) {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(panel, 1, wxEXPAND);
        frame->SetSizer(sizer);
        frame->Show();
        frame->Raise();
        pumpUntil([&] { return frame->IsShownOnScreen(); });
        pumpIdle();
    }
};

course::Package package(const fs::path& dir) {
    auto v = course::validateFolder(dir.string());
    BOOST_REQUIRE(!v.problems.hasErrors());
    return v.package;
}

} // namespace

BOOST_AUTO_TEST_CASE(alt_arrows_turn_pages_and_tab_walks_the_buttons) {
    const auto pkg = package(sampleCourse());
    const auto& lesson = pkg.lessons.at("res-leccion");
    Window w;
    auto* panel = new lesson_view::LessonPanel(w.frame);
    std::vector<int> pressed;
    panel->setNavigation([&](int d) { pressed.push_back(d); });
    panel->setRoot(sampleCourse().string());
    w.show(panel);
    panel->showPage(lesson, lesson.pages.at(0), "es");
    panel->showNavigation(true, 1, 3); // the middle page: both ways open
    pumpIdle();
    panel->SetFocus();
    wxUIActionSimulator keys;
    keys.Char(WXK_RIGHT, wxMOD_ALT);
    BOOST_REQUIRE(pumpUntil([&] { return pressed.size() == 1u; }));
    keys.Char(WXK_LEFT, wxMOD_ALT);
    BOOST_REQUIRE(pumpUntil([&] { return pressed.size() == 2u; }));
    BOOST_TEST(pressed == (std::vector<int>{+1, -1}));
    // On the first page Alt+Left does nothing.
    panel->showNavigation(true, 0, 3);
    pumpIdle();
    keys.Char(WXK_LEFT, wxMOD_ALT);
    keys.Char(WXK_RIGHT, wxMOD_ALT);
    BOOST_REQUIRE(pumpUntil([&] { return pressed.size() == 3u; }));
    BOOST_TEST(pressed.back() == +1);
    // The reading keys.
    keys.Char(WXK_F6);
    BOOST_REQUIRE(pumpUntil([&] { return panel->reading().highContrast; }));
    keys.Char('+', wxMOD_CONTROL);
    BOOST_REQUIRE(pumpUntil([&] { return panel->reading().textSize > 100; }));
    // Tab goes from button to button: Read aloud, A-, A+, contrast, Previous, Next.
    std::set<wxWindow*> visited;
    for (int i = 0; i < 8; ++i) {
        keys.Char(WXK_TAB);
        pumpUntil([&] { return wxWindow::FindFocus() != nullptr; });
        pumpIdle();
        if (auto* b = dynamic_cast<wxButton*>(wxWindow::FindFocus())) {
            visited.insert(b);
        }
    }
    BOOST_TEST(visited.size() >= 5u);
}

BOOST_AUTO_TEST_CASE(a_quiz_is_answered_with_the_keyboard_alone) {
    const auto pkg = package(sampleCourse());
    const auto& quiz = pkg.quizzes.at("res-cuestionario");
    classroom::LiveQuizView view;
    view.course = "pe.ayllu.muestra";
    view.content = "res-cuestionario";
    view.open = true;
    for (const auto& q : quiz.questions) {
        view.questions.push_back(quiz::publicView(q, 7));
    }
    std::map<std::string, std::string> saved;
    Window w;
    student::QuizPanel::Host host;
    host.save = [&](const std::string& q, const std::string& response, std::int64_t) {
        saved[q] = response;
        store::SaveResult r;
        r.saved = true;
        return r;
    };
    auto* panel = new student::QuizPanel(w.frame, host);
    w.show(panel);
    panel->setQuiz(view, "luis", "es", "");
    pumpIdle();
    wxUIActionSimulator keys;
    // Question 1 (one choice): the keyboard is on the first choice; Space picks it, Ctrl+S saves.
    BOOST_REQUIRE(dynamic_cast<wxRadioButton*>(wxWindow::FindFocus()) != nullptr);
    keys.Char(WXK_SPACE);
    keys.Char('s', wxMOD_CONTROL);
    BOOST_REQUIRE(pumpUntil([&] { return saved.count(quiz.questions[0].id) == 1u; }));
    BOOST_TEST(saved[quiz.questions[0].id].front() == '"'); // a choice id, as JSON text
    // Question 2 (several choices): Alt+Right, Space ticks the first, Ctrl+S.
    keys.Char(WXK_RIGHT, wxMOD_ALT);
    BOOST_REQUIRE(pumpUntil([&] { return dynamic_cast<wxCheckBox*>(wxWindow::FindFocus()); }));
    keys.Char(WXK_SPACE);
    keys.Char('s', wxMOD_CONTROL);
    BOOST_REQUIRE(pumpUntil([&] { return saved.count(quiz.questions[1].id) == 1u; }));
    BOOST_TEST(saved[quiz.questions[1].id].front() == '[');
    // On to the first question to type an answer in: type it, Enter saves.
    std::size_t typed = 0;
    while (typed < quiz.questions.size() &&
           quiz.questions[typed].type != course::QuestionType::Short) {
        ++typed;
    }
    BOOST_REQUIRE(typed < quiz.questions.size());
    for (std::size_t i = 1; i < typed; ++i) {
        keys.Char(WXK_RIGHT, wxMOD_ALT);
        pumpIdle();
    }
    BOOST_REQUIRE(pumpUntil([&] { return dynamic_cast<wxTextCtrl*>(wxWindow::FindFocus()); }));
    keys.Text("clic");
    keys.Char(WXK_RETURN);
    BOOST_REQUIRE(pumpUntil([&] { return saved.count(quiz.questions[typed].id) == 1u; }));
    BOOST_TEST(saved[quiz.questions[typed].id] == "\"clic\"");
    BOOST_TEST(panel->savedCount() == 3);
}

BOOST_AUTO_TEST_CASE(the_desktops_save_dialog_saves_the_drill_document) {
    TempDir tmp;
    const auto pkg = package(sourceDir() / "courses" / "archivos-y-carpetas");
    const auto& drill = pkg.drills.at("res-guarda-en-tareas");
    std::vector<store::Event> finished;
    Window w;
    auto* panel = new student::DrillPanel(w.frame, [&](store::Event e) {
        finished.push_back(e);
        return true;
    });
    panel->setPracticeRoot((tmp / "practica").string());
    w.show(panel);
    panel->show(drill, "es");
    pumpIdle();
    SeeDialogs hook;
    hook.Register();
    wxUIActionSimulator keys;
    const auto target = tmp / "practica" / "Tareas" / "mi-primer-documento.txt";
    // Once the dialog is up: select the proposed name, type the whole place, press Enter.
    bool answered = false;
    wxTimer answer;
    answer.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        if (answered || hook.open == nullptr || !hook.open->IsShownOnScreen()) {
            return;
        }
        answered = true;
        keys.Char('a', wxMOD_CONTROL);
        keys.Text(target.string().c_str());
        keys.Char(WXK_RETURN);
    });
    answer.Start(100);
    // The learner writes a line and presses Ctrl+S, as the drill asks.
    keys.Text("Hola");
    keys.Char('s', wxMOD_CONTROL);
    BOOST_TEST(pumpUntil([&] { return !finished.empty(); }, 30000));
    answer.Stop();
    hook.Unregister();
    BOOST_TEST(answered);
    BOOST_REQUIRE(fs::exists(target));
    BOOST_TEST(readFile(target).find("Hola") != std::string::npos);
    BOOST_REQUIRE(finished.size() == 1u);
    BOOST_TEST(finished[0].result == "passed");
}

BOOST_AUTO_TEST_CASE(a_click_on_a_block_reads_only_that_block) {
    const auto pkg = package(sampleCourse());
    const auto& lesson = pkg.lessons.at("res-leccion");
    const auto& page = lesson.pages.at(1);
    Window w;
    auto* panel = new lesson_view::LessonPanel(w.frame);
    std::vector<std::vector<speech::Utterance>> heard;
    panel->setReader([&](const std::vector<speech::Utterance>& u) { heard.push_back(u); });
    panel->setRoot(sampleCourse().string());
    w.show(panel);
    panel->showPage(lesson, page, "es");
    pumpIdle();
    // The tip box (the block after the list): a real click on its text.
    int tip = -1;
    for (std::size_t i = 0; i < page.blocks.size(); ++i) {
        if (page.blocks[i].kind == course::BlockKind::Box && tip < 0) {
            tip = static_cast<int>(i);
        }
    }
    BOOST_REQUIRE(tip >= 0);
    const auto windows = panel->blockWindows(tip);
    BOOST_REQUIRE(!windows.empty());
    const wxRect r = windows.back()->GetScreenRect();
    wxUIActionSimulator mouse;
    mouse.MouseMove(r.x + 10, r.y + r.height / 2);
    pumpIdle();
    mouse.MouseClick();
    BOOST_REQUIRE(pumpUntil([&] { return panel->selectedBlock() == tip; }));
    screenshot(w.frame, "student-read-one-block-1024x768.png");
    panel->readAloud();
    BOOST_REQUIRE(heard.size() == 1u);
    const auto expected = speech::blockSpeech(page.blocks[static_cast<std::size_t>(tip)], "es");
    BOOST_REQUIRE(heard[0].size() == expected.size());
    BOOST_TEST(heard[0][0].text == expected[0].text);
    BOOST_TEST(heard[0][0].text.find("flecha") != std::string::npos);
    // Escape: the whole page again.
    panel->SetFocus();
    wxUIActionSimulator().Char(WXK_ESCAPE);
    BOOST_REQUIRE(pumpUntil([&] { return panel->selectedBlock() == -1; }));
    panel->readAloud();
    BOOST_REQUIRE(heard.size() == 2u);
    const auto whole = speech::pageSpeech(page, "es");
    BOOST_TEST(heard[1].size() == whole.size());
    BOOST_TEST(heard[1][0].text == whole[0].text);
}

namespace {

// `seconds` of a 440 Hz tone as a 16-bit mono WAV file's bytes, made here (nothing is
// downloaded): it stands for a person's recording. Written by the core's own speech::writeWav,
// so what the client writes back can be compared byte for byte.
std::string toneWav(double seconds, int rate = 16000) {
    std::vector<std::int16_t> samples(static_cast<std::size_t>(seconds * rate));
    for (std::size_t i = 0; i < samples.size(); ++i) {
        samples[i] = static_cast<std::int16_t>(
            std::lround(9000 * std::sin(2 * M_PI * 440 * static_cast<double>(i) / rate)));
    }
    TempDir tmp;
    speech::writeWav((tmp / "tone.wav").string(), samples, rate);
    return readFile(tmp / "tone.wav");
}

// A course made by the test: one lesson in Spanish and Quechua whose first page has a
// Quechua narration (the tone) in media/p1-qu.wav.
fs::path narratedCourse(const fs::path& dir) {
    writeFile(dir / "media" / "p1-qu.wav", toneWav(1.5));
    writeFile(dir / "imsmanifest.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:ay="urn:ayllu:content:1"
          identifier="pe.ayllu.narrado" version="1.0.0">
  <metadata>
    <ay:course>
      <ay:title><ay:t xml:lang="es">Curso narrado</ay:t><ay:t xml:lang="qu">Willasqa yachay</ay:t></ay:title>
      <ay:language code="es"/>
      <ay:language code="qu" review="needed">Prueba.</ay:language>
      <ay:author>Pruebas de Ayllu</ay:author>
      <ay:licence>CC BY-SA 4.0</ay:licence>
    </ay:course>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Curso narrado</title>
      <item identifier="item-narrado" identifierref="res-narrado"><title>El ratón</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-narrado" type="ayllu/lesson" href="lessons/narrado.xml">
      <file href="lessons/narrado.xml"/>
      <file href="media/p1-qu.wav"/>
    </resource>
  </resources>
</manifest>
)");
    writeFile(dir / "lessons" / "narrado.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<lesson xmlns="urn:ayllu:content:1" id="narrado">
  <title><t xml:lang="es">El ratón</t><t xml:lang="qu">Ratón</t></title>
  <page id="p1">
    <title><t xml:lang="es">¿Qué es el ratón?</t><t xml:lang="qu">¿Imataq ratón?</t></title>
    <narration xml:lang="qu" src="media/p1-qu.wav"/>
    <paragraph><t xml:lang="es">El ratón mueve la flecha.</t><t xml:lang="qu">Ratónqa flechata kuyuchin.</t></paragraph>
  </page>
</lesson>
)");
    return dir;
}
} // namespace

// Read aloud (the button, or F5) says the page shown in the learner's language: the page's own
// recording in Quechua, exactly as it is; eSpeak NG in Spanish, which has no recording; and a
// Quechua page of a bundled course in the Quechua voice, for seconds. The reader is the one
// the client plays with, given a WAV file instead of the sound card.
BOOST_AUTO_TEST_CASE(read_aloud_says_the_page_shown_in_the_learners_language) {
    TempDir tmp;
    const auto narrated = package(narratedCourse(tmp / "narrado"));
    const auto& lesson = narrated.lessons.at("res-narrado");
    Window w;
    auto* panel = new lesson_view::LessonPanel(w.frame);
    std::vector<std::string> said;
    std::string wav;
    panel->setReader(
        [&](const speech::ReadAloudChoice& c) { said.push_back(speech::readAloudToWav(c, wav)); });
    w.show(panel);
    panel->setRoot((tmp / "narrado").string());
    // Luis reads in Quechua: the person's recording.
    wav = (tmp / "luis.wav").string();
    panel->showPage(lesson, lesson.pages.at(0), "qu");
    pumpIdle();
    panel->readAloud();
    BOOST_REQUIRE_EQUAL(said.size(), 1u);
    BOOST_TEST(said[0] == "read_aloud narration media/p1-qu.wav qu 1.5 s");
    BOOST_TEST((readFile(wav) == toneWav(1.5)));
    panel->stopReading();
    // Rosa reads in Spanish: no Spanish recording, so eSpeak NG reads the page.
    wav = (tmp / "rosa.wav").string();
    panel->showPage(lesson, lesson.pages.at(0), "es");
    pumpIdle();
    panel->readAloud();
    BOOST_REQUIRE_EQUAL(said.size(), 2u);
    BOOST_TEST(said[1].find("read_aloud narration") == std::string::npos, said[1]);
    BOOST_TEST(said[1].find("utterances es ") != std::string::npos, said[1]);
    BOOST_TEST(fs::file_size(wav) > 44u + 2u * 11025u); // over half a second
    BOOST_TEST((readFile(wav) != toneWav(1.5)));
    panel->stopReading();
    // A page of a bundled course, in Quechua: the Quechua voice, over a second of it.
    const auto pasos = package(sourceDir() / "courses" / "primeros-pasos");
    const auto& raton = pasos.lessons.at("res-raton");
    wav = (tmp / "raton.wav").string();
    panel->setRoot((sourceDir() / "courses" / "primeros-pasos").string());
    panel->showPage(raton, raton.pages.at(3), "qu");
    pumpIdle();
    panel->readAloud();
    BOOST_REQUIRE_EQUAL(said.size(), 3u);
    BOOST_TEST(said[2].find("utterances qu ") != std::string::npos, said[2]);
    const std::string head = readFile(wav).substr(0, 16);
    BOOST_TEST(head.substr(0, 4) == "RIFF");
    BOOST_TEST(head.substr(8, 8) == "WAVEfmt ");
    BOOST_TEST(fs::file_size(wav) > 44u + 2u * 16000u); // over a second at 16 kHz+
}

BOOST_AUTO_TEST_CASE(one_click_or_enter_opens_an_outline_item_and_done_items_are_marked) {
    const auto pkg = package(sourceDir() / "courses" / "primeros-pasos");
    const std::string course = pkg.manifest.identifier;
    Window w;
    std::vector<std::pair<std::string, std::string>> opened;
    auto* panel = new student::OutlinePanel(
        w.frame, [&](const std::string& c, const std::string& r) { opened.emplace_back(c, r); });
    w.show(panel);
    panel->setCourses({{course, &pkg}}, "es", {{course, "res-encender"}}, true,
                      {course, "res-raton"});
    pumpIdle();
    // Every lesson and drill is a button named by its title; what was finished says so.
    const auto button = [&](const wxString& label) -> wxButton* {
        return dynamic_cast<wxButton*>(wxWindow::FindWindowByLabel(label, w.frame));
    };
    const wxString encender = student::OutlinePanel::label(
        wxString::FromUTF8(pkg.lessons.at("res-encender").title.best("es")), true);
    const wxString raton = student::OutlinePanel::label(
        wxString::FromUTF8(pkg.lessons.at("res-raton").title.best("es")), false);
    BOOST_TEST(encender.StartsWith(wxString::FromUTF8("✔ ")));
    BOOST_REQUIRE(button(encender) != nullptr);
    BOOST_REQUIRE(button(raton) != nullptr);
    BOOST_TEST(button(wxString::FromUTF8("✔ ") + raton) == nullptr); // not done
    // The item to select has the keyboard: Enter opens it.
    BOOST_REQUIRE(pumpUntil([&] { return wxWindow::FindFocus() == button(raton); }));
    wxUIActionSimulator keys;
    keys.Char(WXK_RETURN);
    BOOST_REQUIRE(pumpUntil([&] { return opened.size() == 1u; }));
    BOOST_TEST(opened[0].second == "res-raton");
    // One real click (not a double-click) opens another.
    const wxRect r = button(encender)->GetScreenRect();
    wxUIActionSimulator mouse;
    mouse.MouseMove(r.x + r.width / 2, r.y + r.height / 2);
    pumpIdle();
    mouse.MouseClick();
    BOOST_REQUIRE(pumpUntil([&] { return opened.size() == 2u; }));
    BOOST_TEST(opened[1].first == course);
    BOOST_TEST(opened[1].second == "res-encender");
    screenshot(w.frame, "student-outline-1024x768.png");
}

BOOST_AUTO_TEST_CASE(finish_the_lesson_is_offered_on_the_last_page_only) {
    const auto pkg = package(sampleCourse());
    const auto& lesson = pkg.lessons.at("res-leccion");
    Window w;
    auto* panel = new lesson_view::LessonPanel(w.frame);
    int finished = 0;
    panel->setNavigation([](int) {});
    panel->setFinish([&] { ++finished; });
    panel->setRoot(sampleCourse().string());
    w.show(panel);
    const wxString label = wxString::FromUTF8(i18n::translate("Finish the lesson"));
    const auto finish = [&] {
        return dynamic_cast<wxButton*>(wxWindow::FindWindowByLabel(label, w.frame));
    };
    panel->showPage(lesson, lesson.pages.at(0), "es");
    panel->showNavigation(true, 0, lesson.pages.size());
    pumpIdle();
    BOOST_REQUIRE(finish() != nullptr);
    BOOST_TEST(!finish()->IsShown());
    panel->showPage(lesson, lesson.pages.back(), "es");
    panel->showNavigation(true, lesson.pages.size() - 1, lesson.pages.size());
    pumpIdle();
    BOOST_TEST(finish()->IsShown());
    const wxRect r = finish()->GetScreenRect();
    wxUIActionSimulator mouse;
    mouse.MouseMove(r.x + r.width / 2, r.y + r.height / 2);
    pumpIdle();
    mouse.MouseClick();
    BOOST_REQUIRE(pumpUntil([&] { return finished == 1; }));
    // Following the teacher (no navigation): nothing to finish.
    panel->showNavigation(false, 0, 0);
    pumpIdle();
    BOOST_TEST(!finish()->IsShownOnScreen());
}

BOOST_AUTO_TEST_CASE(every_sign_in_picture_has_its_own_drawing) {
    auto pixels = [](const std::string& name) {
        const wxImage img = gui::signInPicture(name, 48).ConvertToImage();
        return std::string(reinterpret_cast<const char*>(img.GetData()),
                           static_cast<std::size_t>(img.GetWidth() * img.GetHeight() * 3));
    };
    std::set<std::string> seen;
    for (const auto& name : store::signInPictures()) {
        const auto p = pixels(name);
        BOOST_TEST(p.size() == 48u * 48u * 3u);
        // Not the plain badge a name without a drawing gets (same first letter).
        BOOST_TEST((p != pixels(name + "?")), name);
        BOOST_TEST(seen.insert(p).second, name << " looks like another picture");
    }
    BOOST_TEST((pixels("Vicuña") == pixels("vicuna"))); // as a teacher may type it
    // An unknown name still gets a picture (a badge), never an empty square.
    const auto badge = pixels("zorro");
    BOOST_TEST((badge != std::string(badge.size(), '\xff')));
}
