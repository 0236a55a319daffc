import * as tf from '@dendrite/tensor';

/**
 * Where a noise layer gets its randomness: a layer seed starts one stream of its own, so each
 * call draws fresh but repeatable noise; without one, each call takes a seed from the global
 * stream (`tf.setSeed` makes that repeatable too).
 */
export class NoiseSource {
  private stream: tf.RandomGenerator | undefined;

  constructor(readonly seed: number | undefined) {}

  /** The generator for one call. */
  generator(): tf.RandomGenerator {
    if (this.seed === undefined) return tf.createRandom(tf.nextSeed());
    this.stream ??= tf.createRandom(this.seed);
    return this.stream;
  }
}

/**
 * A tensor of normal draws with the given mean and standard deviation, drawn in one pass of
 * the fast seeded generator (Box-Muller, both outputs used) and uploaded once.
 */
export function normalNoise(
  shape: readonly number[],
  mean: number,
  stddev: number,
  rng: tf.RandomGenerator,
): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - rng.next())) * stddev;
    const angle = 2 * Math.PI * rng.next();
    values[i] = mean + radius * Math.cos(angle);
    if (i + 1 < size) values[i + 1] = mean + radius * Math.sin(angle);
  }
  return tf.tensor(values, [...shape]);
}

/** A tensor of 1s where a uniform draw in [0, 1) is `>= rate` and 0s elsewhere (Keras' keep mask). */
export function keepMask(
  shape: readonly number[],
  rate: number,
  rng: tf.RandomGenerator,
): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.next() >= rate ? 1 : 0;
  return tf.tensor(values, [...shape]);
}

/** Reads a drop `rate` in [0, 1) for `owner`. */
export function checkRate(owner: string, rate: unknown): number {
  return tf.checkNumber(owner, 'rate', rate, { min: 0, max: 1, maxExclusive: true });
}

/** Reads an optional integer `seed` in [0, 2^32) for `owner`. */
export function checkSeed(owner: string, seed: unknown): number | undefined {
  if (seed === undefined || seed === null) return undefined;
  return tf.checkNumber(owner, 'seed', seed, { integer: true, min: 0, max: 0xffffffff });
}
