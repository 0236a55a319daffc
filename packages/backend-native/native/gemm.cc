#include <cblas.h>

#include <algorithm>
#include <cmath>

#include "kernels.h"

namespace dendrite {

void BatchMatMul(const float* a, const float* b, float* out, int64_t batchA, int64_t batchB,
                 int64_t batch, int64_t m, int64_t n, int64_t k, bool transposeA, bool transposeB) {
  const int64_t lda = transposeA ? m : k;
  const int64_t ldb = transposeB ? k : n;
  const CBLAS_TRANSPOSE ta = transposeA ? CblasTrans : CblasNoTrans;
  const CBLAS_TRANSPOSE tb = transposeB ? CblasTrans : CblasNoTrans;
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill(out, out + batch * m * n, 0.0f);
    return;
  }
  // One shared right operand and untransposed rows on the left: one tall GEMM instead of many.
  if (batchB == 1 && batchA == batch && !transposeA) {
    cblas_sgemm(CblasRowMajor, ta, tb, static_cast<blasint>(batch * m), static_cast<blasint>(n),
                static_cast<blasint>(k), 1.0f, a, static_cast<blasint>(lda), b,
                static_cast<blasint>(ldb), 0.0f, out, static_cast<blasint>(n));
    return;
  }
  for (int64_t bi = 0; bi < batch; ++bi) {
    const float* aPart = a + (bi % batchA) * m * k;
    const float* bPart = b + (bi % batchB) * k * n;
    cblas_sgemm(CblasRowMajor, ta, tb, static_cast<blasint>(m), static_cast<blasint>(n),
                static_cast<blasint>(k), 1.0f, aPart, static_cast<blasint>(lda), bPart,
                static_cast<blasint>(ldb), 0.0f, out + bi * m * n, static_cast<blasint>(n));
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
