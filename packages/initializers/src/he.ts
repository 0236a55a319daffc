import type * as tf from '@dendrite/tensor';
import { presetArgs, type SeedOnlyArgs } from './preset-args.js';
import { VarianceScaling } from './variance-scaling.js';

/**
 * He uniform: `U(-limit, limit)` with `limit = sqrt(6 / fanIn)`, i.e. variance scaling with
 * scale 2, `fanIn`, uniform (He et al., 2015, https://arxiv.org/abs/1502.01852).
 * @example heUniform({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export class HeUniform extends VarianceScaling {
  static override readonly className: string = 'HeUniform';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(HeUniform.className, args);
    super({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed }, HeUniform.className);
  }

  override getClassName(): string {
    return HeUniform.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): HeUniform {
    return new HeUniform(config as SeedOnlyArgs);
  }
}

/**
 * He normal: truncated normal with stddev `sqrt(2 / fanIn) / 0.8796…`, i.e. variance scaling
 * with scale 2, `fanIn`, truncated normal (He et al., 2015).
 * @example heNormal({ seed: 1 }).apply([3, 3, 16, 32]);
 */
export class HeNormal extends VarianceScaling {
  static override readonly className: string = 'HeNormal';

  constructor(args: SeedOnlyArgs = {}) {
    const { seed } = presetArgs(HeNormal.className, args);
    super({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal', seed }, HeNormal.className);
  }

  override getClassName(): string {
    return HeNormal.className;
  }

  override getConfig(): tf.ConfigDict {
    return { seed: this.seed ?? null };
  }

  static override fromConfig(config: tf.ConfigDict): HeNormal {
    return new HeNormal(config as SeedOnlyArgs);
  }
}

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
