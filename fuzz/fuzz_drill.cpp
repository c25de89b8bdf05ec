// libFuzzer target: the drill parser, with the parse -> write -> parse property.
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ayllu::fuzz::roundTrip(ayllu::fuzz::bytes(data, size), ayllu::course::parseDrill,
                           ayllu::course::writeDrill);
    return 0;
}
