// A live quiz, one question at a time, with large controls. "Saved" appears only once the
// answer is committed on this PC; results appear when the teacher reveals them.
#pragma once

#include "ayllu/classroom/student_agent.h"

#include <Poco/JSON/Object.h>
#include <functional>
#include <map>
#include <wx/wx.h>

namespace ayllu::student {

class QuizPanel : public wxPanel {
public:
    // save(question, responseJson, latencyMs) returns the store's answer.
    using Save =
        std::function<store::SaveResult(const std::string&, const std::string&, std::int64_t)>;
    // isSaved(question): true when this PC already holds this learner's answer (after a restart).
    using IsSaved = std::function<bool(const std::string&)>;
    QuizPanel(wxWindow* parent, Save save, IsSaved isSaved);

    void setQuiz(const classroom::LiveQuizView& quiz, const std::string& learner,
                 const std::string& language, const std::string& reveal);
    // Tests and demos: answer every question shown, through the controls, and save each.
    void answerAllForTest();
    int savedCount() const { return static_cast<int>(saved_.size()); }
    // Questions shown with a "saved" mark (from this session or from the database).
    int markedCount() const;

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
    std::string response() const; // from the controls, as JSON; "" when nothing is chosen
    void onSave();
    void tick();

    Save save_;
    IsSaved isSaved_;
    classroom::LiveQuizView quiz_;
    std::string learner_, language_, reveal_;
    std::string revealed_;
    std::size_t index_ = 0;
    Poco::JSON::Object::Ptr question_;
    std::map<std::string, bool> saved_;          // question id -> saved here
    std::map<std::string, std::string> results_; // self-paced: question id -> result
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
