#define BOOST_TEST_MODULE store_crash
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"
#include "support.h"

#include <SQLiteCpp/Statement.h>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdio>
#include <random>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ayllu::store;
using namespace ayllu::test;

extern char** environ;

namespace {

// Runs the crasher, lets it report `killAfter` commits, SIGKILLs it, and returns every line it
// printed (each one printed after its commit).
std::vector<std::string> runAndKill(const std::vector<std::string>& args, int killAfter) {
    int fds[2];
    BOOST_REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> argv;
    std::string exe = AYLLU_STORE_CRASHER;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    BOOST_REQUIRE(posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    FILE* in = ::fdopen(fds[0], "r");
    std::vector<std::string> lines;
    char buf[256];
    bool killed = false;
    while (std::fgets(buf, sizeof buf, in) != nullptr) {
        lines.emplace_back(buf);
        if (!killed && static_cast<int>(lines.size()) >= killAfter) {
            ::kill(pid, SIGKILL); // it is writing its next events right now
            killed = true;
        }
    }
    std::fclose(in);
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_REQUIRE_MESSAGE(killed, "the crasher stopped on its own after " << lines.size());
    BOOST_TEST(WIFSIGNALED(status));
    return lines;
}

// Summaries are written in the same transaction as their events, so after any crash the time
// summary equals the sum of the events stored.
void checkSummaries(SQLite::Database& db, const std::string& learner) {
    SQLite::Statement q(db, "SELECT (SELECT coalesce(sum(duration_ms), 0) FROM events "
                            "WHERE learner = ?1), (SELECT coalesce(sum(time_ms), 0) FROM progress "
                            "WHERE learner = ?1)");
    q.bind(1, learner);
    q.executeStep();
    BOOST_TEST(q.getColumn(0).getInt64() == q.getColumn(1).getInt64());
    BOOST_TEST(q.getColumn(0).getInt64() > 0);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_student_killed_at_random_moments_loses_and_repeats_nothing) {
    TempDir tmp;
    const std::string db = (tmp / "student.db").string();
    std::mt19937 rng(1122);
    std::set<long long> reported;
    const int rounds = 100;
    for (int round = 0; round < rounds; ++round) {
        for (const auto& line : runAndKill({"student", db}, 1 + static_cast<int>(rng() % 120))) {
            long long seq = 0;
            BOOST_REQUIRE(std::sscanf(line.c_str(), "committed %lld", &seq) == 1);
            BOOST_TEST(reported.insert(seq).second, "seq " << seq << " reported twice");
        }
    }
    StudentStore s(db);
    BOOST_REQUIRE(s.available());
    BOOST_TEST(s.database().integrityCheck() == "ok");
    auto& sql = s.database().sql();
    const auto count = countEvents(sql);
    const auto maxSeq = sql.execAndGet("SELECT max(seq) FROM events").getInt64();
    BOOST_TEST(count == maxSeq); // 1..max with no gap and no repeat
    for (long long seq : reported) {
        SQLite::Statement q(sql, "SELECT count(*) FROM events WHERE device = ? AND seq = ?");
        q.bind(1, s.deviceId());
        q.bind(2, static_cast<std::int64_t>(seq));
        q.executeStep();
        BOOST_TEST(q.getColumn(0).getInt() == 1, "seq " << seq);
    }
    // Everything saved is still waiting to be sent.
    BOOST_TEST(s.outboxSize() == static_cast<std::size_t>(count));
    checkSummaries(sql, "ana");
    BOOST_TEST_MESSAGE(rounds << " kills, " << reported.size() << " commits reported, " << count
                              << " stored");
    BOOST_TEST(count >= static_cast<std::int64_t>(reported.size()));
}

BOOST_AUTO_TEST_CASE(a_teacher_killed_while_ingesting_stores_each_event_exactly_once) {
    TempDir tmp;
    const std::string db = (tmp / "teacher.db").string();
    std::mt19937 rng(2211);
    std::set<std::pair<std::string, long long>> reported;
    long long first = 1;
    const int rounds = 100;
    for (int round = 0; round < rounds; ++round) {
        // Each round starts a little before where the last one was killed: redelivery.
        long long highest = first;
        for (const auto& line : runAndKill({"teacher", db, std::to_string(first)},
                                           1 + static_cast<int>(rng() % 200))) {
            char device[64];
            long long seq = 0;
            BOOST_REQUIRE(std::sscanf(line.c_str(), "committed %63s %lld", device, &seq) == 2);
            reported.insert({device, seq});
            highest = std::max(highest, seq);
        }
        first = std::max<long long>(1, highest - 15);
    }
    TeacherStore t(db);
    BOOST_TEST(t.database().integrityCheck() == "ok");
    auto& sql = t.database().sql();
    for (const auto& [device, seq] : reported) {
        SQLite::Statement q(sql, "SELECT count(*) FROM events WHERE device = ? AND seq = ?");
        q.bind(1, device);
        q.bind(2, static_cast<std::int64_t>(seq));
        q.executeStep();
        BOOST_TEST(q.getColumn(0).getInt() == 1, device << " " << seq);
    }
    checkSummaries(sql, "luis");
    BOOST_TEST_MESSAGE(rounds << " kills, " << reported.size() << " distinct events acknowledged, "
                              << countEvents(sql) << " stored");
}
