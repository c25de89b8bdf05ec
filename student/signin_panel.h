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

private:
    MainFrame& frame_;
};

} // namespace ayllu::student
