import * as tf from '@dendrite/tensor';
import { executeGraph } from '../topology.js';
import { castInputs, checkBatch } from './batch-checks.js';
import { BatchBuilder, batchCount, batchRange } from './batching.js';
import { toHostSync, toList } from './data.js';
import { DatasetEpochs, type FitDatasetSource } from './dataset-iterator.js';
import type { EngineModel } from './engine-model.js';
import { disposeBatch } from './epoch-iterator.js';
import { resolveLoopOptions } from './fit.js';
import { Pacer } from './pacer.js';

/** Config of `model.predict`. */
export interface ModelPredictArgs {
  /** Samples per batch (tensor data only). @defaultValue 32 */
  readonly batchSize?: number;
  /** Batches to read from a dataset. @defaultValue the whole dataset */
  readonly steps?: number;
}

/** Runs the graph on `xs` in inference mode, casting inputs to the input dtypes. */
function run(model: EngineModel, xs: readonly tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const topology = model.getTopology();
    return executeGraph(topology, castInputs(topology, xs), { training: false });
  });
}

/** Concatenates each output's parts along the batch axis, freeing the parts. */
function joinParts(parts: tf.Tensor[][]): tf.Tensor[] {
  try {
    return parts.map((list) =>
      list.length === 1 ? (list[0] as tf.Tensor).clone() : tf.concat(list, 0),
    );
  } finally {
    for (const list of parts) tf.dispose(list);
  }
}

/**
 * `model.predict`: runs the graph in inference mode, in batches of `batchSize`, and returns one
 * tensor per output (the caller owns them). Data larger than one batch is read to the host once
 * and batched from there.
 */
export function predictTensors(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[],
  args: ModelPredictArgs,
): tf.Tensor[] {
  const owner = `${model.name}.predict`;
  const { batchSize } = resolveLoopOptions(owner, { batchSize: args.batchSize });
  const xs = toList(owner, 'x', x);
  const n = checkBatch(owner, model, undefined, xs, undefined);
  if (n <= batchSize) return run(model, xs);
  const builder = new BatchBuilder(xs.map(toHostSync), batchSize);
  const parts: tf.Tensor[][] = model.getTopology().outputs.map(() => []);
  let done = false;
  try {
    for (let b = 0; b < batchCount(n, batchSize); b++) {
      const [start, end] = batchRange(b, batchSize, n);
      const batch = builder.take(undefined, start, end);
      try {
        run(model, batch).forEach((t, i) => {
          parts[i]?.push(t);
        });
      } finally {
        tf.dispose(batch);
      }
    }
    done = true;
  } finally {
    if (!done) for (const list of parts) tf.dispose(list);
  }
  return joinParts(parts);
}

/**
 * `model.predict(dataset)`: outputs for every element's inputs (`{xs}`, `{xs, ys}`, `[x, y]` or
 * a tensor), concatenated along the batch axis; yields to the event loop every ~50 ms.
 */
export async function predictDataset(
  model: EngineModel,
  source: FitDatasetSource,
  args: ModelPredictArgs,
): Promise<tf.Tensor[]> {
  const owner = `${model.name}.predict`;
  if (args.batchSize !== undefined) {
    throw new tf.ConfigError(
      `${owner}: \`batchSize\` applies to tensor data only; a dataset yields its batches as they are`,
    );
  }
  const { steps } = resolveLoopOptions(owner, { stepsPerEpoch: args.steps });
  const batches = new DatasetEpochs(owner, model, undefined, source, steps, false);
  const pacer = new Pacer();
  let parts: tf.Tensor[][] | undefined;
  let done = false;
  try {
    for await (const batch of batches.epoch(0)) {
      try {
        const outputs = run(model, batch.xs);
        parts ??= outputs.map(() => []);
        outputs.forEach((t, i) => {
          parts?.[i]?.push(t);
        });
      } finally {
        disposeBatch(batch);
      }
      const pause = pacer.tick();
      if (pause) await pause;
    }
    done = true;
  } finally {
    batches.dispose();
    if (!done && parts) for (const list of parts) tf.dispose(list);
  }
  return joinParts(parts ?? []);
}
