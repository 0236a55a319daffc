import * as tf from '@dendrite/tensor';
import type { OptimizerArgs, VariableUpdate } from './optimizer-args.js';
import { optimizerBase } from './optimizer-base.js';
import { fractionOption } from './validate.js';

/** Config of {@link sgd}. */
export interface SGDArgs extends OptimizerArgs {
  /** Momentum factor in [0, 1]; 0 is plain gradient descent. @defaultValue 0 */
  readonly momentum?: number;
  /** Use Nesterov momentum. @defaultValue false */
  readonly nesterov?: boolean;
}

const HYPERPARAMETERS = Object.freeze({
  momentum: fractionOption(0),
  nesterov: tf.booleanOption(false),
});

/**
 * Gradient descent with optional (Nesterov) momentum, Keras 3 rule:
 * `m = momentum * m - lr * g; w += m` (Nesterov: `w += momentum * m - lr * g`).
 * Sutskever et al., 2013.
 */
export class SGD extends optimizerBase<SGDArgs>()(0.01, HYPERPARAMETERS) {
  static override readonly className = 'SGD';

  protected slotNames(): readonly string[] {
    return this.momentum === 0 ? [] : ['momentum'];
  }

  protected updateStep({ gradient, variable, learningRate }: VariableUpdate): void {
    const step = tf.mul(gradient, learningRate);
    if (this.momentum === 0) {
      variable.assign(tf.sub(variable, step));
      return;
    }
    const m = this.slot(variable, 'momentum');
    const next = tf.sub(tf.mul(m, this.momentum), step);
    m.assign(next);
    const delta = this.nesterov ? tf.sub(tf.mul(next, this.momentum), step) : next;
    variable.assign(tf.add(variable, delta));
  }
}

/**
 * Creates an {@link SGD} optimizer.
 * @example const optimizer = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export function sgd(args: SGDArgs = {}): SGD {
  return new SGD(args);
}
