// libFuzzer target: the GIFT importer. What it imports must write and parse back unchanged.
#include "ayllu/import/quiz_import.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto r = ayllu::import::importGift(ayllu::fuzz::bytes(data, size), "fuzz.gift");
    if (!r.quiz.questions.empty()) {
        ayllu::fuzz::roundTrip(ayllu::course::writeQuiz(r.quiz), ayllu::course::parseQuiz,
                               ayllu::course::writeQuiz);
    }
    return 0;
}
