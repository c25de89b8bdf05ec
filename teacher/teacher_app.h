#pragma once

#include <string>
#include <wx/wx.h>

namespace ayllu::teacher {

class Console;

class TeacherApp : public wxApp {
public:
    bool OnInit() override;
    int OnExit() override;
    void OnInitCmdLine(wxCmdLineParser& parser) override;
    bool OnCmdLineParsed(wxCmdLineParser& parser) override;

private:
    std::string dataDir_;
    std::string language_;
    std::string courses_;
    long port_ = -1;
    // Demo and tests: set the class up without asking.
    std::string demoTeacher_, demoClass_;
    std::string roster_;
    bool exitWhenShown_ = false;
    Console* console_ = nullptr;
};

} // namespace ayllu::teacher
