import type { AccuracyLabels } from '@dendrite/metrics';
import * as optimizers from '@dendrite/optimizers';
import * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';
import type { HostArray } from './data.js';
import {
  addMoments,
  assignAdamUpdates,
  chainClasses,
  chainLayerSpecs,
  chainWeights,
  type DenseChain,
  denseChain,
  drawDropoutSeeds,
} from './dense-chain.js';
import { ArrayEpochs, type EpochIterator, type EpochPlan } from './epoch-iterator.js';
import { PROBABILITY_EPSILON } from './fused-labels.js';
import { now } from './pacer.js';

/** Steps in the first group, before a step's time is known. */
const FIRST_GROUP = 4;
/** What a group aims to take: well inside the 50 ms between the training loop's yields. */
const GROUP_MS = 20;
/** The most steps one group runs. */
const MAX_GROUP = 1024;

/**
 * The most values the one-hot copy of class-index labels may hold (64 MiB of float32); beyond
 * that each step makes its own, one at a time.
 */
const MAX_ONE_HOT = 2 ** 24;

/** Class indices (checked integers in `[0, classes)`) as float32 one-hot rows. */
function oneHot(indices: ArrayLike<number>, classes: number): Float32Array {
  const rows = new Float32Array(indices.length * classes);
  for (let i = 0; i < indices.length; i++) rows[i * classes + (indices[i] as number)] = 1;
  return rows;
}

/** Label rows as float32: int32 ones (a cast to float32 that kept its integers) are copied once. */
function floatRows(values: Float32Array | Int32Array): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Whether every weight of the model is free of constraints (the steps kernel applies none). */
function unconstrained(topology: Topology): boolean {
  return topology.layers.every((layer) => layer.weights.every((w) => w.constraint === undefined));
}

/**
 * Several training steps of a Dense chain per kernel call (`DendriteDenseChainSteps`, Keras'
 * `steps_per_execution`), for a `fit` on host arrays whose steps nothing watches one by one:
 * each step is exactly the one `denseChainStep` runs with plain Adam (same batches, dropout
 * seeds, Adam attributes and tracker updates, in the same order), so the weights and logs are
 * the same to the bit whatever the grouping. A group is sized to take about {@link GROUP_MS}.
 */
export class DenseChainGroups {
  private size = FIRST_GROUP;

  private constructor(
    private readonly topology: Topology,
    private readonly state: CompiledState,
    /** The run's batches. */
    readonly train: ArrayEpochs,
    /** The one-hot labels of all the samples, float32. */
    private readonly labels: Float32Array,
    /** The labels the data came as, which the accuracy metrics count hits of. */
    private readonly kind: AccuracyLabels,
    private readonly optimizer: optimizers.Adam,
  ) {}

  /**
   * The groups for a run of `train`, or `undefined` when a step must run alone: the backend
   * lacks the kernel; the data is not one float32 input and one-hot labels (or class indices,
   * at most {@link MAX_ONE_HOT} values once one-hot) without sample or class weights; the model
   * is not a chain (see `denseChain`) trained by Adam, or has constraints; or a metric other
   * than the accuracy of those labels is compiled.
   */
  static of(
    topology: Topology,
    state: CompiledState,
    train: EpochIterator,
  ): DenseChainGroups | undefined {
    if (!(train instanceof ArrayEpochs) || !(state.optimizer instanceof optimizers.Adam)) return;
    if (!tf.hasDendriteKernel(tf.DendriteDenseChainSteps)) return;
    const chain = denseChain(topology, state);
    const output = state.outputs[0];
    const { xs, ys, weights } = train.data;
    const [x] = xs;
    const [y] = ys;
    const sparse = output?.fused?.sparse;
    if (!chain || !output || sparse === undefined || !x || !y) return;
    if (xs.length !== 1 || ys.length !== 1 || weights.some((w) => w !== undefined)) return;
    const classes = chainClasses(chain);
    const features = chain.links[0]?.dense.kernel?.shape[0];
    const xFits = x.dtype === 'float32' && (chain.flatten || x.shape.length === 2);
    const yFits = sparse
      ? y.rowSize === 1 && y.shape.length <= 2 && y.data.length * classes <= MAX_ONE_HOT
      : y.shape.length === 2 && y.rowSize === classes;
    if (!xFits || !yFits || x.rowSize !== features || !unconstrained(topology)) return;
    const kind: AccuracyLabels = sparse ? 'sparse' : 'categorical';
    const metrics = output.metrics;
    if (!metrics.every((metric) => metric.countsAccuracyHits?.(kind, classes) === true)) return;
    const labels = sparse ? oneHot(y.data, classes) : floatRows(y.data);
    return new DenseChainGroups(topology, state, train, labels, kind, state.optimizer);
  }

  /**
   * Runs the steps of `plan` from `first` on, at most `limit` of them, in one kernel call, and
   * feeds each step's loss and hits to the trackers in order. Returns the steps run: 0 when the
   * model no longer fits (a callback froze a layer, or gave a weight a constraint or a
   * regularizer, since the run began) or the optimizer's step is not the plain Adam rule
   * (AMSGrad, clipping, …); the caller then runs step `first` by itself.
   */
  run(plan: EpochPlan, first: number, limit: number): number {
    const chain = denseChain(this.topology, this.state);
    if (!chain || !unconstrained(this.topology)) return 0;
    const count = Math.max(1, Math.min(this.size, limit, plan.ranges.length - first));
    const started = now();
    const results = tf.tidy(() => this.call(chain, plan, first, count));
    if (results === undefined) return 0;
    const [losses, hits] = results;
    const state = this.state;
    const output = state.outputs[0];
    for (let k = 0; k < count; k++) {
      const [start, end] = plan.ranges[first + k] as readonly [number, number];
      const loss = losses[k] as number;
      state.lossTracker.updateMean(loss, end - start);
      output?.lossTracker?.updateMean(loss, end - start);
      for (const metric of output?.metrics ?? []) {
        metric.addAccuracyHits?.(this.kind, hits[k] as number, end - start);
      }
    }
    const perStep = (now() - started) / count;
    this.size = Math.max(1, Math.min(MAX_GROUP, Math.floor(GROUP_MS / Math.max(perStep, 1e-3))));
    return count;
  }

  /** The kernel call of {@link run}: each step's loss and hits, or `undefined` (see there). */
  private call(
    chain: DenseChain,
    plan: EpochPlan,
    first: number,
    count: number,
  ): [Float32Array, Float32Array] | undefined {
    const { state, train, labels } = this;
    const x = train.data.xs[0] as HostArray;
    const samples = x.shape[0] as number;
    const inputs: tf.NamedTensorMap = {
      x: tf.tensor(x.data, [samples, x.rowSize], 'float32'),
      labels: tf.tensor(labels, [samples, labels.length / samples], 'float32'),
    };
    if (plan.order) inputs.order = tf.tensor(plan.order, [plan.order.length], 'int32');
    const weights = chainWeights(chain);
    for (const { name, value } of weights) inputs[name] = value;
    const variables = weights.map(({ value }) => value);
    return this.optimizer.applyFusedSteps(count, variables, (adamSteps, moments) => {
      addMoments(inputs, weights, moments);
      const steps = adamSteps.map(({ alpha }, k): tf.DenseChainStep => {
        const [start, end] = plan.ranges[first + k] as readonly [number, number];
        return {
          start,
          rows: end - start,
          alpha,
          dropoutSeeds: drawDropoutSeeds(chain, end - start),
        };
      });
      const { beta1, beta2, epsilon } = adamSteps[0] as tf.AdamUpdateAttrs;
      const attrs: tf.DenseChainStepsAttrs = {
        layers: chainLayerSpecs(chain),
        epsilon: PROBABILITY_EPSILON,
        adam: { beta1, beta2, epsilon },
        steps,
        accuracy: (state.outputs[0]?.metrics.length ?? 0) > 0,
      };
      const [losses, hits, ...updates] = tf
        .engine()
        .runKernel(
          tf.DendriteDenseChainSteps,
          inputs,
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      assignAdamUpdates(weights, moments, updates);
      return [
        (losses as tf.Tensor).dataSync() as Float32Array,
        (hits as tf.Tensor).dataSync() as Float32Array,
      ];
    });
  }
}
