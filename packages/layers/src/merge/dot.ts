import * as tf from '@dendrite/tensor';
import type { LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { formatShapes, Merge } from './merge.js';

/** Config of {@link Dot}. */
export interface DotArgs extends LayerArgs {
  /** Axis (or one axis per input) summed over, counting the batch axis; negative counts from the end. */
  readonly axes: number | readonly [number, number];
  /** L2-normalize both inputs along the summed axes first, giving cosine similarity. @defaultValue false */
  readonly normalize?: boolean;
}

/** Defaults of {@link DotArgs}. */
export const DOT_DEFAULTS = Object.freeze({ normalize: false });

// Keras' backend epsilon: the squared norm is floored at it before the square root.
const EPSILON = 1e-7;

function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  const squares = tf.sum(tf.square(x), axis, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squares, EPSILON)));
}

/**
 * The batch-wise dot product of two inputs over `axes` (Keras `batch_dot`): for each sample,
 * the remaining axes of the first input, then those of the second; a scalar result is `[batch, 1]`.
 * @example const scores = dot({ axes: -1, normalize: true }).apply([a, b]);
 */
export class Dot extends Merge {
  static override readonly className = 'Dot';
  protected override readonly inputCount = 2;
  readonly axes: number | readonly [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const axes = args?.axes;
    const valid =
      Number.isInteger(axes) ||
      (Array.isArray(axes) && axes.length === 2 && axes.every((a) => Number.isInteger(a)));
    if (!valid || axes === 0 || (Array.isArray(axes) && axes.includes(0))) {
      throw new tf.ConfigError(
        tf.configMessage('Dot', 'axes', 'a non-zero integer or a pair of them', axes),
      );
    }
    this.axes = Array.isArray(axes) ? [axes[0], axes[1]] : (axes as number);
    this.normalize = args.normalize ?? DOT_DEFAULTS.normalize;
  }

  /** The two summed axes for inputs of these ranks, made non-negative. */
  private resolveAxes(rank1: number, rank2: number): [number, number] {
    const [a, b] = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    return [a < 0 ? a + rank1 : a, b < 0 ? b + rank2 : b];
  }

  protected mergedShape(shapes: readonly Shape[]): Shape {
    const [s1, s2] = shapes as [Shape, Shape];
    const [a1, a2] = this.resolveAxes(s1.length, s2.length);
    if (s1.length < 2 || s2.length < 2 || a1 < 1 || a1 >= s1.length || a2 < 1 || a2 >= s2.length) {
      throw new tf.ShapeError(
        `${this.name}: axes ${JSON.stringify(this.axes)} must name a non-batch axis of each input; received shapes ${formatShapes(shapes)}`,
      );
    }
    const d1 = s1[a1] ?? null;
    const d2 = s2[a2] ?? null;
    if (d1 !== null && d2 !== null && d1 !== d2) {
      throw new tf.ShapeError(
        `${this.name}: summed axes differ in size, ${d1} (axis ${a1}) and ${d2} (axis ${a2}); received shapes ${formatShapes(shapes)}`,
      );
    }
    const rest = [
      ...s1.slice(1).filter((_, i) => i + 1 !== a1),
      ...s2.slice(1).filter((_, i) => i + 1 !== a2),
    ];
    return [s1[0] ?? s2[0] ?? null, ...(rest.length === 0 ? [1] : rest)];
  }

  protected mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    let [x1, x2] = inputs as [tf.Tensor, tf.Tensor];
    const [a1, a2] = this.resolveAxes(x1.rank, x2.rank);
    if (this.normalize) {
      x1 = l2Normalize(x1, a1);
      x2 = l2Normalize(x2, a2);
    }
    const batch = x1.shape[0] as number;
    const n = x1.shape[a1] as number;
    const others1 = x1.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a1);
    const others2 = x2.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a2);
    // [batch, rest1, n] · [batch, n, rest2] as one batched matmul.
    const left = tf.reshape(tf.transpose(x1, [0, ...others1, a1]), [batch, -1, n]) as tf.Tensor3D;
    const right = tf.reshape(tf.transpose(x2, [0, a2, ...others2]), [batch, n, -1]) as tf.Tensor3D;
    const product = tf.matMul(left, right);
    const rest = [
      ...others1.map((i) => x1.shape[i] as number),
      ...others2.map((i) => x2.shape[i] as number),
    ];
    return tf.reshape(product, [batch, ...(rest.length === 0 ? [1] : rest)]);
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      axes: typeof this.axes === 'number' ? this.axes : [...this.axes],
      normalize: this.normalize,
    };
  }
}

/** Creates a {@link Dot} layer. @example dot({ axes: 1 }).apply([x1, x2]) */
export function dot(args: DotArgs): Dot {
  return new Dot(args);
}
