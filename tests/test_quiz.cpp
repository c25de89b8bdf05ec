#define BOOST_TEST_MODULE quiz
#include "ayllu/course/parse.h"
#include "ayllu/i18n.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/quiz/response.h"
#include "ayllu/quiz/reveal.h"
#include "support.h"

#include <boost/test/unit_test.hpp>
#include <set>

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

BOOST_AUTO_TEST_CASE(choices_are_shuffled_per_pc_only_when_the_quiz_says_so) {
    const auto ids = [](const std::string& view) {
        std::string out;
        for (const auto& [id, text] : publicOptions(view, "choices", "es")) {
            out += id;
        }
        return out;
    };
    // Not shuffled: the written order, whatever the seed.
    BOOST_TEST(ids(publicQuestion(q("q1"), 77)) == "abc");
    // Shuffled per PC: one quiz seed, several devices, more than one order; each PC's view is
    // the same every time (a reconnect shows the same order) and grades the same.
    std::set<std::string> orders;
    for (int pc = 1; pc <= 12; ++pc) {
        const unsigned seed = deviceSeed(4242, "pc-" + std::to_string(pc));
        const std::string view = publicQuestion(q("q1"), seed, true);
        BOOST_TEST(view == publicQuestion(q("q1"), seed, true));
        orders.insert(ids(view));
        BOOST_TEST(grade(q("q1"), R"("a")", seed).result == "correct");
        BOOST_TEST(grade(q("q1"), R"("c")", seed).result == "incorrect");
    }
    BOOST_TEST(orders.size() > 1u);
    BOOST_TEST(deviceSeed(4242, "pc-1") != deviceSeed(4243, "pc-1"));
}

BOOST_AUTO_TEST_CASE(the_reveal_shows_the_learners_answer_beside_the_right_one) {
    const auto reveal = [](const std::string& id, const std::string& response,
                           const std::string& result, unsigned seed = 5) {
        return describeReveal(publicQuestion(q(id), seed), answerKey(q(id), seed), response, result,
                              "es");
    };
    auto r = reveal("q1", R"("c")", "incorrect");
    BOOST_REQUIRE(r.size() == 1u);
    BOOST_TEST(r[0].yours == "La rueda");
    BOOST_TEST(r[0].right == "El botón izquierdo");
    BOOST_TEST(!r[0].ok);
    r = reveal("q2", R"(["a","b"])", "correct");
    BOOST_TEST(r[0].yours == "Botones, Rueda");
    BOOST_TEST(r[0].right == "Botones, Rueda");
    BOOST_TEST(r[0].ok);
    r = reveal("q3", "true", "incorrect");
    BOOST_TEST(r[0].yours == _("True"));
    BOOST_TEST(r[0].right == _("False"));
    r = reveal("q4", R"("clik")", "incorrect");
    BOOST_TEST(r[0].yours == "clik");
    BOOST_TEST(r[0].right == "clic / click");
    r = reveal("q5", "2", "correct");
    BOOST_TEST(r[0].right == "2");
    // Matching: one part per left-hand text, with the texts (never the opaque ids).
    const std::string pairs = "{\"m1\":\"" + rightOptionId("m1", 5) + "\",\"m2\":\"" +
                              rightOptionId("distractor-1", 5) + "\"}";
    r = reveal("q6", pairs, "partial");
    BOOST_REQUIRE(r.size() == 2u);
    BOOST_TEST(r[0].label == "Botón izquierdo");
    BOOST_TEST(r[0].yours == "Elegir");
    BOOST_TEST(r[0].ok);
    BOOST_TEST(r[1].yours == "Encender la computadora");
    BOOST_TEST(r[1].right == "Subir y bajar");
    BOOST_TEST(!r[1].ok);
    // Ordering: position by position.
    r = reveal("q7", R"(["s2","s1","s3"])", "partial");
    BOOST_REQUIRE(r.size() == 3u);
    BOOST_TEST(r[0].yours == "Hacer doble clic");
    BOOST_TEST(r[0].right == "Mover la flecha a la carpeta");
    BOOST_TEST(!r[0].ok);
    BOOST_TEST(r[2].ok);
    // Fill in: per blank; an unanswered question still shows the right answer.
    r = reveal("q8", R"({"1":"Clic","2":"derecho"})", "partial");
    BOOST_REQUIRE(r.size() == 2u);
    BOOST_TEST(r[0].label == "(1)");
    BOOST_TEST(r[0].ok);
    BOOST_TEST(!r[1].ok);
    BOOST_TEST(r[1].right == "izquierdo");
    // The teacher's grade decides when it is all or nothing (its rules ignore accents...).
    r = reveal("q8", R"({"1":"clíc","2":"IZQUIERDO"})", "correct");
    BOOST_TEST((r[0].ok && r[1].ok));
    r = reveal("q1", "", "");
    BOOST_TEST(r[0].yours.empty());
    BOOST_TEST(r[0].right == "El botón izquierdo");
    // Hostile or broken input: nothing, never a crash.
    BOOST_TEST(describeReveal("{", "[", "]", "", "es").empty());
    BOOST_TEST(describeReveal(publicQuestion(q("q1"), 5), "{}", "{\"x\":1}", "", "es").size() ==
               1u);
}

BOOST_AUTO_TEST_CASE(the_dashboard_counts_each_option_and_names_the_right_answer) {
    auto s = summarize(q("q1"), {{R"("a")", 2}, {R"("c")", 3}, {"not json", 4}}, "es");
    BOOST_TEST(s.prompt == "¿Qué botón usamos para elegir?");
    BOOST_REQUIRE(s.options.size() == 3u);
    BOOST_TEST(s.options[0].text == "El botón izquierdo");
    BOOST_TEST(s.options[0].count == 2);
    BOOST_TEST(s.options[0].right);
    BOOST_TEST(s.options[1].count == 0);
    BOOST_TEST(s.options[2].count == 3);
    BOOST_TEST(!s.options[2].right);
    BOOST_TEST(s.right == "El botón izquierdo");
    s = summarize(q("q2"), {{R"(["a","c"])", 1}, {R"(["a","b"])", 2}}, "es");
    BOOST_TEST(s.options[0].count == 3);
    BOOST_TEST(s.options[1].count == 2);
    BOOST_TEST(s.options[2].count == 1);
    s = summarize(q("q3"), {{"true", 1}, {"false", 4}}, "es");
    BOOST_TEST(s.options[0].count == 1);
    BOOST_TEST(s.options[1].count == 4);
    BOOST_TEST(s.options[1].right);
    s = summarize(q("q8"), {}, "es");
    BOOST_TEST(s.prompt == "Para elegir hacemos (1) ____ con el botón (2) ____.");
    BOOST_TEST(s.options.empty());
    BOOST_TEST(s.right == "(1) → clic; (2) → izquierdo");
}

// quiz::Response: the JSON each shape is stored and sent as (the format the outbox, the wire and
// the console's database have always held), read back to the same value, and graded the same
// whether given as JSON or as the value.
BOOST_AUTO_TEST_CASE(a_response_of_each_question_type_round_trips_in_the_stored_format) {
    const unsigned seed = 7;
    const std::string m1 = rightOptionId("m1", seed);
    const std::string m2 = rightOptionId("m2", seed);
    struct Case {
        const char* question;
        Response response;
        std::string json;
        const char* result;
    };
    const std::vector<Case> cases = {
        {"q1", Response::choice("a"), R"("a")", "correct"},
        {"q2", Response::choices({"a", "b"}), R"(["a","b"])", "correct"},
        {"q3", Response::truth(true), "true", "incorrect"},
        {"q4", Response::text("Clic  "), R"("Clic  ")", "correct"},
        {"q5", Response::text("2,0"), R"("2,0")", "correct"},
        {"q5", Response::number(3.5), "3.5", "incorrect"},
        {"q6", Response::entries({{"m2", m2}, {"m1", m1}}),
         "{\"m2\":\"" + m2 + "\",\"m1\":\"" + m1 + "\"}", "correct"},
        {"q7", Response::order({"s1", "s2", "s3"}), R"(["s1","s2","s3"])", "correct"},
        {"q8", Response::entries({{"1", "clic"}, {"2", "ratón \"izq\""}}),
         R"({"1":"clic","2":"ratón \"izq\""})", "partial"},
        {"q1", Response{}, "null", "unanswered"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.question << " " << c.json) {
            BOOST_TEST(encodeResponse(c.response) == c.json);
            const auto back = decodeResponse(c.json);
            BOOST_TEST_REQUIRE(back.response.has_value(), back.reason);
            BOOST_TEST((*back.response == c.response));
            BOOST_TEST(back.reason.empty());
            BOOST_TEST(grade(q(c.question), c.json, seed).result == c.result);
            BOOST_TEST(grade(q(c.question), c.response, seed).result == c.result);
        }
    }
    // Numbers in the fewest digits that read back the same.
    BOOST_TEST(encodeResponse(Response::number(2)) == "2");
    BOOST_TEST(encodeResponse(Response::number(0.1)) == "0.1");
    BOOST_TEST(decodeResponse("0.30000000000000004").response->numberValue() != nullptr);
    BOOST_TEST(*decodeResponse("0.30000000000000004").response->numberValue() == 0.1 + 0.2);
    // Text beyond ASCII and control characters survive the trip.
    const Response odd = Response::text("ñandú\n\t\\ / \x01");
    BOOST_TEST((*decodeResponse(encodeResponse(odd)).response == odd));
    // The readings the reveal and the student's screen use.
    BOOST_TEST(Response::number(3.5).asText() == "3.5");
    BOOST_TEST((Response::choice("b").asIds() == Response::Ids{"b"}));
    BOOST_TEST(Response::entries({{"1", "x"}, {"1", "y"}}).entry("1") == "y");
    BOOST_TEST(Response::entries({{"1", "x"}}).entry("2").empty());
}

// A response comes from another PC: anything outside the shapes is refused, with a reason, and
// grades as "invalid"; nothing throws.
BOOST_AUTO_TEST_CASE(hostile_responses_are_refused_with_a_reason) {
    const std::vector<std::string> hostile = {
        "",
        "not json",
        "\"a\", \"b\"",                       // two values
        "[\"a\"",                             // cut off
        "[\"a\", 1]",                         // a list of something other than ids
        "[[\"a\"]]",                          // nested lists
        "{\"m1\": {\"x\": \"y\"}}",           // nested objects
        "{\"m1\": 5}",                        // an entry that is not a text
        "[" + std::string(200000, '[') + "]", // deep nesting, and too long
        "1e999",                              // not finite
        "\"" + std::string(kMaxResponseBytes, 'x') + "\"",
    };
    for (const auto& json : hostile) {
        BOOST_TEST_CONTEXT(json.substr(0, 40)) {
            const auto d = decodeResponse(json);
            BOOST_TEST(!d.response.has_value());
            BOOST_TEST(!d.reason.empty());
            BOOST_TEST(grade(q("q6"), json).result == (json.empty() ? "unanswered" : "invalid"));
        }
    }
    std::string many = "[";
    for (std::size_t i = 0; i <= kMaxResponseItems; ++i) {
        many += (i ? ",\"s" : "\"s") + std::to_string(i) + "\"";
    }
    const auto tooMany = decodeResponse(many + "]");
    BOOST_TEST(!tooMany.response.has_value());
    BOOST_TEST(tooMany.reason.find("items") != std::string::npos);
    BOOST_TEST(decodeResponse("{\"m1\": 5}").reason.find("m1") != std::string::npos);
    // A shape right for JSON but wrong for the question is not refused, only graded invalid.
    BOOST_TEST(decodeResponse("[\"m1\"]").response.has_value());
    BOOST_TEST(grade(q("q6"), Response::order({"m1"})).result == "invalid");
    BOOST_TEST(grade(q("q1"), Response::number(1)).result == "invalid");
    BOOST_TEST(grade(q("q3"), Response::text("true")).result == "invalid");
}
