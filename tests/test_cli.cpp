#define BOOST_TEST_MODULE cli
#include "support.h"

#include <boost/test/unit_test.hpp>

using namespace ayllu::test;

namespace {

// Runs ayllu-course in English (the source language) unless told otherwise.
CommandResult tool(const std::string& args, const std::string& lang = "en") {
    return run("AYLLU_LANG=" + lang + " AYLLU_LOCALEDIR=" + quote(AYLLU_BUILD_LOCALE_DIR) + " " +
               quote(AYLLU_COURSE_TOOL) + " " + args);
}

bool has(const std::string& out, const std::string& needle) {
    return out.find(needle) != std::string::npos;
}

// A small course declaring Quechua with `languageAttributes`, and 8 learner texts of which 5 are
// in Quechua: course title yes, item title (IMS, Spanish only) no, lesson title yes, paragraph
// yes, list items yes and no, key term yes, definition no.
void writeSmallCourse(const fs::path& dir, const std::string& languageAttributes = "") {
    writeFile(dir / "imsmanifest.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:ay="urn:ayllu:content:1"
          identifier="pe.ayllu.prueba" version="1.0.0">
  <metadata>
    <ay:course>
      <ay:title><ay:t xml:lang="es">Prueba</ay:t><ay:t xml:lang="qu">Pruebay</ay:t></ay:title>
      <ay:language code="es"/>
      <ay:language code="qu"/>
      <ay:author>Equipo Ayllu</ay:author>
      <ay:licence>CC BY-SA 4.0</ay:licence>
    </ay:course>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Prueba</title>
      <item identifier="i1" identifierref="r1"><title>La lección</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="ayllu/lesson" href="leccion.xml">
      <file href="leccion.xml"/>
    </resource>
  </resources>
</manifest>
)");
    writeFile(dir / "leccion.xml", R"(<?xml version="1.0" encoding="UTF-8"?>
<lesson xmlns="urn:ayllu:content:1" id="leccion">
  <title><t xml:lang="es">La lección</t><t xml:lang="qu">Yachachiy</t></title>
  <page id="p1">
    <paragraph><t xml:lang="es">Uno.</t><t xml:lang="qu">Huk.</t></paragraph>
    <list>
      <item><t xml:lang="es">Dos</t><t xml:lang="qu">Iskay</t></item>
      <item><t xml:lang="es">Tres</t></item>
    </list>
    <term>
      <word><t xml:lang="es">Clic</t><t xml:lang="qu">Clic</t></word>
      <definition><t xml:lang="es">Apretar y soltar una vez.</t></definition>
    </term>
  </page>
</lesson>
)");
    if (!languageAttributes.empty()) {
        replaceInFile(dir / "imsmanifest.xml", "<ay:language code=\"qu\"/>",
                      "<ay:language code=\"qu\"" + languageAttributes + "/>");
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(validate_exit_codes) {
    auto r = tool("validate " + quote(sampleCourse().string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(has(r.out, "is valid."));

    TempDir tmp;
    copyTree(sampleCourse(), tmp / "c");
    replaceInFile(tmp / "c" / "quizzes/repaso.xml", "<choice id=\"a\" correct=\"true\">",
                  "<choice id=\"a\">");
    r = tool("validate " + quote((tmp / "c").string()));
    BOOST_TEST(r.status == 1);
    BOOST_TEST(has(r.out, "quizzes/repaso.xml:5: error: question \"q1\" has no correct answer"),
               r.out);
    BOOST_TEST(has(r.out, "1 error, 0 warnings"), r.out);

    BOOST_TEST(tool("validate").status == 2);
    BOOST_TEST(tool("validate a b").status == 2);
    BOOST_TEST(tool("validate --bogus x").status == 2);
    BOOST_TEST(tool("frobnicate").status == 2);
    BOOST_TEST(tool("").status == 2);
    BOOST_TEST(tool("validate " + quote((tmp / "none").string())).status == 1);
}

BOOST_AUTO_TEST_CASE(help_for_every_command) {
    const auto main = tool("--help");
    BOOST_TEST(main.status == 0);
    for (const std::string c : {"validate", "pack", "unpack", "info", "import-quiz"}) {
        BOOST_TEST(has(main.out, c));
        const auto r = tool(c + " --help");
        BOOST_TEST(r.status == 0, c);
        BOOST_TEST(has(r.out, "Usage: ayllu-course " + c), r.out);
    }
}

BOOST_AUTO_TEST_CASE(pack_unpack_and_info) {
    TempDir tmp;
    const auto zip = tmp / "muestra.zip";
    auto r = tool("pack " + quote(sampleCourse().string()) + " -o " + quote(zip.string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(fs::file_size(zip) > 1000u);

    r = tool("unpack " + quote(zip.string()) + " -o " + quote((tmp / "out").string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(listTree(tmp / "out") == listTree(sampleCourse()));
    // Unpacking again over it is refused and changes nothing.
    r = tool("unpack " + quote(zip.string()) + " -o " + quote((tmp / "out").string()));
    BOOST_TEST(r.status == 1);

    r = tool("info " + quote(zip.string()) + " --json");
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(has(r.out, "\"identifier\":\"pe.ayllu.muestra\""), r.out);
    BOOST_TEST(has(r.out, "\"lessons\":1,\"pages\":2,\"quizzes\":1,\"questions\":8"), r.out);
    BOOST_TEST(has(r.out, "\"questions_by_type\":{\"fill\":1,\"matching\":1,\"multiple\":1,"
                          "\"numeric\":1,\"ordering\":1,\"short\":1,\"single\":1,\"truefalse\":1}"),
               r.out);
    BOOST_TEST(has(r.out, "\"drills\":1"));
    BOOST_TEST(has(r.out, "\"languages\":[\"es\",\"qu\",\"ay\",\"en\"]"));

    r = tool("info " + quote(sampleCourse().string()));
    BOOST_TEST(has(r.out, "Lessons: 1 (2 pages)"), r.out);
}

BOOST_AUTO_TEST_CASE(pack_refuses_an_invalid_course) {
    TempDir tmp;
    copyTree(sampleCourse(), tmp / "c");
    fs::remove(tmp / "c" / "media/raton.svg");
    const auto r =
        tool("pack " + quote((tmp / "c").string()) + " -o " + quote((tmp / "c.zip").string()));
    BOOST_TEST(r.status == 1);
    BOOST_TEST(!fs::exists(tmp / "c.zip"));
    BOOST_TEST(tool("pack " + quote((tmp / "c").string())).status == 2); // no -o
}

BOOST_AUTO_TEST_CASE(import_quiz_creates_a_valid_course_then_adds_to_it) {
    TempDir tmp;
    writeFile(tmp / "repaso.gift", "::a::¿Sí? {T}\n\n::b::Escribe {}\n\n::c::¿Cuál? {=uno ~dos}\n");
    auto r = tool("import-quiz " + quote((tmp / "repaso.gift").string()) + " -o " +
                  quote((tmp / "curso").string()) + " --title 'Repaso rápido'");
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(has(r.out, "repaso.gift:3: warning:"), r.out);
    BOOST_TEST(has(r.out, "Imported 2 questions"), r.out);
    BOOST_TEST(tool("validate " + quote((tmp / "curso").string())).status == 0);

    const std::string moodle = (sourceDir() / "tests/fixtures/moodle/preguntas.xml").string();
    r = tool("import-quiz " + quote(moodle) + " -o " + quote((tmp / "curso").string()));
    BOOST_TEST(r.status == 0, r.out);
    auto info = tool("info " + quote((tmp / "curso").string()) + " --json");
    BOOST_TEST(has(info.out, "\"quizzes\":2,\"questions\":10"), info.out);
    BOOST_TEST(tool("validate " + quote((tmp / "curso").string())).status == 0);

    // A folder that is not a course is left alone.
    writeFile(tmp / "otra" / "nota.txt", "mío");
    r = tool("import-quiz " + quote((tmp / "repaso.gift").string()) + " -o " +
             quote((tmp / "otra").string()));
    BOOST_TEST(r.status == 1);
    BOOST_TEST(listTree(tmp / "otra") == std::vector<std::string>{"nota.txt"});
}

BOOST_AUTO_TEST_CASE(messages_follow_the_language_spanish_by_default) {
    const auto en = tool("--help", "en");
    const auto es = tool("--help", "es");
    const auto qu = tool("--help", "qu");
    BOOST_TEST(has(en.out, "Commands:"));
    BOOST_TEST(has(es.out, "Órdenes:"), es.out);
    BOOST_TEST(has(qu.out, "Kamachiykuna:"), qu.out); // the Quechua catalog (a draft)
    BOOST_TEST(has(tool("--help", "ay").out, "Ordenanaka:"));
    const auto def =
        run("env -u LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u AYLLU_LANG AYLLU_LOCALEDIR=" +
            quote(AYLLU_BUILD_LOCALE_DIR) + " " + quote(AYLLU_COURSE_TOOL) + " --help");
    BOOST_TEST(has(def.out, "Órdenes:"), def.out);
}

BOOST_AUTO_TEST_CASE(info_prints_each_language_s_share_of_the_learner_texts) {
    TempDir tmp;
    writeSmallCourse(tmp / "c");
    auto r = tool("info " + quote((tmp / "c").string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(has(r.out, "\n  es 100% (8/8)\n  qu 62% (5/8)\n"), r.out); // rounded down

    r = tool("info " + quote((tmp / "c").string()) + " --json");
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(has(r.out, "\"coverage\":{\"es\":{\"percent\":100,\"present\":8,\"total\":8,"
                          "\"partial\":false},\"qu\":{\"percent\":62,\"present\":5,\"total\":8,"
                          "\"partial\":false}}"),
               r.out);

    // The same figures in Spanish (the default), and for a zip.
    r = tool("pack " + quote((tmp / "c").string()) + " -o " + quote((tmp / "c.zip").string()));
    BOOST_TEST(r.status == 0, r.out);
    r = tool("info " + quote((tmp / "c.zip").string()), "es");
    BOOST_TEST(has(r.out, "  qu 62% (5/8)\n"), r.out);

    // The sample course says its translations are partial, and info says so too.
    r = tool("info " + quote(sampleCourse().string()));
    BOOST_TEST(has(r.out, "  qu 8% (4/47) (declared partial)\n"), r.out);
    r = tool("info " + quote(sampleCourse().string()) + " --json");
    BOOST_TEST(has(r.out, "\"en\":{\"percent\":40,\"present\":19,\"total\":47,\"partial\":true}"),
               r.out);
}

BOOST_AUTO_TEST_CASE(validate_warns_about_a_declared_language_the_course_lacks) {
    TempDir tmp;
    const auto dir = tmp / "c";
    writeSmallCourse(dir);
    const int line = lineOf(dir / "imsmanifest.xml", "<ay:language code=\"qu\"");
    BOOST_REQUIRE(line > 0);
    auto r = tool("validate " + quote(dir.string()));
    BOOST_TEST(r.status == 0, r.out); // a warning, not an error
    BOOST_TEST(has(r.out, "imsmanifest.xml:" + std::to_string(line) +
                              ": warning: 3 of 8 learner texts have no Quechua (qu) version"),
               r.out);
    BOOST_TEST(has(r.out, "0 errors, 1 warning"), r.out);
    BOOST_TEST(has(r.out, "is valid."), r.out);
    r = tool("validate " + quote(dir.string()), "es");
    BOOST_TEST(has(r.out, "imsmanifest.xml:" + std::to_string(line) + ": "), r.out);
    BOOST_TEST(has(r.out, "(qu)"), r.out);

    // Declared partial on purpose: no warning.
    writeSmallCourse(dir, " review=\"needed\" coverage=\"partial\"");
    r = tool("validate " + quote(dir.string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(!has(r.out, "warning"), r.out);

    // Marked for review without saying it is partial still warns.
    writeSmallCourse(dir, " review=\"needed\"");
    r = tool("validate " + quote(dir.string()));
    BOOST_TEST(has(r.out, ": warning: 3 of 8 learner texts have no Quechua (qu) version"), r.out);

    // Every text translated: no warning, and 100%.
    writeSmallCourse(dir);
    replaceInFile(dir / "imsmanifest.xml", "<title>La lección</title>",
                  "<title>La lección</title><ay:title><ay:t xml:lang=\"qu\">Yachachiy</ay:t>"
                  "</ay:title>");
    replaceInFile(dir / "leccion.xml", "<t xml:lang=\"es\">Tres</t>",
                  "<t xml:lang=\"es\">Tres</t><t xml:lang=\"qu\">Kimsa</t>");
    replaceInFile(dir / "leccion.xml", "una vez.</t>",
                  "una vez.</t><t xml:lang=\"qu\">Huk kutita ñit'iy, kacharipay.</t>");
    r = tool("validate " + quote(dir.string()));
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(!has(r.out, "warning"), r.out);
    BOOST_TEST(has(tool("info " + quote(dir.string())).out, "  qu 100% (8/8)\n"));

    // Any other coverage value is an error.
    writeSmallCourse(dir, " coverage=\"half\"");
    r = tool("validate " + quote(dir.string()));
    BOOST_TEST(r.status == 1, r.out);
    BOOST_TEST(has(r.out, "imsmanifest.xml:" + std::to_string(line) + ": error: coverage is"),
               r.out);
}
