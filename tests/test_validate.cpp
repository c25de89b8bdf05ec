#define BOOST_TEST_MODULE validate
#include "ayllu/course/media.h"
#include "ayllu/course/validate.h"
#include "ayllu/course/write.h"
#include "ayllu/zip.h"
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu;
using namespace ayllu::course;
using namespace ayllu::test;

namespace {

// A copy of the sample course to break, one rule at a time.
struct Broken {
    TempDir tmp;
    fs::path dir = tmp / "course";
    Broken() { copyTree(sampleCourse(), dir); }
    fs::path operator/(const std::string& rel) const { return dir / rel; }
    Validation check() const { return validate(dir.string()); }
};

std::string dump(const Problems& p) {
    std::string out;
    for (const auto& x : p.items()) {
        out += x.toString() + "\n";
    }
    return out;
}

// The problem `code` is reported as an error at file:line.
void expectError(const Validation& v, const std::string& code, const std::string& file, int line) {
    const Problem* p = nullptr;
    for (const auto& x : v.problems.items()) {
        if (x.code == code && x.file == file && (line < 0 || x.line == line)) {
            p = &x;
        }
    }
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_REQUIRE_MESSAGE(p != nullptr, "no " << code << " at " << file << ":" << line);
    BOOST_TEST((p->severity == Severity::Error));
    BOOST_TEST(!p->message.empty());
}

} // namespace

BOOST_AUTO_TEST_CASE(the_sample_course_is_valid_without_warnings) {
    const auto v = validate(sampleCourse().string());
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_TEST(v.problems.empty());
}

BOOST_AUTO_TEST_CASE(problems_print_as_file_line_severity_message) {
    Problem p{"lessons/a.xml", 12, Severity::Error, "x", "bad thing"};
    BOOST_TEST(p.toString() == "lessons/a.xml:12: error: bad thing");
    p.severity = Severity::Warning;
    p.line = 0;
    BOOST_TEST(p.toString() == "lessons/a.xml: warning: bad thing");
}

BOOST_AUTO_TEST_CASE(xml_syntax_errors_name_the_line) {
    Broken b;
    b.check();
    replaceInFile(b / "lessons/raton.xml", "<heading>", "<heading");
    expectError(b.check(), "xml-syntax", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "<heading"));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_names_the_line) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "El botón derecho", "El bot\xf3n derecho");
    expectError(b.check(), "invalid-utf8", "quizzes/repaso.xml",
                lineOf(b / "quizzes/repaso.xml", "El bot\xf3n"));
}

BOOST_AUTO_TEST_CASE(unknown_elements_and_attributes_are_errors) {
    Broken b;
    replaceInFile(b / "lessons/raton.xml", "<box kind=\"warning\">",
                  "<box kind=\"warning\" colour=\"red\">");
    replaceInFile(b / "lessons/raton.xml", "<term>", "<termino/><term>");
    const auto v = b.check();
    expectError(v, "unknown-element", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "<termino"));
    expectError(v, "unknown-attribute", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "colour"));
}

BOOST_AUTO_TEST_CASE(spanish_is_required_in_every_text) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "<t xml:lang=\"es\">La rueda</t>", "");
    replaceInFile(b / "lessons/raton.xml", "<t xml:lang=\"es\">Conoce el ratón</t>", "");
    const auto v = b.check();
    expectError(v, "missing-spanish", "quizzes/repaso.xml",
                lineOf(b / "quizzes/repaso.xml", "<choice id=\"c\""));
    expectError(v, "missing-spanish", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "<title>"));
}

BOOST_AUTO_TEST_CASE(spanish_must_be_offered) {
    Broken b;
    replaceInFile(b / "imsmanifest.xml", "<ay:language code=\"es\"/>", "");
    expectError(b.check(), "missing-spanish", "imsmanifest.xml",
                lineOf(b / "imsmanifest.xml", "<ay:course>"));
}

BOOST_AUTO_TEST_CASE(dangling_identifierrefs_are_errors) {
    Broken b;
    replaceInFile(b / "imsmanifest.xml", "identifierref=\"res-ejercicio\"",
                  "identifierref=\"res-nada\"");
    const auto v = b.check();
    expectError(v, "dangling-ref", "imsmanifest.xml", lineOf(b / "imsmanifest.xml", "res-nada"));
    // The resource nobody uses now is a warning.
    BOOST_TEST(v.problems.contains("unused-resource"));
}

BOOST_AUTO_TEST_CASE(referenced_files_must_exist) {
    Broken b;
    fs::remove(b / "media/raton.svg");
    const auto v = b.check();
    expectError(v, "missing-file", "imsmanifest.xml",
                lineOf(b / "imsmanifest.xml", "media/raton.svg"));
    expectError(v, "missing-file", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "media/raton.svg"));
}

BOOST_AUTO_TEST_CASE(unreferenced_files_are_warnings_only) {
    Broken b;
    writeFile(b / "media/olvidado.png", makePng(4, 4));
    const auto v = b.check();
    const Problem* p = v.problems.find("unreferenced-file");
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(p->file == "media/olvidado.png");
    BOOST_TEST((p->severity == Severity::Warning));
    BOOST_TEST(!v.problems.hasErrors());
}

BOOST_AUTO_TEST_CASE(duplicate_identifiers_are_errors) {
    Broken b;
    replaceInFile(b / "imsmanifest.xml", "identifier=\"res-ejercicio\"",
                  "identifier=\"res-leccion\"");
    replaceInFile(b / "quizzes/repaso.xml", "id=\"q2\"", "id=\"q1\"");
    replaceInFile(b / "lessons/raton.xml", "<page id=\"p2\">", "<page id=\"p1\">");
    const auto v = b.check();
    expectError(v, "duplicate-id", "imsmanifest.xml",
                lineOf(b / "imsmanifest.xml", "identifier=\"res-leccion\" type=\"ayllu/drill\""));
    expectError(v, "duplicate-id", "quizzes/repaso.xml",
                lineOf(b / "quizzes/repaso.xml", "type=\"multiple\""));
    expectError(v, "duplicate-id", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "Las partes") - 1);
}

BOOST_AUTO_TEST_CASE(a_question_without_a_correct_answer_is_an_error) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "<choice id=\"a\" correct=\"true\">",
                  "<choice id=\"a\">");
    replaceInFile(b / "quizzes/repaso.xml", "<accept>clic</accept>\n    <accept>click</accept>",
                  "");
    replaceInFile(b / "quizzes/repaso.xml", "<blank id=\"2\"><accept>izquierdo</accept></blank>",
                  "<blank id=\"2\"><accept weight=\"50\">izquierdo</accept></blank>");
    const auto v = b.check();
    const auto f = b / "quizzes/repaso.xml";
    expectError(v, "no-correct-answer", "quizzes/repaso.xml", lineOf(f, "type=\"single\""));
    expectError(v, "no-correct-answer", "quizzes/repaso.xml", lineOf(f, "type=\"short\""));
    expectError(v, "no-correct-answer", "quizzes/repaso.xml", lineOf(f, "type=\"fill\""));
}

BOOST_AUTO_TEST_CASE(true_false_needs_its_answer) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "type=\"truefalse\" answer=\"false\"",
                  "type=\"truefalse\"");
    expectError(b.check(), "no-correct-answer", "quizzes/repaso.xml",
                lineOf(b / "quizzes/repaso.xml", "type=\"truefalse\""));
}

BOOST_AUTO_TEST_CASE(fill_in_blanks_must_match_the_prompt) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "con el botón {{2}}.", "con el botón {{3}}.");
    const auto v = b.check();
    const int line = lineOf(b / "quizzes/repaso.xml", "{{3}}");
    expectError(v, "blank-missing", "quizzes/repaso.xml", line);
    BOOST_TEST(v.problems.errorCount() == 2u); // {{2}} missing, {{3}} unknown
}

BOOST_AUTO_TEST_CASE(too_few_choices_pairs_or_items) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml",
                  "<pair id=\"m2\"><left><t xml:lang=\"es\">Rueda</t></left><right><t "
                  "xml:lang=\"es\">Subir y bajar</t></right></pair>",
                  "");
    expectError(b.check(), "too-few", "quizzes/repaso.xml",
                lineOf(b / "quizzes/repaso.xml", "type=\"matching\""));
}

BOOST_AUTO_TEST_CASE(numbers_out_of_range_are_errors) {
    Broken b;
    replaceInFile(b / "quizzes/repaso.xml", "passPercent=\"60\"", "passPercent=\"160\"");
    replaceInFile(b / "drills/escribir.xml", "accuracy=\"90\"", "accuracy=\"muy\"");
    const auto v = b.check();
    expectError(v, "bad-number", "quizzes/repaso.xml", 2);
    expectError(v, "bad-number", "drills/escribir.xml",
                lineOf(b / "drills/escribir.xml", "<success"));
}

BOOST_AUTO_TEST_CASE(media_that_cannot_be_decoded_is_an_error) {
    Broken b;
    writeFile(b / "media/raton.svg", "<svg><unclosed></svg>");
    expectError(b.check(), "bad-media", "lessons/raton.xml",
                lineOf(b / "lessons/raton.xml", "<image"));
}

BOOST_AUTO_TEST_CASE(media_checks_decode_png_jpeg_svg_and_audio) {
    const std::string png = makePng(3, 2);
    BOOST_TEST(!checkMedia("a.png", png, MediaKind::Image));
    BOOST_TEST(!checkMedia("A.PNG", png, MediaKind::Image));
    std::string badCrc = png;
    badCrc[20] ^= 1; // inside IHDR
    BOOST_TEST(checkMedia("a.png", badCrc, MediaKind::Image).has_value());
    BOOST_TEST(checkMedia("a.png", png.substr(0, png.size() - 20), MediaKind::Image).has_value());
    BOOST_TEST(checkMedia("a.png", "GIF89a", MediaKind::Image).has_value());
    BOOST_TEST(checkMedia("a.gif", png, MediaKind::Image).has_value());

    // A minimal JPEG structure: SOI, SOF0 (8x8), SOS, data, EOI.
    static const char kJpeg[] = "\xff\xd8\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00"
                                "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x12\x34\xff\xd9";
    const std::string jpeg(kJpeg, sizeof kJpeg - 1);
    BOOST_TEST(!checkMedia("a.jpg", jpeg, MediaKind::Image));
    BOOST_TEST(checkMedia("a.jpg", jpeg.substr(0, 20), MediaKind::Image).has_value());

    BOOST_TEST(
        !checkMedia("a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", MediaKind::Image));
    BOOST_TEST(checkMedia("a.svg", "<html/>", MediaKind::Image).has_value());

    std::string wav = "RIFF" + std::string(4, '\0') + "WAVE" + std::string(40, '\0');
    BOOST_TEST(!checkMedia("a.wav", wav, MediaKind::Audio));
    BOOST_TEST(checkMedia("a.ogg", wav, MediaKind::Audio).has_value());
    BOOST_TEST(!checkMedia("a.ogg", "OggS" + std::string(40, '\0'), MediaKind::Audio));
    BOOST_TEST(checkMedia("a.ogg", "", MediaKind::Audio).has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_manifest_is_reported) {
    TempDir tmp;
    const auto v = validate(tmp.str());
    BOOST_TEST(v.problems.contains("missing-manifest"));
    BOOST_TEST(v.problems.hasErrors());
}

BOOST_AUTO_TEST_CASE(a_newer_format_version_is_named) {
    Broken b;
    replaceInFile(b / "drills/escribir.xml", "urn:ayllu:content:1", "urn:ayllu:content:2");
    expectError(b.check(), "unsupported-version", "drills/escribir.xml", 2);
}

BOOST_AUTO_TEST_CASE(paths_leaving_the_package_are_refused) {
    Broken b;
    writeFile(b.tmp / "secreto.xml", "<lesson/>");
    replaceInFile(b / "imsmanifest.xml", "<file href=\"quizzes/repaso.xml\"/>",
                  "<file href=\"../secreto.xml\"/><file href=\"quizzes/repaso.xml\"/>");
    expectError(b.check(), "unsafe-path", "imsmanifest.xml",
                lineOf(b / "imsmanifest.xml", "../secreto"));
}

BOOST_AUTO_TEST_CASE(every_problem_is_collected_not_just_the_first) {
    Broken b;
    replaceInFile(b / "lessons/raton.xml", "<heading>", "<heading"); // syntax
    replaceInFile(b / "quizzes/repaso.xml", "<choice id=\"a\" correct=\"true\">",
                  "<choice id=\"a\">");
    replaceInFile(b / "drills/escribir.xml", "kind=\"typing\"", "kind=\"juggling\"");
    fs::remove(b / "media/raton.svg");
    const auto v = b.check();
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_TEST(v.problems.contains("xml-syntax"));
    BOOST_TEST(v.problems.contains("no-correct-answer"));
    BOOST_TEST(v.problems.contains("bad-value"));
    BOOST_TEST(v.problems.contains("missing-file"));
}

BOOST_AUTO_TEST_CASE(a_zipped_course_validates_like_its_folder) {
    TempDir tmp;
    const auto zipPath = tmp / "muestra.zip";
    zip::pack(sampleCourse().string(), zipPath.string());
    const auto v = validate(zipPath.string());
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_TEST(v.problems.empty());
    BOOST_TEST(v.package.quizzes.size() == 1u);

    Broken b;
    fs::remove(b / "media/raton.svg");
    zip::pack(b.dir.string(), (tmp / "broken.zip").string());
    const auto vb = validate((tmp / "broken.zip").string());
    BOOST_TEST(vb.problems.contains("missing-file"));
    BOOST_TEST(vb.problems.find("missing-file")->file == "imsmanifest.xml");
}

BOOST_AUTO_TEST_CASE(drill_parameters_are_checked_per_kind) {
    Broken b;
    replaceInFile(b / "drills/escribir.xml", "kind=\"typing\"", "kind=\"save-file\"");
    replaceInFile(b / "drills/escribir.xml", "<success",
                  "<param name=\"fileName\" value=\"../x\"/><success");
    const auto v = b.check();
    expectError(v, "missing-param", "drills/escribir.xml", 2);
    expectError(v, "bad-value", "drills/escribir.xml",
                lineOf(b / "drills/escribir.xml", "fileName"));
}

BOOST_AUTO_TEST_CASE(item_translations_take_their_spanish_from_the_ims_title) {
    Broken b;
    replaceInFile(b / "imsmanifest.xml", "<title>Conoce el ratón</title>",
                  "<title>Conoce el ratón</title><ay:title><ay:t xml:lang=\"qu\">Ukuchata "
                  "riqsiy</ay:t></ay:title>");
    BOOST_TEST(!b.check().problems.hasErrors());
    replaceInFile(b / "imsmanifest.xml", "<title>Conoce el ratón</title>", "<title></title>");
    BOOST_TEST(b.check().problems.contains("missing-title"));
}

// ---- recorded narration ------------------------------------------------------------------

namespace {

// A short valid WAV: 16-bit mono silence.
std::string silentWav() {
    std::string w = "RIFF";
    const auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            w += static_cast<char>((v >> (8 * i)) & 0xff);
        }
    };
    u32(36 + 1600);
    w += "WAVEfmt ";
    u32(16);
    w += std::string("\x01\x00\x01\x00", 4); // PCM, mono
    u32(8000);
    u32(16000);
    w += std::string("\x02\x00\x10\x00", 4); // 2 bytes a frame, 16 bits
    w += "data";
    u32(1600);
    return w + std::string(1600, '\0');
}

// The sample course with the narrations `tags` (each "<narration .../>") on its first page.
struct Narrated : Broken {
    explicit Narrated(const std::string& tags) {
        replaceInFile(*this / "lessons/raton.xml", "What is the mouse?</t></title>",
                      "What is the mouse?</t></title>\n" + tags);
    }
    int line(const std::string& needle) const {
        return lineOf(*this / "lessons/raton.xml", needle);
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_narration_whose_recording_is_listed_and_real_is_valid) {
    Narrated b("    <narration xml:lang=\"qu\" src=\"media/p1-qu.wav\"/>");
    writeFile(b / "media/p1-qu.wav", silentWav());
    replaceInFile(b / "imsmanifest.xml", "<file href=\"media/raton.svg\"/>",
                  "<file href=\"media/raton.svg\"/><file href=\"media/p1-qu.wav\"/>");
    const auto v = b.check();
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_TEST(v.problems.empty()); // not even "unreferenced-file"
    BOOST_TEST(v.package.lessons.at("res-leccion").pages.at(0).narrations.at("qu") ==
               "media/p1-qu.wav");
}

BOOST_AUTO_TEST_CASE(a_narration_without_its_file_is_an_error_at_its_line) {
    Narrated b("    <narration xml:lang=\"qu\" src=\"media/p1-qu.ogg\"/>");
    const auto v = b.check();
    expectError(v, "missing-file", "lessons/raton.xml", b.line("<narration"));
    const Problem* p = v.problems.find("missing-file");
    BOOST_TEST(p->toString() == "lessons/raton.xml:" + std::to_string(b.line("<narration")) +
                                    ": error: " + p->message);
}

BOOST_AUTO_TEST_CASE(two_narrations_in_one_language_are_an_error_at_the_second) {
    Narrated b("    <narration xml:lang=\"qu\" src=\"media/p1-qu.wav\"/>\n"
               "    <narration xml:lang=\"qu\" src=\"media/p1-qu-otra.wav\"/>");
    writeFile(b / "media/p1-qu.wav", silentWav());
    writeFile(b / "media/p1-qu-otra.wav", silentWav());
    expectError(b.check(), "duplicate-narration", "lessons/raton.xml", b.line("p1-qu-otra"));
}

BOOST_AUTO_TEST_CASE(a_narration_in_a_language_the_course_does_not_offer_is_an_error) {
    // The sample course offers es, qu, ay and en; nobody could ever hear a Guarani recording.
    Narrated b("    <narration xml:lang=\"gn\" src=\"media/p1-gn.wav\"/>");
    writeFile(b / "media/p1-gn.wav", silentWav());
    expectError(b.check(), "undeclared-language", "lessons/raton.xml", b.line("<narration"));
}

BOOST_AUTO_TEST_CASE(a_narration_must_be_audio_the_format_accepts) {
    Narrated b("    <narration xml:lang=\"qu\" src=\"media/p1-qu.txt\"/>\n"
               "    <narration xml:lang=\"ay\" src=\"media/p1-ay.ogg\"/>\n"
               "    <narration xml:lang=\"en\" src=\"../fuera.wav\"/>");
    writeFile(b / "media/p1-qu.txt", "Ratónqa...");
    writeFile(b / "media/p1-ay.ogg", silentWav()); // a WAV named .ogg
    const auto v = b.check();
    expectError(v, "bad-media", "lessons/raton.xml", b.line("p1-qu.txt"));
    expectError(v, "bad-media", "lessons/raton.xml", b.line("p1-ay.ogg"));
    expectError(v, "unsafe-path", "lessons/raton.xml", b.line("fuera.wav"));
    // Not listed as a <file> of the lesson's resource: a warning, as for other media.
    BOOST_TEST(v.problems.contains("undeclared-file"));
}

namespace {

LanguageCoverage coverageOf(const Validation& v, const std::string& code) {
    for (const auto& c : languageCoverage(v.package)) {
        if (c.code == code) {
            return c;
        }
    }
    BOOST_FAIL("no coverage for " << code);
    return {};
}

} // namespace

BOOST_AUTO_TEST_CASE(coverage_counts_every_text_a_learner_can_see) {
    Broken b;
    auto c = coverageOf(b.check(), "qu");
    BOOST_TEST(c.total == 47u);
    BOOST_TEST(c.present == 4u);
    BOOST_TEST(c.partial);
    BOOST_TEST(c.line == lineOf(b / "imsmanifest.xml", "<ay:language code=\"qu\""));
    BOOST_TEST(coverageOf(b.check(), "es").present == 47u);

    // Each text gets a Quechua version in turn: the count goes up by one every time.
    struct Text {
        const char* file;
        const char* after; // the Spanish text (its end), to follow with the Quechua one
    };
    const Text texts[] = {
        {"lessons/raton.xml", "¿Qué es el ratón?</t>"},                             // page title
        {"lessons/raton.xml", "<t xml:lang=\"es\">El ratón</t>"},                   // heading
        {"lessons/raton.xml", "Tómalo con la mano, sin apretar.</t>"},              // paragraph
        {"lessons/raton.xml", "dos botones y una rueda.</t>"},                      // image alt
        {"lessons/raton.xml", "rueda y botón derecho.</t>"},                        // caption
        {"lessons/raton.xml", "<t xml:lang=\"es\">Clic</t>"},                       // key term
        {"lessons/raton.xml", "el botón izquierdo una vez.</t>"},                   // definition
        {"lessons/raton.xml", "Botón izquierdo: elegir.</t>"},                      // list item
        {"lessons/raton.xml", "No tires del cable del ratón.</t>"},                 // box
        {"quizzes/repaso.xml", "¿Qué partes tiene el ratón?</t>"},                  // prompt
        {"quizzes/repaso.xml", "\"b\" weight=\"50\"><t xml:lang=\"es\">Rueda</t>"}, // choice
        {"quizzes/repaso.xml", "otra parte de la computadora.</t>"},  // choice feedback
        {"quizzes/repaso.xml", "Basta con apretar suave.</t>"},       // question feedback
        {"quizzes/repaso.xml", "<left><t xml:lang=\"es\">Rueda</t>"}, // matching left
        {"quizzes/repaso.xml", "<t xml:lang=\"es\">Elegir</t>"},      // matching right
        {"quizzes/repaso.xml", "Encender la computadora</t>"},        // distractor
        {"quizzes/repaso.xml", "Hacer doble clic</t>"},               // ordering item
        {"drills/escribir.xml", "Escribe con ñ y tildes</t>"},        // drill title
        {"drills/escribir.xml", "para las mayúsculas.</t>"},          // drill instructions
    };
    std::size_t present = 4;
    for (const auto& t : texts) {
        replaceInFile(b / t.file, t.after, std::string(t.after) + "<t xml:lang=\"qu\">ñawpaq</t>");
        c = coverageOf(b.check(), "qu");
        BOOST_TEST(c.present == ++present, t.after);
        BOOST_TEST(c.total == 47u);
    }
    // Item titles (the IMS <title> is their Spanish) and the course description count too.
    replaceInFile(b / "imsmanifest.xml", "<title>Escribe tu nombre</title>",
                  "<title>Escribe tu nombre</title><ay:title><ay:t xml:lang=\"qu\">Sutiykita "
                  "qillqay</ay:t></ay:title>");
    replaceInFile(b / "imsmanifest.xml", "a hands-on drill.</ay:t>",
                  "a hands-on drill.</ay:t><ay:t xml:lang=\"qu\">Huk yachachikuy.</ay:t>");
    c = coverageOf(b.check(), "qu");
    BOOST_TEST(c.present == present + 2);
    // A new Spanish-only text needs Quechua too: a quiz description.
    replaceInFile(b / "quizzes/repaso.xml", "</title>",
                  "</title><description><t xml:lang=\"es\">Ocho preguntas.</t></description>");
    c = coverageOf(b.check(), "qu");
    BOOST_TEST(c.total == 48u);
    BOOST_TEST(c.percent() == static_cast<int>((present + 2) * 100 / 48));
    BOOST_TEST(!b.check().problems.hasErrors());
}

BOOST_AUTO_TEST_CASE(a_declared_language_lacking_texts_warns_unless_declared_partial) {
    Broken b;
    BOOST_TEST(!b.check().problems.contains("incomplete-language")); // all three are partial
    replaceInFile(b / "imsmanifest.xml",
                  "<ay:language code=\"qu\" review=\"needed\" coverage=\"partial\">",
                  "<ay:language code=\"qu\" review=\"needed\">");
    const auto v = b.check();
    const Problem* p = nullptr;
    for (const auto& x : v.problems.items()) {
        p = x.code == "incomplete-language" ? &x : p;
    }
    BOOST_TEST_MESSAGE(dump(v.problems));
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST((p->severity == Severity::Warning));
    BOOST_TEST(p->file == "imsmanifest.xml");
    BOOST_TEST(p->line == lineOf(b / "imsmanifest.xml", "<ay:language code=\"qu\""));
    BOOST_TEST(p->message.find("43 of 47") != std::string::npos, p->message);
    BOOST_TEST(p->message.find("(qu)") != std::string::npos, p->message);
    BOOST_TEST(v.problems.warningCount() == 1u); // ay and en stay partial; es is the base
    BOOST_TEST(!v.problems.hasErrors());

    replaceInFile(b / "imsmanifest.xml",
                  "<ay:language code=\"ay\" review=\"needed\" coverage=\"partial\">",
                  "<ay:language code=\"ay\" coverage=\"all\">");
    expectError(b.check(), "bad-value", "imsmanifest.xml",
                lineOf(b / "imsmanifest.xml", "<ay:language code=\"ay\""));
}

BOOST_AUTO_TEST_CASE(coverage_partial_survives_writing_the_manifest_again) {
    TempDir tmp;
    const auto v = validate(sampleCourse().string());
    savePackage(v.package, (tmp / "c").string());
    const auto again = validate((tmp / "c").string());
    BOOST_TEST(again.package.manifest.meta.languages.size() == 4u);
    for (const auto& l : again.package.manifest.meta.languages) {
        BOOST_TEST(l.partial == (l.code != "es"), l.code);
    }
    BOOST_TEST(!again.problems.contains("incomplete-language"));
}
