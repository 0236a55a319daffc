import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link Masking}. */
export interface MaskingArgs extends LayerArgs {
  /** Steps whose features all equal it are masked. @defaultValue 0 */
  readonly maskValue?: number;
}

/** Defaults of {@link MaskingArgs}. */
export const MASKING_DEFAULTS = Object.freeze({ maskValue: 0 });

/**
 * Marks steps whose features all equal `maskValue` as padding: its output is the input with
 * those steps set to zero (as Keras computes it), and {@link computeMask} gives the boolean
 * mask `[batch, steps]` (true = keep).
 * @example masking({ maskValue: -1 })
 */
export class Masking extends Layer {
  static override readonly className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = tf.checkNumber(
      'Masking',
      'maskValue',
      args.maskValue ?? MASKING_DEFAULTS.maskValue,
    );
  }

  /** 1 where any feature of a step differs from `maskValue`, else 0; shape `[..., 1]`. */
  private keep(x: tf.Tensor): tf.Tensor {
    // step(|x - v|) is 1 exactly where x ≠ v; unlike notEqual it has a (zero) gradient, so
    // gradients flow to the kept inputs.
    return tf.max(tf.step(tf.abs(tf.sub(x, this.maskValue))), -1, true);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.mul(x, this.keep(x));
  }

  /**
   * The Keras mask of `inputs`: true for steps with any feature other than `maskValue`.
   * The caller owns the returned tensor.
   */
  override computeMask(inputs: LayerIO, _mask: tf.Tensor | null = null): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.tidy(() => tf.any(tf.notEqual(x, this.maskValue), -1));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

/** Creates a {@link Masking} layer. @example masking() // masks all-zero steps */
export function masking(args: MaskingArgs = {}): Masking {
  return new Masking(args);
}
