#define BOOST_TEST_MODULE speech
#include "ayllu/course/parse.h"
#include "ayllu/speech/read_aloud.h"
#include "support.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace ayllu;
using namespace ayllu::speech;

namespace {

course::LText lt(std::initializer_list<std::pair<const std::string, std::string>> texts) {
    course::LText t;
    t.byLang = texts;
    return t;
}

course::Block block(course::BlockKind kind, course::LText text) {
    course::Block b;
    b.kind = kind;
    b.text = std::move(text);
    return b;
}

// Root mean square of the samples: silence is near 0, speech is in the thousands.
double loudness(const std::vector<std::int16_t>& s) {
    double sum = 0;
    for (auto v : s) {
        sum += double(v) * v;
    }
    return s.empty() ? 0 : std::sqrt(sum / s.size());
}

Speaker& speaker() {
    return Speaker::instance(Speaker::Mode::Buffer);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_page_is_read_in_the_order_shown_each_block_in_its_real_language) {
    course::Page page;
    page.title = lt({{"es", "El ratón"}, {"qu", "Ukucha"}});
    page.blocks.push_back(block(course::BlockKind::Paragraph,
                                lt({{"es", "Mueva el ratón despacio"}}))); // not translated
    course::Block list;
    list.kind = course::BlockKind::List;
    list.items = {lt({{"es", "Uno"}}), lt({{"es", "Dos"}})};
    page.blocks.push_back(list);
    course::Block image;
    image.kind = course::BlockKind::Image;
    image.alt = lt({{"es", "Una mano sobre el ratón"}, {"qu", "Makiqa ukuchapi"}});
    image.caption = lt({{"es", "   "}}); // blank: nothing to say
    page.blocks.push_back(image);
    course::Block term = block(course::BlockKind::Term, lt({{"es", "Clic"}, {"qu", "Ñit'iy"}}));
    term.definition = lt({{"qu", "Huk kuti ñit'iy"}});
    page.blocks.push_back(term);

    auto speech = pageSpeech(page, "qu");
    BOOST_TEST_REQUIRE(speech.size() == 3u);
    BOOST_TEST(speech[0].lang == "qu");
    BOOST_TEST(speech[0].text == "Ukucha.");
    BOOST_TEST(speech[1].lang == "es"); // fell back: the Spanish voice must read it
    BOOST_TEST(speech[1].text == "Mueva el ratón despacio.\nUno.\nDos.");
    BOOST_TEST(speech[2].lang == "qu");
    BOOST_TEST(speech[2].text == "Makiqa ukuchapi.\nÑit'iy.\nHuk kuti ñit'iy.");

    auto spanish = pageSpeech(page, "es");
    BOOST_TEST_REQUIRE(spanish.size() == 2u); // the definition exists only in Quechua
    BOOST_TEST(spanish[0].lang == "es");
    BOOST_TEST(spanish[1].lang == "qu");
    BOOST_TEST(spanish[1].text == "Huk kuti ñit'iy.");
}

BOOST_AUTO_TEST_CASE(aymara_is_read_with_the_spanish_voice_unless_configured) {
    Voices v;
    BOOST_TEST(v.voiceFor("ay") == "es-419");
    BOOST_TEST(v.voiceFor("qu") == "qu");
    BOOST_TEST(v.voiceFor("xx") == v.fallback);
    v.byLang["ay"] = "qu";
    BOOST_TEST(v.voiceFor("ay") == "qu");
}

BOOST_AUTO_TEST_CASE(spanish_and_quechua_text_becomes_audible_speech) {
    auto& s = speaker();
    BOOST_TEST_REQUIRE(s.sampleRate() > 8000);
    for (const char* lang : {"es", "qu", "ay", "en"}) {
        BOOST_TEST_CONTEXT(lang) {
            auto samples = s.synthesize({{lang, "Allinllachu. Buenos días, señora Rosa."}});
            double seconds = double(samples.size()) / s.sampleRate();
            BOOST_TEST_MESSAGE(lang << ": " << seconds << " s of speech, RMS "
                                    << loudness(samples));
            BOOST_TEST(seconds > 1.0);
            BOOST_TEST(seconds < 10.0);
            BOOST_TEST(loudness(samples) > 500.0);
        }
    }
    BOOST_TEST(s.synthesize({}).empty());
}

BOOST_AUTO_TEST_CASE(more_text_and_a_slower_rate_take_longer) {
    auto& s = speaker();
    s.setRate(175);
    auto shortText = s.synthesize({{"es", "Haga clic."}}).size();
    auto longText =
        s.synthesize({{"es", "Haga clic. Haga clic otra vez en el botón verde."}}).size();
    BOOST_TEST(longText > shortText * 2);
    s.setRate(90);
    auto slow = s.synthesize({{"es", "Haga clic. Haga clic otra vez en el botón verde."}}).size();
    s.setRate(140);
    BOOST_TEST_MESSAGE("samples: short " << shortText << ", long " << longText << ", slow "
                                         << slow);
    BOOST_TEST(slow > longText * 1.4);
}

BOOST_AUTO_TEST_CASE(a_missing_voice_falls_back_instead_of_failing) {
    auto& s = speaker();
    Voices v;
    v.byLang["ay"] = "no-such-voice";
    s.setVoices(v);
    auto samples = s.synthesize({{"ay", "Kamisaki"}});
    s.setVoices(Voices{});
    BOOST_TEST(loudness(samples) > 500.0);
}

BOOST_AUTO_TEST_CASE(every_page_of_a_bundled_course_can_be_read_aloud) {
    Problems problems;
    auto pkg =
        course::loadPackage(std::string(AYLLU_SOURCE_DIR) + "/courses/primeros-pasos", problems);
    BOOST_TEST_REQUIRE(!problems.hasErrors());
    BOOST_TEST_REQUIRE(!pkg.lessons.empty());
    std::size_t pages = 0;
    const auto& lesson = pkg.lessons.begin()->second;
    for (const auto& page : lesson.pages) {
        auto speech = pageSpeech(page, "qu");
        BOOST_TEST(!speech.empty());
        for (const auto& u : speech) {
            BOOST_TEST(!u.text.empty());
        }
        ++pages;
    }
    BOOST_TEST(pages > 0u);
    auto samples = speaker().synthesize(pageSpeech(lesson.pages.front(), "es"));
    BOOST_TEST(loudness(samples) > 500.0);
}

BOOST_AUTO_TEST_CASE(the_engine_runs_in_one_mode_per_process) {
    speaker();
    BOOST_CHECK_THROW(Speaker::instance(Speaker::Mode::Playback), Error);
    BOOST_CHECK_THROW(speaker().speak({{"es", "Hola"}}), Error);
}

BOOST_AUTO_TEST_CASE(one_block_alone_says_only_that_block) {
    course::Block list;
    list.kind = course::BlockKind::List;
    list.items.resize(2);
    list.items[0].set("es", "Botón izquierdo");
    list.items[1].set("es", "Rueda");
    const auto said = speech::blockSpeech(list, "es");
    BOOST_REQUIRE(said.size() == 1u); // same language: one utterance
    BOOST_TEST(said[0].text.find("Botón izquierdo") != std::string::npos);
    BOOST_TEST(said[0].text.find("Rueda") != std::string::npos);
    course::Block term;
    term.kind = course::BlockKind::Term;
    term.text.set("es", "Clic");
    term.text.set("qu", "Ñit'iy");
    term.definition.set("es", "Apretar y soltar.");
    const auto quechua = speech::blockSpeech(term, "qu");
    BOOST_REQUIRE(quechua.size() == 2u); // the word in Quechua, its definition in Spanish
    BOOST_TEST(quechua[0].lang == "qu");
    BOOST_TEST(quechua[1].lang == "es");
    BOOST_TEST(quechua[1].text == "Apretar y soltar.");
}
