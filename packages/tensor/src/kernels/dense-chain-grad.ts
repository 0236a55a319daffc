import type * as tf from '@tensorflow/tfjs-core';
import { type AdamUpdateAttrs, DendriteAdamUpdate } from './adam-update.js';
import {
  checkDenseChainGrad,
  type DenseChain,
  type DenseChainLayer,
} from './dense-chain-checks.js';
import { DirectKernels } from './direct-kernels.js';
import { registerIfAbsent } from './kernel-access.js';

/**
 * Name of Dendrite's whole-step kernel for a chain of Dense layers: the forward pass, the softmax
 * cross-entropy and the backward pass of one training batch in one engine kernel, for a model
 * `x → [dropout] → Dense → … → [dropout] → Dense(softmax)` trained on a categorical
 * cross-entropy. The contract, for every backend that registers it (cpu and wasm run
 * {@link denseChainGradKernel}, `dendrite-native` its own one-call version; others keep the
 * per-layer kernels):
 * - inputs: `x` float32 `[n, d₀]`, `labels` float32 `[n, C]`, and for each layer `i` its
 *   `kernel{i}` float32 `[dᵢ, dᵢ₊₁]` and, when it has one, `bias{i}` float32 `[dᵢ₊₁]`
 *   ({@link denseChainInputName});
 * - attrs: {@link DenseChainGradAttrs};
 * - math: layer `i` takes `aᵢ` (`a₀ = x`), applies inverted dropout when its `dropoutRate` is
 *   above 0 (the mask of `DendriteDropout` drawn from `dropoutSeed`, `scale = fround(1/(1−rate))`),
 *   then `aᵢ₊₁ = act(dropped · kernel + bias)`; the last layer's output is the logits, and
 *   `loss = mean over rows of DendriteSoftmaxCrossEntropy(logits, labels, epsilon)`;
 * - outputs, in this order: `loss` (a float32 scalar), `logits` `[n, C]`, then for each layer
 *   `dKernel` and, when it has a bias, `dBias`: the gradients of `loss`, as autodiff of the
 *   per-layer kernels computes them.
 * - with the `adam` attribute, the kernel also takes each weight's Adam moments (inputs
 *   `kernel{i}_m`, `kernel{i}_v`, `bias{i}_m`, `bias{i}_v`) and applies `DendriteAdamUpdate` to
 *   every weight with its gradient: the outputs after `loss` and `logits` are then each weight's
 *   `[w', m', v']` instead of its gradient (written into the inputs' own memory where that
 *   kernel does so).
 */
export const DendriteDenseChainGrad = 'DendriteDenseChainGrad';

export {
  checkDenseChainGrad,
  type DenseChain,
  type DenseChainLayer,
  type DenseChainWeight,
  denseChainMomentName,
} from './dense-chain-checks.js';

/** Attributes of {@link DendriteDenseChainGrad}. */
export interface DenseChainGradAttrs {
  /** The layers, first to last; the last one's activation is `'linear'` (its softmax is in the loss). */
  readonly layers: readonly DenseChainLayer[];
  /** Keras' probability clip of the cross-entropy (`1e-7`), as in `DendriteSoftmaxCrossEntropy`. */
  readonly epsilon: number;
  /** The Adam step to apply to every weight (the attributes of `DendriteAdamUpdate`); none: gradients out. */
  readonly adam?: AdamUpdateAttrs;
}

/** The input name of layer `layer`'s kernel or bias in {@link DendriteDenseChainGrad}. */
export function denseChainInputName(weight: 'kernel' | 'bias', layer: number): string {
  return `${weight}${layer}`;
}

/** The forward pass: each layer's (dropped-out) input, its output, and its dropout's backward. */
function forward(chain: DenseChain, kernels: DirectKernels) {
  const inputs: tf.TensorInfo[] = [];
  const outputs: tf.TensorInfo[] = [];
  const dropoutGrads: (((dy: tf.TensorInfo) => tf.TensorInfo) | undefined)[] = [];
  let a = chain.x;
  for (const layer of chain.layers) {
    const { dropoutRate: rate, dropoutSeed: seed } = layer.spec;
    const dropped = rate > 0 ? kernels.dropout(a, rate, seed) : undefined;
    if (dropped) a = dropped.y;
    dropoutGrads.push(dropped?.backward);
    inputs.push(a);
    const operands: tf.NamedTensorInfoMap = { a, b: layer.kernel };
    if (layer.bias) operands.bias = layer.bias;
    a = kernels.product(operands, { activation: layer.spec.activation });
    outputs.push(a);
  }
  return { inputs, outputs, dropoutGrads };
}

/**
 * {@link DendriteDenseChainGrad} on the backend named `backendName`: the kernels the per-layer
 * path dispatches one by one through the engine (`DendriteMatMul`, the softmax cross-entropy
 * pair, dropout and the Dense backward, each the backend's fused one where it has it), called
 * here directly in the same order on the same values, so the results are those of the per-layer
 * path to the bit, without the engine's bookkeeping, tape and scopes around each kernel.
 */
export function denseChainGradKernel(backendName: string): tf.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const chain = checkDenseChainGrad(inputs, attrs);
    const kernels = new DirectKernels(backend as tf.KernelBackend, backendName);
    let outputs: tf.TensorInfo[] = [];
    try {
      const pass = forward(chain, kernels);
      const logits = pass.outputs.at(-1) as tf.TensorInfo;
      const [loss, dLogits] = kernels.crossEntropy(logits, chain.labels, chain.epsilon);
      const grads: tf.TensorInfo[] = [];
      let dy = dLogits as tf.TensorInfo;
      for (let i = chain.layers.length - 1; i >= 0; i--) {
        const layer = chain.layers[i] as DenseChain['layers'][number];
        const [dx, ...weightGrads] = kernels.denseGrad({
          dy,
          x: pass.inputs[i] as tf.TensorInfo,
          kernel: layer.kernel,
          out: pass.outputs[i] as tf.TensorInfo,
          spec: layer.spec,
          inputGradient: i > 0,
        });
        grads.unshift(...(weightGrads as tf.TensorInfo[]));
        if (!dx) break;
        const dropoutGrad = pass.dropoutGrads[i];
        dy = dropoutGrad ? dropoutGrad(dx) : dx;
      }
      const adam = chain.adam;
      const updates = adam
        ? chain.weights.flatMap(({ value, moments }, i) => {
            const [m, v] = moments as [tf.TensorInfo, tf.TensorInfo];
            const gradient = grads[i] as tf.TensorInfo;
            return kernels.run(DendriteAdamUpdate, { variable: value, gradient, m, v }, adam);
          })
        : grads;
      outputs = [loss as tf.TensorInfo, logits, ...updates];
      return outputs;
    } finally {
      kernels.dispose(outputs);
    }
  };
}

/** Registers {@link DendriteDenseChainGrad} for the cpu and wasm backends (idempotent). */
export function registerDenseChainGradKernels(): void {
  for (const backendName of ['cpu', 'wasm']) {
    registerIfAbsent(DendriteDenseChainGrad, backendName, denseChainGradKernel(backendName));
  }
}
