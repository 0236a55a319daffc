import { type SeedOnlyArgs, variancePresetClass } from './preset-args.js';

/**
 * LeCun uniform: `U(-limit, limit)` with `limit = sqrt(3 / fanIn)`, i.e. variance scaling with
 * scale 1, `fanIn`, uniform (LeCun et al., 1998, "Efficient BackProp").
 * @example leCunUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const LeCunUniform = variancePresetClass('LeCunUniform', {
  scale: 1,
  mode: 'fanIn',
  distribution: 'uniform',
});
/** An instance of {@link LeCunUniform}. */
export type LeCunUniform = InstanceType<typeof LeCunUniform>;

/**
 * LeCun normal: truncated normal with stddev `sqrt(1 / fanIn) / 0.8796…`, i.e. variance
 * scaling with scale 1, `fanIn`, truncated normal (used with selu, Klambauer et al., 2017).
 * @example leCunNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const LeCunNormal = variancePresetClass('LeCunNormal', {
  scale: 1,
  mode: 'fanIn',
  distribution: 'truncatedNormal',
});
/** An instance of {@link LeCunNormal}. */
export type LeCunNormal = InstanceType<typeof LeCunNormal>;

/**
 * Creates a {@link LeCunUniform} initializer.
 * @example leCunUniform({ seed: 42 });
 */
export function leCunUniform(args: SeedOnlyArgs = {}): LeCunUniform {
  return new LeCunUniform(args);
}

/**
 * Creates a {@link LeCunNormal} initializer.
 * @example leCunNormal({ seed: 42 });
 */
export function leCunNormal(args: SeedOnlyArgs = {}): LeCunNormal {
  return new LeCunNormal(args);
}
