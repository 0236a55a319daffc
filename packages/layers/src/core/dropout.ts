import * as tf from '@dendrite/tensor';
import { Layer, type LayerArgs, type LayerIO } from '../layer.js';
import type { CallArgs } from '../symbolic-tensor.js';
import { fusedDropout } from './native-fusions.js';

/** Config of {@link Dropout}. */
export interface DropoutArgs extends LayerArgs {
  /** Fraction of inputs to drop, in [0, 1). */
  readonly rate: number;
  /** Shape of the binary mask (broadcast over `null`/1 dims), e.g. `[null, 1, null]`. @defaultValue the input's shape */
  readonly noiseShape?: ReadonlyArray<number | null>;
  /** Seed of the masks; `tf.setSeed` makes them repeatable too. @defaultValue from the global seed stream */
  readonly seed?: number;
}

/**
 * The scaled keep-mask of inverted dropout: each entry is `1 / (1 - rate)` with probability
 * `1 - rate`, else 0. Drawn in one pass of a fast seeded generator and uploaded once — tfjs'
 * `dropout` draws through a much slower per-element generator, which dominated training steps.
 */
export function dropoutMask(
  shape: readonly number[],
  rate: number,
  rng: tf.RandomGenerator,
): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = rng.fillMask(new Float32Array(size), rate, 1 / (1 - rate));
  return tf.tensor(values, [...shape]);
}

/**
 * Inverted dropout: in training, zeroes a `rate` fraction of inputs and scales the rest by
 * `1 / (1 - rate)`; outside training it is the identity.
 * @example dropout({ rate: 0.3 })
 */
export class Dropout extends Layer {
  static override readonly className = 'Dropout';

  /** A Keras mask passes through unchanged. */
  override get supportsMasking(): boolean {
    return true;
  }
  readonly rate: number;
  readonly noiseShape: ReadonlyArray<number | null> | undefined;
  readonly seed: number | undefined;
  private seedStream: tf.RandomGenerator | undefined;

  constructor(args: DropoutArgs) {
    super(args);
    tf.checkNumber('Dropout', 'rate', args?.rate, { min: 0, max: 1, maxExclusive: true });
    this.rate = args.rate;
    this.noiseShape = args.noiseShape ? [...args.noiseShape] : undefined;
    this.seed = args.seed ?? undefined;
  }

  call(inputs: LayerIO, args: CallArgs): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (!args.training || this.rate === 0) return tf.clone(x);
    const rng = this.maskGenerator();
    const maskShape = this.noiseShape
      ? this.noiseShape.map((dim, i) => dim ?? (x.shape[i] as number))
      : x.shape;
    const fused = this.noiseShape ? undefined : fusedDropout(x, this.rate, rng);
    return fused ?? tf.mul(x, dropoutMask(maskShape, this.rate, rng));
  }

  /** The generator of the next mask: the layer's seeded stream, or a fresh one from the global seed. */
  private maskGenerator(): tf.RandomGenerator {
    // A layer seed starts its own stream so each call draws a fresh, repeatable mask.
    if (this.seed !== undefined) this.seedStream ??= tf.createRandom(this.seed);
    return this.seedStream ?? tf.createRandom(tf.nextSeed());
  }

  /**
   * The generator state a training call's full-shape mask of `size` entries would start from,
   * moving the layer on exactly as that call does: for an engine that draws the same mask inside a
   * fused kernel (`DendriteDenseChainGrad`) instead of calling the layer.
   */
  maskSeed(size: number): number {
    const rng = this.maskGenerator();
    const seed = rng.getState();
    rng.setState(tf.dropoutStateAfter(seed, size));
    return seed;
  }

  override getConfig(): tf.ConfigDict {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape ? [...this.noiseShape] : null,
      seed: this.seed ?? null,
    };
  }
}

/** Creates a {@link Dropout} layer. */
export function dropout(args: DropoutArgs): Dropout {
  return new Dropout(args);
}
