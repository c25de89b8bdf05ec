#include "signin_panel.h"

#include "main_frame.h"
#include "pictures.h"
#include "tr.h"

#include <wx/textdlg.h>

namespace ayllu::student {

using gui::u8;

SignInPanel::SignInPanel(wxWindow* parent, MainFrame& frame)
    : wxScrolledWindow(parent), frame_(frame) {
    SetScrollRate(0, 20);
}

void SignInPanel::setRoster(const std::vector<classroom::RosterLearner>& roster) {
    DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Who are you? Touch your name."));
    title->SetFont(title->GetFont().Scale(2.0).Bold());
    sizer->Add(title, 0, wxALL, 20);
    message_ = new wxStaticText(this, wxID_ANY, "");
    message_->SetFont(message_->GetFont().Scale(1.5).Bold());
    message_->SetForegroundColour(wxColour(170, 70, 20));
    sizer->Add(message_, 0, wxLEFT | wxRIGHT, 20);
    auto* grid = new wxGridSizer(3, 12, 12);
    for (const auto& l : roster) {
        auto* b = new wxButton(this, wxID_ANY, u8(l.name), wxDefaultPosition, wxSize(280, 90));
        b->SetFont(b->GetFont().Scale(1.5));
        // The learner's picture beside the name: found even by someone who does not read yet.
        if (!l.picture.empty()) {
            b->SetBitmap(gui::signInPicture(l.picture, 64));
            b->SetBitmapMargins(8, 0);
        }
        b->Bind(wxEVT_BUTTON, [this, l](wxCommandEvent&) {
            std::string pin;
            if (l.pin) {
                wxPasswordEntryDialog ask(this, _("Type your PIN:"), u8(l.name));
                if (ask.ShowModal() != wxID_OK) {
                    return;
                }
                pin = ask.GetValue().utf8_string();
            }
            // After this click has returned: signing in may make every page again (the
            // learner's language), this button included.
            CallAfter([this, id = l.id, pin] { frame_.signIn(id, pin); });
        });
        grid->Add(b, 0, wxEXPAND);
    }
    sizer->Add(grid, 0, wxALL, 20);
    SetSizer(sizer);
    FitInside();
    Layout();
    Refresh(); // without it wxGTK shows the new names only after something else repaints
    // Tab moves between the names, Enter or Space picks one: the first has the keyboard.
    if (!grid->GetChildren().empty()) {
        grid->GetChildren().front()->GetWindow()->SetFocus();
    }
}

void SignInPanel::showMessage(const wxString& message) {
    if (message_ != nullptr) {
        message_->SetLabel(message);
        Layout();
        Refresh(); // wxGTK does not repaint a scrolled window for a new label by itself
    }
}

} // namespace ayllu::student
