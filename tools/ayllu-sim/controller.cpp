#include "ayllu/course/validate.h"
#include "ayllu/i18n.h"
#include "ayllu/store/database.h"
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"
#include "child.h"
#include "sim.h"

#include <Poco/JSON/Object.h>
#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>

namespace ayllu::sim {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Percentiles {
    double p50 = 0;
    double p99 = 0;
};

Percentiles percentiles(std::vector<double> v) {
    if (v.empty()) {
        return {};
    }
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return v[std::min(v.size() - 1,
                          static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    return {at(0.50), at(0.99)};
}

// The threads of a running process (0 when it is gone).
int threadsOf(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("Threads:", 0) == 0) {
            return std::atoi(line.c_str() + 8);
        }
    }
    return 0;
}

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "ayllu-sim: %s\n", why.c_str());
    std::exit(1);
}

} // namespace

int runController(const Options& o, const std::string& self) {
    const auto started = Clock::now();
    // The course and its quiz.
    const auto v = course::validate(o.course);
    if (v.problems.hasErrors()) {
        fail("the course " + o.course + " is not valid: " + v.problems.items().front().toString());
    }
    const auto& pkg = v.package;
    if (pkg.quizzes.empty()) {
        fail("the course has no quiz");
    }
    const std::string quizRes = o.quiz.empty() ? pkg.quizzes.begin()->first : o.quiz;
    if (pkg.quizzes.count(quizRes) == 0) {
        fail("no quiz " + quizRes + " in the course");
    }
    const int questions = static_cast<int>(pkg.quizzes.at(quizRes).questions.size());
    std::error_code ec;
    if (fs::exists(o.data, ec) && !fs::is_empty(o.data, ec)) {
        fail(o.data + " is not empty: give ayllu-sim a new folder for each run");
    }
    fs::create_directories(o.data);

    // The teacher.
    Child teacher({self, "--role", "teacher", "--data", o.data, "--port", "0", "--students",
                   std::to_string(o.students), "--course", o.course});
    teacher.start();
    int port = 0;
    std::vector<std::string> teacherLines;
    const auto waitTeacher = [&](const std::string& prefix, int ms) -> std::string {
        const auto until = Clock::now() + std::chrono::milliseconds(ms);
        while (Clock::now() < until) {
            for (auto& l : teacher.lines()) {
                if (l.rfind(prefix, 0) == 0) {
                    return l.substr(prefix.size());
                }
                teacherLines.push_back(l);
            }
            waitForOutput({&teacher}, 100);
        }
        fail("the teacher did not say \"" + prefix + "\" in time");
    };
    port = std::stoi(waitTeacher("ready ", 30000));
    const auto restartTeacher = [&] {
        teacher.kill();
        teacher.setArgs({self, "--role", "teacher", "--data", o.data, "--port",
                         std::to_string(port), "--students", std::to_string(o.students), "--course",
                         o.course});
        teacher.start();
        waitTeacher("ready ", 30000);
    };

    // The students, in groups (one process per group).
    const int per = o.perProcess > 0 ? o.perProcess : (o.students <= 40 ? 1 : 10);
    std::vector<std::unique_ptr<Child>> groups;
    for (int first = 1; first <= o.students; first += per) {
        const int count = std::min(per, o.students - first + 1);
        groups.push_back(std::make_unique<Child>(std::vector<std::string>{
            self, "--role", "students", "--data", o.data, "--port", std::to_string(port), "--first",
            std::to_string(first), "--count", std::to_string(count), "--seed",
            std::to_string(o.seed), "--course", o.course}));
        groups.back()->start();
    }
    std::set<std::string> joined, done, fanoutSeen;
    std::vector<double> fanout, acks;
    std::map<std::pair<std::string, long long>, long long> answeredAt;
    std::int64_t openedMs = 0;
    std::uint64_t studentBytes = 0;
    std::map<std::string, std::uint64_t> bytesByLearner;
    int answered = 0;
    int teacherThreads = 0; // the most seen while the class ran
    std::vector<std::string> failures;
    const auto pump = [&](int ms) {
        teacherThreads = std::max(teacherThreads, threadsOf(teacher.pid()));
        std::vector<Child*> all{&teacher};
        for (auto& g : groups) {
            all.push_back(g.get());
        }
        waitForOutput(all, ms);
        for (auto& l : teacher.lines()) {
            teacherLines.push_back(l);
        }
        for (auto& g : groups) {
            for (const auto& l : g->lines()) {
                std::istringstream in(l);
                std::string what, learner;
                in >> what >> learner;
                if (what == "joined") {
                    joined.insert(learner);
                } else if (what == "quiz") {
                    long long at = 0;
                    in >> at;
                    // The first time each learner had the questions (a restarted PC reports
                    // again later; that is recovery, not fan-out).
                    if (openedMs > 0 && at >= openedMs && fanoutSeen.insert(learner).second) {
                        fanout.push_back(static_cast<double>(at - openedMs));
                    }
                } else if (what == "answered") {
                    std::string q;
                    long long seq = 0, at = 0;
                    in >> q >> seq >> at;
                    answeredAt[{learner, seq}] = at;
                    ++answered;
                } else if (what == "acked") {
                    long long seq = 0, at = 0;
                    in >> seq >> at;
                    if (auto it = answeredAt.find({learner, seq}); it != answeredAt.end()) {
                        acks.push_back(static_cast<double>(at - it->second));
                        answeredAt.erase(it);
                    }
                } else if (what == "done") {
                    done.insert(learner);
                } else if (what == "bytes") {
                    std::uint64_t n = 0;
                    in >> n;
                    bytesByLearner[learner] = n;
                } else if (what == "failed" || what == "unsaved") {
                    failures.push_back(l);
                }
            }
        }
    };
    const auto deadline = Clock::now() + std::chrono::minutes(10);
    while (static_cast<int>(joined.size()) < o.students) {
        if (Clock::now() > deadline) {
            fail("only " + std::to_string(joined.size()) + " of " + std::to_string(o.students) +
                 " students joined");
        }
        pump(200);
    }
    teacher.writeLine("open " + pkg.manifest.identifier + " " + quizRes + " 0");
    openedMs = std::stoll(waitTeacher("opened ", 30000));

    // Faults at even steps of the answers, so they land mid-quiz.
    std::mt19937 rng(o.seed);
    const int total = o.students * questions;
    std::size_t nextFault = 0;
    std::vector<std::string> applied;
    while (static_cast<int>(done.size()) < o.students) {
        if (Clock::now() > deadline) {
            fail("only " + std::to_string(done.size()) + " of " + std::to_string(o.students) +
                 " students finished");
        }
        pump(200);
        if (nextFault < o.faults.size() && answered >= total * static_cast<int>(nextFault + 1) /
                                                           static_cast<int>(o.faults.size() + 2)) {
            const std::string f = o.faults[nextFault++];
            if (f == "kill-student") {
                auto& g = groups[rng() % groups.size()];
                g->kill();
                g->start(); // the same PC, switched on again: it finds its database
            } else if (f == "kill-teacher") {
                restartTeacher();
            } else if (f == "cut") {
                teacher.writeLine("cut 1500");
            }
            applied.push_back(f);
        }
    }
    teacher.writeLine("quit");
    const std::uint64_t teacherBytes = std::stoull(waitTeacher("bytes ", 30000));
    teacher.wait();
    for (auto& g : groups) {
        g->writeLine("quit");
        g->closeInput();
    }
    for (auto& g : groups) {
        pump(0);
        g->wait();
    }
    for (const auto& [l, n] : bytesByLearner) {
        studentBytes += n;
    }

    // What the databases say.
    std::set<std::pair<std::string, long long>> submitted, recorded;
    long long duplicated = 0;
    {
        store::TeacherStore t((fs::path(o.data) / "teacher" / "teacher.db").string());
        t.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT device, seq FROM events WHERE kind = 'answer'");
            while (q.executeStep()) {
                recorded.insert({q.getColumn(0).getString(), q.getColumn(1).getInt64()});
            }
            SQLite::Statement d(db, "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n "
                                    "FROM events WHERE kind = 'answer' GROUP BY learner, course, "
                                    "content, attempt, item)");
            d.executeStep();
            duplicated = d.getColumn(0).getInt64();
        });
    }
    for (int i = 1; i <= o.students; ++i) {
        store::StudentStore s(
            (fs::path(o.data) / "students" / learnerId(i) / "student.db").string());
        if (!s.available()) {
            fail(s.lastError());
        }
        s.withDatabase([&](SQLite::Database& db) {
            SQLite::Statement q(db, "SELECT device, seq FROM events WHERE kind = 'answer'");
            while (q.executeStep()) {
                submitted.insert({q.getColumn(0).getString(), q.getColumn(1).getInt64()});
            }
            return 0;
        });
    }
    long long lost = 0;
    for (const auto& k : submitted) {
        lost += recorded.count(k) == 0 ? 1 : 0;
    }
    const auto fo = percentiles(fanout);
    const auto ak = percentiles(acks);
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("students", o.students);
    out.set("joined", static_cast<int>(joined.size()));
    out.set("questions", questions);
    out.set("faults", static_cast<int>(applied.size()));
    out.set("answers_submitted", static_cast<long long>(submitted.size()));
    out.set("answers_recorded", static_cast<long long>(recorded.size()));
    out.set("answers_lost", lost);
    out.set("answers_duplicated", duplicated);
    Poco::JSON::Object::Ptr fj = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    fj->set("p50", fo.p50);
    fj->set("p99", fo.p99);
    fj->set("n", static_cast<int>(fanout.size())); // PCs timed (each once)
    out.set("quiz_fanout_ms", fj);
    Poco::JSON::Object::Ptr aj = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    aj->set("p50", ak.p50);
    aj->set("p99", ak.p99);
    aj->set("n", static_cast<int>(acks.size())); // answers whose commit came back
    out.set("answer_ack_ms", aj);
    out.set("bytes_sent", teacherBytes + studentBytes);
    out.set("teacher_threads", teacherThreads);
    out.set("elapsed_s", std::round(elapsed * 10) / 10);
    if (o.json) {
        out.stringify(std::cout);
        std::cout << '\n';
    } else {
        std::string applied_;
        for (const auto& f : applied) {
            applied_ += (applied_.empty() ? "" : ", ") + f;
        }
        std::cout << i18n::fmt(_("%1 students joined a class on this PC (loopback) and answered a "
                                 "quiz of %2 questions."),
                               static_cast<int>(joined.size()), questions)
                  << '\n'
                  << i18n::fmt(_("Faults: %1."),
                               applied.empty() ? std::string(_("none")) : applied_)
                  << '\n'
                  << i18n::fmt(_("Answers saved on the students' PCs: %1; stored by the teacher: "
                                 "%2; lost: %3; duplicated: %4."),
                               submitted.size(), recorded.size(), lost, duplicated)
                  << '\n'
                  << i18n::fmt(_("Questions reached the students in %1 ms (median), %2 ms (99%); "
                                 "answers were acknowledged in %3 ms (median), %4 ms (99%)."),
                               fo.p50, fo.p99, ak.p50, ak.p99)
                  << '\n'
                  << i18n::fmt(_("%1 s in all; %2 bytes sent."), std::round(elapsed * 10) / 10,
                               teacherBytes + studentBytes)
                  << '\n'
                  << i18n::fmt(_("The teacher ran %1 threads at most."), teacherThreads) << '\n';
    }
    for (const auto& f : failures) {
        std::fprintf(stderr, "ayllu-sim: %s\n", f.c_str());
    }
    const bool ok = lost == 0 && duplicated == 0 &&
                    static_cast<int>(recorded.size()) == o.students * questions &&
                    static_cast<int>(joined.size()) == o.students;
    return ok ? 0 : 1;
}

} // namespace ayllu::sim
