// Measuring a typing drill: accuracy by character (ñ, á and other accented letters count as one
// character each), words per minute, and whether the drill's success measure is met.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/store/progress.h"

#include <string>

namespace ayllu::drill {

struct TypingResult {
    double accuracy = 0; // percent of the target's characters typed right, in place
    double wpm = 0;      // words of 5 characters per minute
    double seconds = 0;
    bool passed = false;
};

TypingResult measureTyping(const course::Drill& drill, const std::string& target,
                           const std::string& typed, double seconds);

// The progress event recording a finished drill (kind Drill; measures as JSON).
store::Event drillEvent(const std::string& learner, const std::string& course,
                        const std::string& drillResource, const TypingResult& r);

} // namespace ayllu::drill
