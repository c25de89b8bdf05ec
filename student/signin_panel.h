// Sign in on a shared PC: one big button per learner of the class; a PIN only when asked.
#pragma once

#include "ayllu/classroom/student_agent.h"

#include <wx/wx.h>

namespace ayllu::student {

class MainFrame;

class SignInPanel : public wxScrolledWindow {
public:
    SignInPanel(wxWindow* parent, MainFrame& frame);
    void setRoster(const std::vector<classroom::RosterLearner>& roster);
    // Why the last sign-in failed, in the panel (not a box that hides the names).
    void showMessage(const wxString& message);

private:
    MainFrame& frame_;
    wxStaticText* message_ = nullptr;
};

} // namespace ayllu::student
