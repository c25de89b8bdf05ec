#include "media.h"

#include <random>
#include <zlib.h>

namespace ayllu::test {
namespace {
void be32(std::string& s, std::uint32_t v) {
    for (int k = 3; k >= 0; --k) {
        s += static_cast<char>((v >> (8 * k)) & 0xff);
    }
}
} // namespace

std::string makePng(unsigned w, unsigned h, std::uint32_t noiseSeed) {
    std::mt19937 rng(noiseSeed);
    std::string raw;
    raw.reserve(static_cast<std::size_t>(h) * (w + 1));
    for (unsigned y = 0; y < h; ++y) {
        raw += '\0'; // filter: none
        for (unsigned x = 0; x < w; ++x) {
            raw += static_cast<char>(noiseSeed == 0 ? 0x80 : (rng() & 0xff));
        }
    }
    uLongf packedLen = compressBound(raw.size());
    std::string packed(packedLen, '\0');
    compress2(reinterpret_cast<Bytef*>(packed.data()), &packedLen,
              reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 6);
    packed.resize(packedLen);
    std::string png = "\x89PNG\r\n\x1a\n";
    const auto chunk = [&](const std::string& type, const std::string& data) {
        be32(png, static_cast<std::uint32_t>(data.size()));
        const std::string td = type + data;
        png += td;
        be32(png, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(td.data()),
                                                   static_cast<uInt>(td.size()))));
    };
    std::string ihdr;
    be32(ihdr, w);
    be32(ihdr, h);
    ihdr += std::string("\x08\x00\x00\x00\x00", 5); // 8-bit greyscale, no interlace
    chunk("IHDR", ihdr);
    chunk("IDAT", packed);
    chunk("IEND", "");
    return png;
}

} // namespace ayllu::test
