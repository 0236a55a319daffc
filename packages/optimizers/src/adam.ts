import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { betaOption, nonNegativeOption } from './validate.js';

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

/** The moment decays and epsilon, with Keras' defaults, that Adam, Adamax and Nadam share. */
export const MOMENT_HYPERPARAMETERS = Object.freeze({
  beta1: betaOption(0.9),
  beta2: betaOption(0.999),
  epsilon: nonNegativeOption(1e-7),
});

const HYPERPARAMETERS = Object.freeze({
  ...MOMENT_HYPERPARAMETERS,
  amsgrad: tf.booleanOption(false),
});

/**
 * Adam (Kingma & Ba, 2014), Keras 3 rule: `m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
 * w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)` with `t` the 1-based step.
 */
export class Adam extends optimizerBase<AdamArgs>()(0.001, HYPERPARAMETERS) {
  static override readonly className: string = 'Adam';

  protected slotNames(): readonly string[] {
    return this.amsgrad ? ['momentum', 'velocity', 'velocityHat'] : ['momentum', 'velocity'];
  }

  /** `DendriteAdamUpdate`'s attributes for a step at `learningRate` after `iteration` steps. */
  private updateAttrs(learningRate: number, iteration: number): tf.AdamUpdateAttrs {
    const { beta1, beta2, epsilon } = this;
    const t = iteration + 1;
    const alpha = (learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    return { alpha, beta1, beta2, epsilon };
  }

  /**
   * Runs one step whose Adam update a fused kernel applies itself (a whole training step in one
   * kernel): `apply` gets `DendriteAdamUpdate`'s attributes for this step and each variable's
   * `[m, v]` slots, runs the kernel and assigns its results; the step is then counted. Returns
   * `apply`'s result, or `undefined` without calling it when this step is not the plain rule
   * (AMSGrad, weight decay, clipping, a subclass' own update), so the caller applies gradients.
   */
  applyFused<T>(
    variables: readonly tf.Variable[],
    apply: (attrs: tf.AdamUpdateAttrs, moments: Array<[tf.Variable, tf.Variable]>) => T,
  ): T | undefined {
    return this.applyFusedSteps(1, variables, (attrs, moments) =>
      apply(attrs[0] as tf.AdamUpdateAttrs, moments),
    );
  }

  /**
   * {@link applyFused} for `count` steps in a row that one kernel applies (Keras'
   * `steps_per_execution`): `apply` gets each step's attributes, in order (the learning rate
   * schedule at each step's iteration), and the steps are counted once it returns.
   */
  applyFusedSteps<T>(
    count: number,
    variables: readonly tf.Variable[],
    apply: (attrs: tf.AdamUpdateAttrs[], moments: Array<[tf.Variable, tf.Variable]>) => T,
  ): T | undefined {
    const clipped = [this.clipNorm, this.clipValue, this.globalClipNorm].some((c) => c !== null);
    const plain =
      this.updateStep === Adam.prototype.updateStep &&
      this.beforeUpdate === Adam.prototype.beforeUpdate;
    if (this.amsgrad || this.weightDecay !== null || clipped || !plain) return undefined;
    return this.steps(count, (learningRates, iteration) =>
      apply(
        learningRates.map((rate, k) => this.updateAttrs(rate, iteration + k)),
        variables.map((variable) => [
          this.slot(variable, 'momentum'),
          this.slot(variable, 'velocity'),
        ]),
      ),
    );
  }

  protected updateStep({ gradient, variable, learningRate, iteration }: VariableUpdate): void {
    const attrs = this.updateAttrs(learningRate, iteration);
    const { alpha, beta1, beta2 } = attrs;
    const momentum = this.slot(variable, 'momentum');
    const velocity = this.slot(variable, 'velocity');
    if (
      !this.amsgrad &&
      gradient.dtype === 'float32' &&
      tf.hasDendriteKernel(tf.DendriteAdamUpdate)
    ) {
      // One fused pass where the backend has it; the same rule as the ops below.
      const inputs = { variable, gradient, m: momentum, v: velocity };
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
}

/**
 * Creates an {@link Adam} optimizer.
 * @example const optimizer = adam({ learningRate: 0.01 });
 */
export function adam(args: AdamArgs = {}): Adam {
  return new Adam(args);
}
