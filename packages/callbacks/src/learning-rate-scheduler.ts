import * as tf from '@dendrite/tensor';
import { Callback } from './callback.js';
import { requireOptimizer } from './reduce-lr-on-plateau.js';
import type { Logs } from './training-model.js';

/**
 * The per-epoch function {@link LearningRateScheduler} calls: the learning rate for a 0-based
 * epoch, given the current one. (A per-step, serializable schedule is `LearningRateSchedule` in
 * `@dendrite/optimizers`.)
 */
export type EpochScheduleFunction = (epoch: number, learningRate: number) => number;

/**
 * @deprecated Use {@link EpochScheduleFunction}; `LearningRateSchedule` names the per-step schedule
 * class of `@dendrite/optimizers`.
 */
export type LearningRateSchedule = EpochScheduleFunction;

/**
 * Sets the learning rate at the start of each epoch from `schedule(epoch, currentRate)` and adds
 * `learning_rate` to the epoch logs (Keras `LearningRateScheduler`).
 * @example learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))
 */
export class LearningRateScheduler extends Callback {
  /** The schedule. */
  readonly schedule: EpochScheduleFunction;
  /** 1 prints each update. */
  readonly verbose: 0 | 1;

  constructor(schedule: EpochScheduleFunction, options: { verbose?: 0 | 1 } = {}) {
    super();
    if (typeof schedule !== 'function') {
      throw new tf.ConfigError(
        tf.configMessage(
          'LearningRateScheduler',
          'schedule',
          'a function (epoch, lr) => lr',
          schedule,
        ),
      );
    }
    this.schedule = schedule;
    this.verbose = options.verbose ?? 0;
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = requireOptimizer('LearningRateScheduler', this.model?.optimizer);
    const rate: unknown = this.schedule(epoch, optimizer.currentLearningRate());
    if (typeof rate !== 'number' || !Number.isFinite(rate)) {
      throw new tf.ValueError(
        tf.configMessage('LearningRateScheduler', 'schedule(epoch, lr)', 'a finite number', rate),
      );
    }
    optimizer.learningRate = rate;
    if (this.verbose > 0) {
      console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${rate}.`);
    }
  }

  override onEpochEnd(_epoch: number, logs?: Logs): void {
    if (logs)
      logs.learning_rate = requireOptimizer(
        'LearningRateScheduler',
        this.model?.optimizer,
      ).currentLearningRate();
  }
}

/**
 * Creates a {@link LearningRateScheduler}.
 * @example learningRateScheduler((epoch) => 0.01 * 0.5 ** epoch, { verbose: 1 })
 */
export function learningRateScheduler(
  schedule: EpochScheduleFunction,
  options: { verbose?: 0 | 1 } = {},
): LearningRateScheduler {
  return new LearningRateScheduler(schedule, options);
}
