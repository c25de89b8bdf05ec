#include "lesson_page.h"

#include "ayllu/i18n.h"
#include "drill_box.h"
#include "lesson_panel.h"
#include "tr.h"

namespace ayllu::teacher {

using gui::u8;

LessonPage::LessonPage(wxWindow* parent, Console& console) : wxPanel(parent), console_(console) {
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Course")), 0, wxBOTTOM, 4);
    courses_ = new wxChoice(this, wxID_ANY);
    left->Add(courses_, 0, wxEXPAND | wxBOTTOM, 10);
    left->Add(new wxStaticText(this, wxID_ANY, _("Lesson")), 0, wxBOTTOM, 4);
    lessons_ = new wxListBox(this, wxID_ANY);
    left->Add(lessons_, 1, wxEXPAND | wxBOTTOM, 10);
    left->Add(new wxStaticText(this, wxID_ANY, _("Pages")), 0, wxBOTTOM, 4);
    pages_ = new wxListBox(this, wxID_ANY);
    left->Add(pages_, 1, wxEXPAND | wxBOTTOM, 10);
    auto* selfPaced = new wxButton(this, wxID_ANY, _("Let them work &self-paced"));
    selfPaced->SetToolTip(_("Every student moves through this lesson at their own pace"));
    left->Add(selfPaced, 0, wxEXPAND | wxBOTTOM, 6);
    auto* end = new wxButton(this, wxID_ANY, _("&End the lesson"));
    left->Add(end, 0, wxEXPAND);

    auto* right = new wxBoxSizer(wxVERTICAL);
    where_ =
        new wxStaticText(this, wxID_ANY, _("Choose a lesson: the class sees the page you show."));
    where_->SetFont(where_->GetFont().Scale(1.2).Bold());
    right->Add(where_, 0, wxBOTTOM, 6);
    pcs_ = new wxStaticText(this, wxID_ANY, "");
    right->Add(pcs_, 0, wxBOTTOM, 6);
    preview_ = new lesson_view::LessonPanel(this);
    // It may be narrower than its toolbar, so the drills' column never widens the window.
    preview_->SetMinSize(FromDIP(wxSize(320, 200)));
    right->Add(preview_, 1, wxEXPAND | wxBOTTOM, 8);
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    prev_ = new wxButton(this, wxID_ANY, _("◀  Previous page"), wxDefaultPosition, wxSize(-1, 64));
    next_ = new wxButton(this, wxID_ANY, _("Next page  ▶"), wxDefaultPosition, wxSize(-1, 64));
    for (auto* b : {prev_, next_}) {
        b->SetFont(b->GetFont().Scale(1.3).Bold()); // both fit beside the drills at 1024 px
        buttons->Add(b, 1, wxEXPAND | wxLEFT | wxRIGHT, 4);
    }
    prev_->SetToolTip(_("Alt+Left"));
    next_->SetToolTip(_("Alt+Right"));
    right->Add(buttons, 0, wxEXPAND);

    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(left, 0, wxEXPAND | wxALL, 10);
    sizer->Add(right, 1, wxEXPAND | wxALL, 10);
    // Drills in the live class: a column of their own, beside the page.
    drills_ = new DrillBox(this, console_);
    drills_->SetMinSize(FromDIP(wxSize(210, -1)));
    sizer->Add(drills_, 0, wxEXPAND | wxTOP | wxBOTTOM | wxRIGHT, 10);
    left->SetMinSize(FromDIP(wxSize(240, -1)));
    SetSizer(sizer);

    courses_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { fillLessons(); });
    lessons_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { fillPages(); });
    lessons_->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { show(0); });
    pages_->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) {
        if (pages_->GetSelection() != wxNOT_FOUND) {
            show(static_cast<std::size_t>(pages_->GetSelection()));
        }
    });
    prev_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { step(-1); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { step(+1); });
    selfPaced->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { openSelfPaced(); });
    end->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { endLesson(); });
    reloadCourses();
    followService();
}

void LessonPage::followService() {
    // A console started again finds the class where it was (the service restores it): show it.
    const auto state = console_.service().state();
    if (state.mode == classroom::Mode::Idle || state.course.empty()) {
        return;
    }
    selectLesson(state.course, state.lesson);
    const auto* l = lesson();
    if (l == nullptr) {
        return;
    }
    if (state.mode == classroom::Mode::SelfPaced) {
        showing_ = state.course + "/" + state.lesson;
        showingCourse_ = state.course;
        pageNumber_ = 0;
        refreshDelivery();
        return;
    }
    for (std::size_t i = 0; i < l->pages.size(); ++i) {
        if (l->pages[i].id == state.page) {
            show(i);
        }
    }
}

void LessonPage::reloadCourses() {
    const auto keep = courses_->GetSelection() == wxNOT_FOUND
                          ? std::string()
                          : courseIds_[static_cast<std::size_t>(courses_->GetSelection())];
    courses_->Clear();
    courseIds_.clear();
    for (const auto* p : console_.courses()) {
        courses_->Append(u8(p->manifest.meta.title.best(i18n::currentLanguage())));
        courseIds_.push_back(p->manifest.identifier);
    }
    int select = courseIds_.empty() ? wxNOT_FOUND : 0;
    for (std::size_t i = 0; i < courseIds_.size(); ++i) {
        if (courseIds_[i] == keep) {
            select = static_cast<int>(i);
        }
    }
    courses_->SetSelection(select);
    fillLessons();
}

const course::Package* LessonPage::package() const {
    const int c = courses_->GetSelection();
    return c == wxNOT_FOUND ? nullptr
                            : console_.service().course(courseIds_[static_cast<std::size_t>(c)]);
}

const course::Lesson* LessonPage::lesson() const {
    const auto* p = package();
    const int l = lessons_->GetSelection();
    if (p == nullptr || l == wxNOT_FOUND) {
        return nullptr;
    }
    const auto it = p->lessons.find(lessonIds_[static_cast<std::size_t>(l)]);
    return it == p->lessons.end() ? nullptr : &it->second;
}

void LessonPage::fillLessons() {
    lessons_->Clear();
    lessonIds_.clear();
    const auto* p = package();
    drills_->setCourse(p == nullptr ? std::string() : p->manifest.identifier);
    if (p == nullptr) {
        fillPages();
        return;
    }
    // In the course's own order: the organisation's items, depth first.
    std::function<void(const std::vector<course::Item>&)> walk =
        [&](const std::vector<course::Item>& items) {
            for (const auto& item : items) {
                if (!item.ref.empty() && p->lessons.count(item.ref) != 0) {
                    lessons_->Append(
                        u8(p->lessons.at(item.ref).title.best(i18n::currentLanguage())));
                    lessonIds_.push_back(item.ref);
                }
                walk(item.children);
            }
        };
    for (const auto& org : p->manifest.organizations) {
        walk(org.items);
    }
    if (!lessonIds_.empty()) {
        lessons_->SetSelection(0);
    }
    fillPages();
}

void LessonPage::fillPages() {
    pages_->Clear();
    if (const auto* l = lesson()) {
        int n = 1;
        for (const auto& page : l->pages) {
            pages_->Append(
                wxString::Format("%d. %s", n++, u8(page.title.best(i18n::currentLanguage()))));
        }
    }
}

void LessonPage::selectLesson(const std::string& course, const std::string& lessonId) {
    for (std::size_t i = 0; i < courseIds_.size(); ++i) {
        if (courseIds_[i] == course) {
            courses_->SetSelection(static_cast<int>(i));
            fillLessons();
        }
    }
    for (std::size_t i = 0; i < lessonIds_.size(); ++i) {
        if (lessonIds_[i] == lessonId) {
            lessons_->SetSelection(static_cast<int>(i));
            fillPages();
        }
    }
}

void LessonPage::show(std::size_t index) {
    const auto* l = lesson();
    if (l == nullptr || index >= l->pages.size()) {
        return;
    }
    const auto& page = l->pages[index];
    const auto& course = courseIds_[static_cast<std::size_t>(courses_->GetSelection())];
    const auto& lessonId = lessonIds_[static_cast<std::size_t>(lessons_->GetSelection())];
    console_.service().showPage(course, lessonId, page.id);
    showing_ = course + "/" + lessonId + "/" + page.id;
    pages_->SetSelection(static_cast<int>(index));
    preview_->setRoot(console_.courseFolder(course));
    preview_->showPage(*l, page, i18n::currentLanguage());
    showingCourse_ = course;
    pageNumber_ = static_cast<int>(index) + 1;
    pageCount_ = static_cast<int>(l->pages.size());
    refreshDelivery();
    prev_->Enable(index > 0);
    next_->Enable(index + 1 < l->pages.size());
    Layout();
}

void LessonPage::refreshPreview() {
    const auto* l = lesson();
    const int index = pages_->GetSelection();
    if (l == nullptr || showing_.empty() || index == wxNOT_FOUND ||
        static_cast<std::size_t>(index) >= l->pages.size()) {
        return;
    }
    CallAfter([this] {
        const auto* again = lesson();
        const int i = pages_->GetSelection();
        if (again != nullptr && i != wxNOT_FOUND &&
            static_cast<std::size_t>(i) < again->pages.size()) {
            preview_->showPage(*again, again->pages[static_cast<std::size_t>(i)],
                               i18n::currentLanguage());
            Layout();
        }
    });
}

void LessonPage::step(int delta) {
    const int now = pages_->GetSelection();
    if (showing_.empty() || now == wxNOT_FOUND) {
        show(0);
        return;
    }
    const int target = now + delta;
    if (target >= 0 && target < static_cast<int>(pages_->GetCount())) {
        show(static_cast<std::size_t>(target));
    }
}

void LessonPage::openSelfPaced() {
    const auto* l = lesson();
    if (l == nullptr) {
        return;
    }
    const auto& course = courseIds_[static_cast<std::size_t>(courses_->GetSelection())];
    const auto& id = lessonIds_[static_cast<std::size_t>(lessons_->GetSelection())];
    console_.service().openSelfPaced(course, id);
    showing_ = course + "/" + id;
    showingCourse_ = course;
    pageNumber_ = 0;
    refreshDelivery();
}

void LessonPage::refreshDelivery() {
    drills_->refresh();
    if (showing_.empty() || showingCourse_.empty()) {
        pcs_->SetLabel("");
        return;
    }
    const auto pcs = console_.service().courseOnPcs(showingCourse_);
    int ready = 0;
    wxString lines;
    for (const auto& pc : pcs) {
        wxString who;
        for (const auto& name : pc.learners) {
            who += (who.empty() ? "" : ", ") + u8(name);
        }
        who = who.empty() ? u8(pc.deviceName) : who + " (" + u8(pc.deviceName) + ")";
        wxString state;
        switch (pc.state) {
        case classroom::CourseOnPc::State::Ready:
            ++ready;
            state = _("has the course");
            break;
        case classroom::CourseOnPc::State::Receiving:
            state = wxString::Format(_("receiving %d %%"),
                                     static_cast<int>(pc.total > 0 ? pc.done * 100 / pc.total : 0));
            break;
        case classroom::CourseOnPc::State::Failed:
            state = wxString::Format(_("failed: %s"), u8(pc.why));
            break;
        case classroom::CourseOnPc::State::Waiting:
            state = _("waiting for the course");
            break;
        }
        lines += "\n" + who + ": " + state;
    }
    const int all = static_cast<int>(pcs.size());
    pcs_->SetLabel(wxString::Format(_("%d of %d PCs have the course"), ready, all) + lines);
    // Never claim that the class sees a page some PCs cannot show yet.
    if (pageNumber_ == 0) {
        where_->SetLabel(_("Self-paced: each student moves through the lesson alone"));
    } else if (ready == all) {
        where_->SetLabel(
            wxString::Format(_("The class sees page %d of %d"), pageNumber_, pageCount_));
    } else {
        where_->SetLabel(wxString::Format(
            _("Page %d of %d is on %d of %d PCs; the others are still receiving the course"),
            pageNumber_, pageCount_, ready, all));
    }
    Layout();
}

void LessonPage::endLesson() {
    console_.service().endLesson();
    showing_.clear();
    showingCourse_.clear();
    pcs_->SetLabel("");
    where_->SetLabel(_("No lesson on. Choose one: the class sees the page you show."));
}

} // namespace ayllu::teacher
