#include "quiz_page.h"

#include "ayllu/i18n.h"
#include "ayllu/store/progress.h"
#include "tr.h"

#include <algorithm>
#include <wx/regex.h>

namespace ayllu::teacher {

using gui::u8;

QuizPage::QuizPage(wxWindow* parent, Console& console) : wxPanel(parent), console_(console) {
    auto* top = new wxBoxSizer(wxHORIZONTAL);
    top->Add(new wxStaticText(this, wxID_ANY, _("Quiz")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    quizzes_ = new wxChoice(this, wxID_ANY);
    top->Add(quizzes_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    oneByOne_ = new wxCheckBox(this, wxID_ANY, _("&One question at a time"));
    top->Add(oneByOne_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    top->Add(new wxStaticText(this, wxID_ANY, _("Time limit (minutes, 0 = none)")), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    timer_ = new wxSpinCtrl(this, wxID_ANY, "0", wxDefaultPosition, wxDefaultSize, wxSP_ARROW_KEYS,
                            0, 120, 0);
    top->Add(timer_, 0, wxALIGN_CENTER_VERTICAL);

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    start_ =
        new wxButton(this, wxID_ANY, _("▶  Start the quiz"), wxDefaultPosition, wxSize(-1, 52));
    start_->SetToolTip(_("F9"));
    next_ = new wxButton(this, wxID_ANY, _("Next &question"), wxDefaultPosition, wxSize(-1, 52));
    close_ = new wxButton(this, wxID_ANY, _("&Close answers"), wxDefaultPosition, wxSize(-1, 52));
    reveal_ =
        new wxButton(this, wxID_ANY, _("&Reveal the answers"), wxDefaultPosition, wxSize(-1, 52));
    end_ = new wxButton(this, wxID_ANY, _("E&nd the quiz"), wxDefaultPosition, wxSize(-1, 52));
    // Start shows while no quiz runs; the four controls of a running quiz replace it.
    for (auto* b : {start_, next_, close_, reveal_, end_}) {
        b->SetFont(b->GetFont().Scale(1.1).Bold());
        buttons->Add(b, 1, wxEXPAND | wxRIGHT, 6);
    }

    auto* status = new wxBoxSizer(wxHORIZONTAL);
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Scale(1.3).Bold());
    answered_ = new wxStaticText(this, wxID_ANY, _("No quiz running."), wxDefaultPosition,
                                 wxDefaultSize, wxST_ELLIPSIZE_END);
    answered_->SetFont(answered_->GetFont().Scale(1.3));
    clock_ = new wxStaticText(this, wxID_ANY, "");
    clock_->SetFont(clock_->GetFont().Scale(1.3).Bold());
    status->Add(title_, 0, wxRIGHT, 20);
    status->Add(clock_, 0, wxRIGHT, 20);
    status->Add(answered_, 1);

    auto* legend = new wxBoxSizer(wxHORIZONTAL);
    for (const auto& [text, colour] :
         std::vector<std::pair<wxString, wxColour>>{{_("right"), colourCorrect()},
                                                    {_("partly right"), colourPartial()},
                                                    {_("wrong"), colourWrong()},
                                                    {_("no answer yet"), colourMissing()}}) {
        auto* swatch = new wxPanel(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(16, 16)));
        swatch->SetBackgroundColour(colour);
        legend->Add(swatch, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
        legend->Add(new wxStaticText(this, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
                    16);
    }

    chart_ = new BarChart(this);
    chart_->setTitle(_("Answers per question"));
    chart_->setEmptyText(_("Start a quiz: a bar per question shows the answers as they arrive."));

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(top, 0, wxEXPAND | wxALL, 10);
    sizer->Add(buttons, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    sizer->Add(status, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    sizer->Add(legend, 0, wxLEFT | wxRIGHT | wxBOTTOM, 10);
    board_ = new QuizBoard(this);
    auto* views = new wxBoxSizer(wxHORIZONTAL);
    views->Add(chart_, 1, wxEXPAND | wxRIGHT, 10);
    views->Add(board_, 1, wxEXPAND);
    sizer->Add(views, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 10);
    SetSizer(sizer);

    start_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
    next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { next(); });
    close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { close(); });
    reveal_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reveal(); });
    end_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { end(); });
    // The countdown, once a second while a timer runs.
    tick_.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (deadlineMs_ == 0) {
            if (!clock_->GetLabel().empty()) {
                clock_->SetLabel("");
                Layout();
            }
            return;
        }
        const auto left = std::max<std::int64_t>(0, (deadlineMs_ - store::nowMs() + 999) / 1000);
        clock_->SetLabel(wxString::Format(_("%d:%02d left"), static_cast<int>(left / 60),
                                          static_cast<int>(left % 60)));
        Layout(); // the label grew from nothing
    });
    tick_.Start(1000);
    reloadQuizzes();
    enableButtons({});
}

bool QuizPage::showProjector() {
    if (boardQuestions_.empty()) {
        return false;
    }
    if (projector_ == nullptr) {
        projector_ = new QuizProjector(this, [this](int delta) {
            projected_ =
                std::clamp(projected_ + delta, 0, static_cast<int>(boardQuestions_.size()) - 1);
            project();
        });
        projector_->Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& e) {
            projector_ = nullptr;
            e.Skip();
        });
        projector_->ShowFullScreen(true);
    }
    project();
    return true;
}

void QuizPage::project() {
    if (projector_ == nullptr || boardQuestions_.empty()) {
        return;
    }
    projected_ = std::clamp(projected_, 0, static_cast<int>(boardQuestions_.size()) - 1);
    projector_->show(projected_ + 1, static_cast<int>(boardQuestions_.size()),
                     boardQuestions_[static_cast<std::size_t>(projected_)], online_, revealed_);
}

void QuizPage::reloadQuizzes() {
    quizzes_->Clear();
    ids_.clear();
    for (const auto* p : console_.courses()) {
        for (const auto& [resource, quiz] : p->quizzes) {
            if (quiz.mode == course::QuizMode::SelfPaced) {
                continue;
            }
            quizzes_->Append(
                wxString::Format(wxString::FromUTF8("%s — %s"),
                                 u8(p->manifest.meta.title.best(i18n::currentLanguage())),
                                 u8(quiz.title.best(i18n::currentLanguage()))));
            ids_.emplace_back(p->manifest.identifier, resource);
        }
    }
    if (!ids_.empty()) {
        quizzes_->SetSelection(0);
    }
}

bool QuizPage::selectQuiz(const std::string& course, const std::string& quiz) {
    for (std::size_t i = 0; i < ids_.size(); ++i) {
        if (ids_[i] == std::make_pair(course, quiz)) {
            quizzes_->SetSelection(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void QuizPage::choose(bool oneByOne, int minutes) {
    oneByOne_->SetValue(oneByOne);
    timer_->SetValue(minutes);
}

void QuizPage::start() {
    const int i = quizzes_->GetSelection();
    if (i == wxNOT_FOUND) {
        return;
    }
    const auto& [course, quiz] = ids_[static_cast<std::size_t>(i)];
    try {
        console_.service().openQuiz(course, quiz, oneByOne_->GetValue(), timer_->GetValue() * 60);
    } catch (const std::exception& e) {
        wxMessageBox(u8(e.what()), _("The quiz could not start"), wxOK | wxICON_ERROR, this);
    }
}

void QuizPage::next() {
    console_.service().nextQuestion();
}
void QuizPage::close() {
    console_.service().closeQuiz();
}
void QuizPage::reveal() {
    console_.service().reveal();
}
void QuizPage::end() {
    console_.service().endQuiz();
}

void QuizPage::enableButtons(const classroom::QuizStatus& s) {
    start_->Show(!s.active);
    for (auto* b : {next_, close_, reveal_, end_}) {
        b->Show(s.active);
    }
    next_->Show(s.active && s.quiz.oneByOne);
    start_->Enable(!s.active && !ids_.empty());
    quizzes_->Enable(!s.active);
    oneByOne_->Enable(!s.active);
    timer_->Enable(!s.active);
    next_->Enable(s.active && s.quiz.open && s.quiz.oneByOne && s.quiz.visible < s.questions);
    close_->Enable(s.active && s.quiz.open);
    reveal_->Enable(s.active && !s.quiz.open && !s.quiz.revealed);
    end_->Enable(s.active);
}

void QuizPage::update(const classroom::QuizStatus& s, int online) {
    enableButtons(s);
    deadlineMs_ = s.active && s.quiz.open ? s.quiz.deadlineMs : 0;
    online_ = online;
    if (!s.active) {
        title_->SetLabel("");
        answered_->SetLabel(_("No quiz running."));
        chart_->setBars({}, 1);
        boardQuestions_.clear();
        board_->show({}, online, false);
        if (projector_ != nullptr) {
            projector_->Close();
        }
        Layout();
        return;
    }
    const auto* pkg = console_.service().course(s.quiz.course);
    const course::Quiz* quiz = nullptr;
    if (pkg != nullptr && pkg->quizzes.count(s.quiz.content) != 0) {
        quiz = &pkg->quizzes.at(s.quiz.content);
    }
    title_->SetLabel(quiz != nullptr ? u8(quiz->title.best(i18n::currentLanguage()))
                                     : u8(s.quiz.content));
    wxString state = !s.quiz.open ? (s.quiz.revealed ? _("answers revealed") : _("closed"))
                     : s.quiz.oneByOne
                         ? wxString::Format(_("question %d of %d"), s.quiz.visible, s.questions)
                         : _("open");
    answered_->SetLabel(wxString::Format(_("%d of %d online learners have answered · %s"),
                                         s.learnersAnswering, std::max(online, s.learnersAnswering),
                                         state));
    const int whole = std::max({online, s.learnersAnswering, 1});
    std::vector<Bar> bars;
    int n = 1;
    for (const auto& t : s.tallies) {
        if (s.quiz.oneByOne && n > s.quiz.visible) {
            break; // questions not shown yet
        }
        Bar b;
        wxString prompt;
        if (quiz != nullptr) {
            for (const auto& q : quiz->questions) {
                if (q.id == t.question) {
                    prompt = u8(q.prompt.best(i18n::currentLanguage()));
                    // Blanks of a fill-in question: {{id}} reads as a line.
                    wxRegEx("\\{\\{[^}]*\\}\\}").ReplaceAll(&prompt, "___");
                }
            }
        }
        b.label = wxString::Format("%d. %s", n++, prompt.empty() ? u8(t.question) : prompt);
        b.parts = {{t.correct, colourCorrect()},
                   {t.partial, colourPartial()},
                   {t.incorrect, colourWrong()}};
        b.value = wxString::Format("%d / %d", t.correct, t.answered);
        bars.push_back(std::move(b));
    }
    chart_->setBars(std::move(bars), whole);
    // The same questions in words, with how many chose each option.
    boardQuestions_.clear();
    if (quiz != nullptr) {
        int k = 0;
        for (const auto& t : s.tallies) {
            if (s.quiz.oneByOne && k >= s.quiz.visible) {
                break;
            }
            for (const auto& q : quiz->questions) {
                if (q.id == t.question) {
                    boardQuestions_.push_back(
                        {quiz::summarize(q, t.responses, i18n::currentLanguage()), t.answered});
                }
            }
            ++k;
        }
    }
    revealed_ = s.quiz.revealed;
    board_->show(boardQuestions_, online, revealed_);
    if (s.quiz.oneByOne && s.quiz.visible > 0) {
        projected_ = s.quiz.visible - 1; // the projector follows the question being asked
    }
    project();
    Layout();
}

} // namespace ayllu::teacher
