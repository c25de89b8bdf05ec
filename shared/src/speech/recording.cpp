// Recorded narration: decoding a recording and playing it through eSpeak NG's sound output.
#include "ayllu/i18n.h"
#include "ayllu/problem.h"
#include "ayllu/speech/read_aloud.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace ayllu::speech {

using i18n::fmt;

namespace {

std::uint32_t le(const std::string& b, std::size_t at, int bytes) {
    std::uint32_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) {
        v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    }
    return v;
}

std::string extensionOf(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
    std::string bytes(size > 0 ? static_cast<std::size_t>(size) : 0, '\0');
    if (size < 0 || !in.seekg(0) || !in.read(bytes.data(), size)) {
        throw Error(fmt(_("Cannot play %1: %2"), path, _("the file cannot be opened")));
    }
    return bytes;
}

// A shared library of the system, and the functions we use from it, found at run time.
class Library {
public:
    explicit Library(const char* soname) : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL)) {}
    ~Library() = default; // kept loaded: eSpeak NG uses the same libraries
    bool loaded() const { return handle_ != nullptr; }
    template <typename F>
    bool find(F*& out, const char* name) const {
        out = handle_ == nullptr ? nullptr : reinterpret_cast<F*>(dlsym(handle_, name));
        return out != nullptr;
    }

private:
    void* handle_;
};

// libsndfile's C interface (sndfile.h, version 1): what reading a file needs.
struct SfInfo {
    std::int64_t frames;
    int samplerate;
    int channels;
    int format;
    int sections;
    int seekable;
};
constexpr int kSfmRead = 0x10;

struct Sndfile {
    void* (*open)(const char*, int, SfInfo*) = nullptr;
    std::int64_t (*readfShort)(void*, short*, std::int64_t) = nullptr;
    int (*close)(void*) = nullptr;
    const char* (*strerror)(void*) = nullptr;
    bool ok = false;
};

const Sndfile& sndfile() {
    static const Sndfile lib = [] {
        static Library so("libsndfile.so.1");
        Sndfile s;
        s.ok = so.find(s.open, "sf_open") && so.find(s.readfShort, "sf_readf_short") &&
               so.find(s.close, "sf_close") && so.find(s.strerror, "sf_strerror");
        return s;
    }();
    return lib;
}

// pcaudiolib's C interface (pcaudiolib/audio.h): the sound output eSpeak NG plays through.
struct AudioObject;
constexpr int kFormatS16le = 2; // AUDIO_OBJECT_FORMAT_S16LE

struct PcAudio {
    AudioObject* (*create)(const char*, const char*, const char*) = nullptr;
    int (*open)(AudioObject*, int, std::uint32_t, std::uint8_t) = nullptr;
    void (*close)(AudioObject*) = nullptr;
    void (*destroy)(AudioObject*) = nullptr;
    int (*write)(AudioObject*, const void*, std::size_t) = nullptr;
    int (*drain)(AudioObject*) = nullptr;
    int (*flush)(AudioObject*) = nullptr;
    bool ok = false;
};

const PcAudio& pcaudio() {
    static const PcAudio lib = [] {
        static Library so("libpcaudio.so.0");
        PcAudio p;
        p.ok = so.find(p.create, "create_audio_device_object") &&
               so.find(p.open, "audio_object_open") && so.find(p.close, "audio_object_close") &&
               so.find(p.destroy, "audio_object_destroy") &&
               so.find(p.write, "audio_object_write") && so.find(p.drain, "audio_object_drain") &&
               so.find(p.flush, "audio_object_flush");
        return p;
    }();
    return lib;
}

} // namespace

double Sound::seconds() const {
    return rate <= 0 || channels <= 0
               ? 0.0
               : static_cast<double>(samples.size()) / channels / static_cast<double>(rate);
}

std::vector<std::int16_t> Sound::mono() const {
    if (channels <= 1) {
        return samples;
    }
    const auto n = static_cast<std::size_t>(channels);
    std::vector<std::int16_t> out(samples.size() / n);
    for (std::size_t f = 0; f < out.size(); ++f) {
        long sum = 0;
        for (std::size_t c = 0; c < n; ++c) {
            sum += samples[f * n + c];
        }
        out[f] = static_cast<std::int16_t>(sum / static_cast<long>(n));
    }
    return out;
}

Sound decodeWav(const std::string& b) {
    if (b.size() < 12 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0) {
        throw Error(_("not a WAV audio file"));
    }
    int format = 0;
    int bits = 0;
    int blockAlign = 0;
    Sound s;
    std::size_t dataAt = 0;
    std::size_t dataSize = 0;
    bool sawData = false;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::string id = b.substr(at, 4);
        const std::size_t size = le(b, at + 4, 4);
        const std::size_t body = at + 8;
        const std::size_t have = std::min(size, b.size() - body);
        if (id == "fmt " && have >= 16) {
            format = static_cast<int>(le(b, body, 2));
            s.channels = static_cast<int>(le(b, body + 2, 2));
            s.rate = static_cast<int>(le(b, body + 4, 4));
            blockAlign = static_cast<int>(le(b, body + 12, 2));
            bits = static_cast<int>(le(b, body + 14, 2));
            if (format == 0xfffe && have >= 26) { // WAVE_FORMAT_EXTENSIBLE: the sub-format
                format = static_cast<int>(le(b, body + 24, 2));
            }
        } else if (id == "data") {
            dataAt = body;
            dataSize = have; // a file cut short, or streamed with no size, plays what it has
            sawData = true;
            break;
        }
        at = body + size + (size & 1);
    }
    const bool pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    const bool real = format == 3 && bits == 32;
    if (!(pcm || real) || s.channels < 1 || s.channels > 8 || s.rate < 1000 || s.rate > 384000 ||
        blockAlign != s.channels * bits / 8) {
        throw Error(_("the WAV file's sound is in a form Ayllu cannot play (only PCM of 8, 16, "
                      "24 or 32 bits, or 32-bit float)"));
    }
    if (!sawData) {
        throw Error(_("the WAV file has no sound data"));
    }
    const std::size_t width = static_cast<std::size_t>(bits / 8);
    const std::size_t count = dataSize / width / static_cast<std::size_t>(s.channels) *
                              static_cast<std::size_t>(s.channels);
    s.samples.resize(count);
    const std::uint16_t one = 1;
    if (pcm && bits == 16 && *reinterpret_cast<const unsigned char*>(&one) == 1) {
        std::memcpy(s.samples.data(), b.data() + dataAt, count * 2); // little-endian, as stored
        return s;
    }
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t at = dataAt + i * width;
        std::int32_t v = 0;
        if (real) {
            float f = 0;
            const std::uint32_t raw = le(b, at, 4);
            std::memcpy(&f, &raw, sizeof f);
            v = std::isfinite(f)
                    ? static_cast<std::int32_t>(std::lround(std::clamp(f, -1.0f, 1.0f) * 32767.0f))
                    : 0;
        } else if (bits == 8) {
            v = (static_cast<std::int32_t>(static_cast<unsigned char>(b[at])) - 128) * 256;
        } else {
            // Little-endian signed: keep the top 16 bits.
            const std::uint32_t raw = le(b, at + width - 2, 2);
            v = static_cast<std::int16_t>(static_cast<std::uint16_t>(raw));
        }
        s.samples[i] = static_cast<std::int16_t>(v);
    }
    return s;
}

Sound decodeWithLibsndfile(const std::string& path) {
    const Sndfile& sf = sndfile();
    if (!sf.ok) {
        throw Error(fmt(_("Cannot play %1: %2"), path,
                        _("this PC has no decoder for it (libsndfile); use a WAV recording")));
    }
    SfInfo info{};
    void* f = sf.open(path.c_str(), kSfmRead, &info);
    if (f == nullptr) {
        const char* why = sf.strerror(nullptr);
        throw Error(fmt(_("Cannot play %1: %2"), path, why == nullptr ? "?" : why));
    }
    Sound s;
    s.rate = info.samplerate;
    s.channels = info.channels;
    if (s.channels < 1 || s.channels > 8 || s.rate < 1000 || s.rate > 384000) {
        sf.close(f);
        throw Error(fmt(_("Cannot play %1: %2"), path,
                        _("the recording has an unusual number of channels or sample rate")));
    }
    std::vector<short> chunk(4096 * static_cast<std::size_t>(s.channels));
    for (;;) {
        const std::int64_t frames = sf.readfShort(f, chunk.data(), 4096);
        if (frames <= 0) {
            break;
        }
        s.samples.insert(s.samples.end(), chunk.begin(),
                         chunk.begin() + frames * static_cast<std::int64_t>(s.channels));
    }
    sf.close(f);
    if (s.samples.empty()) {
        throw Error(fmt(_("Cannot play %1: %2"), path, _("the recording is silent or empty")));
    }
    return s;
}

Sound loadSound(const std::string& path) {
    if (extensionOf(path) != ".wav") {
        return decodeWithLibsndfile(path);
    }
    try {
        return decodeWav(readAll(path));
    } catch (const Error& e) {
        throw Error(fmt(_("Cannot play %1: %2"), path, e.what()));
    }
}

// ---- playback -----------------------------------------------------------------------------

struct RecordingPlayer::State {
    std::mutex m;
    std::string deviceName;
    AudioObject* device = nullptr;
    std::thread worker;
    std::atomic<bool> stop{false};
    std::atomic<bool> playing{false};
};

RecordingPlayer& RecordingPlayer::instance() {
    static RecordingPlayer player;
    return player;
}

RecordingPlayer::~RecordingPlayer() {
    stop();
}

void RecordingPlayer::setDevice(const std::string& device) {
    stop();
    if (!state_) {
        state_ = std::make_unique<State>();
    }
    std::lock_guard<std::mutex> lock(state_->m);
    if (state_->device != nullptr && device != state_->deviceName) {
        pcaudio().destroy(state_->device);
        state_->device = nullptr;
    }
    state_->deviceName = device;
}

void RecordingPlayer::play(const std::string& path) {
    Sound sound = loadSound(path);
    stop();
    const PcAudio& pc = pcaudio();
    if (!pc.ok) {
        throw Error(_("Read-aloud could not use the sound card."));
    }
    if (!state_) {
        state_ = std::make_unique<State>();
    }
    State& st = *state_;
    std::lock_guard<std::mutex> lock(st.m);
    if (st.device == nullptr) {
        st.device = pc.create(st.deviceName.empty() ? nullptr : st.deviceName.c_str(), "Ayllu",
                              _("Read aloud"));
    }
    if (st.device == nullptr ||
        pc.open(st.device, kFormatS16le, static_cast<std::uint32_t>(sound.rate),
                static_cast<std::uint8_t>(sound.channels)) != 0) {
        throw Error(_("Read-aloud could not use the sound card."));
    }
    st.stop = false;
    st.playing = true;
    st.worker = std::thread([&st, &pc, sound = std::move(sound)] {
        // A twentieth of a second at a time, so that Stop is heard at once.
        const std::size_t step =
            static_cast<std::size_t>(sound.rate / 20) * static_cast<std::size_t>(sound.channels);
        bool failed = false;
        for (std::size_t at = 0; at < sound.samples.size() && !st.stop && !failed; at += step) {
            const std::size_t n = std::min(step, sound.samples.size() - at);
            failed = pc.write(st.device, sound.samples.data() + at, n * 2) != 0;
        }
        if (st.stop || failed) {
            pc.flush(st.device);
        } else {
            pc.drain(st.device);
        }
        pc.close(st.device);
        st.playing = false;
    });
}

void RecordingPlayer::stop() {
    if (!state_) {
        return;
    }
    state_->stop = true;
    if (state_->worker.joinable()) {
        state_->worker.join();
    }
}

bool RecordingPlayer::playing() const {
    return state_ && state_->playing;
}

// ---- the test hook ------------------------------------------------------------------------

namespace {
std::string tenths(double seconds) { // "2.5", whatever the locale's decimal mark
    const long t = std::lround(seconds * 10);
    return std::to_string(t / 10) + "." + std::to_string(t % 10);
}
} // namespace

std::string readAloudToWav(const ReadAloudChoice& choice, const std::string& wavPath) {
    std::string note;
    if (choice.narrated()) {
        try {
            const Sound s = loadSound(choice.file);
            writeWav(wavPath, s.mono(), s.rate);
            return "read_aloud narration " + choice.narration + " " + choice.lang + " " +
                   tenths(s.seconds()) + " s";
        } catch (const Error& e) {
            note = std::string(" (narration not played: ") + e.what() + ")";
        }
    }
    auto& engine = Speaker::instance(Speaker::Mode::Buffer);
    const auto samples = engine.synthesize(choice.speech);
    writeWav(wavPath, samples, engine.sampleRate());
    return "read_aloud " + std::to_string(choice.speech.size()) + " utterances " +
           (choice.speech.empty() ? std::string() : choice.speech.front().lang) + " " +
           tenths(static_cast<double>(samples.size()) / engine.sampleRate()) + " s" + note;
}

} // namespace ayllu::speech
