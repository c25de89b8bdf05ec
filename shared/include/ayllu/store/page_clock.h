// Time on task for lessons: how long a learner had a page in front of them, as Time events.
//
// The clock runs from the moment a page is shown until the learner leaves it (another page,
// another item, the end of the lesson, closing the program). An idle PC must not count hours:
// each page counts at most kCap. GUI-free, and given the time by the caller so tests can
// choose it.
#pragma once

#include "ayllu/store/progress.h"

#include <chrono>
#include <optional>
#include <string>

namespace ayllu::store {

class PageClock {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kCap{5 * 60 * 1000}; // per page shown

    // Starts timing `page` of a lesson; returns the Time event of the page that was being
    // timed, if any (nothing when it is the same page of the same lesson and learner: a
    // redraw, not a new page).
    std::optional<Event> start(const std::string& learner, const std::string& course,
                               const std::string& content, const std::string& page,
                               Clock::time_point now);
    // Stops the clock: the Time event of the page being timed (none when nothing was, or no
    // whole millisecond passed).
    std::optional<Event> stop(Clock::time_point now);
    bool running() const { return running_; }

private:
    bool running_ = false;
    std::string learner_, course_, content_, page_;
    Clock::time_point since_;
};

} // namespace ayllu::store
