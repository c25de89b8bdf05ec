#include "courses_page.h"

#include "accessible.h"
#include "ayllu/course/labels.h"
#include "ayllu/i18n.h"
#include "tr.h"

#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/progdlg.h>

namespace ayllu::teacher {

using gui::u8;

CoursesPage::CoursesPage(wxWindow* parent, Console& console) : wxPanel(parent), console_(console) {
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* importZip = new wxButton(this, wxID_OPEN, _("&Import a course (zip)…"));
    importZip->SetToolTip(_("Ctrl+O"));
    auto* importFolder = new wxButton(this, wxID_ANY, _("Import a course &folder…"));
    auto* push = new wxButton(this, wxID_ANY, _("&Send to the class"));
    push->SetToolTip(_("Copies the selected course to every student PC, now and when they join"));
    buttons->Add(importZip, 0, wxRIGHT, 6);
    buttons->Add(importFolder, 0, wxRIGHT, 6);
    buttons->AddStretchSpacer();
    buttons->Add(push, 0);

    // Native table and tree: a screen reader reads each course, each figure and each item.
    list_ = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxDV_SINGLE | wxDV_ROW_LINES);
    gui::setAccessible(list_, _("Courses"));
    list_->SetMinSize(FromDIP(wxSize(400, 120)));
    list_->AppendTextColumn(_("Course"), wxDATAVIEW_CELL_INERT, FromDIP(300));
    list_->AppendTextColumn(_("Version"), wxDATAVIEW_CELL_INERT, FromDIP(70));
    list_->AppendTextColumn(_("Lessons"), wxDATAVIEW_CELL_INERT, FromDIP(70));
    list_->AppendTextColumn(_("Quizzes"), wxDATAVIEW_CELL_INERT, FromDIP(70));
    list_->AppendTextColumn(_("Drills"), wxDATAVIEW_CELL_INERT, FromDIP(70));
    list_->AppendTextColumn(_("Languages"), wxDATAVIEW_CELL_INERT, FromDIP(200));
    outline_ = new wxDataViewTreeCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxDV_SINGLE | wxDV_NO_HEADER);
    gui::setAccessible(outline_, _("Outline"));
    outline_->SetMinSize(FromDIP(wxSize(200, 120)));
    deliveries_ = new wxScrolledWindow(this);
    deliveries_->SetScrollRate(0, 20);
    deliveriesSizer_ = new wxBoxSizer(wxVERTICAL);
    deliveriesSizer_->Add(
        new wxStaticText(deliveries_, wxID_ANY, _("Copies to student PCs appear here.")), 0, wxALL,
        4);
    deliveries_->SetSizer(deliveriesSizer_);

    auto* lower = new wxBoxSizer(wxHORIZONTAL);
    auto* left = new wxBoxSizer(wxVERTICAL);
    left->Add(new wxStaticText(this, wxID_ANY, _("Outline")), 0, wxBOTTOM, 4);
    left->Add(outline_, 1, wxEXPAND);
    auto* right = new wxBoxSizer(wxVERTICAL);
    right->Add(new wxStaticText(this, wxID_ANY, _("Sending to student PCs")), 0, wxBOTTOM, 4);
    right->Add(deliveries_, 1, wxEXPAND);
    lower->Add(left, 1, wxEXPAND | wxRIGHT, 10);
    lower->Add(right, 1, wxEXPAND);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(buttons, 0, wxEXPAND | wxALL, 10);
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    sizer->Add(lower, 2, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);

    importZip->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askAndImport(); });
    importFolder->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        wxDirDialog ask(this, _("Choose the course folder (it holds imsmanifest.xml)"));
        if (ask.ShowModal() == wxID_OK) {
            importAndTell(ask.GetPath().utf8_string());
        }
    });
    push->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { pushSelected(); });
    list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { showOutline(); });
    refresh();
}

void CoursesPage::refresh() {
    list_->DeleteAllItems();
    ids_.clear();
    const auto lang = i18n::currentLanguage();
    for (const auto* p : console_.courses()) {
        wxString languages;
        for (const auto& l : p->manifest.meta.languages) {
            languages += (languages.empty() ? "" : ", ") + u8(course::languageName(l.code));
        }
        wxVector<wxVariant> row;
        row.push_back(wxVariant(u8(p->manifest.meta.title.best(lang))));
        row.push_back(wxVariant(u8(p->manifest.version)));
        row.push_back(wxVariant(wxString::Format("%zu", p->lessons.size())));
        row.push_back(wxVariant(wxString::Format("%zu", p->quizzes.size())));
        row.push_back(wxVariant(wxString::Format("%zu", p->drills.size())));
        row.push_back(wxVariant(languages));
        list_->AppendItem(row);
        ids_.push_back(p->manifest.identifier);
    }
    if (!ids_.empty()) {
        list_->SelectRow(0);
    }
    showOutline();
}

bool CoursesPage::select(const std::string& identifier) {
    for (std::size_t i = 0; i < ids_.size(); ++i) {
        if (ids_[i] == identifier) {
            list_->SelectRow(static_cast<unsigned>(i));
            showOutline();
            return true;
        }
    }
    return false;
}

void CoursesPage::showOutline() {
    outline_->DeleteAllItems();
    const int r = list_->GetSelectedRow();
    if (r == wxNOT_FOUND || static_cast<std::size_t>(r) >= ids_.size()) {
        return;
    }
    const auto* p = console_.service().course(ids_[static_cast<std::size_t>(r)]);
    if (p == nullptr) {
        return;
    }
    const auto lang = i18n::currentLanguage();
    std::vector<wxDataViewItem> containers;
    std::function<void(const wxDataViewItem&, const std::vector<course::Item>&)> walk =
        [&](const wxDataViewItem& parent, const std::vector<course::Item>& items) {
            for (const auto& item : items) {
                wxString kind;
                if (p->lessons.count(item.ref) != 0) {
                    kind = wxString::Format(_("lesson, %zu pages"),
                                            p->lessons.at(item.ref).pages.size());
                } else if (p->quizzes.count(item.ref) != 0) {
                    kind = wxString::Format(_("quiz, %zu questions"),
                                            p->quizzes.at(item.ref).questions.size());
                } else if (p->drills.count(item.ref) != 0) {
                    kind = u8(course::label(p->drills.at(item.ref).kind));
                }
                // <title> is Spanish; translations are beside it, for the languages they cover.
                const wxString title =
                    u8(item.titles.has(lang) ? item.titles.byLang.at(lang) : item.title);
                const wxString text =
                    kind.empty() ? title : wxString::Format("%s  (%s)", title, kind);
                if (item.children.empty()) {
                    outline_->AppendItem(parent, text);
                } else {
                    const auto node = outline_->AppendContainer(parent, text);
                    containers.push_back(node);
                    walk(node, item.children);
                }
            }
        };
    for (const auto& org : p->manifest.organizations) {
        walk(wxDataViewItem(), org.items);
    }
    for (const auto& c : containers) {
        outline_->Expand(c);
    }
}

std::vector<std::string> CoursesPage::import(const std::string& path, bool* ok) {
    wxProgressDialog progress(_("Import a course"), _("Checking the course…"), 1000, this,
                              wxPD_APP_MODAL | wxPD_AUTO_HIDE);
    const auto done = console_.importCourse(path, [&](std::uint64_t d, std::uint64_t t) {
        progress.Update(t == 0 ? 0 : static_cast<int>(d * 1000 / t));
    });
    std::vector<std::string> problems;
    for (const auto& p : done.problems.sorted()) {
        problems.push_back(p.toString());
    }
    if (ok != nullptr) {
        *ok = done.ok;
    }
    if (done.ok) {
        refresh();
        select(done.identifier);
        if (imported) {
            imported();
        }
    }
    return problems;
}

void CoursesPage::askAndImport() {
    wxFileDialog ask(this, _("Import a course"), "", "", _("Course packages (*.zip)|*.zip"),
                     wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    importAndTell(ask.GetPath().utf8_string());
}

void CoursesPage::importAndTell(const std::string& path) {
    bool ok = false;
    const auto problems = import(path, &ok);
    if (!ok) {
        wxString text = _("The course was not imported:") + "\n\n";
        for (const auto& p : problems) {
            text += u8(p) + "\n";
        }
        wxMessageBox(text, _("Import a course"), wxOK | wxICON_ERROR, this);
    }
}

void CoursesPage::pushSelected() {
    const int r = list_->GetSelectedRow();
    if (r != wxNOT_FOUND && static_cast<std::size_t>(r) < ids_.size()) {
        console_.service().pushCourse(ids_[static_cast<std::size_t>(r)]);
    }
}

CoursesPage::Row& CoursesPage::rowFor(const std::string& device, const std::string& name) {
    auto it = rows_.find(device);
    if (it == rows_.end()) {
        if (rows_.empty()) {
            deliveriesSizer_->Clear(true);
        }
        auto* line = new wxBoxSizer(wxHORIZONTAL);
        auto* label =
            new wxStaticText(deliveries_, wxID_ANY, u8(name.empty() ? device : name),
                             wxDefaultPosition, FromDIP(wxSize(220, -1)), wxST_ELLIPSIZE_END);
        auto* gauge =
            new wxGauge(deliveries_, wxID_ANY, 1000, wxDefaultPosition, FromDIP(wxSize(200, 18)));
        line->Add(label, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 8);
        line->Add(gauge, 1, wxALIGN_CENTER_VERTICAL);
        deliveriesSizer_->Add(line, 0, wxEXPAND | wxALL, 4);
        deliveries_->FitInside();
        deliveries_->Layout();
        it = rows_.emplace(device, Row{label, gauge}).first;
    }
    return it->second;
}

void CoursesPage::progress(const std::string& device, const std::string& name, std::uint64_t done,
                           std::uint64_t total) {
    auto& row = rowFor(device, name);
    row.gauge->SetValue(total == 0 ? 0 : static_cast<int>(done * 1000 / total));
}

void CoursesPage::delivered(const std::string& device, const std::string& name, bool ok,
                            const std::string& why) {
    auto& row = rowFor(device, name);
    row.gauge->SetValue(ok ? 1000 : row.gauge->GetValue());
    const wxString who = u8(name.empty() ? device : name);
    row.label->SetLabel(ok ? wxString::Format(_("%s: ready"), who)
                           : wxString::Format(_("%s: failed (%s)"), who, u8(why)));
    row.label->SetToolTip(row.label->GetLabel());
}

int CoursesPage::gaugeValue(const std::string& device) const {
    const auto it = rows_.find(device);
    return it == rows_.end() ? -1 : it->second.gauge->GetValue();
}

} // namespace ayllu::teacher
