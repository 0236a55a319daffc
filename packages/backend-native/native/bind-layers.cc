// Bindings of the layer family: the Dense layer's backward pass and inverted dropout.
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

}  // namespace

void ExportLayers(Napi::Env env, Napi::Object exports) {
  ExportAll<DenseGrad, Dropout, DropoutGrad>(env, exports, {"denseGrad", "dropout", "dropoutGrad"});
}

}  // namespace dendrite::bind
