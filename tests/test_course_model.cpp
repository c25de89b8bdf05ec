#define BOOST_TEST_MODULE course_model
#include "ayllu/course/parse.h"
#include "ayllu/course/write.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::course;
using namespace ayllu::test;

namespace {

LText tx(const std::string& es, const std::string& qu = {}) {
    LText t;
    t.set("es", es);
    if (!qu.empty()) {
        t.set("qu", qu);
    }
    return t;
}

template <typename T>
T reparse(const std::string& xmlText, T (*parse)(const xml::Document&, Problems&)) {
    Problems p;
    auto doc = xml::Document::parse(xmlText, "mem.xml", p);
    BOOST_REQUIRE_MESSAGE(doc, "the written XML does not parse");
    T out = parse(*doc, p);
    for (const auto& x : p.items()) {
        BOOST_TEST_MESSAGE(x.toString());
    }
    BOOST_TEST(p.empty());
    return out;
}

// A quiz with every question type and option, so the round trip covers the whole model.
Quiz fullQuiz() {
    Quiz q;
    q.id = "full";
    q.title = tx("Todo", "Llapan");
    q.description = tx("Cada tipo de pregunta");
    q.mode = QuizMode::Live;
    q.shuffle = true;
    q.attempts = 3;
    q.passPercent = 75.5;
    q.timeLimit = 900;
    q.feedback = FeedbackPolicy::Immediate;

    Question single;
    single.id = "s";
    single.type = QuestionType::Single;
    single.points = 2.5;
    single.timeLimit = 30;
    single.category = "ratón/básico";
    single.prompt = tx("¿Cuál?", "¿Mayqin?");
    single.choices = {{"a", tx("Sí"), 100, tx("¡Bien!"), 0}, {"b", tx("No"), 0, {}, 0}};
    single.feedbackCorrect = tx("Correcto");
    single.feedbackIncorrect = tx("Incorrecto");
    single.feedbackGeneral = tx("Siempre");
    q.questions.push_back(single);

    Question multiple = single;
    multiple.id = "m";
    multiple.type = QuestionType::Multiple;
    multiple.choices = {{"a", tx("Uno"), 50, {}, 0},
                        {"b", tx("Dos"), 50, {}, 0},
                        {"c", tx("Tres"), -33.333, {}, 0}};
    q.questions.push_back(multiple);

    Question tf;
    tf.id = "tf";
    tf.type = QuestionType::TrueFalse;
    tf.answer = false;
    tf.prompt = tx("La tierra es plana.");
    q.questions.push_back(tf);

    Question shortQ;
    shortQ.id = "sa";
    shortQ.type = QuestionType::Short;
    shortQ.caseSensitive = true;
    shortQ.accentSensitive = true;
    shortQ.prompt = tx("¿Capital del Perú?");
    shortQ.accepts = {{"Lima", "", 100, 0}, {"Rímac", "qu", 50, 0}};
    q.questions.push_back(shortQ);

    Question num;
    num.id = "n";
    num.type = QuestionType::Numeric;
    num.prompt = tx("¿Cuánto?");
    NumericAnswer a;
    a.value = 3.5;
    a.tolerance = 0.25;
    NumericAnswer b;
    b.isRange = true;
    b.min = -1;
    b.max = 10;
    b.weight = 50;
    num.numeric = {a, b};
    q.questions.push_back(num);

    Question match;
    match.id = "mt";
    match.type = QuestionType::Matching;
    match.prompt = tx("Une");
    match.pairs = {{"p1", tx("uno"), tx("1"), 0}, {"p2", tx("dos"), tx("2"), 0}};
    match.distractors = {tx("3")};
    q.questions.push_back(match);

    Question order;
    order.id = "o";
    order.type = QuestionType::Ordering;
    order.prompt = tx("Ordena");
    order.sequence = {{"x", tx("primero"), 0, {}, 0}, {"y", tx("después"), 0, {}, 0}};
    q.questions.push_back(order);

    Question fill;
    fill.id = "f";
    fill.type = QuestionType::Fill;
    fill.prompt = tx("Dos más {{1}} es {{dos}}.");
    fill.blanks = {{"1", {{"dos", "", 100, 0}}, 0},
                   {"dos", {{"cuatro", "", 100, 0}, {"4", "", 100, 0}}, 0}};
    q.questions.push_back(fill);
    return q;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_question_type_round_trips) {
    const Quiz q = fullQuiz();
    const std::string xml1 = writeQuiz(q);
    const Quiz back = reparse(xml1, parseQuiz);
    BOOST_TEST((back == q));
    BOOST_TEST(writeQuiz(back) == xml1);
    // Lines are recorded but take no part in equality.
    BOOST_TEST(back.questions.at(0).line > 1);
}

BOOST_AUTO_TEST_CASE(a_changed_field_breaks_equality) {
    Quiz a = fullQuiz();
    Quiz b = a;
    b.questions.at(4).numeric.at(0).tolerance = 0.5;
    BOOST_TEST(!(a == b));
    b = a;
    b.questions.at(0).prompt.set("ay", "Kawkiri?");
    BOOST_TEST(!(a == b));
}

BOOST_AUTO_TEST_CASE(every_block_type_round_trips) {
    Lesson l;
    l.id = "l";
    l.title = tx("Lección", "Yachay");
    Page p;
    p.id = "p1";
    p.title = tx("Página");
    const auto block = [](BlockKind kind, LText text = {}) {
        Block b;
        b.kind = kind;
        b.text = std::move(text);
        return b;
    };
    Block list = block(BlockKind::List);
    list.items = {tx("uno"), tx("dos", "iskay")};
    list.ordered = true;
    Block img = block(BlockKind::Image);
    img.src = "media/a.svg";
    img.alt = tx("Un dibujo");
    img.caption = tx("Pie");
    Block audio = block(BlockKind::Audio);
    audio.src = "media/a.ogg";
    audio.caption = tx("Escucha");
    Block box = block(BlockKind::Box, tx("¡Cuidado!"));
    box.box = BoxKind::Warning;
    Block term = block(BlockKind::Term, tx("Clic"));
    term.definition = tx("Apretar una vez");
    p.blocks = {block(BlockKind::Heading, tx("Título")),
                block(BlockKind::Paragraph, tx("Texto con <signos> & \"comillas\"")),
                list,
                img,
                audio,
                box,
                term};
    l.pages.push_back(p);
    const std::string xml1 = writeLesson(l);
    const Lesson back = reparse(xml1, parseLesson);
    BOOST_TEST((back == l));
    BOOST_TEST(writeLesson(back) == xml1);
}

BOOST_AUTO_TEST_CASE(drills_round_trip) {
    Drill d;
    d.id = "d";
    d.kind = DrillKind::SaveFile;
    d.title = tx("Guardar");
    d.instructions = tx("Guarda el archivo en la carpeta Tareas.");
    d.params = {{"fileName", "mi-nombre.txt"}, {"folder", "Tareas"}};
    d.text = tx("Ñandú");
    d.minAccuracy = 100;
    d.maxSeconds = 120;
    d.minWpm = 7.5;
    const Drill back = reparse(writeDrill(d), parseDrill);
    BOOST_TEST((back == d));
}

BOOST_AUTO_TEST_CASE(the_sample_course_round_trips_through_save) {
    Problems p;
    const Package pkg = loadPackage(sampleCourse().string(), p);
    BOOST_TEST(p.empty());
    BOOST_TEST(pkg.lessons.size() == 1u);
    BOOST_TEST(pkg.quizzes.size() == 1u);
    BOOST_TEST(pkg.drills.size() == 1u);
    TempDir tmp;
    savePackage(pkg, tmp.str());
    Problems p2;
    const Package back = loadPackage(tmp.str(), p2);
    BOOST_TEST(p2.empty());
    BOOST_TEST((back == pkg));
    // Written twice, the files are the same bytes.
    TempDir tmp2;
    savePackage(back, tmp2.str());
    BOOST_TEST(readFile(tmp / "quizzes/repaso.xml") == readFile(tmp2 / "quizzes/repaso.xml"));
    BOOST_TEST(readFile(tmp / "imsmanifest.xml") == readFile(tmp2 / "imsmanifest.xml"));
}

BOOST_AUTO_TEST_CASE(multilingual_text_prefers_the_asked_language_then_spanish) {
    LText t = tx("hola", "napaykullayki");
    BOOST_TEST(t.best("qu") == "napaykullayki");
    BOOST_TEST(t.best("ay") == "hola");
    LText onlyEn;
    onlyEn.set("en", "hello");
    BOOST_TEST(onlyEn.best("qu") == "hello");
    BOOST_TEST(LText().best("es").empty());
}

BOOST_AUTO_TEST_CASE(names_of_enums_read_back) {
    for (QuestionType t : kAllQuestionTypes) {
        QuestionType back{};
        BOOST_TEST(fromString(toString(t), back));
        BOOST_TEST((back == t));
    }
    DrillKind k{};
    BOOST_TEST(fromString("double-click", k));
    BOOST_TEST((k == DrillKind::DoubleClick));
    BOOST_TEST(!fromString("triple-click", k));
}

BOOST_AUTO_TEST_CASE(recorded_narrations_round_trip_one_per_language) {
    Lesson l;
    l.id = "l";
    l.title = tx("Lección");
    Page p;
    p.id = "p1";
    p.title = tx("Página", "Raphi");
    Block para;
    para.kind = BlockKind::Paragraph;
    para.text = tx("El ratón mueve la flecha.", "Ratónqa flechata kuyuchin.");
    p.blocks = {para};
    p.narrations = {{"qu", "media/p1-qu.ogg"}, {"ay", "media/p1-ay.wav"}};
    l.pages.push_back(p);
    const std::string xml1 = writeLesson(l);
    BOOST_TEST(xml1.find("<narration xml:lang=\"ay\" src=\"media/p1-ay.wav\"") != std::string::npos,
               xml1);
    const Lesson back = reparse(xml1, parseLesson);
    BOOST_TEST((back == l));
    BOOST_TEST(back.pages.at(0).narrations.at("qu") == "media/p1-qu.ogg");
    BOOST_TEST(back.pages.at(0).narrationLines.at("qu") > 0);
    BOOST_TEST(writeLesson(back) == xml1);
    // A narration is part of the page: another recording makes another page.
    Lesson other = l;
    other.pages.at(0).narrations["qu"] = "media/otra.ogg";
    BOOST_TEST(!(other == l));
}

BOOST_AUTO_TEST_CASE(a_second_narration_in_one_language_is_an_error_with_its_line) {
    const std::string xmlText = "<lesson xmlns=\"urn:ayllu:content:1\" id=\"l\">\n"
                                "  <title><t xml:lang=\"es\">L</t></title>\n"
                                "  <page id=\"p1\">\n"
                                "    <paragraph><t xml:lang=\"es\">Hola</t></paragraph>\n"
                                "    <narration xml:lang=\"qu\" src=\"media/a.ogg\"/>\n"
                                "    <narration xml:lang=\"qu\" src=\"media/b.ogg\"/>\n"
                                "    <narration src=\"media/c.ogg\"/>\n"
                                "    <narration xml:lang=\"ay\"/>\n"
                                "  </page>\n"
                                "</lesson>\n";
    Problems p;
    auto doc = xml::Document::parse(xmlText, "lessons/l.xml", p);
    BOOST_REQUIRE(doc);
    const Lesson l = parseLesson(*doc, p);
    // Anywhere in the page, after the blocks too; the first recording is kept.
    BOOST_TEST(l.pages.at(0).narrations.size() == 1u);
    BOOST_TEST(l.pages.at(0).narrations.at("qu") == "media/a.ogg");
    const Problem* dup = p.find("duplicate-narration");
    BOOST_REQUIRE(dup != nullptr);
    BOOST_TEST(dup->toString().rfind("lessons/l.xml:6: error: ", 0) == 0u, dup->toString());
    BOOST_TEST(dup->message.find("5") != std::string::npos); // names the first one's line
    const Problem* lang = p.find("bad-language");
    BOOST_REQUIRE(lang != nullptr);
    BOOST_TEST(lang->line == 7);
    const Problem* src = p.find("missing-attribute");
    BOOST_REQUIRE(src != nullptr);
    BOOST_TEST(src->line == 8);
}

BOOST_AUTO_TEST_CASE(hostile_xml_is_refused_with_its_line_not_a_crash) {
    // 100,000 nested elements, one opening tag a line: refused where the nesting passes 64
    // (line 65), before anything walks the tree (a recursive walk overflowed the stack here).
    std::string deep = "<lesson xmlns=\"urn:ayllu:content:1\" id=\"l\">\n";
    for (int i = 0; i < 100000; ++i) {
        deep += "<b>\n";
    }
    for (int i = 0; i < 100000; ++i) {
        deep += "</b>";
    }
    deep += "</lesson>";
    Problems p;
    BOOST_TEST(!xml::Document::parse(deep, "lessons/hondo.xml", p));
    BOOST_REQUIRE(p.items().size() == 1u);
    BOOST_TEST(p.items()[0].toString().find("lessons/hondo.xml:65: error:") == 0u,
               p.items()[0].toString());
    // 64 levels are fine.
    std::string ok = "<a>";
    for (int i = 1; i < xml::Document::kMaxDepth; ++i) {
        ok += "<a>";
    }
    for (int i = 0; i < xml::Document::kMaxDepth; ++i) {
        ok += "</a>";
    }
    Problems fine;
    BOOST_TEST((xml::Document::parse(ok, "ok.xml", fine) != nullptr));
    BOOST_TEST(fine.empty());
    // A DOCTYPE, even one that only declares an entity, is refused at its line.
    Problems doctype;
    BOOST_TEST(!xml::Document::parse("<?xml version=\"1.0\"?>\n<!DOCTYPE lesson [\n"
                                     "<!ENTITY x \"xxxxxxxxxx\">]>\n<lesson>&x;</lesson>",
                                     "lessons/dt.xml", doctype));
    BOOST_REQUIRE(doctype.items().size() == 1u);
    BOOST_TEST(doctype.items()[0].toString().find("lessons/dt.xml:2: error:") == 0u,
               doctype.items()[0].toString());
    // Larger than any Ayllu file: refused before it is even scanned.
    Problems big;
    BOOST_TEST(
        !xml::Document::parse(std::string(xml::Document::kMaxBytes + 1, ' '), "big.xml", big));
    BOOST_TEST(big.items().size() == 1u);
}
