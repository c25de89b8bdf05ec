// Read-aloud for learners who read slowly or not at all: what a lesson page says, in the order
// it is shown, and an eSpeak NG voice that says it. GUI-free; the student client adds a button.
#pragma once

#include "ayllu/course/model.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ayllu::speech {

// One stretch of speech in one language. A page in Quechua may fall back to Spanish for a
// block nobody translated; that block must then be spoken with the Spanish voice.
struct Utterance {
    std::string lang; // the language the text is really in
    std::string text;
};

// Everything a page says, in reading order: its title, headings, paragraphs, list items,
// tip and warning boxes, terms with their definitions, and each picture's description (alt
// text) and caption. Adjacent pieces in the same language are merged into one utterance.
std::vector<Utterance> pageSpeech(const course::Page& page, const std::string& language);
// What one block says (the learner picked it to hear only that part), read as in pageSpeech.
std::vector<Utterance> blockSpeech(const course::Block& block, const std::string& language);

// What Read aloud plays: the page's recorded narration when the course has one in the learner's
// language (a person's voice: Aymara has no eSpeak NG voice and synthetic Quechua is rough),
// and the page's text through eSpeak NG otherwise.
struct ReadAloudChoice {
    std::string narration; // the recording as the package names it ("media/p1-qu.ogg"); empty:
                           // no recording, synthesise
    std::string file;      // that recording on this PC: the package folder + `narration`
    std::string lang;      // the language spoken in the recording
    // The text for eSpeak NG: what is said without a recording, or when it cannot be played.
    std::vector<Utterance> speech;

    bool narrated() const { return !narration.empty(); }
    bool empty() const { return narration.empty() && speech.empty(); }
};
// The whole page, for a learner reading in `language`, from the package unpacked in
// `packageRoot`. Only a recording in exactly that language is chosen.
ReadAloudChoice choosePageReading(const course::Page& page, const std::string& language,
                                  const std::string& packageRoot);
// One block the learner picked: always its text (a narration covers the whole page).
ReadAloudChoice chooseBlockReading(const course::Block& block, const std::string& language);

// Which eSpeak NG voice says each language. Aymara has no eSpeak voice: by default it is read
// with the Latin-American Spanish voice (the letters sound close enough to be followed), and
// a centre may name another voice in its settings.
struct Voices {
    std::map<std::string, std::string> byLang{
        {"es", "es-419"}, {"qu", "qu"}, {"ay", "es-419"}, {"en", "en"}};
    std::string fallback = "es-419";
    const std::string& voiceFor(const std::string& lang) const;
};

// eSpeak NG, started once per process. `Buffer` synthesises into memory (tests, no sound
// card needed); `Playback` speaks through the sound card in the background.
class Speaker {
public:
    enum class Mode { Buffer, Playback };
    // Throws ayllu::Error naming the cause when eSpeak NG or its voice data can't start, or
    // when the process already started it in the other mode.
    static Speaker& instance(Mode mode);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    void setVoices(Voices voices) { voices_ = std::move(voices); }
    const Voices& voices() const { return voices_; }
    int sampleRate() const { return rate_; }
    // words per minute, 80..450; slower than eSpeak's 175 default for new readers
    void setRate(int wordsPerMinute);

    // Buffer mode: the 16-bit mono samples for `speech`. Throws ayllu::Error on failure.
    std::vector<std::int16_t> synthesize(const std::vector<Utterance>& speech);
    // Playback mode: starts speaking and returns at once; a new call first stops the old.
    // Throws ayllu::Error when the sound device refuses.
    void speak(const std::vector<Utterance>& speech);
    // Stops speaking at once (safe when silent).
    void stop();
    bool speaking() const;

private:
    explicit Speaker(Mode mode);
    void selectVoice(const std::string& lang);
    Mode mode_;
    int rate_ = 0;
    int wordsPerMinute_ = 140;
    Voices voices_;
    std::string currentVoice_;
};

// A decoded recording: 16-bit samples, interleaved when there are several channels.
struct Sound {
    int rate = 0;
    int channels = 0;
    std::vector<std::int16_t> samples;

    double seconds() const;
    std::vector<std::int16_t> mono() const; // the channels averaged
};
// Decodes the bytes of a WAV file: PCM of 8, 16, 24 or 32 bits or 32-bit float, any number of
// channels. Throws ayllu::Error saying what is wrong.
Sound decodeWav(const std::string& bytes);
// Decodes a file with the system's libsndfile (Ogg Vorbis, Opus, MP3, FLAC, WAV), loaded when
// first needed: it comes with PulseAudio's client library, which eSpeak NG's sound output
// uses. Throws ayllu::Error naming the file when it can't be read or libsndfile is missing.
Sound decodeWithLibsndfile(const std::string& path);
// Reads a recording: WAV by Ayllu itself, any other format through libsndfile.
Sound loadSound(const std::string& path);

// Plays recordings in the background through the sound output eSpeak NG uses (pcaudiolib:
// PulseAudio, else ALSA, else OSS), loaded at run time: eSpeak NG brings it along.
class RecordingPlayer {
public:
    static RecordingPlayer& instance();
    ~RecordingPlayer();
    RecordingPlayer(const RecordingPlayer&) = delete;
    RecordingPlayer& operator=(const RecordingPlayer&) = delete;

    // The output by name, as eSpeak NG's own --device would take it (a PulseAudio sink or an
    // ALSA device, such as "null" in tests); empty: the default.
    void setDevice(const std::string& device);
    // Decodes `path` and starts playing it; returns at once; a new call first stops the old.
    // Throws ayllu::Error when the file can't be decoded or the sound device refuses.
    void play(const std::string& path);
    // Stops at once (safe when silent).
    void stop();
    bool playing() const;

private:
    RecordingPlayer() = default;
    struct State;
    std::unique_ptr<State> state_;
};

// Writes what Read aloud would play into a WAV file instead of the sound card (tests; a
// recording to hand out) and says in one line what it was:
// "read_aloud narration media/p1-qu.wav qu 2.0 s", or "read_aloud 3 utterances qu 12.4 s"
// (eSpeak NG in Buffer mode) when there is no narration or it cannot be decoded. Throws
// ayllu::Error.
std::string readAloudToWav(const ReadAloudChoice& choice, const std::string& wavPath);

// Saves samples as a 16-bit mono PCM WAV file (for teachers who want to hand out a recording,
// and for tests). Throws ayllu::Error naming the file when it can't be written.
void writeWav(const std::string& path, const std::vector<std::int16_t>& samples, int sampleRate);

} // namespace ayllu::speech
