#include "roster_page.h"

#include "accessible.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/store/roster_csv.h"
#include "ayllu/text.h"
#include "dialogs.h"
#include "pictures.h"
#include "tr.h"

#include <fstream>
#include <sstream>
#include <wx/filedlg.h>

namespace ayllu::teacher {

using gui::u8;

RosterPage::RosterPage(wxWindow* parent, Console& console) : wxPanel(parent), console_(console) {
    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    auto* add = new wxButton(this, wxID_ADD, _("&Add a learner…"));
    auto* edit = new wxButton(this, wxID_EDIT, _("&Change…"));
    auto* import = new wxButton(this, wxID_ANY, _("&Import a list (CSV)…"));
    import->SetToolTip(_("A spreadsheet saved as CSV: a column \"nombre\", and optionally "
                         "\"pin\", \"idioma\" and \"dibujo\""));
    buttons->Add(add, 0, wxRIGHT, 6);
    buttons->Add(edit, 0, wxRIGHT, 6);
    buttons->Add(import, 0);
    // A native table, read cell by cell by a screen reader; each learner's sign-in picture beside
    // their name, as the student PCs show it.
    list_ = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxDV_SINGLE | wxDV_ROW_LINES);
    gui::setAccessible(list_, _("Learners of the class"));
    list_->SetMinSize(FromDIP(wxSize(400, 160)));
    for (const auto& p : store::signInPictures()) {
        wxIcon icon;
        icon.CopyFromBitmap(gui::signInPicture(p, 32));
        pictures_.push_back(icon);
    }
    list_->AppendIconTextColumn(_("Name"), wxDATAVIEW_CELL_INERT, FromDIP(300));
    list_->AppendTextColumn(_("Picture"), wxDATAVIEW_CELL_INERT, FromDIP(140));
    list_->AppendTextColumn(_("PIN"), wxDATAVIEW_CELL_INERT, FromDIP(80));
    list_->AppendTextColumn(_("Language"), wxDATAVIEW_CELL_INERT, FromDIP(180));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(buttons, 0, wxALL, 10);
    sizer->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);
    add->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->add(); });
    edit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { this->edit(); });
    import->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { askAndImport();
});
list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { this->edit(); });
refresh();
} // namespace ayllu::teacher

void RosterPage::refresh() {
    shown_ = console_.store().roster(console_.classInfo().id);
    list_->DeleteAllItems();
    for (const auto& l : shown_) {
        const auto& pictures = store::signInPictures();
        const auto at = std::find(pictures.begin(), pictures.end(), l.picture);
        const wxIcon icon = at == pictures.end()
                                ? wxIcon()
                                : pictures_[static_cast<std::size_t>(at - pictures.begin())];
        wxString language = u8(l.language);
        for (const auto& [code, name] : consoleLanguages()) {
            if (code == l.language) {
                language = name;
            }
        }
        wxVector<wxVariant> row;
        row.push_back(wxVariant(wxDataViewIconText(u8(l.name), icon)));
        row.push_back(wxVariant(u8(l.picture)));
        row.push_back(wxVariant(l.hasPin ? _("yes") : _("no")));
        row.push_back(wxVariant(language));
        list_->AppendItem(row);
    }
}

LearnerDialog::LearnerDialog(wxWindow* parent, const store::RosterEntry& entry, bool isNew)
    : wxDialog(parent, wxID_ANY, isNew ? _("Add a learner") : _("Change a learner")) {
    auto* grid = new wxFlexGridSizer(2, 8, 12);
    grid->AddGrowableCol(1);
    name_ =
        new wxTextCtrl(this, wxID_ANY, u8(entry.name), wxDefaultPosition, FromDIP(wxSize(280, -1)));
    picture_ = new wxChoice(this, wxID_ANY);
    const auto& pictures = store::signInPictures();
    for (const auto& p : pictures) {
        picture_->Append(u8(p));
    }
    const auto at = std::find(pictures.begin(), pictures.end(), entry.picture);
    picture_->SetSelection(at == pictures.end() ? 0 : static_cast<int>(at - pictures.begin()));
    preview_ = new wxStaticBitmap(
        this, wxID_ANY,
        gui::signInPicture(pictures[static_cast<std::size_t>(picture_->GetSelection())], 64));
    picture_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        preview_->SetBitmap(gui::signInPicture(
            store::signInPictures()[static_cast<std::size_t>(picture_->GetSelection())], 64));
    });
    pin_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxTE_PASSWORD);
    pin_->SetHint(entry.hasPin ? _("(unchanged)") : _("(none)"));
    language_ = new wxChoice(this, wxID_ANY);
    int selected = 0;
    for (const auto& [code, label] : consoleLanguages()) {
        if (code == entry.language) {
            selected = static_cast<int>(language_->GetCount());
        }
        language_->Append(label);
    }
    language_->SetSelection(selected);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Name")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(name_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Picture")), 0, wxALIGN_CENTER_VERTICAL);
    auto* pictureRow = new wxBoxSizer(wxHORIZONTAL);
    pictureRow->Add(picture_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
    pictureRow->Add(preview_, 0);
    grid->Add(pictureRow, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("P&IN (4 to 8 digits)")), 0,
              wxALIGN_CENTER_VERTICAL);
    grid->Add(pin_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Language")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(language_, 1, wxEXPAND);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, 16);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 10);
    SetSizerAndFit(sizer);
    name_->SetFocus();
}

void LearnerDialog::fill(const wxString& name, const wxString& pin, int picture, int language) {
    name_->SetValue(name);
    pin_->SetValue(pin);
    picture_->SetSelection(picture);
    preview_->SetBitmap(
        gui::signInPicture(store::signInPictures()[static_cast<std::size_t>(picture)], 64));
    language_->SetSelection(language);
}

bool LearnerDialog::answers(store::RosterEntry& entry, wxString* problem) const {
    const auto n = text::collapseSpace(name_->GetValue().utf8_string());
    const auto p = pin_->GetValue().utf8_string();
    wxString why;
    if (n.empty()) {
        why = _("Please type the learner's name.");
    } else if (!p.empty() && (p.size() < 4 || p.size() > 8 ||
                              p.find_first_not_of("0123456789") != std::string::npos)) {
        why = _("A PIN is 4 to 8 digits.");
    }
    if (!why.empty()) {
        if (problem != nullptr) {
            *problem = why;
        }
        return false;
    }
    entry.name = n;
    entry.pin = p;
    entry.picture = store::signInPictures()[static_cast<std::size_t>(picture_->GetSelection())];
    entry.language = consoleLanguages()[static_cast<std::size_t>(language_->GetSelection())].first;
    return true;
}

bool RosterPage::editDialog(store::RosterEntry& entry, bool isNew) {
    LearnerDialog d(this, entry, isNew);
    while (d.ShowModal() == wxID_OK) {
        wxString problem;
        if (d.answers(entry, &problem)) {
            return true;
        }
        wxMessageBox(problem, d.GetTitle(), wxOK | wxICON_WARNING, &d);
    }
    return false;
}

void RosterPage::add() {
    store::RosterEntry e;
    e.classId = console_.classInfo().id;
    e.id = "l-" + crypto::randomHex(8);
    e.picture = store::signInPictures()[shown_.size() % store::signInPictures().size()];
    if (editDialog(e, true)) {
        console_.store().saveLearner(e);
        refresh();
    }
}

void RosterPage::edit() {
    const int r = list_->GetSelectedRow();
    if (r == wxNOT_FOUND || static_cast<std::size_t>(r) >= shown_.size()) {
        return;
    }
    auto e = shown_[static_cast<std::size_t>(r)];
    if (editDialog(e, false)) {
        console_.store().saveLearner(e);
        refresh();
    }
}

std::vector<std::string> RosterPage::importCsv(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return {wxString::Format(_("Could not read %s"), u8(path)).utf8_string()};
    }
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::vector<std::string> taken;
    for (const auto& l : console_.store().roster(console_.classInfo().id)) {
        taken.push_back(l.picture);
    }
    const auto parsed = store::parseRosterCsv(bytes.str(), console_.classInfo().id, path, taken);
    std::vector<std::string> problems;
    for (const auto& p : parsed.problems.sorted()) {
        problems.push_back(p.toString());
    }
    if (!parsed.problems.hasErrors()) {
        console_.store().saveLearners(parsed.learners);
        refresh();
    }
    return problems;
}

void RosterPage::askAndImport() {
    wxFileDialog ask(this, _("Import a class list"), "", "",
                     _("CSV files (*.csv)|*.csv|All files|*"), wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (ask.ShowModal() != wxID_OK) {
        return;
    }
    const auto before = shown_.size();
    const auto problems = importCsv(ask.GetPath().utf8_string());
    if (problems.empty()) {
        const auto added = shown_.size() - before;
        wxMessageBox(
            u8(i18n::fmt(P_("%1 learner added.", "%1 learners added.", added).c_str(), added)),
            _("Class list"), wxOK | wxICON_INFORMATION, this);
        return;
    }
    wxString text = _("Nothing was added. Please correct these rows and import again:") + "\n\n";
    for (const auto& p : problems) {
        text += u8(p) + "\n";
    }
    wxMessageBox(text, _("Class list"), wxOK | wxICON_WARNING, this);
}

} // namespace ayllu::teacher
