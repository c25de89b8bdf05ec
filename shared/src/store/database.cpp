#include "ayllu/store/database.h"

#include "ayllu/i18n.h"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

namespace ayllu::store {

namespace fs = std::filesystem;
using i18n::fmt;

namespace {

// 'AYLL': marks a SQLite file as Ayllu's, so another program's database is never "migrated".
constexpr int kApplicationId = 0x41594c4c;

// Step 1, both roles: the progress core (append-only events and their merged summaries).
constexpr const char* kProgressCore = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every change, append-only. (device, seq) is its identity: stored once, however often it
-- arrives. (learner, course, content, attempt, item) is its natural key.
CREATE TABLE events (
    device      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    learner     TEXT    NOT NULL,
    course      TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    item        TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    status      TEXT,
    score_raw   REAL,
    score_max   REAL,
    duration_ms INTEGER,
    text        TEXT,
    result      TEXT,
    latency_ms  INTEGER,
    stored_ms   INTEGER NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
CREATE INDEX events_by_key ON events (learner, course, content, attempt, item);

-- Per learner and content item and attempt, merged monotonically from the events: status only
-- moves forward, the best score is kept, time adds up, location and suspend data follow the
-- latest event by (time, device, seq).
CREATE TABLE progress (
    learner      TEXT    NOT NULL,
    course       TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    attempt      INTEGER NOT NULL,
    status_rank  INTEGER NOT NULL DEFAULT 0,
    score_raw    REAL,
    score_max    REAL,
    time_ms      INTEGER NOT NULL DEFAULT 0,
    location     TEXT,
    location_key TEXT,
    suspend      TEXT,
    suspend_key  TEXT,
    updated_ms   INTEGER NOT NULL,
    PRIMARY KEY (learner, course, content, attempt)
) WITHOUT ROWID;

-- Per question (or drill), the latest answer by (time, device, seq), like cmi.interactions.
CREATE TABLE interactions (
    learner    TEXT    NOT NULL,
    course     TEXT    NOT NULL,
    content    TEXT    NOT NULL,
    attempt    INTEGER NOT NULL,
    item       TEXT    NOT NULL,
    response   TEXT,
    result     TEXT,
    score_raw  REAL,
    score_max  REAL,
    latency_ms INTEGER,
    at_ms      INTEGER NOT NULL,
    at_key     TEXT    NOT NULL,
    PRIMARY KEY (learner, course, content, attempt, item)
) WITHOUT ROWID;
)sql";

// Step 2, student PC: who uses this PC, the classes it joined, its courses, its outbox.
constexpr const char* kStudentStep2 = R"sql(
-- Events of this device that the teacher has not acknowledged yet.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY
);
CREATE TABLE classes (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    teacher_fingerprint TEXT NOT NULL,
    host                TEXT,
    port                INTEGER,
    device_token        TEXT,
    joined_ms           INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE learners (
    id        TEXT PRIMARY KEY,
    class_id  TEXT REFERENCES classes (id),
    name      TEXT NOT NULL,
    picture   TEXT,
    signin    TEXT NOT NULL DEFAULT 'picture' CHECK (signin IN ('none', 'picture', 'pin')),
    pin_hash  TEXT,
    token     TEXT,
    language  TEXT NOT NULL DEFAULT 'es',
    added_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE packages (
    identifier   TEXT NOT NULL,
    version      TEXT NOT NULL,
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    installed_ms INTEGER NOT NULL,
    PRIMARY KEY (identifier, version)
) WITHOUT ROWID;
)sql";

// Step 2, teacher PC: classes, roster, devices, class sessions.
constexpr const char* kTeacherStep2 = R"sql(
CREATE TABLE classes (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    code         TEXT NOT NULL,
    pin_required INTEGER NOT NULL DEFAULT 0,
    created_ms   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE learners (
    id         TEXT PRIMARY KEY,
    class_id   TEXT NOT NULL REFERENCES classes (id),
    name       TEXT NOT NULL,
    picture    TEXT,
    pin_hash   TEXT,
    language   TEXT NOT NULL DEFAULT 'es',
    created_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX learners_by_class ON learners (class_id, name);
CREATE TABLE devices (
    id            TEXT PRIMARY KEY,
    name          TEXT,
    class_id      TEXT,
    token_hash    TEXT,
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    class_id   TEXT NOT NULL REFERENCES classes (id),
    started_ms INTEGER NOT NULL,
    ended_ms   INTEGER,
    state      TEXT
);
CREATE INDEX events_by_stored ON events (stored_ms);
)sql";

void backfillOutbox(SQLite::Database& db) {
    // Before step 2 nothing was ever acknowledged: every event of this device is still to send.
    db.exec("INSERT INTO outbox (seq) SELECT seq FROM events "
            "WHERE device = (SELECT value FROM meta WHERE key = 'device')");
}

const char* roleName(Role r) {
    return r == Role::Student ? "student" : "teacher";
}

std::string roleLabel(const std::string& name) {
    return name == "student" ? _("student PC") : name == "teacher" ? _("teacher PC") : name;
}

} // namespace

const std::vector<Migration>& Database::migrations(Role role) {
    static const std::vector<Migration> student = {{1, kProgressCore, {}},
                                                   {2, kStudentStep2, backfillOutbox}};
    static const std::vector<Migration> teacher = {{1, kProgressCore, {}}, {2, kTeacherStep2, {}}};
    return role == Role::Student ? student : teacher;
}

int Database::latestVersion(Role role) {
    return migrations(role).back().version;
}

Database::Database(const std::string& path, Role role) : path_(path), role_(role) {
    open(latestVersion(role));
}

Database::Database(const std::string& path, Role role, int version) : path_(path), role_(role) {
    open(version);
}

Database::~Database() {
    db_.reset();
    if (lockFd_ >= 0) {
        ::close(lockFd_); // releases the flock
    }
}

StorageError Database::translate(const std::exception& e) const {
    if (const auto* se = dynamic_cast<const StorageError*>(&e)) {
        return *se;
    }
    const auto* sq = dynamic_cast<const SQLite::Exception*>(&e);
    const int code = sq != nullptr ? (sq->getErrorCode() & 0xff) : -1;
    switch (code) {
    case SQLITE_FULL:
        return {StorageError::Kind::Full,
                fmt(_("The disk is full: %1 cannot grow. Free some space; nothing was lost and "
                      "the work will be saved then."),
                    path_)};
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        return {StorageError::Kind::ReadOnly,
                fmt(_("%1 cannot be written (read-only folder or no permission): %2"), path_,
                    e.what())};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return {StorageError::Kind::Corrupt,
                fmt(_("%1 is damaged or is not a database (%2). Keep a copy of it and ask for "
                      "help before deleting it."),
                    path_, e.what())};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {StorageError::Kind::Locked,
                fmt(_("%1 is busy in another program: %2"), path_, e.what())};
    default:
        return {StorageError::Kind::Io, fmt(_("cannot use %1: %2"), path_, e.what())};
    }
}

void Database::open(int targetVersion) {
    std::error_code ec;
    const fs::path file(path_);
    if (file.has_parent_path()) {
        fs::create_directories(file.parent_path(), ec);
        if (ec) {
            throw StorageError(StorageError::Kind::ReadOnly,
                               fmt(_("cannot create the data folder %1: %2"),
                                   file.parent_path().string(), ec.message()));
        }
    }
    // One writer per file: a second Ayllu on the same data folder is refused, not interleaved.
    lockFd_ = ::open((path_ + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockFd_ < 0) {
        throw StorageError(StorageError::Kind::ReadOnly,
                           fmt(_("cannot create %1 (read-only folder?)"), path_ + ".lock"));
    }
    if (::flock(lockFd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(lockFd_);
        lockFd_ = -1;
        throw StorageError(StorageError::Kind::Locked,
                           fmt(_("%1 is already open in another Ayllu window on this PC"), path_));
    }
    try {
        openLocked(targetVersion);
    } catch (...) {
        db_.reset();
        ::close(lockFd_); // the destructor will not run: release the lock here
        lockFd_ = -1;
        throw;
    }
}

void Database::openLocked(int targetVersion) {
    std::error_code ec;
    const fs::path file(path_);
    // Refuse what is not a SQLite file before SQLite sees it.
    if (fs::exists(file, ec) && fs::file_size(file, ec) > 0) {
        char header[16] = {};
        std::ifstream(file, std::ios::binary).read(header, sizeof header);
        if (std::string(header, 15) != "SQLite format 3") {
            throw StorageError(StorageError::Kind::Foreign,
                               fmt(_("%1 is not an Ayllu database; it was left untouched"), path_));
        }
    }
    try {
        db_ = std::make_unique<SQLite::Database>(
            path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
        const int appId = db_->execAndGet("PRAGMA application_id").getInt();
        const int version = db_->execAndGet("PRAGMA user_version").getInt();
        const int tables = db_->execAndGet("SELECT count(*) FROM sqlite_master").getInt();
        if (appId != kApplicationId && !(appId == 0 && version == 0 && tables == 0)) {
            throw StorageError(
                StorageError::Kind::Foreign,
                fmt(_("%1 belongs to another program; it was left untouched"), path_));
        }
        const std::string check = db_->execAndGet("PRAGMA quick_check").getString();
        if (check != "ok") {
            throw StorageError(StorageError::Kind::Corrupt,
                               fmt(_("%1 is damaged (%2). Keep a copy of it and ask for help "
                                     "before deleting it."),
                                   path_, check));
        }
        if (version > latestVersion(role_)) {
            throw StorageError(StorageError::Kind::TooNew,
                               fmt(_("%1 was written by a newer Ayllu (schema %2; this one knows "
                                     "%3). Update Ayllu; the file was left untouched."),
                                   path_, version, latestVersion(role_)));
        }
        if (version > 0) {
            SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = 'role'");
            if (q.executeStep() && q.getColumn(0).getString() != roleName(role_)) {
                throw StorageError(StorageError::Kind::Foreign,
                                   fmt(_("%1 belongs to a %2, not to a %3"), path_,
                                       roleLabel(q.getColumn(0).getString()),
                                       roleLabel(roleName(role_))));
            }
        }
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = FULL");
        db_->exec("PRAGMA foreign_keys = ON");
        if (version < targetVersion) {
            migrate(version, targetVersion);
        }
    } catch (const StorageError&) {
        db_.reset();
        throw;
    } catch (const std::exception& e) {
        auto err = translate(e);
        db_.reset();
        throw err;
    }
}

void Database::migrate(int from, int to) {
    for (const auto& step : migrations(role_)) {
        if (step.version <= from || step.version > to) {
            continue;
        }
        write([&](SQLite::Database& db) {
            db.exec(step.sql);
            if (step.version == 1) {
                db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
                SQLite::Statement role(db, "INSERT INTO meta (key, value) VALUES ('role', ?)");
                role.bind(1, roleName(role_));
                role.exec();
            }
            if (step.data) {
                step.data(db);
            }
            db.exec("PRAGMA user_version = " + std::to_string(step.version));
        });
    }
}

int Database::schemaVersion() {
    return db_->execAndGet("PRAGMA user_version").getInt();
}

void Database::setMeta(const std::string& key, const std::string& value) {
    write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = ?2");
        q.bind(1, key);
        q.bind(2, value);
        q.exec();
    });
}

std::string Database::meta(const std::string& key, const std::string& fallback) {
    try {
        SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = ?1");
        q.bind(1, key);
        return q.executeStep() ? q.getColumn(0).getString() : fallback;
    } catch (const SQLite::Exception& e) {
        throw translate(e);
    }
}

void Database::write(const std::function<void(SQLite::Database&)>& work) {
    try {
        SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        work(*db_);
        tx.commit();
    } catch (const StorageError&) {
        throw;
    } catch (const std::exception& e) {
        throw translate(e);
    }
}

std::string Database::integrityCheck() {
    return db_->execAndGet("PRAGMA integrity_check").getString();
}

void Database::limitPages(long pages) {
    db_->exec("PRAGMA max_page_count = " + std::to_string(pages));
}

std::string defaultDataDir() {
    if (const char* d = std::getenv("AYLLU_DATA_DIR"); d != nullptr && *d != '\0') {
        return d;
    }
#ifdef _WIN32
    if (const char* a = std::getenv("APPDATA"); a != nullptr && *a != '\0') {
        return (fs::path(a) / "Ayllu").string();
    }
#endif
    if (const char* x = std::getenv("XDG_DATA_HOME"); x != nullptr && *x != '\0') {
        return (fs::path(x) / "ayllu").string();
    }
    const char* home = std::getenv("HOME");
    return (fs::path(home != nullptr ? home : ".") / ".local" / "share" / "ayllu").string();
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace ayllu::store
