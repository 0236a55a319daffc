import type * as tf from '@dendrite/tensor';
import { presetArgs, type SeedOnlyArgs } from './preset-args.js';
import { VarianceScaling } from './variance-scaling.js';

/**
 * LeCun uniform: `U(-limit, limit)` with `limit = sqrt(3 / fanIn)`, i.e. variance scaling with
 * scale 1, `fanIn`, uniform (LeCun et al., 1998, "Efficient BackProp").
 * @example leCunUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export class LeCunUniform extends VarianceScaling {
  static override readonly className: string = 'LeCunUniform';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(LeCunUniform.className, args);
    super({ scale: 1, mode: 'fanIn', distribution: 'uniform', seed }, LeCunUniform.className);
  }

  override getClassName(): string {
    return LeCunUniform.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): LeCunUniform {
    return new LeCunUniform(config as SeedOnlyArgs);
  }
}

/**
 * LeCun normal: truncated normal with stddev `sqrt(1 / fanIn) / 0.8796…`, i.e. variance
 * scaling with scale 1, `fanIn`, truncated normal (used with selu, Klambauer et al., 2017).
 * @example leCunNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export class LeCunNormal extends VarianceScaling {
  static override readonly className: string = 'LeCunNormal';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(LeCunNormal.className, args);
    super(
      { scale: 1, mode: 'fanIn', distribution: 'truncatedNormal', seed },
      LeCunNormal.className,
    );
  }

  override getClassName(): string {
    return LeCunNormal.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): LeCunNormal {
    return new LeCunNormal(config as SeedOnlyArgs);
  }
}

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
