// libFuzzer target: reading a response (untrusted JSON from a student's PC) and grading it
// against every question type. A response read is encoded and read back to the same value; the
// grade must always be a known result with points within [0, max].
#include "ayllu/course/parse.h"
#include "ayllu/quiz/grading.h"
#include "ayllu/quiz/response.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
const ayllu::course::Quiz& quiz() {
    static const ayllu::course::Quiz q = [] {
        ayllu::Problems p;
        const auto pkg = ayllu::course::loadPackage(AYLLU_SAMPLE_COURSE, p);
        return pkg.quizzes.at("res-cuestionario");
    }();
    return q;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string response(reinterpret_cast<const char*>(data), size);
    const auto decoded = ayllu::quiz::decodeResponse(response);
    if (decoded.response) {
        const auto again =
            ayllu::quiz::decodeResponse(ayllu::quiz::encodeResponse(*decoded.response));
        if (!again.response || !(*again.response == *decoded.response)) {
            std::fprintf(stderr, "response does not round-trip: %s\n", again.reason.c_str());
            std::abort();
        }
    } else if (decoded.reason.empty()) {
        std::fprintf(stderr, "refused without a reason\n");
        std::abort();
    }
    for (const auto& q : quiz().questions) {
        const auto g = ayllu::quiz::grade(q, response, 7);
        const bool known = g.result == "correct" || g.result == "partial" ||
                           g.result == "incorrect" || g.result == "unanswered" ||
                           g.result == "invalid";
        if (!known || g.points < 0 || g.points > g.maxPoints + 1e-9) {
            std::fprintf(stderr, "bad grade %s %f/%f\n", g.result.c_str(), g.points, g.maxPoints);
            std::abort();
        }
    }
    return 0;
}
