// Benchmark: durable events per second.
//  - a student PC writing one event per answer (one transaction each, as the client must:
//    nothing is shown as saved before its commit);
//  - the teacher ingesting events from many students, in batches of 1, 10, 50 and 200.
//  - the gradebook of a class of 40 after a term's work (page views, time, answers): the
//    four figures the Gradebook tab and the report compute, with titles and pages seen.
// synchronous=FULL: every commit reaches the disk. Prints figures and the ratio of each batch
// size to batches of 1. Asserts only that every event was stored once, and one row per learner
// and item in the gradebook.
//
//   bench_store [--events N]
#include "ayllu/store/gradebook.h"
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ayllu::store;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
Event answer(std::int64_t i) {
    Event e;
    e.learner = "l" + std::to_string(i % 30);
    e.course = "pe.ayllu.muestra";
    e.content = "res-cuestionario";
    e.item = "q" + std::to_string(i % 8);
    e.kind = EventKind::Answer;
    e.atMs = 1700000000000 + i;
    e.text = "a";
    e.result = (i % 3) ? "correct" : "incorrect";
    e.scoreRaw = (i % 3) ? 1.0 : 0.0;
    e.scoreMax = 1.0;
    e.latencyMs = 2500;
    return e;
}

double seconds(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "bench_store: %s\n", why.c_str());
    std::exit(1);
}
} // namespace

int main(int argc, char** argv) {
    int n = 2000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--events") {
            n = std::max(10, std::atoi(argv[i + 1]));
        }
    }
    const fs::path root =
        fs::temp_directory_path() / ("ayllu-bench-store-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);

    {
        StudentStore s((root / "student.db").string());
        const auto t0 = Clock::now();
        for (int i = 0; i < n; ++i) {
            if (!s.record(answer(i)).saved) {
                fail("a student event was not saved: " + s.lastError());
            }
        }
        const double secs = seconds(t0);
        if (s.outboxSize() != static_cast<std::size_t>(n)) {
            fail("the outbox does not hold every event");
        }
        std::printf("student, one event per answer: %6d events in %6.2f s = %8.0f events/s "
                    "(%.2f ms per saved answer)\n",
                    n, secs, n / secs, 1000 * secs / n);
    }
    double single = 0;
    for (int batch : {1, 10, 50, 200}) {
        TeacherStore t((root / ("teacher-" + std::to_string(batch) + ".db")).string());
        std::vector<Event> events;
        for (int i = 0; i < n; ++i) {
            Event e = answer(i);
            e.device = "pc-" + std::to_string(i % 30);
            e.seq = 1 + i / 30;
            events.push_back(e);
        }
        const auto t0 = Clock::now();
        std::size_t stored = 0;
        for (std::size_t at = 0; at < events.size(); at += static_cast<std::size_t>(batch)) {
            const auto end = std::min(events.size(), at + static_cast<std::size_t>(batch));
            stored += t.ingest({events.begin() + static_cast<long>(at),
                                events.begin() + static_cast<long>(end)})
                          .added;
        }
        const double secs = seconds(t0);
        if (stored != events.size() || countEvents(t.database().sql()) != n) {
            fail("the teacher did not store every event exactly once");
        }
        const double rate = n / secs;
        if (batch == 1) {
            single = rate;
        }
        std::printf("teacher ingest, batches of %3d:  %6d events in %6.2f s = %8.0f events/s "
                    "(x%.1f vs batches of 1)\n",
                    batch, n, secs, rate, rate / single);
    }
    {
        // A class of 40 (fewer for a smoke run); 30 lessons of 8 pages and 10 quizzes of 8
        // questions; every learner saw every page (twice), spent time on it and answered every
        // question: 40 x (240 x 3 + 80) = 32,000 events.
        const int learners = std::clamp(n / 50, 4, 40);
        TeacherStore t((root / "gradebook.db").string());
        t.saveClass({"c1", "5A", "1234", false});
        Catalog catalog;
        catalog.courses["pe.ayllu.muestra"] = "Muestra";
        std::vector<Event> events;
        for (int l = 0; l < learners; ++l) {
            const std::string learner = "l" + std::to_string(l);
            t.saveLearner({learner, "c1", "Learner " + std::to_string(l), "", "", "es"});
            std::int64_t seq = 0;
            auto add = [&](Event e) {
                e.device = "pc-" + learner;
                e.seq = ++seq;
                e.learner = learner;
                e.course = "pe.ayllu.muestra";
                e.atMs = 1700000000000 + seq;
                events.push_back(std::move(e));
            };
            for (int lesson = 0; lesson < 30; ++lesson) {
                const std::string id = "lesson-" + std::to_string(lesson);
                for (int page = 0; page < 8; ++page) {
                    Event v;
                    v.content = id;
                    v.item = "p" + std::to_string(page);
                    v.kind = EventKind::PageView;
                    add(v);
                    add(v);
                    Event time = v;
                    time.kind = EventKind::Time;
                    time.durationMs = 30000;
                    add(time);
                }
            }
            for (int quiz = 0; quiz < 10; ++quiz) {
                for (int q = 0; q < 8; ++q) {
                    Event a = answer(q);
                    a.content = "quiz-" + std::to_string(quiz);
                    add(a);
                }
            }
        }
        for (int lesson = 0; lesson < 30; ++lesson) {
            ItemInfo info;
            info.title = "Lección " + std::to_string(lesson);
            info.pages = 8;
            catalog.items[{"pe.ayllu.muestra", "lesson-" + std::to_string(lesson)}] = info;
        }
        for (int quiz = 0; quiz < 10; ++quiz) {
            ItemInfo info;
            info.kind = ItemInfo::Kind::Quiz;
            info.title = "Cuestionario " + std::to_string(quiz);
            for (int q = 0; q < 8; ++q) {
                info.questions["q" + std::to_string(q)] = "Pregunta " + std::to_string(q);
            }
            catalog.items[{"pe.ayllu.muestra", "quiz-" + std::to_string(quiz)}] = info;
        }
        for (std::size_t at = 0; at < events.size(); at += 500) {
            t.ingest({events.begin() + static_cast<long>(at),
                      events.begin() + static_cast<long>(std::min(events.size(), at + 500))});
        }
        GradeFilter f;
        f.classId = "c1";
        // The four figures of the Gradebook tab and the report: each read from the database (the
        // baseline), against one read whose rows give all four.
        auto time = [&](bool once) {
            const auto t0 = Clock::now();
            std::size_t rows = 0;
            for (int round = 0; round < 5; ++round) {
                t.withDatabase([&](SQLite::Database& db) {
                    if (once) {
                        const auto all = gradebook(db, f, catalog);
                        rows = all.size();
                        learnerSummary(all);
                        itemSummary(all);
                        classSummary(all);
                    } else {
                        rows = gradebook(db, f, catalog).size();
                        learnerSummary(db, f, catalog);
                        itemSummary(db, f, catalog);
                        classSummary(db, f, catalog);
                    }
                    return 0;
                });
            }
            if (rows != static_cast<std::size_t>(learners) * 40u) {
                fail("the gradebook has " + std::to_string(rows) +
                     " rows, not one per learner "
                     "and item");
            }
            return 1000 * seconds(t0) / 5;
        };
        const double each = time(false);
        const double once = time(true);
        std::printf("gradebook, %d learners x 40 items (%zu events): every grade, by learner, "
                    "by item and the class line in %.1f ms from one read (x%.2f vs %.1f ms "
                    "reading for each)\n",
                    learners, events.size(), once, once / each, each);
    }
    fs::remove_all(root);
    return 0;
}
