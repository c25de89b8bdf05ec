// Packing and unpacking course zips, safely.
//
// Unpacking treats the zip as hostile: entries with absolute paths, drive letters, "..", links
// or encryption are refused (zip slip); the entry count, every entry's size, the total size and
// the compression ratio are capped, counting the bytes really inflated, not the sizes the zip
// claims (zip bombs). Everything is written into a temporary sibling folder that is renamed into
// place only when complete, so a failure leaves the disk as it was.
#pragma once

#include "ayllu/problem.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ayllu::zip {

struct Limits {
    std::uint64_t maxTotalBytes = 512ull << 20; // all entries, inflated
    std::uint64_t maxEntryBytes = 256ull << 20; // one entry, inflated
    std::uint64_t maxEntries = 10000;
    double maxRatio = 100;                 // inflated / compressed, for entries over ratioFloor
    std::uint64_t ratioFloor = 1ull << 20; // small entries may compress well (text, blank SVG)
};

// Called with the bytes done and the bytes expected in all, as work goes on.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Unpacks `zipPath` into the folder `target`, which must not exist yet. Returns the problems
// (file = the zip's name as given); empty means success. On any error nothing is left behind.
Problems unpack(const std::string& zipPath, const std::string& target, const Limits& limits = {},
                const Progress& progress = {});

// Packs every regular file under `dir` into `zipPath` (imsmanifest.xml first, the rest sorted),
// through a temporary file renamed at the end. Throws ayllu::Error on failure.
void pack(const std::string& dir, const std::string& zipPath, const Progress& progress = {});

// Why an entry name is unsafe, or nullopt when it is a plain relative path. Backslashes are
// taken as separators first, since Windows tools write them.
std::optional<std::string> unsafeEntryReason(const std::string& name);

// True when the file starts like a zip archive.
bool looksLikeZip(const std::string& path);

} // namespace ayllu::zip
