// libFuzzer target: the quiz parser, with the parse -> write -> parse property.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ayllu::fuzz::roundTrip(ayllu::fuzz::bytes(data, size), ayllu::course::parseQuiz,
                           ayllu::course::writeQuiz);
    return 0;
}
