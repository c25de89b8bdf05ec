// Media files made in code, for tests and benchmarks (no Boost here: the benchmarks link it).
#pragma once

#include <cstdint>
#include <string>

namespace ayllu::test {

// A valid 8-bit greyscale PNG of w x h pixels: flat grey, or noise (hard to compress) from
// `noiseSeed` when it is not 0.
std::string makePng(unsigned w, unsigned h, std::uint32_t noiseSeed = 0);

} // namespace ayllu::test
