import { type SeedOnlyArgs, type VariancePreset, variancePresetClass } from './preset-args.js';

// Keras' named variance-scaling initializers: each fixes `scale`, `mode` and `distribution`
// and takes only a seed.

const PRESETS = {
  GlorotUniform: { scale: 1, mode: 'fanAvg', distribution: 'uniform' },
  GlorotNormal: { scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal' },
  HeUniform: { scale: 2, mode: 'fanIn', distribution: 'uniform' },
  HeNormal: { scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' },
  LeCunUniform: { scale: 1, mode: 'fanIn', distribution: 'uniform' },
  LeCunNormal: { scale: 1, mode: 'fanIn', distribution: 'truncatedNormal' },
} as const satisfies Record<string, VariancePreset>;

/**
 * Glorot (Xavier) uniform: `U(-limit, limit)` with `limit = sqrt(6 / (fanIn + fanOut))`,
 * i.e. variance scaling with scale 1, `fanAvg`, uniform (Glorot & Bengio, 2010).
 * @example glorotUniform({ seed: 1 }).apply([784, 128]);
 */
export const GlorotUniform = variancePresetClass('GlorotUniform', PRESETS.GlorotUniform);
/**
 * Glorot (Xavier) normal: truncated normal with stddev `sqrt(2 / (fanIn + fanOut)) / 0.8796…`,
 * i.e. variance scaling with scale 1, `fanAvg`, truncated normal.
 * @example glorotNormal({ seed: 1 }).apply([784, 128]);
 */
export const GlorotNormal = variancePresetClass('GlorotNormal', PRESETS.GlorotNormal);
/**
 * He uniform: `U(-limit, limit)` with `limit = sqrt(6 / fanIn)`, i.e. variance scaling with
 * scale 2, `fanIn`, uniform (He et al., 2015, https://arxiv.org/abs/1502.01852).
 * @example heUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const HeUniform = variancePresetClass('HeUniform', PRESETS.HeUniform);
/**
 * He normal: truncated normal with stddev `sqrt(2 / fanIn) / 0.8796…`, i.e. variance scaling
 * with scale 2, `fanIn`, truncated normal (He et al., 2015).
 * @example heNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const HeNormal = variancePresetClass('HeNormal', PRESETS.HeNormal);
/**
 * LeCun uniform: `U(-limit, limit)` with `limit = sqrt(3 / fanIn)`, i.e. variance scaling with
 * scale 1, `fanIn`, uniform (LeCun et al., 1998, "Efficient BackProp").
 * @example leCunUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const LeCunUniform = variancePresetClass('LeCunUniform', PRESETS.LeCunUniform);
/**
 * LeCun normal: truncated normal with stddev `sqrt(1 / fanIn) / 0.8796…`, i.e. variance
 * scaling with scale 1, `fanIn`, truncated normal (used with selu, Klambauer et al., 2017).
 * @example leCunNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const LeCunNormal = variancePresetClass('LeCunNormal', PRESETS.LeCunNormal);

/** An instance of {@link GlorotUniform}. */
export type GlorotUniform = InstanceType<typeof GlorotUniform>;
/** An instance of {@link GlorotNormal}. */
export type GlorotNormal = InstanceType<typeof GlorotNormal>;
/** An instance of {@link HeUniform}. */
export type HeUniform = InstanceType<typeof HeUniform>;
/** An instance of {@link HeNormal}. */
export type HeNormal = InstanceType<typeof HeNormal>;
/** An instance of {@link LeCunUniform}. */
export type LeCunUniform = InstanceType<typeof LeCunUniform>;
/** An instance of {@link LeCunNormal}. */
export type LeCunNormal = InstanceType<typeof LeCunNormal>;

/**
 * Creates a {@link GlorotUniform} initializer (the Keras default for kernels).
 * @example glorotUniform({ seed: 42 });
 */
export const glorotUniform = (args: SeedOnlyArgs = {}): GlorotUniform => new GlorotUniform(args);
/**
 * Creates a {@link GlorotNormal} initializer.
 * @example glorotNormal({ seed: 42 });
 */
export const glorotNormal = (args: SeedOnlyArgs = {}): GlorotNormal => new GlorotNormal(args);
/**
 * Creates a {@link HeUniform} initializer.
 * @example heUniform({ seed: 42 });
 */
export const heUniform = (args: SeedOnlyArgs = {}): HeUniform => new HeUniform(args);
/**
 * Creates a {@link HeNormal} initializer.
 * @example heNormal({ seed: 42 });
 */
export const heNormal = (args: SeedOnlyArgs = {}): HeNormal => new HeNormal(args);
/**
 * Creates a {@link LeCunUniform} initializer.
 * @example leCunUniform({ seed: 42 });
 */
export const leCunUniform = (args: SeedOnlyArgs = {}): LeCunUniform => new LeCunUniform(args);
/**
 * Creates a {@link LeCunNormal} initializer.
 * @example leCunNormal({ seed: 42 });
 */
export const leCunNormal = (args: SeedOnlyArgs = {}): LeCunNormal => new LeCunNormal(args);
