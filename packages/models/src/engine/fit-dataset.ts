import type { History } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import type { CompiledState } from './compile.js';
import { DatasetEpochs, type FitDatasetSource } from './dataset-iterator.js';
import type { EngineModel } from './engine-model.js';
import { ArrayEpochs, type EpochIterator } from './epoch-iterator.js';
import { resolveLoopOptions } from './fit.js';
import { type CallbackArg, exclusively, type LoopOptions, runEpochs } from './loop.js';
import { prepareData } from './prepare-data.js';

export type { DatasetBatch, FitDatasetSource } from './dataset-iterator.js';

/** Config of `model.fitDataset`, and of `model.fit(dataset, args)`. */
export interface ModelFitDatasetArgs {
  /** @defaultValue 1 */
  readonly epochs?: number;
  /** Batches per epoch; the source is iterated afresh each epoch. @defaultValue the whole source */
  readonly batchesPerEpoch?: number;
  /** Keras' name of `batchesPerEpoch` (give one of the two). @defaultValue the whole source */
  readonly stepsPerEpoch?: number;
  /** A dataset or `[x, y]` tensors evaluated after each epoch (`val_` logs). */
  readonly validationData?:
    | FitDatasetSource
    | readonly [tf.Tensor | tf.Tensor[], tf.Tensor | tf.Tensor[]];
  /** Validation batch size for `[x, y]` tensors. @defaultValue 32 */
  readonly validationBatchSize?: number;
  /** Validate every N epochs, or after the listed (1-based) epochs. @defaultValue 1 */
  readonly validationFreq?: number | readonly number[];
  /** @defaultValue none */
  readonly callbacks?: CallbackArg | readonly CallbackArg[];
  /** @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** @defaultValue 0 */
  readonly initialEpoch?: number;
}

/** Options that only make sense for tensors, refused for a dataset rather than ignored. */
const TENSOR_ONLY = ['batchSize', 'validationSplit', 'sampleWeight', 'classWeight', 'shuffle'];

async function validationBatches(
  owner: string,
  model: EngineModel,
  state: CompiledState,
  options: LoopOptions<ModelFitDatasetArgs>,
): Promise<EpochIterator | undefined> {
  const data = options.validationData;
  if (data === undefined) return undefined;
  const label = `${owner} (validationData)`;
  if (!Array.isArray(data)) {
    return new DatasetEpochs(label, model, state, data as FitDatasetSource, undefined);
  }
  const host = await prepareData(model, state, label, data[0], data[1], undefined, undefined);
  return new ArrayEpochs(host, { batchSize: options.validationBatchSize, shuffle: false });
}

/**
 * `model.fitDataset` (and `model.fit(dataset)`): trains on batches from `dataset`, iterating
 * it again each epoch, through the same loop as tensors. The batch tensors the dataset yields
 * are disposed after their step.
 */
export function fitDataset(
  model: EngineModel,
  dataset: FitDatasetSource,
  args: ModelFitDatasetArgs | undefined,
  method = 'fitDataset',
): Promise<History> {
  const owner = `${model.name}.${method}`;
  return exclusively(owner, model, async () => {
    const state = model.requireCompiled(method);
    if (args instanceof tf.Tensor || Array.isArray(args)) {
      throw new tf.ConfigError(
        `${owner}: \`y\` must not be given with a dataset, whose elements hold the targets; call ${method}(dataset, options)`,
      );
    }
    const given = (args ?? {}) as Record<string, unknown>;
    const misplaced = TENSOR_ONLY.find((key) => given[key] !== undefined);
    if (misplaced !== undefined) {
      throw new tf.ConfigError(
        `${owner}: \`${misplaced}\` applies to tensor data only; a dataset yields its batches as they are (batch, shuffle or weight the dataset instead)`,
      );
    }
    const options = resolveLoopOptions<ModelFitDatasetArgs>(owner, args ?? {});
    const validation = await validationBatches(owner, model, state, options);
    const train = new DatasetEpochs(owner, model, state, dataset, options.steps);
    return runEpochs(model, state, train, validation, options);
  });
}
