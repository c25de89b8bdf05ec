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

// Saves samples as a 16-bit mono PCM WAV file (for teachers who want to hand out a recording,
// and for tests). Throws ayllu::Error naming the file when it can't be written.
void writeWav(const std::string& path, const std::vector<std::int16_t>& samples, int sampleRate);

} // namespace ayllu::speech
