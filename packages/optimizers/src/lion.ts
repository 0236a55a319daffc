import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { betaOption } from './validate.js';

/** Config of {@link lion}. */
export interface LionArgs extends OptimizerArgs {
  /** Mix of momentum and gradient inside the sign, in (0, 1). @defaultValue 0.9 */
  readonly beta1?: number;
  /** Decay of the momentum. @defaultValue 0.99 */
  readonly beta2?: number;
}

const HYPERPARAMETERS = Object.freeze({
  // beta1 = 0 would make Lion plain sign-SGD, which Keras rejects too.
  beta1: tf.numberOption(0.9, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
  beta2: betaOption(0.99),
});

/**
 * Lion, EvoLved Sign Momentum (Chen et al., 2023), Keras 3 rule:
 * `w -= lr sign(b1 m + (1 - b1) g); m = b2 m + (1 - b2) g`.
 */
export class Lion extends optimizerBase<LionArgs>()(0.001, HYPERPARAMETERS) {
  static override readonly className = 'Lion';

  protected slotNames(): readonly string[] {
    return ['momentum'];
  }

  protected updateStep({ gradient, variable, learningRate }: VariableUpdate): void {
    const momentum = this.slot(variable, 'momentum');
    const direction = tf.sign(
      tf.add(tf.mul(momentum, this.beta1), tf.mul(gradient, 1 - this.beta1)),
    );
    variable.assign(tf.sub(variable, tf.mul(direction, learningRate)));
    momentum.assign(tf.add(tf.mul(momentum, this.beta2), tf.mul(gradient, 1 - this.beta2)));
  }
}

/**
 * Creates a {@link Lion} optimizer.
 * @example const optimizer = lion({ learningRate: 0.0001, weightDecay: 0.01 });
 */
export function lion(args: LionArgs = {}): Lion {
  return new Lion(args);
}
