import type { Logs, TrainingModel, TrainingParams } from './training-model.js';

/** The name of every hook of {@link Callback}: train, epoch, train batch, test, predict. */
export const CALLBACK_HOOKS = Object.freeze([
  'onTrainBegin',
  'onTrainEnd',
  'onEpochBegin',
  'onEpochEnd',
  'onTrainBatchBegin',
  'onTrainBatchEnd',
  'onTestBegin',
  'onTestEnd',
  'onTestBatchBegin',
  'onTestBatchEnd',
  'onPredictBegin',
  'onPredictEnd',
  'onPredictBatchBegin',
  'onPredictBatchEnd',
] as const);

/** What a hook returns: nothing, or a promise the engine awaits. */
export type HookResult = void | Promise<void>;

/**
 * Base of every callback: each hook does nothing unless overridden. Hooks may return a promise;
 * the engine awaits only a real one. Epochs and batches are 0-based.
 * @example
 * class PrintLoss extends Callback {
 *   override onEpochEnd(epoch: number, logs?: Logs) { console.log(epoch, logs?.loss); }
 * }
 */
export abstract class Callback {
  /** The model being trained; set by the engine before `onTrainBegin`. */
  model: TrainingModel | undefined = undefined;
  /** The run's parameters; set by the engine before `onTrainBegin`. */
  params: TrainingParams | undefined = undefined;
  /**
   * Batch logs are computed (one device sync) only every N-th batch for callbacks that ask;
   * 0 = never (batch hooks still run, with empty or absent logs).
   * @defaultValue 0
   */
  batchLogsEvery = 0;

  /**
   * Whether the callback must see every training batch, its batch hooks called once per batch.
   * While none must, `fit` may train several batches per kernel call and call the batch hooks
   * once per group: begin with its first batch, end with its last (as Keras does with
   * `steps_per_execution`); batch logs are still read at every `batchLogsEvery`-th batch.
   * By default, whether the callback's class overrides a training batch hook.
   */
  get watchesEachTrainBatch(): boolean {
    return this.batchHooksDifferFrom(Callback.prototype);
  }

  /**
   * Whether this callback's training batch hooks are not those of `prototype`: a class that
   * knows its own hooks are fine with groups asks it of its own prototype, so that a subclass
   * overriding them is watched again.
   */
  protected batchHooksDifferFrom(prototype: Callback): boolean {
    return (
      this.onTrainBatchBegin !== prototype.onTrainBatchBegin ||
      this.onTrainBatchEnd !== prototype.onTrainBatchEnd
    );
  }

  /** Called by the engine with the model being trained. */
  setModel(model: TrainingModel): void {
    this.model = model;
  }

  /** Called by the engine with the run's parameters. */
  setParams(params: TrainingParams): void {
    this.params = params;
  }

  /** Start of `fit`. */
  onTrainBegin(_logs?: Logs): HookResult {}
  /** End of `fit`, with the last epoch's logs. */
  onTrainEnd(_logs?: Logs): HookResult {}
  /** Start of an epoch. */
  onEpochBegin(_epoch: number, _logs?: Logs): HookResult {}
  /** End of an epoch, with its training and validation logs. */
  onEpochEnd(_epoch: number, _logs?: Logs): HookResult {}
  /** Start of a training batch. */
  onTrainBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** End of a training batch; logs are present only on batches where they were computed. */
  onTrainBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Start of `evaluate` (or of validation inside `fit`). */
  onTestBegin(_logs?: Logs): HookResult {}
  /** End of `evaluate` (or of validation). */
  onTestEnd(_logs?: Logs): HookResult {}
  /** Start of an evaluation batch. */
  onTestBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** End of an evaluation batch. */
  onTestBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  /** Start of `predict`. */
  onPredictBegin(_logs?: Logs): HookResult {}
  /** End of `predict`. */
  onPredictEnd(_logs?: Logs): HookResult {}
  /** Start of a prediction batch. */
  onPredictBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  /** End of a prediction batch. */
  onPredictBatchEnd(_batch: number, _logs?: Logs): HookResult {}

  /** The epoch `fit` should start at (read after `onTrainBegin`); `undefined` = no opinion. */
  resumeEpoch?(): number | undefined;

  /**
   * Called instead of `onTrainEnd` when `fit` throws (a bad batch, a failing callback), so a
   * callback can free what it holds for the run; synchronous, must not throw.
   */
  onTrainAbort?(error: unknown): void;
}
