// Bindings that configure or describe the addon: threads, the C heap, OpenBLAS, op codes.
#include <cblas.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <stdexcept>

#include "bind.h"
#include "thread-pool.h"

namespace dendrite::bind {

namespace {

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  const int64_t threads = Integer(info, 0, "threads");
  if (threads < 1 || threads > 16) {
    throw Napi::RangeError::New(info.Env(), "threads must be between 1 and 16");
  }
  SetPoolThreads(static_cast<int>(threads));
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), PoolThreads());
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
  const bool ok = mmapThreshold <= INT32_MAX && trimThreshold <= INT32_MAX &&
                  mallopt(M_MMAP_THRESHOLD, static_cast<int>(mmapThreshold)) == 1 &&
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

// opCodes() -> { binary: { Add: 0, ... }, unary: { ... }, activation: { linear: 0, ... } }:
// the codes of kernels.h by name, so the TypeScript kernel table never copies a number.
Napi::Value OpCodes(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const auto table = [&env](const OpName* names, int count) {
    Napi::Object object = Napi::Object::New(env);
    for (int i = 0; i < count; ++i) object.Set(names[i].name, names[i].code);
    return object;
  };
  Napi::Object codes = Napi::Object::New(env);
  codes.Set("binary", table(kBinaryOpNames, kBinaryOpCount));
  codes.Set("unary", table(kUnaryOpNames, kUnaryOpCount));
  codes.Set("activation", table(kActivationNames, kActivationCount));
  return codes;
}

// throwForTest(kind): throws a C++ exception of `kind` ('bad_alloc', 'runtime_error', 'other')
// inside a binding, so tests can check that the wrapper reports it instead of aborting.
Napi::Value ThrowForTest(const Napi::CallbackInfo& info) {
  const std::string kind =
      info.Length() > 0 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (kind == "bad_alloc") throw std::bad_alloc();
  if (kind == "runtime_error") throw std::runtime_error("a test failure");
  if (kind == "other") throw 42;
  throw Napi::TypeError::New(info.Env(), "kind must be 'bad_alloc', 'runtime_error' or 'other'");
}

}  // namespace

void ExportRuntime(Napi::Env env, Napi::Object exports) {
  ExportAll<SetNumThreads, GetNumThreads, KeepFreedMemory, BlasConfig, OpCodes, ThrowForTest>(
      env, exports, {"setNumThreads", "getNumThreads", "keepFreedMemory", "blasConfig", "opCodes", "throwForTest"});
}

}  // namespace dendrite::bind
