#include "join_panel.h"

#include "accessible.h"
#include "ayllu/classroom/pc_name.h"
#include "main_frame.h"
#include "tr.h"

namespace ayllu::student {

using gui::u8;

JoinPanel::JoinPanel(wxWindow* parent, MainFrame& frame, const Settings& settings)
    : wxPanel(parent), frame_(frame), timer_(this) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Join your class"));
    title->SetFont(title->GetFont().Scale(2.0).Bold());
    sizer->Add(title, 0, wxALL, 20);
    sizer->Add(new wxStaticText(this, wxID_ANY, _("Classes found on this network:")), 0,
               wxLEFT | wxRIGHT, 20);
    classes_ = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 140));
    classes_->SetFont(classes_->GetFont().Scale(1.4));
    sizer->Add(classes_, 0, wxEXPAND | wxALL, 20);
    auto* grid = new wxFlexGridSizer(2, 10, 10);
    // Each field is named after its label, so a screen reader says what to type there.
    const auto label = [&](const wxString& text, wxTextCtrl* field) {
        grid->Insert(grid->GetItemCount() - 1,
                     new wxStaticText(this, wxID_ANY, text, wxDefaultPosition, wxDefaultSize), 0,
                     wxALIGN_CENTER_VERTICAL);
        gui::setAccessible(field, text);
    };
    address_ = new wxTextCtrl(this, wxID_ANY,
                              settings.host.empty()
                                  ? wxString()
                                  : u8(settings.host + ":" + std::to_string(settings.port)));
    grid->Add(address_, 1, wxEXPAND);
    label(_("Or the teacher's address:"), address_);
    code_ = new wxTextCtrl(this, wxID_ANY, u8(settings.code));
    code_->SetFont(code_->GetFont().Scale(1.6));
    grid->Add(code_, 1, wxEXPAND);
    label(_("Class code:"), code_);
    pcName_ = new wxTextCtrl(this, wxID_ANY, u8(frame.pcName()));
    pcName_->SetMaxLength(classroom::kPcNameMax);
    // TRANSLATORS: a tooltip of the field "Name of this PC" on the student's join screen.
    pcName_->SetToolTip(_("How the teacher's screen names this PC, for example \"Window 2\". "
                          "Lab PCs often share one name: give each its own."));
    grid->Add(pcName_, 1, wxEXPAND);
    label(_("Name of this PC:"), pcName_);
    grid->AddGrowableCol(1);
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 20);
    auto* go = new wxButton(this, wxID_OK, _("Join"), wxDefaultPosition, wxSize(240, 70));
    go->SetFont(go->GetFont().Scale(1.6).Bold());
    sizer->Add(go, 0, wxALL, 20);
    SetSizer(sizer);

    try {
        listener_ = std::make_unique<net::Listener>();
    } catch (const std::exception&) {
        // Another Ayllu on this PC listens already; typing the address still works.
    }
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { refresh(); });
    timer_.Start(1000);
    go->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        std::string host = address_->GetValue().utf8_string();
        int port = net::kDiscoveryPort;
        const int sel = classes_->GetSelection();
        if (sel != wxNOT_FOUND && sel < static_cast<int>(heard_.size())) {
            host = heard_[static_cast<std::size_t>(sel)].host;
            port = heard_[static_cast<std::size_t>(sel)].port;
        } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
            port = std::atoi(host.substr(colon + 1).c_str());
            host = host.substr(0, colon);
        }
        if (host.empty()) {
            wxMessageBox(_("Choose a class from the list or type the teacher's address."),
                         _("Join"), wxOK | wxICON_INFORMATION, this);
            return;
        }
        const std::string name = classroom::cleanPcName(pcName_->GetValue().utf8_string());
        if (!name.empty() && !frame_.setPcName(name)) {
            return; // the status bar says why it could not be kept
        }
        frame_.join(host, port, code_->GetValue().utf8_string());
    });
}

void JoinPanel::refresh() {
    if (!listener_) {
        return;
    }
    heard_ = listener_->heard();
    wxArrayString items;
    for (const auto& a : heard_) {
        items.Add(u8(a.className + " — " + a.teacherName));
    }
    if (items != classes_->GetStrings()) {
        classes_->Set(items);
    }
}

} // namespace ayllu::student
