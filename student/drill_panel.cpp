#include "drill_panel.h"

#include "tr.h"

#include <cmath>
#include <wx/clipbrd.h>

namespace ayllu::student {

DrillPanel::DrillPanel(wxWindow* parent, Finished finished)
    : wxPanel(parent), finished_(std::move(finished)) {
    SetBackgroundColour(*wxWHITE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Scale(2.0).Bold());
    instructions_ = new wxStaticText(this, wxID_ANY, "");
    instructions_->SetFont(instructions_->GetFont().Scale(1.3));
    text_ = new wxStaticText(this, wxID_ANY, "");
    text_->SetFont(text_->GetFont().Scale(1.9));
    text_->SetForegroundColour(wxColour(20, 70, 130));
    input_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 110), wxTE_MULTILINE);
    input_->SetFont(input_->GetFont().Scale(1.9));
    done_ = new wxButton(this, wxID_OK, _("I finished"), wxDefaultPosition, wxSize(240, 60));
    done_->SetFont(done_->GetFont().Scale(1.4).Bold());
    feedback_ = new wxStaticText(this, wxID_ANY, "");
    feedback_->SetFont(feedback_->GetFont().Scale(1.5).Bold());
    sizer->Add(title_, 0, wxALL, 20);
    sizer->Add(instructions_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(text_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(input_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(done_, 0, wxLEFT | wxBOTTOM, 20);
    sizer->Add(feedback_, 0, wxLEFT | wxRIGHT, 20);
    SetSizer(sizer);
    input_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!started_ && !input_->IsEmpty()) {
            started_ = true; // the clock starts with the first key, not when the page opens
            start_ = std::chrono::steady_clock::now();
        }
    });
    done_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { finish(); });
    // Typing practice: pasting the text would measure nothing.
    input_->Bind(wxEVT_TEXT_PASTE, [](wxClipboardTextEvent&) {});
}

void DrillPanel::showTyping(const course::Drill& d, const std::string& language) {
    drill_ = d;
    target_ = d.text.best(language);
    title_->SetLabel(u8(d.title.best(language)));
    instructions_->SetLabel(u8(d.instructions.best(language)));
    instructions_->Wrap(std::max(400, GetClientSize().x - 60));
    text_->SetLabel(u8(target_));
    text_->Wrap(std::max(400, GetClientSize().x - 60));
    input_->Clear();
    feedback_->SetLabel("");
    started_ = false;
    done_->Enable();
    Layout();
    input_->SetFocus();
}

void DrillPanel::finish() {
    const double seconds =
        started_ ? std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count()
                 : 0.0;
    const auto r = drill::measureTyping(drill_, target_, input_->GetValue().utf8_string(), seconds);
    const bool saved = finished_(r);
    const wxString figures = wxString::Format(_("Accuracy %d%%, %d words per minute."),
                                              static_cast<int>(std::lround(r.accuracy)),
                                              static_cast<int>(std::lround(r.wpm)));
    feedback_->SetForegroundColour(r.passed ? wxColour(30, 120, 60) : wxColour(150, 90, 20));
    feedback_->SetLabel(
        (r.passed ? _("Very good! ") : _("Keep practising: you are getting there. ")) + figures +
        (saved ? wxString() : wxString(" ") + _("(not saved yet)")));
    done_->Disable();
    Layout();
}

void DrillPanel::typeForTest() {
    const wxString text = u8(target_);
    for (const auto ch : text) {
        input_->AppendText(wxString(ch)); // one character at a time, ñ and accents too
    }
    wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
    click.SetEventObject(done_);
    done_->GetEventHandler()->ProcessEvent(click);
}

} // namespace ayllu::student
