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
