#include "ayllu/classroom/student_agent.h"
#include "ayllu/classroom/sync.h"

namespace ayllu::classroom {

void SyncStudent::flush() {
    const std::lock_guard<std::mutex> flushing(flushing_);
    std::set<std::string> signedIn;
    {
        std::lock_guard<std::mutex> lock(m_);
        // An unanswered batch is sent again after 15 s (the teacher stores each event once).
        if (!inflight_.empty() && host_.now() - inflightSince_ < 15000) {
            return;
        }
        inflight_.clear();
    }
    signedIn = host_.signedIn();
    if (signedIn.empty()) {
        return;
    }
    msg::Events batch;
    std::set<std::int64_t> seqs;
    for (const auto& e : host_.store().outbox(host_.config().batchSize * 4)) {
        if (signedIn.count(e.learner) == 0) {
            continue; // waits until that learner signs in
        }
        batch.events.push_back(e);
        seqs.insert(e.seq);
        if (seqs.size() >= host_.config().batchSize) {
            break;
        }
    }
    if (seqs.empty()) {
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_);
        inflight_ = seqs;
        inflightSince_ = host_.now();
    }
    host_.send(batch);
}

void SyncStudent::onAck(const msg::EventsAck& ack) {
    host_.store().acknowledge(ack.seqs); // only now do they leave the outbox
    {
        std::lock_guard<std::mutex> lock(m_);
        inflight_.clear();
    }
    host_.wake();
    if (auto* o = host_.observer()) {
        o->acknowledged(ack.seqs);
    }
}

void SyncStudent::reset() {
    std::lock_guard<std::mutex> lock(m_);
    inflight_.clear();
}

store::SaveResult StudentAgent::record(store::Event e) {
    if (e.atMs == 0) {
        e.atMs = now();
    }
    auto r = store_.record(std::move(e));
    cv_.notify_all();
    if (r.saved && connected_) {
        try {
            sync_->flush(); // now, not at the session thread's next turn
        } catch (const std::exception&) {
            // the session thread sees the broken connection and reconnects
        }
    }
    return r;
}

bool StudentAgent::waitSynced(int timeoutMs) {
    return waitFor([this] { return store_.outboxSize() == 0 && store_.unsaved() == 0; }, timeoutMs);
}

} // namespace ayllu::classroom
