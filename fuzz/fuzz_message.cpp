// libFuzzer target: one message decoder (AYLLU_MESSAGE, set per target by CMakeLists.txt) fed
// the input as a payload. Any input must either decode or be refused with net::ProtocolError;
// what decodes must encode to something that decodes again to the same encoding.
#include "ayllu/classroom/messages.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef AYLLU_MESSAGE
#error "AYLLU_MESSAGE names the message whose decoder this target fuzzes"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using M = ayllu::classroom::msg::AYLLU_MESSAGE;
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::string once;
    try {
        once = M::decode(input).encode();
    } catch (const ayllu::net::ProtocolError&) {
        return 0; // refused: fine
    }
    try {
        const std::string twice = M::decode(once).encode();
        if (twice != once) {
            std::fprintf(stderr, "not stable:\n%s\n%s\n", once.c_str(), twice.c_str());
            std::abort();
        }
    } catch (const ayllu::net::ProtocolError& e) {
        std::fprintf(stderr, "its own encoding is refused (%s):\n%s\n", e.what(), once.c_str());
        std::abort();
    }
    return 0;
}
