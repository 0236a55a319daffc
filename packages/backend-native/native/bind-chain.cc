// Bindings of the Dense chain's whole training steps: one step (denseChainGrad) and several in a
// row with their batches gathered inside (denseChainSteps).
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "bind.h"

namespace dendrite::bind {

namespace {

// The number of arguments per layer of the chain bindings, without Adam and with it.
constexpr size_t kChainLayerArgs = 8;
constexpr size_t kChainAdamLayerArgs = 12;

// The layers whose arguments start at `first`, the first taking `inputs` features, per layer:
// kernel, bias | null, dKernel, dBias | null, units, relu, dropoutRate, dropoutState, and with
// Adam kernelM, kernelV, biasM | null, biasV | null.
std::vector<ChainLayer> ChainLayers(const Napi::CallbackInfo& info, size_t first, int64_t inputs,
                                    bool withAdam, const char* binding) {
  const Napi::Env env = info.Env();
  const size_t perLayer = withAdam ? kChainAdamLayerArgs : kChainLayerArgs;
  if (info.Length() <= first || (info.Length() - first) % perLayer != 0) {
    throw Napi::TypeError::New(env, std::string(binding) + " takes " + std::to_string(first) +
                                        " arguments and " + std::to_string(perLayer) +
                                        " per layer");
  }
  std::vector<ChainLayer> layers((info.Length() - first) / perLayer);
  int64_t width = inputs;
  for (size_t i = 0; i < layers.size(); ++i) {
    const size_t at = first + i * perLayer;
    ChainLayer& layer = layers[i];
    layer.units = Integer(info, at + 4, "units");
    const int64_t weights = Product(env, {width, layer.units}, "kernel");
    layer.kernel = Floats(info, at, weights, "kernel");
    layer.bias = OptionalFloats(info, at + 1, layer.units, "bias");
    layer.dKernel = Floats(info, at + 2, weights, "dKernel");
    layer.dBias = OptionalFloats(info, at + 3, layer.units, "dBias");
    if ((layer.bias == nullptr) != (layer.dBias == nullptr)) {
      throw Napi::TypeError::New(env, "bias and dBias must both be given or both be null");
    }
    layer.relu = info[at + 5].ToBoolean().Value();
    const double rate = Real(info, at + 6, "dropoutRate");
    if (!(rate >= 0.0 && rate < 1.0)) throw Napi::RangeError::New(env, "dropoutRate must be in [0, 1)");
    layer.dropoutRate = rate;
    layer.dropoutState = static_cast<uint32_t>(Integer(info, at + 7, "dropoutState"));
    if (withAdam) {
      layer.kernelM = Floats(info, at + 8, weights, "kernelM");
      layer.kernelV = Floats(info, at + 9, weights, "kernelV");
      layer.biasM = OptionalFloats(info, at + 10, layer.units, "biasM");
      layer.biasV = OptionalFloats(info, at + 11, layer.units, "biasV");
      if ((layer.biasM == nullptr) != (layer.bias == nullptr) ||
          (layer.biasV == nullptr) != (layer.bias == nullptr)) {
        throw Napi::TypeError::New(env, "biasM and biasV must be given exactly with a bias");
      }
    }
    width = layer.units;
  }
  return layers;
}

// The Adam attributes at `index`: a Float64Array of `count` numbers (alpha, beta1, beta2,
// epsilon, or the last three), copied into an AdamAttrs from its `first` field on.
AdamAttrs Adam(const Napi::CallbackInfo& info, size_t index, int64_t count) {
  const double* values = Doubles(info, index, count, "adam");
  AdamAttrs adam{};
  double* fields[] = {&adam.alpha, &adam.beta1, &adam.beta2, &adam.epsilon};
  for (int64_t k = 0; k < count; ++k) *fields[4 - count + k] = values[k];
  return adam;
}

// denseChainGrad(x, labels, logits, n, inputs, low, high, adam | null, then the layers as
// ChainLayers reads them, with Adam's four arguments when adam (a Float64Array [alpha, beta1,
// beta2, epsilon]) is given) -> the mean loss; with adam the weights and moments are updated in
// place.
Napi::Value DenseChainGrad(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const auto [n, inputs] = Integers(info, 3, {"n", "inputs"});
  const bool withAdam = info.Length() > 7 && !info[7].IsNull() && !info[7].IsUndefined();
  const AdamAttrs adam = withAdam ? Adam(info, 7, 4) : AdamAttrs{};
  std::vector<ChainLayer> layers = ChainLayers(info, 8, inputs, withAdam, "denseChainGrad");
  const int64_t classes = layers.back().units;
  const float* x = Floats(info, 0, Product(env, {n, inputs}, "x"), "x");
  const float* labels = Floats(info, 1, Product(env, {n, classes}, "labels"), "labels");
  float* logits = Floats(info, 2, n * classes, "logits");
  const float loss = dendrite::DenseChainGrad(
      x, labels, n, inputs, layers.data(), static_cast<int64_t>(layers.size()),
      Real(info, 5, "low"), Real(info, 6, "high"), withAdam ? &adam : nullptr, logits);
  return Napi::Number::New(env, loss);
}

// denseChainSteps(x, labels, order | null, steps, seeds, losses, hits | null, inputs, low, high,
// adam, then the layers with Adam's arguments as ChainLayers reads them): steps is a Float64Array
// of [start, rows, alpha] per step, seeds an Int32Array of each step's dropout state per layer
// (as uint32 bits), adam a Float64Array [beta1, beta2, epsilon]; losses (and hits) a
// Float32Array with one entry per step. Every step's rows are checked (inside order, each entry
// a sample of x) before the first step runs.
Napi::Value DenseChainSteps(const Napi::CallbackInfo& info) {
  const Napi::Env env = info.Env();
  const int64_t inputs = Integer(info, 7, "inputs");
  const AdamAttrs adam = Adam(info, 10, 3);
  std::vector<ChainLayer> layers = ChainLayers(info, 11, inputs, true, "denseChainSteps");
  const auto layerCount = static_cast<int64_t>(layers.size());
  const int64_t classes = layers.back().units;
  const int64_t size = Length(info, 0, "x");
  if (inputs < 1 || size % inputs != 0) {
    throw Napi::RangeError::New(env, "inputs must be positive and divide x's length");
  }
  const int64_t samples = size / inputs;
  const float* x = Floats(info, 0, size, "x");
  const float* labels = Floats(info, 1, Product(env, {samples, classes}, "labels"), "labels");
  const bool ordered = !info[2].IsNull() && !info[2].IsUndefined();
  const int64_t positions = ordered ? Length(info, 2, "order") : samples;
  const int32_t* order = ordered ? Int32s(info, 2, positions, "order") : nullptr;
  const int64_t stepLength = Length(info, 3, "steps");
  if (stepLength < 3 || stepLength % 3 != 0) {
    throw Napi::RangeError::New(env, "steps must hold [start, rows, alpha] for each step");
  }
  const int64_t stepCount = stepLength / 3;
  const double* raw = Doubles(info, 3, stepLength, "steps");
  const auto* seeds = reinterpret_cast<const uint32_t*>(
      Int32s(info, 4, Product(env, {stepCount, layerCount}, "seeds"), "seeds"));
  float* losses = Floats(info, 5, stepCount, "losses");
  float* hits = OptionalFloats(info, 6, stepCount, "hits");
  std::vector<ChainStep> steps(static_cast<size_t>(stepCount));
  for (int64_t s = 0; s < stepCount; ++s) {
    const double start = raw[3 * s];
    const double rows = raw[3 * s + 1];
    // Range first (doubles compared as doubles), so nothing out of range is cast to an integer.
    if (!(start >= 0 && rows >= 1 && start + rows <= static_cast<double>(positions) &&
          start == std::floor(start) && rows == std::floor(rows))) {
      std::ostringstream message;
      message << "steps[" << s << "]: start " << start << " and rows " << rows
              << " must be integers, rows >= 1, start + rows <= " << positions;
      throw Napi::RangeError::New(env, message.str());
    }
    steps[static_cast<size_t>(s)] = ChainStep{static_cast<int64_t>(start),
                                              static_cast<int64_t>(rows), raw[3 * s + 2],
                                              seeds + s * layerCount};
    for (int64_t k = 0; ordered && k < static_cast<int64_t>(rows); ++k) {
      const int64_t at = static_cast<int64_t>(start) + k;
      if (order[at] < 0 || order[at] >= samples) {
        throw Napi::RangeError::New(env, "order[" + std::to_string(at) + "] = " +
                                             std::to_string(order[at]) + " is not a sample of x (" +
                                             std::to_string(samples) + " samples)");
      }
    }
  }
  dendrite::DenseChainSteps(x, labels, order, steps.data(), stepCount, inputs, layers.data(),
                            layerCount, Real(info, 8, "low"), Real(info, 9, "high"), adam, losses,
                            hits);
  return env.Undefined();
}

}  // namespace

void ExportChain(Napi::Env env, Napi::Object exports) {
  ExportAll<DenseChainGrad, DenseChainSteps>(env, exports, {"denseChainGrad", "denseChainSteps"});
}

}  // namespace dendrite::bind
