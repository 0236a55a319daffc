import * as tf from '@dendrite/tensor';
import { Optimizer, type OptimizerArgs } from './optimizer.js';
import { checkBeta, checkNonNegative } from './validate.js';

/** Config of {@link adam}. */
export interface AdamArgs extends OptimizerArgs {
  /** Decay of the first-moment estimate. @defaultValue 0.9 */
  readonly beta1?: number;
  /** Decay of the second-moment estimate. @defaultValue 0.999 */
  readonly beta2?: number;
  /** "Epsilon hat": added to `sqrt(v)` (not to the bias-corrected `sqrt(v_hat)`). @defaultValue 1e-7 */
  readonly epsilon?: number;
  /** Use the AMSGrad variant (Reddi et al., 2018). @defaultValue false */
  readonly amsgrad?: boolean;
}

const DEFAULTS = Object.freeze({
  learningRate: 0.001,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  amsgrad: false,
});

/**
 * Adam (Kingma & Ba, 2014), Keras 3 rule: `m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
 * w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)` with `t` the 1-based step.
 */
export class Adam extends Optimizer {
  static override readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  constructor(args: AdamArgs = {}) {
    super(args, DEFAULTS.learningRate);
    const owner = this.getClassName();
    this.beta1 = checkBeta(owner, 'beta1', args.beta1 ?? DEFAULTS.beta1);
    this.beta2 = checkBeta(owner, 'beta2', args.beta2 ?? DEFAULTS.beta2);
    this.epsilon = checkNonNegative(owner, 'epsilon', args.epsilon ?? DEFAULTS.epsilon);
    this.amsgrad = tf.checkBoolean(owner, 'amsgrad', args.amsgrad ?? DEFAULTS.amsgrad);
  }

  protected slotNames(): readonly string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocityHat'] : ['momentum', 'velocity'];
  }

  protected updateStep(
    gradient: tf.Tensor,
    variable: tf.Variable,
    learningRate: number,
    iteration: number,
  ): void {
    const { beta1, beta2 } = this;
    const t = iteration + 1;
    const alpha = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    const momentum = this.slot(variable, 'momentum');
    const velocity = this.slot(variable, 'velocity');
    if (
      !this.amsgrad &&
      gradient.dtype === 'float32' &&
      tf.hasDendriteKernel(tf.DendriteAdamUpdate)
    ) {
      // One fused pass where the backend has it; the same rule as the ops below.
      const inputs = { variable, gradient, m: momentum, v: velocity };
      const attrs = { alpha, beta1, beta2, epsilon: this.epsilon };
      const [w1, m1, v1] = tf
        .engine()
        .runKernel(
          tf.DendriteAdamUpdate,
          inputs,
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      momentum.assign(m1 as tf.Tensor);
      velocity.assign(v1 as tf.Tensor);
      variable.assign(w1 as tf.Tensor);
      return;
    }
    const m = this.updateMovingAverage(momentum, gradient, beta1);
    let v = this.updateMovingAverage(velocity, tf.square(gradient), beta2);
    if (this.amsgrad) {
      const velocityHat = this.slot(variable, 'velocityHat');
      v = tf.maximum(velocityHat, v);
      velocityHat.assign(v);
    }
    const step = tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), this.epsilon));
    variable.assign(tf.sub(variable, step));
  }

  protected hyperConfig(): tf.ConfigDict {
    return { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}

/**
 * Creates an {@link Adam} optimizer.
 * @example const optimizer = adam({ learningRate: 0.01 });
 */
export function adam(args: AdamArgs = {}): Adam {
  return new Adam(args);
}
