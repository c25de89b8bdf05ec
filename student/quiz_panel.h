// A live quiz, one question at a time, with large controls. Nothing is chosen until the learner
// chooses; "Saved" appears only once the answer is committed on this PC; after the teacher's
// reveal, the learner's own answer and the right one are shown side by side, in words.
#pragma once

#include "ayllu/classroom/student_agent.h"

#include <Poco/JSON/Object.h>
#include <functional>
#include <map>
#include <wx/wx.h>

namespace ayllu::student {

class QuizPanel : public wxPanel {
public:
    // What the panel needs from the PC (the learner's store), so a restart finds everything.
    struct Host {
        // Commits (question, response JSON, latency in ms); the result says whether it is saved.
        std::function<store::SaveResult(const std::string&, const std::string&, std::int64_t)> save;
        // This learner's saved responses in this quiz attempt, by question id.
        std::function<std::map<std::string, std::string>()> saved;
        // The question this learner was on (a restart comes back to it), and remembering it.
        std::function<std::size_t()> position;
        std::function<void(std::size_t)> remember;
    };
    QuizPanel(wxWindow* parent, Host host);

    void setQuiz(const classroom::LiveQuizView& quiz, const std::string& learner,
                 const std::string& language, const std::string& reveal);
    // Tests and demos: answer every question shown, through the controls, and save each.
    void answerAllForTest();
    int savedCount() const { return savedHere_; }
    // Questions shown with a "saved" mark (from this session or from the database).
    int markedCount() const { return static_cast<int>(saved_.size()); }

    // Self-paced practice, graded on this PC: the result of one question (shown at once or at
    // the end, as the quiz says), and a closing line ("7 of 10 right").
    void showResult(const std::string& question, const std::string& result);
    void setSummary(const wxString& text);
    int resultCount() const { return static_cast<int>(results_.size()); }
    bool canSave() const { return saveButton_->IsEnabled(); } // for the question shown

    // After a reveal: "<question id> correct|partial|incorrect|unanswered" for the question
    // shown (tests and the snapshot line); "" before.
    const std::string& revealed() const { return revealed_; }

private:
    void showQuestion(std::size_t index);
    void addControls(wxSizer* sizer, const std::string& type, const std::string& given);
    void showReveal(wxSizer* sizer, const std::string& id, const std::string& given);
    std::string response() const; // from the controls, as JSON; "" when nothing is chosen
    void updateSave();
    void onSave();
    void tick();

    Host host_;
    classroom::LiveQuizView quiz_;
    std::string learner_, language_, reveal_;
    std::string revealed_;
    std::size_t index_ = 0;
    Poco::JSON::Object::Ptr question_;
    std::map<std::string, std::string> saved_;   // question id -> saved response (JSON)
    std::map<std::string, std::string> results_; // self-paced: question id -> result
    std::map<std::string, std::string> keys_;    // revealed: question id -> answer key (JSON)
    std::map<std::string, std::string> mine_;    // revealed: question id -> my result
    int savedHere_ = 0;
    bool touched_ = false; // the learner changed an answer control of this question
    wxStaticText* summary_ = nullptr;
    std::int64_t shownAtMs_ = 0;
    wxStaticText* header_ = nullptr;
    wxStaticText* timer_ = nullptr;
    wxPanel* body_ = nullptr;
    wxStaticText* status_ = nullptr;
    wxButton* saveButton_ = nullptr;
    wxTimer clock_;
    std::vector<wxWindow*> controls_;
    std::vector<std::string> ids_; // option ids, in the controls' order
};

} // namespace ayllu::student
