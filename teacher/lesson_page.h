// Lesson: the teacher picks a course and a lesson and pages through it with big Previous/Next
// buttons (Alt+Left / Alt+Right); every student follows. The page shown here is drawn by the
// same widget as on the students' screens.
#pragma once

#include "console.h"

#include <wx/wx.h>

namespace ayllu::lesson_view {
class LessonPanel;
}

namespace ayllu::teacher {

class DrillBox;

class LessonPage : public wxPanel {
public:
    LessonPage(wxWindow* parent, Console& console);
    void reloadCourses(); // after an import
    void step(int delta); // Previous (-1) / Next (+1)
    void selectLesson(const std::string& course, const std::string& lesson);
    void openSelfPaced();
    void endLesson();
    // Draws the page shown again (the tab was hidden when it changed: wx measures the text of
    // hidden windows wrongly).
    void refreshPreview();
    // Shows what the service has on (after a restart of the console).
    void followService();
    // What the class is shown: "course/lesson/page", or "" when no lesson is on.
    std::string showing() const { return showing_; }
    wxButton* nextButton() const { return next_; }
    // Says, per connected PC, whether it has the course on screen (there, receiving, failed),
    // and what the class really sees. Called when PCs or deliveries change.
    void refreshDelivery();
    // Drills in the live class, handed out from under the lessons.
    DrillBox& drills() { return *drills_; }

private:
    void fillLessons();
    void fillPages();
    void show(std::size_t pageIndex);
    const course::Package* package() const;
    const course::Lesson* lesson() const;

    Console& console_;
    wxChoice* courses_ = nullptr;
    wxListBox* lessons_ = nullptr;
    wxListBox* pages_ = nullptr;
    lesson_view::LessonPanel* preview_ = nullptr;
    wxButton* prev_ = nullptr;
    wxButton* next_ = nullptr;
    wxStaticText* where_ = nullptr;
    wxStaticText* pcs_ = nullptr; // the course on each PC
    DrillBox* drills_ = nullptr;
    std::string showingCourse_;
    int pageNumber_ = 0, pageCount_ = 0; // paced: the page shown, 1-based; 0 self-paced
    std::vector<std::string> courseIds_;
    std::vector<std::string> lessonIds_;
    std::string showing_;
};

} // namespace ayllu::teacher
