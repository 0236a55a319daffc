import * as tf from '@dendrite/tensor';
import { BaseInitializer, checkFloatDtype, checkKeys, checkSeed } from './initializer.js';

/** Options of {@link Orthogonal}. */
export interface OrthogonalArgs {
  /** Multiplies the orthogonal matrix. @defaultValue 1 */
  readonly gain?: number;
  /** Seed; without one, each `apply` draws a seed from the global stream (`tf.setSeed`). @defaultValue undefined */
  readonly seed?: number | null;
}

/** Defaults of {@link Orthogonal} (Keras). */
export const ORTHOGONAL_DEFAULTS = Object.freeze({ gain: 1 });

/**
 * A random orthogonal matrix times `gain` (Saxe et al., 2014, https://arxiv.org/abs/1312.6120),
 * computed as Keras does: the shape is flattened to `[prod(shape[:-1]), shape[-1]]`, a normal
 * matrix is QR-factored, Q's columns are sign-corrected by `diag(R)`, and Q is transposed when
 * there are fewer rows than columns. The rows (or columns, whichever are fewer) are orthonormal.
 * The QR runs on tfjs-core ops: fine for typical kernels, slow past ~1000 columns.
 * @example orthogonal({ gain: 1, seed: 1 }).apply([64, 32]);
 */
export class Orthogonal extends BaseInitializer {
  static readonly className = 'Orthogonal';
  readonly gain: number;
  readonly seed: number | undefined;

  constructor(args: OrthogonalArgs = {}) {
    super();
    checkKeys(Orthogonal.className, args, ['gain', 'seed']);
    this.gain = tf.checkNumber(Orthogonal.className, 'gain', args.gain ?? ORTHOGONAL_DEFAULTS.gain);
    this.seed = checkSeed(Orthogonal.className, args.seed);
  }

  protected generate(shape: number[], dtype: tf.DataType): tf.Tensor {
    checkFloatDtype(Orthogonal.className, dtype);
    if (shape.length < 2) {
      throw new tf.ShapeError(
        tf.configMessage(Orthogonal.className, 'shape', 'of rank >= 2', shape),
      );
    }
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1] as number;
    const flat: [number, number] = [Math.max(rows, cols), Math.min(rows, cols)];
    const a = tf.randomNormal(flat, 0, 1, 'float32', this.seed ?? tf.nextSeed()) as tf.Tensor2D;
    const [q, r] = tf.linalg.qr(a, false) as [tf.Tensor2D, tf.Tensor2D];
    // Sign-correct so Q is uniformly distributed (Mezzadri, 2007): multiply column j by sign(R_jj).
    const signs = tf.sign(tf.sum(tf.mul(r, tf.eye(flat[1])), 0));
    let result: tf.Tensor2D = tf.mul(q, signs);
    if (rows < cols) result = tf.transpose(result);
    return tf.reshape(tf.mul(result, this.gain), shape);
  }

  getClassName(): string {
    return Orthogonal.className;
  }

  getConfig(): tf.ConfigDict {
    return { gain: this.gain, seed: this.seed ?? null };
  }

  static fromConfig(config: tf.ConfigDict): Orthogonal {
    return new Orthogonal(config as OrthogonalArgs);
  }
}

/**
 * Creates an {@link Orthogonal} initializer.
 * @example orthogonal({ gain: 1, seed: 42 });
 */
export function orthogonal(args: OrthogonalArgs = {}): Orthogonal {
  return new Orthogonal(args);
}
