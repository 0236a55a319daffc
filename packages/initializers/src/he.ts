import { type SeedOnlyArgs, variancePresetClass } from './preset-args.js';

/**
 * He uniform: `U(-limit, limit)` with `limit = sqrt(6 / fanIn)`, i.e. variance scaling with
 * scale 2, `fanIn`, uniform (He et al., 2015, https://arxiv.org/abs/1502.01852).
 * @example heUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const HeUniform = variancePresetClass('HeUniform', {
  scale: 2,
  mode: 'fanIn',
  distribution: 'uniform',
});
/** An instance of {@link HeUniform}. */
export type HeUniform = InstanceType<typeof HeUniform>;

/**
 * He normal: truncated normal with stddev `sqrt(2 / fanIn) / 0.8796…`, i.e. variance scaling
 * with scale 2, `fanIn`, truncated normal (He et al., 2015).
 * @example heNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export const HeNormal = variancePresetClass('HeNormal', {
  scale: 2,
  mode: 'fanIn',
  distribution: 'truncatedNormal',
});
/** An instance of {@link HeNormal}. */
export type HeNormal = InstanceType<typeof HeNormal>;

/**
 * Creates a {@link HeUniform} initializer.
 * @example heUniform({ seed: 42 });
 */
export function heUniform(args: SeedOnlyArgs = {}): HeUniform {
  return new HeUniform(args);
}

/**
 * Creates a {@link HeNormal} initializer.
 * @example heNormal({ seed: 42 });
 */
export function heNormal(args: SeedOnlyArgs = {}): HeNormal {
  return new HeNormal(args);
}
