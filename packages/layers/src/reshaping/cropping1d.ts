import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import { type Shape, singleShape } from '../shape.js';
import { checkInputRank, croppedLength, normalizePair, type Pair } from './pairs.js';

/** Config of {@link Cropping1D}. */
export interface Cropping1DArgs extends LayerArgs {
  /** Steps cut from the start and end: `n` for both, or `[start, end]`. @defaultValue [1, 1] */
  readonly cropping?: Pair;
}

/** Defaults of {@link Cropping1DArgs}. */
export const CROPPING_1D_DEFAULTS = Object.freeze({ cropping: [1, 1] as const });

/**
 * Cuts steps off the start and end of sequences `[batch, steps, features]`.
 * @example cropping1d({ cropping: [2, 1] }) // [n, 10, c] → [n, 7, c]
 */
export class Cropping1D extends Layer {
  static override readonly className = 'Cropping1D';
  readonly cropping: [number, number];

  constructor(args: Cropping1DArgs = {}) {
    super(args);
    this.cropping = normalizePair(
      'Cropping1D',
      'cropping',
      args.cropping ?? CROPPING_1D_DEFAULTS.cropping,
    );
  }

  call(inputs: LayerIO): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    const [, length] = this.computeOutputShape(x.shape) as [null, number, number];
    return tf.slice(x, [0, this.cropping[0], 0], [-1, length, -1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(this.name, inputShape);
    checkInputRank(this.name, shape, 3);
    const length = croppedLength(this.name, shape, shape[1] ?? null, this.cropping);
    return [shape[0] ?? null, length, shape[2] ?? null];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), cropping: [...this.cropping] };
  }
}

/** Creates a {@link Cropping1D} layer. @example cropping1d({ cropping: 2 }) */
export function cropping1d(args: Cropping1DArgs = {}): Cropping1D {
  return new Cropping1D(args);
}
