import { Dense, Dropout, Flatten, InputLayer, type LayerVariable } from '@dendrite/layers';
import * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';

/** One Dense layer of a chain, with the Dropout layer (if any) right before it. */
export interface ChainLink {
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
export interface DenseChain {
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
export function denseChain(topology: Topology, state: CompiledState): DenseChain | undefined {
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

/** The chain's class count: its last layer's units. */
export function chainClasses(chain: DenseChain): number {
  return (chain.links.at(-1) as ChainLink).dense.units;
}

/** A weight of the chain: its kernel input name and its variable. */
export interface ChainWeight {
  readonly name: string;
  readonly value: tf.Variable;
}

/** Every weight of the chain in kernel input order: each layer's kernel, then its bias. */
export function chainWeights(chain: DenseChain): ChainWeight[] {
  return chain.links.flatMap(({ dense }, i) => {
    const kernel = (dense.kernel as LayerVariable).read();
    const weights = [{ name: tf.denseChainInputName('kernel', i), value: kernel }];
    if (dense.bias) {
      weights.push({ name: tf.denseChainInputName('bias', i), value: dense.bias.read() });
    }
    return weights;
  });
}

/** Each layer's spec, its `dropoutSeed` 0 (see {@link drawDropoutSeeds}). */
export function chainLayerSpecs(chain: DenseChain): tf.DenseChainLayer[] {
  return chain.links.map(({ dense, dropout }) => ({
    activation: dense.activation.name === 'relu' ? 'relu' : 'linear',
    hasBias: dense.bias !== undefined,
    dropoutRate: dropout?.rate ?? 0,
    dropoutSeed: 0,
  }));
}

/**
 * Each layer's dropout seed for a batch of `rows` (0 without dropout), drawn from its Dropout
 * layer as a training call on that batch would draw its mask: call once per step, in step order.
 */
export function drawDropoutSeeds(chain: DenseChain, rows: number): number[] {
  return chain.links.map(({ dense, dropout }) => {
    const size = rows * ((dense.kernel as LayerVariable).shape[0] as number);
    return dropout && dropout.rate > 0 ? dropout.maskSeed(size) : 0;
  });
}

/** Adds each weight's Adam moments to `inputs` under their kernel input names. */
export function addMoments(
  inputs: tf.NamedTensorMap,
  weights: readonly ChainWeight[],
  moments: ReadonlyArray<[tf.Variable, tf.Variable]>,
): void {
  weights.forEach(({ name }, i) => {
    const [m, v] = moments[i] as [tf.Variable, tf.Variable];
    inputs[tf.denseChainMomentName(name, 'm')] = m;
    inputs[tf.denseChainMomentName(name, 'v')] = v;
  });
}

/** `variable` takes `update`'s values; a no-op when the kernel wrote them into its own memory. */
function assignUnlessInPlace(variable: tf.Variable, update: tf.Tensor): void {
  if (update.dataId !== variable.dataId) variable.assign(update);
}

/** Each weight and its moments take the kernel's `[w', m', v']` outputs `updates`. */
export function assignAdamUpdates(
  weights: readonly ChainWeight[],
  moments: ReadonlyArray<[tf.Variable, tf.Variable]>,
  updates: readonly tf.Tensor[],
): void {
  weights.forEach(({ value }, i) => {
    const [m, v] = moments[i] as [tf.Variable, tf.Variable];
    assignUnlessInPlace(m, updates[3 * i + 1] as tf.Tensor);
    assignUnlessInPlace(v, updates[3 * i + 2] as tf.Tensor);
    assignUnlessInPlace(value, updates[3 * i] as tf.Tensor);
  });
}
