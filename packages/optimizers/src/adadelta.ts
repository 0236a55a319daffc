import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { fractionOption, nonNegativeOption } from './validate.js';

/** Config of {@link adadelta}. */
export interface AdadeltaArgs extends OptimizerArgs {
  /** Decay of the moving averages. @defaultValue 0.95 */
  readonly rho?: number;
  /** Added inside each square root. @defaultValue 1e-7 */
  readonly epsilon?: number;
}

const HYPERPARAMETERS = Object.freeze({
  rho: fractionOption(0.95),
  epsilon: nonNegativeOption(1e-7),
});

/**
 * Adadelta (Zeiler, 2012), Keras 3 rule: `Eg = rho Eg + (1 - rho) g^2;
 * d = -sqrt(Ed + eps) / sqrt(Eg + eps) * g; Ed = rho Ed + (1 - rho) d^2; w += lr d`.
 */
export class Adadelta extends optimizerBase<AdadeltaArgs>()(0.001, HYPERPARAMETERS) {
  static override readonly className = 'Adadelta';

  protected slotNames(): readonly string[] {
    return ['accumulatedGrad', 'accumulatedDeltaVar'];
  }

  protected updateStep({ gradient, variable, learningRate }: VariableUpdate): void {
    const { rho, epsilon } = this;
    const accumulatedGrad = this.slot(variable, 'accumulatedGrad');
    const accumulatedDelta = this.slot(variable, 'accumulatedDeltaVar');
    const eg = tf.add(tf.mul(accumulatedGrad, rho), tf.mul(tf.square(gradient), 1 - rho));
    accumulatedGrad.assign(eg);
    const rms = (x: tf.Tensor) => tf.sqrt(tf.add(x, epsilon));
    const delta = tf.neg(tf.div(tf.mul(rms(accumulatedDelta), gradient), rms(eg)));
    accumulatedDelta.assign(
      tf.add(tf.mul(accumulatedDelta, rho), tf.mul(tf.square(delta), 1 - rho)),
    );
    variable.assign(tf.add(variable, tf.mul(delta, learningRate)));
  }
}

/**
 * Creates an {@link Adadelta} optimizer.
 * @example const optimizer = adadelta({ learningRate: 1 });
 */
export function adadelta(args: AdadeltaArgs = {}): Adadelta {
  return new Adadelta(args);
}
