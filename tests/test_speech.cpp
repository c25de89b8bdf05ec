#define BOOST_TEST_MODULE speech
#include "ayllu/course/parse.h"
#include "ayllu/speech/read_aloud.h"
#include "support.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <thread>

using namespace ayllu;
using namespace ayllu::speech;
using namespace ayllu::test;

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

// ---- recorded narration ------------------------------------------------------------------

namespace {

// A WAV file's bytes, written by hand: `bits` per sample (format 1 PCM, 3 float), interleaved
// `frames` x `channels` values given as fractions of full scale.
std::string wavBytes(int format, int bits, int channels, int rate,
                     const std::vector<double>& values, bool extensible = false) {
    std::string data;
    for (double v : values) {
        if (format == 3) {
            const float f = static_cast<float>(v);
            std::uint32_t raw = 0;
            std::memcpy(&raw, &f, 4);
            for (int i = 0; i < 4; ++i) {
                data += static_cast<char>((raw >> (8 * i)) & 0xff);
            }
        } else if (bits == 8) {
            data += static_cast<char>(static_cast<int>(std::lround(v * 127)) + 128);
        } else {
            const auto full = static_cast<std::int64_t>(std::lround(v * ((1LL << (bits - 1)) - 1)));
            for (int i = 0; i < bits / 8; ++i) {
                data += static_cast<char>((full >> (8 * i)) & 0xff);
            }
        }
    }
    std::string w;
    const auto u16 = [&](std::uint32_t v) {
        w += static_cast<char>(v & 0xff);
        w += static_cast<char>((v >> 8) & 0xff);
    };
    const auto u32 = [&](std::uint32_t v) {
        u16(v & 0xffff);
        u16(v >> 16);
    };
    const std::uint32_t fmtSize = extensible ? 40 : 16;
    w += "RIFF";
    u32(static_cast<std::uint32_t>(4 + 8 + fmtSize + 8 + 8 + 2 + 8 + data.size()));
    w += "WAVE";
    w += "LIST"; // a chunk to skip, odd-sized (padded)
    u32(1);
    w += std::string("x\0", 2);
    w += "fmt ";
    u32(fmtSize);
    u16(extensible ? 0xfffe : static_cast<std::uint32_t>(format));
    u16(static_cast<std::uint32_t>(channels));
    u32(static_cast<std::uint32_t>(rate));
    u32(static_cast<std::uint32_t>(rate * channels * bits / 8));
    u16(static_cast<std::uint32_t>(channels * bits / 8));
    u16(static_cast<std::uint32_t>(bits));
    if (extensible) {
        u16(22);
        u16(static_cast<std::uint32_t>(bits));
        u32(0);
        u16(static_cast<std::uint32_t>(format)); // the sub-format GUID starts with the format
        w += std::string(14, '\x11');
    }
    w += "data";
    u32(static_cast<std::uint32_t>(data.size()));
    return w + data;
}

// A page with Spanish and Quechua text and a Quechua narration.
course::Page narratedPage() {
    course::Page p;
    p.id = "p1";
    p.title = lt({{"es", "El ratón"}, {"qu", "Ratón"}});
    p.blocks = {block(course::BlockKind::Paragraph,
                      lt({{"es", "Mueve la flecha."}, {"qu", "Flechata kuyuchin."}}))};
    p.narrations = {{"qu", "media/p1-qu.wav"}};
    return p;
}

} // namespace

BOOST_AUTO_TEST_CASE(read_aloud_plays_the_narration_in_the_learners_language_else_synthesises) {
    const course::Page page = narratedPage();
    // Quechua learner: the person's recording, found in the package folder.
    const auto qu = choosePageReading(page, "qu", "/datos/cursos/narrado");
    BOOST_TEST(qu.narrated());
    BOOST_TEST(qu.narration == "media/p1-qu.wav");
    BOOST_TEST(qu.lang == "qu");
    BOOST_TEST(qu.file == "/datos/cursos/narrado/media/p1-qu.wav");
    BOOST_TEST(!qu.speech.empty()); // the text stays ready, should the recording not play
    // Spanish and Aymara learners: no recording in their language, so eSpeak NG reads.
    const auto es = choosePageReading(page, "es", "/datos/cursos/narrado");
    BOOST_TEST(!es.narrated());
    BOOST_REQUIRE(!es.speech.empty());
    BOOST_TEST(es.speech.front().lang == "es");
    const auto ay = choosePageReading(page, "ay", "/datos/cursos/narrado");
    BOOST_TEST(!ay.narrated());
    BOOST_TEST(ay.speech.front().lang == "es"); // Aymara text missing: the Spanish is read
    // A block picked alone is read from its text: the narration covers the whole page.
    const auto one = chooseBlockReading(page.blocks.front(), "qu");
    BOOST_TEST(!one.narrated());
    BOOST_TEST(one.speech.front().text == "Flechata kuyuchin.");
    // No narrations at all: as before.
    course::Page plain = page;
    plain.narrations.clear();
    BOOST_TEST(!choosePageReading(plain, "qu", "/x").narrated());
}

BOOST_AUTO_TEST_CASE(wav_recordings_decode_in_every_pcm_form) {
    const std::vector<double> v{0.0, 0.5, -0.5, 1.0};
    for (int bits : {8, 16, 24, 32}) {
        const Sound s = decodeWav(wavBytes(1, bits, 2, 22050, v));
        BOOST_TEST(s.rate == 22050);
        BOOST_TEST(s.channels == 2);
        BOOST_REQUIRE(s.samples.size() == 4u);
        BOOST_TEST(s.samples[0] == 0);
        BOOST_TEST(std::abs(s.samples[1] - 16383) <= 130, bits);
        BOOST_TEST(std::abs(s.samples[2] + 16383) <= 130, bits);
        BOOST_TEST(s.samples[3] >= 32500, bits);
        BOOST_TEST(s.mono().size() == 2u);
    }
    const Sound f = decodeWav(wavBytes(3, 32, 1, 16000, v, true)); // float, extensible header
    BOOST_TEST(f.channels == 1);
    BOOST_TEST(f.samples.size() == 4u);
    BOOST_TEST(std::abs(f.samples[1] - 16384) <= 1);
    BOOST_TEST(f.seconds() == 4.0 / 16000, boost::test_tools::tolerance(1e-9));
    // What writeWav writes reads back the same.
    TempDir tmp;
    const std::vector<std::int16_t> samples{0, 1000, -1000, 32767, -32768};
    writeWav((tmp / "a.wav").string(), samples, 16000);
    const Sound back = loadSound((tmp / "a.wav").string());
    BOOST_TEST(back.samples == samples);
    // Not a WAV, or a form we can't play: an error that says so.
    BOOST_CHECK_THROW(decodeWav("OggS" + std::string(60, '\0')), Error);
    BOOST_CHECK_THROW(decodeWav(wavBytes(2, 16, 1, 16000, v)), Error); // ADPCM
    std::string noData = wavBytes(1, 16, 1, 16000, v);
    noData.resize(noData.find("data"));
    BOOST_CHECK_THROW(decodeWav(noData), Error);
    BOOST_CHECK_THROW(loadSound((tmp / "missing.wav").string()), Error);
}

BOOST_AUTO_TEST_CASE(other_formats_are_decoded_by_the_systems_libsndfile) {
    // libsndfile comes with PulseAudio's client library, a dependency of eSpeak NG's output;
    // here it reads a WAV, which proves the binding (Ogg, Opus and MP3 go the same way).
    TempDir tmp;
    std::vector<std::int16_t> tone(8000);
    for (std::size_t i = 0; i < tone.size(); ++i) {
        tone[i] = static_cast<std::int16_t>(8000 * std::sin(double(i) * 2 * M_PI * 440 / 16000));
    }
    writeWav((tmp / "tono.wav").string(), tone, 16000);
    const Sound s = decodeWithLibsndfile((tmp / "tono.wav").string());
    BOOST_TEST(s.rate == 16000);
    BOOST_TEST(s.channels == 1);
    BOOST_TEST(s.samples == tone);
    writeFile(tmp / "roto.ogg", "OggS" + std::string(100, '\x01'));
    BOOST_CHECK_THROW(loadSound((tmp / "roto.ogg").string()), Error);
}

BOOST_AUTO_TEST_CASE(the_test_hook_writes_the_narration_or_the_synthetic_voice) {
    TempDir tmp;
    fs::create_directories(tmp / "curso" / "media");
    std::vector<std::int16_t> tone(24000, 0);
    for (std::size_t i = 0; i < tone.size(); ++i) {
        tone[i] = static_cast<std::int16_t>(6000 * std::sin(double(i) * 2 * M_PI * 330 / 16000));
    }
    writeWav((tmp / "curso" / "media" / "p1-qu.wav").string(), tone, 16000);
    const course::Page page = narratedPage();
    const auto out = (tmp / "oido.wav").string();
    // Quechua: the recording itself, 1.5 s of it.
    const std::string qu =
        readAloudToWav(choosePageReading(page, "qu", (tmp / "curso").string()), out);
    BOOST_TEST(qu == "read_aloud narration media/p1-qu.wav qu 1.5 s");
    BOOST_TEST(loadSound(out).samples == tone);
    // Spanish: eSpeak NG.
    const std::string es =
        readAloudToWav(choosePageReading(page, "es", (tmp / "curso").string()), out);
    BOOST_TEST(es.rfind("read_aloud 1 utterances es ", 0) == 0u, es);
    BOOST_TEST(loudness(loadSound(out).samples) > 500.0);
    // A recording that is not there: the synthetic voice, and the reason.
    fs::remove(tmp / "curso" / "media" / "p1-qu.wav");
    const std::string lost =
        readAloudToWav(choosePageReading(page, "qu", (tmp / "curso").string()), out);
    BOOST_TEST(lost.rfind("read_aloud 1 utterances qu ", 0) == 0u, lost);
    BOOST_TEST(lost.find("narration not played") != std::string::npos, lost);
}

BOOST_AUTO_TEST_CASE(the_player_plays_a_recording_through_espeaks_sound_output) {
    TempDir tmp;
    const auto wav = (tmp / "tono.wav").string();
    writeWav(wav, std::vector<std::int16_t>(8000, 1000), 16000);
    auto& player = RecordingPlayer::instance();
    // ALSA's "null" device takes the sound and drops it: the whole path runs, no sound card.
    player.setDevice("null");
    player.play(wav);
    for (int i = 0; i < 200 && player.playing(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    BOOST_TEST(!player.playing()); // it ends by itself
    player.play(wav);
    player.play(wav); // a new press first stops the old
    player.stop();
    BOOST_TEST(!player.playing());
    player.stop(); // safe when silent
    BOOST_CHECK_THROW(player.play((tmp / "no-existe.wav").string()), Error);
    // The default output: on a PC with sound it plays; on a machine without, it says why.
    player.setDevice("");
    try {
        player.play(wav);
        player.stop();
    } catch (const Error& e) {
        BOOST_TEST_MESSAGE("no sound output here: " << e.what());
        BOOST_TEST(std::string(e.what()).size() > 0u);
    }
    BOOST_TEST(!player.playing());
}

BOOST_AUTO_TEST_CASE(an_ogg_vorbis_narration_decodes_like_a_wav_one) {
    // An Ogg Vorbis file made here with the same system libsndfile (its encoder).
    void* lib = dlopen("libsndfile.so.1", RTLD_NOW);
    BOOST_REQUIRE(lib != nullptr);
    struct Info {
        std::int64_t frames;
        int samplerate, channels, format, sections, seekable;
    };
    using Open = void* (*)(const char*, int, Info*);
    using Write = std::int64_t (*)(void*, const short*, std::int64_t);
    using Close = int (*)(void*);
    const auto open = reinterpret_cast<Open>(dlsym(lib, "sf_open"));
    const auto write = reinterpret_cast<Write>(dlsym(lib, "sf_writef_short"));
    const auto close = reinterpret_cast<Close>(dlsym(lib, "sf_close"));
    BOOST_REQUIRE((open && write && close));
    TempDir tmp;
    const auto ogg = (tmp / "p1-qu.ogg").string();
    std::vector<short> tone(32000);
    for (std::size_t i = 0; i < tone.size(); ++i) {
        tone[i] = static_cast<short>(8000 * std::sin(double(i) * 2 * M_PI * 440 / 16000));
    }
    Info info{0, 16000, 1, 0x200000 | 0x0060, 0, 0}; // SF_FORMAT_OGG | SF_FORMAT_VORBIS
    void* f = open(ogg.c_str(), 0x20, &info);        // SFM_WRITE
    BOOST_REQUIRE(f != nullptr);
    write(f, tone.data(), static_cast<std::int64_t>(tone.size()));
    close(f);
    BOOST_TEST(readFile(ogg).rfind("OggS", 0) == 0u);
    const Sound s = loadSound(ogg);
    BOOST_TEST(s.rate == 16000);
    BOOST_TEST(s.channels == 1);
    BOOST_TEST(s.seconds() == 2.0, boost::test_tools::tolerance(0.05));
    BOOST_TEST(loudness(s.samples) == 8000 / std::sqrt(2.0), boost::test_tools::tolerance(0.1));
}
