// The student client's window: a book of screens (join, sign in, lesson) over the StudentAgent.
#pragma once

#include "ayllu/classroom/student_agent.h"
#include "ayllu/course/model.h"
#include "ayllu/quiz/practice.h"
#include "ayllu/store/page_clock.h"
#include "ayllu/store/student_store.h"
#include "student_app.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>
#include <wx/simplebook.h>
#include <wx/timer.h>
#include <wx/wx.h>

namespace ayllu::lesson_view {
class LessonPanel;
}

namespace ayllu::student {

using lesson_view::LessonPanel;
class JoinPanel;
class SignInPanel;
class QuizPanel;
class DrillPanel;
class OutlinePanel;

class MainFrame : public wxFrame, public classroom::StudentObserver {
public:
    explicit MainFrame(Settings settings);
    ~MainFrame() override;

    // From the panels.
    void join(const std::string& host, int port, const std::string& code);
    // This PC's name for the teacher (its seat): the one chosen on the join screen, else the
    // host name. Kept in student.db; setPcName() is false (and says why) when it cannot be.
    std::string pcName();
    bool setPcName(const std::string& name);
    void signIn(const std::string& learner, const std::string& pin);

    // StudentObserver: called on the agent's thread, passed to the UI thread with CallAfter.
    void connectionChanged(bool connected, const std::string& why) override;
    void classChanged(const classroom::ClassView& view) override;
    void packageInstalled(const std::string& id, const std::string& version,
                          const std::string& path) override;
    void packageProgress(const std::string& id, std::uint64_t done, std::uint64_t total) override;

private:
    void showClass(const classroom::ClassView& view);
    const course::Package* package(const std::string& identifier);
    void snapshotIfAsked(const std::string& what);
    void applyReading(); // the signed-in learner's text size and contrast
    std::string practiceRoot() const;
    void signInRefused(const wxString& message, const std::string& why);
    // One line on stdout for the GUI tests and benchmarks (only when a snapshot is asked for).
    void testLine(const std::string& line);
    // Shows the learner's self-paced lesson (selfCourse_/selfLesson_), at the page they left
    // off when `resume`, else at selfIndex_.
    void startSelfPaced(const course::Lesson& lesson, bool resume);
    // The lesson the teacher chose, or nullptr after saying on screen why it can't be shown.
    const course::Lesson* teachersLesson(const classroom::ClassView& view);

    Settings settings_;
    store::StudentStore store_;
    std::unique_ptr<classroom::StudentAgent> agent_;
    wxSimplebook* book_ = nullptr;
    JoinPanel* join_ = nullptr;
    SignInPanel* signin_ = nullptr;
    LessonPanel* lesson_ = nullptr;
    QuizPanel* quiz_ = nullptr;
    DrillPanel* drill_ = nullptr;
    OutlinePanel* outline_ = nullptr;
    bool offline_ = false; // signed in on this PC alone, working from the outline
    using Item = std::pair<std::string, std::string>; // course identifier, resource id
    // The outline of the courses on this PC, `focus` selected, `note` (a drill's result) on top.
    void showOutline(const Item& focus = {}, const wxString& note = {});
    void openResource(const std::string& course, const std::string& resource);
    bool typed_ = false;
    bool answered_ = false;
    std::string languageOf(const std::string& learner);
    // Self-paced work: which lesson and page this learner is on.
    void showSelfPaced(bool record = true); // record: a page view is progress (not on a redraw)
    std::string selfCourse_, selfLesson_;
    std::size_t selfIndex_ = 0;
    // A practice quiz taken alone, graded on this PC (quizzes of mode "self-paced").
    std::optional<quiz::PracticeQuiz> selfQuiz_;
    void startSelfPacedQuiz(const std::string& course, const std::string& resource,
                            const course::Quiz& quiz);
    store::SaveResult saveSelfPacedAnswer(const std::string& question, const std::string& response,
                                          std::int64_t latencyMs);
    void finishSelfPacedQuiz();
    void showSelfPacedQuiz();         // the practice quiz as it stands
    wxString selfQuizSummary() const; // "Done: 7 of 10 right (70 %)"
    // What the last ClassState put on the screen, so a change of hands alone redraws nothing.
    std::optional<std::tuple<bool, classroom::Mode, std::string, std::string, std::string, bool,
                             std::string, bool, bool, std::size_t, std::string>>
        lastScreen_;
    void setLocked(bool locked);
    wxPanel* lockPanel_ = nullptr;
    wxStaticText* lockNote_ = nullptr; // "cannot be closed now", after a refused close
    // The raised hand.
    wxButton* hand_ = nullptr;
    bool handUp_ = false;
    void updateHand();
    void toggleHand();
    // The language of the screens: the button, the cycle it goes through, the switch.
    wxButton* language_ = nullptr;
    std::vector<classroom::RosterLearner> roster_; // the names on the sign-in screen
    void chooseStartLanguage();
    std::vector<std::string> languageCycle() const;
    void nextLanguage();
    void useLanguage(const std::string& language); // at once: the pages are made again
    void updateLanguageButton();
    void buildPages();
    bool arriving_ = false; // the lesson page says the teacher's course is arriving
    // The quiz on screen (the teacher's or a practice one), and where its learner was.
    struct QuizKey {
        std::string course, content;
        int attempt = 1;
    };
    std::optional<QuizKey> quizShown();
    static std::string quizPlace(const QuizKey& q);
    wxTimer lockTimer_;
    int beforeLock_ = 0;
    std::string learner_;
    std::map<std::string, course::Package> packages_; // loaded from the PC, by identifier
    // The learner's path (learner_path.cpp): "My courses" on every screen, finishing goes back
    // to the outline with the item done, going on alone after the teacher's lesson, and what
    // the learner saw and for how long, recorded as progress.
    wxButton* courses_ = nullptr;
    void updateCoursesButton();
    void goToCourses(); // "My courses" (button, F3)
    // The keys keep working when the screen changes: a focus left on a hidden screen (the
    // outline's button just pressed) moves to the screen shown.
    void keepFocusOnScreen();
    // The learner chose what is on screen (the outline, an item of it): a class with nothing
    // to show leaves it there; the teacher showing a page or a quiz takes over.
    bool ownPath_ = false;
    bool teacherLeads(const classroom::ClassView& view) const;
    // A page of a lesson was put in front of the learner: a page view, the page clock, and the
    // lesson completed once every page was seen.
    void pageShown(const std::string& course, const std::string& lessonId,
                   const course::Lesson& lesson, const std::string& page);
    // A page of the teacher's lesson: recorded once per page change, not per class state.
    void pacedPageShown(const classroom::ClassView& view, const course::Lesson& lesson,
                        const std::string& page);
    void completeIfAllSeen(const std::string& course, const std::string& lessonId,
                           const course::Lesson& lesson);
    void startPageClock(const std::string& course, const std::string& lessonId,
                        const std::string& page); // the time of the page left is recorded
    void stopPageClock();                         // the learner left the page: its time is recorded
    void finishLesson();                          // "Finish the lesson" on the last page
    void drillFinished();                         // a drill opened from the outline was finished
    // The teacher ended their lesson: "Continue at my own pace" from the page shown here.
    bool offerToContinue(const classroom::ClassView& view);
    void continueAlone();
    std::set<Item> doneItems();
    store::PageClock clock_;
    std::string pacedCourse_, pacedLesson_, pacedPage_; // the teacher's lesson, last shown here
    std::string pacedSeen_; // "course/lesson/page" last recorded as a paced page view
    // A drill the teacher handed to this PC: it opens at once over the lesson (a live quiz
    // still comes first); once the learner finished it, or the teacher took it back, the
    // screen shows what the class is doing again.
    bool showHandedDrill(const classroom::ClassView& view); // true: the drill is on screen
    void handedDrillFinished();
    void handedDrillProgress(int done, int total);
    void backFromHandedDrill();
    static std::string handedDrillKey(const classroom::LiveDrillView& d);
    std::optional<classroom::LiveDrillView> handedDrill_; // on screen, or being finished
    std::set<std::string> handedDrillsDone_;              // learner + handedDrillKey
    std::string lastDrill_;                               // handedDrillKey, as classChanged saw
    wxTimer backToClass_;                                 // after the result was shown
    bool snapshotTaken_ = false;
    long startupMs_ = -1; // from OnInit to the first idle moment with the window shown
};

} // namespace ayllu::student
