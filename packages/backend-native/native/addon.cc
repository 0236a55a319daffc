// Node-API bindings: every function takes Float32Arrays owned by JavaScript (no copies), checks
// their lengths against the shapes it is given, and writes its result into the `out` array.
#include <cblas.h>
#include <napi.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <string>

#include "kernels.h"

namespace {

using dendrite::ConvGeometry;

float* Floats(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name) {
  if (index >= info.Length() || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a Float32Array");
  }
  auto array = info[index].As<Napi::Float32Array>();
  if (static_cast<int64_t>(array.ElementLength()) != expected) {
    throw Napi::RangeError::New(info.Env(), std::string(name) + " has " +
                                                std::to_string(array.ElementLength()) +
                                                " elements; expected " + std::to_string(expected));
  }
  return array.Data();
}

int64_t Integer(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
  }
  const int64_t value = info[index].As<Napi::Number>().Int64Value();
  if (value < 0) throw Napi::RangeError::New(info.Env(), std::string(name) + " must be >= 0");
  return value;
}

// batchMatMul(a, b, out, batchA, batchB, m, n, k, transposeA, transposeB)
Napi::Value BatchMatMul(const Napi::CallbackInfo& info) {
  const int64_t batchA = Integer(info, 3, "batchA");
  const int64_t batchB = Integer(info, 4, "batchB");
  const int64_t m = Integer(info, 5, "m");
  const int64_t n = Integer(info, 6, "n");
  const int64_t k = Integer(info, 7, "k");
  const bool transposeA = info[8].ToBoolean().Value();
  const bool transposeB = info[9].ToBoolean().Value();
  const int64_t batch = batchA > batchB ? batchA : batchB;
  if (batchA == 0 || batchB == 0 || batch % batchA != 0 || batch % batchB != 0) {
    throw Napi::RangeError::New(info.Env(), "batch sizes do not broadcast");
  }
  const float* a = Floats(info, 0, batchA * m * k, "a");
  const float* b = Floats(info, 1, batchB * k * n, "b");
  float* out = Floats(info, 2, batch * m * n, "out");
  dendrite::BatchMatMul(a, b, out, batchA, batchB, batch, m, n, k, transposeA, transposeB);
  return info.Env().Undefined();
}

// biasActivation(out, bias | null, activation, alpha)
Napi::Value BiasActivation(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), "out must be a Float32Array");
  }
  const int64_t size = static_cast<int64_t>(info[0].As<Napi::TypedArray>().ElementLength());
  float* out = Floats(info, 0, size, "out");
  const float* bias = nullptr;
  int64_t biasSize = 0;
  if (info.Length() > 1 && info[1].IsTypedArray()) {
    biasSize = static_cast<int64_t>(info[1].As<Napi::TypedArray>().ElementLength());
    bias = Floats(info, 1, biasSize, "bias");
    if (biasSize == 0 || size % biasSize != 0) {
      throw Napi::RangeError::New(info.Env(), "bias length must divide the output length");
    }
  }
  const int64_t activation = Integer(info, 2, "activation");
  if (activation > dendrite::kSigmoid) {
    throw Napi::RangeError::New(info.Env(), "unknown activation code");
  }
  const float alpha = info.Length() > 3 ? info[3].ToNumber().FloatValue() : 0.0f;
  dendrite::BiasActivation(out, size, bias, biasSize, static_cast<dendrite::Activation>(activation),
                           alpha);
  return info.Env().Undefined();
}

ConvGeometry Geometry(const Napi::CallbackInfo& info, size_t index) {
  if (index >= info.Length() || !info[index].IsArray() ||
      info[index].As<Napi::Array>().Length() != 15) {
    throw Napi::TypeError::New(info.Env(), "geometry must be an array of 15 numbers");
  }
  auto array = info[index].As<Napi::Array>();
  int64_t v[15];
  for (uint32_t i = 0; i < 15; ++i) {
    Napi::Value item = array.Get(i);
    if (!item.IsNumber()) throw Napi::TypeError::New(info.Env(), "geometry must hold numbers");
    v[i] = item.As<Napi::Number>().Int64Value();
  }
  ConvGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                 v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  if (g.batch < 0 || g.inH < 0 || g.inW < 0 || g.inC < 0 || g.outH < 0 || g.outW < 0 ||
      g.outC < 0 || g.kH < 1 || g.kW < 1 || g.strideH < 1 || g.strideW < 1 ||
      g.dilationH < 1 || g.dilationW < 1) {
    throw Napi::RangeError::New(info.Env(), "geometry holds an invalid size");
  }
  return g;
}

int64_t InSize(const ConvGeometry& g) { return g.batch * g.inH * g.inW * g.inC; }
int64_t OutSize(const ConvGeometry& g) { return g.batch * g.outH * g.outW * g.outC; }
int64_t FilterSize(const ConvGeometry& g) { return g.kH * g.kW * g.inC * g.outC; }

// conv2d(x, filter, y, geometry)
Napi::Value Conv2D(const Napi::CallbackInfo& info) {
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2D(Floats(info, 0, InSize(g), "x"), Floats(info, 1, FilterSize(g), "filter"),
                   Floats(info, 2, OutSize(g), "y"), g);
  return info.Env().Undefined();
}

// conv2dBackpropInput(dy, filter, dx, geometry)
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info) {
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2DBackpropInput(Floats(info, 0, OutSize(g), "dy"),
                                Floats(info, 1, FilterSize(g), "filter"),
                                Floats(info, 2, InSize(g), "dx"), g);
  return info.Env().Undefined();
}

// conv2dBackpropFilter(x, dy, dFilter, geometry)
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info) {
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2DBackpropFilter(Floats(info, 0, InSize(g), "x"), Floats(info, 1, OutSize(g), "dy"),
                                 Floats(info, 2, FilterSize(g), "dFilter"), g);
  return info.Env().Undefined();
}

int64_t Length(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a Float32Array");
  }
  return static_cast<int64_t>(info[index].As<Napi::TypedArray>().ElementLength());
}

double Real(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
  }
  return info[index].As<Napi::Number>().DoubleValue();
}

// binary(op, a, b, out, aInner, bInner): out[i] = a[(i / aInner) % a.length] op b[...]
Napi::Value Binary(const Napi::CallbackInfo& info) {
  const int64_t op = Integer(info, 0, "op");
  if (op > dendrite::kDiv) throw Napi::RangeError::New(info.Env(), "unknown binary op code");
  const int64_t size = Length(info, 3, "out");
  const int64_t aSize = Length(info, 1, "a");
  const int64_t bSize = Length(info, 2, "b");
  const int64_t aInner = Integer(info, 4, "aInner");
  const int64_t bInner = Integer(info, 5, "bInner");
  const auto repeats = [size](int64_t length, int64_t inner) {
    return length > 0 && inner > 0 && size % (length * inner) == 0;
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
    dendrite::Binary(static_cast<dendrite::BinaryOp>(op), a, aSize, aInner, b, bSize, bInner, out,
                     size);
  }
  return info.Env().Undefined();
}

// unary(op, x, out, alpha)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  const int64_t op = Integer(info, 0, "op");
  if (op > dendrite::kLog) throw Napi::RangeError::New(info.Env(), "unknown unary op code");
  const int64_t size = Length(info, 1, "x");
  const float* x = Floats(info, 1, size, "x");
  float* out = Floats(info, 2, size, "out");
  const float alpha = static_cast<float>(Real(info, 3, "alpha"));
  dendrite::Unary(static_cast<dendrite::UnaryOp>(op), x, out, size, alpha);
  return info.Env().Undefined();
}

// sum(x, out, rows, columns, leading): sums over the rows (leading) or along each row.
Napi::Value Sum(const Napi::CallbackInfo& info) {
  const int64_t rows = Integer(info, 2, "rows");
  const int64_t columns = Integer(info, 3, "columns");
  const bool leading = info.Length() > 4 && info[4].ToBoolean().Value();
  const float* x = Floats(info, 0, rows * columns, "x");
  if (leading) {
    dendrite::SumLeading(x, Floats(info, 1, columns, "out"), rows, columns);
  } else {
    dendrite::SumTrailing(x, Floats(info, 1, rows, "out"), rows, columns);
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
  const auto overlaps = [size](const float* p, const float* q) { return p < q + size && q < p + size; };
  for (const float* out : {static_cast<const float*>(outW), static_cast<const float*>(outM),
                           static_cast<const float*>(outV)}) {
    int sharing = 0;
    for (const float* other : {w, g, m, v, static_cast<const float*>(outW),
                               static_cast<const float*>(outM), static_cast<const float*>(outV)}) {
      if (size > 0 && overlaps(out, other)) ++sharing;
    }
    if (sharing > 1) {
      throw Napi::RangeError::New(info.Env(), "adamUpdate: an output array overlaps another array");
    }
  }
  const dendrite::AdamAttrs attrs{Real(info, 7, "alpha"), Real(info, 8, "beta1"),
                                  Real(info, 9, "beta2"), Real(info, 10, "epsilon")};
  dendrite::AdamUpdate(w, g, m, v, outW, outM, outV, size, attrs);
  return info.Env().Undefined();
}

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const int64_t threads = Integer(info, 0, "threads");
  if (threads < 1) throw Napi::RangeError::New(info.Env(), "threads must be >= 1");
  dendrite::SetThreads(static_cast<int>(threads));
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), dendrite::Threads());
}

// keepFreedMemory(mmapThreshold, trimThreshold) -> whether the C library took the settings.
// glibc serves blocks over 128 KiB with a fresh mmap and returns freed heap tops to the kernel, so
// every large tensor output lands on pages the kernel must fault in and zero again: on the VM
// this was measured on, 0.7 ms for a 200 KiB matrix, longer than the product that fills it.
// Raising both thresholds keeps freed blocks in the heap for the next output of the same size.
Napi::Value KeepFreedMemory(const Napi::CallbackInfo& info) {
  const int64_t mmapThreshold = Integer(info, 0, "mmapThreshold");
  const int64_t trimThreshold = Integer(info, 1, "trimThreshold");
#if defined(__GLIBC__)
  const bool ok = mallopt(M_MMAP_THRESHOLD, static_cast<int>(mmapThreshold)) == 1 &&
                  mallopt(M_TRIM_THRESHOLD, static_cast<int>(trimThreshold)) == 1;
  return Napi::Boolean::New(info.Env(), ok);
#else
  (void)mmapThreshold;
  (void)trimThreshold;
  return Napi::Boolean::New(info.Env(), false);
#endif
}

Napi::Value BlasConfig(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), openblas_get_config());
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("batchMatMul", Napi::Function::New(env, BatchMatMul));
  exports.Set("biasActivation", Napi::Function::New(env, BiasActivation));
  exports.Set("conv2d", Napi::Function::New(env, Conv2D));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2DBackpropInput));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2DBackpropFilter));
  exports.Set("binary", Napi::Function::New(env, Binary));
  exports.Set("unary", Napi::Function::New(env, Unary));
  exports.Set("sum", Napi::Function::New(env, Sum));
  exports.Set("softmax", Napi::Function::New(env, Softmax));
  exports.Set("adamUpdate", Napi::Function::New(env, AdamUpdate));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("blasConfig", Napi::Function::New(env, BlasConfig));
  exports.Set("keepFreedMemory", Napi::Function::New(env, KeepFreedMemory));
  return exports;
}

}  // namespace

NODE_API_MODULE(dendrite_native, Init)
