#include "thread-pool.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DENDRITE_PAUSE() _mm_pause()
#else
#define DENDRITE_PAUSE() std::this_thread::yield()
#endif

namespace dendrite {

namespace {

// Polls a worker makes for a new job before it sleeps: about 0.4 ms on the Zen 5 and 0.55 ms on
// the Zen 3 of BENCHMARKS.md, longer than most gaps between two kernels of a training step
// (polling 2 ms gained nothing there), short enough not to hold a core once training stops.
constexpr int kSpinPolls = 20000;

// A polling worker yields its core every this many polls, so that other threads waiting for it
// (the JavaScript engine's compiler and collector threads) run now rather than preempt a part of
// the next job. With two cores the book model's fit took 6-15 % less time at batch 32, 128 and
// 512 (alternating runs, the yielding build faster in 12 of 16 pairs at batch 128).
constexpr int kPollsPerYield = 64;

// Polls the caller makes for the last parts of its job before it yields its core between polls.
constexpr int kJoinPolls = 2000;

class Pool {
 public:
  void Resize(int threads) {
    std::lock_guard<std::mutex> job(busy_);
    wanted_ = threads < 1 ? 1 : threads;
    // Workers are started when first needed and kept for the life of the process.
    while (static_cast<int>(workers_.size()) + 1 < wanted_) {
      workers_.emplace_back([this] { Work(); });
      workers_.back().detach();
    }
  }

  int Threads() const { return wanted_; }

  void Run(int parts, const std::function<void(int)>& task) {
    std::unique_lock<std::mutex> job(busy_, std::try_to_lock);
    if (!job.owns_lock() || parts <= 1 || parts > kMaxParts || workers_.empty()) {
      for (int part = 0; part < parts; ++part) task(part);
      return;
    }
    // Publish the task and the count of parts left, then the job's ticket (under the sleep
    // lock, so a worker going to sleep cannot miss it).
    task_.store(&task, std::memory_order_relaxed);
    remaining_.store(parts, std::memory_order_relaxed);
    const uint64_t generation = (ticket_.load(std::memory_order_relaxed) >> 32) + 1;
    {
      std::lock_guard<std::mutex> lock(sleep_);
      ticket_.store(generation << 32 | static_cast<uint64_t>(parts) << 16,
                    std::memory_order_release);
    }
    if (sleepers_.load(std::memory_order_acquire) > 0) wake_.notify_all();
    Claim();
    for (int polls = 0; remaining_.load(std::memory_order_acquire) > 0; ++polls) {
      if (polls < kJoinPolls) {
        DENDRITE_PAUSE();
      } else {
        // A worker still on its part may be waiting for this core: let it have it.
        std::this_thread::yield();
      }
    }
  }

 private:
  // A job's ticket: its generation (high 32 bits), its part count (16 bits) and the next part
  // to claim (low 16 bits). Claiming a part advances the ticket itself, so a worker still
  // finishing one job can never claim a part of the next with the wrong task or count.
  static constexpr int kMaxParts = 0xffff;

  static uint64_t Generation(uint64_t ticket) { return ticket >> 32; }

  // Runs parts of the current job until none is left to claim.
  void Claim() {
    uint64_t ticket = ticket_.load(std::memory_order_acquire);
    for (;;) {
      const uint64_t parts = ticket >> 16 & 0xffff;
      const uint64_t part = ticket & 0xffff;
      if (part >= parts) return;
      if (!ticket_.compare_exchange_weak(ticket, ticket + 1, std::memory_order_acq_rel,
                                         std::memory_order_acquire)) {
        continue;
      }
      // The job cannot end before this part is done, so the task is still this job's.
      (*task_.load(std::memory_order_relaxed))(static_cast<int>(part));
      remaining_.fetch_sub(1, std::memory_order_release);
      ticket = ticket_.load(std::memory_order_acquire);
    }
  }

  void Work() {
    uint64_t seen = Generation(ticket_.load(std::memory_order_acquire));
    const auto fresh = [&] { return Generation(ticket_.load(std::memory_order_acquire)) != seen; };
    for (;;) {
      for (int polls = 0; !fresh(); ++polls) {
        if (polls < kSpinPolls) {
          if (polls % kPollsPerYield == kPollsPerYield - 1) {
            std::this_thread::yield();
          } else {
            DENDRITE_PAUSE();
          }
          continue;
        }
        std::unique_lock<std::mutex> lock(sleep_);
        sleepers_.fetch_add(1, std::memory_order_acq_rel);
        wake_.wait(lock, fresh);
        sleepers_.fetch_sub(1, std::memory_order_acq_rel);
      }
      seen = Generation(ticket_.load(std::memory_order_acquire));
      Claim();
    }
  }

  std::mutex busy_;  // held by the one caller whose job runs
  std::vector<std::thread> workers_;
  int wanted_ = 1;
  std::atomic<const std::function<void(int)>*> task_{nullptr};
  std::atomic<int> remaining_{0};
  std::atomic<uint64_t> ticket_{0};
  std::atomic<int> sleepers_{0};
  std::mutex sleep_;
  std::condition_variable wake_;
};

// Never destroyed: its detached workers may still be polling when the process exits.
Pool& ThePool() {
  static Pool* pool = new Pool();
  return *pool;
}

}  // namespace

void SetPoolThreads(int threads) { ThePool().Resize(threads); }

int PoolThreads() { return ThePool().Threads(); }

void ParallelFor(int parts, const std::function<void(int)>& task) { ThePool().Run(parts, task); }

}  // namespace dendrite
