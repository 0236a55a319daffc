import { type SeedOnlyArgs, variancePresetClass } from './preset-args.js';

/**
 * Glorot (Xavier) uniform: `U(-limit, limit)` with `limit = sqrt(6 / (fanIn + fanOut))`,
 * i.e. variance scaling with scale 1, `fanAvg`, uniform (Glorot & Bengio, 2010).
 * @example glorotUniform({ seed: 1 }).apply([784, 128]);
 */
export const GlorotUniform = variancePresetClass('GlorotUniform', {
  scale: 1,
  mode: 'fanAvg',
  distribution: 'uniform',
});
/** An instance of {@link GlorotUniform}. */
export type GlorotUniform = InstanceType<typeof GlorotUniform>;

/**
 * Glorot (Xavier) normal: truncated normal with stddev `sqrt(2 / (fanIn + fanOut)) / 0.8796…`,
 * i.e. variance scaling with scale 1, `fanAvg`, truncated normal.
 * @example glorotNormal({ seed: 1 }).apply([784, 128]);
 */
export const GlorotNormal = variancePresetClass('GlorotNormal', {
  scale: 1,
  mode: 'fanAvg',
  distribution: 'truncatedNormal',
});
/** An instance of {@link GlorotNormal}. */
export type GlorotNormal = InstanceType<typeof GlorotNormal>;

/**
 * Creates a {@link GlorotUniform} initializer (the Keras default for kernels).
 * @example glorotUniform({ seed: 42 });
 */
export function glorotUniform(args: SeedOnlyArgs = {}): GlorotUniform {
  return new GlorotUniform(args);
}

/**
 * Creates a {@link GlorotNormal} initializer.
 * @example glorotNormal({ seed: 42 });
 */
export function glorotNormal(args: SeedOnlyArgs = {}): GlorotNormal {
  return new GlorotNormal(args);
}
