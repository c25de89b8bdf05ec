#include "ayllu/classroom/course_delivery.h"
#include "ayllu/classroom/student_agent.h"
#include "ayllu/course/validate.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/zip.h"

#include <filesystem>
#include <fstream>

namespace ayllu::classroom {

namespace fs = std::filesystem;
using i18n::fmt;

void CourseDeliveryStudent::onOffer(const msg::PackageOffer& offer) {
    Download d;
    d.identifier = offer.identifier;
    d.version = offer.version;
    d.sha256 = offer.sha256;
    d.size = offer.size;
    msg::PackageRequest req;
    req.identifier = d.identifier;
    req.version = d.version;
    if (host_.store().package(d.identifier, d.version)) {
        req.have = true; // skipped: this PC has that version
        host_.send(req);
        return;
    }
    const fs::path incoming = fs::path(host_.config().dataDir) / "incoming";
    fs::create_directories(incoming);
    d.part = (incoming / (d.identifier + "-" + d.version + ".part")).string();
    std::error_code ec;
    std::uint64_t offset = fs::exists(d.part, ec) ? fs::file_size(d.part, ec) : 0;
    if (offset > d.size) {
        fs::remove(d.part, ec);
        offset = 0;
    }
    if (offset > 0) {
        host_.log("resuming " + d.identifier + " at byte " + std::to_string(offset));
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        download_ = d;
    }
    req.offset = offset;
    host_.send(req);
}

void CourseDeliveryStudent::onChunk(const msg::PackageChunk& c) {
    const std::string& bytes = c.bytes;
    std::optional<Download> d;
    {
        std::lock_guard<std::mutex> lock(m_);
        d = download_;
    }
    if (!d || c.identifier != d->identifier || c.version != d->version) {
        throw net::ProtocolError("a chunk of a package that was not requested");
    }
    std::error_code ec;
    const std::uint64_t have = fs::exists(d->part, ec) ? fs::file_size(d->part, ec) : 0;
    const auto offset = c.offset;
    if (offset != have || have + bytes.size() > d->size) {
        throw net::ProtocolError("a chunk at the wrong offset");
    }
    if (crypto::sha256Hex(bytes) != c.sha256) {
        throw net::ProtocolError("a chunk that does not match its SHA-256");
    }
    {
        std::ofstream out(d->part, std::ios::binary | std::ios::app);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            throw store::StorageError(store::StorageError::Kind::Full,
                                      fmt(_("cannot write %1 (is the disk full?)"), d->part));
        }
    }
    const std::uint64_t done = have + bytes.size();
    if (host_.observer() != nullptr) {
        host_.observer()->packageProgress(d->identifier, done, d->size);
    }
    if (done < d->size) {
        return;
    }
    msg::PackageDone result;
    result.identifier = d->identifier;
    result.version = d->version;
    std::string why;
    const fs::path target =
        fs::path(host_.config().dataDir) / "courses" / (d->identifier + "-" + d->version);
    if (crypto::sha256FileHex(d->part) != d->sha256) {
        why = "the file does not match its SHA-256";
    } else {
        fs::remove_all(target, ec); // a leftover of an interrupted install
        fs::create_directories(target.parent_path(), ec);
        const auto problems = zip::unpack(d->part, target.string());
        if (problems.hasErrors()) {
            why = problems.items().front().toString();
        } else if (course::validateFolder(target.string()).problems.hasErrors()) {
            why = "the course does not validate";
            fs::remove_all(target, ec);
        } else {
            host_.store().savePackage({d->identifier, d->version, target.string(), d->sha256});
        }
    }
    fs::remove(d->part, ec);
    {
        std::lock_guard<std::mutex> lock(m_);
        download_.reset();
    }
    result.ok = why.empty();
    if (!why.empty()) {
        result.reason = why;
        host_.log("package " + d->identifier + " failed: " + why);
    } else if (host_.observer() != nullptr) {
        host_.observer()->packageInstalled(d->identifier, d->version, target.string());
    }
    host_.send(result);
}

} // namespace ayllu::classroom
