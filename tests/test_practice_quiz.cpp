// The practice quiz (a quiz taken alone on the student PC), without any window: grading,
// attempts counted in the PC's real SQLite file across restarts, the quiz's limit, and every
// answer kept, even when the disk is full for a while.
#define BOOST_TEST_MODULE practice_quiz
#include "ayllu/course/parse.h"
#include "ayllu/quiz/practice.h"
#include "support.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::quiz;
using namespace ayllu::test;

namespace {

const char* kCourse = "pe.ayllu.muestra";
const char* kQuiz = "res-cuestionario";

// The sample course's quiz: one question of every type, 2 attempts, pass mark 60 %.
course::Quiz sampleQuiz() {
    Problems p;
    const auto pkg = course::loadPackage(sampleCourse().string(), p);
    BOOST_REQUIRE(p.empty());
    return pkg.quizzes.at(kQuiz);
}

// The right answer to each question, as the student's quiz screen saves it (shown with seed 0).
std::map<std::string, std::string> rightAnswers() {
    return {{"q1", R"("a")"},
            {"q2", R"(["a","b"])"},
            {"q3", "false"},
            {"q4", R"("clic")"},
            {"q5", R"("2")"},
            {"q6", "{\"m1\":\"" + rightOptionId("m1", 0) + "\",\"m2\":\"" + rightOptionId("m2", 0) +
                       "\"}"},
            {"q7", R"(["s1","s2","s3"])"},
            {"q8", R"({"1":"clic","2":"izquierdo"})"}};
}

// What the student agent does before its store records: stamp the event with the PC's clock.
PracticeQuiz::Recorder recorderFor(store::StudentStore& s) {
    return [&s, at = std::int64_t{1000}](store::Event e) mutable {
        e.atMs = at += 1000;
        return s.record(std::move(e));
    };
}

std::optional<PracticeQuiz> startFor(store::StudentStore& s, const course::Quiz& quiz,
                                     const std::string& learner = "ana") {
    return PracticeQuiz::start(s, recorderFor(s), learner, kCourse, kQuiz, quiz);
}

int countEvents(store::StudentStore& s, const std::string& kind) {
    SQLite::Statement q(s.database().sql(), "SELECT count(*) FROM events WHERE kind = ?");
    q.bind(1, kind);
    q.executeStep();
    return q.getColumn(0).getInt();
}

void answerAll(PracticeQuiz& p, const std::map<std::string, std::string>& answers) {
    for (const auto& [question, json] : answers) {
        const auto a = p.answer(question, json, 4000);
        BOOST_TEST_REQUIRE(a.saved.saved, a.saved.error);
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(every_answer_is_graded_on_the_pc_and_recorded_with_its_score_and_status) {
    TempDir tmp;
    store::StudentStore s((tmp / "student.db").string());
    auto p = startFor(s, sampleQuiz());
    BOOST_REQUIRE(p);
    BOOST_TEST(p->attempt() == 1);
    const auto answers = rightAnswers();
    BOOST_REQUIRE_EQUAL(answers.size(), p->quiz().questions.size());
    std::size_t n = 0;
    for (const auto& [question, json] : answers) {
        const auto a = p->answer(question, json, 4000);
        BOOST_TEST(a.saved.saved);
        BOOST_TEST(a.grade.result == "correct", question);
        BOOST_TEST(a.complete == (++n == answers.size()));
    }
    const auto score = p->score();
    BOOST_TEST(score.right == 8);
    BOOST_TEST(score.got == score.max);
    BOOST_TEST(score.max == 9); // q2 is worth 2 points
    BOOST_TEST(score.percent == 100);
    BOOST_TEST(score.passed);
    BOOST_TEST(p->finish().saved);
    // In the PC's database: each answer as given, graded; the attempt passed with its score.
    const auto saved = s.interactions("ana", kCourse, kQuiz, 1);
    BOOST_REQUIRE_EQUAL(saved.size(), answers.size());
    for (const auto& i : saved) {
        BOOST_TEST(i.response == answers.at(i.item));
        BOOST_TEST(i.result == "correct");
        BOOST_TEST(i.latencyMs == 4000);
    }
    const auto progress = s.progress("ana", kCourse, kQuiz, 1);
    BOOST_REQUIRE(progress);
    BOOST_TEST((progress->status == store::Status::Passed));
    BOOST_TEST(*progress->scoreRaw == 9);
    // All of it waits for the teacher: 8 answers, the score and the status.
    BOOST_TEST(s.outboxSize() == 10u);
}

BOOST_AUTO_TEST_CASE(wrong_and_partial_answers_score_and_fail_below_the_pass_mark) {
    TempDir tmp;
    store::StudentStore s((tmp / "student.db").string());
    auto p = startFor(s, sampleQuiz());
    BOOST_REQUIRE(p);
    auto answers = rightAnswers();
    answers["q1"] = R"("c")";                     // wrong
    answers["q2"] = R"(["a"])";                   // half of 2 points
    answers["q3"] = "true";                       // wrong
    answers["q7"] = R"(["s2","s1","s3"])";        // wrong order
    answers["q8"] = R"({"1":"clic","2":"nada"})"; // half
    answerAll(*p, answers);
    BOOST_TEST(p->results().at("q1") == "incorrect");
    BOOST_TEST(p->results().at("q2") == "partial");
    const auto score = p->score();
    BOOST_TEST(score.right == 3); // q4, q5, q6
    BOOST_TEST(score.got == 4.5); // 1 + 1 + 1 + 1 (q2) + 0.5 (q8)
    BOOST_TEST(score.percent == 50);
    BOOST_TEST(!score.passed);
    // A question answered again counts with its latest answer only.
    BOOST_TEST(p->answer("q2", R"(["a","c"])", 1000).grade.result == "incorrect");
    BOOST_TEST(p->score().got == 3.5);
    BOOST_TEST(p->score().right == 3);
    BOOST_TEST(p->finish().saved);
    BOOST_TEST((s.progress("ana", kCourse, kQuiz, 1)->status == store::Status::Failed));
    // An answer to a question the quiz does not have, or one that is not a response, is
    // graded invalid or refused: nothing of it counts.
    const auto unknown = p->answer("q99", R"("a")", 1000);
    BOOST_TEST(!unknown.saved.saved);
    BOOST_TEST(p->answer("q4", "[[1]]", 1000).grade.result == "invalid");
    BOOST_TEST(p->results().at("q4") == "invalid");
}

BOOST_AUTO_TEST_CASE(attempts_are_counted_across_restarts_up_to_the_quizs_limit) {
    TempDir tmp;
    const std::string path = (tmp / "student.db").string();
    const auto quiz = sampleQuiz();
    BOOST_REQUIRE_EQUAL(quiz.attempts, 2);
    {
        store::StudentStore s(path);
        auto p = startFor(s, quiz);
        BOOST_REQUIRE(p);
        BOOST_TEST(p->attempt() == 1);
        answerAll(*p, rightAnswers());
        BOOST_TEST(p->finish().saved);
    }
    {
        // The client restarts: the finished attempt is remembered.
        store::StudentStore s(path);
        auto p = startFor(s, quiz);
        BOOST_REQUIRE(p);
        BOOST_TEST(p->attempt() == 2);
        BOOST_TEST(p->answer("q1", R"("a")", 1000).saved.saved); // left half-way
        BOOST_TEST(!p->complete());
        // Another learner on the same PC has attempts of their own.
        auto other = startFor(s, quiz, "beto");
        BOOST_REQUIRE(other);
        BOOST_TEST(other->attempt() == 1);
    }
    {
        // An attempt left half-way is not finished: it is taken again, from its start.
        store::StudentStore s(path);
        auto p = startFor(s, quiz);
        BOOST_REQUIRE(p);
        BOOST_TEST(p->attempt() == 2);
        BOOST_TEST(p->results().empty());
        answerAll(*p, rightAnswers());
        BOOST_TEST(p->finish().saved);
    }
    {
        // Both attempts used: no third, after a restart too.
        store::StudentStore s(path);
        BOOST_TEST(!startFor(s, quiz).has_value());
        BOOST_TEST(s.finishedAttempts("ana", kCourse, kQuiz) == 2);
        // A quiz with no limit (attempts 0) goes on.
        auto unlimited = quiz;
        unlimited.attempts = 0;
        auto p = startFor(s, unlimited);
        BOOST_REQUIRE(p);
        BOOST_TEST(p->attempt() == 3);
        // Every answer of every attempt is still there.
        BOOST_TEST(countEvents(s, "answer") == 8 + 1 + 8);
    }
}

BOOST_AUTO_TEST_CASE(an_answer_not_saved_is_not_counted_and_is_written_once_space_returns) {
    TempDir tmp;
    store::StudentStore s((tmp / "student.db").string());
    auto p = startFor(s, sampleQuiz());
    BOOST_REQUIRE(p);
    BOOST_TEST(p->answer("q1", R"("a")", 1000).saved.saved);
    // The disk fills up: the next answer is not saved, so it is not shown as answered.
    const auto pages = s.database().sql().execAndGet("PRAGMA page_count").getInt64();
    s.database().limitPages(pages);
    const std::string big = "\"" + std::string(60 * 1024, 'x') + "\""; // needs new pages
    const auto full = p->answer("q4", big, 1000);
    BOOST_TEST(!full.saved.saved);
    BOOST_TEST(!full.saved.error.empty());
    BOOST_TEST(p->results().count("q4") == 0u);
    BOOST_TEST(p->results().size() == 1u);
    BOOST_TEST(s.unsaved() == 1u); // kept in memory, in order
    // Space returns: the answer kept in memory is written, once, and the learner saves again.
    s.database().limitPages(1000000);
    BOOST_TEST(s.retry().saved);
    BOOST_TEST(s.unsaved() == 0u);
    BOOST_TEST(p->answer("q4", R"("clic")", 1000).saved.saved);
    BOOST_TEST(p->results().at("q4") == "correct");
    BOOST_TEST(countEvents(s, "answer") == 3);
    BOOST_TEST(s.outboxSize() == 3u);
}
