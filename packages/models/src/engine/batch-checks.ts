import * as tf from '@dendrite/tensor';
import type { Topology } from '../topology.js';
import type { CompiledState } from './compile.js';
import { checkSampleCounts, checkShapes } from './data.js';
import type { EngineModel } from './engine-model.js';

/** How a batch's parts are named in messages: `x`/`y` for `fit`, `xs`/`ys` for datasets. */
export interface BatchLabels {
  readonly x: string;
  readonly y: string;
  /** Owner of the sample-count message (`"m.fitDataset (batch 3)"`); defaults to the owner. */
  readonly counts?: string;
}

const PLAIN: BatchLabels = { x: 'x', y: 'y' };

/**
 * Sparse crossentropy takes class ids (`[n]` or `[n, 1]`); one-hot labels are the most common
 * beginner mistake, and past this point they fail deep inside the loss with a raw shape error.
 */
export function checkSparseLabels(
  owner: string,
  state: CompiledState | undefined,
  topology: Topology,
  ys: readonly tf.Tensor[],
): void {
  state?.outputs.forEach((output, i) => {
    const y = ys[i];
    const outputRank = topology.outputs[i]?.shape.length;
    if (output.sparseClasses === undefined || !y || y.rank !== outputRank) return;
    const last = y.shape[y.rank - 1];
    if (last === 1) return;
    const lead = ['n', ...y.shape.slice(1, -1)].join(',');
    const got = last === output.sparseClasses ? 'one-hot' : 'shape';
    throw new tf.ShapeError(
      `${owner}: sparse_categorical_crossentropy expects integer class ids of shape [${lead}] or [${lead},1]; got ${got} [${y.shape.join(',')}]: use categorical_crossentropy or argmax`,
    );
  });
}

/**
 * Checks one batch against the model, building a lazy Sequential from it first: input count
 * and shapes, output count, sparse labels, equal sample counts. Returns the sample count.
 */
export function checkBatch(
  owner: string,
  model: EngineModel,
  state: CompiledState | undefined,
  xs: readonly tf.Tensor[],
  ys: readonly tf.Tensor[] | undefined,
  labels: BatchLabels = PLAIN,
  extra: ReadonlyArray<readonly [string, readonly tf.Tensor[]]> = [],
): number {
  model.buildFor(xs.map((t) => t.shape));
  const topology = model.getTopology();
  checkShapes(owner, labels.x, topology.inputs, xs);
  const groups: [string, readonly tf.Tensor[]][] = [[labels.x, xs]];
  if (ys) {
    checkShapes(owner, labels.y, topology.outputs, ys, false);
    checkSparseLabels(owner, state, topology, ys);
    groups.push([labels.y, ys]);
  }
  return checkSampleCounts(labels.counts ?? owner, [...groups, ...extra]);
}

/**
 * The inputs in the dtypes of the model's input layers: as Keras does, integer and boolean data
 * fed to a float input is cast. Only the casts are new tensors (the caller frees those).
 */
export function castInputs(topology: Topology, xs: readonly tf.Tensor[]): tf.Tensor[] {
  return xs.map((x, i) => {
    const dtype = topology.inputs[i]?.dtype ?? 'float32';
    return x.dtype === dtype ? x : tf.cast(x, dtype);
  });
}
