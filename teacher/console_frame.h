// The console's one window: a band with the class, its codes and the lock buttons, and pages
// for the class, the lesson, the live quiz, the courses, the gradebook and the roster. It
// observes the classroom service; engine threads only set flags and queue, and a 5-per-second
// timer draws what changed, so 200 students never flood the window.
#pragma once

#include "console.h"

#include <atomic>
#include <mutex>
#include <wx/notebook.h>
#include <wx/wx.h>

namespace ayllu::teacher {

class ClassPanel;
class LessonPage;
class QuizPage;
class CoursesPage;
class GradebookPage;
class RosterPage;

class ConsoleFrame : public wxFrame, public classroom::TeacherObserver {
public:
    explicit ConsoleFrame(Console& console);
    ~ConsoleFrame() override;

    enum Page { ClassTab, LessonTab, QuizTab, CoursesTab, GradebookTab, RosterTab };
    void showPage(Page p);
    void lockAll(bool locked);      // Ctrl+L / Ctrl+U
    void lockSelected(bool locked); // Ctrl+Shift+L / Ctrl+Shift+U
    void showProjector();           // F11
    // The console in another language at once: this window is replaced by a new one on the
    // same tab; the service, and so the class, goes on.
    void switchLanguage(const std::string& language);
    // Applies what the service reported since the last time (the timer calls it).
    void applyUpdates();

    ClassPanel& classPanel() { return *class_; }
    LessonPage& lessonPage() { return *lesson_; }
    QuizPage& quizPage() { return *quiz_; }
    CoursesPage& coursesPage() { return *courses_; }
    GradebookPage& gradebookPage() { return *gradebook_; }
    RosterPage& rosterPage() { return *roster_; }
    wxString onlineText() const { return online_->GetLabel(); }
    wxString handsText() const { return hands_->GetLabel(); }
    std::vector<wxString> tabLabels() const;

    // What the coalescing saves (benchmarks): reports received from the service, and how often
    // and how long the window redrew for them.
    struct Stats {
        std::uint64_t reports = 0; // studentsChanged + quizChanged calls
        std::uint64_t redraws = 0; // applyUpdates that had something to draw
        double totalMs = 0, maxMs = 0;
    };
    Stats stats() const;

    // TeacherObserver (called from the service's threads).
    void studentsChanged() override;
    void quizChanged(const classroom::QuizStatus&) override;
    void packageProgress(const std::string& device, std::uint64_t done,
                         std::uint64_t total) override;
    void packageDelivered(const std::string& device, const std::string& identifier, bool ok,
                          const std::string& why) override;
    void log(const std::string& line) override;

private:
    void buildMenus();
    void buildBand(wxPanel* band);
    void updateLockButtons();
    Console& console_;
    wxNotebook* book_ = nullptr;
    ClassPanel* class_ = nullptr;
    LessonPage* lesson_ = nullptr;
    QuizPage* quiz_ = nullptr;
    CoursesPage* courses_ = nullptr;
    GradebookPage* gradebook_ = nullptr;
    RosterPage* roster_ = nullptr;
    wxStaticText* className_ = nullptr;
    wxStaticText* codes_ = nullptr;
    wxStaticText* online_ = nullptr;
    wxButton* lockAll_ = nullptr;
    wxStaticText* hands_ = nullptr;
    wxButton* lowerHands_ = nullptr;
    wxCheckBox* handSound_ = nullptr;
    int handsBefore_ = 0;
    wxStaticText* alerts_ = nullptr;
    wxButton* lockSelected_ = nullptr;
    wxTimer timer_;
    bool handedOver_ = false; // replaced by a window in another language: the service goes on

    std::atomic<bool> studentsDirty_{true};
    std::atomic<bool> quizDirty_{true};
    std::mutex queueMutex_;
    struct Delivery {
        std::string device;
        bool finished = false;
        std::uint64_t done = 0, total = 0;
        bool ok = false;
        std::string why;
    };
    std::vector<Delivery> deliveries_;
    std::vector<std::string> logLines_;
    std::atomic<std::uint64_t> reports_{0};
    Stats stats_;
};

} // namespace ayllu::teacher
