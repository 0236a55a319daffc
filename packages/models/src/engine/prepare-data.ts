import * as tf from '@dendrite/tensor';
import { checkBatch } from './batch-checks.js';
import type { CompiledState } from './compile.js';
import {
  checkClassIndices,
  type HostArray,
  hostArray,
  hostLength,
  hostRows,
  sampleWeightsFor,
  toHost,
  toList,
} from './data.js';
import type { EngineModel } from './engine-model.js';
import { NonFiniteWatch } from './nonfinite-watch.js';

/** Inputs, targets and per-output sample weights, copied to the host and checked. */
export interface HostData {
  readonly xs: HostArray[];
  readonly ys: HostArray[];
  readonly weights: (HostArray | undefined)[];
}

/** `array` in `dtype` (Keras casts integer and boolean inputs to the input's float dtype). */
function hostAs(array: HostArray, dtype: tf.DataType): HostArray {
  if (dtype === 'float32' && array.dtype === 'int32') {
    return hostArray(Float32Array.from(array.data), array.shape);
  }
  if (dtype === 'int32' && array.dtype === 'float32') {
    return hostArray(Int32Array.from(array.data, Math.trunc), array.shape);
  }
  return array;
}

/**
 * Checks `x` and `y` against the model (count, shapes, sample counts, sparse labels), reads
 * them to the host once, casts inputs to the input dtypes, rejects NaN and out-of-range class
 * indices, and resolves sample and class weights. `y` undefined: inputs only (`predict`).
 */
export async function prepareData(
  model: EngineModel,
  state: CompiledState | undefined,
  owner: string,
  x: unknown,
  y: unknown,
  sampleWeight: tf.Tensor | undefined,
  classWeight: Readonly<Record<number, number>> | undefined,
): Promise<HostData> {
  const xs = toList(owner, 'x', x);
  const ys = y === undefined ? [] : toList(owner, 'y', y);
  const extra: [string, tf.Tensor[]][] = sampleWeight ? [['sampleWeight', [sampleWeight]]] : [];
  checkBatch(owner, model, state, xs, y === undefined ? undefined : ys, undefined, extra);
  if (classWeight && ys.length > 1) {
    throw new tf.ConfigError(
      `${owner}: \`classWeight\` is supported only for models with one output; this one has ${ys.length}`,
    );
  }
  const inputs = model.getTopology().inputs;
  const hostX = await Promise.all(xs.map(toHost));
  const hostY = await Promise.all(ys.map(toHost));
  const watch = new NonFiniteWatch(owner);
  hostX.forEach((a, i) => {
    watch.observe(xs.length > 1 ? `x[${i}]` : 'x', a);
  });
  hostY.forEach((a, i) => {
    const label = ys.length > 1 ? `y[${i}]` : 'y';
    watch.observe(label, a);
    const classes = state?.outputs[i]?.sparseClasses;
    if (classes !== undefined) checkClassIndices(owner, label, a, classes);
  });
  const hostW = sampleWeight ? await toHost(sampleWeight) : undefined;
  if (hostW) watch.observe('sampleWeight', hostW);
  const weights = hostY.map((labels) => sampleWeightsFor(owner, labels, classWeight, hostW));
  const cast = hostX.map((a, i) => hostAs(a, inputs[i]?.dtype ?? 'float32'));
  return { xs: cast, ys: hostY, weights };
}

/** Samples of host data. */
export function hostSamples(data: HostData): number {
  return hostLength(data.xs[0] as HostArray);
}

/** Splits host data at sample `at` into `[first, rest]` (views, no copies). */
export function splitData(data: HostData, at: number): [HostData, HostData] {
  const n = hostSamples(data);
  const part = (start: number, end: number): HostData => ({
    xs: data.xs.map((a) => hostRows(a, start, end)),
    ys: data.ys.map((a) => hostRows(a, start, end)),
    weights: data.weights.map((a) => (a ? hostRows(a, start, end) : undefined)),
  });
  return [part(0, at), part(at, n)];
}
