import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, configMessage, ShapeError } from '../errors.js';
import type { AdamUpdateAttrs } from './adam-update.js';
import { checkDenseChain, type DenseChain, type DenseChainLayer } from './dense-chain-checks.js';

/**
 * Name of Dendrite's several-steps kernel for a chain of Dense layers trained with Adam: what
 * `DendriteDenseChainGrad` with its `adam` attribute does for one batch, done for several
 * batches in a row in one call (Keras' `steps_per_execution`), each batch's rows gathered from
 * the whole training data inside the call. Only `dendrite-native` registers it; the training
 * loop uses it when nothing watches single batches. The contract:
 * - inputs: `x` float32 `[N, d₀]` and `labels` float32 `[N, C]` (all the samples), optionally
 *   `order` int32 `[M]` (the epoch's sample order), and the weights with their Adam moments
 *   named as in `DendriteDenseChainGrad`;
 * - attrs: {@link DenseChainStepsAttrs};
 * - math: for each step `s` in order, the batch is rows `order[s.start … s.start + s.rows)` of
 *   `x` and `labels` (rows `s.start …` without `order`), and the step is exactly
 *   `DendriteDenseChainGrad` on it with `dropoutSeed = s.dropoutSeeds[i]` for layer `i` and the
 *   Adam attributes `{ alpha: s.alpha, …adam }`, on the weights the previous step left;
 * - outputs, in this order: `losses` float32 `[steps]` (each step's mean loss), `hits` float32
 *   `[steps]` (each step's categorical-accuracy hits, the rows where the first largest label is
 *   the first largest logit; zeros unless `accuracy`), then each weight's `[w', m', v']` after
 *   the last step (the inputs' own memory where the kernel writes in place).
 * Every input and attribute is checked, and every `order` entry a step reads, before the first
 * step changes anything.
 */
export const DendriteDenseChainSteps = 'DendriteDenseChainSteps';

/** One step of a {@link DendriteDenseChainSteps} call. */
export interface DenseChainStep {
  /** The batch's first position in `order` (in `x` without `order`). */
  readonly start: number;
  /** The batch's rows, at least 1. */
  readonly rows: number;
  /** The step's Adam `alpha` (`DendriteAdamUpdate`'s, for the step's iteration). */
  readonly alpha: number;
  /** Each layer's dropout seed for this step (read where the layer's rate is above 0). */
  readonly dropoutSeeds: readonly number[];
}

/** Attributes of {@link DendriteDenseChainSteps}. */
export interface DenseChainStepsAttrs {
  /** The layers, as in `DendriteDenseChainGrad` (their `dropoutSeed` unused: each step has its own). */
  readonly layers: readonly DenseChainLayer[];
  /** Keras' probability clip of the cross-entropy (`1e-7`). */
  readonly epsilon: number;
  /** Adam's `beta1`, `beta2` and `epsilon` (each step brings its `alpha`). */
  readonly adam: Omit<AdamUpdateAttrs, 'alpha'>;
  /** The steps, in order; at least one. */
  readonly steps: readonly DenseChainStep[];
  /** Whether to count each step's categorical-accuracy hits. */
  readonly accuracy: boolean;
}

/** A checked {@link DendriteDenseChainSteps} call. */
export interface DenseChainSteps {
  /** The chain, `x` and `labels` holding all the samples; its `adam` lacks `alpha`. */
  readonly chain: DenseChain;
  readonly order: tf.TensorInfo | undefined;
  readonly steps: readonly DenseChainStep[];
  readonly accuracy: boolean;
}

const KERNEL = DendriteDenseChainSteps;

function checkStep(step: DenseChainStep, index: number, layers: number, end: number): void {
  const where = `${KERNEL}: \`steps[${index}]\``;
  if (typeof step !== 'object' || step === null) {
    throw new ConfigError(`${where} must be an object; received ${String(step)}`);
  }
  const { start, rows, alpha, dropoutSeeds } = step;
  if (!Number.isInteger(start) || start < 0) {
    throw new ConfigError(configMessage(where, 'start', 'a non-negative integer', start));
  }
  if (!Number.isInteger(rows) || rows < 1 || start + rows > end) {
    throw new ConfigError(
      configMessage(where, 'rows', `an integer in [1, ${end - start}] (start ${start})`, rows),
    );
  }
  if (!Number.isFinite(alpha)) {
    throw new ConfigError(configMessage(where, 'alpha', 'a finite number', alpha));
  }
  const seedsFit =
    Array.isArray(dropoutSeeds) &&
    dropoutSeeds.length === layers &&
    dropoutSeeds.every((seed) => Number.isInteger(seed));
  if (!seedsFit) {
    throw new ConfigError(
      configMessage(where, 'dropoutSeeds', `an array of ${layers} integers`, dropoutSeeds),
    );
  }
}

/**
 * Checks a {@link DendriteDenseChainSteps} call: the chain as `DendriteDenseChainGrad` checks
 * it (with Adam, every weight's moments), `order` int32 of rank 1 when given, and each step's
 * rows inside `order` (else `x`), its `alpha` and one integer seed per layer. The `order`
 * entries themselves are checked by the backend, which reads them.
 */
export function checkDenseChainSteps(
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap | undefined,
): DenseChainSteps {
  const chain = checkDenseChain(KERNEL, inputs, attrs, {
    seeded: false,
    adamAlpha: false,
    extraInputs: ['order'],
  });
  if (chain.adam === undefined) {
    throw new ConfigError(configMessage(KERNEL, 'adam', 'an object of Adam attributes', undefined));
  }
  const order = inputs.order;
  if (order !== undefined && (order.dtype !== 'int32' || order.shape.length !== 1)) {
    throw new ShapeError(
      `${KERNEL}: \`order\` must be int32 of rank 1; received ${order.dtype} [${order.shape}]`,
    );
  }
  const { steps, accuracy } = attrs as unknown as DenseChainStepsAttrs;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ConfigError(configMessage(KERNEL, 'steps', 'a non-empty array', steps));
  }
  if (typeof accuracy !== 'boolean') {
    throw new ConfigError(configMessage(KERNEL, 'accuracy', 'a boolean', accuracy));
  }
  const end = (order ?? chain.x).shape[0] as number;
  steps.forEach((step, i) => {
    checkStep(step, i, chain.layers.length, end);
  });
  return { chain, order, steps, accuracy };
}
