import * as tf from '@dendrite/tensor';
import { CALLBACK_HOOKS, Callback, type HookResult } from './callback.js';
import type { Logs } from './training-model.js';

type GlobalHook = (logs?: Logs) => HookResult;
type IndexedHook = (index: number, logs?: Logs) => HookResult;

/** Runs the Keras-named hook, then its alias; a promise from either is awaited in turn. */
function both(
  first: IndexedHook | undefined,
  second: IndexedHook | undefined,
  index: number,
  logs: Logs | undefined,
): HookResult {
  const a = first?.(index, logs);
  if (!second) return a;
  if (a) return a.then(() => second(index, logs));
  return second(index, logs);
}

/** Hooks for {@link LambdaCallback}; each is optional. */
export interface LambdaCallbackArgs {
  /** Start of `fit`. */
  onTrainBegin?: GlobalHook;
  /** End of `fit`. */
  onTrainEnd?: GlobalHook;
  /** Start of an epoch (0-based). */
  onEpochBegin?: IndexedHook;
  /** End of an epoch (0-based). */
  onEpochEnd?: IndexedHook;
  /** Start of a training batch. */
  onTrainBatchBegin?: IndexedHook;
  /** End of a training batch. */
  onTrainBatchEnd?: IndexedHook;
  /** Start of a training batch (the Keras `on_batch_begin` and tfjs-layers `onBatchBegin` alias). */
  onBatchBegin?: IndexedHook;
  /** End of a training batch (the Keras `on_batch_end` and tfjs-layers `onBatchEnd` alias). */
  onBatchEnd?: IndexedHook;
  /** Start of evaluation. */
  onTestBegin?: GlobalHook;
  /** End of evaluation. */
  onTestEnd?: GlobalHook;
  /** Start of an evaluation batch. */
  onTestBatchBegin?: IndexedHook;
  /** End of an evaluation batch. */
  onTestBatchEnd?: IndexedHook;
  /** Start of prediction. */
  onPredictBegin?: GlobalHook;
  /** End of prediction. */
  onPredictEnd?: GlobalHook;
  /** Start of a prediction batch. */
  onPredictBatchBegin?: IndexedHook;
  /** End of a prediction batch. */
  onPredictBatchEnd?: IndexedHook;
  /**
   * Ask for batch logs every N batches (each costs a device sync). @defaultValue 1 when a
   * batch-end hook is given (Keras and tfjs-layers pass such hooks their logs), else 0
   */
  batchLogsEvery?: number;
}

// Keras' `on_batch_begin`/`on_batch_end` alias the training-batch hooks and are listed beside them.
const HOOK_NAMES: ReadonlySet<string> = new Set([
  ...CALLBACK_HOOKS.slice(0, 6),
  'onBatchBegin',
  'onBatchEnd',
  ...CALLBACK_HOOKS.slice(6),
]);

/**
 * A callback made of plain functions (Keras `LambdaCallback`).
 * @example lambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) })
 */
export class LambdaCallback extends Callback {
  private readonly hooks: LambdaCallbackArgs;

  constructor(hooks: LambdaCallbackArgs = {}) {
    super();
    for (const [name, hook] of Object.entries(hooks)) {
      if (name === 'batchLogsEvery') continue;
      if (!HOOK_NAMES.has(name)) {
        throw new tf.ConfigError(
          `LambdaCallback: unknown hook ${tf.describeValue(name)}; expected one of ${[...HOOK_NAMES].join(', ')}, batchLogsEvery`,
        );
      }
      if (hook !== undefined && typeof hook !== 'function') {
        throw new tf.ConfigError(tf.configMessage('LambdaCallback', name, 'a function', hook));
      }
    }
    this.hooks = { ...hooks };
    const batchEnd = ['onTrainBatchEnd', 'onBatchEnd'].some(
      (name) => hooks[name as keyof LambdaCallbackArgs] !== undefined,
    );
    this.batchLogsEvery = hooks.batchLogsEvery ?? (batchEnd ? 1 : 0);
  }

  /** Whether a training batch hook was given (or a subclass has hooks of its own). */
  override get watchesEachTrainBatch(): boolean {
    const { onTrainBatchBegin, onTrainBatchEnd, onBatchBegin, onBatchEnd } = this.hooks;
    const given = [onTrainBatchBegin, onTrainBatchEnd, onBatchBegin, onBatchEnd];
    return (
      given.some((hook) => hook !== undefined) ||
      this.batchHooksDifferFrom(LambdaCallback.prototype)
    );
  }

  override onTrainBegin(logs?: Logs): HookResult {
    return this.hooks.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs?: Logs): HookResult {
    return this.hooks.onTrainEnd?.(logs);
  }
  override onEpochBegin(epoch: number, logs?: Logs): HookResult {
    return this.hooks.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs?: Logs): HookResult {
    return this.hooks.onEpochEnd?.(epoch, logs);
  }
  override onTrainBatchBegin(batch: number, logs?: Logs): HookResult {
    return both(this.hooks.onTrainBatchBegin, this.hooks.onBatchBegin, batch, logs);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): HookResult {
    return both(this.hooks.onTrainBatchEnd, this.hooks.onBatchEnd, batch, logs);
  }
  override onTestBegin(logs?: Logs): HookResult {
    return this.hooks.onTestBegin?.(logs);
  }
  override onTestEnd(logs?: Logs): HookResult {
    return this.hooks.onTestEnd?.(logs);
  }
  override onTestBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTestBatchBegin?.(batch, logs);
  }
  override onTestBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.hooks.onTestBatchEnd?.(batch, logs);
  }
  override onPredictBegin(logs?: Logs): HookResult {
    return this.hooks.onPredictBegin?.(logs);
  }
  override onPredictEnd(logs?: Logs): HookResult {
    return this.hooks.onPredictEnd?.(logs);
  }
  override onPredictBatchBegin(batch: number, logs?: Logs): HookResult {
    return this.hooks.onPredictBatchBegin?.(batch, logs);
  }
  override onPredictBatchEnd(batch: number, logs?: Logs): HookResult {
    return this.hooks.onPredictBatchEnd?.(batch, logs);
  }
}

/**
 * Creates a {@link LambdaCallback}.
 * @example lambdaCallback({ onTrainEnd: () => console.log('done') })
 */
export function lambdaCallback(hooks: LambdaCallbackArgs = {}): LambdaCallback {
  return new LambdaCallback(hooks);
}
