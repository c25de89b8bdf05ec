#include "ayllu/problem.h"

#include "ayllu/i18n.h"

#include <algorithm>

namespace ayllu {

std::string Problem::toString() const {
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
    }
    // TRANSLATORS: severity words in "file:line: error: message"
    out += severity == Severity::Error ? std::string(": ") + _("error") + ": "
                                       : std::string(": ") + _("warning") + ": ";
    out += message;
    return out;
}

void Problems::error(const std::string& file, int line, std::string code, std::string message) {
    items_.push_back({file, line, Severity::Error, std::move(code), std::move(message)});
}

void Problems::warning(const std::string& file, int line, std::string code, std::string message) {
    items_.push_back({file, line, Severity::Warning, std::move(code), std::move(message)});
}

void Problems::append(const Problems& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Problems::hasErrors() const {
    return errorCount() > 0;
}

std::size_t Problems::errorCount() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(),
                      [](const Problem& p) { return p.severity == Severity::Error; }));
}

std::size_t Problems::warningCount() const {
    return items_.size() - errorCount();
}

bool Problems::contains(const std::string& code) const {
    return find(code) != nullptr;
}

const Problem* Problems::find(const std::string& code) const {
    for (const auto& p : items_) {
        if (p.code == code) {
            return &p;
        }
    }
    return nullptr;
}

std::vector<Problem> Problems::sorted() const {
    std::vector<Problem> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Problem& a, const Problem& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
    return out;
}

} // namespace ayllu
