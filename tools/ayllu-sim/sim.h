// ayllu-sim: a whole classroom on loopback, for tests, demos and measurements.
#pragma once

#include <string>
#include <vector>

namespace ayllu::sim {

inline constexpr const char* kSimClass = "sim";
inline constexpr const char* kSimCode = "2468";

struct Options {
    std::string role; // "", "teacher" or "students"
    int students = 10;
    std::string course; // a course folder
    std::string quiz;   // quiz resource id; default: the course's first quiz
    unsigned seed = 1;
    std::string data;
    std::vector<std::string> faults; // kill-student, kill-teacher, cut
    bool json = false;
    bool verbose = false;
    int perProcess = 0; // students per student process; 0: chosen from --students
    // For the child roles:
    int port = 0;
    int first = 1;
    int count = 0;
};

std::string learnerId(int i);
int runTeacher(const Options& o);
int runStudents(const Options& o);
int runController(const Options& o, const std::string& self);

} // namespace ayllu::sim
