// A whole training step of a Dense chain in one call (DendriteDenseChainGrad): the same kernels,
// in the same order, as the per-layer native path, so the numbers are the same to the bit; every
// intermediate lives in buffers kept from one step to the next.
#include <algorithm>
#include <vector>

#include "kernels.h"

namespace dendrite {

namespace {

// One layer's intermediates: its (dropped-out) input, output and dropout mask, kept between
// calls so a training loop's steps reuse the same memory.
struct LayerScratch {
  std::vector<float> dropped, out;
  std::vector<uint8_t> mask;
};

// The chain's scratch: per layer, the row losses, and two buffers the gradient flowing back
// alternates between (the one read and the one written).
struct ChainScratch {
  std::vector<LayerScratch> layers;
  std::vector<const float*> layerInputs, layerOutputs;
  std::vector<float> rowLoss, rowShare, gradient, nextGradient;
};

float* Sized(std::vector<float>& buffer, int64_t size) {
  buffer.resize(static_cast<size_t>(size));
  return buffer.data();
}

// This thread's chain scratch, reused by every call.
ChainScratch& Scratch() {
  thread_local ChainScratch scratch;
  return scratch;
}

// Grows the chain's scratch to what a step of n rows needs, so that such a step (and any smaller
// one) finds its buffers in place: running out of memory for them happens here, before any
// weight changes.
void ReserveChain(int64_t n, int64_t inputs, const ChainLayer* layers, int64_t layerCount) {
  ChainScratch& scratch = Scratch();
  scratch.layers.resize(static_cast<size_t>(layerCount));
  scratch.layerInputs.reserve(static_cast<size_t>(layerCount));
  scratch.layerOutputs.reserve(static_cast<size_t>(layerCount));
  int64_t width = inputs;
  int64_t widest = inputs;
  for (int64_t i = 0; i < layerCount; ++i) {
    LayerScratch& own = scratch.layers[static_cast<size_t>(i)];
    if (layers[i].dropoutRate > 0.0) {
      own.dropped.reserve(static_cast<size_t>(n * width));
      own.mask.reserve(static_cast<size_t>(n * width));
    }
    own.out.reserve(static_cast<size_t>(n * layers[i].units));
    width = layers[i].units;
    widest = std::max(widest, width);
  }
  for (auto* buffer : {&scratch.rowLoss, &scratch.rowShare}) buffer->reserve(static_cast<size_t>(n));
  for (auto* buffer : {&scratch.gradient, &scratch.nextGradient}) {
    buffer->reserve(static_cast<size_t>(n * widest));
  }
  ReserveDenseGrad(n * widest);
}

}  // namespace

float DenseChainGrad(const float* x, const float* labels, int64_t n, int64_t inputs,
                     const ChainLayer* layers, int64_t layerCount, double low, double high,
                     const AdamAttrs* adam, float* logits) {
  ChainScratch& scratch = Scratch();
  scratch.layers.resize(static_cast<size_t>(layerCount));
  // Forward: each layer's input (dropped out where asked) and output.
  std::vector<const float*>& layerInputs = scratch.layerInputs;
  std::vector<const float*>& layerOutputs = scratch.layerOutputs;
  layerInputs.resize(static_cast<size_t>(layerCount));
  layerOutputs.resize(static_cast<size_t>(layerCount));
  const float* a = x;
  int64_t width = inputs;
  for (int64_t i = 0; i < layerCount; ++i) {
    const ChainLayer& layer = layers[i];
    LayerScratch& own = scratch.layers[static_cast<size_t>(i)];
    if (layer.dropoutRate > 0.0) {
      float* dropped = Sized(own.dropped, n * width);
      own.mask.resize(static_cast<size_t>(n * width));
      Dropout(a, dropped, own.mask.data(), n * width, layer.dropoutState, layer.dropoutRate,
              static_cast<float>(1.0 / (1.0 - layer.dropoutRate)));
      a = dropped;
    }
    layerInputs[static_cast<size_t>(i)] = a;
    float* out = i == layerCount - 1 ? logits : Sized(own.out, n * layer.units);
    BatchMatMul(a, layer.kernel, out, 1, 1, 1, n, layer.units, width, false, false);
    if (layer.bias != nullptr || layer.relu) {
      BiasActivation(out, n * layer.units, layer.bias, layer.units, layer.relu ? kRelu : kLinear,
                     0.0f);
    }
    layerOutputs[static_cast<size_t>(i)] = out;
    a = out;
    width = layer.units;
  }
  // The mean cross-entropy (row losses summed in float64, as the loss kernel does) and its
  // gradient, each row getting an equal float32 share of the upstream 1.
  const int64_t classes = width;
  float* share = Sized(scratch.rowShare, n);
  std::fill(share, share + n, static_cast<float>(1.0 / static_cast<double>(n > 0 ? n : 1)));
  float* rowLoss = Sized(scratch.rowLoss, n);
  float* dy = Sized(scratch.gradient, n * classes);
  SoftmaxCrossEntropyWithGrad(share, logits, labels, rowLoss, dy, n, classes, low, high);
  double total = 0.0;
  for (int64_t row = 0; row < n; ++row) total += rowLoss[row];
  const float loss = static_cast<float>(total / static_cast<double>(n > 0 ? n : 1));
  // Backward, last layer first; the first layer's input gradient is not needed.
  for (int64_t i = layerCount - 1; i >= 0; --i) {
    const ChainLayer& layer = layers[i];
    const int64_t in = i == 0 ? inputs : layers[i - 1].units;
    float* dx = i > 0 ? Sized(scratch.nextGradient, n * in) : nullptr;
    DenseGrad(dy, layerInputs[static_cast<size_t>(i)], layer.kernel,
              layer.relu ? layerOutputs[static_cast<size_t>(i)] : nullptr, layer.dKernel,
              layer.dBias, dx, n, in, layer.units);
    // dx is computed: the layer's weights may change.
    if (adam != nullptr) {
      AdamUpdateInPlace(layer.kernel, layer.dKernel, layer.kernelM, layer.kernelV,
                        in * layer.units, *adam);
      if (layer.bias != nullptr) {
        AdamUpdateInPlace(layer.bias, layer.dBias, layer.biasM, layer.biasV, layer.units, *adam);
      }
    }
    if (dx == nullptr) break;
    if (layer.dropoutRate > 0.0) {
      // dy is spent: its buffer takes the dropout's backward.
      dy = Sized(scratch.gradient, n * in);
      DropoutGrad(dx, scratch.layers[static_cast<size_t>(i)].mask.data(), dy, n * in,
                  static_cast<float>(1.0 / (1.0 - layer.dropoutRate)));
    } else {
      std::swap(scratch.gradient, scratch.nextGradient);
      dy = scratch.gradient.data();
    }
  }
  return loss;
}

void DenseChainSteps(const float* x, const float* labels, const int32_t* order,
                     const ChainStep* steps, int64_t stepCount, int64_t inputs, ChainLayer* layers,
                     int64_t layerCount, double low, double high, AdamAttrs adam, float* losses,
                     float* hits) {
  thread_local std::vector<float> batchX, batchLabels, logits;
  const int64_t classes = layers[layerCount - 1].units;
  // Every buffer sized for the largest step first, so no step stops for want of one.
  int64_t most = 0;
  for (int64_t s = 0; s < stepCount; ++s) most = std::max(most, steps[s].rows);
  ReserveChain(most, inputs, layers, layerCount);
  batchX.reserve(static_cast<size_t>(most * inputs));
  batchLabels.reserve(static_cast<size_t>(most * classes));
  logits.reserve(static_cast<size_t>(most * classes));
  for (int64_t s = 0; s < stepCount; ++s) {
    const ChainStep& step = steps[s];
    const int64_t n = step.rows;
    const float* stepX = x + step.start * inputs;
    const float* stepLabels = labels + step.start * classes;
    if (order != nullptr) {
      GatherRows(x, order + step.start, n, inputs, Sized(batchX, n * inputs));
      GatherRows(labels, order + step.start, n, classes, Sized(batchLabels, n * classes));
      stepX = batchX.data();
      stepLabels = batchLabels.data();
    }
    for (int64_t i = 0; i < layerCount; ++i) layers[i].dropoutState = step.seeds[i];
    adam.alpha = step.alpha;
    float* stepLogits = Sized(logits, n * classes);
    losses[s] = DenseChainGrad(stepX, stepLabels, n, inputs, layers, layerCount, low, high, &adam,
                               stepLogits);
    if (hits != nullptr) {
      hits[s] = static_cast<float>(SoftmaxAccuracyHits(stepLogits, stepLabels, n, classes));
    }
  }
}

}  // namespace dendrite
