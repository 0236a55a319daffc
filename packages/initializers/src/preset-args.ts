import type * as tf from '@dendrite/tensor';
import { checkKeys } from './initializer.js';
import { type Distribution, type FanMode, VarianceScaling } from './variance-scaling.js';

/** Options of the preset variance-scaling initializers (Glorot, He, LeCun). */
export interface SeedOnlyArgs {
  /** Seed; without one, each `apply` draws a seed from the global stream (`tf.setSeed`). @defaultValue undefined */
  readonly seed?: number | null;
}

/** Validates `{seed}` and returns it for the preset's fixed variance-scaling options. */
export function presetArgs(owner: string, args: SeedOnlyArgs): SeedOnlyArgs {
  checkKeys(owner, args, ['seed']);
  return { seed: args.seed };
}

/** The fixed variance-scaling options of a preset. */
export interface VariancePreset {
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: Distribution;
}

/** A class made by {@link variancePresetClass}: a {@link VarianceScaling} taking only a seed. */
export interface VariancePresetClass {
  new (args?: SeedOnlyArgs): VarianceScaling;
  readonly className: string;
  fromConfig(config: tf.ConfigDict): VarianceScaling;
}

/**
 * Builds a named {@link VarianceScaling} preset (Glorot, He, LeCun): it takes only `{seed}`,
 * reports its own class name, and its config is `{seed}`.
 * @example const HeUniform = variancePresetClass('HeUniform', { scale: 2, mode: 'fanIn', distribution: 'uniform' });
 */
export function variancePresetClass(
  className: string,
  preset: VariancePreset,
): VariancePresetClass {
  class Preset extends VarianceScaling {
    static override readonly className: string = className;

    constructor(args: SeedOnlyArgs = {}) {
      const { seed } = presetArgs(className, args);
      super({ ...preset, seed }, className);
    }

    override getClassName(): string {
      return className;
    }

    override getConfig(): tf.ConfigDict {
      return { seed: this.seed ?? null };
    }

    static override fromConfig(config: tf.ConfigDict): Preset {
      return new Preset(config as SeedOnlyArgs);
    }
  }
  // Stack traces and `constructor.name` show the preset's name rather than the factory's.
  Object.defineProperty(Preset, 'name', { value: className });
  return Preset;
}
