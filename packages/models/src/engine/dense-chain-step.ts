import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';
import {
  addMoments,
  assignAdamUpdates,
  type ChainWeight,
  chainClasses,
  chainLayerSpecs,
  chainWeights,
  denseChain,
  drawDropoutSeeds,
} from './dense-chain.js';
import type { Batch } from './epoch-iterator.js';
import { fusedLabels, PROBABILITY_EPSILON } from './fused-labels.js';
import { updateTrackers } from './trackers.js';

/**
 * Whether the batch's labels fit the chain: `[rows, classes]` rows (categorical) or `rows` class
 * indices as `[rows]`/`[rows, 1]` (sparse). Labels that do not are left to the per-layer step,
 * whose loss names the mismatch.
 */
function labelsFit(y: tf.Tensor, sparse: boolean, rows: number, classes: number): boolean {
  if (y.dtype === 'string' || y.dtype === 'complex64' || y.shape[0] !== rows) return false;
  if (!sparse) return y.rank === 2 && y.shape[1] === classes;
  return y.rank === 1 || (y.rank === 2 && y.shape[1] === 1);
}

function runChain(inputs: tf.NamedTensorMap, attrs: object): tf.Tensor[] {
  const named = attrs as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(tf.DendriteDenseChainGrad, inputs, named) as tf.Tensor[];
}

/** The kernel's gradients applied by the optimizer, as `trainStep` applies them: `[loss, logits]`. */
function gradientStep(
  optimizer: optimizers.Optimizer,
  inputs: tf.NamedTensorMap,
  attrs: object,
  weights: readonly ChainWeight[],
): tf.Tensor[] {
  const [loss, logits, ...grads] = runChain(inputs, attrs);
  optimizer.applyGradients(weights.map(({ value }, i) => [grads[i] as tf.Tensor, value] as const));
  return [loss as tf.Tensor, logits as tf.Tensor];
}

/**
 * A plain Adam step inside the kernel (its `adam` mode): no gradient tensors, and each weight and
 * its moments updated in one pass, with the values `DendriteAdamUpdate` gives; the moments join
 * `inputs`. `[loss, logits]`, or `undefined` (and `inputs` untouched) when the optimizer's step
 * is anything else.
 */
function fusedAdamStep(
  optimizer: optimizers.Optimizer,
  inputs: tf.NamedTensorMap,
  attrs: object,
  weights: readonly ChainWeight[],
): tf.Tensor[] | undefined {
  if (!(optimizer instanceof optimizers.Adam)) return undefined;
  const variables = weights.map(({ value }) => value);
  return optimizer.applyFused(variables, (adam, moments) => {
    addMoments(inputs, weights, moments);
    const [loss, logits, ...updates] = runChain(inputs, { ...attrs, adam });
    assignAdamUpdates(weights, moments, updates);
    return [loss as tf.Tensor, logits as tf.Tensor];
  });
}

/**
 * One training step of a Dense chain (see `denseChain`) through `DendriteDenseChainGrad`:
 * forward, loss and gradients in one kernel, then the optimizer, the constraints and the trackers
 * as {@link trainStep} runs them, with the same values as the per-layer path. Returns `false`
 * without doing anything when the backend lacks the kernel or the model or batch do not fit
 * (sample weights, non-float32 or non-matrix data), so the caller runs the per-layer step.
 */
export function denseChainStep(topology: Topology, state: CompiledState, batch: Batch): boolean {
  if (!tf.hasDendriteKernel(tf.DendriteDenseChainGrad)) return false;
  const chain = denseChain(topology, state);
  const [data] = batch.xs;
  const [y] = batch.ys;
  if (!chain || !data || !y || batch.xs.length !== 1 || batch.weights[0] !== undefined)
    return false;
  const sparse = state.outputs[0]?.fused?.sparse === true;
  const classes = chainClasses(chain);
  const rows = data.shape[0] as number;
  const rankFits = chain.flatten ? data.rank >= 2 : data.rank === 2;
  if (data.dtype !== 'float32' || !rankFits || !labelsFit(y, sparse, rows, classes)) return false;
  tf.tidy(() => {
    const x = data.rank === 2 ? data : tf.reshape(data, [rows, data.size / rows]);
    const labels = fusedLabels(y, sparse, 2, classes);
    const inputs: tf.NamedTensorMap = { x, labels };
    const weights = chainWeights(chain);
    const seeds = drawDropoutSeeds(chain, rows);
    const layers = chainLayerSpecs(chain).map((spec, i) => ({
      ...spec,
      dropoutSeed: seeds[i] as number,
    }));
    for (const { name, value } of weights) inputs[name] = value;
    const attrs = { layers, epsilon: PROBABILITY_EPSILON };
    const [loss, logits] =
      fusedAdamStep(state.optimizer, inputs, attrs, weights) ??
      gradientStep(state.optimizer, inputs, attrs, weights);
    for (const layer of topology.layers) layer.applyConstraints();
    const result = {
      total: loss as tf.Scalar,
      outputLosses: [loss as tf.Scalar],
      predictions: [logits as tf.Tensor],
      masks: [null],
    };
    updateTrackers(state, result, batch.ys, batch.weights, batch.size);
  });
  return true;
}
