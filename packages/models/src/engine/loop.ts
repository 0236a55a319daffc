import {
  Callback,
  CallbackList,
  History,
  LambdaCallback,
  type LambdaCallbackArgs,
  ProgbarLogger,
} from '@dendrite/callbacks';
import * as tf from '@dendrite/tensor';
import { type CompiledState, logNames, readLogs, resetMetrics } from './compile.js';
import { DenseChainGroups } from './dense-chain-groups.js';
import type { EngineModel } from './engine-model.js';
import { disposeBatch, type EpochIterator } from './epoch-iterator.js';
import { Pacer } from './pacer.js';
import { testStep, trainStep } from './step.js';

/** Awaits a hook's result only when it is a promise (sync callbacks cost no microtask). */
export async function settle(result: void | Promise<void>): Promise<void> {
  if (result) await result;
}

/**
 * What `fit` and `fitDataset` take as `callbacks`: callback objects, or plain hook objects
 * (`{ onEpochEnd: … }`, tfjs-layers' `CustomCallbackArgs`), which run as a {@link LambdaCallback}.
 */
export type CallbackArg = Callback | LambdaCallbackArgs;

/** `callback` as a {@link Callback}: a plain hook object becomes a {@link LambdaCallback}. */
function asCallback(callback: CallbackArg, index: number): Callback {
  if (callback instanceof Callback) return callback;
  if (callback === null || typeof callback !== 'object' || Array.isArray(callback)) {
    throw new tf.ValueError(
      `callbacks[${index}]: expected a Callback or an object of hook functions ({ onEpochEnd: … }), got ${tf.describeValue(callback)}`,
    );
  }
  return new LambdaCallback(callback);
}

/** The callback list of one run: a progress logger when verbose, the user's, then History. */
export function makeCallbacks(
  user: CallbackArg | readonly CallbackArg[] | undefined,
  verbose: 0 | 1 | 2,
): [CallbackList, History] {
  const history = new History();
  const given: readonly CallbackArg[] = Array.isArray(user)
    ? user
    : user === undefined
      ? []
      : [user as CallbackArg];
  const list = given.map(asCallback);
  if (verbose > 0) list.unshift(new ProgbarLogger({ verbose: verbose as 1 | 2 }));
  list.push(history);
  return [new CallbackList(list), history];
}

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
  readonly sampleWeight?: tf.Tensor;
  readonly validationData?: unknown;
  readonly callbacks?: CallbackArg | readonly CallbackArg[];
}

/**
 * The options of one run, checked and with every default filled in; the data options
 * (`sampleWeight`, `validationData`) pass through as the caller typed them, checked where they
 * are read to the host.
 */
export interface LoopOptions<A extends RawLoopArgs = RawLoopArgs> {
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
  readonly sampleWeight: A['sampleWeight'];
  readonly validationData: A['validationData'];
  readonly callbacks: CallbackArg | readonly CallbackArg[] | undefined;
}

/** Whether validation runs after 0-based `epoch` (Keras' `validation_freq`). */
export function shouldValidate(freq: number | readonly number[], epoch: number): boolean {
  return typeof freq === 'number' ? (epoch + 1) % freq === 0 : freq.includes(epoch + 1);
}

const training = new WeakSet<object>();

/**
 * Runs `run` as the model's only training run: a second `fit` or `fitDataset` on the same model
 * while one is running would step the optimizer twice per batch and mix their histories, so it
 * is rejected (as tfjs-layers rejects it). Checked before anything is awaited.
 */
export async function exclusively<T>(
  owner: string,
  model: EngineModel,
  run: () => Promise<T>,
): Promise<T> {
  if (training.has(model)) {
    throw new tf.ValueError(
      `${owner}: another fit() or fitDataset() on this model is still running; await it before starting a new one`,
    );
  }
  training.add(model);
  try {
    return await run();
  } finally {
    training.delete(model);
  }
}

/**
 * Loss and metrics over one pass of `batches`, without training: one device sync per tracker
 * at the end. Resets the model's metrics first. Keys get `prefix` (`val_` inside `fit`).
 */
export async function evaluateEpoch(
  model: EngineModel,
  state: CompiledState,
  batches: EpochIterator,
  prefix = '',
  pacer = new Pacer(),
): Promise<Record<string, number>> {
  resetMetrics(state);
  for await (const batch of batches.epoch(0)) {
    try {
      testStep(model.getTopology(), state, batch);
    } finally {
      disposeBatch(batch);
    }
    const pause = pacer.tick();
    if (pause) await pause;
  }
  batches.finishEpoch(0);
  return readLogs(state, prefix);
}

/** One turn of the epoch loop's training: a batch, or a group of batches in one kernel call. */
interface TrainWork {
  /** Trains; returns how many batches it trained. */
  run(): number;
  /** Frees what it holds, whether it ran or not. */
  dispose(): void;
}

/** The batches of `train`'s epoch, each its own `trainStep`. */
async function* singleSteps(
  model: EngineModel,
  state: CompiledState,
  train: EpochIterator,
  epoch: number,
): AsyncGenerator<TrainWork> {
  for await (const batch of train.epoch(epoch)) {
    yield {
      run: () => {
        trainStep(model.getTopology(), state, batch);
        return 1;
      },
      dispose: () => disposeBatch(batch),
    };
  }
}

/**
 * The batches of `groups`' next epoch, several per kernel call. A group never runs past a batch
 * whose logs are read (every `every`-th), so those logs follow the same batches as one step at a
 * time; a step the groups refuse runs alone, as `trainStep`.
 */
function* groupedSteps(
  model: EngineModel,
  state: CompiledState,
  groups: DenseChainGroups,
  every: number,
): Generator<TrainWork> {
  const plan = groups.train.planEpoch();
  const total = plan.ranges.length;
  let step = 0;
  while (step < total) {
    const first = step;
    yield {
      run: () => {
        let count = groups.run(plan, first, every > 0 ? every - (first % every) : total - first);
        if (count === 0) {
          const batch = groups.train.batch(plan, first);
          try {
            trainStep(model.getTopology(), state, batch);
          } finally {
            disposeBatch(batch);
          }
          count = 1;
        }
        step = first + count;
        return count;
      },
      dispose: () => {},
    };
  }
}

/**
 * The training batches of one epoch: the batch hooks around each piece of `work` (begin with
 * its first batch, end with its last: once per batch, or once per group as Keras does with
 * `steps_per_execution`), batch logs every `batchLogsEvery`-th batch, a stop when a callback
 * asks, and a macrotask yield every ~50 ms of work.
 */
async function trainEpoch(
  model: EngineModel,
  state: CompiledState,
  work: AsyncIterable<TrainWork> | Iterable<TrainWork>,
  callbacks: CallbackList,
  pacer: Pacer,
): Promise<void> {
  const every = callbacks.batchLogsEvery;
  let step = 0;
  for await (const piece of work) {
    try {
      await settle(callbacks.onTrainBatchBegin(step));
      step += piece.run();
    } finally {
      piece.dispose();
    }
    const batchLogs = every > 0 && step % every === 0 ? await readLogs(state) : undefined;
    await settle(callbacks.onTrainBatchEnd(step - 1, batchLogs));
    if (model.stopTraining) break;
    const pause = pacer.tick();
    if (pause) await pause;
  }
}

/**
 * The one training loop of `fit` and `fitDataset` (Keras 3's `fit` over an epoch iterator):
 * callbacks around epochs and batches, one {@link trainStep} per batch (or groups of them in one
 * kernel call where nothing watches single batches, see `DenseChainGroups`), validation after the
 * epochs `validationFreq` picks, and a macrotask yield every ~50 ms of work. Frees the
 * iterators, and on an error tells the callbacks (`onTrainAbort`) so they free what they hold.
 */
export async function runEpochs(
  model: EngineModel,
  state: CompiledState,
  train: EpochIterator,
  validation: EpochIterator | undefined,
  options: LoopOptions,
): Promise<History> {
  const [callbacks, history] = makeCallbacks(options.callbacks, options.verbose);
  try {
    const names = logNames(state);
    callbacks.setModel(model);
    callbacks.setParams({
      epochs: options.epochs,
      initialEpoch: options.initialEpoch,
      steps: train.steps,
      samples: train.samples,
      batchSize: train.batchSize,
      verbose: options.verbose,
      metrics: validation ? [...names, ...names.map((m) => `val_${m}`)] : names,
    });
    const every = callbacks.batchLogsEvery;
    const groups = callbacks.watchesEachTrainBatch
      ? undefined
      : DenseChainGroups.of(model.getTopology(), state, train);
    const pacer = new Pacer();
    model.stopTraining = false;
    model.trainingRandom = train.random;
    await settle(callbacks.onTrainBegin());
    let logs: Record<string, number> = {};
    for (
      let epoch = callbacks.resumeEpoch() ?? options.initialEpoch;
      epoch < options.epochs && !model.stopTraining;
      epoch++
    ) {
      resetMetrics(state);
      await settle(callbacks.onEpochBegin(epoch));
      const work = groups
        ? groupedSteps(model, state, groups, every)
        : singleSteps(model, state, train, epoch);
      await trainEpoch(model, state, work, callbacks, pacer);
      train.finishEpoch(epoch);
      logs = await readLogs(state);
      if (validation && shouldValidate(options.validationFreq, epoch)) {
        Object.assign(logs, await evaluateEpoch(model, state, validation, 'val_', pacer));
      }
      await settle(callbacks.onEpochEnd(epoch, logs));
    }
    await settle(callbacks.onTrainEnd(logs));
    return history;
  } catch (error) {
    for (const callback of callbacks.callbacks) callback.onTrainAbort?.(error);
    throw error;
  } finally {
    model.trainingRandom = undefined;
    train.dispose();
    validation?.dispose();
  }
}
