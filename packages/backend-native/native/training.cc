// The training step's own kernels, each one pass over its arrays: the Dense layer's backward
// pass, inverted dropout and the softmax cross-entropy (DendriteDenseGrad, DendriteDropout(Grad),
// DendriteSoftmaxCrossEntropy(Grad) in @dendrite/tensor).
#include <algorithm>
#include <cstring>
#include <cmath>
#include <vector>

#include "kernels.h"
#include "thread-pool.h"

namespace dendrite {

namespace {

// dz = dy * step(out), with step as tfjs' Step (NaN stays NaN), so the values match the composed
// ops to the bit. Written as selects, not branches: the signs of a layer's outputs are a coin
// toss, and mispredicted branches made this loop 15 times slower.
DENDRITE_VECTOR_CLONES
void ReluGradient(const float* __restrict dy, const float* __restrict out, float* __restrict dz,
                  int64_t size) {
  for (int64_t i = 0; i < size; ++i) {
    const float o = out[i];
    float step = o > 0.0f ? 1.0f : 0.0f;
    step = o != o ? o : step;
    dz[i] = dy[i] * step;
  }
}

}  // namespace

namespace {

// DenseGrad's dz, reused across calls: a training step's dz has the same size every time.
std::vector<float>& DenseGradScratch() {
  thread_local std::vector<float> scratch;
  return scratch;
}

}  // namespace

void ReserveDenseGrad(int64_t size) { DenseGradScratch().reserve(static_cast<size_t>(size)); }

void DenseGrad(const float* dy, const float* x, const float* kernel, const float* out,
               float* dKernel, float* dBias, float* dx, int64_t n, int64_t k, int64_t u) {
  const float* dz = dy;
  std::vector<float>& scratch = DenseGradScratch();
  if (out != nullptr) {
    scratch.resize(static_cast<size_t>(n * u));
    ReluGradient(dy, out, scratch.data(), n * u);
    dz = scratch.data();
  }
  if (dBias != nullptr) SumLeading(dz, dBias, n, u);
  Sgemm(true, false, k, u, n, 1.0f, x, k, dz, u, 0.0f, dKernel, u);
  if (dx != nullptr) Sgemm(false, true, n, k, u, 1.0f, dz, u, kernel, u, 0.0f, dx, k);
}

namespace {

// Entries [begin, end) of Dropout: draw i is mulberry32's state advanced i + 1 times, so any
// range starts from its own state. An entry is kept when its draw is at least `cut` and
// `reachable` is 1 (0 when every draw falls below rate * 2^32). No branch on the draw (a coin
// toss), 32-bit integers only and restrict pointers, so the loop vectorizes.
DENDRITE_VECTOR_CLONES
void DropoutRange(const float* __restrict x, float* __restrict y, uint8_t* __restrict mask,
                  int64_t begin, int64_t end, uint32_t state, uint32_t cut, uint32_t reachable,
                  float scale) {
  constexpr uint32_t kIncrement = 0x6d2b79f5u;
  for (int64_t i = begin; i < end; ++i) {
    const uint32_t s = state + static_cast<uint32_t>(i + 1) * kIncrement;
    uint32_t t = (s ^ (s >> 15)) * (s | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    const uint32_t keep = static_cast<uint32_t>((t ^ (t >> 14)) >= cut) & reachable;
    mask[i] = static_cast<uint8_t>(keep);
    y[i] = x[i] * (scale * static_cast<float>(static_cast<int32_t>(keep)));
  }
}

}  // namespace

void Dropout(const float* x, float* y, uint8_t* mask, int64_t size, uint32_t state, double rate,
             float scale) {
  // mulberry32, as @dendrite/tensor's RandomGenerator.fillMask draws it: an entry is dropped
  // when its draw is below rate * 2^32 (exact in a double), that is below its ceiling, compared
  // as integers.
  const uint64_t cut = static_cast<uint64_t>(std::ceil(rate * 4294967296.0));
  const uint32_t reachable = cut <= UINT32_MAX ? 1u : 0u;
  const uint32_t cut32 = static_cast<uint32_t>(reachable != 0u ? cut : 0u);
  const int parts = ElementParts(size);
  ParallelFor(parts, [&](int part) {
    int64_t begin = 0;
    int64_t end = 0;
    PartRange(size, parts, part, &begin, &end);
    DropoutRange(x, y, mask, begin, end, state, cut32, reachable, scale);
  });
}

DENDRITE_VECTOR_CLONES
void DropoutGrad(const float* dy, const uint8_t* mask, float* dx, int64_t size, float scale) {
  for (int64_t i = 0; i < size; ++i) dx[i] = dy[i] * (mask[i] != 0 ? scale : 0.0f);
}

namespace {

// Calls visit(start, shift) for each row of `classes` logits, where the row's log-softmax is
// logits[start + c] - shift (the row's maximum plus the log of its shifted exponentials' sum,
// in float64 as @dendrite/tensor's reference computes it).
template <typename F>
void ForEachRow(const float* logits, int64_t rows, int64_t classes, F visit) {
  for (int64_t row = 0; row < rows; ++row) {
    const float* x = logits + row * classes;
    double top = -INFINITY;
    for (int64_t c = 0; c < classes; ++c) top = std::max(top, static_cast<double>(x[c]));
    double sum = 0.0;
    for (int64_t c = 0; c < classes; ++c) sum += std::exp(x[c] - top);
    visit(row, row * classes, top + std::log(sum));
  }
}

// One row's loss: -sum of labels times the clipped log-probabilities.
float RowLoss(const float* logits, const float* labels, int64_t classes, double shift, double low,
              double high) {
  double total = 0.0;
  for (int64_t c = 0; c < classes; ++c) {
    const double logP = std::min(std::max(logits[c] - shift, low), high);
    total -= labels[c] * logP;
  }
  return static_cast<float>(total);
}

// One row's gradient from its upstream gradient (dLabels null: not computed).
void RowGrad(double upstream, const float* logits, const float* labels, float* dLogits,
             float* dLabels, int64_t classes, double shift, double low, double high) {
  // The labels' weight on the entries the clip leaves alone (1 for one-hot labels unclipped).
  double kept = 0.0;
  for (int64_t c = 0; c < classes; ++c) {
    const double logP = logits[c] - shift;
    if (logP >= low && logP <= high) kept += labels[c];
  }
  for (int64_t c = 0; c < classes; ++c) {
    const double logP = logits[c] - shift;
    const bool inside = logP >= low && logP <= high;
    dLogits[c] = static_cast<float>(upstream * (std::exp(logP) * kept - (inside ? labels[c] : 0.0)));
    if (dLabels != nullptr) {
      dLabels[c] = static_cast<float>(-upstream * std::min(std::max(logP, low), high));
    }
  }
}

}  // namespace

void SoftmaxCrossEntropy(const float* logits, const float* labels, float* loss, int64_t rows,
                         int64_t classes, double low, double high) {
  ForEachRow(logits, rows, classes, [&](int64_t row, int64_t start, double shift) {
    loss[row] = RowLoss(logits + start, labels + start, classes, shift, low, high);
  });
}

void SoftmaxCrossEntropyGrad(const float* dy, const float* logits, const float* labels,
                             float* dLogits, float* dLabels, int64_t rows, int64_t classes,
                             double low, double high) {
  ForEachRow(logits, rows, classes, [&](int64_t row, int64_t start, double shift) {
    RowGrad(dy[row], logits + start, labels + start, dLogits + start,
            dLabels == nullptr ? nullptr : dLabels + start, classes, shift, low, high);
  });
}

void SoftmaxCrossEntropyWithGrad(const float* dy, const float* logits, const float* labels,
                                 float* loss, float* dLogits, int64_t rows, int64_t classes,
                                 double low, double high) {
  // Rows are independent: bands of them run on the pool (three exponentials an entry, about 32
  // cheap operations).
  const int parts = ElementParts(rows * classes, 32);
  ParallelFor(parts, [&](int part) {
    int64_t begin = 0;
    int64_t end = 0;
    PartRange(rows, parts, part, &begin, &end);
    const int64_t offset = begin * classes;
    ForEachRow(logits + offset, end - begin, classes, [&](int64_t row, int64_t start, double shift) {
      const int64_t at = offset + start;
      loss[begin + row] = RowLoss(logits + at, labels + at, classes, shift, low, high);
      RowGrad(dy[begin + row], logits + at, labels + at, dLogits + at, nullptr, classes, shift,
              low, high);
    });
  });
}

// Rows ahead whose cache lines a gather asks for while it copies the current one: a batch's rows
// are scattered over the data, so each starts with misses the hardware cannot foresee. Two rows
// ahead cut the book model's batch copy by a quarter (128 rows) to a third (512 rows); four rows
// did no better.
constexpr int64_t kPrefetchRows = 2;

void GatherRows(const float* source, const int32_t* order, int64_t count, int64_t rowSize,
                float* target) {
  const int parts = ElementParts(count * rowSize);
  ParallelFor(parts, [&](int part) {
    int64_t begin = 0;
    int64_t end = 0;
    PartRange(count, parts, part, &begin, &end);
    for (int64_t k = begin; k < end; ++k) {
      if (k + kPrefetchRows < end) {
        const char* ahead = reinterpret_cast<const char*>(
            source + static_cast<int64_t>(order[k + kPrefetchRows]) * rowSize);
        for (int64_t byte = 0; byte < rowSize * 4; byte += 64) __builtin_prefetch(ahead + byte);
      }
      std::memcpy(target + k * rowSize, source + static_cast<int64_t>(order[k]) * rowSize,
                  static_cast<size_t>(rowSize) * sizeof(float));
    }
  });
}

}  // namespace dendrite
