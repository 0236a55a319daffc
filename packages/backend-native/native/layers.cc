// The backward pass of the Dense layer and inverted dropout, each one pass over its arrays
// (DendriteDenseGrad, DendriteDropout, DendriteDropoutGrad in @dendrite/tensor).
#include <cmath>
#include <vector>

#include "kernels.h"

namespace dendrite {

void DenseGrad(const float* dy, const float* x, const float* kernel, const float* out,
               float* dKernel, float* dBias, float* dx, int64_t n, int64_t k, int64_t u) {
  const float* dz = dy;
  // Reused across calls: a training step's dz has the same size every time.
  thread_local std::vector<float> scratch;
  if (out != nullptr) {
    scratch.resize(static_cast<size_t>(n * u));
    float* masked = scratch.data();
    // dy * step(out), with step as tfjs' Step (NaN stays NaN), so the values match the
    // composed ops to the bit.
    for (int64_t i = 0; i < n * u; ++i) {
      const float o = out[i];
      masked[i] = dy[i] * (std::isnan(o) ? o : (o > 0.0f ? 1.0f : 0.0f));
    }
    dz = masked;
  }
  if (dBias != nullptr) SumLeading(dz, dBias, n, u);
  Sgemm(true, false, k, u, n, 1.0f, x, k, dz, u, 0.0f, dKernel, u);
  if (dx != nullptr) Sgemm(false, true, n, k, u, 1.0f, dz, u, kernel, u, 0.0f, dx, k);
}

void Dropout(const float* x, float* y, uint8_t* mask, int64_t size, uint32_t state, double rate,
             float scale) {
  // mulberry32, as @dendrite/tensor's RandomGenerator.fillMask draws it: an entry is dropped
  // when its draw is below rate * 2^32 (exact in a double).
  const double threshold = rate * 4294967296.0;
  for (int64_t i = 0; i < size; ++i) {
    state += 0x6d2b79f5u;
    uint32_t t = (state ^ (state >> 15)) * (state | 1u);
    t ^= t + (t ^ (t >> 7)) * (t | 61u);
    const bool keep = static_cast<double>(t ^ (t >> 14)) >= threshold;
    mask[i] = keep ? 1 : 0;
    y[i] = x[i] * (keep ? scale : 0.0f);
  }
}

void DropoutGrad(const float* dy, const uint8_t* mask, float* dx, int64_t size, float scale) {
  for (int64_t i = 0; i < size; ++i) dx[i] = dy[i] * (mask[i] != 0 ? scale : 0.0f);
}

}  // namespace dendrite
