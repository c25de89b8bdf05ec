#include "outline_panel.h"

#include "drill_panel.h"
#include "tr.h"

#include <wx/weakref.h>

namespace ayllu::student {

using gui::u8;

OutlinePanel::OutlinePanel(wxWindow* parent, Open open) : wxPanel(parent), open_(std::move(open)) {
    SetBackgroundColour(*wxWHITE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Your courses on this PC"));
    title->SetFont(title->GetFont().Scale(2.0).Bold());
    note_ = new wxStaticText(this, wxID_ANY, "");
    note_->SetFont(note_->GetFont().Scale(1.2));
    result_ = new wxStaticText(this, wxID_ANY, "");
    result_->SetFont(result_->GetFont().Scale(1.4).Bold());
    result_->SetForegroundColour(wxColour(30, 120, 60));
    list_ = new wxScrolledWindow(this);
    list_->SetScrollRate(0, 20);
    list_->SetBackgroundColour(*wxWHITE);
    sizer->Add(title, 0, wxALL, 20);
    sizer->Add(note_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(result_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    SetSizer(sizer);
    result_->Hide();
}

wxString OutlinePanel::label(const wxString& title, bool done) {
    return done ? wxString::FromUTF8("✔ ") + title : title;
}

void OutlinePanel::setNote(const wxString& note) {
    result_->SetLabel(note);
    result_->Wrap(std::max(400, GetClientSize().x - 60));
    result_->Show(!note.empty());
    Layout();
}

void OutlinePanel::setCourses(const std::map<std::string, const course::Package*>& courses,
                              const std::string& language, const std::set<Item>& done,
                              bool teacherHere, const Item& focus) {
    note_->SetLabel(teacherHere ? _("Choose a lesson or a practice: one click opens it. Your work "
                                    "is saved here and sent to the teacher.")
                                : _("The teacher is not connected. Choose a lesson: your work is "
                                    "saved here and sent when the teacher is back."));
    note_->Wrap(900);
    setNote("");
    Freeze();
    list_->DestroyChildren();
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    std::vector<wxButton*> buttons;
    wxButton* focused = nullptr;
    for (const auto& [id, pkg] : courses) {
        auto* heading =
            new wxStaticText(list_, wxID_ANY, u8(pkg->manifest.meta.title.best(language)));
        heading->SetFont(heading->GetFont().Scale(1.5).Bold());
        sizer->Add(heading, 0, wxTOP | wxBOTTOM, 12);
        // In the order of the course outline.
        for (const auto& org : pkg->manifest.organizations) {
            for (const auto& item : org.items) {
                std::string title;
                if (auto l = pkg->lessons.find(item.ref); l != pkg->lessons.end()) {
                    title = l->second.title.best(language);
                } else if (auto d = pkg->drills.find(item.ref);
                           d != pkg->drills.end() && DrillPanel::handles(d->second.kind)) {
                    title = "✎ " + d->second.title.best(language);
                } else if (auto q = pkg->quizzes.find(item.ref);
                           q != pkg->quizzes.end() &&
                           q->second.mode == course::QuizMode::SelfPaced) {
                    title = "? " + q->second.title.best(language);
                } else {
                    continue; // quizzes that can run live are the teacher's
                }
                const Item target{id, item.ref};
                auto* b = new wxButton(list_, wxID_ANY, label(u8(title), done.count(target) != 0),
                                       wxDefaultPosition, wxSize(-1, 52), wxBU_LEFT);
                b->SetFont(b->GetFont().Scale(1.3));
                if (done.count(target) != 0) {
                    b->SetBackgroundColour(wxColour(215, 240, 220));
                }
                // One click (or Enter, or Space) opens it; after the click is handled, since
                // opening may fill this list again.
                b->Bind(wxEVT_BUTTON, [this, target](wxCommandEvent&) {
                    CallAfter([this, target] { open_(target.first, target.second); });
                });
                // The arrow keys go from item to item, as in a list.
                b->Bind(wxEVT_KEY_DOWN, [b](wxKeyEvent& e) {
                    if (e.GetKeyCode() == WXK_DOWN || e.GetKeyCode() == WXK_UP) {
                        b->Navigate(e.GetKeyCode() == WXK_DOWN ? wxNavigationKeyEvent::IsForward
                                                               : wxNavigationKeyEvent::IsBackward);
                        return;
                    }
                    e.Skip();
                });
                sizer->Add(b, 0, wxEXPAND | wxBOTTOM, 6);
                buttons.push_back(b);
                if (target == focus) {
                    focused = b;
                }
            }
        }
    }
    list_->SetSizer(sizer);
    list_->FitInside();
    Thaw();
    Layout();
    if (focused == nullptr && !buttons.empty()) {
        focused = buttons.front();
    }
    if (focused != nullptr) {
        CallAfter([focused = wxWeakRef<wxButton>(focused)] {
            if (!focused) {
                return; // the list was filled again meanwhile
            }
            focused->SetFocus(); // the list scrolls to show it
        });
    }
}

} // namespace ayllu::student
