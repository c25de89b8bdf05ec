// One Ayllu SQLite file: opened for one role, checked, migrated, written only in transactions.
//
// Durability: WAL with synchronous=FULL (lab PCs lose power often; NORMAL could lose the last
// commits on a power cut), a busy timeout, and an exclusive lock file so that one process writes
// each file. Every write goes through write(): one RAII transaction that commits or rolls back
// whole, and turns SQLite's errors into a StorageError that names the file and says what to do.
#pragma once

#include "ayllu/problem.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ayllu::store {

class StorageError : public Error {
public:
    enum class Kind { Full, ReadOnly, Corrupt, Foreign, TooNew, Locked, Io };
    StorageError(Kind kind, std::string message) : Error(std::move(message)), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

enum class Role { Student, Teacher };

// One schema step: SQL run in the migration's transaction, then an optional data step.
struct Migration {
    int version; // the schema version after this step
    const char* sql;
    std::function<void(SQLite::Database&)> data;
};

class Database {
public:
    // Opens (creating when absent) and migrates to the latest version. Throws StorageError.
    Database(const std::string& path, Role role);
    // Opens and migrates only up to `version` (tests of old files).
    Database(const std::string& path, Role role, int version);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const std::string& path() const { return path_; }
    Role role() const { return role_; }
    int schemaVersion();

    // Runs `work` in one immediate transaction and commits it. Any exception rolls everything
    // back; SQLite errors come out as StorageError.
    void write(const std::function<void(SQLite::Database&)>& work);

    // Read-only access (queries); writes must use write().
    SQLite::Database& sql() { return *db_; }

    // Small named values kept in the file (settings, preferences): set in a transaction of its
    // own; `fallback` when never set.
    void setMeta(const std::string& key, const std::string& value);
    std::string meta(const std::string& key, const std::string& fallback = {});

    // "ok", or what PRAGMA integrity_check reports.
    std::string integrityCheck();

    // For tests of a full disk: caps the file at `pages` pages (PRAGMA max_page_count).
    void limitPages(long pages);

    // Turns an exception thrown by SQLiteCpp into a StorageError about this file.
    StorageError translate(const std::exception& e) const;

    static int latestVersion(Role role);
    static const std::vector<Migration>& migrations(Role role);

private:
    void open(int targetVersion);
    void openLocked(int targetVersion);
    void migrate(int from, int to);

    std::string path_;
    Role role_;
    std::unique_ptr<SQLite::Database> db_;
    int lockFd_ = -1;
};

// The folder where the apps keep their data: $AYLLU_DATA_DIR, else $XDG_DATA_HOME/ayllu, else
// ~/.local/share/ayllu (on Windows %APPDATA%\Ayllu).
std::string defaultDataDir();

// Milliseconds since the Unix epoch, from this PC's clock.
std::int64_t nowMs();

} // namespace ayllu::store
