import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { nonNegativeOption } from './validate.js';

/** Config of {@link adagrad}. */
export interface AdagradArgs extends OptimizerArgs {
  /** Starting value of the squared-gradient accumulator. @defaultValue 0.1 */
  readonly initialAccumulatorValue?: number;
  /** Added to the accumulator inside the square root. @defaultValue 1e-7 */
  readonly epsilon?: number;
}

const HYPERPARAMETERS = Object.freeze({
  initialAccumulatorValue: nonNegativeOption(0.1),
  epsilon: nonNegativeOption(1e-7),
});

/**
 * Adagrad (Duchi et al., 2011), Keras 3 rule: `a += g^2; w -= lr g / sqrt(a + eps)`.
 */
export class Adagrad extends optimizerBase<AdagradArgs>()(0.001, HYPERPARAMETERS) {
  static override readonly className = 'Adagrad';

  protected slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected updateStep({ gradient, variable, learningRate }: VariableUpdate): void {
    const accumulator = this.slot(variable, 'accumulator');
    const a = tf.add(accumulator, tf.square(gradient));
    accumulator.assign(a);
    const step = tf.div(tf.mul(gradient, learningRate), tf.sqrt(tf.add(a, this.epsilon)));
    variable.assign(tf.sub(variable, step));
  }
}

/**
 * Creates an {@link Adagrad} optimizer.
 * @example const optimizer = adagrad({ learningRate: 0.01 });
 */
export function adagrad(args: AdagradArgs = {}): Adagrad {
  return new Adagrad(args);
}
