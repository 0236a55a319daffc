import * as tf from '@dendrite/tensor';
import { MOMENT_HYPERPARAMETERS } from './adam.js';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';

/** Config of {@link adamax}. */
export interface AdamaxArgs extends OptimizerArgs {
  /** Decay of the first-moment estimate. @defaultValue 0.9 */
  readonly beta1?: number;
  /** Decay of the infinity norm. @defaultValue 0.999 */
  readonly beta2?: number;
  /** Added to the infinity norm. @defaultValue 1e-7 */
  readonly epsilon?: number;
}

/**
 * Adamax, the infinity-norm variant of Adam (Kingma & Ba, 2014, section 7), Keras 3 rule:
 * `m += (g - m)(1 - b1); u = max(b2 u, |g|); w -= lr m / ((1 - b1^t)(u + eps))`.
 */
export class Adamax extends optimizerBase<AdamaxArgs>()(0.001, MOMENT_HYPERPARAMETERS) {
  static override readonly className = 'Adamax';

  protected slotNames(): readonly string[] {
    return ['momentum', 'norm'];
  }

  protected updateStep({ gradient, variable, learningRate, iteration }: VariableUpdate): void {
    const m = this.updateMovingAverage(this.slot(variable, 'momentum'), gradient, this.beta1);
    const norm = this.slot(variable, 'norm');
    const u = tf.maximum(tf.mul(norm, this.beta2), tf.abs(gradient));
    norm.assign(u);
    const scale = learningRate / (1 - this.beta1 ** (iteration + 1));
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, scale), tf.add(u, this.epsilon))));
  }
}

/**
 * Creates an {@link Adamax} optimizer.
 * @example const optimizer = adamax({ learningRate: 0.002 });
 */
export function adamax(args: AdamaxArgs = {}): Adamax {
  return new Adamax(args);
}
