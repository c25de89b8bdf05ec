// The teacher's console with a big class: N student agents (200 by default) join over loopback
// TLS and keep the console busy (each reports what it is doing twice a second and answers a
// live quiz), while the console's window runs for real under X. Prints how long until the
// class view showed everyone, how many reports the service made and how many redraws the
// window needed for them (the coalescing ratio), the redraw and paint times, how late a 20 ms
// timer of the window ran (its responsiveness), and the time from a raised hand to the tile
// showing it. Run it as  xvfb-run -a ./build/bench/bench_teacher [--students N] [--seconds S]
#include "ayllu/classroom/student_agent.h"
#include "class_panel.h"
#include "console.h"
#include "console_frame.h"
#include "wx_harness.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace ayllu;
using Clock = std::chrono::steady_clock;

namespace {

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

long rssKb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::atol(line.c_str() + 6);
        }
    }
    return -1;
}

struct Pc {
    std::unique_ptr<store::StudentStore> store;
    std::unique_ptr<classroom::StudentAgent> agent;
    std::string learner;
};

} // namespace

int main(int argc, char** argv) {
    int students = 200;
    int seconds = 10;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--students") == 0) {
            students = std::atoi(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--seconds") == 0) {
            seconds = std::atoi(argv[i + 1]);
        }
    }
    test::WxRuntime wx;
    const fs::path tmp =
        fs::temp_directory_path() / ("ayllu-bench-teacher-" + std::to_string(getpid()));
    fs::create_directories(tmp);

    teacher::ConsoleOptions o;
    o.dataDir = (tmp / "teacher").string();
    o.port = 0;
    o.bindHost = "127.0.0.1";
    o.announce = false;
    auto console = std::make_unique<teacher::Console>(o);
    console->setup({"Prof. Rosa", "Clase grande", "es", false});
    const auto classId = console->classInfo().id;
    std::vector<store::RosterEntry> roster;
    for (int i = 0; i < students; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "l%03d", i);
        roster.push_back({id, classId, std::string("Estudiante ") + id, "llama", "", "es"});
    }
    console->store().saveLearners(roster);
    auto* frame = new teacher::ConsoleFrame(*console);
    frame->SetSize(1024, 740);
    frame->Show();
    test::pumpUntil([&] { return frame->IsShownOnScreen(); });
    const auto imported = console->importCourse(AYLLU_SOURCE_DIR "/courses/muestra");
    if (!imported.ok) {
        std::fprintf(stderr, "the sample course could not be imported\n");
        return 1;
    }

    // Responsiveness probe: a 20 ms timer in the window's loop; how late each tick is.
    std::vector<double> lateness;
    auto last = Clock::now();
    bool probing = false;
    wxTimer probe;
    probe.Bind(wxEVT_TIMER, [&](wxTimerEvent&) {
        const auto now = Clock::now();
        if (probing) {
            lateness.push_back(std::max(0.0, ms(now - last) - 20.0));
        }
        last = now;
    });
    probe.Start(20);

    auto online = [&] {
        int n = 0;
        for (const auto& s : frame->classPanel().students()) {
            n += s.online ? 1 : 0;
        }
        return n;
    };

    // 1. Everyone joins and signs in, from a worker thread, while the window runs.
    std::vector<std::unique_ptr<Pc>> pcs(static_cast<std::size_t>(students));
    std::atomic<int> signedIn{0};
    const auto joinStart = Clock::now();
    probing = true;
    std::thread joiner([&] {
        for (int i = 0; i < students; ++i) {
            auto pc = std::make_unique<Pc>();
            const auto dir = tmp / ("pc" + std::to_string(i));
            pc->store = std::make_unique<store::StudentStore>((dir / "student.db").string());
            classroom::StudentConfig cfg;
            cfg.dataDir = dir.string();
            cfg.deviceName = "PC-" + std::to_string(i);
            cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
            pc->agent = std::make_unique<classroom::StudentAgent>(*pc->store, cfg);
            pc->agent->connect("127.0.0.1", console->service().port(), console->classInfo().code);
            pc->learner = roster[static_cast<std::size_t>(i)].id;
            pcs[static_cast<std::size_t>(i)] = std::move(pc);
        }
        for (auto& pc : pcs) {
            if (pc->agent->waitJoined(30000) && pc->agent->signIn(pc->learner, "")) {
                ++signedIn;
            }
        }
    });
    const bool allShown = test::pumpUntil([&] { return online() == students; }, 120000);
    const double joinMs = ms(Clock::now() - joinStart);
    joiner.join();
    if (!allShown) {
        std::fprintf(stderr, "only %d of %d students were shown online\n", online(), students);
        return 1;
    }

    // 2. The storm: presence twice a second from everyone, and a live quiz answered.
    console->service().openQuiz("pe.ayllu.muestra", "res-cuestionario", false, 0);
    const auto before = frame->stats();
    const int paintsBefore = frame->classPanel().paints();
    lateness.clear();
    std::atomic<bool> storming{true};
    std::atomic<long> presenceSent{0};
    std::thread storm([&] {
        const char* states[] = {"reading", "answering", "done"};
        int round = 0;
        while (storming) {
            const auto roundStart = Clock::now();
            for (auto& pc : pcs) {
                pc->agent->presence(pc->learner, states[round % 3],
                                    "p" + std::to_string(round % 5 + 1));
                ++presenceSent;
            }
            if (round == 2) {
                for (auto& pc : pcs) {
                    pc->agent->answerLive(pc->learner, "q1", "\"a\"", 3000);
                }
            }
            ++round;
            std::this_thread::sleep_until(roundStart + std::chrono::milliseconds(500)); // pacing
        }
    });
    std::vector<double> handMs;
    const auto stormEnd = Clock::now() + std::chrono::seconds(seconds);
    std::size_t next = 0;
    while (Clock::now() < stormEnd) {
        auto& pc = *pcs[next++ % pcs.size()];
        const auto t0 = Clock::now();
        pc.agent->hand(pc.learner, true);
        const bool shown = test::pumpUntil(
            [&] {
                for (const auto& s : frame->classPanel().students()) {
                    if (s.learnerId == pc.learner) {
                        return s.hand;
                    }
                }
                return false;
            },
            10000);
        if (shown) {
            handMs.push_back(ms(Clock::now() - t0));
        }
        pc.agent->hand(pc.learner, false);
        test::pumpUntil([] { return false; }, 200); // let the window run between samples
    }
    storming = false;
    storm.join();
    probing = false;
    const auto after = frame->stats();
    const bool answersShown = test::pumpUntil(
        [&] { return console->service().quizStatus().tallies.at(0).answered == students; }, 30000);

    const auto reports = after.reports - before.reports;
    const auto redraws = after.redraws - before.redraws;
    std::printf("students: %d (signed in %d), storm %d s on this machine\n", students,
                signedIn.load(), seconds);
    std::printf("join: all %d shown online in the class view after %.0f ms\n", students, joinMs);
    std::printf("storm: %ld presence reports sent, %d live answers (all tallied: %s)\n",
                presenceSent.load(), students, answersShown ? "yes" : "NO");
    std::printf("coalescing: %llu service reports -> %llu redraws (ratio %.1f : 1)\n",
                static_cast<unsigned long long>(reports), static_cast<unsigned long long>(redraws),
                redraws == 0 ? 0.0 : static_cast<double>(reports) / static_cast<double>(redraws));
    std::printf(
        "redraw: mean %.2f ms, max %.2f ms; tile paints %d, longest %.2f ms\n",
        redraws == 0 ? 0.0 : (after.totalMs - before.totalMs) / static_cast<double>(redraws),
        after.maxMs, frame->classPanel().paints() - paintsBefore, frame->classPanel().maxPaintMs());
    std::printf(
        "window timer (20 ms) late by: median %.1f ms, p99 %.1f ms, max %.1f ms (%zu ticks)\n",
        percentile(lateness, 0.5), percentile(lateness, 0.99), percentile(lateness, 1.0),
        lateness.size());
    std::printf("raised hand to tile: median %.0f ms, max %.0f ms (%zu samples)\n",
                percentile(handMs, 0.5), percentile(handMs, 1.0), handMs.size());
    std::printf("process memory (console + %d agents): %.1f MB\n", students, rssKb() / 1024.0);

    pcs.clear();
    probe.Stop();
    frame->Destroy();
    test::pumpUntil([] { return wxTopLevelWindows.empty(); });
    console.reset();
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return answersShown && !handMs.empty() ? 0 : 1;
}
