// libFuzzer target: the frame reader and payload checks, fed the input in splits decided by
// its first byte. Any outcome is fine except a crash, a hang, or a frame over the limit.
#include "ayllu/net/protocol.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::size_t step = 1 + data[0] % 64;
    ayllu::net::FrameReader r(64 * 1024);
    for (std::size_t at = 1; at < size; at += step) {
        r.feed(reinterpret_cast<const char*>(data) + at, std::min(step, size - at));
        while (auto f = r.next()) {
            if (f->payload.size() > 64 * 1024) {
                std::abort();
            }
            try {
                if (f->type == ayllu::net::MsgType::PackageChunk) {
                    ayllu::net::decodeChunk(*f);
                } else {
                    auto o = ayllu::net::parsePayload(*f);
                    (void)ayllu::net::optStr(o, "learner");
                }
            } catch (const ayllu::net::ProtocolError&) {
            }
        }
        if (r.failed()) {
            break;
        }
    }
    return 0;
}
