import type { Callback, History } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import type { EngineModel } from './engine-model.js';
import { ArrayEpochs } from './epoch-iterator.js';
import { exclusively, runEpochs } from './loop.js';
import { resolveLoopOptions } from './options.js';
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
  readonly callbacks?: Callback | readonly Callback[];
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

/**
 * `model.fit` on tensors: checks the options once, reads the data to the host once (holding
 * out the last `validationSplit` of it), and runs the epoch loop over {@link ArrayEpochs}.
 */
export function fitTensors(
  model: EngineModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
  args: ModelFitArgs,
): Promise<History> {
  const owner = `${model.name}.fit`;
  return exclusively(owner, model, async () => {
    const state = model.requireCompiled('fit');
    const options = resolveLoopOptions(owner, args);
    const all = await prepareData(
      model,
      state,
      owner,
      x,
      y,
      args.sampleWeight,
      options.classWeight,
    );
    let train = all;
    let validation: HostData | undefined;
    if (args.validationData) {
      const [vx, vy, vw] = args.validationData;
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
