#include "teacher_app.h"

#include "ayllu/i18n.h"
#include "ayllu/store/database.h"
#include "console.h"
#include "console_frame.h"
#include "dialogs.h"
#include "roster_page.h"
#include "tr.h"
#include "wx_language.h"

#include <cstdio>
#include <filesystem>
#include <wx/cmdline.h>
#include <wx/stdpaths.h>

namespace fs = std::filesystem;

namespace ayllu::teacher {

using gui::u8;

void TeacherApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "data", "data folder", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "lang", "language (es, qu, ay, en)", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "port", "TCP port (0: any free port)", wxCMD_LINE_VAL_NUMBER);
    parser.AddOption("", "courses", "folder of course zips to install on first run",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "teacher", "first run: the teacher's name, without asking",
                     wxCMD_LINE_VAL_STRING);
    // Not "--class": GTK takes that one (the X window class) before we see it.
    parser.AddOption("", "class-name", "first run: the class's name, without asking",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "roster", "first run: import this CSV class list", wxCMD_LINE_VAL_STRING);
    parser.AddSwitch("", "exit-when-shown",
                     "print the window's title and tabs once shown, then quit (tests)");
}

bool TeacherApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    wxString v;
    // --data, else AYLLU_DATA_DIR, else the folder chosen in Settings, else the usual place.
    dataDir_ = dataDirFor(parser.Found("data", &v) ? v.utf8_string() : std::string());
    if (parser.Found("lang", &v)) {
        language_ = v.utf8_string();
    }
    parser.Found("port", &port_);
    if (parser.Found("courses", &v)) {
        courses_ = v.utf8_string();
    }
    if (parser.Found("teacher", &v)) {
        demoTeacher_ = v.utf8_string();
    }
    if (parser.Found("class-name", &v)) {
        demoClass_ = v.utf8_string();
    }
    if (parser.Found("roster", &v)) {
        roster_ = v.utf8_string();
    }
    exitWhenShown_ = parser.Found("exit-when-shown");
    return wxApp::OnCmdLineParsed(parser);
}

bool TeacherApp::OnInit() {
    if (!wxApp::OnInit()) {
        return false;
    }
    const std::string exe = wxStandardPaths::Get().GetExecutablePath().utf8_string();
    if (courses_.empty()) {
        // Installed: <prefix>/bin/ayllu-teacher and <prefix>/share/ayllu/courses; the build
        // tree has the same layout.
        courses_ =
            (fs::path(exe).parent_path().parent_path() / "share" / "ayllu" / "courses").string();
    }
    ConsoleOptions options;
    options.dataDir = dataDir_;
    options.bundledCourses = courses_;
    options.port = static_cast<int>(port_);
    try {
        console_ = new Console(options);
    } catch (const std::exception& e) {
        wxMessageBox(u8(e.what()), "Ayllu", wxOK | wxICON_ERROR);
        return false;
    }
    // The language: the command line, else the teacher's choice, else the system's.
    auto loadLanguage = [&](const std::string& lang) {
        gui::useWxLanguage(lang);
        for (const auto& dir : i18n::localeDirs(exe)) {
            if (i18n::load(dir, lang)) {
                return;
            }
        }
    };
    loadLanguage(!language_.empty() ? language_
                                    : console_->setting("language", i18n::detectLanguage()));
    if (!console_->configured()) {
        ClassSetup setup;
        setup.language = language_.empty() ? i18n::detectLanguage() : language_;
        if (!demoTeacher_.empty() && !demoClass_.empty()) {
            setup.teacher = demoTeacher_;
            setup.className = demoClass_;
        } else if (!askSetup(nullptr, setup)) {
            return false;
        }
        console_->setup(setup);
        if (language_.empty()) {
            loadLanguage(setup.language);
        }
    }
    auto* frame = new ConsoleFrame(*console_);
    if (!roster_.empty() && console_->store().roster(console_->classInfo().id).empty()) {
        for (const auto& p : frame->rosterPage().importCsv(roster_)) {
            std::fprintf(stderr, "%s\n", p.c_str());
        }
    }
    frame->Show();
    std::printf("%s\n",
                wxString::Format(_("Class \"%s\": code %s, check code %s, port %d"),
                                 u8(console_->classInfo().name), u8(console_->classInfo().code),
                                 u8(console_->service().shortCode()),
                                 static_cast<int>(console_->service().port()))
                    .utf8_string()
                    .c_str());
    // The same, for scripts (scripts/demo starts the students with it): never translated.
    std::printf("ready code=%s port=%d\n", console_->classInfo().code.c_str(),
                static_cast<int>(console_->service().port()));
    std::fflush(stdout);
    if (exitWhenShown_) {
        frame->CallAfter([frame] {
            std::printf("shown: %s |", frame->GetTitle().utf8_string().c_str());
            for (const auto& tab : frame->tabLabels()) {
                std::printf(" %s |", tab.utf8_string().c_str());
            }
            std::printf("\n");
            std::fflush(stdout);
            frame->Close();
        });
    }
    return true;
}

int TeacherApp::OnExit() {
    delete console_;
    console_ = nullptr;
    return wxApp::OnExit();
}

} // namespace ayllu::teacher
