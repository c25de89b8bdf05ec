// The learner's path through their courses, a part of MainFrame kept apart: "My courses" on
// every screen, finishing a lesson or drill goes back to the outline with the item done, going
// on alone when the teacher ends their lesson, and the page views, time on task and completion
// recorded as progress (saved on this PC first, sent to the teacher when reachable).
#include "drill_panel.h"
#include "lesson_panel.h"
#include "main_frame.h"
#include "outline_panel.h"
#include "tr.h"

namespace ayllu::student {

using gui::u8;

namespace {
constexpr int kLessonPage = 2, kQuizPage = 4, kDrillPage = 5, kOutlinePage = 6;
} // namespace

void MainFrame::updateCoursesButton() {
    if (courses_ == nullptr) {
        return;
    }
    courses_->SetLabel(_("My courses")); // in the language of the screens now
    courses_->SetToolTip(_("F3: back to the list of your courses"));
    const int page = book_->GetSelection();
    const bool show =
        !learner_.empty() && (page == kLessonPage || page == kQuizPage || page == kDrillPage);
    if (show != courses_->IsShown()) {
        courses_->Show(show);
        Layout();
    }
}

void MainFrame::goToCourses() {
    const int page = book_->GetSelection();
    if (learner_.empty() || !courses_->IsShown()) {
        return; // not signed in, or locked, or already there
    }
    Item focus;
    if (page == kQuizPage && selfQuiz_) {
        focus = {selfQuiz_->course(), selfQuiz_->content()};
    } else if (page == kDrillPage || (page == kLessonPage && ownPath_)) {
        focus = {selfCourse_, selfLesson_};
    } else if (!pacedLesson_.empty()) {
        focus = {pacedCourse_, pacedLesson_};
    }
    showOutline(focus);
}

void MainFrame::keepFocusOnScreen() {
    CallAfter([this] {
        const wxWindow* focus = wxWindow::FindFocus();
        wxWindow* shown = book_->GetCurrentPage();
        if (shown != nullptr && (focus == nullptr || !focus->IsShownOnScreen())) {
            shown->SetFocus(); // its first control that takes the focus
        }
    });
}

bool MainFrame::teacherLeads(const classroom::ClassView& view) const {
    return view.quiz.has_value() || view.drill.has_value() ||
           (view.mode != classroom::Mode::Idle && !view.lesson.empty());
}

std::set<MainFrame::Item> MainFrame::doneItems() {
    std::set<Item> done;
    if (!store_.available()) {
        return done;
    }
    try {
        for (const auto& p : store_.progressOf(learner_)) {
            if (p.status >= store::Status::Completed) {
                done.insert({p.course, p.content});
            }
        }
    } catch (const std::exception& e) {
        SetStatusText(u8(e.what())); // the list is still usable, only not marked
    }
    return done;
}

void MainFrame::stopPageClock() {
    if (auto spent = clock_.stop(store::PageClock::Clock::now())) {
        const auto saved = agent_->record(*spent);
        if (!saved.saved) {
            SetStatusText(u8(saved.error));
        }
    }
}

void MainFrame::startPageClock(const std::string& course, const std::string& lessonId,
                               const std::string& page) {
    if (auto spent =
            clock_.start(learner_, course, lessonId, page, store::PageClock::Clock::now())) {
        const auto saved = agent_->record(*spent); // the page left behind
        if (!saved.saved) {
            SetStatusText(u8(saved.error));
        }
    }
}

void MainFrame::pageShown(const std::string& course, const std::string& lessonId,
                          const course::Lesson& lesson, const std::string& page) {
    startPageClock(course, lessonId, page);
    // The page view is progress: saved on this PC first, sent when the teacher is there.
    store::Event e;
    e.learner = learner_;
    e.course = course;
    e.content = lessonId;
    e.item = page;
    e.kind = store::EventKind::PageView;
    const auto saved = agent_->record(e);
    if (!saved.saved) {
        SetStatusText(u8(saved.error));
        return;
    }
    completeIfAllSeen(course, lessonId, lesson);
}

void MainFrame::pacedPageShown(const classroom::ClassView& view, const course::Lesson& lesson,
                               const std::string& page) {
    pacedCourse_ = view.course;
    pacedLesson_ = view.lesson;
    pacedPage_ = page;
    const std::string key = view.course + "/" + view.lesson + "/" + page;
    if (key == pacedSeen_) {
        // The same page drawn again (a language switch, back from "My courses"): not a new
        // page view, but its time counts again from now.
        startPageClock(view.course, view.lesson, page);
        return;
    }
    pacedSeen_ = key;
    pageShown(view.course, view.lesson, lesson, page);
}

void MainFrame::completeIfAllSeen(const std::string& course, const std::string& lessonId,
                                  const course::Lesson& lesson) {
    if (!store_.available() || lesson.pages.empty()) {
        return;
    }
    try {
        if (const auto p = store_.progress(learner_, course, lessonId, 1);
            p && p->status >= store::Status::Completed) {
            return; // completed once is enough
        }
        const auto seen = store_.pagesViewed(learner_, course, lessonId);
        for (const auto& page : lesson.pages) {
            if (seen.count(page.id) == 0) {
                return;
            }
        }
    } catch (const std::exception& e) {
        SetStatusText(u8(e.what()));
        return;
    }
    store::Event done;
    done.learner = learner_;
    done.course = course;
    done.content = lessonId;
    done.kind = store::EventKind::Status;
    done.status = store::Status::Completed;
    const auto saved = agent_->record(done);
    if (!saved.saved) {
        SetStatusText(u8(saved.error));
    }
}

void MainFrame::finishLesson() {
    showOutline({selfCourse_, selfLesson_});
}

void MainFrame::drillFinished() {
    if (book_->GetSelection() == kDrillPage) {
        showOutline({selfCourse_, selfLesson_}, drill_->outcome());
    }
}

bool MainFrame::offerToContinue(const classroom::ClassView& view) {
    pacedSeen_.clear(); // the same page shown again later is a new page view
    if (view.mode != classroom::Mode::Idle || pacedLesson_.empty()) {
        return false;
    }
    const course::Package* pkg = package(pacedCourse_);
    if (pkg == nullptr || pkg->lessons.count(pacedLesson_) == 0) {
        return false;
    }
    lesson_->showOffer(_("The teacher ended the lesson. You can go on reading it at your own "
                         "pace, from the page you were on."),
                       _("Continue at my own pace"), [this] { continueAlone(); });
    snapshotIfAsked("lesson ended " + pacedLesson_);
    return true;
}

void MainFrame::continueAlone() {
    const course::Package* pkg = package(pacedCourse_);
    if (pkg == nullptr || pkg->lessons.count(pacedLesson_) == 0) {
        return;
    }
    const auto& lesson = pkg->lessons.at(pacedLesson_);
    selfCourse_ = pacedCourse_;
    selfLesson_ = pacedLesson_;
    selfIndex_ = 0;
    for (std::size_t i = 0; i < lesson.pages.size(); ++i) {
        if (lesson.pages[i].id == pacedPage_) {
            selfIndex_ = i;
        }
    }
    pacedCourse_.clear();
    pacedLesson_.clear();
    pacedPage_.clear();
    ownPath_ = true;
    startSelfPaced(lesson, false);
}

} // namespace ayllu::student
