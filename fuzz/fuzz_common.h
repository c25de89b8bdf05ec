// Shared by the fuzz targets: parse a document and check the round-trip property.
#pragma once

#include "ayllu/course/parse.h"
#include "ayllu/course/write.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace ayllu::fuzz {

inline std::string bytes(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Parses `input` with `parse`; when it parsed without problems, writing it and parsing the
// result must give an equal model with no problems. Aborts (a finding) otherwise.
template <typename T>
void roundTrip(const std::string& input, T (*parse)(const xml::Document&, Problems&),
               std::string (*write)(const T&)) {
    Problems p;
    auto doc = xml::Document::parse(input, "fuzz.xml", p);
    if (!doc) {
        return;
    }
    const T model = parse(*doc, p);
    for (const auto& x : p.items()) {
        if (x.message.empty() || x.file != "fuzz.xml") {
            std::fprintf(stderr, "problem without message or file\n");
            std::abort();
        }
    }
    if (!p.empty()) {
        return;
    }
    const std::string written = write(model);
    Problems p2;
    auto doc2 = xml::Document::parse(written, "written.xml", p2);
    if (!doc2) {
        std::fprintf(stderr, "written XML does not parse:\n%s\n", written.c_str());
        std::abort();
    }
    const T back = parse(*doc2, p2);
    if (!p2.empty() || !(back == model)) {
        std::fprintf(stderr, "round trip differs:\n%s\n", written.c_str());
        for (const auto& x : p2.items()) {
            std::fprintf(stderr, "%s\n", x.toString().c_str());
        }
        std::abort();
    }
}

} // namespace ayllu::fuzz
