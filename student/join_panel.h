// Join a class: the classes heard on the LAN, or a typed address, the class code, and this PC's
// name for the teacher (prefilled with the host name: cloned lab PCs all have the same one).
#pragma once

#include "ayllu/net/discovery.h"
#include "student_app.h"

#include <memory>
#include <wx/listbox.h>
#include <wx/timer.h>
#include <wx/wx.h>

namespace ayllu::student {

class MainFrame;

class JoinPanel : public wxPanel {
public:
    JoinPanel(wxWindow* parent, MainFrame& frame, const Settings& settings);

private:
    void refresh();
    MainFrame& frame_;
    std::unique_ptr<net::Listener> listener_;
    std::vector<net::Announcement> heard_;
    wxListBox* classes_ = nullptr;
    wxTextCtrl* address_ = nullptr;
    wxTextCtrl* code_ = nullptr;
    wxTextCtrl* pcName_ = nullptr; // this PC's name for the teacher (its seat)
    wxTimer timer_;
};

} // namespace ayllu::student
