// The student client on old hardware: how long until the learner sees the teacher's page, and
// how much memory the client holds then. Starts a real teacher service on loopback with the
// "Primeros pasos" course, runs the real client --runs times (the first run joins and downloads
// the course; later runs start from what is on the PC), and prints the median, minimum and
// maximum, and the memory as a ratio against the smallest wx program (bench/wx_floor).
// Needs an X display: run it as  xvfb-run -a ./build/bench/bench_student
#include "ayllu/classroom/teacher_service.h"
#include "ayllu/store/teacher_store.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using namespace ayllu;

namespace {

struct Run {
    long startupMs = -1; // in the process: from main to the first idle with the window shown
    long rssKb = -1;
    double wallMs = 0; // from launching the process to the "shown" line (includes joining)
    bool ok = false;
};

long field(const std::string& out, const std::string& name) {
    const auto at = out.find(name + " ");
    return at == std::string::npos ? -1 : std::atol(out.c_str() + at + name.size() + 1);
}

Run launch(const std::string& command) {
    Run r;
    const auto t0 = std::chrono::steady_clock::now();
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    if (p == nullptr) {
        return r;
    }
    std::string out;
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), p) != nullptr) {
        out += buf.data();
        if (r.wallMs == 0 && out.find("shown ") != std::string::npos) {
            r.wallMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
        }
    }
    const int status = ::pclose(p);
    r.startupMs = field(out, "startup_ms");
    r.rssKb = field(out, "rss_kb");
    r.ok = status == 0 && r.rssKb > 0;
    if (!r.ok) {
        std::fprintf(stderr, "run failed (status %d):\n%s\n", status, out.c_str());
    }
    return r;
}

template <typename T>
T median(std::vector<T> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? T{} : v[v.size() / 2];
}

std::string quote(const std::string& s) {
    return "'" + s + "'";
}

} // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::string client = AYLLU_STUDENT_APP, floor = AYLLU_WX_FLOOR, source = AYLLU_SOURCE_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (a == "--client") {
            client = argv[i + 1];
        } else if (a == "--floor") {
            floor = argv[i + 1];
        } else if (a == "--source") {
            source = argv[i + 1];
        }
    }
    if (std::getenv("DISPLAY") == nullptr) {
        std::fprintf(stderr, "bench_student needs an X display: xvfb-run -a %s\n", argv[0]);
        return 2;
    }
    const fs::path tmp =
        fs::temp_directory_path() / ("ayllu-bench-student-" + std::to_string(::getpid()));
    fs::create_directories(tmp / "teacher");
    store::TeacherStore store((tmp / "teacher" / "teacher.db").string());
    store.saveClass({"c1", "3° A", "4321", false});
    store.saveLearner({"luis", "c1", "Luis Mamani", "condor", "", "qu"});
    classroom::TeacherConfig cfg;
    cfg.dataDir = (tmp / "teacher").string();
    cfg.classId = "c1";
    cfg.teacherName = "Profesora Rosa";
    cfg.bindHost = "127.0.0.1";
    cfg.announce = false;
    classroom::TeacherService service(store, cfg);
    service.addCourse((fs::path(source) / "courses" / "primeros-pasos").string());
    service.start();
    service.pushCourse("pe.ayllu.primeros-pasos");
    service.showPage("pe.ayllu.primeros-pasos", "res-raton", "p4");

    const std::string command = quote(client) + " --data " + quote((tmp / "pc").string()) +
                                " --connect 127.0.0.1:" + std::to_string(service.port()) +
                                " --code 4321 --auto-confirm --sign-in luis --lang es --snapshot " +
                                quote((tmp / "shot.png").string()) + " --exit-after-snapshot";
    const Run first = launch(command);
    std::vector<long> startup, rss;
    std::vector<double> wall;
    for (int i = 0; i < runs; ++i) {
        const Run r = launch(command);
        if (!r.ok) {
            return 1;
        }
        startup.push_back(r.startupMs);
        rss.push_back(r.rssKb);
        wall.push_back(r.wallMs);
    }
    std::vector<long> floorRss;
    for (int i = 0; i < std::min(runs, 3); ++i) {
        const Run f = launch(quote(floor));
        if (f.ok) {
            floorRss.push_back(f.rssKb);
        }
    }
    service.stop();
    fs::remove_all(tmp);
    if (!first.ok) {
        return 1;
    }
    std::printf("student client, %d warm runs (the teacher's page shown, with its picture)\n",
                runs);
    std::printf("  first run (joins, downloads the course): %.0f ms to the page, %ld KB\n",
                first.wallMs, first.rssKb);
    std::printf("  launch to page shown: median %.0f ms (min %.0f, max %.0f)\n", median(wall),
                *std::min_element(wall.begin(), wall.end()),
                *std::max_element(wall.begin(), wall.end()));
    std::printf("  main() to window shown: median %ld ms\n", median(startup));
    std::printf("  resident memory: median %.1f MB (min %.1f, max %.1f)\n", median(rss) / 1024.0,
                *std::min_element(rss.begin(), rss.end()) / 1024.0,
                *std::max_element(rss.begin(), rss.end()) / 1024.0);
    if (!floorRss.empty()) {
        std::printf("  baseline, the smallest wx window: %.1f MB; client / baseline = %.2f\n",
                    median(floorRss) / 1024.0,
                    static_cast<double>(median(rss)) / static_cast<double>(median(floorRss)));
    }
    return 0;
}
