#include "ayllu/drill/typing.h"

#include "common.h"

#include <Poco/JSON/Object.h>
#include <algorithm>
#include <cmath>
#include <vector>

namespace ayllu::drill {

namespace {
// UTF-8 to code points (invalid bytes become U+FFFD, one each).
std::vector<char32_t> codePoints(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
        if (len == 0 || i + len > s.size()) {
            out.push_back(0xfffd);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : c & (0xff >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}
} // namespace

TypingResult measureTyping(const course::Drill& drill, const std::string& target,
                           const std::string& typed, double seconds) {
    const auto want = codePoints(target);
    const auto got = codePoints(typed);
    TypingResult r;
    r.seconds = std::max(0.0, seconds);
    std::size_t right = 0;
    for (std::size_t i = 0; i < std::min(want.size(), got.size()); ++i) {
        right += want[i] == got[i] ? 1 : 0;
    }
    // Missing and extra characters both count against accuracy.
    const std::size_t total = std::max(want.size(), got.size());
    r.accuracy = total == 0 ? 0 : 100.0 * static_cast<double>(right) / static_cast<double>(total);
    r.wpm = r.seconds > 0 ? (static_cast<double>(got.size()) / 5.0) / (r.seconds / 60.0) : 0;
    r.passed = r.accuracy + 1e-9 >= drill.minAccuracy &&
               (drill.minWpm <= 0 || r.wpm >= drill.minWpm) &&
               (drill.maxSeconds <= 0 || r.seconds <= drill.maxSeconds);
    return r;
}

store::Event drillEvent(const std::string& learner, const std::string& course,
                        const std::string& drillResource, const TypingResult& r) {
    Poco::JSON::Object m(Poco::JSON_PRESERVE_KEY_ORDER);
    m.set("accuracy", detail::oneDecimal(r.accuracy));
    m.set("wpm", detail::oneDecimal(r.wpm));
    m.set("seconds", detail::oneDecimal(r.seconds));
    return detail::drillEvent(learner, course, drillResource, m, r.passed, r.accuracy, r.seconds);
}

} // namespace ayllu::drill
