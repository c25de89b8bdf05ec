#include "dialogs.h"

#include "tr.h"

#include <wx/filepicker.h>
#include <wx/spinctrl.h>

namespace ayllu::teacher {

using gui::u8;

std::vector<std::pair<std::string, wxString>> consoleLanguages() {
    // The core's list of interface languages; a draft catalog says so, in today's language.
    return [] {
        std::vector<std::pair<std::string, wxString>> out;
        for (const auto& l : i18n::uiLanguages()) {
            out.emplace_back(l.code, l.draft ? wxString::Format(_("%s (draft, awaiting review by "
                                                                  "native speakers)"),
                                                                u8(l.name))
                                             : u8(l.name));
        }
        return out;
    }();
}

namespace {
wxChoice* languageChoice(wxWindow* parent, const std::string& current) {
    auto* c = new wxChoice(parent, wxID_ANY);
    int selected = 0;
    for (const auto& [code, name] : consoleLanguages()) {
        if (code == current) {
            selected = static_cast<int>(c->GetCount());
        }
        c->Append(name);
    }
    c->SetSelection(selected);
    return c;
}
} // namespace

SetupDialog::SetupDialog(wxWindow* parent, const ClassSetup& initial)
    : wxDialog(parent, wxID_ANY, _("Welcome to Ayllu")) {
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Three questions, and your classroom is ready. You can "
                                     "change the answers later in Settings."));
    intro->Wrap(FromDIP(440));
    auto* grid = new wxFlexGridSizer(2, 10, 12);
    grid->AddGrowableCol(1);
    teacher_ = new wxTextCtrl(this, wxID_ANY, u8(initial.teacher), wxDefaultPosition,
                              FromDIP(wxSize(260, -1)));
    teacher_->SetHint(_("e.g. Prof. Rosa Quispe"));
    name_ = new wxTextCtrl(this, wxID_ANY, u8(initial.className));
    name_->SetHint(_("e.g. 5th grade A, or Tuesday adults"));
    language_ = languageChoice(this, initial.language);
    pins_ = new wxCheckBox(this, wxID_ANY, _("Learners type a PIN to sign in"));
    pins_->SetValue(initial.pinRequired);
    grid->Add(new wxStaticText(this, wxID_ANY, _("Your &name")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(teacher_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Class")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(name_, 1, wxEXPAND);
    grid->Add(new wxStaticText(this, wxID_ANY, _("&Language")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(language_, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(pins_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, 0, wxALL, 16);
    sizer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, 16);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    SetSizerAndFit(sizer);
    CentreOnScreen();
    teacher_->SetFocus();
}

void SetupDialog::fill(const wxString& teacher, const wxString& className) {
    teacher_->SetValue(teacher);
    name_->SetValue(className);
}

bool SetupDialog::answers(ClassSetup& out, wxString* problem) const {
    const auto t = teacher_->GetValue().Strip(wxString::both);
    const auto n = name_->GetValue().Strip(wxString::both);
    if (t.empty() || n.empty()) {
        if (problem != nullptr) {
            *problem = _("Please type your name and the class's name.");
        }
        return false;
    }
    out.teacher = t.utf8_string();
    out.className = n.utf8_string();
    out.language = consoleLanguages()[static_cast<std::size_t>(language_->GetSelection())].first;
    out.pinRequired = pins_->GetValue();
    return true;
}

bool askSetup(wxWindow* parent, ClassSetup& setup) {
    SetupDialog d(parent, setup);
    while (d.ShowModal() == wxID_OK) {
        wxString problem;
        if (d.answers(setup, &problem)) {
            return true;
        }
        wxMessageBox(problem, d.GetTitle(), wxOK | wxICON_WARNING, &d);
    }
    return false;
}

void showSettings(wxWindow* parent, Console& console) {
    auto info = console.classInfo();
    wxDialog d(parent, wxID_ANY, _("Settings"));
    auto* grid = new wxFlexGridSizer(2, 10, 12);
    grid->AddGrowableCol(1);
    auto* teacher = new wxTextCtrl(&d, wxID_ANY, u8(console.setting("teacher")), wxDefaultPosition,
                                   d.FromDIP(wxSize(280, -1)));
    auto* name = new wxTextCtrl(&d, wxID_ANY, u8(info.name));
    auto* pins = new wxCheckBox(&d, wxID_ANY, _("Learners type a PIN to sign in"));
    pins->SetValue(info.pinRequired);
    auto* language = languageChoice(&d, console.setting("language", "es"));
    auto* port =
        new wxSpinCtrl(&d, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS, 1024,
                       65535, std::stoi(console.setting("port", std::to_string(kDefaultPort))));
    auto* folder = new wxDirPickerCtrl(&d, wxID_ANY, u8(console.options().dataDir),
                                       _("Choose the console's data folder"), wxDefaultPosition,
                                       wxDefaultSize, wxDIRP_USE_TEXTCTRL);
    folder->SetPath(u8(console.options().dataDir)); // the constructor leaves the box empty
    folder->SetToolTip(_("Used from the next start. Ayllu does not move your data: close the "
                         "console and copy the old folder there first."));
    grid->Add(new wxStaticText(&d, wxID_ANY, _("Your &name")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(teacher, 1, wxEXPAND);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("&Class")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(name, 1, wxEXPAND);
    grid->AddSpacer(0);
    grid->Add(pins);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("&Language")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(language, 1, wxEXPAND);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("&Port")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(port, 1, wxEXPAND);
    grid->Add(new wxStaticText(&d, wxID_ANY, _("&Data folder")), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(folder, 1, wxEXPAND);
    auto* note = new wxStaticText(&d, wxID_ANY,
                                  _("A new language is used at once; a new port or data folder "
                                    "the next time the console starts. Ayllu does not move your "
                                    "data: copy the old folder to the new place first."));
    note->Wrap(d.FromDIP(460));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 0, wxEXPAND | wxALL, 16);
    sizer->Add(note, 0, wxLEFT | wxRIGHT, 16);
    sizer->Add(d.CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 12);
    d.SetSizerAndFit(sizer);
    if (d.ShowModal() != wxID_OK) {
        return;
    }
    if (!teacher->GetValue().Strip(wxString::both).empty()) {
        console.store().setSetting("teacher",
                                   teacher->GetValue().Strip(wxString::both).utf8_string());
    }
    if (!name->GetValue().Strip(wxString::both).empty()) {
        info.name = name->GetValue().Strip(wxString::both).utf8_string();
    }
    info.pinRequired = pins->GetValue();
    console.store().saveClass(info);
    console.store().setSetting(
        "language", consoleLanguages()[static_cast<std::size_t>(language->GetSelection())].first);
    console.store().setSetting("port", std::to_string(port->GetValue()));
    const std::string chosen = folder->GetPath().utf8_string();
    if (!chosen.empty() && chosen != console.options().dataDir) {
        try {
            chooseDataDir(chosen);
        } catch (const std::exception& e) {
            wxMessageBox(u8(e.what()), _("Settings"), wxOK | wxICON_ERROR, parent);
        }
    }
}

ProjectorFrame::ProjectorFrame(wxWindow* parent, const wxString& className,
                               const wxString& classCode, const wxString& checkCode)
    : wxFrame(parent, wxID_ANY, _("Show on projector"), wxDefaultPosition, wxDefaultSize,
              wxDEFAULT_FRAME_STYLE | wxFRAME_FLOAT_ON_PARENT) {
    auto* panel = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS);
    panel->SetBackgroundColour(wxColour(20, 40, 60));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto text = [&](const wxString& s, double scale, bool bold, const wxColour& colour) {
        auto* t = new wxStaticText(panel, wxID_ANY, s, wxDefaultPosition, wxDefaultSize,
                                   wxALIGN_CENTRE_HORIZONTAL);
        wxFont f = t->GetFont().Scale(scale);
        if (bold) {
            f.MakeBold();
        }
        t->SetFont(f);
        t->SetForegroundColour(colour);
        sizer->Add(t, 0, wxALIGN_CENTER | wxTOP, 12);
        return t;
    };
    const wxColour light(235, 240, 245);
    const wxColour gold(255, 205, 80);
    sizer->AddStretchSpacer();
    text(className, 3.0, true, light);
    text(_("Class code"), 2.2, false, light);
    text(classCode, 7.0, true, gold);
    text(_("Check that your screen shows"), 2.2, false, light);
    text(checkCode, 5.0, true, gold);
    sizer->AddStretchSpacer();
    text(_("Escape closes this view"), 1.0, false, wxColour(150, 170, 190));
    panel->SetSizer(sizer);
    auto close = [this](auto&) { Close(); };
    panel->Bind(wxEVT_LEFT_DOWN, close);
    panel->Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE) {
            Close();
        } else {
            e.Skip();
        }
    });
    panel->SetFocus();
}

} // namespace ayllu::teacher
