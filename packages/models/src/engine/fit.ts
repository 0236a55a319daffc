import type { History } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import type { EngineModel } from './engine-model.js';
import { ArrayEpochs } from './epoch-iterator.js';
import {
  type CallbackArg,
  exclusively,
  type LoopOptions,
  type RawLoopArgs,
  runEpochs,
} from './loop.js';
import { type HostData, hostSamples, prepareData, splitData } from './prepare-data.js';

/** Config of `model.fit`. */
export interface ModelFitArgs {
  /** Epochs to train (the index one past the last epoch). @defaultValue 1 */
  readonly epochs?: number;
  /** Samples per gradient step. @defaultValue 32 */
  readonly batchSize?: number;
  /** Whether to shuffle the training samples before each epoch. @defaultValue true */
  readonly shuffle?: boolean;
  /**
   * Fraction in [0, 1) of the data held out for validation. As in Keras, the held-out samples
   * are the LAST ones of `x` and `y`, taken before any shuffling.
   * @defaultValue 0
   */
  readonly validationSplit?: number;
  /** `[x, y]` or `[x, y, sampleWeight]` evaluated after each epoch (`val_` logs); wins over `validationSplit`. */
  readonly validationData?: readonly [
    tf.Tensor | tf.Tensor[],
    tf.Tensor | tf.Tensor[],
    (tf.Tensor | undefined)?,
  ];
  /** Callbacks run during training; a `History` is always added. @defaultValue none */
  readonly callbacks?: CallbackArg | readonly CallbackArg[];
  /** 0 silent, 1 progress bar, 2 one line per epoch. @defaultValue 1 */
  readonly verbose?: 0 | 1 | 2;
  /** Multiplies the loss of each sample by the weight (finite, >= 0) of its class (single-output models). */
  readonly classWeight?: Readonly<Record<number, number>>;
  /** One weight per training sample multiplying its loss. @defaultValue none */
  readonly sampleWeight?: tf.Tensor;
  /** Epoch to start at (for resuming). @defaultValue 0 */
  readonly initialEpoch?: number;
  /** Batches per epoch; cycles through the data when larger than it. @defaultValue all batches */
  readonly stepsPerEpoch?: number;
  /** Batch size of validation. @defaultValue `batchSize` */
  readonly validationBatchSize?: number;
  /** Validate every N epochs, or after the listed (1-based) epochs. @defaultValue 1 */
  readonly validationFreq?: number | readonly number[];
}

/** Samples per batch when `batchSize` is not given: Keras' and tfjs-layers' default. */
export const DEFAULT_BATCH_SIZE = 32;

function positiveInteger(owner: string, argument: string, value: unknown): number {
  return tf.checkNumber(owner, argument, value, { integer: true, min: 1 });
}

function checkVerbose(owner: string, value: unknown): 0 | 1 | 2 {
  if (value !== 0 && value !== 1 && value !== 2) {
    throw new tf.ConfigError(tf.configMessage(owner, 'verbose', '0, 1 or 2', value));
  }
  return value;
}

function checkFreq(owner: string, value: unknown): number | readonly number[] {
  if (Array.isArray(value)) {
    value.forEach((epoch, i) => {
      positiveInteger(owner, `validationFreq[${i}]`, epoch);
    });
    return value;
  }
  return positiveInteger(owner, 'validationFreq', value);
}

function checkSteps(owner: string, args: RawLoopArgs): number | undefined {
  const { stepsPerEpoch, batchesPerEpoch } = args;
  if (stepsPerEpoch !== undefined && batchesPerEpoch !== undefined) {
    throw new tf.ConfigError(
      `${owner}: give \`stepsPerEpoch\` or its tfjs-layers alias \`batchesPerEpoch\`, not both; received ${stepsPerEpoch} and ${batchesPerEpoch}`,
    );
  }
  if (stepsPerEpoch !== undefined) return positiveInteger(owner, 'stepsPerEpoch', stepsPerEpoch);
  if (batchesPerEpoch !== undefined) {
    return positiveInteger(owner, 'batchesPerEpoch', batchesPerEpoch);
  }
  return undefined;
}

/**
 * Keras' `class_weight`: a weight >= 0 per integer class id. NaN or a negative weight would
 * turn the loss silently into NaN or reward mistakes, so both are refused.
 */
function checkClassWeight(
  owner: string,
  value: unknown,
): Readonly<Record<number, number>> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new tf.ConfigError(
      tf.configMessage(owner, 'classWeight', 'an object mapping class ids to weights', value),
    );
  }
  for (const [key, weight] of Object.entries(value)) {
    if (!/^(0|[1-9]\d*)$/.test(key)) {
      throw new tf.ConfigError(
        tf.configMessage(owner, 'classWeight', 'keyed by integer class ids >= 0', key),
      );
    }
    tf.checkNumber(owner, `classWeight[${key}]`, weight, { min: 0 });
  }
  return value as Readonly<Record<number, number>>;
}

/**
 * Checks the options of `fit`, `fitDataset`, `evaluate` or `predict` (each takes a part of
 * `fit`'s) and fills in Keras' defaults: the one place where a run's options are resolved.
 */
export function resolveLoopOptions<A extends RawLoopArgs>(owner: string, args: A): LoopOptions<A> {
  if (typeof args !== 'object' || args === null) {
    throw new tf.ConfigError(tf.configMessage(owner, 'args', 'an options object', args));
  }
  const epochs = positiveInteger(owner, 'epochs', args.epochs ?? 1);
  const initialEpoch = tf.checkNumber(owner, 'initialEpoch', args.initialEpoch ?? 0, {
    integer: true,
    min: 0,
  });
  const verbose = checkVerbose(owner, args.verbose ?? 1);
  const batchSize = positiveInteger(owner, 'batchSize', args.batchSize ?? DEFAULT_BATCH_SIZE);
  const validationSplit = tf.checkNumber(owner, 'validationSplit', args.validationSplit ?? 0, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const validationBatchSize = positiveInteger(
    owner,
    'validationBatchSize',
    args.validationBatchSize ?? batchSize,
  );
  const shuffle = args.shuffle ?? true;
  if (typeof shuffle !== 'boolean') {
    throw new tf.ConfigError(tf.configMessage(owner, 'shuffle', 'true or false', shuffle));
  }
  return {
    epochs,
    initialEpoch,
    verbose,
    batchSize,
    shuffle,
    validationSplit,
    validationBatchSize,
    validationFreq: checkFreq(owner, args.validationFreq ?? 1),
    steps: checkSteps(owner, args),
    classWeight: checkClassWeight(owner, args.classWeight),
    sampleWeight: args.sampleWeight,
    validationData: args.validationData,
    callbacks: args.callbacks,
  };
}

/**
 * `model.fit` on tensors: checks the options once, reads the data to the host once (holding
 * out the last `validationSplit` of it), and runs the epoch loop over {@link ArrayEpochs}.
 */
export async function fitTensors(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
  args: ModelFitArgs,
): Promise<History> {
  const owner = `${model.name}.fit`;
  const state = model.requireCompiled('fit');
  const options = resolveLoopOptions(owner, args);
  return exclusively(owner, model, async () => {
    const all = await prepareData(
      model,
      state,
      owner,
      x,
      y,
      options.sampleWeight,
      options.classWeight,
    );
    let train = all;
    let validation: HostData | undefined;
    if (options.validationData) {
      const [vx, vy, vw] = options.validationData;
      const label = `${owner} (validationData)`;
      validation = await prepareData(model, state, label, vx, vy, vw, undefined);
    } else if (options.validationSplit > 0) {
      const n = hostSamples(all);
      const at = Math.floor(n * (1 - options.validationSplit));
      if (at === 0 || at === n) {
        throw new tf.ValueError(
          `${owner}: \`validationSplit\` ${options.validationSplit} of ${n} samples leaves ${at === 0 ? 'no training' : 'no validation'} samples`,
        );
      }
      [train, validation] = splitData(all, at);
    }
    const { batchSize, shuffle, steps, validationBatchSize } = options;
    // Drawn whether or not it shuffles, so seeded runs draw the same seeds either way.
    const random = tf.createRandom();
    return runEpochs(
      model,
      state,
      new ArrayEpochs(train, { batchSize, shuffle, steps, random }),
      validation && new ArrayEpochs(validation, { batchSize: validationBatchSize, shuffle: false }),
      options,
    );
  });
}
