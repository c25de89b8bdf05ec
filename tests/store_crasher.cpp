// Helper for test_store_crash: writes events as fast as it can and prints one line per event
// after its transaction committed, until it is killed.
//   store_crasher student DB           prints "committed SEQ"
//   store_crasher teacher DB FIRST     ingests batches of 10 from 3 devices, each batch also
//                                      repeating the previous one (redelivery); prints
//                                      "committed DEVICE SEQ" for each durable event
#include "ayllu/store/student_store.h"
#include "ayllu/store/teacher_store.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ayllu::store;

namespace {
Event timeEvent(const std::string& learner, std::int64_t i) {
    Event e;
    e.learner = learner;
    e.course = "c";
    e.content = "lesson";
    e.kind = EventKind::Time;
    e.durationMs = 1 + i % 997;
    e.atMs = i;
    return e;
}
} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        return 2;
    }
    const std::string mode = argv[1];
    if (mode == "student") {
        StudentStore s(argv[2]);
        if (!s.available()) {
            std::fprintf(stderr, "%s\n", s.lastError().c_str());
            return 1;
        }
        for (std::int64_t i = 0;; ++i) {
            const auto r = s.record(timeEvent("ana", i));
            if (!r.saved) {
                std::fprintf(stderr, "%s\n", r.error.c_str());
                return 1;
            }
            std::printf("committed %lld\n", static_cast<long long>(r.seq));
            std::fflush(stdout);
        }
    }
    if (mode == "teacher" && argc >= 4) {
        TeacherStore t(argv[2]);
        std::int64_t next = std::atoll(argv[3]);
        std::vector<Event> previous;
        for (;;) {
            std::vector<Event> batch = previous;
            std::vector<Event> fresh;
            for (int k = 0; k < 10; ++k, ++next) {
                Event e = timeEvent("luis", next);
                e.device = "pc-" + std::to_string(next % 3);
                e.seq = next;
                fresh.push_back(e);
            }
            batch.insert(batch.end(), fresh.begin(), fresh.end());
            const auto r = t.ingest(batch);
            for (const auto& [device, seq] : r.durable) {
                std::printf("committed %s %lld\n", device.c_str(), static_cast<long long>(seq));
            }
            std::fflush(stdout);
            previous = fresh;
        }
    }
    return 2;
}
