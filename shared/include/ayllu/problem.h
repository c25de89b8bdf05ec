// Problems found in untrusted input, each with the place it was found.
#pragma once

#include "ayllu/error.h"

#include <string>
#include <vector>

namespace ayllu {

enum class Severity { Warning, Error };

struct Problem {
    std::string file; // relative to the package root, or the path given by the user
    int line = 0;     // 1-based; 0 when the problem is about the whole file
    Severity severity = Severity::Error;
    std::string code; // stable, untranslated identifier (e.g. "dangling-ref"), for tests and tools
    std::string message; // translated, for people

    // "file:line: error: message" (the line is left out when it is 0).
    std::string toString() const;
};

// Every problem found in one piece of work, in the order found.
class Problems {
public:
    void add(Problem p) { items_.push_back(std::move(p)); }
    void error(const std::string& file, int line, std::string code, std::string message);
    void warning(const std::string& file, int line, std::string code, std::string message);
    void append(const Problems& other);

    bool hasErrors() const;
    std::size_t errorCount() const;
    std::size_t warningCount() const;
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    const std::vector<Problem>& items() const { return items_; }
    bool contains(const std::string& code) const;
    // The first problem with that code, or nullptr.
    const Problem* find(const std::string& code) const;

    // Sorted by file, then line (stable), for printing.
    std::vector<Problem> sorted() const;

private:
    std::vector<Problem> items_;
};

} // namespace ayllu
