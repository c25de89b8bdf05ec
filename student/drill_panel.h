// A typing drill: the text to type, a big box to type it in, the clock from the first key, and
// gentle feedback. The result is saved as progress.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/drill/typing.h"

#include <chrono>
#include <functional>
#include <wx/wx.h>

namespace ayllu::student {

class DrillPanel : public wxPanel {
public:
    // finished(result) saves the drill's progress event and returns whether it was saved.
    using Finished = std::function<bool(const drill::TypingResult&)>;
    DrillPanel(wxWindow* parent, Finished finished);
    void showTyping(const course::Drill& d, const std::string& language);
    // Tests: type the target text as a person would, one character at a time, then finish.
    void typeForTest();

private:
    void finish();
    Finished finished_;
    course::Drill drill_;
    std::string target_;
    wxStaticText* title_ = nullptr;
    wxStaticText* instructions_ = nullptr;
    wxStaticText* text_ = nullptr;
    wxTextCtrl* input_ = nullptr;
    wxButton* done_ = nullptr;
    wxStaticText* feedback_ = nullptr;
    bool started_ = false;
    std::chrono::steady_clock::time_point start_;
};

} // namespace ayllu::student
