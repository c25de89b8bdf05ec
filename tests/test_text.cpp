#define BOOST_TEST_MODULE text
#include "ayllu/i18n.h"
#include "ayllu/text.h"
#include "support.h"

#include <boost/test/unit_test.hpp>
#include <cstdlib>

using namespace ayllu;
using namespace ayllu::test;

BOOST_AUTO_TEST_CASE(valid_utf8_passes) {
    BOOST_TEST(!text::invalidUtf8At("ñandú, Ñuñoa, qhapaq ñan, ¿qué? €"));
    BOOST_TEST(!text::invalidUtf8At("\xf0\x9f\x98\x80")); // emoji
    BOOST_TEST(!text::invalidUtf8At(""));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_located) {
    BOOST_TEST(text::invalidUtf8At("ab\xff").value() == 2u);           // never valid
    BOOST_TEST(text::invalidUtf8At("a\xc3").value() == 1u);            // truncated
    BOOST_TEST(text::invalidUtf8At("\xc0\xaf").value() == 0u);         // overlong '/'
    BOOST_TEST(text::invalidUtf8At("x\xed\xa0\x80").value() == 1u);    // surrogate
    BOOST_TEST(text::invalidUtf8At("\xf4\x90\x80\x80").value() == 0u); // past U+10FFFF
    BOOST_TEST(text::invalidUtf8At("\xe2\x28\xa1").value() == 0u);     // bad continuation
}

BOOST_AUTO_TEST_CASE(lines_and_spaces) {
    BOOST_TEST(text::lineAt("a\nb\nc", 0) == 1);
    BOOST_TEST(text::lineAt("a\nb\nc", 2) == 2);
    BOOST_TEST(text::lineAt("a\nb\nc", 99) == 3);
    BOOST_TEST(text::collapseSpace("  uno \n\t dos  ") == "uno dos");
    BOOST_TEST(text::trim(" \r\nx y\t") == "x y");
}

BOOST_AUTO_TEST_CASE(case_and_accents_of_andean_languages) {
    BOOST_TEST(text::toLower("ÑUÑOA Árbol") == "ñuñoa árbol");
    BOOST_TEST(text::stripAccents("canción pingüino ÁÉÍÓÚ") == "cancion pinguino AEIOU");
    BOOST_TEST(text::stripAccents("ñ Ñ") == "ñ Ñ"); // ñ is a letter, not an accent
}

BOOST_AUTO_TEST_CASE(language_tags_and_identifiers) {
    BOOST_TEST(text::isLanguageTag("es"));
    BOOST_TEST(text::isLanguageTag("quz"));
    BOOST_TEST(text::isLanguageTag("qu-PE"));
    BOOST_TEST(!text::isLanguageTag("ES"));
    BOOST_TEST(!text::isLanguageTag("e"));
    BOOST_TEST(!text::isLanguageTag("es-"));
    BOOST_TEST(text::isIdentifier("res-leccion_1.v2"));
    BOOST_TEST(!text::isIdentifier("1abc"));
    BOOST_TEST(!text::isIdentifier("a b"));
    BOOST_TEST(!text::isIdentifier(""));
}

BOOST_AUTO_TEST_CASE(format_replaces_numbered_arguments_in_any_order) {
    BOOST_TEST(i18n::format("%2 de %1", {"a", "b"}) == "b de a");
    BOOST_TEST(i18n::fmt("%1 errores, %2%", 3, 2.5) == "3 errores, 2.5%");
    BOOST_TEST(i18n::format("100% %3", {"x"}) == "100% %3"); // unknown stays
    // Numbers are written in their shortest exact form.
    BOOST_TEST(i18n::toArg(0.1) == "0.1");
    BOOST_TEST(i18n::toArg(-33.333) == "-33.333");
    BOOST_TEST(i18n::toArg(1e300) == "1e+300");
    for (double v : {1.0 / 3.0, 99.99999999999999, 2.0 / 7.0 * 1e-5}) {
        BOOST_TEST(std::strtod(i18n::toArg(v).c_str(), nullptr) == v);
    }
}

namespace {
void compilePo(const fs::path& localeDir, const std::string& lang, const std::string& body) {
    const fs::path po = localeDir / (lang + ".po");
    writeFile(po, "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n" + body);
    fs::create_directories(localeDir / lang / "LC_MESSAGES");
    const auto r = run("msgfmt -o " + quote((localeDir / lang / "LC_MESSAGES/ayllu.mo").string()) +
                       " " + quote(po.string()));
    BOOST_REQUIRE_MESSAGE(r.status == 0, r.out);
}
} // namespace

// One test: the catalog is process-wide state.
BOOST_AUTO_TEST_CASE(catalogs_load_and_quechua_falls_back_to_spanish) {
    TempDir tmp;
    compilePo(tmp.path(), "es",
              "msgid \"cat\"\nmsgstr \"gato\"\n\nmsgid \"dog\"\nmsgstr \"perro\"\n\n"
              "msgid \"%1 egg\"\nmsgid_plural \"%1 eggs\"\nmsgstr[0] \"%1 huevo\"\nmsgstr[1] \"%1 "
              "huevos\"\n");
    compilePo(tmp.path(), "qu", "msgid \"dog\"\nmsgstr \"allqu\"\n");
    BOOST_TEST(std::string(i18n::translate("dog")) == "dog");

    BOOST_TEST(i18n::load(tmp.str(), "es_PE.UTF-8"));
    BOOST_TEST(i18n::currentLanguage() == "es");
    BOOST_TEST(std::string(i18n::translate("cat")) == "gato");
    BOOST_TEST(i18n::translatePlural("%1 egg", "%1 eggs", 1) == "%1 huevo");
    BOOST_TEST(i18n::translatePlural("%1 egg", "%1 eggs", 0) == "%1 huevos");
    BOOST_TEST(i18n::translatePlural("%1 egg", "%1 eggs", 7) == "%1 huevos");
    BOOST_TEST(std::string(i18n::translate("%1 egg")) == "%1 huevo");
    BOOST_TEST(i18n::translatePlural("%1 hen", "%1 hens", 2) == "%1 hens");

    BOOST_TEST(i18n::load(tmp.str(), "qu"));
    BOOST_TEST(i18n::translatePlural("%1 egg", "%1 eggs", 3) == "%1 huevos"); // via Spanish
    BOOST_TEST(std::string(i18n::translate("dog")) == "allqu");
    BOOST_TEST(std::string(i18n::translate("cat")) == "gato"); // not in qu: Spanish
    BOOST_TEST(std::string(i18n::translate("bird")) == "bird");

    BOOST_TEST(!i18n::load(tmp.str(), "ay")); // none: the loaded catalog stays
    writeFile(tmp / "fr" / "LC_MESSAGES" / "ayllu.mo", "not a catalog");
    BOOST_TEST(!i18n::load(tmp.str(), "fr"));
    BOOST_TEST(std::string(i18n::translate("dog")) == "allqu");

    // Switching at once, back and forth: a string handed out before stays valid after.
    const char* before = i18n::translate("dog");
    BOOST_TEST(i18n::use("es"));
    BOOST_TEST(std::string(i18n::translate("dog")) == "perro");
    BOOST_TEST(std::string(before) == "allqu");
    BOOST_TEST(i18n::use("en"));
    BOOST_TEST(std::string(i18n::translate("dog")) == "dog");
    BOOST_TEST(i18n::currentLanguage() == "en");
    BOOST_TEST(i18n::use("qu"));
    BOOST_TEST(std::string(i18n::translate("dog")) == "allqu");
    BOOST_TEST(!i18n::use("ay")); // no catalog: the language stays
    BOOST_TEST(i18n::currentLanguage() == "qu");
    // A folder where the first language had no catalog is still where the next one is found.
    TempDir other;
    compilePo(other.path(), "ay", "msgid \"dog\"\nmsgstr \"anu\"\n");
    BOOST_TEST(!i18n::load(other.str(), "fr"));
    BOOST_TEST(i18n::use("ay"));
    BOOST_TEST(std::string(i18n::translate("dog")) == "anu");
}

BOOST_AUTO_TEST_CASE(the_language_comes_from_the_environment_spanish_by_default) {
    ::setenv("AYLLU_LANG", "ay_BO.UTF-8", 1);
    BOOST_TEST(i18n::detectLanguage() == "ay_BO");
    ::unsetenv("AYLLU_LANG");
    ::setenv("LANGUAGE", "qu:es", 1);
    BOOST_TEST(i18n::detectLanguage() == "qu");
    ::unsetenv("LANGUAGE");
    ::unsetenv("LC_ALL");
    ::unsetenv("LC_MESSAGES");
    ::setenv("LANG", "C.UTF-8", 1);
    BOOST_TEST(i18n::detectLanguage() == "es");
}
