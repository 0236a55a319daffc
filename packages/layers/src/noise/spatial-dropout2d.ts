import type * as tf from '@dendrite/tensor';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-utils.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

/** Config of {@link SpatialDropout2D}. */
export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  /** Where the channels axis of the images is. @defaultValue 'channelsLast' */
  readonly dataFormat?: DataFormat;
}

/** Defaults of {@link SpatialDropout2DArgs}. */
export const SPATIAL_DROPOUT_2D_DEFAULTS = Object.freeze({
  dataFormat: 'channelsLast' as DataFormat,
});

/**
 * Dropout of whole feature maps of images `[batch, rows, cols, channels]` (or channels
 * first): one mask entry per sample and channel, shared by every pixel.
 * @example spatialDropout2d({ rate: 0.2 })
 */
export class SpatialDropout2D extends SpatialDropout {
  static override readonly className = 'SpatialDropout2D';
  protected readonly inputRank = 4;
  readonly dataFormat: DataFormat;

  constructor(args: SpatialDropout2DArgs) {
    super(args);
    this.dataFormat = checkDataFormat('SpatialDropout2D', args.dataFormat);
  }

  protected maskShape(shape: readonly number[]): number[] {
    const [batch, a, , d] = shape as [number, number, number, number];
    return this.dataFormat === 'channelsFirst' ? [batch, a, 1, 1] : [batch, 1, 1, d];
  }

  override getConfig(): tf.ConfigDict {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

/** Creates a {@link SpatialDropout2D} layer. @example spatialDropout2d({ rate: 0.1 }) */
export function spatialDropout2d(args: SpatialDropout2DArgs): SpatialDropout2D {
  return new SpatialDropout2D(args);
}
