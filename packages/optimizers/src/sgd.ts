import * as tf from '@dendrite/tensor';
import { Optimizer, type OptimizerArgs } from './optimizer.js';
import { checkFraction } from './validate.js';

/** Config of {@link sgd}. */
export interface SGDArgs extends OptimizerArgs {
  /** Momentum factor in [0, 1]; 0 is plain gradient descent. @defaultValue 0 */
  readonly momentum?: number;
  /** Use Nesterov momentum. @defaultValue false */
  readonly nesterov?: boolean;
}

const DEFAULTS = Object.freeze({ learningRate: 0.01, momentum: 0, nesterov: false });

/**
 * Gradient descent with optional (Nesterov) momentum, Keras 3 rule:
 * `m = momentum * m - lr * g; w += m` (Nesterov: `w += momentum * m - lr * g`).
 * Sutskever et al., 2013.
 */
export class SGD extends Optimizer {
  static override readonly className = 'SGD';
  /** Momentum factor. */
  readonly momentum: number;
  /** Whether Nesterov momentum is used. */
  readonly nesterov: boolean;

  constructor(args: SGDArgs = {}) {
    super(args, DEFAULTS.learningRate);
    this.momentum = checkFraction('SGD', 'momentum', args.momentum ?? DEFAULTS.momentum);
    this.nesterov = tf.checkBoolean('SGD', 'nesterov', args.nesterov ?? DEFAULTS.nesterov);
  }

  protected slotNames(): readonly string[] {
    return this.momentum === 0 ? [] : ['momentum'];
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, learningRate: number): void {
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

  protected hyperConfig(): tf.ConfigDict {
    return { momentum: this.momentum, nesterov: this.nesterov };
  }
}

/**
 * Creates an {@link SGD} optimizer.
 * @example const optimizer = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
 */
export function sgd(args: SGDArgs = {}): SGD {
  return new SGD(args);
}
