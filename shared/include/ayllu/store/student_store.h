// The student PC's database: learners who use this PC, classes joined (with the teacher key
// pinned for each), course packages present, progress events and the outbox.
//
// Saving: record() writes an event in a transaction and only then reports it saved. When the
// disk is full, read-only or the file is unusable, the event is kept in memory (unsaved()) and
// written, in order and exactly once, by the next successful record() or retry(); the app keeps
// running meanwhile and must not show it as saved.
#pragma once

#include "ayllu/store/database.h"
#include "ayllu/store/progress.h"

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ayllu::store {

struct SaveResult {
    bool saved = false;
    std::int64_t seq = 0; // when saved
    std::string error;    // when not: for a person, names the file
};

struct Learner {
    std::string id;
    std::string classId;
    std::string name;
    std::string picture;            // a picture name from the class roster
    std::string signin = "picture"; // "none", "picture" or "pin"
    std::string pin;                // only when adding; stored as a salted hash
    std::string token;              // issued by the teacher
    std::string language = "es";
};

struct JoinedClass {
    std::string id;
    std::string name;
    std::string teacherFingerprint; // pinned at first join
    std::string host;
    int port = 0;
    std::string deviceToken;
};

struct InstalledPackage {
    std::string identifier, version, path, sha256;
};

class StudentStore {
public:
    // Opens (or creates) the file. Never throws: when it cannot be opened, available() is false,
    // lastError() says why, and events wait in memory until retry() can open it.
    explicit StudentStore(std::string path);
    ~StudentStore();

    bool available() const { return db_ != nullptr; }
    const std::string& lastError() const { return lastError_; }
    const std::string& path() const { return path_; }
    // This PC's identity in every event (made on first run).
    const std::string& deviceId() const { return deviceId_; }

    // Writes the event (device and seq are filled in) and its outbox entry in one transaction.
    SaveResult record(Event e);
    // Writes the events waiting in memory; reopens the file first if needed.
    SaveResult retry();
    std::size_t unsaved() const { return memory_.size(); }

    // Saved events the teacher has not acknowledged, oldest first.
    std::vector<Event> outbox(std::size_t limit = 500);
    std::size_t outboxSize();
    // The teacher committed these: they leave the outbox (the events stay).
    void acknowledge(const std::vector<std::int64_t>& seqs);

    std::optional<Progress> progress(const std::string& learner, const std::string& course,
                                     const std::string& content, int attempt);
    std::vector<Progress> progressOf(const std::string& learner);
    std::vector<Interaction> interactions(const std::string& learner, const std::string& course,
                                          const std::string& content, int attempt);
    // How many attempts of `content` this learner finished on this PC (each finished attempt
    // has a pass/fail status event; an attempt left half-way does not count).
    int finishedAttempts(const std::string& learner, const std::string& course,
                         const std::string& content);
    // The pages of a lesson this learner viewed on this PC (or that reached it), by page id.
    std::set<std::string> pagesViewed(const std::string& learner, const std::string& course,
                                      const std::string& content, int attempt = 1);

    void saveLearner(const Learner& l);
    std::vector<Learner> learners(const std::string& classId = {});
    // True when the learner has no PIN or `pin` matches it.
    bool checkPin(const std::string& learnerId, const std::string& pin);

    void saveClass(const JoinedClass& c);
    std::optional<JoinedClass> joinedClass(const std::string& id);
    std::vector<JoinedClass> classes();
    // Forgets a class joined on this PC (its pinned key and tokens), so it can be joined again
    // with the class code: after the teacher's PC was reinstalled without its keys. The
    // learners and everything they did stay on the PC. False when no such class was joined.
    bool forgetClass(const std::string& id);

    // A learner's reading preferences on this PC (text size, contrast, reading speed): kept
    // with the PC's data so they are there the next time the learner signs in.
    void setPreference(const std::string& learner, const std::string& name,
                       const std::string& value);
    std::string preference(const std::string& learner, const std::string& name,
                           const std::string& fallback = {});

    // This PC's name for people (its seat, "Ventana 1"), chosen at its first join and sent to
    // the teacher; "" when none was chosen yet (then the host name is used). Never throws on
    // reading: "" when the file cannot be read.
    std::string pcName();
    void setPcName(const std::string& name);

    void savePackage(const InstalledPackage& p);
    std::optional<InstalledPackage> package(const std::string& identifier,
                                            const std::string& version);
    std::vector<InstalledPackage> packages();

    Database& database(); // throws StorageError when not available; tests, single-threaded
    // Every method is safe to call from any thread; withDatabase() holds the lock for a query.
    template <typename F>
    auto withDatabase(F&& f) {
        const std::lock_guard<std::recursive_mutex> guard(mutex_);
        return f(database().sql());
    }

private:
    bool reopen();
    SaveResult flushMemory();

    mutable std::recursive_mutex mutex_;
    std::string path_;
    std::unique_ptr<Database> db_;
    std::string lastError_;
    std::string deviceId_;
    std::deque<Event> memory_; // not yet written, in order
};

// Salted, slow hash of a PIN ("pbkdf2-sha256$iterations$salt$hash"), and its check.
std::string hashPin(const std::string& pin);
bool verifyPin(const std::string& pin, const std::string& stored);

} // namespace ayllu::store
