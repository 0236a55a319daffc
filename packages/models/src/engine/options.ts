import type { Callback } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';

/** Samples per batch when `batchSize` is not given: Keras' and tfjs-layers' default. */
export const DEFAULT_BATCH_SIZE = 32;

/** Every option `fit`, `fitDataset`, `evaluate` and `predict` may receive, before checking. */
export interface RawLoopArgs {
  readonly epochs?: number;
  readonly initialEpoch?: number;
  readonly verbose?: number;
  readonly batchSize?: number;
  readonly shuffle?: boolean;
  readonly validationSplit?: number;
  readonly validationBatchSize?: number;
  readonly validationFreq?: number | readonly number[];
  /** The tfjs-layers name of `fit`. */
  readonly stepsPerEpoch?: number;
  /** The tfjs-layers name of `fitDataset`. */
  readonly batchesPerEpoch?: number;
  readonly classWeight?: Readonly<Record<number, number>>;
  readonly callbacks?: Callback | readonly Callback[];
}

/** The options of one run, checked and with every default filled in. */
export interface LoopOptions {
  readonly epochs: number;
  readonly initialEpoch: number;
  readonly verbose: 0 | 1 | 2;
  /** Samples per batch (tensor data); a dataset's batches come as they are. */
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly validationSplit: number;
  readonly validationBatchSize: number;
  readonly validationFreq: number | readonly number[];
  /** Batches per epoch (`stepsPerEpoch` or `batchesPerEpoch`); undefined: the whole data. */
  readonly steps: number | undefined;
  readonly classWeight: Readonly<Record<number, number>> | undefined;
  readonly callbacks: Callback | readonly Callback[] | undefined;
}

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
 * Checks the options of `fit`, `fitDataset`, `evaluate` or `predict` and fills in Keras'
 * defaults: the one place where a run's options are resolved.
 */
export function resolveLoopOptions(owner: string, args: RawLoopArgs): LoopOptions {
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
    callbacks: args.callbacks,
  };
}

/** Whether validation runs after 0-based `epoch` (Keras' `validation_freq`). */
export function shouldValidate(freq: number | readonly number[], epoch: number): boolean {
  return typeof freq === 'number' ? (epoch + 1) % freq === 0 : freq.includes(epoch + 1);
}
