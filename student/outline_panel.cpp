#include "outline_panel.h"

#include "drill_panel.h"
#include "tr.h"

namespace ayllu::student {

OutlinePanel::OutlinePanel(wxWindow* parent, Open open) : wxPanel(parent), open_(std::move(open)) {
    SetBackgroundColour(*wxWHITE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* title = new wxStaticText(this, wxID_ANY, _("Your courses on this PC"));
    title->SetFont(title->GetFont().Scale(2.0).Bold());
    auto* note = new wxStaticText(this, wxID_ANY,
                                  _("The teacher is not connected. Choose a lesson: your work is "
                                    "saved here and sent when the teacher is back."));
    note->SetFont(note->GetFont().Scale(1.2));
    note->Wrap(900);
    tree_ = new wxTreeCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                           wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT);
    tree_->SetFont(tree_->GetFont().Scale(1.4));
    sizer->Add(title, 0, wxALL, 20);
    sizer->Add(note, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(tree_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    SetSizer(sizer);
    tree_->Bind(wxEVT_TREE_ITEM_ACTIVATED, [this](wxTreeEvent& e) {
        const auto it = targets_.find(e.GetItem());
        if (it != targets_.end()) {
            open_(it->second.first, it->second.second);
        }
    });
}

void OutlinePanel::setCourses(const std::map<std::string, const course::Package*>& courses,
                              const std::string& language) {
    tree_->DeleteAllItems();
    targets_.clear();
    const auto root = tree_->AddRoot("");
    for (const auto& [id, pkg] : courses) {
        const auto c = tree_->AppendItem(root, u8(pkg->manifest.meta.title.best(language)));
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
                targets_[tree_->AppendItem(c, u8(title))] = {id, item.ref};
            }
        }
        tree_->Expand(c);
    }
}

} // namespace ayllu::student
