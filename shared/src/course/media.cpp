#include "ayllu/course/media.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"
#include "ayllu/text.h"
#include "ayllu/xml.h"

#include <cstdint>
#include <vector>
#include <zlib.h>

namespace ayllu::course {
namespace {

std::uint32_t be32(const std::string& b, std::size_t at) {
    return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) |
           (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
           (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) |
           std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}

std::string extensionOf(const std::string& name) {
    const auto dot = name.rfind('.');
    return dot == std::string::npos ? std::string() : text::toLower(name.substr(dot + 1));
}

// Walks every chunk, checks each CRC, and inflates the image data to its end.
std::optional<std::string> checkPng(const std::string& b) {
    if (b.size() < 8 || b.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) {
        return std::string(_("not a PNG file (bad signature)"));
    }
    std::size_t at = 8;
    bool first = true;
    bool sawEnd = false;
    bool sawData = false;
    z_stream z{};
    if (inflateInit(&z) != Z_OK) {
        return std::string(_("cannot start the PNG decoder"));
    }
    std::vector<unsigned char> sink(64 * 1024);
    int zret = Z_OK;
    std::optional<std::string> err;
    while (!err && !sawEnd) {
        if (at + 12 > b.size()) {
            err = _("the PNG file is truncated");
            break;
        }
        const std::uint32_t len = be32(b, at);
        const std::string type = b.substr(at + 4, 4);
        if (len > b.size() - at - 12) {
            err = _("the PNG file is truncated");
            break;
        }
        const auto* data = reinterpret_cast<const Bytef*>(b.data() + at + 4);
        const std::uint32_t crc = static_cast<std::uint32_t>(crc32(0L, data, len + 4));
        if (crc != be32(b, at + 8 + len)) {
            err = i18n::fmt(_("PNG chunk %1 is damaged (checksum mismatch)"), type);
            break;
        }
        if (first &&
            (type != "IHDR" || len != 13 || be32(b, at + 8) == 0 || be32(b, at + 12) == 0)) {
            err = _("the PNG file has no valid image header");
            break;
        }
        first = false;
        if (type == "IDAT" && zret != Z_STREAM_END) {
            sawData = true;
            z.next_in = const_cast<Bytef*>(data + 4);
            z.avail_in = len;
            while (z.avail_in > 0 && zret == Z_OK) {
                z.next_out = sink.data();
                z.avail_out = static_cast<uInt>(sink.size());
                zret = inflate(&z, Z_NO_FLUSH);
            }
            if (zret != Z_OK && zret != Z_STREAM_END) {
                err = _("the PNG image data cannot be decompressed");
            }
        }
        sawEnd = type == "IEND";
        at += 12 + len;
    }
    while (!err && zret == Z_OK && sawData) { // flush what is buffered
        z.next_out = sink.data();
        z.avail_out = static_cast<uInt>(sink.size());
        z.avail_in = 0;
        zret = inflate(&z, Z_SYNC_FLUSH);
        if (zret == Z_BUF_ERROR) {
            break;
        }
    }
    inflateEnd(&z);
    if (!err && (!sawData || zret != Z_STREAM_END)) {
        err = _("the PNG image data is incomplete");
    }
    return err;
}

std::optional<std::string> checkJpeg(const std::string& b) {
    if (b.size() < 4 || static_cast<unsigned char>(b[0]) != 0xff ||
        static_cast<unsigned char>(b[1]) != 0xd8) {
        return std::string(_("not a JPEG file (bad signature)"));
    }
    std::size_t at = 2;
    bool sawFrame = false;
    while (at + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[at]) != 0xff) {
            return std::string(_("the JPEG file is damaged (bad marker)"));
        }
        const auto marker = static_cast<unsigned char>(b[at + 1]);
        if (marker == 0xff) {
            ++at;
            continue;
        }
        const std::size_t len =
            (static_cast<unsigned char>(b[at + 2]) << 8) | static_cast<unsigned char>(b[at + 3]);
        if (len < 2 || at + 2 + len > b.size()) {
            return std::string(_("the JPEG file is truncated"));
        }
        const bool sof =
            marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (sof) {
            if (len < 8 || ((b[at + 5] == 0 && b[at + 6] == 0)) ||
                (b[at + 7] == 0 && b[at + 8] == 0)) {
                return std::string(_("the JPEG file has no valid image size"));
            }
            sawFrame = true;
        }
        if (marker == 0xda) { // start of scan: entropy-coded data follows, then EOI
            if (!sawFrame) {
                return std::string(_("the JPEG file has no image header"));
            }
            const auto eoi = b.rfind("\xff\xd9");
            if (eoi == std::string::npos || eoi < at + 2 + len) {
                return std::string(_("the JPEG file is truncated"));
            }
            return std::nullopt;
        }
        at += 2 + len;
    }
    return std::string(_("the JPEG file is truncated"));
}

std::optional<std::string> checkSvg(const std::string& b) {
    Problems p;
    auto doc = xml::Document::parse(b, "svg", p);
    if (!doc) {
        return p.items().empty() ? std::string(_("the SVG file is not valid XML"))
                                 : i18n::fmt(_("the SVG file is not valid XML (line %1)"),
                                             p.items().front().line);
    }
    if (xml::localName(doc->root()) != "svg" ||
        xml::namespaceOf(doc->root()) != "http://www.w3.org/2000/svg") {
        return std::string(_("the file is XML but not an SVG image"));
    }
    return std::nullopt;
}

std::optional<std::string> checkAudio(const std::string& ext, const std::string& b) {
    if (ext == "ogg" || ext == "oga" || ext == "opus") {
        if (b.size() < 28 || b.compare(0, 4, "OggS") != 0) {
            return std::string(_("not an Ogg audio file"));
        }
        return std::nullopt;
    }
    if (ext == "wav") {
        if (b.size() < 44 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 4, "WAVE") != 0) {
            return std::string(_("not a WAV audio file"));
        }
        return std::nullopt;
    }
    if (ext == "mp3") {
        const bool id3 = b.size() >= 10 && b.compare(0, 3, "ID3") == 0;
        const bool sync = b.size() >= 4 && static_cast<unsigned char>(b[0]) == 0xff &&
                          (static_cast<unsigned char>(b[1]) & 0xe0) == 0xe0;
        if (!id3 && !sync) {
            return std::string(_("not an MP3 audio file"));
        }
        return std::nullopt;
    }
    return i18n::fmt(_("audio must be .ogg, .opus, .wav or .mp3, not .%1"), ext);
}

} // namespace

std::optional<std::string> checkMedia(const std::string& name, const std::string& bytes,
                                      MediaKind kind) {
    const std::string ext = extensionOf(name);
    if (bytes.empty()) {
        return std::string(_("the file is empty"));
    }
    if (kind == MediaKind::Audio) {
        return checkAudio(ext, bytes);
    }
    if (ext == "png") {
        return checkPng(bytes);
    }
    if (ext == "jpg" || ext == "jpeg") {
        return checkJpeg(bytes);
    }
    if (ext == "svg") {
        return checkSvg(bytes);
    }
    return i18n::fmt(_("images must be .png, .jpg or .svg, not .%1"), ext);
}

} // namespace ayllu::course
