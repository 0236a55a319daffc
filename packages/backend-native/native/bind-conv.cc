// Bindings of the convolution family: conv2d and its two gradients, and the scratch budget.
#include "bind.h"

namespace dendrite::bind {

namespace {

ConvGeometry Geometry(const Napi::CallbackInfo& info, size_t index) {
  const Napi::Env env = info.Env();
  if (index >= info.Length() || !info[index].IsArray() ||
      info[index].As<Napi::Array>().Length() != 15) {
    throw Napi::TypeError::New(env, "geometry must be an array of 15 numbers");
  }
  auto array = info[index].As<Napi::Array>();
  int64_t v[15];
  for (uint32_t i = 0; i < 15; ++i) {
    Napi::Value item = array.Get(i);
    if (!item.IsNumber()) throw Napi::TypeError::New(env, "geometry must hold numbers");
    const double d = item.As<Napi::Number>().DoubleValue();
    // Sizes beyond 2^31 would overflow the products below; no real tensor has them.
    if (!(d > -2147483648.0 && d < 2147483648.0) || d != static_cast<double>(static_cast<int64_t>(d))) {
      throw Napi::RangeError::New(env, "geometry[" + std::to_string(i) +
                                           "] must be an integer below 2^31 in magnitude");
    }
    v[i] = static_cast<int64_t>(d);
  }
  ConvGeometry g{v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                 v[8], v[9], v[10], v[11], v[12], v[13], v[14]};
  if (g.batch < 0 || g.inH < 0 || g.inW < 0 || g.inC < 0 || g.outH < 0 || g.outW < 0 ||
      g.outC < 0 || g.kH < 1 || g.kW < 1 || g.strideH < 1 || g.strideW < 1 || g.dilationH < 1 ||
      g.dilationW < 1) {
    throw Napi::RangeError::New(env, "geometry holds an invalid size");
  }
  Product(env, {g.batch, g.outH, g.outW, g.kH, g.kW, g.inC}, "the im2col matrix");
  return g;
}

int64_t InSize(const Napi::Env& env, const ConvGeometry& g) {
  return Product(env, {g.batch, g.inH, g.inW, g.inC}, "x");
}
int64_t OutSize(const Napi::Env& env, const ConvGeometry& g) {
  return Product(env, {g.batch, g.outH, g.outW, g.outC}, "y");
}
int64_t FilterSize(const Napi::Env& env, const ConvGeometry& g) {
  return Product(env, {g.kH, g.kW, g.inC, g.outC}, "filter");
}

// conv2d(x, filter, y, geometry)
Napi::Value Conv2D(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2D(Floats(info, 0, InSize(env, g), "x"), Floats(info, 1, FilterSize(env, g), "filter"),
                   Floats(info, 2, OutSize(env, g), "y"), g);
  return env.Undefined();
}

// conv2dBackpropInput(dy, filter, dx, geometry)
Napi::Value Conv2DBackpropInput(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2DBackpropInput(Floats(info, 0, OutSize(env, g), "dy"),
                                Floats(info, 1, FilterSize(env, g), "filter"),
                                Floats(info, 2, InSize(env, g), "dx"), g);
  return env.Undefined();
}

// conv2dBackpropFilter(x, dy, dFilter, geometry)
Napi::Value Conv2DBackpropFilter(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const ConvGeometry g = Geometry(info, 3);
  dendrite::Conv2DBackpropFilter(Floats(info, 0, InSize(env, g), "x"),
                                 Floats(info, 1, OutSize(env, g), "dy"),
                                 Floats(info, 2, FilterSize(env, g), "dFilter"), g);
  return env.Undefined();
}

// setScratchBudget(floats) -> the previous budget
Napi::Value SetScratchBudget(const Napi::CallbackInfo& info) {
  const int64_t floats = Integer(info, 0, "floats");
  if (floats < 1) throw Napi::RangeError::New(info.Env(), "floats must be >= 1");
  return Napi::Number::New(info.Env(), static_cast<double>(dendrite::SetScratchBudget(floats)));
}

}  // namespace

void ExportConv(Napi::Env env, Napi::Object exports) {
  ExportAll<Conv2D, Conv2DBackpropInput, Conv2DBackpropFilter, SetScratchBudget>(
      env, exports, {"conv2d", "conv2dBackpropInput", "conv2dBackpropFilter", "setScratchBudget"});
}

}  // namespace dendrite::bind
