import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

/** Config of {@link SpatialDropout1D}. */
export type SpatialDropout1DArgs = SpatialDropoutArgs;

/**
 * Dropout of whole channels of sequences `[batch, steps, channels]`: one mask entry per
 * sample and channel, shared by every step.
 * @example spatialDropout1d({ rate: 0.2 })
 */
export class SpatialDropout1D extends SpatialDropout {
  static override readonly className = 'SpatialDropout1D';
  protected readonly inputRank = 3;

  protected maskShape(shape: readonly number[]): number[] {
    return [shape[0] as number, 1, shape[2] as number];
  }
}

/** Creates a {@link SpatialDropout1D} layer. @example spatialDropout1d({ rate: 0.1, seed: 2 }) */
export function spatialDropout1d(args: SpatialDropout1DArgs): SpatialDropout1D {
  return new SpatialDropout1D(args);
}
