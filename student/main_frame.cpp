#include "main_frame.h"

#include "ayllu/course/parse.h"
#include "ayllu/quiz/grading.h"
#include "drill_panel.h"
#include "join_panel.h"
#include "lesson_panel.h"
#include "outline_panel.h"
#include "quiz_panel.h"
#include "signin_panel.h"
#include "tr.h"
#include "wx_language.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <future>
#include <wx/dcmemory.h>
#include <wx/dcscreen.h>

namespace ayllu::student {

using gui::u8;

MainFrame::MainFrame(Settings settings)
    : wxFrame(nullptr, wxID_ANY, _("Ayllu"), wxDefaultPosition, wxSize(1000, 720)),
      settings_(std::move(settings)), store_(settings_.dataDir + "/student.db") {
    CreateStatusBar();
    SetMinSize(wxSize(640, 480));
    if (settings_.forgetClass && store_.available()) {
        for (const auto& c : store_.classes()) {
            store_.forgetClass(c.id);
            const wxString said = wxString::Format(
                _("This PC forgot the class %s. Join it again with its class code."), u8(c.name));
            std::printf("%s\n", said.utf8_string().c_str());
            SetStatusText(said);
        }
        std::fflush(stdout);
    }
    book_ = new wxSimplebook(this);
    chooseStartLanguage();
    buildPages();
    // The raised hand: under every lesson and quiz page, a big button (and F2) that asks the
    // teacher for help; it shows what the teacher's console shows (the teacher can lower it).
    hand_ = new wxButton(this, wxID_ANY, _("Raise my hand"), wxDefaultPosition, wxSize(-1, 56));
    hand_->SetFont(hand_->GetFont().Scale(1.4).Bold());
    hand_->SetToolTip(_("F2: the teacher sees your hand and comes to help"));
    hand_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggleHand(); });
    // The language of the screens, switched at once: on the sign-in screen for this PC, once
    // signed in for this learner (kept for their next sign-in); course texts follow it.
    language_ = new wxButton(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 56));
    language_->SetFont(language_->GetFont().Scale(1.2));
    language_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { nextLanguage(); });
    // "My courses": on every screen of a signed-in learner (and F3), back to their courses.
    courses_ = new wxButton(this, wxID_ANY, _("My courses"), wxDefaultPosition, wxSize(-1, 56));
    courses_->SetFont(courses_->GetFont().Scale(1.4).Bold());
    courses_->SetToolTip(_("F3: back to the list of your courses"));
    courses_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CallAfter([this] { goToCourses(); }); });
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(courses_, 0, wxALL, 8);
    bar->Add(language_, 0, wxALL, 8);
    bar->AddStretchSpacer();
    bar->Add(hand_, 0, wxALL, 8);
    auto* frameSizer = new wxBoxSizer(wxVERTICAL);
    frameSizer->Add(book_, 1, wxEXPAND);
    frameSizer->Add(bar, 0, wxEXPAND);
    SetSizer(frameSizer);
    hand_->Hide();
    courses_->Hide();
    updateLanguageButton();
    book_->Bind(wxEVT_BOOKCTRL_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
        updateHand();
        updateCoursesButton();
        updateLanguageButton();
        keepFocusOnScreen();
        e.Skip();
    });
    const int handKey = wxWindow::NewControlId();
    const int coursesKey = wxWindow::NewControlId();
    wxAcceleratorEntry frameKeys[] = {{wxACCEL_NORMAL, WXK_F2, handKey},
                                      {wxACCEL_NORMAL, WXK_F3, coursesKey}};
    SetAcceleratorTable(wxAcceleratorTable(static_cast<int>(std::size(frameKeys)), frameKeys));
    Bind(
        wxEVT_MENU, [this](wxCommandEvent&) { goToCourses(); }, coursesKey);
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (hand_->IsShown()) {
                toggleHand();
            }
        },
        handKey);
    // A locked screen stays: the window manager's close (Alt+F4, the title bar's X) and
    // minimising are refused while the teacher has the class's attention.
    Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
        if (book_->GetSelection() == 3 && e.CanVeto()) {
            e.Veto();
            lockNote_->SetLabel(_("Ayllu cannot be closed now: the teacher paused the computers."));
            lockPanel_->Layout();
            return;
        }
        stopPageClock(); // the time on the page being read is kept
        e.Skip();
    });
    Bind(wxEVT_ICONIZE, [this](wxIconizeEvent& e) {
        if (book_->GetSelection() == 3 && e.IsIconized()) {
            CallAfter([this] {
                Iconize(false);
                ShowFullScreen(true);
                Raise();
            });
        }
        e.Skip();
    });
    // A lock releases by itself when the teacher has been gone for 2 minutes: check each second.
    lockTimer_.SetOwner(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (book_->GetSelection() == 3 && !agent_->view().locked) {
            setLocked(false);
        }
    });
    lockTimer_.Start(1000);
    backToClass_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { backFromHandedDrill(); });
    Bind(wxEVT_IDLE, [this](wxIdleEvent& e) {
        if (startupMs_ < 0 && IsShown()) {
            startupMs_ = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - settings_.started)
                                               .count());
        }
        e.Skip();
    });
    if (!store_.available()) {
        SetStatusText(u8(store_.lastError())); // the client keeps working; answers wait in memory
    }
    classroom::StudentConfig cfg;
    cfg.dataDir = settings_.dataDir;
    cfg.deviceName = wxGetHostName().utf8_string();
    cfg.confirmTeacher = [this](const std::string& code, const std::string& className) {
        if (settings_.autoConfirm) {
            return true;
        }
        // Asked on the agent's thread: the answer comes from a dialog on the UI thread.
        auto answer = std::make_shared<std::promise<bool>>();
        auto result = answer->get_future();
        CallAfter([this, code, className, answer] {
            const wxString msg =
                wxString::Format(_("Does the teacher's screen show this code?\n\n%s\n\nClass: %s"),
                                 u8(code), u8(className));
            answer->set_value(wxMessageBox(msg, _("Check the teacher's code"),
                                           wxYES_NO | wxICON_QUESTION, this) == wxYES);
        });
        return result.get();
    };
    agent_ = std::make_unique<classroom::StudentAgent>(store_, cfg, this);
    // Old PCs have small screens: never larger than the display, and all of it when possible
    // (Maximize alone is ignored where there is no window manager).
    const wxRect display = wxGetClientDisplayRect();
    SetSize(display.x, display.y, std::min(1000, display.width), std::min(720, display.height));
    Maximize();
    SetStatusText(_("Not connected: join a class, or work with the courses on this PC."));
    std::vector<classroom::RosterLearner> known;
    for (const auto& l : store_.learners()) {
        known.push_back({l.id, l.name, l.picture, l.language, l.signin == "pin"});
    }
    if (!known.empty()) {
        roster_ = known;
        signin_->setRoster(known);
        book_->SetSelection(1); // learners of this PC can start, with or without the teacher
    }
    if (!settings_.host.empty()) {
        join(settings_.host, settings_.port, settings_.code);
    }
}

void MainFrame::chooseStartLanguage() {
    // The language last chosen on this PC's sign-in screen, unless the command line says.
    if (settings_.language.empty() && store_.available()) {
        const std::string pc = store_.preference("", "ui-language");
        if (!pc.empty() && i18n::use(pc)) {
            gui::useWxLanguage(pc);
        }
    }
}

std::vector<std::string> MainFrame::languageCycle() const {
    std::vector<std::string> all;
    for (const auto& l : i18n::uiLanguages()) {
        all.push_back(l.code);
    }
    if (learner_.empty()) {
        return all; // the sign-in screen: every language of the interface
    }
    // A learner: their own language and Spanish (which many read better), or all of them.
    std::string own = "es";
    for (const auto& l : roster_) {
        if (l.id == learner_) {
            own = l.language;
        }
    }
    if (own == "es" || std::find(all.begin(), all.end(), own) == all.end()) {
        return all;
    }
    return {own, "es"};
}

void MainFrame::nextLanguage() {
    const auto cycle = languageCycle();
    const std::string now = i18n::currentLanguage();
    auto it = std::find(cycle.begin(), cycle.end(), now);
    const std::string next = it == cycle.end() || ++it == cycle.end() ? cycle.front() : *it;
    try {
        store_.setPreference(learner_, "ui-language", next); // "" is this PC's sign-in screen
    } catch (const std::exception& e) {
        SetStatusText(u8(e.what())); // switched anyway, only not kept
    }
    useLanguage(next);
}

void MainFrame::useLanguage(const std::string& language) {
    if (language == i18n::currentLanguage() || !i18n::use(language)) {
        updateLanguageButton();
        return;
    }
    gui::useWxLanguage(language);
    // Every screen again in the new language, showing what was shown: the pages are made anew
    // (their words are set when they are made), then filled from this PC's state.
    const int shown = book_->GetSelection();
    Freeze();
    book_->DeleteAllPages();
    buildPages();
    packages_.clear();   // loaded again: the new lesson page learns where each course's files are
    lastScreen_.reset(); // the new pages are empty: draw them
    if (!roster_.empty()) {
        signin_->setRoster(roster_);
    }
    if (learner_.empty() || shown < 2) {
        book_->SetSelection(std::max(shown, 0));
    } else if (shown == 3) {
        book_->SetSelection(3); // locked: the lock screen, in the new words
    } else if (shown == 6) {
        showOutline({selfCourse_, selfLesson_});
    } else if (offline_ || ownPath_ || selfQuiz_) {
        if (selfQuiz_) {
            showSelfPacedQuiz();
        } else if (shown == 5) {
            openResource(selfCourse_, selfLesson_);
        } else {
            book_->SetSelection(2);
            showSelfPaced(false); // the same page in new words: not a new page view
        }
    } else {
        book_->SetSelection(2);
        showClass(agent_->view());
    }
    applyReading();
    Layout();
    Thaw();
    updateHand();
    updateCoursesButton();
    updateLanguageButton();
    testLine("language " + language);
}

void MainFrame::updateLanguageButton() {
    if (language_ == nullptr) {
        return;
    }
    const auto cycle = languageCycle();
    const std::string now = i18n::currentLanguage();
    auto it = std::find(cycle.begin(), cycle.end(), now);
    const std::string next = it == cycle.end() || ++it == cycle.end() ? cycle.front() : *it;
    for (const auto& l : i18n::uiLanguages()) {
        if (l.code == next) {
            language_->SetLabel(wxString::FromUTF8("→ ") + u8(l.name));
            language_->SetToolTip(
                wxString::Format(_("Show the screens in %s"), u8(l.name)) +
                (l.draft ? "\n" + _("Draft translation, awaiting review by native speakers")
                         : wxString()));
        }
    }
    const int page = book_->GetSelection();
    const bool show = page != 3 && (page <= 1 || !learner_.empty()); // never on the lock
    if (show != language_->IsShown()) {
        language_->Show(show);
        Layout();
    }
}

void MainFrame::buildPages() {
    join_ = new JoinPanel(book_, *this, settings_);
    signin_ = new SignInPanel(book_, *this);
    lesson_ = new LessonPanel(book_);
    book_->AddPage(join_, "join");
    book_->AddPage(signin_, "sign in");
    book_->AddPage(lesson_, "lesson");
    lesson_->onReadingChanged([this](LessonPanel::Reading r) {
        if (learner_.empty()) {
            return;
        }
        try { // kept for this learner on this PC
            store_.setPreference(learner_, "text-size", std::to_string(r.textSize));
            store_.setPreference(learner_, "contrast", r.highContrast ? "high" : "normal");
        } catch (const std::exception& e) {
            SetStatusText(u8(e.what()));
        }
    });
    lesson_->setFinish([this] { finishLesson(); });
    lesson_->setNavigation([this](int delta) {
        const course::Package* pkg = package(selfCourse_);
        if (pkg == nullptr || pkg->lessons.count(selfLesson_) == 0) {
            return;
        }
        const auto count = pkg->lessons.at(selfLesson_).pages.size();
        const auto next = static_cast<long>(selfIndex_) + delta;
        if (next >= 0 && next < static_cast<long>(count)) {
            selfIndex_ = static_cast<std::size_t>(next);
            showSelfPaced();
        }
    });
    // The lock screen: nothing else on it, big and calm.
    lockPanel_ = new wxPanel(book_);
    lockPanel_->SetBackgroundColour(wxColour(32, 52, 86));
    auto* lockSizer = new wxBoxSizer(wxVERTICAL);
    auto* eyes = new wxStaticText(lockPanel_, wxID_ANY, _("Eyes on the teacher"), wxDefaultPosition,
                                  wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
    eyes->SetFont(eyes->GetFont().Scale(3.0).Bold());
    eyes->SetForegroundColour(*wxWHITE);
    auto* why = new wxStaticText(lockPanel_, wxID_ANY,
                                 _("The teacher paused the computers. Listen; your work is saved."),
                                 wxDefaultPosition, wxDefaultSize, wxALIGN_CENTRE_HORIZONTAL);
    why->SetFont(why->GetFont().Scale(1.5));
    why->SetForegroundColour(wxColour(220, 230, 245));
    lockSizer->AddStretchSpacer();
    lockSizer->Add(eyes, 0, wxALIGN_CENTER | wxALL, 20);
    lockSizer->Add(why, 0, wxALIGN_CENTER | wxALL, 20);
    lockNote_ = new wxStaticText(lockPanel_, wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                 wxALIGN_CENTRE_HORIZONTAL);
    lockNote_->SetFont(lockNote_->GetFont().Scale(1.3));
    lockNote_->SetForegroundColour(wxColour(255, 205, 80));
    lockSizer->Add(lockNote_, 0, wxALIGN_CENTER | wxALL, 20);
    lockSizer->AddStretchSpacer();
    lockPanel_->SetSizer(lockSizer);
    book_->AddPage(lockPanel_, "locked");
    QuizPanel::Host host;
    host.save = [this](const std::string& question, const std::string& response,
                       std::int64_t latencyMs) {
        if (selfQuiz_) {
            return saveSelfPacedAnswer(question, response, latencyMs);
        }
        // Committed here before "saved" is shown; graded on the teacher's PC.
        return agent_->answerLive(learner_, question, response, latencyMs);
    };
    host.saved = [this] {
        std::map<std::string, std::string> out;
        const auto q = quizShown();
        if (q && store_.available()) {
            for (const auto& i : store_.interactions(learner_, q->course, q->content, q->attempt)) {
                out[i.item] = i.response;
            }
        }
        return out;
    };
    host.position = [this]() -> std::size_t {
        const auto q = quizShown();
        try {
            return q ? std::stoul(store_.preference(learner_, quizPlace(*q), "0")) : 0;
        } catch (const std::exception&) {
            return 0;
        }
    };
    host.remember = [this](std::size_t index) {
        if (const auto q = quizShown(); q && store_.available()) {
            try {
                store_.setPreference(learner_, quizPlace(*q), std::to_string(index));
            } catch (const std::exception&) {
                // the place is a convenience: the answers themselves are already saved
            }
        }
    };
    quiz_ = new QuizPanel(book_, std::move(host));
    book_->AddPage(quiz_, "quiz");
    drill_ = new DrillPanel(book_, [this](store::Event e) {
        e.learner = learner_;
        e.course = handedDrill_ ? handedDrill_->course : selfCourse_;
        e.content = handedDrill_ ? handedDrill_->content : selfLesson_;
        const bool saved = agent_->record(std::move(e)).saved;
        if (handedDrill_) {
            handedDrillFinished(); // the teacher's drill: back to the class
        } else if (ownPath_) {
            CallAfter([this] { drillFinished(); }); // once the drill says how it went
        }
        return saved;
    });
    drill_->setReporter([this](const std::string& line) { testLine(line); });
    drill_->setProgress([this](int done, int total) { handedDrillProgress(done, total); });
    book_->AddPage(drill_, "drill");
    outline_ = new OutlinePanel(
        book_, [this](const std::string& c, const std::string& r) { openResource(c, r); });
    book_->AddPage(outline_, "outline");
}

MainFrame::~MainFrame() {
    stopPageClock();
    agent_->disconnect();
}

void MainFrame::join(const std::string& host, int port, const std::string& code) {
    SetStatusText(wxString::Format(_("Connecting to %s..."), u8(host)));
    agent_->connect(host, static_cast<std::uint16_t>(port), code);
}

std::string MainFrame::pcName() {
    const std::string chosen = store_.pcName();
    return chosen.empty() ? wxGetHostName().utf8_string() : chosen;
}

bool MainFrame::setPcName(const std::string& name) {
    if (name == store_.pcName()) {
        return true;
    }
    try {
        store_.setPcName(name); // committed before the Hello that carries it
        return true;
    } catch (const std::exception& e) {
        SetStatusText(u8(e.what()));
        return false;
    }
}

void MainFrame::signInRefused(const wxString& message, const std::string& why) {
    signin_->showMessage(message);
    book_->SetSelection(1);
    testLine("signin_refused " + why);
    // Tests: let the sign-in screen draw before it is captured.
    CallAfter([this] { CallAfter([this] { snapshotIfAsked("sign-in"); }); });
}

void MainFrame::testLine(const std::string& line) {
    // Machine-readable progress for the GUI tests and benchmarks, which all take a snapshot.
    if (!settings_.snapshot.empty()) {
        std::printf("%s\n", line.c_str());
        std::fflush(stdout);
    }
}

void MainFrame::signIn(const std::string& learner, const std::string& pin) {
    lastScreen_.reset(); // another learner: their screen is drawn whatever the class shows
    stopPageClock();
    ownPath_ = false;
    pacedCourse_.clear();
    pacedLesson_.clear();
    pacedPage_.clear();
    pacedSeen_.clear();
    if (!agent_->connected()) {
        // No teacher: a learner who signed in here before may work offline (PIN checked here).
        if (!store_.checkPin(learner, pin)) {
            signInRefused(_("That PIN is not right. Try again."), "pin");
            return;
        }
        learner_ = learner;
        offline_ = true;
        useLanguage(languageOf(learner_));
        applyReading();
        showOutline();
        return;
    }
    std::string why;
    if (!agent_->signIn(learner, pin, &why, 10000)) {
        const wxString msg = why == "pin"    ? _("That PIN is not right. Try again.")
                             : why == "wait" ? _("Too many tries. Wait a minute and try again.")
                                             : _("You could not sign in. Ask the teacher.");
        signInRefused(msg, why);
        return;
    }
    signin_->showMessage("");
    learner_ = learner;
    offline_ = false;
    useLanguage(languageOf(learner_));
    applyReading();
    book_->SetSelection(2);
    showClass(agent_->view());
}

std::string MainFrame::practiceRoot() const {
    // The learner's own practice folder for file drills, beside the client's data.
    return (std::filesystem::path(settings_.dataDir) / "practica" / learner_).string();
}

void MainFrame::applyReading() {
    LessonPanel::Reading r;
    try {
        r.textSize = std::stoi(store_.preference(learner_, "text-size", "100"));
        r.highContrast = store_.preference(learner_, "contrast") == "high";
    } catch (const std::exception&) {
        // unreadable or damaged preference: the defaults
    }
    lesson_->setReading(r);
}

void MainFrame::showOutline(const Item& focus, const wxString& note) {
    stopPageClock();
    ownPath_ = true;
    selfQuiz_.reset(); // a practice quiz left here is taken again from its next attempt
    std::map<std::string, const course::Package*> courses;
    for (const auto& p : store_.packages()) {
        if (const auto* pkg = package(p.identifier)) {
            courses[p.identifier] = pkg;
        }
    }
    outline_->setCourses(courses, languageOf(learner_), doneItems(), agent_->connected(), focus);
    outline_->setNote(note);
    book_->SetSelection(6);
    if (!settings_.open.empty()) {
        for (const auto& [id, pkg] : courses) {
            if (pkg->lessons.count(settings_.open) != 0 || pkg->drills.count(settings_.open) != 0 ||
                pkg->quizzes.count(settings_.open) != 0) {
                openResource(id, settings_.open);
                break;
            }
        }
    }
}

void MainFrame::openResource(const std::string& courseId, const std::string& resource) {
    const course::Package* pkg = package(courseId);
    if (pkg == nullptr) {
        return;
    }
    stopPageClock();
    ownPath_ = true; // the learner's choice stays on screen while the class is idle
    selfCourse_ = courseId;
    selfLesson_ = resource;
    if (const auto d = pkg->drills.find(resource);
        d != pkg->drills.end() && DrillPanel::handles(d->second.kind)) {
        book_->SetSelection(5);
        drill_->setPracticeRoot(practiceRoot());
        drill_->show(d->second, languageOf(learner_));
        agent_->presence(learner_, "drill", "", courseId, resource);
        snapshotIfAsked("drill " + resource);
        return;
    }
    if (const auto q = pkg->quizzes.find(resource);
        q != pkg->quizzes.end() && q->second.mode == course::QuizMode::SelfPaced) {
        startSelfPacedQuiz(courseId, resource, q->second);
        return;
    }
    const auto it = pkg->lessons.find(resource);
    if (it != pkg->lessons.end()) {
        startSelfPaced(it->second, true);
    }
}

void MainFrame::startSelfPacedQuiz(const std::string& courseId, const std::string& resource,
                                   const course::Quiz& quiz) {
    // A new attempt after each finished one; the quiz may limit how many.
    selfQuiz_ = quiz::PracticeQuiz::start(
        store_, [this](store::Event e) { return agent_->record(std::move(e)); }, learner_, courseId,
        resource, quiz);
    if (!selfQuiz_) {
        lesson_->showMessage(_("You have used every attempt of this quiz."));
        book_->SetSelection(2);
        return;
    }
    showSelfPacedQuiz();
    if (settings_.autoAnswer) {
        quiz_->answerAllForTest(); // tests: the snapshot comes once it is finished
    } else {
        snapshotIfAsked("quiz " + resource);
    }
}

store::SaveResult MainFrame::saveSelfPacedAnswer(const std::string& question,
                                                 const std::string& response,
                                                 std::int64_t latencyMs) {
    // Saved on this PC first; the teacher gets it when reachable.
    const auto a = selfQuiz_->answer(question, response, latencyMs);
    if (!a.saved.saved) {
        return a.saved;
    }
    const bool immediate = selfQuiz_->quiz().feedback == course::FeedbackPolicy::Immediate;
    CallAfter([this, question, result = a.grade.result, immediate, all = a.complete] {
        if (!selfQuiz_) {
            return;
        }
        if (immediate) {
            quiz_->showResult(question, result);
        }
        if (all) {
            finishSelfPacedQuiz();
        }
    });
    return a.saved;
}

void MainFrame::finishSelfPacedQuiz() {
    const auto score = selfQuiz_->score();
    const bool saved = selfQuiz_->finish().saved;
    if (selfQuiz_->quiz().feedback == course::FeedbackPolicy::AtEnd) {
        for (const auto& [question, result] : selfQuiz_->results()) {
            quiz_->showResult(question, result);
        }
    }
    quiz_->setSummary(selfQuizSummary());
    testLine(wxString::Format("self_quiz %s right %d of %zu percent %.0f saved %d graded %d "
                              "can_change %d",
                              selfQuiz_->content(), score.right, selfQuiz_->quiz().questions.size(),
                              score.percent, saved ? 1 : 0, quiz_->resultCount(),
                              quiz_->canSave() ? 1 : 0)
                 .utf8_string());
    snapshotIfAsked("quiz " + selfQuiz_->content() + " done");
}

void MainFrame::showSelfPacedQuiz() {
    // The practice quiz as it stands (after a language switch too: the same attempt, its
    // answers and the results already shown, never a fresh start).
    classroom::LiveQuizView view;
    view.course = selfQuiz_->course();
    view.content = selfQuiz_->content();
    view.title = selfQuiz_->quiz().title.best(languageOf(learner_));
    view.attempt = selfQuiz_->attempt();
    view.open = true;
    for (const auto& q : selfQuiz_->quiz().questions) {
        view.questions.push_back(quiz::publicView(q, 0));
    }
    book_->SetSelection(4);
    quiz_->setQuiz(view, learner_, languageOf(learner_), "");
    const auto policy = selfQuiz_->quiz().feedback;
    const bool all = selfQuiz_->complete();
    for (const auto& [question, result] : selfQuiz_->results()) {
        if (policy == course::FeedbackPolicy::Immediate ||
            (all && policy == course::FeedbackPolicy::AtEnd)) {
            quiz_->showResult(question, result);
        }
    }
    if (all) {
        quiz_->setSummary(selfQuizSummary());
    }
}

wxString MainFrame::selfQuizSummary() const {
    if (selfQuiz_->quiz().feedback == course::FeedbackPolicy::Never) {
        return _("Done. Your teacher will see your answers.");
    }
    const auto s = selfQuiz_->score();
    return wxString::Format(_("Done: %d of %d right (%.0f %%)"), s.right,
                            static_cast<int>(selfQuiz_->quiz().questions.size()), s.percent);
}

void MainFrame::startSelfPaced(const course::Lesson& lesson, bool resume) {
    if (resume) {
        // Continue where this learner left off (the last page viewed, saved on this PC).
        selfIndex_ = 0;
        if (const auto p = store_.progress(learner_, selfCourse_, selfLesson_, 1)) {
            for (std::size_t i = 0; i < lesson.pages.size(); ++i) {
                if (lesson.pages[i].id == p->location) {
                    selfIndex_ = i;
                }
            }
        }
    }
    book_->SetSelection(2);
    showSelfPaced();
    snapshotIfAsked(selfLesson_ + " " + lesson.pages[selfIndex_].id);
}

const course::Lesson* MainFrame::teachersLesson(const classroom::ClassView& view) {
    const course::Package* pkg = package(view.course);
    if (pkg == nullptr) {
        arriving_ = true;
        lesson_->showMessage(_("The teacher's course is arriving at this PC. Please wait."), 0);
        return nullptr;
    }
    arriving_ = false;
    const auto it = pkg->lessons.find(view.lesson);
    if (it == pkg->lessons.end()) {
        lesson_->showMessage(_("This PC does not have that lesson."));
        return nullptr;
    }
    return &it->second;
}

void MainFrame::connectionChanged(bool connected, const std::string& why) {
    CallAfter([this, connected, why] {
        if (connected) {
            SetStatusText(wxString::Format(_("Connected to the class %s"), u8(why)));
            roster_ = agent_->roster();
            signin_->setRoster(roster_);
            if (learner_.empty()) {
                book_->SetSelection(1);
            }
            if (!settings_.signIn.empty() && learner_.empty()) {
                signIn(settings_.signIn, "");
            }
        } else {
            if (!settings_.signIn.empty() && learner_.empty()) {
                signIn(settings_.signIn, ""); // no teacher: on this PC alone
            }
            const std::string refusal = agent_->refusal();
            SetStatusText(refusal.empty() ? _("The teacher is not reachable: your work is saved "
                                              "on this PC and will be sent later.")
                                          : u8(refusal));
        }
    });
}

void MainFrame::classChanged(const classroom::ClassView& view) {
    CallAfter([this, view] {
        // Only the hands changed (a hand went up or down somewhere): the screen stays as it
        // is, so a page being read aloud goes on and no page view is counted twice.
        const auto screen = std::make_tuple(
            view.connected, view.mode, view.course, view.lesson, view.page, view.locked,
            view.reveal, view.quiz.has_value(), view.quiz ? view.quiz->open : false,
            view.quiz ? view.quiz->questions.size() : std::size_t{0},
            view.quiz ? view.quiz->content + "/" + std::to_string(view.quiz->attempt)
                      : std::string());
        const std::string drill = view.drill ? handedDrillKey(*view.drill) : std::string();
        if (lastScreen_ && *lastScreen_ == screen && drill == lastDrill_ && !learner_.empty()) {
            handUp_ = view.hands.count(learner_) != 0;
            updateHand();
            return;
        }
        lastScreen_ = screen;
        lastDrill_ = drill;
        showClass(view);
    });
}

void MainFrame::packageInstalled(const std::string& id, const std::string&, const std::string&) {
    CallAfter([this, id] {
        packages_.erase(id); // reload the new version
        showClass(agent_->view());
    });
}

const course::Package* MainFrame::package(const std::string& identifier) {
    if (auto it = packages_.find(identifier); it != packages_.end()) {
        return &it->second;
    }
    // The newest version of that course on this PC.
    const store::InstalledPackage* best = nullptr;
    const auto all = store_.packages();
    for (const auto& p : all) {
        if (p.identifier == identifier && (best == nullptr || p.version > best->version)) {
            best = &p;
        }
    }
    if (best == nullptr) {
        return nullptr;
    }
    Problems problems;
    auto pkg = course::loadPackage(best->path, problems);
    if (problems.hasErrors()) {
        return nullptr;
    }
    lesson_->setRoot(best->path);
    return &packages_.emplace(identifier, std::move(pkg)).first->second;
}

void MainFrame::setLocked(bool locked) {
    const bool isLocked = book_->GetSelection() == 3;
    if (locked == isLocked) {
        return;
    }
    if (locked) {
        beforeLock_ = book_->GetSelection();
        lockNote_->SetLabel("");
        book_->SetSelection(3);
        ShowFullScreen(true);
        snapshotIfAsked("locked");
    } else {
        ShowFullScreen(false);
        book_->SetSelection(beforeLock_);
    }
}

std::string MainFrame::languageOf(const std::string& learner) {
    if (const std::string chosen =
            store_.available() ? store_.preference(learner, "ui-language") : std::string();
        !chosen.empty()) {
        return chosen; // switched with the language button, kept for this learner
    }
    for (const auto& l : store_.learners()) {
        if (l.id == learner) {
            return l.language;
        }
    }
    return "es";
}

void MainFrame::showClass(const classroom::ClassView& view) {
    handUp_ = view.hands.count(learner_) != 0;
    updateHand();

    if (offline_ && !view.connected) {
        return; // working from the outline until the teacher is back
    }
    setLocked(view.locked);
    const int page = book_->GetSelection();
    if (learner_.empty() || page < 2 || page == 3) {
        return; // not signed in yet, or locked
    }
    if (ownPath_ && !teacherLeads(view)) {
        return; // the learner's own work stays while the teacher shows nothing
    }
    ownPath_ = false;
    const std::string language = languageOf(learner_);
    if (view.quiz) {
        stopPageClock();
        selfQuiz_.reset(); // the teacher's quiz comes first
        book_->SetSelection(4);
        quiz_->setQuiz(*view.quiz, learner_, language, view.reveal);
        if (settings_.autoAnswer && view.quiz->open && !answered_) {
            answered_ = true;
            quiz_->answerAllForTest();
            testLine("answered " + std::to_string(quiz_->savedCount()));
        }
        testLine("saved_marks " + std::to_string(quiz_->markedCount()));
        snapshotIfAsked("quiz " + view.quiz->content);
        return;
    }
    if (showHandedDrill(view)) {
        return;
    }
    if (view.mode == classroom::Mode::SelfPaced && !view.lesson.empty()) {
        const course::Package* dpkg = package(view.course);
        if (dpkg != nullptr && dpkg->drills.count(view.lesson) != 0 &&
            DrillPanel::handles(dpkg->drills.at(view.lesson).kind)) {
            const bool fresh = selfCourse_ != view.course || selfLesson_ != view.lesson;
            selfCourse_ = view.course;
            selfLesson_ = view.lesson;
            if (fresh || book_->GetSelection() != 5) {
                stopPageClock();
                book_->SetSelection(5);
                drill_->setPracticeRoot(practiceRoot());
                drill_->show(dpkg->drills.at(view.lesson), language);
                agent_->presence(learner_, "drill", "", view.course, view.lesson);
            }
            if (settings_.autoType && !typed_) {
                typed_ = true;
                drill_->doForTest();
            }
            snapshotIfAsked("drill " + view.lesson);
            return;
        }
    }
    book_->SetSelection(2);
    if (view.mode == classroom::Mode::SelfPaced && !view.lesson.empty()) {
        const course::Lesson* lesson = teachersLesson(view);
        if (lesson == nullptr) {
            return;
        }
        const bool fresh = view.course != selfCourse_ || view.lesson != selfLesson_;
        selfCourse_ = view.course;
        selfLesson_ = view.lesson;
        startSelfPaced(*lesson, fresh);
        return;
    }
    if (view.mode == classroom::Mode::Paced && !view.page.empty()) {
        const course::Lesson* lesson = teachersLesson(view);
        if (lesson == nullptr) {
            return;
        }
        for (const auto& p : lesson->pages) {
            if (p.id == view.page) {
                lesson_->showPage(*lesson, p, language);
                lesson_->showNavigation(false, 0, 0);
                pacedPageShown(view, *lesson, p.id);
                agent_->presence(learner_, "reading", p.id, view.course, view.lesson);
                snapshotIfAsked(view.lesson + " " + p.id);
                return;
            }
        }
    }
    stopPageClock();
    if (offerToContinue(view)) {
        return;
    }
    lesson_->showMessage(_("Look at the teacher: the lesson will start soon."));
}

std::string MainFrame::handedDrillKey(const classroom::LiveDrillView& d) {
    return d.course + "/" + d.content + "/" + std::to_string(d.round);
}

bool MainFrame::showHandedDrill(const classroom::ClassView& view) {
    const bool done =
        view.drill && handedDrillsDone_.count(learner_ + "\n" + handedDrillKey(*view.drill)) != 0;
    if (!view.drill || done) {
        if (handedDrill_ && !done) {
            agent_->presence(learner_, "idle", ""); // the teacher took it back: not on it now
        }
        if (!done || !backToClass_.IsRunning()) {
            handedDrill_.reset(); // (a finished one stays until its result has been seen)
        }
        return done && backToClass_.IsRunning() && book_->GetSelection() == 5;
    }
    const auto& d = *view.drill;
    const course::Package* pkg = package(d.course);
    if (pkg == nullptr) {
        // The course comes with the drill: on screen as soon as it is here.
        arriving_ = true;
        book_->SetSelection(2);
        lesson_->showMessage(_("The teacher's course is arriving at this PC. Please wait."), 0);
        return true;
    }
    const auto it = pkg->drills.find(d.content);
    if (it == pkg->drills.end() || !DrillPanel::handles(it->second.kind)) {
        return false;
    }
    const bool fresh = !handedDrill_ || !(*handedDrill_ == d) || book_->GetSelection() != 5;
    handedDrill_ = d;
    if (fresh) {
        stopPageClock(); // the page being read is left: its time is kept
        book_->SetSelection(5);
        drill_->setPracticeRoot(practiceRoot());
        drill_->show(it->second, languageOf(learner_)); // says "0 of N" to the teacher
        testLine("handed_drill " + d.content);
        snapshotIfAsked("drill " + d.content);
    }
    return true;
}

void MainFrame::handedDrillProgress(int done, int total) {
    if (handedDrill_ && !learner_.empty()) {
        agent_->drillProgress(learner_, handedDrill_->content, done, total);
    }
}

void MainFrame::handedDrillFinished() {
    // The result stays on screen a moment (the drill panel says how it went), then the class.
    handedDrillsDone_.insert(learner_ + "\n" + handedDrillKey(*handedDrill_));
    backToClass_.StartOnce(4000);
}

void MainFrame::backFromHandedDrill() {
    if (!handedDrill_) {
        return; // the class moved on already
    }
    handedDrill_.reset();
    agent_->presence(learner_, "done", "");
    if (book_->GetSelection() == 5) {
        book_->SetSelection(2);
        showClass(agent_->view());
    }
}

void MainFrame::showSelfPaced(bool record) {
    const course::Package* pkg = package(selfCourse_);
    if (pkg == nullptr || pkg->lessons.count(selfLesson_) == 0) {
        return;
    }
    const auto& lesson = pkg->lessons.at(selfLesson_);
    const auto& page = lesson.pages.at(selfIndex_);
    lesson_->showPage(lesson, page, languageOf(learner_));
    lesson_->showNavigation(true, selfIndex_, lesson.pages.size());
    if (!record) {
        return;
    }
    pageShown(selfCourse_, selfLesson_, lesson, page.id); // a page view; its clock starts
    agent_->presence(learner_, "reading", page.id, selfCourse_, selfLesson_);
}

std::optional<MainFrame::QuizKey> MainFrame::quizShown() {
    if (selfQuiz_) {
        return QuizKey{selfQuiz_->course(), selfQuiz_->content(), selfQuiz_->attempt()};
    }
    const auto view = agent_->view();
    if (!view.quiz) {
        return std::nullopt;
    }
    return QuizKey{view.quiz->course, view.quiz->content, view.quiz->attempt};
}

std::string MainFrame::quizPlace(const QuizKey& q) {
    return "quiz-place/" + q.course + "/" + q.content + "/" + std::to_string(q.attempt);
}

void MainFrame::updateHand() {
    if (hand_ == nullptr) {
        return;
    }
    const int page = book_->GetSelection();
    const bool show = !learner_.empty() && agent_->connected() &&
                      (page == 2 || page == 4 || (page == 5 && handedDrill_)); // class work
    hand_->SetLabel(handUp_ ? _("Lower my hand") : _("Raise my hand"));
    hand_->SetBackgroundColour(handUp_ ? wxColour(255, 205, 80) : wxNullColour);
    if (show != hand_->IsShown()) {
        hand_->Show(show);
        Layout();
    }
}

void MainFrame::toggleHand() {
    if (learner_.empty()) {
        return;
    }
    handUp_ = !handUp_; // shown at once; the teacher's answer (ClassState) confirms it
    agent_->hand(learner_, handUp_);
    updateHand();
}

void MainFrame::packageProgress(const std::string&, std::uint64_t done, std::uint64_t total) {
    CallAfter([this, done, total] {
        const int page = book_->GetSelection();
        if (page == 2 && total > 0 && arriving_) {
            lesson_->showMessage(_("The teacher's course is arriving at this PC. Please wait."),
                                 static_cast<int>(done * 100 / total));
        }
    });
}

void MainFrame::snapshotIfAsked(const std::string& what) {
    if (settings_.snapshot.empty() || snapshotTaken_) {
        return;
    }
    snapshotTaken_ = true;
    // Let the layout settle and paint, then copy the window's pixels from the screen (on GTK3 a
    // window's own DC cannot be read back).
    CallAfter([this, what] {
        Layout();
        Refresh();
        Update();
        wxYield();
        // The client's memory, read before the snapshot: the picture (a screen-sized bitmap
        // and its PNG encoder, ~6 MB) is the test's, not the product's.
        long rssKb = 0;
        if (FILE* f = std::fopen("/proc/self/status", "r")) {
            char line[256];
            while (std::fgets(line, sizeof line, f) != nullptr) {
                if (std::sscanf(line, "VmRSS: %ld", &rssKb) == 1) {
                    break;
                }
            }
            std::fclose(f);
        }
        wxScreenDC dc;
        const wxRect r = GetScreenRect();
        wxBitmap bmp(r.GetSize());
        wxMemoryDC mem(bmp);
        mem.Blit(0, 0, r.width, r.height, &dc, r.x, r.y);
        mem.SelectObject(wxNullBitmap);
        bmp.SaveFile(wxString::FromUTF8(settings_.snapshot), wxBITMAP_TYPE_PNG);
        if (!quiz_->revealed().empty()) {
            std::printf("quiz_result %s\n", quiz_->revealed().c_str());
        }
        std::printf("shown %s\nstartup_ms %ld\nrss_kb %ld\nreading %d %s\n", what.c_str(),
                    startupMs_, rssKb, lesson_->reading().textSize,
                    lesson_->reading().highContrast ? "high" : "normal");
        std::fflush(stdout);
        if (settings_.exitAfterSnapshot) {
            if (agent_->connected()) {
                agent_->waitSynced(15000); // tests: what was saved reaches the teacher first
            }
            Close(true);
        }
    });
}

} // namespace ayllu::student
