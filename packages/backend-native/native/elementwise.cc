// Element-wise float32 loops. Each is a plain loop the compiler vectorizes; the JavaScript
// versions they replace allocate nothing less, but pay a closure call and two modulos per element.
#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels.h"
#include "thread-pool.h"

namespace dendrite {

namespace {

// out[i] = f(full[i], part[(i / inner) % partSize]); `partFirst` swaps the arguments of f.
template <bool partFirst, typename F>
void BroadcastLoop(const float* full, const float* part, int64_t partSize, int64_t inner,
                   float* out, int64_t size, F f) {
  auto apply = [&f](float x, float y) { return partFirst ? f(y, x) : f(x, y); };
  if (partSize == 1) {
    const float s = part[0];
    for (int64_t i = 0; i < size; ++i) out[i] = apply(full[i], s);
  } else if (inner == 1) {
    // part repeats along the rows (a bias).
    for (int64_t row = 0; row < size; row += partSize) {
      const int64_t end = std::min(partSize, size - row);
      for (int64_t j = 0; j < end; ++j) out[row + j] = apply(full[row + j], part[j]);
    }
  } else {
    // One value of part per block of `inner` (a per-row max or sum, shape [rows, 1]).
    for (int64_t block = 0, start = 0; start < size; ++block, start += inner) {
      const float s = part[block % partSize];
      const int64_t end = std::min(inner, size - start);
      for (int64_t j = 0; j < end; ++j) out[start + j] = apply(full[start + j], s);
    }
  }
}

template <typename F>
void BinaryLoop(const float* a, int64_t aSize, int64_t aInner, const float* b, int64_t bSize,
                int64_t bInner, float* out, int64_t size, F f) {
  if (aSize == size && bSize == size) {
    for (int64_t i = 0; i < size; ++i) out[i] = f(a[i], b[i]);
  } else if (aSize == size) {
    BroadcastLoop<false>(a, b, bSize, bInner, out, size, f);
  } else {
    BroadcastLoop<true>(b, a, aSize, aInner, out, size, f);
  }
}

// out[i] = f(x[i]) in float64, rounded once to float32, as tfjs's cpu kernels compute Math.exp
// and Math.log.
template <typename F>
void InFloat64(const float* x, float* out, int64_t size, F f) {
  for (int64_t i = 0; i < size; ++i) out[i] = static_cast<float>(f(static_cast<double>(x[i])));
}

}  // namespace

void Binary(BinaryOp op, const float* a, int64_t aSize, int64_t aInner, const float* b,
            int64_t bSize, int64_t bInner, float* out, int64_t size) {
  switch (op) {
    case kAdd:
      BinaryLoop(a, aSize, aInner, b, bSize, bInner, out, size, [](float x, float y) { return x + y; });
      break;
    case kSub:
      BinaryLoop(a, aSize, aInner, b, bSize, bInner, out, size, [](float x, float y) { return x - y; });
      break;
    case kMul:
      BinaryLoop(a, aSize, aInner, b, bSize, bInner, out, size, [](float x, float y) { return x * y; });
      break;
    case kDiv:
      BinaryLoop(a, aSize, aInner, b, bSize, bInner, out, size, [](float x, float y) { return x / y; });
      break;
    case kBinaryOpCount:
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
    case kExp:
      InFloat64(x, out, size, [](double v) { return std::exp(v); });
      break;
    case kNeg:
      for (int64_t i = 0; i < size; ++i) out[i] = -x[i];
      break;
    case kLog:
      InFloat64(x, out, size, [](double v) { return std::log(v); });
      break;
    case kStep:
      // tfjs's Step: NaN stays NaN, x > 0 gives 1, else alpha.
      for (int64_t i = 0; i < size; ++i) {
        const float v = x[i];
        out[i] = std::isnan(v) ? v : (v > 0.0f ? 1.0f : alpha);
      }
      break;
    case kSigmoidOp:
      // In float64 then rounded, as tfjs's cpu Sigmoid computes 1 / (1 + Math.exp(-x)).
      for (int64_t i = 0; i < size; ++i) {
        out[i] = static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(x[i]))));
      }
      break;
    case kUnaryOpCount:
      break;
  }
}

DENDRITE_VECTOR_CLONES
void SumLeading(const float* x, float* out, int64_t rows, int64_t columns) {
  // Float64 sums in row order, as tfjs's cpu Sum, then rounded once.
  std::vector<double> sums(static_cast<size_t>(columns), 0.0);
  double* acc = sums.data();
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = x + r * columns;
    for (int64_t j = 0; j < columns; ++j) acc[j] += row[j];
  }
  for (int64_t j = 0; j < columns; ++j) out[j] = static_cast<float>(acc[j]);
}

void SumTrailing(const float* x, float* out, int64_t rows, int64_t columns) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = x + r * columns;
    double sum = 0.0;
    for (int64_t j = 0; j < columns; ++j) sum += row[j];
    out[r] = static_cast<float>(sum);
  }
}

void Softmax(const float* x, float* out, int64_t rows, int64_t columns) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = x + r * columns;
    float* o = out + r * columns;
    float top = row[0];
    for (int64_t j = 1; j < columns; ++j) top = row[j] > top || std::isnan(row[j]) ? row[j] : top;
    // Rounded where tfjs's cpu kernel rounds (exp to float32, the sum in float64 then float32),
    // so both give the same bits.
    double sum = 0.0;
    for (int64_t j = 0; j < columns; ++j) {
      o[j] = static_cast<float>(std::exp(static_cast<double>(row[j] - top)));
      sum += o[j];
    }
    const float total = static_cast<float>(sum);
    for (int64_t j = 0; j < columns; ++j) o[j] /= total;
  }
}

namespace {

// The index of the first largest of n values (tfjs' ArgMax: a later value must be greater).
int64_t FirstMax(const float* values, int64_t n) {
  int64_t best = 0;
  for (int64_t j = 1; j < n; ++j) {
    if (values[j] > values[best]) best = j;
  }
  return best;
}

// Whether the first largest of Softmax(logits) is the first largest logit, decided without the
// exponentials: softmax keeps the logits' order, and rounding can only make probabilities equal,
// never reverse them. An earlier logit ties the top probability only when exp of its distance to
// the top rounds to float32 1, so a row with an earlier logit within kNearTop of the top (or
// with a NaN or an infinity) is left undecided.
bool TopLogitDecides(const float* logits, int64_t columns, int64_t* top) {
  constexpr float kNearTop = 1e-5f;
  int64_t best = 0;
  for (int64_t j = 0; j < columns; ++j) {
    if (!std::isfinite(logits[j])) return false;
    if (logits[j] > logits[best]) best = j;
  }
  for (int64_t j = 0; j < best; ++j) {
    if (logits[best] - logits[j] < kNearTop) return false;
  }
  *top = best;
  return true;
}

}  // namespace

int64_t SoftmaxAccuracyHits(const float* logits, const float* labels, int64_t rows,
                            int64_t columns) {
  thread_local std::vector<float> probabilities;
  probabilities.resize(static_cast<size_t>(columns));
  int64_t hits = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = logits + r * columns;
    int64_t predicted = 0;
    if (!TopLogitDecides(row, columns, &predicted)) {
      // The row's probabilities as the Softmax kernel computes them, so ties fall the same way.
      Softmax(row, probabilities.data(), 1, columns);
      predicted = FirstMax(probabilities.data(), columns);
    }
    if (predicted == FirstMax(labels + r * columns, columns)) ++hits;
  }
  return hits;
}

namespace {

// In place: each element reads w, m, v once and writes them back; the four arrays are distinct.
DENDRITE_VECTOR_CLONES
void AdamLoopInPlace(float* __restrict w, const float* __restrict g, float* __restrict m,
                     float* __restrict v, int64_t size, float keep1, float keep2, float alpha,
                     float epsilon) {
  for (int64_t i = 0; i < size; ++i) {
    const float gi = g[i];
    const float m1 = m[i] + (gi - m[i]) * keep1;
    const float v1 = v[i] + (gi * gi - v[i]) * keep2;
    m[i] = m1;
    v[i] = v1;
    w[i] = w[i] - (m1 * alpha) / (std::sqrt(v1) + epsilon);
  }
}

}  // namespace

void AdamUpdateInPlace(float* w, const float* g, float* m, float* v, int64_t size,
                       const AdamAttrs& attrs) {
  // Each element's update is independent: a large weight is split across the pool's threads.
  const int parts = ElementParts(size);
  ParallelFor(parts, [&](int part) {
    int64_t begin = 0;
    int64_t end = 0;
    PartRange(size, parts, part, &begin, &end);
    AdamLoopInPlace(w + begin, g + begin, m + begin, v + begin, end - begin,
                    static_cast<float>(1.0 - attrs.beta1), static_cast<float>(1.0 - attrs.beta2),
                    static_cast<float>(attrs.alpha), static_cast<float>(attrs.epsilon));
  });
}

void AdamUpdate(const float* w, const float* g, const float* m, const float* v, float* outW,
                float* outM, float* outV, int64_t size, const AdamAttrs& attrs) {
  // The outputs are fresh arrays: the step runs in them, in the order of operations and float32
  // rounding of tfjs's composed ops, so the fused and the composed update agree to the last bit
  // on most inputs.
  std::copy(w, w + size, outW);
  std::copy(m, m + size, outM);
  std::copy(v, v + size, outV);
  AdamUpdateInPlace(outW, g, outM, outV, size, attrs);
}

}  // namespace dendrite
