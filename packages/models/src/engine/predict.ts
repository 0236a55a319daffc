import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import { executeGraph } from '../topology.js';
import { BatchBuilder, batchCount, batchRange } from './batching.js';
import { checkSampleCounts, checkShapes, toHostSync, toList } from './data.js';

/** Config of `model.predict`. */
export interface ModelPredictArgs {
  /** Samples per batch. @defaultValue 32 */
  readonly batchSize?: number;
}

/**
 * `model.predict`: runs the graph in inference mode, in batches of `batchSize`, and returns one
 * tensor per output (the caller owns them). Data larger than one batch is read to the host once
 * and batched from there.
 */
export function predictTensors(
  model: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  args: ModelPredictArgs,
): tf.Tensor[] {
  const owner = `${model.name}.predict`;
  const batchSize = tf.checkNumber(owner, 'batchSize', args.batchSize ?? 32, {
    integer: true,
    min: 1,
  });
  const xs = toList(owner, 'x', x);
  model.buildFor(xs.map((t) => t.shape));
  const topology = model.getTopology();
  checkShapes(owner, 'x', topology.inputs, xs);
  const n = checkSampleCounts(owner, [['x', xs]]);
  if (n <= batchSize) return tf.tidy(() => executeGraph(topology, xs, { training: false }));
  const builder = new BatchBuilder(xs.map(toHostSync), batchSize);
  const parts: tf.Tensor[][] = topology.outputs.map(() => []);
  try {
    for (let b = 0; b < batchCount(n, batchSize); b++) {
      const [start, end] = batchRange(b, batchSize, n);
      const batch = builder.take(undefined, start, end);
      try {
        const outputs = tf.tidy(() => executeGraph(topology, batch, { training: false }));
        outputs.forEach((t, i) => {
          parts[i]?.push(t);
        });
      } finally {
        tf.dispose(batch);
      }
    }
    return parts.map((list) => tf.concat(list, 0));
  } finally {
    for (const list of parts) tf.dispose(list);
  }
}
