// Bindings of the element-wise family: binary and unary ops, sums and softmax.
#include "bind.h"

namespace dendrite::bind {

namespace {

// binary(op, a, b, out, aInner, bInner): out[i] = a[(i / aInner) % a.length] op b[...]
Napi::Value Binary(const Napi::CallbackInfo& info) {
  const int64_t op = Integer(info, 0, "op");
  if (op >= kBinaryOpCount) throw Napi::RangeError::New(info.Env(), "unknown binary op code");
  const int64_t size = Length(info, 3, "out");
  const int64_t aSize = Length(info, 1, "a");
  const int64_t bSize = Length(info, 2, "b");
  const int64_t aInner = Integer(info, 4, "aInner");
  const int64_t bInner = Integer(info, 5, "bInner");
  const auto repeats = [size](int64_t length, int64_t inner) {
    return length > 0 && inner > 0 && inner <= size && length <= size / inner &&
           size % (length * inner) == 0;
  };
  const bool fits = (aSize == size && aInner == 1 && repeats(bSize, bInner)) ||
                    (bSize == size && bInner == 1 && repeats(aSize, aInner));
  if (size > 0 && !fits) {
    throw Napi::RangeError::New(
        info.Env(), "a (" + std::to_string(aSize) + " elements, inner " + std::to_string(aInner) +
                        ") and b (" + std::to_string(bSize) + ", inner " + std::to_string(bInner) +
                        ") do not broadcast to out's " + std::to_string(size) +
                        "; expected one of out's size and inner 1, the other repeating whole");
  }
  const float* a = Floats(info, 1, aSize, "a");
  const float* b = Floats(info, 2, bSize, "b");
  float* out = Floats(info, 3, size, "out");
  if (size > 0) {
    dendrite::Binary(static_cast<BinaryOp>(op), a, aSize, aInner, b, bSize, bInner, out, size);
  }
  return info.Env().Undefined();
}

// unary(op, x, out, alpha)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  const int64_t op = Integer(info, 0, "op");
  if (op >= kUnaryOpCount) throw Napi::RangeError::New(info.Env(), "unknown unary op code");
  const int64_t size = Length(info, 1, "x");
  const float* x = Floats(info, 1, size, "x");
  float* out = Floats(info, 2, size, "out");
  const float alpha = static_cast<float>(Real(info, 3, "alpha"));
  dendrite::Unary(static_cast<UnaryOp>(op), x, out, size, alpha);
  return info.Env().Undefined();
}

// sum(x, out, rows, columns, leading): sums over the rows (leading) or along each row.
Napi::Value Sum(const Napi::CallbackInfo& info) {
  const int64_t rows = Integer(info, 2, "rows");
  const int64_t columns = Integer(info, 3, "columns");
  const bool leading = info.Length() > 4 && info[4].ToBoolean().Value();
  const float* x = Floats(info, 0, Product(info.Env(), {rows, columns}, "x"), "x");
  if (leading) {
    SumLeading(x, Floats(info, 1, columns, "out"), rows, columns);
  } else {
    SumTrailing(x, Floats(info, 1, rows, "out"), rows, columns);
  }
  return info.Env().Undefined();
}

// softmax(x, out, columns)
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "x");
  const int64_t columns = Integer(info, 2, "columns");
  if (columns < 1 || size % columns != 0) {
    throw Napi::RangeError::New(info.Env(), "columns (" + std::to_string(columns) +
                                                ") must be positive and divide x's " +
                                                std::to_string(size) + " elements");
  }
  dendrite::Softmax(Floats(info, 0, size, "x"), Floats(info, 1, size, "out"), size / columns,
                    columns);
  return info.Env().Undefined();
}

// softmaxAccuracy(logits, labels, columns) -> the number of hits
Napi::Value SoftmaxAccuracy(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "logits");
  const int64_t columns = Integer(info, 2, "columns");
  if (columns < 1 || size % columns != 0) {
    throw Napi::RangeError::New(info.Env(), "columns must be positive and divide logits' length");
  }
  const int64_t hits = dendrite::SoftmaxAccuracyHits(
      Floats(info, 0, size, "logits"), Floats(info, 1, size, "labels"), size / columns, columns);
  return Napi::Number::New(info.Env(), static_cast<double>(hits));
}

}  // namespace

void ExportElementwise(Napi::Env env, Napi::Object exports) {
  ExportAll<Binary, Unary, Sum, Softmax, SoftmaxAccuracy>(
      env, exports, {"binary", "unary", "sum", "softmax", "softmaxAccuracy"});
}

}  // namespace dendrite::bind
