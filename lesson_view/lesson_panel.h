// One lesson page, every block type, in the learner's language (Spanish when missing).
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/speech/read_aloud.h"

#include <functional>
#include <map>
#include <memory>
#include <wx/wx.h>

namespace ayllu::lesson_view {

class LessonPanel : public wxPanel {
public:
    explicit LessonPanel(wxWindow* parent);
    // Self-paced: Previous/Next under the page; `navigate(-1 or +1)` is called on a press.
    void setNavigation(std::function<void(int)> navigate) { navigate_ = std::move(navigate); }
    // On the last page, "Finish the lesson" beside Next: `finish` is called on a press.
    void setFinish(std::function<void()> finish) { finish_ = std::move(finish); }
    void showNavigation(bool show, std::size_t index, std::size_t count);
    void press(int delta) {
        if (navigate_) {
            navigate_(delta);
        }
    } // tests and shortcuts
    void setRoot(const std::string& packageRoot) { root_ = packageRoot; }
    void showPage(const course::Lesson& lesson, const course::Page& page,
                  const std::string& language);
    // A message instead of a page; with `percent` >= 0, a progress bar under it.
    void showMessage(const wxString& message, int percent = -1);
    // A message with one big button under it that does `act` (e.g. "Continue at my own pace").
    void showOffer(const wxString& message, const wxString& action, std::function<void()> act);

    // How the learner likes to read: text size in percent (100..200) and high contrast
    // (white and yellow on black). Changed with the A- / A+ / Contrast buttons, Ctrl+- and
    // Ctrl++ and F6; `changed` is told so the choice can be kept for the learner.
    struct Reading {
        int textSize = 100;
        bool highContrast = false;
    };
    void setReading(Reading r); // redraws the page shown
    Reading reading() const { return reading_; }
    void onReadingChanged(std::function<void(Reading)> changed) {
        readingChanged_ = std::move(changed);
    }
    void changeTextSize(int steps); // like pressing A+ (1) or A- (-1)
    void toggleContrast();

    // Read-aloud of the page shown (button, or F5): the page's recorded narration in the
    // learner's language when the course has one, else eSpeak NG. By default the sound card
    // plays it; tests give a reader that records instead. A new page, or pressing again, stops.
    using Reader = std::function<void(const speech::ReadAloudChoice&)>;
    void setReader(Reader reader) { reader_ = std::move(reader); }
    // A reader that takes only the text eSpeak NG would say (recordings are left out).
    using TextReader = std::function<void(const std::vector<speech::Utterance>&)>;
    void setReader(TextReader reader) {
        reader_ = [r = std::move(reader)](const speech::ReadAloudChoice& c) { r(c.speech); };
    }
    void readAloud();
    void stopReading();
    // A click on a block picks it: Read aloud then says only that block (Escape, or a click on
    // it again, goes back to the whole page). -1: the whole page.
    void selectBlock(int index);
    int selectedBlock() const { return selected_; }
    // The windows that show block `index` (tests click on them).
    std::vector<wxWindow*> blockWindows(int index) const;

private:
    void addText(wxSizer* sizer, const wxString& text, double scale, bool bold,
                 const wxColour& bg = wxNullColour);
    std::string root_;
    wxScrolledWindow* page_ = nullptr;
    wxPanel* nav_ = nullptr;
    wxStaticText* where_ = nullptr;
    wxButton* prev_ = nullptr;
    wxButton* next_ = nullptr;
    wxButton* finishButton_ = nullptr;
    std::function<void(int)> navigate_;
    std::function<void()> finish_;
    void userChangedReading(Reading r);
    void applyColours();
    Reading reading_;
    std::function<void(Reading)> readingChanged_;
    wxButton* contrast_ = nullptr;
    std::vector<wxButton*> barButtons_;
    // The page shown, to draw it again when the reading settings change.
    std::unique_ptr<course::Lesson> shownLesson_;
    std::unique_ptr<course::Page> shownPage_;
    std::string shownLanguage_;
    void updateReadButton(bool speaking);
    wxButton* read_ = nullptr;
    wxStaticText* readStatus_ = nullptr;
    wxTimer readTimer_;
    speech::ReadAloudChoice aloud_; // what Read aloud plays for the page or block shown
    Reader reader_;
    bool speaking_ = false;
    int wrappedAt_ = 0; // the width the shown page's text was wrapped for
    int selected_ = -1;
    std::vector<std::vector<wxWindow*>> blockWindows_; // per block of the shown page
    std::map<wxWindow*, wxColour> normalBackground_;
};

} // namespace ayllu::lesson_view
