#pragma once

#include <chrono>
#include <string>
#include <wx/wx.h>

namespace ayllu::student {

// Command-line settings; the test ones drive the client without a person.
struct Settings {
    std::string dataDir;
    std::string host;
    int port = 0;
    std::string code;
    std::string language;
    // For tests and demos:
    bool autoConfirm = false; // accept the teacher's short code without asking
    std::string signIn;       // sign this learner in as soon as the class is joined
    std::string snapshot;     // save a PNG of the window once a lesson page is shown
    bool exitAfterSnapshot = false;
    bool autoAnswer = false;
    bool autoType = false; // a typing drill: type its text and finish
    std::string open;      // offline: open this lesson or drill from the outline
    // The teacher's PC was reinstalled: forget the classes joined here (their keys), keep the
    // learners' work, and join again with the class code.
    bool forgetClass = false;
    std::chrono::steady_clock::time_point started =
        std::chrono::steady_clock::now(); // answer a live quiz through its controls as soon as it
                                          // appears
};

class StudentApp : public wxApp {
public:
    bool OnInit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    Settings settings_;
};

} // namespace ayllu::student
