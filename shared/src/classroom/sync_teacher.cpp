#include "ayllu/classroom/drills.h"
#include "ayllu/classroom/live_quiz.h"
#include "ayllu/classroom/sync.h"
#include "ayllu/classroom/teacher_host.h"
#include "ayllu/quiz/grading.h"

#include <algorithm>

namespace ayllu::classroom {

void SyncTeacher::start() {
    {
        std::lock_guard<std::mutex> lock(m_);
        stop_ = false;
    }
    thread_ = std::thread([this] { commitLoop(); });
}

void SyncTeacher::stop() {
    {
        // What is waiting is still committed (its PC sends it again and it is a duplicate).
        std::lock_guard<std::mutex> lock(m_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SyncTeacher::ingestGrouped(std::vector<store::Event> events, Done done) {
    auto p = std::make_unique<Pending>(Pending{std::move(events), std::move(done)});
    {
        std::lock_guard<std::mutex> lock(m_);
        queue_.push_back(std::move(p));
    }
    cv_.notify_one();
}

void SyncTeacher::commitLoop() {
    for (;;) {
        std::vector<std::unique_ptr<Pending>> taken;
        {
            std::unique_lock<std::mutex> lock(m_);
            cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            if (queue_.empty()) {
                return; // stopping, and nobody waits
            }
            taken.swap(queue_);
        }
        std::vector<std::vector<store::Event>> batches;
        for (auto& p : taken) {
            batches.push_back(std::move(p->events));
        }
        std::vector<store::IngestResult> results;
        std::exception_ptr failed;
        try {
            results = host_.store().ingestBatches(batches);
        } catch (...) {
            failed = std::current_exception();
        }
        for (std::size_t i = 0; i < taken.size(); ++i) {
            taken[i]->done(failed ? store::IngestResult{} : std::move(results[i]), failed);
        }
    }
}

void SyncTeacher::regradeOutsideLiveLocked(store::Event& e) const {
    // An answer outside the live quiz: graded here too, never as the PC claims. A practice quiz
    // (self-paced) is graded as the PC showed it (seed 0); a quiz that runs live is never on a
    // student's PC, so an answer to it now can only be forged: kept, never counted.
    const auto* c = host_.courseLocked(e.course);
    if (c == nullptr || c->quizzes.count(e.content) == 0) {
        return; // a course this console does not offer: nothing to grade against
    }
    const auto& quiz = c->quizzes.at(e.content);
    const course::Question* q = nullptr;
    for (const auto& x : quiz.questions) {
        if (x.id == e.item) {
            q = &x;
        }
    }
    if (q == nullptr || quiz.mode != course::QuizMode::SelfPaced) {
        e.result = "invalid";
        e.scoreRaw = 0.0;
        e.scoreMax = 0.0;
        return;
    }
    const auto g = quiz::grade(*q, e.text, 0);
    e.result = g.result;
    e.scoreRaw = g.points;
    e.scoreMax = g.maxPoints;
}

void SyncTeacher::onEvents(TeacherSession& s, msg::Events in) {
    std::vector<store::Event> batch;
    bool quizAnswers = false;
    std::vector<store::Event> drillResults; // of the drill handed out: shown once committed
    {
        std::lock_guard<std::mutex> lock(host_.mutex());
        const auto now = store::nowMs();
        for (store::Event& e : in.events) {
            if (e.device != s.device) {
                throw net::ProtocolError("an event of another device (" + e.device + ")");
            }
            if (s.learners.count(e.learner) == 0) {
                continue; // not acknowledged: sent again once that learner signs in here
            }
            if (quiz_.gradeLocked(e, s.device, now)) {
                quizAnswers = true;
            } else if (e.kind == store::EventKind::Answer) {
                regradeOutsideLiveLocked(e);
            } else if (drills_.isResultLocked(e, s.device)) {
                drillResults.push_back(e);
            }
            batch.push_back(e);
        }
    }
    // Acknowledged once committed; nobody waits for the commit meanwhile. The answer is sent
    // from the commit thread at once (the ack only queues; nothing here needs the strand).
    auto self = s.shared_from_this();
    ingestGrouped(std::move(batch),
                  [this, self, quizAnswers, drillResults = std::move(drillResults)](
                      store::IngestResult r, std::exception_ptr failed) mutable {
                      host_.guarded(*self, [&] {
                          if (failed) {
                              std::rethrow_exception(failed); // nothing is acknowledged
                          }
                          committed(*self, r, quizAnswers, std::move(drillResults));
                      });
                  });
}

void SyncTeacher::committed(TeacherSession& s, const store::IngestResult& r, bool quizAnswers,
                            std::vector<store::Event> drillResults) {
    if (quizAnswers) {
        quiz_.answersArrived(); // coalesced: the tick or the next status() recomputes it
    }
    msg::EventsAck ack;
    for (const auto& [device, seq] : r.durable) {
        ack.seqs.push_back(seq);
    }
    msg::send(*s.ch, ack); // after the commit, never before
    std::set<std::int64_t> refused;
    for (const auto& [seq, why] : r.rejected) {
        host_.log("event " + std::to_string(seq) + " of " + s.device + " refused: " + why);
        refused.insert(seq);
    }
    const bool drillsDone = !drillResults.empty();
    drillResults.erase(std::remove_if(drillResults.begin(), drillResults.end(),
                                      [&](const store::Event& e) { return refused.count(e.seq); }),
                       drillResults.end());
    drills_.resultsCommitted(drillResults);
    if (host_.observer() != nullptr && (quizAnswers || drillsDone)) {
        host_.observer()->studentsChanged();
    }
}

} // namespace ayllu::classroom
