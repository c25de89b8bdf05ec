// The teacher PC's database: classes, roster, devices seen, class sessions, every event received
// from students (stored once however often it arrives), and the gradebook.
#pragma once

#include "ayllu/store/database.h"
#include "ayllu/store/progress.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ayllu::store {

struct ClassInfo {
    std::string id;
    std::string name;
    std::string code; // what students type to join
    bool pinRequired = false;
};

struct RosterEntry {
    std::string id;
    std::string classId;
    std::string name;
    std::string picture;
    std::string pin; // only when adding or changing; stored as a salted hash
    std::string language = "es";
    bool hasPin = false; // when read back
};

// The device name of what the console itself records (a live quiz's score, a lesson the teacher
// marks done). No student PC can take it: the handshake refuses device ids with this prefix.
inline constexpr const char* kConsoleDevice = "teacher:console";
inline constexpr const char* kReservedDevicePrefix = "teacher:";

struct IngestResult {
    // (device, seq) of every event of the batch that is now durable, new or already stored:
    // acknowledge exactly these, and only after ingest() returned.
    std::vector<std::pair<std::string, std::int64_t>> durable;
    std::size_t added = 0;
    std::size_t duplicates = 0;
    // Events refused as malformed (never acknowledged), with why.
    std::vector<std::pair<std::int64_t, std::string>> rejected;
};

class TeacherStore {
public:
    // Throws StorageError when the file cannot be used: the console shows it and does not ack.
    explicit TeacherStore(const std::string& path);

    // Every method is safe to call from any thread. For queries of your own (the gradebook),
    // use withDatabase(): it holds the store's lock meanwhile.
    template <typename F>
    auto withDatabase(F&& f) {
        const std::lock_guard<std::recursive_mutex> guard(mutex_);
        return f(db_.sql());
    }
    Database& database() { return db_; } // tests, single-threaded

    // Stores a batch in one transaction. Throws StorageError (nothing stored, nothing to ack).
    IngestResult ingest(const std::vector<Event>& events);
    // Several students' batches in one transaction (one disk sync for all): a result per batch.
    std::vector<IngestResult> ingestBatches(const std::vector<std::vector<Event>>& batches);

    // What the console itself decided (a live quiz's score at its close, a lesson marked done by
    // the teacher): stored as the console's own events, numbered after the last one, in one
    // transaction. Fields device and seq are set here. Throws StorageError.
    void recordOwn(std::vector<Event> events);

    void saveClass(const ClassInfo& c);
    std::vector<ClassInfo> classes();
    std::optional<ClassInfo> classById(const std::string& id);

    void saveLearner(const RosterEntry& l);
    // All or none, in one transaction (a class list imported from a spreadsheet).
    void saveLearners(const std::vector<RosterEntry>& learners);
    std::vector<RosterEntry> roster(const std::string& classId);
    bool checkPin(const std::string& learnerId, const std::string& pin);

    // The console's settings (teacher name, language, port...): `fallback` when never set.
    void setSetting(const std::string& name, const std::string& value);
    std::string setting(const std::string& name, const std::string& fallback = {});

    void deviceSeen(const std::string& deviceId, const std::string& name,
                    const std::string& classId);

    // A class session: its id, and the state to restore after a restart (opaque text).
    std::int64_t startSession(const std::string& classId);
    void saveSessionState(std::int64_t session, const std::string& state);
    void endSession(std::int64_t session);
    std::optional<std::pair<std::int64_t, std::string>> openSession(const std::string& classId);

    std::optional<Progress> progress(const std::string& learner, const std::string& course,
                                     const std::string& content, int attempt);

private:
    mutable std::recursive_mutex mutex_;
    Database db_;
};

} // namespace ayllu::store
