#include "ayllu/zip.h"

#include "ayllu/i18n.h"
#include "ayllu/text.h"

#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipException.h>
#include <Poco/Zip/ZipStream.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace ayllu::zip {

namespace fs = std::filesystem;
using i18n::fmt;

std::optional<std::string> unsafeEntryReason(const std::string& raw) {
    if (raw.empty()) {
        return std::string(_("an entry has an empty name"));
    }
    if (raw.size() > 1024) {
        return std::string(_("the entry name is too long"));
    }
    if (raw.find('\0') != std::string::npos || std::any_of(raw.begin(), raw.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20;
        })) {
        return std::string(_("the entry name contains control characters"));
    }
    if (text::invalidUtf8At(raw)) {
        return std::string(_("the entry name is not valid UTF-8"));
    }
    std::string name = raw;
    std::replace(name.begin(), name.end(), '\\', '/');
    if (name[0] == '/') {
        return std::string(_("the entry has an absolute path"));
    }
    if (name.size() >= 2 && name[1] == ':') {
        return std::string(_("the entry names a drive (C:)"));
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto end = std::min(name.find('/', start), name.size());
        const std::string part = name.substr(start, end - start);
        if (part == "..") {
            return std::string(_("the entry climbs out of the folder with \"..\""));
        }
        start = end + 1;
    }
    return std::nullopt;
}

bool looksLikeZip(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char sig[4] = {};
    in.read(sig, 4);
    return in && sig[0] == 'P' && sig[1] == 'K' &&
           ((sig[2] == 3 && sig[3] == 4) || (sig[2] == 5 && sig[3] == 6));
}

namespace {

std::string tempSibling(const fs::path& target, const char* tag) {
    static std::atomic<unsigned> counter{0};
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    return target.string() + "." + tag + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter++) + "-" + std::to_string(now % 100000);
}

struct TempDir {
    fs::path path;
    bool keep = false;
    ~TempDir() {
        if (!keep && !path.empty()) {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    }
};

bool isLink(const Poco::Zip::ZipFileInfo& info) {
    // Poco keeps the external attributes private, and its getHostSystem() reads the "version
    // needed" byte instead of "version made by". Its raw central-directory record has both:
    // byte 5 is the host system (3: Unix), bytes 38..41 the attributes, the Unix mode in the
    // high 16 bits.
    const std::string raw = info.createHeader();
    if (raw.size() < 46 || raw.compare(0, 4, "PK\x01\x02") != 0 || raw[5] != 3) {
        return false;
    }
    const std::uint32_t mode = static_cast<unsigned char>(raw[40]) |
                               (std::uint32_t{static_cast<unsigned char>(raw[41])} << 8);
    return (mode & 0170000u) == 0120000u;
}

} // namespace

Problems unpack(const std::string& zipPath, const std::string& target, const Limits& limits,
                const Progress& progress) {
    Problems problems;
    const auto fail = [&](const char* code, const std::string& entry, const std::string& why) {
        const std::string msg = entry.empty() ? why : fmt(_("entry \"%1\": %2"), entry, why);
        problems.error(zipPath, 0, code, msg);
        return problems;
    };
    std::error_code ec;
    if (fs::exists(target, ec)) {
        return fail("target-exists", {},
                    fmt(_("the folder %1 already exists; choose a new one"), target));
    }
    std::ifstream in(zipPath, std::ios::binary);
    if (!in) {
        return fail("file-unreadable", {}, _("the file cannot be opened"));
    }
    if (!looksLikeZip(zipPath)) {
        return fail("not-a-zip", {}, _("this is not a zip file"));
    }

    std::unique_ptr<Poco::Zip::ZipArchive> archive;
    try {
        archive = std::make_unique<Poco::Zip::ZipArchive>(in);
    } catch (const Poco::Exception& e) {
        const std::string what = e.displayText();
        if (what.find("Illegal entry name") != std::string::npos ||
            what.find("Illegal empty entry name") != std::string::npos) {
            return fail("zip-unsafe-path", {},
                        fmt(_("an entry has an unsafe name (%1); nothing was unpacked"), what));
        }
        return fail("not-a-zip", {}, fmt(_("the zip file is damaged or truncated (%1)"), what));
    }

    // Check every entry before writing anything.
    std::uint64_t declaredTotal = 0;
    std::uint64_t count = 0;
    for (auto it = archive->fileInfoBegin(); it != archive->fileInfoEnd(); ++it) {
        const auto& info = it->second;
        const std::string& name = info.getFileName();
        if (++count > limits.maxEntries) {
            return fail("zip-bomb", {},
                        fmt(_("more than %1 entries; refusing to unpack"), limits.maxEntries));
        }
        if (auto why = unsafeEntryReason(name)) {
            return fail("zip-unsafe-path", name, *why);
        }
        if (name.find('\\') != std::string::npos) {
            return fail("zip-unsafe-path", name,
                        _("the entry name uses backslashes; repack the course with ayllu-course "
                          "pack"));
        }
        if (isLink(info)) {
            return fail("zip-link", name, _("the entry is a symbolic link"));
        }
        if (info.isEncrypted()) {
            return fail("zip-encrypted", name, _("the entry is encrypted"));
        }
        const std::uint64_t size = info.getUncompressedSize();
        const std::uint64_t packed = std::max<std::uint64_t>(1, info.getCompressedSize());
        if (size > limits.maxEntryBytes) {
            return fail("zip-bomb", name,
                        fmt(_("the entry is larger than %1 MiB"), limits.maxEntryBytes >> 20));
        }
        if (size > limits.ratioFloor && static_cast<double>(size) / packed > limits.maxRatio) {
            return fail("zip-bomb", name, _("the entry is compressed suspiciously well"));
        }
        declaredTotal += size;
        if (declaredTotal > limits.maxTotalBytes) {
            return fail("zip-bomb", {},
                        fmt(_("the contents are larger than %1 MiB"), limits.maxTotalBytes >> 20));
        }
    }

    TempDir tmp{tempSibling(fs::path(target), "part")};
    fs::create_directories(tmp.path, ec);
    if (ec) {
        return fail("write-failed", {},
                    fmt(_("cannot create %1: %2"), tmp.path.string(), ec.message()));
    }
    std::uint64_t total = 0;
    std::vector<char> buf(64 * 1024);
    for (auto it = archive->headerBegin(); it != archive->headerEnd(); ++it) {
        const auto& header = it->second;
        const std::string name = header.getFileName();
        if (auto why = unsafeEntryReason(name)) { // the local header may differ from the directory
            return fail("zip-unsafe-path", name, *why);
        }
        const fs::path out = tmp.path / fs::path(name).relative_path();
        if (header.isDirectory()) {
            fs::create_directories(out, ec);
            continue;
        }
        fs::create_directories(out.parent_path(), ec);
        std::ofstream file(out, std::ios::binary | std::ios::trunc);
        if (!file) {
            return fail("write-failed", name,
                        _("cannot create the file (disk full or read-only?)"));
        }
        const std::uint64_t declared = header.getUncompressedSize();
        const std::uint64_t packed = std::max<std::uint64_t>(1, header.getCompressedSize());
        std::uint64_t written = 0;
        try {
            Poco::Zip::ZipInputStream zin(in, header, true);
            while (zin) {
                zin.read(buf.data(), static_cast<std::streamsize>(buf.size()));
                const auto got = static_cast<std::uint64_t>(zin.gcount());
                if (got == 0) {
                    break;
                }
                written += got;
                total += got;
                if (written > declared || written > limits.maxEntryBytes ||
                    total > limits.maxTotalBytes ||
                    (written > limits.ratioFloor &&
                     static_cast<double>(written) / packed > limits.maxRatio)) {
                    return fail("zip-bomb", name,
                                _("the entry inflates to more than it declares; refusing it"));
                }
                file.write(buf.data(), static_cast<std::streamsize>(got));
                if (!file) {
                    return fail("write-failed", name,
                                _("cannot write the file (is the disk full?)"));
                }
                if (progress) {
                    progress(total, declaredTotal);
                }
            }
            if (written != declared) {
                return fail("zip-truncated", name, _("the entry is shorter than it declares"));
            }
            if (!zin.crcValid()) {
                return fail("zip-truncated", name, _("the entry is damaged (checksum mismatch)"));
            }
        } catch (const Poco::Exception& e) {
            return fail("zip-truncated", name,
                        fmt(_("the entry cannot be read (%1)"), e.displayText()));
        }
        file.close();
        if (!file) {
            return fail("write-failed", name, _("cannot write the file (is the disk full?)"));
        }
    }
    fs::rename(tmp.path, target, ec);
    if (ec) {
        return fail("write-failed", {},
                    fmt(_("cannot move the unpacked files to %1: %2"), target, ec.message()));
    }
    tmp.keep = true;
    return problems;
}

void pack(const std::string& dir, const std::string& zipPath, const Progress& progress) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
        if (it->is_symlink()) {
            throw Error(fmt(_("%1 is a symbolic link; copy the real file into the course"),
                            it->path().string()));
        }
        if (it->is_regular_file()) {
            files.push_back(fs::relative(it->path(), dir));
        }
    }
    if (ec) {
        throw Error(fmt(_("cannot read the folder %1: %2"), dir, ec.message()));
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        const bool am = a == "imsmanifest.xml";
        const bool bm = b == "imsmanifest.xml";
        return am != bm ? am : a.generic_string() < b.generic_string();
    });
    std::uint64_t totalBytes = 0;
    for (const auto& f : files) {
        totalBytes += fs::file_size(fs::path(dir) / f, ec);
    }
    const std::string tmp = tempSibling(fs::path(zipPath), "part");
    try {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw Error(fmt(_("cannot create %1"), zipPath));
        }
        Poco::Zip::Compress c(out, true);
        std::uint64_t done = 0;
        for (const auto& f : files) {
            const std::string ext = text::toLower(f.extension().string());
            const bool packed = ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".ogg" ||
                                ext == ".opus" || ext == ".mp3" || ext == ".zip";
            c.addFile(Poco::Path((fs::path(dir) / f).string()),
                      Poco::Path(f.generic_string(), Poco::Path::PATH_UNIX),
                      packed ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE,
                      Poco::Zip::ZipCommon::CL_MAXIMUM);
            done += fs::file_size(fs::path(dir) / f, ec);
            if (progress) {
                progress(done, totalBytes);
            }
        }
        c.close();
        out.close();
        if (!out) {
            throw Error(fmt(_("cannot write %1 (is the disk full?)"), zipPath));
        }
    } catch (const Poco::Exception& e) {
        fs::remove(tmp, ec);
        throw Error(fmt(_("cannot write %1: %2"), zipPath, e.displayText()));
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    fs::rename(tmp, zipPath, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error(fmt(_("cannot write %1: %2"), zipPath, ec.message()));
    }
}

} // namespace ayllu::zip
