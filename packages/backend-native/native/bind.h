// What every Node-API binding shares: argument readers that check types and lengths, and the one
// wrapper (Guarded) that turns any C++ exception into a JavaScript error.
#pragma once
#include <napi.h>

#include <array>
#include <cstdint>
#include <exception>
#include <new>
#include <string>

#include "kernels.h"

namespace dendrite::bind {

// The Float32Array argument at `index`, which must hold `expected` elements.
float* Floats(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name);

// The Int32Array argument at `index`, which must hold `expected` elements.
int32_t* Int32s(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name);

// The Float64Array argument at `index`, which must hold `expected` elements.
double* Doubles(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name);

// The Uint8Array argument at `index`, which must hold `expected` elements.
uint8_t* Bytes(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name);

// Floats(...), or null where the argument is null or undefined (an output not asked for).
float* OptionalFloats(const Napi::CallbackInfo& info, size_t index, int64_t expected,
                      const char* name);

// The element count of the typed-array argument at `index` (its element type checked where it is
// read).
int64_t Length(const Napi::CallbackInfo& info, size_t index, const char* name);

// A number argument >= 0 (as int64).
int64_t Integer(const Napi::CallbackInfo& info, size_t index, const char* name);

// The number arguments from `first` on, each >= 0, named by `names` in order.
template <size_t N>
std::array<int64_t, N> Integers(const Napi::CallbackInfo& info, size_t first,
                                const char* const (&names)[N]) {
  std::array<int64_t, N> values{};
  for (size_t i = 0; i < N; ++i) values[i] = Integer(info, first + i, names[i]);
  return values;
}

// A number argument.
double Real(const Napi::CallbackInfo& info, size_t index, const char* name);

// a * b * ..., or a RangeError naming `what` when the product exceeds 2^53 (no exact double).
int64_t Product(const Napi::Env& env, std::initializer_list<int64_t> factors, const char* what);

// Reports a C++ exception other than a Napi::Error as a JavaScript error naming the binding.
[[noreturn]] void Rethrow(const Napi::Env& env, const char* binding, std::exception_ptr error);

using Binding = Napi::Value (*)(const Napi::CallbackInfo&);

// Runs a binding so that no C++ exception escapes it: Napi errors pass through, an allocation
// failure becomes a RangeError and any other exception an Error, each naming the binding.
template <Binding F>
Napi::Value Guarded(const Napi::CallbackInfo& info) {
  try {
    return F(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    Rethrow(info.Env(), info.Data() == nullptr ? "?" : static_cast<const char*>(info.Data()),
            std::current_exception());
  }
}

// exports[name] = Guarded<F>, the binding's name kept for its error messages.
template <Binding F>
void Export(Napi::Env env, Napi::Object exports, const char* name) {
  exports.Set(name, Napi::Function::New(env, Guarded<F>, name, const_cast<char*>(name)));
}

// Exports each binding of `Fs` under the name at its position in `names`:
// ExportAll<A, B>(env, exports, {"a", "b"}).
template <Binding... Fs, size_t N>
void ExportAll(Napi::Env env, Napi::Object exports, const char* const (&names)[N]) {
  static_assert(sizeof...(Fs) == N, "one name per binding");
  size_t i = 0;
  (Export<Fs>(env, exports, names[i++]), ...);
}

// Each kernel family's bindings (bind-*.cc) add themselves to the addon's exports.
void ExportMatMul(Napi::Env env, Napi::Object exports);
void ExportConv(Napi::Env env, Napi::Object exports);
void ExportElementwise(Napi::Env env, Napi::Object exports);
void ExportOptimizer(Napi::Env env, Napi::Object exports);
void ExportRuntime(Napi::Env env, Napi::Object exports);
void ExportTraining(Napi::Env env, Napi::Object exports);
void ExportChain(Napi::Env env, Napi::Object exports);

}  // namespace dendrite::bind
