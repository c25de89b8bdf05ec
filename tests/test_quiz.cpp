#define BOOST_TEST_MODULE quiz
#include "ayllu/course/parse.h"
#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::course;
using namespace ayllu::quiz;
using namespace ayllu::test;

namespace {

// The sample course's quiz has one question of every type.
const Quiz& sampleQuiz() {
    static const Quiz quiz = [] {
        Problems p;
        const Package pkg = loadPackage(sampleCourse().string(), p);
        BOOST_REQUIRE(p.empty());
        return pkg.quizzes.at("res-cuestionario");
    }();
    return quiz;
}

const Question& q(const std::string& id) {
    for (const auto& x : sampleQuiz().questions) {
        if (x.id == id) {
            return x;
        }
    }
    throw std::runtime_error("no question " + id);
}

std::string result(const std::string& id, const std::string& response, unsigned seed = 0) {
    return grade(q(id), response, seed).result;
}

} // namespace

BOOST_AUTO_TEST_CASE(single_choice) {
    BOOST_TEST(result("q1", "\"a\"") == "correct");
    BOOST_TEST(grade(q("q1"), "\"a\"").points == 1);
    BOOST_TEST(result("q1", "\"b\"") == "incorrect");
    BOOST_TEST(result("q1", "\"zz\"") == "invalid");
    BOOST_TEST(result("q1", "5") == "invalid");
    BOOST_TEST(result("q1", "null") == "unanswered");
    BOOST_TEST(result("q1", "not json") == "invalid");
    BOOST_TEST(result("q1", "  ") == "unanswered");
}

BOOST_AUTO_TEST_CASE(multiple_choice_with_partial_and_negative_weights) {
    BOOST_TEST(result("q2", "[\"a\",\"b\"]") == "correct");
    const auto half = grade(q("q2"), "[\"a\"]");
    BOOST_TEST(half.result == "partial");
    BOOST_TEST(half.points == 1); // of 2
    BOOST_TEST(half.maxPoints == 2);
    BOOST_TEST(result("q2", "[\"a\",\"c\"]") == "incorrect"); // 50 - 50, never below 0
    BOOST_TEST(result("q2", "[\"a\",\"b\",\"c\"]") == "partial");
    BOOST_TEST(result("q2", "[]") == "incorrect");
    BOOST_TEST(result("q2", "[\"a\",\"nope\"]") == "invalid");
    BOOST_TEST(result("q2", "\"a\"") == "invalid");
}

BOOST_AUTO_TEST_CASE(true_false) {
    BOOST_TEST(result("q3", "false") == "correct");
    BOOST_TEST(result("q3", "true") == "incorrect");
    BOOST_TEST(result("q3", "\"false\"") == "invalid");
}

BOOST_AUTO_TEST_CASE(short_answers_ignore_case_spaces_and_accents_by_default) {
    BOOST_TEST(result("q4", "\"CLIC\"") == "correct");
    BOOST_TEST(result("q4", "\"  clic \"") == "correct");
    BOOST_TEST(result("q4", "\"click\"") == "correct");
    BOOST_TEST(result("q4", "\"clík\"") == "incorrect");
    Question strict = q("q4");
    strict.caseSensitive = true;
    BOOST_TEST(grade(strict, "\"CLIC\"").result == "incorrect");
    Question accents;
    accents.type = QuestionType::Short;
    accents.accepts = {{"pingüino", "", 100, 0}, {"ñandú", "", 100, 0}};
    BOOST_TEST(grade(accents, "\"Pinguino\"").result == "correct");
    BOOST_TEST(grade(accents, "\"nandu\"").result == "incorrect"); // ñ is a letter of its own
    accents.accentSensitive = true;
    BOOST_TEST(grade(accents, "\"pinguino\"").result == "incorrect");
}

BOOST_AUTO_TEST_CASE(numbers_with_a_comma_or_point_and_tolerance) {
    BOOST_TEST(result("q5", "2") == "correct");
    BOOST_TEST(result("q5", "\"2,0\"") == "correct");
    BOOST_TEST(result("q5", "\" 2 \"") == "correct");
    BOOST_TEST(result("q5", "3") == "incorrect");
    BOOST_TEST(result("q5", "\"dos\"") == "invalid");
    Question range;
    range.type = QuestionType::Numeric;
    NumericAnswer a;
    a.value = 0.3;
    a.tolerance = 0;
    NumericAnswer b;
    b.isRange = true;
    b.min = 10;
    b.max = 20;
    b.weight = 50;
    range.numeric = {a, b};
    BOOST_TEST(grade(range, "0.30000000000000004").result == "correct"); // 0.1 + 0.2
    BOOST_TEST(grade(range, "15").result == "partial");
    BOOST_TEST(grade(range, "20.5").result == "incorrect");
}

BOOST_AUTO_TEST_CASE(matching_uses_opaque_right_hand_ids) {
    const unsigned seed = 99;
    const std::string m1 = rightOptionId("m1", seed);
    const std::string m2 = rightOptionId("m2", seed);
    BOOST_TEST(m1 != m2);
    BOOST_TEST(rightOptionId("m1", seed + 1) != m1);
    BOOST_TEST(result("q6", "{\"m1\":\"" + m1 + "\",\"m2\":\"" + m2 + "\"}", seed) == "correct");
    BOOST_TEST(result("q6", "{\"m1\":\"" + m1 + "\",\"m2\":\"" + m1 + "\"}", seed) == "partial");
    BOOST_TEST(result("q6", "{\"m1\":\"m1\",\"m2\":\"m2\"}", seed) == "incorrect");
    BOOST_TEST(result("q6", "[\"m1\"]", seed) == "invalid");
}

BOOST_AUTO_TEST_CASE(ordering_and_fill_in_the_blanks) {
    BOOST_TEST(result("q7", "[\"s1\",\"s2\",\"s3\"]") == "correct");
    BOOST_TEST(result("q7", "[\"s2\",\"s1\",\"s3\"]") == "incorrect");
    BOOST_TEST(result("q7", "[\"s1\",\"s2\"]") == "invalid");
    BOOST_TEST(result("q8", "{\"1\":\"Clic\",\"2\":\"izquierdo\"}") == "correct");
    BOOST_TEST(result("q8", "{\"1\":\"clic\"}") == "partial");
    BOOST_TEST(result("q8", "{\"1\":\"doble\",\"2\":\"derecho\"}") == "incorrect");
}

// What a learner's PC receives during a live quiz must not contain the key.
BOOST_AUTO_TEST_CASE(the_public_view_never_contains_the_answer_key) {
    for (const auto& question : sampleQuiz().questions) {
        BOOST_TEST_CONTEXT(question.id) {
            const std::string pub = publicQuestion(question, 1234);
            for (const char* leak : {"\"correct\"", "\"weight\"", "accept", "\"answer\"",
                                     "\"order\"", "\"pairs\"", "\"ranges\"", "\"feedback\""}) {
                BOOST_TEST(pub.find(leak) == std::string::npos, leak << " in " << pub);
            }
            for (const auto& a : question.accepts) {
                BOOST_TEST(pub.find(a.text) == std::string::npos);
            }
            for (const auto& b : question.blanks) {
                for (const auto& a : b.accepts) {
                    BOOST_TEST(pub.find("\"" + a.text + "\"") == std::string::npos);
                }
            }
            for (const auto& n : question.numeric) {
                BOOST_TEST(pub.find(":" + i18n::toArg(n.value) + ",") == std::string::npos);
            }
            BOOST_TEST(pub.find(question.prompt.best("es")) != std::string::npos);
            // The key is a separate message.
            BOOST_TEST(answerKey(question, 1234).find(question.id) != std::string::npos);
        }
    }
    // Matching: right-hand ids are not the pair ids, and are the ones grading expects.
    const std::string m = publicQuestion(q("q6"), 1234);
    BOOST_TEST(m.find("\"id\":\"" + rightOptionId("m1", 1234) + "\"") != std::string::npos, m);
    const auto right = m.substr(m.find("\"right\""));
    BOOST_TEST(right.find("\"m1\"") == std::string::npos);
    BOOST_TEST(right.find("\"m2\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(ordering_items_are_shuffled_by_the_seed) {
    bool differs = false;
    const std::string first = publicQuestion(q("q7"), 1);
    BOOST_TEST(publicQuestion(q("q7"), 1) == first); // same seed, same view
    for (unsigned seed = 2; seed < 20; ++seed) {
        differs = differs || publicQuestion(q("q7"), seed) != first;
    }
    BOOST_TEST(differs);
}
