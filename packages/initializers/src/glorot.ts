import type * as tf from '@dendrite/tensor';
import { presetArgs, type SeedOnlyArgs } from './preset-args.js';
import { VarianceScaling } from './variance-scaling.js';

/**
 * Glorot (Xavier) uniform: `U(-limit, limit)` with `limit = sqrt(6 / (fanIn + fanOut))`,
 * i.e. variance scaling with scale 1, `fanAvg`, uniform (Glorot & Bengio, 2010).
 * @example glorotUniform({ seed: 1 }).apply([784, 128]);
 */
export class GlorotUniform extends VarianceScaling {
  static override readonly className: string = 'GlorotUniform';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(GlorotUniform.className, args);
    super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', seed }, GlorotUniform.className);
  }

  override getClassName(): string {
    return GlorotUniform.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): GlorotUniform {
    return new GlorotUniform(config as SeedOnlyArgs);
  }
}

/**
 * Glorot (Xavier) normal: truncated normal with stddev `sqrt(2 / (fanIn + fanOut)) / 0.8796…`,
 * i.e. variance scaling with scale 1, `fanAvg`, truncated normal.
 * @example glorotNormal({ seed: 1 }).apply([784, 128]);
 */
export class GlorotNormal extends VarianceScaling {
  static override readonly className: string = 'GlorotNormal';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(GlorotNormal.className, args);
    super(
      { scale: 1, mode: 'fanAvg', distribution: 'truncatedNormal', seed },
      GlorotNormal.className,
    );
  }

  override getClassName(): string {
    return GlorotNormal.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): GlorotNormal {
    return new GlorotNormal(config as SeedOnlyArgs);
  }
}

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
