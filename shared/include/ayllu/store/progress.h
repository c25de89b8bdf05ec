// Learning progress, modelled on SCORM's run-time data, as append-only events.
//
// An event's identity is (device, seq): the same event arriving twice is stored once. Its
// natural key (learner, course, content, attempt, item) says what it is about. Summaries are
// derived from events by merges that are commutative and idempotent, so records from several
// PCs, in any order and with repeats, merge to the same result:
//   status only moves forward (not attempted < incomplete < completed < failed < passed),
//   the best scaled score is kept, time adds up, and location, suspend data and each answer
//   follow the latest event by (time, device, seq).
#pragma once

#include <SQLiteCpp/Database.h>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ayllu::store {

enum class Status { NotAttempted = 0, Incomplete = 1, Completed = 2, Failed = 3, Passed = 4 };
const char* toString(Status s);
bool fromString(const std::string& s, Status& out);

enum class EventKind {
    Status,   // status
    Score,    // scoreRaw, scoreMax
    Time,     // durationMs: time spent, added up
    PageView, // item = page id; also moves the location
    Suspend,  // text = suspend data (any length)
    Answer,   // item = question id; text = response, result, scoreRaw/Max, latencyMs
    Drill,    // text = measures as JSON; result "passed"/"failed"; scoreRaw = accuracy %
};
const char* toString(EventKind k);
bool fromString(const std::string& s, EventKind& out);

// The longest one time or one answer's latency may be (a PC claiming more is refused): a PC
// measuring more, say a quiz left open over a weekend, records this much.
inline constexpr std::int64_t kMaxDurationMs = 24LL * 3600 * 1000;

struct Event {
    std::string device;
    std::int64_t seq = 0; // per device, from 1; given by the device's store when committed
    std::string learner;
    std::string course;  // package identifier
    std::string content; // resource identifier (lesson, quiz, drill)
    int attempt = 1;
    std::string item; // page or question id; empty when about the whole content
    EventKind kind = EventKind::Status;
    std::int64_t atMs = 0; // the device's clock
    Status status = Status::NotAttempted;
    std::optional<double> scoreRaw;
    std::optional<double> scoreMax;
    std::int64_t durationMs = 0;
    std::string text;
    std::string result; // "correct", "incorrect", "partial", "passed", "failed"
    std::int64_t latencyMs = 0;

    // The rule each kind must follow; empty when the event is well-formed, else why not.
    std::string invalidReason() const;
};

struct Progress {
    std::string learner, course, content;
    int attempt = 1;
    Status status = Status::NotAttempted;
    std::optional<double> scoreRaw, scoreMax;
    std::int64_t timeMs = 0;
    std::string location;
    std::string suspend;

    std::optional<double> scaled() const; // raw / max, when known
};

struct Interaction {
    std::string learner, course, content;
    int attempt = 1;
    std::string item;
    std::string response;
    std::string result;
    std::optional<double> scoreRaw, scoreMax;
    std::int64_t latencyMs = 0;
    std::int64_t atMs = 0;
};

// Inserts `e` and merges it into the summaries, inside the caller's transaction. Returns false
// (and changes nothing) when (device, seq) is already stored.
bool insertEvent(SQLite::Database& db, const Event& e, std::int64_t storedMs);

std::optional<Progress> progressOf(SQLite::Database& db, const std::string& learner,
                                   const std::string& course, const std::string& content,
                                   int attempt);
std::vector<Progress> progressOfLearner(SQLite::Database& db, const std::string& learner);
std::vector<Interaction> interactionsOf(SQLite::Database& db, const std::string& learner,
                                        const std::string& course, const std::string& content,
                                        int attempt);
// The pages of a lesson the learner has viewed (page view events, from any PC), by page id.
std::set<std::string> pagesViewedOf(SQLite::Database& db, const std::string& learner,
                                    const std::string& course, const std::string& content,
                                    int attempt);
std::int64_t countEvents(SQLite::Database& db);

} // namespace ayllu::store
