#include "ayllu/classroom/course_delivery.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/course/author.h"
#include "ayllu/crypto.h"
#include "ayllu/i18n.h"
#include "ayllu/zip.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace ayllu::classroom {

// A package on its way to one PC (its session's strand keeps it).
struct PackageTransfer {
    std::string identifier, version, zipPath;
    std::uint64_t size = 0;
    std::uint64_t offset = 0; // the next chunk's
    int chunks = 0;           // sent on this connection
};

namespace fs = std::filesystem;
using i18n::fmt;

void CourseDeliveryTeacher::push(const std::string& identifier) {
    Offer offer;
    std::string dir;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto* c = host_.courseLocked(identifier);
        if (c == nullptr) {
            throw Error(fmt(_("there is no course \"%1\""), identifier));
        }
        offer.identifier = identifier;
        offer.version = c->manifest.version;
        offer.zipPath = (fs::path(host_.config().dataDir) / "outgoing" /
                         (identifier + "-" + offer.version + "-students.zip"))
                            .string();
        dir = *host_.courseDir(identifier);
    }
    std::error_code ec;
    fs::create_directories(fs::path(offer.zipPath).parent_path(), ec);
    if (!fs::exists(offer.zipPath, ec)) {
        // The students' copy: without the quizzes that can run live, whose keys must not be on
        // a student's disk (they get those questions in public form during the quiz).
        const fs::path stage =
            fs::path(host_.config().dataDir) / "outgoing" / (".stage-" + identifier);
        fs::remove_all(stage, ec);
        course::studentEdition(dir, stage.string());
        zip::pack(stage.string(), offer.zipPath);
        fs::remove_all(stage, ec);
    }
    offer.size = fs::file_size(offer.zipPath);
    offer.sha256 = crypto::sha256FileHex(offer.zipPath);
    std::vector<std::shared_ptr<TeacherSession>> sessions;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        offers_.erase(std::remove_if(offers_.begin(), offers_.end(),
                                     [&](const Offer& o) { return o.identifier == identifier; }),
                      offers_.end());
        offers_.push_back(offer);
        sessions = host_.sessionsLocked();
    }
    for (auto& s : sessions) {
        try {
            sendOffers(*s);
        } catch (const net::ChannelClosed&) {
        }
    }
}

void CourseDeliveryTeacher::offerIfNeeded(const std::string& identifier) {
    try {
        {
            std::lock_guard<std::mutex> lock(host_.mutex());
            const auto* c = host_.courseLocked(identifier);
            if (c == nullptr) {
                return;
            }
            for (const auto& o : offers_) {
                if (o.identifier == identifier && o.version == c->manifest.version) {
                    return; // offered already: PCs joining later get it when they join
                }
            }
        }
        push(identifier);
    } catch (const std::exception& e) {
        // The lesson or quiz goes on for the PCs that have the course; the console's list per
        // PC shows who is still waiting, and the log says why.
        host_.log("could not offer " + identifier + ": " + e.what());
    }
}

void CourseDeliveryTeacher::delivery(const std::string& device, const std::string& identifier,
                                     CourseOnPc::State state, std::uint64_t done,
                                     std::uint64_t total, const std::string& why) {
    std::lock_guard<std::mutex> lock(host_.mutex());
    auto& d = deliveries_[{device, identifier}];
    d.device = device;
    d.state = state;
    d.done = done;
    d.total = total;
    d.why = why;
}

std::vector<CourseOnPc> CourseDeliveryTeacher::onPcs(const std::string& identifier) {
    std::lock_guard<std::mutex> lock(host_.mutex());
    auto labels = host_.pcLabelsLocked();
    const auto& views = host_.views();
    std::vector<CourseOnPc> out;
    for (const auto& s : host_.sessionsLocked()) {
        CourseOnPc pc;
        if (const auto it = deliveries_.find({s->device, identifier}); it != deliveries_.end()) {
            pc = it->second;
        }
        pc.device = s->device;
        pc.deviceName = labels[s->device];
        for (const auto& learner : s->learners) {
            const auto v = views.find(learner);
            pc.learners.push_back(v == views.end() ? learner : v->second.name);
        }
        out.push_back(std::move(pc));
    }
    return out;
}

void CourseDeliveryTeacher::sendOffers(TeacherSession& s) {
    std::vector<Offer> offers;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        offers = offers_;
    }
    for (const auto& o : offers) {
        {
            std::lock_guard<std::mutex> lock(host_.mutex());
            auto& d = deliveries_[{s.device, o.identifier}];
            if (d.state != CourseOnPc::State::Ready) {
                d.state = CourseOnPc::State::Waiting;
            }
        }
        msg::send(*s.ch, msg::PackageOffer{o.identifier, o.version, o.size, o.sha256});
    }
}

void CourseDeliveryTeacher::onRequest(TeacherSession& s, const msg::PackageRequest& r) {
    const std::string& id = r.identifier;
    const std::string& version = r.version;
    Offer offer;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto it = std::find_if(offers_.begin(), offers_.end(), [&](const Offer& x) {
            return x.identifier == id && x.version == version;
        });
        if (it == offers_.end()) {
            throw net::ProtocolError("request for a package that was not offered");
        }
        offer = *it;
    }
    auto* observer = host_.observer();
    if (r.have) {
        delivery(s.device, id, CourseOnPc::State::Ready);
        if (observer != nullptr) {
            observer->packageDelivered(s.device, id, true, "already there");
        }
        return;
    }
    if (r.offset > offer.size) {
        throw net::ProtocolError("PackageRequest: field \"offset\" is out of range");
    }
    auto offset = r.offset;
    host_.log("sending " + id + " " + version + " to " + s.device + " from byte " +
              std::to_string(offset) + " of " + std::to_string(offer.size));
    // Pulled: one chunk each time this connection has room, so messages to this PC (a quiz
    // opened now) go ahead of the rest of the package.
    s.transfer = std::make_shared<PackageTransfer>(
        PackageTransfer{offer.identifier, offer.version, offer.zipPath, offer.size, offset, 0});
    std::weak_ptr<TeacherSession> weak = s.shared_from_this();
    s.ch->pullBulk([this, weak] {
        if (auto self = weak.lock()) {
            host_.onStrand(self, [this, self] { sendNextChunk(*self); });
        }
    });
}

void CourseDeliveryTeacher::sendNextChunk(TeacherSession& s) {
    if (!s.transfer || s.transfer->offset >= s.transfer->size) {
        s.transfer.reset();
        s.ch->pullBulk(nullptr);
        return;
    }
    auto& t = *s.transfer;
    const auto& cfg = host_.config();
    const auto n = std::min<std::uint64_t>(cfg.chunkSize, t.size - t.offset);
    std::ifstream in(t.zipPath, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(t.offset));
    std::string bytes(static_cast<std::size_t>(n), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    if (static_cast<std::uint64_t>(in.gcount()) != n) {
        throw Error(fmt(_("cannot read %1"), t.zipPath));
    }
    msg::send(*s.ch, msg::PackageChunk{t.identifier, t.version, t.offset, crypto::sha256Hex(bytes),
                                       bytes});
    t.offset += n;
    const auto done = t.offset;
    const auto size = t.size;
    const std::string id = t.identifier;
    const int chunks = ++t.chunks;
    if (done >= size) {
        s.ch->pullBulk(nullptr); // the last one is queued
    }
    delivery(s.device, id, CourseOnPc::State::Receiving, done, size);
    if (auto* observer = host_.observer()) {
        observer->packageProgress(s.device, done, size);
    }
    if (cfg.dropAfterChunks > 0 && chunks >= cfg.dropAfterChunks) {
        s.ch->close();
        throw net::ChannelClosed("dropped for a test after " + std::to_string(chunks) + " chunks");
    }
}

void CourseDeliveryTeacher::onDone(TeacherSession& s, const msg::PackageDone& d) {
    host_.log("package " + d.identifier + (d.ok ? " delivered to " : " failed on ") + s.device +
              (d.reason.empty() ? "" : ": " + d.reason));
    bool offered = false;
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        offered = std::any_of(offers_.begin(), offers_.end(),
                              [&](const Offer& x) { return x.identifier == d.identifier; });
    }
    if (!offered) {
        throw net::ProtocolError("PackageDone for a package that was not offered");
    }
    delivery(s.device, d.identifier, d.ok ? CourseOnPc::State::Ready : CourseOnPc::State::Failed, 0,
             0, d.reason.substr(0, 200));
    if (auto* o = host_.observer()) {
        o->packageDelivered(s.device, d.identifier, d.ok, d.reason);
    }
}

} // namespace ayllu::classroom
