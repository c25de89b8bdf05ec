#include "ayllu/store/student_store.h"

#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "sql.h"

#include <Poco/UUIDGenerator.h>
#include <SQLiteCpp/Statement.h>
#include <cstdio>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace ayllu::store {

namespace {

constexpr int kPinIterations = 20000;

std::string pbkdf2(const std::string& pin, const std::string& salt, int iterations) {
    unsigned char out[32];
    PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()),
                      reinterpret_cast<const unsigned char*>(salt.data()),
                      static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out);
    return crypto::hex(out, sizeof out);
}

Event readEvent(SQLite::Statement& q) {
    Event e;
    std::string kind;
    std::optional<std::string> status;
    sql::read(q, e.device, e.seq, e.learner, e.course, e.content, e.attempt, e.item, kind, e.atMs,
              status, e.scoreRaw, e.scoreMax, e.durationMs, e.text, e.result, e.latencyMs);
    fromString(kind, e.kind);
    if (status) {
        fromString(*status, e.status);
    }
    return e;
}

} // namespace

std::string hashPin(const std::string& pin) {
    const std::string s = crypto::randomHex(16);
    return "pbkdf2-sha256$" + std::to_string(kPinIterations) + "$" + s + "$" +
           pbkdf2(pin, s, kPinIterations);
}

bool verifyPin(const std::string& pin, const std::string& stored) {
    const auto a = stored.find('$');
    const auto b = stored.find('$', a + 1);
    const auto c = stored.find('$', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos ||
        stored.compare(0, a, "pbkdf2-sha256") != 0) {
        return false;
    }
    const int iterations = std::atoi(stored.substr(a + 1, b - a - 1).c_str());
    if (iterations < 1000 || iterations > 10000000) {
        return false;
    }
    const std::string expected = stored.substr(c + 1);
    const std::string got = pbkdf2(pin, stored.substr(b + 1, c - b - 1), iterations);
    return got.size() == expected.size() &&
           CRYPTO_memcmp(got.data(), expected.data(), got.size()) == 0;
}

StudentStore::StudentStore(std::string path) : path_(std::move(path)) {
    reopen();
}

StudentStore::~StudentStore() = default;

bool StudentStore::reopen() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    try {
        auto db = std::make_unique<Database>(path_, Role::Student);
        std::string device;
        db->write([&](SQLite::Database& sql) {
            SQLite::Statement q(sql, "SELECT value FROM meta WHERE key = 'device'");
            if (q.executeStep()) {
                device = q.getColumn(0).getString();
                return;
            }
            device = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
            SQLite::Statement ins(sql, "INSERT INTO meta (key, value) VALUES ('device', ?)");
            ins.bind(1, device);
            ins.exec();
        });
        deviceId_ = device;
        db_ = std::move(db);
        lastError_.clear();
        return true;
    } catch (const StorageError& e) {
        db_.reset();
        lastError_ = e.what();
        return false;
    }
}

Database& StudentStore::database() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    if (!db_ && !reopen()) {
        throw StorageError(StorageError::Kind::Io, lastError_);
    }
    return *db_;
}

SaveResult StudentStore::record(Event e) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    e.device = deviceId_.empty() ? std::string("pending") : deviceId_;
    e.seq = 1;
    if (const std::string why = e.invalidReason(); !why.empty()) {
        return {false, 0, why}; // a programming error: never queue what can never be written
    }
    memory_.push_back(std::move(e));
    return flushMemory();
}

SaveResult StudentStore::retry() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    if (memory_.empty()) {
        if (!db_ && !reopen()) {
            return {false, 0, lastError_};
        }
        return {true, 0, {}};
    }
    return flushMemory();
}

SaveResult StudentStore::flushMemory() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    if (!db_ && !reopen()) {
        return {false, 0, lastError_};
    }
    std::int64_t last = 0;
    try {
        db_->write([&](SQLite::Database& sql) {
            SQLite::Statement next(sql, "SELECT coalesce(max(seq), 0) + 1 FROM events "
                                        "WHERE device = ?");
            next.bind(1, deviceId_);
            next.executeStep();
            std::int64_t seq = next.getColumn(0).getInt64();
            const std::int64_t now = nowMs();
            for (Event& e : memory_) {
                Event stored = e;
                stored.device = deviceId_;
                stored.seq = seq++;
                insertEvent(sql, stored, now);
                SQLite::Statement out(sql, "INSERT INTO outbox (seq) VALUES (?)");
                out.bind(1, static_cast<std::int64_t>(stored.seq));
                out.exec();
                last = stored.seq;
            }
        });
    } catch (const StorageError& e) {
        lastError_ = e.what();
        if (e.kind() == StorageError::Kind::Corrupt || e.kind() == StorageError::Kind::Io) {
            db_.reset(); // reopen next time: the file may have been repaired or replaced
        }
        return {false, 0, lastError_};
    }
    memory_.clear(); // only now: the transaction is committed
    lastError_.clear();
    return {true, last, {}};
}

std::vector<Event> StudentStore::outbox(std::size_t limit) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(),
                        "SELECT e.device, e.seq, learner, course, content, attempt, item, kind, "
                        "at_ms, status, score_raw, score_max, duration_ms, text, result, "
                        "latency_ms FROM outbox o JOIN events e ON e.seq = o.seq AND e.device = ? "
                        "ORDER BY o.seq LIMIT ?");
    sql::bind(q, deviceId_, static_cast<std::int64_t>(limit));
    std::vector<Event> out;
    while (q.executeStep()) {
        out.push_back(readEvent(q));
    }
    return out;
}

std::size_t StudentStore::outboxSize() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return static_cast<std::size_t>(
        database().sql().execAndGet("SELECT count(*) FROM outbox").getInt64());
}

void StudentStore::acknowledge(const std::vector<std::int64_t>& seqs) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().write([&](SQLite::Database& sql) {
        SQLite::Statement del(sql, "DELETE FROM outbox WHERE seq = ?");
        for (auto s : seqs) {
            del.bind(1, static_cast<std::int64_t>(s));
            del.exec();
            del.reset();
        }
    });
}

std::optional<Progress> StudentStore::progress(const std::string& learner,
                                               const std::string& course,
                                               const std::string& content, int attempt) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return store::progressOf(database().sql(), learner, course, content, attempt);
}

std::vector<Progress> StudentStore::progressOf(const std::string& learner) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return progressOfLearner(database().sql(), learner);
}

std::vector<Interaction> StudentStore::interactions(const std::string& learner,
                                                    const std::string& course,
                                                    const std::string& content, int attempt) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return interactionsOf(database().sql(), learner, course, content, attempt);
}

int StudentStore::finishedAttempts(const std::string& learner, const std::string& course,
                                   const std::string& content) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(),
                        "SELECT count(DISTINCT attempt) FROM events WHERE kind = 'status' "
                        "AND learner = ? AND course = ? AND content = ?");
    q.bind(1, learner);
    q.bind(2, course);
    q.bind(3, content);
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::set<std::string> StudentStore::pagesViewed(const std::string& learner,
                                                const std::string& course,
                                                const std::string& content, int attempt) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return pagesViewedOf(database().sql(), learner, course, content, attempt);
}

void StudentStore::setPreference(const std::string& learner, const std::string& name,
                                 const std::string& value) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().setMeta("pref/" + learner + "/" + name, value);
}

std::string StudentStore::preference(const std::string& learner, const std::string& name,
                                     const std::string& fallback) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    return database().meta("pref/" + learner + "/" + name, fallback);
}

std::string StudentStore::pcName() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    if (!db_) {
        return {};
    }
    try {
        return db_->meta("pc-name");
    } catch (const std::exception&) {
        return {};
    }
}

void StudentStore::setPcName(const std::string& name) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().setMeta("pc-name", name);
}

void StudentStore::saveLearner(const Learner& l) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().write([&](SQLite::Database& sql) {
        SQLite::Statement q(
            sql, "INSERT INTO learners (id, class_id, name, picture, signin, pin_hash, token, "
                 "language, added_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                 "ON CONFLICT (id) DO UPDATE SET class_id = ?2, name = ?3, picture = ?4, "
                 "signin = ?5, pin_hash = coalesce(?6, pin_hash), token = ?7, language = ?8");
        sql::bind(q, l.id, sql::orNull(l.classId), l.name, l.picture, l.signin,
                  sql::orNull(l.pin.empty() ? std::string() : hashPin(l.pin)), l.token, l.language,
                  nowMs());
        q.exec();
    });
}

std::vector<Learner> StudentStore::learners(const std::string& classId) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(),
                        "SELECT id, coalesce(class_id, ''), name, coalesce(picture, ''), signin, "
                        "coalesce(token, ''), language FROM learners "
                        "WHERE ?1 = '' OR class_id = ?1 ORDER BY name");
    q.bind(1, classId);
    return sql::all<Learner>(q, &Learner::id, &Learner::classId, &Learner::name, &Learner::picture,
                             &Learner::signin, &Learner::token, &Learner::language);
}

bool StudentStore::checkPin(const std::string& learnerId, const std::string& pin) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(), "SELECT pin_hash FROM learners WHERE id = ?");
    q.bind(1, learnerId);
    if (!q.executeStep()) {
        return false;
    }
    return q.getColumn(0).isNull() || verifyPin(pin, q.getColumn(0).getString());
}

void StudentStore::saveClass(const JoinedClass& c) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT INTO classes (id, name, teacher_fingerprint, host, port, "
                                 "device_token, joined_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                 "ON CONFLICT (id) DO UPDATE SET name = ?2, host = ?4, port = ?5, "
                                 "device_token = ?6");
        sql::bind(q, c.id, c.name, c.teacherFingerprint, c.host, c.port, c.deviceToken,
                  static_cast<std::int64_t>(nowMs()));
        q.exec();
    });
}

bool StudentStore::forgetClass(const std::string& id) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    bool existed = false;
    database().write([&](SQLite::Database& sql) {
        SQLite::Statement learners(sql, "UPDATE learners SET class_id = NULL, token = NULL "
                                        "WHERE class_id = ?");
        learners.bind(1, id);
        learners.exec();
        SQLite::Statement q(sql, "DELETE FROM classes WHERE id = ?");
        q.bind(1, id);
        existed = q.exec() > 0;
    });
    return existed;
}

namespace {
JoinedClass readClass(SQLite::Statement& q) {
    JoinedClass c;
    sql::read(q, c.id, c.name, c.teacherFingerprint, c.host, c.port, c.deviceToken);
    return c;
}
constexpr const char* kClassColumns =
    "SELECT id, name, teacher_fingerprint, coalesce(host, ''), coalesce(port, 0), "
    "coalesce(device_token, '') FROM classes ";
} // namespace

std::optional<JoinedClass> StudentStore::joinedClass(const std::string& id) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(), std::string(kClassColumns) + "WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return readClass(q);
}

std::vector<JoinedClass> StudentStore::classes() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(), std::string(kClassColumns) + "ORDER BY name");
    std::vector<JoinedClass> out;
    while (q.executeStep()) {
        out.push_back(readClass(q));
    }
    return out;
}

void StudentStore::savePackage(const InstalledPackage& p) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    database().write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT OR REPLACE INTO packages (identifier, version, path, "
                                 "sha256, installed_ms) VALUES (?, ?, ?, ?, ?)");
        sql::bind(q, p.identifier, p.version, p.path, p.sha256, static_cast<std::int64_t>(nowMs()));
        q.exec();
    });
}

std::optional<InstalledPackage> StudentStore::package(const std::string& identifier,
                                                      const std::string& version) {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(), "SELECT identifier, version, path, sha256 FROM packages "
                                          "WHERE identifier = ? AND version = ?");
    sql::bind(q, identifier, version);
    if (!q.executeStep()) {
        return std::nullopt;
    }
    return InstalledPackage{q.getColumn(0).getString(), q.getColumn(1).getString(),
                            q.getColumn(2).getString(), q.getColumn(3).getString()};
}

std::vector<InstalledPackage> StudentStore::packages() {
    const std::lock_guard<std::recursive_mutex> guard(mutex_);
    SQLite::Statement q(database().sql(), "SELECT identifier, version, path, sha256 FROM packages "
                                          "ORDER BY identifier, version");
    std::vector<InstalledPackage> out;
    while (q.executeStep()) {
        out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    }
    return out;
}

} // namespace ayllu::store
