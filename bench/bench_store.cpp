// Benchmark: durable events per second.
//  - a student PC writing one event per answer (one transaction each, as the client must:
//    nothing is shown as saved before its commit);
//  - the teacher ingesting events from many students, in batches of 1, 10, 50 and 200.
// synchronous=FULL: every commit reaches the disk. Prints figures and the ratio of each batch
// size to batches of 1. Asserts only that every event was stored once.
//
//   bench_store [--events N]
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"

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
    fs::remove_all(root);
    return 0;
}
