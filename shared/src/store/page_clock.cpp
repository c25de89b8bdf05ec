#include "ayllu/store/page_clock.h"

#include <algorithm>

namespace ayllu::store {

std::optional<Event> PageClock::start(const std::string& learner, const std::string& course,
                                      const std::string& content, const std::string& page,
                                      Clock::time_point now) {
    if (running_ && learner == learner_ && course == course_ && content == content_ &&
        page == page_) {
        return std::nullopt; // the same page drawn again: its clock goes on
    }
    auto spent = stop(now);
    running_ = true;
    learner_ = learner;
    course_ = course;
    content_ = content;
    page_ = page;
    since_ = now;
    return spent;
}

std::optional<Event> PageClock::stop(Clock::time_point now) {
    if (!running_) {
        return std::nullopt;
    }
    running_ = false;
    const auto ms =
        std::min(std::chrono::duration_cast<std::chrono::milliseconds>(now - since_), kCap).count();
    if (ms <= 0) {
        return std::nullopt;
    }
    Event e;
    e.learner = learner_;
    e.course = course_;
    e.content = content_;
    e.item = page_;
    e.kind = EventKind::Time;
    e.durationMs = ms;
    return e;
}

} // namespace ayllu::store
