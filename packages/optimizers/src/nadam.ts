import * as tf from '@dendrite/tensor';
import { MOMENT_HYPERPARAMETERS } from './adam.js';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';

/** Config of {@link nadam}. */
export interface NadamArgs extends OptimizerArgs {
  /** Decay of the first-moment estimate. @defaultValue 0.9 */
  readonly beta1?: number;
  /** Decay of the second-moment estimate. @defaultValue 0.999 */
  readonly beta2?: number;
  /** Added to `sqrt(v_hat)`. @defaultValue 1e-7 */
  readonly epsilon?: number;
}

/** Keras' momentum-cache decay: `u_t = beta1 (1 - 0.5 * 0.96^t)`. */
const SCHEDULE_DECAY = 0.96;

/**
 * Nadam, Adam with Nesterov momentum (Dozat, 2016), Keras 3 rule with the momentum cache
 * `u_t = b1 (1 - 0.5 * 0.96^t)` and its running product `U_t`:
 * `m_hat = u_{t+1} m / (1 - U_t u_{t+1}) + (1 - u_t) g / (1 - U_t)`,
 * `w -= lr m_hat / (sqrt(v / (1 - b2^t)) + eps)`.
 */
export class Nadam extends optimizerBase<NadamArgs>()(0.001, MOMENT_HYPERPARAMETERS) {
  static override readonly className = 'Nadam';
  // The product U_t depends only on the step, so it is cached, not checkpointed.
  private product = { step: 0, value: 1 };

  private momentumCache(step: number): number {
    return this.beta1 * (1 - 0.5 * SCHEDULE_DECAY ** step);
  }

  protected override beforeUpdate(iteration: number): void {
    const step = iteration + 1;
    if (this.product.step > step) this.product = { step: 0, value: 1 };
    while (this.product.step < step) {
      const next = this.product.step + 1;
      this.product = { step: next, value: this.product.value * this.momentumCache(next) };
    }
  }

  protected slotNames(): readonly string[] {
    return ['momentum', 'velocity'];
  }

  protected updateStep({ gradient, variable, learningRate, iteration }: VariableUpdate): void {
    const { beta1, beta2 } = this;
    const t = iteration + 1;
    const uT = this.momentumCache(t);
    const uNext = this.momentumCache(t + 1);
    const productT = this.product.value;
    const productNext = productT * uNext;
    const m = this.updateMovingAverage(this.slot(variable, 'momentum'), gradient, beta1);
    const v = this.updateMovingAverage(this.slot(variable, 'velocity'), tf.square(gradient), beta2);
    const mHat = tf.add(
      tf.mul(m, uNext / (1 - productNext)),
      tf.mul(gradient, (1 - uT) / (1 - productT)),
    );
    const vHat = tf.div(v, 1 - beta2 ** t);
    const step = tf.div(tf.mul(mHat, learningRate), tf.add(tf.sqrt(vHat), this.epsilon));
    variable.assign(tf.sub(variable, step));
  }
}

/**
 * Creates a {@link Nadam} optimizer.
 * @example const optimizer = nadam({ learningRate: 0.002 });
 */
export function nadam(args: NadamArgs = {}): Nadam {
  return new Nadam(args);
}
