import * as tf from '@dendrite/tensor';
import { castInputs, checkBatch } from './batch-checks.js';
import { readLogs, resetMetrics } from './compile.js';
import { toList } from './data.js';
import type { EngineModel } from './engine-model.js';
import { testStep, trainStep } from './step.js';

/** The loss alone, or `[loss, ...metrics]` in log order, as tfjs-layers returns them. */
export type OnBatchResult = number | number[];

function result(logs: Record<string, number>): OnBatchResult {
  const values = Object.values(logs);
  return values.length === 1 ? (values[0] as number) : values;
}

/**
 * `trainOnBatch` (one optimizer step) or `testOnBatch` (no training) on the checked batch;
 * returns that batch's loss (and metrics). Frees only the input casts: the caller owns `x`
 * and `y`.
 */
export async function onBatch(
  model: EngineModel,
  method: 'trainOnBatch' | 'testOnBatch',
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
): Promise<OnBatchResult> {
  const owner = `${model.name}.${method}`;
  const state = model.requireCompiled(method);
  const raw = toList(owner, 'x', x);
  const ys = toList(owner, 'y', y);
  const size = checkBatch(owner, model, state, raw, ys);
  const xs = castInputs(model.getTopology(), raw);
  try {
    resetMetrics(state);
    const step = method === 'trainOnBatch' ? trainStep : testStep;
    step(model.getTopology(), state, { xs, ys, weights: ys.map(() => undefined), size });
    // Read with `await data()`: WebGPU cannot read synchronously in Node.
    return result(await readLogs(state));
  } finally {
    tf.dispose(xs.filter((t) => !raw.includes(t)));
  }
}
