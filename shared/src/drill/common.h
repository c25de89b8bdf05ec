// What every drill kind shares once it is finished (internal to the core).
#pragma once

#include "ayllu/store/progress.h"

#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace ayllu::drill::detail {

inline double oneDecimal(double v) {
    return std::round(v * 10) / 10;
}

// The progress event of a finished drill: its measures as JSON, passed or failed, and the
// accuracy as the score out of 100.
inline store::Event drillEvent(const std::string& learner, const std::string& course,
                               const std::string& drillResource, const Poco::JSON::Object& measures,
                               bool passed, double accuracy, double seconds) {
    std::ostringstream out;
    measures.stringify(out);
    store::Event e;
    e.learner = learner;
    e.course = course;
    e.content = drillResource;
    e.kind = store::EventKind::Drill;
    e.text = out.str();
    e.result = passed ? "passed" : "failed";
    e.scoreRaw = accuracy;
    e.scoreMax = 100.0;
    e.durationMs = std::clamp<std::int64_t>(static_cast<std::int64_t>(seconds * 1000), 0,
                                            store::kMaxDurationMs);
    return e;
}

} // namespace ayllu::drill::detail
