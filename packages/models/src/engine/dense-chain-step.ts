import { Dense, Dropout, Flatten, InputLayer, type LayerVariable } from '@dendrite/layers';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';
import type { Batch } from './epoch-iterator.js';
import { fusedLabels, PROBABILITY_EPSILON } from './fused-labels.js';
import { updateTrackers } from './trackers.js';

/** One Dense layer of a chain, with the Dropout layer (if any) right before it. */
interface ChainLink {
  readonly dense: Dense;
  readonly dropout: Dropout | undefined;
}

/** Whether `dense` can run inside the chain kernel: plain, float32, fully trainable, unregularized. */
function plainDense(dense: Dense, last: boolean): boolean {
  const activation = dense.activation.name;
  const weights = dense.weights;
  return (
    dense.constructor === Dense &&
    dense.kernel !== undefined &&
    (last || activation === 'linear' || activation === 'relu') &&
    dense.trainableWeights.length === weights.length &&
    weights.every((w) => w.regularizer === undefined && w.dtype === 'float32')
  );
}

/** A chain's Dense layers in order, and whether a channels-last Flatten reshapes its input first. */
interface DenseChain {
  readonly links: readonly ChainLink[];
  readonly flatten: boolean;
}

/** Whether `layer` is a plain channels-last Flatten (a reshape to `[n, features]`). */
function plainFlatten(layer: unknown): boolean {
  return (
    layer instanceof Flatten && layer.constructor === Flatten && layer.dataFormat === 'channelsLast'
  );
}

/**
 * The model as a chain `input → [Flatten] → [Dropout] → Dense → … → [Dropout] → Dense(softmax)` whose loss
 * is the fused softmax crossentropy with the default reduction and weight 1: the shape
 * `DendriteDenseChainGrad` computes in one kernel. `undefined` for anything else (another layer,
 * a branch, a shared or frozen layer, a regularizer, a fixed `training` argument, a Dropout with
 * a `noiseShape`, two Dropouts in a row, several inputs or outputs).
 */
function denseChain(topology: Topology, state: CompiledState): DenseChain | undefined {
  const output = state.outputs[0];
  const [input] = topology.inputs;
  if (topology.inputs.length !== 1 || state.outputs.length !== 1 || !output?.fused) return;
  if (output.lossWeight !== 1 || !['sumOverBatchSize', 'none'].includes(output.loss.reduction)) {
    return;
  }
  if (topology.layers.length !== topology.nodes.length) return;
  const links: ChainLink[] = [];
  let dropout: Dropout | undefined;
  let flatten = false;
  let previous = input;
  for (const node of topology.nodes) {
    const layer = node.layer;
    if (layer instanceof InputLayer) continue;
    if (node.inputs.length !== 1 || node.inputs[0] !== previous) return;
    if (node.callArgs.training !== undefined || !layer.trainable) return;
    if (plainFlatten(layer) && previous === input) {
      flatten = true;
    } else if (layer.constructor === Dropout && dropout === undefined) {
      const candidate = layer as Dropout;
      if (candidate.noiseShape !== undefined) return;
      dropout = candidate;
    } else if (layer instanceof Dense && plainDense(layer, layer === output.fused.layer)) {
      links.push({ dense: layer, dropout });
      dropout = undefined;
    } else {
      return;
    }
    previous = node.outputs[0];
  }
  const last = links.at(-1);
  if (dropout || last?.dense !== output.fused.layer || previous !== topology.outputs[0]) return;
  return { links, flatten };
}

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

/** A weight of the chain: its kernel input name and its variable. */
interface ChainWeight {
  readonly name: string;
  readonly value: tf.Variable;
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

/** `variable` takes `update`'s values; a no-op when the kernel wrote them into its own memory. */
function assignUnlessInPlace(variable: tf.Variable, update: tf.Tensor): void {
  if (update.dataId !== variable.dataId) variable.assign(update);
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
    weights.forEach(({ name }, i) => {
      const [m, v] = moments[i] as [tf.Variable, tf.Variable];
      inputs[tf.denseChainMomentName(name, 'm')] = m;
      inputs[tf.denseChainMomentName(name, 'v')] = v;
    });
    const [loss, logits, ...updates] = runChain(inputs, { ...attrs, adam });
    weights.forEach(({ value }, i) => {
      const [m, v] = moments[i] as [tf.Variable, tf.Variable];
      assignUnlessInPlace(m, updates[3 * i + 1] as tf.Tensor);
      assignUnlessInPlace(v, updates[3 * i + 2] as tf.Tensor);
      assignUnlessInPlace(value, updates[3 * i] as tf.Tensor);
    });
    return [loss as tf.Tensor, logits as tf.Tensor];
  });
}

/**
 * One training step of a Dense chain (see {@link denseChain}) through `DendriteDenseChainGrad`:
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
  const { links } = chain;
  const classes = (links.at(-1) as ChainLink).dense.units;
  const rows = data.shape[0] as number;
  const rankFits = chain.flatten ? data.rank >= 2 : data.rank === 2;
  if (data.dtype !== 'float32' || !rankFits || !labelsFit(y, sparse, rows, classes)) return false;
  tf.tidy(() => {
    const x = data.rank === 2 ? data : tf.reshape(data, [rows, data.size / rows]);
    const labels = fusedLabels(y, sparse, 2, classes);
    const inputs: tf.NamedTensorMap = { x, labels };
    const weights: ChainWeight[] = [];
    const layers = links.map(({ dense, dropout }, i) => {
      const kernel = dense.kernel as LayerVariable;
      weights.push({ name: tf.denseChainInputName('kernel', i), value: kernel.read() });
      if (dense.bias)
        weights.push({ name: tf.denseChainInputName('bias', i), value: dense.bias.read() });
      const rate = dropout?.rate ?? 0;
      const size = rows * (kernel.shape[0] as number);
      return {
        activation: dense.activation.name === 'relu' ? 'relu' : 'linear',
        hasBias: dense.bias !== undefined,
        dropoutRate: rate,
        dropoutSeed: dropout && rate > 0 ? dropout.maskSeed(size) : 0,
      } satisfies tf.DenseChainLayer;
    });
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
