import * as tf from '@dendrite/tensor';
import { castInputs, checkBatch } from './batch-checks.js';
import { readLogs, resetMetrics } from './compile.js';
import { toList } from './data.js';
import type { EngineModel } from './engine-model.js';
import type { Batch } from './epoch-iterator.js';
import { testStep, trainStep } from './step.js';

/** The loss alone, or `[loss, ...metrics]` in log order, as tfjs-layers returns them. */
export type OnBatchResult = number | number[];

function result(logs: Record<string, number>): OnBatchResult {
  const values = Object.values(logs);
  return values.length === 1 ? (values[0] as number) : values;
}

/** Runs `body` on the checked batch; frees only the input casts (the caller owns `x` and `y`). */
async function withBatch(
  model: EngineModel,
  method: string,
  x: unknown,
  y: unknown,
  body: (batch: Batch) => void,
): Promise<OnBatchResult> {
  const owner = `${model.name}.${method}`;
  const state = model.requireCompiled(method);
  const raw = toList(owner, 'x', x);
  const ys = toList(owner, 'y', y);
  const size = checkBatch(owner, model, state, raw, ys);
  const xs = castInputs(model.getTopology(), raw);
  try {
    resetMetrics(state);
    body({ xs, ys, weights: ys.map(() => undefined), size });
    // Read with `await data()`: WebGPU cannot read synchronously in Node.
    return result(await readLogs(state));
  } finally {
    tf.dispose(xs.filter((t) => !raw.includes(t)));
  }
}

/** One optimizer step on one batch; returns that batch's loss (and metrics). */
export async function trainOnBatch(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
): Promise<OnBatchResult> {
  return withBatch(model, 'trainOnBatch', x, y, (batch) => {
    trainStep(model.getTopology(), model.requireCompiled('trainOnBatch'), batch);
  });
}

/** Loss (and metrics) of one batch, without training. */
export async function testOnBatch(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
): Promise<OnBatchResult> {
  return withBatch(model, 'testOnBatch', x, y, (batch) => {
    testStep(model.getTopology(), model.requireCompiled('testOnBatch'), batch);
  });
}
