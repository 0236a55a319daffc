import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link ELU}. */
export interface ELULayerArgs extends LayerArgs {
  /** Scale of the negative part, a finite number. @defaultValue 1 */
  readonly alpha?: number;
}

/** Defaults of {@link ELULayerArgs}. */
export const ELU_LAYER_DEFAULTS = Object.freeze({ alpha: 1 });

/**
 * Exponential linear unit: `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise
 * (Clevert et al., 2016).
 * @example elu({ alpha: 0.5 })
 */
export class ELU extends Layer {
  static override readonly className = 'ELU';
  readonly alpha: number;

  constructor(args: ELULayerArgs = {}) {
    super(args);
    this.alpha = tf.checkNumber('ELU', 'alpha', args.alpha ?? ELU_LAYER_DEFAULTS.alpha);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const y = tf.elu(x);
    if (this.alpha === 1) return y;
    // elu(x) - relu(x) is exp(x) - 1 below zero and 0 above, so this scales only the negative part.
    const positive = tf.relu(x);
    return tf.add(positive, tf.mul(tf.sub(y, positive), this.alpha));
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Creates an {@link ELU} layer. @example elu() */
export function elu(args: ELULayerArgs = {}): ELU {
  return new ELU(args);
}
