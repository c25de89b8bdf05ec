// Live quiz: choose a quiz, start it (all questions or one at a time, optional timer), watch a
// bar per question fill as answers arrive and who has answered, close it, reveal the answers.
// Results go to the gradebook as they arrive (the service stores every answer).
#pragma once

#include "bar_chart.h"
#include "console.h"
#include "quiz_board.h"

#include <wx/spinctrl.h>
#include <wx/wx.h>

namespace ayllu::teacher {

class QuizPage : public wxPanel {
public:
    QuizPage(wxWindow* parent, Console& console);
    void reloadQuizzes();
    // Shows the service's state; `online` learners is the "of N" in "N have answered".
    void update(const classroom::QuizStatus& status, int online);

    void start(); // F9
    void next();
    void close();
    void reveal();
    void end();

    wxButton* startButton() const { return start_; }
    const BarChart& chart() const { return *chart_; }
    wxString answeredText() const { return answered_->GetLabel(); }
    bool selectQuiz(const std::string& course, const std::string& quiz);
    // As if the teacher ticked "one question at a time" and typed a time limit (tests).
    void choose(bool oneByOne, int minutes);
    wxString clockText() const { return clock_->GetLabel(); }
    bool nextEnabled() const { return next_->IsEnabled(); }
    // F11 on this tab: the current question, large, for the class (its answer once revealed).
    // False when no quiz runs.
    bool showProjector();

private:
    void enableButtons(const classroom::QuizStatus& status);
    Console& console_;
    wxChoice* quizzes_ = nullptr;
    wxCheckBox* oneByOne_ = nullptr;
    wxSpinCtrl* timer_ = nullptr;
    wxButton* start_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* close_ = nullptr;
    wxButton* reveal_ = nullptr;
    wxButton* end_ = nullptr;
    wxStaticText* title_ = nullptr;
    wxStaticText* answered_ = nullptr;
    wxStaticText* clock_ = nullptr;
    BarChart* chart_ = nullptr;
    QuizBoard* board_ = nullptr;
    QuizProjector* projector_ = nullptr;
    int projected_ = 0; // the question on the projector, 0-based
    std::vector<BoardQuestion> boardQuestions_;
    int online_ = 0;
    bool revealed_ = false;
    void project();
    std::vector<std::pair<std::string, std::string>> ids_; // (course, quiz resource)
    std::int64_t deadlineMs_ = 0;
    wxTimer tick_;
};

} // namespace ayllu::teacher
