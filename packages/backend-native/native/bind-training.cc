// Bindings of the training family: the Dense layer's backward pass, inverted dropout, the
// softmax cross-entropy and the batch's row gather (the Dense chain's steps: bind-chain.cc).
#include <string>
#include <vector>

#include "bind.h"

namespace dendrite::bind {

namespace {

// denseGrad(dy, x, kernel, out | null, dKernel, dBias | null, dx | null, n, k, u)
Napi::Value DenseGrad(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const auto [n, k, u] = Integers(info, 7, {"n", "k", "u"});
  const int64_t rowsByUnits = Product(env, {n, u}, "dy");
  const float* dy = Floats(info, 0, rowsByUnits, "dy");
  const float* x = Floats(info, 1, Product(env, {n, k}, "x"), "x");
  const float* kernel = Floats(info, 2, Product(env, {k, u}, "kernel"), "kernel");
  const float* out = OptionalFloats(info, 3, rowsByUnits, "out");
  float* dKernel = Floats(info, 4, k * u, "dKernel");
  float* dBias = OptionalFloats(info, 5, u, "dBias");
  float* dx = OptionalFloats(info, 6, n * k, "dx");
  dendrite::DenseGrad(dy, x, kernel, out, dKernel, dBias, dx, n, k, u);
  return env.Undefined();
}

// The rate argument at `index` (in [0, 1)) and its scale, float32(1 / (1 - rate)).
std::pair<double, float> RateAndScale(const Napi::CallbackInfo& info, size_t index) {
  const double rate = Real(info, index, "rate");
  if (!(rate >= 0.0 && rate < 1.0)) {
    throw Napi::RangeError::New(info.Env(), "rate must be in [0, 1)");
  }
  return {rate, static_cast<float>(1.0 / (1.0 - rate))};
}

// dropout(x, y, mask, state, rate)
Napi::Value Dropout(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "x");
  const float* x = Floats(info, 0, size, "x");
  float* y = Floats(info, 1, size, "y");
  uint8_t* mask = Bytes(info, 2, size, "mask");
  if (info.Length() <= 3 || !info[3].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), "state must be a number");
  }
  const auto state = static_cast<uint32_t>(info[3].As<Napi::Number>().Int64Value());
  const auto [rate, scale] = RateAndScale(info, 4);
  dendrite::Dropout(x, y, mask, size, state, rate, scale);
  return info.Env().Undefined();
}

// dropoutGrad(dy, mask, dx, rate)
Napi::Value DropoutGrad(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "dy");
  const float* dy = Floats(info, 0, size, "dy");
  const uint8_t* mask = Bytes(info, 1, size, "mask");
  float* dx = Floats(info, 2, size, "dx");
  dendrite::DropoutGrad(dy, mask, dx, size, RateAndScale(info, 3).second);
  return info.Env().Undefined();
}

// The rows x classes logits and labels at `index` and `index + 1`, and the clip bounds at
// `index + 2` (low, high); returns the row count.
int64_t CrossEntropyRows(const Napi::CallbackInfo& info, size_t index, int64_t classes) {
  const int64_t size = Length(info, index, "logits");
  if (classes < 1 || size % classes != 0) {
    throw Napi::RangeError::New(info.Env(), "classes must be positive and divide logits' length");
  }
  Floats(info, index + 1, size, "labels");
  return size / classes;
}

// softmaxCrossEntropy(logits, labels, loss, classes, low, high)
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info) {
  const int64_t classes = Integer(info, 3, "classes");
  const int64_t rows = CrossEntropyRows(info, 0, classes);
  dendrite::SoftmaxCrossEntropy(Floats(info, 0, rows * classes, "logits"),
                                Floats(info, 1, rows * classes, "labels"),
                                Floats(info, 2, rows, "loss"), rows, classes,
                                Real(info, 4, "low"), Real(info, 5, "high"));
  return info.Env().Undefined();
}

// softmaxCrossEntropyGrad(dy, logits, labels, dLogits, dLabels, classes, low, high)
Napi::Value SoftmaxCrossEntropyGrad(const Napi::CallbackInfo& info) {
  const int64_t classes = Integer(info, 5, "classes");
  const int64_t rows = CrossEntropyRows(info, 1, classes);
  const int64_t size = rows * classes;
  dendrite::SoftmaxCrossEntropyGrad(
      Floats(info, 0, rows, "dy"), Floats(info, 1, size, "logits"), Floats(info, 2, size, "labels"),
      Floats(info, 3, size, "dLogits"), Floats(info, 4, size, "dLabels"), rows, classes,
      Real(info, 6, "low"), Real(info, 7, "high"));
  return info.Env().Undefined();
}

// gatherRows(source, order, start, count, rowSize, target): target's first count rows are the
// rows order[start], ... of source; an index outside source's rows is refused before any copy.
Napi::Value GatherRows(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const auto [start, count, rowSize] = Integers(info, 2, {"start", "count", "rowSize"});
  const int64_t size = Length(info, 0, "source");
  if (rowSize < 1 || size % rowSize != 0) {
    throw Napi::RangeError::New(env, "rowSize must be positive and divide source's length");
  }
  const float* source = Floats(info, 0, size, "source");
  if (info.Length() <= 1 || !info[1].IsTypedArray() ||
      info[1].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(env, "order must be an Int32Array");
  }
  const auto order = info[1].As<Napi::Int32Array>();
  if (start + count > static_cast<int64_t>(order.ElementLength())) {
    throw Napi::RangeError::New(env, "start + count exceeds order's length");
  }
  const int64_t targetSize = Length(info, 5, "target");
  if (Product(env, {count, rowSize}, "target") > targetSize) {
    throw Napi::RangeError::New(env, "target holds fewer than count rows");
  }
  float* target = Floats(info, 5, targetSize, "target");
  const int32_t* indices = order.Data() + start;
  const int64_t rows = size / rowSize;
  for (int64_t k = 0; k < count; ++k) {
    if (indices[k] < 0 || indices[k] >= rows) {
      throw Napi::RangeError::New(env, "order[" + std::to_string(start + k) + "] = " +
                                           std::to_string(indices[k]) + " is not a row of source (" +
                                           std::to_string(rows) + " rows)");
    }
  }
  dendrite::GatherRows(source, indices, count, rowSize, target);
  return env.Undefined();
}

}  // namespace

void ExportTraining(Napi::Env env, Napi::Object exports) {
  ExportAll<DenseGrad, Dropout, DropoutGrad, SoftmaxCrossEntropy, SoftmaxCrossEntropyGrad,
            GatherRows>(env, exports,
                        {"denseGrad", "dropout", "dropoutGrad", "softmaxCrossEntropy",
                         "softmaxCrossEntropyGrad", "gatherRows"});
}

}  // namespace dendrite::bind
