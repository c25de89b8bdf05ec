// The course package model: an IMS content package whose resources are Ayllu lessons, quizzes
// and drills (see docs/package-format.md). Plain data; parsing, writing and checking live in
// parse.h, write.h and validate.h. `line` fields say where a thing was read from and take no part
// in equality, so parse -> write -> parse compares equal.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ayllu::course {

// Our namespace; the trailing number is the format's major version.
inline constexpr const char* kNamespace = "urn:ayllu:content:1";
inline constexpr int kFormatVersion = 1;
// The IMS Content Packaging 1.1 namespace we write; the 1.1.2/1.1.3 ones are read too.
inline constexpr const char* kImsCpNamespace = "http://www.imsglobal.org/xsd/imscp_v1p1";
inline constexpr const char* kManifestFile = "imsmanifest.xml";
// Spanish is required in every multilingual text.
inline constexpr const char* kRequiredLanguage = "es";

// A text in several languages: language tag -> text.
struct LText {
    std::map<std::string, std::string> byLang;
    int line = 0;

    bool empty() const { return byLang.empty(); }
    bool has(const std::string& lang) const { return byLang.count(lang) != 0; }
    // The text in `lang`, else Spanish, else any; empty when there is none.
    const std::string& best(const std::string& lang) const;
    void set(const std::string& lang, std::string text) { byLang[lang] = std::move(text); }
    bool operator==(const LText& o) const { return byLang == o.byLang; }
    bool operator!=(const LText& o) const { return !(*this == o); }
};

// ---- lessons -------------------------------------------------------------------------------

enum class BlockKind { Heading, Paragraph, List, Image, Audio, Box, Term };
enum class BoxKind { Tip, Warning };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    LText text;               // heading, paragraph, box; the word of a term
    LText definition;         // term
    std::vector<LText> items; // list
    bool ordered = false;     // list
    BoxKind box = BoxKind::Tip;
    std::string src; // image, audio: a path relative to the package root
    LText alt;       // image: what it shows, for read-aloud and when it can't be shown
    LText caption;   // image, audio
    int line = 0;

    auto key() const {
        return std::tie(kind, text, definition, items, ordered, box, src, alt, caption);
    }
};

struct Page {
    std::string id;
    LText title;
    std::vector<Block> blocks;
    // Recorded narration: a person reading the page aloud, at most one recording per language
    // (language tag -> audio file relative to the package root). Read aloud plays it instead
    // of the synthetic voice for a learner in that language.
    std::map<std::string, std::string> narrations;
    int line = 0;
    std::map<std::string, int> narrationLines; // language -> line of its <narration>

    auto key() const { return std::tie(id, title, blocks, narrations); }
};

struct Lesson {
    std::string id;
    LText title;
    std::vector<Page> pages;
    int line = 0;

    auto key() const { return std::tie(id, title, pages); }
};

// ---- quizzes -------------------------------------------------------------------------------

enum class QuestionType { Single, Multiple, TrueFalse, Short, Numeric, Matching, Ordering, Fill };
inline constexpr QuestionType kAllQuestionTypes[] = {
    QuestionType::Single,  QuestionType::Multiple, QuestionType::TrueFalse, QuestionType::Short,
    QuestionType::Numeric, QuestionType::Matching, QuestionType::Ordering,  QuestionType::Fill};

// An option of a single/multiple choice question, or an item of an ordering question.
struct Choice {
    std::string id;
    LText text;
    double weight = 0; // percent of the question's points, -100..100; > 0 means correct
    LText feedback;
    int line = 0;

    auto key() const { return std::tie(id, text, weight, feedback); }
};

// An accepted answer of a short-answer question or a blank.
struct Accept {
    std::string text;
    std::string lang; // empty: any language
    double weight = 100;
    int line = 0;

    auto key() const { return std::tie(text, lang, weight); }
};

// A numeric answer: value ± tolerance, or the range [min, max].
struct NumericAnswer {
    bool isRange = false;
    double value = 0;
    double tolerance = 0;
    double min = 0;
    double max = 0;
    double weight = 100;
    int line = 0;

    double low() const { return isRange ? min : value - tolerance; }
    double high() const { return isRange ? max : value + tolerance; }
    auto key() const { return std::tie(isRange, value, tolerance, min, max, weight); }
};

struct MatchPair {
    std::string id;
    LText left;
    LText right;
    int line = 0;

    auto key() const { return std::tie(id, left, right); }
};

struct Blank {
    std::string id; // referenced as {{id}} in the prompt
    std::vector<Accept> accepts;
    int line = 0;

    auto key() const { return std::tie(id, accepts); }
};

struct Question {
    std::string id;
    QuestionType type = QuestionType::Single;
    double points = 1;
    int timeLimit = 0; // seconds; 0: none
    std::string category;
    LText prompt;
    std::vector<Choice> choices;  // single, multiple
    bool answer = true;           // truefalse
    std::vector<Accept> accepts;  // short
    bool caseSensitive = false;   // short, fill
    bool accentSensitive = false; // short, fill
    std::vector<NumericAnswer> numeric;
    std::vector<MatchPair> pairs;   // matching
    std::vector<LText> distractors; // matching: extra right-hand options
    std::vector<Choice> sequence;   // ordering, in the correct order
    std::vector<Blank> blanks;      // fill
    LText feedbackCorrect;
    LText feedbackIncorrect;
    LText feedbackGeneral;
    int line = 0;

    auto key() const {
        return std::tie(id, type, points, timeLimit, category, prompt, choices, answer, accepts,
                        caseSensitive, accentSensitive, numeric, pairs, distractors, sequence,
                        blanks, feedbackCorrect, feedbackIncorrect, feedbackGeneral);
    }
};

enum class QuizMode { Both, Live, SelfPaced };
enum class FeedbackPolicy { Immediate, AtEnd, Never };

struct Quiz {
    std::string id;
    LText title;
    LText description;
    QuizMode mode = QuizMode::Both;
    bool shuffle = false;
    int attempts = 1; // 0: unlimited
    double passPercent = 60;
    int timeLimit = 0; // seconds for the whole quiz; 0: none
    FeedbackPolicy feedback = FeedbackPolicy::AtEnd;
    std::vector<Question> questions;
    int line = 0;

    auto key() const {
        return std::tie(id, title, description, mode, shuffle, attempts, passPercent, timeLimit,
                        feedback, questions);
    }
};

// ---- drills --------------------------------------------------------------------------------

enum class DrillKind { Click, DoubleClick, DragDrop, Scroll, Typing, SaveFile };

struct Drill {
    std::string id;
    DrillKind kind = DrillKind::Click;
    LText title;
    LText instructions;
    std::map<std::string, std::string> params; // per kind: see docs/package-format.md
    LText text;                                // typing: the text to type, per language
    // Success measure: all that are set must be met.
    double minAccuracy = 0; // percent
    int maxSeconds = 0;     // 0: no limit
    double minWpm = 0;      // typing
    int line = 0;
    std::map<std::string, int> paramLines;

    auto key() const {
        return std::tie(id, kind, title, instructions, params, text, minAccuracy, maxSeconds,
                        minWpm);
    }
};

// ---- the manifest --------------------------------------------------------------------------

enum class ResourceType { Lesson, Quiz, Drill, WebContent };

struct Resource {
    std::string id;
    ResourceType type = ResourceType::WebContent;
    std::string href;
    std::vector<std::string> files;
    std::vector<std::string> dependencies; // resource identifiers
    int line = 0;
    std::vector<int> fileLines;

    auto key() const { return std::tie(id, type, href, files, dependencies); }
};

struct Item {
    std::string id;
    std::string ref;   // identifierref; empty for a folder of items
    std::string title; // IMS <title>: Spanish
    LText titles;      // translations (our extension)
    std::vector<Item> children;
    int line = 0;

    auto key() const { return std::tie(id, ref, title, titles, children); }
};

struct Organization {
    std::string id;
    std::string title;
    LText titles;
    std::vector<Item> items;
    int line = 0;

    auto key() const { return std::tie(id, title, titles, items); }
};

struct Language {
    std::string code;
    bool needsReview = false; // texts still to be checked by a native speaker
    std::string note;
    bool partial = false; // coverage="partial": not every text is in this language yet, on purpose
    int line = 0;

    auto key() const { return std::tie(code, needsReview, note, partial); }
};

struct Metadata {
    LText title;
    LText description;
    std::vector<Language> languages;
    std::vector<std::string> authors;
    std::string licence;
    int line = 0;

    auto key() const { return std::tie(title, description, languages, authors, licence); }
};

struct Manifest {
    std::string identifier;
    std::string version;
    Metadata meta;
    std::string defaultOrganization;
    std::vector<Organization> organizations;
    std::vector<Resource> resources;
    int line = 0;

    auto key() const {
        return std::tie(identifier, version, meta, defaultOrganization, organizations, resources);
    }
    const Resource* resource(const std::string& id) const;
};

// A whole package: the manifest and the parsed content of its resources, by resource id.
struct Package {
    Manifest manifest;
    std::map<std::string, Lesson> lessons;
    std::map<std::string, Quiz> quizzes;
    std::map<std::string, Drill> drills;

    auto key() const { return std::tie(manifest, lessons, quizzes, drills); }
};

template <typename T>
auto operator==(const T& a, const T& b) -> decltype(a.key() == b.key()) {
    return a.key() == b.key();
}
template <typename T>
auto operator!=(const T& a, const T& b) -> decltype(a.key() == b.key()) {
    return !(a.key() == b.key());
}

// Names used in the XML and on the command line ("single", "double-click", "lesson", ...).
const char* toString(QuestionType t);
const char* toString(DrillKind k);
const char* toString(ResourceType t);
const char* toString(QuizMode m);
const char* toString(FeedbackPolicy f);
bool fromString(const std::string& s, QuestionType& out);
bool fromString(const std::string& s, DrillKind& out);
bool fromString(const std::string& s, ResourceType& out);
bool fromString(const std::string& s, QuizMode& out);
bool fromString(const std::string& s, FeedbackPolicy& out);

} // namespace ayllu::course
