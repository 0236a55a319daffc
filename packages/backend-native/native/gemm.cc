#include <cblas.h>

#include <algorithm>
#include <cmath>

#include "kernels.h"
#include "thread-pool.h"

namespace dendrite {

namespace {

// Multiply-adds each thread's share of a product should have: below that, waking a worker and
// joining it costs more than it saves. Measured on 2 cores with the pool's workers polling:
// [32, 784] x [784, 100] (2.5M) took 66 us on one thread and 48 us split in two.
constexpr double kWorkPerThread = 1.0e6;

// The fewest rows of C one thread's share may have.
constexpr int64_t kRowsPerThread = 8;

// OpenBLAS's own threads stay off: the pool splits each product into single-threaded calls
// (OpenBLAS 0.3.21's threads took longer to start and join on a training step's products).
bool openBlasSingleThreaded = false;

}  // namespace

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
  if (!openBlasSingleThreaded) {
    openblas_set_num_threads(1);
    openBlasSingleThreaded = true;
  }
  const double work = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
  const int64_t byWork = static_cast<int64_t>(std::min(work / kWorkPerThread, 1024.0));
  const int parts = static_cast<int>(
      std::max<int64_t>(1, std::min({static_cast<int64_t>(PoolThreads()), byWork, m / kRowsPerThread})));
  // Each part is the product for a band of C's rows: op(A)'s rows are A's columns when A is
  // transposed.
  ParallelFor(parts, [&](int part) {
    int64_t begin = 0;
    int64_t end = 0;
    PartRange(m, parts, part, &begin, &end);
    if (begin == end) return;
    const float* aPart = transposeA ? a + begin : a + begin * lda;
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans, static_cast<blasint>(end - begin),
                static_cast<blasint>(n), static_cast<blasint>(k), alpha, aPart,
                static_cast<blasint>(lda), b, static_cast<blasint>(ldb), beta, c + begin * ldc,
                static_cast<blasint>(ldc));
  });
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
