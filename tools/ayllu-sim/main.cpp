// ayllu-sim: runs a headless teacher and N students on loopback through a live quiz, with
// faults, and prints what the databases say happened.
#include "ayllu/i18n.h"
#include "sim.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {
const char* kUsage =
    "usage: ayllu-sim --students N --course DIR --seed S --data DIR [--quiz ID]\n"
    "                 [--fault kill-student|kill-teacher|cut]... [--per-process K] [--json]\n";
}

int main(int argc, char** argv) {
    ayllu::sim::Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "ayllu-sim: %s needs a value\n%s", a.c_str(), kUsage);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--students") {
            o.students = std::atoi(value().c_str());
        } else if (a == "--course") {
            o.course = value();
        } else if (a == "--quiz") {
            o.quiz = value();
        } else if (a == "--seed") {
            o.seed = static_cast<unsigned>(std::strtoul(value().c_str(), nullptr, 10));
        } else if (a == "--data") {
            o.data = value();
        } else if (a == "--fault") {
            o.faults.push_back(value());
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--verbose") {
            o.verbose = true;
        } else if (a == "--per-process") {
            o.perProcess = std::atoi(value().c_str());
        } else if (a == "--role") {
            o.role = value();
        } else if (a == "--port") {
            o.port = std::atoi(value().c_str());
        } else if (a == "--first") {
            o.first = std::atoi(value().c_str());
        } else if (a == "--count") {
            o.count = std::atoi(value().c_str());
        } else if (a == "-h" || a == "--help") {
            std::fputs(kUsage, stdout);
            return 0;
        } else {
            std::fprintf(stderr, "ayllu-sim: unknown option %s\n%s", a.c_str(), kUsage);
            return 2;
        }
    }
    for (const auto& f : o.faults) {
        if (f != "kill-student" && f != "kill-teacher" && f != "cut") {
            std::fprintf(stderr, "ayllu-sim: unknown fault %s\n%s", f.c_str(), kUsage);
            return 2;
        }
    }
    if (o.data.empty() || o.course.empty() || o.students < 1 || o.students > 2000) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    if (o.role == "teacher") {
        return ayllu::sim::runTeacher(o);
    }
    if (o.role == "students") {
        return ayllu::sim::runStudents(o);
    }
    std::error_code ec;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    for (const auto& dir : ayllu::i18n::localeDirs(ec ? std::string(argv[0]) : self)) {
        if (ayllu::i18n::load(dir, ayllu::i18n::detectLanguage())) {
            break;
        }
    }
    return ayllu::sim::runController(o, ec ? std::string(argv[0]) : self);
}
