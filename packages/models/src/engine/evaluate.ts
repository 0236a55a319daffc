import * as tf from '@dendrite/tensor';
import { batchCount } from './batching.js';
import { DatasetEpochs, type FitDatasetSource, isDatasetSource } from './dataset-iterator.js';
import type { EngineModel } from './engine-model.js';
import { ArrayEpochs, type EpochIterator } from './epoch-iterator.js';
import { resolveLoopOptions } from './fit.js';
import { evaluateEpoch } from './loop.js';
import { hostSamples, prepareData } from './prepare-data.js';

/** Config of `model.evaluate`. */
export interface ModelEvaluateArgs {
  /** Samples per batch (tensor data only). @defaultValue 32 */
  readonly batchSize?: number;
  /** 0 silent; 1 or 2 print the results. @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** One weight per sample multiplying its loss and metrics (tensor data only). @defaultValue none */
  readonly sampleWeight?: tf.Tensor;
  /** Batches to read from a dataset. @defaultValue the whole dataset */
  readonly steps?: number;
}

/**
 * `model.evaluate` on tensors or a dataset: loss and metrics keyed like the logs, through the
 * same epoch iterators and test step as `fit`'s validation.
 */
export async function evaluateModel(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[] | FitDatasetSource,
  yOrArgs: tf.Tensor | tf.Tensor[] | ModelEvaluateArgs | undefined,
  argsAfterY: ModelEvaluateArgs,
): Promise<Record<string, number>> {
  const owner = `${model.name}.evaluate`;
  const state = model.requireCompiled('evaluate');
  // `evaluate(dataset, args)` as in Keras, or `evaluate(x, y, args)`.
  const targets = yOrArgs instanceof tf.Tensor || Array.isArray(yOrArgs);
  const y = targets ? (yOrArgs as tf.Tensor | tf.Tensor[]) : undefined;
  const args = (isDatasetSource(x) && !targets ? yOrArgs : argsAfterY) ?? {};
  const { steps, ...rest } = args;
  const options = resolveLoopOptions(owner, { ...rest, stepsPerEpoch: steps });
  let batches: EpochIterator;
  if (isDatasetSource(x)) {
    if (y !== undefined || args.batchSize !== undefined || args.sampleWeight !== undefined) {
      throw new tf.ConfigError(
        `${owner}: with a dataset, \`y\`, \`batchSize\` and \`sampleWeight\` come from the dataset's elements; pass only the dataset and options`,
      );
    }
    batches = new DatasetEpochs(owner, model, state, x, options.steps);
  } else {
    const data = await prepareData(model, state, owner, x, y, args.sampleWeight, undefined);
    const all = batchCount(hostSamples(data), options.batchSize);
    batches = new ArrayEpochs(data, {
      batchSize: options.batchSize,
      shuffle: false,
      // One pass at most: `steps` past the end of tensor data would count samples twice.
      steps: Math.min(options.steps ?? all, all),
    });
  }
  let logs: Record<string, number>;
  try {
    logs = await evaluateEpoch(model, state, batches);
  } finally {
    batches.dispose();
  }
  if (options.verbose > 0) {
    console.log(
      Object.entries(logs)
        .map(([k, v]) => `${k}: ${v.toFixed(4)}`)
        .join(' - '),
    );
  }
  return logs;
}
