#include "ayllu/store/teacher_store.h"

#include "ayllu/problem.h"
#include "ayllu/store/student_store.h" // hashPin, verifyPin
#include "sql.h"

#include <SQLiteCpp/Statement.h>

namespace ayllu::store {

TeacherStore::TeacherStore(const std::string& path) : db_(path, Role::Teacher) {}

IngestResult TeacherStore::ingest(const std::vector<Event>& events) {
    return ingestBatches({events}).front();
}

std::vector<IngestResult>
TeacherStore::ingestBatches(const std::vector<std::vector<Event>>& batches) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    std::vector<IngestResult> results;
    db_.write([&](SQLite::Database& sql) {
        results.assign(batches.size(), IngestResult{});
        const std::int64_t now = nowMs();
        for (std::size_t b = 0; b < batches.size(); ++b) {
            IngestResult& r = results[b];
            for (const Event& e : batches[b]) {
                if (const std::string why = e.invalidReason(); !why.empty()) {
                    r.rejected.emplace_back(e.seq, why);
                    continue;
                }
                if (insertEvent(sql, e, now)) {
                    ++r.added;
                } else {
                    ++r.duplicates;
                }
                r.durable.emplace_back(e.device, e.seq);
            }
        }
    });
    return results; // committed: now, and only now, each caller may acknowledge its durable list
}

void TeacherStore::recordOwn(std::vector<Event> events) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement last(sql, "SELECT coalesce(max(seq), 0) FROM events WHERE device = ?");
        last.bind(1, kConsoleDevice);
        last.executeStep();
        std::int64_t seq = last.getColumn(0).getInt64();
        const std::int64_t now = nowMs();
        for (Event& e : events) {
            e.device = kConsoleDevice;
            e.seq = ++seq;
            if (e.atMs == 0) {
                e.atMs = now;
            }
            if (const std::string why = e.invalidReason(); !why.empty()) {
                throw Error(why);
            }
            insertEvent(sql, e, now);
        }
    });
}

void TeacherStore::saveClass(const ClassInfo& c) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO classes (id, name, code, pin_required, created_ms) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET "
                                 "name = ?2, code = ?3, pin_required = ?4");
        sql::bind(q, c.id, c.name, c.code, c.pinRequired ? 1 : 0,
                  static_cast<std::int64_t>(nowMs()));
        q.exec();
    });
}

namespace {
ClassInfo readClass(SQLite::Statement& q) {
    return {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
            q.getColumn(3).getInt() != 0};
}
} // namespace

std::vector<ClassInfo> TeacherStore::classes() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(db_.sql(),
                        "SELECT id, name, code, pin_required FROM classes ORDER BY name");
    std::vector<ClassInfo> out;
    while (q.executeStep()) {
        out.push_back(readClass(q));
    }
    return out;
}

std::optional<ClassInfo> TeacherStore::classById(const std::string& id) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(db_.sql(), "SELECT id, name, code, pin_required FROM classes WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readClass(q);
}

void TeacherStore::saveLearner(const RosterEntry& l) {
    saveLearners({l});
}

void TeacherStore::saveLearners(const std::vector<RosterEntry>& learners) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO learners (id, class_id, name, picture, pin_hash, "
                                 "language, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                 "ON CONFLICT (id) DO UPDATE SET class_id = ?2, name = ?3, "
                                 "picture = ?4, pin_hash = coalesce(?5, pin_hash), language = ?6");
        for (const auto& l : learners) {
            q.reset();
            sql::bind(q, l.id, l.classId, l.name, l.picture,
                      sql::orNull(l.pin.empty() ? std::string() : hashPin(l.pin)), l.language,
                      nowMs());
            q.exec();
        }
    });
}

std::vector<RosterEntry> TeacherStore::roster(const std::string& classId) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(db_.sql(), "SELECT id, class_id, name, coalesce(picture, ''), language, "
                                   "pin_hash IS NOT NULL FROM learners WHERE class_id = ? "
                                   "ORDER BY name, id");
    q.bind(1, classId);
    return sql::all<RosterEntry>(q, &RosterEntry::id, &RosterEntry::classId, &RosterEntry::name,
                                 &RosterEntry::picture, &RosterEntry::language,
                                 &RosterEntry::hasPin);
}

bool TeacherStore::checkPin(const std::string& learnerId, const std::string& pin) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(db_.sql(), "SELECT pin_hash FROM learners WHERE id = ?");
    q.bind(1, learnerId);
    if (!q.executeStep()) {
        return false;
    }
    return q.getColumn(0).isNull() || verifyPin(pin, q.getColumn(0).getString());
}

void TeacherStore::setSetting(const std::string& name, const std::string& value) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.setMeta("setting/" + name, value);
}

std::string TeacherStore::setting(const std::string& name, const std::string& fallback) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return db_.meta("setting/" + name, fallback);
}

void TeacherStore::deviceSeen(const std::string& deviceId, const std::string& name,
                              const std::string& classId) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO devices (id, name, class_id, first_seen_ms, "
                                 "last_seen_ms) VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (id) DO "
                                 "UPDATE SET name = ?2, class_id = ?3, last_seen_ms = ?4");
        sql::bind(q, deviceId, name, classId, static_cast<std::int64_t>(nowMs()));
        q.exec();
    });
}

std::int64_t TeacherStore::startSession(const std::string& classId) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    std::int64_t id = 0;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO sessions (class_id, started_ms) VALUES (?, ?)");
        sql::bind(q, classId, static_cast<std::int64_t>(nowMs()));
        q.exec();
        id = sql.getLastInsertRowid();
    });
    return id;
}

void TeacherStore::saveSessionState(std::int64_t session, const std::string& state) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "UPDATE sessions SET state = ? WHERE id = ?");
        sql::bind(q, state, static_cast<std::int64_t>(session));
        q.exec();
    });
}

void TeacherStore::endSession(std::int64_t session) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "UPDATE sessions SET ended_ms = ? WHERE id = ?");
        sql::bind(q, static_cast<std::int64_t>(nowMs()), static_cast<std::int64_t>(session));
        q.exec();
    });
}

std::optional<std::pair<std::int64_t, std::string>>
TeacherStore::openSession(const std::string& classId) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(db_.sql(), "SELECT id, coalesce(state, '') FROM sessions "
                                   "WHERE class_id = ? AND ended_ms IS NULL ORDER BY id DESC");
    q.bind(1, classId);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return std::make_pair(q.getColumn(0).getInt64(), q.getColumn(1).getString());
}

std::optional<Progress> TeacherStore::progress(const std::string& learner,
                                               const std::string& course,
                                               const std::string& content, int attempt) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return progressOf(db_.sql(), learner, course, content, attempt);
}

} // namespace ayllu::store
