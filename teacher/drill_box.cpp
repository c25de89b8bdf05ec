#include "drill_box.h"

#include "ayllu/i18n.h"
#include "drill_status.h"
#include "tr.h"

#include <functional>

namespace ayllu::teacher {

using gui::u8;

DrillBox::DrillBox(wxWindow* parent, Console& console) : wxPanel(parent), console_(console) {
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* label = new wxStaticText(this, wxID_ANY, _("Drills"));
    sizer->Add(label, 0, wxBOTTOM, 4);
    drills_ = new wxListBox(this, wxID_ANY);
    drills_->SetInitialSize(FromDIP(wxSize(200, 110))); // long titles scroll, the column stays
    drills_->SetName(_("Drills"));
    sizer->Add(drills_, 1, wxEXPAND | wxBOTTOM, 6);
    toClass_ = new wxButton(this, wxID_ANY, _("&Give the drill to the class"));
    toClass_->SetToolTip(_("Every PC opens this drill now; the tiles show how each learner does"));
    toSelected_ = new wxButton(this, wxID_ANY, _("Give it to the selected P&Cs"));
    toSelected_->SetToolTip(_("Only the PCs of the learners selected on the Class tab"));
    end_ = new wxButton(this, wxID_ANY, _("End the d&rill"));
    for (auto* b : {toClass_, toSelected_, end_}) {
        sizer->Add(b, 0, wxEXPAND | wxBOTTOM, 4);
    }
    statusArea_ = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    statusArea_->SetScrollRate(0, 10);
    status_ = new wxStaticText(statusArea_, wxID_ANY, "");
    auto* statusSizer = new wxBoxSizer(wxVERTICAL);
    statusSizer->Add(status_, 0, wxEXPAND);
    statusArea_->SetSizer(statusSizer);
    sizer->Add(statusArea_, 1, wxEXPAND | wxTOP, 4);
    SetSizer(sizer);
    toClass_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { give(false); });
    toSelected_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { give(true); });
    end_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { end(); });
    drills_->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { give(false); });
    refresh();
}

void DrillBox::setCourse(const std::string& course) {
    course_ = course;
    drills_->Clear();
    drillIds_.clear();
    const auto* p = console_.service().course(course);
    if (p != nullptr) {
        // In the course's own order: the organisation's items, depth first.
        std::function<void(const std::vector<course::Item>&)> walk =
            [&](const std::vector<course::Item>& items) {
                for (const auto& item : items) {
                    if (!item.ref.empty() && p->drills.count(item.ref) != 0 &&
                        std::find(drillIds_.begin(), drillIds_.end(), item.ref) ==
                            drillIds_.end()) {
                        drillIds_.push_back(item.ref);
                    }
                    walk(item.children);
                }
            };
        for (const auto& org : p->manifest.organizations) {
            walk(org.items);
        }
        for (const auto& [id, d] : p->drills) { // drills outside the outline too
            if (std::find(drillIds_.begin(), drillIds_.end(), id) == drillIds_.end()) {
                drillIds_.push_back(id);
            }
        }
        for (const auto& id : drillIds_) {
            drills_->Append(u8(titleOf(course, id)));
        }
    }
    if (!drillIds_.empty()) {
        drills_->SetSelection(0);
    }
    refresh();
}

std::string DrillBox::titleOf(const std::string& course, const std::string& drill) const {
    const auto* p = console_.service().course(course);
    if (p == nullptr || p->drills.count(drill) == 0) {
        return drill;
    }
    return p->drills.at(drill).title.best(i18n::currentLanguage());
}

void DrillBox::give(bool selectedOnly) {
    const int i = drills_->GetSelection();
    if (course_.empty() || i == wxNOT_FOUND) {
        note_ = _("Choose a drill first.");
        refresh();
        return;
    }
    std::vector<std::string> devices;
    if (selectedOnly) {
        devices = selected_ ? selected_() : std::vector<std::string>{};
        if (devices.empty()) {
            note_ = _("Select learners on the Class tab first (click their tiles).");
            refresh();
            return;
        }
    }
    note_.clear();
    try {
        console_.service().giveDrill(course_, drillIds_[static_cast<std::size_t>(i)], devices);
    } catch (const std::exception& e) {
        note_ = u8(e.what());
    }
    refresh();
}

void DrillBox::end() {
    note_.clear();
    console_.service().endDrill();
    refresh();
}

void DrillBox::refresh() {
    const auto state = console_.service().state();
    end_->Enable(state.drillActive);
    toSelected_->Enable(!drillIds_.empty());
    toClass_->Enable(!drillIds_.empty());
    wxString text;
    if (!state.drillActive) {
        text = _("No drill on.");
    } else {
        text = wxString::Format(_("Drill on: %s"),
                                u8(titleOf(state.drill.course, state.drill.content)));
        if (!state.drill.all) {
            text += " " + wxString::Format(_("(for %d PCs)"),
                                           static_cast<int>(state.drill.devices.size()));
        }
        for (const auto& s : console_.service().students()) {
            if (!s.online || !state.drillFor(s.deviceId)) {
                continue;
            }
            const wxString said = drillStatus(s, state);
            text += "\n" + u8(s.name) + ": " + (said.empty() ? _("not started yet") : said);
        }
    }
    if (!note_.empty()) {
        text += "\n" + note_;
    }
    if (text != shown_) {
        shown_ = text;
        status_->SetLabel(text);
        status_->Wrap(FromDIP(200));
        statusArea_->FitInside();
        statusArea_->Layout();
    }
}

} // namespace ayllu::teacher
