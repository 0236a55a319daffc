import * as tf from '@dendrite/tensor';
import { BaseRNN, type StepContext } from './base-rnn.js';
import type { RecurrentArgs } from './recurrent-args.js';

/** Config of {@link SimpleRNN}. */
export type SimpleRNNArgs = RecurrentArgs;

/**
 * A fully connected recurrent layer (Elman network): `h_t = activation(x_t · kernel + bias +
 * h_{t-1} · recurrent_kernel)`, the output being `h`.
 * @example const layer = simpleRNN({ units: 8, returnSequences: true });
 */
export class SimpleRNN extends BaseRNN {
  static override readonly className = 'SimpleRNN';
  protected readonly gateCount = 1;

  protected step(input: tf.Tensor2D, states: tf.Tensor2D[], context: StepContext): tf.Tensor2D[] {
    let previous = states[0] as tf.Tensor2D;
    if (context.recurrentMask) previous = tf.mul(previous, context.recurrentMask);
    return [
      this.activation.apply(
        tf.add(input, tf.matMul(previous, context.recurrentKernel)),
      ) as tf.Tensor2D,
    ];
  }
}

/** Creates a {@link SimpleRNN} layer. @example simpleRNN({ units: 16 }) */
export function simpleRNN(args: SimpleRNNArgs): SimpleRNN {
  return new SimpleRNN(args);
}
