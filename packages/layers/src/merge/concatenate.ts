import * as tf from '@dendrite/tensor';
import type { LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { formatShapes, Merge } from './merge.js';

/** Config of {@link Concatenate}. */
export interface ConcatenateArgs extends LayerArgs {
  /** Axis to join along, counting the batch axis; negative counts from the end. @defaultValue -1 */
  readonly axis?: number;
}

/** Defaults of {@link ConcatenateArgs}. */
export const CONCATENATE_DEFAULTS = Object.freeze({ axis: -1 });

/**
 * Joins its inputs along `axis`; every other dimension must match.
 * @example const joined = concatenate({ axis: -1 }).apply([a, b]);
 */
export class Concatenate extends Merge {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = tf.checkNumber('Concatenate', 'axis', args.axis ?? CONCATENATE_DEFAULTS.axis, {
      integer: true,
    });
  }

  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    return tf.concat(inputs, this.axis);
  }

  protected mergedShape(shapes: readonly Shape[]): Shape {
    const first = shapes[0] as Shape;
    const rank = first.length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const mismatch = () =>
      new tf.ShapeError(
        `${this.name}: inputs must have matching shapes except on axis ${this.axis}; received shapes ${formatShapes(shapes)}`,
      );
    if (axis < 0 || axis >= rank) {
      throw new tf.ShapeError(
        `${this.name}: axis ${this.axis} is out of range for inputs of shapes ${formatShapes(shapes)}`,
      );
    }
    if (shapes.some((shape) => shape.length !== rank)) throw mismatch();
    return first.map((_, i) => {
      const dims = shapes.map((shape) => shape[i] ?? null);
      if (i === axis)
        return dims.includes(null) ? null : (dims as number[]).reduce((a, b) => a + b, 0);
      const known = new Set(dims.filter((dim) => dim !== null));
      if (known.size > 1) throw mismatch();
      return known.size === 1 ? (known.values().next().value as number) : null;
    });
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link Concatenate} layer. @example concatenate().apply([x1, x2]) */
export function concatenate(args: ConcatenateArgs = {}): Concatenate {
  return new Concatenate(args);
}
