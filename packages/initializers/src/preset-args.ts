import { checkKeys } from './initializer.js';

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
