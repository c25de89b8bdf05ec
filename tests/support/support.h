// Helpers shared by the test suites: temporary folders, files, commands and crafted zips.
#pragma once

#include "media.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace ayllu::test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    fs::path operator/(const std::string& rel) const { return path_ / rel; }

private:
    fs::path path_;
};

std::string readFile(const fs::path& p);
void writeFile(const fs::path& p, const std::string& bytes);
// Replaces the first occurrence of `from` in the file; fails the test if it is absent.
void replaceInFile(const fs::path& p, const std::string& from, const std::string& to);
// 1-based line of the first occurrence of `needle` in the file (0 when absent).
int lineOf(const fs::path& p, const std::string& needle);
void copyTree(const fs::path& from, const fs::path& to);
// Every path under `dir`, relative, sorted (folders too).
std::vector<std::string> listTree(const fs::path& dir);

// The bundled sample course (the source folder in courses/).
fs::path sampleCourse();
fs::path sourceDir();

struct CommandResult {
    int status = -1; // exit status, or -1 when it did not exit normally
    std::string out; // stdout and stderr together
};
// Runs a shell command line and captures its output.
CommandResult run(const std::string& commandLine);
std::string quote(const std::string& s);

// Writes zip files byte by byte, so tests can make the hostile ones no tool would.
class ZipWriter {
public:
    struct Entry {
        std::string name;
        std::string data;
        bool deflate = true;
        std::uint32_t unixMode = 0100644; // S_IFREG | 0644; 0120777 for a link
        // Overrides, for lying archives (0xffffffff: leave as computed).
        std::uint32_t declaredSize = 0xffffffffu;
        std::uint32_t crc = 0xffffffffu;
    };
    void add(Entry e) { entries_.push_back(std::move(e)); }
    void add(const std::string& name, const std::string& data) { add(Entry{name, data}); }
    std::string bytes() const;
    void save(const fs::path& p) const { writeFile(p, bytes()); }

private:
    std::vector<Entry> entries_;
};

} // namespace ayllu::test
