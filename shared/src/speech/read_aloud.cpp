#include "ayllu/speech/read_aloud.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"

#include <algorithm>
#include <espeak-ng/speak_lib.h>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace ayllu::speech {

using i18n::fmt;

namespace {

// The language `text.best(lang)` really returns, so the right voice reads it.
std::string languageOf(const course::LText& text, const std::string& lang) {
    if (text.has(lang)) {
        return lang;
    }
    if (text.has(course::kRequiredLanguage)) {
        return course::kRequiredLanguage;
    }
    return text.empty() ? lang : text.byLang.begin()->first;
}

bool endsSentence(const std::string& s) {
    return !s.empty() && std::string(".!?:;").find(s.back()) != std::string::npos;
}

class Collector {
public:
    explicit Collector(const std::string& lang) : lang_(lang) {}
    void add(const course::LText& text) {
        const std::string& t = text.best(lang_);
        if (t.find_first_not_of(" \t\r\n") == std::string::npos) {
            return;
        }
        std::string piece = t;
        if (!endsSentence(piece)) {
            piece += '.'; // a pause between a heading and what follows
        }
        std::string lang = languageOf(text, lang_);
        if (!out_.empty() && out_.back().lang == lang) {
            out_.back().text += '\n';
            out_.back().text += piece;
        } else {
            out_.push_back({lang, piece});
        }
    }
    std::vector<Utterance> take() { return std::move(out_); }

private:
    std::string lang_;
    std::vector<Utterance> out_;
};

std::vector<std::int16_t>* g_sink = nullptr; // Buffer mode: where the callback writes
std::mutex g_bufferMutex;

int onSamples(short* wav, int count, espeak_EVENT*) {
    if (g_sink && wav && count > 0) {
        g_sink->insert(g_sink->end(), wav, wav + count);
    }
    return 0;
}

} // namespace

namespace {
void addBlock(Collector& c, const course::Block& b) {
    switch (b.kind) {
    case course::BlockKind::Heading:
    case course::BlockKind::Paragraph:
    case course::BlockKind::Box:
        c.add(b.text);
        break;
    case course::BlockKind::List:
        for (const auto& item : b.items) {
            c.add(item);
        }
        break;
    case course::BlockKind::Image:
        c.add(b.alt);
        c.add(b.caption);
        break;
    case course::BlockKind::Audio:
        c.add(b.caption);
        break;
    case course::BlockKind::Term:
        c.add(b.text);
        c.add(b.definition);
        break;
    }
}
} // namespace

std::vector<Utterance> pageSpeech(const course::Page& page, const std::string& language) {
    Collector c(language);
    c.add(page.title);
    for (const auto& b : page.blocks) {
        addBlock(c, b);
    }
    return c.take();
}

std::vector<Utterance> blockSpeech(const course::Block& block, const std::string& language) {
    Collector c(language);
    addBlock(c, block);
    return c.take();
}

ReadAloudChoice choosePageReading(const course::Page& page, const std::string& language,
                                  const std::string& packageRoot) {
    ReadAloudChoice c;
    c.speech = pageSpeech(page, language);
    const auto it = page.narrations.find(language);
    if (it != page.narrations.end() && !it->second.empty()) {
        c.narration = it->second;
        c.lang = it->first;
        c.file = packageRoot.empty() ? it->second
                                     : (std::filesystem::path(packageRoot) / it->second).string();
    }
    return c;
}

ReadAloudChoice chooseBlockReading(const course::Block& block, const std::string& language) {
    ReadAloudChoice c;
    c.speech = blockSpeech(block, language);
    return c;
}

const std::string& Voices::voiceFor(const std::string& lang) const {
    auto it = byLang.find(lang);
    return it == byLang.end() ? fallback : it->second;
}

Speaker& Speaker::instance(Mode mode) {
    static std::unique_ptr<Speaker> speaker;
    static std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    if (!speaker) {
        speaker.reset(new Speaker(mode));
    } else if (speaker->mode_ != mode) {
        throw Error(_("The speech engine is already running in another mode."));
    }
    return *speaker;
}

Speaker::Speaker(Mode mode) : mode_(mode) {
    auto output = mode == Mode::Buffer ? AUDIO_OUTPUT_SYNCHRONOUS : AUDIO_OUTPUT_PLAYBACK;
    rate_ = espeak_Initialize(output, 200, nullptr, 0);
    if (rate_ <= 0) {
        throw Error(_("Read-aloud is not available: the eSpeak NG speech engine or its voices "
                      "could not be loaded (install the espeak-ng-data package)."));
    }
    espeak_SetSynthCallback(onSamples);
    setRate(wordsPerMinute_);
}

Speaker::~Speaker() {
    espeak_Terminate();
}

void Speaker::setRate(int wordsPerMinute) {
    wordsPerMinute_ = std::clamp(wordsPerMinute, 80, 450);
    espeak_SetParameter(espeakRATE, wordsPerMinute_, 0);
}

void Speaker::selectVoice(const std::string& lang) {
    const std::string& voice = voices_.voiceFor(lang);
    if (voice == currentVoice_) {
        return;
    }
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK &&
        espeak_SetVoiceByName(voices_.fallback.c_str()) != EE_OK) {
        throw Error(fmt(_("Read-aloud has no voice \"%1\" for the language \"%2\"."), voice, lang));
    }
    currentVoice_ = voice;
}

std::vector<std::int16_t> Speaker::synthesize(const std::vector<Utterance>& speech) {
    if (mode_ != Mode::Buffer) {
        throw Error(_("The speech engine is already running in another mode."));
    }
    std::lock_guard<std::mutex> lock(g_bufferMutex);
    std::vector<std::int16_t> samples;
    g_sink = &samples;
    for (const auto& u : speech) {
        selectVoice(u.lang);
        auto rc = espeak_Synth(u.text.c_str(), u.text.size() + 1, 0, POS_CHARACTER, 0,
                               espeakCHARS_UTF8, nullptr, nullptr);
        if (rc != EE_OK) {
            g_sink = nullptr;
            throw Error(_("Read-aloud could not turn the text into speech."));
        }
    }
    g_sink = nullptr;
    return samples;
}

void Speaker::speak(const std::vector<Utterance>& speech) {
    if (mode_ != Mode::Playback) {
        throw Error(_("The speech engine is already running in another mode."));
    }
    stop();
    for (const auto& u : speech) {
        selectVoice(u.lang);
        auto rc = espeak_Synth(u.text.c_str(), u.text.size() + 1, 0, POS_CHARACTER, 0,
                               espeakCHARS_UTF8, nullptr, nullptr);
        if (rc != EE_OK) {
            stop();
            throw Error(_("Read-aloud could not use the sound card."));
        }
    }
}

void Speaker::stop() {
    espeak_Cancel();
}

bool Speaker::speaking() const {
    return espeak_IsPlaying() != 0;
}

void writeWav(const std::string& path, const std::vector<std::int16_t>& samples, int sampleRate) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            out.put(static_cast<char>((v >> (8 * i)) & 0xff));
        }
    };
    auto u16 = [&](std::uint16_t v) {
        out.put(static_cast<char>(v & 0xff));
        out.put(static_cast<char>(v >> 8));
    };
    const auto bytes = static_cast<std::uint32_t>(samples.size() * 2);
    out.write("RIFF", 4);
    u32(36 + bytes);
    out.write("WAVEfmt ", 8);
    u32(16);
    u16(1); // PCM
    u16(1); // mono
    u32(static_cast<std::uint32_t>(sampleRate));
    u32(static_cast<std::uint32_t>(sampleRate) * 2);
    u16(2);
    u16(16);
    out.write("data", 4);
    u32(bytes);
    for (auto v : samples) {
        u16(static_cast<std::uint16_t>(v));
    }
    out.flush();
    if (!out) {
        throw Error(fmt(_("Could not write %1 (is the disk full?)"), path));
    }
}

} // namespace ayllu::speech
