#define BOOST_TEST_MODULE store
#include "ayllu/store/gradebook.h"
#include "ayllu/store/page_clock.h"
#include "ayllu/store/roster_csv.h"
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"
#include "support.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <limits>
#include <random>

using namespace ayllu;
using namespace ayllu::store;
using namespace ayllu::test;

namespace {

Event ev(EventKind kind, const std::string& content = "res-q", const std::string& item = "",
         std::int64_t at = 1000) {
    Event e;
    e.learner = "ana";
    e.course = "pe.ayllu.muestra";
    e.content = content;
    e.kind = kind;
    e.item = item;
    e.atMs = at;
    return e;
}

Event answer(const std::string& q, const std::string& result, std::int64_t at) {
    Event e = ev(EventKind::Answer, "res-q", q, at);
    e.text = "a";
    e.result = result;
    e.scoreRaw = result == "correct" ? 1.0 : 0.0;
    e.scoreMax = 1.0;
    e.latencyMs = 3000;
    return e;
}

// Every row of every table, in a fixed order: two databases with the same content dump the same.
std::string dump(SQLite::Database& db, bool withSchema = true) {
    std::string out = "user_version " + db.execAndGet("PRAGMA user_version").getString() + "\n";
    std::vector<std::string> tables;
    SQLite::Statement t(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                            "name NOT LIKE 'sqlite_%' ORDER BY name");
    while (t.executeStep()) {
        tables.push_back(t.getColumn(0).getString());
        if (withSchema) {
            out += "table " + t.getColumn(0).getString() + "\n";
        }
    }
    for (const auto& name : tables) {
        SQLite::Statement cols(db, "SELECT count(*) FROM pragma_table_info('" + name + "')");
        cols.executeStep();
        const int n = cols.getColumn(0).getInt();
        std::string order;
        for (int i = 1; i <= n; ++i) {
            order += (i > 1 ? "," : "") + std::to_string(i);
        }
        SQLite::Statement rows(db, "SELECT * FROM " + name + " ORDER BY " + order);
        while (rows.executeStep()) {
            out += name + ":";
            for (int i = 0; i < n; ++i) {
                const auto c = rows.getColumn(i);
                out += " " + (c.isNull() ? std::string("NULL") : c.getString());
            }
            out += "\n";
        }
    }
    return out;
}

std::string summaries(Database& db) {
    std::string out;
    for (const char* sql : {"SELECT * FROM progress ORDER BY 1,2,3,4",
                            "SELECT * FROM interactions ORDER BY 1,2,3,4,5"}) {
        SQLite::Statement q(db.sql(), sql);
        while (q.executeStep()) {
            for (int i = 0; i < q.getColumnCount(); ++i) {
                // updated_ms is when this PC stored it, not part of the merged state
                if (std::string(q.getColumnName(i)) == "updated_ms") {
                    continue;
                }
                out += (q.getColumn(i).isNull() ? "NULL" : q.getColumn(i).getString()) + "|";
            }
            out += "\n";
        }
    }
    return out;
}

void compareWithFixture(const std::string& actual, const fs::path& expectedFile) {
    if (std::getenv("AYLLU_UPDATE_FIXTURES") != nullptr) {
        writeFile(expectedFile, actual);
    }
    BOOST_TEST(actual == readFile(expectedFile));
}

} // namespace

BOOST_AUTO_TEST_CASE(a_new_student_database_is_durable_and_marked_ours) {
    TempDir tmp;
    const std::string path = (tmp / "data" / "student.db").string();
    std::string id;
    {
        StudentStore s(path);
        BOOST_REQUIRE(s.available());
        auto& db = s.database().sql();
        BOOST_TEST(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        BOOST_TEST(db.execAndGet("PRAGMA synchronous").getInt() == 2); // FULL
        BOOST_TEST(db.execAndGet("PRAGMA application_id").getInt() == 0x41594c4c);
        BOOST_TEST(s.database().schemaVersion() == Database::latestVersion(Role::Student));
        BOOST_TEST(s.deviceId().size() == 36u);
        BOOST_TEST(s.record(ev(EventKind::Status)).saved);
        id = s.deviceId();
    }
    // The device keeps its identity and numbering across restarts.
    StudentStore again(path);
    BOOST_TEST(again.deviceId() == id);
    BOOST_TEST(again.record(ev(EventKind::Status)).seq == 2);
}

BOOST_AUTO_TEST_CASE(recorded_events_get_sequence_numbers_and_wait_in_the_outbox) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    for (int i = 1; i <= 5; ++i) {
        const auto r = s.record(answer("q" + std::to_string(i), "correct", 1000 + i));
        BOOST_TEST(r.saved);
        BOOST_TEST(r.seq == i);
    }
    auto out = s.outbox();
    BOOST_REQUIRE_EQUAL(out.size(), 5u);
    BOOST_TEST(out[0].seq == 1);
    BOOST_TEST(out[4].item == "q5");
    BOOST_TEST(out[4].device == s.deviceId());
    s.acknowledge({1, 2, 4});
    out = s.outbox();
    BOOST_REQUIRE_EQUAL(out.size(), 2u);
    BOOST_TEST(out[0].seq == 3);
    BOOST_TEST(out[1].seq == 5);
    BOOST_TEST(countEvents(s.database().sql()) == 5); // events are never deleted
}

BOOST_AUTO_TEST_CASE(malformed_events_are_refused_and_not_queued) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    Event e = ev(EventKind::Answer); // an answer without its question
    const auto r = s.record(e);
    BOOST_TEST(!r.saved);
    BOOST_TEST(!r.error.empty());
    BOOST_TEST(s.unsaved() == 0u);
    Event bad = ev(EventKind::Suspend);
    bad.text = "\xff";
    BOOST_TEST(!s.record(bad).saved);
    Event past = ev(EventKind::Status);
    past.atMs = -5;
    BOOST_TEST(!s.record(past).saved);
}

BOOST_AUTO_TEST_CASE(status_only_moves_forward_best_score_is_kept_time_adds_up) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    Event st = ev(EventKind::Status);
    st.status = Status::Completed;
    s.record(st);
    st.status = Status::Incomplete;
    st.atMs = 5000; // later, but backwards
    s.record(st);
    Event score = ev(EventKind::Score);
    score.scoreRaw = 6;
    score.scoreMax = 8;
    s.record(score);
    score.scoreRaw = 3;
    s.record(score);
    Event time = ev(EventKind::Time);
    time.durationMs = 60000;
    s.record(time);
    time.durationMs = 30000;
    s.record(time);
    const auto p = s.progress("ana", "pe.ayllu.muestra", "res-q", 1);
    BOOST_REQUIRE(p);
    BOOST_TEST((p->status == Status::Completed));
    BOOST_TEST(*p->scoreRaw == 6);
    BOOST_TEST(*p->scaled() == 0.75);
    BOOST_TEST(p->timeMs == 90000);
}

BOOST_AUTO_TEST_CASE(location_suspend_data_and_answers_follow_the_latest_event) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    s.record(ev(EventKind::PageView, "res-l", "p3", 3000));
    s.record(ev(EventKind::PageView, "res-l", "p1", 1000)); // older, arrives later
    Event sus = ev(EventKind::Suspend, "res-l", "", 2000);
    sus.text = std::string(70000, 'x') + "ñ"; // far over SCORM's 4096
    s.record(sus);
    s.record(answer("q1", "incorrect", 1000));
    s.record(answer("q1", "correct", 2000));
    s.record(answer("q1", "incorrect", 1500)); // older
    const auto p = s.progress("ana", "pe.ayllu.muestra", "res-l", 1);
    BOOST_REQUIRE(p);
    BOOST_TEST(p->location == "p3");
    BOOST_TEST(p->suspend == sus.text);
    BOOST_TEST((p->status == Status::Incomplete));
    const auto is = s.interactions("ana", "pe.ayllu.muestra", "res-q", 1);
    BOOST_REQUIRE_EQUAL(is.size(), 1u);
    BOOST_TEST(is[0].result == "correct");
    BOOST_TEST(is[0].latencyMs == 3000);
}

BOOST_AUTO_TEST_CASE(drills_record_their_measures_and_pass_or_fail) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    Event d = ev(EventKind::Drill, "res-drill");
    d.text = R"({"accuracy":92.5,"seconds":41,"wpm":11.2})";
    d.result = "passed";
    d.scoreRaw = 92.5;
    d.scoreMax = 100;
    d.durationMs = 41000;
    BOOST_TEST(s.record(d).saved);
    const auto p = s.progress("ana", "pe.ayllu.muestra", "res-drill", 1);
    BOOST_TEST((p->status == Status::Passed));
    BOOST_TEST(p->timeMs == 41000);
    const auto is = s.interactions("ana", "pe.ayllu.muestra", "res-drill", 1);
    BOOST_REQUIRE_EQUAL(is.size(), 1u);
    BOOST_TEST(is[0].response == d.text);
}

// The heart of "records from several PCs merge without conflicts".
BOOST_AUTO_TEST_CASE(merging_is_independent_of_order_and_repeats) {
    std::mt19937 rng(7);
    std::vector<Event> events;
    const char* devices[] = {"pc-1", "pc-2", "pc-3"};
    for (int d = 0; d < 3; ++d) {
        for (int i = 1; i <= 60; ++i) {
            Event e;
            e.device = devices[d];
            e.seq = i;
            e.learner = (i % 2) ? "ana" : "luis";
            e.course = "c";
            e.content = (i % 3) ? "quiz" : "lesson";
            e.attempt = 1 + i % 2;
            e.atMs = static_cast<std::int64_t>(rng() % 5000); // clocks disagree
            switch (rng() % 6) {
            case 0:
                e.kind = EventKind::Status;
                e.status = static_cast<Status>(rng() % 5);
                break;
            case 1:
                e.kind = EventKind::Score;
                e.scoreMax = 1 + rng() % 4;
                e.scoreRaw = static_cast<double>(rng() % 5) / 2;
                break;
            case 2:
                e.kind = EventKind::Time;
                e.durationMs = rng() % 10000;
                break;
            case 3:
                e.kind = EventKind::PageView;
                e.item = "p" + std::to_string(rng() % 4);
                break;
            case 4:
                e.kind = EventKind::Suspend;
                e.text = "s" + std::to_string(rng() % 100);
                break;
            default:
                e.kind = EventKind::Answer;
                e.item = "q" + std::to_string(rng() % 3);
                e.result = (rng() % 2) ? "correct" : "incorrect";
                e.text = e.result;
                break;
            }
            events.push_back(e);
        }
    }
    std::string reference;
    for (int round = 0; round < 6; ++round) {
        TempDir tmp;
        TeacherStore t((tmp / "t.db").string());
        std::vector<Event> shuffled = events;
        // Repeats: some events arrive two or three times.
        for (int k = 0; k < 40; ++k) {
            shuffled.push_back(events[rng() % events.size()]);
        }
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        // In batches of varying size, as students reconnect.
        std::size_t at = 0;
        while (at < shuffled.size()) {
            const std::size_t n = std::min<std::size_t>(1 + rng() % 25, shuffled.size() - at);
            t.ingest(std::vector<Event>(shuffled.begin() + static_cast<long>(at),
                                        shuffled.begin() + static_cast<long>(at + n)));
            at += n;
        }
        BOOST_TEST(countEvents(t.database().sql()) == static_cast<std::int64_t>(events.size()));
        const std::string now = summaries(t.database());
        BOOST_TEST(!now.empty());
        if (round == 0) {
            reference = now;
        } else {
            BOOST_TEST(now == reference, "round " << round << " merged differently");
        }
    }
}

BOOST_AUTO_TEST_CASE(the_teacher_stores_each_event_once_and_acknowledges_only_durable_ones) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    TeacherStore t((tmp / "t.db").string());
    for (int i = 0; i < 10; ++i) {
        s.record(answer("q" + std::to_string(i), i % 3 ? "correct" : "incorrect", 100 + i));
    }
    auto batch = s.outbox();
    Event broken = batch[0];
    broken.seq = 99;
    broken.learner.clear();
    batch.push_back(broken);
    const auto r = t.ingest(batch);
    BOOST_TEST(r.added == 10u);
    BOOST_TEST(r.duplicates == 0u);
    BOOST_TEST(r.durable.size() == 10u);
    BOOST_REQUIRE_EQUAL(r.rejected.size(), 1u);
    BOOST_TEST(r.rejected[0].first == 99);

    // The acknowledgement is lost: the student sends everything again.
    const auto again = t.ingest(s.outbox());
    BOOST_TEST(again.added == 0u);
    BOOST_TEST(again.duplicates == 10u);
    BOOST_TEST(again.durable.size() == 10u);
    BOOST_TEST(countEvents(t.database().sql()) == 10);

    std::vector<std::int64_t> acked;
    for (const auto& [device, seq] : again.durable) {
        BOOST_TEST(device == s.deviceId());
        acked.push_back(seq);
    }
    s.acknowledge(acked);
    BOOST_TEST(s.outboxSize() == 0u);
    // Merged state is the same on both PCs.
    BOOST_TEST(summaries(t.database()) == summaries(s.database()));
}

BOOST_AUTO_TEST_CASE(a_full_disk_keeps_events_in_memory_and_writes_them_once_later) {
    TempDir tmp;
    const std::string path = (tmp / "s.db").string();
    StudentStore s(path);
    BOOST_TEST(s.record(answer("q0", "correct", 1)).saved);
    const auto pages = s.database().sql().execAndGet("PRAGMA page_count").getInt64();
    s.database().limitPages(pages);
    Event big = ev(EventKind::Suspend);
    big.text = std::string(64 * 1024, 's'); // needs more pages than allowed
    const auto r = s.record(big);
    BOOST_TEST(!r.saved);
    BOOST_TEST(r.error.find(path) != std::string::npos, r.error);
    BOOST_TEST(r.error.find("full") != std::string::npos, r.error);
    BOOST_TEST(s.unsaved() == 1u);
    BOOST_TEST(countEvents(s.database().sql()) == 1); // no partial write
    BOOST_TEST(s.outboxSize() == 1u);
    // The app keeps going; later answers queue behind the first, in order.
    BOOST_TEST(!s.record(answer("q1", "correct", 2)).saved);
    BOOST_TEST(s.unsaved() == 2u);
    // Space is freed.
    s.database().limitPages(1000000);
    const auto ok = s.retry();
    BOOST_TEST(ok.saved);
    BOOST_TEST(s.unsaved() == 0u);
    BOOST_TEST(countEvents(s.database().sql()) == 3);
    const auto out = s.outbox();
    BOOST_REQUIRE_EQUAL(out.size(), 3u);
    BOOST_TEST((out[1].kind == EventKind::Suspend)); // order kept
    BOOST_TEST(out[1].seq == 2);
    BOOST_TEST(out[2].item == "q1");
    BOOST_TEST(s.database().integrityCheck() == "ok");
    // Nothing more to write: retrying changes nothing.
    BOOST_TEST(s.retry().saved);
    BOOST_TEST(countEvents(s.database().sql()) == 3);
}

BOOST_AUTO_TEST_CASE(a_corrupt_file_is_left_alone_and_named) {
    TempDir tmp;
    const auto path = tmp / "s.db";
    writeFile(path, "these are not the bytes of a database, but a letter to grandma");
    const std::string before = readFile(path);
    StudentStore s(path.string());
    BOOST_TEST(!s.available());
    BOOST_TEST(s.lastError().find(path.string()) != std::string::npos, s.lastError());
    const auto r = s.record(answer("q1", "correct", 1));
    BOOST_TEST(!r.saved);
    BOOST_TEST(s.unsaved() == 1u);
    BOOST_TEST(readFile(path) == before);
    // Someone moves the damaged file away: the waiting answer is written.
    fs::rename(path, tmp / "s.db.damaged");
    BOOST_TEST(s.retry().saved);
    BOOST_TEST(s.available());
    BOOST_TEST(s.outboxSize() == 1u);
}

BOOST_AUTO_TEST_CASE(a_damaged_sqlite_file_is_refused) {
    TempDir tmp;
    const auto path = tmp / "t.db";
    {
        TeacherStore t(path.string());
        std::vector<Event> batch;
        for (int i = 1; i <= 300; ++i) {
            Event e = answer("q" + std::to_string(i), "correct", i);
            e.device = "d";
            e.seq = i;
            batch.push_back(e);
        }
        t.ingest(batch);
        t.database().sql().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::string bytes = readFile(path);
    BOOST_REQUIRE(bytes.size() > 8192u);
    for (std::size_t i = 4096; i < bytes.size(); ++i) {
        bytes[i] = static_cast<char>(0xa5 ^ (i & 0xff)); // every page but the first
    }
    writeFile(path, bytes);
    try {
        TeacherStore t(path.string());
        BOOST_FAIL("a damaged file was opened");
    } catch (const StorageError& e) {
        BOOST_TEST((e.kind() == StorageError::Kind::Corrupt));
        BOOST_TEST(std::string(e.what()).find(path.string()) != std::string::npos);
    }
    BOOST_TEST(readFile(path) == bytes);
}

BOOST_AUTO_TEST_CASE(foreign_wrong_role_and_newer_files_are_refused_untouched) {
    TempDir tmp;
    const auto foreign = tmp / "other.db";
    {
        SQLite::Database db(foreign.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('pachamanca')");
    }
    const std::string before = readFile(foreign);
    BOOST_CHECK_EXCEPTION(TeacherStore(foreign.string()), StorageError, [](const StorageError& e) {
        return e.kind() == StorageError::Kind::Foreign;
    });
    BOOST_TEST(readFile(foreign) == before);

    const auto teacher = tmp / "t.db";
    { TeacherStore t(teacher.string()); }
    StudentStore s(teacher.string());
    BOOST_TEST(!s.available());
    BOOST_TEST(s.lastError().find("teacher PC") != std::string::npos, s.lastError());

    const auto newer = tmp / "n.db";
    { TeacherStore t(newer.string()); }
    {
        SQLite::Database db(newer.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA user_version = 99");
    }
    const std::string newerBefore = readFile(newer);
    BOOST_CHECK_EXCEPTION(TeacherStore(newer.string()), StorageError, [](const StorageError& e) {
        return e.kind() == StorageError::Kind::TooNew &&
               std::string(e.what()).find("99") != std::string::npos;
    });
    BOOST_TEST(readFile(newer) == newerBefore);
}

BOOST_AUTO_TEST_CASE(one_writer_per_file) {
    TempDir tmp;
    const auto path = (tmp / "t.db").string();
    TeacherStore first(path);
    BOOST_CHECK_EXCEPTION(TeacherStore second(path), StorageError, [](const StorageError& e) {
        return e.kind() == StorageError::Kind::Locked;
    });
}

BOOST_AUTO_TEST_CASE(an_unwritable_folder_is_named_and_the_app_keeps_running) {
    // /proc refuses new files even to root, so this holds in CI too.
    StudentStore s("/proc/ayllu-test/student.db");
    BOOST_TEST(!s.available());
    BOOST_TEST(s.lastError().find("/proc/ayllu-test") != std::string::npos, s.lastError());
    BOOST_TEST(!s.record(answer("q1", "correct", 1)).saved);
    BOOST_TEST(s.unsaved() == 1u);
}

BOOST_AUTO_TEST_CASE(a_step_one_student_file_migrates_to_the_latest_schema) {
    TempDir tmp;
    const auto path = tmp / "old.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(readFile(sourceDir() / "tests/fixtures/db/v1.sql"));
        db.exec("INSERT INTO meta (key, value) VALUES ('role', 'student'), ('device', 'dev-a')");
    }
    StudentStore s(path.string());
    BOOST_REQUIRE_MESSAGE(s.available(), s.lastError());
    BOOST_TEST(s.deviceId() == "dev-a");
    // Nothing was acknowledged before the outbox existed: this PC's events are all to send.
    BOOST_TEST(s.outboxSize() == 4u);
    compareWithFixture(dump(s.database().sql()),
                       sourceDir() / "tests/fixtures/db/student-v2.expected");
    // And it keeps numbering after the old events.
    BOOST_TEST(s.record(ev(EventKind::Status)).seq == 5);
}

BOOST_AUTO_TEST_CASE(a_step_one_teacher_file_migrates_to_the_latest_schema) {
    TempDir tmp;
    const auto path = tmp / "old.db";
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec(readFile(sourceDir() / "tests/fixtures/db/v1.sql"));
        db.exec("INSERT INTO meta (key, value) VALUES ('role', 'teacher')");
    }
    TeacherStore t(path.string());
    compareWithFixture(dump(t.database().sql()),
                       sourceDir() / "tests/fixtures/db/teacher-v2.expected");
}

BOOST_AUTO_TEST_CASE(pins_are_salted_slow_hashes) {
    const std::string a = hashPin("1234");
    const std::string b = hashPin("1234");
    BOOST_TEST(a != b); // different salts
    BOOST_TEST(a.find("1234") == std::string::npos);
    BOOST_TEST(verifyPin("1234", a));
    BOOST_TEST(verifyPin("1234", b));
    BOOST_TEST(!verifyPin("1235", a));
    BOOST_TEST(!verifyPin("1234", "plain$1234"));
    BOOST_TEST(!verifyPin("1234", "pbkdf2-sha256$1$00$00")); // too few iterations
}

BOOST_AUTO_TEST_CASE(learners_classes_and_packages_on_a_shared_pc) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    s.saveClass({"c1", "3° A", "AB:CD", "192.0.2.1", 4242, "tok"});
    s.saveLearner({"l1", "c1", "Ana Quispe", "llama", "pin", "2468", "t1", "qu"});
    s.saveLearner({"l2", "c1", "Luis Mamani", "condor", "picture", "", "t2", "ay"});
    const auto ls = s.learners("c1");
    BOOST_REQUIRE_EQUAL(ls.size(), 2u);
    BOOST_TEST(ls[0].name == "Ana Quispe");
    BOOST_TEST(ls[0].language == "qu");
    BOOST_TEST(s.checkPin("l1", "2468"));
    BOOST_TEST(!s.checkPin("l1", "0000"));
    BOOST_TEST(s.checkPin("l2", "")); // no PIN asked
    BOOST_TEST(!s.checkPin("nobody", ""));
    // Changing the picture keeps the PIN.
    s.saveLearner({"l1", "c1", "Ana Quispe", "vicuña", "pin", "", "t1", "qu"});
    BOOST_TEST(s.checkPin("l1", "2468"));
    BOOST_TEST(s.joinedClass("c1")->teacherFingerprint == "AB:CD");
    s.savePackage({"pe.ayllu.muestra", "1.0.0", "/x/muestra", "abc"});
    BOOST_TEST(s.package("pe.ayllu.muestra", "1.0.0")->sha256 == "abc");
    BOOST_TEST(!s.package("pe.ayllu.muestra", "2.0.0"));
}

BOOST_AUTO_TEST_CASE(class_sessions_keep_their_state_for_a_restart) {
    TempDir tmp;
    const auto path = (tmp / "t.db").string();
    std::int64_t id = 0;
    {
        TeacherStore t(path);
        t.saveClass({"c1", "3° A", "1234", false});
        id = t.startSession("c1");
        t.saveSessionState(id, R"({"lesson":"res-leccion","page":"p2"})");
    }
    TeacherStore t(path);
    const auto open = t.openSession("c1");
    BOOST_REQUIRE(open);
    BOOST_TEST(open->first == id);
    BOOST_TEST(open->second == R"({"lesson":"res-leccion","page":"p2"})");
    t.endSession(id);
    BOOST_TEST(!t.openSession("c1"));
}

namespace {
struct Classroom {
    TempDir tmp;
    TeacherStore t{(tmp / "t.db").string()};
    std::int64_t seq = 0;
    Classroom() {
        t.saveClass({"c1", "3° A", "1234", false});
        t.saveClass({"c2", "4° B", "5678", false});
        t.saveLearner({"ana", "c1", "Ana Quispe", "", "", "es"});
        t.saveLearner({"luis", "c1", "=Luis, \"el Cóndor\"", "", "", "es"});
        t.saveLearner({"rosa", "c1", "Rosa Ñahui", "", "", "qu"});
        t.saveLearner({"otro", "c2", "De otra clase", "", "", "es"});
    }
    void add(Event e, const std::string& learner) {
        e.device = "pc";
        e.seq = ++seq;
        e.learner = learner;
        t.ingest({e});
    }
};
} // namespace

BOOST_AUTO_TEST_CASE(the_gradebook_has_a_row_per_learner_and_item) {
    Classroom c;
    Event done = ev(EventKind::Status, "res-q");
    done.status = Status::Passed;
    c.add(done, "ana");
    Event score = ev(EventKind::Score, "res-q");
    score.scoreRaw = 7;
    score.scoreMax = 8;
    c.add(score, "ana");
    score.attempt = 2;
    score.scoreRaw = 4;
    c.add(score, "ana");
    Event time = ev(EventKind::Time, "res-l");
    time.durationMs = 120000;
    c.add(time, "luis");
    c.add(time, "otro");

    GradeFilter f;
    f.classId = "c1";
    const auto rows = gradebook(c.t.database().sql(), f);
    BOOST_REQUIRE_EQUAL(rows.size(), 6u); // 3 learners x 2 items, not the other class
    const auto find = [&](const std::string& l, const std::string& item) {
        for (const auto& r : rows) {
            if (r.learnerId == l && r.content == item) {
                return r;
            }
        }
        BOOST_FAIL("no row " << l << " " << item);
        return GradeRow{};
    };
    const auto anaQ = find("ana", "res-q");
    BOOST_TEST(anaQ.attempts == 2);
    BOOST_TEST((anaQ.status == Status::Passed));
    BOOST_TEST(*anaQ.scorePercent == 87.5); // the best attempt
    BOOST_TEST(anaQ.completed());
    BOOST_TEST(find("luis", "res-l").timeMs == 120000);
    BOOST_TEST((find("rosa", "res-q").status == Status::NotAttempted));
    BOOST_TEST(find("rosa", "res-q").attempts == 0);

    f.learner = "ana";
    BOOST_TEST(gradebook(c.t.database().sql(), f).size() == 2u);
    f.learner.clear();
    f.sinceMs = nowMs() + 3600000; // nothing happened in the future
    BOOST_TEST(gradebook(c.t.database().sql(), f).empty());

    f = GradeFilter{};
    f.classId = "c1";
    const auto items = itemSummary(c.t.database().sql(), f);
    BOOST_REQUIRE_EQUAL(items.size(), 2u);
    BOOST_TEST(items[1].content == "res-q");
    BOOST_TEST(items[1].learners == 3);
    BOOST_TEST(items[1].started == 1);
    BOOST_TEST(items[1].completed == 1);
    const auto learners = learnerSummary(c.t.database().sql(), f);
    BOOST_REQUIRE_EQUAL(learners.size(), 3u);
    BOOST_TEST(learners[0].learnerId == "luis"); // sorted by name: "=Luis" sorts first
    BOOST_TEST(learners[1].completed == 1);
}

BOOST_AUTO_TEST_CASE(question_statistics_put_the_most_missed_first) {
    Classroom c;
    for (const auto& [learner, q1, q2, q3] :
         std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
             {"ana", "correct", "incorrect", "correct"},
             {"luis", "correct", "incorrect", "incorrect"},
             {"rosa", "incorrect", "incorrect", "correct"}}) {
        c.add(answer("q1", q1, 10), learner);
        c.add(answer("q2", q2, 10), learner);
        c.add(answer("q3", q3, 10), learner);
    }
    c.add(answer("q1", "correct", 20), "rosa"); // rosa changed her answer later
    GradeFilter f;
    f.classId = "c1";
    const auto qs = questionStats(c.t.database().sql(), f);
    BOOST_REQUIRE_EQUAL(qs.size(), 3u);
    BOOST_TEST(qs[0].question == "q2");
    BOOST_TEST(qs[0].shareCorrect == 0.0);
    BOOST_TEST(qs[1].question == "q3");
    BOOST_TEST(qs[2].question == "q1");
    BOOST_TEST(qs[2].correct == 3);
    BOOST_TEST(qs[2].answered == 3);
    BOOST_TEST(qs[2].meanLatencyMs == 3000);
}

namespace {
// The sample course as the console knows it: titles, a lesson of three pages, a quiz's questions.
Catalog sampleCatalog() {
    Catalog c;
    c.courses["pe.ayllu.muestra"] = "Muestra de Ayllu";
    ItemInfo lesson;
    lesson.title = "Conocer la computadora";
    lesson.pages = 3;
    c.items[{"pe.ayllu.muestra", "res-l"}] = lesson;
    ItemInfo quiz;
    quiz.kind = ItemInfo::Kind::Quiz;
    quiz.title = "Repaso: ¿qué aprendimos?";
    quiz.questions = {{"q1", "¿Qué es el ratón?"}, {"q2", "¿Dónde se guarda un archivo?"}};
    c.items[{"pe.ayllu.muestra", "res-q"}] = quiz;
    return c;
}
} // namespace

BOOST_AUTO_TEST_CASE(csv_opens_cleanly_in_spreadsheets) {
    Classroom c;
    c.add(answer("q1", "correct", 10), "luis");
    Event score = ev(EventKind::Score, "res-q");
    score.scoreRaw = 1;
    score.scoreMax = 2;
    c.add(score, "luis");
    Event time = ev(EventKind::Time, "res-q");
    time.durationMs = 90000;
    c.add(time, "luis");
    GradeFilter f;
    f.classId = "c1";
    const auto titles = sampleCatalog();
    const std::string csv =
        gradebookCsv(gradebook(c.t.database().sql(), f, titles), csvStyleFor("es"));
    BOOST_TEST(csv.compare(0, 3, "\xEF\xBB\xBF") == 0); // BOM: Excel reads UTF-8
    BOOST_TEST(csv.find("\r\n") != std::string::npos);
    BOOST_TEST(csv.find("\n", 0) == csv.find("\r\n") + 1); // every line ends CRLF
    BOOST_TEST(csv.find("\"Rosa Ñahui\"") != std::string::npos);
    BOOST_TEST(csv.find("\"Repaso: ¿qué aprendimos?\"") != std::string::npos);
    BOOST_TEST(csv.find("\"Muestra de Ayllu\"") != std::string::npos, csv);
    BOOST_TEST(csv.find("\"'=Luis, \"\"el Cóndor\"\"\"") != std::string::npos, csv);
    BOOST_TEST(csv.find("res-q") == std::string::npos, csv); // titles, never identifiers
    BOOST_TEST(csv.find("pe.ayllu") == std::string::npos, csv);
    const auto lines = std::count(csv.begin(), csv.end(), '\n');
    BOOST_TEST(lines == 4); // header + 3 learners x 1 item
    // Spanish: ';' between fields, a comma in numbers (the score 50 % and 1.5 minutes).
    BOOST_TEST(csv.find(";50,0;;;1,5;1;") != std::string::npos, csv);

    const std::string en =
        gradebookCsv(gradebook(c.t.database().sql(), f, titles), csvStyleFor("en"));
    BOOST_TEST(en.find(",50.0,,,1.5,1,") != std::string::npos, en);

    const std::string qcsv =
        questionsCsv(questionStats(c.t.database().sql(), f, titles), csvStyleFor("es"));
    BOOST_TEST(
        qcsv.find("\"Repaso: ¿qué aprendimos?\";\"¿Qué es el ratón?\";1;1;0;100,0;3,0\r\n") !=
            std::string::npos,
        qcsv);
    BOOST_TEST(csvField("@SUM(A1)") == "\"'@SUM(A1)\"");
    BOOST_TEST(csvField("-3") == "\"'-3\"");
}

BOOST_AUTO_TEST_CASE(a_lesson_counts_its_pages_and_its_time_and_is_done_when_all_were_seen) {
    Classroom c;
    for (const auto& page : {"p1", "p2", "p2", "p3"}) { // p2 seen twice: counted once
        c.add(ev(EventKind::PageView, "res-l", page), "ana");
    }
    c.add(ev(EventKind::PageView, "res-l", "p1"), "luis");
    Event time = ev(EventKind::Time, "res-l");
    time.durationMs = 90000;
    c.add(time, "ana");
    c.add(time, "luis");
    GradeFilter f;
    f.classId = "c1";
    const auto titles = sampleCatalog();
    std::map<std::string, GradeRow> rows;
    for (const auto& r : gradebook(c.t.database().sql(), f, titles)) {
        rows[r.learnerId] = r;
    }
    BOOST_TEST(rows["ana"].title == "Conocer la computadora");
    BOOST_TEST(rows["ana"].courseTitle == "Muestra de Ayllu");
    BOOST_TEST(rows["ana"].pagesSeen == 3);
    BOOST_TEST(rows["ana"].pagesTotal == 3);
    BOOST_TEST(rows["ana"].completed()); // every page seen
    BOOST_TEST(rows["ana"].timeMs == 90000);
    BOOST_TEST(rows["luis"].pagesSeen == 1);
    BOOST_TEST(!rows["luis"].completed());
    BOOST_TEST(rows["rosa"].pagesSeen == 0);

    // Without the course (the console no longer offers it) the rows still stand, by identifier.
    for (const auto& r : gradebook(c.t.database().sql(), f)) {
        BOOST_TEST(r.title == "res-l");
        BOOST_TEST(!(r.learnerId == "ana" && r.completed()));
    }

    // The teacher marks Luis's lesson as done: the console's own event, numbered by the store.
    Event done = ev(EventKind::Status, "res-l");
    done.learner = "luis";
    done.status = Status::Completed;
    c.t.recordOwn({done, done});
    for (const auto& r : gradebook(c.t.database().sql(), f, titles)) {
        if (r.learnerId == "luis") {
            BOOST_TEST(r.completed());
        }
    }
    SQLite::Statement own(c.t.database().sql(),
                          "SELECT count(*), min(seq), max(seq) FROM events WHERE device = ?");
    own.bind(1, kConsoleDevice);
    BOOST_REQUIRE(own.executeStep());
    BOOST_TEST(own.getColumn(0).getInt() == 2);
    BOOST_TEST(own.getColumn(1).getInt() == 1);
    BOOST_TEST(own.getColumn(2).getInt() == 2);

    const auto summary = classSummary(c.t.database().sql(), f, titles);
    BOOST_TEST(summary.learners == 3);
    BOOST_TEST(summary.items == 1);
    BOOST_TEST(summary.completed == 2); // ana (all pages) and luis (marked)
    BOOST_TEST(summary.started == 2);
    BOOST_TEST(summary.meanTimeMs == 60000); // 180 s over three learners
    BOOST_TEST(!summary.meanScorePercent);
}

BOOST_AUTO_TEST_CASE(a_pc_claiming_years_of_time_is_refused_and_the_gradebook_still_adds_up) {
    // The store itself refuses one time or answer latency above a day (the wire already bounds
    // them): huge durations would inflate a learner's time, and enough of them would overflow
    // SQLite's sum() and fail every gradebook query of the class.
    Classroom c;
    Event time = ev(EventKind::Time, "res-l");
    time.device = "pc";
    time.durationMs = std::numeric_limits<std::int64_t>::max() / 2 + 1;
    time.seq = 1;
    time.learner = "ana";
    BOOST_TEST(!time.invalidReason().empty());
    Event answered = answer("q1", "correct", 10);
    answered.device = "pc";
    answered.seq = 2;
    answered.latencyMs = time.durationMs;
    BOOST_TEST(!answered.invalidReason().empty());
    const auto r = c.t.ingest({time, time, answered});
    BOOST_TEST(r.rejected.size() == 3u);
    time.durationMs = 24LL * 3600 * 1000; // a day: still a time
    BOOST_TEST(time.invalidReason().empty());
    c.add(time, "ana");
    c.add(time, "luis");
    GradeFilter f;
    f.classId = "c1";
    BOOST_TEST(gradebook(c.t.database().sql(), f, sampleCatalog()).size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_quiz_without_reported_time_counts_the_time_its_answers_took) {
    Classroom c;
    c.add(answer("q1", "correct", 10), "ana");
    c.add(answer("q2", "incorrect", 20), "ana");
    GradeFilter f;
    f.classId = "c1";
    f.learner = "ana";
    const auto titles = sampleCatalog();
    const auto rows = gradebook(c.t.database().sql(), f, titles);
    BOOST_REQUIRE_EQUAL(rows.size(), 1u);
    BOOST_TEST(rows[0].timeMs == 6000); // two answers of 3 s
    const auto qs = questionStats(c.t.database().sql(), f, titles);
    BOOST_REQUIRE_EQUAL(qs.size(), 2u);
    BOOST_TEST(qs[0].text == "¿Dónde se guarda un archivo?");
    BOOST_TEST(qs[0].title == "Repaso: ¿qué aprendimos?");
}

BOOST_AUTO_TEST_CASE(a_teacher_with_a_full_disk_stores_and_acknowledges_nothing) {
    TempDir tmp;
    const std::string path = (tmp / "t.db").string();
    TeacherStore t(path);
    std::vector<Event> batch;
    for (int i = 1; i <= 50; ++i) {
        Event e = answer("q" + std::to_string(i), "correct", i);
        e.device = "pc-7";
        e.seq = i;
        e.text = std::string(2000, 'r');
        batch.push_back(e);
    }
    t.database().limitPages(t.database().sql().execAndGet("PRAGMA page_count").getInt64());
    try {
        t.ingest(batch);
        BOOST_FAIL("ingest succeeded on a full disk");
    } catch (const StorageError& e) {
        BOOST_TEST((e.kind() == StorageError::Kind::Full));
        BOOST_TEST(std::string(e.what()).find(path) != std::string::npos);
    }
    BOOST_TEST(countEvents(t.database().sql()) == 0); // all or nothing: nothing to acknowledge
    t.database().limitPages(1000000);
    const auto r = t.ingest(batch); // the students resend from their outboxes
    BOOST_TEST(r.added == 50u);
    BOOST_TEST(r.durable.size() == 50u);
}

BOOST_AUTO_TEST_CASE(the_data_folder_can_be_chosen) {
    ::setenv("AYLLU_DATA_DIR", "/srv/ayllu-lab", 1);
    BOOST_TEST(defaultDataDir() == "/srv/ayllu-lab");
    ::unsetenv("AYLLU_DATA_DIR");
    ::setenv("XDG_DATA_HOME", "/home/ana/.data", 1);
    BOOST_TEST(defaultDataDir() == "/home/ana/.data/ayllu");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/ana", 1);
    BOOST_TEST(defaultDataDir() == "/home/ana/.local/share/ayllu");
}

BOOST_AUTO_TEST_CASE(reading_preferences_are_kept_per_learner_across_restarts) {
    TempDir tmp;
    const auto path = (tmp / "s.db").string();
    {
        StudentStore s(path);
        BOOST_TEST(s.preference("luis", "text-size", "100") == "100"); // nothing set yet
        s.setPreference("luis", "text-size", "150");
        s.setPreference("luis", "text-size", "175"); // changed again: one value, the last
        s.setPreference("luis", "contrast", "high");
        s.setPreference("rosa", "text-size", "125");
    }
    StudentStore again(path);
    BOOST_TEST(again.preference("luis", "text-size") == "175");
    BOOST_TEST(again.preference("luis", "contrast") == "high");
    BOOST_TEST(again.preference("rosa", "text-size") == "125");
    BOOST_TEST(again.preference("rosa", "contrast", "normal") == "normal");
    // Preferences are not progress: nothing waits to be sent to the teacher.
    BOOST_TEST(again.outboxSize() == 0u);
}

BOOST_AUTO_TEST_CASE(console_settings_survive_a_restart) {
    TempDir tmp;
    const auto path = (tmp / "t.db").string();
    {
        TeacherStore t(path);
        BOOST_TEST(t.setting("port", "47700") == "47700");
        t.setSetting("teacher", "Prof. Quispe");
        t.setSetting("port", "47800");
    }
    TeacherStore again(path);
    BOOST_TEST(again.setting("teacher") == "Prof. Quispe");
    BOOST_TEST(again.setting("port", "47700") == "47800");
}

BOOST_AUTO_TEST_CASE(a_class_list_from_a_spreadsheet_is_imported_all_or_nothing) {
    // LibreOffice in Spanish: BOM, semicolons, a header in Spanish in its own order, quotes.
    const std::string good = "\xEF\xBB\xBFidioma;Nombre;PIN\r\n"
                             "qu;\"Quispe Mamani, Rosa\";1234\r\n"
                             ";Luis Condori;\r\n"
                             "\r\n"
                             "ay;  Ana   Ticona ;\r\n";
    const auto ok = parseRosterCsv(good, "c1", "lista.csv");
    BOOST_TEST(!ok.problems.hasErrors());
    BOOST_REQUIRE(ok.learners.size() == 3u);
    BOOST_TEST(ok.learners[0].name == "Quispe Mamani, Rosa");
    BOOST_TEST(ok.learners[0].language == "qu");
    BOOST_TEST(ok.learners[0].pin == "1234");
    BOOST_TEST(ok.learners[1].language == "es"); // empty cell: Spanish
    BOOST_TEST(ok.learners[2].name == "Ana Ticona");
    BOOST_TEST(ok.learners[0].id != ok.learners[1].id);
    BOOST_TEST(ok.learners[0].picture != ok.learners[1].picture); // each gets a picture

    // Pictures given to those without one are not the class's already.
    const auto more = parseRosterCsv("Eva\nIsa\n", "c1", "m.csv", {"llama", "condor"});
    BOOST_REQUIRE(more.learners.size() == 2u);
    for (const auto& l : more.learners) {
        BOOST_TEST(l.picture != "llama");
        BOOST_TEST(l.picture != "condor");
    }
    BOOST_TEST(more.learners[0].picture != more.learners[1].picture);

    // Without a header: name, pin.
    const auto plain = parseRosterCsv("Rosa,5678\nLuis\n", "c1", "l.csv");
    BOOST_REQUIRE(plain.learners.size() == 2u);
    BOOST_TEST(plain.learners[0].pin == "5678");

    // Each bad row is named by its line; nothing is saved when any row is bad.
    const auto bad = parseRosterCsv("nombre,pin,idioma\nRosa,12,es\n,,\nLuis,,fr\n\"\",,es\n"
                                    "rosa,,es\n",
                                    "c1", "lista.csv");
    BOOST_TEST(bad.problems.errorCount() == 3u);
    BOOST_REQUIRE(bad.problems.find("bad-pin") != nullptr);
    BOOST_TEST(bad.problems.find("bad-pin")->toString().rfind("lista.csv:2:", 0) == 0);
    BOOST_TEST(bad.problems.find("bad-language")->line == 4);
    BOOST_TEST(bad.problems.find("no-name")->line == 5);
    BOOST_TEST(parseRosterCsv("Rosa\n\xC3(\n", "c1", "x.csv").problems.contains("invalid-utf8"));
    BOOST_TEST(parseRosterCsv("pin\n1234\n", "c1", "x.csv").problems.contains("no-name-column"));
    BOOST_TEST(parseRosterCsv("\n\n", "c1", "x.csv").problems.contains("empty"));

    TempDir tmp;
    TeacherStore t((tmp / "t.db").string());
    t.saveClass({"c1", "5A", "ABC123", false});
    t.saveLearners(ok.learners);
    const auto roster = t.roster("c1");
    BOOST_REQUIRE(roster.size() == 3u);
    BOOST_TEST(roster[0].name == "Ana Ticona"); // sorted by name
    BOOST_TEST(t.checkPin(ok.learners[0].id, "1234"));
    // A batch with a row the database refuses (no such class) stores none of its rows.
    auto broken = plain.learners;
    broken[1].classId = "no-such-class";
    BOOST_CHECK_THROW(t.saveLearners(broken), StorageError);
    BOOST_TEST(t.roster("c1").size() == 3u);
}

BOOST_AUTO_TEST_CASE(course_completion_lists_every_item_in_course_order) {
    Classroom c;
    const std::vector<CourseItem> items = {
        {"res-l", "Conoce el ratón"}, {"res-q", "¿Qué aprendimos?"}, {"res-d", "Escribe"}};
    for (const char* content : {"res-l", "res-q"}) {
        Event done = ev(EventKind::Status, content);
        done.status = content == std::string("res-q") ? Status::Passed : Status::Completed;
        c.add(done, "ana");
    }
    Event started = ev(EventKind::Status, "res-l");
    started.status = Status::Incomplete;
    c.add(started, "rosa");

    auto& db = c.t.database().sql();
    auto ana = courseCompletion(db, "c1", "ana", "pe.ayllu.muestra", items);
    BOOST_TEST(ana.learnerName == "Ana Quispe");
    BOOST_REQUIRE(ana.items.size() == 3u);
    BOOST_TEST(ana.items[0].first.content == "res-l");                // the course's order
    BOOST_TEST((ana.items[2].second.status == Status::NotAttempted)); // nobody started it
    BOOST_TEST(ana.done() == 2);
    BOOST_TEST(!ana.complete());
    BOOST_TEST(ana.lastMs > 0);

    Event drill = ev(EventKind::Status, "res-d");
    drill.status = Status::Passed;
    c.add(drill, "ana");
    ana = courseCompletion(db, "c1", "ana", "pe.ayllu.muestra", items);
    BOOST_TEST(ana.complete());
    // Rosa started one item; Luis nothing.
    BOOST_TEST(courseCompletion(db, "c1", "rosa", "pe.ayllu.muestra", items).done() == 0);
    BOOST_TEST(courseCompletion(db, "c1", "luis", "pe.ayllu.muestra", items).items.size() == 3u);
    // Someone of another class is refused by name.
    BOOST_CHECK_EXCEPTION(
        courseCompletion(db, "c1", "otro", "pe.ayllu.muestra", items), Error,
        [](const Error& e) { return std::string(e.what()).find("otro") != std::string::npos; });
    BOOST_TEST(!Completion{}.complete()); // a course without items is never "complete"
}

BOOST_AUTO_TEST_CASE(the_pages_a_learner_viewed_are_read_back_once_each) {
    TempDir tmp;
    StudentStore s((tmp / "s.db").string());
    for (const char* page : {"p1", "p2", "p1", "p3"}) {
        BOOST_TEST(s.record(ev(EventKind::PageView, "res-l", page)).saved);
    }
    Event other = ev(EventKind::PageView, "res-other", "p4");
    BOOST_TEST(s.record(other).saved);
    Event luis = ev(EventKind::PageView, "res-l", "p5");
    luis.learner = "luis";
    BOOST_TEST(s.record(luis).saved);
    const auto seen = s.pagesViewed("ana", "pe.ayllu.muestra", "res-l");
    BOOST_TEST((seen == std::set<std::string>{"p1", "p2", "p3"}));
    BOOST_TEST(s.pagesViewed("ana", "pe.ayllu.muestra", "res-l", 2).empty());
    BOOST_TEST(s.pagesViewed("rosa", "pe.ayllu.muestra", "res-l").empty());
}

BOOST_AUTO_TEST_CASE(a_page_clock_counts_the_time_on_each_page_capped_at_five_minutes) {
    using std::chrono::milliseconds;
    using std::chrono::minutes;
    const PageClock::Clock::time_point t0{};
    PageClock c;
    BOOST_TEST(!c.stop(t0).has_value()); // nothing timed yet
    BOOST_TEST(!c.start("ana", "pe.ayllu.muestra", "res-l", "p1", t0).has_value());
    BOOST_TEST(c.running());
    // The same page drawn again (a language switch, a repeated class state): the clock goes on.
    BOOST_TEST(!c.start("ana", "pe.ayllu.muestra", "res-l", "p1", t0 + milliseconds(500)));
    const auto p1 = c.start("ana", "pe.ayllu.muestra", "res-l", "p2", t0 + milliseconds(4200));
    BOOST_REQUIRE(p1.has_value());
    BOOST_TEST((p1->kind == EventKind::Time));
    BOOST_TEST(p1->item == "p1");
    BOOST_TEST(p1->content == "res-l");
    BOOST_TEST(p1->learner == "ana");
    BOOST_TEST(p1->durationMs == 4200);
    Event stored = *p1; // well-formed once the PC's store gives it its device and number
    stored.device = "pc1";
    stored.seq = 1;
    BOOST_TEST(stored.invalidReason().empty());
    // Left on a page for an hour (the PC idle): five minutes count.
    const auto p2 = c.stop(t0 + milliseconds(4200) + minutes(60));
    BOOST_REQUIRE(p2.has_value());
    BOOST_TEST(p2->item == "p2");
    BOOST_TEST(p2->durationMs == 5 * 60 * 1000);
    BOOST_TEST(!c.running());
    BOOST_TEST(!c.stop(t0 + minutes(90)).has_value()); // stopped once, counted once
    // Another learner at the same page is another clock's page: the first one's time ends.
    c.start("ana", "pe.ayllu.muestra", "res-l", "p3", t0);
    const auto ana = c.start("luis", "pe.ayllu.muestra", "res-l", "p3", t0 + milliseconds(10));
    BOOST_REQUIRE(ana.has_value());
    BOOST_TEST(ana->learner == "ana");
    BOOST_TEST(ana->durationMs == 10);
    // No whole millisecond: nothing to record.
    BOOST_TEST(!c.stop(t0 + milliseconds(10)).has_value());
}
