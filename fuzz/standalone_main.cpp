// A driver for builds without libFuzzer: runs the target over every file given (or every file
// in the folders given), and over deterministic variants of each: truncations and byte flips
// from a fixed-seed generator. CTest runs it over the seed corpus.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {
void runOne(const std::string& s) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}
} // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    int variants = 200;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--variants=", 0) == 0) {
            variants = std::stoi(a.substr(11));
        } else if (fs::is_directory(a)) {
            for (const auto& e : fs::recursive_directory_iterator(a)) {
                if (e.is_regular_file()) {
                    files.push_back(e.path());
                }
            }
        } else {
            files.emplace_back(a);
        }
    }
    std::mt19937 rng(20261122);
    std::size_t runs = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        const std::string seed((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        runOne(seed);
        ++runs;
        for (int v = 0; v < variants && !seed.empty(); ++v) {
            std::string m = seed;
            const std::size_t at = rng() % m.size();
            switch (v % 4) {
            case 0:
                m.resize(at); // truncated
                break;
            case 1:
                m[at] = static_cast<char>(rng() & 0xff); // one byte changed
                break;
            case 2:
                m.insert(at, m.substr(rng() % m.size(), 1 + rng() % 16)); // bytes repeated
                break;
            default:
                m.erase(at, 1 + rng() % 8); // bytes removed
                break;
            }
            runOne(m);
            ++runs;
        }
    }
    std::printf("%zu inputs from %zu seeds ran without a finding\n", runs, files.size());
    return files.empty() ? 1 : 0;
}
