#include "console_frame.h"

#include "ayllu/i18n.h"
#include "class_panel.h"
#include "courses_page.h"
#include "dialogs.h"
#include "drill_box.h"
#include "gradebook_page.h"
#include "lesson_page.h"
#include "quiz_page.h"
#include "roster_page.h"
#include "tr.h"
#include "wx_language.h"

#include <algorithm>
#include <chrono>
#include <fstream>

namespace ayllu::teacher {

using gui::u8;

namespace {
enum {
    ID_LOCK_ALL = wxID_HIGHEST + 1,
    ID_UNLOCK_ALL,
    ID_LOCK_SELECTED,
    ID_UNLOCK_SELECTED,
    ID_PROJECTOR,
    ID_PREV_PAGE,
    ID_NEXT_PAGE,
    ID_START_QUIZ,
    ID_EXPORT,
    ID_IMPORT_COURSE,
    ID_SELECT_ALL,
    ID_DRILL_CLASS,
    ID_DRILL_SELECTED,
    ID_DRILL_END,
    ID_TAB_FIRST, // + page index
};
} // namespace

ConsoleFrame::ConsoleFrame(Console& console)
    : wxFrame(nullptr, wxID_ANY, _("Ayllu — teacher's console"), wxDefaultPosition,
              wxSize(1024, 740)),
      console_(console) {
    // The service reports to this window from its first moment: observer calls only set flags
    // and queue until the timer below draws them.
    // A console made again in another language takes over the running service.
    std::vector<std::string> problems;
    if (console_.running()) {
        console_.attach(this);
    } else {
        problems = console_.start(this);
    }
    SetMinSize(FromDIP(wxSize(800, 560)));
    auto* root = new wxPanel(this);
    auto* band = new wxPanel(root);
    buildBand(band);

    book_ = new wxNotebook(root, wxID_ANY);
    auto* classTab = new wxPanel(book_);
    class_ = new ClassPanel(classTab);
    auto* classButtons = new wxBoxSizer(wxHORIZONTAL);
    auto* selectAll = new wxButton(classTab, wxID_ANY, _("Select &all"));
    lockSelected_ = new wxButton(classTab, wxID_ANY, _("Lock the &selected screens"));
    auto* unlockSelected = new wxButton(classTab, wxID_ANY, _("&Unlock the selected screens"));
    classButtons->Add(selectAll, 0, wxRIGHT, 6);
    classButtons->Add(lockSelected_, 0, wxRIGHT, 6);
    classButtons->Add(unlockSelected, 0);
    auto* classSizer = new wxBoxSizer(wxVERTICAL);
    classSizer->Add(class_, 1, wxEXPAND);
    classSizer->Add(classButtons, 0, wxALL, 8);
    classTab->SetSizer(classSizer);
    selectAll->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { class_->selectAll(); });
    lockSelected_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { lockSelected(true); });
    unlockSelected->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { lockSelected(false); });
    class_->onSelectionChanged([this] { updateLockButtons(); });

    lesson_ = new LessonPage(book_, console_);
    lesson_->drills().setSelectedDevices([this] { return class_->selectedDevices(); });
    quiz_ = new QuizPage(book_, console_);
    courses_ = new CoursesPage(book_, console_);
    gradebook_ = new GradebookPage(book_, console_);
    roster_ = new RosterPage(book_, console_);
    book_->AddPage(classTab, _("Class"));
    book_->AddPage(lesson_, _("Lesson"));
    book_->AddPage(quiz_, _("Quiz"));
    book_->AddPage(courses_, _("Courses"));
    book_->AddPage(gradebook_, _("Gradebook"));
    book_->AddPage(roster_, _("Roster"));
    courses_->imported = [this] {
        lesson_->reloadCourses();
        quiz_->reloadQuizzes();
    };
    book_->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        if (e.GetSelection() == LessonTab) {
            lesson_->refreshPreview();
        } else if (e.GetSelection() == GradebookTab) {
            gradebook_->refresh();
        } else if (e.GetSelection() == RosterTab) {
            roster_->refresh();
        }
        e.Skip();
    });

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(band, 0, wxEXPAND);
    sizer->Add(book_, 1, wxEXPAND | wxALL, 6);
    root->SetSizer(sizer);
    buildMenus();
    CreateStatusBar();
    SetStatusText(
        wxString::Format(_("Listening on port %d"), static_cast<int>(console_.service().port())));
    timer_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { applyUpdates(); });
    timer_.Start(200);
    applyUpdates();
    updateLockButtons();
    if (!problems.empty()) {
        wxString text = _("These courses could not be offered:") + "\n\n";
        for (const auto& p : problems) {
            text += u8(p) + "\n";
        }
        CallAfter([this, text] { wxMessageBox(text, _("Courses"), wxOK | wxICON_WARNING, this); });
    }
}

ConsoleFrame::~ConsoleFrame() {
    timer_.Stop();
    if (!handedOver_) {
        console_.stop(); // no report may reach this window once it is gone
    }
}

void ConsoleFrame::switchLanguage(const std::string& language) {
    if (language == i18n::currentLanguage() || !i18n::use(language)) {
        return;
    }
    gui::useWxLanguage(language);
    // The whole window again, in the new words, on the same tab; the class goes on (the
    // service keeps running and reports to the new window from now on).
    auto* again = new ConsoleFrame(console_);
    again->SetSize(GetRect());
    again->showPage(static_cast<Page>(book_->GetSelection()));
    again->Show();
    handedOver_ = true;
    Destroy();
}

void ConsoleFrame::buildBand(wxPanel* band) {
    band->SetBackgroundColour(wxColour(20, 40, 60));
    const wxColour light(235, 240, 245);
    const auto info = console_.classInfo();
    className_ = new wxStaticText(band, wxID_ANY, u8(info.name));
    className_->SetFont(className_->GetFont().Scale(1.5).Bold());
    className_->SetForegroundColour(light);
    codes_ = new wxStaticText(band, wxID_ANY,
                              wxString::Format(_("Class code %s · check code %s"), u8(info.code),
                                               u8(console_.service().shortCode())));
    codes_->SetFont(codes_->GetFont().Scale(1.2));
    codes_->SetForegroundColour(wxColour(255, 205, 80));
    online_ = new wxStaticText(band, wxID_ANY, "");
    online_->SetForegroundColour(light);
    auto* projector = new wxButton(band, wxID_ANY, _("Show on &projector"));
    projector->SetToolTip(_("F11"));
    lockAll_ =
        new wxButton(band, wxID_ANY, _("&Lock all screens"), wxDefaultPosition, wxSize(-1, 44));
    lockAll_->SetFont(lockAll_->GetFont().Scale(1.2).Bold());
    lockAll_->SetToolTip(_("Ctrl+L locks, Ctrl+U unlocks"));
    auto* text = new wxBoxSizer(wxVERTICAL);
    text->Add(className_);
    text->Add(codes_, 0, wxTOP, 2);
    text->Add(online_, 0, wxTOP, 2);
    // Raised hands: how many, at a glance; lowered by the teacher with one press.
    hands_ = new wxStaticText(band, wxID_ANY, wxString::Format(_("Raised hands: %d"), 0));
    hands_->SetFont(hands_->GetFont().Scale(1.3).Bold());
    hands_->SetForegroundColour(light);
    lowerHands_ = new wxButton(band, wxID_ANY, _("Lower the &hands"));
    lowerHands_->SetToolTip(_("The learners' hands go down on their screens too"));
    handSound_ = new wxCheckBox(band, wxID_ANY, _("With a sound"));
    handSound_->SetToolTip(_("A soft sound when a learner raises a hand"));
    handSound_->SetForegroundColour(light);
    handSound_->SetValue(console_.store().setting("hand-sound", "yes") == "yes");
    auto* handRow = new wxBoxSizer(wxHORIZONTAL);
    handRow->Add(hands_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    handRow->Add(lowerHands_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    handRow->Add(handSound_, 0, wxALIGN_CENTER_VERTICAL);
    // A PC that left while its screen was locked: the teacher should look at it.
    alerts_ = new wxStaticText(band, wxID_ANY, "");
    alerts_->SetFont(alerts_->GetFont().Bold());
    alerts_->SetForegroundColour(wxColour(255, 140, 120));
    text->Add(alerts_, 0, wxTOP, 2);
    auto* sizer = new wxBoxSizer(wxHORIZONTAL);
    sizer->Add(text, 1, wxALL, 10);
    sizer->Add(projector, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
    sizer->Add(lockAll_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 10);
    // The hands on a row of their own, the band's whole width: long words (Aymara, Quechua)
    // never push the controls over each other.
    auto* rows = new wxBoxSizer(wxVERTICAL);
    rows->Add(sizer, 0, wxEXPAND);
    rows->Add(handRow, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);
    band->SetSizer(rows);
    projector->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { showProjector(); });
    lowerHands_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        // The selected learners' hands, or every hand when nobody is selected.
        std::vector<std::string> learners;
        const auto devices = class_->selectedDevices();
        for (const auto& s : class_->students()) {
            if (std::find(devices.begin(), devices.end(), s.deviceId) != devices.end()) {
                learners.push_back(s.learnerId);
            }
        }
        if (!devices.empty() && learners.empty()) {
            return; // the selected PCs have nobody signed in: no hand of theirs to lower
        }
        console_.service().lowerHands(learners);
    });
    handSound_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        console_.store().setSetting("hand-sound", handSound_->GetValue() ? "yes" : "no");
    });
    lockAll_->Bind(wxEVT_BUTTON,
                   [this](wxCommandEvent&) { lockAll(!console_.service().state().lockAll); });
}

void ConsoleFrame::buildMenus() {
    auto* file = new wxMenu;
    file->Append(ID_IMPORT_COURSE, _("&Import a course…\tCtrl+O"));
    file->Append(ID_EXPORT, _("&Export the gradebook (CSV)…\tCtrl+E"));
    file->AppendSeparator();
    file->Append(wxID_PREFERENCES, _("&Settings…\tCtrl+,"));
    file->AppendSeparator();
    file->Append(wxID_EXIT, _("&Quit\tCtrl+Q"));
    auto* classMenu = new wxMenu;
    classMenu->Append(ID_LOCK_ALL, _("&Lock all screens\tCtrl+L"));
    classMenu->Append(ID_UNLOCK_ALL, _("&Unlock all screens\tCtrl+U"));
    classMenu->Append(ID_LOCK_SELECTED, _("Lock the &selected screens\tCtrl+Shift+L"));
    classMenu->Append(ID_UNLOCK_SELECTED, _("Unlock the selected screens\tCtrl+Shift+U"));
    classMenu->Append(ID_SELECT_ALL, _("Select &all learners\tCtrl+A"));
    classMenu->AppendSeparator();
    classMenu->Append(ID_PROJECTOR, _("Show the codes on the &projector\tF11"));
    auto* lessonMenu = new wxMenu;
    lessonMenu->Append(ID_PREV_PAGE, _("&Previous page\tAlt+Left"));
    lessonMenu->Append(ID_NEXT_PAGE, _("&Next page\tAlt+Right"));
    lessonMenu->AppendSeparator();
    lessonMenu->Append(ID_START_QUIZ, _("&Start the quiz\tF9"));
    lessonMenu->AppendSeparator();
    lessonMenu->Append(ID_DRILL_CLASS, _("Give the &drill to the class\tCtrl+D"));
    lessonMenu->Append(ID_DRILL_SELECTED, _("Give the drill to the selected PCs\tCtrl+Shift+D"));
    lessonMenu->Append(ID_DRILL_END, _("&End the drill"));
    auto* view = new wxMenu;
    const wxString tabs[] = {_("Class"),   _("Lesson"),    _("Quiz"),
                             _("Courses"), _("Gradebook"), _("Roster")};
    for (int i = 0; i < 6; ++i) {
        view->Append(ID_TAB_FIRST + i, wxString::Format("%s\tAlt+%d", tabs[i], i + 1));
    }
    auto* bar = new wxMenuBar;
    bar->Append(file, _("&File"));
    bar->Append(classMenu, _("&Class"));
    bar->Append(lessonMenu, _("&Teach"));
    bar->Append(view, _("&View"));
    SetMenuBar(bar);

    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { courses_->askAndImport(); }, ID_IMPORT_COURSE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { gradebook_->askAndExport(); }, ID_EXPORT);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showSettings(this, console_);
            // A new language is used at once.
            CallAfter([this] { switchLanguage(console_.setting("language", "es")); });
        },
        wxID_PREFERENCES);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lockAll(true); }, ID_LOCK_ALL);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lockAll(false); }, ID_UNLOCK_ALL);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lockSelected(true); }, ID_LOCK_SELECTED);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lockSelected(false); }, ID_UNLOCK_SELECTED);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showPage(ClassTab);
            class_->selectAll();
        },
        ID_SELECT_ALL);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { showProjector(); }, ID_PROJECTOR);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lesson_->step(-1); }, ID_PREV_PAGE);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lesson_->step(+1); }, ID_NEXT_PAGE);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            showPage(QuizTab);
            quiz_->start();
        },
        ID_START_QUIZ);
    // Drills in the live class: the drill chosen on the lesson tab.
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lesson_->drills().give(false); }, ID_DRILL_CLASS);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lesson_->drills().give(true); }, ID_DRILL_SELECTED);
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { lesson_->drills().end(); }, ID_DRILL_END);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent& e) { showPage(static_cast<Page>(e.GetId() - ID_TAB_FIRST)); },
        ID_TAB_FIRST, ID_TAB_FIRST + 5);
}

std::vector<wxString> ConsoleFrame::tabLabels() const {
    std::vector<wxString> out;
    for (std::size_t i = 0; i < book_->GetPageCount(); ++i) {
        out.push_back(book_->GetPageText(i));
    }
    return out;
}

void ConsoleFrame::showPage(Page p) {
    book_->SetSelection(static_cast<std::size_t>(p));
}

void ConsoleFrame::lockAll(bool locked) {
    console_.service().lock(locked);
    studentsDirty_ = true; // the padlocks on the tiles
    updateLockButtons();
}

void ConsoleFrame::lockSelected(bool locked) {
    const auto devices = class_->selectedDevices();
    if (!devices.empty()) {
        console_.service().lock(locked, devices);
        studentsDirty_ = true;
    }
    updateLockButtons();
}

void ConsoleFrame::updateLockButtons() {
    const bool all = console_.service().state().lockAll;
    lockAll_->SetLabel(all ? _("&Unlock all screens") : _("&Lock all screens"));
    lockAll_->SetBackgroundColour(all ? wxColour(255, 205, 80) : wxNullColour);
    lockSelected_->Enable(class_->selectedCount() > 0);
    lockAll_->GetParent()->Layout();
}

void ConsoleFrame::showProjector() {
    // On the quiz tab with a quiz running, F11 shows the question; elsewhere the class codes.
    if (book_->GetSelection() == QuizTab && quiz_->showProjector()) {
        return;
    }
    const auto info = console_.classInfo();
    auto* f =
        new ProjectorFrame(this, u8(info.name), u8(info.code), u8(console_.service().shortCode()));
    f->ShowFullScreen(true);
}

ConsoleFrame::Stats ConsoleFrame::stats() const {
    Stats s = stats_;
    s.reports = reports_;
    return s;
}

void ConsoleFrame::applyUpdates() {
    const auto started = std::chrono::steady_clock::now();
    bool drew = false;
    if (studentsDirty_.exchange(false)) {
        drew = true;
        auto students = console_.service().students();
        const auto online =
            std::count_if(students.begin(), students.end(), [](const auto& s) { return s.online; });
        const auto hands = std::count_if(students.begin(), students.end(),
                                         [](const auto& s) { return s.online && s.hand; });
        online_->SetLabel(wxString::Format(_("%d of %d learners online"), static_cast<int>(online),
                                           static_cast<int>(students.size())));
        hands_->SetLabel(wxString::Format(_("Raised hands: %d"), static_cast<int>(hands)));
        hands_->SetForegroundColour(hands > 0 ? wxColour(255, 205, 80) : wxColour(235, 240, 245));
        lowerHands_->Enable(hands > 0);
        if (hands > handsBefore_ && handSound_->GetValue()) {
            wxBell(); // soft, once per new hand
        }
        handsBefore_ = static_cast<int>(hands);
        wxString gone;
        for (const auto& l : console_.service().leftLocked()) {
            wxString who;
            for (const auto& name : l.learners) {
                who += (who.empty() ? "" : ", ") + u8(name);
            }
            gone += (gone.empty() ? "" : "\n") +
                    wxString::Format(_("⚠ The PC of %s (%s) left with its screen locked"),
                                     who.empty() ? _("nobody signed in") : who, u8(l.deviceName));
        }
        alerts_->SetLabel(gone);
        online_->GetParent()->Layout();
        lesson_->refreshDelivery();
        class_->setStudents(std::move(students), console_.service().state());
        quizDirty_ = true; // "N of M online have answered" depends on who is online
    }
    if (quizDirty_.exchange(false)) {
        drew = true;
        const auto students = class_->students();
        const int online = static_cast<int>(std::count_if(students.begin(), students.end(),
                                                          [](const auto& s) { return s.online; }));
        quiz_->update(console_.service().quizStatus(), online);
    }
    std::vector<Delivery> deliveries;
    std::vector<std::string> lines;
    {
        const std::lock_guard<std::mutex> lock(queueMutex_);
        deliveries.swap(deliveries_);
        lines.swap(logLines_);
    }
    for (const auto& d : deliveries) {
        std::string name;
        for (const auto& s : class_->students()) {
            if (s.deviceId == d.device) {
                name = s.deviceName;
            }
        }
        if (d.finished) {
            courses_->delivered(d.device, name, d.ok, d.why);
        } else {
            courses_->progress(d.device, name, d.done, d.total);
        }
    }
    if (!deliveries.empty()) {
        lesson_->refreshDelivery();
    }
    // What the service did, for whoever looks into a problem later: <data>/console.log.
    if (!lines.empty()) {
        std::ofstream log(console_.options().dataDir + "/console.log", std::ios::app);
        const auto stamp = wxDateTime::Now().FormatISOCombined(' ').utf8_string();
        for (const auto& line : lines) {
            log << stamp << ' ' << line << '\n';
        }
    }
    if (drew) {
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        ++stats_.redraws;
        stats_.totalMs += ms;
        stats_.maxMs = std::max(stats_.maxMs, ms);
    }
}

void ConsoleFrame::studentsChanged() {
    ++reports_;
    studentsDirty_ = true;
}

void ConsoleFrame::quizChanged(const classroom::QuizStatus&) {
    ++reports_;
    quizDirty_ = true;
}

void ConsoleFrame::packageProgress(const std::string& device, std::uint64_t done,
                                   std::uint64_t total) {
    const std::lock_guard<std::mutex> lock(queueMutex_);
    // Only the latest figure of each PC matters: replace a queued one.
    for (auto& d : deliveries_) {
        if (d.device == device && !d.finished) {
            d.done = done;
            d.total = total;
            return;
        }
    }
    deliveries_.push_back({device, false, done, total, false, {}});
}

void ConsoleFrame::packageDelivered(const std::string& device, const std::string&, bool ok,
                                    const std::string& why) {
    const std::lock_guard<std::mutex> lock(queueMutex_);
    deliveries_.push_back({device, true, 0, 0, ok, why});
}

void ConsoleFrame::log(const std::string& line) {
    const std::lock_guard<std::mutex> lock(queueMutex_);
    logLines_.push_back(line);
    if (logLines_.size() > 100) {
        logLines_.erase(logLines_.begin());
    }
}

} // namespace ayllu::teacher
