// The teacher's console, for real: its main window runs in this process under Xvfb, student
// agents of the core join it over loopback TLS, and the test presses the console's buttons.
// Screenshots of each view land in build/screenshots/.
#define BOOST_TEST_MODULE teacher_gui
#include "ayllu/classroom/student_agent.h"
#include "ayllu/i18n.h"
#include "ayllu/store/roster_csv.h"
#include "class_panel.h"
#include "console.h"
#include "console_frame.h"
#include "courses_page.h"
#include "dialogs.h"
#include "gradebook_page.h"
#include "lesson_page.h"
#include "quiz_page.h"
#include "roster_page.h"
#include "support.h"
#include "wx_harness.h"
#include "wx_language.h"
#include "wx_screenshot.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <wx/apptrait.h>
#include <wx/evtloop.h>
#include <wx/modalhook.h>
#include <wx/notebook.h>
#include <wx/uiaction.h>
#include <wx/wx.h>

using namespace ayllu;
using namespace ayllu::test;
using ayllu::teacher::ConsoleFrame;

namespace {

const char* const kCourse = "pe.ayllu.muestra";

// wx for the whole run, in Spanish, the console's first language (course texts follow it).
struct SpanishWx : WxRuntime {
    SpanishWx() {
        BOOST_REQUIRE(i18n::load(AYLLU_BUILD_LOCALE_DIR, "es"));
        gui::useWxLanguage("es"); // wx's own OK, Cancel, Browse...
    }
};

BOOST_TEST_GLOBAL_FIXTURE(SpanishWx);

// The first page of a PDF as a PNG beside the screenshots, to look at.
void pdfPicture(const fs::path& pdf, const std::string& name) {
    const auto dir = fs::path(AYLLU_BINARY_DIR) / "screenshots";
    const auto stem = (dir / fs::path(name).stem()).string();
    const auto r =
        run("pdftoppm -png -r 60 -f 1 -l 1 -singlefile " + quote(pdf.string()) + " " + quote(stem));
    BOOST_TEST(r.status == 0, r.out);
}

// Clicks a button the way a person does: the pointer moves onto it and the left button goes
// down and up (XTest events through the X server).
void click(wxWindow* button) {
    wxUIActionSimulator sim;
    const wxRect r = button->GetScreenRect();
    sim.MouseMove(r.x + r.width / 2, r.y + r.height / 2);
    pumpIdle();
    sim.MouseClick();
    pumpIdle();
}

struct Pc {
    std::unique_ptr<store::StudentStore> store;
    std::unique_ptr<classroom::StudentAgent> agent;
};

struct Lab {
    TempDir tmp;
    std::unique_ptr<teacher::Console> console;
    ConsoleFrame* frame = nullptr;
    std::vector<std::unique_ptr<Pc>> pcs;

    Lab() {
        teacher::ConsoleOptions o;
        o.dataDir = (tmp / "teacher").string();
        o.bundledCourses = (fs::path(AYLLU_BINARY_DIR) / "share" / "ayllu" / "courses").string();
        o.port = 0;
        o.bindHost = "127.0.0.1";
        o.announce = false;
        console = std::make_unique<teacher::Console>(o);
        BOOST_TEST(!console->configured());
        console->setup({"Prof. Rosa Quispe", "5° A", "es", false});
        BOOST_TEST(console->configured());
        const auto c = console->classInfo().id;
        console->store().saveLearners({{"luis", c, "Luis Mamani", "condor", "", "es"},
                                       {"rosa", c, "Rosa Ñahui", "llama", "", "qu"},
                                       {"ana", c, "Ana Ticona", "sol", "", "ay"}});
        frame = new ConsoleFrame(*console);
        frame->SetSize(1024, 740);
        frame->Show();
        pumpUntil([&] { return frame->IsShownOnScreen(); });
    }
    ~Lab() {
        pcs.clear(); // the agents disconnect first
        // wx deletes a closed window at idle time: the console must outlive it.
        frame->Destroy();
        pumpUntil([] { return wxTopLevelWindows.empty(); });
    }
    Pc& join(const std::string& name) {
        auto pc = std::make_unique<Pc>();
        pc->store = std::make_unique<store::StudentStore>((tmp / name / "student.db").string());
        classroom::StudentConfig cfg;
        cfg.dataDir = (tmp / name).string();
        cfg.deviceName = name;
        cfg.backoffMinMs = 50;
        cfg.backoffMaxMs = 400;
        cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
        pc->agent = std::make_unique<classroom::StudentAgent>(*pc->store, cfg);
        pc->agent->connect("127.0.0.1", console->service().port(), console->classInfo().code);
        pcs.push_back(std::move(pc));
        return *pcs.back();
    }
    int online() const {
        int n = 0;
        for (const auto& s : frame->classPanel().students()) {
            n += s.online ? 1 : 0;
        }
        return n;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_class_follows_the_lesson_takes_a_live_quiz_and_lands_in_the_gradebook) {
    Lab lab;
    auto& f = *lab.frame;
    // First run installed the bundled courses.
    BOOST_TEST(lab.console->courses().size() >= 6u);
    BOOST_TEST(f.coursesPage().courseCount() >= 6);
    BOOST_TEST(f.onlineText().Contains("0 de 3"), f.onlineText().utf8_string());
    screenshot(&f, "teacher-class-empty.png");

    Pc& pc1 = lab.join("PC-01");
    Pc& pc2 = lab.join("PC-02");
    BOOST_REQUIRE(pc1.agent->waitJoined(10000));
    BOOST_REQUIRE(pc2.agent->waitJoined(10000));
    BOOST_REQUIRE(pc1.agent->signIn("luis", ""));
    BOOST_REQUIRE(pc2.agent->signIn("rosa", ""));
    pc2.agent->hand("rosa", true);
    BOOST_REQUIRE(pumpUntil([&] { return lab.online() == 2; }));
    BOOST_TEST(f.onlineText().Contains("2 de 3"), f.onlineText().utf8_string());
    BOOST_REQUIRE(pumpUntil([&] {
        for (const auto& s : f.classPanel().students()) {
            if (s.learnerId == "rosa" && s.hand) {
                return true;
            }
        }
        return false;
    }));
    BOOST_TEST(f.handsText() == "Manos levantadas: 1", f.handsText().utf8_string());
    screenshot(&f, "teacher-class-1024x768.png");

    // Lesson: the class follows two page changes made with the big buttons.
    f.showPage(ConsoleFrame::LessonTab);
    pumpIdle();
    f.lessonPage().selectLesson(kCourse, "res-leccion");
    f.lessonPage().step(+1); // nothing shown yet: the first page
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return pc1.agent->view().page == "p1"; }, 10000));
    pumpIdle();
    click(f.lessonPage().nextButton()); // the big Next button, clicked
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return pc1.agent->view().page == "p2"; }, 10000));
    BOOST_REQUIRE(pc2.agent->waitFor([&] { return pc2.agent->view().page == "p2"; }, 10000));
    BOOST_TEST(f.lessonPage().showing() == std::string(kCourse) + "/res-leccion/p2");
    screenshot(&f, "teacher-lesson-1024x768.png");

    // Quiz: the teacher clicks "Start the quiz".
    f.showPage(ConsoleFrame::QuizTab);
    BOOST_REQUIRE(f.quizPage().selectQuiz(kCourse, "res-cuestionario"));
    pumpIdle();
    click(f.quizPage().startButton());
    BOOST_REQUIRE(pumpUntil([&] { return lab.console->service().quizStatus().active; }));
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return pc1.agent->view().quiz.has_value(); }, 10000));
    BOOST_REQUIRE(pc2.agent->waitFor([&] { return pc2.agent->view().quiz.has_value(); }, 10000));
    BOOST_TEST(pc1.agent->answerLive("luis", "q1", "\"a\"", 4000).saved); // right
    BOOST_TEST(pc1.agent->answerLive("luis", "q3", "false", 3000).saved); // right
    BOOST_TEST(pc2.agent->answerLive("rosa", "q1", "\"c\"", 5000).saved); // wrong
    BOOST_REQUIRE(pc1.agent->waitSynced(10000));
    BOOST_REQUIRE(pc2.agent->waitSynced(10000));
    // The chart shows them: question 1 answered twice, once right; question 3 once, right.
    BOOST_REQUIRE(pumpUntil([&] {
        const auto& bars = f.quizPage().chart().bars();
        return bars.size() == 8u && bars[0].value == "1 / 2" && bars[2].value == "1 / 1";
    }));
    const auto& bars = f.quizPage().chart().bars();
    BOOST_TEST(bars[0].parts[0].first == 1.0); // right
    BOOST_TEST(bars[0].parts[2].first == 1.0); // wrong
    BOOST_TEST(bars[1].value == "0 / 0");
    BOOST_TEST(f.quizPage().answeredText().Contains("2 de 2"),
               f.quizPage().answeredText().utf8_string());
    screenshot(&f, "teacher-quiz-1024x768.png");

    // Close, reveal: each PC receives its learners' results.
    f.quizPage().close();
    f.quizPage().reveal();
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return !pc1.agent->view().reveal.empty(); }, 10000));
    BOOST_TEST(pc1.agent->view().reveal.find("luis") != std::string::npos);
    BOOST_TEST(pc1.agent->view().reveal.find("rosa") == std::string::npos);

    // Gradebook: the hardest question first, then each learner.
    f.showPage(ConsoleFrame::GradebookTab);
    f.gradebookPage().setView(teacher::GradebookPage::View::Questions);
    BOOST_REQUIRE(f.gradebookPage().rowCount() == 2);
    // Named by its text, never by its identifier; half right: harder than q3.
    BOOST_TEST(f.gradebookPage().cell(0, 0).utf8_string() == "¿Qué botón usamos para elegir?");
    BOOST_TEST(f.gradebookPage().cell(0, 1).utf8_string() == "¿Qué aprendimos?");
    BOOST_TEST(f.gradebookPage().cell(0, 4) == "50 %");
    f.gradebookPage().setView(teacher::GradebookPage::View::Learners);
    BOOST_REQUIRE(f.gradebookPage().rowCount() == 3); // the whole roster, Ana with nothing
    // The live quiz's scores are in as soon as it closed: Luis 2 of its points, Rosa none.
    std::map<std::string, std::vector<std::string>> byLearner;
    for (int r = 0; r < f.gradebookPage().rowCount(); ++r) {
        for (int c = 0; c < 5; ++c) {
            byLearner[f.gradebookPage().cell(r, 0).utf8_string()].push_back(
                f.gradebookPage().cell(r, c).utf8_string());
        }
    }
    BOOST_TEST(byLearner["Luis Mamani"][3] != "—");
    BOOST_TEST(byLearner["Rosa Ñahui"][3] == "0 %");
    BOOST_TEST(byLearner["Ana Ticona"][3] == "—");
    BOOST_TEST(f.gradebookPage().summary().Contains("3 estudiantes"),
               f.gradebookPage().summary().utf8_string());
    screenshot(&f, "teacher-gradebook-1024x768.png");

    // Export: the CSV Excel and LibreOffice open, with the quiz's title and each learner.
    f.gradebookPage().setView(teacher::GradebookPage::View::Grades);
    const auto csvPath = lab.tmp / "notas.csv";
    const auto questionsPath = f.gradebookPage().exportCsv(csvPath.string());
    const auto csv = readFile(csvPath);
    const auto questionsCsv = readFile(questionsPath);
    BOOST_TEST(questionsCsv.find("\"¿Qué botón usamos para elegir?\";2;1;0;50,0;") !=
                   std::string::npos,
               questionsCsv);
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u); // BOM
    BOOST_TEST(csv.find("\r\n") != std::string::npos);
    BOOST_TEST(csv.find("\"Luis Mamani\"") != std::string::npos);
    BOOST_TEST(csv.find("\"Rosa Ñahui\"") != std::string::npos);
    BOOST_TEST(csv.find("\"Ana Ticona\"") != std::string::npos);
    BOOST_TEST(csv.find("\"¿Qué aprendimos?\"") != std::string::npos, csv); // the title
    BOOST_TEST(csv.find("\"Estudiante\";") != std::string::npos, csv);      // Spanish headers
    BOOST_TEST(csv.find("res-cuestionario") == std::string::npos, csv);     // no identifiers
    BOOST_TEST(!fs::exists(lab.tmp / "notas.csv.part"));
    // An export into a folder that does not exist fails with the path, and writes nothing.
    BOOST_CHECK_EXCEPTION(
        f.gradebookPage().exportCsv((lab.tmp / "no" / "x.csv").string()), Error,
        [](const Error& e) { return std::string(e.what()).find("x.csv") != std::string::npos; });

    // The class report as PDF: its text names the class and each learner.
    const auto report = lab.tmp / "informe.pdf";
    f.gradebookPage().saveClassReport(report.string());
    const auto reportText = run("pdftotext -layout " + quote(report.string()) + " -");
    BOOST_TEST(reportText.status == 0);
    for (const char* expected : {"5° A", "Luis Mamani", "Rosa Ñahui", "Ana Ticona",
                                 "¿Qué aprendimos?", "Prof. Rosa Quispe"}) {
        BOOST_TEST(reportText.out.find(expected) != std::string::npos, expected);
    }
    // The same figures as the screen: the class line and each learner's score.
    BOOST_TEST(reportText.out.find(f.gradebookPage().summary().utf8_string()) != std::string::npos,
               reportText.out);
    BOOST_TEST(reportText.out.find(byLearner["Luis Mamani"][3]) != std::string::npos);
    pdfPicture(report, "teacher-class-report.png");

    // A certificate only for a learner who completed the whole course; else what is missing.
    const auto items = lab.console->courseItems(kCourse, "es");
    BOOST_REQUIRE(items.size() == 3u);
    const auto certificate = lab.tmp / "luis.pdf";
    BOOST_CHECK_EXCEPTION(f.gradebookPage().saveCertificate("luis", kCourse, certificate.string()),
                          Error, [&](const Error& e) {
                              return std::string(e.what()).find(items[0].title) !=
                                     std::string::npos;
                          });
    BOOST_TEST(!fs::exists(certificate));
    for (const auto& item : items) {
        store::Event done;
        done.learner = "luis";
        done.course = kCourse;
        done.content = item.content;
        done.status = store::Status::Passed;
        BOOST_TEST(pc1.agent->record(done).saved);
    }
    BOOST_REQUIRE(pc1.agent->waitSynced(10000));
    f.gradebookPage().saveCertificate("luis", kCourse, certificate.string());
    const auto certificateText = run("pdftotext " + quote(certificate.string()) + " -");
    BOOST_TEST(certificateText.out.find("Luis Mamani") != std::string::npos, certificateText.out);
    BOOST_TEST(certificateText.out.find("Curso de muestra") != std::string::npos,
               certificateText.out);
    pdfPicture(certificate, "teacher-certificate.png");

    // Attention: lock all, then one PC only.
    f.lockAll(true);
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return pc1.agent->view().locked; }, 10000));
    BOOST_REQUIRE(pc2.agent->waitFor([&] { return pc2.agent->view().locked; }, 10000));
    f.lockAll(false);
    BOOST_REQUIRE(pc2.agent->waitFor([&] { return !pc2.agent->view().locked; }, 10000));
    f.showPage(ConsoleFrame::ClassTab);
    pumpIdle();
    std::size_t rosaTile = 99;
    for (std::size_t i = 0; i < f.classPanel().students().size(); ++i) {
        if (f.classPanel().students()[i].learnerId == "rosa") {
            rosaTile = i;
        }
    }
    f.classPanel().toggle(rosaTile, false);
    f.lockSelected(true);
    BOOST_REQUIRE(pc2.agent->waitFor([&] { return pc2.agent->view().locked; }, 10000));
    BOOST_REQUIRE(pc1.agent->waitFor([&] { return !pc1.agent->view().locked; }, 10000));
    BOOST_TEST(!pc1.agent->view().locked);
    screenshot(&f, "teacher-class-selected-1024x768.png");
}

BOOST_AUTO_TEST_CASE(courses_are_checked_before_import_and_sent_with_a_bar_per_pc) {
    Lab lab;
    auto& f = *lab.frame;
    Pc& pc1 = lab.join("PC-01");
    BOOST_REQUIRE(pc1.agent->waitJoined(10000));
    BOOST_REQUIRE(pc1.agent->signIn("luis", ""));
    BOOST_REQUIRE(pumpUntil([&] { return lab.online() == 1; }));
    const int before = f.coursesPage().courseCount();

    // A broken course: refused, named by file and line, nothing added.
    copyTree(sampleCourse(), lab.tmp / "roto");
    replaceInFile(lab.tmp / "roto" / "imsmanifest.xml", "identifierref=\"res-leccion\"",
                  "identifierref=\"res-nada\"");
    bool ok = true;
    const auto problems = f.coursesPage().import((lab.tmp / "roto").string(), &ok);
    BOOST_TEST(!ok);
    BOOST_REQUIRE(!problems.empty());
    BOOST_TEST(problems[0].find("roto/imsmanifest.xml:") == 0u, problems[0]);
    BOOST_TEST(f.coursesPage().courseCount() == before);

    // Send a course: the PC's bar fills and says ready.
    f.showPage(ConsoleFrame::CoursesTab);
    BOOST_REQUIRE(f.coursesPage().select("pe.ayllu.primeros-pasos"));
    f.coursesPage().pushSelected();
    const auto device = pc1.store->deviceId();
    BOOST_REQUIRE(pumpUntil([&] { return f.coursesPage().gaugeValue(device) == 1000; }, 60000));
    BOOST_TEST(fs::exists(lab.tmp / "PC-01" / "courses"));
    screenshot(&f, "teacher-courses-1024x768.png");

    // Roster: a class list from a spreadsheet, all rows or none.
    f.showPage(ConsoleFrame::RosterTab);
    writeFile(lab.tmp / "lista.csv", "nombre;pin\nMaría Huamán;\nPedro Apaza;4321\n");
    BOOST_TEST(f.rosterPage().importCsv((lab.tmp / "lista.csv").string()).empty());
    BOOST_TEST(f.rosterPage().rowCount() == 5);
    writeFile(lab.tmp / "mala.csv", "nombre;pin\nJuana;12\n");
    const auto bad = f.rosterPage().importCsv((lab.tmp / "mala.csv").string());
    BOOST_REQUIRE(bad.size() == 1u);
    BOOST_TEST(bad[0].find("mala.csv:2:") != std::string::npos, bad[0]);
    BOOST_TEST(f.rosterPage().rowCount() == 5);
    screenshot(&f, "teacher-roster-1024x768.png");

    // Adding one learner by hand: a PIN of 2 digits is refused, 4 digits kept as a hash.
    store::RosterEntry juana;
    juana.id = "juana";
    juana.classId = lab.console->classInfo().id;
    auto* d = new teacher::LearnerDialog(&f, juana, true);
    d->Show();
    pumpUntil([&] { return d->IsShownOnScreen(); });
    d->fill(wxString::FromUTF8("  Juana   Ccama "), "12", 3, 1);
    wxString problem;
    BOOST_TEST(!d->answers(juana, &problem));
    BOOST_TEST(!problem.empty());
    d->fill(wxString::FromUTF8("Juana Ccama"), "2468", 3, 1);
    BOOST_TEST(d->answers(juana, &problem));
    screenshot(d, "teacher-add-learner.png");
    d->Destroy();
    BOOST_TEST(juana.name == "Juana Ccama");
    BOOST_TEST(juana.picture == store::signInPictures()[3]);
    BOOST_TEST(juana.language == "qu");
    lab.console->store().saveLearner(juana);
    BOOST_TEST(lab.console->store().checkPin("juana", "2468"));
    f.rosterPage().refresh();
    BOOST_TEST(f.rosterPage().rowCount() == 6);
}

BOOST_AUTO_TEST_CASE(first_run_asks_three_questions_and_the_codes_read_from_the_back) {
    {
        auto* d = new teacher::SetupDialog(nullptr, {});
        d->Show();
        pumpUntil([&] { return d->IsShownOnScreen(); });
        teacher::ClassSetup s;
        wxString problem;
        BOOST_TEST(!d->answers(s, &problem)); // nothing typed yet
        BOOST_TEST(!problem.empty());
        d->fill(wxString::FromUTF8("Prof. Rosa Quispe"), wxString::FromUTF8("5° A"));
        BOOST_TEST(d->answers(s, &problem));
        BOOST_TEST(s.teacher == "Prof. Rosa Quispe");
        BOOST_TEST(s.className == "5° A");
        BOOST_TEST(s.language == "es");
        screenshot(d, "teacher-first-run.png");
        d->Destroy();
        pumpUntil([] { return wxTopLevelWindows.empty(); });
    }
    Lab lab;
    auto& f = *lab.frame;
    f.showProjector();
    wxWindow* projector = nullptr;
    BOOST_REQUIRE(pumpUntil([&] {
        for (auto* w : wxTopLevelWindows) {
            if (dynamic_cast<teacher::ProjectorFrame*>(w) != nullptr && w->IsShownOnScreen()) {
                projector = w;
            }
        }
        return projector != nullptr;
    }));
    // Both codes, in letters at least 5 times the normal size.
    bool classCode = false, checkCode = false;
    for (auto* c : projector->GetChildren().front()->GetChildren()) {
        const auto label = c->GetLabel().utf8_string();
        if (label == lab.console->classInfo().code) {
            classCode = c->GetFont().GetPointSize() >= 5 * f.GetFont().GetPointSize();
        }
        if (label == lab.console->service().shortCode()) {
            checkCode = c->GetFont().GetPointSize() >= 4 * f.GetFont().GetPointSize();
        }
    }
    BOOST_TEST(classCode);
    BOOST_TEST(checkCode);
    screenshot(projector, "teacher-projector.png");
    // Escape closes it.
    projector->GetChildren().front()->SetFocus();
    wxUIActionSimulator().Char(WXK_ESCAPE);
    BOOST_TEST(pumpUntil([&] {
        for (auto* w : wxTopLevelWindows) {
            if (dynamic_cast<teacher::ProjectorFrame*>(w) != nullptr) {
                return false;
            }
        }
        return true;
    }));
}

BOOST_AUTO_TEST_CASE(the_console_answers_to_its_keyboard_shortcuts) {
    Lab lab;
    auto& f = *lab.frame;
    Pc& pc = lab.join("PC-01");
    BOOST_REQUIRE(pc.agent->waitJoined(10000));
    f.Raise();
    f.SetFocus();
    pumpIdle();
    wxUIActionSimulator keys;
    keys.Char('l', wxMOD_CONTROL); // lock all
    BOOST_REQUIRE(pumpUntil([&] { return lab.console->service().state().lockAll; }));
    BOOST_REQUIRE(pc.agent->waitFor([&] { return pc.agent->view().locked; }, 10000));
    keys.Char('u', wxMOD_CONTROL); // unlock all
    BOOST_REQUIRE(pumpUntil([&] { return !lab.console->service().state().lockAll; }));
    keys.Char('3', wxMOD_ALT); // the Quiz tab
    BOOST_TEST(pumpUntil([&] {
        return dynamic_cast<wxNotebook*>(f.quizPage().GetParent())->GetSelection() ==
               ConsoleFrame::QuizTab;
    }));
    BOOST_REQUIRE(f.quizPage().selectQuiz(kCourse, "res-cuestionario"));
    keys.Char(WXK_F9); // start the quiz
    BOOST_TEST(pumpUntil([&] { return lab.console->service().quizStatus().active; }));
    keys.Char('2', wxMOD_ALT); // the Lesson tab, then Alt+Right shows the first page
    pumpUntil([&] {
        return dynamic_cast<wxNotebook*>(f.quizPage().GetParent())->GetSelection() ==
               ConsoleFrame::LessonTab;
    });
    keys.Char(WXK_RIGHT, wxMOD_ALT);
    BOOST_TEST(pumpUntil([&] { return !f.lessonPage().showing().empty(); }));
}

BOOST_AUTO_TEST_CASE(the_installed_program_starts_in_the_language_kept_in_its_settings) {
    TempDir tmp;
    const auto data = tmp / "consola";
    auto launch = [&](const std::string& extra) {
        return run("timeout 120 xvfb-run -a -s " + quote("-screen 0 1024x768x24") + " " +
                   quote(AYLLU_TEACHER_APP) + " --data " + quote(data.string()) +
                   " --port 0 --exit-when-shown " + extra);
    };
    // First run without anyone to answer: the class comes from the command line, in English.
    const auto first = launch("--teacher " + quote("Prof. Rosa") + " --class-name " +
                              quote("5° A") + " --lang en");
    BOOST_TEST(first.status == 0, first.out);
    BOOST_TEST(first.out.find("shown: Ayllu — teacher's console | Class | Lesson | Quiz |") !=
                   std::string::npos,
               first.out);
    BOOST_TEST(first.out.find("Class \"5° A\": code ") != std::string::npos, first.out);
    // Started again with no language given: the one chosen at first run.
    const auto again = launch("");
    BOOST_TEST(again.out.find("shown: Ayllu — teacher's console |") != std::string::npos,
               again.out);
    // The teacher switches to Spanish in Settings; it applies at the next start.
    {
        store::TeacherStore s((data / "teacher.db").string());
        s.setSetting("language", "es");
    }
    const auto spanish = launch("");
    BOOST_TEST(spanish.out.find("shown: Ayllu — consola del docente | Clase | Lección |") !=
                   std::string::npos,
               spanish.out);
    BOOST_TEST(fs::exists(data / "courses" / "pe.ayllu.muestra")); // bundled courses installed

    // The data folder chosen in Settings is used from the next start (kept in the config dir;
    // this test's own, so the PC's is never touched).
    const auto config = tmp / "config";
    BOOST_REQUIRE(setenv("XDG_CONFIG_HOME", config.c_str(), 1) == 0);
    unsetenv("AYLLU_DATA_DIR");
    BOOST_TEST(teacher::chosenDataDir().empty());
    const auto moved = tmp / "otra-carpeta";
    teacher::chooseDataDir(moved.string());
    BOOST_TEST(teacher::chosenDataDir() == moved.string());
    BOOST_TEST(teacher::dataDirFor("") == moved.string());
    BOOST_TEST(teacher::dataDirFor("/x") == "/x"); // --data still wins
    // A plain class name: GTK swallowed "--class 6B" (its own option), so the option has its
    // own name.
    const auto chosen = run("timeout 120 xvfb-run -a -s " + quote("-screen 0 1024x768x24") + " " +
                            quote(AYLLU_TEACHER_APP) + " --port 0 --exit-when-shown --teacher " +
                            quote("Prof. Rosa") + " --class-name 6B --lang es");
    BOOST_TEST(chosen.status == 0, chosen.out);
    BOOST_TEST(fs::exists(moved / "teacher.db"), chosen.out);
    BOOST_TEST(chosen.out.find("Clase \"6B\": código ") != std::string::npos, chosen.out);
    unsetenv("XDG_CONFIG_HOME");
}

BOOST_AUTO_TEST_CASE(one_question_at_a_time_with_a_timer_and_self_paced_lessons) {
    Lab lab;
    auto& f = *lab.frame;
    Pc& pc = lab.join("PC-01");
    BOOST_REQUIRE(pc.agent->waitJoined(10000));
    BOOST_REQUIRE(pc.agent->signIn("ana", ""));

    // One question at a time, two minutes.
    f.showPage(ConsoleFrame::QuizTab);
    BOOST_REQUIRE(f.quizPage().selectQuiz(kCourse, "res-cuestionario"));
    f.quizPage().choose(true, 2);
    f.quizPage().start();
    BOOST_REQUIRE(pc.agent->waitFor(
        [&] { return pc.agent->view().quiz && pc.agent->view().quiz->questions.size() == 1u; },
        10000));
    BOOST_TEST(pc.agent->view().quiz->deadlineMs > 0);
    // The countdown shows in the console: "quedan 2:00" or "1:59".
    BOOST_TEST(pumpUntil([&] {
                   const auto c = f.quizPage().clockText();
                   return c.Contains("quedan 2:00") || c.Contains("quedan 1:5");
               }),
               f.quizPage().clockText().utf8_string());
    BOOST_REQUIRE(pumpUntil([&] { return f.quizPage().nextEnabled(); }));
    f.quizPage().next();
    BOOST_REQUIRE(
        pc.agent->waitFor([&] { return pc.agent->view().quiz->questions.size() == 2u; }, 10000));
    // The console shows a bar only for the questions shown so far.
    BOOST_TEST(pumpUntil([&] { return f.quizPage().chart().bars().size() == 2u; }));
    BOOST_TEST(f.quizPage().answeredText().Contains("pregunta 2 de 8"),
               f.quizPage().answeredText().utf8_string());
    screenshot(&f, "teacher-quiz-one-by-one-1024x768.png");
    f.quizPage().end();
    BOOST_REQUIRE(pc.agent->waitFor([&] { return !pc.agent->view().quiz; }, 10000));

    // Self-paced: the PC is told the lesson and moves on its own.
    f.showPage(ConsoleFrame::LessonTab);
    pumpIdle();
    f.lessonPage().selectLesson(kCourse, "res-leccion");
    f.lessonPage().openSelfPaced();
    BOOST_REQUIRE(pc.agent->waitFor(
        [&] { return pc.agent->view().mode == classroom::Mode::SelfPaced; }, 10000));
    BOOST_TEST(pc.agent->view().lesson == "res-leccion");
    f.lessonPage().endLesson();
    BOOST_REQUIRE(
        pc.agent->waitFor([&] { return pc.agent->view().mode == classroom::Mode::Idle; }, 10000));

    // The gradebook's period counts from when the console stored the work: a PC whose clock
    // says two months ago (a flat clock battery) still lands in "today".
    BOOST_TEST(pc.agent->answerLive("ana", "q1", "\"a\"", 1000).saved == false); // quiz ended
    store::Event old;
    old.learner = "ana";
    old.course = kCourse;
    old.content = "res-leccion";
    old.status = store::Status::Completed;
    old.atMs = store::nowMs() - 60LL * 24 * 3600 * 1000;
    BOOST_TEST(pc.agent->record(old).saved);
    BOOST_REQUIRE(pc.agent->waitSynced(10000));
    f.showPage(ConsoleFrame::GradebookTab);
    f.gradebookPage().setView(teacher::GradebookPage::View::Grades);
    auto lessonRows = [&] {
        int n = 0;
        for (int r = 0; r < f.gradebookPage().rowCount(); ++r) {
            n += f.gradebookPage().cell(r, 1) == wxString::FromUTF8("Conoce el ratón") ? 1 : 0;
        }
        return n;
    };
    f.gradebookPage().setPeriod(0);
    BOOST_TEST(lessonRows() == 3);  // a row per learner of the roster
    f.gradebookPage().setPeriod(1); // today
    BOOST_TEST(lessonRows() == 3);
    bool anaCompletedToday = false;
    for (int r = 0; r < f.gradebookPage().rowCount(); ++r) {
        anaCompletedToday |=
            f.gradebookPage().cell(r, 0) == "Ana Ticona" &&
            f.gradebookPage().cell(r, 1) == wxString::FromUTF8("Conoce el ratón") &&
            f.gradebookPage().cell(r, 2) == "completado";
    }
    BOOST_TEST(anaCompletedToday);

    // The console is closed on page 2 and opened again: it shows the page the class is on.
    f.showPage(ConsoleFrame::LessonTab);
    pumpIdle();
    f.lessonPage().selectLesson(kCourse, "res-leccion");
    f.lessonPage().step(+1);
    f.lessonPage().step(+1);
    BOOST_REQUIRE(f.lessonPage().showing() == std::string(kCourse) + "/res-leccion/p2");
    lab.frame->Destroy(); // f is gone from here on
    pumpUntil([] { return wxTopLevelWindows.empty(); });
    const auto options = lab.console->options();
    lab.console.reset();
    lab.console = std::make_unique<teacher::Console>(options);
    lab.frame = new ConsoleFrame(*lab.console);
    lab.frame->Show();
    pumpUntil([&] { return lab.frame->IsShownOnScreen(); });
    BOOST_TEST(lab.frame->lessonPage().showing() == std::string(kCourse) + "/res-leccion/p2");
    BOOST_REQUIRE(pc.agent->waitFor([&] { return pc.agent->view().page == "p2"; }, 20000));
}

BOOST_AUTO_TEST_CASE(the_settings_dialog_changes_nothing_when_cancelled) {
    Lab lab;
    auto& f = *lab.frame;
    const auto before = lab.console->store().setting("port", "none");
    SeeDialogs hook;
    hook.Register();
    bool looked = false;
    wxTimer look;
    look.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        if (looked || hook.open == nullptr || !hook.open->IsShownOnScreen()) {
            return;
        }
        looked = true;
        screenshot(hook.open, "teacher-settings.png");
        hook.open->EndModal(wxID_CANCEL);
    });
    look.Start(100);
    teacher::showSettings(&f, *lab.console); // returns when the dialog is closed
    look.Stop();
    hook.Unregister();
    BOOST_TEST(looked);
    BOOST_TEST(lab.console->store().setting("port", "none") == before);
}
