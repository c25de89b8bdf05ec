// The classroom engine (GUI-free) with a big class over loopback TLS. Prints, each with its
// ratio to the figures measured before the engine had an event loop (issue 13):
//   - how long openQuiz keeps the calling (console's) thread with N PCs connected, and how long
//     until every PC has the quiz (before: 514 ms at 500 students);
//   - the threads of the process with C connections (before: 2,006 for 2,000);
//   - how long a quiz opened during a course push takes to reach the PCs receiving it
//     (before: 33 to 45 s behind the chunks).
// Run it as  ./build/bench/bench_engine [--students 500] [--connections 2000] [--push-pcs 20]
#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/net/channel.h"

#include <Poco/Net/SecureStreamSocket.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ayllu;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kOpenQuizBeforeMs = 514;
constexpr double kThreadsBefore = 2006;
constexpr double kConnectionsBefore = 2000;
constexpr double kPushQuizBeforeMs = 33000; // the best of 33 to 45 s
const char* const kCourse = "pe.ayllu.muestra";
const char* const kQuiz = "res-cuestionario";

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

int threads() {
    return static_cast<int>(
        std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator()));
}

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "bench_engine: %s\n", why.c_str());
    std::exit(1);
}

// A student PC spoken for by hand, on the caller's thread: no thread of its own.
struct RawPc {
    Poco::Net::SecureStreamSocket socket;
    std::unique_ptr<net::Channel> ch;
    explicit RawPc(std::uint16_t port) : socket(net::clientContext()) {
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(10, 0));
        ch = std::make_unique<net::Channel>(socket, "teacher");
    }
    std::optional<net::Frame> next(net::MsgType wanted, const std::string& containing = {}) {
        const auto until = Clock::now() + std::chrono::seconds(30);
        while (Clock::now() < until) {
            auto f = ch->receive(Poco::Timespan(0, 200000));
            if (f && f->type == wanted && f->payload.find(containing) != std::string::npos) {
                return f;
            }
        }
        return std::nullopt;
    }
    void join(const std::string& device, const std::string& learner) {
        ch->sendRaw(net::MsgType::Hello,
                    R"({"version":1,"device":")" + device + R"(","name":"bench"})");
        ch->sendRaw(net::MsgType::Join, R"({"code":"4321"})");
        if (!learner.empty()) {
            ch->sendRaw(net::MsgType::SignIn, R"({"learner":")" + learner + R"("})");
            if (!next(net::MsgType::SignedIn)) {
                fail("no SignedIn for " + learner);
            }
        } else if (!next(net::MsgType::Joined)) {
            fail("no Joined for " + device);
        }
    }
};

struct Class {
    fs::path dir;
    std::unique_ptr<store::TeacherStore> store;
    std::unique_ptr<classroom::TeacherService> teacher;
    Class(const fs::path& d, int learners, const fs::path& course) : dir(d) {
        fs::create_directories(dir);
        store = std::make_unique<store::TeacherStore>((dir / "teacher.db").string());
        store->saveClass({"c1", "Bench", "4321", false});
        for (int i = 1; i <= learners; ++i) {
            store->saveLearner(
                {"l" + std::to_string(i), "c1", "Learner " + std::to_string(i), "", "", "es"});
        }
        classroom::TeacherConfig cfg;
        cfg.dataDir = dir.string();
        cfg.classId = "c1";
        cfg.teacherName = "Bench";
        cfg.bindHost = "127.0.0.1";
        cfg.announce = false;
        teacher = std::make_unique<classroom::TeacherService>(*store, cfg);
        teacher->addCourse(course.string());
        teacher->start();
    }
};

} // namespace

int main(int argc, char** argv) {
    int students = 500;
    int connections = 2000;
    int pushPcs = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--students") == 0) {
            students = std::atoi(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--connections") == 0) {
            connections = std::atoi(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--push-pcs") == 0) {
            pushPcs = std::atoi(argv[i + 1]);
        }
    }
    // Two descriptors a connection (both ends live here).
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);

    const fs::path tmp =
        fs::temp_directory_path() / ("ayllu-bench-engine-" + std::to_string(getpid()));
    const fs::path sample = fs::path(AYLLU_SOURCE_DIR) / "courses" / "muestra";

    // 1. openQuiz with `students` PCs signed in (none of them reads while it runs).
    {
        Class c(tmp / "quiz", students, sample);
        std::vector<std::unique_ptr<RawPc>> pcs;
        for (int i = 0; i < students; ++i) {
            pcs.push_back(std::make_unique<RawPc>(c.teacher->port()));
            pcs.back()->join("pc-" + std::to_string(i), "l" + std::to_string(i + 1));
        }
        const auto t0 = Clock::now();
        c.teacher->openQuiz(kCourse, kQuiz, false, 0);
        const double callMs = msSince(t0);
        for (auto& pc : pcs) {
            if (!pc->next(net::MsgType::ClassState, "\"quiz\"")) {
                fail("a PC never got the quiz");
            }
        }
        const double fanoutMs = msSince(t0);
        std::printf("openQuiz at %d students: %.1f ms on the calling thread (before: %.0f ms; "
                    "ratio %.3f); every PC had it in %.1f ms\n",
                    students, callMs, kOpenQuizBeforeMs, callMs / kOpenQuizBeforeMs, fanoutMs);
    }

    // 2. Threads with `connections` connections (joined, not signed in).
    {
        Class c(tmp / "threads", 1, sample);
        const int before = threads();
        std::vector<std::unique_ptr<RawPc>> pcs;
        for (int i = 0; i < connections; ++i) {
            pcs.push_back(std::make_unique<RawPc>(c.teacher->port()));
            pcs.back()->join("pc-" + std::to_string(i), {});
        }
        const int after = threads();
        const double scaled = kThreadsBefore * connections / kConnectionsBefore;
        std::printf("%d connections: %d threads in the process (%d before they came; before the "
                    "event loop: %.0f; ratio %.3f)\n",
                    connections, after, before, scaled, after / scaled);
    }

    // 3. A quiz opened while `pushPcs` PCs receive a course of 16 MiB.
    {
        const fs::path course = tmp / "curso";
        fs::copy(sample, course, fs::copy_options::recursive);
        std::mt19937 rng(7);
        std::string bytes(16u << 20, '\0');
        for (auto& ch : bytes) {
            ch = static_cast<char>(rng());
        }
        std::ofstream(course / "media" / "relleno.bin", std::ios::binary) << bytes;
        Class c(tmp / "push", pushPcs, course);
        std::vector<std::unique_ptr<store::StudentStore>> stores;
        std::vector<std::unique_ptr<classroom::StudentAgent>> agents;
        for (int i = 0; i < pushPcs; ++i) {
            const fs::path d = tmp / "push" / ("pc-" + std::to_string(i));
            stores.push_back(std::make_unique<store::StudentStore>((d / "student.db").string()));
            classroom::StudentConfig cfg;
            cfg.dataDir = d.string();
            cfg.deviceName = "pc-" + std::to_string(i);
            cfg.confirmTeacher = [](const std::string&, const std::string&) { return true; };
            agents.push_back(std::make_unique<classroom::StudentAgent>(*stores.back(), cfg));
            agents.back()->connect("127.0.0.1", c.teacher->port(), "4321");
        }
        for (auto& a : agents) {
            if (!a->waitJoined(30000)) {
                fail("a PC did not join");
            }
        }
        c.teacher->pushCourse(kCourse);
        // Once every PC is receiving it.
        const auto receiving = [&] {
            int n = 0;
            for (const auto& pc : c.teacher->courseOnPcs(kCourse)) {
                n += pc.done > 0 ? 1 : 0;
            }
            return n;
        };
        agents.front()->waitFor([&] { return receiving() == pushPcs; }, 30000);
        const auto t0 = Clock::now();
        c.teacher->openQuiz(kCourse, kQuiz, false, 0);
        const double callMs = msSince(t0);
        for (auto& a : agents) {
            if (!a->waitFor([&] { return a->view().quiz.has_value(); }, 120000)) {
                fail("a PC never got the quiz");
            }
        }
        const double fanoutMs = msSince(t0);
        int stillReceiving = 0;
        for (const auto& pc : c.teacher->courseOnPcs(kCourse)) {
            stillReceiving += pc.state == classroom::CourseOnPc::State::Receiving ? 1 : 0;
        }
        std::printf("a quiz opened during a 16 MiB push to %d PCs: openQuiz %.1f ms, every PC "
                    "had it in %.1f ms (before: %.0f s; ratio %.4f); %d PCs were still "
                    "receiving the course then\n",
                    pushPcs, callMs, fanoutMs, kPushQuizBeforeMs / 1000,
                    fanoutMs / kPushQuizBeforeMs, stillReceiving);
        for (auto& a : agents) {
            a->disconnect();
        }
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return 0;
}
