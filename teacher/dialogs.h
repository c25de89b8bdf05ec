// The first-run setup, the settings, and the "show on projector" view of the codes students
// need to join.
#pragma once

#include "console.h"

#include <wx/wx.h>

namespace ayllu::teacher {

// First run: the teacher's name, the class's name, the language of the console.
class SetupDialog : public wxDialog {
public:
    SetupDialog(wxWindow* parent, const ClassSetup& initial);
    // The answers, or false with what is missing.
    bool answers(ClassSetup& out, wxString* problem) const;
    void fill(const wxString& teacher, const wxString& className); // tests

private:
    wxTextCtrl* teacher_ = nullptr;
    wxTextCtrl* name_ = nullptr;
    wxChoice* language_ = nullptr;
    wxCheckBox* pins_ = nullptr;
};

// Shows SetupDialog until it is answered. Returns false when the teacher cancels.
bool askSetup(wxWindow* parent, ClassSetup& setup);

// Settings kept in the teacher's database; language and port apply when the console restarts.
void showSettings(wxWindow* parent, Console& console);

// The class code and the teacher's check code, large enough to read from the back of the room.
// Escape or a click closes it.
class ProjectorFrame : public wxFrame {
public:
    ProjectorFrame(wxWindow* parent, const wxString& className, const wxString& classCode,
                   const wxString& checkCode);
};

// The languages of the console: (code, name in that language).
std::vector<std::pair<std::string, wxString>> consoleLanguages();

} // namespace ayllu::teacher
