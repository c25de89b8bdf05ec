// Every classroom message as a type: one struct per message, with its encoding and its decoding
// in one place (messages.cpp). docs/protocol.md is the specification; net/protocol.h holds the
// framing and the list of message types.
//
// Each message is grouped under the slice that owns it (session, presence, sync, lesson_pacing,
// screen_lock, drills, live_quiz, course_delivery). Decoders treat their input as hostile: they
// throw net::ProtocolError naming the field that is missing, of the wrong type, too long or out
// of range, and never anything else.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/net/protocol.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/store/progress.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ayllu::classroom::msg {

// ---- session: who is speaking, joining the class, signing learners in (the hosts) ----

// Hello from the student's PC: protocol version, device id, the PC's name.
struct StudentHello {
    static constexpr net::MsgType kType = net::MsgType::Hello;
    std::int64_t version = net::kProtocolVersion;
    std::string device; // at most 64 bytes, never empty
    std::string name;   // raw, at most 512 bytes (the teacher cleans it: cleanPcName)
    std::string encode() const;
    static StudentHello decode(const std::string& payload);
};

// Hello from the teacher: protocol version and the class.
struct TeacherHello {
    static constexpr net::MsgType kType = net::MsgType::Hello;
    std::int64_t version = net::kProtocolVersion;
    std::string classId;   // at most 128
    std::string className; // at most 200
    std::string teacher;   // optional, at most 4096
    std::string encode() const;
    static TeacherHello decode(const std::string& payload);
};

// The first join of a PC: the class code.
struct Join {
    static constexpr net::MsgType kType = net::MsgType::Join;
    std::string code; // at most 64
    std::string encode() const;
    static Join decode(const std::string& payload);
};

// A PC that joined before: its device token.
struct Resume {
    static constexpr net::MsgType kType = net::MsgType::Resume;
    std::string token; // at most 128
    std::string encode() const;
    static Resume decode(const std::string& payload);
};

// One learner of the roster as a PC sees them (never a PIN).
struct RosterEntry {
    std::string id;       // at most 128
    std::string name;     // at most 200
    std::string picture;  // optional, at most 200
    std::string language; // optional, at most 16
    bool pin = false;     // a PIN is asked at sign-in
    bool operator==(const RosterEntry& o) const {
        return id == o.id && name == o.name && picture == o.picture && language == o.language &&
               pin == o.pin;
    }
};

struct Joined {
    static constexpr net::MsgType kType = net::MsgType::Joined;
    static constexpr std::size_t kMaxRoster = 5000; // entries past this are ignored
    std::string token;                              // at most 128
    std::string classId, className;                 // optional on reading
    bool pinRequired = false;
    std::vector<RosterEntry> roster;
    std::string encode() const;
    static Joined decode(const std::string& payload);
};

struct Refused {
    static constexpr net::MsgType kType = net::MsgType::Refused;
    std::string reason;  // "version", "code", "token"...; optional, at most 32
    std::string message; // for a person; optional, at most 1000
    std::string encode() const;
    static Refused decode(const std::string& payload);
};

// A learner signs in with a PIN (or none), or comes back with the token of an earlier sign-in.
struct SignIn {
    static constexpr net::MsgType kType = net::MsgType::SignIn;
    std::string learner; // at most 128
    std::string token;   // optional, at most 128
    std::string pin;     // optional, at most 32
    std::string encode() const;
    static SignIn decode(const std::string& payload);
};

struct SignedIn {
    static constexpr net::MsgType kType = net::MsgType::SignedIn;
    std::string learner; // at most 128
    bool ok = false;
    std::string token;  // when ok, at most 128
    std::string reason; // when not: "unknown", "token", "pin", "wait"; at most 32
    std::string encode() const;
    static SignedIn decode(const std::string& payload);
};

struct SignOut {
    static constexpr net::MsgType kType = net::MsgType::SignOut;
    std::string learner; // at most 128
    std::string encode() const;
    static SignOut decode(const std::string& payload);
};

// Ping, Pong and Bye carry an empty object.
struct Ping {
    static constexpr net::MsgType kType = net::MsgType::Ping;
    std::string encode() const { return "{}"; }
};
struct Pong {
    static constexpr net::MsgType kType = net::MsgType::Pong;
    std::string encode() const { return "{}"; }
};
struct Bye {
    static constexpr net::MsgType kType = net::MsgType::Bye;
    std::string encode() const { return "{}"; }
};

// ---- presence: what each learner is doing, raised hands ----

// drills: how far a learner is in a drill, carried by a Presence with the state "drill".
struct DrillProgress {
    static constexpr std::int64_t kMaxSteps = 100000;
    std::string drill; // at most 128
    int done = 0;      // 0..total
    int total = 1;     // 1..kMaxSteps
    bool operator==(const DrillProgress& o) const {
        return drill == o.drill && done == o.done && total == o.total;
    }
};

struct Presence {
    static constexpr net::MsgType kType = net::MsgType::Presence;
    std::string learner; // at most 128
    // "reading", "answering", "done", "idle", "needs help" or "drill"; anything else is refused.
    std::string state;
    std::string page;            // optional, at most 128
    std::string course, content; // optional, at most 256 each
    std::optional<DrillProgress> drill;
    std::string encode() const;
    static Presence decode(const std::string& payload);
};

struct Hand {
    static constexpr net::MsgType kType = net::MsgType::Hand;
    std::string learner; // at most 128
    bool up = false;
    std::string encode() const;
    static Hand decode(const std::string& payload);
};

// ---- sync: progress events from the PC's outbox to the teacher, and their acknowledgement ----

struct Events {
    static constexpr net::MsgType kType = net::MsgType::Events;
    static constexpr std::size_t kMaxEvents = 1000;
    std::vector<store::Event> events; // each checked as store::Event::invalidReason does
    std::string encode() const;
    static Events decode(const std::string& payload);
};

struct EventsAck {
    static constexpr net::MsgType kType = net::MsgType::EventsAck;
    std::vector<std::int64_t> seqs; // now committed at the teacher
    std::string encode() const;
    static EventsAck decode(const std::string& payload);
};

// One event as it travels in Events (also used by tools that read events).
Poco::JSON::Object::Ptr eventToJson(const store::Event& e);
store::Event eventFromJson(const Poco::JSON::Object::Ptr& o); // throws net::ProtocolError

// ---- ClassState: what the teacher shows, one message for several slices ----

// drills: the drill handed to this PC.
struct DrillHandout {
    std::string course, content; // at most 256 each
    int round = 0;               // 0..1e9
    bool operator==(const DrillHandout& o) const {
        return course == o.course && content == o.content && round == o.round;
    }
};

// live_quiz: the open quiz as this PC may see it (never its key).
struct LiveQuizPublic {
    static constexpr std::size_t kMaxTitles = 16; // languages past this are ignored
    std::string course, content;                  // at most 256 each
    std::string title;                            // optional, at most 1000
    std::map<std::string, std::string> titles;    // language (at most 16) -> title
    int attempt = 1;                              // 1..1e6
    bool oneByOne = false;
    bool open = false;
    bool revealed = false;
    std::int64_t remainingMs = 0; // 0: no timer
    // The questions shown so far, each quiz::publicView made for this PC: decoded once here and
    // shown by the student's screen as they are. Each must be an object with a text "id"
    // (at most 256) and "type" (at most 32).
    std::vector<quiz::PublicQuestion> questions;
};

struct ClassStateMsg {
    static constexpr net::MsgType kType = net::MsgType::ClassState;
    static constexpr std::size_t kMaxHands = 64; // hands past this are ignored
    // lesson_pacing: the mode, the lesson and (paced) the page everyone is on.
    Mode mode = Mode::Idle;           // an unknown mode reads as Idle
    std::string course, lesson, page; // optional, at most 256 each
    // screen_lock: this PC's screen is locked.
    bool locked = false;
    // presence: learners of this PC whose raised hand the teacher sees (at most 128 each).
    std::set<std::string> hands;
    std::optional<DrillHandout> drill; // drills
    std::optional<LiveQuizPublic> quiz;
    std::string encode() const;
    static ClassStateMsg decode(const std::string& payload);
};

// ---- live_quiz: the reveal ----

struct QuestionResult {
    std::string result; // at most 32
    double points = 0, max = 0;
};

// The answer key (quiz::answerKeyView per question, each an object with a text "id") and the
// results of this PC's learners only.
struct QuizReveal {
    static constexpr net::MsgType kType = net::MsgType::QuizReveal;
    std::string course, content; // at most 256 each
    int attempt = 1;
    std::vector<Poco::JSON::Object::Ptr> key;
    // learner -> question id -> result
    std::map<std::string, std::map<std::string, QuestionResult>> results;
    std::string encode() const;
    static QuizReveal decode(const std::string& payload);
};

// ---- course_delivery: offering a course package and sending it in chunks ----

struct PackageOffer {
    static constexpr net::MsgType kType = net::MsgType::PackageOffer;
    // Plain file names (letters, digits, ".", "-", "_"; no ".."); identifier at most 128,
    // version at most 64.
    std::string identifier, version;
    std::uint64_t size = 1; // 1..2^31
    std::string sha256;     // at most 64
    std::string encode() const;
    static PackageOffer decode(const std::string& payload);
};

struct PackageRequest {
    static constexpr net::MsgType kType = net::MsgType::PackageRequest;
    std::string identifier; // at most 256
    std::string version;    // at most 64
    bool have = false;      // this PC has it already (no offset sent)
    std::uint64_t offset = 0;
    std::string encode() const;
    static PackageRequest decode(const std::string& payload);
};

struct PackageChunk {
    static constexpr net::MsgType kType = net::MsgType::PackageChunk;
    std::string identifier;   // at most 128
    std::string version;      // at most 64
    std::uint64_t offset = 0; // 0..2^31
    std::string sha256;       // of bytes; at most 64
    std::string bytes;
    std::string encode() const;
    static PackageChunk decode(const std::string& payload);
};

struct PackageDone {
    static constexpr net::MsgType kType = net::MsgType::PackageDone;
    std::string identifier; // at most 256
    std::string version;    // optional, at most 64
    bool ok = false;
    std::string reason; // when not ok; optional, at most 4096
    std::string encode() const;
    static PackageDone decode(const std::string& payload);
};

// Sends a message on a channel: `send(*ch, msg::Pong{})`.
template <typename Channel, typename M>
void send(Channel& ch, const M& m) {
    ch.sendRaw(M::kType, m.encode());
}

} // namespace ayllu::classroom::msg
