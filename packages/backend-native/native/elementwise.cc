// Element-wise float32 loops. Each is a plain loop the compiler vectorizes; the JavaScript
// versions they replace allocate nothing less, but pay a closure call and two modulos per element.
#include <cmath>

#include "kernels.h"

namespace dendrite {

namespace {

template <typename F>
void BinaryLoop(const float* a, int64_t aSize, const float* b, int64_t bSize, float* out,
                int64_t size, F f) {
  if (aSize == size && bSize == size) {
    for (int64_t i = 0; i < size; ++i) out[i] = f(a[i], b[i]);
  } else if (bSize == 1) {
    const float s = b[0];
    for (int64_t i = 0; i < size; ++i) out[i] = f(a[i], s);
  } else if (aSize == 1) {
    const float s = a[0];
    for (int64_t i = 0; i < size; ++i) out[i] = f(s, b[i]);
  } else if (aSize == size) {
    // b repeats along the rows of a (a bias).
    for (int64_t row = 0; row < size; row += bSize) {
      const float* ar = a + row;
      float* o = out + row;
      for (int64_t j = 0; j < bSize; ++j) o[j] = f(ar[j], b[j]);
    }
  } else {
    for (int64_t row = 0; row < size; row += aSize) {
      const float* br = b + row;
      float* o = out + row;
      for (int64_t j = 0; j < aSize; ++j) o[j] = f(a[j], br[j]);
    }
  }
}

}  // namespace

void Binary(BinaryOp op, const float* a, int64_t aSize, const float* b, int64_t bSize, float* out,
            int64_t size) {
  switch (op) {
    case kAdd:
      BinaryLoop(a, aSize, b, bSize, out, size, [](float x, float y) { return x + y; });
      break;
    case kSub:
      BinaryLoop(a, aSize, b, bSize, out, size, [](float x, float y) { return x - y; });
      break;
    case kMul:
      BinaryLoop(a, aSize, b, bSize, out, size, [](float x, float y) { return x * y; });
      break;
    case kDiv:
      BinaryLoop(a, aSize, b, bSize, out, size, [](float x, float y) { return x / y; });
      break;
  }
}

void Unary(UnaryOp op, const float* x, float* out, int64_t size, float alpha) {
  switch (op) {
    case kSqrt:
      for (int64_t i = 0; i < size; ++i) out[i] = std::sqrt(x[i]);
      break;
    case kSquare:
      for (int64_t i = 0; i < size; ++i) out[i] = x[i] * x[i];
      break;
    case kReluOp:
      // NaN stays NaN, as in tfjs's cpu Relu.
      for (int64_t i = 0; i < size; ++i) out[i] = x[i] < 0.0f ? 0.0f : x[i];
      break;
    case kStep:
      // tfjs's Step: NaN stays NaN, x > 0 gives 1, else alpha.
      for (int64_t i = 0; i < size; ++i) {
        const float v = x[i];
        out[i] = std::isnan(v) ? v : (v > 0.0f ? 1.0f : alpha);
      }
      break;
  }
}

void AdamUpdate(const float* w, const float* g, const float* m, const float* v, float* outW,
                float* outM, float* outV, int64_t size, const AdamAttrs& attrs) {
  // The order of operations and float32 rounding of tfjs's composed ops, so the fused and the
  // composed update agree to the last bit on most inputs.
  const float keep1 = static_cast<float>(1.0 - attrs.beta1);
  const float keep2 = static_cast<float>(1.0 - attrs.beta2);
  const float alpha = static_cast<float>(attrs.alpha);
  const float epsilon = static_cast<float>(attrs.epsilon);
  for (int64_t i = 0; i < size; ++i) {
    const float gi = g[i];
    const float m1 = m[i] + (gi - m[i]) * keep1;
    const float v1 = v[i] + (gi * gi - v[i]) * keep2;
    outM[i] = m1;
    outV[i] = v1;
    outW[i] = w[i] - (m1 * alpha) / (std::sqrt(v1) + epsilon);
  }
}

}  // namespace dendrite
