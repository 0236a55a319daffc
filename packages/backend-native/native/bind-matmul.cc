// Bindings of the product family: batchMatMul and the fused bias + activation pass.
#include "bind.h"

namespace dendrite::bind {

namespace {

// batchMatMul(a, b, out, batchA, batchB, m, n, k, transposeA, transposeB)
Napi::Value BatchMatMul(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const auto [batchA, batchB, m, n, k] = Integers(info, 3, {"batchA", "batchB", "m", "n", "k"});
  const bool transposeA = info[8].ToBoolean().Value();
  const bool transposeB = info[9].ToBoolean().Value();
  const int64_t batch = batchA > batchB ? batchA : batchB;
  if (batchA == 0 || batchB == 0 || batch % batchA != 0 || batch % batchB != 0) {
    throw Napi::RangeError::New(env, "batch sizes do not broadcast");
  }
  const float* a = Floats(info, 0, Product(env, {batchA, m, k}, "a"), "a");
  const float* b = Floats(info, 1, Product(env, {batchB, k, n}, "b"), "b");
  float* out = Floats(info, 2, Product(env, {batch, m, n}, "out"), "out");
  dendrite::BatchMatMul(a, b, out, batchA, batchB, batch, m, n, k, transposeA, transposeB);
  return env.Undefined();
}

// biasActivation(out, bias | null, activation, alpha)
Napi::Value BiasActivation(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "out");
  float* out = Floats(info, 0, size, "out");
  const float* bias = nullptr;
  int64_t biasSize = 0;
  if (info.Length() > 1 && info[1].IsTypedArray()) {
    biasSize = Length(info, 1, "bias");
    bias = Floats(info, 1, biasSize, "bias");
    if (biasSize == 0 || size % biasSize != 0) {
      throw Napi::RangeError::New(info.Env(), "bias length must divide the output length");
    }
  }
  const int64_t activation = Integer(info, 2, "activation");
  if (activation > kSigmoid) throw Napi::RangeError::New(info.Env(), "unknown activation code");
  const float alpha = info.Length() > 3 ? info[3].ToNumber().FloatValue() : 0.0f;
  dendrite::BiasActivation(out, size, bias, biasSize, static_cast<Activation>(activation), alpha);
  return info.Env().Undefined();
}

}  // namespace

void ExportMatMul(Napi::Env env, Napi::Object exports) {
  ExportAll<BatchMatMul, BiasActivation>(env, exports, {"batchMatMul", "biasActivation"});
}

}  // namespace dendrite::bind
