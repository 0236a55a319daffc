#include <cblas.h>

#include <algorithm>
#include <cmath>

#include "kernels.h"

namespace dendrite {

namespace {

// The thread count the user asked for (0: OpenBLAS's default), and the one OpenBLAS is set to now.
int configuredThreads = 0;
int activeThreads = 0;

// Multiply-adds each thread should get: below that, one more thread costs more (waking it,
// splitting, joining) than it saves. On 2 cores the demo MLP's 32x784x100 product (2.5M) took
// 290 us on two threads and 100 us on one; at 10M one thread still won, at 40M they were even
// under load and two won on an idle machine.
constexpr double kWorkPerThread = 8.0e6;

void UseThreads(int threads) {
  if (threads != activeThreads) {
    openblas_set_num_threads(threads);
    activeThreads = threads;
  }
}

}  // namespace

void SetThreads(int threads) {
  configuredThreads = threads;
  openblas_set_num_threads(threads);
  activeThreads = threads;
}

int Threads() {
  if (configuredThreads == 0) configuredThreads = activeThreads = openblas_get_num_threads();
  return configuredThreads;
}

void Sgemm(bool transposeA, bool transposeB, int64_t m, int64_t n, int64_t k, float alpha,
           const float* a, int64_t lda, const float* b, int64_t ldb, float beta, float* c,
           int64_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    // An empty sum: OpenBLAS may leave C untouched, and callers hand in uninitialized memory.
    for (int64_t i = 0; i < m; ++i) {
      float* row = c + i * ldc;
      for (int64_t j = 0; j < n; ++j) row[j] = beta == 0.0f ? 0.0f : beta * row[j];
    }
    return;
  }
  const double work = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  const int wanted = static_cast<int>(std::min(work / kWorkPerThread, 1024.0));
  UseThreads(std::max(1, std::min(Threads(), wanted)));
  cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
              transposeB ? CblasTrans : CblasNoTrans, static_cast<blasint>(m),
              static_cast<blasint>(n), static_cast<blasint>(k), alpha, a, static_cast<blasint>(lda),
              b, static_cast<blasint>(ldb), beta, c, static_cast<blasint>(ldc));
}

void BatchMatMul(const float* a, const float* b, float* out, int64_t batchA, int64_t batchB,
                 int64_t batch, int64_t m, int64_t n, int64_t k, bool transposeA, bool transposeB) {
  const int64_t lda = transposeA ? m : k;
  const int64_t ldb = transposeB ? k : n;
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill(out, out + batch * m * n, 0.0f);
    return;
  }
  // One shared right operand and untransposed rows on the left: one tall GEMM instead of many.
  if (batchB == 1 && batchA == batch && !transposeA) {
    Sgemm(transposeA, transposeB, batch * m, n, k, 1.0f, a, lda, b, ldb, 0.0f, out, n);
    return;
  }
  for (int64_t bi = 0; bi < batch; ++bi) {
    const float* aPart = a + (bi % batchA) * m * k;
    const float* bPart = b + (bi % batchB) * k * n;
    Sgemm(transposeA, transposeB, m, n, k, 1.0f, aPart, lda, bPart, ldb, 0.0f, out + bi * m * n, n);
  }
}

namespace {

template <typename F>
void Apply(float* out, int64_t size, const float* bias, int64_t biasSize, F f) {
  if (bias == nullptr) {
    for (int64_t i = 0; i < size; ++i) out[i] = f(out[i]);
    return;
  }
  for (int64_t row = 0; row < size; row += biasSize) {
    float* r = out + row;
    for (int64_t j = 0; j < biasSize; ++j) r[j] = f(r[j] + bias[j]);
  }
}

}  // namespace

void BiasActivation(float* out, int64_t size, const float* bias, int64_t biasSize,
                    Activation activation, float alpha) {
  switch (activation) {
    case kRelu:
      Apply(out, size, bias, biasSize, [](float v) { return v < 0.0f ? 0.0f : v; });
      break;
    case kRelu6:
      Apply(out, size, bias, biasSize, [](float v) { return std::min(std::max(v, 0.0f), 6.0f); });
      break;
    case kElu:
      Apply(out, size, bias, biasSize, [](float v) { return v >= 0.0f ? v : std::exp(v) - 1.0f; });
      break;
    case kLeakyRelu:
      Apply(out, size, bias, biasSize, [alpha](float v) { return v < 0.0f ? alpha * v : v; });
      break;
    case kSigmoid:
      Apply(out, size, bias, biasSize, [](float v) { return 1.0f / (1.0f + std::exp(-v)); });
      break;
    default:
      if (bias != nullptr) Apply(out, size, bias, biasSize, [](float v) { return v; });
      break;
  }
}

}  // namespace dendrite
