#include "bind.h"

namespace dendrite::bind {

namespace {

// The typed array of element type T (napi type `type`, named `typeName`) at `index`, which must
// hold `expected` elements.
template <typename T>
T* Typed(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name,
         napi_typedarray_type type, const char* typeName) {
  if (index >= info.Length() || !info[index].IsTypedArray() ||
      info[index].As<Napi::TypedArray>().TypedArrayType() != type) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a " + typeName);
  }
  auto array = info[index].As<Napi::TypedArrayOf<T>>();
  if (static_cast<int64_t>(array.ElementLength()) != expected) {
    throw Napi::RangeError::New(info.Env(), std::string(name) + " has " +
                                                std::to_string(array.ElementLength()) +
                                                " elements; expected " + std::to_string(expected));
  }
  return array.Data();
}

}  // namespace

float* Floats(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name) {
  return Typed<float>(info, index, expected, name, napi_float32_array, "Float32Array");
}

int32_t* Int32s(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name) {
  return Typed<int32_t>(info, index, expected, name, napi_int32_array, "Int32Array");
}

double* Doubles(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name) {
  return Typed<double>(info, index, expected, name, napi_float64_array, "Float64Array");
}

uint8_t* Bytes(const Napi::CallbackInfo& info, size_t index, int64_t expected, const char* name) {
  return Typed<uint8_t>(info, index, expected, name, napi_uint8_array, "Uint8Array");
}

float* OptionalFloats(const Napi::CallbackInfo& info, size_t index, int64_t expected,
                      const char* name) {
  if (index >= info.Length() || info[index].IsNull() || info[index].IsUndefined()) return nullptr;
  return Floats(info, index, expected, name);
}

int64_t Length(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a typed array");
  }
  return static_cast<int64_t>(info[index].As<Napi::TypedArray>().ElementLength());
}

int64_t Integer(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
  }
  const int64_t value = info[index].As<Napi::Number>().Int64Value();
  if (value < 0) throw Napi::RangeError::New(info.Env(), std::string(name) + " must be >= 0");
  return value;
}

double Real(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (index >= info.Length() || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), std::string(name) + " must be a number");
  }
  return info[index].As<Napi::Number>().DoubleValue();
}

int64_t Product(const Napi::Env& env, std::initializer_list<int64_t> factors, const char* what) {
  constexpr int64_t kLimit = int64_t{1} << 53;
  int64_t product = 1;
  for (const int64_t factor : factors) {
    if (factor != 0 && product > kLimit / factor) {
      throw Napi::RangeError::New(env, std::string(what) + " exceeds 2^53 elements");
    }
    product *= factor;
  }
  return product;
}

void Rethrow(const Napi::Env& env, const char* binding, std::exception_ptr error) {
  const std::string prefix = std::string("dendrite-native ") + binding + ": ";
  try {
    std::rethrow_exception(error);
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(env, prefix + "out of memory for its scratch space");
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, prefix + e.what());
  } catch (...) {
    throw Napi::Error::New(env, prefix + "an unknown native exception");
  }
}

}  // namespace dendrite::bind
