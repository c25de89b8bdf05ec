// The hands-on drills: typing (the text, a big box to type it in, the clock from the first
// key) and click / double-click (circles to point at, one at a time, the clock from the first
// press). Gentle feedback; the result is saved as progress.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/drill/pointer.h"
#include "ayllu/drill/save_file.h"
#include "ayllu/drill/typing.h"

#include <chrono>
#include <functional>
#include <memory>
#include <wx/wx.h>

namespace ayllu::student {

class DrillPanel : public wxPanel {
public:
    // finished(event) fills in the learner, course and drill, saves the progress event and
    // returns whether it was saved.
    using Finished = std::function<bool(store::Event)>;
    DrillPanel(wxWindow* parent, Finished finished);
    static bool handles(course::DrillKind kind);
    // Where the machine-readable lines for tests go ("drill hits 5 misses 1 saved 1").
    void setReporter(std::function<void(const std::string&)> report) {
        report_ = std::move(report);
    }
    // Told how far the learner is (steps done of all) whenever it changes: targets hit, items
    // placed, characters typed; 0 or 1 for the scroll and save drills.
    void setProgress(std::function<void(int done, int total)> progress) {
        progress_ = std::move(progress);
    }
    // Where this learner's save-a-file practice happens (their own folder on this PC).
    void setPracticeRoot(std::string root) { practiceRoot_ = std::move(root); }
    void show(const course::Drill& d, const std::string& language);
    // How the drill went, in words, once it is finished (empty before).
    wxString outcome() const { return feedback_->GetLabel(); }
    // Tests: do the drill as a person would (type the text one character at a time, or press
    // beside then on each target with the mouse events a real click sends), then finish.
    void doForTest();

private:
    void showHeader(const course::Drill& d, const std::string& language); // title, instructions
    void showTyping(const course::Drill& d, const std::string& language);
    void showPointer(const course::Drill& d, const std::string& language);
    void paintArea(wxDC& dc);
    void pressed(wxMouseEvent& e, bool isDouble);
    void finishPointer();
    double elapsed() const; // seconds since the learner's first action
    static wxString praise(bool passed);
    void showOutcome(bool good, const wxString& text, bool saved);
    // Saves a finished pointer-type drill and says how it went.
    void finishPresses(const drill::PointerResult& r, const wxString& text);
    void finish();
    void sendMouse(wxEventType type, int x, int y);
    void sendScrollMouse(wxEventType type, int x, int y);
    wxPanel* area_ = nullptr; // where click targets appear
    std::unique_ptr<drill::PointerDrill> pointer_;
    void showScroll(const course::Drill& d, const std::string& language);
    void paintScroll(wxDC& dc);
    void scrollPressed(wxMouseEvent& e);
    wxScrolledCanvas* scroll_ = nullptr; // the long page of a scroll drill
    void showDrag(const course::Drill& d, const std::string& language);
    void paintDrag(wxDC& dc);
    void dragEvent(wxMouseEvent& e);
    std::unique_ptr<drill::DragDrill> drag_;
    void showSaveFile(const course::Drill& d, const std::string& language);
    void chooseWhereToSave();
    void savedAt(const std::string& path);
    std::string practiceRoot_;
    std::function<void(const std::string&)> report_;
    std::function<void(int, int)> progress_;
    std::pair<int, int> progressSaid_{-1, -1};
    void reportProgress(bool finished = false); // to progress_, when it changed
    std::unique_ptr<drill::SaveFileDrill> saveFile_;
    int dragging_ = -1;
    std::unique_ptr<drill::ScrollDrill> scrollDrill_;
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
