// Bindings of the optimizer family: the fused Adam step.
#include "bind.h"

namespace dendrite::bind {

namespace {

// adamUpdate(w, g, m, v, outW, outM, outV, alpha, beta1, beta2, epsilon)
Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "variable");
  const float* w = Floats(info, 0, size, "variable");
  const float* g = Floats(info, 1, size, "gradient");
  const float* m = Floats(info, 2, size, "m");
  const float* v = Floats(info, 3, size, "v");
  float* outW = Floats(info, 4, size, "outVariable");
  float* outM = Floats(info, 5, size, "outM");
  float* outV = Floats(info, 6, size, "outV");
  // The loop is vectorized on the promise that outputs overlap nothing else.
  const auto overlaps = [size](const float* p, const float* q) {
    return p < q + size && q < p + size;
  };
  const float* all[] = {w, g, m, v, outW, outM, outV};
  for (const float* out : {static_cast<const float*>(outW), static_cast<const float*>(outM),
                           static_cast<const float*>(outV)}) {
    int sharing = 0;
    for (const float* other : all) {
      if (size > 0 && overlaps(out, other)) ++sharing;
    }
    if (sharing > 1) {
      throw Napi::RangeError::New(info.Env(), "adamUpdate: an output array overlaps another array");
    }
  }
  const AdamAttrs attrs{Real(info, 7, "alpha"), Real(info, 8, "beta1"), Real(info, 9, "beta2"),
                        Real(info, 10, "epsilon")};
  dendrite::AdamUpdate(w, g, m, v, outW, outM, outV, size, attrs);
  return info.Env().Undefined();
}

// adamUpdateInPlace(w, g, m, v, alpha, beta1, beta2, epsilon): the step written into w, m, v.
Napi::Value AdamUpdateInPlace(const Napi::CallbackInfo& info) {
  const int64_t size = Length(info, 0, "variable");
  float* w = Floats(info, 0, size, "variable");
  const float* g = Floats(info, 1, size, "gradient");
  float* m = Floats(info, 2, size, "m");
  float* v = Floats(info, 3, size, "v");
  const float* all[] = {w, g, m, v};
  for (int i = 0; i < 4; ++i) {
    for (int j = i + 1; j < 4; ++j) {
      if (size > 0 && all[i] < all[j] + size && all[j] < all[i] + size) {
        throw Napi::RangeError::New(info.Env(),
                                    "adamUpdateInPlace: the four arrays must not overlap");
      }
    }
  }
  const AdamAttrs attrs{Real(info, 4, "alpha"), Real(info, 5, "beta1"), Real(info, 6, "beta2"),
                        Real(info, 7, "epsilon")};
  dendrite::AdamUpdateInPlace(w, g, m, v, size, attrs);
  return info.Env().Undefined();
}

}  // namespace

void ExportOptimizer(Napi::Env env, Napi::Object exports) {
  ExportAll<AdamUpdate, AdamUpdateInPlace>(env, exports, {"adamUpdate", "adamUpdateInPlace"});
}

}  // namespace dendrite::bind
