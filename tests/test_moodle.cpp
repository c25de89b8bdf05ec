#define BOOST_TEST_MODULE moodle_xml
#include "ayllu/course/parse.h"
#include "ayllu/course/write.h"
#include "ayllu/import/quiz_import.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::course;
using namespace ayllu::import;
using namespace ayllu::test;

namespace {

const fs::path kFixture = sourceDir() / "tests/fixtures/moodle/preguntas.xml";

struct Imported {
    Result r = importFile(kFixture.string());
    Imported() {
        for (const auto& p : r.problems.items()) {
            BOOST_TEST_MESSAGE(p.toString());
        }
    }
    const Question& q(const std::string& id) const {
        for (const auto& x : r.quiz.questions) {
            if (x.id == id) {
                return x;
            }
        }
        BOOST_FAIL("no question " << id);
        throw;
    }
};

const std::string& es(const LText& t) {
    return t.byLang.at("es");
}

} // namespace

BOOST_AUTO_TEST_CASE(supported_types_are_imported_in_order) {
    Imported im;
    std::vector<std::string> ids;
    for (const auto& q : im.r.quiz.questions) {
        ids.push_back(q.id);
    }
    BOOST_TEST(ids == (std::vector<std::string>{"boton-para-elegir", "perifericos", "apagar",
                                                "tecla", "precio", "unir", "pasos", "imagen"}));
    BOOST_TEST(im.r.imported == 8u);
    BOOST_TEST(im.r.skipped == 2u);
    BOOST_TEST(!im.r.problems.hasErrors());
}

BOOST_AUTO_TEST_CASE(multichoice_single_with_feedback_grade_and_html) {
    Imported im;
    const auto& q = im.q("boton-para-elegir");
    BOOST_TEST((q.type == QuestionType::Single));
    BOOST_TEST(es(q.prompt) == "¿Qué botón usamos para elegir?");
    BOOST_TEST(q.points == 2);
    BOOST_TEST(q.category == "Computadora básica");
    BOOST_TEST(es(q.feedbackGeneral) == "El izquierdo.");
    BOOST_TEST(es(q.feedbackCorrect) == "¡Correcto!");
    BOOST_TEST(es(q.feedbackIncorrect) == "Vuelve a mirar la lección.");
    BOOST_TEST(q.choices.at(0).weight == 100);
    BOOST_TEST(es(q.choices.at(0).feedback) == "Sí");
}

BOOST_AUTO_TEST_CASE(multichoice_multiple_keeps_fractions_and_entities) {
    Imported im;
    const auto& q = im.q("perifericos");
    BOOST_TEST((q.type == QuestionType::Multiple));
    BOOST_TEST(q.choices.at(2).weight == -100);
    BOOST_TEST(es(q.choices.at(2).text) == "Memoria & CPU");
}

BOOST_AUTO_TEST_CASE(truefalse_takes_the_answer_with_full_fraction) {
    Imported im;
    const auto& q = im.q("apagar");
    BOOST_TEST((q.type == QuestionType::TrueFalse));
    BOOST_TEST(!q.answer);
    BOOST_TEST(es(q.feedbackIncorrect) == "No, se pierde el trabajo.");
    BOOST_TEST(es(q.feedbackCorrect) == "Bien.");
}

BOOST_AUTO_TEST_CASE(shortanswer_keeps_case_rule_and_weights) {
    Imported im;
    const auto& q = im.q("tecla");
    BOOST_TEST((q.type == QuestionType::Short));
    BOOST_TEST(q.caseSensitive);
    BOOST_TEST(q.accepts.size() == 2u);
    BOOST_TEST(q.accepts.at(1).weight == 50);
}

BOOST_AUTO_TEST_CASE(numerical_keeps_tolerance_and_ignores_the_catch_all) {
    Imported im;
    const auto& q = im.q("precio");
    BOOST_REQUIRE_EQUAL(q.numeric.size(), 1u);
    BOOST_TEST(q.numeric[0].value == 7.5);
    BOOST_TEST(q.numeric[0].tolerance == 0.01);
}

BOOST_AUTO_TEST_CASE(matching_with_an_empty_left_side_is_a_distractor) {
    Imported im;
    const auto& q = im.q("unir");
    BOOST_TEST(q.pairs.size() == 2u);
    BOOST_TEST(es(q.pairs.at(1).right) == "Mayúscula");
    BOOST_REQUIRE_EQUAL(q.distractors.size(), 1u);
    BOOST_TEST(es(q.distractors[0]) == "Apagar");
}

BOOST_AUTO_TEST_CASE(ordering_keeps_the_order) {
    Imported im;
    const auto& q = im.q("pasos");
    BOOST_REQUIRE_EQUAL(q.sequence.size(), 3u);
    BOOST_TEST(es(q.sequence[2].text) == "Guardar");
}

BOOST_AUTO_TEST_CASE(unsupported_types_are_reported_with_their_line) {
    Imported im;
    std::vector<int> skippedLines;
    bool droppedImage = false;
    for (const auto& p : im.r.problems.items()) {
        if (p.code == "skipped") {
            skippedLines.push_back(p.line);
        }
        droppedImage =
            droppedImage || (p.code == "dropped" && p.message.find("image") != std::string::npos);
    }
    BOOST_TEST(skippedLines == (std::vector<int>{lineOf(kFixture, "type=\"essay\""),
                                                 lineOf(kFixture, "type=\"multianswer\"")}));
    BOOST_TEST(droppedImage);
}

BOOST_AUTO_TEST_CASE(malformed_xml_is_an_error_with_its_line) {
    const auto r =
        importMoodleXml("<quiz>\n<question type=\"truefalse\">\n<name>\n</quiz>", "m.xml");
    BOOST_TEST(r.problems.hasErrors());
    BOOST_TEST(r.problems.find("xml-syntax")->line == 4);
    BOOST_TEST(r.quiz.questions.empty());
}

BOOST_AUTO_TEST_CASE(a_document_that_is_not_moodle_xml_is_refused) {
    const auto r = importMoodleXml("<lesson/>", "m.xml");
    BOOST_TEST(r.problems.contains("wrong-root"));
}

BOOST_AUTO_TEST_CASE(bad_fractions_skip_the_question) {
    const auto r =
        importMoodleXml("<quiz><question type=\"multichoice\"><name><text>x</text></name>"
                        "<questiontext><text>¿?</text></questiontext>"
                        "<answer fraction=\"mucho\"><text>a</text></answer><answer "
                        "fraction=\"0\"><text>b</text></answer>"
                        "</question></quiz>",
                        "m.xml");
    BOOST_TEST(r.skipped == 1u);
    BOOST_TEST(r.problems.contains("nothing-imported"));
}

BOOST_AUTO_TEST_CASE(the_imported_quiz_round_trips) {
    Imported im;
    Problems p;
    auto doc = xml::Document::parse(writeQuiz(im.r.quiz), "w.xml", p);
    BOOST_REQUIRE(doc);
    BOOST_TEST((parseQuiz(*doc, p) == im.r.quiz));
    BOOST_TEST(p.empty());
}
