#include "ayllu/store/progress.h"

#include "ayllu/i18n.h"
#include "ayllu/text.h"
#include "sql.h"

#include <SQLiteCpp/Statement.h>
#include <cmath>
#include <cstdio>

namespace ayllu::store {
namespace {

// The incoming score is better: a higher scaled score, or the same with a larger maximum (so
// 2/4 beats 1/2 in whichever order they arrive: the merge must not depend on order).
#define BETTER_SCORE                                                                               \
    "(excluded.score_max > 0 AND (score_max IS NULL OR score_max <= 0 OR"                          \
    " excluded.score_raw / excluded.score_max > score_raw / score_max OR"                          \
    " (excluded.score_raw / excluded.score_max = score_raw / score_max"                            \
    "  AND excluded.score_max > score_max)))"

template <typename E, std::size_t N>
bool lookup(const std::string& s, E& out, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [v, n] : table) {
        if (s == n) {
            out = v;
            return true;
        }
    }
    return false;
}
template <typename E, std::size_t N>
const char* nameIn(E v, const std::pair<E, const char*> (&table)[N]) {
    for (const auto& [x, n] : table) {
        if (x == v) {
            return n;
        }
    }
    return "?";
}

const std::pair<Status, const char*> kStatuses[] = {{Status::NotAttempted, "not attempted"},
                                                    {Status::Incomplete, "incomplete"},
                                                    {Status::Completed, "completed"},
                                                    {Status::Failed, "failed"},
                                                    {Status::Passed, "passed"}};
const std::pair<EventKind, const char*> kKinds[] = {
    {EventKind::Status, "status"}, {EventKind::Score, "score"},     {EventKind::Time, "time"},
    {EventKind::PageView, "page"}, {EventKind::Suspend, "suspend"}, {EventKind::Answer, "answer"},
    {EventKind::Drill, "drill"}};

// Orders events by the device clock, then device and sequence, so "latest" is the same on
// every PC whatever the order of arrival.
std::string orderKey(const Event& e) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016lld|", static_cast<long long>(e.atMs));
    char seq[24];
    std::snprintf(seq, sizeof seq, "|%016lld", static_cast<long long>(e.seq));
    return buf + e.device + seq;
}

} // namespace

const char* toString(Status s) {
    return nameIn(s, kStatuses);
}
bool fromString(const std::string& s, Status& out) {
    return lookup(s, out, kStatuses);
}
const char* toString(EventKind k) {
    return nameIn(k, kKinds);
}
bool fromString(const std::string& s, EventKind& out) {
    return lookup(s, out, kKinds);
}

std::optional<double> Progress::scaled() const {
    if (!scoreRaw || !scoreMax || *scoreMax <= 0) {
        return std::nullopt;
    }
    return *scoreRaw / *scoreMax;
}

std::string Event::invalidReason() const {
    const auto bad = [](const std::string& s) { return s.empty() || text::invalidUtf8At(s); };
    if (bad(device) || bad(learner) || bad(course) || bad(content)) {
        return _("the event lacks its device, learner, course or content");
    }
    if (seq <= 0 || attempt <= 0) {
        return _("the event's sequence number and attempt must be positive");
    }
    if (text::invalidUtf8At(item) || text::invalidUtf8At(text) || text::invalidUtf8At(result)) {
        return _("the event's text is not valid UTF-8");
    }
    const auto finite = [](const std::optional<double>& v) { return !v || std::isfinite(*v); };
    // A day at most for one time or one answer: a PC cannot claim years, whose sum would
    // overflow and fail the gradebook of the whole class.
    if (!finite(scoreRaw) || !finite(scoreMax) || durationMs < 0 || latencyMs < 0 || atMs < 0 ||
        durationMs > kMaxDurationMs || latencyMs > kMaxDurationMs) {
        return _("the event's numbers are out of range");
    }
    switch (kind) {
    case EventKind::Score:
        if (!scoreRaw || !scoreMax || *scoreMax <= 0) {
            return _("a score event needs a raw score and a positive maximum");
        }
        break;
    case EventKind::PageView:
    case EventKind::Answer:
        if (item.empty()) {
            return _("a page view or answer names its page or question");
        }
        break;
    default:
        break;
    }
    return {};
}

bool insertEvent(SQLite::Database& db, const Event& e, std::int64_t storedMs) {
    SQLite::Statement ins(db, "INSERT OR IGNORE INTO events (device, seq, learner, course, "
                              "content, attempt, item, kind, at_ms, status, score_raw, score_max, "
                              "duration_ms, text, result, latency_ms, stored_ms) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const std::optional<std::string> status =
        e.kind == EventKind::Status ? std::optional<std::string>(toString(e.status)) : std::nullopt;
    sql::bind(ins, e.device, e.seq, e.learner, e.course, e.content, e.attempt, e.item,
              toString(e.kind), e.atMs, status, e.scoreRaw, e.scoreMax, e.durationMs, e.text,
              e.result, e.latencyMs, storedMs);
    if (ins.exec() == 0) {
        return false; // already stored: merging again would count time twice
    }

    // What this event contributes to the summary row.
    int rank = static_cast<int>(Status::NotAttempted);
    std::optional<double> raw, max;
    std::int64_t time = 0;
    const char* location = nullptr;
    const char* suspend = nullptr;
    const std::string key = orderKey(e);
    switch (e.kind) {
    case EventKind::Status:
        rank = static_cast<int>(e.status);
        break;
    case EventKind::Score:
        raw = e.scoreRaw;
        max = e.scoreMax;
        break;
    case EventKind::Time:
        time = e.durationMs;
        break;
    case EventKind::PageView:
        rank = static_cast<int>(Status::Incomplete);
        location = e.item.c_str();
        break;
    case EventKind::Suspend:
        suspend = e.text.c_str();
        break;
    case EventKind::Answer:
        rank = static_cast<int>(Status::Incomplete);
        break;
    case EventKind::Drill:
        rank = static_cast<int>(e.result == "passed" ? Status::Passed : Status::Failed);
        raw = e.scoreRaw;
        max = e.scoreMax;
        time = e.durationMs;
        break;
    }
    SQLite::Statement up(
        db,
        "INSERT INTO progress (learner, course, content, attempt, status_rank, score_raw, "
        "score_max, time_ms, location, location_key, suspend, suspend_key, updated_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, CASE WHEN ?9 IS NULL THEN NULL ELSE ?10 END, "
        "?11, CASE WHEN ?11 IS NULL THEN NULL ELSE ?10 END, ?12) "
        "ON CONFLICT (learner, course, content, attempt) DO UPDATE SET "
        " status_rank = max(status_rank, excluded.status_rank),"
        " score_raw = CASE WHEN " BETTER_SCORE " THEN excluded.score_raw ELSE score_raw END,"
        " score_max = CASE WHEN " BETTER_SCORE " THEN excluded.score_max ELSE score_max END,"
        " time_ms = time_ms + excluded.time_ms,"
        " location = CASE WHEN excluded.location_key > coalesce(location_key, '')"
        "   THEN excluded.location ELSE location END,"
        " location_key = max(coalesce(location_key, ''), coalesce(excluded.location_key, '')),"
        " suspend = CASE WHEN excluded.suspend_key > coalesce(suspend_key, '')"
        "   THEN excluded.suspend ELSE suspend END,"
        " suspend_key = max(coalesce(suspend_key, ''), coalesce(excluded.suspend_key, '')),"
        " updated_ms = excluded.updated_ms");
    sql::bind(up, e.learner, e.course, e.content, e.attempt, rank, raw, max,
              static_cast<std::int64_t>(time), location, key, suspend, storedMs);
    up.exec();

    if (e.kind == EventKind::Answer || e.kind == EventKind::Drill) {
        SQLite::Statement ia(
            db, "INSERT INTO interactions (learner, course, content, attempt, item, response, "
                "result, score_raw, score_max, latency_ms, at_ms, at_key) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                "ON CONFLICT (learner, course, content, attempt, item) DO UPDATE SET "
                " response = excluded.response, result = excluded.result,"
                " score_raw = excluded.score_raw, score_max = excluded.score_max,"
                " latency_ms = excluded.latency_ms, at_ms = excluded.at_ms,"
                " at_key = excluded.at_key "
                "WHERE excluded.at_key > at_key");
        sql::bind(ia, e.learner, e.course, e.content, e.attempt,
                  e.kind == EventKind::Drill ? std::string("drill") : e.item, e.text, e.result,
                  e.scoreRaw, e.scoreMax, static_cast<std::int64_t>(e.latencyMs),
                  static_cast<std::int64_t>(e.atMs), key);
        ia.exec();
    }
    return true;
}

namespace {
Progress readProgress(SQLite::Statement& q) {
    Progress p;
    sql::read(q, p.learner, p.course, p.content, p.attempt, p.status, p.scoreRaw, p.scoreMax,
              p.timeMs, p.location, p.suspend);
    return p;
}
constexpr const char* kProgressColumns =
    "SELECT learner, course, content, attempt, status_rank, score_raw, score_max, time_ms, "
    "coalesce(location, ''), coalesce(suspend, '') FROM progress ";
} // namespace

std::optional<Progress> progressOf(SQLite::Database& db, const std::string& learner,
                                   const std::string& course, const std::string& content,
                                   int attempt) {
    SQLite::Statement q(db, std::string(kProgressColumns) +
                                "WHERE learner = ? AND course = ? AND content = ? AND attempt = ?");
    sql::bind(q, learner, course, content, attempt);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readProgress(q);
}

std::vector<Progress> progressOfLearner(SQLite::Database& db, const std::string& learner) {
    SQLite::Statement q(db, std::string(kProgressColumns) +
                                "WHERE learner = ? ORDER BY course, content, attempt");
    q.bind(1, learner);
    std::vector<Progress> out;
    while (q.executeStep()) {
        out.push_back(readProgress(q));
    }
    return out;
}

std::set<std::string> pagesViewedOf(SQLite::Database& db, const std::string& learner,
                                    const std::string& course, const std::string& content,
                                    int attempt) {
    SQLite::Statement q(db, "SELECT DISTINCT item FROM events WHERE learner = ? AND course = ? "
                            "AND content = ? AND attempt = ? AND kind = 'page'");
    sql::bind(q, learner, course, content, attempt);
    std::set<std::string> out;
    while (q.executeStep()) {
        out.insert(q.getColumn(0).getString());
    }
    return out;
}

std::vector<Interaction> interactionsOf(SQLite::Database& db, const std::string& learner,
                                        const std::string& course, const std::string& content,
                                        int attempt) {
    SQLite::Statement q(db, "SELECT item, coalesce(response, ''), coalesce(result, ''), "
                            "score_raw, score_max, latency_ms, at_ms FROM interactions "
                            "WHERE learner = ? AND course = ? AND content = ? AND attempt = ? "
                            "ORDER BY item");
    sql::bind(q, learner, course, content, attempt);
    std::vector<Interaction> out;
    while (q.executeStep()) {
        Interaction i;
        i.learner = learner;
        i.course = course;
        i.content = content;
        i.attempt = attempt;
        sql::read(q, i.item, i.response, i.result, i.scoreRaw, i.scoreMax, i.latencyMs, i.atMs);
        out.push_back(i);
    }
    return out;
}

std::int64_t countEvents(SQLite::Database& db) {
    return db.execAndGet("SELECT count(*) FROM events").getInt64();
}

} // namespace ayllu::store
