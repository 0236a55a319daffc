import type * as tf from '@dendrite/tensor';

/**
 * A serializable map from the optimizer step to a learning rate, as Keras'
 * `keras.optimizers.schedules.LearningRateSchedule`. The optimizer calls it with its
 * iteration count before the update (0 on the first step).
 *
 * @example
 * class Halving extends LearningRateSchedule {
 *   static readonly className = 'Halving';
 *   call(step: number) { return 0.1 * 0.5 ** step; }
 *   getConfig() { return {}; }
 * }
 */
export abstract class LearningRateSchedule implements tf.Serializable {
  /** The TF.js / Keras class name, e.g. `'ExponentialDecay'`. */
  static readonly className: string = 'LearningRateSchedule';

  /** The learning rate at `step` (the optimizer's iteration count before the update). */
  abstract call(step: number): number;

  /** The camelCase config; `fromConfig` of the same class rebuilds an equal schedule. */
  abstract getConfig(): tf.ConfigDict;

  /**
   * Rebuilds a schedule of the class it is called on from its {@link LearningRateSchedule.getConfig}.
   * @example ExponentialDecay.fromConfig(schedule.getConfig())
   */
  static fromConfig<T extends LearningRateSchedule>(
    this: new (
      args: never,
    ) => T,
    config: tf.ConfigDict,
  ): T {
    return new this(config as never);
  }

  /** The registered class name. */
  getClassName(): string {
    return (this.constructor as typeof LearningRateSchedule).className;
  }

  /** This schedule as a plain `(step) => learningRate` function. */
  asFunction(): (step: number) => number {
    return (step) => this.call(step);
  }
}
