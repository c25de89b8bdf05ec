// A small fixed pool of threads that runs the classroom engine's handlers, and strands: tasks
// posted to one strand run one at a time and in order (one student's frames, for example),
// while different strands run side by side. Nothing here touches a socket.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ayllu::net {

class WorkPool;

class Strand : public std::enable_shared_from_this<Strand> {
public:
    // Thread-safe. The task runs on one of the pool's threads after every task posted before
    // it on this strand; it must catch what it throws (the pool logs nothing). Dropped when the
    // pool has stopped.
    void post(std::function<void()> task);

private:
    friend class WorkPool;
    explicit Strand(WorkPool& pool) : pool_(pool) {}
    WorkPool& pool_;
    std::mutex m_;
    std::deque<std::function<void()>> tasks_;
    bool scheduled_ = false; // in the pool's queue or running
};

class WorkPool {
public:
    explicit WorkPool(int threads);
    ~WorkPool();
    WorkPool(const WorkPool&) = delete;
    WorkPool& operator=(const WorkPool&) = delete;

    std::shared_ptr<Strand> strand();
    // Runs every task already posted (and those they post), then joins the threads.
    void stop();
    std::size_t threads() const { return threads_.size(); }

private:
    friend class Strand;
    void schedule(std::shared_ptr<Strand> s);
    void run();

    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::shared_ptr<Strand>> ready_;
    int busy_ = 0;
    bool stopping_ = false;
    bool stopped_ = false;
    std::vector<std::thread> threads_;
};

} // namespace ayllu::net
