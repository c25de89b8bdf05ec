#define BOOST_TEST_MODULE gift
#include "ayllu/course/parse.h"
#include "ayllu/course/write.h"
#include "ayllu/import/quiz_import.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::course;
using namespace ayllu::import;

namespace {

Result gift(const std::string& text) {
    Result r = importGift(text, "q.gift");
    for (const auto& p : r.problems.items()) {
        BOOST_TEST_MESSAGE(p.toString());
    }
    return r;
}

const Question& only(const Result& r) {
    BOOST_REQUIRE_EQUAL(r.quiz.questions.size(), 1u);
    return r.quiz.questions.front();
}

const std::string& es(const LText& t) {
    return t.byLang.at("es");
}

} // namespace

BOOST_AUTO_TEST_CASE(single_choice_with_title_and_feedback) {
    const auto r = gift("::Capital::¿Cuál es la capital del Perú? {=Lima #¡Bien! ~Cusco #Fue la "
                        "capital inca. ~Puno}");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Single));
    BOOST_TEST(q.id == "capital");
    BOOST_TEST(es(q.prompt) == "¿Cuál es la capital del Perú?");
    BOOST_REQUIRE_EQUAL(q.choices.size(), 3u);
    BOOST_TEST(es(q.choices[0].text) == "Lima");
    BOOST_TEST(q.choices[0].weight == 100);
    BOOST_TEST(es(q.choices[0].feedback) == "¡Bien!");
    BOOST_TEST(es(q.choices[1].feedback) == "Fue la capital inca.");
    BOOST_TEST(q.choices[2].weight == 0);
    BOOST_TEST(r.problems.empty());
}

BOOST_AUTO_TEST_CASE(weights_make_a_multiple_choice_with_partial_credit) {
    const auto r = gift("¿Qué son periféricos? {~%50%Ratón ~%50%Teclado ~%-100%Procesador}");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Multiple));
    BOOST_TEST(q.choices[0].weight == 50);
    BOOST_TEST(q.choices[1].weight == 50);
    BOOST_TEST(q.choices[2].weight == -100);
}

BOOST_AUTO_TEST_CASE(weights_on_right_answers_of_a_single_choice) {
    const auto r = gift("Elige {=%100%Sí ~%25%Casi ~No}");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Multiple));
    BOOST_TEST(q.choices[1].weight == 25);
}

BOOST_AUTO_TEST_CASE(true_false_with_both_feedbacks) {
    const auto r =
        gift("El ratón tiene rueda.{T#No: mira el dibujo.#¡Sí!}\n\nEl sol es frío. {FALSE}");
    BOOST_REQUIRE_EQUAL(r.quiz.questions.size(), 2u);
    const auto& t = r.quiz.questions[0];
    BOOST_TEST((t.type == QuestionType::TrueFalse));
    BOOST_TEST(t.answer);
    BOOST_TEST(es(t.feedbackIncorrect) == "No: mira el dibujo.");
    BOOST_TEST(es(t.feedbackCorrect) == "¡Sí!");
    BOOST_TEST(!r.quiz.questions[1].answer);
}

BOOST_AUTO_TEST_CASE(short_answer_with_several_accepted_answers) {
    const auto r =
        gift("¿Quién escribió los Comentarios Reales? {=Garcilaso =%50%Inca Garcilaso de la Vega}");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Short));
    BOOST_REQUIRE_EQUAL(q.accepts.size(), 2u);
    BOOST_TEST(q.accepts[0].text == "Garcilaso");
    BOOST_TEST(q.accepts[0].weight == 100);
    BOOST_TEST(q.accepts[1].weight == 50);
}

BOOST_AUTO_TEST_CASE(missing_word_becomes_fill_in_the_blank) {
    const auto r = gift("El lago {=Titicaca =titicaca} está en Puno.");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Fill));
    BOOST_TEST(es(q.prompt) == "El lago {{1}} está en Puno.");
    BOOST_REQUIRE_EQUAL(q.blanks.size(), 1u);
    BOOST_TEST(q.blanks[0].accepts.size() == 2u);
}

BOOST_AUTO_TEST_CASE(missing_word_choice_keeps_a_visible_gap) {
    const auto r = gift("La papa viene de los {=Andes ~Alpes} y se come en todo el mundo.");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Single));
    BOOST_TEST(es(q.prompt) == "La papa viene de los _____ y se come en todo el mundo.");
}

BOOST_AUTO_TEST_CASE(numeric_with_tolerance_range_and_several_answers) {
    const auto r = gift("::a::2 + 1,5? {#3.5:0.1}\n\n::b::Entre 1 y 5 {#1..5}\n\n"
                        "::c::Pi {#=3.1416:0.0001 =%50%3.14:0.01}");
    BOOST_REQUIRE_EQUAL(r.quiz.questions.size(), 3u);
    const auto& a = r.quiz.questions[0].numeric.at(0);
    BOOST_TEST(!a.isRange);
    BOOST_TEST(a.value == 3.5);
    BOOST_TEST(a.tolerance == 0.1);
    const auto& b = r.quiz.questions[1].numeric.at(0);
    BOOST_TEST(b.isRange);
    BOOST_TEST(b.min == 1);
    BOOST_TEST(b.max == 5);
    const auto& c = r.quiz.questions[2].numeric;
    BOOST_REQUIRE_EQUAL(c.size(), 2u);
    BOOST_TEST(c[1].weight == 50);
    BOOST_TEST(c[1].tolerance == 0.01);
}

BOOST_AUTO_TEST_CASE(matching_pairs_and_a_distractor) {
    const auto r = gift("Une cada región con su capital. {\n =Cusco -> Cusco\n =Puno -> Puno\n"
                        " =Ayacucho -> Huamanga\n = -> Lima\n}");
    const auto& q = only(r);
    BOOST_TEST((q.type == QuestionType::Matching));
    BOOST_REQUIRE_EQUAL(q.pairs.size(), 3u);
    BOOST_TEST(es(q.pairs[2].left) == "Ayacucho");
    BOOST_TEST(es(q.pairs[2].right) == "Huamanga");
    BOOST_REQUIRE_EQUAL(q.distractors.size(), 1u);
    BOOST_TEST(es(q.distractors[0]) == "Lima");
}

BOOST_AUTO_TEST_CASE(escapes_keep_special_characters) {
    const auto r = gift("¿Cuánto es 1 \\= 1? \\{no\\} a\\:b {=uno \\~ más ~ninguno \\# cero}");
    const auto& q = only(r);
    BOOST_TEST(es(q.prompt) == "¿Cuánto es 1 = 1? {no} a:b");
    BOOST_TEST(es(q.choices[0].text) == "uno ~ más");
    BOOST_TEST(es(q.choices[1].text) == "ninguno # cero");
}

BOOST_AUTO_TEST_CASE(comments_categories_and_general_feedback) {
    const auto r = gift("// un comentario\n$CATEGORY: $course$/Ratón\n\n// otro\n"
                        "::p1::¿Sí? {=sí ~no ####Siempre se muestra.}\n");
    const auto& q = only(r);
    BOOST_TEST(q.category == "$course$/Ratón");
    BOOST_TEST(es(q.feedbackGeneral) == "Siempre se muestra.");
    BOOST_TEST(q.line == 5);
}

BOOST_AUTO_TEST_CASE(html_format_is_made_plain) {
    const auto r = gift("[html]<p>¿Qué <b>tecla</b> borra?</p> {=Retroceso ~Enter}");
    BOOST_TEST(es(only(r).prompt) == "¿Qué tecla borra?");
}

BOOST_AUTO_TEST_CASE(essays_and_descriptions_are_reported_with_their_line_and_skipped) {
    const auto r = gift("::ok::¿Sí? {T}\n\n::ensayo::Escribe sobre tu comunidad. {}\n\n"
                        "Solo un texto de descripción.\n");
    BOOST_TEST(r.quiz.questions.size() == 1u);
    BOOST_TEST(r.skipped == 2u);
    BOOST_TEST(r.imported == 1u);
    std::vector<int> lines;
    for (const auto& p : r.problems.items()) {
        BOOST_TEST(p.code == "skipped");
        BOOST_TEST((p.severity == Severity::Warning));
        lines.push_back(p.line);
    }
    BOOST_TEST(lines == (std::vector<int>{3, 5}));
}

BOOST_AUTO_TEST_CASE(unconvertible_details_are_reported_not_dropped_silently) {
    const auto r = gift("¿Nombre? {=Ana#bien =Ana María}");
    BOOST_TEST(r.problems.contains("dropped"));
    BOOST_TEST(only(r).accepts.size() == 2u);
}

BOOST_AUTO_TEST_CASE(unclosed_braces_are_reported) {
    const auto r = gift("¿Sí? {=sí ~no\n\n¿Bien? {T}");
    BOOST_TEST(r.quiz.questions.size() == 1u);
    BOOST_REQUIRE(r.problems.find("skipped") != nullptr);
    BOOST_TEST(r.problems.find("skipped")->line == 1);
}

BOOST_AUTO_TEST_CASE(bad_utf8_is_an_error_with_its_line) {
    const auto r = gift("¿Sí? {T}\n\n\xc3\x28 {F}");
    BOOST_TEST(r.problems.hasErrors());
    BOOST_TEST(r.problems.find("invalid-utf8")->line == 3);
    BOOST_TEST(r.quiz.questions.empty());
}

BOOST_AUTO_TEST_CASE(crlf_and_bom_are_accepted) {
    const auto r = gift("\xEF\xBB\xBF::a::¿Sí?\r\n{T}\r\n\r\n::b::¿No? {F}\r\n");
    BOOST_TEST(r.quiz.questions.size() == 2u);
    BOOST_TEST(es(r.quiz.questions[0].prompt) == "¿Sí?");
}

BOOST_AUTO_TEST_CASE(the_language_option_labels_the_text) {
    Options o;
    o.language = "qu";
    const auto r = importGift("¿Imataq kay? {=ratón ~teclado}", "q.gift", o);
    BOOST_TEST(only(r).prompt.has("qu"));
    BOOST_TEST(!only(r).prompt.has("es"));
}

BOOST_AUTO_TEST_CASE(question_ids_are_unique) {
    const auto r = gift("::Uno::a {T}\n\n::Uno::b {F}\n\n::123::c {T}");
    BOOST_REQUIRE_EQUAL(r.quiz.questions.size(), 3u);
    BOOST_TEST(r.quiz.questions[0].id == "uno");
    BOOST_TEST(r.quiz.questions[1].id == "uno-2");
    BOOST_TEST(r.quiz.questions[2].id == "q3-123");
}

BOOST_AUTO_TEST_CASE(an_empty_file_imports_nothing_and_says_so) {
    const auto r = gift("// solo comentarios\n");
    BOOST_TEST(r.problems.contains("nothing-imported"));
}

BOOST_AUTO_TEST_CASE(an_imported_quiz_writes_valid_xml) {
    const auto r = gift("::a::x {=1 ~2}\n\n::b::y {#3}\n\n::c::z {=a -> b =c -> d}\n\n::d::w {T}");
    const std::string xml = writeQuiz(r.quiz);
    Problems p;
    auto doc = xml::Document::parse(xml, "w.xml", p);
    BOOST_REQUIRE(doc);
    const Quiz back = parseQuiz(*doc, p);
    BOOST_TEST(p.empty());
    BOOST_TEST((back == r.quiz));
}
