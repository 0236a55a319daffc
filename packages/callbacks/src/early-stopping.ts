import * as tf from '@dendrite/tensor';
import { MonitorCallback, type MonitorCallbackArgs } from './monitor-callback.js';
import type { Logs } from './training-model.js';

/** Configuration of {@link EarlyStopping}. */
export interface EarlyStoppingArgs extends MonitorCallbackArgs {
  /** Epochs without improvement after which training stops. @defaultValue 0 */
  patience?: number;
  /**
   * Value the monitored metric must beat; until it does, the patience counter keeps running.
   * @defaultValue undefined (no baseline)
   */
  baseline?: number;
  /**
   * Restore the weights of the best epoch when training ends (also when it did not stop early).
   * @defaultValue false
   */
  restoreBestWeights?: boolean;
  /** Epochs to wait before watching at all (a warm-up). @defaultValue 0 */
  startFromEpoch?: number;
  /** 1 prints when it stops and restores. @defaultValue 0 */
  verbose?: 0 | 1;
}

const DEFAULTS = Object.freeze({
  patience: 0,
  restoreBestWeights: false,
  startFromEpoch: 0,
  verbose: 0 as 0 | 1,
});

/**
 * Stops training when the monitored metric has stopped improving (Keras `EarlyStopping`).
 * Each watched epoch increments a wait counter; an improvement over the best value resets it
 * (only if it also beats `baseline`); once `wait >= patience` at an epoch past the first,
 * `model.stopTraining` is set.
 * @example
 * await model.fit(x, y, { epochs: 100, callbacks: [earlyStopping({ patience: 3, restoreBestWeights: true })] });
 */
export class EarlyStopping extends MonitorCallback {
  /** Configured patience. */
  readonly patience: number;
  /** Configured baseline. */
  readonly baseline: number | undefined;
  /** Whether best weights are restored at the end. */
  readonly restoreBestWeights: boolean;
  /** First epoch watched. */
  readonly startFromEpoch: number;
  /** Verbosity. */
  readonly verbose: 0 | 1;
  /** Epochs since the last improvement (over baseline). */
  wait = 0;
  /** 0-based epoch at which training was stopped; 0 when it was not. */
  stoppedEpoch = 0;
  /** 0-based epoch of the best value. */
  bestEpoch = 0;
  private bestWeights: tf.Tensor[] | undefined;

  constructor(args: EarlyStoppingArgs = {}) {
    super('EarlyStopping', args);
    this.patience = tf.checkNumber(
      'EarlyStopping',
      'patience',
      args.patience ?? DEFAULTS.patience,
      {
        min: 0,
        integer: true,
      },
    );
    this.baseline =
      args.baseline === undefined
        ? undefined
        : tf.checkNumber('EarlyStopping', 'baseline', args.baseline);
    this.restoreBestWeights = args.restoreBestWeights ?? DEFAULTS.restoreBestWeights;
    this.startFromEpoch = tf.checkNumber(
      'EarlyStopping',
      'startFromEpoch',
      args.startFromEpoch ?? DEFAULTS.startFromEpoch,
      { min: 0, integer: true },
    );
    this.verbose = args.verbose ?? DEFAULTS.verbose;
  }

  override onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.best = this.worstValue();
    this.releaseBestWeights();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.getMonitorValue(logs);
    if (current === undefined || epoch < this.startFromEpoch) return;
    const model = this.model;
    if (this.restoreBestWeights && this.bestWeights === undefined && model) {
      // Until something improves, the first watched epoch's weights are the best.
      this.bestWeights = model.getWeights();
      this.bestEpoch = epoch;
    }
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights && model) {
        this.releaseBestWeights();
        this.bestWeights = model.getWeights();
      }
      if (this.baseline === undefined || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      if (model) model.stopTraining = true;
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) {
      console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    }
    if (this.restoreBestWeights && this.bestWeights !== undefined && this.model) {
      if (this.verbose > 0) {
        console.log(
          `Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`,
        );
      }
      this.model.setWeights(this.bestWeights);
    }
    this.releaseBestWeights();
  }

  /** A `fit` that throws never reaches `onTrainEnd`: the best-weight copies are freed here. */
  override onTrainAbort(): void {
    this.releaseBestWeights();
  }

  /** Frees the kept copy of the best weights (idempotent). */
  dispose(): void {
    this.releaseBestWeights();
  }

  private releaseBestWeights(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = undefined;
  }
}

/**
 * Creates an {@link EarlyStopping} callback.
 * @example earlyStopping({ monitor: 'val_accuracy', patience: 5, restoreBestWeights: true })
 */
export function earlyStopping(args: EarlyStoppingArgs = {}): EarlyStopping {
  return new EarlyStopping(args);
}
