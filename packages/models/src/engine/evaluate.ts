import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import type { Topology } from '../topology.js';
import { BatchBuilder, batchCount, batchRange } from './batching.js';
import { type CompiledState, readLogs, resetMetrics } from './compile.js';
import {
  checkClassIndices,
  checkFinite,
  checkSampleCounts,
  checkShapes,
  type HostArray,
  hostLength,
  sampleWeightsFor,
  toHost,
  toList,
} from './data.js';
import { computeLosses, updateTrackers } from './step.js';

/** Config of `model.evaluate`. */
export interface ModelEvaluateArgs {
  /** Samples per batch. @defaultValue 32 */
  readonly batchSize?: number;
  /** 0 silent; 1 or 2 print the results. @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** One weight per sample multiplying its loss and metrics. @defaultValue none */
  readonly sampleWeight?: tf.Tensor;
}

/** Inputs, targets and per-output sample weights, copied to the host and checked. */
export interface HostData {
  readonly xs: HostArray[];
  readonly ys: HostArray[];
  readonly weights: (HostArray | undefined)[];
}

/**
 * Checks `x` and `y` against the model (count, shapes, sample counts), reads them to the host
 * once, rejects NaN and out-of-range class indices, and resolves sample and class weights.
 */
export async function prepareData(
  model: LayersModel,
  state: CompiledState,
  owner: string,
  x: unknown,
  y: unknown,
  sampleWeight: tf.Tensor | undefined,
  classWeight: Readonly<Record<number, number>> | undefined,
): Promise<HostData> {
  const xs = toList(owner, 'x', x);
  const ys = toList(owner, 'y', y);
  model.buildFor(xs.map((t) => t.shape));
  const topology = model.getTopology();
  checkShapes(owner, 'x', topology.inputs, xs);
  checkShapes(owner, 'y', topology.outputs, ys, false);
  const groups: [string, tf.Tensor[]][] = [
    ['x', xs],
    ['y', ys],
  ];
  if (sampleWeight) groups.push(['sampleWeight', [sampleWeight]]);
  checkSampleCounts(owner, groups);
  if (classWeight && ys.length > 1) {
    throw new tf.ConfigError(
      `${owner}: \`classWeight\` is supported only for models with one output; this one has ${ys.length}`,
    );
  }
  const hostX = await Promise.all(xs.map(toHost));
  const hostY = await Promise.all(ys.map(toHost));
  hostX.forEach((a, i) => {
    checkFinite(owner, xs.length > 1 ? `x[${i}]` : 'x', a);
  });
  hostY.forEach((a, i) => {
    const label = ys.length > 1 ? `y[${i}]` : 'y';
    checkFinite(owner, label, a);
    const classes = state.outputs[i]?.sparseClasses;
    if (classes !== undefined) checkClassIndices(owner, label, a, classes);
  });
  const hostW = sampleWeight ? await toHost(sampleWeight) : undefined;
  if (hostW) checkFinite(owner, 'sampleWeight', hostW);
  const weights = hostY.map((labels) => sampleWeightsFor(owner, labels, classWeight, hostW));
  return { xs: hostX, ys: hostY, weights };
}

/**
 * Loss and metrics over host data in batches, without training: one asynchronous read per
 * tracker at the end. Resets the model's metrics first. Keys get `prefix` (`val_` inside `fit`).
 */
export async function evaluateHost(
  topology: Topology,
  state: CompiledState,
  data: HostData,
  batchSize: number,
  prefix = '',
): Promise<Record<string, number>> {
  resetMetrics(state);
  const n = hostLength(data.xs[0] as HostArray);
  const sources = [...data.xs, ...data.ys, ...data.weights.filter((w) => w !== undefined)];
  const builder = new BatchBuilder(sources, batchSize);
  const inputCount = data.xs.length;
  const outputCount = data.ys.length;
  for (let b = 0; b < batchCount(n, batchSize); b++) {
    const [start, end] = batchRange(b, batchSize, n);
    const tensors = builder.take(undefined, start, end);
    try {
      tf.tidy(() => {
        const xs = tensors.slice(0, inputCount);
        const ys = tensors.slice(inputCount, inputCount + outputCount);
        let w = inputCount + outputCount;
        const weights = data.weights.map((a) => (a ? tensors[w++] : undefined));
        const result = computeLosses(topology, state, xs, ys, weights, false);
        updateTrackers(state, result, ys, weights, end - start);
      });
    } finally {
      tf.dispose(tensors);
    }
  }
  return readLogs(state, prefix);
}

/** `model.evaluate`: loss and metrics keyed like the logs. */
export async function evaluateModel(
  model: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
  args: ModelEvaluateArgs,
): Promise<Record<string, number>> {
  const owner = `${model.name}.evaluate`;
  const state = model.requireCompiled('evaluate');
  const batchSize = tf.checkNumber(owner, 'batchSize', args.batchSize ?? 32, {
    integer: true,
    min: 1,
  });
  const data = await prepareData(model, state, owner, x, y, args.sampleWeight, undefined);
  const logs = await evaluateHost(model.getTopology(), state, data, batchSize);
  if ((args.verbose ?? 1) > 0) {
    console.log(
      Object.entries(logs)
        .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
        .join(' - '),
    );
  }
  return logs;
}
