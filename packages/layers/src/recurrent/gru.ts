import * as tf from '@dendrite/tensor';
import type { StepContext } from './base-rnn.js';
import { GATED_RNN_DEFAULTS, GatedRNN, type GatedRNNArgs } from './gated-rnn.js';

/** Config of {@link GRU}. */
export interface GRUArgs extends GatedRNNArgs {
  /**
   * Apply the reset gate after the recurrent matmul (Keras 3 / cuDNN variant, bias `[2, 3·units]`)
   * rather than before it (bias `[3·units]`). @defaultValue true
   */
  readonly resetAfter?: boolean;
}

/** Defaults of {@link GRUArgs} beyond the shared recurrent ones. */
export const GRU_DEFAULTS = Object.freeze({ ...GATED_RNN_DEFAULTS, resetAfter: true });

/**
 * Gated recurrent unit (Cho et al., 2014, https://arxiv.org/abs/1406.1078). Gates z (update),
 * r (reset), candidate h̃ = tanh(x_h + r ⊙ (h·U_h + b_h)) with `resetAfter` (else
 * tanh(x_h + (r ⊙ h)·U_h)); `h_t = z ⊙ h + (1 − z) ⊙ h̃`.
 * @example const layer = gru({ units: 32 });
 */
export class GRU extends GatedRNN {
  static override readonly className = 'GRU';
  protected readonly gateCount = 3;
  readonly resetAfter: boolean;

  constructor(args: GRUArgs) {
    super(args);
    this.resetAfter = args.resetAfter ?? GRU_DEFAULTS.resetAfter;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): tf.Tensor | undefined {
    const bias = this.bias?.read();
    return bias && this.resetAfter ? tf.squeeze(tf.slice(bias, [0, 0], [1, -1]), [0]) : bias;
  }

  protected step(input: tf.Tensor2D, states: tf.Tensor2D[], context: StepContext): tf.Tensor2D[] {
    const u = this.units;
    let h = states[0] as tf.Tensor2D;
    // Keras masks the previous state once and uses the masked value throughout the step.
    if (context.recurrentMask) h = tf.mul(h, context.recurrentMask);
    const [xz, xr, xh] = tf.split(input, 3, 1) as tf.Tensor2D[];
    const kernel = context.recurrentKernel;
    let z: tf.Tensor;
    let candidate: tf.Tensor;
    if (this.resetAfter) {
      let inner: tf.Tensor = tf.matMul(h, kernel);
      const bias = this.bias?.read();
      if (bias) inner = tf.add(inner, tf.squeeze(tf.slice(bias, [1, 0], [1, -1]), [0]));
      const [rz, rr, rh] = tf.split(inner, 3, 1);
      z = this.recurrentActivation.apply(tf.add(xz as tf.Tensor, rz as tf.Tensor));
      const r = this.recurrentActivation.apply(tf.add(xr as tf.Tensor, rr as tf.Tensor));
      candidate = this.activation.apply(tf.add(xh as tf.Tensor, tf.mul(r, rh as tf.Tensor)));
    } else {
      const inner = tf.matMul(h, tf.slice(kernel, [0, 0], [u, 2 * u]));
      const [rz, rr] = tf.split(inner, 2, 1);
      z = this.recurrentActivation.apply(tf.add(xz as tf.Tensor, rz as tf.Tensor));
      const r = this.recurrentActivation.apply(tf.add(xr as tf.Tensor, rr as tf.Tensor));
      const rh = tf.matMul(tf.mul(r, h) as tf.Tensor2D, tf.slice(kernel, [0, 2 * u], [u, u]));
      candidate = this.activation.apply(tf.add(xh as tf.Tensor, rh));
    }
    const next = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
    return [next];
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      resetAfter: this.resetAfter,
    };
  }
}

/** Creates a {@link GRU} layer. @example gru({ units: 32, resetAfter: false }) */
export function gru(args: GRUArgs): GRU {
  return new GRU(args);
}
