#include "support.h"

#include <algorithm>
#include <array>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <sys/wait.h>
#include <zlib.h>

namespace ayllu::test {

TempDir::TempDir() {
    std::random_device rd;
    for (int i = 0; i < 100; ++i) {
        fs::path p = fs::temp_directory_path() / ("ayllu-test-" + std::to_string(rd()));
        std::error_code ec;
        if (fs::create_directory(p, ec)) {
            path_ = p;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " << p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& p, const std::string& bytes) {
    if (p.has_parent_path()) {
        fs::create_directories(p.parent_path());
    }
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    BOOST_REQUIRE_MESSAGE(out, "cannot write " << p);
}

void replaceInFile(const fs::path& p, const std::string& from, const std::string& to) {
    std::string s = readFile(p);
    const auto at = s.find(from);
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, "\"" << from << "\" not found in " << p);
    s.replace(at, from.size(), to);
    writeFile(p, s);
}

int lineOf(const fs::path& p, const std::string& needle) {
    const std::string s = readFile(p);
    const auto at = s.find(needle);
    if (at == std::string::npos) {
        return 0;
    }
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<long>(at), '\n'));
}

void copyTree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to);
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

std::vector<std::string> listTree(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        return out;
    }
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        out.push_back(fs::relative(e.path(), dir).generic_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

fs::path sourceDir() {
    return fs::path(AYLLU_SOURCE_DIR);
}
fs::path sampleCourse() {
    return sourceDir() / "courses" / "muestra";
}

std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

CommandResult run(const std::string& commandLine) {
    CommandResult r;
    FILE* p = ::popen((commandLine + " 2>&1").c_str(), "r");
    BOOST_REQUIRE_MESSAGE(p != nullptr, "cannot run " << commandLine);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) {
        r.out.append(buf.data(), n);
    }
    const int status = ::pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

namespace {
void le16(std::string& s, unsigned v) {
    s += static_cast<char>(v & 0xff);
    s += static_cast<char>((v >> 8) & 0xff);
}
void le32(std::string& s, std::uint32_t v) {
    le16(s, v & 0xffff);
    le16(s, v >> 16);
}

std::string rawDeflate(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, data.size()) + 16, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}
} // namespace

std::string ZipWriter::bytes() const {
    std::string out;
    std::string central;
    for (const auto& e : entries_) {
        const std::string packed = e.deflate ? rawDeflate(e.data) : e.data;
        const auto realCrc = static_cast<std::uint32_t>(crc32(
            0, reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size())));
        const std::uint32_t crc = e.crc != 0xffffffffu ? e.crc : realCrc;
        const std::uint32_t size = e.declaredSize != 0xffffffffu
                                       ? e.declaredSize
                                       : static_cast<std::uint32_t>(e.data.size());
        const auto offset = static_cast<std::uint32_t>(out.size());
        const unsigned method = e.deflate ? 8 : 0;
        // Local file header.
        le32(out, 0x04034b50);
        le16(out, 20);
        le16(out, 0x0800); // UTF-8 names
        le16(out, method);
        le16(out, 0);
        le16(out, 0x21);
        le32(out, crc);
        le32(out, static_cast<std::uint32_t>(packed.size()));
        le32(out, size);
        le16(out, static_cast<unsigned>(e.name.size()));
        le16(out, 0);
        out += e.name;
        out += packed;
        // Central directory record.
        le32(central, 0x02014b50);
        le16(central, (3u << 8) | 20); // made by Unix
        le16(central, 20);
        le16(central, 0x0800);
        le16(central, method);
        le16(central, 0);
        le16(central, 0x21);
        le32(central, crc);
        le32(central, static_cast<std::uint32_t>(packed.size()));
        le32(central, size);
        le16(central, static_cast<unsigned>(e.name.size()));
        le16(central, 0);
        le16(central, 0);
        le16(central, 0);
        le16(central, 0);
        le32(central, e.unixMode << 16);
        le32(central, offset);
        central += e.name;
    }
    const auto cdOffset = static_cast<std::uint32_t>(out.size());
    out += central;
    le32(out, 0x06054b50);
    le16(out, 0);
    le16(out, 0);
    le16(out, static_cast<unsigned>(entries_.size()));
    le16(out, static_cast<unsigned>(entries_.size()));
    le32(out, static_cast<std::uint32_t>(central.size()));
    le32(out, cdOffset);
    le16(out, 0);
    return out;
}

} // namespace ayllu::test
