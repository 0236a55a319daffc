import { type Callback, CallbackList, History, ProgbarLogger } from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import type { LayersModel } from '../layers-model.js';
import { BatchBuilder, batchCount, batchRange } from './batching.js';
import { type CompiledState, logNames, readLogs, resetMetrics } from './compile.js';
import { type HostArray, hostLength, hostRows } from './data.js';
import { evaluateHost, type HostData, prepareData } from './evaluate.js';
import { trainStep } from './step.js';

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
  /** Multiplies the loss of each sample by the weight of its class (single-output models). */
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

/** Awaits a hook's result only when it is a promise (sync callbacks cost no microtask). */
export async function settle(result: void | Promise<void>): Promise<void> {
  if (result) await result;
}

/** Whether validation runs after 0-based `epoch` (Keras' `validation_freq`). */
export function shouldValidate(freq: number | readonly number[], epoch: number): boolean {
  return typeof freq === 'number' ? (epoch + 1) % freq === 0 : freq.includes(epoch + 1);
}

/** Validates the shared fit options, returning `[epochs, initialEpoch, verbose]`. */
export function checkFitOptions(
  owner: string,
  args: { epochs?: number; initialEpoch?: number; verbose?: number },
): [number, number, 0 | 1 | 2] {
  const epochs = tf.checkNumber(owner, 'epochs', args.epochs ?? 1, { integer: true, min: 1 });
  const initialEpoch = tf.checkNumber(owner, 'initialEpoch', args.initialEpoch ?? 0, {
    integer: true,
    min: 0,
  });
  const verbose = args.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) {
    throw new tf.ConfigError(tf.configMessage(owner, 'verbose', '0, 1 or 2', verbose));
  }
  return [epochs, initialEpoch, verbose];
}

/** The callback list of one run: a progress logger when verbose, the user's, then History. */
export function makeCallbacks(
  user: Callback | readonly Callback[] | undefined,
  verbose: 0 | 1 | 2,
): [CallbackList, History] {
  const history = new History();
  const list: Callback[] = Array.isArray(user) ? [...user] : user ? [user as Callback] : [];
  if (verbose > 0) list.unshift(new ProgbarLogger({ verbose: verbose as 1 | 2 }));
  list.push(history);
  return [new CallbackList(list), history];
}

function splitData(data: HostData, at: number): [HostData, HostData] {
  const n = hostLength(data.xs[0] as HostArray);
  const part = (start: number, end: number): HostData => ({
    xs: data.xs.map((a) => hostRows(a, start, end)),
    ys: data.ys.map((a) => hostRows(a, start, end)),
    weights: data.weights.map((a) => (a ? hostRows(a, start, end) : undefined)),
  });
  return [part(0, at), part(at, n)];
}

/** `model.fit` on tensors: reads the data to the host once, then trains batch by batch. */
export async function fitTensors(
  model: LayersModel,
  x: tf.Tensor | tf.Tensor[],
  y: tf.Tensor | tf.Tensor[],
  args: ModelFitArgs,
): Promise<History> {
  const owner = `${model.name}.fit`;
  const state = model.requireCompiled('fit');
  const [epochs, initialEpoch, verbose] = checkFitOptions(owner, args);
  const batchSize = tf.checkNumber(owner, 'batchSize', args.batchSize ?? 32, {
    integer: true,
    min: 1,
  });
  const split = tf.checkNumber(owner, 'validationSplit', args.validationSplit ?? 0, {
    min: 0,
    max: 1,
    maxExclusive: true,
  });
  const validationBatchSize = tf.checkNumber(
    owner,
    'validationBatchSize',
    args.validationBatchSize ?? batchSize,
    { integer: true, min: 1 },
  );
  const freq = args.validationFreq ?? 1;
  if (typeof freq === 'number')
    tf.checkNumber(owner, 'validationFreq', freq, { integer: true, min: 1 });
  if (args.stepsPerEpoch !== undefined) {
    tf.checkNumber(owner, 'stepsPerEpoch', args.stepsPerEpoch, { integer: true, min: 1 });
  }
  const all = await prepareData(model, state, owner, x, y, args.sampleWeight, args.classWeight);
  let train = all;
  let validation: HostData | undefined;
  if (args.validationData) {
    const [vx, vy, vw] = args.validationData;
    validation = await prepareData(
      model,
      state,
      `${owner} (validationData)`,
      vx,
      vy,
      vw,
      undefined,
    );
  } else if (split > 0) {
    const n = hostLength(all.xs[0] as HostArray);
    const at = Math.floor(n * (1 - split));
    if (at === 0 || at === n) {
      throw new tf.ValueError(
        `${owner}: \`validationSplit\` ${split} of ${n} samples leaves ${at === 0 ? 'no training' : 'no validation'} samples`,
      );
    }
    [train, validation] = splitData(all, at);
  }
  return runEpochs(model, state, train, validation, {
    epochs,
    initialEpoch,
    verbose,
    batchSize,
    validationBatchSize,
    freq,
    shuffle: args.shuffle ?? true,
    stepsPerEpoch: args.stepsPerEpoch,
    callbacks: args.callbacks,
  });
}

interface RunOptions {
  epochs: number;
  initialEpoch: number;
  verbose: 0 | 1 | 2;
  batchSize: number;
  validationBatchSize: number;
  freq: number | readonly number[];
  shuffle: boolean;
  stepsPerEpoch: number | undefined;
  callbacks: Callback | readonly Callback[] | undefined;
}

async function runEpochs(
  model: LayersModel,
  state: CompiledState,
  train: HostData,
  validation: HostData | undefined,
  options: RunOptions,
): Promise<History> {
  const topology = model.getTopology();
  const n = hostLength(train.xs[0] as HostArray);
  const { batchSize } = options;
  const batches = batchCount(n, batchSize);
  const steps = options.stepsPerEpoch ?? batches;
  const [callbacks, history] = makeCallbacks(options.callbacks, options.verbose);
  const names = logNames(state);
  callbacks.setModel(model);
  callbacks.setParams({
    epochs: options.epochs,
    initialEpoch: options.initialEpoch,
    steps,
    samples: n,
    batchSize,
    verbose: options.verbose,
    metrics: validation ? [...names, ...names.map((m) => `val_${m}`)] : names,
  });
  const sources = [...train.xs, ...train.ys, ...train.weights.filter((w) => w !== undefined)];
  const builder = new BatchBuilder(sources, batchSize);
  const random = tf.createRandom();
  const every = callbacks.batchLogsEvery;
  const inputCount = train.xs.length;
  const outputCount = train.ys.length;
  model.stopTraining = false;
  await settle(callbacks.onTrainBegin());
  let logs: Record<string, number> = {};
  let epoch = callbacks.resumeEpoch() ?? options.initialEpoch;
  for (; epoch < options.epochs && !model.stopTraining; epoch++) {
    resetMetrics(state);
    await settle(callbacks.onEpochBegin(epoch));
    const order = options.shuffle ? random.permutation(n) : undefined;
    for (let step = 0; step < steps; step++) {
      await settle(callbacks.onTrainBatchBegin(step));
      const [start, end] = batchRange(step % batches, batchSize, n);
      const tensors = builder.take(order, start, end);
      try {
        const xs = tensors.slice(0, inputCount);
        const ys = tensors.slice(inputCount, inputCount + outputCount);
        let w = inputCount + outputCount;
        const weights = train.weights.map((a) => (a ? tensors[w++] : undefined));
        trainStep(topology, state, xs, ys, weights);
      } finally {
        tf.dispose(tensors);
      }
      const batchLogs = every > 0 && (step + 1) % every === 0 ? await readLogs(state) : undefined;
      await settle(callbacks.onTrainBatchEnd(step, batchLogs));
      if (model.stopTraining) break;
    }
    logs = await readLogs(state);
    if (validation && shouldValidate(options.freq, epoch)) {
      Object.assign(
        logs,
        await evaluateHost(topology, state, validation, options.validationBatchSize, 'val_'),
      );
    }
    await settle(callbacks.onEpochEnd(epoch, logs));
  }
  await settle(callbacks.onTrainEnd(logs));
  return history;
}
