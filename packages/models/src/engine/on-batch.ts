import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import { readLogs, resetMetrics } from './compile.js';
import { checkSampleCounts, checkShapes, toList } from './data.js';
import { computeLosses, trainStep, updateTrackers } from './step.js';

/** The loss alone, or `[loss, ...metrics]` in log order, as tfjs-layers returns them. */
export type OnBatchResult = number | number[];

function result(logs: Record<string, number>): OnBatchResult {
  const values = Object.values(logs);
  return values.length === 1 ? (values[0] as number) : values;
}

function checkBatch(model: LayersModel, owner: string, x: unknown, y: unknown) {
  const xs = toList(owner, 'x', x);
  const ys = toList(owner, 'y', y);
  model.buildFor(xs.map((t) => t.shape));
  const topology = model.getTopology();
  checkShapes(owner, 'x', topology.inputs, xs);
  checkShapes(owner, 'y', topology.outputs, ys, false);
  checkSampleCounts(owner, [
    ['x', xs],
    ['y', ys],
  ]);
  return { xs, ys, topology };
}

/** One optimizer step on one batch; returns that batch's loss (and metrics). */
export async function trainOnBatch(
  model: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
): Promise<OnBatchResult> {
  const owner = `${model.name}.trainOnBatch`;
  const state = model.requireCompiled('trainOnBatch');
  const { xs, ys, topology } = checkBatch(model, owner, x, y);
  resetMetrics(state);
  trainStep(
    topology,
    state,
    xs,
    ys,
    ys.map(() => undefined),
  );
  return result(await readLogs(state));
}

/** Loss (and metrics) of one batch, without training. */
export async function testOnBatch(
  model: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
): Promise<OnBatchResult> {
  const owner = `${model.name}.testOnBatch`;
  const state = model.requireCompiled('testOnBatch');
  const { xs, ys, topology } = checkBatch(model, owner, x, y);
  resetMetrics(state);
  tf.tidy(() => {
    const none = ys.map(() => undefined);
    updateTrackers(
      state,
      computeLosses(topology, state, xs, ys, none, false),
      ys,
      none,
      xs[0]?.shape[0] ?? 0,
    );
  });
  return result(await readLogs(state));
}
