import type { Callback, HookResult } from './callback.js';
import type { Logs, TrainingModel, TrainingParams } from './training-model.js';

function isPromise(value: unknown): value is Promise<void> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Calls each hook on each callback, in order. A hook that returns a promise is awaited before
 * the next callback runs; when every callback is synchronous the list returns `undefined` and
 * the engine does not await at all.
 * @example
 * const list = new CallbackList([history, earlyStopping({ patience: 2 })]);
 * const pending = list.onEpochEnd(epoch, logs);
 * if (pending) await pending;
 */
export class CallbackList {
  /** The callbacks, in call order. */
  readonly callbacks: Callback[];

  constructor(callbacks: Callback[] = []) {
    this.callbacks = [...callbacks];
  }

  /** Adds a callback at the end. */
  append(callback: Callback): void {
    this.callbacks.push(callback);
  }

  /** Whether some callback must see every training batch (see `Callback.watchesEachTrainBatch`). */
  get watchesEachTrainBatch(): boolean {
    return this.callbacks.some((callback) => callback.watchesEachTrainBatch);
  }

  /** The smallest positive `batchLogsEvery` of the callbacks; 0 when none asks for batch logs. */
  get batchLogsEvery(): number {
    let every = 0;
    for (const callback of this.callbacks) {
      const n = callback.batchLogsEvery;
      if (n > 0 && (every === 0 || n < every)) every = n;
    }
    return every;
  }

  /** Gives every callback the model. */
  setModel(model: TrainingModel): void {
    for (const callback of this.callbacks) callback.setModel(model);
  }

  /** Gives every callback the run's parameters. */
  setParams(params: TrainingParams): void {
    for (const callback of this.callbacks) callback.setParams(params);
  }

  /** The first epoch a callback asks `fit` to resume at, if any. */
  resumeEpoch(): number | undefined {
    for (const callback of this.callbacks) {
      const epoch = callback.resumeEpoch?.();
      if (epoch !== undefined) return epoch;
    }
    return undefined;
  }

  private run(invoke: (callback: Callback) => HookResult): HookResult {
    const { callbacks } = this;
    for (let i = 0; i < callbacks.length; i++) {
      const result = invoke(callbacks[i] as Callback);
      if (isPromise(result)) return this.finish(result, i + 1, invoke);
    }
    return undefined;
  }

  private async finish(
    pending: Promise<void>,
    start: number,
    invoke: (callback: Callback) => HookResult,
  ): Promise<void> {
    await pending;
    const { callbacks } = this;
    for (let i = start; i < callbacks.length; i++) {
      const result = invoke(callbacks[i] as Callback);
      if (isPromise(result)) await result;
    }
  }

  /** Start of `fit`. */
  onTrainBegin(logs?: Logs): HookResult {
    return this.run((c) => c.onTrainBegin(logs));
  }
  /** End of `fit`. */
  onTrainEnd(logs?: Logs): HookResult {
    return this.run((c) => c.onTrainEnd(logs));
  }
  /** Start of an epoch (0-based). */
  onEpochBegin(epoch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onEpochBegin(epoch, logs));
  }
  /** End of an epoch (0-based). */
  onEpochEnd(epoch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onEpochEnd(epoch, logs));
  }
  /** Start of a training batch. */
  onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onTrainBatchBegin(batch, logs));
  }
  /** End of a training batch. */
  onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onTrainBatchEnd(batch, logs));
  }
  /** Start of evaluation. */
  onTestBegin(logs?: Logs): HookResult {
    return this.run((c) => c.onTestBegin(logs));
  }
  /** End of evaluation. */
  onTestEnd(logs?: Logs): HookResult {
    return this.run((c) => c.onTestEnd(logs));
  }
  /** Start of an evaluation batch. */
  onTestBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onTestBatchBegin(batch, logs));
  }
  /** End of an evaluation batch. */
  onTestBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onTestBatchEnd(batch, logs));
  }
  /** Start of prediction. */
  onPredictBegin(logs?: Logs): HookResult {
    return this.run((c) => c.onPredictBegin(logs));
  }
  /** End of prediction. */
  onPredictEnd(logs?: Logs): HookResult {
    return this.run((c) => c.onPredictEnd(logs));
  }
  /** Start of a prediction batch. */
  onPredictBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onPredictBatchBegin(batch, logs));
  }
  /** End of a prediction batch. */
  onPredictBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.run((c) => c.onPredictBatchEnd(batch, logs));
  }
}
