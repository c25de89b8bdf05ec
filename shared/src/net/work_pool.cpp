#include "ayllu/net/work_pool.h"

namespace ayllu::net {

namespace {
constexpr int kTasksInARow = 16; // then the strand goes to the back, so others get a turn
} // namespace

void Strand::post(std::function<void()> task) {
    {
        std::lock_guard<std::mutex> lock(m_);
        tasks_.push_back(std::move(task));
        if (scheduled_) {
            return; // the thread running this strand takes it
        }
        scheduled_ = true;
    }
    pool_.schedule(shared_from_this());
}

WorkPool::WorkPool(int threads) {
    for (int i = 0; i < threads; ++i) {
        threads_.emplace_back([this] { run(); });
    }
}

WorkPool::~WorkPool() {
    stop();
}

std::shared_ptr<Strand> WorkPool::strand() {
    return std::shared_ptr<Strand>(new Strand(*this));
}

void WorkPool::schedule(std::shared_ptr<Strand> s) {
    {
        std::lock_guard<std::mutex> lock(m_);
        if (stopped_) {
            std::lock_guard<std::mutex> sl(s->m_);
            s->tasks_.clear();
            s->scheduled_ = false;
            return;
        }
        ready_.push_back(std::move(s));
    }
    cv_.notify_one();
}

void WorkPool::run() {
    for (;;) {
        std::shared_ptr<Strand> s;
        {
            std::unique_lock<std::mutex> lock(m_);
            cv_.wait(lock, [this] { return !ready_.empty() || (stopping_ && busy_ == 0); });
            if (ready_.empty()) {
                cv_.notify_all(); // the others see it too
                return;
            }
            s = std::move(ready_.front());
            ready_.pop_front();
            ++busy_;
        }
        bool more = false;
        for (int i = 0;; ++i) {
            std::function<void()> task;
            {
                std::lock_guard<std::mutex> lock(s->m_);
                if (s->tasks_.empty()) {
                    s->scheduled_ = false;
                    break;
                }
                if (i == kTasksInARow) {
                    more = true;
                    break;
                }
                task = std::move(s->tasks_.front());
                s->tasks_.pop_front();
            }
            task();
        }
        {
            std::lock_guard<std::mutex> lock(m_);
            --busy_;
            if (more) {
                ready_.push_back(std::move(s)); // still scheduled: nobody else queued it
            }
        }
        cv_.notify_all();
    }
}

void WorkPool::stop() {
    {
        std::unique_lock<std::mutex> lock(m_);
        if (stopped_) {
            return;
        }
        stopping_ = true;
        cv_.wait(lock, [this] { return ready_.empty() && busy_ == 0; });
    }
    cv_.notify_all();
    for (auto& t : threads_) {
        if (t.joinable()) {
            t.join();
        }
    }
    std::lock_guard<std::mutex> lock(m_);
    stopped_ = true;
}

} // namespace ayllu::net
