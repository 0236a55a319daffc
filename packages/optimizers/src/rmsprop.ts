import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { fractionOption, nonNegativeOption } from './validate.js';

/** Config of {@link rmsprop}. */
export interface RMSpropArgs extends OptimizerArgs {
  /** Decay of the moving average of squared gradients. @defaultValue 0.9 */
  readonly rho?: number;
  /** Momentum factor in [0, 1]. @defaultValue 0 */
  readonly momentum?: number;
  /** Added to the average inside the square root. @defaultValue 1e-7 */
  readonly epsilon?: number;
  /** Normalize by the centered second moment (the variance estimate). @defaultValue false */
  readonly centered?: boolean;
}

const HYPERPARAMETERS = Object.freeze({
  rho: fractionOption(0.9),
  momentum: fractionOption(0),
  epsilon: nonNegativeOption(1e-7),
  centered: tf.booleanOption(false),
});

/**
 * RMSprop (Hinton, Coursera lecture 6e), Keras 3 rule:
 * `v = rho v + (1 - rho) g^2; w -= lr g / sqrt(v + eps)`; centered subtracts the squared mean
 * gradient from `v`; momentum accumulates the increments.
 */
export class RMSprop extends optimizerBase<RMSpropArgs>()(0.001, HYPERPARAMETERS) {
  static override readonly className = 'RMSprop';

  protected slotNames(): readonly string[] {
    return [
      'velocity',
      ...(this.momentum > 0 ? ['momentum'] : []),
      ...(this.centered ? ['averageGradient'] : []),
    ];
  }

  protected updateStep({ gradient, variable, learningRate }: VariableUpdate): void {
    const { rho } = this;
    const velocity = this.slot(variable, 'velocity');
    const v = tf.add(tf.mul(velocity, rho), tf.mul(tf.square(gradient), 1 - rho));
    velocity.assign(v);
    let denominator: tf.Tensor;
    if (this.centered) {
      const average = this.slot(variable, 'averageGradient');
      const a = tf.add(tf.mul(average, rho), tf.mul(gradient, 1 - rho));
      average.assign(a);
      denominator = tf.add(tf.sub(v, tf.square(a)), this.epsilon);
    } else {
      denominator = tf.add(v, this.epsilon);
    }
    const increment = tf.div(tf.mul(gradient, learningRate), tf.sqrt(denominator));
    if (this.momentum > 0) {
      const momentum = this.slot(variable, 'momentum');
      const m = tf.add(tf.mul(momentum, this.momentum), increment);
      momentum.assign(m);
      variable.assign(tf.sub(variable, m));
    } else {
      variable.assign(tf.sub(variable, increment));
    }
  }
}

/**
 * Creates an {@link RMSprop} optimizer.
 * @example const optimizer = rmsprop({ learningRate: 0.001, centered: true });
 */
export function rmsprop(args: RMSpropArgs = {}): RMSprop {
  return new RMSprop(args);
}
