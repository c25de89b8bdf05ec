// libFuzzer target: unpacking a zip. Whatever the bytes, nothing may be written outside the
// target, and a refused zip leaves no target behind.
#include "ayllu/zip.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace fs = std::filesystem;
    static const fs::path root =
        fs::temp_directory_path() / ("ayllu-fuzz-zip-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove_all(root, ec);
    fs::create_directories(root / "area");
    {
        std::ofstream(root / "in.zip", std::ios::binary)
            .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ayllu::zip::Limits limits;
    limits.maxTotalBytes = 8u << 20;
    limits.maxEntryBytes = 4u << 20;
    const auto problems =
        ayllu::zip::unpack((root / "in.zip").string(), (root / "area" / "out").string(), limits);
    std::size_t outside = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        const auto rel = fs::relative(e.path(), root).generic_string();
        if (rel != "in.zip" && rel != "area" && rel.rfind("area/out", 0) != 0) {
            ++outside;
        }
    }
    if (outside != 0 || (problems.hasErrors() && fs::exists(root / "area" / "out"))) {
        std::fprintf(stderr, "zip wrote outside its target or left a refused target\n");
        std::abort();
    }
    fs::remove_all(root, ec);
    return 0;
}
