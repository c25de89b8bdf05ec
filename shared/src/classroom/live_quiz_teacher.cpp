#include "ayllu/classroom/live_quiz.h"
#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"

#include <SQLiteCpp/Statement.h>
#include <openssl/rand.h>

namespace ayllu::classroom {

using i18n::fmt;

const course::Quiz* LiveQuizTeacher::quizLocked() const {
    const ClassState& st = host_.classState();
    if (!st.quizActive) {
        return nullptr;
    }
    const auto* c = host_.courseLocked(st.quiz.course);
    if (c == nullptr) {
        return nullptr;
    }
    const auto q = c->quizzes.find(st.quiz.content);
    return q == c->quizzes.end() ? nullptr : &q->second;
}

void LiveQuizTeacher::restore() {
    LiveQuiz lq;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        if (!host_.classState().quizActive) {
            return;
        }
        lq = host_.classState().quiz;
    }
    refreshTally();
    // Who already answered what: the class view says "done" for them after a restart too.
    std::map<std::string, std::set<std::string>> answered;
    host_.store().withDatabase([&](SQLite::Database& db) {
        SQLite::Statement q(db, "SELECT learner, item FROM interactions WHERE course = ? AND "
                                "content = ? AND attempt = ? AND result IN ('correct', "
                                "'partial', 'incorrect')");
        q.bind(1, lq.course);
        q.bind(2, lq.content);
        q.bind(3, lq.attempt);
        while (q.executeStep()) {
            answered[q.getColumn(0).getString()].insert(q.getColumn(1).getString());
        }
    });
    std::lock_guard<std::mutex> lock(host_.mutex());
    answered_ = std::move(answered);
}

void LiveQuizTeacher::open(const std::string& course, const std::string& quizResource,
                           bool oneByOne, int timerSeconds) {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto* c = host_.courseLocked(course);
        if (c == nullptr || c->quizzes.count(quizResource) == 0) {
            throw Error(fmt(_("there is no quiz \"%1\" in course \"%2\""), quizResource, course));
        }
        const auto& quiz = c->quizzes.at(quizResource);
        const int attempt = host_.store().withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT coalesce(max(attempt), 0) + 1 FROM progress "
                                    "WHERE course = ? AND content = ?");
            q.bind(1, course);
            q.bind(2, quizResource);
            q.executeStep();
            return q.getColumn(0).getInt();
        });
        unsigned seed = 0;
        RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
        answered_.clear();
        scored_.clear();
        ClassState& st = host_.classState();
        st.quizActive = true;
        st.quiz = LiveQuiz{
            course,  quizResource, quiz.id,
            attempt, oneByOne,     oneByOne ? 1 : static_cast<int>(quiz.questions.size()),
            true,    false,        timerSeconds > 0 ? store::nowMs() + timerSeconds * 1000LL : 0,
            seed};
    }
    host_.changed();
}

void LiveQuizTeacher::next() {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto* quiz = quizLocked();
        LiveQuiz& lq = host_.classState().quiz;
        if (quiz == nullptr || !lq.oneByOne) {
            return;
        }
        lq.visible = std::min(lq.visible + 1, static_cast<int>(quiz->questions.size()));
    }
    host_.changed();
}

void LiveQuizTeacher::close() {
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        if (!st.quizActive || !st.quiz.open) {
            return;
        }
        st.quiz.open = false;
    }
    host_.changed();
    score();
}

void LiveQuizTeacher::reveal() {
    bool closed = false;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        ClassState& st = host_.classState();
        if (!st.quizActive) {
            return;
        }
        closed = st.quiz.open;
        st.quiz.open = false;
        st.quiz.revealed = true;
    }
    host_.changed();
    if (closed) {
        score();
    }
    // On each PC's strand, after the ClassState that says "revealed"; off the console.
    for (auto& s : host_.sessions()) {
        host_.onStrand(s, [this, s] { sendReveal(*s); });
    }
}

void LiveQuizTeacher::end() {
    score(); // answers committed since it closed, or a quiz ended without closing
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        host_.classState().quizActive = false;
        scored_.clear();
    }
    host_.changed();
}

void LiveQuizTeacher::tick() {
    if (tallyDirty_.exchange(false)) {
        refreshTally();
    }
    bool expired = false;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const ClassState& st = host_.classState();
        expired = st.quizActive && st.quiz.open && st.quiz.deadlineMs != 0 &&
                  store::nowMs() > st.quiz.deadlineMs;
    }
    if (expired) {
        host_.log("the quiz timer ran out");
        close();
    }
}

QuizStatus LiveQuizTeacher::status() {
    if (tallyDirty_.exchange(false)) {
        refreshTally(); // never older than what has been acknowledged
    }
    std::lock_guard<std::mutex> lock(host_.mutex());
    return quiz_;
}

void LiveQuizTeacher::refreshTally() {
    QuizStatus st;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        st.active = host_.classState().quizActive;
        st.quiz = host_.classState().quiz;
        if (const auto* q = quizLocked()) {
            st.questions = static_cast<int>(q->questions.size());
            for (const auto& x : q->questions) {
                st.tallies.push_back({x.id, 0, 0, 0, 0, {}});
            }
        }
    }
    if (st.active) {
        const std::string classId = host_.classInfo().id;
        host_.store().withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db,
                                "SELECT i.item, i.result, i.response, count(*) FROM interactions i "
                                "JOIN learners l ON l.id = i.learner WHERE l.class_id = ? AND "
                                "i.course = ? AND i.content = ? AND i.attempt = ? "
                                "AND i.result IN ('correct', 'partial', 'incorrect', 'invalid') "
                                "GROUP BY i.item, i.result, i.response");
            q.bind(1, classId);
            q.bind(2, st.quiz.course);
            q.bind(3, st.quiz.content);
            q.bind(4, st.quiz.attempt);
            while (q.executeStep()) {
                const std::string item = q.getColumn(0).getString();
                const std::string result = q.getColumn(1).getString();
                const int n = q.getColumn(3).getInt();
                for (auto& t : st.tallies) {
                    if (t.question != item) {
                        continue;
                    }
                    t.answered += n;
                    (result == "correct"   ? t.correct
                     : result == "partial" ? t.partial
                                           : t.incorrect) += n;
                    t.responses[q.getColumn(2).getString()] += n;
                }
            }
            SQLite::Statement who(
                db, "SELECT count(DISTINCT i.learner) FROM interactions i JOIN learners l "
                    "ON l.id = i.learner WHERE l.class_id = ? AND i.course = ? AND "
                    "i.content = ? AND i.attempt = ?");
            who.bind(1, classId);
            who.bind(2, st.quiz.course);
            who.bind(3, st.quiz.content);
            who.bind(4, st.quiz.attempt);
            who.executeStep();
            st.learnersAnswering = who.getColumn(0).getInt();
        });
    }
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        quiz_ = st;
    }
    if (auto* o = host_.observer()) {
        o->quizChanged(st);
    }
}

bool LiveQuizTeacher::gradeLocked(store::Event& e, const std::string& device, std::int64_t nowMs) {
    const LiveQuiz& lq = host_.classState().quiz;
    const bool live = host_.classState().quizActive && e.kind == store::EventKind::Answer &&
                      e.course == lq.course && e.content == lq.content && e.attempt == lq.attempt;
    if (!live) {
        return false;
    }
    // Graded here, whatever the student's PC says: it never had the key.
    const course::Quiz* quiz = quizLocked();
    const course::Question* q = nullptr;
    int index = 0;
    if (quiz != nullptr) {
        for (const auto& x : quiz->questions) {
            if (x.id == e.item) {
                q = &x;
                break;
            }
            ++index;
        }
    }
    const bool visible = !lq.oneByOne || index < lq.visible;
    const bool inTime = lq.deadlineMs == 0 || nowMs <= lq.deadlineMs + 2000;
    if (q == nullptr || !visible) {
        e.result = "invalid";
        e.scoreRaw = 0.0;
        e.scoreMax = 0.0;
    } else if (!lq.open || !inTime) {
        e.result = "closed"; // kept, but too late to count
        e.scoreRaw = 0.0;
        e.scoreMax = q->points;
    } else {
        const auto g = quiz::grade(*q, e.text, quiz::deviceSeed(lq.seed, device));
        e.result = g.result;
        e.scoreRaw = g.points;
        e.scoreMax = g.maxPoints;
        host_.views()[e.learner].lastResult = g.result;
        answered_[e.learner].insert(e.item);
    }
    return true;
}

std::optional<msg::LiveQuizPublic> LiveQuizTeacher::publicLocked() const {
    const ClassState& st = host_.classState();
    if (!st.quizActive) {
        return std::nullopt;
    }
    msg::LiveQuizPublic q;
    q.course = st.quiz.course;
    q.content = st.quiz.content;
    q.attempt = st.quiz.attempt;
    q.oneByOne = st.quiz.oneByOne;
    q.open = st.quiz.open;
    q.revealed = st.quiz.revealed;
    q.remainingMs = st.quiz.deadlineMs == 0
                        ? std::int64_t{0}
                        : std::max<std::int64_t>(1, st.quiz.deadlineMs - store::nowMs());
    if (const auto* quiz = quizLocked()) {
        q.title = quiz->title.best("es");
        q.titles = quiz->title.byLang; // every language
    }
    return q;
}

std::vector<quiz::PublicQuestion> LiveQuizTeacher::questionsFor(const course::Quiz& quiz,
                                                                const LiveQuiz& on,
                                                                const std::string& device) {
    std::vector<quiz::PublicQuestion> out;
    int n = 0;
    for (const auto& x : quiz.questions) {
        if (on.oneByOne && n >= on.visible) {
            break;
        }
        // The public view only: no weights, accepted answers, pairings or order.
        out.push_back(quiz::publicView(x, quiz::deviceSeed(on.seed, device), quiz.shuffle));
        ++n;
    }
    return out;
}

std::optional<bool> LiveQuizTeacher::answeredAllLocked(const std::string& learner) const {
    const course::Quiz* quiz = quizLocked();
    if (quiz == nullptr) {
        return std::nullopt;
    }
    const LiveQuiz& lq = host_.classState().quiz;
    const auto mine = answered_.find(learner);
    const auto shown = lq.oneByOne ? std::min<std::size_t>(static_cast<std::size_t>(lq.visible),
                                                           quiz->questions.size())
                                   : quiz->questions.size();
    std::size_t n = 0;
    for (std::size_t i = 0; i < shown; ++i) {
        n += mine != answered_.end() && mine->second.count(quiz->questions[i].id) != 0;
    }
    return shown > 0 && n == shown ? std::optional<bool>(true)
                                   : std::optional<bool>(n > 0 && !lq.open);
}

void LiveQuizTeacher::sendReveal(TeacherSession& s) {
    msg::QuizReveal reveal;
    std::set<std::string> learners;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto* quiz = quizLocked();
        const LiveQuiz& lq = host_.classState().quiz;
        if (quiz == nullptr || !lq.revealed) {
            return;
        }
        learners = s.learners;
        reveal.course = lq.course;
        reveal.content = lq.content;
        reveal.attempt = lq.attempt;
        for (const auto& q : quiz->questions) {
            reveal.key.push_back(quiz::answerKeyView(q, quiz::deviceSeed(lq.seed, s.device)));
        }
    }
    for (const auto& learner : learners) {
        const auto mineList = host_.store().withDatabase([&](SQLite::Database& db) {
            return store::interactionsOf(db, learner, reveal.course, reveal.content,
                                         reveal.attempt);
        });
        auto& mine = reveal.results[learner]; // only this PC's learners: nobody sees another's
        for (const auto& i : mineList) {
            mine[i.item] = {i.result, i.scoreRaw.value_or(0), i.scoreMax.value_or(0)};
        }
    }
    msg::send(*s.ch, reveal);
}

void LiveQuizTeacher::score() {
    LiveQuiz live;
    double maxPoints = 0;
    double passPercent = 0;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const course::Quiz* quiz = quizLocked();
        if (quiz == nullptr) {
            return;
        }
        live = host_.classState().quiz;
        passPercent = quiz->passPercent;
        for (const auto& q : quiz->questions) {
            maxPoints += q.points;
        }
    }
    if (maxPoints <= 0) {
        return;
    }
    try {
        const auto points = host_.store().withDatabase([&](SQLite::Database& db) {
            std::map<std::string, double> out;
            SQLite::Statement q(db, "SELECT learner, sum(coalesce(score_raw, 0)) FROM interactions "
                                    "WHERE course = ? AND content = ? AND attempt = ? "
                                    "GROUP BY learner");
            q.bind(1, live.course);
            q.bind(2, live.content);
            q.bind(3, live.attempt);
            while (q.executeStep()) {
                out[q.getColumn(0).getString()] = q.getColumn(1).getDouble();
            }
            return out;
        });
        std::vector<store::Event> events;
        {
            std::lock_guard<std::mutex> lock(host_.mutex());
            for (const auto& [learner, got] : points) {
                const auto it = scored_.find(learner);
                if (it != scored_.end() && it->second == got) {
                    continue; // recorded already
                }
                scored_[learner] = got;
                store::Event score;
                score.learner = learner;
                score.course = live.course;
                score.content = live.content;
                score.attempt = live.attempt;
                score.kind = store::EventKind::Score;
                score.scoreRaw = got;
                score.scoreMax = maxPoints;
                events.push_back(score);
                store::Event status = score;
                status.kind = store::EventKind::Status;
                status.scoreRaw.reset();
                status.scoreMax.reset();
                status.status = 100.0 * got / maxPoints >= passPercent ? store::Status::Passed
                                                                       : store::Status::Failed;
                events.push_back(status);
            }
        }
        if (!events.empty()) {
            host_.store().recordOwn(std::move(events));
        }
    } catch (const std::exception& e) {
        host_.log(std::string("the live quiz's scores were not saved: ") + e.what());
    }
}

} // namespace ayllu::classroom
