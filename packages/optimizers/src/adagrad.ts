import * as tf from '@dendrite/tensor';
import { Optimizer, type OptimizerArgs } from './optimizer.js';
import { checkNonNegative } from './validate.js';

/** Config of {@link adagrad}. */
export interface AdagradArgs extends OptimizerArgs {
  /** Starting value of the squared-gradient accumulator. @defaultValue 0.1 */
  readonly initialAccumulatorValue?: number;
  /** Added to the accumulator inside the square root. @defaultValue 1e-7 */
  readonly epsilon?: number;
}

const DEFAULTS = Object.freeze({
  learningRate: 0.001,
  initialAccumulatorValue: 0.1,
  epsilon: 1e-7,
});

/**
 * Adagrad (Duchi et al., 2011), Keras 3 rule: `a += g^2; w -= lr g / sqrt(a + eps)`.
 */
export class Adagrad extends Optimizer {
  static override readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(args: AdagradArgs = {}) {
    super(args, DEFAULTS.learningRate);
    this.initialAccumulatorValue = checkNonNegative(
      'Adagrad',
      'initialAccumulatorValue',
      args.initialAccumulatorValue ?? DEFAULTS.initialAccumulatorValue,
    );
    this.epsilon = checkNonNegative('Adagrad', 'epsilon', args.epsilon ?? DEFAULTS.epsilon);
  }

  protected slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected override slotInitialValue(): number {
    return this.initialAccumulatorValue;
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: number): void {
    const accumulator = this.slot(variable, 'accumulator');
    const a = tf.add(accumulator, tf.square(gradient));
    accumulator.assign(a);
    const step = tf.div(tf.mul(gradient, learningRate), tf.sqrt(tf.add(a, this.epsilon)));
    variable.assign(tf.sub(variable, step));
  }

  protected hyperConfig(): tf.ConfigDict {
    return { initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}

/**
 * Creates an {@link Adagrad} optimizer.
 * @example const optimizer = adagrad({ learningRate: 0.01 });
 */
export function adagrad(args: AdagradArgs = {}): Adagrad {
  return new Adagrad(args);
}
