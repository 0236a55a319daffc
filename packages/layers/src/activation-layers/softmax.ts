import * as activations from '@dendrite/activations';
import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';

/** Config of {@link Softmax}. */
export interface SoftmaxLayerArgs extends LayerArgs {
  /** Axis, or axes, normalized over; negative counts from the end. @defaultValue -1 */
  readonly axis?: number | readonly number[];
}

/** Defaults of {@link SoftmaxLayerArgs}. */
export const SOFTMAX_LAYER_DEFAULTS = Object.freeze({ axis: -1 });

function checkAxis(value: unknown): number | number[] {
  const isInt = (v: unknown): v is number => Number.isInteger(v);
  if (isInt(value)) return value;
  if (Array.isArray(value) && value.length > 0 && value.every(isInt)) return [...value];
  throw new tf.ConfigError(
    tf.configMessage('Softmax', 'axis', 'an integer or a non-empty array of integers', value),
  );
}

/**
 * Softmax over `axis`: `exp(x) / sum(exp(x), axis)`, stable at any magnitude.
 * @example softmax({ axis: 1 })
 */
export class Softmax extends Layer {
  static override readonly className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxLayerArgs = {}) {
    super(args);
    this.axis = checkAxis(args.axis ?? SOFTMAX_LAYER_DEFAULTS.axis);
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const axes = typeof this.axis === 'number' ? [this.axis] : this.axis;
    for (const axis of axes) {
      if (axis < -x.rank || axis >= x.rank) {
        throw new tf.ShapeError(
          `${this.name}: \`axis\` ${axis} is out of range for inputs of shape [${x.shape}]`,
        );
      }
    }
    if (axes.length === 1) return activations.softmax(x, { axis: axes[0] as number });
    // Over several axes at once: exp(x - logsumexp(x, axes)).
    return tf.exp(tf.sub(x, tf.logSumExp(x, axes, true)));
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      axis: typeof this.axis === 'number' ? this.axis : [...this.axis],
    };
  }
}

/** Creates a {@link Softmax} layer. @example softmax() // over the last axis */
export function softmax(args: SoftmaxLayerArgs = {}): Softmax {
  return new Softmax(args);
}
