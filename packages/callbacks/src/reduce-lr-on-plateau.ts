import * as tf from '@dendrite/tensor';
import { MonitorCallback, type MonitorCallbackArgs } from './monitor-callback.js';
import type { Logs, TrainingOptimizer } from './training-model.js';

/** Configuration of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauArgs extends MonitorCallbackArgs {
  /** Multiplier applied to the learning rate; must be in [0, 1). @defaultValue 0.1 */
  factor?: number;
  /** Epochs without improvement before reducing. @defaultValue 10 */
  patience?: number;
  /** Epochs to wait after a reduction before counting again. @defaultValue 0 */
  cooldown?: number;
  /** Lower bound of the learning rate. @defaultValue 0 */
  minLr?: number;
  /** 1 prints each reduction. @defaultValue 0 */
  verbose?: 0 | 1;
}

const DEFAULTS = Object.freeze({
  factor: 0.1,
  patience: 10,
  cooldown: 0,
  minLr: 0,
  minDelta: 1e-4,
});

/** The optimizer of the callback's model, or an error naming the callback. */
export function requireOptimizer(owner: string, optimizer: TrainingOptimizer | undefined) {
  if (!optimizer) {
    throw new tf.ValueError(`${owner}: the model has no optimizer; compile it before fit`);
  }
  return optimizer;
}

/**
 * Multiplies the learning rate by `factor` when the monitored metric has not improved (by more
 * than `minDelta`, default 1e-4) for `patience` epochs, then waits `cooldown` epochs; never
 * below `minLr` (Keras `ReduceLROnPlateau`). Adds `learning_rate` to the epoch logs.
 * @example reduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 2, minLr: 1e-5 })
 */
export class ReduceLROnPlateau extends MonitorCallback {
  /** The multiplier. */
  readonly factor: number;
  /** The patience. */
  readonly patience: number;
  /** The cooldown. */
  readonly cooldown: number;
  /** The lower bound. */
  readonly minLr: number;
  /** Verbosity. */
  readonly verbose: 0 | 1;
  /** Epochs without improvement. */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super('ReduceLROnPlateau', args, DEFAULTS.minDelta);
    const owner = 'ReduceLROnPlateau';
    this.factor = tf.checkNumber(owner, 'factor', args.factor ?? DEFAULTS.factor, {
      min: 0,
      max: 1,
      maxExclusive: true,
    });
    this.patience = tf.checkNumber(owner, 'patience', args.patience ?? DEFAULTS.patience, {
      min: 0,
      integer: true,
    });
    this.cooldown = tf.checkNumber(owner, 'cooldown', args.cooldown ?? DEFAULTS.cooldown, {
      min: 0,
      integer: true,
    });
    this.minLr = tf.checkNumber(owner, 'minLr', args.minLr ?? DEFAULTS.minLr, { min: 0 });
    this.verbose = args.verbose ?? 0;
  }

  override onTrainBegin(): void {
    this.best = this.worstValue();
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const optimizer = requireOptimizer('ReduceLROnPlateau', this.model?.optimizer);
    if (logs) logs.learning_rate = optimizer.currentLearningRate();
    const current = this.getMonitorValue(logs);
    if (current === undefined) return;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait += 1;
    if (this.wait < this.patience) return;
    const oldLr = optimizer.currentLearningRate();
    // Keras compares against min_lr in float32, so a rate already at the bound stays put.
    if (oldLr > Math.fround(this.minLr)) {
      const newLr = Math.max(oldLr * this.factor, this.minLr);
      optimizer.learningRate = newLr;
      if (this.verbose > 0) {
        console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
      }
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}

/**
 * Creates a {@link ReduceLROnPlateau} callback.
 * @example reduceLROnPlateau({ factor: 0.2, patience: 5 })
 */
export function reduceLROnPlateau(args: ReduceLROnPlateauArgs = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(args);
}
