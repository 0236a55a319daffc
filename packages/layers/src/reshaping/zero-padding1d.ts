import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { checkInputRank, normalizePair, type Pair } from './pairs.js';

/** Config of {@link ZeroPadding1D}. */
export interface ZeroPadding1DArgs extends LayerArgs {
  /** Zero steps added at the start and end: `n` for both, or `[start, end]`. @defaultValue 1 */
  readonly padding?: Pair;
}

/** Defaults of {@link ZeroPadding1DArgs}. */
export const ZERO_PADDING_1D_DEFAULTS = Object.freeze({ padding: 1 });

/**
 * Adds steps of zeros at the start and end of sequences `[batch, steps, features]`.
 * @example zeroPadding1d({ padding: [2, 0] }) // [n, 5, c] → [n, 7, c]
 */
export class ZeroPadding1D extends Layer {
  static override readonly className = 'ZeroPadding1D';
  readonly padding: [number, number];

  constructor(args: ZeroPadding1DArgs = {}) {
    super(args);
    this.padding = normalizePair(
      'ZeroPadding1D',
      'padding',
      args.padding ?? ZERO_PADDING_1D_DEFAULTS.padding,
    );
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    checkInputRank(this.name, x.shape, 3);
    return tf.pad(x, [[0, 0], this.padding, [0, 0]]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkInputRank(this.name, shape, 3);
    const length = shape[1] ?? null;
    return [
      shape[0] ?? null,
      length === null ? null : length + this.padding[0] + this.padding[1],
      shape[2] ?? null,
    ];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), padding: [...this.padding] };
  }
}

/** Creates a {@link ZeroPadding1D} layer. @example zeroPadding1d({ padding: 2 }) */
export function zeroPadding1d(args: ZeroPadding1DArgs = {}): ZeroPadding1D {
  return new ZeroPadding1D(args);
}
