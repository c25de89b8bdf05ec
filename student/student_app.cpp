#include "student_app.h"

#include "ayllu/i18n.h"
#include "ayllu/store/database.h"
#include "main_frame.h"
#include "wx_language.h"

#include <filesystem>
#include <wx/cmdline.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>

namespace ayllu::student {

void StudentApp::OnInitCmdLine(wxCmdLineParser& parser) {
    wxApp::OnInitCmdLine(parser);
    parser.AddOption("", "data", "data folder", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "connect", "teacher address HOST:PORT", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "code", "class code", wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "lang", "language (es, qu, ay, en)", wxCMD_LINE_VAL_STRING);
    parser.AddSwitch("", "auto-confirm", "accept the teacher's code without asking (tests)");
    parser.AddOption("", "sign-in", "sign this learner in when joined (tests)",
                     wxCMD_LINE_VAL_STRING);
    parser.AddOption("", "snapshot", "save a PNG once a page is shown (tests)",
                     wxCMD_LINE_VAL_STRING);
    parser.AddSwitch("", "exit-after-snapshot", "quit after the snapshot (tests)");
    parser.AddSwitch("", "auto-answer", "answer a live quiz through its controls (tests)");
    parser.AddSwitch("", "auto-type", "type a typing drill's text and finish (tests)");
    parser.AddOption("", "open", "offline: open this lesson or drill (tests)",
                     wxCMD_LINE_VAL_STRING);
    parser.AddSwitch("", "forget-class",
                     "forget the classes joined on this PC (after the teacher's PC was "
                     "reinstalled); the learners' work stays");
}

bool StudentApp::OnCmdLineParsed(wxCmdLineParser& parser) {
    wxString v;
    settings_.dataDir = parser.Found("data", &v)
                            ? v.utf8_string()
                            : (std::filesystem::path(store::defaultDataDir()) / "student").string();
    if (parser.Found("connect", &v)) {
        const auto colon = v.rfind(':');
        settings_.host = v.substr(0, colon).utf8_string();
        long port = 0;
        v.substr(colon + 1).ToLong(&port);
        settings_.port = static_cast<int>(port);
    }
    if (parser.Found("code", &v)) {
        settings_.code = v.utf8_string();
    }
    if (parser.Found("lang", &v)) {
        settings_.language = v.utf8_string();
    }
    settings_.autoConfirm = parser.Found("auto-confirm");
    if (parser.Found("sign-in", &v)) {
        settings_.signIn = v.utf8_string();
    }
    if (parser.Found("snapshot", &v)) {
        settings_.snapshot = v.utf8_string();
    }
    settings_.exitAfterSnapshot = parser.Found("exit-after-snapshot");
    settings_.autoAnswer = parser.Found("auto-answer");
    settings_.autoType = parser.Found("auto-type");
    if (parser.Found("open", &v)) {
        settings_.open = v.utf8_string();
    }
    settings_.forgetClass = parser.Found("forget-class");
    return wxApp::OnCmdLineParsed(parser);
}

bool StudentApp::OnInit() {
    settings_.started = std::chrono::steady_clock::now();
    if (!wxApp::OnInit()) {
        return false;
    }
    // The same catalogs as the command-line tools (po/*.po), through our loader, so that the
    // core's messages and the windows' words come from one place.
    const std::string exe = wxStandardPaths::Get().GetExecutablePath().utf8_string();
    const std::string lang =
        settings_.language.empty() ? i18n::detectLanguage() : settings_.language;
    for (const auto& dir : i18n::localeDirs(exe)) {
        if (i18n::load(dir, lang)) {
            break;
        }
    }
    gui::useWxLanguage(lang);
    auto* frame = new MainFrame(settings_);
    frame->Show();
    return true;
}

} // namespace ayllu::student
