// The live quiz in words, beside its chart: every question's full text, how many of the online
// learners answered it, how many chose each option (the common wrong answer is what the teacher
// wants to see), and once revealed the right answer. The projector view (F11 on the quiz tab)
// shows one question of it, large, for the class.
#pragma once

#include "ayllu/quiz/reveal.h"

#include <wx/scrolwin.h>
#include <wx/wx.h>

namespace ayllu::teacher {

struct BoardQuestion {
    quiz::QuestionSummary summary;
    int answered = 0;
};

class QuizBoard : public wxScrolledWindow {
public:
    explicit QuizBoard(wxWindow* parent);
    // Redraws only when something changed (answers arrive several times a second).
    void show(const std::vector<BoardQuestion>& questions, int online, bool revealed);

private:
    std::string shown_; // what is drawn, to skip identical redraws
    std::vector<BoardQuestion> questions_;
    int online_ = 0;
    bool revealed_ = false;
    int drawnWidth_ = 0;
};

class QuizProjector : public wxFrame {
public:
    // `step(delta)` is called with -1 / +1 when the teacher presses Left / Right.
    QuizProjector(wxWindow* parent, std::function<void(int)> step);
    void show(int number, int count, const BoardQuestion& q, int online, bool revealed);

private:
    wxPanel* body_ = nullptr;
    std::function<void(int)> step_;
};

// The lines a question shows, shared by the board and the projector.
// `counts`: how many chose each option (the projector shows them only once revealed).
std::vector<std::pair<wxString, bool>> boardLines(const BoardQuestion& q, int online, bool revealed,
                                                  bool counts); // (text, highlighted)

} // namespace ayllu::teacher
