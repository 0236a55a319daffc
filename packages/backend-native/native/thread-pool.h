// The addon's own worker threads, for splitting one kernel's work (a product's rows, a long
// element-wise loop) across cores. Workers spin briefly between jobs, as a training loop calls
// one kernel after another, then sleep.
#pragma once
#include <cstdint>
#include <functional>

namespace dendrite {

// Elements of a cheap element-wise loop (a few operations each) worth one thread: below that,
// waking a worker costs more than it saves.
constexpr int64_t kElementsPerThread = 16384;

// Sets how many threads (the caller included) a job may use, at least 1.
void SetPoolThreads(int threads);

// The threads a job may use, the caller included.
int PoolThreads();

// Runs task(part) for every part in [0, parts): on the calling thread and the pool's workers,
// returning when all are done. Runs them all on the caller when the pool is busy with another
// caller's job or has no workers.
void ParallelFor(int parts, const std::function<void(int)>& task);

// How many parts a loop over `size` elements splits into: one per kElementsPerThread, at most
// one per thread. `cost`: an element's work in cheap operations (an exponential is about 8).
inline int ElementParts(int64_t size, int64_t cost = 1) {
  const int64_t parts = size * cost / kElementsPerThread;
  const int threads = PoolThreads();
  return parts < 1 ? 1 : parts > threads ? threads : static_cast<int>(parts);
}

// The [begin, end) of part `part` when `size` items are split into `parts` near-equal parts.
inline void PartRange(int64_t size, int parts, int part, int64_t* begin, int64_t* end) {
  *begin = size * part / parts;
  *end = size * (part + 1) / parts;
}

}  // namespace dendrite
